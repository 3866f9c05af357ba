"""The whole story graph, driven by a scripted model."""

from __future__ import annotations

import json
import re

from agent.graph.context import build_settings
from agent.run.runner import Runner
from agent.storage.folder import RunDir
from tests.scripted import scripted_factory


def run_story(tmp_path, refs, chapters=2, approve=()):
    settings = build_settings(topic="ChatGPT launch", refs=[str(refs)], chapters=chapters, provider="local",
                              approve=list(approve), runs_dir=str(tmp_path / "runs"), run_id="t1")
    run = RunDir(tmp_path / "runs", "t1")
    factory = scripted_factory(log=run.log_call)
    runner = Runner(run, settings, llm_factory=factory)
    with runner.open():
        outcome = runner.start()
    return run, outcome, factory.provider


def test_draft_writes_the_story_and_reports(tmp_path, seed_refs):
    run, outcome, provider = run_story(tmp_path, seed_refs)
    assert outcome.status == "done"
    story = (run.path / "story.md").read_text()
    assert story.startswith("# The Scripted Story")
    assert re.findall(r"^## Chapter (\d): Part \d$", story, flags=re.M) == ["1", "2"]
    assert "![](./01-part-1.png)" in story and "![](./02-part-2.png)" in story
    assert re.search(r"^1: A colorful, bright wide-landscape drawing in a graphic-novel style showing", story, flags=re.M)
    assert "## References" in story and "## Fact-check summary" in story

    report = json.loads((run.path / "fact_check.json").read_text())
    claims = [c for ch in report["chapters"] for c in ch["claims"]]
    assert claims and all(c["verdict"] == "supported" for c in claims)
    # the invented sentence was flagged, then removed by the revise loop, and the report says so
    revised = [r for ch in report["chapters"] for r in ch["revised"]]
    assert revised and all("Atlantis" in r["sentence"] and r["verdict"] == "unsupported" for r in revised)
    assert all(r["action"] == "removed" for r in revised)
    assert "Atlantis" not in story

    prompts = json.loads((run.path / "image_prompts.json").read_text())
    assert [p["file"] for p in prompts] == ["01-part-1.png", "02-part-2.png"]
    # the sheet keeps the real person from the sources and drops the topic-named "character"
    assert [c["name"] for c in json.loads((run.path / "style_sheet.json").read_text())["characters"]] == ["Sam Altman"]
    assert all("Sam Altman, a man in his late thirties in a plain grey sweater, " in p["prompt"] for p in prompts)
    assert (run.path / "style_sheet.json").exists() and (run.path / "style_report.json").exists()
    assert sorted(p.name for p in (run.path / "chapters").iterdir()) == ["01-part-1.md", "02-part-2.md"]
    roles = {c["role"] for c in run.calls()}
    assert roles == {"planner", "writer", "fact_checker", "illustrator"} or roles >= {"planner", "writer", "illustrator"}


def test_graph_stops_at_approval_and_resumes(tmp_path, seed_refs):
    run, outcome, _ = run_story(tmp_path, seed_refs, approve=("outline",))
    assert outcome.status == "awaiting_approval" and outcome.step == "outline"
    assert not (run.path / "story.md").exists()
