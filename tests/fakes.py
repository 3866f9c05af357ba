"""A scripted fake provider for tests: a queue of replies (or a function) and a record of calls."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from pydantic import BaseModel

from agent.llm.base import Reply, TokenScore


@dataclass
class FakeProvider:
    """Replies from a script: a list of replies popped in order, or a function of the call."""

    replies: list | None = None
    respond: Callable[[dict], object] | None = None
    name: str = "fake"
    model: str = "fake-model"
    calls: list[dict] = field(default_factory=list)

    def _next(self, call: dict) -> Reply:
        self.calls.append(call)
        if self.respond is not None:
            value = self.respond(call)
        elif self.replies:
            value = self.replies.pop(0)
        else:
            raise AssertionError(f"FakeProvider has no reply left for call {len(self.calls)}")
        if isinstance(value, BaseModel):
            value = value.model_dump_json()
        elif isinstance(value, (dict, list)):
            value = json.dumps(value)
        return Reply(text=str(value), input_tokens=len((call["system"] + call["user"]).split()), output_tokens=len(str(value).split()))

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        return self._next({"kind": "text", "system": system, "user": user, "schema": None})

    def complete_typed(self, system, user, schema, *, max_tokens: int, temperature: float) -> Reply:
        return self._next({"kind": "typed", "system": system, "user": user, "schema": schema})


@dataclass
class FakeScorer(FakeProvider):
    """A FakeProvider that also rates given replies (agent.llm.base.Scorer), from a function of (user, continuation).

    `rate(user, continuation)` returns TokenScores; by default every word of the continuation gets `logprob`.
    """

    rate: Callable[[str, str], list[TokenScore]] | None = None
    logprob: float = -0.5
    name: str = "local"

    def continuation_scores(self, system: str, pairs: list[tuple[str, str]]):
        self.calls.append({"kind": "score", "system": system, "pairs": list(pairs)})
        rows = [self.rate(u, c) if self.rate else words(c, self.logprob) for u, c in pairs]
        return rows, Reply(text="", input_tokens=sum(len(u.split()) for u, _ in pairs), output_tokens=0)


def words(text: str, logprob: float, top: dict[int, tuple[str, float]] | None = None) -> list[TokenScore]:
    """Return one TokenScore per word of text (with its leading space), the model's top pick overridden per index."""
    import re

    pieces = re.findall(r"\s*\S+", text)
    top = top or {}
    return [TokenScore(p, logprob, *(top.get(i) or (p, logprob))) for i, p in enumerate(pieces)]
