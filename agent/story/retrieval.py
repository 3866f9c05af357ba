"""Per-call retrieval under a token budget: each call sends only the passages it needs.

Tokens are estimated, not counted with a tokenizer (providers differ): about four characters of
English per token, which is close for the Qwen, Claude and GPT tokenizers on prose.
"""

from __future__ import annotations

from agent.state import Passage
from agent.story.chapters import split_sentences

CHARS_PER_TOKEN = 4
MIN_PIECE = 40  # tokens: a cut passage shorter than this says too little to cite


def count_tokens(text: str) -> int:
    """Return the estimated number of tokens in text."""
    return -(-len(text) // CHARS_PER_TOKEN) if text else 0


def trim_text(text: str, tokens: int) -> str:
    """Return text cut to about `tokens` tokens, at the last whole sentence (else word) that fits."""
    if count_tokens(text) <= tokens:
        return text
    limit = tokens * CHARS_PER_TOKEN
    kept = ""
    for sentence in split_sentences(" ".join(text.split())):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " ..."


def budget(passages: list[Passage], tokens: int) -> list[Passage]:
    """Return the passages, in order, that fit `tokens` tokens; the last one cut at a sentence if that leaves enough."""
    kept, left = [], tokens
    for passage in passages:
        size = count_tokens(passage.text)
        if size <= left:
            kept.append(passage)
            left -= size
            continue
        if left >= MIN_PIECE:
            kept.append(passage.model_copy(update={"text": trim_text(passage.text, left)}))
        break
    return kept


def passages_for(queries: list[str], library, tokens: int, first: list[str] | None = None) -> list[Passage]:
    """Return the passages for a call within `tokens`: per query (one per beat) its best match, best first.

    Passages named in `first` (those the outline gave a chapter) come before any other: first each query's
    best one among them, then the rest of them, then each query's best matches in the whole library. So
    every beat gets its own best passage before any beat gets a second one, and the budget cuts the least
    needed passages.
    """
    own = [p for p in (library.get(pid) for pid in dict.fromkeys(first or [])) if p is not None]
    ranked = [[p for p, _ in library.search(q, k=8)] for q in queries if q.strip()]
    chosen: dict[str, Passage] = {}
    own_ids = {p.id for p in own}
    for hits in ranked:
        best = next((p for p in hits if p.id in own_ids and p.id not in chosen), None)
        if best is not None:
            chosen[best.id] = best
    for passage in own:
        chosen.setdefault(passage.id, passage)
    for depth in range(max((len(r) for r in ranked), default=0)):
        for hits in ranked:
            if depth < len(hits):
                chosen.setdefault(hits[depth].id, hits[depth])
    return budget(list(chosen.values()), tokens)
