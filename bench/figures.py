"""Measure storyagent's speed and cost figures, each in one run on this machine; print `name value target`.

Figures 1-6 drive the real graph with bench.latency.LatencyProvider (an API model's latency, simulated);
figure 7 (--model-figures) runs the embedded model. See the README section "Speed and cost".
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFS = ROOT / "references" / "chatgpt-launch"
TOPIC = "ChatGPT launch"
BASE_URL = "http://bench.invalid/v1"  # never contacted: the bench provider stands in for the endpoint
CHAPTER_STEPS = ("write", "fact_check", "revise")


def emit(name: str, value, target: str) -> None:
    shown = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"{name} {shown} {target}", flush=True)


class Bench:
    """Runs drafts in this process with a fresh LatencyProvider each, in one scratch folder."""

    def __init__(self, work: Path, chapters: int):
        self.work, self.chapters = work, chapters
        self.runs = work / "runs"
        self.provider = None
        self.user_cache = os.environ.get("STORYAGENT_CACHE")
        os.environ["STORYAGENT_CACHE"] = str(work / "cache")  # a cache of its own: figures start cold
        import agent.graph.context as context

        context.make_provider = lambda name, model=None, base_url=None: self.provider

    def settings(self, run_id: str, concurrency: int, cache: bool):
        from agent.graph.context import build_settings

        return build_settings(topic=TOPIC, refs=[str(REFS)], chapters=self.chapters, provider="openai", base_url=BASE_URL,
                              approve=[], runs_dir=str(self.runs), run_id=run_id, max_concurrency=concurrency, cache=cache)

    def draft(self, run_id: str, concurrency: int, cache: bool = False, scoring: bool = False):
        """Draft a story; return (wall seconds, provider, run folder)."""
        from agent.run.runner import Runner
        from agent.storage.folder import RunDir
        from bench.latency import LatencyProvider, ScoringLatencyProvider

        self.provider = ScoringLatencyProvider() if scoring else LatencyProvider()
        settings = self.settings(run_id, concurrency, cache)
        run = RunDir(self.runs, run_id)
        runner = Runner(run, settings)
        with runner.open():
            run.write_json("config.json", settings.model_dump(mode="json"))
            start = time.monotonic()
            outcome = runner.start()
            wall = time.monotonic() - start
        if outcome.status != "done":
            raise SystemExit(f"bench draft {run_id} stopped at {outcome.status} {outcome.step}")
        return wall, self.provider, run

    def rerun(self, run, chapter: int, concurrency: int):
        from agent.run.runner import Runner, load_settings
        from bench.latency import LatencyProvider

        self.provider = LatencyProvider()
        settings = load_settings(run).model_copy(update={"max_concurrency": concurrency})
        runner = Runner(run, settings)
        with runner.open():
            runner.rerun(chapter, yes=True)
        return self.provider


def critical_path(calls: list[dict]) -> float:
    """Outline, plus the slowest chapter chain, plus the slowest image prompt, plus the style check (assemble: no calls)."""
    def total(step: str) -> float:
        return sum(c["seconds"] for c in calls if c.get("step") == step)

    chains: dict[int, float] = {}
    images: dict[int, float] = {}
    for c in calls:
        if c.get("step") in CHAPTER_STEPS:
            chains[c["chapter"]] = chains.get(c["chapter"], 0.0) + c["seconds"]
        elif c.get("step") == "image_prompts":
            images[c["chapter"]] = images.get(c["chapter"], 0.0) + c["seconds"]
    return total("outline") + max(chains.values(), default=0) + max(images.values(), default=0) + total("style_consistency")


def all_references_tokens() -> int:
    """Tokens of a sources block holding every passage of the references: the baseline's context."""
    from agent.prompts import render
    from agent.story.references import load_references
    from agent.story.retrieval import count_tokens

    _, passages = load_references([str(REFS)])
    return count_tokens(render("_passages", passages=[p.model_dump() for p in passages]))


def token_ratio(calls: list[dict]) -> tuple[float, float]:
    """Return (input tokens per chapter, its ratio to a baseline sending every reference in every call)."""
    everything = all_references_tokens()
    per = [c for c in calls if c.get("chapter") is not None]
    used = sum(c["input_tokens"] for c in per)
    baseline = sum(c["input_tokens"] - c["sources_tokens"] + everything for c in per)
    chapters = len({c["chapter"] for c in per}) or 1
    return used / chapters, used / baseline if baseline else 0.0


def recheck_ratio(calls: list[dict]) -> tuple[float, int]:
    """Return fact-check input tokens after a revise over those of the chapter's first check, and the chapters counted."""
    first = again = counted = 0
    for number in sorted({c["chapter"] for c in calls if c.get("step") == "revise"}):
        mine = [c for c in calls if c.get("chapter") == number and c.get("step") in CHAPTER_STEPS]
        cut = next(i for i, c in enumerate(mine) if c["step"] == "revise")
        before = sum(c["input_tokens"] for c in mine[:cut] if c["step"] == "fact_check")
        after = sum(c["input_tokens"] for c in mine[cut:] if c["step"] == "fact_check")
        if before:
            first, again, counted = first + before, again + after, counted + 1
    return (again / first if first else float("nan")), counted


