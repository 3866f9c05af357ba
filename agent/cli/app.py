"""The storyagent command line: parses options, calls the library, prints."""

from __future__ import annotations

import json
import os
import signal
import sys
from contextlib import contextmanager
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from typer._click import exceptions as click_errors  # typer carries its own click; its usage errors live here
from typer.core import TyperGroup

from agent.graph.context import build_settings
from agent.errors import InputError, StoryAgentError, redact
from agent.settings import DEFAULT_WORDS, PROVIDERS, ROLES, Settings, layered_options
from agent.cli.progress import Progress
from agent.cli.terminal import one_line
from agent.story.references import load_references
from agent.story.relevance import require_relevant
from agent.run.runner import Outcome, Runner, load_settings, same_settings
from agent.run.usage import usage, usage_line
from agent.storage.folder import RunDir, new_run_id

class OneLineErrors(TyperGroup):
    """Print a usage mistake (an unknown choice, a missing option) as one `Error:` line, like every other error."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click_errors.ClickException as exc:
            where = f" (see: {exc.ctx.command_path} --help)" if getattr(exc, "ctx", None) else ""
            err.print(f"Error: {exc.format_message()}{where}", markup=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            err.print("Error: aborted", markup=False)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    name="storyagent",
    help="Turn a topic brief and reference articles into an illustrated, fact-checked story.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
ProviderName = Enum("ProviderName", {name: name for name in PROVIDERS}, type=str)
RUNS_DIR_HELP = "Where run folders go (default: STORYAGENT_RUNS_DIR, storyagent.toml, else runs)."


def version() -> str:
    """Return the installed storyagent version."""
    try:
        return metadata.version("storyagent")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _print_version(value: bool) -> None:
    if value:
        out.print(f"storyagent {version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    show_version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn a topic brief and reference articles into an illustrated, fact-checked story."""


def runs_root(runs_dir: Path | None) -> Path:
    """Return the runs folder: the flag, else STORYAGENT_RUNS_DIR, else storyagent.toml, else runs."""
    with handle_errors():
        return Path(layered_options({"runs_dir": runs_dir})["runs_dir"][0])


def print_json_outcome(run_id: str, outcome) -> None:
    """Print a run's id, status and step as one JSON object (for scripts)."""
    typer.echo(json.dumps({"run_id": run_id, "status": outcome.status, "step": outcome.step}))


