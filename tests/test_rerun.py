"""`storyagent rerun`: one chapter alone through write → fact-check → image prompt → style check → assemble."""

from __future__ import annotations

import json
import re

import pytest

from agent.story.chapters import strip_markers

from tests.approval_support import draft_args, files, invoke
from tests.scripted import use_scripted


def prose(story: str) -> str:
    """Return story.md without its footnote markers and the italics of its dramatized sentences, to compare with
    chapter files without their passage ids."""
    return re.sub(r"\[\^\d+\]|(?<!\*)\*(?!\*)", "", story)


def finished_run(tmp_path, refs, run_id="r"):
    result = invoke(*draft_args(tmp_path, refs, run_id, "--yes"))
    assert result.exit_code == 0, result.output
    return tmp_path / "runs" / run_id


def prompts_by_chapter(run):
    found = {}
    for prompt in json.loads((run / "image_prompts.json").read_text()):
        found.setdefault(prompt["chapter"], []).append(prompt)
    return found


def rerun(tmp_path, run_id, *args):
    return invoke("rerun", run_id, "--runs-dir", tmp_path / "runs", *args)


def test_rerun_changes_only_its_chapter(tmp_path, seed_refs, monkeypatch):
    provider = use_scripted(monkeypatch)
    run = finished_run(tmp_path, seed_refs)
    before, prompts_before = files(run / "chapters"), prompts_by_chapter(run)
    calls_before = len((run / "calls.jsonl").read_text().splitlines())
    story_before = (run / "story.md").read_text()

    result = rerun(tmp_path, "r", "--chapter", "2", "--notes", "Open with the launch tweet", "--yes")
    assert result.exit_code == 0, result.output
    assert "Story written" in result.output

    after = files(run / "chapters")
    assert after["01-part-1.md"] == before["01-part-1.md"]
    assert after["02-part-2.md"] != before["02-part-2.md"]
    assert after["history/02-part-2.v1.md"] == before["02-part-2.md"]
    assert prompts_by_chapter(run)[1] == prompts_before[1]
    # story.md cites by footnote; the chapter files keep the passage ids
    chapter_one = strip_markers(before["01-part-1.md"].decode().strip())
    story, story_before = prose((run / "story.md").read_text()), prose(story_before)
    assert chapter_one in story and chapter_one in story_before
    assert strip_markers(after["02-part-2.md"].decode().strip()) in story

    new_calls = [json.loads(line) for line in (run / "calls.jsonl").read_text().splitlines()][calls_before:]
    assert new_calls and {c["chapter"] for c in new_calls} == {2}
    assert {c["step"] for c in new_calls} >= {"write", "image_prompts"}
    assert not {c["role"] for c in new_calls} & {"planner"}
    writes = [c["user"] for c in provider.calls if "writer of an illustrated" in c["system"]]
    assert 'Chapter 2 of 2: "Part 2"' in writes[-1] and "Open with the launch tweet" in writes[-1]

    shown = invoke("diff", "r", "--chapter", "2", "--runs-dir", tmp_path / "runs")
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert lines[:2] == ["--- history/02-part-2.v1.md", "+++ 02-part-2.md"]
    assert "-" + before["02-part-2.md"].decode().splitlines()[0] in lines
    assert "+" + after["02-part-2.md"].decode().splitlines()[0] in lines


