"""Split chapter or story markdown into sentences and atomic claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.chapters import DRAMATIZED, citations, split_sentences, strip_markers

MIN_WORDS = 4
_SKIP_BLOCK_RE = re.compile(r"<details.*?</details>|```.*?```", re.DOTALL | re.IGNORECASE)
_CLAUSE_RE = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+(?=[a-z]+\s+\w+)")


@dataclass
class Claim:
    sentence: str
    claim: str
    cited: list[str] = field(default_factory=list)


def prose_blocks(markdown: str) -> list[str]:
    """Return the prose paragraphs of markdown: no headings, images, details or code blocks."""
    text = _SKIP_BLOCK_RE.sub("\n\n", markdown)
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not ln.startswith(("#", "![", "<", "|", "---"))]
        if lines:
            blocks.append(" ".join(ln.lstrip("*-> ").strip() for ln in lines))
    return blocks


def atomic(sentence: str) -> list[str]:
    """Split a sentence into clause-level claims where it joins independent statements."""
    if '"' in sentence or "“" in sentence:
        return [sentence]
    parts = [p.strip(" ,;") for p in _CLAUSE_RE.split(sentence)]
    parts = [p for p in parts if len(p.split()) >= MIN_WORDS]
    return parts if len(parts) > 1 else [sentence]


def extract_claims(markdown: str) -> tuple[list[Claim], list[str]]:
    """Return the checkable claims of a text and its dramatized sentences."""
    claims, dramatized = [], []
    for block in prose_blocks(markdown):
        for sentence in split_sentences(block):
            plain = strip_markers(sentence).strip()
            if DRAMATIZED in sentence:
                dramatized.append(plain)
                continue
            if len(plain.split()) < MIN_WORDS:
                continue
            for part in atomic(plain):
                claims.append(Claim(sentence=sentence, claim=part, cited=citations(sentence)))
    return claims, dramatized


def split_sections(markdown: str) -> list[tuple[int, str, str]]:
    """Split a story into its `## ` sections: (number, title, body); stop at References."""
    sections, number = [], 0
    parts = re.split(r"^##\s+(.+)$", markdown, flags=re.MULTILINE)
    for title, body in zip(parts[1::2], parts[2::2]):
        if re.match(r"(references|sources|fact-check)", title.strip(), re.IGNORECASE):
            break
        number += 1
        sections.append((number, title.strip(), body))
    if not sections:
        sections.append((1, "Story", markdown))
    return sections
