"""AnthropicProvider against the real SDK over a mocked HTTP transport."""

from __future__ import annotations

import json

import httpx2
import pytest
from pydantic import BaseModel, Field

from agent.errors import ModelOutputError, ProviderError
from agent.llm.base import LLM
from agent.llm.providers.anthropic import AnthropicProvider

KEY = "sk-test-SECRET123"


class Item(BaseModel):
    name: str = Field(description="What the item is")


class Card(BaseModel):
    """An index card with a title and two items."""

    title: str = Field(description="A short title")
    items: list[Item] = Field(min_length=2, max_length=2, description="Exactly two items")


def message(content: list[dict], stop_reason: str = "end_turn", input_tokens=31, output_tokens=12) -> dict:
    return {
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-6",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "service_tier": "standard",
        },
    }


def tool_use(name: str, data: dict) -> dict:
    return message(
        [{"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": name, "input": data}],
        stop_reason="tool_use",
    )


class Server:
    """A scripted Messages API: replies popped in order, every request recorded."""

    def __init__(self, *replies: tuple[int, dict]):
        self.replies = list(replies)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        status, body = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        headers = {"request-id": "req_011CSHoEeqs5C35K2UUqR7Fy", "retry-after-ms": "1"}
        return httpx2.Response(status, json=body, headers=headers)

    def body(self, n: int = -1) -> dict:
        return json.loads(self.requests[n].content)


