"""Checks that need no model: verbatim quotes and polarity (negation, opposite words).

Each check compares a claim with evidence text and returns a Signal listing what it could not find.
Numbers and dates live in agent.factcheck.quantities, named entities in agent.factcheck.entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.factcheck.text import SMALL, normalize, squash, stem, stems
from agent.text import STOP as _STOP

NEGATIONS = frozenset("not no never none neither nor without cannot nobody nothing".split())


@dataclass
class Signal:
    """The outcome of one rule: the claim's items it looked at, those the evidence lacks or contradicts."""

    name: str
    items: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing


# ---- quotes -----------------------------------------------------------------------------------

_DOUBLE_RE = re.compile(r'"([^"]+)"')
_SINGLE_RE = re.compile(r"(?<![\w'])'([^']*?\s[^']*?)'(?![\w'])")


def quotes(text: str) -> list[str]:
    """Return the quoted spans of text (double quotes, and single quotes around two or more words)."""
    plain = normalize(text)
    spans = _DOUBLE_RE.findall(plain) + _SINGLE_RE.findall(_DOUBLE_RE.sub(" ", plain))
    return [s.strip() for s in spans if re.search(r"[A-Za-z]{2,}", s)]


def quote_fragments(quote: str) -> list[str]:
    """Return the parts of a quote that must appear verbatim: split at ellipses and [edits], edges trimmed."""
    parts = re.split(r"\s*(?:\.\.\.|\[[^\]]*\])\s*", quote)
    trimmed = (p.strip(" ,.;:!?-'\"") for p in parts)
    return [p for p in trimmed if len(p) >= 2]


def find_quote(quote: str, texts: dict[str, str]) -> str | None:
    """Return the key of the first text holding every fragment of the quote verbatim, or None."""
    fragments = [squash(f) for f in quote_fragments(quote)]
    if not fragments:
        return None
    for key, text in texts.items():
        haystack = squash(text)
        if all(contains_phrase(haystack, f) for f in fragments):
            return key
    return None


def contains_phrase(haystack: str, needle: str) -> bool:
    """Tell whether needle occurs in haystack on word boundaries."""
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() and needle[0].isalnum()) and not (after.isalnum() and needle[-1].isalnum()):
            return True
        start = haystack.find(needle, start + 1)
    return False


# ---- polarity ---------------------------------------------------------------------------------

# Common opposite pairs: a claim that uses one where its evidence uses the other says the opposite.
ANTONYMS = [tuple(pair.split("/")) for pair in (
    "positive/negative increase/decrease increased/decreased rise/fall rose/fell more/less most/least many/few "
    "high/low higher/lower larger/smaller largest/smallest bigger/smaller biggest/smallest first/last before/after "
    "early/late earlier/later success/failure succeeded/failed win/lose won/lost accepted/rejected accept/reject "
    "agree/disagree agreed/disagreed true/false open/closed public/private allowed/banned easy/hard easier/harder "
    "cheap/expensive cheaper/costlier strong/weak stronger/weaker better/worse best/worst fast/slow faster/slower "
    "started/ended start/end gained/lost gain/loss love/hate support/oppose supported/opposed safe/dangerous "
    "expected/unexpected likely/unlikely possible/impossible legal/illegal useful/useless new/old minority/majority "
    "internal/external inside/outside above/below up/down over/under ahead/behind alive/dead survived/died "
    "included/excluded morning/evening dawn/dusk east/west north/south eastern/western northern/southern "
    "summer/winter senior/junior elder/younger older/younger oldest/youngest upper/lower wet/dry heavier/lighter "
    "wider/narrower longer/shorter longest/shortest").split()]
# Words of a set only one of which can hold: a medal's metal, a part of the day, what was done to an amount.
EXCLUSIVE = [frozenset(group.split("/")) for group in "gold/silver/bronze morning/afternoon/evening doubled/halved".split()]
_OPPOSITE: dict[str, set[str]] = {}
for _group in [frozenset(pair) for pair in ANTONYMS] + EXCLUSIVE:
    for _word in _group:
        _OPPOSITE.setdefault(_word, set()).update(_group - {_word})

