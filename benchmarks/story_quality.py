"""Measure how well drafted stories read as a story: prose, copying, image prompts, grounding, coverage.

    python benchmarks/story_quality.py RUN_DIR [RUN_DIR ...] [--refs DIR ...] [--seed PATH | --no-seed] [--json]

Each RUN_DIR is a run folder (config.json, chapters/, image_prompts.json, style_sheet.json,
style_report.json, fact_check.json, sources.json). Chapters are read from chapters/NN-slug.md (inline
passage ids), else from story.md (footnotes resolved). References are the run's sources.json files,
else its config.json ref_dirs; --refs replaces them for every run.

Seed 000 (a hand-made story, not a run) is the reference column: --seed, default
../shared/seeds/000_*.txt beside the repository (left out with a note when absent, or with --no-seed);
its references are the other files in its folder.
It has no fact_check.json, so its grounding and evidence come from the project's own checker run
without a model (agent.factcheck.checker.check_story, as `storyagent check --no-model`).

Targets (runs only): 0 fragments; 0 title-as-scene prompts; >= 40 scene words in every prompt; highest
scene overlap <= 0.5; copying <= 0.35; every chapter within +-40% of its word target (config.json
`words`, else 150); every factual sentence checked (supported or flagged) and every dramatized one labeled.
The rule of each metric is on its function in benchmarks/quality_metrics.py and prompt_metrics.py;
benchmarks/quality_inputs.py reads run folders and story files.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from agent.errors import InputError, StoryAgentError  # noqa: E402
import prompt_metrics as pm  # noqa: E402
import quality_metrics as qm  # noqa: E402
from quality_inputs import Story, load_run, load_seed, summary  # noqa: E402

WORD_TOLERANCE = 0.4


def measure(story: Story) -> dict:
    """Return every metric of one story as a flat dict (None where it cannot be measured)."""
    texts = {n: body for n, (_, body) in story.chapters.items()}
    words = [sum(qm.word_count(p) for p in qm.prose(t)) for t in texts.values()]
    sentences = [s for t in texts.values() for s in qm.sentences_of(t)]
    fragments = [(s, why) for s in sentences if (why := qm.fragment(s))]
    copied, total = qm.copied_ngrams([p for t in texts.values() for p in qm.prose(t)],
                                     qm.reference_ngrams([p.text for p in story.passages]))
    scenes = [(n, pm.scene_of(text, story.sheet)) for n, text in story.prompts]
    titles = {n: title for n, (title, _) in story.chapters.items()}
    scene_counts = [pm.scene_words(s) for _, s in scenes]
    m = {
        "chapters": len(texts), "words_per_chapter": words,
        "words_mean": sum(words) / len(words) if words else None, "words_min": min(words, default=None),
        "words_max": max(words, default=None), "word_target": story.words,
        "fragments": len(fragments), "fragment_examples": [f"{why}: {qm.clean(s)}" for s, why in fragments[:5]],
        "unclosed_quotes": sum(qm.unclosed_quotes(p) for t in texts.values() for p in qm.prose(t)),
        "copied_ngrams": copied, "ngrams": total, "copying": copied / total if total else None,
        "prompts": len(scenes), "scene_words": scene_counts,
        "scene_words_mean": sum(scene_counts) / len(scene_counts) if scene_counts else None,
        "scene_words_min": min(scene_counts, default=None),
        "title_scenes": sum(pm.repeats_title(s, titles.get(n, "")) for n, s in scenes),
        "max_scene_overlap": pm.max_overlap([s for _, s in scenes]),
        "raw_style_pass": pm.raw_pass_share(story.style_report) if story.is_run else None,
    }
    forward, steps = qm.time_steps(sentences, [p.text for p in story.passages])
    again = qm.retold([qm.sentences_of(t) for t in texts.values()])
    m.update({"time_forward": forward, "time_steps": steps, "time_order": forward / steps if steps else None,
              "retold": len(again), "retold_examples": again[:5]})
    m.update(grounding(story, texts))
    m.update(coverage(story, texts, sentences))
    return m


def grounding(story: Story, texts: dict[int, str]) -> dict:
    """Return the fact-check shares: supported factual sentences, dramatized sentences, and what it left out."""
    if story.checks is None:
        return {"factual_sentences": None, "supported": None, "dramatized": None, "unchecked": None, "unlabeled": None}
    verdicts = qm.sentence_verdicts(story.checks)
    dramatized = sum(len(c.get("dramatized") or []) for c in story.checks)
    missing, unlabeled = qm.unchecked(story.checks, texts)
    return {
        "factual_sentences": len(verdicts),
        "supported": sum(verdicts.values()) / len(verdicts) if verdicts else None,
        "dramatized": dramatized / (len(verdicts) + dramatized) if verdicts or dramatized else None,
        "unchecked": len(missing), "unlabeled": len(unlabeled),
    }


def coverage(story: Story, texts: dict[int, str], sentences: list[str]) -> dict:
    """Return the passages and sources the story uses, and the share of the sources' lead facts it tells."""
    known = {p.id for p in story.passages}
    used = {n: ids & known for n, ids in qm.used_passages(texts, story.checks).items()}
    chapters_of: dict[str, int] = {}
    for ids in used.values():
        for pid in ids:
            chapters_of[pid] = chapters_of.get(pid, 0) + 1
    source_of = {p.id: p.source_id for p in story.passages}
    sources_used = {source_of[pid] for pid in chapters_of}
    quotes = [c["evidence"][0]["quote"] for ch in story.checks or [] for c in ch.get("claims") or []
              if c.get("verdict") == "supported" and c.get("evidence")]
    story_sentences = [qm.clean(s) for s in sentences]
    facts = []
    for source in story.sources:
        first = next((p for p in story.passages if p.source_id == source.id), None)
        facts += qm.lead_facts(summary(source) or (first.text if first else ""))
    told = sum(qm.tells(f, story_sentences, quotes) for f in facts)
    return {
        "passages_used": len(chapters_of), "passages": len(known),
        "passages_in_several_chapters": sum(1 for count in chapters_of.values() if count > 1),
        "sources_used": len(sources_used), "sources": len(story.sources),
        "lead_facts": len(facts), "lead_facts_told": told, "lead_told": told / len(facts) if facts else None,
    }


