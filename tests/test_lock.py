"""One process per run: a second one gets a clear `Error:`; a killed holder leaves no lock; two runs side by side."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.errors import RunError
from agent.storage.folder import RunDir
from agent.storage.lock import run_lock

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("run_scripted.py")


def start(runs: Path, *args, env: dict | None = None) -> subprocess.Popen:
    base = {**os.environ, "PYTHONPATH": str(ROOT), "ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": "", "COLUMNS": "200"}
    return subprocess.Popen([sys.executable, str(SCRIPT), *map(str, args), "--runs-dir", str(runs)], env={**base, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)


def draft_args(refs: Path, run_id: str) -> list:
    return ["draft", "--topic", "ChatGPT launch", "--refs", refs, "--chapters", "2", "--yes", "--run-id", run_id]


@pytest.fixture
def refs(tmp_path) -> Path:
    folder = tmp_path / "refs"
    shutil.copytree(ROOT / "references" / "chatgpt-launch", folder)
    return folder


def test_the_lock_refuses_a_second_holder_and_frees_on_exit(tmp_path):
    run = RunDir(tmp_path, "r")
    with run_lock(run):
        assert run.file(".lock").read_text() == str(os.getpid())
        child = subprocess.run([sys.executable, "-c", (
            "import sys; sys.path.insert(0, sys.argv[1])\n"
            "from pathlib import Path\nfrom agent.storage.folder import RunDir\nfrom agent.storage.lock import run_lock\n"
            "from agent.errors import RunError\n"
            "try:\n    run_lock(RunDir(Path(sys.argv[2]), 'r')).__enter__()\nexcept RunError as e:\n    print(e)\n"),
            str(ROOT), str(tmp_path)], capture_output=True, text=True)
        assert child.stdout.strip() == (f"run 'r' is busy: another storyagent process (process {os.getpid()}) is working "
                                        "on it; wait for it to finish, or stop it first")
    with run_lock(run):  # released: taken again at once
        pass


def test_a_second_process_on_a_busy_run_gets_an_error_and_a_killed_holder_blocks_nothing(tmp_path, refs):
    runs = tmp_path / "runs"
    blocked = tmp_path / "blocked"
    holder = start(runs, *draft_args(refs, "busy"),
                   env={"STORYAGENT_TEST_BLOCK": 'Chapter 2 of 2: "Part 2"', "STORYAGENT_TEST_BLOCKED": str(blocked)})
    deadline = time.monotonic() + 90
    while not blocked.exists() and time.monotonic() < deadline and holder.poll() is None:
        time.sleep(0.1)
    assert blocked.exists(), holder.communicate()[1][-2000:]

    second = start(runs, "resume", "busy")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 2, err
    assert err.strip().splitlines()[-1].startswith("Error: run 'busy' is busy: another storyagent process (process ")
    looked = start(runs, "status", "busy", "--json")  # looking needs no lock
    out, err = looked.communicate(timeout=120)
    assert looked.returncode == 0, err
    assert json.loads(out)["status"] == "running"

    holder.send_signal(signal.SIGKILL)
    holder.wait()
    after = start(runs, "resume", "busy")
    out, err = after.communicate(timeout=120)
    assert after.returncode == 0, err[-2000:]
    story = (runs / "busy" / "story.md").read_text()
    assert story.count("## Chapter 1: Part 1") == 1 and story.count("## Chapter 2: Part 2") == 1
    status = start(runs, "status", "busy", "--json")
    assert json.loads(status.communicate(timeout=120)[0])["status"] == "done"
    writes = [c for c in RunDir(runs, "busy").calls() if c.get("step") == "write" and not c.get("resumed")]
    assert sorted(c["chapter"] for c in writes) == [1, 2]  # each chapter written once


def test_two_drafts_in_the_same_runs_folder_at_once(tmp_path, refs):
    runs = tmp_path / "runs"
    procs = [start(runs, *draft_args(refs, f"side-{n}")) for n in (1, 2)]
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err[-2000:]
    for n in (1, 2):
        story = (runs / f"side-{n}" / "story.md").read_text()
        assert "## Chapter 1: Part 1" in story and "## Chapter 2: Part 2" in story
        # every call of a scripted two-chapter draft, once: outline and style sheet, then per chapter
        # write, fact-check, revise, fact-check again, image prompt
        assert len(RunDir(runs, f"side-{n}").calls()) == 12
        assert json.loads((runs / f"side-{n}" / "config.json").read_text())["run_id"] == f"side-{n}"