@contextmanager
def handle_errors(run_id: str | None = None, runs_dir: Path | None = None) -> Iterator[None]:
    """Turn library errors into one `Error:` line and a non-zero exit, never a traceback."""
    try:
        yield
    except StoryAgentError as exc:
        err.print(one_line(redact(f"Error: {exc}")), markup=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        try:
            run = RunDir(runs_root(runs_dir), run_id) if run_id else None
        except StoryAgentError:
            run = None
        if run is not None and run.exists():
            err.print(interrupted_message(run), markup=False, soft_wrap=True)
        else:
            err.print("Error: interrupted", markup=False, soft_wrap=True)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug or an unexpected failure: still one line, no secrets
        if os.environ.get("STORYAGENT_DEBUG"):
            raise
        err.print(one_line(redact(f"Error: unexpected {type(exc).__name__}: {str(exc)[:300]}")), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


CONCURRENCY_HELP = "Chapters and image prompts made at once (default: 4 for API providers, 1 for the local model)."
NO_CACHE_HELP = "Ask the model every time; never answer from the response cache."
WRITER_HELP = ("How the writer works: retelling (a scene, one sentence per fact, a closing line), prose (a free chapter) "
               "or auto (default: retelling for the embedded model, prose for API models).")


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


def interrupted_message(run: RunDir) -> str:
    """Return the one line printed on Ctrl-C, with the command that resumes the run."""
    return f"Error: interrupted, the run is saved at its last checkpoint; resume with: {resume_command(run)}"


@contextmanager
def stop_on_ctrl_c(runner: Runner) -> Iterator[None]:
    """On Ctrl-C while the graph runs, record it, print the resume command and exit 130 at once.

    Every finished step is already in the checkpoint; waiting for model calls still in flight in worker
    threads (minutes, for a slow model) would only keep the user waiting.
    """
    def stop(signum, frame):
        runner.record("failed", error="interrupted (Ctrl-C)")
        if err.is_terminal:
            err.show_cursor(True)
        err.print(interrupted_message(runner.run), markup=False, soft_wrap=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def execute(runner: Runner, action, interactive: bool, show_report: bool = True) -> Outcome:
    """Run one graph action under the progress display, then keep approving interactively if asked."""
    progress = Progress(err, enabled=err.is_terminal)
    runner.run.on_call = progress.call
    runner.context.on_event = progress.event
    with progress, stop_on_ctrl_c(runner):
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
    words: Optional[int] = typer.Option(None, "--words", help=f"Words per chapter (the writer aims within 40% of it; default {DEFAULT_WORDS})."),
    citations: Optional[str] = typer.Option(None, "--citations", help="How story.md cites sources: footnotes (default), inline (passage ids) or none."),
    writer: Optional[str] = typer.Option(None, "--writer", help=WRITER_HELP),
    provider: Optional[ProviderName] = typer.Option(None, "--provider", help="Default: by which API key is set."),
    model: Optional[str] = typer.Option(None, "--model", help="Model name; for local, also a path to a GGUF file."),
    role_model: list[str] = typer.Option([], "--role-model", help="ROLE=MODEL for one role: planner, writer, fact_checker, illustrator."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="An OpenAI-compatible server (Ollama, vLLM, llama.cpp)."),
    style: str = typer.Option("", "--style", help="The visual style of every image."),
    style_file: Optional[Path] = typer.Option(None, "--style-file", help="A file holding the visual style."),
    approve: Optional[str] = typer.Option(None, "--approve", help="Steps that wait for approval (default: outline,chapters,images)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Approve every step."),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt; stop at the first approval point."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
    run_id: Optional[str] = typer.Option(None, "--run-id", help="Name of the run (an existing one continues)."),
    checkpointer: Optional[str] = typer.Option(None, "--checkpointer", help="sqlite (default) or a postgresql:// URL."),
    json_output: bool = typer.Option(False, "--json", help="Print the run id, status and step as JSON."),
    max_concurrency: Optional[int] = typer.Option(None, "--max-concurrency", min=1, max=64, help=CONCURRENCY_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Draft a story: outline, chapters, fact-check, image prompts, assembled markdown."""
    with handle_errors(run_id, runs_dir):
        brief_text = _read_option_file(brief, "--brief")
        style_text = _read_option_file(style_file, "--style-file") or style
        flags = {
            "provider": provider.value if provider else None, "model": model, "base_url": base_url,
            "chapters": chapters, "words": words, "citations": citations, "writer": writer, "style": style_text or None, "runs_dir": str(runs_dir) if runs_dir else None,
            "approve": [] if yes else ([s.strip() for s in approve.split(",") if s.strip()] if approve else None),
            "checkpointer": checkpointer, "role_models": parse_role_models(role_model),
            "max_concurrency": max_concurrency,
        }
        options = {key: value for key, (value, _) in layered_options(flags).items()}
        if yes:
            options["approve"] = []
        settings = build_settings(
            topic=topic, brief=brief_text, refs=[str(r) for r in refs], **options,
            run_id=new_run_id(topic) if run_id is None else run_id, cache=not no_cache,
        )
        run = RunDir(Path(settings.runs_dir), settings.run_id)
        if run.exists():
            settings = speed_options(same_settings(load_settings(run), settings), max_concurrency, no_cache)
        # fail now on a bad references folder or a topic they do not cover, before any run exists
        require_relevant(settings.topic, load_references(settings.ref_dirs)[1])
        runner = Runner(run, settings)
        for role in ROLES:  # fail now, not mid-run, on a missing key or model
            runner.context.llm(role)
        with runner.open():
            run.write_json("config.json", settings.model_dump(mode="json"))
            if not json_output:
                out.print(f"Run {run.run_id}: {settings.provider} provider, {settings.chapters} chapters, refs {', '.join(settings.ref_dirs)}")
            outcome = execute(runner, runner.start, interactive=_interactive(no_input) and not json_output,
                              show_report=not json_output)
            if json_output:
                print_json_outcome(run.run_id, outcome)


@app.command()
def resume(
    run_id: str = typer.Argument(..., help="The run to resume."),
    approve_step: bool = typer.Option(False, "--approve", help="Approve the step that waits."),
    edit: Optional[Path] = typer.Option(None, "--edit", help="A file with the edited step (YAML or markdown)."),
    reject: bool = typer.Option(False, "--reject", help="Send the step back with --notes."),
    notes: str = typer.Option("", "--notes", help="What to change, with --reject."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Approve this and every later step."),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print the run id, status and step as JSON."),
    max_concurrency: Optional[int] = typer.Option(None, "--max-concurrency", min=1, max=64, help=CONCURRENCY_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Continue a run: after a crash, or by answering the approval it waits for."""
    with handle_errors(run_id, runs_dir):
        run = RunDir(runs_root(runs_dir), run_id)
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
            outcome = execute(runner, action, interactive=_interactive(no_input) and not json_output,
                              show_report=not json_output)
            if json_output:
                print_json_outcome(run.run_id, outcome)


@app.command()
def rerun(
    run_id: str = typer.Argument(..., help="The run holding the chapter."),
    chapter: int = typer.Option(..., "--chapter", help="The chapter number to write again."),
    notes: str = typer.Option("", "--notes", help="What the new version should change."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Approve the new version without review."),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt."),
    runs_dir: Optional[Path] = typer.Option(None, "--runs-dir", help=RUNS_DIR_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print the run id, status and step as JSON."),
    max_concurrency: Optional[int] = typer.Option(None, "--max-concurrency", min=1, max=64, help=CONCURRENCY_HELP),
) -> None:
    """Re-run one chapter: write, fact-check, image prompt, style check; then assemble again.

    The other chapters' text and image prompts stay as they are, and so does a chapter file edited by
    hand. The earlier version is kept in chapters/history (see `storyagent diff`). On a finished run
    the new version waits for approval of its chapter and image prompts unless --yes. On a run waiting
    at the chapters or images approval, the new version joins what waits: the run returns to waiting
    at the same step (at the images step, the new chapter first waits for approval alone, unless --yes).
    A run waiting at the outline, or not finished, cannot re-run a chapter.
    """
    with handle_errors(run_id, runs_dir):
        run = RunDir(runs_root(runs_dir), run_id)
        settings = speed_options(load_settings(run), max_concurrency, False)
        runner = Runner(run, settings)
        with runner.open():
            outcome = execute(runner, lambda: runner.rerun(chapter, notes, yes=yes),
                              interactive=_interactive(no_input) and not json_output, show_report=not json_output)
            if json_output:
                print_json_outcome(run.run_id, outcome)


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

