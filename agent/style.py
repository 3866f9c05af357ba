"""The style sheet: written once by the illustrator model at the outline step, then repaired so it is usable."""

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
HEX_RE = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
MAX_STYLE, MAX_PHRASE, MAX_DESCRIPTION = 220, 60, 200


def requested_style(state: dict) -> str:
    """Return the user's style text (--style or --style-file), else the default style."""
    style = " ".join((state.get("style") or "").split())
    return (style or DEFAULT_STYLE)[:MAX_STYLE].rstrip(" ,.;")


def make_style_sheet(ctx, state: dict, outline: Outline) -> StyleSheet:
    """Write the story's style sheet with the illustrator model, then repair it deterministically."""
    style = requested_style(state)
    system, user = render_pair(
        "style_sheet",
        topic=state["topic"],
        style=style,
        title=outline.title,
        chapters=[{"title": c.title, "beats": c.beats[:2]} for c in outline.chapters],
        feedback=(state.get("feedback") or {}).get("outline", ""),
    )
    sheet = ctx.llm("illustrator").typed(system, user, StyleSheet, max_tokens=700)
    return repair_sheet(sheet, style)


def normal_hex(value: str) -> str | None:
    """Return '#rrggbb' for a hex color written with or without '#' (3 or 6 digits), else None."""
    match = HEX_RE.match(value.strip())
    if not match:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return f"#{digits}"


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .;")


def _palette(colors: list[Color]) -> list[Color]:
    kept, names = [], set()
    for color in colors:
        name, hex_value = _clean(color.name).lower(), normal_hex(color.hex)
        if name and hex_value and name not in names and len(name) <= 30:
            names.add(name)
            kept.append(Color(name=name, hex=hex_value))
    return kept[:6] if len(kept) >= 3 else list(DEFAULT_PALETTE)


def _recurring(items: list[Recurring], limit: int) -> list[Recurring]:
    seen, kept = set(), []
    for item in items:
        name, desc = _clean(item.name), _clean(item.description)
        if name and desc and name.lower() not in seen and len(desc) <= MAX_DESCRIPTION and len(name) <= 40:
            seen.add(name.lower())
            kept.append(Recurring(name=name, description=desc))
    return kept[:limit]


def repair_sheet(sheet: StyleSheet, style: str = DEFAULT_STYLE) -> StyleSheet:
    """Make a style sheet usable: valid #hex palette, framing, the user's style first among the required phrases."""
    style = _clean(style) or DEFAULT_STYLE
    framing = _clean(sheet.framing) or "wide-landscape"
    if "wide-landscape" in style.lower() and "wide-landscape" not in framing.lower():
        framing = f"wide-landscape, {framing}"
    phrases = [style]
    for phrase in map(_clean, sheet.required_phrases):
        if 0 < len(phrase) <= MAX_PHRASE and phrase.lower() not in " ".join(phrases).lower():
            phrases.append(phrase)
    characters, places = _recurring(sheet.characters, 4), _recurring(sheet.places, 3)
    # A banned style that the sheet itself requires would make every prompt fail one check or the other.
    required_text = " ".join([*phrases, *(r.description for r in characters + places)]).lower()
    banned = []
    for item in [*map(_clean, sheet.banned_styles), *DEFAULT_BANNED]:
        if item and item.lower() not in required_text and item.lower() not in (b.lower() for b in banned):
            banned.append(item[:90])
    return StyleSheet(
        medium=_clean(sheet.medium) or style,
        palette=_palette(sheet.palette),
        lighting=_clean(sheet.lighting) or "bright, warm light",
        framing=framing,
        mood=_clean(sheet.mood) or "optimistic",
        required_phrases=phrases[:3],
        banned_styles=banned[:6],
        characters=characters,
        places=places,
    )


def default_sheet(style: str = DEFAULT_STYLE) -> StyleSheet:
    """Return the style sheet used when none was written: the default palette and the given style."""
    empty = StyleSheet(medium="", palette=[], lighting="", framing="", mood="", required_phrases=[], banned_styles=[])
    return repair_sheet(empty, style)
