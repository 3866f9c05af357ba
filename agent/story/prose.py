"""Check a writer's raw prose as a reader would, and repair what can be repaired by leaving sentences out.

Problems: a sentence fragment, an unclosed quote, a repeated sentence, talk about the sources ("as named
in the passage"), a source's first-person voice outside quotation marks, a list pasted as prose, a quote
the sources do not contain, a run of words copied from a source, a length far from the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.factcheck.text import stems
from agent.story.timeline import same_event
from agent.text import split_sentences

COPY_RUN = 8
REPEAT_MIN_WORDS, REPEAT_SHARE = 6, 0.85  # a sentence whose words are nearly all in an earlier one repeats it
# ... and so does one that shares this many content words (stemmed), half of its own or the other's: a
# paraphrase of an earlier sentence ("announced an alliance with Bain ... marketing campaigns for its clients").
SAME_FACT_STEMS, SAME_FACT_SHARE = 5, 0.5
# a short sentence most of whose content stems an earlier one has ("OpenAI quietly launched ChatGPT") adds nothing
SHORT_REPEAT_STEMS, SHORT_REPEAT_SHARE = 3, 0.75
_MARKER_RE = re.compile(r"\[[^\]]*\]")
EXAMPLE_RUN = 5
LENGTH_RANGE = (0.6, 1.4)
REPAIRABLE = {"fragment", "doubled", "cliche", "unclosed quote", "repeated", "meta", "first person", "invented quote", "list", "example"}

_QUOTE_CHARS = "\"“”"
_QUOTED_RE = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_LIST_LINE_RE = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+")
_VERB_RE = re.compile(
    r"\b(?:is|was|were|are|be|been|being|had|has|have|did|does|do|would|could|will|can|may|might|must|should|"
    r"said|says|went|came|made|took|gave|got|began|knew|saw|thought|told|became|left|felt|found|brought|ran|sat|"
    r"stood|held|kept|wrote|built|grew|won|lost|met|paid|sent|spent|meant|put|set|let|read|hit|cut|rose|fell|"
    r"[a-z]{2,}ed|[a-z]{3,}s)\b",
    re.IGNORECASE,
)
_META_RE = re.compile(
    r"\b(?:the|this|these|those|that) (?:passages?|excerpts?|articles?|notes|text|sources?|chapter)\b"
    r"|\bas (?:they were |he was |she was |it was |it is |is |was )?(?:named|mentioned|described|stated|noted|written|given) in\b"
    r"|\b(?:the|this) (?:opening|closing|first|last|final) (?:scene|sentence|line|paragraph)\b"
    r"|\b(?:this|our) story\b|\bthe story (?:\w+ )?(?:is|was|ends|begins|tells|continues|shows|moves|turns)\b"
    r"|\bpassage id\b|\b(?:the next|the last|the previous) chapter\b|^chapter \d+\b"
    # the reporting of a source, not its events: "For the piece, she interviewed ..."
    r"|\b(?:for|in) (?:the|this) (?:piece|article|report|feature|profile)\b(?! of\b)"
    # a source's words about itself: "Altman wrote the essay a month after ..." names no essay a reader knows
    r"|\b(?:the|this) (?:essay|blog post|transcript)\b(?! (?:of|on|about|titled|called)\b)",
    re.IGNORECASE,
)
# Words about the writing rather than the events: in a sentence they make it talk about the story.
WRITING_WORDS = frozenset("story stories scene scenes chapter chapters piece passage passages excerpt notes sentence "
                          "sentences paragraph paragraphs titled narrative narrator reader readers article articles explainer "
                          "subtitle".split())
NO_END = frozenset("the a an and or but nor that which whose of".split())  # words no sentence ends on
# "The system does not actually.": a helping verb or "not", an adverb after them, and no verb to help ("until it
# suddenly was not." leaves out a verb English may leave out)
_NO_VERB_END_RE = re.compile(r"\b(?:(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|may|might|must)"
                             r"(?:\s+not)?|not|n't)(?:\s+(?:actually|quite|even|ever|always|just|still|yet|really|truly|fully|entirely|"
                             r"completely|exactly|necessarily|simply|merely))+[.!?…]$", re.IGNORECASE)
_FIRST_PERSON_RE = re.compile(r"\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Oo]ur|[Oo]urs|us)\b")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft, in words the writer can act on."""

    kind: str
    sentence: str = ""

    def describe(self) -> str:
        """Return the problem as one line for the writer's next attempt."""
        where = f': "{self.sentence[:120]}"' if self.sentence else ""
        return {
            "fragment": "a sentence is not complete",
            "cliche": "a sentence sums up with a stock phrase (a turning point, a new era, a milestone); tell a concrete fact of the notes instead",
            "doubled": "a word is said twice in a row ('strong belief and belief', 'the the'); say it once",
            "unclosed quote": "a quotation mark is opened and never closed",
            "repeated": "a sentence says again what an earlier one said",
            "meta": "a sentence talks about the passages or the chapter instead of telling the story",
            "first person": "a sentence speaks as 'I', 'we' or 'you' without quotation marks; write about the person in the third person",
            "invented quote": "a quote is not in the notes; quote only words the notes give",
            "list": "a list is pasted into the prose; tell it in sentences",
            "copied": "a sentence copies the notes word for word; say it in your own words",
            "bent": "a word of the note was turned into another form of itself ('forget' into 'forgotten', "
                    "'unannounced' into 'announced'), which breaks the sentence or its meaning; retell the note in new words",
            "unsupported": "a sentence says what its note does not; tell only the note's facts",
            "example": "a sentence copies the example shape word for word; fill it with this chapter's facts",
            "too short": "the chapter is too short",
            "too long": "the chapter is too long",
        }[self.kind] + where


