"""Who did what, who is what, what came first: checks that word overlap cannot make.

A claim can use only words its evidence uses and still be false, because it binds them differently:
- role: "Marius Barnard was the team's anaesthetist" where the evidence reads "the surgeon Marius Barnard,
  and the anaesthetist Joseph Ozinsky" (a role or title moved to the other person named beside it);
- agent: "Hudson tied his blouse to a tent pole" where the evidence says Croz did (the act is the same,
  the doer another, even when Hudson is named in the same passage);
  the passive "the address was given by Hudson" where the evidence has it given by another; the doer and
  the recipient traded ("the stewards carried the orders to Baker" where Baker carried them to the stewards);
- place: "Moll lived in Riga" where the evidence reads "Petrov in Riga and Moll in Bremen";
- order: "A was done before B" where the evidence says B came first ("B ... before A", "B. Only then A",
  "A went first, and B followed"), or dates B before A in any two of its sentences;
- predicate: "Nora Vale was already ten years old" where the evidence says that of "a design that was
  already ten years old", or of another name;
- object: "a storm nearly sank the Niagara" where the same act was done to another name in the same slot
  ("nearly sank the heavily laden Agamemnon"), or a report handed to one body where it went to another;
- cause: "Since A, B" where the evidence gives no reason at all (A and B may each be there);
- binding: "Byrd waited with the Columbia" where one sentence of the evidence says it of another name in a
  coordinated part of its own ("Chamberlin with the Columbia, and Byrd with the America"), whatever the verb.
- anchor: "a month after the bridge's opening" where the evidence counts that month from another event of the
  same thing ("a month after the bridge's second opening");
- measure: "45 feet thick at its base" where the evidence reads "660 feet thick at its base and 45 feet thick
  at the top" (the value belongs to the other attribute named beside it);
- kind: "Ada Hale was a Danish chemist" where the evidence names "the Swedish chemist Ada Hale";
- member: "companies like Acme" where the evidence names Acme only in another group (someone's clients);
- scene: a gesture, a look round the room, a deep breath, someone "in attendance" the evidence does not report;
- interval: "two days after the long jump" where the dates of the two events, the claim's own or the evidence's,
  lie another span apart;
- span: a span in words ("barely a week after setting out", "within a year", "the very next season") that no
  span of the evidence and no two dates of the references that far apart bear out;
- state: a feeling, a foreknowledge, a lasting effect or a sense at work ("the excitement was palpable", "knew
  they would face challenges", "has had lasting impacts", "is listening") no evidence sentence naming the
  subject states in the same word;
- substitution: another name, or another word of one kind (a medal, a side, an age), among the evidence's own
  words: "Osendarp of Germany" for "Osendarp of the Netherlands", "his younger brother" for "his elder brother".
Each returns a Signal whose `conflicts` say what the evidence binds instead (cause_signal, member_signal,
scene_signal, span_signal and state_signal: `missing`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from agent.factcheck.atoms import LINKS, is_verb
from agent.factcheck.quantities import ORDINAL_WORDS
from agent.factcheck.rules import Signal
from agent.factcheck.text import STARTERS, normalize, stem, stems, words_to_digits
from agent.text import CAPITALS, STOP, split_sentences

_NAME = rf"[{CAPITALS}][\w'-]+(?:\s+(?:of\s+|de\s+|von\s+|van\s+)?[{CAPITALS}][\w'-]+){{0,3}}"
_NAME_RE = re.compile(_NAME)
_WORD = r"[^\W\d_][\w'-]*"  # a word, accented letters too
_LOWER_RE = re.compile(r"^[a-z][a-z-]+$")
_NOT_ROLES = frozenset("year years old young man woman men women people day days one".split())
AGENT_OBJECT_WORDS = 2
AGENT_WINDOW = 10
_NON_NAMES = frozenset(
    "the a an in on at by of for to and or but with from as after before when while during it its his her their "
    "he she they we you i him them us "
    "this that these those there then once only on january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday".split()
) | (STARTERS - frozenset("first second third next last".split()))  # "Second Officer Lightoller" is a name
_LEAD_RE = re.compile(r"^(?:On|In|At|During|After|Before|By|For|From|With|Within|Later|Then)\b")
PRONOUNS = frozenset("he she they we i you it who which".split())
_CLAUSE_CUT_RE = re.compile(r"[;:]|,\s+(?:and|but|where|when|while|who|which|whereas)\s+|\b(?:where|when|while|who|which)\s+")
_QUOTED_RE = re.compile(r'"[^"]*"')
_PARENTHESES_RE = re.compile(r"\([^()]*\)")


def _blank(match: re.Match) -> str:
    """Blank out a match at its own length (quoted words, an aside in parentheses): offsets stay as they were."""
    return " " * len(match.group(0))


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
    """Tell whether two names can name the same person ('Barnard' and 'Christiaan Barnard'), or the same place
    by its adjective ('Australia' and 'the Australian continent')."""
    # "Bishop of Lund" and "Mayor of Sund" share only "of"; "Ada and Ivo" and "Ivo" share a name
    wa, wb = (set(re.sub(r"'s\b", "", n).lower().split()) - _NON_NAMES for n in (a, b))
    return bool(wa & wb) or any(_adjective_of(x, y) or _adjective_of(y, x) for x in wa for y in wb)


_ADJECTIVE_ENDINGS = ("n", "an", "ian", "ese", "ish", "ans", "ians")


def _adjective_of(place: str, word: str) -> bool:
    """'Australian' of 'Australia', 'Canadian' of 'Canada', 'Italian' of 'Italy'."""
    root = place[:-1] if place[-1:] in ("a", "e", "y") else place
    return len(root) >= 4 and word.startswith(root) and word[len(root):] in _ADJECTIVE_ENDINGS + tuple(
        place[len(root):] + e for e in _ADJECTIVE_ENDINGS)


# ---- roles ------------------------------------------------------------------------------------

def _bindings(text: str) -> list[tuple[str, str]]:
    """Return (role stem, name) pairs the text binds: 'the surgeon Marius Barnard', 'Croz, the guide', 'X was a Y'."""
    pairs = []
    # a place or people before the role: "the Manchester cotton spinner John Kennedy"
    for m in re.finditer(rf"\b(?:[Tt]he|[Aa]n?|his|her|their|its)\s+(?:[A-Z][a-z]+\s+){{0,2}}(?:[a-z-]+\s+)?([a-z][a-z-]+)\s+({_NAME})",
                         text):
        if _PREPOSITION_RE.search(text[: m.start()]):
            continue  # "At the same keynote Jobs announced": a phrase before the subject, not a title
        after = re.match(r"\s+([a-z][a-z-]+)\s*(?:[,.;:!?]|$)", text[m.end():])
        if after and not is_verb(after.group(1)):
            continue  # "the new Liberal premier, Robert Askin": a proper adjective before the role, no name
        after = re.match(r"\s+([a-z][a-z-]+)", text[m.end():])
        if after and after.group(1) not in STOP and not is_verb(after.group(1)):
            continue  # "a wealthy Boston businessman": the name is a proper adjective
        pairs.append((m.group(1), m.group(2)))
    # "the new Liberal premier, Robert Askin, made ...": the role, then the name set off by commas
    for m in re.finditer(rf"\b(?:[Tt]he|his|her|their|its)\s+(?:[\w-]+\s+){{0,3}}?([a-z][a-z-]+),\s+({_NAME}),", text):
        if not _PREPOSITION_RE.search(text[: m.start()]) and not is_verb(m.group(1)):
            pairs.append((m.group(1), m.group(2)))
    # "Kennedy, a Manchester cotton spinner", though not "Rastrick, the colliery engineer Nicholas Wood": a role right
    # before a name is that name's
    # "the São Gabriel, da Gama's flagship": a possessive in the article's place
    for m in re.finditer(rf"({_NAME}),\s+(?:the|a|an|his|her|their|(?:[a-z]{{1,3}}\s+)?[{CAPITALS}][\w-]*'s)\s+"
                         # "a 27-year-old surveyor", "the company's engineer"
                         rf"(?:[A-Z][a-z]+\s+){{0,2}}(?:[a-z0-9-]+(?:'s)?\s+)??([a-z][a-z-]+)\b(?!')"
                         rf"(?!\s+(?!(?:from|of|in|at|on|for|with|near)\s)[a-z]+\s+{_NAME}|\s+{_NAME}(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|or)\b))", text):
        if m.group(1).split()[0].lower() not in _NON_NAMES:  # "on 10 October, the English astronomer William Lassell"
            pairs.append((_head(text, m.end(2), m.group(2)), m.group(1)))
    # "Ada Hale, lent by the museum, was the expedition's photographer": an apposition may stand between
    for m in re.finditer(rf"({_NAME})(?:,[^,;]{{1,60}},)?\s+(?:was|is|became|served as)\s+(?:the|a|an|his|her|their|its|"
                         rf"(?:[a-z]{{1,3}}\s+)?[{CAPITALS}][\w-]*'s)\s+(?:[\w']+\s+){{0,3}}?([a-z][a-z-]+)(?=[\s.,;]|$)", text):
        pairs.append((_head(text, m.end(2), m.group(2)), m.group(1)))
    # "Ida Frost was the Governor of the colony": a title written with a capital, right before "of"
    for m in re.finditer(rf"({_NAME})(?:,[^,;]{{1,60}},)?\s+(?:was|is|became|served as)\s+the\s+([A-Z][a-z]+)\s+of\b", text):
        pairs.append((m.group(2).lower(), m.group(1)))
    # "hired Larry Sanger, a graduate student, as Nupedia's editor-in-chief"
    for m in re.finditer(rf"\b[a-z]+(?:ed|ted|de|ose|ame)\s+({_NAME})(?:,[^,;]{{1,60}},)?\s+as\s+(?:(?:the|a|an|its|his|her|their)\s+)?"
                         rf"(?:[\w-]+'s\s+)?(?:[a-z-]+\s+)??([a-z][a-z-]+)\b(?!')", text):
        pairs.append((m.group(2), m.group(1)))
    # "X was the secretary and Karl Berg the treasurer": the verb is left out before the second name
    for m in re.finditer(rf"\band\s+({_NAME})\s+(?:the|a|an|his|her|their|its)\s+(?:[A-Z][a-z]+\s+){{0,2}}(?:[a-z-]+\s+)??"
                         rf"([a-z][a-z-]+)\b", text):
        pairs.append((_head(text, m.end(2), m.group(2)), m.group(1)))
    found = [(stem(role), name) for role, name in pairs
             if role not in STOP and role not in _NOT_ROLES and _LOWER_RE.match(role) and not is_verb(role)]
    return found + _qualified(text) + _places(text) + _ages(text)


# words that end a role's noun phrase: "a structural engineer on Strauss's staff", "the architect who"
_HEAD_END_RE = re.compile(r"\s*(?:[,.;:!?]|$|\s(?:on|of|at|in|for|from|with|to|who|whom|whose|and|or|under|during|"
                          r"since|by|was|were|had|is)\b)")


def _head(text: str, end: int, role: str) -> str:
    """Return the head noun of a role's phrase: 'engineer' in 'a structural engineer on the staff', where the role
    word found first is the adjective before it."""
    m = re.match(r"\s+([a-z][a-z-]+)\b", text[end:])
    if m and not is_verb(m.group(1)) and m.group(1) not in STOP and _HEAD_END_RE.match(text[end + m.end():]):
        return m.group(1)
    return role


_OF_ROLE = r"(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+)??([a-z][a-z-]+)\s+(?:of|for)\s+(?:the\s+)?({_NAME})".replace("{_NAME}", _NAME)


def _qualified(text: str) -> list[tuple[str, str]]:
    """Return ('<role> of <name>', name) pairs: 'Ada Hale, the mayor of Linz', 'Ada Hale was the mayor of Linz',
    'the mayor of Linz, Ada Hale'. The same title held for two places or bodies is two roles."""
    pairs = []
    for m in re.finditer(rf"({_NAME}),\s+{_OF_ROLE}", text):
        pairs.append((m.group(2), m.group(3), m.group(1)))
    for m in re.finditer(rf"({_NAME})\s+(?:was|is|became|served as|remained)\s+{_OF_ROLE}", text):
        pairs.append((m.group(2), m.group(3), m.group(1)))
    for m in re.finditer(rf"\b{_OF_ROLE},\s+({_NAME})", text):
        pairs.append((m.group(1), m.group(2), m.group(3)))
    return [(f"{stem(role)} of {place.lower()}", name) for role, place, name in pairs
            if role not in STOP and role not in _NOT_ROLES and _LOWER_RE.match(role)
            and place.split()[0].lower() not in _NON_NAMES and name.split()[0].lower() not in _NON_NAMES]


_AGE_END = r"(?:\s+years?\s+old)?(?=\s*(?:[,.;:!?)]|$|\band\b|\bat the time\b|\bwhen\b))"
_AGE_RES = [
    # "Jacques Marsal, who was fifteen, Georges Agnel, who was sixteen"; "Ada Hale, aged 30,"; "Ada Hale (30)"
    re.compile(rf"({_NAME}),\s+(?:who\s+was\s+(?:then\s+|only\s+|just\s+)?|then\s+|aged\s+)(\d{{1,3}}){_AGE_END}"),
    re.compile(rf"({_NAME})\s+\((?:aged\s+)?(\d{{1,3}})\)"),
    # "Marsal was sixteen and Agnel fifteen": the verb may be left out before the second name
    re.compile(rf"({_NAME})\s+(?:was|is)\s+(?:then\s+|only\s+|just\s+)?(\d{{1,3}}){_AGE_END}"),
    re.compile(rf"\band\s+({_NAME})\s+(\d{{1,3}})(?=\s*(?:[.;!?]|$))"),
]


def _ages(text: str) -> list[tuple[str, str]]:
    """Return ('age:<years>', name) pairs: 'Marsal, who was fifteen', 'Marsal was 15 years old', 'Hale (30)'."""
    digits = words_to_digits(text)
    return [(f"age:{int(m.group(2))}", m.group(1)) for pattern in _AGE_RES for m in pattern.finditer(digits)
            if 0 < int(m.group(2)) < 120 and m.group(1).split()[0].lower() not in _NON_NAMES]


_PREPOSITION_RE = re.compile(r"(?:^|[.;:,!?]\s+)(?:at|in|on|during|after|before|by|for|with|from|to|into|over|under|since|until|"
                             r"through|across|around|near)\s+$", re.IGNORECASE)
_PLACE_VERBS = r"(?:was|were|is|are|lived|worked|stayed|settled|taught|studied|remained|was based)"


def _places(text: str) -> list[tuple[str, str]]:
    """Return ('in:<place>', name) pairs: 'Olga Petrov in Riga and Hans Moll in Bremen', 'Moll lived in Riga'."""
    pairs = []
    for m in re.finditer(rf"({_NAME})\s+(?:{_PLACE_VERBS}\s+)?(?:(?:still|then|also)\s+)?in\s+({_NAME})", text):
        name, place = m.group(1), m.group(2)
        if place.split()[0].lower() in _NON_NAMES or name.split()[-1].lower() in _NON_NAMES:
            continue
        pairs.append((f"in:{place.lower()}", name))
    return pairs


def role_signal(claim: str, evidence: str, document: str = "") -> Signal:
    """Flag a role the claim gives one person that the evidence gives another named beside them.

    The person must have another role in the evidence, or be named in the sentence that gives the role to
    the other ("Wales hired Larry Sanger as editor-in-chief" against "Wales was the editor-in-chief").
    `document`: the whole references, where a person's own role may be given in a passage the evidence left out
    ("Gore, a surveyor" in one paragraph, "Marshall, an architect" in the next: Gore was no architect)."""
    signal = Signal("role")
    text = normalize(evidence)
    have = _bindings(text)
    told = _document_bindings(document) if document else ()
    sentences = split_sentences(text)
    for role, name in _bindings(normalize(claim)):
        signal.items.append(f"{name}: {role}")
        holders = [n for r, n in have if r == role]
        # a title before a name binds too: "Captain Ida Frost", "Professor Lee"
        holders += [m.group(1) for m in re.finditer(rf"\b[A-Z][a-z]+\s+({_NAME})", text) if stem(m.group(0).split()[0]) == role]
        if any(_same_person(n, name) for n in holders) or any(_holds(r, role) and _same_person(n, name) for r, n in told):
            continue
        # a place or an age is compared only with the person's own place or age: two people may share one
        own = [r for r, n in (*have, *told) if _same_person(n, name) and _role_kind(r) == _role_kind(role)]
        if not holders and own and not _role_kind(role) and role not in ORDINAL_WORDS:  # "the first patient"
            holders = [n for r, n in told if r == role]  # the references give the role to another, and the person one of their own
        if not holders:
            continue
        beside = any(_same_person(n, name) for sentence in sentences if any(h in sentence for h in holders)
                     for n, _, _ in _names(sentence) if not any(_same_person(n, h) for h in holders))
        if (own and role not in own) or (beside and not _role_kind(role)):
            what = {"age": "age", "in": "place"}.get(_role_kind(role), "role")
            signal.conflicts.append(f"the evidence gives that {what} to {holders[0]}, not {name}")
    return signal


def _holds(told: str, role: str) -> bool:
    """Tell whether a role the references give someone is the claim's role for them: "director of berlin observatory"
    is a "director", though "mayor" is not yet "mayor of brooklyn"."""
    return told == role or " " not in role and told.split()[0] == role


@lru_cache(maxsize=8)
def _document_bindings(document: str) -> tuple[tuple[str, str], ...]:
    """The roles the whole references bind, read once per references (not once per claim)."""
    return tuple(_bindings(normalize(document)))


def _role_kind(role: str) -> str:
    """Return the kind of a bound role: 'in' for a place, 'age' for an age, '' for a title or an office."""
    return role.split(":", 1)[0] if ":" in role else ""


# ---- agents -----------------------------------------------------------------------------------

def _subject_and_verb(claim: str) -> tuple[str, int] | None:
    """Return the claim's subject name and the offset of its verb, for 'Name verb ...' claims."""
    text = normalize(claim)
    for name, start, end in _names(text):
        lead = text[:start]
        cleft = re.fullmatch(r"\s*It\s+was\s+(?:the\s+[a-z]+\s+)?", lead) and re.match(r"\s+who\b", text[end:])
        # "The Archbishop of Canterbury read": a title's article opens the claim
        if start and not cleft and not re.search(r"[,;]\s*$", lead) and not re.fullmatch(r"\s*The\s+", lead) and not (
                _LEAD_RE.match(lead) and not any(w.islower() and is_verb(w) for w in lead.split())):  # "In May 1859"
            continue  # a subject opens the claim or the clause after a leading phrase
        rest = re.sub(r"^\s+who\b", "", text[end:]) if cleft else text[end:]  # "It was Arago who proposed"
        both = _NAME_RE.match(rest[5:]) if rest.startswith(" and ") else None
        if both and both.group(0).split()[0].lower() not in _NON_NAMES:
            # "Koechlin and Nouguier added": either of the two may be the one the evidence names
            name, rest = f"{name} and {both.group(0)}", rest[5 + both.end():]
        # "Arago first proposed", "Eugenie had invited", "McClintock himself found": an adverb, an auxiliary or a
        # reflexive pronoun before the act
        m = re.match(r"(?:'s\s+[a-z]+\s+)?\s*((?:(?:[a-z]+ly|first|then|later|also|soon|once|again|had|has|have|"
                     r"himself|herself|themselves|itself)\s+)*)([a-z]+)\b", rest)
        if m and is_verb(m.group(2)) and m.group(2) not in ("was", "were", "is", "are", "had", "has", "have"):
            return name, len(text) - len(rest) + m.start(2)
    return None


