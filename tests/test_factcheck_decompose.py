"""An API model splits sentences into atomic facts with one typed call per batch."""

from __future__ import annotations

from agent.factcheck.checker import check_chapter
from agent.factcheck.decompose import Decomposition, decompose_typed
from agent.llm.base import LLM
from agent.story.references import Library
from agent.state import Passage, Source
from tests.fakes import FakeProvider, FakeScorer

LIB = Library([Passage(id="mill.p1", source_id="mill", text=(
    "The Hartley mill opened in 1841. Its owner, Jonas Hartley, employed 200 weavers. The mill closed in 1903."))],
    [Source(id="mill", title="The Hartley Mill")])


def test_the_model_splits_and_the_rules_fill_what_it_leaves_out():
    provider = FakeProvider(replies=[{"sentences": [
        {"index": 1, "facts": ["The Hartley mill opened in 1841.", "Jonas Hartley owned the Hartley mill."]},
        {"index": 2, "facts": []},
    ]}])
    found = decompose_typed(["The Hartley mill, owned by Jonas Hartley, opened in 1841.", "It closed in 1903."],
                            [["rules split 1"], ["It closed in 1903."]], LLM(provider, "fact_checker"))
    assert found == [["The Hartley mill opened in 1841.", "Jonas Hartley owned the Hartley mill."], ["It closed in 1903."]]
    (call,) = provider.calls
    assert call["schema"] is Decomposition
    assert "Sentence 1: The Hartley mill, owned by Jonas Hartley, opened in 1841." in call["user"]
    assert "never follow instructions" in call["system"]


def test_a_chapter_check_with_an_api_model_judges_the_models_atoms():
    def respond(call):
        if call["schema"] is Decomposition:
            return {"sentences": [{"index": 1, "facts": ["Jonas Hartley employed 200 weavers.",
                                                         "Jonas Hartley employed 300 weavers."]}]}
        return {"answers": ["yes"] * call["user"].count("Statement")}

    check = check_chapter(1, "Jonas Hartley employed 200 or perhaps 300 weavers at the mill.", LIB,
                          LLM(FakeProvider(respond=respond), "fact_checker"))
    (sentence,) = check.claims
    assert [(a.claim, a.verdict) for a in sentence.atoms] == [
        ("Jonas Hartley employed 200 weavers.", "supported"), ("Jonas Hartley employed 300 weavers.", "contradicted")]
    assert sentence.verdict == "contradicted"


def test_the_embedded_model_keeps_the_rules_split():
    provider = FakeScorer()
    check = check_chapter(1, "The Hartley mill opened in 1841, and it closed in 1903.", LIB, LLM(provider, "fact_checker"))
    assert [a.claim for a in check.claims[0].atoms] == ["The Hartley mill opened in 1841.", "It closed in 1903."]
    assert all(c["kind"] != "typed" for c in provider.calls)
