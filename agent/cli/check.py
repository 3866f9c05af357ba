"""`storyagent check`: fact-check any markdown story against folders of reference articles."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer
from rich.text import Text

from agent.cli.app import app, err, handle_errors, out
from agent.cli.terminal import printable
from agent.errors import InputError, StoryAgentError
from agent.factcheck.checker import Stats, check_story
from agent.factcheck.claims import sections
from agent.llm.base import LLM
from agent.llm.registry import choose_provider, make_provider
from agent.story.references import Library, load_references
from agent.state import ChapterCheck, ClaimCheck, SentenceCheck

STYLES = {"supported": "green", "unsupported": "yellow", "contradicted": "red"}
MARKS = {"supported": "✓", "unsupported": "✗", "contradicted": "✗"}


@app.command()
def check(
    story: Path = typer.Argument(..., help="The markdown story to check."),
    refs: list[Path] = typer.Option(..., "--refs", help="A folder of reference articles (repeatable)."),
    json_output: bool = typer.Option(False, "--json", help="Print the fact_check.json data instead of the report."),
    provider: Optional[str] = typer.Option(None, "--provider", help="anthropic, openai or local (default: by which API key is set)."),
    model: Optional[str] = typer.Option(None, "--model", help="The fact-checker's model; for local, also a GGUF path."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="An OpenAI-compatible server."),
    no_model: bool = typer.Option(False, "--no-model", help="Use only the checks that need no model (seconds, not minutes)."),
) -> None:
    """Fact-check a story against references: exit 0 if every claim is supported, 1 if some are not, 2 on error."""
    with handle_errors():
        try:
            results, titles, stats = _run(story, refs, provider, model, base_url, no_model)
        except (StoryAgentError, typer.Exit):
            raise
        except Exception as exc:  # still one line and exit 2: exit 1 means "claims flagged" here
            if os.environ.get("STORYAGENT_DEBUG"):
                raise
            raise StoryAgentError(f"unexpected {type(exc).__name__}: {str(exc)[:300]}") from None
        if json_output:
            chapters = [{**r.model_dump(mode="json"), "title": titles.get(r.chapter, "")} for r in results]
            out.print_json(json.dumps({"chapters": chapters}, ensure_ascii=False))
        else:
            print_report(results, titles)
            print_speed(stats)
        if any(c.verdict != "supported" for r in results for c in r.claims):
            raise typer.Exit(1)


def read_story(story: Path) -> str:
    """Read the story to check; refuse a missing, binary, non-UTF-8 or empty file."""
    try:
        raw = story.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read story {story}: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InputError(f"story {story} is binary, not text (it holds NUL bytes)")
    try:
        markdown = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"story {story} is not UTF-8 text; convert it to UTF-8") from None
    if not printable(markdown).strip():
        raise InputError(f"story {story} is empty: there is nothing to check")
    return markdown


def _run(story: Path, refs: list[Path], provider, model, base_url, no_model: bool):
    markdown = read_story(story)
    sources, passages = load_references(refs)
    library = Library(passages, sources)
    llm = None
    if not no_model:
        name = choose_provider(provider or ("openai" if base_url else None))
        llm = LLM(make_provider(name, model, base_url), "fact_checker")
    stats = Stats()
    results = check_story(markdown, library, llm, stats)
    titles = {s.number: s.title for s in sections(markdown)}
    return results, titles, stats


def print_report(results: list[ChapterCheck], titles: dict[int, str]) -> None:
    """Print every section's claims with verdict, reason, evidence quote and source; then the totals."""
    counts = {"supported": 0, "unsupported": 0, "contradicted": 0}
    dramatized = 0
    for result in results:
        flagged = len(result.flagged)
        title = printable(titles.get(result.chapter) or f"Section {result.chapter}")
        out.print(Text(f"\n{title}", style="bold").append(
            f"  ({len(result.claims)} sentences, {len(result.claims) - flagged} supported, {flagged} flagged)", style="dim"))
        for sentence in result.claims:
            counts[sentence.verdict] += 1
            _print_sentence(sentence)
        for sentence in result.dramatized:
            dramatized += 1
            out.print(Text("  ~ dramatized   ", style="cyan").append(printable(sentence)))
            out.print(Text("      not checked as fact: marked as an invented scene or dialogue", style="dim"))
        if result.citations is not None:
            _print_citations(result)
    total = sum(counts.values())
    out.print(Text(f"\n{total} sentences: {counts['supported']} supported, {counts['unsupported']} unsupported, "
                   f"{counts['contradicted']} contradicted; {dramatized} dramatized sentences not checked.", style="bold"))


def _print_sentence(sentence: SentenceCheck) -> None:
    if len(sentence.atoms) <= 1:
        _print_claim(sentence.atoms[0] if sentence.atoms else sentence, sentence.sentence)
        return
    out.print(Text(f"  {MARKS[sentence.verdict]} {sentence.verdict:<13}", style=STYLES[sentence.verdict])
              .append(printable(sentence.sentence)))
    for atom in sentence.atoms:
        _print_claim(atom, atom.claim, indent="    ")


def _print_claim(claim: ClaimCheck, text: str, indent: str = "  ") -> None:
    style = STYLES[claim.verdict]
    line = Text(f"{indent}{MARKS[claim.verdict]} {claim.verdict:<13}", style=style).append(printable(text))
    out.print(line)
    if claim.reason:
        out.print(Text(printable(f"{indent}    why: {claim.reason} ({claim.method})"), style="dim"))
    label = "evidence" if claim.verdict == "supported" else "closest"
    for ev in claim.evidence[:1]:
        where = f", characters {ev.start}-{ev.end}" if ev.start is not None else ""
        out.print(Text(printable(f"{indent}    {label}: “{ev.quote}” — {ev.source} [{ev.passage_id}{where}]"), style="dim"))
    if not claim.evidence:
        out.print(Text(f"{indent}    no evidence found in the references", style="dim"))


def _print_citations(result: ChapterCheck) -> None:
    report = result.citations
    shown = lambda v: "n/a" if v is None else f"{v:.2f}"  # noqa: E731
    out.print(Text(f"  citations: precision {shown(report.precision)}, recall {shown(report.recall)} (ALCE)", style="bold"))
    for cite in report.sentences:
        if cite.unknown:
            out.print(Text(f"  ✗ error: cites passages not in the references: {printable(', '.join(cite.unknown))}", style="red")
                      .append(printable(f" — {cite.sentence}"), style="dim"))
        elif cite.cited and not cite.supported:
            out.print(Text(f"  ✗ citations {', '.join(cite.cited)} do not support: ", style="yellow").append(printable(cite.sentence)))
        elif cite.irrelevant:
            out.print(Text(f"  ~ citations {', '.join(cite.irrelevant)} are not needed for: ", style="yellow").append(printable(cite.sentence)))


def print_speed(stats: Stats) -> None:
    """Print claims per second for each stage to stderr."""
    parts = [f"rules: {stats.claims['rules']} claims in {stats.seconds['rules']:.1f}s ({stats.rate('rules'):.1f}/s)"]
    if stats.model_calls:
        parts.append(f"model: {stats.claims['model']} claims in {stats.model_calls} calls, "
                     f"{stats.seconds['model']:.1f}s ({stats.rate('model'):.2f}/s)")
    err.print(Text("; ".join(parts), style="dim"))
