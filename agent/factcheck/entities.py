"""Named entities without a model: capitalized spans, acronyms and product names such as GPT-4."""

from __future__ import annotations

import re

from agent.factcheck.rules import Signal
from agent.factcheck.text import MONTHS, STARTERS, normalize, words_to_digits
from agent.text import STOP as _STOP

CONNECTORS = frozenset("of from for the de da del von van der la le du al bin".split())
NOT_ENTITIES = frozenset(
    "i i'm i've i'd chapter epilogue prologue part section monday tuesday wednesday thursday friday saturday sunday "
    "mr mrs ms dr prof".split()
) | frozenset(MONTHS)
# A few names that texts swap freely; keys are compared in _key form (lowercase, no inner dots).
_ALIAS_GROUPS = [
    ("britain", "great britain", "united kingdom", "uk", "england", "british"),
    ("us", "usa", "united states", "america", "united states of america", "american"),
    ("soviet union", "ussr", "russia", "soviet", "russian"),
    ("un", "united nations"),
    ("eu", "european union"),
    # a country and the adjective of its people: "the American inquiry" for "inquiries in the United States"
    ("france", "french"), ("germany", "german"), ("italy", "italian"), ("spain", "spanish"), ("norway", "norwegian"),
    ("sweden", "swedish"), ("ireland", "irish"), ("japan", "japanese"), ("china", "chinese"), ("egypt", "egyptian"),
    ("canada", "canadian"), ("australia", "australian"), ("switzerland", "swiss"), ("netherlands", "dutch"),
]
# one capital letter joined to a lowercase word is a common word: X-ray, X-rayed, T-shirt, U-turn
_LETTER_WORD_RE = re.compile(r"^[A-Z]-[a-z]{3,}$")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'.&][^\W_]+)*")  # accented letters too: "Léon", "Åkerblad"
_QUOTED_RE = re.compile(r'"[^"]*"')
_OPENING_WORDS = _STOP | STARTERS


def _key(token: str) -> str:
    """Return the comparable form of a token: lowercase, no possessive, no inner punctuation, no plural s."""
    token = re.sub(r"'s?$", "", token.lower())
    token = re.sub(r"[-'.&]", "", token)
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _alias_key(name: str) -> str:
    return " ".join(_key(w) for w in name.split())


ALIASES = {_alias_key(name): [a for a in group if a != name] for group in _ALIAS_GROUPS for name in group}


def _capitalized(token: str) -> bool:
    return token[0].isupper() or any(c.isupper() for c in token[1:])


def entities(text: str, common: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()) -> list[str]:
    """Return the named entities of text, outside quotes.

    A capital at the start of a sentence says little, so a lone first word counts only when it looks
    like a product name (inner capital or digit) or is known as a name (`names`) and not as an ordinary
    word (`common`, words seen in lowercase).
    """
    spaced = re.sub(r"\s*[—–]\s*", " - ", text)
    plain = _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), words_to_digits(normalize(spaced)))
    spans: list[tuple[list[str], bool]] = []
    current: list[str] = []
    pending: list[str] = []
    starts_sentence = False
    previous_end = 0
    for match in _TOKEN_RE.finditer(plain):
        token, lower = match.group(0), match.group(0).lower()
        gap = plain[previous_end: match.start()]
        # "J. D. H. Pilkington": the period after an initial ends no sentence
        after_initial = gap == ". " and re.fullmatch(r"[A-Z]", plain[max(0, previous_end - 1): previous_end]) and \
            not plain[max(0, previous_end - 2): previous_end - 1].isalnum() and lower not in _OPENING_WORDS
        initial = previous_end == 0 or (bool(re.search(r"[.!?:;\"(]|\s-\s", gap)) and not after_initial)
        previous_end = match.end()
        if current and token.isdigit() and gap == " " and not current[-1].isdigit() and not current[-1].endswith(("'s", "’s")):
            current.append(token)  # a numbered name: Apollo 13, Windows 95
            spans.append((current, starts_sentence))
            current = []
        elif _capitalized(token) and not token.isdigit() and lower not in NOT_ENTITIES and not _LETTER_WORD_RE.match(token):
            if current and (initial or re.search(r"[,;:()]", gap) or not pending and gap.strip() and not after_initial):
                spans.append((current, starts_sentence))
                current = []
            if not current:
                starts_sentence = initial
            if current and pending:
                current += pending
            current.append(token)
        elif current and lower in CONNECTORS and not pending and not gap.strip():
            pending = [token]
            continue
        elif current:
            spans.append((current, starts_sentence))
            current = []
        pending = []
    if current:
        spans.append((current, starts_sentence))
    found = []
    for words, at_start in spans:
        if at_start and len(words) == 1:
            word, lower = words[0], words[0].lower()
            product = any(c.isupper() or c.isdigit() for c in word[1:])
            if not product and (lower in _STOP or lower in STARTERS or lower in common or lower not in names):
                continue
        elif at_start and words[0].lower() in _OPENING_WORDS and not any(c.isupper() for c in words[0][1:]):
            words = words[1:]
        if words and not all(w.isdigit() for w in words):
            found.append(" ".join(words))
    return list(dict.fromkeys(found))


