"""Measure the fact-checker on the labeled claim sets in benchmarks/claims/.

Splits: `dev` (claims.jsonl dev rows and atoms-dev.jsonl), `dev2` (claims.jsonl dev2 rows, to confirm
what was tuned on dev), `atoms-dev`, and `test`, the held-out set in benchmarks/claims/heldout/ (same
format as atoms-dev), scored once at the end; `--data benchmarks/claims/heldout2 --split test` scores the
second held-out set.

For each method (rules only, model only, combined): the hand-split claims judged one by one (precision,
recall and F1 for unsupported claims, where "contradicted" counts as unsupported; balanced accuracy;
contradicted precision where the labels say which claims are contradicted; claims per second; a
breakdown by kind); and, for atom-level rows, the checker run on each topic's story.md with its own
splitting (see benchmarks/factcheck_atoms.py).

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
from benchmarks.factcheck_atoms import binary, pipeline_scores, sentence_key  # noqa: E402

DATA = ROOT / "benchmarks" / "claims"
SPLITS = ("dev", "dev2", "atoms-dev", "test", "all")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if path.exists() else []


def load_claims(split: str, data: Path = DATA) -> list[dict]:
    """Return the labeled claims of one split, each with `_dir`, the folder holding its topic."""
    if split == "test":
        # --data may name the claims folder (its heldout/ is read) or a held-out folder itself (heldout2/)
        folder = data / "heldout" if (data / "heldout" / "claims.jsonl").exists() else data
        rows = [dict(r, _dir=str(folder / r["topic"])) for r in _read(folder / "claims.jsonl") if r.get("split") == "test"]
        if not rows:
            raise SystemExit(f"Error: no held-out claims in {folder / 'claims.jsonl'}")
        return rows
    rows = []
    if split in ("dev", "dev2", "all"):
        rows += [r for r in _read(data / "claims.jsonl") if split == "all" or r.get("split") == split]
    if split in ("dev", "atoms-dev", "all"):
        rows += _read(data / "atoms-dev.jsonl")
    return [dict(r, _dir=str(data / r["topic"])) for r in rows]


def libraries(rows: list[dict]) -> dict[str, Index]:
    """Return an evidence index per topic, over <topic>/refs."""
    indexes = {}
    for topic, folder in sorted({(r["topic"], r["_dir"]) for r in rows}):
        sources, passages = load_references([Path(folder) / "refs"])
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


def cited_variants(folder: Path, index: Index) -> dict[str, str]:
    """Return the topic's story with the writer's attribution as citations, and with wrong citations."""
    story = (folder / "story.md").read_text()
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


def gold_supported(rows: list[dict]) -> dict[str, set[str]]:
    """Return, per topic, the labeled sentences whose every claim is supported."""
    verdicts: dict[tuple[str, str], bool] = {}
    for r in rows:
        key = (r["topic"], sentence_key(r["sentence"]))
        verdicts[key] = verdicts.get(key, True) and r["label"] == "supported"
    found: dict[str, set[str]] = {}
    for (topic, key), ok in verdicts.items():
        if ok:
            found.setdefault(topic, set()).add(key)
    return found


def citation_scores(dirs: dict[str, Path], indexes: dict[str, Index], llm, gold: dict[str, set[str]]) -> dict:
    """ALCE citation precision and recall, pooled over topics, per cited variant.

    "all" scores every sentence of the stories; "supported" only the labeled sentences the references
    support, since no citation can support a sentence with a planted error.
    """
    result = {}
    for variant in ("attributed", "wrong"):
        tally = {"all": [0, 0, 0, 0], "supported": [0, 0, 0, 0]}  # precise, citations, supported, statements
        for topic in sorted(dirs):
            if not (dirs[topic] / "story.md").exists():
                continue
            text = cited_variants(dirs[topic], indexes[topic])[variant]
            report = check_chapter(1, text, indexes[topic].library, llm, indexes[topic]).citations
            for sentence in report.sentences if report else []:
                valid = [c for c in sentence.cited if c not in sentence.unknown]
                row = [len(valid) - len(sentence.irrelevant) if sentence.supported else 0, len(sentence.cited),
                       int(sentence.supported), 1]
                groups = ["all"] + (["supported"] if sentence_key(sentence.sentence) in gold.get(topic, set()) else [])
                for group in groups:
                    tally[group] = [a + b for a, b in zip(tally[group], row)]
        result[variant] = {group: {"precision": t[0] / t[1] if t[1] else None, "recall": t[2] / t[3] if t[3] else None,
                                   "statements": t[3], "citations": t[1]} for group, t in tally.items()}
    return result


def _check(failed: list[str], name: str, value: float | None, minimum: float | None) -> None:
    if minimum is not None and (value is None or value < minimum):
        shown = "n/a" if value is None else f"{value:.3f}"
        line = f"FAIL: {name} {shown} < {minimum}"
        print("  " + line)
        failed.append(line)


def _line(label: str, s: dict) -> str:
    contra = s.get("contradicted_precision")
    extra = "" if "contradicted_predicted" not in s else \
        f" | contradicted precision {'n/a' if contra is None else f'{contra:.3f}'} ({s['contradicted_predicted']} said)"
    return (f"  {label}: n {s['n']} | balanced accuracy {s['balanced_accuracy']:.3f} | unsupported R {s['recall']:.3f}"
            f" | supported R {s['supported_recall']:.3f}{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=SPLITS)
    parser.add_argument("--methods", default="rules,llm,combined", help="comma-separated: rules, llm, combined")
    parser.add_argument("--provider", default="local")
    parser.add_argument("--model", default=None)
    parser.add_argument("--citations", default="rules", help="method judging citations: rules, combined or none")
    parser.add_argument("--min-balanced-accuracy", type=float, default=None, help="claims judged one by one")
    parser.add_argument("--min-recall", type=float, default=None, help="unsupported recall, claims one by one")
    parser.add_argument("--min-atom-balanced-accuracy", type=float, default=None,
                        help="atoms through the checker's own splitting")
    parser.add_argument("--min-citation-precision", type=float, default=None)
    parser.add_argument("--min-citation-recall", type=float, default=None)
    parser.add_argument("--pipeline", default="auto", choices=["auto", "none"], help="atom-level scoring (auto: if rows have it)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    if any(m not in MODES for m in methods):
        parser.error(f"methods must be among {', '.join(MODES)}")
    rows = load_claims(args.split, args.data)
    if not rows:
        parser.error(f"no claims in split {args.split} under {args.data}")
    labels = [r["label"] for r in rows]
    indexes = libraries(rows)
    dirs = {r["topic"]: Path(r["_dir"]) for r in rows}
    atom_rows = [r for r in rows if "unit" in r] if args.pipeline == "auto" else []
    llm = None
    if "llm" in methods or "combined" in methods or args.citations == "combined":
        from agent.llm.base import LLM
        from agent.llm.registry import make_provider

        llm = LLM(make_provider(args.provider, args.model), "fact_checker")
    print(f"split {args.split}: {len(rows)} claims ({labels.count('unsupported')} unsupported) over {len(dirs)} topics;"
          f" {len(atom_rows)} atom-level rows")

    results, failed = {}, []
    for method in methods:
        start = time.monotonic()
        verdicts, stats = run_method(rows, indexes, method, llm if method != "rules" else None)
        s = scores(labels, verdicts)
        contra = [r for r, v in zip(rows, verdicts) if v == "contradicted" and "contradicted" in r]
        s.update(seconds=time.monotonic() - start, rules_per_second=stats.rate("rules"),
                 model_claims=stats.claims["model"], model_calls=stats.model_calls,
                 model_per_second=stats.rate("model"), kinds=by_kind(rows, verdicts),
                 contradicted_precision=sum(r["contradicted"] for r in contra) / len(contra) if contra else None)
        results[method] = s
        print(f"\n{method}: claims one by one: unsupported P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} | "
              f"supported R {s['supported_recall']:.3f} | balanced accuracy {s['balanced_accuracy']:.3f}")
        atomic = [i for i, r in enumerate(rows) if "unit" in r]
        if atomic and len(atomic) < len(rows):
            plain = [i for i in range(len(rows)) if i not in set(atomic)]
            s["hand_split_claims"] = binary([rows[i]["label"] == "supported" for i in plain], [verdicts[i] for i in plain])
            print(_line("claims.jsonl rows", s["hand_split_claims"]))
        if atomic:
            s["atomic_claims"] = binary([rows[i]["label"] == "supported" for i in atomic], [verdicts[i] for i in atomic],
                                        [bool(rows[i].get("contradicted")) for i in atomic])
            print(_line("atomic claims (atom-level rows, judged one by one)", s["atomic_claims"]))
        speed = f"  rules stage {s['rules_per_second']:.1f} claims/s"
        if s["model_calls"]:
            speed += (f"; model stage {s['model_claims']} claims in {s['model_calls']} calls, "
                      f"{s['model_per_second']:.2f} claims/s")
        print(speed + f"; total {s['seconds']:.1f}s")
        print("  by kind (right/total): " + ", ".join(f"{k} {v}" for k, v in s["kinds"].items()))
        _check(failed, f"{method} balanced accuracy", s["balanced_accuracy"], args.min_balanced_accuracy)
        _check(failed, f"{method} unsupported recall", s["recall"], args.min_recall)
        if atom_rows:
            start = time.monotonic()
            p = pipeline_scores(atom_rows, dirs, lambda t: indexes[t].library, method, llm if method != "rules" else None)
            p["seconds"] = time.monotonic() - start
            s["pipeline"] = p
            print(f"  through the checker's own splitting ({p['seconds']:.1f}s, atoms per sentence "
                  f"{p['atoms_per_sentence']}, unmatched sentences {p['unmatched_sentences']}):")
            print(_line("sentences", p["sentences"]))
            print(_line("atoms", p["atoms"]))
            for unit in ("paragraph", "single"):
                if f"atoms_{unit}" in p:
                    print(_line(f"atoms ({unit})", p[f"atoms_{unit}"]))
            print("  by failure class (right/total): " + ", ".join(f"{k} {v}" for k, v in p["by_failure_class"].items()))
            _check(failed, f"{method} atom balanced accuracy", p["atoms"]["balanced_accuracy"], args.min_atom_balanced_accuracy)

    if args.citations != "none":
        cites = citation_scores(dirs, indexes, llm if args.citations == "combined" else None, gold_supported(rows))
        results["citations"] = cites
        shown = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
        for variant, groups in cites.items():
            for group, c in groups.items():
                print(f"\ncitations ({variant}, {group} sentences, judged by {args.citations}): precision "
                      f"{shown(c['precision'])} recall {shown(c['recall'])} over {c['statements']} sentences, "
                      f"{c['citations']} citations")
        _check(failed, "citation precision", cites["attributed"]["supported"]["precision"], args.min_citation_precision)
        _check(failed, "citation recall", cites["attributed"]["supported"]["recall"], args.min_citation_recall)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
