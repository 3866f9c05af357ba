"""The storyagent command line: parses options, calls the library, prints."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from agent.graph.context import APPROVAL_STEPS, Settings, build_settings
from agent.errors import InputError, StoryAgentError
from agent.llm.base import ROLES
from agent.cli.progress import Progress
from agent.story.references import load_references
from agent.run.runner import Outcome, Runner, load_settings
from agent.run.usage import usage, usage_line
from agent.storage.folder import RunDir, new_run_id

app = typer.Typer(
    name="storyagent",
    help="Turn a topic brief and reference articles into an illustrated, fact-checked story.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


@contextmanager
def handle_errors(run_id: str | None = None) -> Iterator[None]:
    """Turn library errors into one `Error:` line and a non-zero exit, never a traceback."""
    try:
        yield
    except StoryAgentError as exc:
        err.print(f"Error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        hint = f" resume with: storyagent resume {run_id}" if run_id else ""
        err.print(f"Error: interrupted; the run is saved at its last checkpoint;{hint}", markup=False)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug or an unexpected failure: still one line, no secrets
        if os.environ.get("STORYAGENT_DEBUG"):
            raise
        err.print(f"Error: unexpected {type(exc).__name__}: {str(exc)[:300]}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


CONCURRENCY_HELP = "Chapters and image prompts made at once (default: 4 for API providers, 1 for the local model)."
NO_CACHE_HELP = "Ask the model every time; never answer from the response cache."


def speed_options(settings: Settings, max_concurrency: int | None, no_cache: bool) -> Settings:
    """Apply --max-concurrency and --no-cache to a run's saved settings, for this process only."""
    if max_concurrency is not None and not 1 <= max_concurrency <= 64:
        raise InputError("--max-concurrency must be between 1 and 64")
    update = {"max_concurrency": max_concurrency} if max_concurrency is not None else {}
    if no_cache:
        update["cache"] = False
    return settings.model_copy(update=update) if update else settings


def parse_role_models(values: list[str]) -> dict[str, str]:
    """Parse --role-model ROLE=MODEL options."""
    result = {}
    for value in values:
        role, sep, model = value.partition("=")
        if not sep or not model:
            raise InputError(f"--role-model takes ROLE=MODEL (roles: {', '.join(ROLES)}), got '{value}'")
        result[role.strip()] = model.strip()
    return result


def report(outcome: Outcome, run: RunDir, progress: Progress | None = None) -> None:
    """Print where the run stands and what to do next."""
    took = f" in {progress.elapsed:,.0f}s" if progress else ""
    if outcome.status == "done":
        out.print(f"Story written{took}: {outcome.story_path}")
        out.print(f"Run folder: {run.path}")
        out.print(usage_line(usage(run)), markup=False, soft_wrap=True)
    elif outcome.status == "awaiting_approval":
        rerun = f" (chapter {outcome.chapter}, re-run)" if outcome.chapter is not None else ""
        out.print(f"Run {run.run_id} is waiting for approval of the {outcome.step}{rerun}.", soft_wrap=True)
        out.print(f"Review it with: {resume_command(run)}  (or --approve / --edit FILE / --reject --notes TEXT)", soft_wrap=True)
    else:
        out.print(f"Run {run.run_id} stopped before {outcome.step}; continue with: {resume_command(run)}", soft_wrap=True)


def resume_command(run: RunDir) -> str:
    """Return the command that resumes a run, with --runs-dir when it is not the default."""
    where = "" if run.root == Path("runs") else f" --runs-dir {run.root}"
    return f"storyagent resume {run.run_id}{where}"


def execute(runner: Runner, action, interactive: bool, show_report: bool = True) -> Outcome:
    """Run one graph action under the progress display, then keep approving interactively if asked."""
    progress = Progress(err, enabled=err.is_terminal)
    runner.run.on_call = progress.call
    runner.context.on_event = progress.event
    with progress:
        outcome = action()
    if interactive and outcome.status == "awaiting_approval":
        from agent.cli.review import review_loop

        outcome = review_loop(runner, outcome, execute_action=lambda act: execute(runner, act, False, False))
    if show_report:
        report(outcome, runner.run, progress)
    return outcome


