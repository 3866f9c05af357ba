"""Who did what, who is what, what came first: checks that word overlap cannot make.

A claim can use only words its evidence uses and still be false, because it binds them differently:
- role: "Marius Barnard was the team's anaesthetist" where the evidence reads "the surgeon Marius Barnard,
  and the anaesthetist Joseph Ozinsky" (a role or title moved to the other person named beside it);
- agent: "Hudson tied his blouse to a tent pole" where the evidence says Croz did (the act is the same,
  the doer another, even when Hudson is named in the same passage);
- order: "A was done before B" where the evidence says B came first ("B ... before A", "B. Only then A").
Each returns a Signal whose `conflicts` say what the evidence binds instead.
"""

from __future__ import annotations

import re

from agent.factcheck.atoms import is_verb
from agent.factcheck.rules import Signal
from agent.factcheck.text import normalize, stem, stems
from agent.text import STOP, split_sentences

_NAME = r"[A-Z][\w'-]+(?:\s+(?:of\s+|de\s+|von\s+|van\s+)?[A-Z][\w'-]+){0,3}"
_NAME_RE = re.compile(_NAME)
_LOWER_RE = re.compile(r"^[a-z][a-z-]+$")
_NOT_ROLES = frozenset("year years old young man woman men women people day days one".split())
AGENT_OBJECT_WORDS = 2
AGENT_WINDOW = 10
_NON_NAMES = frozenset(
    "the a an in on at by of for to and or but with from as after before when while during it its his her their "
    "this that these those there then once only on january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday".split()
)
_LEAD_RE = re.compile(r"^(?:On|In|At|During|After|Before|By|For|From|With|Within|Later|Then)\b")
PRONOUNS = frozenset("he she they we i you it who which".split())
_CLAUSE_CUT_RE = re.compile(r"[;:]|,\s+(?:and|but|where|when|while|who|which|whereas)\s+|\b(?:where|when|while|who|which)\s+")
_QUOTED_RE = re.compile(r'"[^"]*"')


def _names(text: str) -> list[tuple[str, int, int]]:
    """Return capitalized names with their offsets, leaving out sentence-opening function words."""
    found = []
    for m in _NAME_RE.finditer(text):
        words = m.group(0).split()
        start = m.start()
        while words and words[0].lower() in _NON_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            found.append((" ".join(words), start, m.end()))
    return found


def _same_person(a: str, b: str) -> bool:
    """Tell whether two names can name the same person ('Barnard' and 'Christiaan Barnard')."""
    wa, wb = set(re.sub(r"'s\b", "", a).lower().split()), set(re.sub(r"'s\b", "", b).lower().split())
    return bool(wa & wb)


# ---- roles ------------------------------------------------------------------------------------

def _bindings(text: str) -> list[tuple[str, str]]:
    """Return (role stem, name) pairs the text binds: 'the surgeon Marius Barnard', 'Croz, the guide', 'X was a Y'."""
    pairs = []
    for m in re.finditer(rf"\b(?:the|a|an|his|her|their|its)\s+(?:[a-z-]+\s+)?([a-z][a-z-]+)\s+({_NAME})", text):
        pairs.append((m.group(1), m.group(2)))
    for m in re.finditer(rf"({_NAME}),\s+(?:the|a|an|his|her|their)\s+(?:[a-z-]+\s+)?([a-z][a-z-]+)\b", text):
        pairs.append((m.group(2), m.group(1)))
    for m in re.finditer(rf"({_NAME})\s+(?:was|is|became|served as)\s+(?:the|a|an|his|her|their)\s+"
                         rf"(?:[\w']+\s+){{0,3}}?([a-z][a-z-]+)(?=[\s.,;]|$)", text):
        pairs.append((m.group(2), m.group(1)))
    return [(stem(role), name) for role, name in pairs
            if role not in STOP and role not in _NOT_ROLES and _LOWER_RE.match(role)]


def role_signal(claim: str, evidence: str) -> Signal:
    """Flag a role the claim gives one person that the evidence gives another named beside them."""
    signal = Signal("role")
    have = _bindings(normalize(evidence))
    text = normalize(evidence)
    for role, name in _bindings(normalize(claim)):
        signal.items.append(f"{name}: {role}")
        holders = [n for r, n in have if r == role]
        # a title before a name binds too: "Captain Ida Frost", "Professor Lee"
        holders += [m.group(1) for m in re.finditer(rf"\b[A-Z][a-z]+\s+({_NAME})", text) if stem(m.group(0).split()[0]) == role]
        own = [r for r, n in have if _same_person(n, name)]
        if holders and not any(_same_person(n, name) for n in holders) and own and role not in own:
            signal.conflicts.append(f"the evidence gives that role to {holders[0]}, not {name}")
    return signal


# ---- agents -----------------------------------------------------------------------------------