def agent_signal(claim: str, evidence: str) -> Signal:
    """Flag an act the claim credits to one person that the evidence credits to another."""
    signal = Signal("agent")
    found = _subject_and_verb(claim)
    if not found:
        return signal
    name, at = found
    text = normalize(claim)
    if " " not in name and re.search(rf"\b{re.escape(name.lower())}\b", normalize(evidence)):
        return signal  # "Stores sent up to him": a capital that opens the claim, a common word in the evidence
    verb = re.match(r"[a-z]+", text[at:]).group(0)
    # "took Krenz's place": a possessive's "s" is no word of what was done
    after = [s for s in stems(re.sub(r"'s\b", "", text[at + len(verb):])) if s][:AGENT_OBJECT_WORDS]
    signal.items.append(f"{name} {verb}")
    measures = _measures(text[at:])
    doers, own, seen = [], False, False
    # a name in parentheses ("in Brünn (now Brno)") is said by the way, no doer
    plain = _PARENTHESES_RE.sub(_blank, _QUOTED_RE.sub(_blank, normalize(evidence)))
    for sentence in split_sentences(plain):
        for m in re.finditer(r"[a-z]+", sentence):
            if stem(m.group(0)) != stem(verb) or not (is_verb(m.group(0)) or _PROGRESSIVE_RE.search(sentence[: m.end()])):
                continue
            seen = True
            by = _BY_NAME_RE.match(sentence[m.end():])
            if by and after and set(after) & set(stems(_CLAUSE_CUT_RE.split(sentence[: m.start()])[-1])):
                # "the Endurance was commanded by Frank Worsley": the passive names who did it after "by"
                if any(_same_surname(by.group(1), one) for one in name.split(" and ")):
                    own = True
                elif by.group(1) not in doers:
                    doers.append(by.group(1))
                continue
            window = " ".join(sentence[m.end():].split()[:AGENT_WINDOW])
            following = set(stems(window))
            # "they tossed a coin for the first shift; Best won": the object left out after the verb is the one
            # its sentence has just named
            elided = re.match(r"\s*(?:[,;.]|and\b|but\b|$)", sentence[m.end():]) and \
                any(s in set(stems(sentence[: m.start()])) for s in after)
            if after and not any(s in following for s in after) and not elided:
                continue
            if measures and _measures(window) and not measures & _measures(window):
                continue  # another amount: another event, not this one with another doer
            clause = _CLAUSE_CUT_RE.split(sentence[: m.start()])[-1]
            relative = _RELATIVE_RE.search(sentence[: m.start()])
            if relative:  # "Dora Kalm, who then suggested": the name before "who" did it
                clause = relative.group(1)
            if any(_same_person(n, name) for n, _, _ in _names(clause)):
                own = True
                continue
            doer = _nearest_subject(clause)
            if doer and _same_person(doer, name):
                own = True
                continue
            if doer and doer not in doers:
                doers.append(doer)
    if not seen:
        doers, own = _told_of(text[at + len(verb):], name, evidence)
    if doers and not own:
        signal.conflicts.append(f"the evidence does not say {name} {verb}; it names {', '.join(doers[-2:])} there")
    return signal


# the share of the claim's words after its verb an evidence clause must hold to tell the same act in other words
TOLD_SHARE = 0.75
TOLD_WORDS = 3


def _told_of(rest: str, name: str, evidence: str) -> tuple[list[str], bool]:
    """Return who the evidence's clauses telling the claim's act in other words give it to ("The Queen travelled
    from Waterloo on a Eurostar train to Coquelles" for "Mitterrand rode a Eurostar train from Waterloo to
    Coquelles"), and whether one of them gives it to the claim's name. A clause tells it when it holds most of the
    claim's words after the verb; its doer is the name nearest before its first verb (a pronoun there may be
    anyone, the claim's name too). Only for a verb the evidence does not use: agent_signal judges the others."""
    wanted = {s for s in stems(re.sub(r"'s\b", "", rest)) if s and s not in STOP}
    doers, own = [], False
    if len(wanted) < TOLD_WORDS:
        return doers, own
    for sentence in split_sentences(_QUOTED_RE.sub(_blank, normalize(evidence))):
        for clause in _CLAUSE_CUT_RE.split(sentence):
            if len(wanted & set(stems(clause))) < TOLD_SHARE * len(wanted):
                continue
            first = next((m for m in re.finditer(r"[a-z]+", clause) if is_verb(m.group(0))), None)
            if first is None:
                continue
            if any(_same_person(n, name) for n, _, _ in _names(clause)):
                own = True
                continue
            doer = _nearest_subject(clause[: first.start()])
            if not doer or doer.endswith("ing") or doer not in " ".join(n for n, _, _ in _names(clause)):
                own = True  # "he", "Knowing that ...": it may be anyone, the claim's name too
            elif doer not in doers:
                doers.append(doer)
    return doers, own


_BY_NAME_RE = re.compile(rf"\s+by\s+(?:the\s+)?(?:[a-z]+\s+)?({_NAME})")


def _same_surname(a: str, b: str) -> bool:
    """Tell whether two names name one person by their last words: 'Frank Wild' is not 'Frank Worsley'."""
    wa, wb = re.sub(r"'s\b", "", a).lower().split(), re.sub(r"'s\b", "", b).lower().split()
    return bool(wa and wb) and (wa[-1] == wb[-1] or (min(len(wa), len(wb)) == 1 and bool(set(wa) & set(wb))))


# "Dora Kalm, who then suggested"; "Dora Kalm, an engineer of the Port Authority, who suggested": "who" is Kalm
_RELATIVE_RE = re.compile(rf"({_NAME})(?:,\s+(?:an?|the|his|her|their)\s+[^,;]{{1,120}})?,?\s+who\s+"
                          rf"(?:(?:then|later|also|first|soon|finally|now|had|has|been|was|were)\s+|[a-z]+ly\s+)*$")
_PROGRESSIVE_RE = re.compile(r"\b(?:was|were|been|is|are)\s+[a-z]+ing$")  # "had been searching" does the act too
_PASSIVE_RE = re.compile(rf"\b(?:was|were|had been|has been|is|are)\s+(?:[a-z]+ly\s+)?([a-z]+)\s+by\s+(?:the\s+)?(?:[a-z]+\s+)?({_NAME})")
# in the evidence the auxiliary may be left out: "a review board chaired by Edgar Cortright"
_BY_RE = re.compile(rf"\b(?:(?:was|were|had been|has been|is|are)\s+)?(?:[a-z]+ly\s+)?([a-z]+(?:ed|en|wn|ght))\s+by\s+(?:the\s+)?(?:[a-z]+\s+)?({_NAME})")


_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$")


def passive_signal(claim: str, evidence: str) -> Signal:
    """Flag 'the address was given by A' where the evidence says the same thing was done by B."""
    signal = Signal("agent")
    text = normalize(claim)
    m = _PASSIVE_RE.search(text)
    if not m:
        return signal
    verb, name = m.group(1), m.group(2)
    subject = {s for s in stems(text[: m.start()]) if s}
    if not subject:
        return signal
    signal.items.append(f"{verb} by {name}")
    others = []
    for sentence in split_sentences(_QUOTED_RE.sub(_blank, normalize(evidence))):
        for e in list(_PASSIVE_RE.finditer(sentence)) + list(_BY_RE.finditer(sentence)):
            if stem(e.group(1)) != stem(verb) or not subject & set(stems(sentence[: e.start()])):
                continue
            if _same_person(e.group(2), name):
                return signal
            others.append(e.group(2))
        # the evidence in the active voice: "Von Braun's Army team launched Explorer 1" for "... by the Navy"
        for e in re.finditer(r"[a-z]+", sentence):
            if stem(e.group(0)) != stem(verb) or not is_verb(e.group(0)) or _PASSIVE_BEFORE_RE.search(sentence[: e.start()]):
                continue
            following = set(stems(" ".join(sentence[e.end():].split()[:len(subject) + AGENT_OBJECT_WORDS + 2])))
            if len(subject & following) < max(2, len(subject) - 1) and not subject <= following:
                continue  # what the verb acts on must follow it: the claim's subject is the evidence's object
                # (all of it, or all but one word of a longer one: "those in the north pillars" for "the lifts in ...")
            clause = _CLAUSE_CUT_RE.split(sentence[: e.start()])[-1]
            if any(_same_person(n, name) for n, _, _ in _names(clause)):
                return signal
            doer = _nearest_subject(clause)
            if doer:
                others.append(re.sub(r"'s$", "", doer))
    if others:
        signal.conflicts.append(f"the evidence says it was {verb} by {others[0]}, not {name}")
    return signal


def swap_signal(claim: str, evidence: str) -> Signal:
    """Flag 'the stewards carried the orders to Ruth Baker' where the evidence has Ruth Baker carry them to the
    stewards: the claim's doer and the person after its verb trade places in the evidence."""
    signal = Signal("agent")
    text = normalize(claim)
    words = list(re.finditer(_WORD, text))
    verb_at = next((i for i, w in enumerate(words) if i and w.group(0).islower() and is_verb(w.group(0))
                    and w.group(0) not in ("was", "were", "is", "are", "had", "has", "have", "be", "been")), None)
    if verb_at is None or any(w.group(0)[0].isupper() for w in words[1:verb_at]):
        return signal  # a named subject is agent_signal's case
    if re.match(r"\s+by\b", text[words[verb_at].end():]):
        # "was launched by Name", "a writer sent by Name": the name is the doer, passive_signal's case
        return signal
    subject = {s for s in stems(text[: words[verb_at].start()]) if s}
    verb = words[verb_at].group(0)
    after = text[words[verb_at].end():]
    named = [n for n, _, _ in _names(after)]
    if not subject or not named:
        return signal
    signal.items.append(f"{verb}: {' '.join(sorted(subject))}")
    for sentence in split_sentences(normalize(evidence)):
        for e in re.finditer(r"[a-z]+", sentence):
            if stem(e.group(0)) != stem(verb) or not is_verb(e.group(0)):
                continue
            doer = _nearest_subject(_CLAUSE_CUT_RE.split(sentence[: e.start()])[-1])
            window = " ".join(sentence[e.end():].split()[:AGENT_WINDOW + 2])
            if doer and any(_same_person(doer, n) for n in named) and subject <= set(stems(window)):
                signal.conflicts.append(f"the evidence has {doer} {verb} it, the other way round")
                return signal
    return signal


def _measures(text: str) -> set[float]:
    from agent.factcheck.quantities import numbers

    return {n.value for n in numbers(text) if n.kind in ("number", "percent")}


_POSSESSIVES = frozenset("his her their its our my your".split())
_PLACE_PREPOSITIONS = frozenset("in at on from to into onto near across over through via of with for by".split())


def _nearest_subject(clause: str) -> str:
    """Return the name or pronoun nearest before the verb ('' for a pronoun: it may be anyone)."""
    words = re.findall(_WORD, clause)
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word.lower() in _POSSESSIVES and i and words[i - 1].lower() in ("and", "or"):
            continue  # "Britain and its empire": the name before is of the subject
        if word.lower() in ("it", "them", "him", "her") and i and words[i - 1].islower() and is_verb(words[i - 1]):
            continue  # "saw it and wrote": the object of another verb
        if word.lower() in PRONOUNS or word.lower() in _POSSESSIVES:
            return ""  # "he", "his sponsor": it may be anyone
        if (word[0].isupper() or re.match(r"[a-z]{1,2}'[A-Z]", word)) and word.lower() not in _NON_NAMES:
            # "d'Arrest", "O'Neill": a name after an elided particle too
            names = [n for n, _, _ in _names(clause) if word in n.split()]
            name = names[-1] if names else word
            first = i - len(name.split()) + 1
            before = first - 1 - (first > 1 and words[first - 1].lower() in ("the", "a", "an"))
            if before >= 0 and words[before].lower() in _PLACE_PREPOSITIONS:
                continue  # "the barons took London", "sent from Ujiji", "of the United Press": a place or an object
            if first > 0 and words[first - 1].islower() and is_verb(words[first - 1]):
                continue  # "Chain, a chemist who had fled Nazi Germany, began": the object of another verb
            return name
    return ""


# ---- order ------------------------------------------------------------------------------------