@pytest.fixture(autouse=True)
def env(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    for name in ("ANTHROPIC_BASE_URL", "ANTHROPIC_CUSTOM_HEADERS", "ANTHROPIC_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def provider(server: Server, model: str | None = None) -> AnthropicProvider:
    return AnthropicProvider(model, http_client=httpx2.Client(transport=httpx2.MockTransport(server)))


def test_complete_sends_system_and_one_user_message_and_reads_usage():
    blocks = [{"type": "text", "text": "The lighthouse keeper "}, {"type": "text", "text": "woke."}]
    server = Server((200, message(blocks)))
    reply = provider(server).complete("You write stories.", "Begin the story.", max_tokens=200, temperature=0.7)
    assert (reply.text, reply.input_tokens, reply.output_tokens) == ("The lighthouse keeper woke.", 31, 12)
    request = server.requests[0]
    assert request.method == "POST" and request.url.path == "/v1/messages"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["anthropic-version"] == "2026-10-21"
    body = server.body()
    assert body["model"] == "claude-sonnet-4-6"
    assert body["system"] == [{"type": "text", "text": "You write stories.", "cache_control": {"type": "ephemeral"}}]
    assert body["messages"] == [{"role": "user", "content": "Begin the story."}]
    assert body["max_tokens"] == 200
    assert "temperature" not in body and "tools" not in body


def test_complete_typed_forces_one_tool_with_the_schema():
    data = {"title": "Lighthouses", "items": [{"name": "lamp"}, {"name": "lens"}]}
    server = Server((200, tool_use("Card", data)))
    reply = provider(server, "claude-opus-4-1").complete_typed(
        "Be exact.", "Make a card.", Card, max_tokens=300, temperature=0.2
    )
    assert json.loads(reply.text) == data
    assert (reply.input_tokens, reply.output_tokens) == (31, 12)
    body = server.body()
    assert body["model"] == "claude-opus-4-1"
    assert body["system"] == [{"type": "text", "text": "Be exact.", "cache_control": {"type": "ephemeral"}}]
    assert body["messages"] == [{"role": "user", "content": "Make a card."}]
    assert body["tools"] == [
        {
            "name": "Card",
            "description": "An index card with a title and two items.",
            "input_schema": Card.model_json_schema(),
        }
    ]
    assert "$defs" in body["tools"][0]["input_schema"]
    assert body["tool_choice"] == {"type": "tool", "name": "Card"}


def test_the_sources_block_is_a_cached_block_and_cache_usage_is_read():
    reply_body = message([{"type": "text", "text": "Once."}], input_tokens=40, output_tokens=5)
    reply_body["usage"].update(cache_read_input_tokens=1500, cache_creation_input_tokens=0)
    server = Server((200, reply_body))
    user = '<sources>\n<passage id="a.p1" source="a">Text.</passage>\n</sources>\n\nWrite chapter 2.'
    reply = provider(server).complete("You write stories.", user, max_tokens=50, temperature=0.5)
    assert server.body()["messages"] == [{"role": "user", "content": [
        {"type": "text", "text": '<sources>\n<passage id="a.p1" source="a">Text.</passage>\n</sources>',
         "cache_control": {"type": "ephemeral"}},
        {"type": "text", "text": "Write chapter 2."},
    ]}]
    assert (reply.input_tokens, reply.cached_tokens, reply.output_tokens) == (1540, 1500, 5)


def test_cached_input_tokens_reach_the_call_log():
    reply_body = message([{"type": "text", "text": "Once."}], input_tokens=40, output_tokens=5)
    reply_body["usage"].update(cache_read_input_tokens=1500, cache_creation_input_tokens=60)
    records = []
    LLM(provider(Server((200, reply_body))), "writer", log=records.append).text("s", "u")
    assert records[0]["input_tokens"] == 1600 and records[0]["cached_input_tokens"] == 1500


def test_a_429_after_the_sdk_retries_is_rate_limited_with_its_wait():
    from agent.errors import RateLimited

    busy = {"type": "error", "error": {"type": "rate_limit_error", "message": "Number of requests has exceeded your rate limit"}}
    server = Server((429, busy))
    with pytest.raises(RateLimited) as info:
        provider(server).complete("s", "u", max_tokens=10, temperature=0.7)
    assert str(info.value) == "Anthropic API error 429: Number of requests has exceeded your rate limit"
    assert info.value.retry_after == 0.001
    assert len(server.requests) == 3


def test_a_schema_without_docstring_gets_a_generic_description():
    server = Server((200, tool_use("Item", {"name": "lamp"})))
    provider(server).complete_typed("s", "u", Item, max_tokens=50, temperature=0.0)
    assert server.body()["tools"][0]["description"] == "Record the Item as the tool input."


def test_llm_typed_validates_the_tool_input_into_the_model():
    server = Server((200, tool_use("Card", {"title": "Lighthouses", "items": [{"name": "lamp"}, {"name": "lens"}]})))
    llm = LLM(provider(server), "planner")
    card = llm.typed("Be exact.", "Make a card.", Card)
    assert card == Card(title="Lighthouses", items=[Item(name="lamp"), Item(name="lens")])
    assert llm.tokens == {"input": 31, "output": 12}


def test_llm_typed_retries_with_the_validation_error_then_raises():
    server = Server((200, tool_use("Card", {"title": "Lighthouses", "items": [{"name": "lamp"}]})))
    llm = LLM(provider(server), "planner", retries=1)
    with pytest.raises(ModelOutputError) as info:
        llm.typed("Be exact.", "Make a card.", Card)
    assert len(server.requests) == 2
    first, second = server.body(0)["messages"][0]["content"], server.body(1)["messages"][0]["content"]
    assert first == "Make a card."
    assert second.startswith("Make a card.\n\nYour previous reply was not valid: 1 validation error for Card items")
    assert "List should have at least 2 items" in second
    assert str(info.value).startswith(
        "the planner model (anthropic:claude-sonnet-4-6) gave no valid Card after 2 tries: 1 validation error"
    )


def test_missing_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    with pytest.raises(ProviderError) as info:
        AnthropicProvider()
    assert str(info.value) == "ANTHROPIC_API_KEY is not set: export it, or choose another provider with --provider"


def test_a_400_becomes_a_short_provider_error_without_the_key():
    error = {
        "type": "error",
        "error": {"type": "invalid_request_error", "message": f"max_tokens: 99999999 > 64000 (key {KEY})"},
        "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
    }
    server = Server((400, error))
    with pytest.raises(ProviderError) as info:
        provider(server).complete("s", "u", max_tokens=99999999, temperature=0.7)
    assert str(info.value) == "Anthropic API error 400: max_tokens: 99999999 > 64000 (key [key])"
    assert KEY not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert len(server.requests) == 1


def test_a_500_is_retried_twice_then_becomes_a_provider_error():
    server = Server((500, {"type": "error", "error": {"type": "api_error", "message": "Internal server error"}}))
    with pytest.raises(ProviderError) as info:
        provider(server).complete("s", "u", max_tokens=10, temperature=0.7)
    assert str(info.value) == "Anthropic API error 500: Internal server error"
    assert KEY not in str(info.value)
    assert len(server.requests) == 3


def test_a_connection_failure_becomes_a_provider_error():
    def refuse(request):
        raise httpx2.ConnectError("connection refused", request=request)

    client = AnthropicProvider(http_client=httpx2.Client(transport=httpx2.MockTransport(refuse)))
    client._client = client._client.with_options(max_retries=0)
    with pytest.raises(ProviderError, match=r"^cannot reach the Anthropic API \(connection failed\)$"):
        client.complete("s", "u", max_tokens=10, temperature=0.7)


def test_an_injected_sdk_client_needs_no_key(monkeypatch):
    import anthropic

    monkeypatch.delenv("ANTHROPIC_API_KEY")
    server = Server((200, message([{"type": "text", "text": "ok"}])))
    sdk = anthropic.Anthropic(api_key="sk-other", http_client=httpx2.Client(transport=httpx2.MockTransport(server)))
    assert AnthropicProvider(client=sdk).complete("s", "u", max_tokens=5, temperature=0.0).text == "ok"
