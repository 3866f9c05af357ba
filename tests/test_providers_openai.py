"""OpenAIProvider against the real SDK over a mocked HTTP transport."""

from __future__ import annotations

import json

import httpx2
import pytest
from pydantic import BaseModel, Field

from agent.errors import ModelOutputError, ProviderError
from agent.llm.base import LLM
from agent.llm.providers.openai import OpenAIProvider

KEY = "sk-test-SECRET123"
LOCAL = "http://127.0.0.1:8080/v1"
# What llama_cpp.server 0.3.36 answers to response_format type json_schema (captured from the real server).
LLAMA_CPP_REJECTION = {
    "error": {
        "message": "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
        "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
        "'ctx': {'expected': \"'text' or 'json_object'\"}}\n",
        "type": "internal_server_error",
        "param": None,
        "code": None,
    }
}


class Item(BaseModel):
    name: str = Field(description="What the item is")


class Card(BaseModel):
    """An index card with a title and two items."""

    title: str = Field(description="A short title")
    items: list[Item] = Field(min_length=2, max_length=2, description="Exactly two items")


def completion(content: str, prompt_tokens: int = 42, completion_tokens: int = 9) -> dict:
    return {
        "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
        "object": "chat.completion",
        "created": 1763830000,
        "model": "gpt-4.1-2025-04-14",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None, "annotations": []},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
        "service_tier": "default",
        "system_fingerprint": "fp_b8d2ab2b6c",
    }


class Server:
    """A scripted Chat Completions API: replies popped in order (the last one repeats), every request recorded."""

    def __init__(self, *replies: tuple[int, dict]):
        self.replies = list(replies)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        status, body = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        return httpx2.Response(status, json=body, headers={"x-request-id": "req_abc123", "retry-after-ms": "1"})

    def body(self, n: int = -1) -> dict:
        return json.loads(self.requests[n].content)


