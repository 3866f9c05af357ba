"""Routing between nodes: which chapters get sent where. Reads state fields, never prose."""

from __future__ import annotations

from langgraph.constants import END
from langgraph.types import Send

from agent.state import ChapterCheck, StoryState
from agent.illustration.scenes import NAME_RUN_RE
from agent.story.chapters import citations

CHAPTER_KEYS = ("topic", "outline", "style_sheet", "passages", "sources", "words")


def chapter_task(state: StoryState, number: int, notes: str = "") -> dict:
    """Return the payload for one chapter's write → fact_check → revise pipeline."""
    task = {key: state[key] for key in CHAPTER_KEYS if key in state}
    task.update(chapter=number, notes=notes, max_revisions=state.get("max_revisions", 2))
    # Chapters are written in parallel: the previous one's text is there only on a re-run; else write reads its plan.
    previous = (state.get("chapter_text") or {}).get(number - 1, {}).get("text", "")
    task["previous"] = previous.strip().split("\n\n")[-1] if previous.strip() else ""
    return task


def rerun_chapter(state: StoryState) -> int | None:
    """Return the chapter being re-run, if any."""
    rerun = state.get("rerun") or {}
    return rerun.get("chapter")


def start(state: StoryState):
    """From START: a re-run goes straight to its chapter; anything else starts at ingest."""
    number = rerun_chapter(state)
    if number is not None:
        return [Send("chapter", chapter_task(state, number, (state.get("rerun") or {}).get("notes", "")))]
    return "ingest"


def send_chapters(state: StoryState) -> list[Send]:
    """Fan out every chapter of the outline (or only the re-run one) to the chapter pipeline."""
    number = rerun_chapter(state)
    notes = state.get("feedback", {}).get("chapters", "")
    numbers = [number] if number is not None else [c["number"] for c in state["outline"]["chapters"]]
    return [Send("chapter", chapter_task(state, n, notes)) for n in numbers]


def after_fact_check(task: dict) -> str:
    """Inside the chapter pipeline: revise while claims are flagged and rounds remain."""
    check = ChapterCheck.model_validate(task["check"])
    if check.flagged and check.rounds < task.get("max_revisions", 2):
        return "revise"
    return END


def cited_passages(state: StoryState, number: int) -> list[dict]:
    """Return the passages (as state holds them) that a chapter's text cites."""
    cited = set(citations(state["chapter_text"][number].get("text", "")))
    return [p for p in state.get("passages", []) if p["id"] in cited]


def reference_names(state: StoryState) -> list[str]:
    """Return the capitalised words and runs of them that the references give, once each."""
    found = {m.group(0) for p in state.get("passages", []) for m in NAME_RUN_RE.finditer(p["text"])}
    return sorted(found)


def send_image_prompts(state: StoryState) -> list[Send]:
    """Fan out image prompts for every chapter (or only the re-run one)."""
    number = rerun_chapter(state)
    numbers = [number] if number is not None else sorted(state["chapter_text"])
    feedback = state.get("feedback", {}).get("images", "")
    names = reference_names(state)  # the same for every chapter
    return [
        Send(
            "image_prompts",
            {
                "chapter": n,
                "chapter_text": state["chapter_text"][n],
                "outline": state["outline"],
                "style_sheet": state["style_sheet"],
                "checks": state.get("checks", {}).get(n, {}),
                "prompts": state.get("prompts") or {},
                "feedback": feedback,
                # the passages the chapter cites: their dates set the picture's period
                "passages": cited_passages(state, n),
                # every name the references give may appear in a picture; no other may
                "names": names,
            },
        )
        for n in numbers
    ]