# How an event ended, as stems: a claim with an outcome of one side whose evidence tells only of the other
# side ("arrived safely" where the ship sank) says the opposite, though no antonym list pairs the words.
GOOD_OUTCOMES = frozenset(stem(w) for w in (
    "arrived succeeded success survived survivor saved rescued recovered recovery won victory safely safe alive "
    "healed cured triumph approved elected released freed escaped intact unharmed unhurt unscathed accepted adopted "
    "welcomed embraced ratified beaten").split())
BAD_OUTCOMES = frozenset(stem(w) for w in (
    "sank sunk wrecked crashed died dead death killed perished drowned lost failed failure abandoned retreated "
    "defeated destroyed collapsed surrendered rejected refused cancelled canceled vetoed captured arrested "
    "executed injured wounded stranded aborted burned burnt exploded disintegrated declined dismissed").split())
# an outcome in two words, read as the one word it means: "was turned down" is a rejection, "took up" an adoption
_OUTCOME_PHRASES = [(re.compile(rf"\b{pattern}\b", re.IGNORECASE), word) for pattern, word in (
    (r"(?:turn|turns|turned|turning)\s+(?:it\s+|them\s+)?down", "rejected"),
    (r"(?:give|gives|gave|given|giving)\s+(?:it\s+|them\s+)?up", "abandoned"),
    (r"(?:take|takes|took|taken|taking)\s+up", "adopted"),
    (r"(?:lose|loses|lost|losing)\s+(?:the\s+)?(?:\w+\s+){0,2}to", "lost"),
)]


def outcome_words(text: str) -> str:
    """Return text with two-word outcomes put as their one word ("turned down" → "rejected")."""
    for pattern, word in _OUTCOME_PHRASES:
        text = pattern.sub(word, text)
    return text


NEGATION_SCOPE = 3
# "Holm alone raised the flag" claims that no one else did: the evidence must say so too.
_ALONE_RE = re.compile(r"\b(?:alone|by (?:himself|herself|themselves|itself)|single-handed(?:ly)?|solo|unaided|"
                       r"on (?:his|her|their|its) own)\b", re.IGNORECASE)
_ONLY_RE = re.compile(r"\b(?:only|sole(?:ly)?|no one else|nobody else|lone|single)\b", re.IGNORECASE)
# Verbs that deny what follows them: "stopped letting them create" says they could no longer create.
_DENYING_RE = re.compile(r"\b(?:stopp(?:ed|ing)|ceas(?:ed|ing)|halt(?:ed|ing)|bann(?:ed|ing)|barr(?:ed|ing)|forbade|forbidden|"
                         r"prevent(?:ed|ing)|prohibit(?:ed|ing)|refus(?:ed|ing)|declin(?:ed|ing)|lack(?:ed|ing)|"
                         r"unable|ended|abolish(?:ed|ing)|(?:leav(?:e|es|ing)|left)\s+out|omit(?:s|ted|ting)?|"
                         r"exclud(?:ed|ing)|except)\b", re.IGNORECASE)


def negated(text: str) -> bool:
    """Tell whether text carries a negation word."""
    words = re.findall(r"[a-z0-9']+", normalize(text).lower())
    return any(_negates(words, i) for i in range(len(words)))


# "had little experience", "hardly any": near negations, unless "a little" (some)
NEAR_NEGATIONS = frozenset("little hardly barely scarcely".split())
# "little more than a month", "barely over a mile": an amount, hedged; nothing denied
_AMOUNT_WORDS = frozenset("more less over under fewer".split())
# "barely two dozen porters", "barely half": a count, hedged
_COUNT_RE = re.compile(rf"\d[\d,.]*|half|quarter|dozen|(?:{'|'.join(SMALL)})(?:-[a-z]+)?")