def words_of(text: str) -> list[str]:
    """Return text's lowercase words (letters, digits, apostrophes)."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def _runs(text: str, size: int = COPY_RUN) -> set[tuple[str, ...]]:
    found = words_of(text)
    return {tuple(found[i: i + size]) for i in range(len(found) - size + 1)}


def outside_quotes(sentence: str) -> str:
    return _QUOTED_RE.sub(" ", sentence)


def is_fragment(sentence: str) -> bool:
    """Tell whether a sentence is incomplete: too short, no verb, no end mark, or a helping verb left without
    the verb it helps ("The system does not actually.")."""
    plain = re.sub(r"\s*\[[^\]]*\]", "", sentence).strip()
    bare = plain.rstrip(_QUOTE_CHARS + "'’)]").rstrip()
    if len(plain.split()) < 4 or not bare or bare[-1] not in ".!?…" or plain[0].islower():
        return True
    if re.search(r"\s[\"'“‘]\W*$", plain):  # ends on an opening quotation mark: the quote was never written
        return True
    if re.sub(r"[^a-z]", "", bare.split()[-1].lower()) in NO_END:  # "... and most of those who did thought that."
        return True
    if _NO_VERB_END_RE.search(outside_quotes(bare)):
        return True
    return not _VERB_RE.search(outside_quotes(plain)) and not _VERB_RE.search(plain)


# "conviction and conviction", "the the"; not "more and more", "again and again", "bigger and bigger", "had had"
_DOUBLED_RE = re.compile(r"\b([a-z]+)(?:\s+(?:and|or))?\s+\1\b", re.IGNORECASE)
_MAY_DOUBLE = frozenset("more less again over on round around through back forth out up down by ever time day days "
                        "week weeks month months year years side step inch mile little bit that had is far".split())


# stock phrases that sum up instead of telling (each a regex over lowercase words)
_CLICHES = ("turning point", "milestone", "new era", "new chapter", "revolutioni[sz]\\w*", "groundbreaking",
            "game[- ]?changer", "paved? the way", "paving the way", "ushered in", "changed the world", "testament to",
            "landmark moment", "watershed", "pivotal moment", "never been seen before", "took the world by storm",
            "the beginning of a new", "the rest is history", "cutting[- ]edge")
_CLICHE_RE = re.compile(r"\b(?:" + "|".join(_CLICHES) + r")\b", re.IGNORECASE)


def stock_phrases(sentence: str, source_text: str) -> list[str]:
    """Return the stock phrases a sentence sums up with ("marked a turning point", "a new era") that its sources
    do not use themselves (a source's own "turning point" is a fact of it)."""
    said = {m.group(0).lower() for m in _CLICHE_RE.finditer(source_text)}
    return [m.group(0) for m in _CLICHE_RE.finditer(outside_quotes(sentence)) if m.group(0).lower() not in said]


def is_doubled(sentence: str) -> bool:
    """Tell whether a sentence says a word twice in a row, alone or joined by and/or, where English does not."""
    return any(m.group(1).lower() not in _MAY_DOUBLE and not m.group(1).lower().endswith("er")
               for m in _DOUBLED_RE.finditer(outside_quotes(sentence)))


def talks_about_writing(sentence: str, source_words: str) -> bool:
    """Tell whether a sentence uses a word about the writing itself ('scene', 'the piece', 'titled') that its
    sources never use: a story tells events, and a source that uses the word (a news story) makes it a fact."""
    found = set(words_of(outside_quotes(re.sub(r"\[[^\]]*\]", " ", sentence)))) & WRITING_WORDS
    return bool(found - set(source_words.split()))


def is_meta(text: str) -> bool:
    """Tell whether text talks about the sources or the story ('the article says', 'as named in the passage')."""
    return bool(_META_RE.search(text))


_SPEAKER_RE = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}:\s")  # "John Schulman: ..." in a transcript
_VOICE_RE = re.compile(r"\b(?:you|your|yours|let['’]s)\b", re.IGNORECASE)


