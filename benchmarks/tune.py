"""Reproduce the fact-check's thresholds from the dev splits, and print each chosen value with its dev score.

Every threshold is chosen on `dev` (claims.jsonl dev rows and atoms-dev.jsonl, claims judged one by one; the
atom-level ones on atoms-dev.jsonl through the checker's own splitting),
one at a time with the others at their values in the code; among equally good values the code's own if it is one
of them (a change must score better), else the middle one.
The model's thresholds are chosen on the held-out splits that have been scored and read (MODEL_SPLITS), not
on dev: the rules were built on dev until they decide nearly all of it, so dev has few of the claims the model is
asked about, and those it has the rules already settle right. They are chosen for the lower of balanced accuracy and
unsupported recall ("floor"): the fact-check's targets ask for both, and a threshold that buys balanced accuracy
by passing more false claims serves neither a reader nor the targets.
`dev2` only confirms: a value that scores worse on dev2 than the code's value is not adopted. The constants in agent/factcheck/ must equal what this prints:
tests/test_tune.py checks that for the thresholds that need no model.

    python benchmarks/tune.py                 # the no-model thresholds (seconds)
    python benchmarks/tune.py --model         # also the embedded model's thresholds (minutes)
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.factcheck import checker, evidence, verdict  # noqa: E402
from agent.factcheck.claims import clean, cited_ids  # noqa: E402
from benchmarks.factcheck import DATA, libraries, load_claims, scores  # noqa: E402
from benchmarks.factcheck_atoms import pipeline_scores  # noqa: E402


def _grid(low: float, high: float, step: float) -> list[float]:
    count = int(round((high - low) / step))
    return [round(low + i * step, 4) for i in range(count + 1)]


@dataclass
class Knob:
    """One threshold: where it lives, the values tried, and whether changing it needs evidence gathered again."""

    module: object
    name: str
    values: list[float]
    reassess: bool = False
    metric: str = ""  # balanced_accuracy, or floor for the model's
    model: bool = False
    switch: str = ""  # a flag of the module that turns on the check the threshold belongs to, set while tuning

    def __post_init__(self):
        self.metric = self.metric or ("floor" if self.model else "balanced_accuracy")


KNOBS = [
    Knob(checker, "FALLBACK_COVERAGE", _grid(0.45, 0.95, 0.05)),
    Knob(checker, "CONTRADICT_COVERAGE", _grid(0.3, 0.9, 0.1), metric="contradicted_accuracy"),
    Knob(checker, "RELATED_SHARE", _grid(0.4, 0.9, 0.1), reassess=True),
    Knob(evidence, "JOIN_GAIN", _grid(0.05, 0.35, 0.05), reassess=True),
    # how many rests of a flagged atom are judged before giving up: scored on atoms through the checker's own splitting
    Knob(checker, "NARROW_TRIES", [1, 2, 3, 4, 5, 6], metric="atom_balanced_accuracy"),
    # Without a model every claim at or above FALLBACK_COVERAGE passes, so these two only matter with one:
    # they set which claims the model is asked about.
    Knob(checker, "REJECT_COVERAGE", _grid(0.2, 0.7, 0.05), model=True),
    Knob(checker, "SUPPORT_COVERAGE", _grid(0.6, 1.0, 0.05), model=True),
    # a pass on coverage alone below this is read by the model too
    Knob(checker, "TRUST_COVERAGE", _grid(0.6, 1.0, 0.05), model=True),
    Knob(verdict, "LIKELIHOOD_THRESHOLD", _grid(-4.0, -1.0, 0.25), model=True),
    Knob(verdict, "SUBSTITUTION_CONFIDENCE", _grid(0.5, 0.95, 0.05), model=True),
    # how much likelier a claim must become with another of its evidence's names before its own is taken for a swap
    Knob(verdict, "CONTRAST_MARGIN", _grid(1.0, 8.0, 0.5), model=True, switch="CONTRAST_CHECK"),
    Knob(checker, "MODEL_MIN_COVERAGE", _grid(0.3, 0.7, 0.05), model=True),
]


# held-out splits already scored once and read since: development data for the model's thresholds
MODEL_SPLITS = ("heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19")


class Split:
    """The rows of one split, their evidence indexes, and their assessments (gathered once per setting)."""

    def __init__(self, name: str, held_out: tuple[str, ...] = ()):
        self.rows = (load_claims(name) if name else []) + [r for h in held_out for r in load_claims("test", DATA / h)]
        self.indexes = libraries(self.rows)
        self.found: list[checker.Assessment] = []

    def assess(self) -> None:
        self.found = [checker.assess(r["claim"], clean(r["sentence"]), cited_ids(r["sentence"]), self.indexes[r["topic"]])
                      for r in self.rows]

    def score(self, llm, mode: str, metric: str) -> float | None:
        if metric == "atom_balanced_accuracy":
            rows = [r for r in self.rows if "unit" in r]
            if not rows:
                return None
            dirs = {r["topic"]: Path(r["_dir"]) for r in rows}
            return pipeline_scores(rows, dirs, lambda t: self.indexes[t].library, mode, llm)["atoms"]["balanced_accuracy"]
        for a in self.found:
            a.verdict, a.method, a.reason = None, "", ""
            checker._apply_rules(a)
            if mode == "llm":
                a.verdict = None
        checker.resolve(self.found, llm, mode)
        verdicts = [a.verdict for a in self.found]
        if metric == "contradicted_accuracy":
            flagged = [(r, v) for r, v in zip(self.rows, verdicts) if v != "supported" and "contradicted" in r
                       and r["label"] != "supported"]
            if not flagged:
                return None  # no split-level labels say which claims are contradicted
            return sum((v == "contradicted") == bool(r["contradicted"]) for r, v in flagged) / len(flagged)
        found = scores([r["label"] for r in self.rows], verdicts)
        if metric == "floor":
            return min(found["balanced_accuracy"], found["recall"])
        return found[metric]


class CachedScores:
    """An LLM whose token scores are computed once per prompt, so thresholds can be swept without the model."""

    def __init__(self, llm):
        self.llm, self.cache = llm, {}

    def __getattr__(self, name):
        return getattr(self.llm, name)

    def score(self, system, pairs):
        missing = [p for p in pairs if (system, p) not in self.cache]
        if missing:
            for pair, tokens in zip(missing, self.llm.score(system, missing)):
                self.cache[(system, pair)] = tokens
        return [self.cache[(system, p)] for p in pairs]


def tune(knob: Knob, dev: Split, dev2: Split, llm, mode: str) -> tuple[float, float, float]:
    """Return the chosen value, its dev score and its dev2 score; the code's value is left in place."""
    current = getattr(knob.module, knob.name)
    results = []
    for value in knob.values:
        setattr(knob.module, knob.name, value)
        if knob.reassess:
            dev.assess()
        results.append((round(dev.score(llm, mode, knob.metric), 4), value))
    best = max(score for score, _ in results)
    tied = [value for score, value in results if score == best]
    chosen = current if current in tied else tied[(len(tied) - 1) // 2]
    confirm = _dev2_score(knob, chosen, dev2, llm, mode)
    if chosen != current:
        kept = _dev2_score(knob, current, dev2, llm, mode)
        if confirm is not None and kept is not None and confirm < kept:
            chosen, confirm = current, kept  # dev2 does not confirm it
            best = dict((v, sc) for sc, v in results).get(current, best)
    setattr(knob.module, knob.name, current)
    if knob.reassess:
        dev.assess()
        dev2.assess()
    return chosen, best, confirm


def _dev2_score(knob: Knob, value: float, dev2: Split, llm, mode: str) -> float | None:
    setattr(knob.module, knob.name, value)
    if knob.reassess:
        dev2.assess()
    return dev2.score(llm, mode, knob.metric)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", action="store_true", help="also tune the model's thresholds (loads the embedded model)")
    parser.add_argument("--provider", default="local")
    parser.add_argument("--only", default="", help="comma-separated threshold names")
    args = parser.parse_args(argv)
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    knobs = [k for k in KNOBS if (args.model or not k.model) and (not only or k.name in only)]
    llm = None
    if any(k.model for k in knobs):
        from agent.llm.base import LLM
        from agent.llm.registry import make_provider

        llm = CachedScores(LLM(make_provider(args.provider, None), "fact_checker"))
    dev, dev2 = Split("dev"), Split("dev2")
    dev.assess()
    dev2.assess()
    model_dev = None
    if any(k.model for k in knobs):
        model_dev = Split("", MODEL_SPLITS)
        model_dev.assess()
    differs = 0
    for knob in knobs:
        mode, model = ("combined", llm) if knob.model else ("rules", None)
        switched = getattr(knob.module, knob.switch) if knob.switch else None
        if knob.switch:
            setattr(knob.module, knob.switch, True)
        chosen, score, confirm = tune(knob, model_dev if knob.model else dev, dev2, model, mode)
        if knob.switch:
            setattr(knob.module, knob.switch, switched)
        current = getattr(knob.module, knob.name)
        mark = "" if chosen == current else f"   (the code has {current})"
        differs += chosen != current
        shown = "n/a" if confirm is None else f"{confirm:.3f}"
        where = "read held-out splits" if knob.model else "dev"
        print(f"{knob.module.__name__}.{knob.name} = {chosen}   {where} {knob.metric} {score:.3f}, dev2 {shown}{mark}")
    return 1 if differs else 0


if __name__ == "__main__":
    raise SystemExit(main())
