"""The style_consistency node, driven by a scripted illustrator: check prompts as written, redraw, rewrite, repair, report."""

from __future__ import annotations

import json

from langgraph.runtime import Runtime

from agent.graph.context import Context, Settings
from agent.graph.nodes.approve import approve_images
from agent.graph.nodes.image_prompts import image_prompts
from agent.graph.nodes.style_consistency import style_consistency
from agent.illustration.prompt_checks import check_prompt, problems
from agent.illustration.scenes import scene_of, style_sentence
from agent.illustration.style_sheet import DEFAULT_STYLE
from agent.llm.base import LLM
from agent.storage.folder import RunDir
from agent.story.references import tokens
from tests.fakes import FakeProvider
from tests.scripted import scene_reply
from tests.test_image_prompts import OUTLINE, SCENE, SCENE_TEXT, STYLE_SENTENCE
from tests.test_style import GOOD, SHEET

TITLE = "The Launch That Broke the Internet"
CHAPTER = {"number": 5, "title": TITLE, "text": "The preview went live on November 30, 2022. Sign-ups soared."}
DRIFTING = ("2: A dark sketch showing The Researcher, a man in a red hoodie, typing at a terminal while a server rack "
            "blinks behind her. Colors: neon pink.")
REWRITE = (f"A {DEFAULT_STYLE} showing The Researcher, a woman in a green cardigan with round glasses, typing at a "
           f"terminal while a server rack blinks behind her. {STYLE_SENTENCE}")
CHART = {"chapter": 2, "number": 2, "file": "02-users-chart.png", "kind": "chart", "prompt": "2: A bar chart.",
         "chart": {"title": "Users", "value_label": "users", "colors": ["#0f766e"], "background": "#fff8f0",
                   "points": [{"label": "a", "value": 1.0, "passage_id": "s.p1"}, {"label": "b", "value": 2.0, "passage_id": "s.p2"}]}}


def prompt(chapter: int, text: str, file: str | None = None, **extra) -> dict:
    return {"chapter": chapter, "number": chapter, "file": file or f"{chapter:02d}-scene.png", "prompt": text,
            "kind": "image", **extra}


def context(tmp_path, provider):
    run = RunDir(tmp_path, "r1")
    return Context.for_run(Settings(topic="t"), run=run, llm_factory=lambda role: LLM(provider, role, log=run.log_call)), run


def run_node(tmp_path, state: dict, reply=REWRITE, provider=None):
    provider = provider or FakeProvider(respond=reply if callable(reply) else (lambda call: reply))
    ctx, run = context(tmp_path, provider)
    update = style_consistency({"style_sheet": SHEET.model_dump(), **state}, Runtime(context=ctx))
    return update, provider, run


def drawn(tmp_path, scene: dict) -> dict:
    """Return the prompt the image_prompts node writes from a scripted scene, as the illustrator wrote it."""
    ctx, _ = context(tmp_path, FakeProvider(replies=[scene]))
    task = {"chapter": 5, "chapter_text": CHAPTER, "outline": OUTLINE, "style_sheet": SHEET.model_dump(), "feedback": ""}
    [item] = image_prompts(task, Runtime(context=ctx))["prompts"][5]
    return item


def scene_words(text: str) -> set[str]:
    return set(tokens(scene_of(text)))


def test_a_banned_style_in_the_scene_is_caught_as_written_and_the_rewrite_keeps_the_scene(tmp_path):
    raw = drawn(tmp_path / "a", {**SCENE, "metaphor": "A photorealistic paper lantern rises from the monitor into the night"})
    assert "photorealistic" in raw["prompt"]  # the node does not repair: the check sees the illustrator's words
    rewrite = raw["prompt"][3:].replace("A photorealistic paper lantern", "A paper lantern")
    update, provider, _ = run_node(tmp_path, {"prompts": {5: [raw]}, "chapter_text": {5: CHAPTER}, "outline": OUTLINE},
                                   reply=rewrite)
    entry = update["style_report"][5]["prompts"][0]
    assert entry["problems"] == ["uses banned style: photorealistic"]
    assert entry["changes"] == ["rewritten by the illustrator model", "numbered 5"] and entry["passes"]
    [fixed] = update["prompts"][5]
    assert "photorealistic" not in fixed["prompt"] and scene_words(raw["prompt"]) - {"photorealistic"} <= scene_words(fixed["prompt"])
    assert "- uses banned style: photorealistic" in provider.calls[0]["user"]
    assert f'ending with\nthis one sentence of style: "{STYLE_SENTENCE}"' in provider.calls[0]["system"]


