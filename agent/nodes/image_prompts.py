"""image_prompts: at least one image prompt per chapter, from the chapter and the style sheet."""

from __future__ import annotations

from typing import Annotated

from langgraph.runtime import Runtime
from pydantic import BaseModel, Field, StringConstraints

from agent.chapters import chapter_slug, strip_markers
from agent.config import Context
from agent.prompts import render_pair
from agent.state import Chapter, ImagePrompt, StyleSheet
from agent.style import repair_prompt, style_suffix


class Scene(BaseModel):
    """The scene of one illustration."""

    scene: Annotated[str, StringConstraints(max_length=500)] = Field(
        description="What the image shows: setting, people by role, action, and composition (foreground, background)"
    )
    characters: list[str] = Field(
        default_factory=list, max_length=4, description="Names of recurring characters or places from the style sheet that appear"
    )


def compose(number: int, scene: Scene, sheet: StyleSheet) -> str:
    """Build the full prompt: numbered, required phrases, scene, fixed descriptions, palette and framing."""
    phrase = sheet.required_phrases[0] if sheet.required_phrases else sheet.medium
    text = scene.scene.strip().rstrip(".")
    if text[:1].isupper() and not text.startswith(("A ", "An ", "The ")):
        text = text[0].lower() + text[1:]
    parts = [f"A {phrase} showing {text}."]
    parts += [f"{p}." for p in sheet.required_phrases[1:]]
    named = {n.lower() for n in scene.characters}
    for item in [*sheet.characters, *sheet.places]:
        if item.name.lower() in named or item.name.lower() in text.lower():
            parts.append(f"{item.name}: {item.description}.")
    parts.append(style_suffix(sheet))
    return repair_prompt(" ".join(parts), sheet)


def image_prompts(task: dict, runtime: Runtime[Context]) -> dict:
    """Write the image prompt of one chapter."""
    ctx = runtime.context
    chapter = Chapter.model_validate(task["chapter_text"])
    sheet = StyleSheet.model_validate(task["style_sheet"])
    ctx.event(step="image_prompts", chapter=chapter.number)
    system, user = render_pair(
        "image_prompts",
        chapter={"number": chapter.number, "title": chapter.title, "text": strip_markers(chapter.text)[:2500]},
        sheet=sheet.model_dump(),
        feedback=task.get("feedback", ""),
    )
    scene = ctx.llm("illustrator").typed(system, user, Scene, max_tokens=400)
    prompt = ImagePrompt(
        chapter=chapter.number,
        number=chapter.number,
        file=f"{chapter_slug(chapter.number, chapter.title)}.png",
        prompt=compose(chapter.number, scene, sheet),
    )
    return {"prompts": {chapter.number: [prompt.model_dump(mode="json")]}}
