"""The OpenAI provider: Chat Completions, typed output through a JSON schema; any compatible server."""

from __future__ import annotations

import os

import openai
from pydantic import BaseModel

from agent.errors import ProviderError
from agent.llm import Reply

DEFAULT_MODEL = "gpt-4.1"
DEFAULT_LOCAL_MODEL = "local-model"


class OpenAIProvider:
    """Call OpenAI, or any OpenAI-compatible server with `base_url`; the key comes from OPENAI_API_KEY."""

    name = "openai"

    def __init__(self, model: str | None = None, base_url: str | None = None, *, client: openai.OpenAI | None = None, http_client=None):
        self.base_url = base_url
        self.model = model or (DEFAULT_LOCAL_MODEL if base_url else DEFAULT_MODEL)
        if client is None:
            key = os.environ.get("OPENAI_API_KEY")
            if not key and not base_url:
                raise ProviderError("OPENAI_API_KEY is not set: export it, give --base-url for a local server, or choose another provider with --provider")
            client = openai.OpenAI(api_key=key or "not-needed", base_url=base_url, max_retries=2, timeout=600.0, http_client=http_client)
        self._client = client

    def _create(self, **kwargs):
        try:
            return self._client.chat.completions.create(model=self.model, **kwargs)
        except openai.APIStatusError as exc:
            raise ProviderError(f"OpenAI API error {exc.status_code}: {_message(exc)}") from None
        except openai.APIConnectionError:
            where = self.base_url or "the OpenAI API"
            raise ProviderError(f"cannot reach {where} (connection failed)") from None

    def _reply(self, response) -> Reply:
        usage = response.usage
        text = response.choices[0].message.content or ""
        return Reply(text, getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0)

    def _messages(self, system: str, user: str) -> list[dict]:
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        return self._reply(self._create(messages=self._messages(system, user), max_tokens=max_tokens, temperature=temperature))

    def complete_typed(self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float) -> Reply:
        """Return JSON text constrained by a json_schema response format."""
        response_format = {
            "type": "json_schema",
            "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
        }
        response = self._create(
            messages=self._messages(system, user), max_tokens=max_tokens, temperature=temperature, response_format=response_format
        )
        return self._reply(response)


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else body
    return str((error or {}).get("message") or exc.message)[:300]
