"""The revise node: flagged sentences rewritten from evidence or removed; citations re-pointed; bounded progress."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.graph.context import Context, Settings
from agent.llm.base import LLM
from agent.graph.nodes.revise import revise
from agent.storage.folder import RunDir
from agent.state import Chapter, ChapterCheck, CitationCheck, CitationReport, ClaimCheck, Evidence
from tests.fakes import FakeProvider

P1 = ("The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland. "
      "The cable failed after three weeks.")
P2 = "Queen Victoria sent a message of 98 words to President James Buchanan, which took 16 hours to transmit."
PASSAGES = [{"id": "cable.p1", "source_id": "cable", "text": P1}, {"id": "cable.p2", "source_id": "cable", "text": P2}]
SOURCES = [{"id": "cable", "title": "The Telegraph Crosses the Ocean"}]

GOOD = "The first transatlantic telegraph cable was completed on August 5, 1858"
WRONG_NUMBER = "Queen Victoria sent a message of 120 words to President Buchanan"
INVENTED = "Thomas Edison cheered the engineers in Valentia"
MISCITED = "The cable failed after three weeks"
TEXT = (f"{GOOD} [cable.p1]. {WRONG_NUMBER} [cable.p2].\n\n{INVENTED} [cable.p1]. {MISCITED} [cable.p2]. "
        "Field stared at the grey sea [dramatized].")


def flagged(sentence, verdict, pid, reason):
    return ClaimCheck(sentence=sentence + ".", claim=sentence + ".", verdict=verdict, reason=reason,
                      evidence=[Evidence(source="cable", passage_id=pid, quote=(P2 if pid == "cable.p2" else P1).split(". ")[0])])


CHECK = ChapterCheck(
    chapter=2, rounds=0,
    claims=[
        ClaimCheck(sentence=GOOD + ".", claim=GOOD + ".", verdict="supported",
                   evidence=[Evidence(source="cable", passage_id="cable.p1", quote=P1.split(", linking")[0])]),
        flagged(WRONG_NUMBER, "contradicted", "cable.p2", "number not in the evidence: 120"),
        flagged(INVENTED, "unsupported", "cable.p1", "not named in the evidence: Thomas Edison, Valentia"),
        ClaimCheck(sentence=MISCITED + ".", claim=MISCITED + ".", verdict="supported",
                   evidence=[Evidence(source="cable", passage_id="cable.p1", quote="The cable failed after three weeks.")]),
    ],
    citations=CitationReport(precision=0.5, recall=0.5, sentences=[
        CitationCheck(sentence=GOOD + ".", cited=["cable.p1"], supported=True),
        CitationCheck(sentence=WRONG_NUMBER + ".", cited=["cable.p2"]),
        CitationCheck(sentence=INVENTED + ".", cited=["cable.p1"]),
        CitationCheck(sentence=MISCITED + ".", cited=["cable.p2"]),
    ]),
)


def run_revise(tmp_path, replies):
    provider = FakeProvider(replies=list(replies))
    run = RunDir(tmp_path / "runs", "r1")
    run.create()
    ctx = Context.for_run(Settings(topic="telegraph"), run=run, llm_factory=lambda role: LLM(provider, role))
    task = {"chapter": 2, "draft": Chapter(number=2, title="The Cable", text=TEXT).model_dump(),
            "check": CHECK.model_dump(), "passages": PASSAGES, "sources": SOURCES, "max_revisions": 2}
    return revise(task, Runtime(context=ctx)), provider, run


def test_revise_keeps_grounded_rewrites_removes_the_rest_and_recites(tmp_path):
    fixes = {"fixes": [
        {"index": 1, "text": "Queen Victoria sent a message of 98 words to President James Buchanan.", "citations": ["cable.p2"]},
        {"index": 2, "text": "Thomas Edison cheered the engineers in Valentia.", "citations": ["cable.p1"]},
    ]}
    result, provider, run = run_revise(tmp_path, [fixes])
    new = Chapter.model_validate(result["draft"])
    assert result["chapter_text"] == {2: result["draft"]}
    assert new.revision == 1
    assert new.text == (f"{GOOD} [cable.p1]. Queen Victoria sent a message of 98 words to President James Buchanan [cable.p2].\n\n"
                        f"{MISCITED} [cable.p1]. Field stared at the grey sea [dramatized].")
    actions = [(c["sentence"], c["action"]) for c in new.changes]
    assert actions == [(WRONG_NUMBER + ".", "rewritten"), (INVENTED + ".", "removed"), (MISCITED + ".", "recited")]
    assert (run.path / "chapters" / "02-the-cable.md").read_text() == new.text + "\n"
    call = provider.calls[0]
    assert call["kind"] == "typed" and "<passage id=\"cable.p2\"" in call["user"]
    assert "1. " + WRONG_NUMBER in call["user"] and "number not in the evidence: 120" in call["user"]


def test_revise_removes_flagged_sentences_when_the_model_repeats_or_fails(tmp_path):
    repeat = {"fixes": [{"index": 1, "text": WRONG_NUMBER + ".", "citations": ["cable.p2"]}]}
    result, _, _ = run_revise(tmp_path, [repeat])
    new = Chapter.model_validate(result["draft"])
    assert WRONG_NUMBER not in new.text and INVENTED not in new.text
    assert [c["action"] for c in new.changes][:2] == ["removed", "removed"]

    result, provider, _ = run_revise(tmp_path / "again", ["not json", "still not", "nope"])
    new = Chapter.model_validate(result["draft"])
    assert WRONG_NUMBER not in new.text and GOOD in new.text and len(provider.calls) == 3
