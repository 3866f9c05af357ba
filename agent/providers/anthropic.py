"""The Anthropic provider: the Messages API, typed output through a forced tool call."""

from __future__ import annotations

import json
import os

import anthropic
from pydantic import BaseModel

from agent.errors import ProviderError
from agent.llm import Reply

DEFAULT_MODEL = "claude-sonnet-4-5"


class AnthropicProvider:
    """Call Claude through the official SDK; the key comes from ANTHROPIC_API_KEY only."""

    name = "anthropic"

    def __init__(self, model: str | None = None, *, client: anthropic.Anthropic | None = None, http_client=None):
        self.model = model or DEFAULT_MODEL
        if client is None:
            key = os.environ.get("ANTHROPIC_API_KEY")
            if not key:
                raise ProviderError("ANTHROPIC_API_KEY is not set: export it, or choose another provider with --provider")
            client = anthropic.Anthropic(api_key=key, max_retries=2, timeout=300.0, http_client=http_client)
        self._client = client

    def _create(self, **kwargs):
        try:
            return self._client.messages.create(model=self.model, **kwargs)
        except anthropic.APIStatusError as exc:
            raise ProviderError(f"Anthropic API error {exc.status_code}: {_message(exc)}") from None
        except anthropic.APIConnectionError:
            raise ProviderError("cannot reach the Anthropic API (connection failed)") from None

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        response = self._create(
            system=system, messages=[{"role": "user", "content": user}], max_tokens=max_tokens, temperature=temperature
        )
        text = "".join(block.text for block in response.content if block.type == "text")
        return Reply(text, response.usage.input_tokens, response.usage.output_tokens)

    def complete_typed(self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float) -> Reply:
        """Return the input of a forced tool call whose input schema is the model's JSON schema."""
        tool = {
            "name": schema.__name__,
            "description": (schema.__doc__ or f"Record the {schema.__name__}.").strip().splitlines()[0],
            "input_schema": schema.model_json_schema(),
        }
        response = self._create(
            system=system,
            messages=[{"role": "user", "content": user}],
            tools=[tool],
            tool_choice={"type": "tool", "name": schema.__name__},
            max_tokens=max_tokens,
            temperature=temperature,
        )
        calls = [block for block in response.content if block.type == "tool_use"]
        if not calls:
            raise ProviderError(f"Anthropic reply had no {schema.__name__} tool call (stop reason {response.stop_reason})")
        return Reply(json.dumps(calls[0].input), response.usage.input_tokens, response.usage.output_tokens)


def _message(exc: anthropic.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    return str(error.get("message") or exc.message)[:300]
