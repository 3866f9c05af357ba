"""Chapter text helpers shared by the writer, the fact-checker and assembly: markers, slugs, rendering."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, create_model

from agent.text import slugify, split_sentences, tokens
from agent.state import ChapterDraft, Paragraph, Sentence

CITATION_RE = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9_-]*\.p\d+)\]")
DRAMATIZED = "[dramatized]"
MARKER_RE = re.compile(r"\s*\[(?:[A-Za-z0-9][A-Za-z0-9_-]*\.p\d+|dramatized)\]")


def draft_schema(passage_ids: list[str]) -> type[ChapterDraft]:
    """Return a ChapterDraft model whose citations can only name the given passages."""
    if not passage_ids:
        return ChapterDraft
    ids = Literal[tuple(passage_ids)]  # type: ignore[valid-type]
    sentence = create_model(
        "Sentence",
        __base__=Sentence,
        citations=(list[ids], Field(default_factory=list, description="Ids of the passages that support this sentence")),
    )
    paragraph = create_model(
        "Paragraph",
        __base__=Paragraph,
        sentences=(list[sentence], Field(description="The sentences of the paragraph, in order")),
    )
    return create_model(
        "ChapterDraft",
        __base__=ChapterDraft,
        paragraphs=(list[paragraph], Field(description="2-4 paragraphs of the chapter")),
    )


def _with_markers(sentence: Sentence) -> str:
    text = MARKER_RE.sub("", sentence.text).strip()
    markers = "".join(f"[{c}]" for c in dict.fromkeys(sentence.citations))
    if sentence.dramatized:
        markers += DRAMATIZED
    if not markers:
        return text
    match = re.search(r"([.!?…]+[\"'”’)]*)$", text)
    if match:
        return f"{text[: match.start()]} {markers}{match.group(1)}"
    return f"{text} {markers}"


def render_draft(draft: ChapterDraft) -> str:
    """Render a typed draft as markdown paragraphs with citation markers before the final punctuation."""
    paragraphs = []
    for para in draft.paragraphs:
        sentences = [_with_markers(s) for s in para.sentences if s.text.strip()]
        if sentences:
            paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def citations(text: str) -> list[str]:
    """Return the passage ids cited in text, in order of first appearance."""
    return list(dict.fromkeys(CITATION_RE.findall(text)))


def strip_markers(text: str) -> str:
    """Return text without citation and dramatized markers."""
    return MARKER_RE.sub("", text)


def chapter_slug(number: int, title: str) -> str:
    """Return 'NN-slug' for a chapter: ASCII, no path parts."""
    return f"{number:02d}-{slugify(title, 40)}"


ATTRIBUTION_OVERLAP = 0.5
ATTRIBUTION_PART = 0.3
ATTRIBUTION_NEW_WORDS = 2
ATTRIBUTION_MAX = 3


def supporting_passages(sentence: str, passages: list) -> list[str]:
    """Return the passages a sentence draws on: the best one, then any that adds words of the sentence it lacks.

    A sentence that joins two facts from two places cites both: each further passage must bring at least
    ATTRIBUTION_NEW_WORDS content words the passages before it lack, and overlap the sentence by
    ATTRIBUTION_PART at least. The first must overlap it by ATTRIBUTION_OVERLAP.
    """
    words = set(tokens(sentence))
    if len(words) < 3:
        return []
    scored = sorted(((len(words & set(tokens(p.text))) / len(words), i, p) for i, p in enumerate(passages)),
                    key=lambda t: (-t[0], t[1]))
    if not scored or scored[0][0] < ATTRIBUTION_OVERLAP:
        return []
    chosen, covered = [scored[0][2].id], words & set(tokens(scored[0][2].text))
    for _ in range(ATTRIBUTION_MAX - 1):
        best, gain = None, 0
        for share, _, passage in scored[1:]:
            have = words & set(tokens(passage.text))
            new = len(have - covered)
            if passage.id not in chosen and share >= ATTRIBUTION_PART and new >= ATTRIBUTION_NEW_WORDS and new > gain:
                best, gain = passage, new
        if best is None:
            break
        chosen.append(best.id)
        covered |= words & set(tokens(best.text))
    return chosen


def attribute(text: str, passages: list) -> str:
    """Clean a model's prose and tie each sentence to passages.

    Markers the model wrote are kept only when they name one of the given passages; a sentence
    left without one is tied to the passages it draws on (see supporting_passages). The
    fact-check then decides whether the passage really supports the sentence.
    """
    allowed = {p.id for p in passages}
    seen: set[str] = set()
    paragraphs = []
    text = re.sub(r"</?[A-Za-z][^>]*>", "\n\n", text)
    for block in re.split(r"\n\s*\n", text.strip()):
        block = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if not block or re.match(r"^(#|\*\*?chapter\b|chapter \d+\s*[:.-])", block, re.IGNORECASE):
            continue
        sentences = []
        for raw in split_sentences(block):
            marks = re.findall(r"\[([^\]]+)\]", raw)
            cited = [m.strip() for group in marks for m in group.split(",") if m.strip() in allowed]
            dramatized = any(m.strip().lower() == "dramatized" for m in marks)
            clean = re.sub(r"\s*\[[^\]]*\]", "", raw).strip()
            clean = re.sub(r"([.!?])[.]+$", r"\1", re.sub(r"\s+([.,!?;:])", r"\1", clean))
            key = re.sub(r"\W+", " ", clean.lower()).strip()
            if len(key) < 3 or key in seen:
                continue
            seen.add(key)
            if not cited and not dramatized:
                cited = supporting_passages(clean, passages)
            sentences.append(_with_markers(Sentence(text=clean, citations=cited, dramatized=dramatized)))
        if sentences:
            paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)
