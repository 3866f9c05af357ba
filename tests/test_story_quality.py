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
    ("That adds more pressure.", None),
    ("These work differently.", None),
    ("And then, of course, people integrate.", None),
    ("Startups typically experience turnover.", None),
    ("I especially want to thank them.", None),
    ("It is what they were unaware of.", None),
    ("Not just analyze or classify.", "no finite verb"),
    ("The system does not actually.", "no verb after its helping verb"),
    ("They had not yet.", "no verb after its helping verb"),
    ("The system does not actually think.", None),
    ("The launch was early.", None),
    ("It seemed ordinary until it suddenly was not.", None),
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


def test_scene_of_drops_fixed_descriptions_given_as_labels():
    sheet = {**SHEET, "characters": [{"name": "Ada", "description": "a woman in a green coat"}]}
    prompt = ("1: A colorful, bright wide-landscape drawing showing Ada, a woman in a green coat, at a desk. "
              "Ada: a woman in a green coat. Mood: optimistic.")
    assert pm.scene_of(prompt, sheet) == "Ada, a woman in a green coat, at a desk."


def test_scene_of_a_prompt_with_one_style_sentence():
    prompt = ("1: A colorful, bright wide-landscape drawing. A crowd waits outside a lab at dawn. "
              "Deep teal and sunrise orange tones in bright morning light, an optimistic mood.")
    assert pm.scene_of(prompt, SHEET) == "A crowd waits outside a lab at dawn."
    # one sheet item alone is scene, not style; a color name inside a word is not the color
    assert pm.is_style_sentence("A hundred covered wagons.", ["red", "cover"]) is False
    assert pm.scene_of("1: A colorful, bright wide-landscape drawing. Bright morning light falls on a desk.", SHEET) \
        == "Bright morning light falls on a desk."


def test_scene_of_a_prompt_ending_on_a_drawn_in_sentence():
    prompt = ("2: A colorful, bright wide-landscape drawing showing two engineers lean over a laptop at night. "
              "Drawn in deep teal and sunrise orange, in bright morning light, with an optimistic mood; graphic-novel panel.")
    assert pm.scene_of(prompt, SHEET) == "two engineers lean over a laptop at night."


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
    # a report that keeps the checked text lists the problems found in the prompt as written
    assert pm.raw_pass_share({"1": {"prompts": [entry(prompt="1: A ...", problems=[]),
                                                entry(prompt="2: A ...", problems=["scene repeats the title"])]}}) == 0.5
    assert pm.raw_pass_share({"1": {"prompts": [entry(problems=[])]}}) is None


# ---- grounding and coverage ----------------------------------------------------------------------

CHECKS = [
    {"chapter": 1, "dramatized": ["The room was quiet."], "claims": [
        {"sentence": "OpenAI shipped ChatGPT.", "verdict": "supported", "evidence": [{"passage_id": "a.p1", "quote": "OpenAI shipped ChatGPT."}]},
        {"sentence": "It had 5 users, and they loved it.", "verdict": "supported", "evidence": [{"passage_id": "b.p2", "quote": "five"}]},
        {"sentence": "It had 5 users, and they loved it.", "verdict": "unsupported", "evidence": [{"passage_id": "c.p1", "quote": "x"}]},
    ]},
    {"chapter": 2, "dramatized": ["The wind howled outside."], "claims": [
        {"sentence": "Users came.", "verdict": "supported", "evidence": [{"passage_id": "a.p1", "quote": "Users came in droves."}]},
    ]},
]


def test_sentence_verdicts_need_every_claim_supported():
    assert qm.sentence_verdicts(CHECKS) == {(1, "OpenAI shipped ChatGPT."): True, (1, "It had 5 users, and they loved it."): False,
                                            (2, "Users came."): True}


