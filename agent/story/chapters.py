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


def with_markers(sentence: Sentence) -> str:
    """Return a sentence with its citation and dramatized markers before its final punctuation."""
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
        sentences = [with_markers(s) for s in para.sentences if s.text.strip()]
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


ATTRIBUTION_OVERLAP = 0.4
SCENE_OVERLAP = 0.25
SECOND_PASSAGE_GAIN = 2



def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _stems(text: str) -> set[str]:
    return {_stem(t) for t in tokens(text)}


def supporting(sentence: str, passages: list, limit: int = 2) -> tuple[list[str], float]:
    """Return the passages that support a sentence (the best, plus one that adds facts), and the best overlap.

    Overlap is the share of the sentence's content words (stemmed) a passage contains. A second passage
    counts when it brings words the first lacks, so a sentence joining two sources cites both.
    """
    words = _stems(sentence)
    if len(words) < 3 or not passages:
        return [], 0.0
    scored = sorted(((len(words & _stems(p.text)) / len(words), i) for i, p in enumerate(passages)), key=lambda x: (-x[0], x[1]))
    best_score = scored[0][0]
    if best_score < ATTRIBUTION_OVERLAP:
        return [], best_score
    chosen = [passages[scored[0][1]].id]
    covered = words & _stems(passages[scored[0][1]].text)
    for score, i in scored[1:]:
        gain = (words & _stems(passages[i].text)) - covered
        if len(chosen) < limit and len(gain) >= SECOND_PASSAGE_GAIN and score >= ATTRIBUTION_OVERLAP * 0.6:
            chosen.append(passages[i].id)
            covered |= gain
    return chosen, best_score


def is_scene(sentence: str, overlap: float, passages: list) -> bool:
    """Tell whether an uncited sentence is scene-setting: no number, no quote, no name the passages lack."""
    if overlap >= SCENE_OVERLAP or re.search(r"\d|[\"“”]", sentence):
        return False
    names = [w for w in re.findall(r"\b[A-Z][\w'-]*", sentence) if tokens(w)]  # a capital on a stop word says nothing
    text = " ".join(p.text for p in passages)
    return all(name in text for name in names)


def _key(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.lower()).strip()


def attribute(text: str, passages: list, dramatize: bool = True, scenes: list[str] | None = None) -> str:
    """Clean a model's prose and tie each sentence to the passages that support it.

    Markers the model wrote are kept only when they name one of the given passages; a sentence
    left without one is tied to the passages it overlaps most, if the overlap is strong. A sentence
    that tells no fact of the passages (a scene, a gesture) is marked dramatized when `dramatize`;
    given `scenes` (the sentences the writer was asked to imagine), only those may be. Any other sentence
    is a claim, and the fact-check decides whether the passages really support it.
    """
    imagined = None if scenes is None else {_key(s) for s in scenes}
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
            key = _key(clean)
            if len(key) < 3 or key in seen:
                continue
            seen.add(key)
            if not cited and not dramatized:
                cited, overlap = supporting(clean, passages)
                dramatized = (dramatize and not cited and is_scene(clean, overlap, passages)
                              and (imagined is None or key in imagined))
            sentences.append(with_markers(Sentence(text=clean, citations=cited, dramatized=dramatized)))
        if sentences:
            paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)