def killed_and_resumed(bench: Bench, expected_calls: int) -> tuple[int, int, int, int]:
    """Draft in a child process, kill -9 it at half the calls, resume in another.

    Return the calls repeated (asked again after the resume though answered before the kill), the calls
    before the kill and after it, and the cache hits after it (answers a killed task had already received).
    """
    import json

    run_id = "killed"
    log = bench.runs / run_id / "calls.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    common = ["--runs-dir", str(bench.runs), "--max-concurrency", "4", "--no-input"]
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.cli", "draft", "--topic", TOPIC, "--refs", str(REFS), "--chapters", str(bench.chapters),
         "--provider", "openai", "--base-url", BASE_URL, "--yes", "--run-id", run_id, *common],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while child.poll() is None:
        lines = log.read_text().splitlines() if log.exists() else []
        if len(lines) >= expected_calls // 2:
            os.killpg(child.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    child.wait()
    before = [json.loads(line) for line in log.read_text().splitlines()]
    done = subprocess.run([sys.executable, "-m", "bench.cli", "resume", run_id, "--yes", *common],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench resume failed: {done.stderr.strip()[-300:]}")
    after = [json.loads(line) for line in log.read_text().splitlines()][len(before):]
    seen = {c["key"] for c in before if not c.get("cache_hit")}
    repeated = sum(1 for c in after if not c.get("cache_hit") and c["key"] in seen)
    hits = sum(1 for c in after if c.get("cache_hit"))
    return repeated, sum(not c.get("cache_hit") for c in before), sum(not c.get("cache_hit") for c in after), hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    parser.add_argument("--chapters", type=int, default=10)
    parser.add_argument("--model-figures", action="store_true", help="also measure the embedded model (about 6-10 minutes)")
    parser.add_argument("--keep", type=Path, help="keep the run folders here instead of a temporary folder")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="storyagent-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, args.chapters)
    began = time.monotonic()

    wall, provider, run = bench.draft("parallel", concurrency=args.chapters)
    path = critical_path(provider.calls)
    emit("parallel_ratio", wall / path, "<=1.3")
    emit("parallel_wall_seconds", wall, f"critical_path={path:.1f}s")
    draft_calls = len(provider.calls)
    wall_1, provider_1, _ = bench.draft("serial", concurrency=1)
    emit("parallel_ratio_concurrency_1", wall_1 / critical_path(provider_1.calls), "info")

    per_chapter, ratio = token_ratio(provider.calls)
    emit("input_token_ratio", ratio, "<=0.3")
    emit("input_tokens_per_chapter", round(per_chapter), "info")
    # The fact-check sends a claim to an API model only where its rules leave it open; a model that rates
    # claims token by token (the embedded one) reads every claim. The target is for the second case.
    _, scored, _ = bench.draft("scored", concurrency=args.chapters, scoring=True)
    recheck, counted = recheck_ratio(scored.calls)
    emit("recheck_token_ratio", recheck, f"<=0.3 (a model that reads every claim; {counted} revised chapters)")
    recheck, counted = recheck_ratio(provider.calls)
    emit("recheck_token_ratio_api", recheck, f"info (only the claims the rules leave open; {counted} revised chapters)")

    # Every chapter re-run once: chapters differ in cost (claims to check, a revise or not), so the figure is the
    # mean share of the draft that re-running one chapter costs; the dearest chapter is shown next to it.
    reruns = [bench.rerun(run, n, concurrency=args.chapters).calls for n in range(1, args.chapters + 1)]
    style = sum(1 for calls in reruns for c in calls if c.get("step") == "style_consistency") / len(reruns)
    shares = [len(calls) / draft_calls for calls in reruns]
    emit("rerun_call_ratio", sum(shares) / len(shares),
         f"<={1 / args.chapters + style / draft_calls:.3f} (1/{args.chapters} + style pass {style:.1f}/{draft_calls}; "
         f"dearest chapter {max(shares):.3f})")

    repeated, before, after, hits = killed_and_resumed(bench, draft_calls)
    emit("resume_repeated_calls", repeated, f"0 ({before} calls before the kill, {after} after, {hits} answered from the cache)")
    _, cached_provider, _ = bench.draft("again", concurrency=4, cache=True)
    emit("cached_rerun_calls", len(cached_provider.calls), "0")
    emit("bench_seconds", time.monotonic() - began, f"info (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")

    if args.model_figures:
        from bench.model_figures import model_figures

        model_figures(work, emit, bench.user_cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
