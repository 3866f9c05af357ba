"""The story-quality benchmark: each metric on tiny hand-made inputs, and the whole report on a scripted run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import prompt_metrics as pm  # noqa: E402
import quality_metrics as qm  # noqa: E402
import story_quality  # noqa: E402

from agent.graph.context import build_settings  # noqa: E402
from agent.run.runner import Runner  # noqa: E402
from agent.storage.folder import RunDir  # noqa: E402
from tests.fakes import FakeProvider  # noqa: E402
from tests.scripted import respond as scripted_respond, scripted_factory  # noqa: E402

REFS = ROOT / "references" / "chatgpt-launch"
SHEET = {
    "medium": "colorful digital drawing",
    "palette": [{"name": "deep teal", "hex": "#0f766e"}, {"name": "sunrise orange", "hex": "#f97316"}],
    "lighting": "bright morning light",
    "framing": "wide-landscape, eye-level",
    "mood": "optimistic",
    "required_phrases": ["colorful, bright wide-landscape drawing", "graphic-novel panel"],
}


# ---- prose ---------------------------------------------------------------------------------------


def test_footnotes_become_inline_ids_before_the_final_stop():
    md = "OpenAI shipped it.[^1] Users came[^2]. Then more.[^1][^3]\n\n[^1]: The story [mit.p1]\n[^2]: A source\n[^3]: Explainer [gen.p4]\n"
    assert qm.resolve_footnotes(md) == "OpenAI shipped it [mit.p1]. Users came. Then more [mit.p1][gen.p4].\n\n"
    assert qm.sentences_of(md) == ["OpenAI shipped it [mit.p1].", "Users came.", "Then more [mit.p1][gen.p4]."]


def test_word_count_ignores_markers_and_keeps_compounds_whole():
    assert qm.word_count("GPT-3.5 launched in the U.S. [a.p1][dramatized].") == 5
    assert qm.word_count("It didn’t wait [^1].") == 3


@pytest.mark.parametrize("sentence, reason", [
    ("The ChatGPT launch [x.p3].", "no finite verb"),
    ("A surge of new users.", "no finite verb"),
    ("[x.p3].", "lone citation"),
    ("It was launched in late", "ends mid-clause"),
    ("OpenAI released it because.", "ends mid-clause"),
    ("The team had doubts,", "ends mid-clause"),
    ("OpenAI released ChatGPT [x.p1].", None),
    ("Engineers work late.", None),
    ("They ran the servers hot, and the users came.", None),
    ("“Not yet.”", None),
    ("The model makes mistakes.", None),
])
def test_fragment_reasons(sentence, reason):
    assert qm.fragment(sentence) == reason


def test_unclosed_quotes_count_per_paragraph():
    assert qm.unclosed_quotes('He said "ship it. Then he left.') == 1
    assert qm.unclosed_quotes("“One,” she said. “Two") == 1
    assert qm.unclosed_quotes('"A" and “B” closed.') == 0


# ---- copying -------------------------------------------------------------------------------------


def test_copied_ngrams_skip_quotes_and_markers():
    refs = qm.reference_ngrams(["One two three four five six seven eight nine."], n=3)
    # outside quotes: "One, two three [a.p1] four" -> (one two three), (two three four): both copied;
    # "nine ten" has no 3-gram; "zero one two" -> (zero one two): not copied. The quoted span is skipped.
    copied, total = qm.copied_ngrams(['One, two three [a.p1] four "five six seven eight" nine ten', "Zero one two."], refs, n=3)
    assert (copied, total) == (2, 3)


def test_ngrams_and_plain_words():
    assert qm.plain_words("ChatGPT’s launch—fast!") == ["chatgpt", "s", "launch", "fast"]
    assert qm.ngrams(["a", "b", "c"], 2) == [("a", "b"), ("b", "c")]
    assert qm.ngrams(["a"], 2) == []


# ---- image prompts -------------------------------------------------------------------------------


def test_scene_of_a_labelled_prompt_drops_head_phrases_and_labels():
    prompt = ("3: A colorful, bright wide-landscape drawing showing engineers around a laptop at night. "
              "Graphic-novel panel. Palette: deep teal (#0f766e), sunrise orange (#f97316). "
              "Lighting: bright morning light. Framing: wide-landscape, eye-level. Mood: optimistic.")
    assert pm.scene_of(prompt, SHEET) == "engineers around a laptop at night."


def test_scene_of_a_prompt_with_one_style_sentence():
    prompt = ("1: A colorful, bright wide-landscape drawing. A crowd waits outside a lab at dawn. "
              "Deep teal and sunrise orange tones in bright morning light, an optimistic mood.")
    assert pm.scene_of(prompt, SHEET) == "A crowd waits outside a lab at dawn."
    # one sheet item alone is scene, not style
    assert pm.scene_of("1: A colorful, bright wide-landscape drawing. Bright morning light falls on a desk.", SHEET) \
        == "Bright morning light falls on a desk."


def test_scene_of_a_prompt_without_a_style_sheet():
    prompt = ("4: A colorful, bright wide-landscape drawing depicting a war room full of screens. "
              "The art style should be vibrant. The color scheme should use warm tones. Lighting: soft.")
    assert pm.scene_of(prompt) == "a war room full of screens."
    assert pm.scene_words("a war room full of screens.") == 6


def test_title_repeat_and_overlap():
    assert pm.repeats_title("The Quiet Release.", "A Quiet Release")
    assert pm.repeats_title("Engineers at a desk. The quiet release of ChatGPT.", "A Quiet Release")
    assert not pm.repeats_title("Engineers watch the quiet release on a laptop at night.", "A Quiet Release")
    assert not pm.repeats_title("", "A Quiet Release")
    # content words {engineers, laptop, night} and {engineers, crowd, night}: 2 shared of 4
    assert pm.jaccard("engineers at a laptop at night", "engineers in a crowd at night") == 0.5
    assert pm.max_overlap(["a b", "engineers laptop", "engineers laptop crowd"]) == pytest.approx(2 / 3)
    assert pm.max_overlap(["one scene"]) is None


def test_raw_pass_share_reads_the_report_defensively():
    entry = lambda **kw: {"file": "01-a.png", "kind": "image", "checks": {}, "passes": True, **kw}  # noqa: E731
    assert pm.raw_pass_share({"1": {"prompts": [entry()]}}) is None
    assert pm.raw_pass_share(None) is None
    report = {
        "1": {"prompts": [entry(raw_passes=True), entry(raw_checks={"palette": False, "length": True})]},
        "2": {"prompts": [entry(raw_problems=[]), entry(raw={"problems": ["missing required phrase: x"]}),
                          {"kind": "chart", "raw_passes": False}]},
    }
    assert pm.raw_pass_share(report) == 0.5


# ---- grounding and coverage ----------------------------------------------------------------------

CHECKS = [
    {"chapter": 1, "dramatized": ["The room was quiet."], "claims": [
        {"sentence": "OpenAI shipped ChatGPT.", "verdict": "supported", "evidence": [{"passage_id": "a.p1", "quote": "OpenAI shipped ChatGPT."}]},
        {"sentence": "It had 5 users, and they loved it.", "verdict": "supported", "evidence": [{"passage_id": "b.p2", "quote": "five"}]},
        {"sentence": "It had 5 users, and they loved it.", "verdict": "unsupported", "evidence": [{"passage_id": "c.p1", "quote": "x"}]},
    ]},
    {"chapter": 2, "dramatized": [], "claims": [
        {"sentence": "Users came.", "verdict": "supported", "evidence": [{"passage_id": "a.p1", "quote": "Users came in droves."}]},
    ]},
]


def test_sentence_verdicts_need_every_claim_supported():
    assert qm.sentence_verdicts(CHECKS) == {(1, "OpenAI shipped ChatGPT."): True, (1, "It had 5 users, and they loved it."): False,
                                            (2, "Users came."): True}


def test_unchecked_sentences_and_unlabeled_dramatized_ones():
    texts = {1: "The room was quiet [dramatized]. OpenAI shipped ChatGPT [a.p1]. It had 5 users, and they loved it.",
             2: "Users came [a.p1]. Nobody checked this sentence at all. A door opened slowly [dramatized]."}
    assert qm.unchecked(CHECKS, texts) == (["Nobody checked this sentence at all."], ["A door opened slowly."])


def test_used_passages_are_citations_and_best_evidence_of_supported_claims():
    texts = {1: "OpenAI shipped ChatGPT [a.p1][d.p3].", 2: "Users came.[^1]\n\n[^1]: Source [e.p2]"}
    assert qm.used_passages(texts, CHECKS) == {1: {"a.p1", "d.p3", "b.p2"}, 2: {"e.p2", "a.p1"}}


def test_lead_facts_and_what_tells_them():
    lead = "By Jane Doe.\n\nOpenAI released ChatGPT quietly in late November 2022. Millions of people tried the chatbot within days."
    facts = qm.lead_facts(lead)
    assert facts == ["OpenAI released ChatGPT quietly in late November 2022.", "Millions of people tried the chatbot within days."]
    # 4 of the 7 content words of the first fact are in one story sentence: told
    assert qm.tells(facts[0], ["In November, OpenAI released ChatGPT."], [])
    assert not qm.tells(facts[1], ["In November, OpenAI released ChatGPT."], [])
    # cited: a supported claim's evidence quote holds the fact
    assert qm.tells(facts[1], [], ["Millions of people tried the chatbot within days, and more came."])


# ---- the CLI -------------------------------------------------------------------------------------


def test_bad_run_folder_is_one_error_line(tmp_path, capsys):
    assert story_quality.main([str(tmp_path / "nope"), "--no-seed"]) == 2
    assert capsys.readouterr().err == f"Error: run folder {tmp_path / 'nope'} does not exist\n"
    (tmp_path / "empty").mkdir()
    assert story_quality.main([str(tmp_path / "empty"), "--no-seed"]) == 2
    assert "has no chapters/ and no story.md" in capsys.readouterr().err


def test_seed_file_parses_like_story_md(tmp_path):
    seed = tmp_path / "seeds" / "000_story.txt"
    seed.parent.mkdir()
    (seed.parent / "001_ref.txt").write_text("OpenAI released ChatGPT in November 2022 to the public.\n")
    seed.write_text(
        "# A Title\n\n<details><summary>Show Narrative Prompt</summary>\nWrite a story.\n</details>\n\n"
        "## Chapter 1: The Release\n![](./01-a.png)\n<details><summary>Show Image Prompt</summary>\n"
        "Please generate another drawing.\n1: A colorful drawing showing engineers at a desk.\n</details>\n\n"
        "OpenAI released ChatGPT in November 2022. \"We hoped,\" one said.\n\n"
        "![](chart.png)\n<details><summary>Show Image Prompt</summary>\n```python\nprint(1)\n```\n</details>\n\n"
        "## References\n\n* A source\n"
    )
    story = story_quality.load_seed(seed)
    assert list(story.chapters) == [1] and story.chapters[1][0] == "The Release"
    assert story.prompts == [(1, "1: A colorful drawing showing engineers at a desk.")]
    m = story_quality.measure(story)
    # the checker (no model) supports the sourced sentence and flags the invented quote
    assert m["words_per_chapter"] == [10] and m["scene_words"] == [4] and m["supported"] == 0.5
    assert m["passages_used"] == 1 and m["lead_facts"] == 1 and m["lead_facts_told"] == 1
