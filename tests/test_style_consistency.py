"""The style_consistency node, driven by a scripted illustrator: rewrite drifting prompts, repair, report."""

from __future__ import annotations

import json

from langgraph.runtime import Runtime

from agent.graph.context import Context, Settings
from agent.llm.base import LLM
from agent.graph.nodes.style_consistency import style_consistency
from agent.storage.folder import RunDir
from agent.illustration.style_sheet import DEFAULT_STYLE
from agent.illustration.prompt_checks import check_prompt, problems
from tests.fakes import FakeProvider
from tests.test_style import GOOD, SHEET

DRIFTING = ("2: A dark sketch showing The Researcher, a man in a red hoodie, typing at a terminal while a server rack "
            "blinks behind her. Colors: neon pink.")
REWRITE = (f"A {DEFAULT_STYLE} showing The Researcher typing at a terminal while a server rack blinks behind her. "
           "Graphic-novel panel. The Researcher: a woman in a green cardigan with round glasses. "
           "Palette: deep teal (#0f766e), sunrise orange (#f97316).")
CHART = {"chapter": 2, "number": 2, "file": "02-users-chart.png", "kind": "chart", "prompt": "2: A bar chart.",
         "chart": {"title": "Users", "value_label": "users", "colors": ["#0f766e"], "background": "#fff8f0",
                   "points": [{"label": "a", "value": 1.0, "passage_id": "s.p1"}, {"label": "b", "value": 2.0, "passage_id": "s.p2"}]}}


def prompt(chapter: int, text: str, file: str | None = None) -> dict:
    return {"chapter": chapter, "number": chapter, "file": file or f"{chapter:02d}-scene.png", "prompt": text, "kind": "image"}


def run_node(tmp_path, state: dict, reply: str = REWRITE):
    provider = FakeProvider(respond=lambda call: reply)
    run = RunDir(tmp_path, "r1")
    ctx = Context.for_run(Settings(topic="t"), run=run, llm_factory=lambda role: LLM(provider, role, log=run.log_call))
    update = style_consistency({"style_sheet": SHEET.model_dump(), **state}, Runtime(context=ctx))
    return update, provider, run


def test_only_the_drifting_prompt_is_rewritten_and_it_keeps_its_scene(tmp_path):
    good = prompt(1, GOOD.replace("3:", "1:", 1))
    update, provider, run = run_node(tmp_path, {"prompts": {1: [good], 2: [prompt(2, DRIFTING)]}})
    assert len(provider.calls) == 1 and {c["role"] for c in run.calls()} == {"illustrator"}
    user = provider.calls[0]["user"]
    assert "- names no palette color" in user and "- missing required phrase: graphic-novel panel" in user
    assert user.endswith("Prompt:\n" + DRIFTING[3:])  # sent without its number
    assert update["prompts"][1] == [good]
    [fixed] = update["prompts"][2]
    assert fixed["prompt"] == "2: " + REWRITE and problems(check_prompt(fixed["prompt"], SHEET)) == []
    entry = update["style_report"][2]["prompts"][0]
    assert entry["changes"] == ["rewritten by the illustrator model", "numbered 2"] and entry["passes"]
    assert all(entry["checks"].values())
    assert "The Researcher is not described with its fixed words: a woman in a green cardigan with round glasses" in entry["problems"]
    assert update["style_report"][1]["prompts"][0] == {
        "file": "01-scene.png", "kind": "image", "problems": [], "changes": [], "passes": True,
        "checks": {k: True for k in ("required_phrases", "banned_styles", "recurring", "palette", "length", "file_name")},
    }
    assert json.loads((run.path / "image_prompts.json").read_text()) == [good, fixed]
    assert json.loads((run.path / "style_report.json").read_text())["2"]["passes"] is True


def test_a_rewrite_that_changes_the_scene_is_discarded_then_repaired(tmp_path):
    other = f"A {DEFAULT_STYLE} showing a cat asleep on a sofa. Graphic-novel panel. Palette: deep teal (#0f766e)."
    update, _, _ = run_node(tmp_path, {"prompts": {2: [prompt(2, DRIFTING)]}}, reply=other)
    [fixed] = update["prompts"][2]
    assert "cat" not in fixed["prompt"]
    assert "typing at a terminal while a server rack blinks behind her" in fixed["prompt"]
    assert problems(check_prompt(fixed["prompt"], SHEET)) == [] and fixed["prompt"].startswith("2: A ")
    assert update["style_report"][2]["prompts"][0]["changes"][:2] == [
        "the model's rewrite was discarded: it did not keep the scene",
        "repaired: banned styles dropped; required phrases, fixed descriptions and palette added",
    ]


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
    items = [prompt(2, REWRITE, file="../../etc/passwd"), prompt(2, REWRITE, file="/tmp/passwd.png"),
             prompt(2, REWRITE, file="ñandú.png"), CHART]
    update, provider, _ = run_node(tmp_path, {"prompts": {2: items}})
    assert [p["file"] for p in update["prompts"][2]] == ["02-passwd.png", "02-passwd-2.png", "02-nandu.png", "02-users-chart.png"]
    assert provider.calls == []  # the texts already follow the sheet: no model call
    assert update["prompts"][2][3] == CHART
    entries = update["style_report"][2]["prompts"]
    assert entries[0]["changes"][0] == "file name '../../etc/passwd' replaced by '02-passwd.png'"
    assert entries[0]["problems"] == ["file name '../../etc/passwd' is not an ASCII 'NN-slug.png' name"]
    assert entries[3] == {"file": "02-users-chart.png", "kind": "chart", "checks": {"file_name": True},
                          "problems": [], "changes": [], "passes": True}
