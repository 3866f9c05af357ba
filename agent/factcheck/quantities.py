"""Numbers and dates without a model: parse them with their units, and check a claim's against its evidence.

A claim's number is found in the evidence when the evidence states it (in any notation: '£350,000',
'350,000 pounds', 'three hundred and fifty thousand pounds'), states it in another unit ('120 feet' for
'40 yards'), fits its hedge ('more than 250,000' for 270,000), or is the difference of two evidence
numbers of the same unit ('cut by $200' for $599 to $399).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from agent.factcheck.atoms import is_verb
from agent.factcheck.rules import Signal
from agent.text import STOP, split_sentences
from agent.factcheck.text import MONTHS, SCALES, STARTERS, SUFFIX_SCALES, normalize, stem, stems, words_to_digits

CONTEXT_WORDS = 3

UNITS = {  # word: (dimension, size in the dimension's base unit)
    **{w: ("length", 0.0254) for w in ("inch", "inches")},
    **{w: ("length", 0.3048) for w in ("foot", "feet", "ft")},
    **{w: ("length", 0.9144) for w in ("yard", "yards")},
    **{w: ("length", 0.001) for w in ("millimetre", "millimetres", "millimeter", "millimeters", "mm")},
    **{w: ("length", 0.01) for w in ("centimetre", "centimetres", "centimeter", "centimeters", "cm")},
    **{w: ("length", 1.0) for w in ("metre", "metres", "meter", "meters")},
    **{w: ("length", 1000.0) for w in ("kilometre", "kilometres", "kilometer", "kilometers", "km")},
    **{w: ("length", 1609.344) for w in ("mile", "miles")},
    **{w: ("mass", 0.001) for w in ("gram", "grams")},
    **{w: ("mass", 1.0) for w in ("kilogram", "kilograms", "kg")},
    **{w: ("mass", 1000.0) for w in ("tonne", "tonnes", "ton", "tons")},
    **{w: ("mass", 0.4536) for w in ("lb", "lbs")},
    **{w: ("mass", 0.02835) for w in ("ounce", "ounces", "oz")},
    **{w: ("mass", 6.35) for w in ("stone", "stones")},
    **{w: ("mass", 50.8) for w in ("hundredweight", "hundredweights", "cwt")},
    **{w: ("length", 1.8288) for w in ("fathom", "fathoms")},
    **{w: ("volume", 1.0) for w in ("litre", "litres", "liter", "liters")},
    **{w: ("time", 1.0) for w in ("second", "seconds")},
    **{w: ("time", 60.0) for w in ("minute", "minutes")},
    **{w: ("time", 3600.0) for w in ("hour", "hours")},
    **{w: ("time", 86400.0) for w in ("day", "days")},
    **{w: ("time", 604800.0) for w in ("week", "weeks")},
    **{w: ("time", 1209600.0) for w in ("fortnight", "fortnights")},
    **{w: ("time", 2629800.0) for w in ("month", "months")},
    **{w: ("time", 31557600.0) for w in ("year", "years")},
    **{w: ("time", 315576000.0) for w in ("decade", "decades")},
    **{w: ("time", 3155760000.0) for w in ("century", "centuries")},
    **{w: ("pounds", 1.0) for w in ("pound", "pounds", "£")},
    **{w: ("dollars", 1.0) for w in ("dollar", "dollars", "$")},
    **{w: ("euros", 1.0) for w in ("euro", "euros", "€")},
    # other currencies, each its own measure: a sum in guineas is not the same sum in pounds
    **{w: ({"lira": "lire", "pence": "pence"}.get(w, w.rstrip("s")), 1.0) for w in (
        "guinea", "guineas", "shilling", "shillings", "pence", "franc", "francs", "mark", "marks", "lira", "lire",
        "yen", "rouble", "roubles", "ruble", "rubles", "rupee", "rupees", "peso", "pesos", "florin", "florins",
        "ducat", "ducats", "crown", "crowns")},
    **{w: ("volts", 1.0) for w in ("volt", "volts")},
}
HEDGES = {  # words before a number: the range of evidence values (as multiples of it) that fit
    "no more than": (0.5, 1.0), "not more than": (0.5, 1.0), "at most": (0.5, 1.0), "more than": (1.0, 1.5), "over": (1.0, 1.5), "at least": (1.0, 1.5), "upwards of": (1.0, 1.5),
    "almost": (0.8, 1.0), "nearly": (0.8, 1.0), "just under": (0.8, 1.0), "less than": (0.5, 1.0),
    "under": (0.5, 1.0), "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "some": (0.9, 1.1), "close to": (0.9, 1.05),
}
_ROUGHLY = frozenset(("about", "around", "roughly", "approximately", "some"))
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_NUM_RE = re.compile(
    r"(?<![\w.])(?P<ident>[A-Z][A-Za-z]*-)?(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<suffix>%|\s*percent\b|\s*(?:k|m|mn|b|bn|t)\b|s\b)?"
    rf"(?:\s*(?P<scale>{_SCALE_WORDS})s?\b)?(?:[\s-]*(?P<unit>[a-z]+))?",
    re.IGNORECASE,
)
# a score or a tally, by the words around it: "beat Finland 5-2", "won 4-2", "a 7-2 vote"
_SCORE_RE = re.compile(r"(?:\b(?:beat|beats|beaten|beating|won|win|wins|winning|lost|lose|loses|losing|tied|tie|ties|tying|"
                       r"drew|draw|draws|drawing|trailed|trailing|trail|led|leading|lead|defeated|defeating|defeat|score|"
                       r"scored|scoring|final|margin|vote|voted|by)\s+(?:[a-z]+\s+)?(?:[A-Z][\w'-]*\s+){0,3}|a\s+)"
                       r"(?<![\w.-])(?P<a>\d{1,2})-(?P<b>\d{1,2})(?![\w-]|\.\d|\s+[a-z]+s\b)"
                       r"|(?<![\w.-])(?P<a2>\d{1,2})-(?P<b2>\d{1,2})(?=\s+(?:win|victory|defeat|loss|lead|vote|decision|draw|tie)\b)")
_RANGE_RE = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:-|to)\s*(?=[$€£]?\d+(?:\.\d+)?\s*({_SCALE_WORDS}))", re.IGNORECASE)
_VAGUE_RE = re.compile(
    rf"\b(?:(?:(tens|hundreds|thousands|dozens)\s+of\s+)?(hundreds|thousands|millions|billions|trillions|dozens)\b|"
    rf"\ba (dozen|{_SCALE_WORDS})\b)", re.IGNORECASE
)
_MAGNITUDE = {"ten": 10, "dozen": 12, **{w: int(v) for w, v in SCALES.items()}}
_NAMED_RE = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?!(?:In|On|By|At|Of|For|From|To|Since|Until|After|Before|About|Over|Under|Around|Nearly|Almost|Some|The|A|An|Just|Only|Than|And|Or|With|Within|During|Between|Among|Per|Each|Every|All|Page|Chapter|No)\b)[A-Z][A-Za-z]+\s$")
_HEDGE_RE = re.compile(r"(" + "|".join(sorted(HEDGES, key=len, reverse=True)) + r")\s+(?:the\s+|a\s+)?[$€£]?$", re.IGNORECASE)


# a time of day: "5:52", "6.30 pm", "1 a.m.", "10 o'clock", "9 in the morning", "10:22 at night", "noon" (to the
# minute, a dot only before am/pm: "3.25 million" is no time)
_CLOCK_RE = re.compile(
    r"(?<![\w.:,])(?P<hour>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<minute>[0-5]\d))?"
    r"(?:\s*(?P<half>[ap])\.?m\b\.?|\s*(?P<oclock>o'clock)\b|(?=\s+(?P<part>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)))?"
    r"(?![\w:])|\b(?P<word>noon|midday|midnight)\b", re.IGNORECASE)


def _exact_clock(m: re.Match) -> bool:
    """Tell whether a match is a time to the minute ("5:52", "6.30 pm"), one value, not two numbers."""
    return bool(m.group("minute")) and (m.group("sep") == ":" or bool(m.group("half")))


def times_of_day(text: str) -> list[float]:
    """Return the times of day text states, in days since midnight ("1 a.m.", "10:22 at night", "noon")."""
    found = []
    for m in _CLOCK_RE.finditer(text):
        if m.group("word"):
            found.append(0.0 if m.group("word").lower() == "midnight" else 0.5)
            continue
        if not (_exact_clock(m) or m.group("half") or m.group("oclock") or m.group("part")):
            continue  # a bare number
        hour, minute = int(m.group("hour")) % 12, int(m.group("minute") or 0)
        later = (m.group("half") or "").lower() == "p" or re.search(r"afternoon|evening|night", m.group("part") or "") or \
            "night" in text[m.end(): m.end() + 12]
        found.append((hour + (12 if later else 0)) / 24 + minute / 1440)
    return found


@dataclass(frozen=True)
class Number:
    value: float
    kind: str  # "year", "number", "percent", "decade", "vague" ("millions") or "time" (of day, minutes past 12)
    raw: str
    unit: str = ""
    hedge: str = ""
    # Stems of the few content words on each side, within the clause: what the number counts.
    context: frozenset[str] = field(default=frozenset(), compare=False)


def _context(text: str, start: int, end: int) -> frozenset[str]:
    before = _HEDGE_RE.sub("", re.split(r"[,;:.!?()]", text[max(0, start - 80): start])[-1])
    after = re.split(r"[,;:.!?()]", text[end: end + 80])[0]
    return frozenset(stems(before)[-CONTEXT_WORDS:] + stems(after)[:CONTEXT_WORDS])


def numbers(text: str) -> list[Number]:
    """Return the numbers of text with their units and hedges: digits, number words, scales, percents, years."""
    plain = words_to_digits(normalize(text))
    found: list[Number] = []
    for m in _RANGE_RE.finditer(plain):
        found.append(Number(float(m.group(1)) * SCALES[m.group(2).lower()], "number", m.group(0)))
    masked = _RANGE_RE.sub(lambda m: " " * len(m.group(0)), _date_days(plain))
    for m in _CLOCK_RE.finditer(masked):
        # a time of day is one value: "5:52 in the morning" is no 5 and no 52
        if _exact_clock(m):
            found.append(Number(float(int(m.group("hour")) % 12 * 60 + int(m.group("minute"))), "time", m.group(0).strip()))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    for _, _, (start, end) in fractions(text):
        masked = masked[:start] + " " * (end - start) + masked[end:]  # "two-thirds of" is a share, not a 2
    for m in _SCORE_RE.finditer(masked):
        # a score or a tally is one value: "won 4-2" is no 4 and no 2
        a, b = ("a", "b") if m.group("a") else ("a2", "b2")
        found.append(Number(float(m.group(a)) * 100 + float(m.group(b)), "score", f"{m.group(a)}-{m.group(b)}"))
        masked = masked[: m.start(a)] + " " * (m.end(b) - m.start(a)) + masked[m.end(b):]
    for m in _NUM_RE.finditer(masked):
        if m.group("ident") or _NAMED_RE.search(masked[max(0, m.start() - 30): m.start()]) or _opening_name(masked, m):
            continue  # a name such as GPT-4 or Apollo 13 is an entity, not a quantity
        value = float(m.group("num").replace(",", ""))
        suffix = (m.group("suffix") or "").strip().lower()
        scale = (m.group("scale") or "").lower()
        unit = m.group("cur") or (m.group("unit") or "").lower()
        unit = unit if unit in UNITS else ""
        hedge = _HEDGE_RE.search(masked[max(0, m.start() - 20): m.start()])
        hedge = hedge.group(1).lower() if hedge else ""
        end = m.end("scale") if m.group("scale") else m.end("num")
        raw = plain[m.start(): end].strip()
        context = _context(masked, m.start(), end)
        if suffix == "s" and len(m.group("num")) == 4:
            found.append(Number(value, "decade", raw))
        elif suffix in ("%", "percent"):
            found.append(Number(value, "percent", raw, "", hedge))
        elif scale or suffix in SUFFIX_SCALES:
            value *= SCALES.get(scale, SUFFIX_SCALES.get(suffix, 1))
            found.append(Number(value, "number", raw, unit, hedge, context))
        elif 1500 <= value <= 2100 and value.is_integer() and "," not in m.group("num") and not unit and not hedge:
            found.append(Number(value, "year", raw))
        else:
            found.append(Number(value, "number", raw, unit, hedge, context))
    for m in _VAGUE_RE.finditer(plain):
        # "a million" is a number; "millions" and "hundreds of billions" are magnitudes (the least they can mean)
        if m.group(3):
            found.append(Number(_MAGNITUDE[m.group(3).lower()], "number", m.group(0)))
            continue
        value = _MAGNITUDE[m.group(2).lower().rstrip("s")]
        if m.group(1):
            value *= _MAGNITUDE[m.group(1).lower().rstrip("s")]
        found.append(Number(value, "vague", m.group(0)))
    return found


_OPENING_RE = re.compile(r"(?:^|[.!?:]\s+)([A-Z][a-z]+)\s+$")
_AFTER_NAME_RE = re.compile(r"\s*(?:'s\b|[,.;:!?)]|$|([a-z]+)\b)")


def _opening_name(text: str, m: re.Match) -> bool:
    """Tell whether a number opening a sentence after one capitalized word names a thing ("Sputnik 1 was launched",
    "Lifeboat 7 was lowered"): the word is no function word or adverb ("About 300", "Roughly 40 men") and what
    follows the number is a verb, a function word or the end of the clause, not the noun it would count."""
    if m.group("suffix") or m.group("scale") or m.group("cur") or m.group("unit") and m.group("unit").lower() in UNITS:
        return False
    lead = _OPENING_RE.search(text[max(0, m.start() - 30): m.start()])
    if not lead:
        return False
    word = lead.group(1)
    lower = word.lower()
    if lower in STOP or lower in STARTERS or lower.endswith("ly") or lower in _HEDGE_WORDS or word in MONTHS_CAPITAL:
        return False
    after = _AFTER_NAME_RE.match(text, m.end("num"))
    if not after:
        return False
    follower = after.group(1)
    return follower is None or follower in STOP or is_verb(follower)


_HEDGE_WORDS = frozenset(w for h in HEDGES for w in h.split()) | frozenset(
    "perhaps maybe another only just some fewer all each every no page chapter figure table part volume".split())
MONTHS_CAPITAL = frozenset(m.capitalize() for m in MONTHS)


def _close(a: float, b: float, tolerance: float = 0.005) -> bool:
    return abs(a - b) <= 1e-9 + tolerance * max(abs(a), abs(b))


def _in_base(n: Number) -> float | None:
    return n.value * UNITS[n.unit][1] if n.unit else None


def _fits(n: Number, h: Number) -> bool:
    """Tell whether evidence number h states claim number n (same unit, or converted, within its hedge)."""
    low, high = HEDGES.get(n.hedge, (1.0, 1.0))
    if n.unit and h.unit and n.unit != h.unit:
        if UNITS[n.unit][0] != UNITS[h.unit][0]:
            return False
        base, have = _in_base(n), _in_base(h)
        return low * base * 0.98 <= have <= high * base * 1.02
    if (low, high) == (1.0, 1.0) or (n.unit and not h.unit):
        return _close(n.value, h.value)  # "no more than 4.5 hundredweight" is not fit by "four wheels"
    if n.hedge in _ROUGHLY and h.hedge in _ROUGHLY:
        return _close(n.value, h.value)  # "about 25,900" is not "about 27,900": two round figures must agree
    # A hedged number only fits a number that counts the same thing ("more than 30,000 people died" is not
    # stated by "58,000 cases"): without a unit, the words around the two must meet.
    if not n.unit and n.context and h.context and not (n.context & h.context) and not _close(n.value, h.value):
        return False
    return low * n.value * 0.999 <= h.value <= high * n.value * 1.001


_TWO_DAYS_RE = re.compile(r"\b(?P<d1>\d{1,2})\s+(?:and|to|-|–)\s+\d{1,2}\s+(?P<month>[A-Z][a-z]+)(?:\s+(?P<year>\d{4}))?")
_GAP_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30.44, "months": 30.44}
_LESS_HEDGES = frozenset(("less than", "under", "fewer than", "within", "not even"))
_MORE_HEDGES = frozenset(("more than", "over", "at least"))


def _gap_unit(n: Number) -> float | None:
    """Return how many days one of n's units is, for a count of days, weeks or months ("six days", "two months")."""
    if n.unit in _GAP_UNITS:
        return _GAP_UNITS[n.unit]
    return next((_GAP_UNITS[u] for u in ("day", "week", "month") if u in n.context), None)


