"""`langgraph dev` serves the story graph from langgraph.json: a draft through the API, approval included."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.approval_support import FAKE_ENV, ROOT
from tests.conftest import _free_port

LANGGRAPH = Path(sys.executable).with_name("langgraph")


@pytest.fixture
def dev_server(tmp_path, request):
    """Start `langgraph dev` offline on a free loopback port, logs outside the watched folder; stop it after."""
    if not LANGGRAPH.exists() and not shutil.which("langgraph"):
        pytest.skip("langgraph-cli is not installed: pip install -e '.[dev]'")
    pytest.importorskip("langgraph_sdk")
    scripted = request.param == "scripted"
    port = _free_port()
    env = {
        **os.environ,
        "LANGSMITH_TRACING": "false",
        "PYTHONPATH": os.pathsep.join([str(FAKE_ENV), str(ROOT)] if scripted else [str(ROOT)]),
        "STORYAGENT_TEST_SCRIPTED": "1" if scripted else "",
        "ANTHROPIC_API_KEY": "",
        "OPENAI_API_KEY": "",
        # Runs started without a context take their options from the server's environment.
        "STORYAGENT_RUNS_DIR": str(tmp_path / "env-runs"),
    }
    log = open(tmp_path / "server.log", "w")
    command = [str(LANGGRAPH if LANGGRAPH.exists() else shutil.which("langgraph")), "dev", "--no-browser",
               "--host", "127.0.0.1", "--port", str(port), "--no-reload", "--config", str(ROOT / "langgraph.json")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{url}/ok", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"langgraph dev did not start:\n{(tmp_path / 'server.log').read_text()[-3000:]}")
        yield url
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


async def draft_through_the_api(url: str, refs: Path, runs: Path | None) -> tuple[dict, dict, dict]:
    from langgraph_sdk import get_client

    client = get_client(url=url)
    thread = await client.threads.create()
    context = {"settings": {"runs_dir": str(runs), "provider": "local"}} if runs else None
    story_input = {"topic": "ChatGPT launch", "ref_dirs": [str(refs)], "chapters": 1, "approve": ["outline"]}
    waiting = await client.runs.wait(thread["thread_id"], "story", input=story_input, context=context)
    done = await client.runs.wait(thread["thread_id"], "story", command={"resume": {"action": "approve"}},
                                  context=context)
    return thread, waiting, done


def check_the_story(tmp_path, seed_refs, url, runs):
    thread, waiting, done = asyncio.run(draft_through_the_api(url, seed_refs, runs))
    runs = runs or tmp_path / "env-runs"
    assert [i["value"]["step"] for i in waiting["__interrupt__"]] == ["outline"], waiting
    assert "__interrupt__" not in done or not done["__interrupt__"], done
    # The run folder is named for the thread, under the runs folder the context gave.
    run = runs / thread["thread_id"]
    story = Path(done["story_path"])
    assert story == run / "story.md"
    text = story.read_text()
    assert text.count("\n## Chapter ") == 1 and "## Chapter 1: " in text
    assert "\n## References\n" in text
    assert (run / "outline.json").exists() and (run / "calls.jsonl").exists()
    return text


@pytest.mark.parametrize("dev_server", ["scripted"], indirect=True)
def test_a_draft_waits_at_the_outline_and_finishes_through_the_api(tmp_path, seed_refs, dev_server):
    text = check_the_story(tmp_path, seed_refs, dev_server, tmp_path / "runs")
    assert "## Chapter 1: Part 1" in text  # the scripted model's title
    # With no context at all, the server's STORYAGENT_RUNS_DIR decides where the run folder goes.
    assert "## Chapter 1: Part 1" in check_the_story(tmp_path, seed_refs, dev_server, None)


@pytest.mark.model
@pytest.mark.parametrize("dev_server", ["model"], indirect=True)
def test_the_embedded_model_drafts_one_chapter_under_langgraph_dev(tmp_path, seed_refs, dev_server):
    check_the_story(tmp_path, seed_refs, dev_server, tmp_path / "runs")
