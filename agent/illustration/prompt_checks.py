"""No-model checks of an image prompt against the style sheet, and the deterministic repair that makes them pass."""

from __future__ import annotations

import re
import unicodedata

from agent.illustration.scenes import STYLE_OPENER, scene_of, scene_problems, style_sentence
from agent.story.references import slugify, tokens
from agent.state import Recurring, StyleSheet

MIN_CHARS, MAX_CHARS = 80, 4000
SAFE_FILE_RE = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.png$")
NUMBER_RE = re.compile(r"^\s*\d+\s*[:.)]\s*")
SCENE_KEPT = 0.5
LEAD_RE = re.compile(r"^(?:A|An)\s[^.]{0,100}?\b(?:showing|depicting)\s+", re.IGNORECASE)


def mentions(text: str, name: str) -> bool:
    """Tell whether text names a character or place (whole words, any case)."""
    return re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text.lower()) is not None


def _banned_re(banned: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(banned)}(?!\w)", re.IGNORECASE)


def check_prompt(text: str, sheet: StyleSheet, title: str = "", others: list[str] | None = None) -> dict[str, list[str]]:
    """Return each check's problems for a prompt's text (all lists empty when it passes).

    With the chapter's title, the scene is checked too: not the title again, not too short, and not a near-copy
    of the other chapters' scenes given.
    """
    lower = text.lower()
    recurring = [*sheet.characters, *sheet.places]
    checks = {
        "required_phrases": [f"missing required phrase: {p}" for p in sheet.required_phrases if p.lower() not in lower],
        "banned_styles": [f"uses banned style: {b}" for b in sheet.banned_styles if _banned_re(b).search(text)],
        "recurring": [
            f"{r.name} is not described with its fixed words: {r.description}"
            for r in recurring
            if mentions(text, r.name) and r.description.lower() not in lower
        ],
        "palette": [] if any(c.name.lower() in lower for c in sheet.palette) else ["names no palette color"],
        "length": [] if MIN_CHARS <= len(text) <= MAX_CHARS else [f"length {len(text)} outside {MIN_CHARS}-{MAX_CHARS} characters"],
    }
    if title:
        checks["scene"] = [f"scene: {p}" for p in scene_problems(scene_of(text), title, others or [])]
    return checks


def check_file(name: str) -> list[str]:
    """Return what is wrong with an image file name (empty when it is an ASCII 'NN-slug.png' with no path parts)."""
    return [] if SAFE_FILE_RE.match(name or "") else [f"file name {name!r} is not an ASCII 'NN-slug.png' name"]


def problems(checks: dict[str, list[str]]) -> list[str]:
    """Flatten named check results into one list of problems."""
    return [p for found in checks.values() for p in found]


def ascii_fold(text: str) -> str:
    """Return text with accents folded to ASCII ('Façade' -> 'Facade') and other non-ASCII characters dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def safe_file(name: str, chapter: int) -> str:
    """Return an ASCII 'NN-slug.png' name with no path parts, whatever name a model or an edit gave."""
    if SAFE_FILE_RE.match(name or "") and name.startswith(f"{chapter:02d}-"):
        return name
    stem = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    stem = ascii_fold(stem)
    stem = re.sub(r"^\d+-", "", stem)
    slug = slugify(stem, 40) if re.search(r"[A-Za-z0-9]", stem) else "image"
    return f"{chapter:02d}-{slug}.png"


def numbered(text: str, number: int) -> str:
    """Return the prompt text numbered the way the story numbers its images ('3: A colorful ...')."""
    return f"{number}: {NUMBER_RE.sub('', text.strip(), count=1)}"


def unnumbered(text: str) -> str:
    """Return the prompt text without its leading number, as an image model should get it."""
    return NUMBER_RE.sub("", text.strip(), count=1)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,;") + "."


def _describe(body: str, item: Recurring) -> str:
    """Give a recurring name its fixed description at its first mention, in place of any description written there."""
    match = re.search(rf"(?<!\w){re.escape(item.name)}(?!\w)", body, flags=re.IGNORECASE)
    if match is None or item.description.lower() in body.lower():
        return body
    rest = body[match.end():]
    own = re.match(r",\s*(?:an?|the|wearing|dressed|with|in)\b[^,.;]{0,120},", rest)  # the model's own appositive
    rest = rest[own.end():] if own else rest
    if not rest or rest[0] in ",.;:!?":
        return f"{body[:match.end()]}, {item.description}{rest}"
    return f"{body[:match.end()]}, {item.description},{'' if rest.startswith(' ') else ' '}{rest}"


_HEX_RE = re.compile(r"\s*\(?#[0-9a-fA-F]{6}\b\)?|\s*\(?#[0-9a-fA-F]{3}\b\)?")


def repair_prompt(text: str, sheet: StyleSheet, number: int) -> str:
    """Fix a prompt so that every style check passes, keeping its scene: drop banned styles, add what is missing."""
    body = unnumbered(text)
    if style_sentence(sheet) not in body:  # a style sentence of the model's own, hex codes and all, gives way to the sheet's
        body = _HEX_RE.sub("", re.sub(rf"\b{STYLE_OPENER}\b[^.]*\.", "", body))
    for banned in sheet.banned_styles:
        body = _banned_re(banned).sub("", body)
    body = re.sub(r"([,;])(?:\s*[,;])+", r"\1", re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", body))).strip(" ,;")
    body = body if not body or body[-1] in ".!?" else f"{body}."
    for item in [*sheet.characters, *sheet.places]:
        body = _describe(body, item)
    first, *rest = sheet.required_phrases or [""]
    head = f"A {first} showing " if first and first.lower() not in body.lower() else ""
    if head:  # the required lead replaces a lead of the writer's own ('A drawing showing ...')
        body = LEAD_RE.sub("", body, count=1)
    if head and re.match(r"(?:A|An|The) [a-z]", body):
        body = body[0].lower() + body[1:]
    if style_sentence(sheet) not in body:
        tail = style_sentence(sheet)
    else:
        tail = "".join(f" {p[:1].upper()}{p[1:]}." for p in rest if p.lower() not in body.lower()).strip()
    room = MAX_CHARS - len(head) - len(tail) - len(str(number)) - 4
    result = numbered(f"{head}{_shorten(body, room)} {tail}".strip(), number)
    if len(result) < MIN_CHARS:
        result = f"{result} {style_sentence(sheet)}"
    return result


def sheet_words(sheet: StyleSheet) -> set[str]:
    """Return the style sheet's own words, which a rewrite may add or drop without changing the scene."""
    parts = [sheet.medium, sheet.lighting, sheet.framing, sheet.mood, "palette lighting framing mood colors",
             *sheet.required_phrases, *sheet.banned_styles, *(c.name for c in sheet.palette),
             *(f"{r.name} {r.description}" for r in [*sheet.characters, *sheet.places])]
    return set(tokens(" ".join(parts)))


def keeps_scene(before: str, after: str, sheet: StyleSheet | None = None, share: float = SCENE_KEPT) -> bool:
    """Tell whether a rewrite kept the scene: it keeps most of the original scene's words and adds few of its own."""
    style = sheet_words(sheet) if sheet else set()
    scene = set(tokens(scene_of(before))) - style
    if not scene:
        return True
    kept = len(scene & set(tokens(after))) / len(scene)
    added = set(tokens(scene_of(after))) - set(tokens(before)) - style
    return kept >= share and len(added) <= max(4, len(scene) // 2)