def narratable(sentence: str) -> bool:
    """Tell whether a source sentence states a fact in the third person, as a story can retell it: not a
    speaker's line in a transcript, not the writer's or a speaker's own voice ('I', 'we', 'you', 'let's')
    outside quotation marks, not a question."""
    plain = outside_quotes(" ".join(sentence.split()))
    return not (_SPEAKER_RE.match(sentence.strip()) or _FIRST_PERSON_RE.search(plain) or _VOICE_RE.search(plain)
                or plain.rstrip().endswith("?"))


def catalog(sentence: str) -> bool:
    """Tell whether a source sentence is a list written as one sentence, items set off by semicolons ("The leading
    tools were A, free and open; B, a paid service; C, ...; and D."): reference matter, not a fact to tell."""
    return outside_quotes(sentence).count(";") >= 2


_LEANING_RE = re.compile(r"^[\"“'‘(]?(?:(?:this|that|these|those|it|its|they|their|he|his|she|her|such)(?:['’]s)?\b(?!\s*[,-])"
                         # a count standing for things named before: "Many were jailbreaks", "Some of them failed"
                         r"|(?:many|some|most|several|both|all|few|others|none|each)\s+(?:of\s+(?:them|these|those|it)\b"
                         r"|(?:were|was|are|is|had|have|did|could|would|came|went)\b))",
                         re.IGNORECASE)


def standalone(sentence: str) -> bool:
    """Tell whether a source sentence says who or what it is about: one that opens on "This", "It", "He" or
    "That's when" leans on the sentence before it, and a note retold without that sentence names no one."""
    return not _LEANING_RE.match(sentence.strip())


def readable(sentence: str) -> bool:
    """Tell whether a source sentence is prose a writer can use, not a page header, slug or title run."""
    words = sentence.split()
    if len(words) < 5 or any(len(w) > 30 for w in words):
        return False
    head = [w for w in words[:10] if w[:1].isalpha()]
    capitals = sum(1 for w in head if w[0].isupper())
    return capitals <= 0.6 * len(head)


def says_the_same(a: str, b: str) -> bool:
    """Tell whether two sentences say the same: alike words, or the shorter one's words almost all in the other."""
    wa, wb = set(words_of(a)), set(words_of(b))
    if not (wa and wb):
        return False
    shorter = min(len(wa), len(wb))
    if len(wa & wb) / len(wa | wb) >= 0.8 or (shorter >= REPEAT_MIN_WORDS and len(wa & wb) >= REPEAT_SHARE * shorter):
        return True
    sa, sb = (set(stems(_MARKER_RE.sub(" ", x))) for x in (a, b))  # passage ids are no content
    shared = len(sa & sb)
    shorter = min(len(sa), len(sb))
    return ((shared >= SAME_FACT_STEMS and shared >= SAME_FACT_SHARE * shorter)
            or (shorter >= SHORT_REPEAT_STEMS and shared >= SHORT_REPEAT_SHARE * shorter))


