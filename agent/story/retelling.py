"""A chapter built sentence by sentence: an opening scene, one retelling per chosen fact, a closing line.

A small model asked for a free chapter writes a few lines, talks about its notes or copies them; asked
for one sentence per numbered fact inside a typed reply, it keeps the length and each fact stays tied to
the passage it came from. The checks of `agent.story.prose` judge every sentence; the sentences that fail
are asked for once more, together, and left out if they fail again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from os.path import commonprefix

from pydantic import BaseModel, Field, create_model

from agent.story.prose import Problem, catalog, is_fragment, is_meta, narratable, standalone, readable, sentence_problems, words_of
from agent.story.salience import listiness
from agent.story.timeline import in_order, same_event
from agent.text import split_sentences, tokens

SENTENCE_CHARS = 320
SCENE_WORDS = 30  # the opening scene and the closing line together, about this many words (one is often left out)
FACT_WORDS_TOLD = 17  # a retold fact, about this many words
MIN_FACTS, MAX_FACTS = 3, 10
FACT_WORDS = 45  # a note longer than this is cut at a word boundary
# what the scene is asked to do; a small model sometimes writes the request itself into the chapter
SCENE_ASK = "set the time, the place and the people at this moment"
SAME_FACT = 0.5  # two notes sharing this share of the shorter one's content words tell one fact
# What a retold sentence may not keep: these make it unreadable or ungrounded. A sentence that only copies
# its note stays when asking again did not help: it is true, and the chapter needs its fact.
DROPPED = {"fragment", "doubled", "cliche", "unclosed quote", "repeated", "meta", "first person", "invented quote", "list", "example",
           "unsupported"}


@dataclass(frozen=True)
class Fact:
    """One note the chapter retells: a source sentence and the passage it comes from."""

    text: str
    passage_id: str


def wanted(plan) -> str:
    """Return the words a chapter's plan asks for, to rank its passages' sentences by."""
    return " ".join([plan.title, plan.opening, *plan.beats, *plan.people])


def fact_count(words: int) -> int:
    """Return how many facts a chapter of about `words` words retells, besides its scene and closing line."""
    return max(MIN_FACTS, min(MAX_FACTS, round((words - SCENE_WORDS) / FACT_WORDS_TOLD)))


def _clip(sentence: str) -> str:
    """Return a note of at most FACT_WORDS words: the sentence, else its first clauses ended with a full stop
    (a note cut mid-clause comes back cut in the chapter), else nothing."""
    words = sentence.split()
    if len(words) <= FACT_WORDS:
        return sentence
    head = " ".join(words[:FACT_WORDS])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "))
    return head[:cut].rstrip() + "." if cut > len(head) // 3 else ""


def choose_facts(wanted_text: str, passages: list, count: int, told: list[str] = (), clock=None) -> list[Fact]:
    """Pick `count` source sentences for a chapter: the ones closest to its plan, every passage in turn.

    Each passage offers its readable prose sentences ranked by the plan's words they share (a passage's
    first sentence wins ties: it is where a writer puts the news). A sentence telling a fact of another note or
    of `told` (the earlier chapters' notes), or naming the same month as one and sharing two of its words,
    is left out. Passages take turns, best sentence first, so every passage of the chapter is told; the facts
    keep the passages' order and, within a passage, the source's order, except that with a `clock`
    (`agent.story.timeline.Clock`) the facts that say when they happen go in time order.
    """
    wanted = set(tokens(wanted_text))
    ranked: list[list[tuple[int, str]]] = []
    seen: list[tuple[str, set[str]]] = [(t, set(tokens(t))) for t in told]
    for passage in passages:
        sentences = []
        for s in split_sentences(" ".join(passage.text.split())):
            words = set(tokens(s))
            if readable(s) and narratable(s) and standalone(s) and not is_meta(s) and not catalog(s) and \
                    listiness(s) < 0.5 and not any(_alike(words, other) or same_event(s, text) for text, other in seen):
                sentences.append(s)
                seen.append((s, words))
        order = sorted(range(len(sentences)), key=lambda i: (-len(wanted & set(tokens(sentences[i]))), i))
        ranked.append([(i, sentences[i]) for i in order])
    picked: list[set[int]] = [set() for _ in passages]
    total = 0
    for depth in range(max((len(r) for r in ranked), default=0)):
        for n, options in enumerate(ranked):
            if total < count and depth < len(options):
                picked[n].add(options[depth][0])
                total += 1
    facts = []
    for passage, options, chosen in zip(passages, ranked, picked):
        by_index = dict(options)
        facts.extend(Fact(_clip(by_index[i]), passage.id) for i in sorted(chosen) if _clip(by_index[i]))
    if clock is not None:
        sources = {p.id: p.source_id for p in passages}
        facts = in_order(facts, [clock.sentence(f.text, sources.get(f.passage_id)) for f in facts])
    return facts


def _alike(a: set[str], b: set[str]) -> bool:
    """Tell whether two sentences state much the same fact: most of the shorter one's content words recur."""
    return bool(a and b) and len(a & b) >= SAME_FACT * min(len(a), len(b))


def retelling_schema(count: int) -> type[BaseModel]:
    """Return the typed reply: a scene, exactly `count` retold facts in order, and a closing line."""
    return create_model(
        "Retelling",
        scene=(str, Field(max_length=2 * SENTENCE_CHARS,
                          description="The chapter's first one or two sentences: its opening moment as a scene")),
        sentences=(list[str], Field(min_length=count, max_length=count,
                                    description="One sentence per note, in order: sentence k retells note k")),
        close=(str, Field(max_length=SENTENCE_CHARS, description="The chapter's last sentence")),
    )


def redo_schema(count: int) -> type[BaseModel]:
    """Return the typed reply when some sentences are asked for again: exactly `count` sentences, in order."""
    return create_model(
        "Retold",
        sentences=(list[str], Field(min_length=count, max_length=count,
                                    description="One sentence per note, in order")),
    )


_AUXILIARY = frozenset("was were is are be been being".split())
_INFLECTIONS = ("ies", "ied", "s", "es", "d", "ed", "")  # a tense or number changed: "releases" and "released" say the same
_NEGATIONS = ("un", "in", "im", "non", "non-", "dis")
_FORM_ENDS = ("ing", "en", "ion", "ness", "ity", "ment", "ly")  # endings that make another part of speech of a word


def _other_form(a: str, b: str) -> bool:
    """Tell whether two different words are forms of one word other than its tense or number: one the other
    negated ("announced" and "unannounced"), or one the other with an ending that makes another part of speech
    ("forget" and "forgotten", "jailbreaks" and "jailbreaking")."""
    if a == b or min(len(a), len(b)) < 4:
        return False

    def bases(word: str) -> set[str]:
        return {word[: len(word) - len(end)] + ("y" if end in ("ies", "ied") else "") for end in _INFLECTIONS
                if word.endswith(end)}
    if bases(a) & bases(b):
        return False
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    if any(longer == prefix + shorter for prefix in _NEGATIONS):
        return True
    common = len(commonprefix([a, b]))
    return (common >= 4 and common >= 0.6 * len(shorter) and len(longer) - len(shorter) >= 2
            and longer.endswith(_FORM_ENDS))


def bent(sentence: str, note: str) -> bool:
    """Tell whether a retold sentence is its note with words bent out of shape: where it follows the note's
    wording, a word turned into another form of itself (see _other_form) or a lone "was" put before the note's
    own verb ("The excitement set off a gold rush" retold "The excitement was set off a gold rush"). A decoder
    kept from copying writes these, and they read as broken English or say the opposite."""
    mine, theirs = words_of(sentence), words_of(note)
    matcher = SequenceMatcher(None, theirs, mine, autojunk=False)
    if sum(block.size for block in matcher.get_matching_blocks()) < 0.5 * len(mine):
        return False  # told in words of its own
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and any(_other_form(x, y) for x in theirs[i1:i2] for y in mine[j1:j2]):
            return True
        if op == "insert" and 0 < i1 < len(theirs) and set(mine[j1:j2]) <= _AUXILIARY and theirs[i1 - 1] not in _AUXILIARY:
            return True
    return False


def clean_line(sentence: str) -> str:
    """Return a model's sentence on one line, ended with a full stop where it has no end mark
    (a trailing comma or dash, left where the model stopped, gives way to it); a subject the model put in
    brackets ("(OpenAI's researchers) used ...") loses them."""
    sentence = re.sub(r"^\(([^()]{3,60})\)\s+(?=[a-z])", r"\1 ", " ".join(sentence.split()).strip())
    if sentence and sentence[-1] not in ".!?…\"”'’":
        sentence = sentence.rstrip(" ,;:-–—") + "."
    return sentence


def cut_off(slot: str, following: str) -> bool:
    """Tell whether a slot ends where the model broke one sentence across two slots: on a comma, semicolon or
    colon, or with the next slot going on in lowercase ("... a gold rush around large language" then
    "companies and investors joining in,")."""
    end, start = slot.rstrip(), following.lstrip()
    return end.endswith((",", ";", ":")) or (bool(end) and end[-1] not in ".!?…\"”'’)" and start[:1].islower())


def slot_faults(slots: list[str], sources: list[str], before: list[str] = ()) -> list[list[tuple[str, list[Problem]]]]:
    """Return each slot's sentences with their problems, read in order after `before` (the earlier chapters'
    notes and the previous chapter's end), so a sentence that says again what an earlier one said counts as
    repeated. A slot holding more than three sentences is a list, not a sentence; one that echoes the request
    for a scene (SCENE_ASK) is the example echoed; one that ends mid-sentence (see cut_off) is a fragment."""
    before = [s for s in before if s.strip()]
    pieces = [split_sentences(clean_line(slot)) if slot.strip() else [] for slot in slots]
    flat = [sentence for piece in pieces for sentence in piece]
    rows = sentence_problems([(before + flat, False)], sources, avoid=(SCENE_ASK,))[0][len(before):]
    result, at = [], 0
    for k, piece in enumerate(pieces):
        found = rows[at: at + len(piece)]
        at += len(piece)
        if len(piece) > 3:
            found = [[*row, Problem("list", sentence)] for sentence, row in zip(piece, found)]
        if piece and cut_off(slots[k], slots[k + 1] if k + 1 < len(slots) else ""):
            found[-1] = [*found[-1], Problem("fragment", piece[-1])]
        result.append(list(zip(piece, found)))
    return result


def sentence_faults(slots: list[str], sources: list[str], before: list[str] = ()) -> list[list[Problem]]:
    """Return each slot's problems (those of all its sentences), for deciding which slots to ask for again."""
    return [[p for _, problems in slot for p in problems] for slot in slot_faults(slots, sources, before)]


def kept(slot: list[tuple[str, list[Problem]]]) -> str:
    """Return the sentences of a checked slot that may stand, joined."""
    return " ".join(sentence for sentence, problems in slot if usable(problems))


def usable(problems: list[Problem]) -> bool:
    """Tell whether a sentence with these problems may stand in the chapter."""
    return not any(p.kind in DROPPED for p in problems)


def compose(scene: str, told: list[str], close: str) -> str:
    """Join the scene, the retold facts and the closing line into two paragraphs (no markers: attribution
    ties each sentence to the passages it overlaps, since a model does not always keep the notes' order)."""
    body = [clean_line(text) for text in told if text.strip()]
    half = (len(body) + 1) // 2
    first = " ".join(x for x in [clean_line(scene), *body[:half]] if x)
    second = " ".join(x for x in [*body[half:], clean_line(close)] if x)
    return "\n\n".join(p for p in (first, second) if p)


def fallback_scene(opening: str) -> str:
    """Return the plan's opening moment as the chapter's first sentence when it reads as one, else nothing."""
    sentence = clean_line(opening)
    return sentence if sentence and not is_fragment(sentence) else ""


_DETERMINERS = frozenset("the a an its his her their our your my this that these those some many few several all both "
                         "each every no any two three four of for with".split())
_AUXILIARIES = frozenset("is are was were has have had will would could can did do does may might must".split())
_PRESENT_RE = re.compile(r"\b([a-z]{3,})(es|s)\b")
_PROGRESSIVE_RE = re.compile(r"\b(is|are)(\s+(?:\w+ly\s+)?[a-z]{2,}ing)\b")
_WAS = {"is": "was", "are": "were"}
_PERSONS = frozenset("he she they we".split())
# irregular pasts, used like the regular ones: only where a source uses the past form
_IRREGULAR = {"says": "said", "tells": "told", "thinks": "thought", "knows": "knew", "writes": "wrote", "sees": "saw",
              "makes": "made", "takes": "took", "gives": "gave", "finds": "found", "becomes": "became", "begins": "began",
              "brings": "brought", "builds": "built", "leads": "led", "holds": "held", "keeps": "kept", "leaves": "left",
              "means": "meant", "runs": "ran", "sells": "sold", "sends": "sent", "spends": "spent", "stands": "stood",
              "wins": "won", "grows": "grew", "goes": "went", "feels": "felt", "buys": "bought", "teaches": "taught",
              "seeks": "sought", "loses": "lost", "meets": "met", "pays": "paid", "rises": "rose", "speaks": "spoke"}


def past_tense(sentence: str, sources: list[str]) -> str:
    """Return the sentence with its present-tense verbs in the past tense the sources use ("OpenAI quietly
    releases ChatGPT" becomes "released" when a source says "released"). A word after a determiner ("the
    releases", "its signs") or before an auxiliary ("press releases were") is a noun and stays; so does a word
    whose past form no source uses. "is sitting" becomes "was sitting" outside quotes."""
    known = {w.lower() for text in sources for w in re.findall(r"[A-Za-z]+ed\b", text)}
    irregular = {w.lower() for text in sources for w in re.findall(r"[A-Za-z]+", text)} & set(_IRREGULAR.values())

    def swap(match: re.Match) -> str:
        stem, ending = match.group(1), match.group(2)
        before = sentence[: match.start()].split()
        after = sentence[match.end():].split()[:1]
        if (before and before[-1].lower().strip(",;:") in _DETERMINERS) or (after and after[0].lower() in _AUXILIARIES):
            return match.group(0)
        word = stem + ending
        if word in _IRREGULAR:  # only after a name or a person's pronoun: "a model says an image is a cat" is general
            doer = before[-1].strip(",;:\"“(") if before else ""
            return _IRREGULAR[word] if _IRREGULAR[word] in irregular and (doer[:1].isupper() or doer.lower() in _PERSONS) \
                else match.group(0)
        for past in (word[:-1] + "d", stem + "ed", stem + ending[:-1] + "ed", (stem[:-1] + "ied") if stem.endswith("i") else "",
                     stem + stem[-1] + "ed"):  # "admits" -> "admitted"
            if past and past in known:
                return past
        return match.group(0)

    # "Altman is sitting in a conference room" -> "was sitting" (outside quotes: a quote keeps its words)
    pieces = re.split(r"(\"[^\"]*\"|“[^”]*”)", _PRESENT_RE.sub(swap, sentence))
    return "".join(p if k % 2 else _PROGRESSIVE_RE.sub(lambda m: _WAS[m.group(1).lower()] + m.group(2), p)
                   for k, p in enumerate(pieces))
