"""fact_check: split one chapter into claims and give each a verdict with evidence from the sources."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.config import Context
from agent.factcheck.checker import check_text
from agent.references import library_from_state
from agent.state import Chapter, ChapterCheck


def fact_check(task: dict, runtime: Runtime[Context]) -> dict:
    """Check the chapter's current draft against every reference passage."""
    ctx = runtime.context
    chapter = Chapter.model_validate(task["draft"])
    ctx.event(step="fact_check", chapter=chapter.number)
    claims, dramatized = check_text(chapter.text, library_from_state(task), ctx.llm("fact_checker"))
    check = ChapterCheck(chapter=chapter.number, claims=claims, rounds=chapter.revision, dramatized=dramatized,
                         revised=chapter.changes)
    data = check.model_dump(mode="json")
    return {"check": data, "checks": {chapter.number: data}}