def test_a_recurring_person_in_other_words_is_caught_and_given_the_fixed_words(tmp_path):
    people = [{"who": "The Researcher, a man in a red hoodie,", "action": "reads the first messages"}]
    raw = drawn(tmp_path / "a", {**SCENE, "people": people})
    assert "a man in a red hoodie" in raw["prompt"]
    # the model's rewrite drops the scene: it is discarded and the deterministic repair swaps the description
    update, _, _ = run_node(tmp_path, {"prompts": {5: [raw]}, "chapter_text": {5: CHAPTER}}, reply="A cat on a sofa.")
    entry = update["style_report"][5]["prompts"][0]
    assert entry["problems"] == [
        "The Researcher is not described with its fixed words: a woman in a green cardigan with round glasses"]
    assert entry["changes"][:2] == ["the model's rewrite was discarded: it did not keep the scene",
                                    "repaired: banned styles dropped; required phrases, fixed descriptions and palette added"]
    [fixed] = update["prompts"][5]
    assert "The Researcher, a woman in a green cardigan with round glasses, reads the first messages." in fixed["prompt"]
    assert "red hoodie" not in fixed["prompt"]
    assert scene_words(raw["prompt"]) - {"man", "red", "hoodie"} <= scene_words(fixed["prompt"])


def test_a_missing_required_phrase_is_caught_and_added_keeping_the_scene(tmp_path):
    raw = prompt(5, f"5: A drawing showing {SCENE_TEXT} Drawn in deep teal and warm cream, in bright morning light.")
    update, provider, _ = run_node(tmp_path, {"prompts": {5: [raw]}, "chapter_text": {5: CHAPTER}})
    entry = update["style_report"][5]["prompts"][0]
    assert entry["problems"] == [f"missing required phrase: {DEFAULT_STYLE}", "missing required phrase: graphic-novel panel"]
    assert provider.calls == []  # added deterministically; no model call
    [fixed] = update["prompts"][5]
    assert fixed["prompt"].startswith(f"5: A {DEFAULT_STYLE} showing the night the preview went live")
    assert fixed["prompt"].endswith(style_sentence(SHEET))  # the writer's own style sentence gives way to the sheet's
    assert problems(check_prompt(fixed["prompt"], SHEET)) == [] and scene_words(raw["prompt"]) <= scene_words(fixed["prompt"])


def test_a_scene_that_is_the_title_is_caught_and_drawn_again(tmp_path):
    raw = prompt(5, f"5: A {DEFAULT_STYLE} showing {TITLE}. {STYLE_SENTENCE}")
    provider = FakeProvider(replies=[SCENE])
    update, _, _ = run_node(tmp_path, {"prompts": {5: [raw]}, "chapter_text": {5: CHAPTER}, "outline": OUTLINE},
                            provider=provider)
    entry = update["style_report"][5]["prompts"][0]
    assert entry["problems"] == [
        f'scene: it repeats the chapter title "{TITLE}" instead of showing a moment',
        "scene: it has 6 words; describe the picture in at least 35",
    ]
    assert entry["changes"] == ["scene drawn again by the illustrator model"] and entry["passes"]
    assert update["prompts"][5][0]["prompt"] == f"5: A {DEFAULT_STYLE} showing {SCENE_TEXT} {STYLE_SENTENCE}"
    assert "Chapter 5: The Launch That Broke the Internet" in provider.calls[0]["user"]