_DURATION_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30.44, "year": 365.25, "decade": 3652.5,
                  "century": 36525}
_DURATION_RE = re.compile(r"\b(a|an|one|\d+(?:\.\d+)?)\s+(day|week|fortnight|month|year|decade|centur)(?:y|ies|s)?\b",
                          re.IGNORECASE)


def _duration(n: Number) -> float | None:
    """Return n as a length of time in days when it counts days, weeks, months, years or decades."""
    unit = n.unit.rstrip("s") if n.unit.rstrip("s") in _DURATION_DAYS else \
        next((u for u in ("decade", "day", "week", "month", "year") if u[:5] in {c[:5] for c in n.context}), None)
    return n.value * _DURATION_DAYS[unit] if unit in _DURATION_DAYS else None


def _same_duration(n: Number, evidence: str) -> bool:
    """Tell whether the evidence gives the claim's length of time in another unit: "seven days" for "a week",
    "two decades" for "twenty years"."""
    days = _duration(n)
    if days is None:
        return False
    for m in _DURATION_RE.finditer(words_to_digits(evidence)):
        count = 1.0 if m.group(1).lower() in ("a", "an", "one") else float(m.group(1))
        unit = m.group(2).lower().replace("centur", "century")
        if abs(count * _DURATION_DAYS[unit] - days) <= 0.02 * days:
            return True
    return False


