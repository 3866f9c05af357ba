"""Model providers behind one small Protocol, and the per-role wrapper the nodes use."""

from __future__ import annotations

import json
import re
import time
from dataclasses import astuple, dataclass, field
from typing import TYPE_CHECKING, Callable, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ValidationError

from agent.errors import ModelOutputError, ProviderError
from agent.settings import ROLES  # noqa: F401  (the roles live with the settings that name them)

if TYPE_CHECKING:
    from agent.llm.cache import ResponseCache
    from agent.llm.throttle import Throttle

T = TypeVar("T", bound=BaseModel)



@dataclass(frozen=True)
class Reply:
    """What a provider returns: the text (JSON text for typed calls) and its token counts."""

    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0  # of input_tokens, how many the provider read from its prompt cache
    truncated: bool = False  # cut off at max_tokens


class Provider(Protocol):
    """A model endpoint: plain text and typed (JSON-schema) output."""

    name: str
    model: str

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        ...

    def complete_typed(
        self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return a reply whose text is a JSON object meant to match `schema`."""
        ...


@runtime_checkable
class Paraphraser(Protocol):
    """A provider that can keep a typed reply from copying given texts word for word (see agent.llm.copy_block)."""

    def complete_typed_avoiding(
        self, system: str, user: str, schema: type[BaseModel], avoid: list[str], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return a reply like complete_typed whose prose does not copy runs of words from `avoid`."""
        ...


@dataclass(frozen=True)
class TokenScore:
    """How a model rated one token of a given continuation: its log-probability, and the model's own top pick."""

    text: str
    logprob: float
    top_text: str
    top_logprob: float


@runtime_checkable
class Scorer(Protocol):
    """An optional provider capability: rate a given reply token by token instead of writing one.

    Providers that read the model's next-token probabilities (the local one) implement it; the
    fact-check then asks how likely the model finds the claim as a restatement of its evidence.
    """

    def continuation_scores(self, system: str, pairs: list[tuple[str, str]]) -> tuple[list[list[TokenScore]], Reply]:
        """Return, per (user prompt, continuation) pair, a TokenScore per continuation token, and the token usage."""
        ...


CallLogger = Callable[[dict], None]
# Told a call is starting (role, prompt hash); returns what to call once it has ended and been logged.
CallTracker = Callable[[dict], Callable[[], None]]


@dataclass
class LLM:
    """A provider bound to one role: logs every call and validates typed replies.

    With a `cache`, a request made before is answered from it (logged as a cache hit, no call); `fresh`
    skips reading it (a re-run's calls) but still stores the new replies. A `throttle` shared by the
    roles of one provider bounds the calls in flight and slows down on rate limits.
    """

    provider: Provider
    role: str
    log: CallLogger | None = None
    retries: int = 2
    track: CallTracker | None = None
    tokens: dict = field(default_factory=lambda: {"input": 0, "output": 0})
    cache: "ResponseCache | None" = None
    fresh: bool = False
    throttle: "Throttle | None" = None

    @property
    def model(self) -> str:
        return self.provider.model

    def text(self, system: str, user: str, *, max_tokens: int = 1024, temperature: float = 0.7) -> str:
        """Return a plain-text reply, logged."""
        reply = self._call(
            lambda: self.provider.complete(system, user, max_tokens=max_tokens, temperature=temperature),
            self._key("text", system, user, max_tokens=max_tokens, temperature=temperature),
        )
        if not reply.truncated:
            return reply.text
        whole = _whole_sentences(reply.text)  # a reply cut off at max_tokens loses its unfinished sentence
        if not whole:
            raise ModelOutputError(f"the {self.role} model ({self.provider.name}:{self.model}) was cut off at "
                                   f"{max_tokens} tokens before finishing a sentence")
        return whole

    def typed(
        self, system: str, user: str, schema: type[T], *, max_tokens: int = 1024, temperature: float = 0.2,
        avoid: list[str] | None = None,
    ) -> T:
        """Return a validated `schema` instance; retry with the validation error, then fail clearly.

        `avoid`: texts the reply should not copy word for word; a provider that can enforce it (a Paraphraser)
        does, the others are asked as usual (the prompt says it).
        """
        prompt = user
        error = ""
        avoiding = bool(avoid) and isinstance(self.provider, Paraphraser)
        for _ in range(self.retries + 1):
            if avoiding:
                call = lambda: self.provider.complete_typed_avoiding(  # noqa: E731
                    system, prompt, schema, list(avoid), max_tokens=max_tokens, temperature=temperature)
            else:
                call = lambda: self.provider.complete_typed(  # noqa: E731
                    system, prompt, schema, max_tokens=max_tokens, temperature=temperature)
            reply = self._call(
                call,
                self._key("typed", system, prompt, schema=schema.model_json_schema(), max_tokens=max_tokens,
                          temperature=temperature, **({"avoid": list(avoid)} if avoiding else {})),
            )
            try:
                if reply.truncated:
                    raise ValueError(f"the reply was cut off at the {max_tokens}-token limit; make it shorter")
                return schema.model_validate(json.loads(reply.text, strict=False))
            except (ValueError, TypeError) as exc:  # JSONDecodeError and ValidationError are ValueErrors
                error = _short_error(exc)
                prompt = (
                    f"{user}\n\nYour previous reply was not valid: {error}\n"
                    "Reply again with one JSON object that matches the schema exactly."
                )
        raise ModelOutputError(
            f"the {self.role} model ({self.provider.name}:{self.model}) gave no valid "
            f"{schema.__name__} after {self.retries + 1} tries: {error}"
        )

    @property
    def can_score(self) -> bool:
        """Tell whether the provider can rate a given reply token by token (see Scorer)."""
        return isinstance(self.provider, Scorer)

    def score(self, system: str, pairs: list[tuple[str, str]]) -> list[list[TokenScore]]:
        """Return the provider's TokenScores for each (user prompt, continuation) pair; one logged call."""
        if not isinstance(self.provider, Scorer):
            raise ProviderError(f"the {self.provider.name} provider cannot rate a given reply")
        provider = self.provider

        def run() -> Reply:
            rows, reply = provider.continuation_scores(system, pairs)
            # The rows travel in the reply's text, so a cached score call gives them back too.
            return Reply(json.dumps([[list(astuple(t)) for t in row] for row in rows]), reply.input_tokens,
                         reply.output_tokens, reply.cached_tokens)

        reply = self._call(run, self._key("score", system, "", pairs=pairs))
        return [[TokenScore(*t) for t in row] for row in json.loads(reply.text)]

    def _key(self, kind: str, system: str, user: str, **params) -> str:
        """Name a request by everything that shapes its reply; the call log keeps a short prefix, never the prompts."""
        from agent.llm.cache import request_key

        return request_key(provider=self.provider.name, model=self.model, base_url=getattr(self.provider, "base_url", None),
                           kind=kind, system=system, user=user, **params)

    def _call(self, fn: Callable[[], Reply], key: str | None = None) -> Reply:
        if key is not None and self.cache is not None and not self.fresh:
            hit = self.cache.get(key)
            if hit is not None:
                self._record(Reply(hit.text), 0.0, key, cache_hit=True)
                return hit
        ended = self.track({"role": self.role, "key": (key or "")[:16]}) if self.track is not None else (lambda: None)
        start = time.monotonic()
        try:
            reply = self.throttle.run(fn) if self.throttle is not None else fn()
        except BaseException:
            ended()
            raise
        seconds = round(time.monotonic() - start, 3)
        if key is not None and self.cache is not None and not reply.truncated:
            self.cache.put(key, reply)
        self.tokens["input"] += reply.input_tokens
        self.tokens["output"] += reply.output_tokens
        self._record(reply, seconds, key)
        ended()
        return reply

    def _record(self, reply: Reply, seconds: float, key: str | None, cache_hit: bool = False) -> None:
        if self.log is None:
            return
        record = {
            "role": self.role,
            "provider": self.provider.name,
            "model": self.model,
            "input_tokens": reply.input_tokens,
            "output_tokens": reply.output_tokens,
            "seconds": seconds,
        }
        if reply.cached_tokens:
            record["cached_input_tokens"] = reply.cached_tokens
        if key is not None:
            record["key"] = key[:16]
        if cache_hit:
            record["cache_hit"] = True
        self.log(record)


def _whole_sentences(text: str) -> str:
    """Return text up to its last finished sentence, or "" if none finished."""
    ends = [m.end() for m in re.finditer(r"[.!?…][\"'”’)\]]*(?=\s|$)", text)]
    return text[:ends[-1]].rstrip() if ends else ""



def _short_error(exc: Exception) -> str:
    text = str(exc).replace("\n", " ")
    return text[:400]
