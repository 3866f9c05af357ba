"""The copy block: source runs, the word pieces it bans, and a real model kept from copying its note."""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pytest
from pydantic import BaseModel, Field

from agent.llm.base import LLM
from agent.llm.copy_block import PENALTY, CopyBlock, Vocabulary, source_runs
from tests.fakes import FakeProvider

SOURCE = "The harbour board opened the new lighthouse on 3 May 1902 after eleven years of quarrels about money."


class ToyLlama:
    """A tokenizer of whole pieces: ids index PIECES; detokenize joins them."""

    PIECES = ["The", " harbour", " board", " opened", " the", " new", " lighthouse", " light", ".light", " unveiled",
              " on", " 3", " May", " 1902", "house", " after", "灯", "дол", " eleven", " years"]

    def n_vocab(self):
        return len(self.PIECES)

    def detokenize(self, ids):
        return "".join(self.PIECES[i] for i in ids).encode()

    def ids(self, text):
        return [self.PIECES.index(p) for p in re.findall(r" ?[^ ]+", text)]


def test_source_runs_map_five_words_to_the_content_word_after_them():
    runs = source_runs([SOURCE])
    assert runs[("the", "harbour", "board", "opened", "the")] == {"new"}
    assert runs[("harbour", "board", "opened", "the", "new")] == {"lighthouse"}
    # stop words, numbers, month names and capitalised names stay free: grammar and facts are never banned
    assert ("board", "opened", "the", "new", "lighthouse") not in runs  # "on" follows
    assert ("opened", "the", "new", "lighthouse", "on") not in runs  # "3" follows
    assert not any("may" in after or "eleven" in after for after in runs.values())


def test_conjunctions_and_prepositions_after_a_copied_run_stay_free():
    # pushed off "though" a model writes "even although": a connective is grammar, not wording
    runs = source_runs(["The crowd at the quay kept cheering even though the rain never stopped that day."])
    assert not any(after & {"though", "despite", "because"} for after in runs.values())
    runs = source_runs(["The old harbour board met every week because the money ran out in the spring."])
    assert ("old", "harbour", "board", "met", "every") in runs and not any("because" in after for after in runs.values())


def test_the_next_word_of_a_copied_run_is_penalised_in_every_piece_that_starts_it():
    llama = ToyLlama()
    vocabulary = Vocabulary(llama)
    assert sorted(vocabulary.starting("lighthouse")) == sorted(llama.PIECES.index(p) for p in (" light", ".light", " lighthouse"))
    block = CopyBlock(llama, vocabulary, [SOURCE])
    prompt = llama.ids("The harbour")
    written = llama.ids(" harbour board opened the new")
    block(np.array(prompt), np.zeros(llama.n_vocab()))  # the first call takes the prompt's length
    logits = block(np.array(prompt + written), np.zeros(llama.n_vocab()))
    assert {llama.PIECES[i] for i in np.flatnonzero(logits == -PENALTY)} == {" lighthouse", " light", ".light"}
    assert {llama.PIECES[i] for i in np.flatnonzero(np.isneginf(logits))} == {"灯", "дол"}  # other scripts, always
    # a run the reply did not copy loses nothing
    logits = block(np.array(prompt + llama.ids(" harbour board unveiled the new")), np.zeros(llama.n_vocab()))
    assert not (logits == -PENALTY).any()


class Note(BaseModel):
    sentence: str = Field(description="One sentence")


class AvoidingFake(FakeProvider):
    def complete_typed_avoiding(self, system, user, schema, avoid, *, max_tokens, temperature):
        self.calls.append({"kind": "avoiding", "avoid": avoid})
        return self.complete_typed(system, user, schema, max_tokens=max_tokens, temperature=temperature)


def test_typed_calls_with_avoid_go_to_a_provider_that_can_enforce_it():
    able = AvoidingFake(replies=[{"sentence": "A."}])
    assert LLM(able, "writer").typed("s", "u", Note, avoid=[SOURCE]).sentence == "A."
    assert able.calls[0] == {"kind": "avoiding", "avoid": [SOURCE]}
    plain = FakeProvider(replies=[{"sentence": "B."}])
    assert LLM(plain, "writer").typed("s", "u", Note, avoid=[SOURCE]).sentence == "B."
    assert [c["kind"] for c in plain.calls] == ["typed"]


@pytest.mark.model
def test_the_embedded_model_retells_a_note_without_copying_six_words_in_a_row():
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed")
    from agent.llm.providers.local import LocalProvider

    llm = LLM(LocalProvider(), "writer")
    note = ("The harbour board finally opened the new lighthouse at the end of the northern breakwater "
            "after eleven years of bitter quarrels about who would pay for it.")
    reply = llm.typed("You retell notes in one sentence. Reply in JSON.", f"Note: {note}\nRetell the note.", Note,
                      max_tokens=80, temperature=0.0, avoid=[note])
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9']+", reply.sentence)]
    runs = source_runs([note])
    assert len(words) >= 6
    assert not any(tuple(words[i:i + 5]) in runs and words[i + 5] in runs[tuple(words[i:i + 5])]
                   for i in range(len(words) - 5))
