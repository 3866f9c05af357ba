"""image_prompts: one drawing prompt per chapter, scene first, in the story's style; a chart where figures call for one."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.graph.context import Context
from agent.illustration.charts import ChartPrompt, build_chart, chart_prompt_text, supported_figures
from agent.illustration.prompt_checks import ascii_fold, safe_file
from agent.illustration.scenes import TRIES, chapter_plan, compose, draw_scene, scene_of
from agent.state import Chapter, StyleSheet
from agent.story.chapters import chapter_slug


def other_scenes(task: dict, number: int) -> list[str]:
    """Return what the other chapters' pictures show: their written scenes where they exist, else their plans.

    Both come from the state the fan-out was sent with, so every chapter's task can run in parallel and
    the same state always gives the same list.
    """
    written = {int(n): items for n, items in (task.get("prompts") or {}).items()}
    others = []
    for plan in (task.get("outline") or {}).get("chapters", []):
        other = int(plan.get("number", 0))
        if other == number:
            continue
        drawn = [scene_of(p["prompt"]) for p in written.get(other, []) if p.get("kind", "image") == "image"]
        parts = [x.strip() for x in (plan.get("visual", ""), plan.get("opening", "")) if x.strip()]
        planned = " ".join(x if x.endswith((".", "!", "?")) else f"{x}." for x in parts)  # the moment ends at its stop
        others += drawn or ([planned] if planned else [])
    return others


def image_prompts(task: dict, runtime: Runtime[Context]) -> dict:
    """Write one chapter's image prompt, and a chart prompt when its supported figures call for one."""
    ctx = runtime.context
    chapter = Chapter.model_validate(task["chapter_text"])
    sheet = StyleSheet.model_validate(task["style_sheet"])
    number = int(task.get("story_number") or chapter.number)
    ctx.event(step="image_prompts", chapter=chapter.number)
    figures = supported_figures(task.get("checks"))
    scene, reply, rejected = draw_scene(
        ctx.llm("illustrator"), chapter, chapter_plan(task.get("outline"), chapter.number), sheet,
        others=other_scenes(task, chapter.number), figures=figures, feedback=task.get("feedback") or "",
        sources=[p["text"] for p in task.get("passages") or []], names=task.get("names") or [],
    )
    stem = chapter_slug(chapter.number, ascii_fold(chapter.title))
    if rejected:
        used = "the fallback scene" if len(rejected) >= TRIES else f"answer {len(rejected) + 1}"
        ctx.event(step="image_prompts", chapter=chapter.number, detail=f"rejected {len(rejected)} scene(s); using {used}")
        ctx.run.write_json(f"drafts/{stem}.scenes-rejected.json", rejected)  # why each answer was asked for again
    drawing = ChartPrompt(chapter=chapter.number, number=number, file=safe_file(f"{stem}.png", chapter.number),
                          prompt=compose(number, scene, sheet))
    prompts = [drawing]
    chart = build_chart(getattr(reply, "chart", None), figures, sheet)
    if chart is not None:
        file = safe_file(f"{stem}-chart.png", chapter.number)
        prompts.append(ChartPrompt(chapter=chapter.number, number=number, file=file, kind="chart", chart=chart,
                                   prompt=chart_prompt_text(number, chart, sheet, file)))
    return {"prompts": {chapter.number: [p.model_dump(mode="json", exclude_none=True) for p in prompts]}}