def _paragraph_sentences(text: str) -> list[tuple[list[str], bool]]:
    """Split text into paragraphs of sentences; flag paragraphs that are list items."""
    found = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_LIST_LINE_RE.match(line) for line in lines) or (len(lines) > 1 and sum(bool(_LIST_LINE_RE.match(li)) for li in lines) > 1):
            found.append(([_LIST_LINE_RE.sub("", li).strip() for li in lines], True))
        else:
            found.append((split_sentences(" ".join(line.strip() for line in lines)), False))
    return found


def sentence_problems(paragraphs: list[tuple[list[str], bool]], sources: list[str], avoid: tuple[str, ...] = ()) -> list[list[list[Problem]]]:
    """Return, per paragraph and sentence, the problems of that sentence (`avoid`: texts it must not echo at all)."""
    runs = set().union(*(_runs(s) for s in sources)) if sources else set()
    echoes = set().union(*(_runs(a, EXAMPLE_RUN) for a in avoid)) if avoid else set()
    source_words = " ".join(" ".join(words_of(s)) for s in sources)
    source_text = " ".join(" ".join(s.split()) for s in sources)
    earlier: list[str] = []
    result = []
    for sentences, is_list in paragraphs:
        rows, open_at = [], None
        for i, sentence in enumerate(sentences):
            found: list[Problem] = []
            if is_list:
                found.append(Problem("list", sentence))
            if is_fragment(sentence):
                found.append(Problem("fragment", sentence))
            elif is_doubled(sentence):
                found.append(Problem("doubled", sentence))
            if stock_phrases(sentence, source_text):
                found.append(Problem("cliche", sentence))
            if any(says_the_same(sentence, e) or same_event(sentence, e) for e in earlier):
                found.append(Problem("repeated", sentence))
            if _META_RE.search(sentence) or talks_about_writing(sentence, source_words):
                found.append(Problem("meta", sentence))
            outside = outside_quotes(sentence)
            if _FIRST_PERSON_RE.search(outside) or _VOICE_RE.search(outside) or _SPEAKER_RE.match(sentence):
                found.append(Problem("first person", sentence))
            for quote in _QUOTED_RE.findall(sentence):
                if len(words_of(quote)) >= 4 and " ".join(words_of(quote)) not in source_words:
                    found.append(Problem("invented quote", sentence))
            if _runs(outside_quotes(sentence)) & runs:
                found.append(Problem("copied", sentence))
            if _runs(sentence, EXAMPLE_RUN) & echoes:
                found.append(Problem("example", sentence))
            if (sentence.count('"') + sentence.count("“") + sentence.count("”")) % 2:
                open_at = i if open_at is None else None
            earlier.append(sentence)
            rows.append(found)
        if open_at is not None:
            for i in range(open_at, len(sentences)):
                rows[i].append(Problem("unclosed quote", sentences[open_at]))
        result.append(rows)
    return result


def problems(text: str, sources: list[str], target_words: int = 0, avoid: tuple[str, ...] = ()) -> list[Problem]:
    """Return every problem of a raw draft, in reading order (the length last)."""
    paragraphs = _paragraph_sentences(text)
    found = list(dict.fromkeys(p for rows in sentence_problems(paragraphs, sources, avoid) for row in rows for p in row))
    if target_words:
        count = len(text.split())
        if count < LENGTH_RANGE[0] * target_words:
            found.append(Problem("too short"))
        elif count > LENGTH_RANGE[1] * target_words:
            found.append(Problem("too long"))
    return found


def repair(text: str, sources: list[str], avoid: tuple[str, ...] = ()) -> str:
    """Leave out the sentences whose problems cannot stay (fragments, repeats, unclosed or invented quotes, ...)."""
    paragraphs = _paragraph_sentences(text)
    kept = []
    for (sentences, _), rows in zip(paragraphs, sentence_problems(paragraphs, sources, avoid)):
        good = [s for s, row in zip(sentences, rows) if not any(p.kind in REPAIRABLE for p in row)]
        if good:
            kept.append(" ".join(good))
    return "\n\n".join(kept)
