"""Checks that need no model: verbatim quotes, numbers, dates and named entities, lexical coverage."""

from __future__ import annotations

import re

from agent.references import tokens

QUOTE_RE = re.compile(r"[\"“”]([^\"“”]{12,}?)[\"“”]")
NUMBER_RE = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12})
ENTITY_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z0-9&'-]+(?:\s+[A-Z][a-zA-Z0-9&'-]+)*)")
COMMON = set("The A An In On At By For But And Or It Its This That These Those He She They We I His Her Their Our "
             "When While After Before Within During Since Then There Here What Who How Why As With From To Of "
             "January February March April May June July August September October November December "
             "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Chapter".split())


def normalize(text: str) -> str:
    """Normalize quote marks, dashes and whitespace for verbatim comparison."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("—", "-").replace("–", "-").replace("…", "...")
    return re.sub(r"\s+", " ", text).strip().lower()


def quotes(claim: str) -> list[str]:
    """Return the direct quotes in a claim (at least a few words long)."""
    return [q.strip(" ,.") for q in QUOTE_RE.findall(claim) if len(q.split()) >= 3]


def numbers(text: str) -> set[float]:
    """Return the numeric values in text: digits, number words, scales like '1.5 million'."""
    values = set()
    lowered = text.lower()
    for match in NUMBER_RE.finditer(lowered):
        value = float(match.group().replace(",", ""))
        following = lowered[match.end():match.end() + 12].split()
        if following and following[0].strip(".,;") in SCALE:
            value *= SCALE[following[0].strip(".,;")]
        values.add(value)
    words = re.findall(r"[a-z]+", lowered)
    for i, word in enumerate(words):
        if word in WORDS and word not in {"one", "zero"}:
            value = float(WORDS[word])
            if i + 1 < len(words) and words[i + 1] in SCALE:
                value *= SCALE[words[i + 1]]
            values.add(value)
    return values


def entities(claim: str) -> set[str]:
    """Return capitalized names in a claim that are not sentence starts or common words."""
    found = set()
    for match in ENTITY_RE.finditer(claim):
        words = [w for w in match.group(1).split() if w not in COMMON]
        if words:
            found.add(" ".join(words))
    return found


def coverage(claim: str, evidence: str) -> float:
    """Return the share of the claim's content words that the evidence contains."""
    words = set(tokens(claim))
    if not words:
        return 0.0
    return len(words & set(tokens(evidence))) / len(words)


def missing_quotes(claim: str, source_texts: list[str]) -> list[str]:
    """Return the claim's quotes that appear verbatim in no source."""
    haystacks = [normalize(t) for t in source_texts]
    return [q for q in quotes(claim) if not any(normalize(q) in h for h in haystacks)]


def missing_numbers(claim: str, evidence: str) -> set[float]:
    """Return the claim's numbers that the evidence does not contain."""
    return numbers(claim) - numbers(evidence)


def missing_entities(claim: str, evidence: str) -> set[str]:
    """Return the claim's names that the evidence does not mention."""
    lowered = normalize(evidence)
    return {e for e in entities(claim) if not all(part.lower() in lowered for part in e.split())}