def _date_gap(n: Number, texts: list[str]) -> bool:
    """Tell whether n counts the days, weeks or months between two calendar dates the texts give ("six days apart,
    on 23 and 29 January"; "less than two months" between 13 March and 1 May). A date without a year takes the year
    the others give."""
    import datetime

    unit = _gap_unit(n)
    if unit is None:
        return False
    found = [d for text in texts for d in dates(text) if d[2]]
    for text in (t for t in texts if _TWO_DAYS_RE.search(t)):  # "on 23 and 29 January": the first day shares the month
        for m in _TWO_DAYS_RE.finditer(text):
            if m.group("month").lower() in MONTHS:
                found.append((int(m.group("year")) if m.group("year") else None, MONTHS[m.group("month").lower()],
                              int(m.group("d1"))))
    years = [y for y, _, _ in found if y]
    year = max(set(years), key=years.count) if years else 2001
    days = []
    for y, m, d in found:
        try:
            days.append(datetime.date(y or year, m, d))
        except ValueError:
            continue
    for a, b in combinations(sorted(set(days)), 2):
        gap = (b - a).days / unit
        if n.hedge in _LESS_HEDGES and 0 < gap <= n.value:
            return True
        if n.hedge in _MORE_HEDGES and gap >= n.value:
            return True
        if abs(gap - n.value) <= (0.5 if unit > 1 else 0):
            return True
    return False


