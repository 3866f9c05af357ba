"""approve_outline, approve_chapters, approve_images: human approval points built on interrupt().

Each node calls interrupt() first, with no side effects before it, because the node runs again
from the top when it is resumed.

A re-run (state["rerun"]) narrows the approvals to its chapter and brings its own list of steps to
wait at ("approve"). Its "until" names the step a waiting run was at: there the re-run ends and the
step waits again, for every chapter, as the run's own list says.
"""

from __future__ import annotations

from typing import Callable, Literal

from langgraph.types import Command, interrupt
from pydantic import BaseModel, Field, ValidationError

from agent.illustration.charts import ChartPrompt
from agent.errors import InputError
from agent.graph.routing import send_chapters, send_image_prompts
from agent.state import Chapter, Outline, StoryState, StyleSheet


class Decision(BaseModel):
    """A person's answer at an approval point."""

    action: Literal["approve", "edit", "reject"]
    notes: str = Field(default="", description="Why the step is rejected; added to its prompt")
    data: dict | None = Field(default=None, description="The edited content, for 'edit'")


def _settle(step: str, state: StoryState) -> tuple[StoryState, dict]:
    """End a re-run that was to return to this step: clear it, so the step covers every chapter again."""
    if (state.get("rerun") or {}).get("until") == step:
        return {**state, "rerun": None}, {"rerun": None}
    return state, {}


def _decide(step: str, state: StoryState, apply: Callable[[Decision | None], Command]) -> Command:
    """Wait for a person's answer and apply it; an invalid answer waits again, with its error, for a new one.

    Raising instead would leave the bad answer in the checkpoint, to be replayed (and fail) on every resume.
    """
    rerun = state.get("rerun") or {}
    if step not in rerun.get("approve", state.get("approve", [])):
        return apply(None)
    payload = {"step": step, "chapter": rerun.get("chapter")}
    while True:
        answer = interrupt(payload)
        try:
            return apply(_validated(step, answer))
        except (InputError, ValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
            message = str(exc) if isinstance(exc, InputError) else f"invalid answer at the {step} approval: {_first(exc)}"
            payload = {**payload, "error": message}


def _validated(step: str, answer) -> Decision:
    try:
        decision = Decision.model_validate(answer)
    except ValidationError as exc:
        raise InputError(f"invalid answer at the {step} approval: {_first(exc)}") from None
    if decision.action == "reject" and not decision.notes.strip():
        raise InputError(f"rejecting the {step} needs notes saying what to change")
    if decision.action == "edit" and not decision.data:
        raise InputError(f"editing the {step} needs the edited content")
    return decision


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(x) for x in error.get("loc", ()))
        return f"{where}: {error['msg']}" if where else error["msg"]
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def approve_outline(state: StoryState) -> Command:
    """Wait for approval of the outline and style sheet; apply an edit or send it back with notes."""
    state, ended = _settle("outline", state)
    return _decide("outline", state, lambda decision: _outline(state, ended, decision))


def _outline(state: StoryState, ended: dict, decision: Decision | None) -> Command:
    if decision is None or decision.action == "approve":
        return Command(update=ended, goto=send_chapters(state))
    if decision.action == "reject":
        return Command(update={**ended, "feedback": {"outline": decision.notes}}, goto="outline")
    outline = Outline.model_validate(decision.data.get("outline", state["outline"]))
    style = StyleSheet.model_validate(decision.data.get("style_sheet", state["style_sheet"]))
    update = {**ended, "outline": outline.model_dump(mode="json"), "style_sheet": style.model_dump(mode="json")}
    return Command(update=update, goto=send_chapters({**state, **update}))


def approve_chapters(state: StoryState) -> Command:
    """Wait for approval of the drafted, fact-checked chapters."""
    state, ended = _settle("chapters", state)
    return _decide("chapters", state, lambda decision: _chapters(state, ended, decision))


def _chapters(state: StoryState, ended: dict, decision: Decision | None) -> Command:
    if decision is None or decision.action == "approve":
        return Command(update=ended, goto=send_image_prompts(state))
    if decision.action == "reject":
        update = {**ended, "feedback": {"chapters": decision.notes}}
        return Command(update=update, goto=send_chapters({**state, **update}))
    chapters = {}
    for key, value in decision.data.get("chapters", {}).items():
        number = int(key)
        if number not in state["chapter_text"]:
            raise InputError(f"edited chapters name chapter {number}, which the story does not have")
        merged = {**state["chapter_text"][number], **value, "number": number}
        chapters[number] = Chapter.model_validate(merged).model_dump(mode="json")
    update = {**ended, "chapter_text": chapters}
    renamed = {n: c["title"] for n, c in chapters.items() if c["title"] != state["chapter_text"][n]["title"]}
    if renamed:  # keep the outline's titles in step, so a later re-run writes under the new title
        plans = [{**p, "title": renamed.get(p["number"], p["title"])} for p in state["outline"]["chapters"]]
        update["outline"] = Outline.model_validate({**state["outline"], "chapters": plans}).model_dump(mode="json")
    return Command(update=update, goto=send_image_prompts({**state, "chapter_text": {**state["chapter_text"], **chapters}}))


def approve_images(state: StoryState) -> Command:
    """Wait for approval of the image prompts against the style sheet."""
    state, ended = _settle("images", state)
    return _decide("images", state, lambda decision: _images(state, ended, decision))


def _images(state: StoryState, ended: dict, decision: Decision | None) -> Command:
    if decision is None or decision.action == "approve":
        return Command(update=ended, goto="assemble")
    if decision.action == "reject":
        update = {**ended, "feedback": {"images": decision.notes}}
        return Command(update=update, goto=send_image_prompts({**state, **update}))
    prompts = {}
    for key, items in decision.data.get("prompts", {}).items():
        before = {p["file"]: p["prompt"] for p in (state.get("prompts") or {}).get(int(key), [])}
        # ChartPrompt keeps a chart's data; exclude_none matches what the image_prompts node writes
        edited = [ChartPrompt.model_validate(item) for item in items]
        edited = [p.model_copy(update={"edited": True}) if before.get(p.file) != p.prompt else p for p in edited]
        prompts[int(key)] = [p.model_dump(mode="json", exclude_none=True) for p in edited]
    # Edited prompts go through the style check like written ones; then they wait for approval again.
    return Command(update={**ended, "prompts": prompts}, goto="style_consistency")
