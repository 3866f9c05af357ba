"""write: draft one chapter from its beats and its retrieved passages only."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.story.chapters import attribute, chapter_slug
from agent.graph.context import Context
from agent.errors import ModelOutputError
from agent.prompts import render_pair
from agent.story.references import library_from_state
from agent.story.retrieval import passages_for
from agent.state import Chapter, ChapterPlan, Outline

MAX_PASSAGES = 5
PASSAGE_TOKENS = 700  # the writer's passages: about four of the ~160-token passages


def chapter_passages(plan: ChapterPlan, library) -> list:
    """Return the passages a chapter may use: its outline's passages ranked per beat, then the beats' best matches."""
    queries = [f"{plan.title} {beat}" for beat in plan.beats] or [plan.title]
    passages = passages_for(queries, library, PASSAGE_TOKENS, first=plan.passage_ids[:MAX_PASSAGES])
    return passages[:MAX_PASSAGES]


def write(task: dict, runtime: Runtime[Context]) -> dict:
    """Draft the chapter named in the task as prose with citation markers tied to its passages."""
    ctx = runtime.context
    number = task["chapter"]
    outline = Outline.model_validate(task["outline"])
    plan = outline.chapters[number - 1]
    ctx.event(step="write", chapter=number)
    library = library_from_state(task)
    passages = chapter_passages(plan, library)
    system, user = render_pair(
        "write",
        topic=task["topic"],
        story_title=outline.title,
        chapter=plan.model_dump(),
        chapters=[c.title for c in outline.chapters],
        passages=[p.model_dump() for p in passages],
        example_id=passages[0].id if passages else "source.p1",
        notes=task.get("notes", ""),
    )
    prose = ctx.llm("writer").text(system, user, max_tokens=700, temperature=0.5)
    text = attribute(prose, passages)
    if not text:
        raise ModelOutputError(f"the writer model returned no usable prose for chapter {number}")
    chapter = Chapter(number=number, title=plan.title, text=text, notes=task.get("notes", ""))
    ctx.run.write_text(f"chapters/{chapter_slug(number, plan.title)}.md", chapter.text + "\n")
    data = chapter.model_dump(mode="json")
    return {"draft": data, "chapter_text": {number: data}}