def _derived(n: Number, have: list[Number]) -> bool:
    """Tell whether n is the difference of two evidence numbers of the same unit and kind (a cut, an age gap)."""
    pool = [h for h in have if h.kind in ("number", "year") and (not n.unit or h.unit in (n.unit, ""))][:20]
    for a, b in combinations(pool, 2):
        if a.kind != b.kind or a.unit != b.unit:
            continue
        if not n.unit and a.kind == "number" and n.context and not (n.context & a.context and n.context & b.context):
            continue  # a bare count is the difference of two counts of the same thing, not of any two numbers
        if _close(abs(a.value - b.value), n.value):
            return True
    return False


_ORDINALS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
    "twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
ORDINAL_WORDS = frozenset({"first", "second", "last", *_ORDINALS})  # words that rank, not name a role: "the first patient"
_ORDINAL_RE = re.compile(rf"\b(?:{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})\b|\b(\d+)(?:st|nd|rd|th)\b",
                         re.IGNORECASE)


def ordinals(text: str) -> list[Number]:
    """Return the ordinals of text as numbers ('the tenth anniversary' states 10); 'first' and 'second' are left out."""
    found = []
    for m in _ORDINAL_RE.finditer(normalize(text)):
        value = int(m.group(1)) if m.group(1) else _ORDINALS[m.group(0).lower()]
        found.append(Number(float(value), "number", m.group(0)))
    return found


_FIRSTS = {"first": 1, "second": 2}
_ANY_ORDINAL_RE = re.compile(rf"\b(?:first|second|{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})\b|\b(\d+)(?:st|nd|rd|th)\b",
                             re.IGNORECASE)


_DETERMINED_RE = re.compile(r"(?:\b(?:the|his|her|its|their|our|my|your)|'s)\s+(?:\w+\s+)?$", re.IGNORECASE)


_DETERMINERS = frozenset("the his her its their our my your".split())
_A_SECOND_RE = re.compile(r"\ba\s+$", re.IGNORECASE)
_ADVERB_AFTER_RE = re.compile(r"\s*(?:[,.;:!?)]|$|and\b|then\b|but\b|on\b|in\b|at\b|with\b)")


_FRACTION_BEFORE_RE = re.compile(r"\b(?:a|one|two|three|four|five|six|seven|eight|nine)\s+$", re.IGNORECASE)
_DENOMINATORS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "twelfth": 12, "twentieth": 20, "hundredth": 100,
                 "thousandth": 1000, "10-thousandth": 10_000, "ten-thousandth": 10_000, "millionth": 1_000_000}
