"""One real run with the embedded model: a 2-chapter story over the seed references."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from agent.story.chapters import citations
from agent.story.references import load_references

pytestmark = pytest.mark.model


def test_draft_with_embedded_model(tmp_path, seed_refs):
    brief = tmp_path / "brief.md"
    brief.write_text("Tell how ChatGPT went from a low-key research preview to a viral launch.\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "STORYAGENT_CACHE": _cache()}
    cmd = [
        sys.executable, "-m", "agent", "draft", "--topic", "ChatGPT launch", "--brief", str(brief),
        "--refs", str(seed_refs), "--chapters", "2", "--provider", "local", "--yes",
        "--runs-dir", str(tmp_path / "runs"), "--run-id", "e2e",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1500, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-3000:]
    run = tmp_path / "runs" / "e2e"
    story = (run / "story.md").read_text()

    assert story.startswith("# ")
    assert "<summary>Show Narrative Prompt</summary>" in story
    headings = re.findall(r"^## Chapter (\d+): (.+)$", story, flags=re.M)
    assert [n for n, _ in headings] == ["1", "2"]
    for number, _ in headings:
        section = story.split(f"## Chapter {number}:")[1].split("\n## ")[0]
        assert re.search(rf"^!\[\]\(\./0{number}-[a-z0-9-]+\.png\)$", section, flags=re.M)
        assert "<summary>Show Image Prompt</summary>" in section
    assert "## References" in story and "## Fact-check summary" in story

    sources, passages = load_references([seed_refs])
    texts = {p.id: p.text for p in passages}
    for pid in citations(story):
        assert pid in texts, f"story cites unknown passage {pid}"

    report = json.loads((run / "fact_check.json").read_text())
    assert [c["chapter"] for c in report["chapters"]] == [1, 2]
    claims = [claim for chapter in report["chapters"] for claim in chapter["claims"]]
    assert claims, "the fact-check found no claims"
    for claim in claims:
        assert claim["verdict"] in {"supported", "unsupported", "contradicted"}
        assert claim["sentence"] and claim["claim"]
        for ev in claim["evidence"]:
            assert ev["quote"] in texts[ev["passage_id"]], "evidence quote not verbatim in its passage"

    calls = [json.loads(line) for line in (run / "calls.jsonl").read_text().splitlines()]
    assert {c["role"] for c in calls} >= {"planner", "writer", "illustrator"}
    assert all(c["model"] and c["seconds"] >= 0 for c in calls)
    config = json.loads((run / "config.json").read_text())
    assert config["provider"] == "local" and config["chapters"] == 2


def _cache() -> str:
    import os
    from pathlib import Path

    return os.environ.get("STORYAGENT_CACHE") or str(Path.home() / ".cache" / "storyagent")
