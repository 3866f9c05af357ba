"""--max-concurrency: a default per provider, the option, and LangGraph's max_concurrency in the run config."""

from __future__ import annotations

import threading
import time

from agent.graph.context import build_settings, concurrency
from agent.run.runner import Runner
from agent.storage.folder import RunDir
from tests.approval_support import draft_args, invoke
from tests.fakes import FakeProvider
from tests.scripted import respond, use_scripted


def test_each_provider_has_its_default_and_the_option_wins(tmp_path, seed_refs, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    local = build_settings(topic="t", refs=[str(seed_refs)], provider="local")
    api = build_settings(topic="t", refs=[str(seed_refs)], provider="anthropic")
    assert (concurrency(local), concurrency(api)) == (1, 4)
    chosen = build_settings(topic="t", refs=[str(seed_refs)], provider="openai", base_url="http://x", max_concurrency=7)
    runner = Runner(RunDir(tmp_path, "r"), chosen)
    assert runner.config["max_concurrency"] == 7 and runner.config["configurable"] == {"thread_id": "r"}


def test_a_bad_value_is_one_error_line(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    result = invoke(*draft_args(tmp_path, seed_refs, "r", "--yes", "--max-concurrency", "0"))
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1].startswith("Error: Invalid value for '--max-concurrency': ")


def overlap_of_writes(tmp_path, seed_refs, monkeypatch, *extra, expect: int = 1) -> int:
    """Return the most writer calls in flight at once; each call waits (up to 3 s) for `expect` of them to be
    in flight, so a loaded machine, slow to start the other chapters, does not hide the overlap."""
    ready = threading.Condition()
    state = {"now": 0, "peak": 0}

    def slow(call):
        if "writer of an illustrated" not in call["system"]:
            return respond(call)
        with ready:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
            ready.notify_all()
            ready.wait_for(lambda: state["now"] >= expect, timeout=3.0)
        time.sleep(0.3)
        with ready:
            state["now"] -= 1
        return respond(call)

    use_scripted(monkeypatch, FakeProvider(respond=slow))
    result = invoke(*draft_args(tmp_path, seed_refs, f"r{len(extra)}", "--yes", "--chapters", "3", *extra))
    assert result.exit_code == 0, result.output
    return state["peak"]


def test_the_local_provider_writes_one_chapter_at_a_time_and_the_option_lets_more_run(tmp_path, seed_refs, monkeypatch):
    assert overlap_of_writes(tmp_path, seed_refs, monkeypatch) == 1
    assert overlap_of_writes(tmp_path, seed_refs, monkeypatch, "--max-concurrency", "3", expect=3) == 3
