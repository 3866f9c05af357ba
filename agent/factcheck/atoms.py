"""Split a sentence into atomic facts without a model (FActScore/SAFE style, by rules).

Each rule takes one fact out of a compound sentence and leaves a sentence that still has its subject:
- independent clauses joined by ';' or ', and/but/while/yet/so ...', or set after a colon;
- a leading subordinate clause ("When the rope snapped, four men fell"), even with commas of its own;
- non-restrictive relative clauses ("Field, who had retired rich, ...", "Zermatt, where ...", "Lamb & Co., whose
  chief designer ..."), and a closing "until ..." clause;
- appositions ("Douglas, an eighteen-year-old, ..." gives "Douglas was an eighteen-year-old");
- participial phrases at either end ("Built in 1850, the bridge ...", "..., replacing Mattingly");
- intervals at either end ("Two days after the race, Vos ...", "..., six months after the prize"), with the
  dated clause an interval counts from;
- predicates joined by "and" ("Hudson slipped and fell against Croz");
- lists of names ("the bodies of Croz, Hadow and Hudson", "led by John J. Raskob, Pierre S. du Pont and the banker
  Louis G. Kaufman": one fact per name; "mills in Pittsburgh and Bethlehem": one per place), two roles given side by
  side ("with A as president and B as secretary"), and an age set off by commas ("his son Robert, then eleven years
  old").
Quoted text is never split. When a rule is unsure it leaves the sentence whole.
"""

from __future__ import annotations

import re

from agent.factcheck.text import NUMBER_WORDS
from agent.text import STOP

IRREGULAR = frozenset(
    "was were is are had has have did does burst cast cost cut hurt became began broke brought built bought came chose drew drove fell felt "
    "flew found forgot fought gave got grew heard held hid hit hung kept knew laid led left lent let lost made "
    "meant met paid put quit ran rang read rode rose said sang sank sat saw sent set shook shot showed shut "
    "slid sold spent split spoke spread stood stole struck stuck swam swung taught told took thought threw "
    "understood went woke won wore wound wrote caught sought fled fed lit bore dealt dug swept slept wept knelt "
    "sprang shrank strode tore wove clung flung spun forbade forgave overcame overtook undertook withdrew withstood "
    "upheld foresaw mistook rebuilt arose awoke "
    "becomes begins brings builds comes finds gives goes holds keeps knows leads leaves makes meets pays puts "
    "runs says sees sends sets shows speaks stands takes tells thinks wins writes would could will can may "
    "might must should".split()
)
NOT_VERBS = frozenset(
    "red bed need seed speed feed hundred bred shed sled wed breed creed deed greed indeed weed embed naked "
    "wicked sacred kindred rugged ragged aged beloved learned crooked experienced skilled talented renowned "
    "celebrated noted famed detailed advanced limited united armed determined supposed so-called used "
    "unexpected unprecedented unnamed unmanned crewed".split()
)
_SUBORDINATORS = "when|after|as|once|while|although|though|because|since|until|before|if"
_MASK_RE = re.compile(r'"[^"]*"|“[^”]*”')
_DIGIT_COMMA_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")
# the comma inside a firm's name: "Martin, Hall & Co"
_FIRM_COMMA_RE = re.compile(r"(?<=[a-z]),(?=\s+[A-Z][\w'-]*\s+&\s)")


def _mask(text: str) -> str:
    """Return text with what no split may cut masked, at the same length: quoted text, the comma that groups
    a number's digits ("2,200 people") and the comma inside a firm's name ("Martin, Hall & Co")."""
    return _FIRM_COMMA_RE.sub("Q", _DIGIT_COMMA_RE.sub("0", _MASK_RE.sub(lambda m: "Q" * len(m.group(0)), text)))
_MARKED_CLAUSE = (r";\s+|:\s+(?=[A-Z]|(?:the|a|an)\s)|,\s+(?:and|but|while|whereas|yet|so)\s+|"
                  r",\s+for\s+(?=(?:he|she|they|we|it)\s+[a-z]+)")
_CLAUSE_RE = re.compile(
    rf"(?:{_MARKED_CLAUSE}|(?<!,)\s+and\s+(?=(?:in|on|at|by|after|during|the|his|her|its|their)\s))")
# where a clause surely ends: a mark, or a comma and a joining word ("she and her supervisor, Raymond Gosling, took"
# ends at none of them)
_MARKED_CLAUSE_RE = re.compile(_MARKED_CLAUSE)
# "tried it and the judges gave Bell an award": a clause of its own after "and" without a comma, its subject short
_DET_LED = frozenset("the his her its their".split())
_SUBJECT_RE = re.compile(
    r"^(?:it|they|he|she|we|i|this|that|these|those|there|the|a|an|its|their|his|her|our|many|some|most|"
    r"each|both|all|no|one|two|three|four|five|six|seven|eight|nine|ten|[A-Z][\w'-]*|\d[\w,.]*)\b"
)
_COUNT_HEDGES = frozenset("over about nearly almost some around roughly more less than just at least only".split())
# "..., who", "..., during which", "..., two of whose"
_RELATIVE_RE = re.compile(r",\s+(?:(?P<prep>during|in|at|on|after|before|through)\s+(?=which\s)|"
                          r"(?P<part>(?:one|two|three|four|five|some|many|most|all|several|both|each|none)\s+of\s+)"
                          r"(?=whose\s))?(?P<pronoun>who|which|where|whose)\s+")
_APPOSITION_RE = re.compile(
    r"(?P<name>\b[A-Z][\w'.-]*(?:\s+(?:of\s+)?[A-Z][\w'.-]*){0,4}),\s+(?P<np>(?:a|an|the)\s+[^,;]+?)(?=,|[.!?]?$)")
_LEAD_PARTICIPLE_RE = re.compile(
    r"^(?P<phrase>(?:[A-Z][a-z]+(?:ing|ed)|Born|Built|Given|Known|Taken|Written|Made|Sent|Left|Held|Led|Told|Found|Seen|Struck|Hit|Brought|Caught|"
    r"Cut|Set|Put|Kept|Sold|Bought|Drawn|Shown|Chosen|Broken|Driven|Frozen|Stolen|Thrown|Hidden|Grown)\b[^,]{3,}),\s+"
    r"(?P<rest>.+)$")
SMALL_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty "
                 "seventy eighty ninety hundred thousand million billion half quarter").split()
# a bare age, hedged: "not yet thirty", "barely 21"
_BARE_AGE = rf"(?:not\s+yet|barely|just|only|almost|nearly|still\s+only)\s+(?:\d{{1,2}}|(?:{'|'.join(SMALL_NUMBERS[:20])})(?:-[a-z]+)?)"
# A phrase set off by commas after a clause: "..., with the backing of Britain.", "..., during the celebrations, and"
# "..., six months after the prize, and ...", "..., just weeks after the company broke ground.": an interval
_INTERVAL = (r"(?:(?:just|only|about|some|almost|nearly|barely|scarcely|hardly|(?:a\s+)?little\s+(?:more|less)\s+than|"
             r"(?:just\s+)?over|(?:just\s+)?under|more\s+than|less\s+than)\s+)?"
             rf"(?:(?:a|an|one|several|a\s+few|few|\d+|(?:{'|'.join(SMALL_NUMBERS[12:20])})-[a-z]+|"
             rf"{'|'.join(SMALL_NUMBERS[:20])})\s+)?"
             r"(?:hours?|days?|weeks?|months?|years?|decades?)\s+(?:to\s+the\s+day\s+)?"
             r"(?:after|before|later|earlier)\b")
# A measure put beside another: "..., nearly twice as long as the stay", "..., more than three times the height of X",
# "..., a sum larger than the cup was worth", "..., a pound for every club in the draw"
_MULTIPLE = (rf"(?:twice|thrice|half|double|triple|(?:\d+(?:\.\d+)?|{'|'.join(SMALL_NUMBERS[1:12])})\s+times|"
             r"(?:a|one|two)[\s-](?:third|quarter|fifth|tenth)s?|three[\s-]quarters)")
_COMPARISON = (r"(?:(?:nearly|almost|about|some|roughly|just|barely|well|only|more\s+than|less\s+than|over|under|"
               r"close\s+to|(?:a\s+)?little\s+(?:more\s+than|less\s+than|over|under))\s+)?"
               rf"(?:{_MULTIPLE}\s+(?:as|the|of|what|that|his|her|its|their)\b|"
               r"(?:a|an)\s+[a-z]+\s+(?:[a-z]+er|more|less)\s+than\b|"
               rf"(?:a|an|one|\d[\d,.]*|{'|'.join(SMALL_NUMBERS[:20])})\s+(?:[a-z]+\s+)?"
               r"(?:for\s+(?:every|each)|per)\b)")
_ASIDE_RE = re.compile(r",\s+(?P<phrase>(?:(?:with|during|under|at|from|amid|despite|about|around|in|on)\s+|"
                       rf"{_INTERVAL}|{_COMPARISON})[^,;]{{3,}}?)(?=,|[.!?]?$)")
_INTERVAL_RE = re.compile(_INTERVAL, re.IGNORECASE)
_COMPARISON_RE = re.compile(_COMPARISON)
# what makes an aside a fact of its own: a number, a name or a date in it
_ASIDE_FACT_RE = re.compile(rf"\d|\b[A-Z]|\b(?:{'|'.join(SMALL_NUMBERS)})\b")
# "..., sure that the smoke carried a gas", "..., eager to sail before winter": a state of the subject's, at the end
_TAIL_STATE_RE = re.compile(r",\s+(?P<phrase>(?:sure|certain|convinced|confident|afraid|aware|unaware|eager|determined|"
                            r"anxious|keen|unable|unwilling|reluctant)\s+(?:that|to|of)\s[^;]+?)(?P<end>[.!?]?)$")
_TAIL_PARTICIPLE_RE = re.compile(r",\s+(?P<phrase>[a-z]+ing\b[^,;]{3,}?)(?P<end>[.!?]?)$")
# a name of a list: initials and particles inside it ("John J. Raskob", "Pierre S. du Pont"), a role before it
# ("the banker Louis G. Kaufman"), though not before the first ("the judges A, B and C": the role is all three's)
_LIST_NAME = r"[A-Z][\w'-]*\.?(?:\s+(?:(?:du|de|da|van|von|del|la|le)\s+)?[A-Z][\w'-]*\.?){0,3}"
_ITEM = rf"(?:the\s+(?:[a-z][\w'-]*\s+){{1,2}})?{_LIST_NAME}"
_LIST_RE = re.compile(rf"(?P<items>{_LIST_NAME},\s+(?:{_ITEM},\s+)*{_ITEM},?\s+and\s+{_ITEM})(?<!\.)")
_TAIL_SUB_RE = re.compile(r",\s+(?:when|because|after|although|though|whereas|until)\s+(?P<sub>(?:[^,;]|,\s+(?:the|a|an|[A-Z])[^,;]*,)+?)[.!?]?$")
_CLEFT_RE = re.compile(r"^(?:It|it)\s+(?:was|is)\s+(?P<np>[^,]+?)\s+(?:who|that)\s+(?P<rest>.+)$")
_NP_NAME_RE = re.compile(r"^(?P<np>(?:[A-Z][a-z]+(?:'s)?|the|a|an)(?:\s+[A-Z][a-z]+){0,3}(?:\s+[a-z][\w'-]*){1,3}),\s+"
                         r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}),\s+")
