"""Text normalization shared by the fact-check: quote marks, dashes, number words, light stemming."""

from __future__ import annotations

import re
from functools import lru_cache

from agent.text import normalize, tokens

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

# Words that often start a sentence; a capital there says nothing about a name.
STARTERS = frozenset(
    "within after before during when while although though however perhaps despite since because unlike meanwhile "
    "still yet today now later soon then there here what who why how where which some many most others each every "
    "both all one no none even just only over under through throughout across around among between against toward "
    "towards behind beyond inside outside instead rather whether once thus hence indeed finally first second third next "
    "last early late suddenly eventually ultimately nevertheless nonetheless furthermore moreover besides also "
    "according along amid until unless upon without with from into onto like such several few another other "
    "everyone everything someone something nobody nothing anyone anything".split()
)


def squash(text: str) -> str:
    """Return normalized text for verbatim matching: plain quotes, no spaces around dashes, lowercase."""
    text = normalize(text)
    text = re.sub(r"\s*-\s*", "-", text)
    return text.lower()


_SUFFIXES = ("ations", "ation", "ingly", "ments", "ment", "ings", "ness", "ing", "ies", "ied", "ers", "est",
             "ed", "es", "er", "ly", "s", "e")


_BRITISH = {"tre": "ter", "our": "or", "ise": "ize", "isa": "iza", "yse": "yze"}
_BRITISH_RE = re.compile(r"(?<=\w{3})(tre|our|ise|isa|yse)(s|d|r|rs|tion|tions|ing)?$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem so that 'released', 'release' and 'releases' meet; never shorter than 3 letters."""
    word = word.lower()
    if word.isdigit() or len(word) <= 3:
        return word
    word = _BRITISH_RE.sub(lambda m: _BRITISH[m.group(1)] + (m.group(2) or ""), word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """Return the stems of the content words of text (stopwords and bare numbers dropped: numbers are checked apart)."""
    return [stem(t) for t in tokens(words_to_digits(normalize(text))) if not t.isdigit()]


NUMBER_WORDS = "|".join(sorted([*SMALL, *SCALES], key=len, reverse=True))
_RUN_RE = re.compile(rf"\b(?:a\s+(?=(?:{'|'.join(SCALES)})\b))?(?:{NUMBER_WORDS})(?:(?:[\s-]+|\s+and\s+)(?:{NUMBER_WORDS}))*\b",
                     re.IGNORECASE)
FRACTIONS = {"half": 0.5, "quarter": 0.25}
_FRACTION_RE = re.compile(r"\b(?:a\s+)?(half|quarter)\s+(?:of\s+)?an?\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)
_IDENT_WORD_RE = re.compile(rf"\b([A-Z][A-Za-z]*)-({'|'.join(SMALL)})\b")


_SMALL_OR_DIGITS = rf"(?:\d+|{'|'.join(sorted(SMALL, key=len, reverse=True))})"
_AND_A_HALF_RE = re.compile(
    rf"\b(?:({_SMALL_OR_DIGITS})\s+and\s+a\s+(half|quarter)(?:\s+(thousand|million|billion|trillion))?|"
    rf"an?\s+(thousand|million|billion|trillion)\s+and\s+a\s+(half|quarter))\b", re.IGNORECASE)


# "two dozen porters" → 24, "half a dozen" → 6 ("dozens of" stays words: no count)
_DOZEN_RE = re.compile(rf"\b(?:(half\s+a)|({_SMALL_OR_DIGITS}|an?))\s+dozen\b(?!s)", re.IGNORECASE)


def _dozen(m: re.Match) -> str:
    if m.group(1):
        return "6"
    count = m.group(2).lower()
    return str(12 * (1 if count in ("a", "an") else int(count) if count.isdigit() else SMALL[count]))


def _and_a_half(m: re.Match) -> str:
    """'two and a half million' → 2500000; 'three and a half' → 3.5; 'a million and a half' → 1500000."""
    if m.group(4):
        whole, part, scale = 1.0, FRACTIONS[m.group(5).lower()], SCALES[m.group(4).lower()]
    else:
        raw = m.group(1).lower()
        whole = float(raw) if raw.isdigit() else float(SMALL[raw])
        part, scale = FRACTIONS[m.group(2).lower()], SCALES.get((m.group(3) or "").lower(), 1)
    value = (whole + part) * scale
    return str(int(value)) if value.is_integer() else str(value)


def _value(words: list[str]) -> int | None:
    total, current, seen_small = 0, 0, False
    for word in words:
        if word in SMALL:
            current += SMALL[word]
            seen_small = True
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * int(SCALES[word])
            current = 0
    if not seen_small and words[0] != "a":
        return None  # a bare "hundred" or "million" is not a number
    return total + current


def words_to_digits(text: str) -> str:
    """Replace number words with digits ('three hundred and fifty thousand' → 350000, 'GPT-two' → GPT-2).

    'one' alone stays a word: it is far more often a pronoun ('one of them') than a count.
    """
    text = _IDENT_WORD_RE.sub(lambda m: f"{m.group(1)}-{SMALL[m.group(2).lower()]}", text)
    text = _AND_A_HALF_RE.sub(_and_a_half, text)
    text = _DOZEN_RE.sub(_dozen, text)
    text = _FRACTION_RE.sub(lambda m: str(int(FRACTIONS[m.group(1).lower()] * SCALES[m.group(2).lower()])), text)

    def convert(words: list[str], original: str) -> str:
        value = _value(words)
        return original if value is None or words == ["one"] else str(value)

    def run(m: re.Match) -> str:
        # "and" joins a number only after a scale word: "three hundred and fifty", not "one and two"
        parts = re.split(r"\s+and\s+", m.group(0))
        out, words, original = [], [], []
        for part in parts:
            piece = [w for w in re.split(r"[\s-]+", part.lower()) if w]
            if words and words[-1] not in SCALES:
                out.append(convert(words, " ".join(original)))
                words, original = [], []
            words += piece
            original.append(part)
        out.append(convert(words, " and ".join(original)))
        return " and ".join(out)

    return _RUN_RE.sub(run, text)


# ---- general-purpose equivalences ----------------------------------------------------------------

# Plain English words (and a few phrasal verbs) that say the same thing, for how much of a claim its evidence
# covers: "the whole stairway" covers "the full staircase". Generic words only, never a topic's own terms,
# and never near-opposites or words with a common second sense ("close", "present", "address").
EQUIVALENT_WORDS = (
    "small little tiny", "large big", "begin began begun start commence", "end finish", "whole full entire",
    "every each", "stairway staircase", "reach arrive", "build built construct", "make made produce manufacture",
    "buy bought purchase", "choose chose chosen select", "help aid assist", "try attempt", "leave left depart",
    "die perish", "show display exhibit", "get got receive obtain", "answer reply respond", "hard difficult",
    "fast quick rapid swift", "ship vessel", "journey trip", "fear dread alarm", "tilted sloping slanted",
    "shelf ledge", "postpone delay", "fund finance", "famous renowned", "enough sufficient", "often frequently",
    "worker labourer laborer workman", "mistake error", "picture photograph photo", "sick ill", "award prize",
    "marry wed", "sea ocean", "reject refuse", "abandon", "return", "alone", "discover", "perform",
)
EQUIVALENT_PHRASES = (
    (r"\b(?:came|come|comes|coming|went|go|goes|going|got|get|gets|getting|made|make|making)\s+(?:it\s+)?back\b", "return"),
    (r"\b(?:put|puts|putting)\s+off\b", "postpone"),
    (r"\b(?:on\s+(?:his|her|their|its)\s+own|by\s+(?:himself|herself|themselves|itself))\b", "alone"),
    (r"\b(?:set|sets|setting)\s+(?:off|out)\b", "depart"),
    (r"\b(?:found|find|finds|finding)\s+out\b", "discover"),
    (r"\b(?:carried|carry|carries|carrying)\s+out\b", "perform"),
    (r"\b(?:gave|give|gives|giving)\s+up\b", "abandon"),
    (r"\b(?:turned|turn|turns|turning)\s+down\b", "reject"),
)
_PHRASES = [(re.compile(pattern, re.IGNORECASE), word) for pattern, word in EQUIVALENT_PHRASES]
_CANONICAL = {stem(word): stem(group.split()[0]) for group in EQUIVALENT_WORDS for word in group.split()}


def meaning_stems(text: str) -> list[str]:
    """Return the stems of text with general-purpose equivalents made one (see EQUIVALENT_WORDS), for coverage."""
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    return [_CANONICAL.get(s, s) for s in stems(text)]