# "a third of", "two-thirds of", "3 quarters of", "a ten-thousandth of", "half the": a share, in words
_FRACTION_RE = re.compile(
    r"(?<!\bthe\s)\b(?P<num>a|an|one|[1-9](?=[\s-])|\d+(?=\s))[\s-]+(?P<den>" + "|".join(sorted(map(re.escape, _DENOMINATORS), key=len, reverse=True)) +
    r")s?\b(?=\s+(?:of|the|a|an|his|her|its|their)\b|\s*[,.;]|\s+(?:as|each|that)\b)"
    r"|\bhalf(?=\s+(?:of|the|a|an|his|her|its|their|each)\b|\s*[,.;])", re.IGNORECASE)


def fractions(text: str) -> list[tuple[float, str, tuple[int, int]]]:
    """Return each share text writes in words ("a third of", "two-thirds of", "half the"): its value, its words,
    and where it stands in words_to_digits(normalize(text))."""
    found = []
    for m in _FRACTION_RE.finditer(words_to_digits(normalize(text))):
        if not m.group("den"):
            found.append((0.5, m.group(0), m.span()))
            continue
        num = m.group("num").lower()
        den = _DENOMINATORS[m.group("den").lower()]
        if den == 2 and num not in ("a", "an", "one"):
            continue  # "two halves" is a whole
        found.append(((1 if num in ("a", "an", "one") else int(num)) / den, m.group(0), m.span()))
    return found


def _all_ordinals(text: str, articles: bool = False) -> list[tuple[int, str]]:
    """Return the ordinals of text; 'first' and 'second' only after a determiner ('the first', "Barnard's second"),
    or with articles, after 'a' too ('a second sealed doorway', as evidence for 'the second doorway'; 'a first note')."""
    found = []
    text = normalize(text)
    for m in _ANY_ORDINAL_RE.finditer(text):
        word = m.group(0).lower()
        if _FRACTION_BEFORE_RE.search(text[max(0, m.start() - 12): m.start()]) and re.match(r"\s+of\b", text[m.end():]):
            continue  # "a third of the chests", "a tenth of the cost": a share, not a place in a series
        if word in _FIRSTS:
            det = _DETERMINED_RE.search(text[max(0, m.start() - 40): m.start()])
            if not det and articles and word in ("first", "second"):
                det = _A_SECOND_RE.search(text[max(0, m.start() - 40): m.start()])
            # "reached the summit first, and": an adverb after the noun, not "the first summit"
            if not det or (det.group(0).split()[-1].lower() not in _DETERMINERS and _ADVERB_AFTER_RE.match(text[m.end():])):
                continue
        value = int(m.group(1)) if m.group(1) else _FIRSTS.get(word) or _ORDINALS[word]
        found.append((value, m.group(0)))
    return found


_FIRST_TO_RE = re.compile(r"\bfirst\s+(?:[a-z]+\s+){0,2}to\s+(?:be\s+|have\s+)?(?P<verb>[a-z]+)", re.IGNORECASE)


def _first_to(claim: str, evidence: str) -> bool:
    """Tell whether "the first part to be finished" is the evidence's "was finished first": the same act, "first"
    after it."""
    m = _FIRST_TO_RE.search(normalize(claim))
    if not m:
        return False
    verb = set(stems(m.group("verb")))
    text = normalize(evidence).lower()
    # "came first": a place in the order, whatever the act
    return bool(verb) and any(verb <= set(stems(" ".join(text[: e.start()].split()[-4:]))) or
                              re.search(r"\b(?:came|comes|come)\s+$", text[: e.start()])
                              for e in re.finditer(r"\bfirst\b", text))


def ordinal_signal(claim: str, evidence: str) -> Signal:
    """Every ordinal of the claim ('the third patient') must be an ordinal of the evidence.

    It conflicts when the evidence has other ordinals but not this one ('the second patient').
    """
    have = ordinal_values = {v for v, _ in _all_ordinals(evidence, articles=True)}
    signal = Signal("ordinal")
    shares = {round(v, 9) for v, _, _ in fractions(evidence)}
    for value, raw, _ in fractions(claim):
        # "a hundredth of a millimetre" for "a tenth of a millimetre"; with no share in the evidence, one may come
        # from its numbers ("a tenth of what the roads charged": 10 dollars for 100), and is left to them
        signal.items.append(raw)
        if shares and round(value, 9) not in shares:
            signal.missing.append(raw)
            signal.conflicts.append(raw)
    for value, raw in _all_ordinals(claim):
        signal.items.append(raw)
        if value == 1 and _first_to(claim, evidence):
            continue
        if value not in have and not (value == 1 and re.search(r"\b(?:never before|for the first time|earliest)\b", evidence)):
            signal.missing.append(raw)
            if ordinal_values:
                signal.conflicts.append(raw)
    return signal


_PEOPLE = ("men women people companions survivors members brothers sisters sons daughters explorers climbers crew "
           "officers friends leaders scientists players astronauts children boys girls partners founders").split()
# "the four men", "all three survivors": a count of people
_PEOPLE_COUNT_RE = re.compile(rf"\b(\d+)\s+(?:[a-z]+\s+)?(?:{'|'.join(_PEOPLE)})\b")
_PERSON = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
_NAMES_RE = re.compile(rf"{_PERSON}(?:,\s+{_PERSON})*,?\s+and\s+{_PERSON}")


def _named_groups(evidence: str) -> set[int]:
    """Return the sizes of the evidence's lists of names ("Burke, Wills, King and Gray travelled north": 4)."""
    return {len(re.split(r",\s+(?:and\s+)?|\s+and\s+", m.group(0))) for m in _NAMES_RE.finditer(normalize(evidence))}