def test_unchecked_sentences_and_unlabeled_dramatized_ones():
    texts = {1: "The room was quiet [dramatized]. OpenAI shipped ChatGPT [a.p1]. It had 5 users, and they loved it.",
             2: "Users came [a.p1]. Nobody checked this sentence at all. A door opened slowly [dramatized]. "
                "The wind howled outside."}
    # the last sentence has no marker (as in story.md) but fact_check.json labels it: it is not left out
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
    (tmp_path / "empty" / "story.md").write_text("## Chapter 1: One\n\nIt began.\n")
    (tmp_path / "empty" / "fact_check.json").write_text('{"chapters": [{"claims": [{"sentence": "It began."}]}]}')
    assert story_quality.main([str(tmp_path / "empty"), "--no-seed", "--refs", str(REFS)]) == 2
    assert capsys.readouterr().err == "Error: a run file has unexpected content (KeyError: 'chapter')\n"


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


def test_coverage_counts_passages_in_several_chapters_and_sources():
    from agent.state import Passage, Source

    sources = [Source(id="a", path=""), Source(id="b", path=""), Source(id="c", path="")]
    passages = [Passage(id=f"{s}.p{i}", source_id=s, text=t) for s, i, t in [
        ("a", 1, "OpenAI released ChatGPT quietly in November 2022."), ("a", 2, "Users flocked to it."),
        ("b", 1, "The model was trained with human feedback by contractors."), ("c", 1, "Unrelated gardening tips for spring bulbs.")]]
    story = story_quality.Story(name="x", chapters={1: ("One", "OpenAI released ChatGPT [a.p1]. Users came [a.p2]."),
                                                    2: ("Two", "It grew [a.p1][zz.p9].")}, sources=sources, passages=passages)
    m = story_quality.coverage(story, {n: body for n, (_, body) in story.chapters.items()},
                               ["OpenAI released ChatGPT [a.p1].", "Users came [a.p2].", "It grew [a.p1][zz.p9]."])
    # a.p1 in both chapters, a.p2 in one; zz.p9 is not a known passage; only source a is used
    assert (m["passages_used"], m["passages_in_several_chapters"], m["sources_used"], m["sources"]) == (2, 1, 1, 3)
    # lead facts: a.p1 (told: 3 of its 5 content words), b.p1 (not told); c.p1 has 6 content words, not told
    assert (m["lead_facts"], m["lead_facts_told"]) == (3, 1)


# ---- the whole benchmark on a run made by the real graph with a scripted model ----------------------

# Chapter 1 copies a reference sentence word for word, paraphrases another and ends on a fragment the
# writer's own check lets through (it has a word ending in -s); chapter 2 copies a sentence start and paraphrases one.
CHAPTERS = {
    1: ("Nobody Was Ready", "mit-tr-inside-story.p1", "Sandhini Agarwal calls it a research preview",
        "The office was quiet that evening [dramatized]. "
        "OpenAI, the San Francisco artificial-intelligence company, put ChatGPT out in late November 2022 with no "
        "fanfare and with few expectations for it [mit-tr-inside-story.p1]. "
        "Sandhini Agarwal said the company saw ChatGPT as a \"research preview\" [mit-tr-inside-story.p1]. "
        "A surge of new users [dramatized]."),
    2: ("The Rush of Users", "generative-ai-explained.p1", "ChatGPT reached 100 million users",
        "Three months after its release, ChatGPT had 100 million users [generative-ai-explained.p1]. "
        "ChatGPT reached those users by word of mouth, without paid advertising [generative-ai-explained.p1]. "
        "Servers hummed through the night [dramatized]."),
}
# The image prompts a person gives at the images approval: a 47-word scene, and one that is the chapter title.
SCENES = {
    1: "a small team of engineers in a dim San Francisco office watching one laptop screen as the first users type "
       "their questions, coffee cups and whiteboard notes around them, a wide city window glowing behind, and a "
       "single chat bubble rising above the desk like a lantern",
    2: "The Rush of Users",
}


