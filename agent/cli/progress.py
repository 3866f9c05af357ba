"""A live progress line for long runs: current step and chapter, tokens so far, elapsed time."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.live import Live
from rich.text import Text


class Progress:
    """Collect graph events and LLM calls; show them with rich while the run goes on."""

    def __init__(self, console: Console, enabled: bool = True):
        self.console = console
        self.enabled = enabled
        self.start = time.monotonic()
        self.step = "starting"
        self.chapter: int | None = None
        self.detail = ""
        self.tokens_in = 0
        self.tokens_out = 0
        self.calls = 0
        self._lock = threading.Lock()
        self._live: Live | None = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            self._live = Live(self._render(), console=self.console, refresh_per_second=4, transient=True)
            self._live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.__exit__(*exc)
            self._live = None

    def event(self, data: dict) -> None:
        with self._lock:
            self.step = data.get("step", self.step)
            self.chapter = data.get("chapter")
            self.detail = data.get("detail", "")
        if data.get("detail"):
            self.console.log(f"[bold]{data['step']}[/]: {data['detail']}")
        self._refresh()

    def call(self, record: dict) -> None:
        if record.get("cache_hit"):
            return  # answered from the response cache: no model call
        with self._lock:
            self.calls += 1
            self.tokens_in += record.get("input_tokens", 0)
            self.tokens_out += record.get("output_tokens", 0)
        self._refresh()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def _render(self) -> Text:
        where = self.step + (f" · chapter {self.chapter}" if self.chapter else "")
        return Text.assemble(
            ("⏳ ", ""),
            (where, "bold cyan"),
            f"  ·  {self.calls} LLM calls, {self.tokens_in:,} tokens in / {self.tokens_out:,} out",
            f"  ·  {self.elapsed:,.0f}s",
        )

    def _refresh(self) -> None:
        if self._live is not None:
            self._live.update(self._render())
