"""Refuse a topic the references say nothing about, instead of letting the model invent a story."""

from __future__ import annotations

from agent.errors import InputError
from agent.state import Passage
from agent.story.references import tokens

MIN_TOPIC_COVERAGE = 0.5  # at least half of the topic's content words must occur somewhere in the references


def topic_coverage(topic: str, passages: list[Passage]) -> tuple[float, list[str]]:
    """Return the share of the topic's content words found in the passages, and the words not found."""
    words = list(dict.fromkeys(tokens(topic)))
    if not words:
        return 1.0, []
    vocabulary = set()
    for passage in passages:
        vocabulary.update(tokens(passage.text))
    missing = [w for w in words if w not in vocabulary and w.rstrip("s") not in vocabulary]
    return 1 - len(missing) / len(words), missing


def require_relevant(topic: str, passages: list[Passage]) -> None:
    """Fail when the references do not mention most of the topic's words."""
    share, missing = topic_coverage(topic, passages)
    if share < MIN_TOPIC_COVERAGE:
        raise InputError(f"the references say nothing about topic '{topic}': {', '.join(missing)} "
                         f"{'does' if len(missing) == 1 else 'do'} not occur in them; give --refs with sources on "
                         "this topic, or a topic they cover")
