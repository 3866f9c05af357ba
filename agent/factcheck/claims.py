"""Split markdown into checkable sentences and sentences into atomic claims, without a model.

Headings, image lines, <details> blocks, code blocks, tables and HTML are skipped. A sentence keeps
its citation markers apart from its text; quotes that run over several sentences stay in one unit.
Each sentence is split into atomic claims by agent.factcheck.atoms; footnote markers ([^1]) are
dropped and a footnote definitions list ([^1]: ...) is not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.story.chapters import CITATION_RE, DRAMATIZED, strip_markers
from agent.factcheck.atoms import decompose
from agent.text import split_sentences, strip_footnotes

SKIP_SECTIONS_RE = re.compile(
    r"^(references|sources|bibliography|further reading|fact[- ]check( summary)?|image prompts?|credits)\b",
    re.IGNORECASE,
)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^)]*)\)")
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_FOOTDEF_RE = re.compile(r"^\[\^[^\]\s]+\]:")
_LIST_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_MARKS_RE = re.compile(r"\s*\[\s*[\w-]+\.p\d+(?:\s*,\s*[\w-]+\.p\d+)*\s*\]")


@dataclass
class Unit:
    """One sentence of prose: clean text, the passages it cites, and its atomic claims."""

    text: str
    citations: list[str] = field(default_factory=list)
    dramatized: bool = False
    claims: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A part of a story under one `## ` heading (number 0 is the text before the first one)."""

    number: int
    title: str
    body: str


def sections(markdown: str) -> list[Section]:
    """Split a story at its `## ` headings; drop reference lists and fact-check summaries."""
    found: list[Section] = []
    title, lines, number, in_code = "", [], 0, False
    for line in markdown.splitlines():
        if _FENCE_RE.match(line):
            in_code = not in_code
        if not in_code and line.startswith("## "):
            found.append(Section(number, title, "\n".join(lines)))
            title, lines = line[3:].strip(), []
            match = re.match(r"(?:chapter|part|section)\s+(\d+)\b", title, re.IGNORECASE)
            number = int(match.group(1)) if match else max(s.number for s in found) + 1
            continue
        lines.append(line)
    found.append(Section(number, title, "\n".join(lines)))
    keep = [s for s in found if not SKIP_SECTIONS_RE.match(s.title)]
    return [s for s in keep if s.title or paragraphs(s.body)]


_ITALIC_SENTENCE_RE = re.compile(r"(?<![*\w])\*(?![\s*])([^*]+?)([.!?])\*(?!\*)")


def paragraphs(markdown: str) -> list[str]:
    """Return the prose paragraphs of markdown, with formatting removed and citation markers kept; a whole
    sentence in italics (how story.md shows a dramatized one) keeps a dramatized marker."""
    result: list[str] = []
    current: list[str] = []
    in_code = False
    details = 0

    def flush() -> None:
        if current:
            result.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if _FENCE_RE.match(line):
            in_code = not in_code
            flush()
            continue
        lowered = line.lower()
        details += lowered.count("<details")
        closed = lowered.count("</details>")
        if in_code or details > 0 or closed:
            details = max(0, details - closed)
            flush()
            continue
        if not line or line.startswith(("#", "|")) or re.fullmatch(r"[-*_=\s]{3,}", line) or _FOOTDEF_RE.match(line):
            flush()
            continue
        line = _TAG_RE.sub(" ", _IMAGE_RE.sub("", line)).strip()
        if not line:
            flush()
            continue
        if _LIST_RE.match(line):
            flush()
            line = _LIST_RE.sub("", line)
        line = _LINK_RE.sub(r"\1", line.lstrip("> ").strip())
        line = _ITALIC_SENTENCE_RE.sub(rf"\1 {DRAMATIZED}\2", line)  # story.md sets a dramatized sentence in italics
        current.append(_EMPHASIS_RE.sub(r"\2", strip_footnotes(line)))
    flush()
    return [p for p in (re.sub(r"\s+", " ", p).strip() for p in result) if p]


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences (the one splitter, agent.text.split_sentences)."""
    return split_sentences(paragraph)


def atomic_claims(sentence: str) -> list[str]:
    """Split a clean sentence into atomic facts (see agent.factcheck.atoms); [sentence] when unsure."""
    return decompose(sentence)


def clean(raw: str) -> str:
    """Return a sentence without citation markers (single or grouped) and without space before punctuation."""
    return re.sub(r"\s+([.,!?;:])", r"\1", _MARKS_RE.sub("", strip_markers(raw))).strip()


def cited_ids(raw: str) -> list[str]:
    """Return every passage id a sentence cites, including ids grouped as [a.p1, b.p2]."""
    grouped = [pid.strip() for group in _MARKS_RE.findall(raw) for pid in group.strip(" []\n").split(",")]
    return list(dict.fromkeys(CITATION_RE.findall(raw) + [pid for pid in grouped if pid]))


def units(markdown: str) -> list[Unit]:
    """Return the sentences of a chapter's markdown with their citations, dramatized flag and claims."""
    found: list[Unit] = []
    for para in paragraphs(markdown):
        for raw in sentences(para):
            text, dramatized = clean(raw), DRAMATIZED in raw
            if len(re.findall(r"[A-Za-z]{2,}", text)) < (1 if dramatized else 3):
                continue
            found.append(Unit(text, cited_ids(raw), dramatized, [] if dramatized else atomic_claims(text)))
    return found
