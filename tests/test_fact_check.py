"""The fact_check node: one chapter draft in, a ChapterCheck with verdicts, evidence and citations out."""

from __future__ import annotations

import json
import re

from langgraph.runtime import Runtime

from agent.graph.context import Context, Settings
from agent.llm.base import LLM
from agent.storage.folder import RunDir
from agent.state import ChapterCheck
from tests.fakes import FakeProvider

P1 = ("The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland. "
      "The cable failed after three weeks.")
P2 = "Queen Victoria sent a message of 98 words to President James Buchanan, which took 16 hours to transmit."
PASSAGES = [{"id": "cable.p1", "source_id": "cable", "text": P1}, {"id": "cable.p2", "source_id": "cable", "text": P2}]
SOURCES = [{"id": "cable", "title": "The Telegraph Crosses the Ocean"}]


def runtime(tmp_path, provider):
    run = RunDir(tmp_path / "runs", "r1")
    run.create()
    roles = []

    def factory(role):
        roles.append(role)
        return LLM(provider, role)

    ctx = Context.for_run(Settings(topic="telegraph"), run=run, llm_factory=factory)
    events = []
    ctx.on_event = events.append
    return Runtime(context=ctx), run, roles, events


def all_unsupported(call):
    count = len(re.findall(r"^Statement( \d+)?:", call["user"], flags=re.M))
    return {"answers": ["no"] * count}


def test_fact_check_returns_the_check_for_the_chapter(tmp_path):
    from agent.graph.nodes.fact_check import fact_check

    provider = FakeProvider(respond=all_unsupported)
    rt, run, roles, events = runtime(tmp_path, provider)
    text = ("The first transatlantic telegraph cable was completed on August 5, 1858 [cable.p1]. "
            "Queen Victoria sent a message of 120 words to President Buchanan [cable.p2]. "
            "The cable linking Ireland was admired by engineers everywhere [cable.p1]. "
            "Field stared at the grey sea [dramatized].")
    task = {"chapter": 3, "draft": {"number": 3, "title": "The Cable", "text": text, "revision": 1, "notes": ""},
            "passages": PASSAGES, "sources": SOURCES, "max_revisions": 2}
    result = fact_check(task, rt)

    check = ChapterCheck.model_validate(result["check"])
    assert result["checks"] == {3: result["check"]}
    assert check.chapter == 3 and check.rounds == 1
    assert [(c.verdict, c.method) for c in check.claims] == [
        ("supported", "rules:coverage"), ("contradicted", "rules:number"), ("unsupported", "model")]
    assert check.claims[0].evidence[0].passage_id == "cable.p1"
    assert check.claims[0].evidence[0].quote in P1
    assert check.dramatized == ["Field stared at the grey sea."]
    assert check.citations.recall == round(1 / 3, 4)
    assert [s.supported for s in check.citations.sentences] == [True, False, False]
    assert roles == ["fact_checker"] and events == [{"step": "fact_check", "chapter": 3}]
    saved = json.loads((run.path / "checks" / "03-round1.json").read_text())
    assert saved["claims"][1]["reason"] == "number not in the evidence: 120"