def test_of_two_near_copies_the_later_chapter_is_drawn_again(tmp_path):
    first = prompt(4, f"4: A {DEFAULT_STYLE} showing {SCENE_TEXT} {STYLE_SENTENCE}")
    copy = prompt(5, f"5: A {DEFAULT_STYLE} showing {SCENE_TEXT.replace('coffee', 'tea')} {STYLE_SENTENCE}")
    provider = FakeProvider(replies=[scene_reply(2)])
    named = {**CHAPTER, "text": CHAPTER["text"] + " Sam Altman watched the numbers."}  # the new scene shows him
    state = {"prompts": {4: [first], 5: [copy]}, "chapter_text": {4: {**CHAPTER, "number": 4, "title": "Before"}, 5: named},
             "outline": OUTLINE}
    update, _, _ = run_node(tmp_path, state, provider=provider)
    assert update["prompts"][4] == [first] and len(provider.calls) == 1
    assert update["style_report"][5]["prompts"][0]["problems"][0].startswith("scene: it is nearly the same as another chapter's picture")
    assert "the evening the servers came online" in update["prompts"][5][0]["prompt"]


def test_an_edited_prompt_goes_through_the_check_again(tmp_path, monkeypatch):
    good = prompt(5, f"5: A {DEFAULT_STYLE} showing {SCENE_TEXT} {STYLE_SENTENCE}")
    state = {"prompts": {5: [good]}, "approve": ["images"], "style_sheet": SHEET.model_dump()}
    edited = {**good, "prompt": "5: A photorealistic view of The Researcher, a man in a red hoodie, alone at night by a window."}
    monkeypatch.setattr("agent.graph.nodes.approve.interrupt",
                        lambda payload: {"action": "edit", "data": {"prompts": {"5": [edited]}}})
    command = approve_images(state)
    assert command.goto == "style_consistency"
    [sent] = command.update["prompts"][5]
    assert sent["edited"] is True and sent["prompt"] == edited["prompt"]
    report = {5: {"prompts": [{"prompt": good["prompt"]}]}}
    update, provider, run = run_node(tmp_path, {"prompts": {5: [sent]}, "style_report": report, "chapter_text": {5: CHAPTER}})
    assert provider.calls == []  # a person's scene is repaired, never redrawn or rewritten by the model
    entry = update["style_report"][5]["prompts"][0]
    assert entry["edited"] is True and "uses banned style: photorealistic" in entry["problems"]
    assert "The Researcher is not described with its fixed words: a woman in a green cardigan with round glasses" in entry["problems"]
    [fixed] = update["prompts"][5]
    assert problems(check_prompt(fixed["prompt"], SHEET)) == [] and "alone at night by a window" in fixed["prompt"]
    assert json.loads((run.path / "style_report.json").read_text())["5"]["prompts"][0]["edited"] is True


def test_unchanged_chapters_are_not_checked_again(tmp_path):
    good = prompt(1, GOOD.replace("3:", "1:", 1))
    first, provider, _ = run_node(tmp_path, {"prompts": {1: [good]}})
    again, _, _ = run_node(tmp_path, {"prompts": {1: [good]}, "style_report": first["style_report"]})
    assert list(first["style_report"]) == [1] and again["style_report"] == {} and provider.calls == []


def test_only_the_drifting_prompt_is_rewritten_and_it_keeps_its_scene(tmp_path):
    good = prompt(1, GOOD.replace("3:", "1:", 1))
    update, provider, run = run_node(tmp_path, {"prompts": {1: [good], 2: [prompt(2, DRIFTING)]}})
    assert len(provider.calls) == 1 and {c["role"] for c in run.calls()} == {"illustrator"}
    user = provider.calls[0]["user"]
    assert "- The Researcher is not described with its fixed words: a woman in a green cardigan with round glasses" in user
    assert user.endswith("Prompt:\n" + DRIFTING[3:])  # sent without its number
    assert update["prompts"][1] == [good]
    [fixed] = update["prompts"][2]
    assert fixed["prompt"] == "2: " + REWRITE and problems(check_prompt(fixed["prompt"], SHEET)) == []
    entry = update["style_report"][2]["prompts"][0]
    assert entry["changes"] == ["rewritten by the illustrator model", "numbered 2"] and entry["passes"]
    assert "names no palette color" in entry["problems"]
    assert update["style_report"][1]["prompts"][0] == {
        "file": "01-scene.png", "kind": "image", "problems": [], "changes": [], "passes": True, "prompt": good["prompt"],
        "checks": {k: True for k in ("required_phrases", "banned_styles", "recurring", "palette", "length", "file_name")},
    }
    assert json.loads((run.path / "image_prompts.json").read_text()) == [good, fixed]
    assert json.loads((run.path / "style_report.json").read_text())["2"]["passes"] is True