def story_respond(call: dict):
    """Answer the planner and the writer with the story above; everything else as tests.scripted does."""
    name = call["schema"].__name__ if call["schema"] else None
    if name == "Outline":
        return {"title": "The Quiet Launch", "logline": "How a research preview became a hit.",
                "chapters": [{"number": n, "title": title, "beats": [beat], "passage_ids": [pid]}
                             for n, (title, pid, beat, _) in CHAPTERS.items()]}
    if call["schema"] is None and "art director" not in call["system"]:
        return CHAPTERS[int(re.search(r"\bchapter (\d+)\b", call["user"], re.IGNORECASE).group(1))][3]
    return scripted_respond(call)


def edited_prompts(run: Path) -> dict:
    """Return the approval edit that gives each chapter's drawing the scene above, in the run's own style."""
    sheet = json.loads((run / "style_sheet.json").read_text())
    phrases = sheet["required_phrases"]
    colors = [c["name"] for c in sheet["palette"]]
    style = f"Drawn in {', '.join(colors[:-1])} and {colors[-1]}, in {sheet['lighting']}, with a {sheet['mood']} mood."
    extra = "".join(f" {p[:1].upper()}{p[1:]}." for p in phrases[1:])
    prompts: dict[str, list] = {}
    for item in json.loads((run / "image_prompts.json").read_text()):
        if item.get("kind", "image") == "image":
            text = f"{item['number']}: A {phrases[0]} showing {SCENES[item['chapter']]}.{extra} {style}"
            prompts.setdefault(str(item["chapter"]), []).append({**item, "prompt": text})
    return {"action": "edit", "data": {"prompts": prompts}}


@pytest.fixture(scope="module")
def scripted_run(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("quality") / "runs"
    settings = build_settings(topic="ChatGPT launch", refs=[str(REFS)], chapters=2, words=40, provider="local",
                              approve=["images"], runs_dir=str(root), run_id="q")
    run = RunDir(root, "q")
    runner = Runner(run, settings, llm_factory=scripted_factory(FakeProvider(respond=story_respond), log=run.log_call))
    with runner.open():
        outcome = runner.start()
        assert (outcome.status, outcome.step) == ("awaiting_approval", "images")
        outcome = runner.resume(edited_prompts(run.path))
        while outcome.status == "awaiting_approval":  # an edit may be checked and shown again
            outcome = runner.resume({"action": "approve"})
        assert outcome.status == "done"
    run.write_json("config.json", settings.model_dump(mode="json"))  # as `draft --words 40` saves it
    return run.path


def test_scripted_run_keeps_the_scripted_text(scripted_run):
    files = sorted((scripted_run / "chapters").glob("*.md"))
    assert [f.name for f in files] == ["01-nobody-was-ready.md", "02-the-rush-of-users.md"]
    # the prose as scripted, each sentence citing the passage it was written with
    assert [f.read_text().strip() for f in files] == [CHAPTERS[1][3], CHAPTERS[2][3]]
    prompts = json.loads((scripted_run / "image_prompts.json").read_text())
    assert [SCENES[p["chapter"]] in p["prompt"] for p in prompts] == [True, True]


def test_benchmark_metrics_on_the_scripted_run(scripted_run):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "story_quality.py"), str(scripted_run),
                             "--no-seed", "--json"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    [story] = json.loads(result.stdout)["stories"]
    m, t = story["metrics"], story["targets"]
    # words: 6 + 22 + 11 + 5 ("artificial-intelligence" is one word) and 10 + 11 + 5; target 40 +-40% = 24..56
    assert m["words_per_chapter"] == [44, 26] and (m["words_min"], m["words_max"], m["words_mean"]) == (26, 44, 35)
    assert m["fragments"] == 1 and m["fragment_examples"] == ["no finite verb: A surge of new users."]
    assert m["unclosed_quotes"] == 0
    # chapter 1, before the quote: 38 words (the hyphenated word counts two) -> 31 8-grams, of which the 23-word
    # copied sentence gives 16; after the quote 5 words, no 8-gram. Chapter 2: 26 words -> 19 8-grams; its
    # copied 10-word start gives 3. 19 of 50.
    assert (m["copied_ngrams"], m["ngrams"]) == (19, 50) and m["copying"] == pytest.approx(0.38)
    # scene 1 is the 47 scripted words; scene 2 is "The Rush of Users." (4 words), the chapter title
    assert m["prompts"] == 2 and m["scene_words"] == [47, 4] and m["scene_words_min"] == 4
    assert m["title_scenes"] == 1
    # 34 content words in scene 1, {rush, users} in scene 2, "users" shared: 1/35
    assert m["max_scene_overlap"] == pytest.approx(1 / 35)
    # a report that records the checks of each prompt as given fails the title-as-scene one; an older report has no such field
    assert m["raw_style_pass"] in (None, 0.5)
    # 4 factual sentences, all supported; 3 dramatized of 7 sentences; nothing left unchecked
    assert (m["factual_sentences"], m["supported"], m["unchecked"], m["unlabeled"]) == (4, 1.0, 0, 0)
    assert m["dramatized"] == pytest.approx(3 / 7)
    # used: mit-tr-inside-story.p1 and generative-ai-explained.p1 (cited, and the best evidence of every claim)
    assert (m["passages_used"], m["passages"], m["passages_in_several_chapters"]) == (2, 43, 0)
    assert (m["sources_used"], m["sources"]) == (2, 4)
    # 19 lead sentences in the four first passages; told: mit-tr's first (copied) and Agarwal's (7 of 13 words),
    # generative's release date (4 of 7 words in the copied sentence), 100 million users (evidence quote) and
    # word of mouth (8 of 11 words)
    assert (m["lead_facts"], m["lead_facts_told"]) == (19, 5)
    assert t == {"words": True, "fragments": False, "copying": False, "scene_words": False, "title_scenes": False,
                 "max_scene_overlap": True, "grounding": True}


