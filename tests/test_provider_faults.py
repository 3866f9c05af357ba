"""Provider faults through the real SDKs over a mocked HTTP transport: which layer retries what, and how often.

One layer per fault: the SDK retries 429 (honouring retry-after), 500, 529, timeouts and dropped connections
(3 attempts); LLM.typed re-asks for a reply that does not fit its schema or was cut off (3 tries); the graph's
RetryPolicy retries a reply garbled in transit (3 node attempts); a refusal or an empty reply is not retried.
"""

from __future__ import annotations

import json

import httpx2
import pytest
from langgraph.graph import END, START, StateGraph
from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from agent.errors import MalformedReplyError, ModelOutputError, ProviderError
from agent.llm.base import LLM
from agent.llm.providers.anthropic import AnthropicProvider
from agent.llm.providers.openai import OpenAIProvider
from graphs.chapter import RETRY, retry_on
from tests.test_providers_anthropic import message, tool_use
from tests.test_providers_openai import completion

KEYS = {"ANTHROPIC_API_KEY": "sk-ant-test-CANARY1", "OPENAI_API_KEY": "sk-test-CANARY2"}


class Card(BaseModel):
    """An index card."""

    title: str = Field(description="A short title")


class Script:
    """A mocked transport: each request takes the next step (a response or an exception); the last one repeats."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, type) and issubclass(step, Exception):
            raise step("injected fault", request=request)
        status, body, headers = step
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx2.Response(status, content=content, headers={"content-type": "application/json", **headers})


@pytest.fixture(autouse=True)
def env(monkeypatch):
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    for name in ("OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def anthropic(script: Script) -> AnthropicProvider:
    return AnthropicProvider(http_client=httpx2.Client(transport=httpx2.MockTransport(script)))


def openai(script: Script) -> OpenAIProvider:
    return OpenAIProvider(http_client=httpx2.Client(transport=httpx2.MockTransport(script)))


FAST = {"retry-after-ms": "1"}
ERROR = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
OK = {"anthropic": (200, message([{"type": "text", "text": "The keeper woke."}]), {}),
      "openai": (200, completion("The keeper woke."), {})}
MAKE = {"anthropic": anthropic, "openai": openai}
WHERE = {"anthropic": "the Anthropic API", "openai": "the OpenAI API"}
LABEL = {"anthropic": "Anthropic API error", "openai": "OpenAI API error"}


@pytest.mark.parametrize("sdk", ["anthropic", "openai"])
def test_429_with_retry_after_is_retried_by_the_sdk_and_then_answers(sdk):
    script = Script((429, ERROR, {"retry-after": "1", **FAST}), OK[sdk])
    assert MAKE[sdk](script).complete("s", "u", max_tokens=50, temperature=0.7).text == "The keeper woke."
    assert len(script.requests) == 2


@pytest.mark.parametrize("sdk", ["anthropic", "openai"])
@pytest.mark.parametrize("status", [429, 500, 529])
def test_a_lasting_server_fault_is_tried_three_times_then_is_one_provider_error(sdk, status):
    script = Script((status, ERROR, FAST))
    with pytest.raises(ProviderError) as info:
        LLM(MAKE[sdk](script), "writer").text("s", "u")
    assert str(info.value) == f"{LABEL[sdk]} {status}: Overloaded"
    assert len(script.requests) == 3  # the SDK's own retries; no other layer adds any (see retry_on)
    assert not retry_on(info.value)


@pytest.mark.parametrize("sdk", ["anthropic", "openai"])
@pytest.mark.parametrize("fault, message", [(httpx2.ReadTimeout, "did not answer in time; try again later"),
                                            (httpx2.RemoteProtocolError, "(connection failed)"),
                                            (httpx2.ConnectError, "(connection failed)")])
def test_timeouts_and_dropped_connections_are_retried_by_the_sdk(sdk, fault, message):
    script = Script(fault)
    with pytest.raises(ProviderError) as info:
        MAKE[sdk](script).complete("s", "u", max_tokens=50, temperature=0.7)
    assert str(info.value).endswith(message) and WHERE[sdk] in str(info.value)
    assert len(script.requests) == 3
    recovered = Script(fault, OK[sdk])
    assert MAKE[sdk](recovered).complete("s", "u", max_tokens=50, temperature=0.7).text == "The keeper woke."


@pytest.mark.parametrize("sdk", ["anthropic", "openai"])
@pytest.mark.parametrize("body", [b'{"id": "msg_01", "conte', b"", b"<html>Bad gateway</html>", b"[1, 2]"])
def test_a_reply_garbled_in_transit_is_a_malformed_reply_left_to_the_graph(sdk, body):
    script = Script((200, body, {}))
    with pytest.raises(MalformedReplyError) as info:
        MAKE[sdk](script).complete("s", "u", max_tokens=50, temperature=0.7)
    assert WHERE[sdk] in str(info.value) and len(script.requests) == 1
    assert retry_on(info.value)


def test_the_graph_retries_a_malformed_reply_three_times_at_most():
    attempts = []

    def node(state):
        attempts.append(1)
        raise MalformedReplyError("the OpenAI API sent a reply that is not valid JSON (cut short?)")

    class S(TypedDict, total=False):
        x: int

    graph = StateGraph(S)
    graph.add_node("n", node, retry_policy=RETRY._replace(initial_interval=0.01, jitter=False))
    graph.add_edge(START, "n")
    graph.add_edge("n", END)
    with pytest.raises(MalformedReplyError):
        graph.compile().invoke({"x": 1})
    assert len(attempts) == 3


def test_a_refusal_is_not_retried():
    script = Script((200, message([{"type": "text", "text": "I can't help with that."}], stop_reason="refusal"), {}))
    with pytest.raises(ProviderError, match=r"^the Anthropic model refused to answer \(stop reason: refusal\)"):
        anthropic(script).complete("s", "u", max_tokens=50, temperature=0.7)
    body = completion("")
    body["choices"][0]["message"]["refusal"] = "I can't help with that."
    script = Script((200, body, {}))
    with pytest.raises(ProviderError, match=r"^the model at the OpenAI API refused to answer"):
        openai(script).complete("s", "u", max_tokens=50, temperature=0.7)
    assert len(script.requests) == 1


@pytest.mark.parametrize("sdk", ["anthropic", "openai"])
def test_an_empty_reply_is_a_provider_error(sdk):
    empty = (200, message([]), {}) if sdk == "anthropic" else (200, completion(""), {})
    with pytest.raises(ProviderError, match="sent an empty reply"):
        MAKE[sdk](Script(empty)).complete("s", "u", max_tokens=50, temperature=0.7)


def cut(sdk: str, text: str):
    if sdk == "anthropic":
        return 200, message([{"type": "text", "text": text}], stop_reason="max_tokens"), {}
    body = completion(text)
    body["choices"][0]["finish_reason"] = "length"
    return 200, body, {}


@pytest.mark.parametrize("sdk", ["anthropic", "openai"])
def test_text_cut_off_at_max_tokens_keeps_its_whole_sentences(sdk):
    script = Script(cut(sdk, "The keeper woke at dawn. He climbed the stairs and"))
    assert LLM(MAKE[sdk](script), "writer").text("s", "u", max_tokens=12) == "The keeper woke at dawn."
    nothing = Script(cut(sdk, "The keeper woke at"))
    with pytest.raises(ModelOutputError, match=r"was cut off at 12 tokens before finishing a sentence"):
        LLM(MAKE[sdk](nothing), "writer").text("s", "u", max_tokens=12)
    assert len(nothing.requests) == 1


def test_typed_output_cut_off_at_max_tokens_is_asked_again_then_fails_clearly():
    body = completion('{"title": "Lighthou')
    body["choices"][0]["finish_reason"] = "length"
    script = Script((200, body, {}), (200, completion('{"title": "Lighthouses"}'), {}))
    assert LLM(openai(script), "planner").typed("s", "u", Card, max_tokens=5) == Card(title="Lighthouses")
    assert "cut off at the 5-token limit" in json.loads(script.requests[1].content)["messages"][1]["content"]
    cut_tool = tool_use("Card", {"title": "Lighth"})
    cut_tool["stop_reason"] = "max_tokens"
    script = Script((200, cut_tool, {}))
    with pytest.raises(ModelOutputError, match=r"gave no valid Card after 3 tries: the reply was cut off"):
        LLM(anthropic(script), "planner").typed("s", "u", Card, max_tokens=5)
    assert len(script.requests) == 3


@pytest.mark.model
def test_the_embedded_model_cut_off_at_max_tokens():
    from agent.llm.providers.local import LocalProvider

    llm = LLM(LocalProvider(), "writer")
    reply = llm.provider.complete("You are a writer.", "Describe a lighthouse in three long sentences.",
                                  max_tokens=6, temperature=0.0)
    assert reply.truncated and 0 < reply.output_tokens <= 6
    try:
        text = llm.text("You are a writer.", "Describe a lighthouse in three long sentences.", max_tokens=40, temperature=0.0)
    except ModelOutputError as exc:
        assert "cut off at 40 tokens" in str(exc)
    else:
        assert text and text[-1] in ".!?…\"'”’)]"


def test_when_retries_run_out_the_cli_prints_one_error_exits_2_and_the_run_resumes(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from tests.approval_support import draft_args, invoke
    from tests.fakes import FakeProvider
    from tests.scripted import respond, use_scripted

    refs = tmp_path / "refs"
    shutil.copytree(Path(__file__).resolve().parents[1] / "references" / "chatgpt-launch", refs)
    down = {"on": True}

    def flaky(call):
        if down["on"] and call["schema"] is not None and call["schema"].__name__ == "Scene":
            raise ProviderError("OpenAI API error 529: Overloaded")
        return respond(call)

    provider = use_scripted(monkeypatch, FakeProvider(respond=flaky))
    failed = invoke(*draft_args(tmp_path, refs, "f", "--yes"))
    assert failed.exit_code == 2
    assert failed.output.strip().splitlines()[-1] == "Error: OpenAI API error 529: Overloaded"
    scenes = [c for c in provider.calls if c["schema"] is not None and c["schema"].__name__ == "Scene"]
    assert len(scenes) == 2  # one per chapter: the graph does not retry what the SDK already retried
    status = invoke("status", "f", "--json", "--runs-dir", tmp_path / "runs")
    assert json.loads(status.output)["status"] == "failed"
    down["on"] = False
    resumed = invoke("resume", "f", "--runs-dir", tmp_path / "runs")
    assert resumed.exit_code == 0 and "Story written" in resumed.output
    assert (tmp_path / "runs" / "f" / "story.md").read_text().count("## Chapter") == 2