@pytest.fixture(autouse=True)
def env(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    for name in ("OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)


def provider(server: Server, model: str | None = None, base_url: str | None = None) -> OpenAIProvider:
    http = httpx2.Client(transport=httpx2.MockTransport(server))
    return OpenAIProvider(model, base_url, http_client=http)


def test_complete_sends_system_and_user_messages_and_reads_usage():
    server = Server((200, completion("The lighthouse keeper woke.")))
    reply = provider(server).complete("You write stories.", "Begin the story.", max_tokens=200, temperature=0.7)
    assert (reply.text, reply.input_tokens, reply.output_tokens) == ("The lighthouse keeper woke.", 42, 9)
    request = server.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "https://api.openai.com/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    body = server.body()
    assert body["model"] == "gpt-4.1"
    assert body["messages"] == [
        {"role": "system", "content": "You write stories."},
        {"role": "user", "content": "Begin the story."},
    ]
    assert (body["max_completion_tokens"], body["temperature"]) == (200, 0.7)
    assert "max_tokens" not in body and "response_format" not in body


def test_complete_typed_sends_the_json_schema_response_format():
    data = {"title": "Lighthouses", "items": [{"name": "lamp"}, {"name": "lens"}]}
    server = Server((200, completion(json.dumps(data))))
    p = provider(server, "gpt-4.1-mini")
    reply = p.complete_typed("Be exact.", "Make a card.", Card, max_tokens=300, temperature=0.2)
    assert json.loads(reply.text) == data
    body = server.body()
    assert body["model"] == "gpt-4.1-mini"
    assert body["messages"][1] == {"role": "user", "content": "Make a card."}
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Card", "schema": Card.model_json_schema(), "strict": False},
    }
    assert "$defs" in body["response_format"]["json_schema"]["schema"]
    assert len(server.requests) == 1


def test_llm_typed_validates_the_reply_into_the_model():
    server = Server((200, completion('{"title": "Lighthouses", "items": [{"name": "lamp"}, {"name": "lens"}]}')))
    llm = LLM(provider(server), "writer")
    assert llm.typed("Be exact.", "Make a card.", Card) == Card(
        title="Lighthouses", items=[Item(name="lamp"), Item(name="lens")]
    )
    assert llm.tokens == {"input": 42, "output": 9}


def test_llm_typed_retries_with_the_validation_error_then_raises():
    server = Server((200, completion('{"title": "Lighthouses", "items": "lamp, lens"}')))
    llm = LLM(provider(server), "writer")
    with pytest.raises(ModelOutputError) as info:
        llm.typed("Be exact.", "Make a card.", Card)
    assert len(server.requests) == 3
    assert server.body(0)["messages"][1]["content"] == "Make a card."
    second = server.body(1)["messages"][1]["content"]
    assert second.startswith("Make a card.\n\nYour previous reply was not valid: 1 validation error for Card items")
    assert "Input should be a valid list" in second
    assert str(info.value).startswith("the writer model (openai:gpt-4.1) gave no valid Card after 3 tries: ")


def test_missing_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(ProviderError) as info:
        OpenAIProvider()
    assert str(info.value) == (
        "OPENAI_API_KEY is not set: export it, give --base-url for a local OpenAI-compatible server, "
        "or choose another provider with --provider"
    )


def test_a_local_server_needs_no_key_and_gets_max_tokens(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    server = Server((200, completion("hello")))
    p = provider(server, base_url=LOCAL)
    assert p.complete("s", "u", max_tokens=16, temperature=0.0).text == "hello"
    assert str(server.requests[0].url) == "http://127.0.0.1:8080/v1/chat/completions"
    assert server.requests[0].headers["authorization"] == "Bearer not-needed"
    body = server.body()
    assert (body["model"], body["max_tokens"]) == ("local-model", 16)
    assert "max_completion_tokens" not in body


def test_a_server_that_rejects_json_schema_gets_json_object_with_the_schema():
    data = {"title": "Lighthouses", "items": [{"name": "lamp"}, {"name": "lens"}]}
    server = Server((500, LLAMA_CPP_REJECTION), (200, completion(json.dumps(data))))
    p = provider(server, base_url=LOCAL)
    assert json.loads(p.complete_typed("s", "u", Card, max_tokens=80, temperature=0.0).text) == data
    assert [server.body(n)["response_format"]["type"] for n in range(2)] == ["json_schema", "json_object"]
    assert server.body(1)["response_format"] == {"type": "json_object", "schema": Card.model_json_schema()}
    # The choice sticks: later typed calls go straight to json_object.
    p.complete_typed("s", "u", Card, max_tokens=80, temperature=0.0)
    assert len(server.requests) == 3 and server.body()["response_format"]["type"] == "json_object"


def test_a_server_that_takes_json_schema_keeps_it():
    server = Server((200, completion('{"name": "lamp"}')))
    p = provider(server, base_url="http://localhost:11434/v1")
    p.complete_typed("s", "u", Item, max_tokens=80, temperature=0.0)
    p.complete_typed("s", "u", Item, max_tokens=80, temperature=0.0)
    assert [server.body(n)["response_format"]["type"] for n in range(2)] == ["json_schema", "json_schema"]


def test_a_401_becomes_a_short_provider_error_without_the_key():
    masked = "sk-test-*********T123"
    error = {
        "error": {
            "message": f"Incorrect API key provided: {masked}. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }
    server = Server((401, error))
    with pytest.raises(ProviderError) as info:
        provider(server).complete("s", "u", max_tokens=10, temperature=0.7)
    assert str(info.value).startswith("OpenAI API error 401: Incorrect API key provided: [key]. You can find")
    assert KEY not in str(info.value) and masked not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert len(server.requests) == 1


def test_a_400_that_echoes_the_key_is_redacted():
    message = f"Invalid value for 'max_completion_tokens' ({KEY})"
    error = {"error": {"message": message, "type": "invalid_request_error"}}
    with pytest.raises(ProviderError) as info:
        provider(Server((400, error))).complete("s", "u", max_tokens=-1, temperature=0.7)
    assert str(info.value) == "OpenAI API error 400: Invalid value for 'max_completion_tokens' ([key])"


def test_a_500_is_retried_twice_then_becomes_a_provider_error():
    error = {"error": {"message": "The server had an error while processing your request.", "type": "server_error"}}
    server = Server((500, error))
    with pytest.raises(ProviderError) as info:
        provider(server).complete("s", "u", max_tokens=10, temperature=0.7)
    assert str(info.value) == "OpenAI API error 500: The server had an error while processing your request."
    assert KEY not in str(info.value)
    assert len(server.requests) == 3


def test_a_connection_failure_names_the_server():
    def refuse(request):
        raise httpx2.ConnectError("connection refused", request=request)

    p = OpenAIProvider(base_url=LOCAL, http_client=httpx2.Client(transport=httpx2.MockTransport(refuse)))
    p._client = p._client.with_options(max_retries=0)
    with pytest.raises(ProviderError, match=r"^cannot reach http://127.0.0.1:8080/v1 \(connection failed\)$"):
        p.complete("s", "u", max_tokens=10, temperature=0.7)


def test_cached_prompt_tokens_are_read_and_logged_and_the_shared_part_comes_first():
    body = completion("Once.", prompt_tokens=2000)
    body["usage"]["prompt_tokens_details"]["cached_tokens"] = 1792
    server = Server((200, body))
    records = []
    user = '<sources>\n<passage id="a.p1" source="a">Text.</passage>\n</sources>\n\nWrite chapter 2.'
    LLM(provider(server), "writer", log=records.append).text("You write stories.", user)
    assert (records[0]["input_tokens"], records[0]["cached_input_tokens"]) == (2000, 1792)
    sent = server.body()["messages"]
    assert [m["role"] for m in sent] == ["system", "user"] and sent[1]["content"].startswith("<sources>")


def test_a_429_after_the_sdk_retries_is_rate_limited_with_its_wait():
    from agent.errors import RateLimited

    server = Server((429, {"error": {"message": "Rate limit reached for gpt-4.1", "type": "requests", "code": "rate_limit_exceeded"}}))
    with pytest.raises(RateLimited) as info:
        provider(server).complete("s", "u", max_tokens=10, temperature=0.7)
    assert str(info.value) == "OpenAI API error 429: Rate limit reached for gpt-4.1"
    assert info.value.retry_after == 0.001 and len(server.requests) == 3
