"""Chapter text helpers shared by the writer, the fact-checker and assembly: markers, slugs, rendering."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, create_model

from agent.references import slugify
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
