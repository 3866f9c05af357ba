"""A run killed at any point continues from its checkpoint in a new process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).with_name("run_scripted.py")


def cli(args, env):
    return subprocess.Popen([sys.executable, str(SCRIPT), *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)


def test_kill_9_mid_chapters_then_resume(tmp_path, seed_refs, checkpointer):
    blocked = tmp_path / "blocked"
    env = {**os.environ, "STORYAGENT_TEST_BLOCK": 'Chapter 2 of 2: "Part 2"', "STORYAGENT_TEST_BLOCKED": str(blocked)}
    runs = tmp_path / "runs"
    args = ["draft", "--topic", "ChatGPT launch", "--refs", str(seed_refs), "--chapters", "2", "--yes",
            "--runs-dir", str(runs), "--run-id", "crash", "--checkpointer", checkpointer]
    proc = cli(args, env)
    deadline = time.monotonic() + 60
    while not blocked.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert blocked.exists(), proc.communicate()[1][-2000:]
    time.sleep(0.5)  # let chapter 1's finished work reach the checkpoint
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    run = runs / "crash"
    assert not (run / "story.md").exists()

    env.pop("STORYAGENT_TEST_BLOCK")
    resumed = cli(["resume", "crash", "--runs-dir", str(runs)], env)
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err[-2000:]
    assert "Story written" in out
    story = (run / "story.md").read_text()
    assert "## Chapter 1: Part 1" in story and "## Chapter 2: Part 2" in story

    calls = [json.loads(line) for line in (run / "calls.jsonl").read_text().splitlines()]
    planner = [c for c in calls if c["role"] == "planner"]
    assert len(planner) == 1, "the outline was planned again after the crash"
    # The checkpoints went where --checkpointer said, and `runs` reads them back from there.
    assert (run / "checkpoints.sqlite").exists() == (checkpointer == "sqlite")
    listed = cli(["runs", "--json", "--runs-dir", str(runs)], env)
    out, err = listed.communicate(timeout=60)
    assert listed.returncode == 0, err[-2000:]
    assert [(r["run_id"], r["status"], r["chapters"]) for r in json.loads(out)] == [("crash", "done", 2)]
