"""fact_check: check one chapter's draft, claim by claim, against the references; score its citations."""

from __future__ import annotations

import threading

from langgraph.runtime import Runtime

from agent.graph.context import Context
from agent.factcheck.checker import check_chapter
from agent.factcheck.evidence import Index
from agent.story.references import library_from_state
from agent.state import Chapter


_INDEXES: dict[int, tuple[object, Index]] = {}
_INDEX_LOCK = threading.Lock()
MAX_INDEXES = 8


def index_for(library) -> Index:
    """Return the evidence index of a library, built once and shared by every chapter's checks (it is read-only)."""
    with _INDEX_LOCK:
        found = _INDEXES.get(id(library))
        if found is None or found[0] is not library:
            if len(_INDEXES) >= MAX_INDEXES:
                _INDEXES.clear()
            found = _INDEXES[id(library)] = (library, Index(library))
        return found[1]


def fact_check(task: dict, runtime: Runtime[Context]) -> dict:
    """Give every claim of the draft a verdict with verbatim evidence; report dramatized sentences and citations."""
    ctx = runtime.context
    draft = Chapter.model_validate(task["draft"])
    number = task.get("chapter", draft.number)
    ctx.event(step="fact_check", chapter=number)
    # Model readings by (claim, evidence) hash, kept across rounds: a revised chapter's check asks the model
    # only about the sentences the revision changed.
    memo = dict(task.get("verdicts") or {})
    library = library_from_state(task)
    check = check_chapter(number, draft.text, library, ctx.llm("fact_checker"), index=index_for(library), memo=memo)
    check.rounds = draft.revision
    check.revised = list(draft.changes)
    data = check.model_dump(mode="json")
    ctx.run.write_json(f"checks/{number:02d}-round{draft.revision}.json", data)
    return {"check": data, "checks": {number: data}, "verdicts": memo}