def _negates(words: list[str], i: int) -> bool:
    word = words[i]
    if word in NEAR_NEGATIONS:
        return not (i and words[i - 1] in ("a", "very", "so", "too", "the")) and i + 1 < len(words) and \
            words[i + 1] not in _STOP and words[i + 1] not in _AMOUNT_WORDS and not _COUNT_RE.fullmatch(words[i + 1])
    # "rather than follow Brahe", "instead of waiting": what follows is not done
    if (word == "than" and i and words[i - 1] == "rather") or (word == "of" and i and words[i - 1] == "instead"):
        return True
    return word in NEGATIONS or word.endswith("n't")


_CLAUSE_END = frozenset("when because but while although though since which who whom whose that and or so".split())


_NEGATED_NAME_RE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:(?:was|were|is|are|did|does|do|had|has|have|could|would|will)\s+(?:not|never)|never)\b")


def negated_stems(text: str) -> set[str]:
    """Return the stems of the few content words each negation governs, up to the end of its clause.

    A name right before the negation is governed too: "Heatley was not included" denies Heatley a share.
    """
    return set().union(*negated_scopes(text))


def negated_scopes(text: str, with_word: bool = False) -> list:
    """Return, for each negation of text, the stems of the content words it governs (see negated_stems);
    with_word: (negation word, stems) pairs."""
    text = normalize(text)
    found: list = []
    for clause in _clauses(text):
        for _, word, scope in _scopes(clause):
            found.append((word, {stem(clause[j]) for j in scope if _content(clause[j])}))
    for m in _NEGATED_NAME_RE.finditer(text):
        # "Moss had not been at the meeting and had been given the note": a predicate the sentence goes on to
        # assert of the name leaves it asserted, not denied
        if m.group(1).lower() not in _STOP and not _GOES_ON_RE.match(_sentence_rest(text[m.end():])) and \
                not _PRONOUN_GOES_ON_RE.match(text[m.end():]):
            found.append(("name", {stem(m.group(1))}))
    found = [(word, scope) for word, scope in found if scope]
    return found if with_word else [scope for _, scope in found]


_GOES_ON_RE = re.compile(r"[^.;!?]*?\b(?:(?:and|but)\s+(?:then\s+|also\s+|later\s+)?"
                         r"(?:had|has|have|was|were|is|are|did|could|would|[a-z]{3,}ed)|until\s+(?:he|she|they|it|we)\s+[a-z]+)\b")

# "Harrison never received the prize. He died in London ...": the next sentence, or the part after a colon or a
# semicolon, says something of the name by a pronoun, so the name stays asserted
_PRONOUN_GOES_ON_RE = re.compile(r"[^.;:!?]*[.;:!?]\s+(?:he|she|they)\s+(?!(?:\w+\s+)?(?:not|never)\b|\w+n't\b)[a-z]+",
                                 re.IGNORECASE)


def _sentence_rest(text: str) -> str:
    return re.split(r"[.;!?]", text, maxsplit=1)[0]


# Prepositions the shared stopword list leaves out: a negation governs content words, not these.
_PREPOSITIONS = frozenset("between among through across along around against within beyond under above below near "
                          "toward towards upon onto off out up down".split())


def _clauses(text: str) -> list[list[str]]:
    return [re.findall(r"[a-z0-9']+", clause) for clause in re.split(r"[,;:.!?()\"]", normalize(text).lower())]


def _content(word: str) -> bool:
    return word not in _STOP and word not in NEGATIONS and word not in _PREPOSITIONS


def _scopes(words: list[str]) -> list[tuple[int, str, list[int]]]:
    """Return (position, negation word, positions it governs) for each negation of a clause's words."""
    found = []
    for i, word in enumerate(words):
        if _negates(words, i):
            scope, content = [], 0
            for j in range(i + 1, len(words)):
                if words[j] in _CLAUSE_END or content == NEGATION_SCOPE:
                    break
                scope.append(j)
                content += _content(words[j])
            found.append((i, word, scope))
    return found


