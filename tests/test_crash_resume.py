"""A run killed with SIGKILL at any point finishes with `storyagent resume`, and no finished work is asked for again.

Each case runs the real CLI in a subprocess with the scripted model; the process kills itself at an exact
model call or node (tests/run_scripted.py), then a new process resumes. The calls logged in calls.jsonl
must be those of an uninterrupted run, plus only calls marked "resumed" (ones the unfinished node had made);
the call under way when the process died is made again and marked "retry_of": "interrupted".
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from agent.cli.edit_forms import edit_form
from agent.run.runner import Runner, load_settings
from agent.storage.folder import RunDir

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("run_scripted.py")
REFS = ROOT / "references" / "chatgpt-launch"
KILLED = -signal.SIGKILL


def cli(runs: Path, *args, kill: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": "", "COLUMNS": "200"}
    env.update(kill or {})
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args), "--runs-dir", str(runs)], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def draft(runs: Path, refs: Path, run_id: str, *extra, kill: dict | None = None):
    return cli(runs, "draft", "--topic", "ChatGPT launch", "--refs", refs, "--chapters", "2", "--run-id", run_id,
               *extra, kill=kill)


def calls(runs: Path, run_id: str) -> list[dict]:
    return RunDir(runs, run_id).calls()


def work(records: list[dict], prompts: bool = True) -> Counter:
    """Count calls by step, chapter, role and (with `prompts`) the hash of their prompts."""
    return Counter((c.get("step"), c.get("chapter"), c["role"], c["key"] if prompts else "") for c in records)


def chapters_of(story: str) -> list[str]:
    return [line for line in story.splitlines() if line.startswith("## Chapter")]


@pytest.fixture(scope="module")
def refs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("refs") / "chatgpt-launch"
    shutil.copytree(REFS, folder)
    return folder


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, refs):
    """An uninterrupted run: its story and its calls."""
    runs = tmp_path_factory.mktemp("base")
    done = draft(runs, refs, "base", "--yes")
    assert done.returncode == 0, done.stderr
    return (runs / "base" / "story.md").read_text(), calls(runs, "base")


KILL_POINTS = {
    "outline, planner call": {"STORYAGENT_TEST_KILL_AT_CALL": "1"},
    "outline, style sheet call": {"STORYAGENT_TEST_KILL_AT_CALL": "2"},
    "write, first chapter": {"STORYAGENT_TEST_KILL_AT_CALL": "3"},
    "write, parallel chapters": {"STORYAGENT_TEST_KILL_AT_CALL": "4"},
    "revise": {"STORYAGENT_TEST_KILL_AT_CALL": "6"},
    "image_prompts, parallel chapters": {"STORYAGENT_TEST_KILL_AT_CALL": "8"},
    "ingest": {"STORYAGENT_TEST_KILL_AT_STEP": "ingest"},
    "fact_check, second chapter": {"STORYAGENT_TEST_KILL_AT_STEP": "fact_check", "STORYAGENT_TEST_KILL_NTH": "2"},
    "style_consistency": {"STORYAGENT_TEST_KILL_AT_STEP": "style_consistency"},
    "assemble": {"STORYAGENT_TEST_KILL_AT_STEP": "assemble"},
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_draft_killed_anywhere_finishes_on_resume_without_repeating_finished_calls(tmp_path, refs, baseline, point):
    story, base_calls = baseline
    runs = tmp_path / "runs"
    killed = draft(runs, refs, "k", "--yes", kill=KILL_POINTS[point])
    assert killed.returncode == KILLED, killed.stderr[-2000:]
    assert not (runs / "k" / "story.md").exists()
    before = len(calls(runs, "k"))

    resumed = cli(runs, "resume", "k")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert f"Story written in" in resumed.stdout and str(runs / "k" / "story.md") in resumed.stdout
    assert (runs / "k" / "story.md").read_text() == story
    logged = calls(runs, "k")
    repeated = [c for c in logged if c.get("resumed")]
    assert work([c for c in logged if not c.get("resumed")]) == work(base_calls), point
    assert all(c.get("resumed") is None for c in logged[:before])  # only the resuming process marks repeats
    assert len(repeated) <= 1, repeated  # at most the one finished call of the node that was cut short
    retried = [c for c in logged if c.get("retry_of")]
    if "STORYAGENT_TEST_KILL_AT_CALL" in KILL_POINTS[point]:  # the call under way when the process died
        assert 1 <= len(retried) <= 2 and {c["retry_of"] for c in retried} == {"interrupted"}, retried
    else:  # killed between calls; a parallel chapter's call may have been under way
        assert len(retried) <= 1 and {c["retry_of"] for c in retried} <= {"interrupted"}, retried
    assert json.loads((runs / "k" / "calls.inflight.json").read_text()) == []


def test_killed_in_the_middle_of_an_approval_edit(tmp_path, refs, baseline):
    runs = tmp_path / "runs"
    waiting = draft(runs, refs, "e", "--approve", "chapters", "--no-input")
    assert waiting.returncode == 0 and "waiting for approval of the chapters" in waiting.stdout
    run = RunDir(runs, "e")
    runner = Runner(run, load_settings(run))
    with runner.open(lock=False):
        form = edit_form("chapters", runner.values())
    edited = tmp_path / "chapters.md"
    edited.write_text(form.replace("# Chapter 1: Part 1", "# Chapter 1: The Day It Launched"))

    killed = cli(runs, "resume", "e", "--edit", edited, kill={"STORYAGENT_TEST_KILL_AT_CALL": "2"})
    assert killed.returncode == KILLED, killed.stderr[-2000:]
    resumed = cli(runs, "resume", "e")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    story = (runs / "e" / "story.md").read_text()
    assert chapters_of(story) == ["## Chapter 1: The Day It Launched", "## Chapter 2: Part 2"]
    # the edited title changes chapter 1's image prompt, so compare the calls without their prompts
    assert work([c for c in calls(runs, "e") if not c.get("resumed")], False) == work(baseline[1], False)


def test_killed_in_the_middle_of_a_rerun(tmp_path, refs, baseline):
    runs = tmp_path / "runs"
    assert draft(runs, refs, "r", "--yes").returncode == 0
    first = len(calls(runs, "r"))
    killed = cli(runs, "rerun", "r", "--chapter", "2", "--notes", "use another passage", "--yes",
                 kill={"STORYAGENT_TEST_KILL_AT_CALL": "2"})
    assert killed.returncode == KILLED, killed.stderr[-2000:]
    resumed = cli(runs, "resume", "r")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    story = (runs / "r" / "story.md").read_text()
    assert chapters_of(story) == ["## Chapter 1: Part 1", "## Chapter 2: Part 2"] and story != baseline[0]
    again = [c for c in calls(runs, "r")[first:] if not c.get("resumed")]
    # the re-run alone: chapter 2 written, checked, revised, checked and pictured once; nothing of chapter 1
    assert sorted((c["step"], c["chapter"]) for c in again) == [
        ("fact_check", 2), ("fact_check", 2), ("image_prompts", 2), ("revise", 2), ("write", 2)]