_BEFORE_RE = re.compile(r"\s+(before|after)\s+")
# "over after over", "day after day", "one after another": a repetition, no order of two events
_REPEAT_RE = re.compile(r"\b(\w+)\s+after\s+\1\b|\bone\s+after\s+(?:another|the\s+other)\b", re.IGNORECASE)
_THEN_RE = re.compile(r"^(?:only\s+then|then|afterwards|after\s+that|later|only\s+(?:when|after|once)|not\s+until|"
                      r"soon\s+(?:after|afterwards)|(?:with)?in\s+the\s+(?:following|next)\s+\w+|the\s+next\s+\w+)\b",
                      re.IGNORECASE)
# "From Cape Town he sailed to St Helena": a journey's start comes before where it goes
_ROUTE_RE = re.compile(rf"\b[Ff]rom\s+({_NAME}),?(?:\s+[a-z]+){{0,4}}?\s+(?:on\s+)?to\s+({_NAME}(?:\s+and\s+(?:the\s+)?{_NAME})?)")
_INNER_THEN_RE = re.compile(r",?\s+(?:and\s+)?(?:only\s+then|then|(?:only\s+)?afterwards|after\s+that|only\s+later)\s+")
# "A went first, and B followed / arrived later": the first clause says 'first', the second a later word
_FIRST_RE = re.compile(r"\bfirst\b")
_AND_RE = re.compile(r",?\s+and\s+|;\s+|,\s+(?=[a-z]+\s+(?:followed|came|went|arrived)\b)")
_LATER_RE = re.compile(r"\b(?:later|after(?:wards)?|followed|next|second|then)\b")


# "After A, B", "Only after A did B", "Not until A did B", "Before A, B": the order word opens the sentence
# the opening phrase ends at a comma, at "did", or, without a comma, where a pronoun opens the clause ("After calling
# at Ascension he sailed on")
_CLAUSE_OPENER = r"(?:he|she|they|we)\s+[a-z]+"
_PRONOUN_CLAUSE_RE = re.compile(rf"\s+(?={_CLAUSE_OPENER})")
_FRONT_RE = re.compile(r"^(?:(?:only|soon|shortly|long|just|even)\s+)?(after|before|not\s+until)\s+(.+?)"
                       rf"(?:,\s+|\s+did\s+|\s+(?=(?-i:{_CLAUSE_OPENER})))(.+)$", re.IGNORECASE)


def _pairs(text: str) -> list[tuple[set[str], set[str]]]:
    """Return (earlier, later) events the text orders, as stem sets."""
    pairs = []
    sentences = split_sentences(normalize(text))
    for i, sentence in enumerate(sentences):
        front = _FRONT_RE.match(sentence)
        if front and len(set(stems(front.group(2))) - _DATE_STEMS) >= 2:
            named, told = set(stems(front.group(2))), set(stems(front.group(3)))
            pairs.append((told, named) if front.group(1).lower() == "before" else (named, told))
        for m in _BEFORE_RE.finditer(sentence):
            if any(r.start() < m.start() + 1 < r.end() for r in _REPEAT_RE.finditer(sentence)):
                continue
            left, right = set(stems(sentence[: m.start()])), set(stems(sentence[m.end():]))
            lead, comma = sentence[m.end():].partition(",")[::2]
            own = _PRONOUN_CLAUSE_RE.split(lead, maxsplit=1)
            if len(own) == 2 and len(set(stems(own[0])) - _DATE_STEMS) >= 1:
                # "..., and after his return he found a limestone": the phrase, then the clause it comes before
                early, late = set(stems(own[0])), set(stems(own[1]))
                pairs.append((early, late) if m.group(1) == "after" else (late, early))
                continue
            opens = sentence[: m.start()].rstrip().endswith((";", ":"))
            if opens and not comma.strip():
                continue  # "...; after a ceremony there the two crossed back": which words are the ceremony is unclear
            if (opens or len(left - _DATE_STEMS) < 2) and comma.strip():
                # "(Some weeks) after the opening, a crane boat made the passage": the clause after the comma
                # is what came after (or before) the one the opening phrase names
                left, right = set(stems(comma)), set(stems(lead))
            pairs.append((left, right) if m.group(1) == "before" else (right, left))
        for m in _INNER_THEN_RE.finditer(sentence):
            pairs.append((set(stems(sentence[: m.start()])), set(stems(sentence[m.end():]))))
        for m in _ROUTE_RE.finditer(sentence):
            pairs.append((set(stems(m.group(1))), set(stems(m.group(2)))))
        if i and _THEN_RE.match(sentence):
            pairs.append((set(stems(sentences[i - 1])), set(stems(_THEN_RE.sub("", sentence)))))
        for m in _AND_RE.finditer(sentence):
            left, right = sentence[: m.start()], sentence[m.end():]
            if _FIRST_RE.search(left) and _LATER_RE.search(right):
                pairs.append((set(stems(left)) - _ORDER_WORDS, set(stems(right)) - _ORDER_WORDS))
    return pairs


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# What tells the reader a sentence (or a part after ", and") goes on in time from the one before: a later date, "a week
# later", "the next day", or "X later did Y" inside it; in a part after ", and", "later that month" anywhere in it.
_NEXT_OPEN_RE = re.compile(rf"^(?:(?:and\s+)?(?:on|in|by)\s+(?:\d{{1,2}}\s+)?(?:{_MONTHS})\b|(?:[\w-]+\s+){{0,3}}"
                           r"(?:later|afterwards)\b|the\s+(?:next|following)\s+(?:day|morning|week|month|year)\b)",
                           re.IGNORECASE)
_LATER_VERB_RE = re.compile(r"\b(?:later|afterwards|then)\s+[a-z]+(?:ed|ew|ook|ent|ame|ound|ade)\b")
_AND_NEXT_RE = re.compile(r",\s+and\s+(?=(?:on|in|by)\s+(?:\d{1,2}\s+)?(?:" + _MONTHS + r")\b|(?:[\w-]+\s+){0,3}later\b|"
                          r"[^,;]*\blater\s+that\s+(?:day|morning|afternoon|evening|night|week|month|year)\b)", re.IGNORECASE)


NARRATIVE_WORDS = 2


def _narrative_pairs(text: str) -> list[tuple[set[str], set[str]]]:
    """Return (earlier, later) events a narrative orders by telling one after the other with a word of time: "The
    ice began to crush the hull. On 27 October he ordered them off the ship", "... found them. A schooner later towed
    the raft", "she called at Cherbourg, and on 11 April at Queenstown". A later part dated before the earlier one
    (a flashback) orders nothing."""
    from agent.factcheck.quantities import dates

    pairs = []
    sentences = split_sentences(normalize(text))
    for i, sentence in enumerate(sentences):
        parts = [sentence]
        for m in _AND_NEXT_RE.finditer(sentence):
            parts = [sentence[: m.start()], sentence[m.end():]]
            break
        previous = sentences[i - 1] if i else ""
        if previous and (_NEXT_OPEN_RE.match(sentence) or _LATER_VERB_RE.search(sentence)):
            parts = [previous] + parts
        for early, late in zip(parts, parts[1:]):
            a = [(m, d) for _, m, d in dates(early)]
            b = [(m, d) for _, m, d in dates(late)]
            if a and b and (b[0][0] < a[-1][0] or (b[0][0] == a[-1][0] and (b[0][1] or 0) < (a[-1][1] or 0))):
                continue
            pairs.append((set(stems(early)), set(stems(late))))
    return pairs


_ORDER_WORDS = frozenset(stem(w) for w in "first later after afterwards followed next second then".split())
DATE_EVENT_SHARE = 0.5


def _when(stems_: set[str], evidence: str, least: int = 1) -> tuple | None:
    """Return the (year, month, day) of the evidence sentence that best tells of the event (half its words, least
    of them at least), if it dates it; a date without a year is in the year the text last named."""
    best, when = 0.0, None
    for shared, dated in _telling(stems_, evidence, least):
        if shared / len(stems_) > best:
            best, when = shared / len(stems_), (dated[0] if dated else None)
    return when if best >= DATE_EVENT_SHARE else None


def _telling(stems_: set[str], text: str, least: int) -> list[tuple[int, tuple[tuple, ...]]]:
    """Return, for each sentence of text that shares at least `least` of an event's words, how many it shares and
    the dates it gives (a date without a year in the year the text last named)."""
    if not stems_:
        return []
    found = [(len(stems_ & set(stems(sentence))), dated) for sentence, dated in _dated_sentences(text)]
    return [(shared, dated) for shared, dated in found if shared >= least]


def date_order_signal(claim: str, evidence: str) -> Signal:
    """Flag 'A before B' where the evidence dates A after B (in any two of its sentences)."""
    from agent.factcheck.quantities import years_of

    signal = Signal("order")
    for first, second in _pairs(claim):
        only_first, only_second = first - second - _DATE_STEMS, second - first - _DATE_STEMS
        if len(only_first) < 2 or len(only_second) < 2 or years_of(claim):
            continue
        early, late = _when(only_first, evidence), _when(only_second, evidence)
        # a year only one of them gives leaves them unordered
        if early and late and _after(early, late):
            signal.items.append("order")
            signal.conflicts.append("the evidence dates the events the other way round")
            return signal
    return signal


def _after(a: tuple, b: tuple) -> bool:
    """Tell whether date a is surely after date b: a part one leaves out and the other gives is not compared; a part
    both leave out ("7 November" and "22 November", their year given elsewhere) is taken to be the same."""
    for x, y in zip(a, b):
        if not x and not y:
            continue
        if not x or not y:
            return False
        if x != y:
            return x > y
    return False


_DATE_STEMS = frozenset(stem(w) for w in (
    "january february march april may june july august september october november december day days year "
    "years month months week weeks").split())


def _event(words: set[str], named: set[str]) -> bool:
    """Tell whether one side of an order names an event: two words of its own, or one that is a name."""
    return len(words) >= 2 or (len(words) == 1 and words <= named)


def order_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that puts two events in the opposite order to the evidence."""
    signal = Signal("order")
    named = {stem(w) for n, _, _ in _names(normalize(claim)) for w in re.sub(r"'s\b", "", n).split()}
    for first, second in _pairs(claim):
        only_first, only_second = first - second, second - first
        # one side may be a bare name, its act left out: "Scott's party reached the Pole before Amundsen's"
        if not _event(only_first, named) or not _event(only_second, named) or len(only_first | only_second) < 4:
            continue
        signal.items.append("order")
        for early, late in _pairs(evidence):
            same = len(only_first & early) + len(only_second & late)
            swapped = len(only_first & late) + len(only_second & early)
            if swapped >= 4 and swapped > 2 * same:
                signal.conflicts.append("the evidence gives the opposite order")
                return signal
        for early, late in _narrative_pairs(evidence):
            # told one after the other, without an order word: each of the claim's two events must be found
            # in the part the evidence tells at the other's place (words both parts use tell neither)
            early, late = early - late, late - early
            same = len(only_first & early) + len(only_second & late)
            if min(len(only_first & late), len(only_second & early)) >= NARRATIVE_WORDS and \
                    len(only_first & late) + len(only_second & early) > same:
                signal.conflicts.append("the evidence tells the events the other way round")
                return signal
    return signal


# ---- predicates -------------------------------------------------------------------------------

_COPULA_RE = re.compile(r"\b(?:was|were|is|are|had been|has been|have been)\b")
_RELATIVE_END_RE = re.compile(r"(?:^|\s)([A-Za-z][\w'-]*),?\s+(?:that|which|who)\s+(?:(?:[a-z]+ly|still|then|also|now|already)\s+)*$")
PREDICATE_WORDS = 2


def predicate_signal(claim: str, evidence: str) -> Signal:
    """Flag 'Nora Vale was already ten years old' where the evidence says that of something else: 'a design
    that was already ten years old', or 'Piet Moss was already ten years old'.

    The claim states of a named subject a predicate the evidence states of another subject: a noun its
    relative clause binds ("a design that was ..."), or another name; a bare "the ship was ..." may be the
    claim's subject in other words and is left alone.
    """
    signal = Signal("predicate")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    m = re.match(rf"^\s*({_NAME})\s+(was|were|is|are|had been|has been|have been)\s+(.+?)[.!?]?\s*$", text)
    if not m or m.group(1).split()[0].lower() in _NON_NAMES:
        return signal
    name, predicate = m.group(1), [s for s in stems(m.group(3)) if s]
    if len(predicate) < PREDICATE_WORDS:
        return signal
    signal.items.append(f"{name}: {m.group(3)}")
    others = []
    for sentence in split_sentences(_QUOTED_RE.sub(_blank, normalize(evidence))):
        for c in _COPULA_RE.finditer(sentence):
            window = set(stems(" ".join(sentence[c.end():].split()[: len(m.group(3).split()) + 3])))
            if not set(predicate) <= window:
                continue
            before = sentence[: c.start()]
            relative = _RELATIVE_END_RE.search(before)
            if relative:  # "a design that was ...": the word before "that" is what the predicate is said of
                word = relative.group(1)
                if _same_person(word, name):
                    return signal
                if word[0].islower() and word not in STOP and word not in PRONOUNS:
                    others.append(f"the {word}")
                elif word[0].isupper() and word.lower() not in _NON_NAMES:
                    others.append(word)
                continue
            clause = _CLAUSE_CUT_RE.split(before)[-1]
            if any(_same_person(n, name) for n, _, _ in _names(clause)):
                return signal
            doer = _nearest_subject(clause)
            last = re.findall(_WORD, clause)
            if doer and last and doer.split()[-1] == last[-1] and not _same_person(doer, name):
                others.append(doer)
    if others:
        signal.conflicts.append(f"the evidence says that of {others[0]}, not {name}")
    return signal


# ---- causes -----------------------------------------------------------------------------------

# A reason the claim gives: "because", "as a result", "therefore"; "since" opening a clause with a verb (not
# "since 1917", "since then"); ", so" with a subject after it (not "so that", "so far", "so much").
_CLAUSE_CAUSE_RE = re.compile(
    r"\b(?:because|as a result|therefore|thus|hence|which is why|that is why|due to(?!\s+be\b)|owing to|on account of)\b|"
    r"(?:^|[,;]\s*)since\s+(?!\d|then\b|the\s+(?:\d|start|beginning|end|war|time)\b)|"
    r",\s+so\s+(?!that\b|as\b|far\b|much\b|many\b|long\b|too\b)(?=[a-z]+\s+[a-z]+)", re.IGNORECASE)
# What states a link in the evidence (broadly: any of these may tell why, so the rule stays quiet).
_EVIDENCE_CAUSE_RE = re.compile(
    r"\b(?:because|since|so|therefore|thus|hence|result(?:s|ed|ing)?|due|owing|thanks|led|leads?|lead|"
    r"caus(?:e|ed|es|ing)|reasons?|why|meant|forc(?:ed|ing)|order|after|enabl(?:ed|ing)|allow(?:ed|ing)|"
    r"prompt(?:ed|ing)|consequen\w*|accordingly)\b", re.IGNORECASE)


def cause_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that links two facts by a cause ("Since A, B"; "B because A") where the evidence gives
    no reason at all: the two facts may each be there, the link is the claim's own."""
    signal = Signal("cause")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    m = _CLAUSE_CAUSE_RE.search(text)
    if not m:
        return signal
    if m.group(0).strip(" ,;").lower() == "since" and not any(is_verb(w) for w in text[m.end():].split(",")[0].split()):
        return signal  # "since the launch": a time, not a reason
    signal.items.append(m.group(0).strip(" ,;"))
    plain = _QUOTED_RE.sub(" ", normalize(evidence))
    sentences = split_sentences(plain)
    mine = _cause_effect(text)
    # the link must be stated in a sentence that tells of both facts, not anywhere in the passages
    if mine:
        linked = [s for s in sentences if _EVIDENCE_CAUSE_RE.search(s) and mine[0] & set(stems(s)) and
                  mine[1] & set(stems(s))]
    else:
        linked = [plain] if _EVIDENCE_CAUSE_RE.search(plain) else []
    if not linked:
        signal.missing.append(f"the evidence gives no reason for \"{m.group(0).strip(' ,;')}\"")
        return signal
    if mine and all(_gives_for_other(mine, s) for s in linked):
        # "Work began at Rome because the ground there was flat" for "Since the ground at Rome was flat, the state paid"
        signal.missing.append("the evidence gives that reason for another fact")
        return signal
    if mine:
        for sentence in sentences:
            theirs = _cause_effect(sentence)
            if not theirs:
                continue
            crossed = min(len(mine[0] & theirs[1]), len(mine[1] & theirs[0]))
            kept = len(mine[0] & theirs[0]) + len(mine[1] & theirs[1])
            if crossed >= CAUSE_WORDS and 2 * crossed > kept:
                signal.conflicts.append("the evidence gives the cause the other way round")
                return signal
    return signal


