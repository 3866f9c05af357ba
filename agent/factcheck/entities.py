"""Named entities without a model: capitalized spans, acronyms and product names such as GPT-4."""

from __future__ import annotations

import re

from agent.factcheck.rules import Signal
from agent.factcheck.text import MONTHS, normalize, words_to_digits
from agent.references import _STOP

CONNECTORS = frozenset("of from for the de da del von van der la le du al bin".split())
NOT_ENTITIES = frozenset(
    "i i'm i've i'd chapter epilogue prologue part section monday tuesday wednesday thursday friday saturday sunday "
    "mr mrs ms dr prof".split()
) | frozenset(MONTHS)
# Words that often start a sentence; a capital there says nothing about a name.
STARTERS = frozenset(
    "within after before during when while although though however perhaps despite since because unlike meanwhile "
    "still yet today now later soon then there here what who why how where which some many most others each every "
    "both all one no none even just only over under through across around among between against toward towards "
    "behind beyond inside outside instead rather whether once thus hence indeed finally first second third next "
    "last early late suddenly eventually ultimately nevertheless nonetheless furthermore moreover besides also "
    "according along amid until unless upon without with from into onto like such several few another other "
    "everyone everything someone something nobody nothing anyone anything".split()
)
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:[-'.&][A-Za-z0-9]+)*")
_QUOTED_RE = re.compile(r'"[^"]*"')


def _key(token: str) -> str:
    """Return the comparable form of a token: lowercase, no possessive, no inner punctuation, no plural s."""
    token = re.sub(r"'s?$", "", token.lower())
    token = re.sub(r"[-'.&]", "", token)
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _capitalized(token: str) -> bool:
    return token[0].isupper() or any(c.isupper() for c in token[1:])


def entities(text: str, common: frozenset[str] = frozenset()) -> list[str]:
    """Return the named entities of text, outside quotes; `common` holds words known in lowercase use."""
    plain = _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), words_to_digits(normalize(text)))
    spans: list[list[str]] = []
    current: list[str] = []
    pending: list[str] = []
    previous_end = 0
    for match in _TOKEN_RE.finditer(plain):
        token = match.group(0)
        gap = plain[previous_end: match.start()]
        previous_end = match.end()
        initial = match.start() == 0 or bool(re.search(r"[.!?:;\"(]\s*$|^\s*-\s+$", plain[: match.start()][-3:])) \
            or bool(re.search(r"[.!?:;\"(]", gap))
        lower = token.lower()
        if _capitalized(token) and not token.isdigit():
            if initial and current:
                spans.append(current)
                current = []
            if initial and (lower in _STOP or lower in STARTERS or lower in common or lower in NOT_ENTITIES) and not any(c.isupper() for c in token[1:]):
                pending = []
                continue
            if lower in NOT_ENTITIES:
                if current:
                    spans.append(current)
                current, pending = [], []
                continue
            if current and pending and not re.search(r"[,;:]", gap):
                current += pending
            elif current and re.search(r"[,;:()]", gap):
                spans.append(current)
                current = []
            current.append(token)
            pending = []
        elif current and lower in CONNECTORS and not pending and not re.search(r"[,;:]", gap):
            pending = [token]
        else:
            if current:
                spans.append(current)
            current, pending = [], []
    if current:
        spans.append(current)
    return list(dict.fromkeys(" ".join(s) for s in spans))


def _acronym_in(acronym: str, words: list[str]) -> bool:
    letters = acronym.lower()
    content = [w for w in words if w.lower() not in CONNECTORS]
    for i in range(len(content) - len(letters) + 1):
        if "".join(w[0].lower() for w in content[i: i + len(letters)]) == letters:
            return True
    return False


def found_in(entity: str, evidence_words: list[str], evidence_keys: set[str]) -> bool:
    """Tell whether every word of the entity (or its acronym, or its expansion) is in the evidence."""
    parts = [t for t in _TOKEN_RE.findall(entity) if t.lower() not in CONNECTORS]
    if all(_key(t) in evidence_keys for t in parts):
        return True
    if len(parts) == 1 and parts[0].isupper() and 2 <= len(parts[0]) <= 6:
        return _acronym_in(parts[0], evidence_words)
    if len(parts) >= 2:
        initials = "".join(t[0] for t in parts).lower()
        return initials in evidence_keys
    return False


def entity_signal(claim: str, evidence: str, common: frozenset[str] = frozenset()) -> Signal:
    """Every named entity of the claim must be named in the evidence."""
    words = _TOKEN_RE.findall(words_to_digits(normalize(evidence)))
    keys = {_key(w) for w in words}
    signal = Signal("entity")
    for entity in entities(claim, common):
        signal.items.append(entity)
        if not found_in(entity, words, keys):
            signal.missing.append(entity)
    return signal


def lowercase_vocabulary(*texts: str) -> frozenset[str]:
    """Return the words that appear in lowercase form in the texts (so they are not names)."""
    return frozenset(w for text in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", normalize(text)))
