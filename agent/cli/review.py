"""Review a step that waits for approval in a terminal: show it with rich, then approve, edit, reject or quit."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from rich.color import Color, ColorParseError
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from agent.cli.edit_forms import SUFFIX, edit_form, parse_edit_file, with_error
from agent.cli.terminal import printable_data
from agent.errors import InputError
from agent.factcheck.claims import clean, sentences
from agent.run.runner import Outcome, Runner
from agent.state import ChapterCheck

__all__ = ["review_loop", "render_step", "edit_form", "parse_edit_file", "edit_in_editor"]

TITLES = {"outline": "the outline and style sheet", "chapters": "the chapters and their fact-check", "images": "the image prompts"}
VERDICT_STYLE = {"unsupported": "black on yellow", "contradicted": "white on red"}
CHOICES = "[bold]a[/]pprove · [bold]e[/]dit · [bold]r[/]eject with notes · [bold]q[/]uit (saved; resume later)"


def review_loop(runner: Runner, outcome: Outcome, execute_action: Callable, console: Console | None = None) -> Outcome:
    """Show each step that waits, ask what to do, and run the graph on until it finishes or the person quits."""
    console = console or Console(highlight=False)
    while outcome.status == "awaiting_approval":
        values = runner.values()
        render_step(console, outcome.step, values, outcome.chapter)
        choice = Prompt.ask(CHOICES, console=console, choices=["a", "e", "r", "q"], show_choices=False)
        if choice == "q":
            console.print("Quit: everything is saved.")
            return outcome
        decision = {"action": "approve"}
        if choice == "e":
            try:
                data = edit_in_editor(outcome.step, values, console, outcome.chapter)
            except InputError as exc:
                console.print(f"[red]Error:[/] {escape(str(exc))}", soft_wrap=True)
                continue
            if data is None:
                console.print("No changes made; the step still waits.")
                continue
            decision = {"action": "edit", "data": data}
        elif choice == "r":
            notes = Prompt.ask(f"What should change in {TITLES[outcome.step]}?", console=console).strip()
            if not notes:
                console.print("Rejecting needs notes saying what to change; the step still waits.")
                continue
            decision = {"action": "reject", "notes": notes}
        outcome = execute_action(lambda decision=decision: runner.resume(decision))
    return outcome


def edit_in_editor(step: str, values: dict, console: Console, chapter: int | None = None, editor: str | None = None) -> dict | None:
    """Open $EDITOR on the step's form until it parses; return the edit data, or None if saved unchanged."""
    command = shlex.split(editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    text = edit_form(step, values, chapter)
    with tempfile.TemporaryDirectory(prefix="storyagent-") as folder:
        path = Path(folder) / f"{step}{SUFFIX[step]}"
        while True:
            path.write_text(text, encoding="utf-8")
            try:
                code = subprocess.call([*command, str(path)])
            except OSError as exc:
                raise InputError(f"cannot start the editor '{command[0]}': {exc.strerror or exc}; set $EDITOR") from None
            if code != 0:
                raise InputError(f"the editor '{command[0]}' exited with status {code}; nothing was changed")
            edited = path.read_text(encoding="utf-8")
            if edited == text:
                return None
            try:
                return parse_edit_file(step, path, values, chapter)
            except InputError as exc:
                console.print(f"[red]{escape(str(exc))}[/] (reopening the editor)", soft_wrap=True)
                text = with_error(step, edited, str(exc))


def render_step(console: Console, step: str, values: dict, chapter: int | None = None) -> None:
    """Print what waits for approval at a step (only the re-run chapter, when one is given)."""
    which = f" (chapter {chapter}, re-run)" if chapter is not None else ""
    values = printable_data(values)  # model and reference text: no escape sequence reaches the terminal
    console.rule(f"[bold]Approve {TITLES.get(step, step)}{which}")
    if step == "outline":
        console.print(outline_table(values["outline"]))
        console.print(style_table(values["style_sheet"]))
    elif step == "chapters":
        for n in _numbers(values, chapter):
            console.print(chapter_panel(values["chapter_text"][n], values.get("checks", {}).get(n)))
    elif step == "images":
        console.print(style_table(values["style_sheet"]))
        for n in _numbers(values, chapter):
            console.print(prompts_panel(n, values.get("prompts", {}).get(n, []), values.get("style_report", {}).get(n)))


def _numbers(values: dict, chapter: int | None) -> list[int]:
    return [chapter] if chapter is not None else sorted(values.get("chapter_text", {}))


def outline_table(outline: dict) -> Table:
    """Return the outline as a table: number, title, beats and passages of each chapter."""
    title = Text.assemble((outline["title"], "bold"), "\n", (outline["logline"], "italic"))
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Chapter", ratio=1)
    table.add_column("Beats", ratio=3)
    table.add_column("Passages", ratio=1, overflow="fold")
    for plan in outline["chapters"]:
        beats = "\n".join(f"• {b}" for b in plan["beats"])
        table.add_row(str(plan["number"]), plan["title"], beats, ", ".join(plan.get("passage_ids", [])))
    return table


def style_table(sheet: dict) -> Table:
    """Return the style sheet as a two-column table, with palette swatches."""
    table = Table(title="Style sheet", show_header=False, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("", ratio=1)
    palette = Text()
    for color in sheet.get("palette", []):
        palette.append("■ ", style=_color(color["hex"]))
        palette.append(f"{color['name']} {color['hex']}   ")
    rows = [("medium", sheet.get("medium", "")), ("palette", palette), ("lighting", sheet.get("lighting", "")),
            ("framing", sheet.get("framing", "")), ("mood", sheet.get("mood", "")),
            ("must say", "; ".join(sheet.get("required_phrases", []))), ("never", ", ".join(sheet.get("banned_styles", [])))]
    rows += [(item["name"], item["description"]) for item in sheet.get("characters", []) + sheet.get("places", [])]
    for name, value in rows:
        table.add_row(name, value)
    return table


def _color(value: str) -> str:
    try:
        Color.parse(value)
    except ColorParseError:
        return ""
    return value


def marked_text(text: str, check: dict | None) -> Text:
    """Return chapter text with each sentence whose claims are not supported highlighted and labelled."""
    flagged = {}
    for claim in ChapterCheck.model_validate(check).flagged if check else []:
        flagged.setdefault(claim.sentence, claim.verdict)
    result = Text()
    for i, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
        if i:
            result.append("\n\n")
        for j, raw in enumerate(sentences(" ".join(paragraph.split()))):
            verdict = flagged.get(clean(raw))
            result.append(" " if j else "")
            result.append(raw, style=VERDICT_STYLE.get(verdict, ""))
            if verdict:
                result.append(f" ⟵ {verdict}", style="bold red")
    return result


def chapter_panel(chapter: dict, check: dict | None) -> Panel:
    """Return a chapter's text with its unsupported claims marked and listed."""
    parsed = ChapterCheck.model_validate(check) if check else None
    body = [marked_text(chapter["text"], check)]
    if parsed:
        for claim in parsed.flagged:
            body.append(Text(f"✗ {claim.verdict}: {claim.claim}" + (f" ({claim.reason})" if claim.reason else ""), style="red"))
    summary = f"{len(parsed.claims)} claims checked, {len(parsed.flagged)} not supported" if parsed else "not fact-checked"
    title = Text(f"Chapter {chapter['number']}: {chapter['title']}", style="bold")
    return Panel(Group(*body), title=title, subtitle=summary, title_align="left")


def prompts_panel(number: int, prompts: list[dict], report: dict | None) -> Panel:
    """Return a chapter's image prompts with the style check's verdict on each."""
    checks = {entry["file"]: entry for entry in (report or {}).get("prompts", [])}
    body = []
    for prompt in prompts:
        entry = checks.get(prompt["file"])
        problems = escape("; ".join(entry["problems"]) or "fails a style check") if entry else ""
        verdict = ("[green]✓ matches the style sheet[/]" if entry["passes"] else f"[red]✗ {problems}[/]") if entry else "[dim]not checked[/]"
        body.append(Text.from_markup(f"[bold]{escape(prompt['file'])}[/] ({escape(prompt.get('kind', 'image'))})  {verdict}"))
        body.append(Text(prompt["prompt"]))
        if entry and entry.get("changes"):
            body.append(Text("changes: " + "; ".join(entry["changes"]), style="dim"))
    return Panel(Group(*body) if body else Text("no image prompts"), title=f"[bold]Chapter {number}", title_align="left")