CAUSE_WORDS = 2
_LEAD_BECAUSE_RE = re.compile(r"^(?:because|since|as)\s+(?P<cause>[^,;]+),\s+(?P<effect>.+)$", re.IGNORECASE)
_INNER_BECAUSE_RE = re.compile(r"^(?P<effect>.+?),?\s+(?:because|since)\s+(?P<cause>.+)$", re.IGNORECASE)
# "A, so B"; "A, so that B" (what A brought about, or was for)
_SO_RE = re.compile(r"^(?P<cause>.+?),\s+so\s+(?:that\s+)?(?!as\b|far\b|much\b|many\b|long\b|too\b)(?P<effect>.+)$",
                    re.IGNORECASE)


def _gives_for_other(mine: tuple[set[str], set[str]], sentence: str) -> bool:
    """Tell whether an evidence sentence links the claim's cause to an effect that is not the claim's."""
    theirs = _cause_effect(sentence)
    return bool(theirs) and len(mine[0] & theirs[0]) >= CAUSE_WORDS and len(mine[1] & theirs[1]) < CAUSE_WORDS and \
        len(mine[1] & theirs[0]) < CAUSE_WORDS


def _cause_effect(text: str) -> tuple[set[str], set[str]] | None:
    """Return the (cause, effect) stems a sentence links: "Because A, B", "B because A", "A, so B"."""
    for pattern in (_LEAD_BECAUSE_RE, _INNER_BECAUSE_RE, _SO_RE):
        m = pattern.match(text.strip())
        if m:
            cause, effect = set(stems(m.group("cause"))), set(stems(m.group("effect")))
            return cause - effect, effect - cause
    return None


# ---- objects ----------------------------------------------------------------------------------

OBJECT_WINDOW = 8
_OBJECT_SKIP = frozenset("was were is are be been being had has have did does".split())


def _slot_names(window: str) -> list[tuple[str, int]]:
    """Return the whole-word names of a window with their offsets ('iPhone' gives no 'Phone')."""
    return [(n, start) for n, start, _ in _names(window)
            if n.split()[0].lower() not in _NON_NAMES and not (start and window[start - 1].isalpha())]


def object_signal(claim: str, evidence: str) -> Signal:
    """Flag 'a storm nearly sank the Niagara' where the evidence has the same act done to another name ('a storm
    nearly sank the heavily loaded Agamemnon'), or 'handed his report to Die Presse' where it went to another.

    The claim's first name after its verb is compared with the evidence's first name after the same verb in
    the same clause, where the evidence also has the claim's words before the verb (the same doer) and the
    claim's words between the verb and the name (the same slot); another date or amount there is another event.
    """
    signal = Signal("object")
    text = normalize(_QUOTED_RE.sub(_blank, claim))
    for m in re.finditer(r"[a-z]+", text):
        verb = m.group(0)
        if not is_verb(verb) or verb in _OBJECT_SKIP:
            continue
        if _PASSIVE_BEFORE_RE.search(text[: m.start()]):
            return signal  # "was launched from": passive_signal's case
        window = " ".join(text[m.end():].split()[:OBJECT_WINDOW])
        names = _slot_names(window)
        before = {s for s in stems(text[: m.start()]) if s}
        if not names or not before:
            return signal
        name, at = names[0]
        if re.search(r"\b(?:that|whether|if|how|why)\b", window[:at]):
            return signal  # "doubted that Greece could afford it": the name opens a clause, it is no object
        between = set(stems(window[:at]))
        slot = _prepositions(window[:at])[-1:]  # "to", "from", or none for a direct object
        measures, when = _measures(text), _dates_of(text)
        signal.items.append(f"{verb} {name}")
        others, own = [], False
        for sentence in split_sentences(_QUOTED_RE.sub(_blank, normalize(evidence))):
            for e in re.finditer(r"[a-z]+", sentence):
                if stem(e.group(0)) != stem(verb) or not is_verb(e.group(0)):
                    continue
                if not before <= set(stems(sentence[: e.start()])) | _names_stems(sentence[: e.start()]):
                    continue
                theirs = _CLAUSE_CUT_RE.split(" ".join(sentence[e.end():].split()[:OBJECT_WINDOW + 4]))[0]
                found = _slot_names(theirs)
                if any(_same_person(n, name) for n, _ in found):
                    own = True
                    continue
                # the slot's words may stand earlier in the sentence ("share his half of the prize money with
                # him; Macleod then shared his half with Collip")
                if not found or not between <= set(stems(theirs[: found[0][1]])) | set(stems(sentence[: e.start()])):
                    continue
                if set(slot) - set(_prepositions(theirs[: found[0][1]])) or (not slot and _prepositions(theirs[: found[0][1]])):
                    continue  # "sent it from Hull" and "sent it to Leith" fill two slots
                if (measures and _measures(sentence) and not measures & _measures(sentence)) or \
                        (when and _dates_of(sentence) and not when & _dates_of(sentence)):
                    continue  # another amount or date: another event
                others.append(found[0][0])
        if others and not own:
            signal.conflicts.append(f"the evidence has it {verb} {others[0]}, not {name}")
        return signal
    return signal


_PREPOSITION_WORDS = frozenset("to from at in on by for with into onto of over under across through".split())


def _prepositions(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w in _PREPOSITION_WORDS]


def _dates_of(text: str) -> set[tuple]:
    from agent.factcheck.quantities import dates

    return {(m, d) for _, m, d in dates(text)}


def _names_stems(text: str) -> set[str]:
    return {stem(w) for n, _, _ in _names(text) for w in re.sub(r"'s\b", "", n).split()}


# ---- bindings ---------------------------------------------------------------------------------

# Where a sentence's coordinated parts begin: each part may say its own thing of its own name.
_PART_RE = re.compile(r";\s+|,\s+(?:and|but|while|whereas|yet)\s+|\s+(?:while|whereas)\s+")
# A part that opens with a verb or an adverb and a verb shares the subject of the part before it.
_PART_ADVERBS = frozenset("then also only later soon so still again finally thus".split())
_REFERRING = frozenset("he she they him her them both".split())
BIND_SHARE = 0.6
BIND_MARGIN = 0.3
BIND_WORDS = 2


def _parts(sentence: str) -> list[str]:
    """Return a sentence's coordinated parts ('A did x, and B did y'; 'A with x, and B with y'; 'x, while y'),
    a part without a subject of its own ('..., and then went home') kept with the one before it."""
    pieces, cuts = [], [0]
    for m in _PART_RE.finditer(sentence):
        cuts += [m.start(), m.end()]
    cuts.append(len(sentence))
    for start, end in zip(cuts[0::2], cuts[1::2]):
        piece = sentence[start:end]
        words = [w for w in re.findall(_WORD, piece)]
        while words and (words[0].lower() in _PART_ADVERBS or words[0].lower().endswith("ly")):
            words = words[1:]
        if pieces and (not words or words[0] == "to" or (words[0].islower() and is_verb(words[0]))):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


_ROSTER_CUT_RE = re.compile(rf",\s+(?:and\s+)?|\s+and\s+(?=[{CAPITALS}])")
ROSTER_ITEM_WORDS = 8


def _roster(part: str) -> tuple[str, list[str]]:
    """Split a list whose every item is a name and a few words without a verb into its items: "three captains rose:
    Ada Hale of the Orca, Ivo Stern of the Wren and Osk Dahl" gives "three captains rose" and one item per name,
    so that each name holds only its own words and those of the part before the colon, which are said of them all."""
    head, colon, body = part.rpartition(":")
    items = [i.strip() for i in _ROSTER_CUT_RE.split(body if colon else part)]
    if len(items) < 2 or "," not in (body if colon else part) or not all(
            (found := _names(i)) and found[0][1] == 0 and len(i.split()) <= ROSTER_ITEM_WORDS and
            _finite_verb(i) is None for i in items):
        return "", [part]
    return head, items


def _finite_verb(part: str) -> int | None:
    """Return where a part's own finite verb begins (not one of a relative clause in it), or None."""
    main = re.split(r"\b(?:who|whom|whose|which|that)\b", part)[0]
    return next((m.start() for m in re.finditer(_WORD, main)
                 if m.group(0).islower() and is_verb(m.group(0))), None)


def _proper(text: str, known: str) -> list[str]:
    """Return the names of text; one capitalized word opening a sentence counts only when `known` capitalizes
    it mid-sentence too ('Steam shovels loaded' names nothing; 'Goethals, who ...' does)."""
    found = []
    for sentence in split_sentences(text):
        for name, start, _ in _names(sentence):
            opening = not sentence[:start].strip(" \"'(")
            if opening and " " not in name and not re.search(rf"(?<![.!?]\s)(?<!^)\b{re.escape(name)}\b", known):
                continue
            found.append(name)
    return found


def _name_words(name: str) -> set[str]:
    return {w.lower() for w in re.sub(r"'s\b", "", name).split()} - _NON_NAMES


def _same_name(a: set[str], b: set[str]) -> bool:
    """Tell whether two names' words can name the same thing: one holds all the other's words ("Krenz" and
    "Egon Krenz"), unlike two that share only some ("Gatun Locks" and "Pedro Miguel Locks")."""
    return bool(a & b) and (a <= b or b <= a)


def _terms(text: str) -> set[str]:
    """Return the stems of text and its numbers (digits or words): "three steps" gives {"3", "step"}."""
    return {s for s in stems(text) if s} | set(re.findall(r"\d+", words_to_digits(text)))


def binding_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that says of one name what the evidence says of another in a part of the same sentence:
    "Byrd was waiting with the Columbia" where the evidence reads "Chamberlin with the Columbia, and Byrd with
    the America"; "On 18 October Krenz was forced to resign" where it reads "Honecker was forced to resign, and
    Krenz took his place".

    For each name of a one-clause claim, the rest of the claim (its other words) is looked for in the
    coordinated parts of the evidence sentences that name it. When a part of such a sentence that opens with a
    name the claim never mentions holds most of it, and no part naming this one (or referring back with he,
    she, they, both) holds nearly as much anywhere, the evidence binds the claim's words to another name.
    """
    signal = Signal("binding")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    body = _QUOTED_RE.sub(_blank, normalize(evidence))
    if len(_parts(text.rstrip(".!? "))) > 1:
        return signal  # a claim of two clauses binds each part on its own
    mine = _proper(text, f"{text} {body}")
    if not mine:
        return signal
    claim_stems = _terms(text)
    claim_words = {w for n in mine for w in _name_words(n)}
    claim_name_stems = {stem(w) for w in claim_words}
    sentences = []
    for sentence in split_sentences(body):
        parts, subjects = [], []
        for whole in _parts(sentence):
            head, items = _roster(whole)
            for part in items:
                proper = _proper(part, body)
                words = {w.lower() for w in re.findall(r"[A-Za-z]+", part)}
                said = _terms(part) | _terms(head)
                parts.append((said, [_name_words(n) for n in proper], bool(words & _REFERRING), proper, set(said)))
                # "Ada Hale, the pilot, and Ivo Stern, her mechanic, flew on": parts without a verb of their own
                # are a compound subject, and what the next part says after its verb is said of them too (for
                # the names they hold, not as what they say of other names)
                verb = _finite_verb(part)
                if verb is None:
                    subjects.append(len(parts) - 1)
                else:
                    for i in subjects:
                        parts[i][4].update(_terms(part[verb:]))
                    subjects = []
        sentences.append(parts)
    for name in mine:
        own = _name_words(name)
        rest = claim_stems - {stem(w) for w in own}
        if len(rest) < BIND_WORDS:
            continue
        weight = {s: 2 if s in claim_name_stems else 1 for s in rest}
        total = sum(weight.values())

        def share(have: set[str]) -> float:
            return sum(weight[s] for s in rest & have) / total

        best_own = max((share(said) for parts in sentences for _, names, referring, _, said in parts
                        if referring or any(_same_name(own, n) for n in names)), default=None)
        if best_own is None:
            continue  # a name the evidence lacks is the entity check's case
        signal.items.append(name)
        for parts in sentences:
            if len(parts) < 2 or not any(_same_name(own, n) for _, names, _, _, _ in parts for n in names):
                continue
            for have, names, referring, shown, _ in parts:
                if referring or not names or any(_same_name(own, n) for n in names) or \
                        any(_same_name(names[0], _name_words(n)) for n in mine):
                    continue  # the part is about this name, or opens with one the claim has
                if share(have) >= BIND_SHARE and share(have) >= best_own + BIND_MARGIN:
                    signal.conflicts.append(f"the evidence says that of {shown[0]}, not {name}")
                    return signal
    return signal


# ---- interval anchors ---------------------------------------------------------------------------

_INTERVAL_RE = re.compile(r"\b(day|week|month|year|hour|minute|decade)s?\s+(after|before|later than|earlier than)\s+"
                          r"((?:[\w'’.-]+\s*){1,6})", re.IGNORECASE)
_ANCHOR_END_RE = re.compile(r"\b(?:and|but|when|while|which|who|that|where|at|in|on|during|because|as|so)\b|[,;:.!?]")
ANCHOR_EVENT_SHARE = 0.5


def _anchors(text: str) -> list[tuple[str, str, str, int, int]]:
    """Return (unit, relation, anchor, start, end) for each "N units after/before <anchor>" of text."""
    found = []
    for m in _INTERVAL_RE.finditer(text):
        anchor = _ANCHOR_END_RE.split(m.group(3), maxsplit=1)[0].strip()
        if anchor:
            found.append((m.group(1).lower(), m.group(2).lower(), anchor, m.start(), m.start(3) + len(anchor)))
    return found


def anchor_signal(claim: str, evidence: str) -> Signal:
    """Flag an interval measured from another event: "a month after the release" where the evidence, telling
    the same event, says "a month after its second birthday" (the interval is right, what it counts from is
    not). Only a sentence of the evidence with the same interval word and relation ("month after") that holds
    most of the rest of the claim is compared; one whose anchor has all of the claim's anchor words agrees, and
    one whose anchor shares none of them may be the same event in other words, so only an anchor sharing some
    of them and words of its own (the same thing, another event of it) conflicts: "a week after Cape Town" may
    be "a week after the Cape Town operation"."""
    signal = Signal("anchor")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    mine = _anchors(text)
    if not mine:
        return signal
    sentences = split_sentences(normalize(_QUOTED_RE.sub(" ", evidence)))
    for unit, relation, anchor, start, end in mine:
        wanted = set(stems(anchor))
        event = set(stems(text[:start] + " " + text[end:]))
        if not wanted or not event:
            continue
        signal.items.append(f"{unit}s {relation} {anchor}")
        others = []
        for sentence in sentences:
            have = set(stems(sentence))
            if len(event & have) < ANCHOR_EVENT_SHARE * len(event):
                continue
            for theirs in _anchors(sentence):
                if theirs[:2] != (unit, relation):
                    continue
                counted = set(stems(theirs[2]))
                if wanted <= counted:
                    return signal  # the evidence counts from the same event
                if wanted & counted and _own_words(theirs[2]) - wanted:
                    # another event of the same thing ("its release", "its second birthday"); anchors with no
                    # word in common may name one event twice ("the launch", "the release") and are left alone
                    others.append(theirs[2])
        if others:
            signal.conflicts.append(f"the evidence counts the {unit}s {relation} \"{others[0]}\", not \"{anchor}\"")
            return signal
    return signal


_TENSE_WORDS = frozenset("had has have been being was were is are did does she he they it its his her their "
                         "begun gone done seen taken given known left run".split())


def _own_words(anchor: str) -> set[str]:
    """Return the stems of an anchor's words that name something: not its verb's tense ("had begun" is "began",
    "she had left Plymouth" is "leaving Plymouth"), nor a pronoun."""
    words = [w for w in re.findall(_WORD, anchor)
             if w.lower() not in _TENSE_WORDS and not is_verb(w) and not w.lower().endswith("ing")]
    return set(stems(" ".join(words)))


# ---- members of a group -------------------------------------------------------------------------

_MEMBER_RE = re.compile(rf"\b([a-z][a-z-]+)\s*,?\s+(?:like|such as|including|notably|especially)\s+({_NAME})")


def member_signal(claim: str, evidence: str) -> Signal:
    """Flag a name given as a member of a group the evidence does not put it in: "partnerships with companies
    like Acme" where the evidence names Acme only as a client of someone else. The group's word (or its plain
    equivalent) has to be in a sentence of the evidence that names the member; a member the evidence never
    names is the entity check's case."""
    from agent.factcheck.text import meaning_stems

    signal = Signal("member")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    sentences = split_sentences(normalize(evidence))
    for m in _MEMBER_RE.finditer(text):
        group, member = m.group(1), m.group(2).strip()
        if group in STOP or is_verb(group):
            continue
        last = member.split()[-1]
        naming = [s for s in sentences if re.search(rf"\b{re.escape(last)}\b", s)]
        if not naming:
            continue
        signal.items.append(f"{group} like {member}")
        kinds = set(meaning_stems(group))
        if not any(kinds & set(meaning_stems(s)) for s in naming):
            signal.missing.append(f"the evidence names {member} but not as one of the {group}")
    return signal


