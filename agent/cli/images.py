"""`storyagent illustrate` and `storyagent export`: a run's pictures, and a story page to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from agent.cli.app import RUNS_DIR_HELP, app, handle_errors, out, runs_root
from agent.errors import InputError, ProviderError, RunError
from agent.illustration.images import DEFAULT_IMAGE_MODEL, Outcome, illustrate as make_images, render_charts
from agent.storage.folder import RunDir


def _run(runs_dir: Path, run_id: str) -> RunDir:
    run = RunDir(runs_dir, run_id)
    if not run.path.is_dir():
        raise RunError(f"no run '{run_id}' in {runs_dir}; list runs with: storyagent runs --runs-dir {runs_dir}")
    return run


def _print(what: str, outcome: Outcome, list_written: bool = True) -> None:
    counts = f"{len(outcome.written)} written, {len(outcome.skipped)} already there, {len(outcome.failed)} failed"
    out.print(f"{what}: {counts}", markup=False, soft_wrap=True)
    for name in outcome.written if list_written else []:
        out.print(f"  wrote {name}", markup=False, soft_wrap=True)
    for name, reason in outcome.failed.items():
        out.print(f"  failed {name}: {reason}", markup=False, soft_wrap=True)


@app.command()
def illustrate(
    run_id: str = typer.Argument(..., help="The run whose image prompts to draw."),
    model: str = typer.Option(DEFAULT_IMAGE_MODEL, "--model", help="OpenAI image model."),
    render_charts_: bool = typer.Option(False, "--render-charts", help="Also draw chart prompts locally with matplotlib."),
    images: bool = typer.Option(True, "--images/--no-images", help="Generate drawings with the OpenAI Images API."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
) -> None:
    """Make a run's pictures next to story.md; pictures already there are kept (needs OPENAI_API_KEY for drawings)."""
    with handle_errors(run_id):
        runs_dir = runs_root(runs_dir)
        if not images and not render_charts_:
            raise InputError("--no-images leaves nothing to do; add --render-charts")
        run = _run(runs_dir, run_id)
        failed = 0
        if render_charts_:
            charts = render_charts(run)
            _print("Charts", charts)
            failed += len(charts.failed)
        if images:
            drawn = make_images(run, model, on_file=lambda name, _: out.print(f"  wrote {name}", markup=False, soft_wrap=True))
            _print("Images", drawn, list_written=False)  # each was printed as it arrived
            failed += len(drawn.failed)
        if failed:
            raise ProviderError(f"{failed} picture(s) failed; run the same command again to retry only those")


@app.command()
def export(
    run_id: str = typer.Argument(..., help="The run to export."),
    html: bool = typer.Option(False, "--html", help="Write one standalone HTML page, story.html, in the run folder."),
    embed_images: bool = typer.Option(False, "--embed-images", help="Put the pictures inside the HTML file (base64)."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
) -> None:
    """Export a run's story as a page you can open in a browser."""
    from agent.output.export_html import export_html

    with handle_errors(run_id):
        runs_dir = runs_root(runs_dir)
        if not html:
            raise InputError("choose an export format: --html")
        path = export_html(_run(runs_dir, run_id), embed=embed_images)
        out.print(f"Story page written: {path}", markup=False, soft_wrap=True)
