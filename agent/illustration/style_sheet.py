"""The style sheet: written once by the illustrator model at the outline step, then repaired so it is usable."""

from __future__ import annotations

import re

from agent.prompts import render_pair
from agent.story.references import tokens
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
MAX_STYLE, MAX_PHRASE, MAX_DESCRIPTION = 220, 40, 200
COPIED = 0.5  # share of a phrase's words found in the outline: the model copied the story, not a look


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
    story = " ".join([outline.title, outline.logline, *(b for c in outline.chapters for b in c.beats)])
    return repair_sheet(sheet, style, story)


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


def _copied(text: str, story: set[str]) -> bool:
    words = set(tokens(text))
    return bool(words) and len(words & story) / len(words) >= COPIED


def _recurring(items: list[Recurring], limit: int, story: set[str]) -> list[Recurring]:
    seen, kept = set(), []
    for item in items:
        name, desc = _clean(item.name), _clean(item.description)
        fits = len(name) <= 40 and len(desc) <= MAX_DESCRIPTION and not _copied(desc, story)
        if name and desc and name.lower() not in seen and fits:
            seen.add(name.lower())
            kept.append(Recurring(name=name, description=desc))
    return kept[:limit]


def repair_sheet(sheet: StyleSheet, style: str = DEFAULT_STYLE, story: str = "") -> StyleSheet:
    """Make a style sheet usable: valid #hex palette, framing, the user's style first among the required phrases.

    Phrases and descriptions that mostly repeat the story's own words (a weak model copying its outline) are dropped.
    """
    style, story_words = _clean(style) or DEFAULT_STYLE, set(tokens(story))
    framing = _clean(sheet.framing) or "wide-landscape"
    if "wide-landscape" in style.lower() and "wide-landscape" not in framing.lower():
        framing = f"wide-landscape, {framing}"
    phrases = [style]
    for phrase in map(_clean, sheet.required_phrases):
        fresh = phrase.lower() not in " ".join(phrases).lower() and not _copied(phrase, story_words)
        if 0 < len(phrase) <= MAX_PHRASE and fresh:
            phrases.append(phrase)
    characters, places = _recurring(sheet.characters, 4, story_words), _recurring(sheet.places, 3, story_words)
    medium, lighting = _clean(sheet.medium) or style, _clean(sheet.lighting) or "bright, warm light"
    mood, palette = _clean(sheet.mood) or "optimistic", _palette(sheet.palette)
    # A banned style that the sheet itself requires would make every prompt fail one check or the other.
    required = [*phrases, medium, lighting, framing, mood, *(c.name for c in palette)]
    required_text = " ".join(required + [r.description for r in characters + places]).lower()
    banned = []
    for item in [*map(_clean, sheet.banned_styles), *DEFAULT_BANNED]:
        if item and item.lower() not in required_text and item.lower() not in (b.lower() for b in banned):
            banned.append(item[:90])
    return StyleSheet(
        medium=medium,
        palette=palette,
        lighting=lighting,
        framing=framing,
        mood=mood,
        required_phrases=phrases[:3],
        banned_styles=banned[:6],
        characters=characters,
        places=places,
    )


def default_sheet(style: str = DEFAULT_STYLE) -> StyleSheet:
    """Return the style sheet used when none was written: the default palette and the given style."""
    empty = StyleSheet(medium="", palette=[], lighting="", framing="", mood="", required_phrases=[], banned_styles=[])
    return repair_sheet(empty, style)
