"""The rest of a flagged atom: what it still says without the phrase that made a rule flag it.

An atom the splitter could not cut further ("The tunnels run for about 50 kilometres, and at their deepest they
lie 75 feet below sea level") is flagged whole for one value, name or relation the evidence lacks or gives
otherwise. The reader should still learn that the rest of it stands: the checker (agent.factcheck.checker.narrowed)
judges the atom without each phrase listed here, and reports a rest the evidence supports as an atom of its own.
The flagged atom stays as it was, so the sentence keeps its verdict.

A phrase here is one of: a part set off by commas (alone, with every part after it, or up to an "and" within it:
a list's item before its last), a run from a preposition, an "and"/"or" or a relative pronoun to the end of its
part ("within five months", "and Stephen Langton", "that took a northern route"), a number's own words ("a
council of 52 barons" without 52), a figure with its unit ("ran 396 yards from", when the atom holds no other figure
in digits: two figures side by side are compared as a pair), a count that makes an adjective ("a 30-inch
telescope"), a time of day, a date, an ordinal ("the second Nobel Prize"), a name joined to another by "and", or a
span in words, alone or with the event it counts from ("within days of the launch", "a week after the opening").
"""

from __future__ import annotations

import re

from agent.factcheck.atoms import SMALL_NUMBERS
from agent.factcheck.quantities import ORDINAL_WORDS, UNITS
from agent.factcheck.text import MONTHS
from agent.factcheck.relations import span_phrases

# A remainder keeps at least this many words, and this share of the atom's.
MIN_WORDS = 4
MIN_SHARE = 0.4

_PREPOSITIONS = ("in on at by after before during within from for near over under across along through with "
                 "without to into towards since until among").split()
_LINK_RE = re.compile(rf"\s+(?:and|or|that|which|who|whose|{'|'.join(_PREPOSITIONS)})\s+")
_PART_RE = re.compile(r",\s+|;\s+|\s+[-–—]\s+")
_NUMBER_WORDS = "|".join(SMALL_NUMBERS)
# a count after a determiner or "of": "the four men", "a council of 52 barons"
_VALUE_RE = re.compile(
    rf"\b(?:of|the|all|his|her|its|our)\s+(?P<value>(?:(?:about|some|nearly|almost|around|roughly|over|under|just|only)\s+)?(?:[£$€]\s?)?"
    rf"(?:\d[\d,.]*\d|\d|\b(?:{_NUMBER_WORDS})\b)(?:[-\s]+(?:{_NUMBER_WORDS})\b)*"
    rf"(?:\s+per\s+cent|\s*%)?)", re.IGNORECASE)
_UNIT_WORDS = "|".join(sorted({w for w in UNITS if w.isalpha() and len(w) > 2} |
                              {"light-years", "light-year", "knots", "acres", "per cent", "percent"}, key=len, reverse=True))
# a figure with its unit, after a verb or a preposition: "ran 396 yards from", "raised about £15 million for" (not
# "carried 500 passengers": the count of a thing stays with the thing)
_MEASURE_RE = re.compile(
    rf"\b(?P<value>(?:for\s+)?(?:(?:about|some|nearly|almost|around|roughly|over|under|just|only|barely|more\s+than|less\s+than|"
    rf"at\s+least|up\s+to)\s+)?(?:[£$€]\s?)?(?:\d[\d,.]*\d|\d|\b(?:{_NUMBER_WORDS})\b)(?:\s+(?:million|billion|thousand))?"
    rf"(?:\s+(?P<unit>{_UNIT_WORDS})(?:'|\b)(?:\s+(?:away|long|high|wide|deep|across)|\s+of(?=\s))?)?)"
    r"(?(unit)|(?=\s+(?:from|for|to|into|in|at|on|by|with|before|after|below|above|across|along|over|under)\b|[,;]|[.!?]?$))",
    re.IGNORECASE)
_FIGURE_RE = re.compile(r"\d[\d,.]*")
# a count that makes an adjective ("a 30-inch telescope", "a two-cylinder engine"), a time of day ("at 5:52"), a
# date ("in June 1799", "on 3 May 1921") and an ordinal ("the second Nobel Prize", "his third son") go on their own
_COMPOUND_RE = re.compile(rf"(?:(?<=\ba )|(?<=\ban ))(?:\d[\d,.]*|(?:{_NUMBER_WORDS}))-[a-z]+\s+(?=[a-z])", re.IGNORECASE)
_TIME_RE = re.compile(r"(?:\bat\s+(?:about\s+|around\s+)?\d{1,2}[:.]\d{2}|\b\d{1,2}:\d{2})(?:\s*[ap]\.?m\.?)?(?=[\s,.;])")
_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS if len(m) > 3)
_DATE_PHRASE_RE = re.compile(rf"\b(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring)\s+(?:(?:early|late|mid-)\s*)?(?:\d{{1,2}}\s+)?"
                             rf"(?:(?:{_MONTH_NAMES})\s+)?(?:\d{{1,2}},?\s+)?\d{{4}}\b")
