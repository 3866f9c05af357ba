"""Checks that need no model: verbatim quotes, numbers and dates.

Each check compares a claim with evidence text and returns a Signal listing what it could not find.
Named entities live in agent.factcheck.entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.factcheck.text import MONTHS, SCALES, SUFFIX_SCALES, normalize, squash, stem, stems, words_to_digits
from agent.references import _STOP

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


# ---- numbers ----------------------------------------------------------------------------------

_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_NUM_RE = re.compile(
    r"(?<![\w.])(?P<ident>[A-Z][A-Za-z]*-)?(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<suffix>%|\s*percent\b|\s*(?:k|m|mn|b|bn|t)\b|s\b)?"
    rf"(?:\s*(?P<scale>{_SCALE_WORDS})s?\b)?",
    re.IGNORECASE,
)
_RANGE_RE = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:-|to)\s*(?=[$€£]?\d+(?:\.\d+)?\s*({_SCALE_WORDS}))", re.IGNORECASE)
_VAGUE_RE = re.compile(
    rf"\b(?:(hundreds|thousands|millions|billions|trillions|dozens)\b|\ba (dozen|{_SCALE_WORDS})\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class Number:
    value: float
    kind: str  # "year", "number", "percent", "decade" or "vague" ("millions")
    raw: str


def numbers(text: str) -> list[Number]:
    """Return the numbers of text: digits, number words, scales ('1.5 billion'), percents, years, decades."""
    plain = words_to_digits(normalize(text))
    found: list[Number] = []
    for m in _RANGE_RE.finditer(plain):
        found.append(Number(float(m.group(1)) * SCALES[m.group(2).lower()], "number", m.group(0)))
    for m in _NUM_RE.finditer(_RANGE_RE.sub(" ", _date_days(plain))):
        if m.group("ident"):
            continue  # a product name such as GPT-4 is an entity, not a quantity
        value = float(m.group("num").replace(",", ""))
        suffix = (m.group("suffix") or "").strip().lower()
        scale = (m.group("scale") or "").lower()
        raw = m.group(0).strip()
        if suffix == "s" and len(m.group("num")) == 4:
            found.append(Number(value, "decade", raw))
        elif suffix in ("%", "percent"):
            found.append(Number(value, "percent", raw))
        elif scale or suffix in SUFFIX_SCALES:
            found.append(Number(value * SCALES.get(scale, SUFFIX_SCALES.get(suffix, 1)), "number", raw))
        elif 1800 <= value <= 2100 and value.is_integer() and "," not in m.group("num") and not m.group("cur"):
            found.append(Number(value, "year", raw))
        else:
            found.append(Number(value, "number", raw))
    for m in _VAGUE_RE.finditer(plain):
        word = (m.group(1) or m.group(2)).lower().rstrip("s")
        kind = "number" if m.group(2) else "vague"  # "a million" is a number, "millions" a magnitude
        found.append(Number(SCALES.get(word, 12), kind, m.group(0)))
    return found


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 + 0.005 * max(abs(a), abs(b))


def number_signal(claim: str, evidence: str) -> Signal:
    """Every number of the claim must be in the evidence (years are left to date_signal)."""
    have = numbers(evidence)
    signal = Signal("number")
    for n in numbers(claim):
        if n.kind == "year":
            continue
        signal.items.append(n.raw)
        if n.kind == "vague":
            ok = any(h.value >= n.value for h in have if h.kind in ("number", "vague"))
        elif n.kind == "decade":
            ok = any(h.kind in ("decade", "year") and n.value <= h.value < n.value + 10 for h in have)
        else:
            ok = any(_same(n.value, h.value) for h in have if h.kind in (n.kind, "number", "year"))
        if not ok:
            signal.missing.append(n.raw)
            if any(h.kind == n.kind for h in have):
                signal.conflicts.append(n.raw)
    return signal


# ---- dates ------------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_RE = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b(?P<month>{_MONTH_NAMES})\b\.?"
    rf"(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{{4}})\b)?",
    re.IGNORECASE,
)
_MONTH_CONTEXT_RE = re.compile(r"\b(?:in|since|by|until|of|through|early|late|mid|last|next|this|during)[\s-]+$",
                               re.IGNORECASE)
_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SHORT_MONTHS = frozenset(m for m in MONTHS if len(m) <= 4)


def _date_days(plain: str) -> str:
    """Return text with the day numbers of calendar dates blanked (date_signal checks those)."""

    def blank(m: re.Match) -> str:
        out = m.group(0)
        for key in ("d1", "d2"):
            if m.group(key):
                out = out.replace(m.group(key), " " * len(m.group(key)), 1)
        return out

    return _DATE_RE.sub(lambda m: blank(m) if m.group("month")[0].isupper() else m.group(0), plain)


def dates(text: str) -> list[tuple[int | None, int, int | None]]:
    """Return (year, month, day) of each calendar date in text; year or day may be None."""
    plain = normalize(text)
    found = [(int(y), int(m), int(d)) for y, m, d in _ISO_RE.findall(plain) if 1 <= int(m) <= 12]
    for m in _DATE_RE.finditer(_ISO_RE.sub(" ", plain)):
        word, day, year = m.group("month"), m.group("d1") or m.group("d2"), m.group("year")
        if not word[0].isupper():
            continue
        context = _MONTH_CONTEXT_RE.search(plain[: m.start()])
        if not (day or year) and (word.lower() in _SHORT_MONTHS or not context):
            continue  # "May" or a bare month without a date-like context is not a date
        found.append((int(year) if year else None, MONTHS[word.lower()], int(day) if day else None))
    return found


def date_signal(claim: str, evidence: str) -> Signal:
    """Every year, month and day the claim states must be stated in the evidence."""
    have = dates(evidence)
    years = {int(n.value) for n in numbers(evidence) if n.kind == "year"} | {y for y, _, _ in have if y}
    signal = Signal("date")
    stated = dates(claim)
    for year, month, day in stated:
        raw = "-".join(str(x) for x in (year, month, day) if x)
        signal.items.append(raw)
        ok = any(m == month and (day is None or d == day) and y in (year, None) for y, m, d in have)
        if not ok or (year is not None and year not in years):
            signal.missing.append(raw)
            if any(m != month or (day and d and d != day) for _, m, d in have):
                signal.conflicts.append(raw)
    dated_years = {y for y, _, _ in stated if y}
    for n in numbers(claim):
        if n.kind == "year" and int(n.value) not in dated_years:
            signal.items.append(n.raw)
            if int(n.value) not in years:
                signal.missing.append(n.raw)
                if years:
                    signal.conflicts.append(n.raw)
    return signal


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
    "internal/external inside/outside above/below up/down").split()]
_OPPOSITE = {a: b for a, b in ANTONYMS} | {b: a for a, b in ANTONYMS}


NEGATION_SCOPE = 3


def negated(text: str) -> bool:
    """Tell whether text carries a negation word."""
    words = re.findall(r"[a-z']+", normalize(text).lower())
    return any(w in NEGATIONS or w.endswith("n't") for w in words)


def negated_stems(text: str) -> set[str]:
    """Return the stems of the few content words that follow each negation word."""
    words = re.findall(r"[a-z']+", normalize(text).lower())
    found: set[str] = set()
    for i, word in enumerate(words):
        if word in NEGATIONS or word.endswith("n't"):
            scope = [stem(w) for w in words[i + 1:] if w not in _STOP and w not in NEGATIONS][:NEGATION_SCOPE]
            found.update(scope)
    return found


def polarity_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that negates what its best evidence asserts, or asserts what it negates, or uses an opposite word."""
    signal = Signal("polarity")
    if negated(claim) and not negated(evidence):
        signal.conflicts.append("negation")
    elif not negated(claim) and negated_stems(evidence) & set(stems(claim)):
        signal.conflicts.append("negation")
    claim_words = set(re.findall(r"[a-z]+", normalize(claim).lower()))
    evidence_words = set(re.findall(r"[a-z]+", normalize(evidence).lower()))
    for word in sorted(claim_words - evidence_words):
        opposite = _OPPOSITE.get(word)
        if opposite and opposite in evidence_words and opposite not in claim_words:
            signal.conflicts.append(f"{word}/{opposite}")
    return signal