def name_vocabulary(*texts: str) -> frozenset[str]:
    """Return the words that appear capitalized inside sentences of the texts (so they are names)."""
    found = set()
    for text in texts:
        for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]+)\b", normalize(text)):
            found.add(m.group(1).lower())
    return frozenset(found)


def _acronym_in(acronym: str, words: list[str]) -> bool:
    letters = acronym.lower()
    content = [w for w in words if w.lower() not in CONNECTORS]
    for i in range(len(content) - len(letters) + 1):
        if "".join(w[0].lower() for w in content[i: i + len(letters)]) == letters:
            return True
    return False


def found_in(entity: str, evidence_words: list[str], evidence_keys: set[str]) -> bool:
    """Tell whether every word of the entity (or its acronym, expansion or common alias) is in the evidence."""
    parts = [t for t in _TOKEN_RE.findall(entity) if t.lower() not in CONNECTORS]
    # initials before a name: "J D H Pilkington" is named by "Pilkington" (not "Plan A" by "Plan B")
    parts = [t for i, t in enumerate(parts) if not (len(t) == 1 and t.isalpha() and t.isupper() and i < len(parts) - 1)]
    if all(_key(t) in evidence_keys for t in parts):
        return True
    for alias in ALIASES.get(_alias_key(" ".join(parts)), ()):
        if all(_key(t) in evidence_keys for t in alias.split()):
            return True
    if len(parts) == 1 and parts[0].isupper() and 2 <= len(parts[0]) <= 6:
        return _acronym_in(parts[0], evidence_words)
    if len(parts) >= 2:
        initials = "".join(t[0] for t in parts).lower()
        return initials in evidence_keys
    return False


class Vocabulary:
    """The words of a text, ready for found_in."""

    def __init__(self, text: str):
        self.words = _TOKEN_RE.findall(words_to_digits(normalize(re.sub(r"\s*[—–]\s*", " - ", text))))
        self.keys = {_key(w) for w in self.words}

    def missing(self, names: list[str]) -> list[str]:
        """Return the names that the text does not name."""
        return [n for n in names if not found_in(n, self.words, self.keys)]


def entity_signal(claim: str, evidence: str, common: frozenset[str] = frozenset(),
                  names: frozenset[str] = frozenset(), library: Vocabulary | None = None) -> Signal:
    """Every named entity of the claim must be named in the evidence.

    A full name the evidence gives only in part counts as named when the references spell it out
    elsewhere: sources introduce "Larry Sanger" once and write "Sanger" after that.
    """
    found = entities(claim, common, names)
    vocabulary = Vocabulary(evidence)
    missing = vocabulary.missing(found)
    if library is not None:
        missing = [n for n in missing if not _named_in_part(n, vocabulary, library)]
    return Signal("entity", items=found, missing=missing)


def _named_in_part(name: str, evidence: Vocabulary, library: Vocabulary) -> bool:
    parts = [t for t in _TOKEN_RE.findall(name) if t.lower() not in CONNECTORS]
    return len(parts) >= 2 and _key(parts[-1]) in evidence.keys and not library.missing([name])


def lowercase_vocabulary(*texts: str) -> frozenset[str]:
    """Return the words that appear in lowercase form in the texts (so they are not names)."""
    return frozenset(w for text in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", normalize(text)))
