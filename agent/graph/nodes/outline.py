"""outline: the story's title, logline, chapters with beats and supporting passages, and the style sheet."""

from __future__ import annotations

from langgraph.runtime import Runtime
from pydantic import Field, create_model

from agent.graph.context import Context
from agent.prompts import render_pair
from agent.text import split_sentences
from agent.story.references import library_from_state, tokens
from agent.state import ChapterPlan, Outline, StoryState
from agent.illustration.style_sheet import make_style_sheet

CONTEXT_PASSAGES = 8
PASSAGES_PER_CHAPTER = 5
BEAT_OVERLAP = 0.4


def outline_schema(chapters: int) -> type[Outline]:
    """Return an Outline model whose chapter list must have exactly `chapters` items."""
    return create_model(
        "Outline",
        __base__=Outline,
        chapters=(
            list[ChapterPlan],
            Field(min_length=chapters, max_length=chapters, description=f"Exactly {chapters} chapters, in order"),
        ),
    )


def _excerpt(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def grounded_beats(beats: list[str], texts: list[str], min_overlap: float = BEAT_OVERLAP) -> list[str]:
    """Keep the beats that the chapter's passages talk about; fall back to the passages' own sentences."""
    words = set(tokens(" ".join(texts)))
    kept = []
    for beat in beats:
        beat_words = set(tokens(beat))
        if beat_words and len(beat_words & words) / len(beat_words) >= min_overlap:
            kept.append(beat)
    if kept or not texts:
        return kept or beats
    sentences = [s for t in texts[:2] for s in split_sentences(t.replace("\n", " "))[:1]]
    return [s[:200] for s in sentences] or beats


def tidy(text: str, limit: int) -> str:
    """End a model string that hit its length limit at its last full sentence or word."""
    text = " ".join(text.split())
    if len(text) < limit - 5 or text[-1] in ".!?\"'”’)":
        return text
    cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    if cut > len(text) // 3:
        return text[: cut + 1]
    return text.rsplit(" ", 1)[0].rstrip(",;:-") + "…" if " " in text else text


def ground_outline(outline: Outline, library, per_chapter: int = PASSAGES_PER_CHAPTER) -> Outline:
    """Renumber chapters and give each its own passages: planned ones first, then retrieved ones no earlier chapter took."""
    used: set[str] = set()
    seen_beats: set[str] = set()
    chapters = []
    for number, plan in enumerate(outline.chapters, start=1):
        query = " ".join([plan.title, *plan.beats])
        planned = [pid for pid in plan.passage_ids if library.get(pid) and pid not in used]
        retrieved = [p.id for p, _ in library.search(query, k=len(library.passages)) if p.id not in used]
        ids = list(dict.fromkeys(planned + retrieved))[:per_chapter]
        if not ids:  # every relevant passage is taken: share the best ones
            ids = [p.id for p, _ in library.search(query, k=per_chapter)]
        used.update(ids)
        fresh = [b for b in plan.beats if " ".join(b.lower().split()) not in seen_beats]
        beats = grounded_beats(fresh, [library.get(pid).text for pid in ids])
        seen_beats.update(" ".join(b.lower().split()) for b in beats)
        title = tidy(plan.title, 90).rstrip("…")
        chapters.append(plan.model_copy(update={"number": number, "title": title, "passage_ids": ids, "beats": beats}))
    title, logline = tidy(outline.title, 90).rstrip("…"), tidy(outline.logline, 220)
    return outline.model_copy(update={"title": title, "logline": logline, "chapters": chapters})


def outline(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Plan the story from the brief and the most relevant passages, then write its style sheet."""
    ctx = runtime.context
    ctx.event(step="outline")
    library = library_from_state(state)
    query = " ".join([state["topic"], state.get("brief", "")])
    hits = library.search(query, k=CONTEXT_PASSAGES)
    shown = [
        {"id": p.id, "source_id": p.source_id, "text": _excerpt(p.text, 70)} for p, _ in hits
    ] or [{"id": p.id, "source_id": p.source_id, "text": _excerpt(p.text, 70)} for p in library.passages[:CONTEXT_PASSAGES]]
    system, user = render_pair(
        "outline",
        topic=state["topic"],
        brief=state.get("brief", ""),
        chapters=state["chapters"],
        sources=[s.model_dump() for s in library.sources],
        passages=shown,
        feedback=state.get("feedback", {}).get("outline", ""),
    )
    llm = ctx.llm("planner")
    plan = llm.typed(system, user, outline_schema(state["chapters"]), max_tokens=1500)
    plan = ground_outline(Outline.model_validate(plan.model_dump()), library)
    style = make_style_sheet(ctx, state, plan)
    ctx.run.write_json("outline.json", plan.model_dump(mode="json"))
    ctx.run.write_json("style_sheet.json", style.model_dump(mode="json"))
    ctx.event(step="outline", detail=f"{plan.title}: {len(plan.chapters)} chapters")
    return {"outline": plan.model_dump(mode="json"), "style_sheet": style.model_dump(mode="json")}
