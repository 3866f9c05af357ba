"""The role wrapper: call log, typed validation with retry, provider choice."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from agent.errors import ModelOutputError, ProviderError
from agent.llm.base import LLM
from agent.llm.registry import choose_provider
from tests.fakes import FakeProvider


class Pick(BaseModel):
    title: str
    items: list[str]


def test_typed_reply_is_validated_and_logged():
    records = []
    provider = FakeProvider(replies=[{"title": "A", "items": ["x", "y"]}])
    llm = LLM(provider, "planner", log=records.append)
    assert llm.typed("sys", "user", Pick) == Pick(title="A", items=["x", "y"])
    assert records[0]["role"] == "planner" and records[0]["model"] == "fake-model"
    assert records[0]["input_tokens"] > 0 and records[0]["seconds"] >= 0
    assert set(records[0]) == {"role", "provider", "model", "input_tokens", "output_tokens", "seconds", "key"}
    assert len(records[0]["key"]) == 16 and "user" not in records[0]["key"]


def test_invalid_reply_is_retried_with_its_error():
    provider = FakeProvider(replies=['{"title": "A"}', {"title": "A", "items": []}])
    llm = LLM(provider, "writer")
    assert llm.typed("sys", "user", Pick).items == []
    assert "items" in provider.calls[1]["user"] and "Field required" in provider.calls[1]["user"]


def test_invalid_reply_fails_clearly_after_retries():
    provider = FakeProvider(replies=["not json"] * 3)
    with pytest.raises(ModelOutputError, match=r"the writer model \(fake:fake-model\) gave no valid Pick after 3 tries"):
        LLM(provider, "writer").typed("sys", "user", Pick)
    assert len(provider.calls) == 3


def test_raw_newlines_in_strings_are_accepted():
    provider = FakeProvider(replies=['{"title": "two\nlines", "items": []}'])
    assert LLM(provider, "writer").typed("s", "u", Pick).title == "two\nlines"


def test_choose_provider():
    assert choose_provider(None, {"ANTHROPIC_API_KEY": "k", "OPENAI_API_KEY": "k"}) == "anthropic"
    assert choose_provider(None, {"OPENAI_API_KEY": "k"}) == "openai"
    assert choose_provider(None, {}) == "local"
    assert choose_provider("openai", {}) == "openai"
    with pytest.raises(ProviderError, match="unknown provider 'x'"):
        choose_provider("x", {})
