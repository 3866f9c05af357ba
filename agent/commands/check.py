"""`storyagent check`: fact-check any markdown story against a folder of references."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from agent.cli import app, err, handle_errors, out
from agent.errors import InputError
from agent.factcheck.checker import check_text
from agent.factcheck.claims import split_sections
from agent.llm import LLM, choose_provider, make_provider
from agent.references import Library, load_references
from agent.state import ChapterCheck

COLORS = {"supported": "green", "unsupported": "yellow", "contradicted": "red"}


def check_story(markdown: str, library: Library, llm: LLM | None) -> list[ChapterCheck]:
    """Fact-check every section of a story."""
    results = []
    for number, _title, body in split_sections(markdown):
        claims, dramatized = check_text(body, library, llm)
        results.append(ChapterCheck(chapter=number, claims=claims, dramatized=dramatized))
    return results


@app.command()
def check(
    story: Path = typer.Argument(..., help="The markdown story to check."),
    refs: list[Path] = typer.Option(..., "--refs", help="A folder of reference articles (repeatable)."),
    json_output: bool = typer.Option(False, "--json", help="Print the fact_check.json data."),
    provider: Optional[str] = typer.Option(None, "--provider", help="anthropic, openai or local."),
    model: Optional[str] = typer.Option(None, "--model", help="The fact-checker's model."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="An OpenAI-compatible server."),
    no_model: bool = typer.Option(False, "--no-model", help="Only the checks that need no model."),
) -> None:
    """Fact-check a story: exit 0 if every claim is supported, 1 if some are not, 2 on error."""
    with handle_errors():
        try:
            markdown = story.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read story {story}: {getattr(exc, 'strerror', None) or exc}") from None
        sources, passages = load_references(refs)
        library = Library(passages, sources)
        llm = None
        if not no_model:
            name = choose_provider(provider or ("openai" if base_url else None))
            llm = LLM(make_provider(name, model, base_url), "fact_checker")
        start = time.monotonic()
        results = check_story(markdown, library, llm)
        seconds = time.monotonic() - start
        claims = [c for r in results for c in r.claims]
        if json_output:
            out.print_json(json.dumps({"chapters": [r.model_dump(mode="json") for r in results]}))
        else:
            print_report(results, library)
            flagged = sum(c.verdict != "supported" for c in claims)
            err.print(f"{len(claims)} claims in {seconds:.1f}s ({len(claims) / max(seconds, 1e-9):.1f}/s): "
                      f"{len(claims) - flagged} supported, {flagged} flagged")
        if any(c.verdict != "supported" for c in claims):
            raise typer.Exit(1)


def print_report(results: list[ChapterCheck], library: Library) -> None:
    """Print each section's claims with verdict, evidence quote and source."""
    for result in results:
        table = Table(title=f"Section {result.chapter}", show_lines=True, expand=True)
        table.add_column("verdict", no_wrap=True)
        table.add_column("claim", ratio=3)
        table.add_column("evidence", ratio=3)
        for claim in result.claims:
            color = COLORS[claim.verdict]
            ev = claim.evidence[0] if claim.evidence else None
            source = library.source_by_id.get(ev.source) if ev else None
            evidence = f"“{ev.quote}” — {source.title if source else ev.source} [{ev.passage_id}]" if ev else "none found"
            why = f"\n({claim.method}: {claim.reason})" if claim.reason else f"\n({claim.method})"
            table.add_row(f"[{color}]{claim.verdict}[/]", claim.claim + why, evidence)
        out.print(table)