def targets(m: dict) -> dict[str, bool | None]:
    """Return PASS (True) / FAIL (False) per target for a run's metrics (None where it cannot be measured)."""
    low, high = m["word_target"] * (1 - WORD_TOLERANCE), m["word_target"] * (1 + WORD_TOLERANCE)
    known = lambda value, test: None if value is None else test(value)  # noqa: E731
    return {
        "words": bool(m["words_per_chapter"]) and all(low <= w <= high for w in m["words_per_chapter"]),
        "fragments": m["fragments"] == 0,
        "copying": known(m["copying"], lambda v: v <= 0.35),
        "scene_words": known(m["scene_words_min"], lambda v: v >= 40),
        "title_scenes": m["title_scenes"] == 0,
        "max_scene_overlap": known(m["max_scene_overlap"], lambda v: v <= 0.5),
        "grounding": None if m["unchecked"] is None else m["unchecked"] == 0 and m["unlabeled"] == 0,
    }


def _share(value, part=None, whole=None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}" + (f" ({part}/{whole})" if whole is not None else "")


def _words(m: dict) -> str:
    if m["words_mean"] is None:
        return "n/a"
    return f"{m['words_mean']:.0f} ({m['words_min']}-{m['words_max']})"


def _scene(m: dict) -> str:
    return "n/a" if m["scene_words_mean"] is None else f"{m['scene_words_mean']:.1f} (min {m['scene_words_min']})"