# ---- scene business -----------------------------------------------------------------------------

# Gestures, looks and presence a storyteller adds to a scene: "looks around the room", "takes a deep breath",
# "nods", "is in attendance". Each is the word that must be in the evidence for the claim to be its own.
_SCENE_RE = re.compile(
    r"\b(?:(?:look|looks|looked|looking|glance|glances|glanced|gaze|gazes|gazed|stare|stares|stared)\s+"
    r"(?:around|round|about|out|up|down)\b(?:\s+(?:the|his|her|their)\s+room)?|"
    r"(?:takes?|took|taking|draws?|drew|drawing)\s+(?:a\s+)?(?:deep\s+|long\s+|slow\s+)?breaths?|"
    r"deep\s+breaths?|in\s+attendance|"
    r"(?:nods?|nodded|nodding|smiles?|smiled|smiling|grins?|grinned|grinning|frowns?|frowned|frowning|"
    r"shrugs?|shrugged|shrugging|sighs?|sighed|sighing|winks?|winked|winking)\b|"
    r"clears?\s+(?:his|her|their)\s+throat|cleared\s+(?:his|her|their)\s+throat|"
    r"(?:leans?|leaned|leant)\s+(?:back|forward|in)\b|paces?\s+(?:the|around|up and down)\b)",
    re.IGNORECASE)


def scene_signal(claim: str, evidence: str) -> Signal:
    """Flag scene business the evidence does not report: a gesture, a look round the room, a deep breath, a
    nod, someone "in attendance". Notes of fact rarely say such things; a retelling that adds them invents
    an act, however many of the notes' names it reuses."""
    signal = Signal("scene")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    have = set(stems(evidence))
    for m in _SCENE_RE.finditer(text):
        phrase = m.group(0)
        signal.items.append(phrase)
        key = [s for s in stems(phrase) if s not in _SCENE_LIGHT]
        if not key or not set(key) <= have:
            signal.missing.append(f"the evidence does not report it: \"{phrase}\"")
    return signal


_SCENE_LIGHT = frozenset(stem(w) for w in "take takes took taking draw draws drew drawing".split())


# ---- measures and what they measure ---------------------------------------------------------------