def _subject_and_verb(claim: str) -> tuple[str, int] | None:
    """Return the claim's subject name and the offset of its verb, for 'Name verb ...' claims."""
    text = normalize(claim)
    for name, start, end in _names(text):
        lead = text[:start]
        if start and not re.search(r"[,;]\s*$", lead) and not (
                _LEAD_RE.match(lead) and not any(is_verb(w) for w in lead.split())):
            continue  # a subject opens the claim or the clause after a leading phrase
        rest = text[end:]
        m = re.match(r"(?:'s\s+[a-z]+\s+)?\s*((?:[a-z]+ly\s+)?)([a-z]+)\b", rest)
        if m and is_verb(m.group(2)) and m.group(2) not in ("was", "were", "is", "are", "had", "has", "have"):
            return name, end + m.start(2)
    return None


def agent_signal(claim: str, evidence: str) -> Signal:
    """Flag an act the claim credits to one person that the evidence credits to another."""
    signal = Signal("agent")
    found = _subject_and_verb(claim)
    if not found:
        return signal
    name, at = found
    text = normalize(claim)
    verb = re.match(r"[a-z]+", text[at:]).group(0)
    after = [s for s in stems(text[at + len(verb):]) if s][:AGENT_OBJECT_WORDS]
    signal.items.append(f"{name} {verb}")
    measures = _measures(text[at:])
    doers, own = [], False
    for sentence in split_sentences(_QUOTED_RE.sub(lambda q: " " * len(q.group(0)), normalize(evidence))):
        for m in re.finditer(r"[a-z]+", sentence):
            if stem(m.group(0)) != stem(verb) or not is_verb(m.group(0)):
                continue
            window = " ".join(sentence[m.end():].split()[:AGENT_WINDOW])
            following = set(stems(window))
            if after and not any(s in following for s in after):
                continue
            if measures and _measures(window) and not measures & _measures(window):
                continue  # another amount: another event, not this one with another doer
            clause = _CLAUSE_CUT_RE.split(sentence[: m.start()])[-1]
            if any(_same_person(n, name) for n, _, _ in _names(clause)):
                own = True
                continue
            doer = _nearest_subject(clause)
            if doer and doer not in doers:
                doers.append(doer)
    if doers and not own:
        signal.conflicts.append(f"the evidence does not say {name} {verb}; it names {', '.join(doers[-2:])} there")
    return signal


def _measures(text: str) -> set[float]:
    from agent.factcheck.quantities import numbers

    return {n.value for n in numbers(text) if n.kind in ("number", "percent")}


def _nearest_subject(clause: str) -> str:
    """Return the name or pronoun nearest before the verb ('' for a pronoun: it may be anyone)."""
    for word in reversed(re.findall(r"[A-Za-z][\w'-]*", clause)):
        if word.lower() in PRONOUNS:
            return ""
        if word[0].isupper() and word.lower() not in _NON_NAMES:
            names = [n for n, _, _ in _names(clause) if word in n.split()]
            return names[-1] if names else word
    return ""


# ---- order ------------------------------------------------------------------------------------

_BEFORE_RE = re.compile(r"\s+(before|after)\s+")
_THEN_RE = re.compile(r"^(?:only\s+then|then|afterwards|after\s+that|later)\b", re.IGNORECASE)
_INNER_THEN_RE = re.compile(r",?\s+(?:and\s+)?(?:only\s+then|then|afterwards|after\s+that)\s+")


def _pairs(text: str) -> list[tuple[set[str], set[str]]]:
    """Return (earlier, later) events the text orders, as stem sets."""
    pairs = []
    sentences = split_sentences(normalize(text))
    for i, sentence in enumerate(sentences):
        for m in _BEFORE_RE.finditer(sentence):
            left, right = set(stems(sentence[: m.start()])), set(stems(sentence[m.end():]))
            pairs.append((left, right) if m.group(1) == "before" else (right, left))
        for m in _INNER_THEN_RE.finditer(sentence):
            pairs.append((set(stems(sentence[: m.start()])), set(stems(sentence[m.end():]))))
        if i and _THEN_RE.match(sentence):
            pairs.append((set(stems(sentences[i - 1])), set(stems(_THEN_RE.sub("", sentence)))))
    return pairs


def order_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that puts two events in the opposite order to the evidence."""
    signal = Signal("order")
    for first, second in _pairs(claim):
        only_first, only_second = first - second, second - first
        if len(only_first) < 2 or len(only_second) < 2:
            continue
        signal.items.append("order")
        for early, late in _pairs(evidence):
            same = len(only_first & early) + len(only_second & late)
            swapped = len(only_first & late) + len(only_second & early)
            if swapped >= 4 and swapped > 2 * same:
                signal.conflicts.append("the evidence gives the opposite order")
                return signal
    return signal
