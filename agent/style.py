"""The style sheet: how it is written, repaired, and checked against each image prompt (no model needed)."""

from __future__ import annotations

import re

from agent.prompts import render_pair
from agent.state import Color, Outline, Recurring, StyleSheet

DEFAULT_STYLE = "colorful, bright wide-landscape drawing suitable for a technology-forward, optimistic graphic novel"
DEFAULT_PALETTE = [
    Color(name="deep teal", hex="#0f766e"),
    Color(name="sunrise orange", hex="#f97316"),
    Color(name="warm cream", hex="#fff8f0"),
    Color(name="electric blue", hex="#2563eb"),
]
DEFAULT_BANNED = ["photorealistic", "photograph", "3D render", "dark horror"]
HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CHARS, MAX_CHARS = 80, 1500


def make_style_sheet(ctx, state: dict, outline: Outline) -> StyleSheet:
    """Write the story's style sheet with the illustrator model, then repair it deterministically."""
    style = ((state.get("style") or "").strip() or DEFAULT_STYLE)[:220]
    system, user = render_pair(
        "style_sheet",
        topic=state["topic"],
        style=style,
        title=outline.title,
        chapters=[{"title": c.title, "beats": c.beats} for c in outline.chapters],
        feedback=state.get("feedback", {}).get("outline", ""),
    )
    sheet = ctx.llm("illustrator").typed(system, user, StyleSheet, max_tokens=900)
    return repair_sheet(sheet, style)


def repair_sheet(sheet: StyleSheet, style: str) -> StyleSheet:
    """Make a style sheet usable: valid palette, framing, the user's style as a required phrase."""
    palette = [c for c in sheet.palette if HEX_RE.match(c.hex.strip()) and c.name.strip()][:6]
    if len(palette) < 3:
        palette = DEFAULT_PALETTE
    framing = sheet.framing.strip() or "wide-landscape"
    if "wide-landscape" in style and "wide-landscape" not in framing:
        framing = f"wide-landscape, {framing}"
    phrases = [style] + [p.strip() for p in sheet.required_phrases if 0 < len(p.strip()) <= 60 and p.strip() != style]
    banned = list(dict.fromkeys([b.strip() for b in sheet.banned_styles if b.strip() and b.strip().lower() not in style.lower()] + DEFAULT_BANNED))
    banned = [b for b in banned if b.lower() not in style.lower()]

    def recurring(items: list[Recurring]) -> list[Recurring]:
        seen, kept = set(), []
        for item in items:
            name, desc = item.name.strip(), item.description.strip()
            if name and desc and name.lower() not in seen and len(desc) <= 240:
                seen.add(name.lower())
                kept.append(Recurring(name=name, description=desc))
        return kept[:4]

    return StyleSheet(
        medium=sheet.medium.strip() or style,
        palette=palette,
        lighting=sheet.lighting.strip() or "bright, warm light",
        framing=framing,
        mood=sheet.mood.strip() or "optimistic",
        required_phrases=phrases[:3],
        banned_styles=banned[:6],
        characters=recurring(sheet.characters),
        places=recurring(sheet.places),
    )


def check_prompt(prompt: str, sheet: StyleSheet) -> list[str]:
    """Return what is wrong with a prompt against the style sheet (empty when it passes)."""
    problems = []
    lower = prompt.lower()
    for phrase in sheet.required_phrases:
        if phrase.lower() not in lower:
            problems.append(f"missing required phrase: {phrase}")
    for banned in sheet.banned_styles:
        if re.search(rf"\b{re.escape(banned.lower())}\b", lower):
            problems.append(f"uses banned style: {banned}")
    for item in [*sheet.characters, *sheet.places]:
        if re.search(rf"\b{re.escape(item.name.lower())}\b", lower) and item.description.lower() not in lower:
            problems.append(f"{item.name} not described with its fixed words")
    if not any(c.name.lower() in lower for c in sheet.palette):
        problems.append("names no palette color")
    if not MIN_CHARS <= len(prompt) <= MAX_CHARS:
        problems.append(f"length {len(prompt)} outside {MIN_CHARS}-{MAX_CHARS} characters")
    return problems


def style_suffix(sheet: StyleSheet) -> str:
    """Return the closing sentences every prompt carries: palette, lighting, framing, mood."""
    colors = ", ".join(f"{c.name} ({c.hex})" for c in sheet.palette)
    return f"Palette: {colors}. Lighting: {sheet.lighting}. Framing: {sheet.framing}. Mood: {sheet.mood}."


def repair_prompt(prompt: str, sheet: StyleSheet) -> str:
    """Fix a prompt deterministically so that it passes check_prompt, keeping its scene."""
    text = prompt.strip()
    for banned in sheet.banned_styles:
        text = re.sub(rf"\b{re.escape(banned)}\b", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s{2,}", " ", text).strip()
    lower = text.lower()
    missing = [p for p in sheet.required_phrases if p.lower() not in lower]
    if missing:
        text = f"A {'; '.join(missing)}. {text}"
    for item in [*sheet.characters, *sheet.places]:
        if re.search(rf"\b{re.escape(item.name.lower())}\b", text.lower()) and item.description.lower() not in text.lower():
            text = f"{text} {item.name}: {item.description}."
    if not any(c.name.lower() in text.lower() for c in sheet.palette) or "Palette:" not in text:
        text = f"{text} {style_suffix(sheet)}"
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "."
    return text
