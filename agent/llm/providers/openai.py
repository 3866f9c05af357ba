"""The OpenAI provider: Chat Completions with a JSON schema, against OpenAI or any compatible server."""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

import httpx2
import openai
from pydantic import BaseModel

from agent.errors import MESSAGE_CHARS, MalformedReplyError, ProviderError, RateLimited, redact
from agent.llm.base import Reply
from agent.llm.cache_hints import retry_after

DEFAULT_MODEL = "gpt-4.1"
DEFAULT_LOCAL_MODEL = "local-model"
PLACEHOLDER_KEY = "not-needed"
MAX_RETRIES = 2
TIMEOUT = httpx2.Timeout(600.0, connect=10.0)


class OpenAIProvider:
    """Call OpenAI, or an OpenAI-compatible server at `base_url`; the key comes from OPENAI_API_KEY."""

    name = "openai"

    def __init__(
        self,
        model: str | None = None,
        base_url: str | None = None,
        *,
        client: openai.OpenAI | None = None,
        http_client: httpx2.Client | None = None,
    ):
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        self.official = self.base_url is None or urlparse(self.base_url).hostname == "api.openai.com"
        self.model = model or (DEFAULT_MODEL if self.official else DEFAULT_LOCAL_MODEL)
        # OpenAI takes json_schema; llama_cpp.server rejects it (HTTP 500) and wants json_object + schema.
        # Other servers are probed once on the first typed call.
        self.typed_format: str | None = "json_schema" if self.official else None
        if client is None:
            key = os.environ.get("OPENAI_API_KEY")
            if not key and self.official:
                raise ProviderError(
                    "OPENAI_API_KEY is not set: export it, give --base-url for a local OpenAI-compatible server, "
                    "or choose another provider with --provider"
                )
            client = openai.OpenAI(
                api_key=key or PLACEHOLDER_KEY,
                base_url=self.base_url,
                max_retries=MAX_RETRIES,
                timeout=TIMEOUT,
                http_client=http_client,
            )
        self._client = client

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        return self._call(self._request(system, user, max_tokens, temperature))

    def complete_typed(
        self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return JSON text constrained by the schema: json_schema, or json_object + schema where that is what works."""
        request = self._request(system, user, max_tokens, temperature)
        if self.typed_format is None:
            # One quick probe without SDK retries: a server that rejects json_schema does so at once.
            try:
                probe = self._client.with_options(max_retries=0)
                reply = self._call({**request, "response_format": _json_schema(schema)}, probe)
                self.typed_format = "json_schema"
                return reply
            except _RejectedJsonSchema:
                self.typed_format = "json_object"
            except ProviderError:
                pass
        fmt = _json_schema(schema) if self.typed_format != "json_object" else _json_object(schema)
        return self._call({**request, "response_format": fmt})

    def _request(self, system: str, user: str, max_tokens: int, temperature: float) -> dict:
        # OpenAI's newer models accept only max_completion_tokens; compatible servers know only max_tokens.
        limit = "max_completion_tokens" if self.official else "max_tokens"
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        return {"model": self.model, "messages": messages, limit: max_tokens, "temperature": temperature}

    def _call(self, request: dict, probe: openai.OpenAI | None = None) -> Reply:
        try:
            response = (probe or self._client).chat.completions.create(**request)
        except openai.RateLimitError as exc:
            raise RateLimited(f"OpenAI API error 429: {redact(_message(exc), MESSAGE_CHARS)}", retry_after(exc.response)) from None
        except openai.APIStatusError as exc:
            message = _message(exc)
            rejected = exc.status_code in (400, 422, 500) and re.search("json_schema|response_format", message)
            if probe is not None and rejected:
                raise _RejectedJsonSchema(message) from None
            raise ProviderError(f"OpenAI API error {exc.status_code}: {redact(message, MESSAGE_CHARS)}") from None
        except openai.APITimeoutError:
            raise ProviderError(f"{self._where()} did not answer in time; try again later") from None
        except openai.APIConnectionError:
            raise ProviderError(f"cannot reach {self._where()} (connection failed)") from None
        except openai.APIError as exc:
            raise ProviderError(f"OpenAI API error: {redact(exc.message, MESSAGE_CHARS)}") from None
        except ValueError:  # the SDK could not parse the body: cut short in transit, or not JSON
            raise MalformedReplyError(f"{self._where()} sent a reply that is not valid JSON (cut short?)") from None
        try:
            choices = response.choices
            if not choices:
                raise ProviderError(f"{self._where()} returned no choices")
            message, finish = choices[0].message, choices[0].finish_reason
            usage = response.usage
            reply = Reply(
                message.content or "",
                getattr(usage, "prompt_tokens", 0) or 0,
                getattr(usage, "completion_tokens", 0) or 0,
                getattr(getattr(usage, "prompt_tokens_details", None), "cached_tokens", 0) or 0,
                truncated=finish == "length",
            )
        except (AttributeError, TypeError, IndexError):
            raise MalformedReplyError(f"{self._where()} sent a reply that is not a chat completion "
                                f"(got {type(response).__name__})") from None
        if getattr(message, "refusal", None) or finish == "content_filter":
            raise ProviderError(f"the model at {self._where()} refused to answer ({finish}); change the topic or sources")
        if not reply.text.strip() and not reply.truncated:
            raise ProviderError(f"{self._where()} sent an empty reply (finish reason: {finish})")
        return reply

    def _where(self) -> str:
        return "the OpenAI API" if self.base_url is None else self.base_url


class _RejectedJsonSchema(ProviderError):
    """The server refused the json_schema response format."""


def _json_schema(schema: type[BaseModel]) -> dict:
    return {
        "type": "json_schema",
        "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
    }


def _json_object(schema: type[BaseModel]) -> dict:
    return {"type": "json_object", "schema": schema.model_json_schema()}


def _message(exc: openai.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else body
    return str((error or {}).get("message") or exc.message)

