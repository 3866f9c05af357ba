"""Text normalization shared by the fact-check: quote marks, dashes, number words, light stemming."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from agent.references import tokens

_QUOTES = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
    "…": "...", "\u00a0": " ", "\u200b": "",
})
_SPACE_RE = re.compile(r"\s+")

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}
MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for m in names
}


def normalize(text: str) -> str:
    """Return text with curly quotes, dashes, ellipses and whitespace made plain."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE_RE.sub(" ", text).strip()


def squash(text: str) -> str:
    """Return normalized text for verbatim matching: plain quotes, no spaces around dashes, lowercase."""
    text = normalize(text)
    text = re.sub(r"\s*-\s*", "-", text)
    return text.lower()


_SUFFIXES = ("ations", "ation", "ingly", "ments", "ment", "ings", "ness", "ing", "ies", "ied", "ers", "est",
             "ed", "es", "er", "ly", "s", "e")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem so that 'released', 'release' and 'releases' meet; never shorter than 3 letters."""
    word = word.lower()
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """Return the stems of the content words of text (stopwords dropped)."""
    return [stem(t) for t in tokens(words_to_digits(normalize(text)))]


_NUMBER_WORDS = "|".join(sorted(SMALL, key=len, reverse=True))
_COMPOUND_RE = re.compile(rf"\b({_NUMBER_WORDS})-({_NUMBER_WORDS})\b", re.IGNORECASE)
_IDENT_WORD_RE = re.compile(rf"\b([A-Z][A-Za-z]*)-({_NUMBER_WORDS})\b")
_WORD_RE = re.compile(rf"\b({_NUMBER_WORDS})\b", re.IGNORECASE)


def words_to_digits(text: str) -> str:
    """Replace number words with digits ('twenty-five' → 25, 'GPT-two' → GPT-2); 'one' alone stays a word."""
    text = _IDENT_WORD_RE.sub(lambda m: f"{m.group(1)}-{SMALL[m.group(2).lower()]}", text)
    text = _COMPOUND_RE.sub(lambda m: str(SMALL[m.group(1).lower()] + SMALL[m.group(2).lower()])
                            if SMALL[m.group(1).lower()] >= 20 and SMALL[m.group(2).lower()] < 10 else m.group(0), text)

    def word(m: re.Match) -> str:
        value = SMALL[m.group(1).lower()]
        following = text[m.end(): m.end() + 12].lower().lstrip()
        if value == 1 and not following.startswith(tuple(SCALES)):
            return m.group(1)
        return str(value)

    return _WORD_RE.sub(word, text)
