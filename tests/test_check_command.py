"""`storyagent check` through the CLI: a small story (tests/data) against references/chatgpt-launch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli.app import app
runner = CliRunner()
STORY = Path(__file__).with_name("data") / "check_story.md"


@pytest.fixture
def seed_story(tmp_path):
    """A two-chapter story with supported sentences, an invented quote and an unsupported claim."""
    story = tmp_path / "story.md"
    shutil.copy(STORY, story)
    return story


def test_seed_story_without_a_model_flags_invented_quotes(seed_story, seed_refs):
    result = runner.invoke(app, ["check", str(seed_story), "--refs", str(seed_refs), "--no-model"])
    assert result.exit_code == 1, result.output
    assert "Chapter 1: A Quiet Release" in result.stdout
    assert "quote not found verbatim in the sources" in result.stdout
    assert "sentences:" in result.stdout and "rules:" in result.output  # totals, then claims/second per stage


def test_seed_story_json_has_the_fact_check_shape(seed_story, seed_refs):
    result = runner.invoke(app, ["check", str(seed_story), "--refs", str(seed_refs), "--no-model", "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    chapters = data["chapters"]
    assert [c["chapter"] for c in chapters] == [1, 2]
    assert chapters[0]["title"] == "Chapter 1: A Quiet Release"
    claims = [claim for c in chapters for claim in c["claims"]]
    assert len(claims) == 5
    for claim in claims:
        assert set(claim) >= {"sentence", "claim", "verdict", "evidence"}
        assert claim["verdict"] in {"supported", "unsupported", "contradicted"}
        for ev in claim["evidence"]:
            assert set(ev) >= {"source", "passage_id", "quote"} and ev["quote"]
    invented = [c for c in claims if c["claim"].startswith('"We knew it wasn\'t perfect,"')]
    assert invented and invented[0]["verdict"] == "unsupported" and invented[0]["method"] == "rules:quote"
    code_red = [c for c in claims if "code red" in c["claim"]]
    assert code_red and code_red[0]["verdict"] != "supported"
    # the markdown around the prose is not checked: image prompts, details blocks, the chart's code
    text = " ".join(c["sentence"] for c in claims)
    assert "import matplotlib" not in text and "colorful, bright" not in text and "technologyreview.com" not in text


def test_supported_story_exits_zero(tmp_path, seed_refs):
    story = tmp_path / "ok.md"
    story.write_text("# Launch\n\n## Chapter 1: Preview\n\n"
                     "OpenAI, the San Francisco artificial-intelligence company, put ChatGPT out in late November 2022 "
                     "with no fanfare and with few expectations for it [mit-tr-inside-story.p1].\n")
    result = runner.invoke(app, ["check", str(story), "--refs", str(seed_refs), "--no-model", "--json"])
    assert result.exit_code == 0, result.output
    chapter = json.loads(result.stdout)["chapters"][0]
    assert chapter["claims"][0]["verdict"] == "supported"
    assert chapter["citations"]["recall"] == 1.0


def test_missing_references_folder_is_one_error_line(tmp_path, seed_story):
    result = runner.invoke(app, ["check", str(seed_story), "--refs", str(tmp_path / "nope"), "--no-model"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"Error: references folder {tmp_path / 'nope'} does not exist"]


def test_missing_story_file_is_one_error_line(tmp_path, seed_refs):
    result = runner.invoke(app, ["check", str(tmp_path / "none.md"), "--refs", str(seed_refs), "--no-model"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot read story {tmp_path / 'none.md'}")
