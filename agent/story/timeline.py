"""When the events of a sentence happen, so chapters and the facts inside them go in time order.

A sentence's time, as a year with the month as a fraction ("November 2022" is 2022.83):
- the dates it names ("On 7 January 1914", "in 2020");
- or a span counted from the story's central event ("three months after its launch", "in the weeks after
  the release", "almost a year before"): the central event is the month the sources name most often;
- or a span counted back from when its source was written ("about nine years ago" in an essay of 2025).
A sentence with none of these has no time: it keeps its place among the others.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from agent.factcheck.quantities import dates, years_of
from agent.text import split_sentences, tokens

UNIT_YEARS = {"day": 1 / 365, "week": 1 / 52, "month": 1 / 12, "year": 1.0, "decade": 10.0}
_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
            "several": 3, "few": 3, "some": 3, "many": 5, "couple": 2}
_AMOUNT = r"(?P<amount>\d+|" + "|".join(sorted(_AMOUNTS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
# "three months after", "a year later", "almost a year before", "nine years ago"
_SPAN_RE = re.compile(rf"\b{_AMOUNT}(?:\s+of)?\s+{_UNIT}\s+(?P<way>after|later|afterwards|before|earlier|ago)\b", re.IGNORECASE)
# "in the days after the release", "during the months before", "within weeks of"
_PERIOD_RE = re.compile(rf"\b(?:in|during|within|over)\s+(?:the\s+)?(?:first\s+|next\s+|few\s+)*{_UNIT}\s+"
                        r"(?P<way>after|following|before|leading up to|of)\b", re.IGNORECASE)
_AFTER = {"after", "later", "afterwards", "following", "of"}
_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "jan feb mar apr jun jul aug sep sept oct nov dec late early mid".split())


def as_year(year: int, month: int | None = None) -> float:
    """Return a date as a year with the month as a fraction of it."""
    return year + ((month - 1) / 12 if month else 0.0)


def named_times(text: str) -> list[float]:
    """Return the dates a text names, as fractional years (a year named alone counts as its start)."""
    found = [(y, m) for y, m, _ in dates(text) if y]
    return [as_year(y, m) for y, m in found] + [float(y) for y in sorted(years_of(text) - {y for y, _ in found})]


def written_time(date: str) -> float | None:
    """Return when a source was written, from its front matter's date ("2025-01-05", "2023"), if it has one."""
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?", date or "")
    return as_year(int(match.group(1)), int(match.group(2)) if match.group(2) else None) if match else None


def central_time(texts: list[str]) -> float | None:
    """Return the time of the story's central event: the month (else the year) its texts name most often."""
    months = Counter(as_year(y, m) for text in texts for y, m, _ in dates(text) if y and m)
    if months:
        return max(months, key=lambda t: (months[t], -t))
    years = Counter(y for text in texts for y in years_of(text))
    return float(max(years, key=lambda y: (years[y], -y))) if years else None


def _amount(word: str) -> float:
    word = word.lower()
    return float(word) if word.isdigit() else float(_AMOUNTS.get(word, 1))


def sentence_time(sentence: str, centre: float | None = None, written: float | None = None) -> float | None:
    """Return when a sentence's events happen (see the module's docstring), or None when it does not say."""
    named = named_times(sentence)
    if named:
        return median(named)
    for match in _SPAN_RE.finditer(sentence):
        span = _amount(match.group("amount")) * UNIT_YEARS[match.group("unit").lower()]
        way = match.group("way").lower()
        if way == "ago":
            if written is not None:
                return written - span
        elif centre is not None:
            return centre + span if way in _AFTER else centre - span
    match = _PERIOD_RE.search(sentence)
    if match and centre is not None:
        span = UNIT_YEARS[match.group("unit").lower()]
        return centre + span if match.group("way").lower() in _AFTER else centre - span
    return None


def in_order(items: list, times: list[float | None]) -> list:
    """Put the items that have a time in the order of their times, in the places the timed items held; an
    item without a time keeps its place (a stable sort: equal times keep their order)."""
    timed = [i for i, t in enumerate(times) if t is not None]
    order = list(range(len(items)))
    for place, i in zip(timed, sorted(timed, key=lambda i: (times[i], i))):
        order[place] = i
    return [items[i] for i in order]


def same_event(a: str, b: str) -> bool:
    """Tell whether two sentences tell one event: they name the same month (see same_moment) and share two
    words besides the date ("released ChatGPT on November 30, 2022" and "put ChatGPT out in late November
    2022", both about OpenAI)."""
    if not same_moment(a, b):
        return False
    dated = set(tokens(" ".join(f"{y} {m} {d}" for y, m, d in dates(a) + dates(b)))) | _MONTH_WORDS
    return len((set(tokens(a)) & set(tokens(b))) - dated) >= 2


def same_moment(a: str, b: str) -> bool:
    """Tell whether two sentences name the same month of the same year (a day, if both give one, must agree)."""
    left = {(y, m, d) for y, m, d in dates(a) if y and m}
    right = {(y, m, d) for y, m, d in dates(b) if y and m}
    return any(y1 == y2 and m1 == m2 and (d1 is None or d2 is None or d1 == d2)
               for y1, m1, d1 in left for y2, m2, d2 in right)


class Clock:
    """Tells the time of a library's sentences and passages, counting spans from its central event and from
    when each source was written."""

    def __init__(self, library):
        self.library = library
        self.centre = central_time([p.text for p in library.passages])
        self.written = {s.id: written_time(s.date) for s in library.sources}

    def sentence(self, text: str, source_id: str | None = None) -> float | None:
        """Return when a sentence of the given source happens, or None."""
        return sentence_time(text, self.centre, self.written.get(source_id))

    def passages(self, passage_ids: list[str]) -> float | None:
        """Return when a group of passages happens: the median time of their sentences that have one."""
        times = []
        for pid in passage_ids:
            passage = self.library.get(pid)
            if passage is not None:
                times += [t for s in split_sentences(" ".join(passage.text.split()))
                          if (t := self.sentence(s, passage.source_id)) is not None]
        return median(times) if times else None
