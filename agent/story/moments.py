"""What a chapter tells, as the outline can know it: the facts its writer will retell, the moment it opens on,
and whether a title names this chapter rather than a neighbour.

A planner's opening is a claim like any other: a small model writes "X is interviewed by Y" where the sources
say nothing of the kind, or opens chapter 3 on the launch that chapter 2 tells. An opening stands only when the
chapter's own passages support it and no earlier chapter tells it; otherwise the chapter opens on the first of
its own facts that says when it happens and who acts.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from agent.factcheck.checker import check_text
from agent.state import ChapterPlan, Sentence
from agent.story.chapters import with_markers
from agent.story.prose import is_meta, readable, says_the_same, standalone
from agent.story.references import Library
from agent.story.retelling import Fact, choose_facts, fact_count, wanted
from agent.story.timeline import Clock, named_times, same_event
from agent.text import split_sentences, tokens

_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’.-]+")
_SKIP = frozenset("The A An In On At By After Before When While During For From This That Its It His Her Their Our".split())


def chapter_facts(plan: ChapterPlan, library: Library, clock: Clock, words: int, told: list[str] = ()) -> list[Fact]:
    """Return the facts a retelling of the chapter would tell, in time order (see retelling.choose_facts)."""
    passages = [p for p in map(library.get, plan.passage_ids) if p is not None]
    return choose_facts(wanted(plan), passages, fact_count(words), told, clock)


def names_someone(sentence: str) -> bool:
    """Tell whether a sentence names a person, group or thing by a proper name (a capitalised word past its first,
    or a first word that is no function word)."""
    first = sentence.split()[0] if sentence.split() else ""
    return bool(_NAME_RE.search(sentence)) or (first[:1].isupper() and first not in _SKIP)


# where a sentence's main clause ends: before an appended phrase (", a search chatbot that ...", ", working on ...",
# ", even though ...", ", which ...")
_TAIL_RE = re.compile(r",\s+(?=(?:a|an|the|which|who|whose|where|when|while|even|though|although|as|but|and|with|"
                      r"making|leaving|working|using|saying|becoming|[a-z]+ing)\b)")


def main_clause(sentence: str) -> str:
    """Return a sentence up to the end of its main clause ("In January 2023 Microsoft unveiled Bing Chat" of
    "..., a search chatbot that many assumed was ..."), when that leaves four words or more."""
    match = _TAIL_RE.search(sentence)
    head = sentence[: match.start()].strip() + "." if match else sentence
    return head if len(head.split()) >= 4 else sentence


def moment(facts: list[Fact]) -> str:
    """Return the moment a chapter opens on: the main clause (see main_clause: the scene retells it, and a whole
    source sentence comes back copied) of the first of its facts that names a time and someone, else of the
    first that names someone, else of the first; "" when it has none."""
    usable = [f.text for f in facts if readable(f.text) and standalone(f.text) and not is_meta(f.text)]
    for good in (lambda s: bool(named_times(s)) and names_someone(s), names_someone, lambda s: True):
        found = next((s for s in usable if good(s)), "")
        if found:
            return main_clause(found)
    return ""


def supported(text: str, library: Library, checker=None, passage_ids: list[str] | None = None) -> bool:
    """Tell whether the references support every claim of `text` (the fact-check, with its model when one is
    given); with `passage_ids`, those passages alone."""
    if not text.strip() or passage_ids == []:
        return False
    if passage_ids is None:
        checks = check_text(text, library, checker)
    else:
        cited = " ".join(with_markers(Sentence(text=s, citations=list(passage_ids))) for s in split_sentences(" ".join(text.split())))
        checks = check_text(cited, library, checker, cited_only=True)
    return bool(checks) and all(check.verdict == "supported" for check in checks)


def retold_before(text: str, told: list[str]) -> bool:
    """Tell whether an earlier chapter tells this already: the same event, or much the same words."""
    return any(same_event(text, other) or says_the_same(text, other) for other in told)


def ground_openings(plans: list[ChapterPlan], library: Library, words: int, checker=None,
                    clock: Clock | None = None) -> list[ChapterPlan]:
    """Keep each planned opening its chapter's passages support and no earlier chapter tells; replace the others
    with the chapter's moment (see `moment`). The visual follows an opening that was replaced."""
    clock = clock or Clock(library)
    told: list[str] = []
    result = []
    for plan in plans:
        facts = chapter_facts(plan, library, clock, words, told)
        opening = plan.opening
        if not (supported(opening, library, checker, plan.passage_ids) and not retold_before(opening, told)):
            opening = moment(facts) or opening
        update = {"opening": opening}
        if opening != plan.opening and plan.visual in ("", plan.opening):
            update["visual"] = opening
        plan = plan.model_copy(update=update)
        result.append(plan)
        told += [f.text for f in chapter_facts(plan, library, clock, words, [*told, opening])] + [opening]
    return result


def told_lines(plans: list[ChapterPlan], library: Library, words: int, clock: Clock | None = None) -> list[list[str]]:
    """Return, per chapter, what it tells: its opening, then the facts its writer will retell."""
    clock = clock or Clock(library)
    told: list[str] = []
    lines = []
    for plan in plans:
        facts = [f.text for f in chapter_facts(plan, library, clock, words, [*told, plan.opening])]
        lines.append([line for line in [plan.opening, *facts] if line])
        told += [*facts, plan.opening]
    return lines


def passage_idf(library: Library) -> dict[str, float]:
    """Return each word's inverse document frequency over the library's passages."""
    df = Counter(t for p in library.passages for t in set(tokens(p.text)))
    total = max(len(library.passages), 1)
    return {t: math.log(1 + total / n) for t, n in df.items()}


class TitleFit:
    """How much of a title a chapter's text tells: the idf-weighted share of the title's words it contains."""

    def __init__(self, library: Library):
        self.idf = passage_idf(library)

    def __call__(self, title: str, text: str) -> float:
        words = {t for t in tokens(title) if len(t) > 1 or t.isdigit()}
        weight = sum(self.idf.get(t, 1.0) for t in words)
        present = words & set(tokens(text))
        return sum(self.idf.get(t, 1.0) for t in present) / weight if weight else 0.0


def misplaced_titles(titles: list[str], texts: list[str], library: Library) -> list[int]:
    """Return the chapters whose title names what another chapter tells better than what they tell themselves
    ("The Launch" over a chapter of what came after, when the chapter before tells the launch)."""
    fit = TitleFit(library)
    return [n for n, title in enumerate(titles) if not fits_best(fit, title, texts, n)]


def fits_best(fit: TitleFit, title: str, texts: list[str], n: int) -> bool:
    """Tell whether no other chapter's text tells more of a title than chapter n's own."""
    own = fit(title, texts[n])
    return all(fit(title, other) <= own for m, other in enumerate(texts) if m != n)
