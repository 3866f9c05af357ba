"""Evidence for a claim: the passages it cites plus bm25 matches, and the best verbatim span of each.

Coverage counts a claim's words in a span with plain-English equivalents made one (agent.factcheck.text.
meaning_stems): "came back" is covered by "returned", "the full staircase" by "the whole stairway".

A span is always a slice of the passage text (a sentence, two adjacent sentences, or a window of a
very long sentence), never text a model wrote, and never runs across text that cleaning removed from
the file (a list bullet, a tag): so every quote is the file's own text between its offsets.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from agent.factcheck.entities import Vocabulary, lowercase_vocabulary, name_vocabulary
from agent.factcheck.text import meaning_stems
from agent.story.offsets import PassageMap, load_maps
from agent.story.references import Library
from agent.state import Evidence, Passage

SEARCH_K = 6
CONTEXT_K = 3
TOP_SPANS = 3
LONG_SENTENCE_WORDS = 60
WINDOW_WORDS = 40
JOIN_GAIN = 0.1
JOIN_MIN_WORDS = 2

REFERENT_CHARS = 300
_PRONOUN_RE = re.compile(r"\b(?:he|she|they|him|her|his|their|them)\b", re.IGNORECASE)
_REFERENT_RE = re.compile(r"(?<=[a-z,] )[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*")
_SENTENCE_RE = re.compile(r"[^\n]+?(?:[.!?…]+[\"'”’)\]]*(?=\s|$)|$)", re.MULTILINE)


@dataclass
class Span:
    """The best piece of one passage for a claim."""

    passage: Passage
    quote: str
    coverage: float
    passage_coverage: float = 0.0
    start: int | None = None
    end: int | None = None
    joint: bool = False  # coverage counts the next span too: the claim joins facts from two places

    @property
    def passage_id(self) -> str:
        return self.passage.id

    def evidence(self) -> Evidence:
        """Return the span as reported evidence, with its offsets in the source file."""
        return Evidence(source=self.passage.source_id, passage_id=self.passage_id, quote=self.quote,
                        start=self.start, end=self.end)


class Index:
    """A library with stems, term weights and sentence boundaries, built once per check."""

    def __init__(self, library: Library):
        self.library = library
        self.stems = {p.id: set(meaning_stems(p.text)) for p in library.passages}
        df = Counter(s for found in self.stems.values() for s in found)
        n = max(1, len(library.passages))
        self.idf = {s: math.log(1 + n / count) for s, count in df.items()}
        self.unseen = math.log(1 + n)
        self.common = lowercase_vocabulary(*(p.text for p in library.passages))
        self.names = name_vocabulary(*(p.text for p in library.passages))
        self.text = " ".join(p.text for p in library.passages)
        self.vocabulary = Vocabulary(self.text)
        self._pieces: dict[str, list[tuple[int, int]]] = {}
        self._maps: dict[str, PassageMap] = {}
        self._years: dict[str, set[int]] = {}
        self._mapped: set[str] = set()
        self._stems: dict[tuple[str, int, int], set[str]] = {}

    def weight(self, stem: str) -> float:
        """Return a stem's weight: rare words count more; words the references never use count most."""
        return self.idf.get(stem, self.unseen)

    def coverage(self, claim_stems: set[str], have: set[str]) -> float:
        """Return the weighted share of the claim's stems that `have` contains (summed exactly, so a share on a
        threshold is the same whatever order the set gives its stems in)."""
        total = math.fsum(self.weight(s) for s in claim_stems)
        return math.fsum(self.weight(s) for s in claim_stems & have) / total if total else 0.0

    def candidates(self, claim: str, context: str = "", cited: list[str] = ()) -> list[Passage]:
        """Return the cited passages that exist, then bm25 matches for the claim and its sentence."""
        found = [p for p in (self.library.get(pid) for pid in cited) if p is not None]
        hits = self.library.search(claim, k=SEARCH_K)
        if context and context != claim:
            hits += self.library.search(context, k=CONTEXT_K)
        for passage, _ in hits:
            if passage not in found:
                found.append(passage)
        return found

    def source_years(self, source_ids: set[str]) -> set[int]:
        """Return the years the given sources state anywhere."""
        from agent.factcheck.quantities import years_of

        for sid in source_ids - set(self._years):
            self._years[sid] = years_of(" ".join(p.text for p in self.library.passages if p.source_id == sid))
        return set().union(*(self._years[sid] for sid in source_ids)) if source_ids else set()

    def passage_map(self, passage: Passage) -> PassageMap | None:
        """Return where the passage's words sit in its source file (None when the file is not readable)."""
        if passage.source_id not in self._mapped:
            self._mapped.add(passage.source_id)
            source = self.library.source_by_id.get(passage.source_id)
            if source is not None and source.path:
                mine = [p for p in self.library.passages if p.source_id == passage.source_id]
                self._maps.update(load_maps(source.path, mine))
        return self._maps.get(passage.id)

    def pieces(self, passage: Passage) -> list[tuple[int, int]]:
        """Return (start, end) offsets of the passage's sentences, cut where the file has removed text between."""
        if passage.id not in self._pieces:
            mapped = self.passage_map(passage)
            breaks = mapped.breaks() if mapped else []
            found = []
            for m in _SENTENCE_RE.finditer(passage.text):
                if not m.group(0).strip():
                    continue
                start = m.start()
                for cut in (b for b in breaks if m.start() < b < m.end()):
                    if passage.text[start:cut].strip():
                        found.append((start + len(passage.text[start:cut]) - len(passage.text[start:cut].lstrip()), cut))
                    start = cut
                if passage.text[start:m.end()].strip():
                    found.append((start + len(passage.text[start:m.end()]) - len(passage.text[start:m.end()].lstrip()), m.end()))
            self._pieces[passage.id] = found
        return self._pieces[passage.id]

    def _joined(self, passage: Passage, start: int, end: int) -> bool:
        mapped = self.passage_map(passage)
        return mapped is None or mapped.file_span(start, end) is not None or not mapped.words

    def best_span(self, claim_stems: set[str], passage: Passage) -> Span:
        """Return the sentence, sentence pair or window of the passage that covers the claim best."""
        text = passage.text
        pieces = self.pieces(passage) or [(0, len(text))]
        options = list(pieces) + [(a[0], b[1]) for a, b in zip(pieces, pieces[1:]) if self._joined(passage, a[0], b[1])]
        for start, end in pieces:
            if len(text[start:end].split()) > LONG_SENTENCE_WORDS:
                options += _windows(text, start, end)
        best, best_score = options[0], -1.0
        for start, end in options:
            score = self.coverage(claim_stems, self._span_stems(passage, start, end))
            if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and end - start < best[1] - best[0]):
                best, best_score = (start, end), score
        start, end = best[0] + len(text[best[0]:best[1]]) - len(text[best[0]:best[1]].lstrip()), best[1]
        quote = text[start:end].strip()
        mapped = self.passage_map(passage)
        located = mapped.file_span(start, start + len(quote)) if mapped else None
        return Span(passage, quote, max(best_score, 0.0), self.coverage(claim_stems, self.stems[passage.id]),
                    *(located or (None, None)))

    def _span_stems(self, passage: Passage, start: int, end: int) -> set[str]:
        """Return the span's stems; a span that refers back with a pronoun also gets the names just before it."""
        key = (passage.id, start, end)
        if key not in self._stems:
            found = set(meaning_stems(passage.text[start:end]))
            if _PRONOUN_RE.search(passage.text[start:end]):
                before = passage.text[max(0, start - REFERENT_CHARS): start]
                found |= set(meaning_stems(" ".join(_REFERENT_RE.findall(before))))
            self._stems[key] = found
        return self._stems[key]

    def spans(self, claim: str, context: str = "", cited: list[str] = (), only: list[str] | None = None) -> list[Span]:
        """Return the best span of each candidate passage, best first; `only` limits the passages."""
        claim_stems = set(meaning_stems(claim))
        if only is not None:
            passages = [p for p in (self.library.get(pid) for pid in only) if p is not None]
        else:
            passages = self.candidates(claim, context, cited)
        found = [self.best_span(claim_stems, p) for p in passages]
        cited_set = set(cited)
        found.sort(key=lambda s: (-round(s.coverage, 6), s.passage_id not in cited_set))
        if found and found[0].coverage < 1.0:
            self._join(claim_stems, found, passages, claim)
        return found

    def _join(self, claim_stems: set[str], found: list[Span], passages: list[Passage], claim: str) -> None:
        """Let a claim whose facts sit in two places count both: the best span, then the best for what it lacks.

        The second span may add only common words, at least JOIN_MIN_WORDS of them: a name or a number the
        first span lacks must come with the rest of its fact, or a claim could borrow it from another event.
        """
        first = found[0]
        have = set(meaning_stems(first.quote))
        rest = claim_stems - have
        bound = set(meaning_stems(" ".join(re.findall(r"\b[A-Z][\w'-]*|\d[\d,.]*", claim[1:]))))
        if len(rest) < JOIN_MIN_WORDS or rest & bound:
            return
        options = [self.best_span(rest, p) for p in passages]
        options = [o for o in options if o.quote != first.quote and not set(meaning_stems(o.quote)) >= set(meaning_stems(first.quote))]
        if not options:
            return
        second = max(options, key=lambda o: o.coverage)
        added = rest & set(meaning_stems(second.quote))
        joint = self.coverage(claim_stems, have | added)
        if len(added) >= JOIN_MIN_WORDS and joint >= first.coverage + JOIN_GAIN:
            found[:] = [first, second] + [s for s in found[1:] if s.passage_id != second.passage_id or s.quote != second.quote]
            first.coverage, first.joint = joint, True


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return word windows of a long sentence as offsets, so a quote stays short and verbatim."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    step = WINDOW_WORDS // 4
    return [(words[i][0], words[min(i + WINDOW_WORDS, len(words)) - 1][1]) for i in range(0, max(1, len(words) - WINDOW_WORDS + step), step)]
