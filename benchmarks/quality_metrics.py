"""Story-quality metrics, one plain function each: prose, copying, grounding, coverage (image prompts: prompt_metrics.py).

benchmarks/story_quality.py loads a run folder or a plain story file and applies these. Every rule is
deterministic and needs no model; each function's docstring states its rule. Text helpers come from
the project (sentence splitter, citation markers, content tokens, fact-check paragraphs); what the
project has no helper for (footnote markers, finite-verb test, n-grams) is here.
"""

from __future__ import annotations

import re

from agent.factcheck.claims import clean, cited_ids, paragraphs, units
from agent.factcheck.text import normalize, squash
from agent.story.chapters import CITATION_RE, split_sentences
from agent.story.references import tokens

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")
PLAIN_WORD_RE = re.compile(r"[a-z0-9]+")
NGRAM = 8

# ---- markdown ----------------------------------------------------------------------------------

FOOTNOTE_RE = re.compile(r"([.!?…][\"'”’)]*)?((?:\[\^[^\]\s]+\])+)(?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n[ \t]+\S.*)*)\n?", re.M)


def resolve_footnotes(markdown: str) -> str:
    """Replace markdown footnotes by the passage ids their definitions name, and drop the definitions.

    `Text.[^2]` or `Text[^2].` with `[^2]: ... [src.p4]` becomes `Text [src.p4].`, the way chapter files
    place inline ids (before the final punctuation); a footnote whose definition names no passage id
    (a source-level note) is removed. Inline passage ids are left as they are.
    """
    notes = {label: "".join(f"[{pid}]" for pid in CITATION_RE.findall(body))
             for label, body in FOOTNOTE_DEF_RE.findall(markdown)}

    def inline(match: re.Match) -> str:
        ids = "".join(notes.get(label, "") for label in re.findall(r"\[\^([^\]\s]+)\]", match.group(2)))
        return (f" {ids}" if ids else "") + (match.group(1) or "")

    return FOOTNOTE_RE.sub(inline, FOOTNOTE_DEF_RE.sub("", markdown))


def prose(markdown: str) -> list[str]:
    """Return a chapter's prose paragraphs (images, prompts, headings dropped), citation markers kept."""
    return paragraphs(resolve_footnotes(markdown))


def word_count(text: str) -> int:
    """Count the words of text without its markers ('GPT-3.5', "don't" and 'U.S' are one word each)."""
    return len(WORD_RE.findall(clean(resolve_footnotes(text))))


# ---- prose -------------------------------------------------------------------------------------

AUXILIARIES = frozenset(
    "am is are was were has had have do does did will would can could may might must shall should "
    "isn't aren't wasn't weren't hasn't hadn't haven't don't doesn't didn't won't wouldn't can't couldn't "
    "it's that's there's here's what's he's she's who's let's".split()
)
IRREGULAR_PAST = frozenset(
    "said made went came took saw knew got gave found thought told became began brought built bought felt "
    "held kept left led meant met paid put ran read sent set sat spoke spent stood taught understood won "
    "wrote grew drew threw rose fell broke chose drove ate flew forgot heard hid hit hurt lay lost let rang "
    "sang shook shot shut slept sold struck swore tore woke wore caught fought sought cost cut quit spread "
    "burst cast bore bent bet bit blew bound bred clung crept dealt dug fed fled forgave froze hung knelt "
    "laid lent lit mistook overcame overtook rode sank sought shone shrank slid slung spun sprang stole "
    "stuck stung strove swept swam swung undertook upheld withdrew withstood".split()
)
# Words ending in -ed that are not past forms.
NOT_PAST = frozenset("need speed seed feed indeed hundred bed red shed breed creed greed steed weed deed embed".split())
# After these a word ending in -s is a plural noun, not a verb ('the launches', 'of users').
BEFORE_NOUN = frozenset(
    "the a an its their his her our my your these those many some several few all both each every "
    "more most other such no any of in on at for with by from to into over under about between among through "
    "after before during without within across per than as and or new first last one two three four five six "
    "seven eight nine ten dozens hundreds thousands millions billions".split()
)
# A sentence ending on one of these stops mid-clause.
# adverbs that may stand between a helping verb and its verb: "does not actually [think]"
BETWEEN = frozenset("actually quite even ever always just still yet really truly fully entirely completely exactly necessarily "
                    "simply merely".split())
