"""image_prompts: one drawing prompt per chapter in the story's style, plus a chart where the chapter rests on figures."""

from __future__ import annotations

import re
from typing import Annotated

from langgraph.runtime import Runtime
from pydantic import BaseModel, Field, StringConstraints, create_model

from agent.story.chapters import chapter_slug, strip_markers
from agent.illustration.charts import ChartPrompt, build_chart, chart_field, chart_prompt_text, supported_figures
from agent.graph.context import Context
from agent.prompts import render_pair
from agent.story.retrieval import trim_text
from agent.state import Chapter, StyleSheet
from agent.illustration.prompt_checks import ascii_fold, mentions, repair_prompt, safe_file, style_suffix

CHAPTER_TOKENS = 400  # the chapter's opening is enough to place its scene


class Scene(BaseModel):
    """The scene of one illustration."""

    scene: Annotated[str, StringConstraints(max_length=500)] = Field(
        description="What the image shows: setting, people by role, action, and composition (foreground, background)"
    )
    characters: list[str] = Field(
        default_factory=list, max_length=4, description="Names of recurring characters or places from the style sheet that appear"
    )


def scene_schema(figures: list) -> type[Scene]:
    """Return the Scene model, with an optional chart of the given figures when there are at least two."""
    if len(figures) < 2:
        return Scene
    return create_model("Scene", __base__=Scene, chart=chart_field(figures))


def clean_scene(text: str, title: str) -> str:
    """Return the model's scene as one plain clause: no quotes, newlines, leading article or final stop."""
    text = " ".join(text.replace('"', "").replace("`", "").split()).strip(" .")
    text = re.sub(r"^(?:scene|image|prompt)\s*:\s*", "", text, flags=re.IGNORECASE)
    if re.match(r"^(?:The|A|An) [a-z]", text):  # 'A crowd' reads on after 'showing'; names and acronyms stay
        text = text[0].lower() + text[1:]
    return text or f"the key moment of the chapter \"{title}\""


def compose(number: int, scene: str, named: list[str], sheet: StyleSheet) -> str:
    """Build a full prompt: number, required phrases, scene, fixed descriptions, palette, lighting and framing."""
    phrase = sheet.required_phrases[0] if sheet.required_phrases else sheet.medium
    parts = [f"{number}: A {phrase} showing {scene}."]
    parts += [f"{p[:1].upper()}{p[1:]}." for p in sheet.required_phrases[1:]]
    wanted = {n.strip().lower() for n in named}
    for item in [*sheet.characters, *sheet.places]:
        if item.name.lower() in wanted or mentions(scene, item.name):
            parts.append(f"{item.name}: {item.description}.")
    parts.append(style_suffix(sheet))
    return repair_prompt(" ".join(parts), sheet, number)


def image_prompts(task: dict, runtime: Runtime[Context]) -> dict:
    """Write one chapter's image prompt, and a chart prompt when its supported figures call for one."""
    ctx = runtime.context
    chapter = Chapter.model_validate(task["chapter_text"])
    sheet = StyleSheet.model_validate(task["style_sheet"])
    number = int(task.get("story_number") or chapter.number)
    ctx.event(step="image_prompts", chapter=chapter.number)
    figures = supported_figures(task.get("checks"))
    system, user = render_pair(
        "image_prompts",
        chapter={"number": chapter.number, "title": chapter.title, "text": trim_text(strip_markers(chapter.text), CHAPTER_TOKENS)},
        sheet=sheet.model_dump(),
        figures=[f.text for f in figures] if len(figures) >= 2 else [],
        feedback=task.get("feedback") or "",
    )
    reply = ctx.llm("illustrator").typed(system, user, scene_schema(figures), max_tokens=400)
    stem = chapter_slug(chapter.number, ascii_fold(chapter.title))
    drawing = ChartPrompt(
        chapter=chapter.number,
        number=number,
        file=safe_file(f"{stem}.png", chapter.number),
        prompt=compose(number, clean_scene(reply.scene, chapter.title), reply.characters, sheet),
    )
    prompts = [drawing]
    chart = build_chart(getattr(reply, "chart", None), figures, sheet)
    if chart is not None:
        file = safe_file(f"{stem}-chart.png", chapter.number)
        prompts.append(ChartPrompt(chapter=chapter.number, number=number, file=file, kind="chart", chart=chart,
                                   prompt=chart_prompt_text(number, chart, sheet, file)))
    return {"prompts": {chapter.number: [p.model_dump(mode="json", exclude_none=True) for p in prompts]}}
