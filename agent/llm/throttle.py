"""Adaptive concurrency for one provider: a 429 halves how many calls run at once and waits, then retries.

LangGraph's max_concurrency caps the graph's parallel tasks; this caps the calls actually in flight
against one endpoint and lowers the cap when the endpoint says it is overloaded, so a rate limit
slows the run down instead of ending it. After a run of successes the cap grows back by one.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Callable, TypeVar

from agent.errors import RateLimited

T = TypeVar("T")

MAX_TRIES = 6
BASE_WAIT = 2.0
MAX_WAIT = 60.0
RECOVER_AFTER = 8


class Throttle:
    """A semaphore whose size shrinks on rate limits and recovers on success."""

    def __init__(self, limit: int, sleep: Callable[[float], None] = time.sleep):
        self.ceiling = max(1, limit)
        self.limit = self.ceiling
        self.active = 0
        self.waits: list[float] = []
        self._streak = 0
        self._sleep = sleep
        self._cond = threading.Condition()

    def run(self, fn: Callable[[], T]) -> T:
        """Call fn within the current limit; on RateLimited, lower the limit, wait and try again."""
        for attempt in range(MAX_TRIES):
            with self._cond:
                while self.active >= self.limit:
                    self._cond.wait()
                self.active += 1
            try:
                result = fn()
            except RateLimited as exc:
                wait = self._slow_down(exc, attempt)
                if attempt == MAX_TRIES - 1:
                    raise
                self._sleep(wait)
                continue
            finally:
                with self._cond:
                    self.active -= 1
                    self._cond.notify_all()
            self._succeeded()
            return result
        raise AssertionError("unreachable")

    def _slow_down(self, exc: RateLimited, attempt: int) -> float:
        with self._cond:
            self.limit = max(1, self.limit // 2)
            self._streak = 0
        backoff = min(MAX_WAIT, BASE_WAIT * 2**attempt) * (0.5 + random.random() / 2)
        wait = max(exc.retry_after or 0.0, backoff if exc.retry_after is None else 0.0)
        self.waits.append(wait)
        return wait

    def _succeeded(self) -> None:
        with self._cond:
            self._streak += 1
            if self._streak >= RECOVER_AFTER and self.limit < self.ceiling:
                self.limit += 1
                self._streak = 0
                self._cond.notify_all()
