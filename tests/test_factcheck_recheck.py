"""A revised chapter's check asks the model only about the sentences that changed."""

from __future__ import annotations

from agent.factcheck.checker import check_chapter
from agent.factcheck.verdict import Item, judge, memo_key
from agent.llm.base import LLM
from agent.state import Passage, Source
from agent.story.references import Library
from tests.fakes import FakeProvider, FakeScorer

P1 = ("The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland. "
      "The cable failed after three weeks.")
P2 = "Queen Victoria sent a message of 98 words to President James Buchanan, which took 16 hours to transmit."
LIBRARY = Library([Passage(id="cable.p1", source_id="cable", text=P1), Passage(id="cable.p2", source_id="cable", text=P2)],
                  [Source(id="cable", title="The Telegraph Crosses the Ocean")])
DRAFT = ("The first transatlantic telegraph cable was completed in 1858 [cable.p1]. "
         "The cable went silent for good after three weeks [cable.p1]. "
         "Queen Victoria sent a message of 98 words to President James Buchanan [cable.p2].")


def scored(provider: FakeScorer) -> list[str]:
    return [claim for call in provider.calls if call["kind"] == "score" for _, claim in call["pairs"]]


def test_the_recheck_of_a_one_sentence_revision_reads_only_that_sentence():
    provider = FakeScorer()
    llm, memo = LLM(provider, "fact_checker"), {}
    first = check_chapter(1, DRAFT, LIBRARY, llm, memo=memo)
    asked_first = scored(provider)
    # only sentences the rules cannot settle reach the model: here the one in other words
    assert "The cable went silent for good after three weeks" in " ".join(asked_first) and memo
    provider.calls.clear()

    revised = DRAFT.replace("The cable went silent for good after three weeks", "The cable stopped working after three weeks")
    second = check_chapter(1, revised, LIBRARY, llm, memo=memo)
    asked = scored(provider)
    assert asked and all("stopped working" in claim for claim in asked)
    assert len(asked) <= len(asked_first)
    same = [c for c in second.claims if "stopped" not in c.sentence]
    assert [(c.sentence, c.verdict) for c in same] == [(c.sentence, c.verdict) for c in first.claims if "silent" not in c.sentence]

    provider.calls.clear()
    check_chapter(1, revised, LIBRARY, llm, memo=memo)
    assert scored(provider) == []


def test_judge_with_a_memo_asks_only_for_new_items_and_keeps_their_order():
    provider = FakeProvider(respond=lambda call: {"answers": ["yes"] * call["user"].count("Statement")})
    llm, memo = LLM(provider, "fact_checker"), {}
    items = [Item("The cable was laid in 1858.", "It was laid in 1858."), Item("It failed.", "It failed in weeks.")]
    assert [r.supported for r in judge(items, llm, memo=memo)] == [True, True]
    assert set(memo) == {memo_key(i) for i in items} and len(provider.calls) == 1
    memo[memo_key(items[0])]["supported"] = False  # what the memo says is what the check uses
    more = [items[0], Item("A new claim.", "Some text."), items[1]]
    assert [r.supported for r in judge(more, llm, memo=memo)] == [False, True, True]
    assert len(provider.calls) == 2 and "A new claim." in provider.calls[1]["user"]
    assert "The cable was laid" not in provider.calls[1]["user"]
