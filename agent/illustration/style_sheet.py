"""The style sheet: written once by the illustrator model at the outline step, then repaired so it is usable.

Each field must hold its own kind of value (light in "lighting", framing in "framing"), each palette name must
name its hex value, and the recurring people and places must come from the sources.
"""

from __future__ import annotations

import re

from agent.illustration.cast import candidates, keep_cast, period
from agent.illustration.colors import nearest_name
from agent.prompts import render_pair
from agent.story.references import tokens
from agent.state import Color, Outline, StyleSheet

DEFAULT_STYLE = "colorful, bright wide-landscape drawing in a graphic-novel style"
DEFAULT_HEXES = ["#0f766e", "#f97316", "#fff8f0", "#2563eb"]
DEFAULT_PALETTE = [Color(name=nearest_name(h), hex=h) for h in DEFAULT_HEXES]
DEFAULT_LIGHTING, DEFAULT_FRAMING, DEFAULT_MOOD = "clear, even daylight", "wide-landscape, eye-level", "vivid and engaging"
DEFAULT_BANNED = ["photorealistic", "photograph", "3D render", "dark horror"]
HEX_RE = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
MAX_STYLE, MAX_PHRASE = 220, 40
COPIED = 0.5  # share of a phrase's words found in the outline: the model copied the story, not a look
FRAMING_RE = re.compile(
    r"\b(?:wide[- ]?landscape|landscape format|portrait format|eye[- ]level|bird'?s[- ]eye|worm'?s[- ]eye|close[- ]?up|"
    r"wide[- ]shot|long[- ]shot|medium[- ]shot|panoramic|panorama|aspect|angle|framing|framed|centered|"
    r"rule of thirds|over[- ]the[- ]shoulder|overhead view|top[- ]down)\b", re.IGNORECASE)
LIGHT_RE = re.compile(
    r"\b(?:light\w*|lit|glow\w*|sun\w*|shadow\w*|shade\w*|lamp\w*|dawn|dusk|daylight|twilight|morning|evening|"
    r"noon|night|moon\w*|candle\w*|neon|illuminat\w*|backlit|rim|golden hour|bright|dim|soft|warm|cool|"
    r"radiant|luminous|fluorescent|spotlight\w*|hazy|overcast)\b", re.IGNORECASE)


def requested_style(state: dict) -> str:
    """Return the user's style text (--style or --style-file), else the default style."""
    style = " ".join((state.get("style") or "").split())
    return (style or DEFAULT_STYLE)[:MAX_STYLE].rstrip(" ,.;")


def make_style_sheet(ctx, state: dict, outline: Outline) -> StyleSheet:
    """Write the story's style sheet with the illustrator model, then repair it deterministically."""
    style = requested_style(state)
    passages = [p["text"] for p in state.get("passages") or []]
    people = candidates(outline, passages, state["topic"])
    system, user = render_pair(
        "style_sheet",
        topic=state["topic"],
        style=style,
        title=outline.title,
        chapters=[{"title": c.title, "beats": c.beats[:2]} for c in outline.chapters],
        people=people,
        period=period(passages),
        feedback=(state.get("feedback") or {}).get("outline", ""),
    )
    sheet = ctx.llm("illustrator").typed(system, user, StyleSheet, max_tokens=700)
    story = " ".join([outline.title, outline.logline, *(b for c in outline.chapters for b in c.beats)])
    return repair_sheet(sheet, style, story, outline=outline, topic=state["topic"], passages=passages)


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
    """Keep valid hex values and name each by the named color nearest to it, so a name never lies."""
    kept, names = [], set()
    for color in colors:
        hex_value = normal_hex(color.hex)
        name = nearest_name(hex_value) if hex_value else ""
        if name and name not in names:
            names.add(name)
            kept.append(Color(name=name, hex=hex_value))
    return kept[:6] if len(kept) >= 3 else list(DEFAULT_PALETTE)


def _copied(text: str, story: set[str]) -> bool:
    words = set(tokens(text))
    return bool(words) and len(words & story) / len(words) >= COPIED


def _split(text: str) -> tuple[list[str], list[str]]:
    """Split a field's comma parts into those that speak of framing and the rest."""
    parts = [_clean(p) for p in text.split(",") if _clean(p)]
    return [p for p in parts if FRAMING_RE.search(p)], [p for p in parts if not FRAMING_RE.search(p)]

_LIGHT_NOUN_RE = re.compile(
    r"\b(?:light|lights|lighting|\w+light|glow|shadows?|lamps?|dawn|dusk|twilight|"
    r"sun|sunset|sunrise|moon|candles?|neon|haze|gloom|darkness)\b", re.IGNORECASE)


def fields(lighting: str, framing: str, mood: str, style: str) -> tuple[str, str, str]:
    """Put light in 'lighting', framing in 'framing' and neither in 'mood': moved, dropped or defaulted."""
    light_framing, light = _split(lighting)
    mood_framing, feeling = _split(mood)
    own_framing, _ = _split(framing)
    lighting = ", ".join(light) if light and LIGHT_RE.search(" ".join(light)) else DEFAULT_LIGHTING
    if not _LIGHT_NOUN_RE.search(lighting):  # "soft, warm, and atmospheric" reads "in soft, warm, and atmospheric light"
        lighting = f"{lighting} light"
    framing = ", ".join(dict.fromkeys(p.lower() for p in own_framing + light_framing + mood_framing)) or DEFAULT_FRAMING
    if "wide-landscape" in style.lower() and "wide-landscape" not in framing.lower():
        framing = f"wide-landscape, {framing}"
    mood = ", ".join(feeling) if feeling else DEFAULT_MOOD
    return lighting, framing, mood


def repair_sheet(sheet: StyleSheet, style: str = DEFAULT_STYLE, story: str = "", *, outline: Outline | None = None,
                 topic: str = "", passages: list[str] | None = None) -> StyleSheet:
    """Make a style sheet usable: each field its own kind of value, true color names, the user's style first.

    Phrases and descriptions that mostly repeat the story's own words (a weak model copying its outline) are
    dropped, and so is every recurring person or place the sources do not name.
    """
    style, story_words = _clean(style) or DEFAULT_STYLE, set(tokens(story))
    phrases = [style]
    for phrase in map(_clean, sheet.required_phrases):
        # a style, not a subject: a phrase naming something ("OpenAI research lab") would put it in every picture
        named = bool(re.search(r"\s[A-Z]|[a-z][A-Z]", phrase))
        fresh = phrase.lower() not in " ".join(phrases).lower() and not _copied(phrase, story_words) and not named
        if 0 < len(phrase) <= MAX_PHRASE and fresh:
            phrases.append(phrase)
    outline = outline or Outline(title="", logline="", chapters=[])
    cast = dict(outline=outline, topic=topic, passages_text="\n".join(passages or []),
                copied=lambda text: _copied(text, story_words))
    characters = keep_cast(sheet.characters, person=True, limit=4, **cast)
    places = keep_cast(sheet.places, person=False, limit=3, **cast)
    lighting, framing, mood = fields(sheet.lighting, sheet.framing, sheet.mood, style)
    medium, palette = _clean(sheet.medium) or style, _palette(sheet.palette)
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
