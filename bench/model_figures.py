"""The embedded model's figures: its speed inside the tool against raw llama-cpp-python, and a real draft.

1. The same writer prompt goes through the tool (LLM wrapper → LocalProvider) and straight to
   llama-cpp-python's create_chat_completion on the same loaded model, with the same parameters, the KV
   cache emptied before each call. Reading speed is prompt tokens over the time of a one-token reply;
   writing speed is the further tokens over the further time of a 64-token reply. The fastest of three
   calls of each kind counts, the two paths taking turns, so a busy machine hurts both alike.
2. The default draft (3 chapters, the embedded model, `--no-cache`) in a child process: wall time, and
   input tokens per chapter from its calls.jsonl.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
WRITE_TOKENS = 64
ROUNDS = 3


def writer_prompt() -> tuple[str, str]:
    """Return the writer's system and user prompt for chapter 1 of the ChatGPT-launch references, as write makes it."""
    from agent.graph.nodes.write import DEFAULT_WORDS, EXAMPLE, chapter_passages, facts
    from agent.prompts import render_pair
    from agent.state import ChapterPlan
    from agent.story.references import Library, load_references

    sources, passages = load_references([str(ROOT / "references" / "chatgpt-launch")])
    library = Library(passages, sources)
    plan = ChapterPlan(number=1, title="A Quiet Launch", beats=["OpenAI released ChatGPT as a research preview",
                                                                "a million people used it within days"],
                       opening="An office in San Francisco on the morning of the launch")
    shown = [{"id": p.id, "source_id": p.source_id, "text": facts(plan, p)} for p in chapter_passages(plan, library)]
    return render_pair("write", topic="ChatGPT launch", story_title="The Chatbot Year", chapter=plan.model_dump(),
                       total=3, passages=shown, previous="", next_title="The Rush", words=DEFAULT_WORDS,
                       example=EXAMPLE, notes="", problems=[])


def timed(call: Callable[[int], tuple[int, int]], reset: Callable[[], None], max_tokens: int) -> tuple[float, int, int]:
    """Return (seconds, prompt tokens, reply tokens) of one call with an empty KV cache."""
    reset()
    start = time.monotonic()
    prompt_tokens, written = call(max_tokens)
    return time.monotonic() - start, prompt_tokens, written


def rates(read: list[tuple[float, int, int]], full: list[tuple[float, int, int]]) -> tuple[float, float]:
    """Return (reading, writing) tokens per second from the fastest 1-token and the fastest WRITE_TOKENS call.

    The fastest of several calls is the one the busy machine disturbed least; writing is the further
    tokens of the longer reply over its further time.
    """
    read_seconds, prompt_tokens, _ = min(read)
    full_seconds, _, written = min(full)
    return prompt_tokens / read_seconds, max(written - 1, 1) / max(full_seconds - read_seconds, 1e-3)


def model_figures(work: Path, emit, user_cache: str | None) -> None:
    if user_cache is None:
        os.environ.pop("STORYAGENT_CACHE", None)
    else:
        os.environ["STORYAGENT_CACHE"] = user_cache  # the embedded model lives in the user's cache
    from agent.errors import ModelOutputError
    from agent.llm.base import LLM
    from agent.llm.providers.local import REPEAT_PENALTY, LocalProvider

    began = time.monotonic()
    provider = LocalProvider()
    llama = provider._load()
    system, user = writer_prompt()
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    counted: list[dict] = []
    tool = LLM(provider, "writer", log=counted.append)

    def through_tool(max_tokens: int) -> tuple[int, int]:
        try:
            tool.text(system, user, max_tokens=max_tokens, temperature=0.0)
        except ModelOutputError:
            pass  # cut off before a full sentence, as a 1-token reply is: the call was made and logged all the same
        return counted[-1]["input_tokens"], counted[-1]["output_tokens"]

    def raw(max_tokens: int) -> tuple[int, int]:
        result = llama.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.0,
                                              repeat_penalty=REPEAT_PENALTY)
        return result["usage"]["prompt_tokens"], result["usage"]["completion_tokens"]

    found: dict[str, tuple[list, list]] = {"tool": ([], []), "raw": ([], [])}
    for _ in range(ROUNDS):  # the two paths take turns, so a busy spell hurts both alike
        for name, path in (("tool", through_tool), ("raw", raw)):
            found[name][0].append(timed(path, llama.reset, 1))
            found[name][1].append(timed(path, llama.reset, WRITE_TOKENS))
    tool_best, raw_best = rates(*found["tool"]), rates(*found["raw"])
    emit("model_read_share", tool_best[0] / raw_best[0], f">=0.9 (tool {tool_best[0]:.0f} / raw {raw_best[0]:.0f} tok/s)")
    emit("model_write_share", tool_best[1] / raw_best[1], f">=0.9 (tool {tool_best[1]:.1f} / raw {raw_best[1]:.1f} tok/s)")
    del llama, provider

    runs = work / "model-runs"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        env.pop(name, None)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "agent", "draft", "--topic", "ChatGPT launch", "--yes", "--no-cache",
                           "--runs-dir", str(runs), "--run-id", "embedded"], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"the embedded draft failed: {done.stderr.strip()[-300:]}")
    from agent.run.usage import usage
    from agent.storage.folder import RunDir

    spent = usage(RunDir(runs, "embedded"))
    chapters = [v for k, v in spent["per_chapter"].items() if k != "shared"]
    emit("model_input_tokens_per_chapter", round(sum(c["input_tokens"] for c in chapters) / max(len(chapters), 1)), "info")
    emit("model_draft_seconds", wall, f"info ({spent['calls']} calls, {spent['input_tokens']:,} tokens in, "
                                      f"{spent['output_tokens']:,} out)")
    emit("model_figures_seconds", time.monotonic() - began, "info")
