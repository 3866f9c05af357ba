"""The Anthropic provider: the Messages API, typed output through a forced tool call."""

from __future__ import annotations

import json
import os

import anthropic
import httpx2
from pydantic import BaseModel

from agent.errors import MESSAGE_CHARS, MalformedReplyError, ProviderError, RateLimited, redact
from agent.llm.base import Reply
from agent.llm.cache_hints import retry_after, shared_prefix

# claude-sonnet-4-5 reaches end of life on 2026-11-30 (the SDK warns); its successor is the default.
DEFAULT_MODEL = "claude-sonnet-4-6"
MAX_RETRIES = 2
TIMEOUT = httpx2.Timeout(300.0, connect=10.0)


class AnthropicProvider:
    """Call Claude through the official SDK; the key comes from ANTHROPIC_API_KEY only."""

    name = "anthropic"

    def __init__(
        self,
        model: str | None = None,
        *,
        client: anthropic.Anthropic | None = None,
        http_client: httpx2.Client | None = None,
    ):
        self.model = model or DEFAULT_MODEL
        if client is None:
            key = os.environ.get("ANTHROPIC_API_KEY")
            if not key:
                raise ProviderError("ANTHROPIC_API_KEY is not set: export it, or choose another provider with --provider")
            client = anthropic.Anthropic(api_key=key, max_retries=MAX_RETRIES, timeout=TIMEOUT, http_client=http_client)
        self._client = client

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        response = self._create(system, user, max_tokens=max_tokens)
        try:
            text = "".join(block.text for block in response.content if block.type == "text")
            reply = _reply(text, response.usage, truncated=response.stop_reason == "max_tokens")
            stop = response.stop_reason
        except (AttributeError, TypeError):
            raise MalformedReplyError(f"the Anthropic API sent a reply that is not a message ({_kind(response)})") from None
        _refused(stop)
        if not text.strip():
            raise ProviderError(f"the Anthropic API sent an empty reply (stop reason: {stop})")
        return reply

    def complete_typed(
        self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return the input of a forced tool call whose input schema is the model's JSON schema."""
        tool = {
            "name": schema.__name__,
            "description": _description(schema),
            "input_schema": schema.model_json_schema(),
        }
        response = self._create(
            system,
            user,
            max_tokens=max_tokens,
            tools=[tool],
            tool_choice={"type": "tool", "name": schema.__name__},
        )
        try:
            calls = [block for block in response.content if block.type == "tool_use" and block.name == schema.__name__]
            stop, usage = response.stop_reason, (response.usage.input_tokens, response.usage.output_tokens)
        except (AttributeError, TypeError):
            raise MalformedReplyError(f"the Anthropic API sent a reply that is not a message ({_kind(response)})") from None
        _refused(stop)
        if not calls and stop == "max_tokens":  # cut off before the tool call was complete: let LLM.typed retry
            return Reply("", *usage, truncated=True)
        if not calls:
            raise ProviderError(f"the Anthropic reply had no {schema.__name__} tool call (stop reason: {stop})")
        return _reply(json.dumps(calls[0].input), response.usage, truncated=stop == "max_tokens")

    def _create(self, system: str, user: str, **kwargs):
        # No temperature: API version 2026-10-21 (SDK 2.x's default) rejects any sampling parameter with a 400,
        # and the SDK no longer accepts one.
        try:
            return self._client.messages.create(
                model=self.model, system=_system_blocks(system), messages=[{"role": "user", "content": _user_content(user)}],
                **kwargs,
            )
        except anthropic.RateLimitError as exc:
            raise RateLimited(f"Anthropic API error 429: {_message(exc)}", retry_after(exc.response)) from None
        except anthropic.APIStatusError as exc:
            raise ProviderError(f"Anthropic API error {exc.status_code}: {_message(exc)}") from None
        except anthropic.APITimeoutError:
            raise ProviderError("the Anthropic API did not answer in time; try again later") from None
        except anthropic.APIConnectionError:
            raise ProviderError("cannot reach the Anthropic API (connection failed)") from None
        except anthropic.APIError as exc:
            raise ProviderError(f"Anthropic API error: {redact(exc.message, MESSAGE_CHARS)}") from None
        except ValueError:  # the SDK could not parse the body: cut short in transit, or not JSON
            raise MalformedReplyError("the Anthropic API sent a reply that is not valid JSON (cut short?)") from None


def _refused(stop_reason) -> None:
    if stop_reason == "refusal":
        raise ProviderError("the Anthropic model refused to answer (stop reason: refusal); change the topic or sources")


def _kind(response) -> str:
    return f"got {type(response).__name__}"


EPHEMERAL = {"type": "ephemeral"}


def _system_blocks(system: str) -> list[dict]:
    """The system prompt as one cached block: every call of a role starts with it."""
    return [{"type": "text", "text": system, "cache_control": EPHEMERAL}]


def _user_content(user: str) -> str | list[dict]:
    """Split off the shared sources block as its own cached block; the per-call rest follows uncached."""
    head, tail = shared_prefix(user)
    if not head:
        return user
    return [{"type": "text", "text": head, "cache_control": EPHEMERAL}, {"type": "text", "text": tail}]


def _reply(text: str, usage, truncated: bool = False) -> Reply:
    """Count every input token (cache reads and writes are reported apart from the rest) and the cached ones."""
    read = getattr(usage, "cache_read_input_tokens", 0) or 0
    written = getattr(usage, "cache_creation_input_tokens", 0) or 0
    return Reply(text, usage.input_tokens + read + written, usage.output_tokens, read, truncated=truncated)


def _description(schema: type[BaseModel]) -> str:
    doc = (schema.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else f"Record the {schema.__name__} as the tool input."


def _message(exc: anthropic.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    return redact(str(error.get("message") or exc.message), MESSAGE_CHARS)

