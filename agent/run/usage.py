"""What a run's LLM calls cost, read from calls.jsonl: calls, cache hits, tokens per chapter."""

from __future__ import annotations

from agent.storage.folder import RunDir


def usage(run: RunDir) -> dict:
    """Return the run's calls, cache hits and tokens in total and per chapter ("shared": outline, style, ...)."""
    totals = {"calls": 0, "cache_hits": 0, "input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0}
    chapters: dict[str, dict] = {}
    for record in run.calls():
        if record.get("cache_hit"):
            totals["cache_hits"] += 1
            continue
        key = str(record["chapter"]) if record.get("chapter") is not None else "shared"
        row = chapters.setdefault(key, {"calls": 0, "input_tokens": 0, "output_tokens": 0})
        row["calls"] += 1
        totals["calls"] += 1
        for name in ("input_tokens", "output_tokens"):
            row[name] += record.get(name, 0)
            totals[name] += record.get(name, 0)
        totals["cached_input_tokens"] += record.get("cached_input_tokens", 0)
    order = sorted((k for k in chapters if k != "shared"), key=int) + (["shared"] if "shared" in chapters else [])
    return {**totals, "per_chapter": {k: chapters[k] for k in order}}


def usage_line(data: dict) -> str:
    """Return the 'tokens per chapter' line of a usage dict."""
    parts = [f"{'shared' if k == 'shared' else 'ch ' + k} {v['input_tokens']:,} in / {v['output_tokens']:,} out"
             for k, v in data["per_chapter"].items()]
    return "Tokens per chapter: " + ("; ".join(parts) or "no calls yet")