_MEASURE_RE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s+([a-z]+)\b((?:\s+[a-z'-]+){0,4})")
_MEASURE_END_RE = re.compile(r"\b(?:and|but|while|whereas|which|who|when)\b")


def _measured(text: str) -> list[tuple[str, str, set[str]]]:
    """Return (value, unit, stems of what it measures) for each "660 feet thick at its base" of text."""
    found = []
    for m in _MEASURE_RE.finditer(words_to_digits(text)):
        tail = _MEASURE_END_RE.split(m.group(3), maxsplit=1)[0]
        found.append((m.group(1).replace(",", ""), stem(m.group(2)), {s for s in stems(tail) if s}))
    return found


def measure_signal(claim: str, evidence: str) -> Signal:
    """Flag a measure given to the wrong attribute of two the evidence names side by side: "45 feet thick at its
    base" where it reads "660 feet thick at its base and 45 feet thick at the top". In a sentence of the evidence
    that has the claim's value and unit, the words the claim puts after them must follow that value there, and
    not only another value of the same unit."""
    signal = Signal("measure")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    for value, unit, said in _measured(text):
        if len(said) < 2:
            continue
        signal.items.append(f"{value} {unit}")
        for sentence in split_sentences(normalize(_QUOTED_RE.sub(" ", evidence))):
            theirs = [t for t in _measured(sentence) if t[1] == unit]
            own = [t for t in theirs if t[0] == value]
            if not own or any(said <= t[2] for t in own):
                continue
            other = next((t for t in theirs if t[0] != value and said <= t[2]), None)
            if other:
                signal.conflicts.append(f"the evidence gives {other[0]} {unit}, not {value}, for that")
                return signal
    return signal


# ---- the kind of a role -------------------------------------------------------------------------

_KIND_CLAIM_RE = re.compile(rf"({_NAME})(?:,[^,;]{{1,60}},)?\s+(?:was|is|became)\s+(?:a|an|the)\s+((?:[A-Z][a-z]+\s+){{1,2}})([a-z][a-z-]+)\b")


def kind_signal(claim: str, evidence: str) -> Signal:
    """Flag a role given with another proper adjective than the evidence gives it the same person: "Ada Hale was
    a Danish chemist" where the evidence reads "the Swedish chemist Ada Hale" or "Ada Hale, a Swedish chemist"."""
    signal = Signal("kind")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    body = normalize(_QUOTED_RE.sub(" ", evidence))
    for m in _KIND_CLAIM_RE.finditer(text):
        name, mods, role = m.group(1), set(m.group(2).split()), m.group(3)
        if name.split()[0].lower() in _NON_NAMES or role in STOP:
            continue
        last = re.escape(name.split()[-1])
        signal.items.append(f"{name}: {m.group(2).strip()} {role}")
        theirs = [e.group(1) for e in re.finditer(rf"((?:[A-Z][a-z]+\s+){{1,2}}){re.escape(role)}\s+(?:[A-Z][\w'-]+\s+)*{last}\b", body)]
        theirs += [e.group(1) for e in re.finditer(rf"\b{last},\s+(?:a|an|the)\s+((?:[A-Z][a-z]+\s+){{1,2}}){re.escape(role)}\b", body)]
        said = [[w for w in t.split() if w not in ("The", "A", "An")] for t in theirs]
        said = [t for t in said if t]
        if said and not any(mods & set(t) for t in said):
            signal.conflicts.append(f"the evidence gives {name} the role {' '.join(said[0])} {role}")
            return signal
    return signal


_SLOT_SKIP = frozenset("the a an".split())
_SLOT_WORD_RE = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.:]*")
SLOT_NAME_WORDS = 3
_SLOT_LINKS = frozenset("of with from in at to for by near".split())
SLOT_ANCHOR = 3
# words of one kind, one of which a claim may put in the place of another: a medal, a side, a direction, an age
_CONTRASTS = [frozenset(group.split()) for group in (
    "gold silver bronze", "left right", "north south east west", "northern southern eastern western",
    "northward southward eastward westward", "upstream downstream", "elder younger older", "eldest youngest oldest",
    "upper lower", "inner outer", "uncle aunt brother sister father mother "
    "son daughter nephew niece cousin husband wife", "morning afternoon evening night",
    "red orange yellow green blue purple violet grey gray black white brown pink golden silvery",
    "penny pence shilling shillings pound pounds guinea guineas crown crowns farthing farthings dollar dollars cent cents "
    "franc francs mark marks rouble roubles ruble rubles lira lire yen peseta pesetas florin florins",
    "spring summer autumn winter", "monday tuesday wednesday thursday friday saturday sunday")]


# "the next morning", "a week later", "two days later": how long after the event before, as one word ("after1day")
_NEXT_DAY_RE = re.compile(r"\b(?:the\s+)?(?:next|following)\s+(?:day|morning|evening|night)\b", re.IGNORECASE)
_LATER_BY_RE = re.compile(r"\b(a|an|one|\d+)\s+(day|week|month|year)s?\s+later\b", re.IGNORECASE)
_AFTER_RE = re.compile(r"^after\d+(?:day|week|month|year)$")


def _relative_times(text: str) -> str:
    text = _NEXT_DAY_RE.sub("after1day", text)
    return _LATER_BY_RE.sub(lambda m: f"after{1 if m.group(1).lower() in ('a', 'an', 'one') else m.group(1)}"
                                      f"{m.group(2).lower()}", text)


def _spelled(word: str) -> str:
    """Return a word as the reader wrote it: "after1day" is "a day later"."""
    m = re.fullmatch(r"after(\d+)(day|week|month|year)", word)
    if not m:
        return word
    return f"a {m.group(2)} later" if m.group(1) == "1" else f"{m.group(1)} {m.group(2)}s later"


def _slot_tokens(text: str) -> list[tuple[str, str]]:
    """Return (stem, word) per word of text, articles left out, numbers in digits, "a week later" as one word."""
    words = _SLOT_WORD_RE.findall(_relative_times(words_to_digits(normalize(text))))
    return [(stem(w.rstrip(".,").removesuffix("'s")), w.rstrip(".,")) for w in words if w.lower() not in _SLOT_SKIP]


def _slot_kind(mine: list[str], theirs: list[str]) -> str:
    """Return what two slot fillers are: 'name' (both names), 'contrast' (two words of one kind), or ''."""
    if all(w[:1].isupper() for w in mine + theirs) and len(mine) <= SLOT_NAME_WORDS and len(theirs) <= SLOT_NAME_WORDS:
        return "name"
    if len(mine) == len(theirs) == 1 and any({mine[0].lower(), theirs[0].lower()} <= group for group in _CONTRASTS):
        return "contrast"
    if len(mine) == len(theirs) == 1 and re.fullmatch(r"\d{4}", mine[0]) and re.fullmatch(r"\d{4}", theirs[0]):
        return "year"
    return ""


def _initials(short: list[str], long: list[str]) -> bool:
    return len(short) == 1 and len(long) > 1 and short[0].upper() == "".join(w[0] for w in long).upper()


def _runs_in(window: list[str], tokens: list[str]) -> bool:
    """Tell whether the words of window stand together, in order, among tokens."""
    n = len(window)
    return n > 0 and any(tokens[k: k + n] == window for k in range(len(tokens) - n + 1))


def _paired(one: str, other: str, text: str) -> bool:
    """Tell whether two names stand joined by "and" in text, in either order ("Davidson and Andrew Crommelin")."""
    a, b = re.escape(one), re.escape(other)
    return bool(re.search(rf"\b(?:{a}\s+and\s+(?:[A-Z][\w'-]*\s+){{0,2}}{b}|{b}\s+and\s+(?:[A-Z][\w'-]*\s+){{0,2}}{a})\b", text))


def substitution_signal(claim: str, evidence: str) -> Signal:
    """Flag a claim that puts, among the evidence's own words, another name or another word of the same kind
    where the evidence has one: "Tinus Osendarp of Germany" for "Tinus Osendarp of the Netherlands", "the rebels
    were Gaspar de Quesada of the Victoria" for "Gaspar de Quesada of the Concepción, Luis de Mendoza of the
    Victoria", "his younger brother Jacques" for "his elder brother Jacques", "Long took the bronze and Tajima
    the silver" for "Long took silver and Tajima bronze", "married the painter Jon Berg in 1891" for "moved to
    Oslo in 1891 and married the painter Jon Berg in 1895" (a year; other numbers are number_signal's).

    The words around the slot are the evidence's, in one of its sentences: three at least, two of them content
    words, on both sides, or before it only when a name or a year fills it after "of", "in", "with", ... The two
    fillers share no word. The claim's filler, as it writes it, is the signal's item.
    """
    signal = Signal("substitution")
    c = _slot_tokens(claim)
    cs = [s for s, _ in c]
    content = lambda pairs: [s for s, w in pairs if w.lower() not in STOP or w[:1].isdigit()]  # noqa: E731
    sentences = [[s for s, _ in _slot_tokens(sentence)] for sentence in split_sentences(normalize(evidence))]
    # the claim's own words around the slot stand in the evidence too ("Argentina beat the United States 6-1, and
    # Uruguay beat Yugoslavia 6-1"): the evidence says both, nothing incompatible
    said = lambda window: any(_runs_in(window, es) for es in sentences)  # noqa: E731
    for sentence in split_sentences(normalize(evidence)):
        e = _slot_tokens(sentence)
        es = [s for s, _ in e]
        # a word of one kind for another, followed by the evidence's own words: "a grey parrot called Lorita" for
        # "a green parrot called Lorita", even where nothing the two share comes before it
        for i, (_, word) in enumerate(c):
            group = next((g for g in _CONTRASTS if word.lower() in g), None)
            if _AFTER_RE.match(word):
                group = {w.lower() for _, w in e if _AFTER_RE.match(w)} | {word.lower()}
            after = cs[i + 1: i + 1 + SLOT_ANCHOR]
            if group is None or len(after) < SLOT_ANCHOR or len(content(c[i + 1: i + 1 + SLOT_ANCHOR])) < 2:
                continue
            for k, (_, theirs) in enumerate(e):
                if theirs.lower() in group and theirs.lower() != word.lower() and es[k + 1: k + 1 + SLOT_ANCHOR] == after \
                        and not said(cs[i: i + 1 + SLOT_ANCHOR]):
                    signal.items.append(_spelled(word))
                    signal.conflicts.append(f"the evidence says \"{_spelled(theirs)}\" there, not \"{_spelled(word)}\"")
                    return signal
        for i in range(1, len(c)):
            for k in range(1, len(es)):
                if es[k - 1] != cs[i - 1] or es[k] == cs[i]:
                    continue
                run = 1
                while run < min(i, k) and es[k - run - 1] == cs[i - run - 1]:
                    run += 1
                if i - run > 0 and c[i - run][1][:1].isupper() and c[i - run - 1][1][:1].isupper():
                    continue  # the shared words begin inside another name ("the Union Pacific broke ground in")
                left = min(run, SLOT_ANCHOR)
                for gap in range(1, SLOT_NAME_WORDS + 1):
                    for egap in range(1, SLOT_NAME_WORDS + 1):
                        j, f = i + gap, k + egap
                        if j > len(c) or f > len(es):
                            continue
                        right = 0
                        while j + right < len(c) and f + right < len(es) and es[f + right] == cs[j + right] \
                                and right < SLOT_ANCHOR:
                            right += 1
                        mine, theirs = [w for _, w in c[i: j]], [w for _, w in e[k: f]]
                        kind = _slot_kind(mine, theirs)
                        if not kind or set(cs[i: j]) & set(es[k: f]):
                            continue
                        # with nothing shared after the slot, more shared words before it may anchor it ("member of
                        # Parliament for Liverpool")
                        wide = left if right else min(run, SLOT_ANCHOR + 2)
                        anchors = c[i - wide: i] + c[j: j + right]
                        if wide + right < SLOT_ANCHOR or len(content(anchors)) < 2 or \
                                (not right and (kind not in ("name", "year") or len(content(c[i - wide: i])) < 2 or
                                                c[i - 1][1].lower() not in _SLOT_LINKS)):
                            continue  # with nothing shared after it, the slot is a name after "of", "with", ...
                        if set(cs[i: j]) & set(es[f: f + SLOT_ANCHOR + 1]) or set(es[k: f]) & set(cs[j: j + SLOT_ANCHOR + 1]):
                            continue  # a word put in or left out ("Fred W. Haise", "the Allied invasion of Normandy")
                        if not right and any(j < len(c) and c[j][1][:1].isupper() or f < len(es) and e[f][1][:1].isupper()
                                             for _ in (0,)):
                            continue  # the slot ends inside a name ("the United States")
                        if mine[-1].endswith("'s") and theirs[-1].endswith("'s"):
                            continue  # one owner for another ("OpenAI's data", "ChatGPT's data") may be one thing's
                        if any(len(w) == 1 for w in theirs + mine) or _initials(mine, theirs) or _initials(theirs, mine):
                            continue  # an initial ("Fred W. Haise"), an acronym ("the US", "the United States")
                        if said(cs[i - left: j + right]):
                            continue
                        if re.search(rf"(?<![\w-]){re.escape(' '.join(mine))},\s[^,;]*(?<![\w-])"
                                     rf"{re.escape(' '.join(theirs))}(?![\w-])[^,;]*,", normalize(sentence)):
                            continue  # "of Principe, off the west coast of Africa, with": the claim left out an aside
                        if kind == "name" and max(len(mine), len(theirs)) > 2 and not content(c[i - left: i]):
                            continue  # a long name after a bare "of" ("a New Kind of Rays" on ...): too little to align
                        if kind == "name" and _paired(mine[-1], theirs[-1], claim) and _paired(mine[-1], theirs[-1], sentence):
                            continue  # two names of one pair in the other order ("B and A went" for "A and B went")
                        signal.items.append(' '.join(mine))
                        signal.conflicts.append(f"the evidence says \"{' '.join(theirs)}\" there, not \"{' '.join(mine)}\"")
                        return signal
    return signal


def last_word_signal(claim: str, evidence: str) -> Signal:
    """Note the claim's last word where an evidence sentence has the same words before it and then another word, and
    the claim's word stands nowhere in the evidence: "had wheels of boxwood" for "had wheels of oak". The two may
    be one thing in other words ("around the globe", "around the world"), so this is a doubt for the model to
    settle, not a conflict (see checker)."""
    signal = Signal("last word")
    c = _slot_tokens(claim)
    if len(c) <= SLOT_ANCHOR or not c[-1][1].isalpha() or not c[-1][1].islower() or c[-1][1] in STOP:
        return signal
    (mine, word), size = c[-1], SLOT_ANCHOR
    if sum(w.lower() not in STOP for _, w in c[-1 - size: -1]) < 2:
        size += 1  # "frames of pine": two words of content before it at least ("looms had frames of")
    anchor = [s for s, _ in c[-1 - size: -1]]
    if len(c) <= size or sum(w.lower() not in STOP for _, w in c[-1 - size: -1]) < 2 or mine in set(stems(evidence)):
        return signal
    for sentence in split_sentences(normalize(evidence)):
        e = _slot_tokens(sentence)
        for k in range(size, len(e)):
            theirs = e[k][1]
            if [s for s, _ in e[k - size: k]] == anchor and theirs.isalpha() and theirs.islower() and \
                    theirs not in STOP and e[k][0] != mine:
                signal.items.append(word)
                signal.missing.append(f"the evidence says \"{theirs}\" there, not \"{word}\"")
                return signal
    return signal


_COUNT_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


def _dated(text: str) -> tuple | None:
    """Return the first (year, month, day) the text states, year or day possibly None."""
    from agent.factcheck.quantities import dates, years_of

    found = dates(text)
    if found:
        return found[0]
    years = years_of(text)
    return (min(years), None, None) if years else None


def _bounds(when: tuple, year: int) -> tuple[date, date] | None:
    """Return the first and last day a (year, month, day) may be, its year taken from the other date if it has none."""
    y, m, d = when
    y = y or year
    try:
        if not m:
            return date(y, 1, 1), date(y, 12, 31)
        if not d:
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        return date(y, m, d), date(y, m, d)
    except ValueError:
        return None


def _gap_days(early: tuple, late: tuple) -> tuple[float, float] | None:
    """Return the (shortest, longest) days from one date to another, as far as their parts allow."""
    year = early[0] or late[0] or 2000
    a, b = _bounds(early, year), _bounds(late, year)
    if not a or not b:
        return None
    return (b[0] - a[1]).days, (b[1] - a[0]).days


def interval_signal(claim: str, evidence: str) -> Signal:
    """Flag "two days after the long jump" or "just weeks after the company broke ground (8 January 1863)" where
    the dates of the two events, the claim's own or the evidence's, lie another span apart (a day; ten months)."""
    signal = Signal("interval")
    for m, allowed, anchor, main in _intervals(claim):
        a = _dated(anchor) or _when(set(stems(anchor)) - _DATE_STEMS, evidence, least=2)
        b = _dated(main) or _when(set(stems(main)) - _DATE_STEMS, evidence, least=2)
        if not a or not b or a == b:
            continue
        early, late = (a, b) if m.group("rel").lower() == "after" else (b, a)
        gap = _gap_days(early, late)
        if gap is None:
            continue
        if gap[1] < allowed[0] or gap[0] > allowed[1]:
            signal.items.append(m.group(0))
            signal.conflicts.append(f"the dates of the two events are not {m.group(0).split(' ' + m.group('rel'))[0].strip()} apart")
            return signal
    return signal


# the units of a span from a named event whose dates may be compared ("three years after X", "weeks before X")
_INTERVAL_UNITS = frozenset("hour day week fortnight month year decade".split())


def _intervals(claim: str):
    """Yield each "N units after/before X" of the claim: the match, the days it allows, its anchor and the rest."""
    text = words_to_digits(normalize(claim))  # "twenty-five years" is no "five years"
    for m, allowed, anchor in _spans(claim):
        if m.re is not _SPAN_RES[0] or anchor is None:
            continue
        count = (m.group("count") or "").lower()
        if m.group("rel").lower() not in ("after", "before") or \
                m.group("unit").lower() not in _INTERVAL_UNITS or count in ("the", "that") or \
                count and text[: m.start("count")].endswith("."):
            continue  # "2.5 years" is no 5; "the day before X" is told loosely
        end = text.index(anchor, m.end()) + len(anchor)
        yield m, allowed, anchor, text[: m.start()] + " " + text[end:]


@lru_cache(maxsize=256)
def interval_support(claim: str, evidence: str) -> frozenset[str]:
    """Return the counts of the claim's intervals that the dates of its two events bear out: "25" in "De Lesseps died
    twenty-five years after the canal was opened" where one passage dates the opening and another the death."""
    found = set()
    for m, allowed, anchor, main in _intervals(claim):
        count = m.group("count") or ""
        if not count.isdigit():
            continue  # a vague span says no number
        own_a, own_b = _dated(anchor), _dated(main)
        firsts = [own_a] if own_a else _event_dates(set(stems(anchor)) - _DATE_STEMS, evidence)
        seconds = [own_b] if own_b else _event_dates(set(stems(main)) - _DATE_STEMS, evidence)
        for a in firsts:
            for b in seconds:
                early, late = (a, b) if m.group("rel").lower() == "after" else (b, a)
                gap = _gap_days(early, late) if a != b else None
                if gap and allowed[0] <= (gap[0] + gap[1]) / 2 <= allowed[1]:
                    found.add(count)
    return frozenset(found)


def _event_dates(stems_: set[str], text: str, every: bool = False) -> list[tuple]:
    """Return the dates of the sentences that tell of an event best (half its words, two at least): one event may
    be told more than once ("the canal was opened on 17 November 1869", "declared the canal open in 1888").
    With every, each date of those sentences, not only the first ("on 11 June ..., and on 13 June New York ...").
    A date without a year is in the year the text last named."""
    scored = []
    for shared, dated in _telling(stems_, text, 2):
        dated = dated if every else dated[:1]
        if dated and dated[0] and shared / len(stems_) >= DATE_EVENT_SHARE:
            scored.extend((shared, w) for w in dated)
    best = max((n for n, _ in scored), default=0)
    return list(dict.fromkeys(when for n, when in scored if n == best))


# ---- spans told in words ------------------------------------------------------------------------------

# days in one of each unit a span may count; a season, a named season or a part of the day is told loosely
_SPAN_DAYS = {"hour": 1 / 24, "day": 1, "night": 1, "morning": 1, "afternoon": 1, "evening": 1, "week": 7, "fortnight": 14,
              "month": 30.4, "season": 365.25, "year": 365.25, "decade": 3652.5,
              "spring": 365.25, "summer": 365.25, "autumn": 365.25, "winter": 365.25}
_SPAN_UNIT = r"(?P<unit>" + "|".join(sorted(_SPAN_DAYS, key=len, reverse=True)) + r")s?"
_SPAN_COUNT = (r"(?P<count>a\s+few|a\s+couple\s+of|a\s+couple|several|some|many|a\s+full|a\s+whole|a|an|one|the|that|\d+(?:\.\d+)?|"
               + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")")
_SPAN_HEDGE = (r"(?P<hedge>(?:a\s+little\s+|a\s+bit\s+|not\s+)?(?:just|only|barely|scarcely|hardly|about|around|roughly|some|almost|nearly|"
               r"less\s+than|more\s+than|over|under|fewer\s+than|no\s+more\s+than|not\s+even)\s+)?")
# "barely a week after", "two days later", "years afterwards", "the winter before", "within a year", "the very next day"
_SPAN_RES = [
    re.compile(rf"\b{_SPAN_HEDGE}(?:{_SPAN_COUNT}\s+)?(?:very\s+)?{_SPAN_UNIT}\s+(?P<rel>after|before|later|earlier|afterwards|apart)\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<rel>within|in\s+a\s+matter\s+of|inside(?:\s+of)?)\s+{_SPAN_HEDGE}(?:{_SPAN_COUNT}\s+)?{_SPAN_UNIT}\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:the\s+|that\s+)?(?:very\s+)?(?P<rel>next|following|previous|preceding)\s+{_SPAN_UNIT}\b", re.IGNORECASE),
]
# "went silent after three weeks": a span from an unnamed start, read in the evidence only (in a claim, "After a few
# days they told ..." says no more than the evidence's "a few days later")
_AFTER_SPAN_RE = re.compile(rf"\b(?P<rel>after)\s+{_SPAN_HEDGE}{_SPAN_COUNT}\s+{_SPAN_UNIT}\b(?!\s+(?:of|after|before|later|earlier))",
                            re.IGNORECASE)
_FORWARD = frozenset("after later afterwards within next following".split())


def _relation(m: re.Match) -> str:
    """Return a span's relation word, "in a matter of" and "inside" as "within"."""
    rel = m.group("rel").lower()
    return "within" if rel.startswith("in") else rel


def _span_days(m: re.Match) -> tuple[float, float]:
    """Return the (lowest, highest) days a span in words allows: "barely a week" (0, 7), "a few years", "within hours"."""
    unit = _SPAN_DAYS[m.group("unit").lower()]
    count = re.sub(r"\s+", " ", (m.groupdict().get("count") or "").lower())
    hedge = re.sub(r"\s+", " ", (m.groupdict().get("hedge") or "").strip().lower())
    rel = _relation(m)
    plural = re.search(rf"\b{m.group('unit')}s\b", m.group(0), re.IGNORECASE) is not None
    if rel in ("next", "following", "previous", "preceding") or count in ("the", "that"):
        low, high = 1, 1
    elif count in ("a few", "a couple", "a couple of", "several", "some", "many") or (not count and plural):
        low, high = {"a couple": (2, 3), "a couple of": (2, 3), "many": (3, 60), "": (1, 60)}.get(count, (2, 12))
        if not count and hedge.endswith(("just", "only", "barely", "scarcely", "hardly")):
            high = 14  # "just weeks after": a few of them, not years' worth
    elif count in ("", "a", "an", "one", "a full", "a whole"):
        low = high = 1
    else:
        low = high = float(count) if count[:1].isdigit() else _COUNT_WORDS.get(count, 1)
    low, high = low * unit, high * unit
    # a unit is told loosely: a month is 28 to 31 days, "a year" may be told of 10 to 14 months
    slack = 0.0 if unit <= 1 else 0.2 * unit + (0.25 * unit if unit > 100 else 0.0)
    low, high = max(0.0, low - slack), high + slack
    if rel == "within" or hedge.endswith(("less than", "under", "fewer than", "no more than", "not even")):
        low = 0.0
    if hedge.endswith(("about", "around", "roughly", "some", "almost", "nearly")):
        low, high = low * 0.75, high * 1.25
    if hedge.endswith(("more than", "over")):
        high *= 2.5
    if rel != "within" and m.group("unit").lower() in ("morning", "afternoon", "evening", "night"):
        low, high = max(0.0, low - 1), high + 1  # "the next morning" may be told of the night after
    return low, high


def _spans(text: str, evidence: bool = False) -> list[tuple[re.Match, tuple[float, float], str | None]]:
    """Return each span the text tells in words, with the days it allows and the event it counts from, if named
    (with evidence, "after three weeks" too)."""
    plain = words_to_digits(normalize(text))
    found, taken = [], []
    for regex in _SPAN_RES + [_AFTER_SPAN_RE] * evidence:
        for m in regex.finditer(plain):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            if re.search(r"\bfor\s+$", plain[: m.start()]):
                continue  # "photographed it for several weeks before announcing it": a length of time, no span
            rest = plain[m.end():]
            anchor = None
            if m.group("rel").lower() in ("after", "before") or re.match(r"\s*of\b", rest):
                anchor = re.split(r"[,;:.!?]|\s(?:and|but|when|while|which|who|where)\s", re.sub(r"^\s*of\b", "", rest))[0].strip() or None
            found.append((m, _span_days(m), anchor))
    return found


def span_phrases(text: str) -> list[tuple[int, int]]:
    """Return where each span in words stands in text ("within days", "barely a week after"), for cutting it out."""
    return [m.span() for regex in _SPAN_RES for m in regex.finditer(text)]


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@lru_cache(maxsize=64)
def _dated_sentences(text: str) -> tuple[tuple[str, tuple[tuple, ...]], ...]:
    """Return each sentence of text with the dates it states, a year alone as a date of that year; a date without
    a year ("On 8 April") takes the last year the text named before it."""
    from agent.factcheck.quantities import dates, years_of

    found, year = [], None
    for sentence in split_sentences(normalize(text)):
        full = dates(sentence)
        years = years_of(sentence)
        own = [(y or year, m, d) for y, m, d in full] + [(y, None, None) for y in sorted(years - {d[0] for d in full if d[0]})]
        found.append((sentence, tuple(own)))
        year = max(years, default=None) if years else year
    return tuple(found)


def _all_dates(text: str) -> list[tuple]:
    return [when for _, dated in _dated_sentences(text) for when in dated]


SPAN_DATE_SLACK = 60
SPAN_SHARED_WORDS = 2
SPAN_SHARED = 0.4
_ANNIVERSARY_RE = re.compile(r"\b(\w+(?:-\w+)?)\s+anniversary\b", re.IGNORECASE)


def _anniversaries(text: str) -> list[float]:
    """The years of each "tenth anniversary" or "50th anniversary" the text names: a span of so many years."""
    from agent.factcheck.quantities import ordinals

    return [n.value for m in _ANNIVERSARY_RE.finditer(normalize(text)) for n in ordinals(m.group(1))]


def _fits(days: tuple[float, float], early: tuple, late: tuple) -> bool:
    """Tell whether two dates lie a span apart, the later after the earlier, and precisely enough to tell."""
    if early == late:
        return False
    gap = _gap_days(early, late)
    return bool(gap) and gap[1] >= 0 and gap[1] - gap[0] <= 2 * max(days[1], 1) + SPAN_DATE_SLACK and \
        _overlap(days, (max(gap[0], 0.0), gap[1]))


def _event_when(words: str, text: str) -> list[tuple]:
    """The dates of an event: its own words' date, and the dates of the sentences that tell of it best."""
    own = _dated(words)
    wanted = set(stems(words)) - _DATE_STEMS - STOP
    return ([own] if own else []) + (_event_dates(wanted, text, every=True) if len(wanted) >= 2 else [])


# the months a named season may fall in, a month either side allowed
_SEASON_MONTHS = {"spring": {2, 3, 4, 5, 6}, "summer": {5, 6, 7, 8, 9}, "autumn": {8, 9, 10, 11, 12}, "fall": {8, 9, 10, 11, 12},
                  "winter": {11, 12, 1, 2, 3}}


_SPAN_PART_RE = re.compile(r";\s+|,\s+(?:and|but|then)\s+")
def _borne_out(m: re.Match, days: tuple[float, float], anchor: str | None, claim: str, evidence: str, text: str) -> bool:
    """Tell whether dates bear a span out: the dates of the claim's two events anywhere in the references (for a
    span from a named event), or the date of the claim's event and any date of the references that far from it."""
    forward = _relation(m) in _FORWARD
    plain = words_to_digits(normalize(claim))
    main = plain[: m.start()] + " " + plain[m.end():]
    if anchor:
        main = main.replace(anchor, " ")
    else:
        # "X was sold in 1865, and within a year Y": in a compound claim the part before counts as what the span
        # counts from, and the span's own part is the event it dates
        bounds = [0] + [b.end() for b in _SPAN_PART_RE.finditer(plain)] + [len(plain) + 1]
        at = next(i for i in range(len(bounds) - 1) if bounds[i] <= m.start() < bounds[i + 1])
        if at > 0:
            anchor = plain[bounds[at - 1]: bounds[at]]
            main = plain[bounds[at]: m.start()] + " " + plain[m.end(): bounds[at + 1]]
    if days[1] < 1:
        from agent.factcheck.quantities import times_of_day

        # hours: two times of day the evidence gives ("shortly after 1 a.m." ... "at about 6 a.m.")
        times = times_of_day(normalize(evidence))
        if any(_overlap(days, (later - early,) * 2) for early in times for later in times if later > early):
            return True
    mains = _event_when(main, text or evidence)
    season = _SEASON_MONTHS.get(m.group("unit").lower())
    if season and any(month for _, month, _ in mains) and not any(month in season for _, month, _ in mains):
        return False  # "the following spring" for an event the references date to August
    if anchor:
        anchors = _event_when(anchor, text or evidence)
        if mains and anchors:
            return any(_fits(days, *((a, b) if forward else (b, a))) for a in anchors for b in mains)
    others = _all_dates(text or evidence)
    return any(_fits(days, *((o, b) if forward else (b, o))) for o in others for b in mains)


def _span_key(m: re.Match) -> tuple[str, str, str]:
    """A span's words, as one key: its count, its unit and whether it looks ahead ("within weeks", "weeks later")."""
    count = re.sub(r"\s+", " ", (m.groupdict().get("count") or "").lower())
    return count, m.group("unit").lower(), "ahead" if _relation(m) in _FORWARD else "back"


def span_signal(claim: str, evidence: str, text: str = "") -> Signal:
    """Flag a span told in words ("barely a week after setting out", "within a year", "the very next season") that
    nothing bears out: no span of about that length in the evidence's words, and no dates that far apart (the
    dates of its two events anywhere in the references, text). A span is a number in words: missing, it leaves
    the claim unsupported."""
    signal = Signal("span")
    said = _spans(claim)
    if not said:
        return signal
    told = set(stems(claim)) - _DATE_STEMS - STOP - {w for m, _, _ in said for w in stems(m.group(0))}
    theirs, same = [], set()
    for sentence in split_sentences(normalize(evidence)):
        shared = len(told & set(stems(sentence)))
        if not shared:
            continue
        found = _spans(sentence, evidence=True)
        # the same span in the same words ("within weeks") counts in a sentence sharing a word of the claim's events
        same |= {_span_key(m) for m, _, _ in found}
        # a span in other words counts in a sentence that tells of the claim's events, not anywhere in its passages
        if shared >= max(SPAN_SHARED_WORDS, SPAN_SHARED * len(told)):
            theirs += [d for _, d, _ in found] + [(365.25 * n - 31, 365.25 * n + 31) for n in _anniversaries(sentence)]
    for m, days, anchor in said:
        signal.items.append(m.group(0))
        if _span_key(m) in same or any(_overlap(days, d) for d in theirs) or _borne_out(m, days, anchor, claim, evidence, text):
            continue
        signal.missing.append(f"nothing in the evidence bears out \"{m.group(0).strip()}\"")
    return signal


# ---- inner states and lasting effects ----------------------------------------------------------------

# What a storyteller gives a real person or thing that notes of fact seldom state: a feeling, a knowing, a
# lasting effect, a sense at work. Each word must be the evidence's own, said in a sentence naming the subject.
_STATE_WORDS = {
    "feeling": "excitement excited thrilled thrill nervous nervousness anxious anxiety proud pride elated elation "
               "relieved relief worried worry frustrated frustration delighted delight overjoyed jubilant euphoric "
               "euphoria palpable buzz awe awed astonished amazed amazement stunned exhilarated exhilaration "
               "tense tension giddy eager eagerness triumph hopes fears",
    "foreknowledge": "knew know knows realized realised realize realise sensed foresaw",
    "lasting effect": "lasting enduring legacy forever far-reaching profound transformed transformative "
                      "revolutionized revolutionised reshaped",
    "sense": "listening listens listened",
}
# knowing counts only of what was still to come: "knew they were going to face challenges", "knew it would fail"
_FUTURE_RE = re.compile(r"^\W*(?:that\s+)?(?:[\w'-]+\s+){1,4}?(?:would|were\s+going\s+to|was\s+going\s+to|will|"
                        r"are\s+going\s+to|is\s+going\s+to)\b", re.IGNORECASE)
_STATE_KIND = {w: kind for kind, words in _STATE_WORDS.items() for w in words.split()}
_STATE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _STATE_KIND), key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)