def number_signal(claim: str, evidence: str, stated: set[str] = frozenset()) -> Signal:
    """Every number of the claim must be stated by, or follow from, the evidence (years go to date_signal).

    Evidence ordinals count as numbers ('ten years after' is stated by 'the tenth anniversary of'); `stated` are
    numbers found to follow from the evidence otherwise (the span between two dated events).
    """
    have = numbers(evidence) + ordinals(evidence)
    days = [Number(float(d), "number", str(d), "days") for _, _, d in dates(evidence) if d]
    # "at seven" may be said of "7:52"; "won by seven goals" of "won 10-3"
    have += [Number(float(int(h.value // 60) or 12), "number", h.raw) for h in have if h.kind == "time"] + \
        [Number(abs(h.value // 100 - h.value % 100), "number", h.raw) for h in have if h.kind == "score"]
    signal = Signal("number")
    # "the four men" counts the people the evidence names: "Burke, Wills, King and Gray"
    counted = {int(m.group(1)) for m in _PEOPLE_COUNT_RE.finditer(words_to_digits(normalize(claim)))} & _named_groups(evidence)
    for n in numbers(claim):
        if n.kind == "year":
            continue
        signal.items.append(n.raw)
        if n.kind == "time":
            ok = any(h.kind == "time" and h.value == n.value for h in have)
        elif n.kind == "score":  # the same score, however the evidence leads up to it
            ok = any(h.kind == "score" and h.value == n.value for h in have) or \
                bool(re.search(rf"(?<![\w.-]){re.escape(n.raw)}(?![\w-])", normalize(evidence)))
        elif n.kind == "vague":
            ok = any(h.value >= n.value for h in have if h.kind in ("number", "vague"))
        elif n.kind == "decade":
            ok = any(h.kind in ("decade", "year") and n.value <= h.value < n.value + 10 for h in have)
        else:
            same = [h for h in have if h.kind in (n.kind, "number") or (h.kind == "year" and not n.hedge)]
            # "Under the 1996 Principles": a year-like number after a hedge word still names that year.
            ok = any(_fits(n, h) for h in same) or _derived(n, have + days) or \
                any(h.kind == "year" and h.value == n.value for h in have) or _date_gap(n, [evidence, claim]) or \
                _same_duration(n, evidence) or (not n.unit and n.value in counted) or n.raw in stated
        if n.kind == "number" and _unit_swapped(n, have):
            # "65 minutes behind" where the evidence has "65 hours behind": the figure kept, its unit changed
            signal.missing.append(n.raw)
            signal.conflicts.append(n.raw)
            continue
        if ok and n.kind == "number" and not n.unit and _counts_another(n, claim, evidence):
            signal.missing.append(n.raw)
            signal.conflicts.append(n.raw)
            continue
        if not ok:
            signal.missing.append(n.raw)
            if any(h.kind == n.kind and (not n.unit or h.unit in (n.unit, "")) for h in have) or \
                    any(_close(n.value, h.value) and h.unit and n.unit and h.unit != n.unit for h in have):
                signal.conflicts.append(n.raw)
    return signal


def _unit_swapped(n: Number, have: list[Number]) -> bool:
    """Tell whether the evidence gives the claim's figure in another unit of the same measure, one that makes it
    another amount ("65 hours" for "65 minutes"), and gives the claim's amount in no unit ("48 hours" for "two days")."""
    if not n.unit:
        return False
    measured = [h for h in have if h.unit and UNITS[h.unit][0] == UNITS[n.unit][0]]
    return any(_close(h.value, n.value) for h in measured) and \
        not any(abs(_in_base(h) - _in_base(n)) <= 0.02 * _in_base(n) for h in measured)


_COUNTED_RE = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(\s+|-)([a-z][a-z-]+)\b")  # "seven runs", "a 4-cylinder engine"


def _counted(text: str) -> list[tuple[float, str]]:
    """Return (number, what it counts) pairs: "seven runs" gives (7, "run"); "seven for 44" counts nothing said."""
    return [(float(m.group(1)), stem(m.group(3))) for m in _COUNTED_RE.finditer(words_to_digits(normalize(text)))
            if m.group(3) not in STOP and m.group(3) not in UNITS and (m.group(2) == "-" or not m.group(3).endswith("ed"))]


def _counts_another(n: Number, claim: str, evidence: str) -> bool:
    """Tell whether the evidence gives the claim's number to another thing and another number to the claim's thing:
    "won by seven wickets" against "won by seven runs ... 14 wickets in the match"."""
    mine = [what for value, what in _counted(claim) if value == n.value]
    theirs = _counted(evidence)
    return bool(mine) and all((n.value, what) not in theirs for what in mine) and \
        any(value == n.value for value, _ in theirs) and \
        all(any(w == what and value != n.value for value, w in theirs) for what in mine)


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


def years_of(text: str) -> set[int]:
    """Return every year text states, alone or in a date."""
    return {int(n.value) for n in numbers(text) if n.kind == "year"} | {y for y, _, _ in dates(text) if y}


def date_signal(claim: str, evidence: str, document_years: set[int] = frozenset()) -> Signal:
    """Every year, month and day the claim states must be stated in the evidence.

    A full date whose evidence gives only day and month ("3 March" for "3 March 1921") is stated when the
    same document gives that year elsewhere: articles name the year once and then write days and months.
    """
    have = dates(evidence)
    years = years_of(evidence)
    signal = Signal("date")
    stated = dates(claim)
    for year, month, day in stated:
        raw = "-".join(str(x) for x in (year, month, day) if x)
        signal.items.append(raw)
        ok = any(m == month and (day is None or d == day) and (year is None or y in (year, None)) for y, m, d in have)
        yearless = year is not None and year in document_years and \
            any(m == month and y is None and (day is None or d == day) for y, m, d in have)
        if not ok or (year is not None and year not in years and not yearless):
            signal.missing.append(raw)
            if any(m != month or (day and d and d != day) or (year and y and y != year) for y, m, d in have):
                signal.conflicts.append(raw)
    for year, month, day in stated:
        raw = "-".join(str(x) for x in (year, month, day) if x)
        if raw in signal.missing or not year:
            continue
        other = _dated_otherwise(claim, evidence, (year, month, day))
        if other:
            signal.missing.append(raw)
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


EVENT_SHARE = 0.6


def _dated_otherwise(claim: str, evidence: str, when: tuple) -> bool:
    """Tell whether the evidence sentence that tells of the claim's event dates it otherwise: "The ship left
    Norway in August 1910" for "left Norway in September 1910", though "in September" is said elsewhere."""
    from agent.text import split_sentences

    event = set(stems(_DATE_RE.sub(" ", claim))) - _DATE_WORDS
    if len(event) < 2:
        return False
    best, found, best_sentence = 0.0, [], ""
    for sentence in split_sentences(normalize(evidence)):
        share = len(event & set(stems(sentence))) / len(event)
        if share > best:
            best, found, best_sentence = share, dates(sentence), sentence
    year, month, day = when
    if best < EVENT_SHARE or not found:
        return False
    named = set(stems(" ".join(w for w in re.findall(r"(?<=\s)[A-Z][\w'-]*", _DATE_RE.sub(" ", normalize(claim))))))
    if named - set(stems(best_sentence)):
        return False  # a place or person the sentence does not name: another event ("went on sale in Britain")
    same = any(m == month and (day is None or d in (day, None)) and y in (year, None) for y, m, d in found)
    return not same and any(y == year and m != month for y, m, _ in found)


_DATE_WORDS = frozenset(stems("in on of the by during early late mid year month day"))


_DURATION_HEDGE_RE = re.compile(r"\b(?:about|around|roughly|some|nearly|almost|only|just|barely|more\s+than|less\s+than|"
                                r"over|under)\s+$", re.IGNORECASE)


def _durations(text: str) -> list[tuple[float, set[str], set[str], bool]]:
    """Return the lengths of time of a text, in days, with the content words just before (past a hedge) and after."""
    plain = words_to_digits(normalize(text))
    found = []
    for m in _DURATION_RE.finditer(plain):
        count = 1.0 if m.group(1).lower() in ("a", "an", "one") else float(m.group(1))
        unit = m.group(2).lower().replace("centur", "century")
        before = re.split(r"[;:.!?]", _DURATION_HEDGE_RE.sub("", plain[max(0, m.start() - 60): m.start()]))[-1]
        after = re.split(r"[,;:.!?]", re.sub(r"^(?:'s|s)\b", "", plain[m.end(): m.end() + 40]))[0]
        near = lambda words: {s for s in stems(" ".join(words)) if s and s not in STOP}  # noqa: E731
        if re.match(r"\s*(?:old|of\s+age)\b", after) or re.search(r"\baged\s*$", before):
            continue  # an age, said of one moment or another
        hedged = bool(_DURATION_HEDGE_RE.search(plain[max(0, m.start() - 20): m.start()]))
        found.append((count * _DURATION_DAYS[unit], near(before.split()[-3:]), near(after.split()[:2]), hedged))
    return found


def duration_signal(claim: str, evidence: str, passages: str = "") -> Signal:
    """Flag a length of time the evidence gives otherwise in the claim's own words around it: "put off by a week"
    for "put off by two days", "about a week's sail from the coast" for "about a day's sail from the coast". A
    length the evidence or its whole passages also give, in any unit, is no conflict; a hedged one ("almost six
    days", "less than six years") only against one at least twice or half as long; an age is none."""
    signal = Signal("duration")
    names = set(re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", normalize(claim).strip()))
    # a sentence naming none of the claim's names is about someone else ("His patient, Kasperak, lived for 15 days")
    have = [d for sentence in split_sentences(normalize(evidence))
            if not names or names & set(re.findall(r"\b[A-Z][a-z]+", sentence)) for d in _durations(sentence)]
    anywhere = _durations(evidence) + _durations(passages)
    for days, before, after, hedged in _durations(claim):
        signal.items.append(f"{days:g} days")
        if any(abs(d - days) <= 0.02 * days for d, *_ in anywhere):
            continue
        other = [d for d, b, a, _ in have if (before & b or after & a) and
                 (not hedged or max(d, days) >= 2 * min(d, days))]
        if other:
            signal.conflicts.append(f"the evidence gives {other[0]:g} days there, not {days:g}")
    return signal


# ---- relations of time and size in words ---------------------------------------------------------

_TIME_NOUN = r"(day|morning|afternoon|evening|night|week|weekend|month|year|spring|summer|autumn|fall|winter)"
# "the very next day", "the following morning", "that same week": a time told from another event, in words
_NEXT_RE = re.compile(rf"\b(?:the\s+|that\s+)?(?:very\s+)?(next|following|same)\s+{_TIME_NOUN}\b", re.IGNORECASE)
# "a few months later", "only several weeks after": a vague gap no date gives
_FEW_RE = re.compile(r"\b(?:only\s+|just\s+)?(?:a\s+few|several|a\s+couple\s+of)\s+(hours|days|weeks|months|years)\s+"
                     r"(later|after|earlier|before)\b", re.IGNORECASE)
_GAP_RE = re.compile(r"\b(?:a\s+few|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                     r"(?:hours?|days?|nights?|weeks?|months?|years?)\s+(?:after|later|before|earlier)\b")
_SAME_TIME = {"next": {"next", "following"}, "following": {"next", "following"}, "same": {"same"}}
# "the day after the company was founded", "a day later": the next day, told from the other event
_DAY_AFTER = r"\b(?:the|a|one)\s+{noun}\s+(?:after|later)\b"
_DAY_AFTER_RE = re.compile(_DAY_AFTER.format(noun=_TIME_NOUN), re.IGNORECASE)
# "on the same day", "that day", "on the day she sailed": the evidence puts the two at one time
_SAME_DAY_RE = r"\b(?:(?:the|that)\s+(?:very\s+)?same\s+{noun}|on\s+that\s+{noun}|on\s+the\s+{noun}\s+(?:that\s+|when\s+)?(?:he|she|they|it|we)\s+[a-z]+)\b"


def timing_signal(claim: str, evidence: str) -> Signal:
    """Flag a time told in words from another event ("the very next day", "a few months later") where the evidence
    tells it in no such words: it gives another gap ("two days after the crash") or a date, not this one."""
    signal = Signal("timing")
    text, have = normalize(claim), normalize(evidence).lower()
    # the evidence tells a gap in words of its own; with dates alone, "the next day" may be what they give
    gap = _GAP_RE.search(have)
    told = [(m, m.group(1).lower(), m.group(2).lower()) for m in _NEXT_RE.finditer(text)] + \
        [(m, "next", m.group(1).lower()) for m in _DAY_AFTER_RE.finditer(text)]
    for m, kind, noun in told:
        signal.items.append(m.group(0))
        if any(re.search(rf"\b{word}\s+(?:\w+\s+)?{noun}", have) for word in _SAME_TIME[kind]) or \
                (kind != "same" and re.search(_DAY_AFTER.format(noun=noun), have)):
            continue
        same = re.search(_SAME_DAY_RE.format(noun=noun), have) if kind != "same" else None
        if gap or same:
            signal.missing.append(f"the evidence does not say \"{m.group(0)}\" but \"{(gap or same).group(0)}\"")
    for m in _FEW_RE.finditer(text):
        signal.items.append(m.group(0))
        unit = m.group(1).lower()
        if not re.search(rf"\b(?:few|several|couple\s+of|some)\s+{unit}\b", have):
            signal.missing.append(f"the evidence does not say \"{m.group(0)}\"")
    return signal


# "twice as much", "three times the size", "half the bending", "double the cost": a ratio in words
_RATIO_RE = re.compile(r"\b(twice|double|triple|treble|thrice|half|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+times)"
                       r"\s+(?:as\b|the\b|that\b|of\b|what\b|its\b|their\b)", re.IGNORECASE)
_SAME_RATIO = {"twice": {"twice", "double", "two times", "2 times"}, "double": {"twice", "double", "two times", "2 times"},
               "triple": {"triple", "treble", "thrice", "three times", "3 times"}}


def ratio_signal(claim: str, evidence: str) -> Signal:
    """Flag a ratio in words ("about twice as much as the rents") the evidence does not give ("about as much as")."""
    signal = Signal("ratio")
    have = normalize(evidence).lower()
    for m in _RATIO_RE.finditer(normalize(claim)):
        ratio = re.sub(r"\s+", " ", m.group(1).lower())
        signal.items.append(ratio)
        same = _SAME_RATIO.get(ratio, _SAME_RATIO["triple"] if ratio in ("treble", "thrice") else {ratio})
        if not any(re.search(rf"\b{re.escape(word)}\b", have) for word in same):
            signal.missing.append(f"the evidence gives no such ratio: \"{m.group(0).strip()}\"")
    return signal


# "came third", "finished second", "placed fifth": a place in a race or a ranking
_PLACE_RE = re.compile(rf"\b(?:came|finished|placed|ended|ranked|crossed\s+the\s+line)\s+(?:in\s+)?"
                       rf"(first|second|{'|'.join(sorted(_ORDINALS, key=len, reverse=True))}|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)
_PLACE_NAME_RE = re.compile(r"\b[A-Z][\w'’-]+(?=\s|,)")


def _place(word: str) -> int:
    word = word.lower()
    return int(word[:-2]) if word[:-2].isdigit() else _FIRSTS.get(word) or _ORDINALS[word]


def place_signal(claim: str, evidence: str) -> Signal:
    """Flag a place in a race the evidence gives the claim's name otherwise: "Vasilakos came third" where the
    sentence naming Vasilakos says he "came second" (another sentence's "third place" is someone else's)."""
    signal = Signal("place")
    text = normalize(claim)
    m = _PLACE_RE.search(text)
    names = [n for n in _PLACE_NAME_RE.findall(text[: m.start()])] if m else []
    if not m or not names:
        return signal
    signal.items.append(m.group(0))
    last = names[-1]
    theirs = {_place(p.group(1)) for sentence in split_sentences(normalize(evidence)) if re.search(rf"\b{re.escape(last)}\b", sentence)
              for p in _PLACE_RE.finditer(sentence, sentence.find(last) + len(last))
              if not _PLACE_NAME_RE.search(sentence[sentence.find(last) + len(last): p.start()])}
    if theirs and _place(m.group(1)) not in theirs:
        signal.conflicts.append(f"the evidence says {last} {' or '.join(sorted(_ORDINAL_WORDS.get(v, str(v)) for v in theirs))}, "
                                f"not \"{m.group(0)}\"")
    return signal


_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
