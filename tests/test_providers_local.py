"""LocalProvider: its contract with a stand-in Llama, then the real embedded model."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from typing import Annotated

import pytest
from pydantic import BaseModel, Field, StringConstraints

from agent.errors import ProviderError
from agent.llm.base import LLM
from agent.llm.model_store import EMBEDDED_NAME
from agent.llm.providers.local import LocalProvider


class Card(BaseModel):
    """An index card with a short title and two short items."""

    title: Annotated[str, StringConstraints(max_length=40)] = Field(description="A short title")
    items: list[Annotated[str, StringConstraints(max_length=30)]] = Field(
        min_length=2, max_length=2, description="Exactly two short items"
    )


class Deck(BaseModel):
    cards: list[Card] = Field(max_length=2)


class StandInLlama:
    """Records calls and how many ran at once; answers like llama-cpp's create_chat_completion."""

    def __init__(self):
        self.calls: list[dict] = []
        self.active = 0
        self.most_active = 0

    def create_chat_completion(self, **kwargs):
        self.active += 1
        self.most_active = max(self.most_active, self.active)
        time.sleep(0.02)
        self.calls.append(kwargs)
        self.active -= 1
        return {
            "choices": [{"index": 0, "message": {"role": "assistant", "content": '{"cards": []}'}}],
            "usage": {"prompt_tokens": 21, "completion_tokens": 5, "total_tokens": 26},
        }


def stand_in() -> tuple[LocalProvider, StandInLlama]:
    provider = LocalProvider()
    provider._llama = StandInLlama()
    return provider, provider._llama


def test_typed_calls_send_our_system_prompt_and_the_schema_with_its_defs():
    provider, llama = stand_in()
    reply = provider.complete_typed("You are exact.", "Make a deck.", Deck, max_tokens=64, temperature=0.1)
    assert (reply.text, reply.input_tokens, reply.output_tokens) == ('{"cards": []}', 21, 5)
    call = llama.calls[0]
    assert call["messages"] == [
        {"role": "system", "content": "You are exact."},
        {"role": "user", "content": "Make a deck."},
    ]
    assert call["response_format"] == {"type": "json_object", "schema": Deck.model_json_schema()}
    assert "$defs" in call["response_format"]["schema"]
    assert (call["max_tokens"], call["temperature"]) == (64, 0.1)


def test_calls_from_many_threads_never_overlap():
    provider, llama = stand_in()
    threads = [
        threading.Thread(target=provider.complete, args=("s", f"u{n}"), kwargs={"max_tokens": 4, "temperature": 0.0})
        for n in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(llama.calls) == 6 and llama.most_active == 1


def test_names_the_embedded_model_or_the_file():
    assert (LocalProvider().name, LocalProvider().model) == ("local", EMBEDDED_NAME)
    assert LocalProvider("qwen2.5-coder-0.5b").model == EMBEDDED_NAME
    assert LocalProvider("qwen2.5-coder-1.5b").model == "qwen2.5-coder-1.5b"


def test_a_gguf_path_names_the_model_by_its_stem(tmp_path):
    path = tmp_path / "tiny-chat.Q4_0.gguf"
    path.write_bytes(b"GGUF")
    assert LocalProvider(str(path)).model == "tiny-chat.Q4_0"


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProviderError) as info:
        LocalProvider(str(tmp_path / "nope.gguf"))
    missing = tmp_path / "nope.gguf"
    assert str(info.value) == (
        f"local model file {missing} does not exist; give --model a path to a .gguf file "
        "or an embedded model: qwen2.5-coder-0.5b, qwen2.5-coder-1.5b"
    )


def test_without_llama_cpp_the_error_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    with pytest.raises(ProviderError) as info:
        LocalProvider().complete("s", "u", max_tokens=4, temperature=0.0)
    assert str(info.value) == (
        "llama-cpp-python is not installed; the local provider needs it: "
        'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" '
        "pip install --no-cache-dir 'storyagent[local]' (or run scripts/install.sh), "
        "or choose --provider anthropic or --provider openai"
    )


@pytest.fixture(scope="module")
def local():
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed")
    return LocalProvider()


@pytest.mark.model
def test_the_embedded_model_answers_in_plain_text(local):
    reply = local.complete("You are a concise writer.", "Name one colour.", max_tokens=8, temperature=0.0)
    assert reply.text.strip()
    assert reply.input_tokens > 10 and 0 < reply.output_tokens <= 8


@pytest.mark.model
def test_the_embedded_model_gives_a_valid_typed_reply(local):
    calls = []
    llm = LLM(local, "planner", log=calls.append)
    card = llm.typed(
        "You are a concise writer. Reply with JSON only.",
        "Make an index card about lighthouses: a title and two short items.",
        Card,
        max_tokens=80,
        temperature=0.0,
    )
    assert isinstance(card, Card) and card.title.strip() and len(card.items) == 2
    assert calls[0]["provider"] == "local" and calls[0]["model"] == EMBEDDED_NAME
    assert calls[0]["output_tokens"] > 0


@pytest.mark.model
def test_the_embedded_model_rates_a_given_reply_token_by_token(local):
    system = "You restate facts. You repeat what the given text says, in one sentence."
    user = "Text: The ferry was named Meridian, and its captain was Ruth Alder.\n\nRestate one fact from the text in one sentence."
    calls = []
    llm = LLM(local, "fact_checker", log=calls.append)
    faithful, swapped, again = llm.score(system, [(user, "The ferry was named Meridian."),
                                                  (user, "The ferry was named Halcyon."),
                                                  (user, "The ferry was named Meridian.")])
    assert "".join(t.text for t in faithful) == "The ferry was named Meridian."
    assert all(t.logprob <= t.top_logprob + 1e-6 and t.top_logprob <= 0 for t in faithful)

    def mean(rows):
        return sum(t.logprob for t in rows) / len(rows)

    assert mean(faithful) > mean(swapped) + 1.0
    # the third pair reuses the cached prompt and gets the same scores as the first
    assert [t.logprob for t in again] == pytest.approx([t.logprob for t in faithful], abs=0.05)
    prompt = len(local._load().tokenize(local._prompt(local._load(), system, user).encode(), add_bos=False, special=True))
    assert calls[0]["input_tokens"] <= prompt + 2 + sum(len(rows) for rows in (faithful, swapped, again))