# a role and a name: "the colliery engineer John Kennedy", "the Manchester chemist Henry Moseley"
_TITLED_NAME_RE = re.compile(r"^(?:the|a|an)\s+(?:[A-Z][\w'-]*\s+)?(?P<role>(?:[a-z][\w'-]*\s+){1,3})[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*(?:\s+and\s|$)")
_NP_LIST_RE = re.compile(r"\b(?P<verb>included|including|were|are|was|is)\s+(?P<items>[^;]+?,[^;]+?,?\s+and\s+[^,;.]+)(?P<end>[.!?]?)$")
_ORDER_LINK_RE = re.compile(r"\bfirst\b[^;]*?(?:,\s+and|;)\s+.*\b(?:after|afterwards|later|followed|next|then)\b",
                            re.IGNORECASE)
_CAUSE_SPLIT_RE = re.compile(r"^(?:because|since)\s+[^,]+,|,?\s+because\s+(?!of\b)|(?<!,)\s+while\s+", re.IGNORECASE)
_BECAUSE_RE = re.compile(r"(?<!,)\s+because\s+(?!of\b)")
# "The 1953 expedition, the eighth attempt on the peak, was led by ...": a common noun with an apposition
_NP_APPOSITION_RE = re.compile(
    r"^(?P<np>(?:The|A|An|Its|His|Her|Their)\s+[^,;]{2,40}?),\s+(?P<app>(?:(?:the|a|an)\s+|(?:titled|named|called)\s+)"
    r"[^,;]+?),\s+(?:(?:then|later|also|first)\s+)?(?P<verb>[a-z]+)\b")
_LIST_TAIL_RE = re.compile(r",\s+[^,;]+(?:,\s+[^,;]+)*,?\s+(?:and|or)\s+[^,;]+$")
_LEAD_SUB_RE = re.compile(rf"^(?P<conj>{_SUBORDINATORS})\s+(?P<sub>[^,]+?),\s+(?P<main>.+)$", re.IGNORECASE)


# a group's named members: "four botanists working separately, Hugo de Vries in the Netherlands, ..., published"
_MEMBER = rf"{_LIST_NAME}(?:\s+(?:in|of|from)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)?"
_NAMED_MEMBERS_RE = re.compile(
    r"(?P<group>(?<![\w,.])(?:two|three|four|five|six|seven|eight|nine|ten|several|\d{1,3})\s+[a-z][^,;]*?),\s+"
    rf"(?P<items>{_MEMBER}(?:,\s+{_MEMBER})*,?\s+and\s+{_MEMBER}),\s+(?P<verb>[a-z]+)\b")
# what a person was at birth: "Marconi was born in Bologna in 1874, the second son of ..."
_BORN_AS_RE = re.compile(rf"^(?P<name>{_LIST_NAME})\s+was\s+born\b[^,;]*(?P<comma>,)\s+(?P<np>(?:the|a|an)\s+[^;]+?)"
                         r"(?P<end>[.!?]?)$")
# a second person with a role after a first one: "..., Harold Bride, and his junior, Jack Phillips, sent"
_SECOND_NP_NAME_RE = re.compile(
    r"and\s+(?P<np>(?:his|her|its|their|the|a|an)\s+[^,;]+?)(?:,\s+(?P<name>"
    rf"{_LIST_NAME}),|\s+(?P<bare>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}}))\s+(?P<verb>[a-z]+)\b")
# more names after a phrase's first one: "His sea clocks, H1, H2, H3 and H4, are kept"
_NAMES_ON_RE = re.compile(rf"(?P<names>(?:{_LIST_NAME},\s+)*{_LIST_NAME},?\s+and\s+{_LIST_NAME}),\s+(?P<verb>[a-z]+)\b")


def _titled_name(np: str) -> bool:
    """Tell whether a noun phrase is a role and a name ("the colliery engineer John Kennedy"), not a description."""
    m = _TITLED_NAME_RE.match(np)
    return bool(m) and not any(w in STOP or w in SMALL_NUMBERS or w[:1].isdigit() for w in m.group("role").split())


def is_verb(word: str) -> bool:
    """Tell whether a word is likely a finite verb (past tense, auxiliary or a common irregular form)."""
    lower = word.lower()
    if lower in IRREGULAR:
        return True
    return len(lower) >= 4 and lower.endswith("ed") and lower not in NOT_VERBS and word[0].islower()


_OPENERS = frozenset("In On At By For From After Before During When While Since Until With Without".split())
_DETERMINERS = frozenset("a an the his her its their our my your this that these those".split())


def _finite(words: list[str], i: int) -> bool:
    # a capital inside a sentence opens a name or a month ("in May 1920"), not a verb
    return is_verb(words[i].strip(",.")) and words[i - 1].lower() not in _DETERMINERS and not words[i][:1].isupper()


def _has_clause(text: str) -> bool:
    words = text.split()
    return len(words) >= 3 and bool(_SUBJECT_RE.match(text)) and any(_finite(words, i) for i in range(1, len(words)))


_PREPOSITIONS = frozenset("in on at by after during within from for near over under across along through".split())
LED_CLAUSE_WORDS = 10


def _led_clause(text: str, limit: int = LED_CLAUSE_WORDS) -> bool:
    """Tell whether text is a clause opened by a phrase or a bare noun before its subject: 'in 1901 he received',
    'at Framheim Johansen criticised', 'cold worse than minus 50 degrees drove them back'."""
    words = text.split()
    if len(words) < 3 or is_verb(words[0]) or not words[0][:1].islower() or words[0] in _ORDER_OPENERS:
        return False  # "and only then did B": the order joins the two, a fact the whole sentence states
    first = next((i for i in range(1, min(len(words), limit)) if _finite(words, i)), None)
    if first is None:
        return False
    before = [w.strip(",") for w in words[:first]]
    if words[0] in _PREPOSITIONS:  # the phrase, then a subject of its own: a name, a pronoun or a determiner
        # "by 1880 everything the statue would cost was in hand": a year, then words of a subject
        return any(w[:1].isupper() or w.lower() in _PRONOUN_SUBJECTS for w in before[1:]) or \
            (len(before) >= 3 and bool(re.fullmatch(r"\d{3,4}s?", before[1])))
    return words[0] not in _DETERMINERS and words[0].lower() not in _PRONOUN_SUBJECTS and len(before) >= 1


_PRONOUN_SUBJECTS = frozenset("he she they we i it".split())
_THEN_RE = re.compile(r"(?:then|later|afterwards|soon\s+after|finally)\s+(?=[A-Z]|(?:he|she|they|we|it)\s)")
_ORDER_OPENERS = frozenset("only then later afterwards soon first finally next not so yet".split())


def _unpaired(text: str) -> str:
    """Return text without the participles joined to a first one by "and"/"or" ("Taken apart and packed in crates":
    one phrase of two participles, not a clause)."""
    words = text.split()
    return " ".join(w for i, w in enumerate(words) if not (i and words[i - 1] in ("and", "or") and _participle(w)))


