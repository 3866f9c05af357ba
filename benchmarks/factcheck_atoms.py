"""Atom-level scoring through the checker's own splitting (used by benchmarks/factcheck.py).

For each topic the checker runs on the whole story.md, as `storyagent check` would. Then, for each labeled
sentence:
- the sentence: gold is supported iff all its gold atoms are; predicted is the checker's sentence verdict;
- each gold atom: compared with the checker's atom of that sentence that shares the most words with it.
Reported: balanced accuracy, unsupported recall, supported recall, and contradicted precision (the share
of predicted "contradicted" whose gold is contradicted=true).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from agent.factcheck.checker import Stats, check_story
from agent.factcheck.claims import clean
from agent.factcheck.text import normalize
from agent.state import ClaimCheck, SentenceCheck
from agent.text import tokens

UNITS = ("paragraph", "single")


def binary(gold_supported: list[bool], predicted: list[str], gold_contradicted: list[bool] | None = None) -> dict:
    """Return BA, unsupported recall, supported recall, and contradicted precision when gold says it."""
    flagged = [v != "supported" for v in predicted]
    truth = [not g for g in gold_supported]
    tp = sum(f and t for f, t in zip(flagged, truth))
    tn = sum(not f and not t for f, t in zip(flagged, truth))
    fp = sum(f and not t for f, t in zip(flagged, truth))
    n_un, n_sup = sum(truth), len(truth) - sum(truth)
    recall = tp / n_un if n_un else 0.0
    specificity = tn / n_sup if n_sup else 0.0
    result = {"n": len(truth), "unsupported": n_un, "recall": recall, "supported_recall": specificity,
              "precision": tp / (tp + fp) if tp + fp else 0.0, "balanced_accuracy": (recall + specificity) / 2}
    if gold_contradicted is not None:
        said = [g for v, g in zip(predicted, gold_contradicted) if v == "contradicted"]
        result["contradicted_predicted"] = len(said)
        result["contradicted_precision"] = sum(said) / len(said) if said else None
    return result


def sentence_key(text: str) -> str:
    """Return a sentence's words for matching: no markers, no punctuation, lowercase."""
    return re.sub(r"\W+", " ", normalize(clean(text)).lower()).strip()


def best_atom(claim: str, atoms: list[ClaimCheck]) -> ClaimCheck | None:
    """Return the predicted atom sharing the most words with the gold claim (ties: the shorter one)."""
    want = set(tokens(claim))
    best, best_score = None, -1.0
    for atom in atoms:
        have = set(tokens(atom.claim))
        score = len(want & have) / len(want | have) if want | have else 0.0
        if score > best_score:
            best, best_score = atom, score
    return best


def find_sentence(sentence: str, checks: list[SentenceCheck]) -> SentenceCheck | None:
    """Return the checker's sentence for a labeled one (same words; else the one containing it)."""
    key = sentence_key(sentence)
    for check in checks:
        if sentence_key(check.sentence) == key:
            return check
    for check in checks:
        if key and (key in sentence_key(check.sentence) or sentence_key(check.sentence) in key):
            return check
    return None


def pipeline_scores(rows: list[dict], topic_dirs: dict[str, Path], library_of, mode: str, llm) -> dict:
    """Run the checker on each topic's story and score labeled sentences and their atoms."""
    stats = Stats()
    by_sentence: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_sentence[(row["topic"], row["sentence"])].append(row)
    checks: dict[str, list[SentenceCheck]] = {}
    for topic in sorted({r["topic"] for r in rows}):
        story = (topic_dirs[topic] / "story.md").read_text(encoding="utf-8")
        chapters = check_story(story, library_of(topic), llm, stats, mode=mode)
        checks[topic] = [c for chapter in chapters for c in chapter.claims]

    sent = {"gold": [], "pred": [], "contra": [], "unit": []}
    atom = {"gold": [], "pred": [], "contra": [], "unit": [], "cls": []}
    missing, atoms_made = 0, Counter()
    for (topic, sentence), labeled in by_sentence.items():
        found = find_sentence(sentence, checks[topic])
        if found is None:
            missing += 1
        verdict = found.verdict if found else "unsupported"
        atoms_made[len(found.atoms) if found else 0] += 1
        sent["gold"].append(all(r["label"] == "supported" for r in labeled))
        sent["pred"].append(verdict)
        sent["contra"].append(any(r.get("contradicted") for r in labeled))
        sent["unit"].append(labeled[0].get("unit", "single"))
        for row in labeled:
            match = best_atom(row["claim"], found.atoms or [found]) if found else None
            atom["gold"].append(row["label"] == "supported")
            atom["pred"].append(match.verdict if match else "unsupported")
            atom["contra"].append(bool(row.get("contradicted")))
            atom["unit"].append(row.get("unit", "single"))
            atom["cls"].append(row.get("failure_class") or "-")

    result = {"sentences": binary(sent["gold"], sent["pred"], sent["contra"]),
              "atoms": binary(atom["gold"], atom["pred"], atom["contra"]),
              "unmatched_sentences": missing, "atoms_per_sentence": dict(sorted(atoms_made.items())),
              "model_claims": stats.claims["model"], "model_calls": stats.model_calls}
    for unit in UNITS:
        pick = [i for i, u in enumerate(atom["unit"]) if u == unit]
        if pick:
            result[f"atoms_{unit}"] = binary([atom["gold"][i] for i in pick], [atom["pred"][i] for i in pick],
                                             [atom["contra"][i] for i in pick])
    classes: dict[str, list[int]] = defaultdict(list)
    for i, cls in enumerate(atom["cls"]):
        classes[cls].append(i)
    result["by_failure_class"] = {
        cls: f"{sum((atom['pred'][i] == 'supported') == atom['gold'][i] for i in idx)}/{len(idx)}"
        for cls, idx in sorted(classes.items())}
    return result