_OPENING_WORDS = frozenset("about because although though since once some many most several every each all both "
                           "almost nearly only even still later soon".split())


def _subject_names(claim: str) -> list[str]:
    """Return the words of the claim's first name ("OpenAI's success" gives ["OpenAI"])."""
    for name, start, _ in _names(claim):
        words = [w.removesuffix("'s") for w in name.split() if w.lower() not in _NON_NAMES | STOP]
        if start == 0 and len(words) == 1 and words[0].lower() in _OPENING_WORDS:
            continue  # "About twenty guests", "Because the crowd": an opening word, not a name
        if words:
            return words
    return []


_NAME_VERB_RE = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:(?:had|has|then|also|later|first)\s+)?"
                           r"(?P<verb>[a-z]+)\b")


def possessor_signal(claim: str, evidence: str) -> Signal:
    """Flag an act the evidence gives to someone of the claim's subject, not to the subject: "Al Smith cut the
    ribbon" where "Al Smith's grandchildren cut the ribbon", "Vos signed" where "Vos's lawyer signed"."""
    signal = Signal("possessor")
    m = _NAME_VERB_RE.match(normalize(claim))
    if not m or not is_verb(m.group("verb")) or m.group("verb") in _OBJECT_SKIP:
        return signal  # "Vos was an artist" where "Vos's model was": a state, not an act someone else did
    last, verb = m.group("name").split()[-1], m.group("verb")
    signal.items.append(f"{m.group('name')} {verb}")
    text = normalize(evidence)
    theirs = re.search(rf"\b{re.escape(last)}['’]s\s+(?P<who>(?:[a-z][\w-]*\s+){{1,3}}?){re.escape(verb)}\b", text)
    if theirs and not re.search(rf"\b{re.escape(last)}(?:,[^,]{{1,60}},)?\s+(?:[a-z]+\s+)?{re.escape(verb)}\b", text):
        signal.conflicts.append(f"the evidence says {last}'s {theirs.group('who').strip()} {verb}, not {m.group('name')}")
    return signal


def state_signal(claim: str, evidence: str) -> Signal:
    """Flag a feeling, a knowing, a lasting effect or a sense at work ("the excitement was palpable among the
    employees", "OpenAI knew they would face challenges", "has had lasting impacts", "is listening") that no
    sentence of the evidence naming the claim's subject states in the same word."""
    signal = Signal("state")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    subject = _subject_names(text)
    sentences = [set(stems(s)) | {w.lower() for w in re.findall(r"[\w'-]+", s)} for s in split_sentences(normalize(evidence))]
    for m in _STATE_RE.finditer(text):
        word = m.group(0).lower()
        if _STATE_KIND[word] == "foreknowledge" and not _FUTURE_RE.match(text[m.end():]):
            continue  # "Gorgas knew that mosquitoes carried the fever": knowledge a source may word otherwise
        signal.items.append(word)
        key = stem(word)
        named = [s for s in sentences if not subject or any(w.lower() in s or stem(w) in s for w in subject)]
        if not any(key in s or word in s for s in named):
            signal.missing.append(f"the evidence gives no such {_STATE_KIND[word]} to "
                                  f"{' '.join(subject) or 'it'}: \"{word}\"")
            return signal
    return signal


# ---- lists ------------------------------------------------------------------------------------