DANGLING = frozenset("the a an and or but nor because although though whereas unless than its their our your my whose such".split())
SUBJECT_PRONOUNS = frozenset("i we you they".split())
# Plural subjects without -s: the next word is their verb ('people integrate'); 'these'/'those' only opening a sentence.
PLURAL_SUBJECTS = frozenset("people men women children".split())
OPENING_SUBJECTS = PLURAL_SUBJECTS | {"these", "those"}
QUOTED_RE = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def has_finite_verb(words: list[str]) -> bool:
    """Tell whether words hold a finite verb, by a no-tagger heuristic that errs towards yes.

    A finite verb is an auxiliary or modal (also contracted), a common irregular past form, a word
    ending in -ed, a word ending in -s that does not follow a determiner, number or preposition, or
    any word after I/we/you/they, or after an opening plural subject ('Engineers work', 'These work',
    'People integrate'); adverbs in -ly between them are skipped ('Startups typically experience').
    """
    lower = [w.lower().replace("’", "'") for w in words]
    for i, word in enumerate(lower):
        prev = lower[i - 1] if i else ""
        if word in AUXILIARIES or word in IRREGULAR_PAST or word.endswith(("n't", "'re", "'ve", "'ll", "'d", "'m")):
            return True
        if len(word) >= 4 and word.endswith("ed") and word not in NOT_PAST:
            return True
        subject = next((j for j in range(i - 1, -1, -1) if not lower[j].endswith("ly")), None)
        opening = subject == 0 and (lower[0] in OPENING_SUBJECTS or (lower[0].endswith("s") and not lower[0].endswith("ss")))
        after_subject = subject is not None and (lower[subject] in SUBJECT_PRONOUNS | PLURAL_SUBJECTS or opening)
        if after_subject and word.isalpha() and word not in BEFORE_NOUN and not word.endswith("ly"):
            return True
        verb_s = len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics", "'s"))
        if i and verb_s and prev not in BEFORE_NOUN and not prev.isdigit():
            return True
    return False


def fragment(sentence: str) -> str | None:
    """Return why a sentence is a fragment, or None when it reads as a whole sentence.

    - "lone citation": only citation markers, no words;
    - "ends mid-clause": no final . ! ? or …, or a last word that cannot end a clause (the, and, of ...);
    - "no verb after its helping verb": "The system does not actually.";
    - "no finite verb" (see has_finite_verb), e.g. "The ChatGPT launch [x.p3]."; a sentence that is all
      quotation (dialogue) is exempt from these two.
    """
    text = clean(resolve_footnotes(sentence))
    words = WORD_RE.findall(text)
    if not words:
        return "lone citation" if cited_ids(sentence) or FOOTNOTE_RE.search(sentence) else None
    end = text.rstrip(" \"'”’)]*_")
    if not end or end[-1] not in ".!?…" or words[-1].lower() in DANGLING:
        return "ends mid-clause"
    if not QUOTED_RE.sub("", text).strip(" .,;:!?…—–-"):
        return None
    lower = [w.lower() for w in words]
    last = next((i for i in range(len(lower) - 1, -1, -1) if lower[i] not in BETWEEN), -1)
    if 0 <= last < len(lower) - 1 and (lower[last] == "not" or lower[last].endswith("n't") or lower[last] in AUXILIARIES):
        return "no verb after its helping verb"
    return None if has_finite_verb(words) else "no finite verb"


def sentences_of(markdown: str) -> list[str]:
    """Return a chapter's sentences (markers kept) by the project's own splitter."""
    return [s for para in prose(markdown) for s in split_sentences(para)]


def unclosed_quotes(paragraph: str) -> int:
    """Count quotations a paragraph leaves open: an odd number of straight double quotes counts one,
    and each unmatched curly “ or ” counts one (a quote may span sentences, not paragraphs)."""
    return paragraph.count('"') % 2 + abs(paragraph.count("“") - paragraph.count("”"))


# ---- copying -----------------------------------------------------------------------------------


def plain_words(text: str) -> list[str]:
    """Return text as lowercase words with punctuation dropped (curly quotes and dashes normalized first)."""
    return PLAIN_WORD_RE.findall(normalize(text).lower())


def ngrams(words: list[str], n: int = NGRAM) -> list[tuple[str, ...]]:
    """Return the word n-grams of a list of words, in order."""
    return [tuple(words[i: i + n]) for i in range(len(words) - n + 1)]


