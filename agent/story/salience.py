"""Rank passages by what matters to the story: leads, events many passages and sources share, the topic.

A story should tell the central event before any side note. Three signals, each in [0, 1]:
- lead: the first passages of a source summarize it (lead paragraphs, abstracts);
- shared: names, dates and terms (unigrams and bigrams) that other sources and passages also use;
  a legacy aside or a list of links shares little with the rest of the set;
- topic: the bm25 score of the topic and brief over the Library index.
Lists (many short lines, links) are marked down: they are not prose to build a chapter on.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from agent.story.references import Library, tokens

LEAD_PASSAGES = 2
FLOOR = 0.25  # below this share of the best passage's salience, a passage is a side note
WEIGHTS = {"lead": 0.20, "shared": 0.55, "topic": 0.25}
_SENTENCE_RE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def terms(text: str) -> set[str]:
    """Return the content terms of text: words and adjacent word pairs (names, dates, events)."""
    words = tokens(text)
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


def _position(passage_id: str) -> int:
    tail = passage_id.rsplit(".p", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def listiness(text: str) -> float:
    """Return how much a passage reads as a list or link block rather than prose, 0 to 1."""
    lines = [line for line in re.split(r"\n+", text) if line.strip()]
    short = sum(1 for line in lines if len(line.split()) < 8 and not line.rstrip().endswith((".", "!", "?")))
    links = len(re.findall(r"https?://|www\.|\]\(", text))
    return min(1.0, short / max(len(lines), 1) * (1.0 if len(lines) > 2 else 0.5) + 0.2 * links)


def _normalized(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    return {k: (v / top if top > 0 else 0.0) for k, v in values.items()}


def shared_scores(library: Library) -> dict[str, float]:
    """Score each passage by the terms it shares with other sources (most) and other passages."""
    passages = library.passages
    by_term_sources: dict[str, set[str]] = defaultdict(set)
    by_term_count: dict[str, int] = defaultdict(int)
    passage_terms = {p.id: terms(p.text) for p in passages}
    for p in passages:
        for term in passage_terms[p.id]:
            by_term_sources[term].add(p.source_id)
            by_term_count[term] += 1
    total = max(len(passages), 1)
    scores = {}
    for p in passages:
        found = passage_terms[p.id]
        score = 0.0
        for term in found:
            df = by_term_count[term]
            if df < 2 or df > 0.5 * total:  # a term nobody else uses, or one everybody uses, says nothing
                continue
            idf = math.log(total / df)
            score += idf * ((len(by_term_sources[term]) - 1) * 2 + math.log(df))
        scores[p.id] = score / math.sqrt(len(found) + 10)
    return _normalized(scores)


def topic_scores(library: Library, query: str) -> dict[str, float]:
    """Score each passage by its bm25 relevance to the topic and brief, 0 to 1 (square root: a flatter scale)."""
    hits = library.search(query, k=len(library.passages)) if query.strip() else []
    scores = _normalized({**{p.id: 0.0 for p in library.passages}, **{p.id: s for p, s in hits}})
    return {pid: math.sqrt(s) for pid, s in scores.items()}


def salience(library: Library, query: str) -> dict[str, float]:
    """Return every passage's salience for a story about `query`, 0 to 1."""
    shared = shared_scores(library)
    topic = topic_scores(library, query)
    result = {}
    for p in library.passages:
        lead = 1.0 if _position(p.id) <= LEAD_PASSAGES else 0.0
        score = WEIGHTS["lead"] * lead + WEIGHTS["shared"] * shared[p.id] + WEIGHTS["topic"] * topic[p.id]
        result[p.id] = round(score * (1.0 - 0.6 * listiness(p.text)), 4)
    return result


def central_passages(library: Library, query: str, k: int) -> list[str]:
    """Return the ids of the k most salient passages (no side notes), each relevant source's best one included, best first."""
    scores = salience(library, query)
    ranked = sorted(scores, key=lambda pid: (-scores[pid], pid))
    floor = FLOOR * max(scores.values(), default=0.0)
    chosen = [pid for pid in ranked[:k] if scores[pid] >= floor]
    for source in library.sources:
        own = [pid for pid in ranked if library.get(pid).source_id == source.id]
        if own and not any(library.get(pid).source_id == source.id for pid in chosen) and relevant(library, source.id, query):
            chosen.append(own[0])
    return chosen


RELEVANT = 0.3


def relevant(library: Library, source_id: str, query: str) -> bool:
    """Tell whether a source bears on the topic: one of its passages matches it well (or there is no topic)."""
    if not tokens(query):
        return True
    scores = topic_scores(library, query)
    return any(scores[p.id] >= RELEVANT for p in library.passages if p.source_id == source_id)


def summary(text: str, words: int = 40) -> str:
    """Return a passage's first sentence (or its first words): what the planner sees of it."""
    flat = " ".join(text.split())
    first = _SENTENCE_RE.split(flat, maxsplit=1)[0]
    parts = first.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")
