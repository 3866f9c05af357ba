"""Damaged runs are named, a lost story.md is rebuilt, Ctrl-C leaves a resume command that works, bad answers wait again."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.errors import InputError
from tests.approval_support import draft_args, invoke, scripted_runner
from tests.scripted import use_scripted

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("run_scripted.py")


@pytest.fixture
def refs(tmp_path) -> Path:
    folder = tmp_path / "refs"
    shutil.copytree(ROOT / "references" / "chatgpt-launch", folder)
    return folder


def finished(tmp_path, refs, monkeypatch, run_id="ok"):
    use_scripted(monkeypatch)
    result = invoke(*draft_args(tmp_path, refs, run_id, "--yes"))
    assert result.exit_code == 0, result.output
    return tmp_path / "runs" / run_id


def test_runs_lists_every_run_and_marks_a_corrupt_one(tmp_path, refs, monkeypatch):
    good = finished(tmp_path, refs, monkeypatch, "good")
    bad = finished(tmp_path, refs, monkeypatch, "bad")
    (bad / "checkpoints.sqlite").write_bytes(b"this is not a database" * 100)
    worse = finished(tmp_path, refs, monkeypatch, "worse")
    (worse / "config.json").write_text("{not json")

    listed = invoke("runs", "--json", "--runs-dir", tmp_path / "runs")
    assert listed.exit_code == 0, listed.output
    rows = {r["run_id"]: r for r in json.loads(listed.output)}
    assert (rows["good"]["status"], rows["bad"]["status"], rows["worse"]["status"]) == ("done", "corrupt", "corrupt")
    assert rows["bad"]["error"] == (f"run 'bad' is damaged: {bad / 'checkpoints.sqlite'} cannot be read "
                                    "(file is not a database)")
    assert rows["worse"]["error"].startswith(f"run 'worse' is damaged: {worse / 'config.json'} cannot be read (")
    table = invoke("runs", "--runs-dir", tmp_path / "runs").output
    assert "good" in table and "corrupt" in table and "worse" in table

    status = invoke("status", "bad", "--runs-dir", tmp_path / "runs")
    assert status.exit_code == 2
    assert status.output.strip() == (f"Error: run 'bad' is damaged: {bad / 'checkpoints.sqlite'} cannot be read "
                                     "(file is not a database)")
    assert good.exists()
    for command in (["resume", "bad"], ["rerun", "bad", "--chapter", "1"]):
        result = invoke(*command, "--runs-dir", tmp_path / "runs")
        assert result.exit_code == 2 and result.output.strip() == (
            f"Error: run 'bad' is damaged: {bad / 'checkpoints.sqlite'} cannot be read (file is not a database)")


def test_resume_rebuilds_a_missing_story(tmp_path, refs, monkeypatch):
    run = finished(tmp_path, refs, monkeypatch)
    story = (run / "story.md").read_text()
    made = len((run / "calls.jsonl").read_text().splitlines())
    (run / "story.md").unlink()
    result = invoke("resume", "ok", "--runs-dir", tmp_path / "runs")
    assert result.exit_code == 0 and f"Story written in" in result.output
    assert (run / "story.md").read_text() == story
    again = invoke("resume", "ok", "--runs-dir", tmp_path / "runs")  # nothing to do: no model call
    assert again.exit_code == 0 and len([c for c in json.loads("[" + ",".join(
        (run / "calls.jsonl").read_text().splitlines()) + "]")]) == made


def test_ctrl_c_saves_and_prints_one_resume_line_that_works(tmp_path, refs):
    runs = tmp_path / "runs"
    blocked = tmp_path / "blocked"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": "", "COLUMNS": "60",
           "STORYAGENT_TEST_BLOCK": 'Chapter 2 of 2: "Part 2"', "STORYAGENT_TEST_BLOCKED": str(blocked)}
    args = ["draft", "--topic", "ChatGPT launch", "--refs", str(refs), "--chapters", "2", "--yes",
            "--runs-dir", str(runs), "--run-id", "a-rather-long-run-name-for-a-narrow-terminal"]
    proc = subprocess.Popen([sys.executable, str(SCRIPT), *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while not blocked.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert blocked.exists(), proc.communicate()[1][-2000:]
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    line = err.strip().splitlines()[-1]
    command = f"storyagent resume a-rather-long-run-name-for-a-narrow-terminal --runs-dir {runs}"
    assert line == f"Error: interrupted, the run is saved at its last checkpoint; resume with: {command}"

    env.pop("STORYAGENT_TEST_BLOCK")
    words = shlex.split(line.split("resume with: ", 1)[1])
    assert words[0] == "storyagent"
    resumed = subprocess.run([sys.executable, str(SCRIPT), *words[1:]], env=env, capture_output=True, text=True,
                             stdin=subprocess.DEVNULL, timeout=120)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert (runs / "a-rather-long-run-name-for-a-narrow-terminal" / "story.md").exists()


def test_an_invalid_answer_does_not_poison_the_checkpoint(tmp_path, refs):
    runner = scripted_runner(tmp_path, refs, approve=["outline"])
    with runner.open():
        assert runner.start().step == "outline"
        for bad, message in [({"action": "maybe"}, "invalid answer at the outline approval: action: Input should be "
                                                   "'approve', 'edit' or 'reject'"),
                             ({"action": "reject"}, "rejecting the outline needs notes saying what to change"),
                             ({"action": "edit", "data": {"outline": {"title": 5}}}, "invalid answer at the outline "
                                                                                    "approval: title: Input should be a valid string")]:
            with pytest.raises(InputError) as info:
                runner.resume(bad)
            assert str(info.value) == message
            waiting = runner.outcome()
            assert (waiting.status, waiting.step) == ("awaiting_approval", "outline")
            assert waiting.interrupts[0].value["error"] == message
        done = runner.resume({"action": "approve"})
    assert done.status == "done" and (runner.run.path / "story.md").exists()