def _has_verb(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and any(_finite(words, i) for i in range(1, len(words)))


def _sentence(text: str) -> str:
    text = text.strip(" ,;")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if re.search(r"[.!?\"”]$", text) else text + "."


def _subject(clause: str) -> str:
    """Return the words before the clause's first finite verb, or '' when there is none."""
    words = clause.split()
    for i in range(1, len(words)):
        if _finite(words, i):
            return " ".join(words[:i])
    return ""


def _main_subject(clause: str) -> str:
    """Return the subject of a clause's main verb: not an opening phrase set off by a comma ("After years of
    trials, Vos found"), nor the clause of an opening "where"/"when" without one ("where A and B disagreed Vos
    trusted B": Vos)."""
    subject = _subject(clause)
    if "," in subject:
        subject = subject.rsplit(",", 1)[1].strip()
    # "Many of the visitors who came for the music stayed": the subject ends before its relative clause
    subject = re.split(r"\s+(?:who|that|which)\b", subject, maxsplit=1)[0]
    words = subject.split()
    if words and words[0].lower() in _SUBORDINATORS.split("|") + ["where"]:
        rest = clause.split()[len(words) + 1:]
        subject = _subject(" ".join(rest)) if rest else ""
    return subject if _subject(subject + " was") == subject else ""


def _be(subject: str) -> str:
    last = subject.split()[-1].lower() if subject.split() else ""
    plural = " and " in subject or last in ("they", "we", "men", "women", "people", "children") or \
        (last.endswith("s") and not last.endswith("ss") and not subject.split()[-1][:1].isupper())
    return "were" if plural else "was"


def _clauses(sentence: str, masked: str) -> list[str]:
    """Split at ';' and ', and/but/... <subject> <verb>'."""
    pieces, start = [], 0
    for match in _CLAUSE_RE.finditer(masked):
        left, right = masked[start: match.start()], masked[match.end():]
        right_clause = _MARKED_CLAUSE_RE.split(right, maxsplit=1)[0]
        # "and in April 1913 a moving line for the flywheel magneto cut": a phrase with a date or a name, then a
        # long subject of its own
        long_led = right_clause.split()[:1] != [] and right_clause.split()[0] in _PREPOSITIONS and \
            _led_clause(right_clause, 2 * LED_CLAUSE_WORDS) and len(_subject(right_clause).split()) >= 3
        led = (_led_clause(right_clause) or long_led) and "so" not in match.group(0).split()  # ", so": the reason joins them
        if not re.search(r"[,;:]", match.group(0)):
            # without a comma, only such a clause, after a clause of its own
            words = right_clause.split()
            det_led = bool(words) and words[0] in _DET_LED and _has_clause(left) and \
                any(_finite(words, k) and words[k + 1: k + 2] != ["by"] and not {"and", "or"} & set(words[1:k])
                    for k in range(2, min(4, len(words))))  # not "the conditions and missed": a second object
            # not "the house built by his father": a participle of the object's
            if not (long_led or det_led) or not _has_clause(left):
                continue
            led = led or det_led
        then = _THEN_RE.match(right_clause)
        if then and _has_clause(right_clause[then.end():]) and "," in match.group(0):
            # ", and then Robert went up again": a clause of its own after the adverb that orders it
            led = True
        # "and Simon Coencas, who was thirteen.": a name and its relative clause, no clause of its own
        named = re.fullmatch(rf"{_PLACED_NAME},\s+(?:who|which|whose)\s+[^,;]*", right_clause.rstrip(" .!?"))
        if len(left.split()) >= 3 and (_has_clause(right_clause) and not named or _LEAD_SUB_RE.match(right_clause) or
                                       led) and \
                (_has_verb(left) or not re.search(r",\s+[A-Z]", left)):
            # not "The senior operator, Harold Bride, and his junior, Jack Phillips, sent": two subjects, one verb
            pieces.append(sentence[start: match.start()])
            start = match.end()
    pieces.append(sentence[start:])
    pieces = [p.strip(" ,;") for p in pieces if p.strip(" ,;")]
    if len(pieces) >= 2:
        pieces = [q for p in pieces for q in _series(p)]
    return [pieces[0]] + [_named(p, pieces[i]) for i, p in enumerate(pieces[1:])] if pieces else pieces


_SERIES_SUBJECT_RE = re.compile(r"(?:[A-Z][\w'-]*(?:\s+(?:de\s+|von\s+|van\s+)?[A-Z][\w'-]*){0,3}|he|she|they|we)\s+")


def _series(piece: str) -> list[str]:
    """Split a clause of a series 'A, B, and C' (the last one already cut at ', and') at its commas: 'Vos made it
    1-1, Berg put Norway ahead' gives both; a piece after a comma counts when a name or a pronoun opens it and
    its verb follows within a few words."""
    masked = _mask(piece)
    cuts = []
    for m in re.finditer(r",\s+", masked):
        right = masked[m.end():].split(",")[0]
        n = _SERIES_SUBJECT_RE.match(right)
        words = right.split()
        if not n or not _has_clause(masked[(cuts[-1] if cuts else 0): m.start()]) or \
                right.split()[0] in _OPENERS or right.split()[0].lower() in _MONTH_WORDS:
            continue
        at = len(n.group(0).split())
        if at < len(words) and _finite(words, at) and _has_clause(right) and len(words) >= 3:
            cuts.append(m.start())
    if not cuts:
        return [piece]
    bounds = [0] + cuts + [len(piece)]
    return [piece[a: b].strip(" ,") for a, b in zip(bounds, bounds[1:]) if piece[a: b].strip(" ,")]


_HE_SHE_RE = re.compile(r"\b(?:he|she)\b")
_SUBJECT_NAME_RE = re.compile(r"(?:^|\s)([A-Z][\w'-]+(?:\s+(?:von\s+|de\s+|van\s+)?[A-Z][\w'-]+)*)$")


def _named(clause: str, before: str) -> str:
    """Put the name of the clause before in place of a 'he' or 'she' subject: 'Vos gave a talk, and at its end he
    took a photograph' makes 'At its end Vos took a photograph', so the act keeps its doer. Only when that
    subject is the one name of the clause before."""
    subject, own = _subject(before), _subject(clause)
    m = _SUBJECT_NAME_RE.search(subject)
    pronoun = _HE_SHE_RE.search(own)
    if not m or not pronoun or m.group(1).split()[0] in _OPENERS or m.group(1).lower() in _MONTH_WORDS | _PRONOUN_SUBJECTS:
        return clause
    if re.search(r"\b[A-Z]", before[len(subject):]):
        return clause  # another name after the verb ("Ida Frost commanded the Marlow, and she ..."): either may be meant
    return clause[: pronoun.start()] + m.group(1) + clause[pronoun.end():]


_MONTH_WORDS = frozenset("january february march april may june july august september october november december".split())


_REGION_RE = re.compile(r",\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?(?=,)")
# words ending in -ing or -ed that open a sentence without being a participle of its subject
_NOT_PARTICIPLES = frozenset("During Following According Including Excluding Regarding Concerning Notwithstanding "
                             "Pending Morning Evening Nothing Something Everything Spring King Wedding".split())


def _dated(text: str, start: int, name: str) -> bool:
    """Tell whether a capitalized word at `start` is a month of a date ('8 August', 'August 8'), not a name."""
    first = name.split()[0].lower()
    return first in _MONTH_WORDS and (bool(re.search(r"\d\s*$", text[:start])) or len(name.split()) == 1)


# "The structural engineer Irving Morrow shaped the towers", "In 1989 the Italian journalist Riccardo Ehrman asked":
# a role written before the subject's name is a fact of its own about the name
_NAME_WORDS = r"[A-Z][\w'.-]*(?:\s+(?:de\s+|von\s+|van\s+)?[A-Z][\w'.-]*){0,3}"
_TITLED_SUBJECT_RE = re.compile(
    r"^(?P<lead>(?:In|On|At|By|During|After|Before|Within|That|Later|Then)\b[^,;]*?,?\s)?(?P<det>[Tt]he|[Aa]n?|[A-Z][\w-]*'s)\s+"
    r"(?P<role>(?:[A-Z][\w-]*\s+){0,2}(?:[a-z][\w'-]*\s+){0,2}[a-z][\w-]*)\s+"
    rf"(?P<name>{_NAME_WORDS}(?:\s+and\s+{_NAME_WORDS})?)\s+(?P<verb>[a-z]+)\b")


# "..., with Frank Wild commanding the ship and Tom Crean as his second": who did what, said by the way
_ABSOLUTE_RE = re.compile(rf",\s+with\s+(?P<name>{_NAME_WORDS})\s+(?P<verb>[a-z]+ing)\s+(?P<rest>[^,;]+?)"
                          rf"(?:,?\s+and\s+(?P<name2>{_NAME_WORDS})(?:,\s+[^,;]+,)?\s+as\s+(?P<role>[^,;]+?))?(?P<end>[.!?]?)$")


# "..., with Coubertin as its president and Vikelas as secretary-general": two roles given side by side
_WITH_AS_RE = re.compile(r",?\s+with\s+(?P<a>[^,;]+?)\s+as\s+(?P<ra>[^,;]+?)\s+and\s+(?P<b>(?:the\s+|a\s+|an\s+)?"
                         r"(?:[a-z][\w'-]*\s+){0,3}[A-Z][^,;]*?)\s+as\s+(?P<rb>[^,;]+?)(?P<end>[.!?]?)$")


def _absolute(clause: str, masked: str) -> list[str] | None:
    m = _WITH_AS_RE.search(masked)
    if m and _has_clause(masked[: m.start()]) and not _has_verb("x " + m.group("ra")) and not _has_verb("x " + m.group("rb")):
        main = clause[: m.start()]
        return [main, f"{main} with {clause[m.start('a'): m.end('ra')]}", f"{main} with {clause[m.start('b'): m.end('rb')]}"]
    m = _ABSOLUTE_RE.search(masked)
    if not m or not _has_clause(masked[: m.start()]):
        return None
    name, rest = clause[m.start("name"): m.end("name")], clause[m.start("verb"): m.end("rest")]
    found = [clause[: m.start()], f"{name} {_be(name)} {rest}"]
    if m.group("name2"):
        name2 = clause[m.start("name2"): m.end("name2")]
        found.append(f"{name2} {_be(name2)} {clause[m.start('role'): m.end('role')]}")
    return found


# "Ida Frost, born in 1901 in Bergen, was ...", "The league, led by Piet Vos, gave ...", "Eero Saarinen, one of the
# judges, arrived ...": a phrase set off by commas between the subject and its verb says a fact of its own
_ASIDE_SUBJECT = (rf"^(?P<name>{_NAME_WORDS}|"
                  r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?|"
                  r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}'s\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?),\s+")
_ASIDE_VERB = r",\s+(?:(?:then|later|also|first|now|soon|still)\s+)?(?P<verb>[a-z]+)\b"
_SUBJECT_ASIDE_RE = re.compile(
    _ASIDE_SUBJECT + r"(?P<aside>(?:[a-z]+\s+by\s|born\s|one\s+of\s|among\s|both\s|each\s+of\s|then\s+aged\s|aged\s|"
    rf"(?:{_BARE_AGE})(?=,))[^,;]*?)"
    + _ASIDE_VERB)


_PARTICIPLE_ASIDE_RE = re.compile(_ASIDE_SUBJECT + r"(?P<aside>[a-z][\w-]*\s[^,;]+?)" + _ASIDE_VERB)


# "..., an idea that the mayor had urged for years.", "..., a plan he worked out with Berg, among them Reid.": at the end
_SUMMARY_RE = re.compile(r",\s+(?P<app>(?P<head>(?:(?:half|twice|double|triple)\s+)?(?:a|an|the)(?:\s+[a-z][\w'-]*){1,3})\s+"
                         r"(?:that|which|he|she|they|we|it|who)\s+[A-Za-z][\w'-]*\b[^;]*?)(?P<end>[.!?]?)$")


# "between 30 and 130 men, some of them disguised as Mohawks, boarded the ships": a part of the subject, said by the way
_PART_ASIDE_RE = re.compile(r"^(?P<head>[^,;]+?),\s+(?P<part>(?:some|many|most|all|several|few|one|two|three|four|five|"
                            r"half)\s+of\s+them)\s+(?P<what>[a-z]+\b[^,;]*?),\s+(?P<verb>[a-z]+)\b")


# "The young Ada Brun, together with her cousin Eva Dahl, led the march": both did it
_TOGETHER_RE = re.compile(rf"^(?P<name>(?:(?:The|A|An)\s+(?:[a-z][\w'-]*\s+){{0,2}})?{_NAME_WORDS}),\s+(?:together|along)\s+"
                          r"with\s+(?P<other>[^,;]+?),\s+(?P<verb>[a-z]+)\b")


def _subject_aside(clause: str, masked: str) -> list[str] | None:
    m = _TOGETHER_RE.match(masked)
    if m and is_verb(m.group("verb")) and not _has_verb("x " + m.group("other")):
        other, rest = clause[m.start("other"): m.end("other")], clause[m.start("verb"):]
        return [f"{clause[: m.end('name')]} {rest}", f"{other[0].upper()}{other[1:]} {rest}"]
    m = _PART_ASIDE_RE.match(masked)
    if m and is_verb(m.group("verb")) and _participle(m.group("what").split()[0]) and \
            not _has_verb(" ".join(m.group("what").split()[1:])):
        part, what = clause[m.start("part"): m.end("part")], clause[m.start("what"): m.end("what")]
        return [f"{clause[: m.end('head')]} {clause[m.start('verb'):]}", f"{part} were {what}"]
    m = _SUBJECT_ASIDE_RE.match(masked)
    if not m:
        m = _PARTICIPLE_ASIDE_RE.match(masked)
        if not m or not (_participle(m.group("aside").split()[0]) or _present_participle(m.group("aside").split()[0])) \
                or m.group("aside").split()[0] in _PAST_ONLY or \
                not (is_verb(m.group("verb")) or m.group("verb") in _PAST_AS_PRESENT) or \
                m.group("name").split()[0] in _OPENERS or \
                _has_verb(_unpaired(re.split(rf"\s(?:{_SUBORDINATORS}|that|which|who|where)\s", m.group("aside"))[0])):
            return None
        # "The plan, code-named Sunshine and kept secret until the boat sailed, had ...": what was done to the subject
        name = clause[m.start("name"): m.end("name")]
        return [f"{name} {_be(name)} {clause[m.start('aside'): m.end('aside')]}", f"{name} {clause[m.start('verb'):]}"]
    if not is_verb(m.group("verb")) or _has_verb(_unpaired(m.group("aside"))) or m.group("name").split()[0] in _OPENERS:
        return None  # "Mendel, born in 1822 and baptised Johann, joined": two participles, one aside
    first = m.group("aside").split()[0]
    if m.group("aside").split()[1:2] == ["by"] and not _participle(first):
        return None  # "Vos, close by the door, ..." has no act
    name = clause[m.start("name"): m.end("name")]
    return [f"{name} {_be(name)} {clause[m.start('aside'): m.end('aside')]}", f"{name} {clause[m.start('verb'):]}"]


_ROLE_JOINERS = frozenset("of to into with and or as than".split())
_TIME_NOUNS = frozenset("day days night nights morning mornings evening evenings afternoon week weeks month months year "
                        "years decade decades century time season spring summer autumn winter hour hours minute".split())


# words before a name that describe the person, not a role they held ("the young Ada Brun")
_NOT_ROLES = frozenset("young old elderly late great famous little big poor rich ailing dying dead same other".split())


def _titled_subject(clause: str, masked: str) -> list[str] | None:
    m = _TITLED_SUBJECT_RE.match(masked)
    lead_words = (m.group("lead") or "").split() if m else []
    if not m or not is_verb(m.group("verb")) or any(is_verb(w) for w in m.group("role").split()) or \
            (m.group("lead") and _has_verb(m.group("lead"))) or \
            (len(lead_words) == 1 and lead_words[0].lower() in _PREPOSITIONS | {"before"}) or \
            m.group("role").split()[-1] in SMALL_NUMBERS or \
            any(w.lower() in _PREPOSITIONS | _ROLE_JOINERS | _DETERMINERS for w in m.group("role").split()) or \
            re.search(r"(?:ing|ed)$", m.group("role")) or m.group("role").split()[-1].lower() in _TIME_NOUNS | _NOT_ROLES:
        # "the Nobel Prize in Physics was", "the cable linking Ireland was": a phrase, not a role; "the next day
        # Vos wrote": a time, not a role; "By the fifth round Foreman was": the preposition's object, not a role
        return None
    name = clause[m.start("name"): m.end("name")]
    role = clause[m.start("role"): m.end("role")]
    lead = clause[: m.start("det")]
    det = m.group("det") if m.group("det").endswith("'s") else "the"  # "Ruth's brother Karl Voss"
    return [f"{name} {_be(name)} {det} {role}", f"{lead}{name} {clause[m.start('verb'):]}"]


# "the surveyor Tom Hale and Ruth's brother Karl Voss mapped the canal": two people, each with a role of their own
_TITLED_PAIR_RE = re.compile(
    r"^(?P<lead>(?:In|On|At|By|During|After|Before|Within|Later|Then)\b[^,;]*?,?\s)?"
    rf"(?P<a>(?:[Tt]he|[Aa]n?)\s+(?P<ra>(?:[a-z][\w'-]*\s+){{1,3}}){_NAME_WORDS})\s+and\s+"
    rf"(?P<b>(?:the|a|an|[A-Z][\w-]*'s)\s+(?P<rb>(?:[a-z][\w'-]*\s+){{1,3}}){_NAME_WORDS})\s+(?P<verb>[a-z]+)\b")


def _titled_pair(clause: str, masked: str) -> list[str] | None:
    m = _TITLED_PAIR_RE.match(masked)
    if not m or not is_verb(m.group("verb")) or m.group("lead") and _has_verb(m.group("lead")) or \
            any(w in STOP or w in SMALL_NUMBERS or is_verb(w) for w in (m.group("ra") + m.group("rb")).split()):
        return None
    lead, rest = clause[: m.start("a")], clause[m.start("verb"):]
    return [f"{lead}{clause[m.start(n): m.end(n)]} {rest}" for n in "ab"]


_AGE_RE = re.compile(rf"(?P<name>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}}),\s+(?P<age>(?:then\s+|now\s+)?(?:aged\s+[\w-]+|"
                     rf"[\w-]+\s+(?:years?|months?)\s+old|{_BARE_AGE}))(?=,|[.!?]?$)")


_PAIRED_NAME_RE = re.compile(r"(?:^|\s)(?P<name>[A-Z][\w'.-]*(?:\s+(?:(?:of|de|du|von|van|da|la|le)\s+)?[A-Z][\w'.-]*){0,4})"
                             r"\s+and\s+$")
_PLURAL_NP_RE = re.compile(r"\b(?:two|both|pair|couple|people|men|women|brothers|sisters|partners)\b")
_PLURAL_VERB_RE = re.compile(r",\s+(?:were|are|have)\b")


def _split_one(clause: str) -> list[str] | None:
    """Take one fact out of a clause; return the pieces, or None when no rule applies."""
    masked = _mask(clause)
    m = _CLEFT_RE.match(masked)
    if m:
        np = clause[m.start("np"): m.end("np")]
        # "it was because its light was weak that it became ...": the reason, a comma, and what it led to
        joint = ", " if np.split()[0].lower() in _SUBORDINATORS.split("|") and _has_verb(np) else " "
        return [np + joint + clause[m.start("rest"):]]
    titled = _titled_pair(clause, masked) or _titled_subject(clause, masked)
    if titled:
        return titled
    m = _NP_NAME_RE.match(masked)
    if m and not any(is_verb(w) for w in m.group("np").split()) and \
            m.group("np").split()[0].lower() not in _SUBORDINATORS.split("|"):
        name = clause[m.start("name"): m.end("name")]
        np = clause[m.start('np'): m.end('np')]
        first, _, rest = np.partition(" ")
        np = f"{first.lower()} {rest}" if first.lower() in _DETERMINERS else \
            np if first.endswith("'s") else np.lower()  # "the East German premier", "Franklin's widow"
        other = _SECOND_NP_NAME_RE.match(masked, m.end())
        if other and is_verb(other.group("verb")):
            # "The senior operator, Harold Bride, and his junior, Jack Phillips, sent": two people, each with a role
            who = "name" if other.group("name") else "bare"  # "and his niece Sophia Cracroft kept": no commas
            name2, np2 = clause[other.start(who): other.end(who)], clause[other.start("np"): other.end("np")]
            return [f"{name} {_be(name)} {np}", f"{name2} {_be(name2)} {np2}",
                    f"{name} and {name2} {clause[other.start('verb'):]}"]
        more = _NAMES_ON_RE.match(masked, m.end())
        if more and is_verb(more.group("verb")):
            # "His sea clocks, H1, H2, H3 and H4, are kept at Greenwich": the names are all the phrase's
            names = name + ", " + clause[m.end(): more.end("names")]
            return [f"{names} were {np}", f"{clause[: m.end('np')]} {clause[more.start('verb'):]}"]
        joint = ", " if _RELATIVE_RE.match(", " + masked[m.end():]) else " "  # "Ada Holm, two of whose sons": a clause
        return [f"{name} {_be(name)} {np}", f"{name}{joint}{clause[m.end():]}"]
    lead = _lead_sub(clause, masked)
    if lead:
        return lead
    m = _NP_APPOSITION_RE.match(masked)
    if m and is_verb(m.group("verb")) and not any(is_verb(w) for w in m.group("np").split()[1:]):
        np, app = clause[m.start("np"): m.end("np")], clause[m.start("app"): m.end("app")]
        return [f"{np} {_be(np)} {app}", np + " " + clause[m.start("verb"):]]
    aside = _subject_aside(clause, masked)
    if aside:
        return aside
    for m in _APPOSITION_RE.finditer(masked):
        if _dated(masked, m.start("name"), m.group("name")):
            continue  # "on 8 August, the day of the heats": a date, not a name with an apposition
        np_words = m.group("np").split()
        head, who, rest = m.group("np").partition(" who ")
        if who and m.group("name").split()[0] not in _OPENERS and not any(is_verb(w) for w in head.split()) \
                and _has_verb("x " + rest) and len(head.split()) <= 9:
            # "Ida Frost, a surveyor who had mapped the pass": what she was, and what she did
            name = clause[m.start("name"): m.end("name")]
            start, end = m.start("np"), m.end("np")
            while True:  # "who was born in Bergen, grew up in Oslo and taught there, had been": the last one is the name's
                segment = re.match(r",\s+([a-z]+)\b[^,;]*(?=,\s+[a-z]+\b)", masked[end:])
                if not segment or not is_verb(segment.group(1)) or not is_verb(masked[end + segment.end():].split()[1]):
                    break
                end += segment.end()
            rest = clause[end:]
            rest = rest[1:] if rest.startswith(",") and rest[1:].strip()[:1].islower() else rest  # no comma before the verb
            return [f"{name} {_be(name)} {clause[start: start + len(head)]}",
                    f"{name} {clause[start + len(head) + len(who): end]}", clause[: m.end("name")] + rest]
        if (any(is_verb(w.strip(",.")) for w in np_words) and
                (not _noun_phrase(m.group("np").rstrip(".!?")) or
                 masked[: m.start("name")].split()[-1:] and masked[: m.start("name")].split()[-1] in _PREPOSITIONS)) or \
                len(np_words) > 10 or m.group("name").split()[0] in _OPENERS:
            # "the Royal Red Cross, the first awarded to a nurse": a participle before a preposition is the phrase's;
            # "held the concert in Illinois, the first modelled on ...": the concert's, not the place's
            continue
        if _titled_name(m.group("np")):
            continue  # "Rastrick, the colliery engineer John Kennedy and ...": another person of a list, titled
        if re.match(r"(?:the|a|an)\s+[A-Z][^,;]*\sand\s+(?:the\s+)?[A-Z]", m.group("np")):
            continue  # "were the Emperor of Austria, the Crown Prince of Prussia and the Prince of Wales": a list
        if re.search(r":[^;:]*,[^,;:]*$", masked[: m.start("name")]):
            continue  # "four ships: the Rafael, the Gabriel under Paulo, the Berrio, ...": items of a list, not appositions
        end = m.end()
        if _LIST_TAIL_RE.match(masked, end) and not _has_verb("x " + masked[end:]) and \
                re.search(r"\s(?:of|for|from|with)\s", m.group("np")):
            end = len(masked.rstrip(".!? "))  # "a consortium of five British, five French and two Belgian firms"
        region = _REGION_RE.match(masked, end)
        if region and masked[region.end():].lstrip(" ,")[:1].islower():
            end = region.end()  # "a surgeon in London, Ontario, read": the region is part of the place
        name, np = clause[m.start("name"): m.end("name")], clause[m.start("np"): end]
        pair = _PAIRED_NAME_RE.search(masked[: m.start("name")])
        if pair and (_PLURAL_NP_RE.search(np) or _PLURAL_VERB_RE.match(masked[end:])):
            # "Queen's Park and Vale of Leven, the two Scottish entrants, were": the apposition is the pair's
            name = clause[pair.start("name"): m.end("name")]
        rest = clause[end:]
        rest = rest[1:] if rest.startswith(",") and rest[1:].strip()[:1].islower() else rest  # no comma before the verb
        return [f"{name} {_be(name)} {np}", clause[: m.end("name")] + rest]
    m = _NAMED_MEMBERS_RE.search(masked)
    if m and is_verb(m.group("verb")) and not _has_verb("x " + masked[: m.start()]):
        # "In 1900 four botanists working separately, Hugo de Vries in the Netherlands, Carl Correns in Germany and
        # William Bateson in England, published": the names are the group's members, the act is the group's
        group = clause[m.start("group"): m.end("group")]
        items = [i.strip() for i in re.split(r",\s+(?:and\s+)?|\s+and\s+", clause[m.start("items"): m.end("items")])]
        main = clause[: m.end("group")] + " " + clause[m.start("verb"):]
        return [main] + [f"{item} {_be(item)} one of {group}" for item in items if item]
    m = _BORN_AS_RE.search(masked)
    if m and not _has_verb("x " + m.group("np")):
        # "Marconi was born in Bologna in 1874, the second son of a landowner": what the newborn was
        name = clause[m.start("name"): m.end("name")]
        born, np = clause[: m.start("comma")] + (m.group("end") or "."), clause[m.start("np"): m.end("np")]
        return [born, f"{name} {_be(name)} {np}"]
    m = _AGE_RE.search(masked)
    if m and (_has_verb(masked[: m.start()]) or re.match(r",\s+[a-z]+\s", masked[m.end():]) and
              is_verb(masked[m.end():].split()[1])):
        # "... on his son Robert, then eleven years old, ...": the age is a fact of its own about the name
        name, rest = clause[m.start("name"): m.end("name")], clause[m.end():]
        if re.match(r",\s+([a-z]+)", rest) and is_verb(rest.split()[1]):
            rest = rest[1:]  # "Speke, not yet thirty, was killed": no comma before the verb
        return [clause[: m.end("name")] + rest, f"{name} {_be(name)} {clause[m.start('age'): m.end('age')]}"]
    m = _LEAD_PARTICIPLE_RE.match(masked)
    if m and m.group("phrase").split()[0] not in _NOT_PARTICIPLES and not _has_verb(_unpaired(m.group("phrase"))):
        # "Banting took his idea to X, ...": a name ending in -ing with a verb of its own opens no participle
        rest, phrase_end = clause[m.start("rest"):], m.end("phrase")
        inner = re.match(r"(?:where|which|who)\s+[^,]+,\s+", masked[m.start("rest"):])
        if inner:  # "Assembled in the yard, where it towered over Paris, the statue was": the yard's clause
            rest, phrase_end = clause[m.start("rest") + inner.end():], m.start("rest") + inner.end() - 2
        subject = _subject(rest)
        if subject and not subject.split()[0].lower() in _EMBEDDERS:
            phrase = clause[: phrase_end].rstrip(" ,")
            return [f"{subject} {_be(subject)} {phrase[0].lower()}{phrase[1:]}", rest]
    m = _SUMMARY_RE.search(masked)
    if m and _has_clause(masked[: m.start()]) and len(masked[: m.start()].split()) >= 5 and \
            m.group("head").split()[-1] not in _DETERMINERS:
        # "..., an idea that Reid had urged for years": a noun summing up the clause, with a clause of its own
        return [clause[: m.start()], f"This was {clause[m.start('app'): m.end('app')]}"]
    m = _WHEN_DATE_RE.search(masked)
    if m and _has_clause(masked[: m.end("date")]) and _has_clause(m.group("rest")):
        # "The worst day came on 17 February 1937, when a scaffold broke away, tore through the net and ...": what
        # happened on that date, with a subject of its own (as a clause of when at the end, with more commas)
        rest = clause[m.start("rest"):]
        return [clause[: m.end("date")] + (m.group("end") or "."), rest]
    m = _RELATIVE_RE.search(masked)
    if m:
        return _relative(clause, masked, m)
    m = _TAIL_SUB_RE.search(masked)
    if m and _has_verb(m.group("sub")) and len(masked[: m.start()].split()) >= 3:
        return [clause[: m.start()], clause[m.start("sub"): m.end("sub")]]
    m = _BECAUSE_RE.search(masked)
    if m and _has_clause(masked[m.end():]) and _has_clause(masked[: m.start()]):
        # "Cycloped was withdrawn because its horse could not keep up": the act and its reason (the whole
        # clause stays a fact of its own: see _CAUSE_SPLIT_RE)
        return [clause[: m.start()], clause[m.end():]]
    m = _WHILE_CLAUSE_RE.search(masked)
    if m and _has_clause(masked[m.end():]) and _has_clause(masked[: m.start()]):
        # "Cleveland accepted the statue while New York held a parade": two acts at one time
        return [clause[: m.start()], clause[m.end():]]
    absolute = _absolute(clause, masked)
    if absolute:
        return absolute
    m = _TAIL_STATE_RE.search(masked)
    if m and m.start() > 10:
        # "..., sure that the smoke carried a gas": what the subject was sure of, a fact of its own
        main = clause[: m.start()]
        subject = _main_subject(main)
        if subject:
            return [main, f"{subject} {_be(subject)} {clause[m.start('phrase'): m.end('phrase')]}"]
    m = _TAIL_PARTICIPLE_RE.search(masked)
    if m and m.start() > 10 and m.group("phrase").split()[0] != "meaning" and \
            m.group("phrase").split()[0].capitalize() not in _NOT_PARTICIPLES:  # "..., meaning "kill him"": a gloss
        main = clause[: m.start()]
        subject = _main_subject(main)
        if subject:
            return [main, f"{subject} {_be(subject)} {clause[m.start('phrase'): m.end('phrase')]}"]
    # the first phrase after a clause of its own ("The trophy, about 18 inches high and bought for £20, a pound for
    # every club, soon earned": the first phrase is the subject's aside, the second one follows a clause)
    m = next((a for a in _ASIDE_RE.finditer(masked) if _has_clause(masked[: a.start()])), None)
    if m and (_ASIDE_FACT_RE.search(m.group("phrase")) or _INTERVAL_RE.match(m.group("phrase")) or
              _COMPARISON_RE.match(m.group("phrase"))):
        # "Vos reached Oslo on 3 May, with the backing of the king." / "Vos reached Oslo, at about 9 p.m., and
        # rested": the phrase set off by commas is a fact of its own about the clause it follows
        main, aside = clause[: m.start()], clause[m.start("phrase"): m.end("phrase")]
        rest = clause[m.end():]
        if re.match(r",\s+(?:each|both|all)\s", masked[m.end():]) and not _has_verb("x " + masked[m.end():]):
            aside, rest = clause[m.start("phrase"):].rstrip(" .!?"), ""  # "..., in two decks, each wide enough": the decks
        items = [i.strip() for i in masked[m.start("phrase"):].split(",")]
        if _LIST_TAIL_RE.match(masked, m.end()) and not _has_verb("x " + masked[m.end():]) and \
                all(i[:1].isupper() or i.startswith("and ") for i in items[1:]) and \
                all(len(i.split()) <= 4 for i in items[:-1]):
            # "..., with James Brown, B. B. King and Bill Withers among the performers": the list is the aside's
            aside, rest = clause[m.start("phrase"):].rstrip(" .!?"), ""
        verb = re.match(r",\s+(?:(?:then|later|also|soon|still|now)\s+)?([a-z]+)", masked[m.end():])
        joint = ", " if "," in masked[: m.start()] and verb and is_verb(verb.group(1)) else " "
        # "The trophy, bought for £20, a pound a club, soon earned": the subject's aside keeps its closing comma
        return [main + (joint + rest.lstrip(", ") if rest.strip(" ,.!?") else rest), f"{main} {aside}."] + \
            _interval_anchor(aside)
    m = _LEAD_INTERVAL_RE.match(masked)
    if m and (_has_clause(m.group("main")) or _led_clause(m.group("main"))):
        # "Two days after the race, Vos ran again": the act, and its interval from the other event
        main, interval = clause[m.start("main"):].rstrip(" .!?"), clause[: m.end("interval")]
        return [main, f"{main} {interval[0].lower()}{interval[1:]}"] + _interval_anchor(interval)
    return _np_list(clause, masked) or _comma_predicates(clause, masked) or _gapped(clause, masked) or \
        _two_measures(clause, masked) or \
        _and_predicates(clause, masked) or \
        _and_preposition(clause, masked) or _name_list(clause, masked)


# "Wright ran the western section and Geddes the middle one": the second name's act is the first one's verb, left out
_GAPPED_RE = re.compile(rf"^(?P<first>{_NAME_WORDS})\s+(?P<verb>[a-z]+)\s+(?P<one>[^,;]+?),?\s+and\s+"
                        rf"(?P<second>{_NAME_WORDS})\s+(?P<two>(?:the|a|an|his|her|its|their|\d)[^,;]*?)"
                        r"(?P<end>[.!?]?)$")


def _gapped(clause: str, masked: str) -> list[str] | None:
    m = _GAPPED_RE.match(masked)
    if not m or not is_verb(m.group("verb")) or m.group("verb") in LINKS | _TWO_OBJECTS or \
            m.group("first").split()[0] in _OPENERS or _has_verb("x " + m.group("two")) or \
            set(m.group("two").lower().split()) & _TIME_NOUNS or \
            re.match(rf"{_NAME_WORDS}\s+(?:the|a|an|his|her|its|their)\s", m.group("one")):
        return None  # "gave Berg the book and Vos the pen": two objects; "met Berg and Vos the next day": a time
    verb, end = m.group("verb"), m.group("end") or "."
    return [clause[: m.end("one")] + end,
            f"{clause[m.start('second'): m.end('second')]} {verb} {clause[m.start('two'): m.end('two')]}{end}"]


# "The tower was about 72 feet high and about as broad at its base as it was tall": two measures of one thing
_TWO_MEASURES_RE = re.compile(r"^(?P<head>[^,;]+?\s(?:was|were|is|are|stood|stands|measured|measures)\s+)"
                              r"(?P<one>[^,;]+?\b(?:high|long|wide|tall|deep|broad|thick|heavy|across|old))\s+and\s+"
                              r"(?P<two>[^,;]+?)(?P<end>[.!?]?)$")


def _two_measures(clause: str, masked: str) -> list[str] | None:
    m = _TWO_MEASURES_RE.match(masked)
    if not m:
        return None
    two = re.sub(r"\bas\s+(?:it|he|she|they|we)\s+(?:was|were|is|are)\b", "as", m.group("two"))  # "as it was tall"
    if two.split() and _participle(two.split()[0]):
        two = " ".join(two.split()[1:])  # "was 40 feet long and painted white": what was done to it, no act of its
    if not two or _has_verb("x " + two) or " and " in two or not _has_clause(m.group("head") + "x"):
        return None
    head, end = clause[: m.end("head")], m.group("end") or "."
    return [f"{head}{clause[m.start('one'): m.end('one')]}{end}", f"{head}{clause[m.start('two'): m.end('two')]}{end}"]


# "came on 17 February 1937, when a scaffold broke away, ...": what happened on the date
_WHEN_DATE_RE = re.compile(r"\b(?P<date>(?:on|in)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?\d{4}),\s+"
                           r"when\s+(?P<rest>[^;]+?)(?P<end>[.!?]?)$")
# "before the year was out": a time, not an event of its own
_PERIOD_OUT = r"(?:the|that|this)\s+(?:[\w'-]+\s+){1,5}?(?:was|were)\s+(?:out|over)"
_PERIOD_OUT_RE = re.compile(rf"^(?P<conj>before|by\s+the\s+time)\s+(?P<sub>{_PERIOD_OUT})"
                            r"(?:,\s+|\s+(?=[A-Z]|(?:he|she|they|it|we)\s))(?P<main>.+?)(?P<end>[.!?]?)$", re.IGNORECASE)


def _lead_sub(clause: str, masked: str) -> list[str] | None:
    """'When the rope snapped, four men fell' → the two clauses. The opening clause may hold commas of its own ("Since
    the races were held in the bay, in cold water, Hajós won"): the cut is the first comma after which a clause with
    its own subject follows, once the opening clause has a verb. A time said as a clause ("before the year was out")
    stays with the clause it dates."""
    m = _PERIOD_OUT_RE.match(masked)
    if m and _has_clause(m.group("main")):
        when = clause[: m.end("sub")]
        cut = masked.find(",", m.start("main"))  # the time goes with the clause's first part, before any aside
        cut = m.end("main") if cut < 0 else cut
        head, tail = clause[m.start("main"): cut], clause[cut: m.end("main")]
        return [f"{head[0].upper()}{head[1:]} {when[0].lower()}{when[1:]}{tail}{m.group('end') or '.'}"]
    m = _LEAD_SUB_RE.match(masked)
    if not m:
        return None
    start = m.start("sub")
    for comma in re.finditer(r",\s+", masked[start:]):
        sub, main = masked[start: start + comma.start()], masked[start + comma.end():]
        if re.match(r"(?:and|but|or)\b", main):
            return None  # "After A, and B, C ...": where the opening clause ends is not clear
        if re.fullmatch(r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*", sub.rsplit(",", 1)[-1].strip()) and "," in sub:
            continue  # inside a list of names ("..., Shackleton, Worsley and Crean crossed")
        subject = _subject(main)
        if _has_clause(main) and ("," not in subject or " and " in subject):  # a subject may be a list of names
            # "After years of trials, Vos found ...": no verb before the clause, so a phrase opened it, not a clause
            if not _has_verb(sub):
                return None
            first, main = clause[start: start + comma.start()], clause[start + comma.end():]
            return [first, _own_doer(main, first)]
    return None


def _own_doer(main: str, sub: str) -> str:
    """Put the opening clause's subject in place of the main clause's pronoun when the opening clause names no one
    else: "As the Soviet side fell behind, it complained" → "The Soviet side complained"."""
    pronoun = main.split()[0] if main.split() else ""
    subject = _subject(sub)
    rest = sub[len(subject):]
    if pronoun.lower() not in ("he", "she", "it", "they") or not subject or len(subject.split()) > 5 or \
            re.search(r"\b(?:[A-Z]|the\s|a\s|an\s|his\s|her\s|its\s|their\s)", rest) or \
            subject.split()[0].lower() in _PRONOUN_SUBJECTS or \
            not re.match(r"(?:the|a|an|[A-Z])", subject, re.IGNORECASE):
        return main
    subject = subject[0].upper() + subject[1:]
    return subject + main[len(pronoun):]


_WHILE_CLAUSE_RE = re.compile(r"(?<!,)\s+while\s+(?=[A-Z]|(?:the|a|an|his|her|its|their|he|she|they|it)\s)")
_LEAD_INTERVAL_RE = re.compile(rf"^(?P<interval>{_INTERVAL}\s+[^,;]{{3,}}?),\s+(?P<main>.+)$", re.IGNORECASE)


def _interval_anchor(phrase: str) -> list[str]:
    """Return the event an interval counts from when it is a clause with a date of its own: "just weeks after
    the company broke ground on 8 January 1863" gives "The company broke ground on 8 January 1863"."""
    anchor = re.split(r"\b(?:after|before)\s+", phrase, maxsplit=1)[-1].strip(" ,.")
    return [anchor] if anchor != phrase.strip(" ,.") and _has_clause(anchor) and re.search(r"\d", anchor) else []


def _comma_predicates(clause: str, masked: str) -> list[str] | None:
    """'The paper appeared in May, ran to 900 words and carried a diagram' → 'The paper appeared in May.',
    'The paper ran to 900 words and carried a diagram.' (predicates of one subject, the first ones set off by commas)."""
    for m in re.finditer(r",\s+(?=([a-z]+)\s)", masked):
        word = m.group(1)
        if not is_verb(word) or word in ("was", "were", "is", "are", "had", "has", "have") or \
                not re.search(r"\s(?:and|or)\s+[a-z]+", masked[m.end():]):
            continue
        left = clause[: m.start()]
        if re.search(rf",\s+(?:{_SUBORDINATORS}|where|who|which)\s|\bthat\s+(?:no|the|a|an|[A-Z])", masked[: m.start()]):
            # "A opened in May, when B, the mayor, walked through it and ...": the predicates are B's; "the promise that
            # no man would be seized, jailed or taxed": the man's
            continue
        subject = _subject(left)
        own = _mask(subject).rsplit(",", 1)[-1].strip() if "," in _mask(subject) else ""
        # an opening phrase set off by a comma before the subject ("On 27 May, about 200,000 people walked, ran
        # and ...") stays with each predicate
        opened = bool(own) and bool(_SUBJECT_RE.match(own) or re.match(r"(?:about|some|nearly|almost|over)\s+\d", own)) \
            and own.split()[0] not in _OPENERS
        if subject and len(left.split()) > len(subject.split()) and \
                (not subject.split()[0].lower() in _OPENER_WORDS or opened):
            return [left, f"{subject} {clause[m.end():]}"]
    return None


_OPENER_WORDS = frozenset(w.lower() for w in _OPENERS)


def _np_list(clause: str, masked: str) -> list[str] | None:
    """'The team included his brother, the anaesthetist X, and the surgeon Y': one fact per item."""
    m = _NP_LIST_RE.search(masked)
    if not m:
        return None
    items = [i.strip() for i in re.split(r",\s+(?:and\s+)?|\s+and\s+", clause[m.start("items"): m.end("items")]) if i.strip()]
    if not 2 <= len(items) <= 6 or any(len(i.split()) > 6 or any(is_verb(w) for w in i.split()[1:]) for i in items):
        return None
    inner = re.search(r"\sof\s+(?!(?:the\s+)?[A-Z])", items[0]) and items[0][:1].islower()  # not "of Austria"
    if m.group("verb") in ("were", "are", "was", "is") and (_participle(items[0].split()[0]) or inner or
                                                             any(is_verb(i.split()[0]) for i in items)):
        # "was run by the Big Four, merchants such as A, B and C": a passive, not what it was; "was a consortium of
        # five British, five French and two Belgian firms": the list is inside the first item
        return None
    head = clause[: m.start("items")]
    return [f"{head}{item}" for item in items]


# words that open a verb's object or clause ("built a frame", "showed that"), and verbs whose passive takes an object
# too ("was given a name")
_OBJECT_OPENERS = frozenset("a an the his her its their that how what".split())
_TWO_OBJECTS = frozenset("given sent paid offered awarded shown told taught granted promised handed lent asked allowed "
                         "denied refused charged fined owed brought left named called elected made appointed crowned "
                         "voted".split())
_PAST_ONLY = frozenset("became began came drew drove fell flew forgot gave grew hid knew ran rang rode rose sang sank "
                       "saw shook slid spoke stole swam swung took threw woke wore wrote went broke chose froze".split())


def _participle(word: str) -> bool:
    lower = word.lower()
    return word[:1].islower() and (lower in IRREGULAR or (lower.endswith(("ed", "en")) and lower not in NOT_VERBS)
                                   or lower in ("run", "begun", "done", "seen", "won", "known", "shown", "born"))


# past forms that are also present ones, so no sure verb alone; after a subject and its aside they are the verb
# ("the keepers, throwing water upward, beat the flames back")
_PAST_AS_PRESENT = frozenset("beat bid fit quit shed thrust upset".split())


def _present_participle(word: str) -> bool:
    """Tell whether a word is an -ing form that can say what its subject was doing ("throwing", not "during")."""
    return word[:1].islower() and len(word) > 5 and word.endswith("ing") and \
        word.capitalize() not in _NOT_PARTICIPLES and word not in NOT_VERBS


_ABSOLUTE_TAIL_RE = re.compile(r",\s+[^,]*,")


_PLACED_NAME = r"[A-Z][\w'.-]*(?:\s+(?:of\s+(?:the\s+)?|de\s+|von\s+|van\s+)?[A-Z][\w'.-]*){0,4}"


def _relative(clause: str, masked: str, m: re.Match) -> list[str] | None:
    before, pronoun = masked[: m.start()], m.group("pronoun")
    end = masked.find(",", m.end())
    end = len(masked) if end < 0 else end
    while pronoun == "whose" and end < len(masked) and not _has_verb("x " + masked[m.end(): end]):
        # "whose chief designer, William F. Lamb, drew it": the clause runs to the comma after its verb
        end = masked.find(",", end + 1)
        end = len(masked) if end < 0 else end
    if _LIST_TAIL_RE.match(masked, end) and not _has_verb("x " + masked[end:]):
        end = len(masked)  # "which was divided among Russia, Prussia and Austria": the list is the body's own
    if not _has_verb("x " + masked[m.end(): end]) and re.match(r",\s+(?:who|which)\s", masked[end:]):
        end = len(masked)  # "where Tom Reid, who was ill, listened": the relative clause runs past the one in it
    while not _has_verb("x " + masked[m.end(): end]) and end < len(masked) and \
            re.match(rf",\s+(?:and\s+)?{_LIST_NAME}(?:,|\s+and\s)", masked[end:]):
        # "where Thomson, Dom Pedro II and Edison tried it": the clause's subject is a list of names
        end = masked.find(",", end + 1)
        end = len(masked) if end < 0 else end
    body = clause[m.end(): end].strip().rstrip(".")
    if len(body.split()) < 2:
        return None
    if pronoun in ("who", "where", "whose"):
        segments = before.split(",")
        if pronoun != "where" and len(segments) > 1 and segments[-1].strip()[:1].islower() and \
                not re.match(r"\s*and\s+[A-Z]", segments[-1]) and \
                re.search(r"[A-Z][\w'.-]*$", segments[-2].strip()):
            # "to Tom Reid, director of the museum of Leeds, who": Reid is meant, not Leeds
            names = re.findall(r"(?:[A-Z][\w'.-]*\s+)*[A-Z][\w'.-]*$", ",".join(segments[:-1]))
        else:  # "the Firth of Forth, where": one name
            names = re.findall(r"(?:[A-Z][\w'.-]*\s+(?:of\s+(?:the\s+)?)?)*[A-Z][\w'.-]*$", before)
        antecedent = names[0] if names else " ".join(before.split()[-3:])
        if not names and len(antecedent.split()) > 1 and (antecedent.split()[0].lower() in _PREPOSITIONS | {"to", "into"}
                                                          or is_verb(antecedent.split()[0])):
            antecedent = antecedent.split(" ", 1)[1]  # "went to the palace, where": the palace; "used steam power, where"
    else:
        segments = before.split(",")
        segment = segments[-1]
        if len(segments) > 1 and segment.split() and segment.split()[0].endswith(("ed", "en")):
            segment = segments[-2]  # "GPT-3, released in 2020, which ...": the thing before the participle
        # "the new Théâtre des Champs-Élysées, which": a name with a particle in it
        names = re.findall(r"(?:[A-Z][\w'.-]*\s+(?:(?:de|des|du|la|le|von|van|da|del)\s+)?)*[A-Z][\w'.-]*$",
                           segment.strip())
        words = segment.split()
        cut = max((i for i, w in enumerate(words) if w.lower() in _DETERMINERS and words[i + 1:] != ["own"]),
                  default=max(0, len(words) - 2))  # "a special gas of its own, which": the gas
        verb = max((i for i, w in enumerate(words) if is_verb(w.lower()) and w[:1].islower() and
                    not (i and words[i - 1].lower() in _DETERMINERS)), default=-1)  # "at a cost of", "4 May": no verb
        if cut <= verb:  # "By May the mill had hired 900 workers, which": the workers, not the mill's clause
            cut = verb + 1
            while cut < len(words) - 1 and words[cut].lower() in _COUNT_HEDGES:
                cut += 1
            if cut < len(words) and words[cut].lower() in _ADVERBIAL_OPENERS and not names:
                # "The star faded once every 31 hours, which placed ...": no noun after the verb; the clause is meant
                words, cut = ["This"], 0
        while 0 < cut < len(words) and re.fullmatch(r"[\d.,]+|" + NUMBER_WORDS, words[cut - 1], re.IGNORECASE):
            cut -= 1  # "100 million users", not "million users"
        if names and m.group("prep") and re.search(rf"\bof\s+{re.escape(names[0])}$", segment.strip()):
            names = []  # "a long version of Bad, during which": the version
        antecedent = names[0] if names else " ".join(words[cut:])
    if not antecedent or (pronoun == "whose" and is_verb(antecedent.split()[-1])):
        return None  # "when an earthquake struck, whose ruins": no noun before it to own the clause
    at = before.rfind(antecedent)
    if at >= 0:  # the words themselves, not their masked form ("1,200 men", a quote)
        antecedent = clause[at: at + len(antecedent)]
    if pronoun == "who" and names:
        at = before.rfind(antecedent)
        head = re.search(r"\b(?:the|a|an)\s+(?:[a-z][\w'-]*\s+){1,3}(?:of|from)\s+$", before[:at]) if at >= 0 else None
        if head and antecedent.split()[0].rstrip(".") not in PERSON_TITLES:
            # not "the backing of President Ann Holt, who": a title makes the name a person's  # "the people of Kinshasa, who", "the team from Bergen, who": the people, not the place
            antecedent = before[head.start(): at] + antecedent
    tail = clause[end:]
    if re.match(r",\s+[a-z]+ing\s", masked[end:]) and not _ABSOLUTE_TAIL_RE.search(masked[end:]):
        # "who took up the chant "...", meaning "...": the participle says more of the clause's object
        body, tail = f"{body}{tail.rstrip(' .!?')}", ""
    if _INTERVAL_RE.match(tail.lstrip(", ")) and not _has_verb("x " + tail) and not _ABSOLUTE_TAIL_RE.search(tail):
        # "the hotel, whose demolition began in October, a few weeks after the crash.": the interval is the
        # relative clause's, the words just before it
        body, tail = f"{body} {tail.strip(' ,.!?')}", ""
    if pronoun == "which" and re.match(r",\s+(?:far|well|just|some|about|deep|high|low)\s", tail) and \
            not _has_verb("x " + tail):
        # "which placed it 900,000 light-years away, far outside the galaxy": the phrase is the relative clause's
        body, tail = f"{body}{tail.rstrip(' .!?')}", ""
    if re.match(rf",\s+(?:{_SUBORDINATORS})\s+[^,;]+$", masked[end:]) and _has_verb("x " + masked[end:]) and \
            _has_verb("x " + body):
        # "which was granted in May, once the examiners had found nothing like it.": the clause at the end is the
        # relative clause's
        body, tail = f"{body}{tail.rstrip(' .!?')}", ""
    if re.match(r",\s+(?:where|which|who|whose)\s", masked[end:]) and _has_verb("x " + body):
        # "whose upper part was rebuilt on Plymouth Hoe, where Douglass laid its first stone": the next relative
        # clause is about the last thing this one names
        body, tail = f"{body}{tail.rstrip(' .!?')}", ""
    if _noun_phrase(masked[end:].strip(" ,.!?")) and pronoun != "whose":
        # "..., where the king gave her a medal, the first given to a nurse.": the phrase names the clause's last thing
        body, tail = f"{body}, {tail.strip(' ,.!?')}", ""
    main = clause[: m.start()] + (" " + tail.lstrip(", ") if tail.strip(" ,.") else tail)
    if re.match(rf",\s+(?:and\s+)?{_PLACED_NAME}(?:,|\s+and\s|[.!?]?$)", masked[end:]) and \
            re.search(rf"(?:,|\b(?:were|are|included|including))\s+{_PLACED_NAME}$", before):
        # "three kings, Rumanika of Karagwe, who kept them for months, Mutesa of Buganda, ...": the list goes on
        main = clause[: m.start()] + ", " + tail.lstrip(", ")
    bodies = re.split(rf",?\s+and\s+{pronoun}\s+", body) if pronoun in ("which", "who") else [body]
    if len(bodies) > 1:  # "which was printed in Leeds and which described the mills": two facts of one thing
        return [main] + [f"{antecedent} {b}" for b in bodies if len(b.split()) >= 2]
    if m.group("prep"):  # "a long version of Bad, during which Bono climbed down": when, or where, it happened
        first, _, others = antecedent.partition(" ")
        if first in ("The", "A", "An", "Its", "His", "Her", "Their"):
            antecedent = f"{first.lower()} {others}"  # "The results, on which": "On the results"
        fact = f"{m.group('prep').capitalize()} {antecedent}, {body}"
    elif pronoun == "where":
        if names and re.search(rf"\bthe\s+{re.escape(antecedent)}$", clause[: m.start()]):
            antecedent = "the " + antecedent  # "in the White House, where"
        fact = f"In {antecedent}, {body}"
    elif pronoun == "whose":
        fact = f"{antecedent} {body}" if antecedent.endswith(("'s", "s'")) else f"{antecedent}'s {body}"
        if m.group("part"):  # "Hutchinson, two of whose nephews were agents": two of Hutchinson's nephews
            fact = f"{m.group('part').capitalize()}{fact}"
    else:
        fact = f"{antecedent} {body}"
        own = _OWN_SUBJECT_RE.match(body)
        if pronoun == "which" and own and is_verb(own.group("verb")) and own.group("verb") not in LINKS:
            # "a dinner in Bergen, which Ida Lund opened with a speech": the dinner is what Lund opened
            noun = antecedent[0].lower() + antecedent[1:] if antecedent.split()[0] in ("The", "A", "An") else antecedent
            fact = f"{body[: own.end('verb')]} {noun}{body[own.end('verb'):]}"
    return [main, fact]


# a relative clause with a subject of its own: "which Ida Lund opened", "which he had built"
_OWN_SUBJECT_RE = re.compile(r"^(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}|he|she|they|we|I)\s+"
                             r"(?:(?:had|has|have|would|could)\s+)?(?P<verb>[a-z]+)\b")
# forms of "be", "have" and "do": they link or help, they tell no act
LINKS = frozenset("was were is are had has have did does".split())


# words that make the name after them a person's ("President Ann Holt", "Dr. Vos")
PERSON_TITLES = frozenset("President King Queen Prince Princess Emperor Empress Tsar Czar Sultan Pope Cardinal Bishop "
                          "Archbishop Reverend Rev Father General Admiral Captain Commander Colonel Major Lieutenant "
                          "Sergeant Governor Senator Mayor Judge Justice Chancellor Premier Minister Secretary Dr Doctor "
                          "Professor Sir Lord Lady Dame Mr Mrs Ms Miss Duke Duchess Count Countess Baron Baroness "
                          "Coach".split())
def _noun_phrase(text: str) -> bool:
    """Tell whether text is a noun phrase with no clause of its own: "the first given to a nurse", "a gift of the
    king's", not "the king gave her a medal" (a verb in it is a participle before a preposition)."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an"):
        return False
    return all(not _finite(words, i) or (_participle(words[i]) and (i + 1 == len(words) or words[i + 1] in _PREPOSITIONS
                                                                    or words[i + 1] in ("to", "as")))
               for i in range(1, len(words)))


_ADVERBS = frozenset("just already also never since long recently only once".split())
# words that open an adverbial phrase after a verb, not the noun a relative clause could be about
_ADVERBIAL_OPENERS = frozenset("once twice again every each then so in on at by during for to from with within after before "
                               "until since through across along over under into onto off away back up down out".split())


# a clause of its own just before "and": "... so finely that Spassky stood"
_EMBEDDED_SUBJECT_RE = re.compile(rf"\b(?:that|because|when|until|while)\s+(?P<name>{_NAME_WORDS})\s+(?P<verb>[a-z]+)$")


def _finite_after_participle(text: str) -> bool:
    """Whether a phrase opened by a participle runs into a verb of the clause's ("decorated in gold rose from": the
    participle's object, then "rose")."""
    words = re.split(rf"\s(?:{_SUBORDINATORS}|that|which|who|where)\s", text, maxsplit=1)[0].split()
    return any(_finite(words, i) and words[i].strip(",.") in _PAST_ONLY | LINKS for i in range(2, min(len(words), 8)))


def _and_predicates(clause: str, masked: str) -> list[str] | None:
    """'Hudson slipped and fell against Croz' → 'Hudson slipped.', 'Hudson fell against Croz.'"""
    for m in re.finditer(r",?\s+and\s+(?:then\s+|later\s+|also\s+|finally\s+)?(?=([a-z]+)\b)", masked):
        if not is_verb(m.group(1)):
            continue
        if m.group(1) == "had":
            following = [w for w in masked[m.end():].split()[1:3] if w not in _ADVERBS][:1]
            if not following or not _participle(following[0]):
                continue  # "and had three sons" stays whole; "and had just finished his degree" is a fact of its own
        if m.group(1) in ("was", "were", "is", "are"):
            following = masked[m.end():].split()[1:2]
            before = masked[: m.start()].split()
            if not following or not (_participle(following[0]) or following[0].endswith("ing")) or \
                    sum(_finite(before, i) for i in range(1, len(before))) != 1:
                # "and was the first": left whole; "A landed and was killed": a passive of the same subject, when
                # A's act is the one verb before it (not "A writes that B expected, and was shocked")
                continue
        left = clause[: m.start()]
        first = left.split()[len(_subject(left).split())] if _subject(left) else ""
        if _participle(m.group(1)) and _participle(first) and not {m.group(1), first} & (_PAST_ONLY | LINKS) and \
                _finite_after_participle(masked[m.end():]):
            continue  # "a balloon painted blue and decorated in gold rose from ...": two participles, then the verb
        embedded = _EMBEDDED_SUBJECT_RE.search(_mask(left))
        if embedded and is_verb(embedded.group("verb")):
            # "won so finely that Spassky stood and joined the applause": the act is the embedded clause's subject's
            return [left, f"{left[embedded.start('name'): embedded.end('name')]} {clause[m.end():]}"]
        subject = _subject(left)
        if subject and len(left.split()) > len(subject.split()):
            verb = left.split()[len(subject.split())]
            after = left.split()[len(subject.split()) + 1:len(subject.split()) + 2]
            following = masked[m.end():].split()[1:2]
            passive = verb.lower() in ("was", "were", "is", "are") and after and _participle(after[0]) and \
                m.group(1) not in _PAST_ONLY and \
                not (following and following[0].lower() in _OBJECT_OPENERS and m.group(1) not in _TWO_OBJECTS)
            # "was keen and gave her a room": "gave" is no participle; "was paid and built a frame": an object follows
            if passive:
                subject += " " + verb
            elif following == ["by"] and m.group(1) not in _PAST_ONLY and \
                    any(_participle(w) for w in re.findall(r"\b([a-z]+)\s+(?:in|with|by|from|of|on|at)\s",
                                                           " ".join(left.split()[len(subject.split()) + 1:]))):
                continue  # "built a drum wrapped in leather and turned by a crank": the drum's, not the subject's
            return [left, f"{subject} {clause[m.end():]}"]
    return None


_AND_PREPOSITION_RE = re.compile(r",?\s+and(?P<aside>,\s+[^,;]+,)?\s+(?P<prep>of|to|from|for|with|in|at|on|by)\s+"
                                 r"(?P<rest>[^;]+)$")


def _and_preposition(clause: str, masked: str) -> list[str] | None:
    """'had the support of Ann Holt and of the mayor of Bergen' → one fact per phrase: the words before the first
    phrase's preposition go with the second, which names a thing or a time of its own."""
    m = _AND_PREPOSITION_RE.search(masked)
    if not m or not re.search(r"[A-Z]|\d", m.group("rest")) or m.group("aside") and _has_verb("x " + m.group("aside")):
        return None
    left = masked[: m.start()]
    at = left.rfind(f" {m.group('prep')} ")
    if left.count(f" {m.group('prep')} ") != 1:
        return None  # "in Scotland, in Wales and in Belgium", "of the mayor of Leeds and of": which phrase is meant is unclear
    if at < 0 or not _has_clause(left[:at]) or _has_verb("x " + m.group("rest")):
        return None
    aside = clause[m.start("aside"): m.end("aside")] if m.group("aside") else ""
    return [clause[: m.start()], f"{clause[:at]}{aside} {clause[m.start('prep'):]}"]


# "mills in Pittsburgh and Bethlehem": two names after a preposition of place
# (not "Correns in Germany and Bateson in England": two names, each with its place)
_PAIR_RE = re.compile(rf"\b(?:in|at|from|to|near)\s+(?P<items>(?P<a>{_LIST_NAME})\s+and\s+(?P<b>{_LIST_NAME}))(?![\w'-])"
                      r"(?!\s+(?:[A-Z]|(?:in|at|from|of|near)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|"
                      r"September|October|November|December)\b)[A-Z]))")


def _name_list(clause: str, masked: str) -> list[str] | None:
    """One fact per name of a list of names ('Croz, Hadow and Hudson'; 'mills in Pittsburgh and Bethlehem')."""
    m = _LIST_RE.search(masked)
    if not m:
        pair = _PAIR_RE.search(masked)
        if not pair or {pair.group("a").split()[0].lower(), pair.group("b").split()[0].lower()} & _MONTH_WORDS:
            return None  # "in May and June": two months of one time
        return [clause[: pair.start("items")] + clause[pair.start(n): pair.end(n)] + clause[pair.end():] for n in "ab"]
    start = m.start()
    if m.group(0).split()[0] in _OPENERS:
        # "At Highland Park, Sorensen, Avery and Martin borrowed": the place is the opening phrase's, no item
        start = masked.index(",", start) + 1
        start += len(masked[start:]) - len(masked[start:].lstrip())
    items = [i.strip() for i in re.split(r",\s+(?:and\s+)?|\s+and\s+", clause[start: m.end()]) if i.strip()]
    if start == 0 and not _has_verb("x " + clause[m.end():]):
        return None
    if not 2 <= len(items) <= 6:
        return None
    return [clause[: start] + item + clause[m.end():] for item in items]


_LATER_RE = re.compile(rf"^(?P<span>{_INTERVAL})\s+(?P<rest>[^,;]+?)(?=[,;]|[.!?]?$)", re.IGNORECASE)
_LEAD_DATE_RE = re.compile(r"^(?P<prep>In|On|By)\s+(?P<date>(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?\d{4}),?\s+"
                           r"(?P<rest>.+?)[.!?]?$")


def _later(before: str, clause: str) -> str | None:
    """'In 1990 the club won the league, and three years later the stadium burned down' gives 'The stadium burned down
    three years after the club won the league in 1990': the span counts from the dated clause before it."""
    m = _LATER_RE.match(_mask(clause))
    rel = m.group("span").split()[-1].lower() if m else ""
    if rel not in ("later", "earlier") or not _has_clause(m.group("rest")) or not re.search(r"\b\d{4}\b", before):
        return None
    lead = _LEAD_DATE_RE.match(before)
    anchor = f"{lead.group('rest')} {lead.group('prep').lower()} {lead.group('date')}" if lead else before.rstrip(".!? ")
    if anchor.split()[0] in ("The", "A", "An", "His", "Her", "Its", "Their"):
        anchor = anchor[0].lower() + anchor[1:]
    span = " ".join(m.group("span").split()[:-1])
    return f"{clause[m.start('rest'): m.end('rest')]} {span} {'after' if rel == 'later' else 'before'} {anchor}"


def decompose(sentence: str, limit: int = 8) -> list[str]:
    """Return the atomic facts of a clean sentence; [sentence] when no rule applies."""
    masked = _mask(sentence)
    todo = _clauses(sentence, masked)
    done: list[str] = []
    spans = [_later(a, b) for a, b in zip(todo, todo[1:])]
    todo += [s for s in spans if s]
    if len(todo) >= 2 and _ORDER_LINK_RE.search(masked):
        done.append(sentence)  # "A went first, and B followed": the order of the two is a fact of its own
    while todo and len(done) + len(todo) < limit:
        clause = todo.pop(0)
        pieces = _split_one(clause)
        pieces = [p.strip(" ,;") for p in pieces or [] if len(p.split()) >= 2]
        if len(pieces) >= 2 or (len(pieces) == 1 and pieces[0] != clause.strip(" ,;")):
            if len(pieces) >= 2 and (_CAUSE_SPLIT_RE.search(_mask(clause)) or
                                     (_LIST_RE.match(_mask(clause)) and clause.split()[0] not in _OPENERS)):
                # the reason (or the time) that joins the pieces is a fact of its own; so is what a list of names
                # did together ("A, B and C shared the prize"), checked against the evidence's own list
                done.append(clause)
            todo = pieces + todo
        else:
            done.append(clause)
    found = [_sentence(p) for p in done + todo]
    return list(dict.fromkeys(p for p in found if p)) or [sentence]


# What a long atom says at its core, checked beside the atom itself: words the splitter leaves around a clause (an
# opening phrase, an aside set off by commas, a "while ..." clause, "X described how ...") carry the evidence's
# other words and raise the atom's coverage, so a swapped name or a bent relation in the clause goes unseen.
_WHILE_RE = re.compile(r",?\s+(?:while|whereas)\s+")
_FRAME_RE = re.compile(r"^[^,;]{2,60}?\s+(?:described|explained|reported|recalled|noted|wrote|showed|observed)\s+"
                       r"(?:how|that)\s+(?P<rest>.+)$")
CORE_MIN_WORDS = 4


_EMBEDDERS = frozenset("that who whom which whose when where because after before as since while if".split())


def _aside(text: str) -> bool:
    """Tell whether words set off by commas may be left out: no verb of their own, or one only in a clause they
    embed ("angry that Best had been left out"), or a participle opening them ("tired after the night"); not a
    subject with its verb ("about 200 people walked")."""
    words = ("x " + text).split()
    first = next((i for i in range(1, len(words)) if _finite(words, i)), None)
    return first is None or first == 1 or any(w.lower() in _EMBEDDERS for w in words[1:first])


def cores(claim: str) -> list[str]:
    """Return shorter statements the claim makes by itself: without an opening phrase, without one aside set off
    by commas, before a "while" clause, or the clause a reporting frame introduces. [] when there is none."""
    masked = _mask(claim)
    found: list[str] = []
    # not the comma of a date ("April 12, 1955"): the year belongs to its day
    commas = [m for m in re.finditer(r"(?<!\d),\s+|(?<=\d),\s+(?!\d)", masked)]
    for i, m in enumerate(commas):
        rest = claim[m.end():]
        if _has_clause(rest) and "," not in _subject(_mask(rest)) and \
                not re.match(r"(?:and|but|or|so|then|which|who|where)\b", rest):
            found.append(rest)  # the opening phrase dropped
        end = commas[i + 1] if i + 1 < len(commas) else None
        if end is not None and _aside(masked[m.end(): end.start()]):
            found.append(claim[:m.start()] + " " + claim[end.end():])  # one aside dropped
    cut = _WHILE_RE.search(masked)
    if cut:
        found.append(claim[:cut.start()])
    for text in (claim, claim[:cut.start()] if cut else ""):
        frame = _FRAME_RE.match(_mask(text))
        if frame and _has_clause(text[frame.start("rest"):]):
            found.append(text[frame.start("rest"):])
    result = []
    for text in found:
        text = _sentence(re.sub(r"\s+", " ", text))
        if len(text.split()) >= CORE_MIN_WORDS and _has_verb(text) and text != _sentence(claim) and text not in result:
            result.append(text)
    return result
