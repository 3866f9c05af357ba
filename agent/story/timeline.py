"""When the events of a sentence happen, so chapters and the facts inside them go in time order.

A sentence's time, as a year with the month as a fraction ("November 2022" is 2022.83):
- the dates it names ("On 7 January 1914", "in 2020");
- or a span counted from the story's central event ("three months after its launch", "in the weeks after
  the release", "almost a year before", "a month after its second birthday"): the central event is the
  month the sources name most often;
- or a span counted back from when its source was written ("about nine years ago" in an essay of 2025);
- or, failing all of these, the time of the first thing it names that the sources date elsewhere: a thing
  made at a date ("OpenAI released GPT-3 in 2020", "GPT-3 in 2020", "the dam, completed in 1936") dates
  the undated sentences that name it ("By the time of GPT-3, they had something cool"); the story's own
  subject, named in most passages, dates nothing.
A sentence with none of these has no time: it keeps its place among the others.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from agent.factcheck.quantities import MONTHS, dates, ordinals, years_of
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
# "after ChatGPT's second birthday", "on the tenth anniversary": that many years after the central event
_ANNIVERSARY_RE = re.compile(r"\b(?P<nth>[\w-]+)\s+(?:birthday|anniversary)\b", re.IGNORECASE)
_AFTER = {"after", "later", "afterwards", "following", "of"}
_MONTH_WORDS = frozenset(MONTHS) | {"late", "early", "mid"}
# a name: capitalised words or words with digits ("GPT-3.5", "Hoover Dam", "Apollo 11"), no sentence-final stop
_NAME = r"(?P<name>[A-Z][\w]*(?:[-.][\w]+)*(?:\s+(?:[A-Z][\w]*|\d+)(?:[-.][\w]+)*)*)"
_MADE = (r"(?:released|launched|introduced|unveiled|founded|built|completed|finished|published|opened|announced|"
         r"debuted|created|shipped|dedicated|discovered|invented|formed|established|started|building|constructing)")
_WHEN = r"(?:in|on|by)\s+(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?\d{4}\b"
# "OpenAI released GPT-3 in 2020", "In 2020, OpenAI launched GPT-3"
_MADE_NAME_RE = re.compile(rf"\b{_MADE}\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|a\s+|an\s+)?{_NAME}")
# "GPT-3 in 2020", "the Hoover Dam, completed in 1936", "InstructGPT was released in January 2022"
_NAME_WHEN_RE = re.compile(rf"{_NAME},?\s+(?:(?:was|were|is|had\s+been)\s+)?(?P<made>{_MADE}\s+)?{_WHEN}")
_NOT_NAMES = frozenset("the a an in on by at of it its his her their this that these those when after before "
                       "during since until and but or as for from with".split()) | _MONTH_WORDS


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
    if centre is not None and (match := _ANNIVERSARY_RE.search(sentence)):
        nth = match.group("nth").lower()
        years = {"first": 1, "second": 2}.get(nth) or next((n.value for n in ordinals(nth)), None)
        if years:
            centre += years  # spans count from the anniversary
            if not _SPAN_RE.search(sentence) and not _PERIOD_RE.search(sentence):
                return centre
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
    2022", both about OpenAI), or one word when both name the same day."""
    if not same_moment(a, b):
        return False
    dated = set(tokens(" ".join(f"{y} {m} {d}" for y, m, d in dates(a) + dates(b)))) | _MONTH_WORDS
    # on the very same day, one shared word is enough ("released ChatGPT on November 30, 2022" and "named it
    # ChatGPT and launched it on November 30, 2022")
    return len((_event_words(a) & _event_words(b)) - dated) >= (1 if _same_day(a, b) else 2)


# words for one kind of event: "ChatGPT's launch in November 2022" and "OpenAI released ChatGPT on November 30"
_LAUNCH_WORDS = frozenset("launch launched launches launching release released releases releasing unveil unveiled "
                          "unveils unveiling debut debuted debuts".split())


def _event_words(text: str) -> set[str]:
    return {"launch" if t in _LAUNCH_WORDS else t for t in tokens(text)}


def _same_day(a: str, b: str) -> bool:
    days = {(y, m, d) for y, m, d in dates(a) if y and m and d}
    return any((y, m, d) in days for y, m, d in dates(b) if y and m and d)