def asserted_stems(text: str) -> set[str]:
    """Return the stems of the content words text states outside any negation (and not as the name a negation
    follows): in "a hotel owner in Rome, he paid for a flight without stopping to Rome", Rome is asserted."""
    names = {stem(m.group(1)) for m in _NEGATED_NAME_RE.finditer(normalize(text))}
    found = set()
    for words in _clauses(text):
        governed = {j for i, _, scope in _scopes(words) for j in [i, *scope]}
        found |= {stem(w) for j, w in enumerate(words) if j not in governed and _content(w)}
    return found - names


def _denies(evidence: str, claim_stems: set[str]) -> bool:
    """Tell whether a negation of the evidence governs the claim's words.

    "no" before a noun denies the whole phrase, not the noun: "no women were waiting" does not deny "allowed
    only women"; "did not support 3G" does deny "connected over 3G". Words the evidence also states outside
    any negation are not denied: "a hotel owner in Rome, offered a prize to fly without stopping between Rome
    and Paris" does not deny "a hotel owner in Rome"; the negation must govern a word of the claim the
    evidence asserts nowhere. A negated bad outcome the claim does not state ("not one man had been lost") is
    left to the outcome check.
    """
    free = asserted_stems(evidence)
    for word, scope in negated_scopes(evidence, with_word=True):
        if scope & BAD_OUTCOMES - claim_stems:
            continue  # "not one man had been lost" denies a loss, not the men: the outcome check weighs it
        shared = scope & claim_stems
        if len(shared) >= (min(2, len(scope)) if word == "no" else 1) and shared - free:
            return True
    return False


def polarity_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that negates what its evidence asserts, asserts what it negates, or uses an opposite word."""
    claim = re.sub(r'"[^"]*"', " ", normalize(claim))  # quoted words are checked verbatim instead
    signal = Signal("polarity")
    if negated(claim) and not negated(evidence) and not _DENYING_RE.search(evidence):
        signal.conflicts.append("negation")
    elif not negated(claim) and _denies(evidence, set(stems(claim))):
        signal.conflicts.append("negation")
    claim_stems, evidence_stems = set(stems(outcome_words(claim))), set(stems(outcome_words(evidence)))
    denied = negated_stems(claim)  # "no longer alive" tells of no good outcome
    # the evidence's outcomes as it tells them: "not one man had been lost" tells of a good one
    told = negated_stems(evidence)
    good = evidence_stems & GOOD_OUTCOMES - told | evidence_stems & BAD_OUTCOMES & told
    bad = evidence_stems & BAD_OUTCOMES - told | evidence_stems & GOOD_OUTCOMES & told
    for mine, same, other, label in ((GOOD_OUTCOMES, good, bad, "a good outcome where the evidence tells of a bad one"),
                                     (BAD_OUTCOMES, bad, good, "a bad outcome where the evidence tells of a good one")):
        said = claim_stems & mine - denied
        if said and not said & evidence_stems and other and not same and not claim_stems & (GOOD_OUTCOMES | BAD_OUTCOMES) - mine:
            signal.conflicts.append(label)
    if _ALONE_RE.search(claim) and not _ALONE_RE.search(evidence) and not _ONLY_RE.search(evidence):
        signal.conflicts.append("one doer alone, where the evidence says no such thing")
    claim_words = set(re.findall(r"[a-z]+", claim.lower()))
    evidence_words = set(re.findall(r"[a-z]+", re.sub(r'"[^"]*"', " ", normalize(evidence)).lower()))
    for word in sorted(claim_words - evidence_words):
        opposite = sorted(o for o in _OPPOSITE.get(word, ()) if o in evidence_words and o not in claim_words)
        if opposite:
            signal.conflicts.append(f"{word}/{opposite[0]}")
    return signal
