"""style_consistency: check every image prompt against the style sheet; rewrite the ones that drift, then repair."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime

from agent.illustration.charts import ChartPrompt
from agent.graph.context import Context
from agent.llm.base import LLM
from agent.prompts import render_pair
from agent.state import StoryState, StyleSheet
from agent.illustration.prompt_checks import (
    check_file, check_prompt, keeps_scene, numbered, problems, repair_prompt, safe_file, unnumbered,
)


def clean_rewrite(text: str) -> str:
    """Return a model's rewritten prompt as one plain paragraph: no code fences, labels or wrapping quotes."""
    text = re.sub(r"```[a-z]*", "", text).strip()
    text = re.sub(r"^(?:rewritten prompt|prompt)\s*:\s*", "", text, flags=re.IGNORECASE)
    return " ".join(text.split()).strip("\"'“” ")


def restyle(prompt: ChartPrompt, sheet: StyleSheet, llm: LLM) -> tuple[str, list[str], list[str]]:
    """Return a drawing prompt's new text, the problems found and the changes made."""
    found = problems(check_prompt(prompt.prompt, sheet))
    text, changes = prompt.prompt, []
    if found:
        system, user = render_pair("style_consistency", prompt=unnumbered(prompt.prompt), problems=found, sheet=sheet.model_dump())
        budget = min(700, len(prompt.prompt) // 3 + 80)  # about the prompt's own length: a rewrite, not an essay
        rewrite = clean_rewrite(llm.text(system, user, max_tokens=budget, temperature=0.3))
        if rewrite and keeps_scene(prompt.prompt, rewrite, sheet):
            text = rewrite
            changes.append("rewritten by the illustrator model")
        else:
            changes.append("the model's rewrite was discarded: it did not keep the scene")
        if problems(check_prompt(text, sheet)):
            text = repair_prompt(text, sheet, prompt.number)
            changes.append("repaired: banned styles dropped; required phrases, fixed descriptions and palette added")
    if numbered(text, prompt.number) != text:
        text = numbered(text, prompt.number)
        changes.append(f"numbered {prompt.number}")
    return text, found, changes


def review_chapter(items: list[dict], sheet: StyleSheet, llm: LLM) -> tuple[list[dict], list[dict]]:
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
            text, text_problems, text_changes = restyle(prompt, sheet, llm)
            found, changes = found + text_problems, changes + text_changes
        checks = {name: not p for name, p in check_prompt(text, sheet).items()} if prompt.kind == "image" else {}
        checks["file_name"] = not check_file(file)
        kept.append(prompt.model_copy(update={"prompt": text, "file": file}).model_dump(mode="json", exclude_none=True))
        entries.append({"file": file, "kind": prompt.kind, "checks": checks, "problems": found,
                        "changes": changes, "passes": all(checks.values())})
    return kept, entries


def style_consistency(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Check prompts (only the re-run chapter's, if any), rewrite drifting ones with the model, repair, report."""
    ctx = runtime.context
    ctx.event(step="style_consistency")
    sheet = StyleSheet.model_validate(state["style_sheet"])
    prompts = state.get("prompts") or {}
    rerun = (state.get("rerun") or {}).get("chapter")
    numbers = [rerun] if rerun is not None else sorted(prompts)
    changed, report = {}, {}
    for number in numbers:
        if number not in prompts:
            continue
        changed[number], entries = review_chapter(prompts[number], sheet, ctx.llm("illustrator"))
        report[number] = {"prompts": entries, "passes": all(e["passes"] for e in entries)}
    merged = {**(state.get("style_report") or {}), **report}
    ctx.run.write_json("style_report.json", {str(k): merged[k] for k in sorted(merged)})
    everything = {**prompts, **changed}
    ctx.run.write_json("image_prompts.json", [p for n in sorted(everything) for p in everything[n]])
    return {"prompts": changed, "style_report": report}