def test_rerun_checks_only_its_chapter_and_leaves_the_others_byte_identical(tmp_path):
    untouched = prompt(1, "1: A photorealistic drawing that drifts.", file="../../outside.png")
    state = {"prompts": {1: [untouched], 2: [prompt(2, DRIFTING)], 3: [prompt(3, GOOD)]},
             "rerun": {"chapter": 2, "notes": "x"}, "style_report": {1: {"old": True}}}
    before = json.dumps(untouched, ensure_ascii=False)
    update, provider, run = run_node(tmp_path, state)
    assert list(update["prompts"]) == [2] and list(update["style_report"]) == [2] and len(provider.calls) == 1
    written = json.loads((run.path / "image_prompts.json").read_text())
    assert json.dumps(written[0], ensure_ascii=False) == before and written[2] == prompt(3, GOOD)
    assert json.loads((run.path / "style_report.json").read_text())["1"] == {"old": True}


def test_unsafe_file_names_are_replaced_and_charts_keep_their_data(tmp_path):
    items = [prompt(2, "2: " + REWRITE, file="../../etc/passwd"), prompt(2, "2: " + REWRITE, file="/tmp/passwd.png"),
             prompt(2, "2: " + REWRITE, file="ñandú.png"), CHART]
    update, provider, _ = run_node(tmp_path, {"prompts": {2: items}})
    assert [p["file"] for p in update["prompts"][2]] == ["02-passwd.png", "02-passwd-2.png", "02-nandu.png", "02-users-chart.png"]
    assert provider.calls == []  # the texts already follow the sheet: no model call
    assert update["prompts"][2][3] == CHART
    entries = update["style_report"][2]["prompts"]
    assert entries[0]["changes"][0] == "file name '../../etc/passwd' replaced by '02-passwd.png'"
    assert entries[0]["problems"] == ["file name '../../etc/passwd' is not an ASCII 'NN-slug.png' name"]
    assert entries[3] == {"file": "02-users-chart.png", "kind": "chart", "checks": {"file_name": True},
                          "problems": [], "changes": [], "passes": True, "prompt": "2: A bar chart."}


def test_a_picture_that_only_shows_another_chapters_moment_stays_when_no_new_scene_passes(tmp_path):
    earlier = ("the night the preview went live, in a glass-walled office in November 2022. Two tired engineers watch a "
               "server graph climb; in the background, rain on the dark windows. The graph is a mountain being climbed.")
    mine = ("the night the preview went live, on a rooftop terrace in November 2022. A crowd of engineers raise paper "
            "cups under strings of lights; in the background, the city glows. The lights are a constellation of users.")
    first = prompt(4, f"4: A {DEFAULT_STYLE} showing {earlier} {STYLE_SENTENCE}")
    second = prompt(5, f"5: A {DEFAULT_STYLE} showing {mine} {STYLE_SENTENCE}")
    short = {**SCENE, "moment": "a launch", "setting": "", "people": [], "foreground": "", "background": "", "metaphor": ""}
    provider = FakeProvider(replies=[short, short, short])  # every new scene is too short
    state = {"prompts": {4: [first], 5: [second]}, "chapter_text": {4: {**CHAPTER, "number": 4, "title": "Before"}, 5: CHAPTER},
             "outline": OUTLINE}
    update, _, _ = run_node(tmp_path, state, provider=provider)
    entry = update["style_report"][5]["prompts"][0]
    assert entry["problems"][0].startswith("scene: it shows the moment another chapter's picture shows")
    assert "kept as written" in entry["changes"][0] and "rooftop terrace" in update["prompts"][5][0]["prompt"]