def same_moment(a: str, b: str) -> bool:
    """Tell whether two sentences name the same month of the same year (a day, if both give one, must agree)."""
    left = {(y, m, d) for y, m, d in dates(a) if y and m}
    right = {(y, m, d) for y, m, d in dates(b) if y and m}
    return any(y1 == y2 and m1 == m2 and (d1 is None or d2 is None or d1 == d2)
               for y1, m1, d1 in left for y2, m2, d2 in right)


def _trimmed(name: str) -> str:
    words = name.rstrip(".").split()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    while words and words[-1].lower() in _NOT_NAMES:
        words.pop()
    return " ".join(words)


def made_times(texts: list[str]) -> dict[str, float]:
    """Return when the things the texts say were made happened: a name made at the one date its sentence names
    ("OpenAI released GPT-3 in 2020"), or a name right before a date ("GPT-3 in 2020", for a name with a digit
    in it, as people and places have none; "the dam, completed in 1936"). A thing dated more than once keeps
    its earliest date."""
    found: dict[str, float] = {}
    for text in texts:
        for sentence in split_sentences(" ".join(text.split())):
            times = set(named_times(sentence))
            # a name right before its date takes that date; a name made somewhere in a sentence, its one date
            dated = [(m.group("name"), min(named_times(m.group(0)), default=None)) for m in _NAME_WHEN_RE.finditer(sentence)
                     if m.group("made") or re.search(r"\d", m.group("name"))]
            if len(times) == 1:
                dated += [(m.group("name"), min(times)) for m in _MADE_NAME_RE.finditer(sentence)]
            for name, when in dated:
                name = _trimmed(name)
                if name and when is not None and not re.fullmatch(r"[\d\s.-]+", name):
                    found[name] = min(when, found.get(name, when))
    return found


def _name_re(name: str) -> re.Pattern:
    # "GPT-3" is not "GPT-3.5": a name ends where no word, hyphenated part or decimal goes on
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w]|[-.]\w)")


class Clock:
    """Tells the time of a library's sentences and passages, counting spans from its central event and from
    when each source was written."""

    def __init__(self, library):
        self.library = library
        self.centre = central_time([p.text for p in library.passages])
        self.written = {s.id: written_time(s.date) for s in library.sources}
        texts = [p.text for p in library.passages]
        made = {name: (when, _name_re(name)) for name, when in made_times(texts).items()}
        # the story's own subject (a name in over a third of the passages) is named everywhere and dates nothing
        self.made = {name: (when, pattern) for name, (when, pattern) in made.items()
                     if sum(bool(pattern.search(t)) for t in texts) * 3 <= len(texts)}
        self._times: dict[str, tuple[list[float], list[float]]] = {}

    def sentence(self, text: str, source_id: str | None = None, named: bool = True) -> float | None:
        """Return when a sentence of the given source happens, or None; with `named`, an otherwise undated
        sentence takes the date of the first dated thing it names."""
        told = sentence_time(text, self.centre, self.written.get(source_id))
        return told if told is not None or not named else self.named(text)

    def named(self, text: str) -> float | None:
        """Return the date of the first thing a text names that the sources say was made at a date, or None."""
        hits = [(m.start(), when) for when, pattern in self.made.values() if (m := pattern.search(text))]
        return min(hits)[1] if hits else None

    def _passage(self, pid: str) -> tuple[list[float], list[float]]:
        """Return a passage's sentence times as (told, named): dates and spans; dates of things named."""
        if pid not in self._times:
            passage, told, named = self.library.get(pid), [], []
            for s in split_sentences(" ".join(passage.text.split())) if passage is not None else []:
                if (t := self.sentence(s, passage.source_id, named=False)) is not None:
                    told.append(t)
                elif (t := self.named(s)) is not None:
                    named.append(t)
            self._times[pid] = (told, named)
        return self._times[pid]

    def passages(self, passage_ids: list[str], named: bool = True) -> float | None:
        """Return when a group of passages happens: the median time of their sentences that say when; if none
        does and `named`, the median date of the dated things they name."""
        told = [t for pid in passage_ids for t in self._passage(pid)[0]]
        if told or not named:
            return median(told) if told else None
        found = [t for pid in passage_ids for t in self._passage(pid)[1]]
        return median(found) if found else None