def test_benchmark_table_shows_targets_and_errors(scripted_run, tmp_path):
    script = str(ROOT / "benchmarks" / "story_quality.py")
    result = subprocess.run([sys.executable, script, str(scripted_run), "--seed", str(tmp_path / "missing.txt")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2 and result.stderr == f"Error: seed file {tmp_path / 'missing.txt'} does not exist\n"
    result = subprocess.run([sys.executable, script, str(scripted_run), "--no-seed"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, env={"COLUMNS": "160", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.stdout.splitlines() if line.count("│") >= 5}
    assert rows["Words per chapter: mean (min-max)"] == ["each ±40% of `words`", "35 (26-44)", "PASS"]
    assert rows["Fragments"] == ["0", "1", "FAIL"]
    assert rows["Word 8-grams outside quotes found in the references"] == ["≤ 0.35", "0.38 (19/50)", "FAIL"]
    assert rows["Scene words per prompt: mean (min)"] == ["≥ 40 each", "25.5 (min 4)", "FAIL"]
    assert rows["Highest scene overlap (Jaccard)"] == ["≤ 0.5", "0.03", "PASS"]
    assert rows["Sources used (of available)"] == ["", "2/4", ""]
    assert "q fragment — no finite verb: A surge of new users." in result.stdout


def test_time_steps_count_dated_sentences_that_go_forward():
    sentences = ["In 1856 Field raised the money.", "The ships sailed.", "In July 1858 the crews spliced the cable.",
                 "In June 1857 the first attempt had failed.", "Three weeks after the message, the cable died."]
    references = ["On August 16, 1858 the message went through.", "The cable carried its first message in August 1858."]
    assert qm.time_steps(sentences, references) == (2, 3)  # 1856 -> July 1858 -> June 1857 (back) -> September 1858
    assert qm.time_steps(["No date here."], references) == (0, 0)


def test_retold_finds_a_fact_told_again_in_other_words_or_at_the_same_moment():
    chapters = [["The company quietly released its app on March 3, 2009 [a.p1].", "Users came slowly."],
                ["The company quietly launched its app.", "In early March 2009 the company put its app out.",
                 "A year later it had a million users."]]
    assert qm.retold(chapters) == ["The company quietly launched its app.", "In early March 2009 the company put its app out."]
    assert qm.retold([["The cable failed at sea."], ["The cable carried a message."]]) == []
