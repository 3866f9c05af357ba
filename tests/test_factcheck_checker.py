"""The combination policy: rules first, the model only on the unclear middle, batched."""

from __future__ import annotations

import re

from agent.factcheck.checker import Stats, check_chapter, check_story, check_text
from agent.factcheck.verdict import BATCH, Item, judge
from agent.llm import LLM
from agent.references import Library
from agent.state import Passage, Source
from tests.fakes import FakeProvider

P1 = ("The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland. "
      "“It is a triumph of science,” said Cyrus Field. The cable failed after three weeks.")
P2 = "Queen Victoria sent a message of 98 words to President James Buchanan, which took 16 hours to transmit."


def library() -> Library:
    return Library([Passage(id="cable.p1", source_id="cable", text=P1), Passage(id="cable.p2", source_id="cable", text=P2)],
                   [Source(id="cable", title="The Telegraph Crosses the Ocean")])


def verdicts(checks):
    return [(c.verdict, c.method) for c in checks]


def test_rules_decide_clear_claims_without_a_model():
    text = ("The first transatlantic telegraph cable was completed on August 5, 1858 [cable.p1]. "
            "Queen Victoria sent a message of 98 words to President James Buchanan [cable.p2]. "
            "\"We have conquered the ocean forever,\" said Cyrus Field. "
            "Queen Victoria sent a message of 120 words to President Buchanan. "
            "The cable was completed on August 5, 1858 by Thomas Edison. "
            "Field watched the waves in silence [dramatized].")
    checks = check_text(text, library(), None)
    assert verdicts(checks) == [
        ("supported", "rules:coverage"),
        ("supported", "rules:coverage"),
        ("unsupported", "rules:quote"),
        ("contradicted", "rules:number"),
        ("unsupported", "rules:entity"),
    ]
    assert "We have conquered the ocean forever" in checks[2].reason
    for check in checks:
        for ev in check.evidence:
            assert ev.quote in library().get(ev.passage_id).text
    assert checks[0].evidence[0].quote == "The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland."


def test_verbatim_quote_is_evidence_from_its_passage():
    checks = check_text("“It is a triumph of science,” said Cyrus Field.", library(), None)
    assert checks[0].verdict == "supported"
    assert checks[0].evidence[0].passage_id == "cable.p1"


def statements(user: str) -> int:
    return len(re.findall(r"^Statement( \d+)?:", user, flags=re.M))


def test_only_unclear_claims_reach_the_model_in_batches():
    provider = FakeProvider(respond=lambda call: {"answers": ["no"] * statements(call["user"])})
    llm = LLM(provider, "fact_checker")
    unclear = "The telegraph cable linking Ireland was admired by engineers everywhere."
    text = ("The first transatlantic telegraph cable was completed on August 5, 1858 [cable.p1]. "
            + " ".join([unclear] * 7))
    stats = Stats()
    check = check_chapter(1, text, library(), llm, stats=stats)
    methods = [c.method for c in check.claims]
    assert methods[0] == "rules:coverage" and methods[1:] == ["model"] * 7
    assert [c.verdict for c in check.claims[1:]] == ["unsupported"] * 7
    assert check.claims[1].reason.startswith("the model says the evidence does not state it")
    main_calls = [c for c in provider.calls if c["kind"] == "typed"][:2]
    assert [statements(c["user"]) for c in main_calls] == [BATCH, 7 - BATCH]
    assert stats.model_calls == 2 and stats.claims["model"] == 7
    # the same system prompt and the same leading text in every call, so the prefix cache hits
    assert main_calls[0]["system"] == main_calls[1]["system"]
    head = main_calls[0]["user"].split("Text 1:")[0]
    assert head.startswith("Does each text say") and main_calls[1]["user"].startswith(head)


def test_the_local_model_judges_one_claim_per_call():
    provider = FakeProvider(respond=lambda call: {"answers": ["yes"]}, name="local")
    llm = LLM(provider, "fact_checker")
    said = judge([Item("The cable failed.", P1), Item("Victoria sent 98 words.", P2)], llm)
    assert said == [True, True] and len(provider.calls) == 2
    assert "Statement: The cable failed." in provider.calls[0]["user"] and P1.split(".")[0] in provider.calls[0]["user"]


def test_judge_counts_a_missing_answer_as_no():
    provider = FakeProvider(replies=[{"answers": ["yes"]}])
    items = [Item("a claim", P1), Item("another claim", P2)]
    assert judge(items, LLM(provider, "fact_checker")) == [True, False]
    assert BATCH >= 4


def test_check_story_splits_sections_and_reports_citations():
    story = ("# Title\n\n## Chapter 1: Laying\n\nThe first transatlantic telegraph cable was completed on August 5, 1858 "
             "[cable.p1]. Queen Victoria sent a message of 98 words to President James Buchanan [cable.p9].\n\n"
             "## Chapter 2: Silence\n\nThe cable failed after three weeks [cable.p1]. He sighed [dramatized].\n\n"
             "## References\n\n* The Telegraph Crosses the Ocean\n")
    checks = check_story(story, library(), None)
    assert [c.chapter for c in checks] == [1, 2]
    assert checks[1].dramatized == ["He sighed."]
    first = checks[0].citations
    assert first.sentences[1].unknown == ["cable.p9"] and not first.sentences[1].supported
    assert first.recall == 0.5 and first.precision == 0.5
    assert checks[1].citations.recall == 1.0
