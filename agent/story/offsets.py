"""Where each passage's words sit in the original reference file, so a quote points at the source's own text.

Cleaning changes a file: front matter, list bullets, heading marks, HTML tags and entities go, lines are
joined. Each word of a passage is found in the raw file in reading order; two neighbouring words are
*joined* when only whitespace lies between them in the file. A quote made of joined words is the file's
own text between its offsets, allowing only for whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from agent.state import Passage

_FRONT_RE = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_WORD_RE = re.compile(r"\S+")
# How far ahead a word is looked for; beyond it the word counts as not found (cleaning changed it).
LOOKAHEAD = 4000


@dataclass
class PassageMap:
    """For one passage: each word's (start, end) in the passage and in the file (None if not found)."""

    words: list[tuple[int, int, int | None, int | None]] = field(default_factory=list)
    joined: list[bool] = field(default_factory=list)  # joined[i]: word i and word i+1 are adjacent in the file

    def breaks(self) -> list[int]:
        """Return passage offsets where a quote must not run across (the file has other text in between)."""
        return [self.words[i][1] for i, ok in enumerate(self.joined) if not ok]

    def file_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the file offsets of the passage text [start, end) when all its words are found and joined."""
        inside = [i for i, w in enumerate(self.words) if w[0] >= start and w[1] <= end]
        if not inside or any(self.words[i][2] is None for i in inside):
            return None
        if any(not self.joined[i] for i in inside[:-1]):
            return None
        first, last = self.words[inside[0]], self.words[inside[-1]]
        return first[2], last[3]


def map_source(raw: str, passages: list[Passage]) -> dict[str, PassageMap]:
    """Return a PassageMap per passage of one source, given the raw text of its file."""
    front = _FRONT_RE.match(raw)
    pos = front.end() if front else 0
    maps: dict[str, PassageMap] = {}
    for passage in passages:
        pm = PassageMap()
        previous_end: int | None = None
        for m in _WORD_RE.finditer(passage.text):
            word = m.group(0)
            at = raw.find(word, pos, pos + LOOKAHEAD + len(word))
            if pm.words:
                pm.joined.append(at >= 0 and previous_end is not None and not raw[previous_end:at].strip())
            if at < 0:
                pm.words.append((m.start(), m.end(), None, None))
                previous_end = None
                continue
            pm.words.append((m.start(), m.end(), at, at + len(word)))
            pos = previous_end = at + len(word)
        maps[passage.id] = pm
    return maps


def load_maps(path: str, passages: list[Passage]) -> dict[str, PassageMap]:
    """Return the passage maps of a source file; empty when the file cannot be read any more."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return map_source(raw, passages)
