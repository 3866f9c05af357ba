"""Combine the checks: evidence, no-model rules, then the model on the unclear middle only.

A sentence is split into atomic claims (agent.factcheck.atoms, or a typed call for API models); each
atom gets its own evidence, possibly two spans from two places, and its own verdict; the sentence's
verdict comes from its atoms' (agent.factcheck.sentences).

Policy for one atom, in order (thresholds come from benchmarks/tune.py on the dev splits):
1. A direct quote found verbatim in no source makes the claim unsupported.
2. A number (a time of day such as 5:52 is one), date or ordinal missing from its top evidence passages
   makes it unsupported, or
   contradicted when the best span covers the claim and states another value there; an ordinal is
   contradicted too when the span that covers the claim well gives another one, even if the claim's
   ordinal stands elsewhere in the passage about something else ("the third lap" against "finished fourth").
3. A role, a place, an act (active or passive, or with doer and recipient traded, or done to another
   name), a predicate (said of another subject), two words traded in a frame the evidence states word for word ("first by
   a chain and later by a rope" for "first by a rope and later by a chain") or an order (in words or by the evidence's
   dates) the evidence binds differently
   (agent.factcheck.relations) makes it contradicted, and so does a sentence of the evidence that says the
   claim's words of another name in a coordinated part of its own ("A with x, and B with y"), and so does an
   interval counted from another event of the same thing ("a month after its release" for "a month after its
   second birthday"), and an interval the dates of its two events do not allow ("two days after the long
   jump" where the evidence dates the two a day apart), and a length of time the evidence gives otherwise in the claim's own
   words around it ("put off by a week" for "put off by two days"), and a measure given to the other attribute the evidence names beside it ("45 feet
   thick at its base" for "660 feet thick at its base and 45 feet thick at the top"), and a role given with
   another proper adjective ("a Danish chemist" for "the Swedish chemist"), and another name or another word of
   one kind in the evidence's own words around it ("Osendarp of Germany" for "Osendarp of the Netherlands"); a name missing from
   the evidence, a reason ("because", "since", ", so") that no evidence sentence telling of both facts gives (or gives the other way
   round: "because A, B" for "B, so A"), a name put in a group
   the evidence does not put it in ("companies like X" where X is only someone's client), an item added to a list
   the evidence gives without it ("seals, penguins and fish" for "seals and penguins"; for an atom split from a list,
   the list of its sentence, for the items the atom names), or scene business
   it does not report (a gesture, a deep breath, someone "in attendance"), or a feeling, a foreknowledge, a
   lasting effect or a sense at work no evidence sentence naming the subject states ("the excitement was
   palpable", "knew they would face challenges") makes it unsupported. So does a time told from another event
   ("the very next day", "a few months later") where the evidence words the gap otherwise, a span in words ("barely
   a week after setting out", "within a year") that neither the evidence's words nor the references' dates bear
   out, and a ratio in words ("twice as much") it does not give; an act it gives to someone of the claim's subject ("Vos's daughter opened it" for "Vos
   opened it"), and a place in a race the sentence naming the runner gives otherwise, make it contradicted. A long atom's core (without its opening
   phrase, an aside, a "while" clause or a reporting frame) is checked too: a rule that finds the core false decides.
4. A claim whose words are almost all in its evidence (coverage >= SUPPORT_COVERAGE) is supported; one
   with little (coverage < REJECT_COVERAGE) is unsupported.
5. An atom a rule flagged is judged once more without the phrase that made the rule flag it (a rest is tried only
   when that rule, against the same evidence, no longer flags it: agent.factcheck.narrow); a rest the evidence
   supports is reported as an atom of its own, beside the flagged one, which keeps its verdict.
6. The rest goes to the model in batches (mode "combined"), and so does a claim step 4 passed on coverage alone
   below TRUST_COVERAGE (a swapped role or order keeps most of the evidence's words): a model that rates replies
   finds it supported when its reading reaches LIKELIHOOD_THRESHOLD and the evidence covers MODEL_MIN_COVERAGE of
   it, unsupported otherwise; without a model, coverage >= FALLBACK_COVERAGE decides (and step 4's pass stands).
   Mode "llm" sends every claim to the model, for comparison.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable

from agent.factcheck import claims as claim_split
from agent.factcheck.citations import Query, citation_report
from agent.factcheck.atoms import cores
from agent.factcheck.decompose import split_atoms
from agent.factcheck.entities import entity_signal
from agent.factcheck.narrow import remainders
from agent.factcheck.evidence import Index, Span
from agent.factcheck.quantities import (date_signal, duration_signal, number_signal, ordinal_signal, place_signal, ratio_signal,
                                        timing_signal)
from agent.factcheck.relations import (agent_signal, anchor_signal, dated_act_signal, intent_signal, last_word_signal, binding_signal, colocation_signal, cause_signal, date_order_signal, exchange_signal,
                                       interval_signal, interval_support, kind_signal, list_signal, measure_signal, member_signal,
                                       object_signal, order_signal, passive_signal, possessor_signal, predicate_signal, role_signal,
                                       scene_signal, site_signal, span_signal, state_signal, substitution_signal, superlative_signal, swap_signal)
from agent.factcheck import verdict as model_verdict
from agent.factcheck.rules import Signal, find_quote, polarity_signal, quotes
from agent.factcheck.sentences import sentence_check
from agent.factcheck.text import meaning_stems, normalize, stems, words_to_digits
from agent.factcheck.verdict import Item, Reading, batch_size, contrast, judge
from agent.llm.base import LLM
from agent.story.references import Library
from agent.state import ChapterCheck, ClaimCheck, SentenceCheck

SUPPORT_COVERAGE = 0.65
TRUST_COVERAGE = 0.8  # with a model, a pass on coverage alone below this is the model's to confirm
REJECT_COVERAGE = 0.3
FALLBACK_COVERAGE = 0.5
MODEL_MIN_COVERAGE = 0.35
CONTRADICT_COVERAGE = 0.5
RULE_PASSAGES = 3
RELATED_SHARE = 0.6
REPORTED_SPANS = 2
MODES = ("rules", "llm", "combined")


@dataclass
class Stats:
    """Claims handled and seconds spent per stage, for claims/second reports."""

    claims: dict[str, int] = field(default_factory=lambda: {"rules": 0, "model": 0})
    seconds: dict[str, float] = field(default_factory=lambda: {"rules": 0.0, "model": 0.0})
    model_calls: int = 0

    def rate(self, stage: str) -> float:
        return self.claims[stage] / self.seconds[stage] if self.seconds[stage] else 0.0


@dataclass
class Assessment:
    """One claim on its way to a verdict."""

    claim: str
    sentence: str
    cited: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    coverage: float = 0.0
    verdict: str | None = None
    method: str = ""
    reason: str = ""
    unit: int = -1
    # each no-model rule by its signal's name, against this claim's evidence: another text of the claim can be put to it
    rules: dict[str, Callable[[str], Signal]] = field(default_factory=dict, repr=False)

    def signal(self, name: str) -> Signal:
        return next(s for s in self.signals if s.name == name)

    def decide(self, verdict: str, method: str, reason: str = "") -> None:
        self.verdict, self.method, self.reason = verdict, method, reason

    def to_check(self) -> ClaimCheck:
        evidence = [s.evidence() for s in self.spans[:REPORTED_SPANS] if s.quote]
        return ClaimCheck(sentence=self.sentence, claim=self.claim, verdict=self.verdict or "unsupported",
                          evidence=evidence, method=self.method, reason=self.reason)


def assess(claim: str, sentence: str, cited: list[str], index: Index, only: list[str] | None = None,
           parts: bool = True) -> Assessment:
    """Gather evidence for a claim and run every no-model check on it, and on what it says at its core."""
    spans = index.spans(claim, sentence, cited, only=only)
    found = Assessment(claim, sentence, list(cited), spans)
    pool = spans if only is not None else index.library.passages
    texts = {s.passage_id: s.passage.text for s in spans} if only is not None else {p.id: p.text for p in pool}
    quote_signal = Signal("quote")
    for quote in quotes(claim):
        quote_signal.items.append(quote)
        pid = find_quote(quote, texts)
        if pid is None:
            quote_signal.missing.append(quote)
        elif spans and spans[0].passage_id != pid:
            spans[:] = [index.best_span(set(meaning_stems(claim)), index.library.get(pid))] + [s for s in spans if s.passage_id != pid]
    best = spans[0].coverage if spans else 0.0
    top = [s for s in spans[:RULE_PASSAGES] if s.coverage >= RELATED_SHARE * best] or spans[:1]
    evidence = " ".join(s.passage.text for s in top)
    names = " ".join(_source_names(index.library, s.passage.source_id) for s in top)
    years = index.source_years({s.passage.source_id for s in top})
    named = f"{evidence} {names}"
    first = " ".join(s.quote for s in spans[:1] + spans[1:2] * spans[0].joint) if spans else ""
    # two events are often dated in two passages: every passage the claim draws on may date one
    dated = " ".join(dict.fromkeys(s.passage.text for s in spans[:RULE_PASSAGES]))
    quoted = " ".join(s.quote for s in top)
    rules = [
        # the span between two events may count across the references: one dates each event
        lambda c: number_signal(c, evidence, interval_support(c, index.text if only is None else dated)),
        lambda c: date_signal(c, evidence, years),
        lambda c: ordinal_signal(c, evidence),
        lambda c: entity_signal(c, named, index.common, index.names, index.vocabulary),
        lambda c: polarity_signal(c, first),
        lambda c: role_signal(c, evidence, index.text if only is None else dated),
        lambda c: agent_signal(c, evidence),
        lambda c: order_signal(c, evidence),
        lambda c: passive_signal(c, evidence),
        lambda c: swap_signal(c, evidence),
        lambda c: exchange_signal(c, evidence),
        lambda c: date_order_signal(c, dated),
        lambda c: _interval(c, dated, index.text if only is None else dated),
        lambda c: predicate_signal(c, evidence),
        lambda c: object_signal(c, evidence),
        lambda c: binding_signal(c, evidence),
        lambda c: colocation_signal(c, evidence),
        lambda c: cause_signal(c, quoted),
        lambda c: anchor_signal(c, evidence),
        lambda c: measure_signal(c, evidence),
        lambda c: duration_signal(c, quoted, evidence),
        lambda c: kind_signal(c, evidence),
        lambda c: _substitution(c, sentence, quoted),
        lambda c: member_signal(c, evidence),
        lambda c: _list_of_sentence(c, sentence, spans),
        lambda c: scene_signal(c, evidence),
        lambda c: state_signal(c, evidence),
        lambda c: superlative_signal(c, evidence),
        lambda c: possessor_signal(c, evidence),
        lambda c: place_signal(c, evidence),
        lambda c: timing_signal(c, evidence),
        lambda c: ratio_signal(c, evidence),
        lambda c: span_signal(c, dated, index.text if only is None else dated),
        lambda c: dated_act_signal(c, evidence),
        lambda c: last_word_signal(c, evidence),
        lambda c: intent_signal(c, evidence),
        lambda c: site_signal(c, evidence),
    ]
    found.signals = [quote_signal] + [rule(claim) for rule in rules]
    found.rules = {signal.name: rule for signal, rule in zip(found.signals[1:], rules)}
    found.coverage = spans[0].coverage if spans else 0.0
    _apply_rules(found)
    if parts and found.verdict in (None, "supported"):
        _check_cores(found, index, only)
    return found


def _substitution(claim: str, sentence: str, evidence: str) -> Signal:
    """A swapped name or word in the claim, found in the claim or in its whole sentence: split off ("She landed at
    Liverpool." from "... and went by train to London"), an atom keeps too few of the evidence's words around it."""
    signal = substitution_signal(claim, evidence)
    if signal.conflicts or not sentence or normalize(sentence) == normalize(claim):
        return signal
    whole = substitution_signal(sentence, evidence)
    for conflict, mine in zip(whole.conflicts, whole.items):
        word = re.compile(rf"(?<![\w-]){re.escape(mine)}(?![\w-])")
        # the word must be the claim's, and said once in the sentence: else the swap may be in another part of it
        if word.search(normalize(claim)) and len(word.findall(normalize(sentence))) == 1:
            signal.items.append(mine)
            signal.conflicts.append(conflict)
            break
    return signal


def _interval(claim: str, dated: str, text: str) -> Signal:
    """The span between two events is wrong where the passages the claim draws on date them otherwise, unless the
    references date the two events that span apart elsewhere (an event told twice: opened in 1869, declared open
    in 1888)."""
    signal = interval_signal(claim, dated)
    return Signal("interval") if signal.conflicts and interval_support(claim, text) else signal


def _check_cores(found: Assessment, index: Index, only: list[str] | None) -> None:
    """Let a rule that finds the claim's core false decide the claim: the words around a clause (an opening phrase,
    an aside, a "while" clause) raise its coverage and can hide a swapped name or a bent relation from the rules.
    Only a rule's finding counts, not the core's coverage: a core may well lack context the evidence needs."""
    for core in cores(found.claim):
        part = assess(core, found.sentence, found.cited, index, only, parts=False)
        if part.verdict in ("contradicted", "unsupported") and part.method != "rules:coverage":
            found.decide(part.verdict, part.method, f"{part.reason} (in \"{core}\")")
            return


def _list_of_sentence(claim: str, sentence: str, spans: list[Span]) -> Signal:
    """Check the claim's list against its best span; for an atom the splitter took from a list ("with five men,
    Frank Hurley" out of "with five men, A, B, C and Frank Hurley"), check the sentence's whole list and keep
    what it finds of the items this atom names."""
    evidence, passage = (_with_referents(spans[0]), spans[0].passage.text) if spans else ("", "")
    signal = list_signal(claim, evidence, passage)
    if signal.missing or not spans or sentence == claim:
        return signal
    whole = list_signal(sentence, evidence, passage)
    said = set(meaning_stems(claim))
    for missing in whole.missing:
        items = [i.strip() for i in missing.split(" but not ", 1)[-1].split(",")]
        if any(set(meaning_stems(i)) and set(meaning_stems(i)) <= said for i in items):
            signal.missing.append(missing)
    return signal


_REFERRING_RE = re.compile(r"\b(?:he|she|they|him|her|his|their|them|both|together|the\s+(?:two|pair|three))\b", re.IGNORECASE)
REFERENT_CHARS = 300


def _with_referents(span: Span) -> str:
    """Return a span's quote, with the text just before it when it refers back ("The pair left at 6:30")."""
    if not _REFERRING_RE.search(span.quote):
        return span.quote
    at = span.passage.text.find(span.quote)
    return span.passage.text[max(0, at - REFERENT_CHARS): at] + " " + span.quote if at > 0 else span.quote


def _source_names(library: Library, source_id: str) -> str:
    source = library.source_by_id.get(source_id)
    return f"{source.title} {source.author}" if source else ""


def _apply_rules(found: Assessment) -> None:
    quote, number, date, ordinal, entity, polarity, *relations = found.signals
    if quote.missing:
        found.decide("unsupported", "rules:quote", f"quote not found verbatim in the sources: \"{quote.missing[0]}\"")
        return
    for signal in (number, date, ordinal):
        if signal.missing:
            found.decide("contradicted" if _states_other(found, signal) else "unsupported", f"rules:{signal.name}",
                         f"{signal.name} not in the evidence: {', '.join(signal.missing)}")
            return
    if ordinal.items and found.spans and found.coverage >= SUPPORT_COVERAGE:
        # The sentence that tells the claim's event gives it another place in a series ("finished fourth" for
        # "came third"); the claim's ordinal elsewhere in the passage ("the third lap") is about something else.
        local = ordinal_signal(found.claim, found.spans[0].quote)
        if local.conflicts:
            found.decide("contradicted", "rules:ordinal", f"the evidence gives another ordinal there: {', '.join(local.conflicts)}")
            return
    for signal in relations:
        # The evidence binds the claim's own words differently: it states something incompatible.
        if signal.conflicts:
            # a cause given the other way round says both facts, only not that one led to the other: unsupported;
            # a length of time found in the claim's own words around it is stated there, however little else is
            stated = (found.coverage >= CONTRADICT_COVERAGE or signal.name == "duration") and signal.name != "cause"
            found.decide("contradicted" if stated else "unsupported", f"rules:{signal.name}", signal.conflicts[0])
            return
    if entity.missing:
        found.decide("unsupported", "rules:entity", f"not named in the evidence: {', '.join(entity.missing)}")
        return
    cause = found.signal("cause")
    if cause.missing:
        # The claim says why; the evidence, though it may hold both facts, says nothing of a reason.
        found.decide("unsupported", "rules:cause", cause.missing[0])
        return
    for name in ("member", "list", "scene", "state", "superlative", "timing", "ratio", "span"):
        # A name put in a group the evidence does not put it in; a gesture or presence it does not report.
        if found.signal(name).missing:
            found.decide("unsupported", f"rules:{name}", found.signal(name).missing[0])
            return
    if polarity.conflicts:
        found.reason = f"the evidence may say the opposite ({', '.join(polarity.conflicts)})"
    elif found.signal("last word").missing:
        # a word in the place of another the evidence has: other words for one thing, or another thing; the model
        # settles it (without one, the coverage fallback does)
        found.reason = f"{found.signal('last word').missing[0]}; they may differ"
    elif found.coverage >= SUPPORT_COVERAGE:
        found.decide("supported", "rules:coverage", f"evidence covers {found.coverage:.0%} of the claim")
    elif found.coverage < REJECT_COVERAGE:
        found.decide("unsupported", "rules:coverage", f"evidence covers only {found.coverage:.0%} of the claim")


_RECHECK = {"number": number_signal, "date": date_signal, "ordinal": ordinal_signal}


# a number that relates two facts: "eight years after", "3 feet deeper", "six times as long"
_RELATING_RE = re.compile(r"(\d[\d.,]*)\s+(?:[a-z]+\s+)?(?:after|before|later|earlier|apart|times|deeper|longer|shorter|"
                          r"higher|lower|taller|wider|more|less|fewer|older|younger)\b")


def _states_other(found: Assessment, signal: Signal) -> bool:
    """Tell whether the evidence states another value, not merely lacks this one: the best span, which covers
    the claim, has a value of the same kind in its place. Missing evidence is "unsupported", never "contradicted".
    A number that relates two facts ("eight years after") is one the evidence may leave to be worked out from two
    places, so another number beside it states nothing incompatible."""
    if not signal.conflicts or found.coverage < CONTRADICT_COVERAGE or not found.spans:
        return False
    relating = {m.group(1) for m in _RELATING_RE.finditer(words_to_digits(normalize(found.claim)))}
    if signal.name == "number" and set(signal.conflicts) <= relating:
        return False
    return bool(_RECHECK[signal.name](found.claim, found.spans[0].quote).conflicts)


def resolve(found: list[Assessment], llm: LLM | None, mode: str = "combined", stats: Stats | None = None,
            memo: dict | None = None) -> None:
    """Give every assessment a verdict: the rules' own, the model's for the unclear ones, or the fallback.

    A memo of earlier model readings (see verdict.judge) spares the model the claims it has read before.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if mode == "llm" and llm is None:
        raise ValueError("mode 'llm' needs a model")
    ask = [a for a in found if _asks_model(a, llm, mode)]
    if ask:
        start = time.monotonic()
        said = judge([Item(a.claim, _evidence_text(a)) for a in ask], llm, memo=memo)
        for a, reading in zip(ask, said):
            _apply_model(a, reading, mode)
        if stats is not None:
            stats.claims["model"] += len(ask)
            stats.seconds["model"] += time.monotonic() - start
            stats.model_calls += -(-len(ask) // batch_size(llm))
    for a in found:
        if a.verdict is None and a.signal("polarity").conflicts:
            a.decide("unsupported", "rules:polarity", a.reason)
        elif a.verdict is None:
            supported = a.coverage >= FALLBACK_COVERAGE
            a.decide("supported" if supported else "unsupported", "rules:coverage",
                     f"no model; evidence covers {a.coverage:.0%} of the claim")
    _veto_swaps(found, llm, mode, stats, memo)


def _veto_swaps(found: list[Assessment], llm: LLM | None, mode: str, stats: Stats | None, memo: dict | None) -> None:
    """Take back a "supported" where a model that rates replies finds the evidence gives the act to another name.

    See verdict.contrast. API models judge the whole claim at once and are not asked again.
    """
    if not model_verdict.CONTRAST_CHECK or llm is None or mode == "rules" or not llm.can_score:
        return
    vet = [a for a in found if a.verdict == "supported" and a.spans]
    if not vet:
        return
    start = time.monotonic()
    for a, swaps in zip(vet, contrast([Item(a.claim, _evidence_text(a)) for a in vet], llm, memo=memo)):
        if swaps:
            verdict = "contradicted" if a.coverage >= CONTRADICT_COVERAGE else "unsupported"
            a.decide(verdict, "model:substitution", "the evidence gives it to another: " + "; ".join(swaps))
    if stats is not None:
        stats.seconds["model"] += time.monotonic() - start


def _evidence_text(a: Assessment) -> str:
    """Return the evidence the model reads: the best span, and the second when the claim joins the two."""
    if not a.spans:
        return ""
    return " ".join(s.quote for s in a.spans[:2]) if a.spans[0].joint and len(a.spans) > 1 else a.spans[0].quote


def _asks_model(a: Assessment, llm: LLM | None, mode: str) -> bool:
    if mode == "llm":
        return True
    if mode != "combined" or llm is None:
        return False
    # the rules settle a pass on coverage for their own later steps (a rest of a flagged atom, an ordinal's place);
    # with a model, one short of TRUST_COVERAGE is read again
    return a.verdict is None or (a.verdict == "supported" and a.method == "rules:coverage" and a.coverage < TRUST_COVERAGE)


def _apply_model(a: Assessment, reading: Reading, mode: str) -> None:
    if reading.substitutions:
        verdict = "contradicted" if a.coverage >= CONTRADICT_COVERAGE else "unsupported"
        a.decide(verdict, "model:substitution", reading.reason)
    elif reading.support is not None and a.signal("polarity").conflicts:
        # How likely a restatement is says nothing about a "not": the negation or opposite word stands.
        a.decide("unsupported", "rules:polarity", a.reason)
    elif mode == "llm":
        a.decide("supported" if reading.supported else "unsupported", "model", reading.reason)
    elif reading.support is not None:
        # In the middle band the model's reading decides, one threshold both ways; the evidence must still cover
        # a little of the claim.
        if reading.support >= model_verdict.LIKELIHOOD_THRESHOLD and a.coverage >= MODEL_MIN_COVERAGE:
            a.decide("supported", "model", f"{reading.reason}; the evidence covers {a.coverage:.0%} of the claim")
        else:
            a.decide("unsupported", "model", f"{reading.reason}: the model finds it unlikely, or the evidence covers "
                                             f"only {a.coverage:.0%} of the claim")
    elif reading.supported and a.coverage >= MODEL_MIN_COVERAGE:
        a.decide("supported", "model", f"the model says the evidence states it ({reading.reason}); "
                                       f"it covers {a.coverage:.0%} of the claim")
    elif reading.supported:
        a.decide("unsupported", "model", f"the model says yes, but the evidence covers only {a.coverage:.0%} of the claim")
    else:
        a.decide("unsupported", "model", f"the model says the evidence does not state it ({reading.reason})"
                                         f"{'; ' + a.reason if a.reason else ''}")


def assess_units(units: list[claim_split.Unit], index: Index, cited_only: bool = False,
                 stats: Stats | None = None, narrow: bool = True) -> list[Assessment]:
    """Assess every claim of the sentences that are not dramatized (with narrow, and the rest of each flagged atom
    the evidence supports: see narrowed)."""
    start = time.monotonic()
    found = []
    for i, unit in enumerate(units):
        for claim in [] if unit.dramatized else unit.claims:
            only = unit.citations if cited_only else None
            atom = assess(claim, unit.text, unit.citations, index, only)
            for a in [atom, narrowed(atom, index, only) if narrow else None]:
                if a is not None:
                    a.unit = i
                    found.append(a)
    if stats is not None:
        stats.claims["rules"] += len(found)
        stats.seconds["rules"] += time.monotonic() - start
    return found


NARROW_TRIES = 3
# flags that point at no phrase of the claim: how much of it the evidence covers, a quote
_UNPLACED = frozenset({"rules:coverage", "rules:quote", "rules:polarity"})


def narrowed(found: Assessment, index: Index, only: list[str] | None = None) -> Assessment | None:
    """Return what an atom a rule flagged still says without the phrase that made the rule flag it, when the
    evidence supports that rest (agent.factcheck.narrow); else None. A rest is tried only when the same rule,
    against the same evidence, no longer flags it."""
    if found.verdict in (None, "supported") or found.method in _UNPLACED or not found.method.startswith("rules:"):
        return None
    rule = found.rules.get(found.method.removeprefix("rules:"))
    if rule is None:
        return None
    tried = 0
    for rest in remainders(found.claim):
        again = rule(rest)
        if again.missing or again.conflicts:
            continue
        part = assess(rest, found.sentence, found.cited, index, only)
        if part.verdict == "supported":
            part.reason = f"the atom before, without what was flagged there; {part.reason}"
            return part
        tried += 1
        if tried >= NARROW_TRIES:
            return None
    return None


def sentence_checks(units: list[claim_split.Unit], found: list[Assessment]) -> list[SentenceCheck]:
    """Group the atoms' checks by sentence (sentences without checked atoms are left out)."""
    grouped = [(unit.text, [a.to_check() for a in found if a.unit == i]) for i, unit in enumerate(units)]
    return [sentence_check(text, atoms) for text, atoms in grouped if atoms]


def check_text(text: str, library: Library, llm: LLM | None, *, cited_only: bool = False) -> list[SentenceCheck]:
    """Fact-check a chapter's text: every sentence, atom by atom, with verbatim evidence (dramatized ones skipped).

    With cited_only, a claim is judged only against the passages its sentence cites.
    """
    units = claim_split.units(text)
    found = assess_units(units, Index(library), cited_only)
    resolve(found, llm)
    return sentence_checks(units, found)


def check_chapter(number: int, text: str, library: Library, llm: LLM | None, index: Index | None = None,
                  stats: Stats | None = None, mode: str = "combined", memo: dict | None = None) -> ChapterCheck:
    """Fact-check one chapter: claims against all references, dramatized sentences, and its citations (ALCE)."""
    index = index or Index(library)
    units = claim_split.units(text)
    split_atoms(units, llm if mode != "rules" else None)
    found = assess_units(units, index, stats=stats, narrow=mode != "llm")
    if mode == "llm":
        for a in found:
            a.verdict = None
    resolve(found, llm if mode != "rules" else None, mode if mode != "rules" else "combined", stats=stats, memo=memo)
    report = None
    if any(u.citations for u in units):
        report = citation_report(units, set(index.library.by_id), _entailment(units, index, llm, stats, memo))
    return ChapterCheck(chapter=number, claims=sentence_checks(units, found),
                        dramatized=[u.text for u in units if u.dramatized], citations=report)


def check_story(markdown: str, library: Library, llm: LLM | None, stats: Stats | None = None,
                mode: str = "combined") -> list[ChapterCheck]:
    """Fact-check every `## ` section of a story (reference lists and fact-check summaries are skipped)."""
    index = Index(library)
    return [check_chapter(s.number, s.body, library, llm, index, stats, mode) for s in claim_split.sections(markdown)]


def _entailment(units: list[claim_split.Unit], index: Index, llm: LLM | None, stats: Stats | None,
                memo: dict | None = None):
    """Return an ALCE `entails` function: do these passages alone support every claim of the sentence?"""

    def entails(queries: list[Query]) -> dict[Query, bool]:
        groups = {q: [assess(c, units[q[0]].text, list(q[1]), index, list(q[1])) for c in units[q[0]].claims]
                  for q in queries}
        resolve([a for group in groups.values() for a in group], llm, stats=stats, memo=memo)
        return {q: all(a.verdict == "supported" for a in group) for q, group in groups.items()}

    return entails


def ruled_out(text: str, library: Library) -> set[str]:
    """Return the sentences of `text` that the rules alone find unsupported (no model: an unclear claim passes).

    For a writer checking its own draft: what the rules are sure of is worth asking for again; what they leave to
    the model is decided by the fact-check proper.
    """
    units = claim_split.units(text)
    found = assess_units(units, Index(library))
    return {units[a.unit].text for a in found
            if a.verdict == "unsupported" or (a.verdict is None and a.signal("polarity").conflicts)}