@app.command()
def draft(
    topic: str = typer.Option(..., "--topic", help="What the story is about."),
    brief: Optional[Path] = typer.Option(None, "--brief", help="A file with a longer brief."),
    refs: list[Path] = typer.Option([], "--refs", help="A folder of reference articles (repeatable)."),
    chapters: Optional[int] = typer.Option(None, "--chapters", help="Number of chapters (default: 8 for API models, 3 local)."),
    provider: Optional[str] = typer.Option(None, "--provider", help="anthropic, openai or local (default: by which API key is set)."),
    model: Optional[str] = typer.Option(None, "--model", help="Model name; for local, also a path to a GGUF file."),
    role_model: list[str] = typer.Option([], "--role-model", help="ROLE=MODEL for one role: planner, writer, fact_checker, illustrator."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="An OpenAI-compatible server (Ollama, vLLM, llama.cpp)."),
    style: str = typer.Option("", "--style", help="The visual style of every image."),
    style_file: Optional[Path] = typer.Option(None, "--style-file", help="A file holding the visual style."),
    approve: str = typer.Option(",".join(APPROVAL_STEPS), "--approve", help="Steps that wait for approval."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Approve every step."),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt; stop at the first approval point."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run folders go."),
    run_id: Optional[str] = typer.Option(None, "--run-id", help="Name of the run (an existing one continues)."),
    max_concurrency: Optional[int] = typer.Option(None, "--max-concurrency", help=CONCURRENCY_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Draft a story: outline, chapters, fact-check, image prompts, assembled markdown."""
    with handle_errors(run_id):
        brief_text = _read_option_file(brief, "--brief")
        style_text = _read_option_file(style_file, "--style-file") or style
        steps = [] if yes else [s.strip() for s in approve.split(",") if s.strip()]
        settings = build_settings(
            topic=topic, brief=brief_text, refs=[str(r) for r in refs], chapters=chapters,
            provider=provider, model=model, role_models=parse_role_models(role_model), base_url=base_url,
            style=style_text, approve=steps, runs_dir=str(runs_dir), run_id=run_id or new_run_id(topic),
            max_concurrency=max_concurrency, cache=not no_cache,
        )
        load_references(settings.ref_dirs)  # fail now on a bad references folder, before any run exists
        run = RunDir(runs_dir, settings.run_id)
        if run.exists():
            settings = speed_options(load_settings(run), max_concurrency, no_cache)
        runner = Runner(run, settings)
        for role in ROLES:  # fail now, not mid-run, on a missing key or model
            runner.context.llm(role)
        with runner.open():
            run.write_json("config.json", settings.model_dump(mode="json"))
            out.print(f"Run {run.run_id}: {settings.provider} provider, {settings.chapters} chapters, refs {', '.join(settings.ref_dirs)}")
            execute(runner, runner.start, interactive=_interactive(no_input))


@app.command()
def resume(
    run_id: str = typer.Argument(..., help="The run to resume."),
    approve_step: bool = typer.Option(False, "--approve", help="Approve the step that waits."),
    edit: Optional[Path] = typer.Option(None, "--edit", help="A file with the edited step (YAML or markdown)."),
    reject: bool = typer.Option(False, "--reject", help="Send the step back with --notes."),
    notes: str = typer.Option("", "--notes", help="What to change, with --reject."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Approve this and every later step."),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run folders go."),
    max_concurrency: Optional[int] = typer.Option(None, "--max-concurrency", help=CONCURRENCY_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Continue a run: after a crash, or by answering the approval it waits for."""
    with handle_errors(run_id):
        run = RunDir(runs_dir, run_id)
        settings = speed_options(load_settings(run), max_concurrency, no_cache)
        runner = Runner(run, settings)
        with runner.open():
            if yes and settings.approve:
                settings.approve = []
                run.write_json("config.json", settings.model_dump(mode="json"))
            current = runner.outcome()
            waiting = current.status == "awaiting_approval"
            decision = _decision(approve_step or (yes and waiting), edit, reject, notes, current, runner)
            if decision:
                action = lambda: runner.resume(decision, approve_rest=yes)  # noqa: E731
            elif yes:
                action = lambda: _approve_all(runner, runner.proceed())  # noqa: E731
            else:
                action = runner.proceed
            execute(runner, action, interactive=_interactive(no_input))


@app.command()
def rerun(
    run_id: str = typer.Argument(..., help="The run holding the chapter."),
    chapter: int = typer.Option(..., "--chapter", help="The chapter number to write again."),
    notes: str = typer.Option("", "--notes", help="What the new version should change."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Approve the new version without review."),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt."),
    runs_dir: Path = typer.Option(Path("runs"), "--runs-dir", help="Where run folders go."),
    max_concurrency: Optional[int] = typer.Option(None, "--max-concurrency", help=CONCURRENCY_HELP),
) -> None:
    """Re-run one chapter: write, fact-check, image prompt, style check; then assemble again.

    The other chapters' text and image prompts stay as they are, and so does a chapter file edited by
    hand. The earlier version is kept in chapters/history (see `storyagent diff`). On a finished run
    the new version waits for approval of its chapter and image prompts unless --yes. On a run waiting
    at the chapters or images approval, the new version joins what waits: the run returns to waiting
    at the same step (at the images step, the new chapter first waits for approval alone, unless --yes).
    A run waiting at the outline, or not finished, cannot re-run a chapter.
    """
    with handle_errors(run_id):
        run = RunDir(runs_dir, run_id)
        settings = speed_options(load_settings(run), max_concurrency, False)
        runner = Runner(run, settings)
        with runner.open():
            execute(runner, lambda: runner.rerun(chapter, notes, yes=yes), interactive=_interactive(no_input))


def _approve_all(runner: Runner, outcome: Outcome) -> Outcome:
    """Approve the step a run stopped at, and every later one."""
    if outcome.status == "awaiting_approval":
        return runner.resume({"action": "approve"}, approve_rest=True)
    return outcome


def _decision(approve_step: bool, edit: Path | None, reject: bool, notes: str, current: Outcome, runner: Runner):
    chosen = sum([approve_step, edit is not None, reject])
    if chosen > 1:
        raise InputError("choose one of --approve, --edit FILE and --reject")
    if chosen and current.status != "awaiting_approval":
        raise InputError(f"run '{runner.run.run_id}' is not waiting for approval (it is {current.status})")
    if approve_step:
        return {"action": "approve"}
    if reject:
        if not notes.strip():
            raise InputError("--reject needs --notes saying what to change")
        return {"action": "reject", "notes": notes}
    if edit is not None:
        from agent.cli.review import parse_edit_file

        return {"action": "edit", "data": parse_edit_file(current.step, edit, runner.values(), current.chapter)}
    return None


def _read_option_file(path: Path | None, option: str) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {option} file {path}: {getattr(exc, 'strerror', None) or exc}") from None


def _interactive(no_input: bool) -> bool:
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


def main() -> None:
    """Entry point of the `storyagent` script."""
    app()

