"""What a run's calls cost: calls, cache hits and tokens per chapter, in `storyagent status`."""

from __future__ import annotations

import json

from agent.run.usage import usage, usage_line
from agent.storage.folder import CALL_SCOPE, RunDir
from tests.approval_support import draft_args, invoke
from tests.scripted import use_scripted


def test_usage_sums_tokens_per_chapter_and_counts_cache_hits_apart(tmp_path):
    run = RunDir(tmp_path, "r")
    for scope, record in [
        ({"step": "outline", "chapter": None}, {"input_tokens": 100, "output_tokens": 10}),
        ({"step": "write", "chapter": 2}, {"input_tokens": 300, "output_tokens": 50, "cached_input_tokens": 200}),
        ({"step": "fact_check", "chapter": 2}, {"input_tokens": 40, "output_tokens": 2}),
        ({"step": "write", "chapter": 10}, {"input_tokens": 7, "output_tokens": 1}),
        ({"step": "write", "chapter": 1}, {"input_tokens": 0, "output_tokens": 0, "cache_hit": True}),
    ]:
        CALL_SCOPE.set(scope)
        run.log_call({"role": "writer", **record})
    CALL_SCOPE.set({})
    data = usage(run)
    assert (data["calls"], data["cache_hits"], data["input_tokens"], data["cached_input_tokens"]) == (4, 1, 447, 200)
    assert list(data["per_chapter"]) == ["2", "10", "shared"]
    assert data["per_chapter"]["2"] == {"calls": 2, "input_tokens": 340, "output_tokens": 52}
    assert usage_line(data) == "Tokens per chapter: ch 2 340 in / 52 out; ch 10 7 in / 1 out; shared 100 in / 10 out"


def test_status_prints_the_tokens_per_chapter(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    drafted = invoke(*draft_args(tmp_path, seed_refs, "s", "--yes"))
    assert drafted.exit_code == 0 and "Tokens per chapter: ch 1 " in drafted.output
    calls = [json.loads(line) for line in (tmp_path / "runs" / "s" / "calls.jsonl").read_text().splitlines()]
    per = {n: sum(c["input_tokens"] for c in calls if c.get("chapter") == n) for n in (1, 2)}
    text = invoke("status", "s", "--runs-dir", tmp_path / "runs").output
    assert f"LLM calls: {len(calls)}, " in text
    assert f"Tokens per chapter: ch 1 {per[1]:,} in / " in text and f"; ch 2 {per[2]:,} in / " in text
    data = json.loads(invoke("status", "s", "--json", "--runs-dir", tmp_path / "runs").output)
    assert data["usage"]["per_chapter"]["1"]["input_tokens"] == per[1]