# (section, label, target text, cell, target key)
ROWS = [
    ("Prose", "Words per chapter: mean (min-max)", "each ±40% of `words`", _words, "words"),
    ("Prose", "Fragments", "0", lambda m: str(m["fragments"]), "fragments"),
    ("Prose", "Unclosed quotes", "", lambda m: str(m["unclosed_quotes"]), None),
    ("Copying", "Word 8-grams outside quotes found in the references", "≤ 0.35",
     lambda m: _share(m["copying"], m["copied_ngrams"], m["ngrams"]), "copying"),
    ("Story", "Steps between dated sentences that go forward in time", "",
     lambda m: _share(m["time_order"], m["time_forward"], m["time_steps"]), None),
    ("Story", "Sentences telling an earlier sentence's fact again", "", lambda m: str(m["retold"]), None),
    ("Image prompts", "Image prompts", "", lambda m: str(m["prompts"]), None),
    ("Image prompts", "Scene words per prompt: mean (min)", "≥ 40 each", _scene, "scene_words"),
    ("Image prompts", "Scenes repeating the chapter title", "0", lambda m: str(m["title_scenes"]), "title_scenes"),
    ("Image prompts", "Highest scene overlap (Jaccard)", "≤ 0.5", lambda m: _share(m["max_scene_overlap"]), "max_scene_overlap"),
    ("Image prompts", "Passed the style checks before repair", "", lambda m: _share(m["raw_style_pass"]), None),
    ("Grounding", "Factual sentences supported", "", lambda m: _share(m["supported"]), None),
    ("Grounding", "Sentences labeled dramatized", "", lambda m: _share(m["dramatized"]), None),
    ("Grounding", "Sentences unchecked / dramatized unlabeled", "0 / 0",
     lambda m: "n/a" if m["unchecked"] is None else f"{m['unchecked']} / {m['unlabeled']}", "grounding"),
    ("Coverage", "Passages used (of available)", "", lambda m: f"{m['passages_used']}/{m['passages']}", None),
    ("Coverage", "Passages used in more than one chapter", "", lambda m: str(m["passages_in_several_chapters"]), None),
    ("Coverage", "Sources used (of available)", "", lambda m: f"{m['sources_used']}/{m['sources']}", None),
    ("Coverage", "Lead facts told", "", lambda m: _share(m["lead_told"], m["lead_facts_told"], m["lead_facts"]), None),
]


def table(results: list[dict]):
    """Return a rich table: one row per metric, a value column per story and a PASS/FAIL column per run."""
    from rich.table import Table

    grid = Table(title="Story quality", show_lines=False)
    grid.add_column("Metric")
    grid.add_column("Target", style="dim")
    for r in results:
        grid.add_column(r["name"], overflow="fold")
        if r["targets"] is not None:
            grid.add_column("", no_wrap=True)
    section = None
    for name, label, target, cell, key in ROWS:
        if name != section:
            grid.add_row(f"[bold]{name}[/bold]", *[""] * (len(grid.columns) - 1))
            section = name
        cells = []
        for r in results:
            cells.append(cell(r["metrics"]))
            if r["targets"] is not None:
                verdict = r["targets"].get(key) if key else None
                cells.append("" if key is None else "n/a" if verdict is None else
                             "[green]PASS[/green]" if verdict else "[red]FAIL[/red]")
        grid.add_row(f"  {label}", target, *cells)
    return grid


def default_seed() -> Path | None:
    """Return seed 000 from ../shared/seeds beside the repository, if it is there."""
    found = sorted((ROOT.parent / "shared" / "seeds").glob("000_*.txt"))
    return found[0] if found else None


def main(argv: list[str] | None = None) -> int:
    """Measure the runs (and seed 000) and print the table or JSON; return the exit code (2 on bad input)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, metavar="RUN_DIR", help="run folders to measure")
    parser.add_argument("--refs", nargs="+", action="extend", type=Path, metavar="DIR",
                        help="reference folders to use for every run instead of the run's own")
    parser.add_argument("--seed", type=Path, help="seed 000 story file (default: ../shared/seeds/000_*.txt)")
    parser.add_argument("--no-seed", action="store_true", help="leave out the seed column")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = parser.parse_args(argv)
    from rich.console import Console

    console = Console(width=max(Console().width, 100))
    try:
        stories = [load_run(path, args.refs) for path in args.runs]
        notes = []
        seed = None if args.no_seed else args.seed or default_seed()
        if args.seed and not args.seed.is_file():
            raise InputError(f"seed file {args.seed} does not exist")
        if seed is not None:
            stories.append(load_seed(seed))
        elif not args.no_seed:
            notes.append("seed 000 not found (../shared/seeds/000_*.txt): no reference column; pass --seed PATH")
        results = []
        for story in stories:
            metrics = measure(story)
            results.append({"name": story.name, "kind": "run" if story.is_run else "seed", "metrics": metrics,
                            "targets": targets(metrics) if story.is_run else None})
    except StoryAgentError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a run file with unexpected content
        if os.environ.get("STORYAGENT_DEBUG"):
            raise
        print(f"Error: a run file has unexpected content ({type(exc).__name__}: {str(exc)[:200]})", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"stories": results, "notes": notes}, indent=2, ensure_ascii=False))
        return 0
    console.print(table(results))
    for r in results:
        for example in r["metrics"]["fragment_examples"]:
            console.print(f"[dim]{r['name']} fragment — {example}[/dim]", highlight=False)
    for note in notes:
        console.print(f"Note: {note}", highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