# "Encke, Galle and Bremiker", "seals, penguins and fish", "Wilhelm Ostwald and Gerhard Schmidt": items joined by
# commas and a last "and"; names may stand two alone
_NAME_LIST_RE = re.compile(rf"({_NAME})((?:,\s+{_NAME})*),?\s+and\s+({_NAME})")
_WORD_LIST_RE = re.compile(r"\b((?:[a-z\d][\w-]*\s+){0,2}[a-z][\w-]*)((?:,\s+(?:[a-z\d][\w-]*\s+){0,3}[a-z][\w-]*)+),?\s+and\s+"
                           r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
LIST_ITEM_WORDS = 4
_LIST_SKIP = frozenset("the a an his her their its of in on at to by with from for as".split())


def _items(claim: str) -> list[list[str]]:
    """Return the claim's lists, each as its items' text."""
    text = normalize(_QUOTED_RE.sub(" ", claim))
    found = []
    for m in _NAME_LIST_RE.finditer(text):
        items = [m.group(1)] + [x.strip() for x in m.group(2).split(",") if x.strip()] + [m.group(3)]
        items = [" ".join(w for w in i.split() if w.lower() not in _NON_NAMES) for i in items]
        if all(items):
            found.append(items)
    for m in _WORD_LIST_RE.finditer(text):
        first = m.group(1).split()
        cut = max((k + 1 for k, w in enumerate(first) if w in _LIST_SKIP or is_verb(w)), default=0)
        items = [" ".join(first[cut:])] + [x.strip() for x in m.group(2).split(",") if x.strip()] + [m.group(3)]
        items = [" ".join(w for w in i.split() if w not in _LIST_SKIP and w not in STOP) for i in items]
        # "fish caught through holes": the item, not what follows it; "three sons": the noun, not the number
        last = [w for w in items[-1].split() if not words_to_digits(w).isdigit()]
        items[-1] = last[0] if last else items[-1]
        # one word an item: "seals, penguins and fish"; longer items are acts or phrases ("meet in mid-ocean, splice
        # the cable and steam apart"), which the evidence may well say in other words
        if all(len(i.split()) == 1 for i in items) and not any(is_verb(i) for i in items):
            found.append(items)
        elif len(items) >= 3 and all(0 < len(i.split()) <= LIST_ITEM_WORDS for i in items) and \
                not any(is_verb(w) for i in items for w in i.split()):
            # things of a few words each ("fish, kangaroo meat and cakes", "firewood, a heavy oak camp table and a
            # cedar bathtub"): three or more of them, no act among them
            found.append(items)
    return found


def list_signal(claim: str, evidence: str, passage: str = "") -> Signal:
    """Flag an item added to a list the evidence gives without it: "Encke, Galle and Bremiker watched" where the
    sentence that tells of the watching names Encke and Galle only, "seals, penguins and fish" where it lists seals and
    penguins. The evidence is the span that tells of the claim best: an item it leaves out while it names the others
    is one the claim adds (named elsewhere or not at all). A pair of names ("Ostwald and Schmidt") is short enough for
    the span to name one and refer to both: the one left out must be missing from the whole passage too."""
    signal = Signal("list")
    have = set(stems(normalize(evidence)))
    around = set(stems(normalize(passage))) | have
    for items in _items(claim):
        # a person by the last name: "Frank Hurley" is not named where only "Frank Worsley" is
        # a thing by its head, the last word: "a steamer trunk" is not listed where only "a steamer" is named
        found = [bool({stem(i.split()[-1])} & have if len(i.split()) > 1 else set(stems(i)) & have) for i in items]
        # a compound ("eka-boron") is its whole word: "eka-manganese" is not named where only its prefix is
        found = [f and ("-" not in i or bool(re.search(rf"\b{re.escape(i.lower())}\b", normalize(evidence).lower())))
                 for i, f in zip(items, found)]
        if len(items) == 2:
            found = [f or bool(set(stems(i)) & around) for i, f in zip(items, found)]
        signal.items.extend(items)
        if sum(found) >= max(1, len(items) - 1) and not all(found) and (len(items) >= 3 or _NAME_RE.match(items[0])):
            missing = [i for i, f in zip(items, found) if not f]
            if not _NAME_RE.match(items[0]) and any(len(i.split()) > 1 for i in items) and \
                    any(len(i.split()) < 2 for i in missing):
                continue  # a thing of a few words may be missing; one word beside them may be an act ("steam apart")
            signal.missing.append(f"the evidence lists {', '.join(i for i, f in zip(items, found) if f)} "
                                  f"but not {', '.join(missing)}")
    return signal


# ---- exchanged words ---------------------------------------------------------------------------

EXCHANGE_FRAME = 4
EXCHANGE_WORDS = 3


def _frame_words(text: str) -> list[str]:
    """Return a text's words for frame matching: lowercase, possessives and punctuation dropped."""
    return [w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", re.sub(r"['’]s\b", "", normalize(text).lower()))]


_SYMMETRIC = frozenset("and or nor with both plus".split())
EXCHANGE_REACH = 10


def _runs(window: list[str], tokens: list[str]) -> bool:
    n = len(window)
    return any(tokens[k: k + n] == window for k in range(len(tokens) - n + 1))


def exchange_signal(claim: str, evidence: str) -> Signal:
    """Flag two words the claim puts in each other's place in a frame the evidence states word for word: "pulled
    first by a chain and later by a rope" for "first by a rope and later by a chain", "Leeds beat Hull" for "Hull
    beat Leeds". Words joined only by "and" or "with" may come in any order."""
    signal = Signal("exchange")
    mine = _frame_words(claim)
    texts = [_frame_words(sentence) for sentence in split_sentences(normalize(evidence))]
    for i in range(len(mine)):
        for j in range(i + 1, min(len(mine), i + EXCHANGE_REACH + 1)):
            a, b = mine[i], mine[j]
            if a == b or a in STOP or b in STOP or a.isdigit() != b.isdigit() or set(mine[i + 1: j]) <= _SYMMETRIC:
                continue
            if any(_runs(mine[i: j + 1], t) for t in texts):
                continue  # the evidence says it the claim's way too
            swapped = [b if k == i else a if k == j else w for k, w in enumerate(mine)]
            # the two words, what stands between them and a word beside them on one side at least
            frames = [(lo, hi) for lo, hi in ((i - 1, j + 2), (i, j + 2), (i - 1, j + 1))
                      if lo >= 0 and hi <= len(mine) and hi - lo >= EXCHANGE_FRAME]
            if any(_runs(swapped[lo: hi], t) for lo, hi in frames for t in texts):
                signal.conflicts.append(f"the evidence has \"{b}\" where the claim has \"{a}\", and the other way round")
                return signal
    return signal


# ---- superlatives -----------------------------------------------------------------------------------

# "the most successful", "its fastest-growing", "the world's longest", "the best": a ranking is a fact of its own,
# and a retelling that bends one ("the most successful" for "the fastest-growing") keeps every other word.
_SUPERLATIVE_RE = re.compile(
    r"\b(?:the|its|his|her|their|our|[A-Za-z]+'s)\s+(?:(?:single|very|second|third|fourth|fifth)\s+)?"
    r"(?P<phrase>(?:most|least)\s+(?P<adjective>[a-z][a-z-]+)|(?:best|worst)(?:-[a-z]+)?|[a-z]{2,}est(?:-[a-z]+)?)"
    r"(?:\s+(?P<head>[a-z][a-z-]+))?", re.IGNORECASE)
_NOT_SUPERLATIVES = frozenset(
    "arrest behest chest conquest contest crest digest earnest east forest guest harvest honest interest "
    "manifest modest nest pest priest protest quest request rest test vest west".split())
_SAME_RANK = ({"biggest", "largest"}, {"best-selling", "top-selling"})


# a ranking against all others: "in human history", "ever", "of its time", "the world's"
_RECORD_RE = re.compile(r"\b(?:in\s+(?:\w+\s+)?history|ever|of\s+(?:its|his|her|their|all)\s+time|in\s+the\s+world|"
                        r"on\s+earth|at\s+the\s+time|to\s+date|yet)\b", re.IGNORECASE)
_RECORD_OWNER_RE = re.compile(r"\b(?:world|country|nation|history|city|continent)'s\s+$", re.IGNORECASE)
RECORD_WORDS = 6


def _superlatives(text: str) -> list[tuple[str, str, bool]]:
    """Return the superlatives of a text, each as its phrase (lower case), the word after it, and whether it
    claims a record ("the world's longest", "the fastest-growing application in history")."""
    found = []
    plain = normalize(_QUOTED_RE.sub(" ", text))
    for m in _SUPERLATIVE_RE.finditer(plain):
        phrase = m.group("phrase").lower()
        first = phrase.split("-")[0]
        if first in _NOT_SUPERLATIVES or (m.group("adjective") and m.group("adjective").lower() in STOP):
            continue
        after = " ".join(plain[m.end("phrase"):].split()[:RECORD_WORDS])
        record = bool(_RECORD_RE.search(after) or _RECORD_OWNER_RE.search(plain[: m.start("phrase")]))
        found.append((re.sub(r"\s+", " ", phrase), (m.group("head") or "").lower(), record))
    return found


def _ranks(phrase: str) -> set[str]:
    """Return the ways of saying a superlative: itself, "fastest growing" for "fastest-growing", its plain twin."""
    same = next((group for group in _SAME_RANK if phrase in group), {phrase})
    return {p for g in same for p in (g, g.replace("-", " "))}


def superlative_signal(claim: str, evidence: str) -> Signal:
    """Flag a superlative the evidence does not state: "the most successful application" where the evidence calls
    it "the fastest-growing application" (a conflict: another ranking of the same thing), or a record the
    evidence never gives ("the largest crowd of its time"). "One of the most" is judged as "the most"; a ranking
    with no record claimed ("the worst day came on 17 May") may be the story's reading of the facts."""
    signal = Signal("superlative")
    plain = " ".join(normalize(evidence).lower().split())
    theirs = _superlatives(evidence)
    for phrase, head, record in _superlatives(claim):
        signal.items.append(phrase)
        if any(re.search(rf"\b{re.escape(p)}\b", plain) for p in _ranks(phrase)):
            continue
        other = next((p for p, h, _ in theirs if head and h and stem(h) == stem(head) and p not in _ranks(phrase)), None)
        if other:
            signal.conflicts.append(f"the evidence says \"{other} {head}\", not \"{phrase} {head}\"")
        elif record:
            signal.missing.append(f"the evidence gives no such record: \"{phrase}\"")
    return signal


# ---- words said of another name in a parallel clause ------------------------------------------------

# "B was put in charge of the middle section and C of the western section": a clause that leaves out its verb
_REFERRING_BACK = _REFERRING - {"both"} | {"his", "their"}  # "both close to the figure" refers to no one
_GAPPED_RE = re.compile(r"\s+and\s+(?=(?:the\s+|a\s+|an\s+)?[A-Z])")


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """Return a sentence's coordinated parts, each with the words it shares: a part that joins a second name to
    the verb before it with "and" and no verb of its own ("... and C of the western section") is split off too,
    and shares the words of the part it leaves its verb in (which of them it replaces, no rule can tell)."""
    found = []
    for part in _parts(sentence):
        cut = next((m for m in _GAPPED_RE.finditer(part) if _finite_verb(part[: m.start()]) is not None and
                    _finite_verb(part[m.end():]) is None), None)
        found += [(part[: cut.start()], ""), (part[cut.end():], part[: cut.start()])] if cut else [(part, "")]
    return found


def _tokens(text: str) -> list[str]:
    """Return the stems of a text's words in order, numbers as their digits ("1.61", "24")."""
    return [w if w[0].isdigit() else stem(w) for w in re.findall(r"\d+(?:\.\d+)?|[A-Za-z][\w'-]*", words_to_digits(text).lower())]


def _counterpart(word: str, theirs: list[str], ours: list[str], claimed: set[str]) -> bool:
    """Tell whether the clause naming the claim's name holds another word in the place the word has in the other
    clause: another number ("1.98" for "1.61"), or another word before or after the same word ("the middle
    section" for "the western section")."""
    spots = [i for i, t in enumerate(theirs) if t == word or (word.isdigit() and t.split(".")[-1] == word)]
    if word[0].isdigit():
        return any(t[0].isdigit() and t != theirs[i] and not re.fullmatch(r"1[5-9]\d\d|20\d\d", t) for i in spots for t in ours)
    for i in spots:
        after = theirs[i + 1] if i + 1 < len(theirs) else None
        before = theirs[i - 1] if i and theirs[i - 1] not in STOP else None
        for j, t in enumerate(ours):
            if t == word or t in claimed or t in STOP:
                continue
            if (after and j + 1 < len(ours) and ours[j + 1] == after) or (before and j and ours[j - 1] == before):
                return True
    return False


def forms(word: str, text: str) -> set[str]:
    """Return the words of text with the stem `word`, a plural's s left off: "worked" is not "work", "sections" is "section"."""
    if not word.isalpha():
        return {word}  # a number
    return {w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z]+", text) if stem(w.lower()) == word}


def colocation_signal(claim: str, evidence: str) -> Signal:
    """Flag a word of the claim that the evidence says only of another name, in a clause parallel to the one that
    names the claim's: "Wright was in charge of the western section" where it reads "Wright was put in charge of
    the middle section and Geddes of the western section"; "the lens at Sobral gave about 1.61" where "the lens
    at Sobral gave about 1.98 and the Principe plates about 1.61"; "the São Rafael was da Gama's flagship" where
    "the São Gabriel, da Gama's flagship; the São Rafael, commanded by ...".

    The word is in no clause naming the claim's name; every clause holding it names another name, none of the
    claim's (an owner such as "da Gama's" is no name here), and refers back to nobody (he, them, his); such a
    clause stands in the same sentence as one naming the claim's name, which holds another word in its place."""
    signal = Signal("colocation")
    text = normalize(_QUOTED_RE.sub(" ", claim))
    if len(_parts(text.rstrip(".!? "))) > 1:
        return signal  # a claim of two clauses binds each part on its own
    body = _QUOTED_RE.sub(_blank, normalize(evidence))
    mine = [_name_words(n) for n in _proper(text, f"{text} {body}") if not n.endswith("'s")]
    if not mine:
        return signal
    named = {stem(w) for n in _proper(text, f"{text} {body}") for w in _name_words(n)}
    words = _terms(text) - named
    clauses = []  # (sentence number, terms, names not owners, referring back)
    for i, sentence in enumerate(split_sentences(body)):
        for part, shared in _clauses(sentence):
            names = [_name_words(n) for n in _proper(part, body) if not n.endswith("'s")]
            referring = bool({w.lower() for w in re.findall(r"[A-Za-z]+", part)} & _REFERRING_BACK)
            clauses.append((i, _terms(part) | _terms(shared) - _terms(" ".join(_proper(shared, body))),
                            [n for n in names if n], referring, _tokens(part)))
    for own in mine:
        ours = [c for c in clauses if any(_same_name(own, n) for n in c[2])]
        if not ours:
            continue  # a name the evidence lacks is the entity check's case
        signal.items.append(" ".join(sorted(own)))
        for word in sorted(words):
            have = [c for c in clauses if word in c[1]]
            if not have or any(word in c[1] for c in ours):
                continue
            if not forms(word, text) & forms(word, body):
                continue  # "the work of Hackworth" and "Cycloped, which was worked by a horse": one stem, two words
            if any(c[3] or not c[2] or any(_same_name(m, n) for m in mine for n in c[2]) for c in have):
                continue  # a clause saying it refers back, names nobody, or names one of the claim's names
            for c in have:
                beside = [o for o in ours if o[0] == c[0] and _counterpart(word, c[4], o[4], words)]
                if beside:
                    other = " ".join(sorted(c[2][0]))
                    signal.conflicts.append(f"the evidence says \"{word}\" of {other}, not of {' '.join(sorted(own))}")
                    return signal
    return signal


# ---- the date of an act ------------------------------------------------------------------------------

# an act dated right after its verb: "was launched in 1989", "died on 3 May 1850", ", launched in 1989,"
_DATED_ACT_RE = re.compile(r"\b(?=(?P<act>(?P<verb>[a-z]{3,})\s+(?:[a-z]+\s+){0,2}?(?:in|on)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?"
                           r"(?:\d{1,2},?\s+)?(?P<year>1\d{3}|20\d{2})\b)(?!\s*(?:-|to|and)\s*\d))")
_DATE_LINKS = LINKS | {"been", "being"}


def dated_act_signal(claim: str, evidence: str) -> Signal:
    """Flag an act the claim dates to one year where the evidence, in a sentence naming the claim's subject, dates
    the same act to another and never to the claim's: "was launched in 1995" where "the probe, launched in 1989,
    studied them from 1995 to 2003"."""
    signal = Signal("dated act")
    text = normalize(claim)
    for m in _DATED_ACT_RE.finditer(text):
        verb = m.group("verb")
        if not is_verb(verb) or verb in _DATE_LINKS:
            continue
        subject = [w for w in stems(text[: m.start()]) if w not in _DATE_STEMS]
        if not subject:
            continue
        theirs, mine = set(), False
        for sentence in split_sentences(normalize(evidence)):
            have = set(stems(sentence))
            if sum(w in have for w in subject) < max(1, len(subject) / 2):
                continue  # another thing's act: "the ferry opened in 1901"
            for e in _DATED_ACT_RE.finditer(sentence):
                if stem(e.group("verb")) == stem(verb):
                    mine = mine or e.group("year") == m.group("year")
                    theirs.add(e.group("year"))
        signal.items.append(m.group("act"))
        if theirs and not mine:
            signal.conflicts.append(f"the evidence dates it otherwise: {verb} in {', '.join(sorted(theirs))}")
            return signal
    return signal


# ---- whose plan --------------------------------------------------------------------------------------

# "OpenAI's intention to use", "the mill's plan to sell": a plan the claim gives to an owner
_OWN_PLAN_RE = re.compile(r"(?P<who>\b(?:[A-Z][\w.-]*(?:\s+&)?\s+){0,3}[A-Z][\w.-]*|\bthe\s+[a-z]+)['’]s\s+(?:intention|intent|plans?|aims?|goal|bid|wish|hope|"
                          r"decision|ambition|attempt)\s+to\s+(?P<verb>[a-z]+)\b")
_PLANNED = r"(?:planned|plans|planning|intended|intends|aimed|aims|hoped|hopes|wanted|wants|decided|sought|meant)\s+to\s+"


def intent_signal(claim: str, evidence: str) -> Signal:
    """Flag a plan the claim gives to one owner where the evidence gives it to another: "OpenAI's intention to use
    its models in marketing" where "an alliance with Bain, the consulting firm, which planned to use OpenAI's models
    in marketing"."""
    signal = Signal("plan")
    m = _OWN_PLAN_RE.search(normalize(claim))
    if not m:
        return signal
    who, verb = m.group("who"), m.group("verb")
    signal.items.append(f"{who}'s plan to {verb}")
    words = lambda name: set(re.findall(r"[a-z]+", name.lower())) - STOP  # noqa: E731
    for sentence in split_sentences(normalize(evidence)):
        for e in re.finditer(rf"\b{_PLANNED}{re.escape(verb)}\b", sentence):
            before = sentence[: e.start()]
            relative = re.search(r",\s+(?:which|who|that)\s+$", before)
            owner = re.sub(r",\s+(?:the|a|an)\s+[^,]*$", "", before[: relative.start()]) if relative else before
            names = _names(owner)  # "with Bain, the consulting firm, which planned": Bain
            doer = names[-1][0] if names else ""
            if doer and not _same_person(doer, who) and not words(doer) & words(who):
                signal.conflicts.append(f"the evidence gives that plan to {doer}, not {who}")
                return signal
    return signal


# ---- where an act took place ------------------------------------------------------------------

_MONTH_WORDS = frozenset(_MONTHS.split("|"))
_AT_PLACE_RE = re.compile(rf"\b(?:at|in)\s+(?:the\s+)?({_NAME})")
# "to Buenos Aires, where he shortened her mainmast": the act of the clause took place at the name before "where"
_WHERE_RE = re.compile(rf"({_NAME}),?\s+where\s+([^,;.]+)")
SITE_WORDS = 1  # words of the claim's act, besides its verb, the evidence's clause must hold


def site_signal(claim: str, evidence: str) -> Signal:
    """Flag an act the claim puts at one place where the evidence, naming the place of that act with "where", puts
    it at another: "Slocum shortened the mainmast at Montevideo" against "to Montevideo, where the company had the
    Spray repaired, and to Buenos Aires, where he shortened her mainmast"."""
    signal = Signal("site")
    text = normalize(claim)
    places = [m.group(1) for m in _AT_PLACE_RE.finditer(text) if m.group(1).split()[0].lower() not in _MONTH_WORDS]
    acts = [m for m in re.finditer(r"[a-z]+", text) if is_verb(m.group(0)) and m.group(0) not in LINKS]
    if not places or not acts:
        return signal
    verb = acts[0]
    # the act's other words, before the verb too ("The Spray was repaired at ..."), not its place's
    done = {s for s in stems(re.sub(r"'s\b", "", text)) if s not in STOP} - {stem(w) for p in places for w in p.split()} - {
        stem(verb.group(0))}
    signal.items.append(f"{verb.group(0)} at {places[0]}")
    sites, others = [], []
    for m in _WHERE_RE.finditer(normalize(evidence)):
        clause = m.group(2)
        told = {stem(w) for w in re.findall(r"[a-z]+", clause) if is_verb(w)}
        if stem(verb.group(0)) in told and len(done & set(stems(clause))) >= SITE_WORDS:
            sites.append(m.group(1))
            if any(p in clause for p in places):
                return signal  # "Britain, where he showed it at Osborne House": the claim's place is within
        else:
            others.append(m.group(1))
    near = lambda a, b: _same_person(a, b) or a in b or b in a  # noqa: E731
    # a swap: the evidence puts the claim's place to another act of its own ("Montevideo, where it was repaired")
    if sites and not any(near(s, p) for s in sites for p in places) and any(near(o, p) for o in others for p in places):
        signal.conflicts.append(f"the evidence puts that at {sites[0]}, not {places[0]}")
    return signal
