"""The throttle: a rate limit halves the calls in flight and waits as asked, then the call goes through."""

from __future__ import annotations

import threading
import time

import pytest

from agent.errors import ProviderError, RateLimited
from agent.llm import throttle as throttle_module
from agent.llm.base import LLM
from agent.llm.throttle import Throttle
from tests.fakes import FakeProvider


def test_a_429_halves_the_limit_waits_its_retry_after_and_retries():
    waits = []
    gate = Throttle(4, sleep=waits.append)
    answers = iter([RateLimited("429", retry_after=3.5), RateLimited("429", retry_after=1.0), "done"])

    def call():
        value = next(answers)
        if isinstance(value, Exception):
            raise value
        return value

    assert gate.run(call) == "done"
    assert waits == [3.5, 1.0] and gate.limit == 1 and gate.active == 0


def test_without_retry_after_the_wait_backs_off_and_the_limit_recovers(monkeypatch):
    waits = []
    gate = Throttle(2, sleep=waits.append)
    failures = [RateLimited("429")]

    def call():
        if failures:
            raise failures.pop()
        return 1

    gate.run(call)
    assert gate.limit == 1 and throttle_module.BASE_WAIT / 2 <= waits[0] <= throttle_module.BASE_WAIT
    for _ in range(throttle_module.RECOVER_AFTER):
        gate.run(lambda: 1)
    assert gate.limit == 2


def test_it_gives_up_after_max_tries_and_other_errors_pass_through():
    gate = Throttle(2, sleep=lambda s: None)

    def busy():
        raise RateLimited("Anthropic API error 429: slow down", retry_after=0)

    with pytest.raises(RateLimited, match="slow down"):
        gate.run(busy)

    def broken():
        raise ProviderError("bad request")

    with pytest.raises(ProviderError, match="bad request"):
        gate.run(broken)
    assert gate.active == 0


def test_no_more_calls_than_the_limit_run_at_once():
    gate = Throttle(2)
    running, peak, lock = [0], [0], threading.Lock()

    def call():
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1

    threads = [threading.Thread(target=gate.run, args=(call,)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2


def test_the_llm_wrapper_goes_through_its_throttle():
    provider = FakeProvider(replies=["ok"])
    gate = Throttle(3)
    calls = []
    gate.run = lambda fn: calls.append(fn) or fn()  # type: ignore[method-assign]
    assert LLM(provider, "writer", throttle=gate).text("s", "u") == "ok"
    assert len(calls) == 1


def test_a_rate_limited_call_through_the_llm_waits_and_succeeds_at_a_lower_limit():
    replies = [RateLimited("OpenAI API error 429: slow down", retry_after=2.0), "the chapter"]

    def respond(call):
        value = replies.pop(0)
        if isinstance(value, Exception):
            raise value
        return value

    waits: list[float] = []
    gate = Throttle(4, sleep=waits.append)
    records: list[dict] = []
    llm = LLM(FakeProvider(respond=respond), "writer", log=records.append, throttle=gate)
    assert llm.text("s", "u") == "the chapter"
    assert waits == [2.0] and gate.limit == 2 and len(records) == 1
