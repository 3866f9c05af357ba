"""Image-prompt metrics: a prompt's scene (without its head and style sentences), title repeats, overlap, raw checks.

Every rule is deterministic and documented on its function; see benchmarks/story_quality.py.
"""

from __future__ import annotations

import re
from itertools import combinations

from agent.illustration.prompt_checks import mentions, unnumbered
from agent.story.chapters import split_sentences
from agent.story.references import tokens
from quality_metrics import WORD_RE

GENERIC_STYLE_NOUN = r"(?:art\s+style|style|colou?r\s+palette|palette|colou?r\s+scheme|colou?rs?|lighting|mood|aesthetic|atmosphere|tones?|hues?)"
STYLE_LABEL_RE = re.compile(rf"^\s*(?:{GENERIC_STYLE_NOUN}|framing|medium)\s*:", re.IGNORECASE)
STYLE_SUBJECT_RE = re.compile(
    rf"^\s*(?:the|its|an?|overall)?\s*(?:[\w-]+\s+)?{GENERIC_STYLE_NOUN}\s+"
    r"(?:should|must|is|are|will|uses?|features?|incorporates?|conveys?|feels?|stays?|remains?|evokes?|has|have)\b",
    re.IGNORECASE,
)
MEDIUM_HEAD_RE = re.compile(
    r"^an?\s+(?:[\w,'’-]+\s+){0,10}?(?:drawing|illustration|painting|image|picture|panel|sketch|artwork|poster|"
    r"comic|cartoon|rendering)\b[\s,]*(?:(?:that|which)\s+(?:shows|depicts|illustrates)\b|showing\b|depicting\b|"
    r"illustrating\b|of\b|featuring\b)?\s*",
    re.IGNORECASE,
)
LEFTOVER_HEAD_RE = re.compile(
    r"^an?\b[\s,.;:]*(?:(?:that|which)\s+(?:shows|depicts|illustrates)\b|showing\b|depicting\b|illustrating\b|of\b|featuring\b)?\s*",
    re.IGNORECASE,
)


def style_items(sheet: dict | None) -> list[str]:
    """Return the style sheet's look items: palette color names, lighting, mood, framing, medium."""
    if not sheet:
        return []
    items = [c.get("name", "") for c in sheet.get("palette") or [] if isinstance(c, dict)]
    items += [sheet.get(key) or "" for key in ("lighting", "mood", "framing", "medium")]
    return [i.strip().lower() for i in items if i and i.strip()]


def is_style_sentence(sentence: str, items: list[str]) -> bool:
    """Tell whether a prompt sentence states the picture's style rather than its scene.

    It does when it (a) opens with a style label ('Palette:', 'Lighting:', 'Mood:' ...), (b) has the style
    itself as subject ('The art style should ...', 'The color palette features ...'), or (c) names at
    least two of the style sheet's look items (palette colors, lighting, mood, framing, medium) as whole words.
    """
    if STYLE_LABEL_RE.match(sentence) or STYLE_SUBJECT_RE.match(sentence):
        return True
    return sum(1 for item in dict.fromkeys(items) if mentions(sentence, item)) >= 2


def scene_of(prompt: str, sheet: dict | None = None) -> str:
    """Return the scene part of an image prompt: what is left without its head and its style sentences.

    The head is the leading number and the style sheet's required phrases (wherever they stand), with
    the article and 'showing/depicting/of' that joined them to the scene; without a required phrase in
    the prompt, a leading 'A/An <up to 10 words> drawing|illustration|image|... showing' is the head.
    Style sentences (is_style_sentence) are dropped, and so are sentences left with no content word.
    """
    text = unnumbered(" ".join(prompt.split()))
    removed = False
    for phrase in sorted((sheet or {}).get("required_phrases") or [], key=len, reverse=True):
        pattern = re.compile(re.escape(phrase.strip()), re.IGNORECASE)
        if phrase.strip() and pattern.search(text):
            text, removed = " ".join(pattern.sub(" ", text).split()), True
    text = re.sub(r"(?<=[.!?])(?:\s*[.,;:](?=\s|$))+", "", text)  # 'background. Panel.' without 'Panel' leaves '. .'
    head = (LEFTOVER_HEAD_RE if removed else MEDIUM_HEAD_RE).match(text)
    text = text[head.end():] if head else text
    items = style_items(sheet)
    kept = [s for s in split_sentences(text) if tokens(s) and not is_style_sentence(s, items)]
    return " ".join(kept)


def scene_words(scene: str) -> int:
    """Count the words of a scene (same word rule as chapters)."""
    return len(WORD_RE.findall(scene))


def repeats_title(scene: str, title: str) -> bool:
    """Tell whether a scene only restates the chapter title: some sentence of it holds every content
    word of the title and fewer than 3 other content words (an empty scene does not count)."""
    title_words = set(tokens(title))
    if not title_words:
        return False
    for sentence in split_sentences(scene):
        words = set(tokens(sentence))
        if title_words <= words and len(words - title_words) < 3:
            return True
    return False


def jaccard(a: str, b: str) -> float:
    """Return the Jaccard similarity of two texts' content-word sets (0 when both are empty)."""
    left, right = set(tokens(a)), set(tokens(b))
    return len(left & right) / len(left | right) if left | right else 0.0


def max_overlap(scenes: list[str]) -> float | None:
    """Return the highest Jaccard similarity between any two scenes (None with fewer than two)."""
    pairs = [jaccard(a, b) for a, b in combinations(scenes, 2)]
    return max(pairs) if pairs else None


def raw_passed(entry: dict) -> bool | None:
    """Tell whether a style_report.json prompt entry passed the style checks before any repair (None: not reported).

    Reads `raw_passes` (bool), `raw_checks` (check name -> bool, or -> list of problems), `raw_problems`
    (list), or `raw` (an object with any of `passes`, `checks`, `problems`). `problems` counts as the raw
    result only in an entry that also stores the checked text (`prompt`): that report checks each prompt
    as written; an older one (no `prompt`) found its problems after a repair, so it gives None.
    """
    raw = entry.get("raw")
    if isinstance(raw, dict):
        return raw_passed({f"raw_{k}": v for k, v in raw.items()})
    if isinstance(entry.get("raw_passes"), bool):
        return entry["raw_passes"]
    checks = entry.get("raw_checks")
    if isinstance(checks, dict):
        return all((v is True) or (isinstance(v, list) and not v) for v in checks.values())
    if isinstance(entry.get("raw_problems"), list):
        return not entry["raw_problems"]
    if "prompt" in entry and isinstance(entry.get("problems"), list):
        return not entry["problems"]
    return None


def raw_pass_share(report: dict | None) -> float | None:
    """Return the share of image prompts that passed the style checks before repair, or None if not reported."""
    entries = [e for chapter in (report or {}).values() if isinstance(chapter, dict)
               for e in chapter.get("prompts") or [] if isinstance(e, dict) and e.get("kind", "image") == "image"]
    found = [raw_passed(e) for e in entries]
    known = [f for f in found if f is not None]
    return sum(known) / len(known) if known else None
