"""Measure the fact-checker on the labeled claim set in benchmarks/claims/.

For each method (rules only, model only, combined) on one split: precision, recall and F1 for
unsupported claims (the class the checker must catch; a "contradicted" verdict counts as
unsupported), balanced accuracy, claims per second for each stage, and a breakdown by claim kind.

Citation precision and recall (ALCE) are measured on a cited variant of each topic's story: every
sentence cites the passage the writer's own attribution (agent.story.chapters.attribute) ties it to, as a
drafted chapter would; a second variant cites a wrong passage for every sentence, to show the metric
drops when citations are wrong.

    python benchmarks/factcheck.py --split dev --methods rules,combined --min-balanced-accuracy 0.85 --min-recall 0.9
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.story.chapters import attribute  # noqa: E402
from agent.factcheck.checker import MODES, Stats, assess, check_chapter, resolve  # noqa: E402
from agent.factcheck.claims import clean, cited_ids, paragraphs, sections  # noqa: E402
from agent.factcheck.evidence import Index  # noqa: E402
from agent.story.references import Library, load_references  # noqa: E402

DATA = ROOT / "benchmarks" / "claims"


def load_claims(split: str, data: Path = DATA) -> list[dict]:
    """Return the labeled claims of one split."""
    rows = [json.loads(line) for line in (data / "claims.jsonl").read_text().splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r.get("split") == split]


def libraries(topics: set[str], data: Path = DATA) -> dict[str, Index]:
    """Return an evidence index per topic, over benchmarks/claims/<topic>/refs."""
    indexes = {}
    for topic in sorted(topics):
        sources, passages = load_references([data / topic / "refs"])
        indexes[topic] = Index(Library(passages, sources))
    return indexes


def run_method(rows: list[dict], indexes: dict[str, Index], mode: str, llm) -> tuple[list[str], Stats]:
    """Return the verdict of each claim under one method, with the stage timings."""
    stats = Stats()
    start = time.monotonic()
    found = [assess(r["claim"], clean(r.get("sentence") or r["claim"]), cited_ids(r.get("sentence", "")), indexes[r["topic"]])
             for r in rows]
    stats.claims["rules"] = len(found)
    stats.seconds["rules"] = time.monotonic() - start
    if mode == "llm":
        for a in found:
            a.verdict = None
    resolve(found, llm, mode, stats)
    return [a.verdict for a in found], stats


def scores(labels: list[str], verdicts: list[str]) -> dict:
    """Precision, recall and F1 for 'unsupported', and balanced accuracy."""
    flagged = [v != "supported" for v in verdicts]
    truth = [label != "supported" for label in labels]
    tp = sum(f and t for f, t in zip(flagged, truth))
    fp = sum(f and not t for f, t in zip(flagged, truth))
    fn = sum(t and not f for f, t in zip(flagged, truth))
    tn = sum(not f and not t for f, t in zip(flagged, truth))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(labels), "precision": precision, "recall": recall, "f1": f1,
            "supported_recall": specificity, "balanced_accuracy": (recall + specificity) / 2}


def by_kind(rows: list[dict], verdicts: list[str]) -> dict[str, str]:
    """Return 'right/total' per claim kind."""
    right, total = Counter(), Counter()
    for row, verdict in zip(rows, verdicts):
        kind = f"{row.get('label')}:{row.get('kind', '?')}"
        total[kind] += 1
        right[kind] += (verdict == "supported") == (row["label"] == "supported")
    return {k: f"{right[k]}/{total[k]}" for k in sorted(total)}


def cited_variants(topic: str, index: Index, data: Path = DATA) -> dict[str, str]:
    """Return the topic's story with the writer's attribution as citations, and with wrong citations."""
    story = (data / topic / "story.md").read_text()
    passages = index.library.passages
    good, wrong = [], []
    for section in sections(story):
        body = attribute("\n\n".join(paragraphs(section.body)), passages)
        good.append(body)
        shift = {p.id: passages[(i + len(passages) // 2) % len(passages)].id for i, p in enumerate(passages)}
        wrong.append(_replace_ids(body, shift))
    return {"attributed": "\n\n".join(good), "wrong": "\n\n".join(wrong)}


def _replace_ids(text: str, mapping: dict[str, str]) -> str:
    import re

    return re.sub(r"\[([\w-]+\.p\d+)\]", lambda m: f"[{mapping.get(m.group(1), m.group(1))}]", text)


def citation_scores(topics: set[str], indexes: dict[str, Index], llm) -> dict:
    """ALCE citation precision and recall, pooled over topics, per cited variant."""
    result = {}
    for variant in ("attributed", "wrong"):
        precise = cited = supported = statements = 0.0
        for topic in sorted(topics):
            if not (DATA / topic / "story.md").exists():
                continue
            text = cited_variants(topic, indexes[topic])[variant]
            report = check_chapter(1, text, indexes[topic].library, llm, indexes[topic]).citations
            if report is None:
                continue
            n_cites = sum(len(s.cited) for s in report.sentences)
            precise += (report.precision or 0.0) * n_cites
            cited += n_cites
            supported += sum(s.supported for s in report.sentences)
            statements += len(report.sentences)
        result[variant] = {"precision": precise / cited if cited else None,
                           "recall": supported / statements if statements else None,
                           "statements": int(statements), "citations": int(cited)}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--methods", default="rules,llm,combined", help="comma-separated: rules, llm, combined")
    parser.add_argument("--provider", default="local")
    parser.add_argument("--model", default=None)
    parser.add_argument("--citations", default="rules", help="method judging citations: rules, combined or none")
    parser.add_argument("--min-balanced-accuracy", type=float, default=None)
    parser.add_argument("--min-recall", type=float, default=None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    if any(m not in MODES for m in methods):
        parser.error(f"methods must be among {', '.join(MODES)}")
    rows = load_claims(args.split, args.data)
    if not rows:
        parser.error(f"no claims in split {args.split} of {args.data / 'claims.jsonl'}")
    labels = [r["label"] for r in rows]
    topics = {r["topic"] for r in rows}
    indexes = libraries(topics, args.data)
    llm = None
    if "llm" in methods or "combined" in methods or args.citations == "combined":
        from agent.llm.base import LLM
        from agent.llm.registry import make_provider

        llm = LLM(make_provider(args.provider, args.model), "fact_checker")
    print(f"split {args.split}: {len(rows)} claims ({labels.count('unsupported')} unsupported) over {len(topics)} topics")

    results, failed = {}, False
    for method in methods:
        start = time.monotonic()
        verdicts, stats = run_method(rows, indexes, method, llm if method != "rules" else None)
        s = scores(labels, verdicts)
        s.update(seconds=time.monotonic() - start, rules_per_second=stats.rate("rules"),
                 model_claims=stats.claims["model"], model_calls=stats.model_calls,
                 model_per_second=stats.rate("model"), kinds=by_kind(rows, verdicts))
        results[method] = s
        print(f"\n{method}: unsupported P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} | "
              f"supported R {s['supported_recall']:.3f} | balanced accuracy {s['balanced_accuracy']:.3f}")
        speed = f"  rules stage {s['rules_per_second']:.1f} claims/s"
        if s["model_calls"]:
            speed += (f"; model stage {s['model_claims']} claims in {s['model_calls']} calls, "
                      f"{s['model_per_second']:.2f} claims/s")
        print(speed + f"; total {s['seconds']:.1f}s")
        print("  by kind (right/total): " + ", ".join(f"{k} {v}" for k, v in s["kinds"].items()))
        if args.min_balanced_accuracy is not None and s["balanced_accuracy"] < args.min_balanced_accuracy:
            print(f"  FAIL: balanced accuracy {s['balanced_accuracy']:.3f} < {args.min_balanced_accuracy}")
            failed = True
        if args.min_recall is not None and s["recall"] < args.min_recall:
            print(f"  FAIL: unsupported recall {s['recall']:.3f} < {args.min_recall}")
            failed = True

    if args.citations != "none":
        cites = citation_scores(topics, indexes, llm if args.citations == "combined" else None)
        results["citations"] = cites
        for variant, c in cites.items():
            shown = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
            print(f"\ncitations ({variant}, judged by {args.citations}): precision {shown(c['precision'])} "
                  f"recall {shown(c['recall'])} over {c['statements']} sentences, {c['citations']} citations")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
