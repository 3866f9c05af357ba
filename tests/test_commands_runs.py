"""`storyagent status`, `runs` and `diff`."""

from __future__ import annotations

import json
import socket
import subprocess

from tests.approval_support import draft_args, invoke
from tests.fakes import FakeProvider
from tests.scripted import respond, use_scripted


def status(tmp_path, run_id):
    result = invoke("status", run_id, "--json", "--runs-dir", tmp_path / "runs")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def failing(call):
    if call["schema"] is not None and call["schema"].__name__ == "Scene":
        raise RuntimeError("model server went away")
    return respond(call)


def test_status_follows_a_run_through_its_approvals(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    runs = tmp_path / "runs"
    invoke(*draft_args(tmp_path, seed_refs, "s"))
    data = status(tmp_path, "s")
    assert (data["status"], data["step"], data["error"], data["story"]) == ("awaiting_approval", "outline", None, None)
    assert data["chapters"] == [
        {"number": 1, "title": "Part 1", "state": "planned", "flagged": None, "approved": False, "edited": False},
        {"number": 2, "title": "Part 2", "state": "planned", "flagged": None, "approved": False, "edited": False},
    ]
    invoke("resume", "s", "--approve", "--runs-dir", runs)
    data = status(tmp_path, "s")
    assert data["step"] == "chapters" and [c["state"] for c in data["chapters"]] == ["checked", "checked"]
    assert [c["flagged"] for c in data["chapters"]] == [0, 0]

    text = invoke("status", "s", "--runs-dir", runs).output
    assert "Run s (ChatGPT launch): awaiting_approval, waiting for approval of the chapters" in text
    assert "  1. Part 1: checked" in text and f"Continue with: storyagent resume s --runs-dir {runs}" in text

    invoke("resume", "s", "--yes", "--runs-dir", runs)
    data = status(tmp_path, "s")
    assert (data["status"], data["step"]) == ("done", None)
    assert [c["state"] for c in data["chapters"]] == ["approved", "approved"]
    assert data["story"] == str(runs / "s" / "story.md")


def test_a_run_whose_last_attempt_raised_is_failed(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch, FakeProvider(respond=failing))
    result = invoke(*draft_args(tmp_path, seed_refs, "f", "--yes"))
    assert result.exit_code == 1
    assert result.output.strip().endswith("Error: unexpected RuntimeError: model server went away")
    data = status(tmp_path, "f")
    assert data["status"] == "failed" and data["error"] == "RuntimeError: model server went away"
    assert "Last attempt failed: RuntimeError: model server went away" in invoke("status", "f", "--runs-dir", tmp_path / "runs").output

    use_scripted(monkeypatch)
    resumed = invoke("resume", "f", "--runs-dir", tmp_path / "runs")
    assert "Story written" in resumed.output
    assert status(tmp_path, "f")["status"] == "done"


def test_a_run_whose_process_died_is_failed(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch, FakeProvider(respond=failing))
    invoke(*draft_args(tmp_path, seed_refs, "k", "--yes"))
    dead = subprocess.Popen(["true"])
    dead.wait()
    status_file = tmp_path / "runs" / "k" / "status.json"
    status_file.write_text(json.dumps({"status": "running", "pid": dead.pid, "host": socket.gethostname()}))
    data = status(tmp_path, "k")
    assert data["status"] == "failed" and "ended before it finished" in data["error"]
    status_file.write_text(json.dumps({"status": "running", "pid": dead.pid, "host": "another-machine"}))
    assert status(tmp_path, "k")["status"] == "running"


def test_runs_lists_every_run(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    runs = tmp_path / "runs"
    invoke(*draft_args(tmp_path, seed_refs, "a-waiting"))
    invoke(*draft_args(tmp_path, seed_refs, "b-done", "--yes"))
    (runs / "not-a-run").mkdir()
    rows = json.loads(invoke("runs", "--json", "--runs-dir", runs).output)
    assert [(r["run_id"], r["topic"], r["status"], r["step"], r["chapters"]) for r in rows] == [
        ("a-waiting", "ChatGPT launch", "awaiting_approval", "outline", 2),
        ("b-done", "ChatGPT launch", "done", None, 2),
    ]
    assert all(r["created"] and r["updated"] for r in rows)
    table = invoke("runs", "--runs-dir", runs).output
    assert "a-waiting" in table and "awaiting_approval (outline)" in table and "b-done" in table
    assert invoke("runs", "--runs-dir", tmp_path / "empty").output.strip() == f"No runs in {tmp_path / 'empty'}."


def test_status_and_diff_errors(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    runs = tmp_path / "runs"
    missing = invoke("status", "nope", "--runs-dir", runs)
    assert missing.exit_code == 2
    assert missing.output.strip() == f"Error: no run 'nope' in {runs} (list them with: storyagent runs)"
    invoke(*draft_args(tmp_path, seed_refs, "d", "--yes"))
    result = invoke("diff", "d", "--chapter", "1", "--runs-dir", runs)
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: chapter 1 of run 'd' has no earlier version to compare "
                                     "(re-run it first: storyagent rerun d --chapter 1)")


def test_diff_picks_a_version(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    runs = tmp_path / "runs"
    invoke(*draft_args(tmp_path, seed_refs, "v", "--yes"))
    invoke("rerun", "v", "--chapter", "1", "--notes", "Change it", "--yes", "--runs-dir", runs)
    invoke("rerun", "v", "--chapter", "1", "--yes", "--runs-dir", runs)
    history = sorted(p.name for p in (runs / "v" / "chapters" / "history").iterdir())
    assert history == ["01-part-1.v1.md", "01-part-1.v2.md"]
    first = invoke("diff", "v", "--chapter", "1", "--version", "1", "--runs-dir", runs).output
    assert first == "Chapter 1 is unchanged since 01-part-1.v1.md.\n"  # no notes again: the first text again
    last = invoke("diff", "v", "--chapter", "1", "--runs-dir", runs).output
    assert last.startswith("--- history/01-part-1.v2.md\n+++ 01-part-1.md\n@@")