_ORDINALS = "|".join(sorted(ORDINAL_WORDS - {"last"}, key=len, reverse=True))
# lower case only ("the First Round Table Conference" is a name's), and not before "of" ("a third of": a share)
_ORDINAL_CUT_RE = re.compile(rf"(?:(?<=\bthe )|(?<=\bhis )|(?<=\bher )|(?<=\bits )|(?<=\btheir )|(?<=\ba ))"
                             rf"(?:{_ORDINALS})\s+(?!of\b)(?=\w)")
# a name joined to another by "and": "Queen's Park and Vale of Leven were", "Heathcote and John Walsh were making"
_AND_NAME_RE = re.compile(r"\s+and\s+(?:the\s+(?:[a-z][\w'-]*\s+){0,2})?[A-Z][\w'.-]*"
                          r"(?:\s+(?:(?:of|de|du|von|van)\s+)?[A-Z][\w'.-]*){0,3}(?=\s+[a-z]|,)")
# what a span counts from, when "of" names it: "within days of the launch", "within a month of ChatGPT's release"
_SPAN_OF_RE = re.compile(r"\s+of\s+(?:(?:the|a|an|his|her|its|their|this|that)\s+)?[\w'’-]+(?:'s\s+[\w-]+)?")


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;-–—")
    text = re.sub(r"\s+(?:and|or)$", "", text)  # "78 feet long and 27 feet wide" without the second
    text = re.sub(r"\s+(?:in|on|at|by|for|from|to|within|after|before|of)$", "", text)  # "100 million users in"
    text = re.sub(r"\s+([,;.])", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def remainders(claim: str) -> list[str]:
    """Return the claim without each of its phrases, least removed first (see the module's docstring)."""
    body = claim.rstrip().rstrip(".!?")
    end = claim.rstrip()[len(body):] or "."
    cuts: set[tuple[int, int]] = set()
    parts = [0] + [m.end() for m in _PART_RE.finditer(body)]
    bounds = [m.start() for m in _PART_RE.finditer(body)] + [len(body)]
    if len(parts) > 1:
        cuts.add((0, parts[1]))
        for i in range(1, len(parts)):
            cuts.add((bounds[i - 1], bounds[i]))
            cuts.add((bounds[i - 1], len(body)))  # this part and all after it: "..., taking six camels, one horse"
            joined = re.search(r"\s+(?:and|or)\s+", body[parts[i]:bounds[i]])
            if joined:  # a list's item before its last: "fish, kangaroo meat and cakes" without "kangaroo meat"
                cuts.add((bounds[i - 1], parts[i] + joined.start()))
    for m in _LINK_RE.finditer(body):
        stop = next((b for b in bounds if b >= m.end()), len(body))
        if m.start() > 0:
            cuts.add((m.start(), stop))
    for m in _VALUE_RE.finditer(body):
        cuts.add(m.span("value"))
    if len(_FIGURE_RE.findall(body)) <= 1:  # of two figures side by side, neither goes: which is which is what is checked
        for m in _MEASURE_RE.finditer(body):
            cuts.add(m.span("value"))
    for m in _AND_NAME_RE.finditer(body):
        cuts.add(m.span())
    for pattern in (_COMPOUND_RE, _TIME_RE, _DATE_PHRASE_RE, _ORDINAL_CUT_RE):
        for m in pattern.finditer(body):
            cuts.add(m.span())
    for start, stop in span_phrases(body):
        # a span in words, alone ("within days") or with what it counts from ("a week after the opening")
        cuts.add((start, stop))
        of = _SPAN_OF_RE.match(body[stop:])
        cuts.add((start, stop + of.end()) if of else (start, next((b for b in bounds if b >= stop), len(body))))
    total = _words(body)
    out: dict[str, None] = {}
    for start, stop in cuts:
        rest = _tidy(body[:start] + " " + body[stop:])
        if _words(rest) >= max(MIN_WORDS, MIN_SHARE * total) and rest.lower() != body.lower():
            out[rest + end] = None
    return sorted(out, key=len, reverse=True)
