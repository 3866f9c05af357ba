"""style_consistency: check every image prompt as written against the style sheet, then redraw, rewrite or repair.

The checks run on the prompt as the illustrator (or a person's edit) wrote it, so the report says what drifted.
A scene that fails (the title again, too short, a near-copy of an earlier chapter's) is drawn again; a banned
style or a recurring person described in other words is rewritten by the model, keeping the scene; whatever is
still missing is repaired. A person's edit is checked the same way but only repaired: its scene is the person's. A chapter whose prompts
are unchanged since their last check is left alone.
"""

from __future__ import annotations

import re

from langgraph.runtime import Runtime

from agent.graph.context import Context
from agent.illustration.charts import ChartPrompt
from agent.illustration.prompt_checks import (
    check_file, check_prompt, keeps_scene, numbered, problems, repair_prompt, safe_file, unnumbered,
)
from agent.illustration.scenes import ONLY_ALIKE, TRIES, chapter_plan, compose, draw_scene, scene_of, style_sentence
from agent.llm.base import LLM
from agent.prompts import render_pair
from agent.state import Chapter, StoryState, StyleSheet

REWRITE_FOR = ("banned_styles", "recurring")  # what only a rewrite fixes well; the rest is added deterministically


def clean_rewrite(text: str) -> str:
    """Return a model's rewritten prompt as one plain paragraph: no code fences, labels or wrapping quotes."""
    text = re.sub(r"```[a-z]*", "", text).strip()
    text = re.sub(r"^(?:rewritten prompt|prompt)\s*:\s*", "", text, flags=re.IGNORECASE)
    return " ".join(text.split()).strip("\"'“” ")


def rewrite(text: str, found: list[str], sheet: StyleSheet, llm: LLM) -> str | None:
    """Ask the illustrator to fix the style problems found; return the rewrite if it kept the scene, else None."""
    system, user = render_pair("style_consistency", prompt=unnumbered(text), problems=found, sheet=sheet.model_dump(),
                               style_sentence=style_sentence(sheet))
    budget = min(700, len(text) // 3 + 80)  # about the prompt's own length: a rewrite, not an essay
    new = clean_rewrite(llm.text(system, user, max_tokens=budget, temperature=0.3))
    return new if new and keeps_scene(text, new, sheet) else None


def restyle(prompt: ChartPrompt, sheet: StyleSheet, llm: LLM, scene_task: dict) -> tuple[str, list[str], list[str]]:
    """Return a drawing prompt's new text, the problems found in it as written, and the changes made."""
    checks = check_prompt(prompt.prompt, sheet, scene_task["chapter"].title, scene_task["others"])
    found, text, changes = problems(checks), prompt.prompt, []
    if prompt.edited:  # a person's words: report what drifted and add what is missing, but redraw and rewrite nothing
        checks = {name: [] for name in checks}
    if checks.get("scene"):
        scene, _, rejected = draw_scene(llm, scene_task["chapter"], scene_task["plan"], sheet,
                                        others=scene_task["others"], figures=[])
        # a picture of the chapter's own that only shows another chapter's moment reads better than the stand-in
        only_alike = all(p.startswith(f"scene: {ONLY_ALIKE[0]}") for p in checks["scene"])
        if only_alike and len(rejected) >= TRIES:
            changes.append("kept as written: no new scene passed, and it only shows another chapter's moment")
        else:
            text = compose(prompt.number, scene, sheet)
            changes.append("scene drawn again by the illustrator model")
            checks = check_prompt(text, sheet)
    wanted = [p for name in REWRITE_FOR for p in checks.get(name, [])]
    if wanted:
        new = rewrite(text, wanted, sheet, llm)
        changes.append("rewritten by the illustrator model" if new else
                       "the model's rewrite was discarded: it did not keep the scene")
        text = new or text
    if problems(check_prompt(text, sheet)):
        text = repair_prompt(text, sheet, prompt.number)
        changes.append("repaired: banned styles dropped; required phrases, fixed descriptions and palette added")
    if numbered(text, prompt.number) != text:
        text = numbered(text, prompt.number)
        changes.append(f"numbered {prompt.number}")
    return text, found, changes


def review_chapter(items: list[dict], sheet: StyleSheet, llm: LLM, scene_task: dict) -> tuple[list[dict], list[dict]]:
    """Check and fix one chapter's prompts; return them and one report entry per prompt."""
    kept, entries, used = [], [], set()
    for data in items:
        prompt = ChartPrompt.model_validate(data)
        file = safe_file(prompt.file, prompt.chapter)
        while file in used:
            file = re.sub(r"(?:-(\d+))?\.png$", lambda m: f"-{int(m.group(1) or 1) + 1}.png", file)
        used.add(file)
        found, changes = check_file(prompt.file), []
        if file != prompt.file:
            changes.append(f"file name {prompt.file!r} replaced by {file!r}")
        text = prompt.prompt
        if prompt.kind == "image":
            text, text_problems, text_changes = restyle(prompt, sheet, llm, scene_task)
            found, changes = found + text_problems, changes + text_changes
        checks = {name: not p for name, p in check_prompt(text, sheet).items()} if prompt.kind == "image" else {}
        checks["file_name"] = not check_file(file)
        kept.append(prompt.model_copy(update={"prompt": text, "file": file}).model_dump(mode="json", exclude_none=True))
        entries.append({"file": file, "kind": prompt.kind, "checks": checks, "problems": found,
                        "changes": changes, "passes": all(checks.values()), "prompt": text,
                        **({"edited": True} if prompt.edited else {})})
    return kept, entries


def unchecked(prompts: dict, report: dict) -> list[int]:
    """Return the chapters whose prompts differ from the texts their last check left (new, re-run or edited)."""
    def checked(number) -> list[str]:
        return [e.get("prompt") for e in (report.get(number) or {}).get("prompts", [])]
    return [n for n in sorted(prompts) if [p["prompt"] for p in prompts[n]] != checked(n)]


def style_consistency(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Check new or edited prompts as written, redraw, rewrite or repair the drifting ones, and report."""
    ctx = runtime.context
    ctx.event(step="style_consistency")
    sheet = StyleSheet.model_validate(state["style_sheet"])
    prompts = {int(n): items for n, items in (state.get("prompts") or {}).items()}
    rerun = (state.get("rerun") or {}).get("chapter")
    numbers = [rerun] if rerun in prompts else unchecked(prompts, state.get("style_report") or {})
    changed, report = {}, {}
    for number in numbers:
        # Only earlier chapters count as 'other scenes', so of two near-copies the later one is redrawn.
        others = [scene_of(p["prompt"]) for n in sorted(prompts) if n < number
                  for p in {**prompts, **changed}[n] if p.get("kind", "image") == "image"]
        chapter = Chapter.model_validate(state["chapter_text"][number]) if number in (state.get("chapter_text") or {}) \
            else Chapter(number=number, title="", text="")
        scene_task = {"chapter": chapter, "plan": chapter_plan(state.get("outline"), number), "others": others}
        changed[number], entries = review_chapter(prompts[number], sheet, ctx.llm("illustrator"), scene_task)
        report[number] = {"prompts": entries, "passes": all(e["passes"] for e in entries)}
    merged = {**(state.get("style_report") or {}), **report}
    ctx.run.write_json("style_report.json", {str(k): merged[k] for k in sorted(merged)})
    everything = {**prompts, **changed}
    ctx.run.write_json("image_prompts.json", [p for n in sorted(everything) for p in everything[n]])
    return {"prompts": changed, "style_report": report}