def test_the_new_version_waits_for_approval(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    run = finished_run(tmp_path, seed_refs)
    story = (run / "story.md").read_text()
    result = rerun(tmp_path, "r", "--chapter", "1", "--notes", "More about the servers")
    assert result.exit_code == 0, result.output
    assert "waiting for approval of the chapters (chapter 1, re-run)" in result.output
    status = json.loads(invoke("status", "r", "--json", "--runs-dir", tmp_path / "runs").output)
    assert (status["status"], status["step"], status["rerun_chapter"]) == ("awaiting_approval", "chapters", 1)
    assert [c["state"] for c in status["chapters"]] == ["checked", "approved"]
    assert (run / "story.md").read_text() == story

    waiting = invoke("resume", "r", "--approve", "--runs-dir", tmp_path / "runs")
    assert "waiting for approval of the images (chapter 1, re-run)" in waiting.output
    done = invoke("resume", "r", "--approve", "--runs-dir", tmp_path / "runs")
    assert "Story written" in done.output
    assert strip_markers((run / "chapters" / "01-part-1.md").read_text().strip()) in prose((run / "story.md").read_text())


def test_a_hand_edited_chapter_is_kept(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    run = finished_run(tmp_path, seed_refs)
    path = run / "chapters" / "01-part-1.md"
    edited = path.read_text() + "\nA sentence a person added by hand.\n"
    path.write_text(edited)
    status = json.loads(invoke("status", "r", "--json", "--runs-dir", tmp_path / "runs").output)
    assert [c["edited"] for c in status["chapters"]] == [True, False]

    assert rerun(tmp_path, "r", "--chapter", "2", "--yes").exit_code == 0
    assert path.read_text() == edited
    assert "A sentence a person added by hand." in (run / "story.md").read_text()

    # re-running the edited chapter itself replaces it, and keeps the edit in the history
    assert rerun(tmp_path, "r", "--chapter", "1", "--yes").exit_code == 0
    assert (run / "chapters" / "history" / "01-part-1.v1.md").read_text() == edited
    assert "added by hand" not in path.read_text()


def test_rerun_on_a_run_waiting_at_the_chapters_returns_there(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    runs = tmp_path / "runs"
    invoke(*draft_args(tmp_path, seed_refs, "w"))
    invoke("resume", "w", "--approve", "--runs-dir", runs)
    before = files(runs / "w" / "chapters")
    result = rerun(tmp_path, "w", "--chapter", "1", "--notes", "Start at the lab", "--yes")
    assert "waiting for approval of the chapters." in result.output, result.output
    after = files(runs / "w" / "chapters")
    assert after["02-part-2.md"] == before["02-part-2.md"] and after["01-part-1.md"] != before["01-part-1.md"]

    assert "waiting for approval of the images." in invoke("resume", "w", "--approve", "--runs-dir", runs).output
    assert sorted(prompts_by_chapter_state(runs)) == [1, 2]
    assert "Story written" in invoke("resume", "w", "--approve", "--runs-dir", runs).output


def prompts_by_chapter_state(runs):
    status = json.loads(invoke("status", "w", "--json", "--runs-dir", runs).output)
    return [c["number"] for c in status["chapters"] if c["approved"]]


@pytest.mark.parametrize("yes", [True, False])
def test_rerun_on_a_run_waiting_at_the_images_returns_there(tmp_path, seed_refs, monkeypatch, yes):
    use_scripted(monkeypatch)
    runs = tmp_path / "runs"
    invoke(*draft_args(tmp_path, seed_refs, "w", "--approve", "images"))
    prompts = json.loads((runs / "w" / "image_prompts.json").read_text())
    result = rerun(tmp_path, "w", "--chapter", "2", "--notes", "Night scene", *(["--yes"] if yes else []))
    if not yes:
        assert "waiting for approval of the chapters (chapter 2, re-run)." in result.output, result.output
        result = invoke("resume", "w", "--approve", "--runs-dir", runs)
    assert "waiting for approval of the images." in result.output, result.output
    again = json.loads((runs / "w" / "image_prompts.json").read_text())
    assert again[0] == prompts[0]
    assert "Story written" in invoke("resume", "w", "--approve", "--runs-dir", runs).output


@pytest.mark.parametrize(
    "approve,chapter,message",
    [
        ("outline", "1", "Error: run 'x' waits for approval of the outline; chapters are written once it is approved"),
        ("images", "5", "Error: run 'x' has no chapter 5 (chapters: 1, 2)"),
    ],
)
def test_rerun_refuses_what_it_cannot_do(tmp_path, seed_refs, monkeypatch, approve, chapter, message):
    use_scripted(monkeypatch)
    invoke(*draft_args(tmp_path, seed_refs, "x", "--approve", approve))
    result = rerun(tmp_path, "x", "--chapter", chapter)
    assert result.exit_code == 2 and result.output.strip() == message


def test_rerun_refuses_a_second_rerun_while_the_first_waits(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    finished_run(tmp_path, seed_refs, "x")
    rerun(tmp_path, "x", "--chapter", "1")
    result = rerun(tmp_path, "x", "--chapter", "2")
    assert result.exit_code == 2
    assert "is re-running chapter 1 and waits for approval of its chapters; answer that first" in result.output