def reference_ngrams(texts: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    """Return every word n-gram of the reference texts."""
    return {gram for text in texts for gram in ngrams(plain_words(text), n)}


def copied_ngrams(paragraphs_: list[str], references: set[tuple[str, ...]], n: int = NGRAM) -> tuple[int, int]:
    """Return (copied, total): the story's word n-grams outside quotation marks, and how many are in the references.

    Quoted spans ("..." or “...”) are cut out and n-grams never run across a cut, so exact quotes
    are not counted as copying; markers are removed first.
    """
    copied = total = 0
    for para in paragraphs_:
        for part in QUOTED_RE.split(clean(para)):
            grams = ngrams(plain_words(part), n)
            total += len(grams)
            copied += sum(gram in references for gram in grams)
    return copied, total


# ---- grounding and coverage --------------------------------------------------------------------


def sentence_verdicts(checks: list[dict]) -> dict[tuple[int, str], bool]:
    """Return, per (chapter, sentence) of fact_check.json, whether all of the sentence's claims are supported."""
    verdicts: dict[tuple[int, str], bool] = {}
    for chapter in checks:
        for claim in chapter.get("claims") or []:
            key = (chapter["chapter"], claim["sentence"])
            verdicts[key] = verdicts.get(key, True) and claim.get("verdict") == "supported"
    return verdicts


def unchecked(checks: list[dict], texts: dict[int, str]) -> tuple[list[str], list[str]]:
    """Return the chapter sentences the fact-check left out: (factual sentences with no verdict,
    [dramatized] sentences not listed as dramatized in fact_check.json).

    A sentence without the marker that fact_check.json lists as dramatized counts as labeled: story.md
    drops the markers from its prose, and fact_check.json keeps the label.
    """
    verdicts = sentence_verdicts(checks)
    labeled = {(c["chapter"], s) for c in checks for s in c.get("dramatized") or []}
    missing, unlabeled = [], []
    for number, text in texts.items():
        for unit in units(resolve_footnotes(text)):
            key = (number, unit.text)
            if unit.dramatized and key not in labeled:
                unlabeled.append(unit.text)
            elif not unit.dramatized and key not in verdicts and key not in labeled:
                missing.append(unit.text)
    return missing, unlabeled


def used_passages(texts: dict[int, str], checks: list[dict] | None) -> dict[int, set[str]]:
    """Return the passage ids each chapter uses: its citation markers, and the best (first) evidence
    passage of each of its supported claims in fact_check.json."""
    used = {n: set(cited_ids(resolve_footnotes(t))) for n, t in texts.items()}
    for chapter in checks or []:
        for claim in chapter.get("claims") or []:
            if claim.get("verdict") == "supported" and claim.get("evidence"):
                used.setdefault(chapter["chapter"], set()).add(claim["evidence"][0]["passage_id"])
    return used


def lead_facts(text: str) -> list[str]:
    """Return the facts of a lead or summary: its sentences with at least 4 content words."""
    return [s for para in re.split(r"\n\s*\n", text) for s in split_sentences(" ".join(para.split()))
            if len(tokens(s)) >= 4]


def tells(fact: str, story_sentences: list[str], quotes: list[str], share: float = 0.5) -> bool:
    """Tell whether the story tells a fact: one story sentence holds >= `share` of the fact's content
    words, or the fact-check cited it (a supported claim's evidence quote holds the fact, or lies in it)."""
    words = set(tokens(fact))
    if any(len(words & set(tokens(s))) >= share * len(words) for s in story_sentences):
        return True
    plain = squash(fact).rstrip(".")
    return any(plain in squash(q) or (len(q) > 20 and squash(q).rstrip(".") in plain) for q in quotes)


# ---- story order ---------------------------------------------------------------------------------

TIME_SLACK = 1 / 12  # a step back of at most a month still reads as the same moment


def time_steps(sentences: list[str], reference_texts: list[str]) -> tuple[int, int]:
    """Return (steps forward, steps) between consecutive dated sentences of the story in reading order.

    A sentence's time is agent.story.timeline.sentence_time (its dates, or a span from the central event: the
    month the references name most); a step forward goes no more than TIME_SLACK back in time."""
    from agent.story.timeline import central_time, sentence_time

    centre = central_time(reference_texts)
    times = [t for s in sentences if (t := sentence_time(clean(s), centre)) is not None]
    steps = list(zip(times, times[1:]))
    return sum(b >= a - TIME_SLACK for a, b in steps), len(steps)


def _stems(sentence: str) -> set[str]:
    return {t[:5] for t in tokens(sentence) if not t.isdigit()}


def retold(chapters: list[list[str]], share: float = 0.75) -> list[str]:
    """Return the sentences that tell again what an earlier sentence of the story told: `share` of the shorter
    one's content stems (first five letters, numbers aside) recur in the other, or both name the same month and
    share two words (agent.story.timeline.same_event)."""
    from agent.story.timeline import same_event

    found, earlier = [], []
    for sentences in chapters:
        for sentence in (clean(s) for s in sentences):
            mine = _stems(sentence)
            if any(same_event(sentence, e) or (mine and (theirs := _stems(e)) and
                                                  len(mine & theirs) >= share * min(len(mine), len(theirs)))
                   for e in earlier):
                found.append(sentence)
            earlier.append(sentence)
    return found
