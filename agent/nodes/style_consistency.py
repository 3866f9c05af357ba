"""style_consistency: check every image prompt against the style sheet; rewrite the ones that drift."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime

from agent.config import Context
from agent.prompts import render_pair
from agent.references import slugify
from agent.state import ImagePrompt, StoryState, StyleSheet
from agent.style import check_prompt, repair_prompt

SAFE_FILE_RE = re.compile(r"^\d{2}-[a-z0-9-]+\.png$")


def safe_file(prompt: ImagePrompt) -> str:
    """Return an ASCII 'NN-slug.png' name with no path parts, whatever the prompt carried."""
    if SAFE_FILE_RE.match(prompt.file):
        return prompt.file
    stem = prompt.file.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"{prompt.chapter:02d}-{slugify(re.sub(r'^[0-9]+-', '', stem)) or 'image'}.png"


def style_consistency(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Check prompts (only the re-run chapter's, if any), rewrite drifting ones with the model, repair, report."""
    ctx = runtime.context
    ctx.event(step="style_consistency")
    sheet = StyleSheet.model_validate(state["style_sheet"])
    rerun = (state.get("rerun") or {}).get("chapter")
    prompts = state.get("prompts", {})
    numbers = [rerun] if rerun is not None else sorted(prompts)
    changed, report = {}, {}
    for number in numbers:
        items, entries = [], []
        for data in prompts.get(number, []):
            prompt = ImagePrompt.model_validate(data)
            before = check_prompt(prompt.prompt, sheet)
            text, how = prompt.prompt, []
            if before:
                system, user = render_pair("style_consistency", prompt=prompt.prompt, problems=before, sheet=sheet.model_dump())
                text = ctx.llm("illustrator").text(system, user, max_tokens=500, temperature=0.3).strip() or text
                how.append("rewritten by the illustrator model")
                if check_prompt(text, sheet):
                    text = repair_prompt(text, sheet)
                    how.append("repaired: required phrases, fixed descriptions, palette")
            file = safe_file(prompt)
            if file != prompt.file:
                how.append(f"file name {prompt.file!r} made safe")
            items.append(prompt.model_copy(update={"prompt": text, "file": file}).model_dump(mode="json"))
            entries.append({"file": file, "problems": before, "changes": how, "passes": not check_prompt(text, sheet)})
        changed[number] = items
        report[number] = {"prompts": entries}
    merged_report = {**state.get("style_report", {}), **report}
    ctx.run.write_json("style_report.json", {str(k): v for k, v in sorted(merged_report.items())})
    all_prompts = {**prompts, **changed}
    ctx.run.write_json("image_prompts.json", [p for n in sorted(all_prompts) for p in all_prompts[n]])
    return {"prompts": changed, "style_report": report}
