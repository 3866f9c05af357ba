"""Readable, editable forms of the steps that wait for approval, and their parsing back into edit data.

The outline and the image prompts are edited as YAML, the chapters as markdown. Parsing checks
the result against the domain models, and against the run's state when it is given, and raises
InputError with a message a person can act on.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from agent.illustration.charts import ChartPrompt
from agent.errors import InputError
from agent.state import Outline, StyleSheet

HEADING_RE = re.compile(r"^#[ \t]+Chapter[ \t]+(\d+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
ERROR_RE = re.compile(r"\A(?:# ---- ERROR ----\n(?:#.*\n)*?# ---- fix it .*\n|(?s:<!-- ---- ERROR ----.*?-->\n))")
MAX_TITLE = 90  # as in the outline's ChapterPlan
SUFFIX = {"outline": ".yaml", "chapters": ".md", "images": ".yaml"}

HELP = {
    "outline": "# Edit the outline and the style sheet, then save and close the editor.\n"
    "# Keep the chapters numbered 1, 2, 3 ... in order. Save without changes to cancel.\n",
    "chapters": "<!-- Edit the chapters, then save and close the editor. Save without changes to cancel.\n"
    "     Keep each '# Chapter N: Title' heading; the title after the colon may change.\n"
    "     Markers like [src.p3] tie a sentence to its source passage: keep them where they still apply. -->\n",
    "images": "# Edit the image prompts, then save and close the editor. Save without changes to cancel.\n"
    "# One entry per image file, listed under its chapter number.\n",
}


def _chapters_shown(values: dict, chapter: int | None) -> list[int]:
    numbers = sorted(values.get("chapter_text", {}))
    return [chapter] if chapter is not None and chapter in numbers else numbers


def edit_form(step: str, values: dict, chapter: int | None = None) -> str:
    """Return the editable text of a step: YAML for the outline and image prompts, markdown for chapters."""
    if step == "outline":
        data = {"outline": values["outline"], "style_sheet": values["style_sheet"]}
        return HELP[step] + _yaml(data)
    if step == "chapters":
        parts = [HELP[step]]
        for n in _chapters_shown(values, chapter):
            item = values["chapter_text"][n]
            parts.append(f"# Chapter {n}: {item['title']}\n\n{item['text'].strip()}\n")
        return "\n".join(parts)
    if step == "images":
        prompts = values.get("prompts", {})
        shown = {n: [{"file": p["file"], "kind": p.get("kind", "image"), "prompt": p["prompt"]} for p in prompts.get(n, [])]
                 for n in _chapters_shown(values, chapter) if prompts.get(n)}
        sheet = values.get("style_sheet", {})
        note = f"# Style: {sheet.get('medium', '')}; must say: {', '.join(sheet.get('required_phrases', []))}; " \
               f"never: {', '.join(sheet.get('banned_styles', []))}\n"
        return HELP[step] + note + _yaml({"prompts": shown})
    raise InputError(f"unknown approval step '{step}'")


def with_error(step: str, text: str, message: str) -> str:
    """Return an edited form with the error shown at its top (replacing an earlier one)."""
    text = ERROR_RE.sub("", text, count=1)
    lines = message.splitlines() or [message]
    if SUFFIX.get(step) == ".md":
        return "<!-- ---- ERROR ----\n" + "\n".join(f"     {line}" for line in lines) + \
            "\n     Fix it below, or save without changes to cancel. -->\n" + text
    return "# ---- ERROR ----\n" + "".join(f"# {line}\n" for line in lines) + \
        "# ---- fix it below, or save without changes to cancel ----\n" + text


def parse_edit_file(step: str, path: Path, values: dict | None = None, chapter: int | None = None) -> dict:
    """Read an edited step from a file into the data its approval node takes; raise InputError if invalid."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the edit file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if step == "outline":
        return _parse_outline(_load_yaml(text, path), values)
    if step == "chapters":
        return _parse_chapters(text, values, chapter)
    if step == "images":
        return _parse_images(_load_yaml(text, path), values, chapter)
    raise InputError(f"unknown approval step '{step}'; the steps are outline, chapters and images")


def _yaml(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _load_yaml(text: str, path) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(f"the edit file {path} is not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"the edit file {path} must hold a YAML mapping")
    return data


def _invalid(what: str, exc: ValidationError) -> InputError:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return InputError(f"invalid {what}: {where}: {first['msg']}" if where else f"invalid {what}: {first['msg']}")


def _parse_outline(data: dict, values: dict | None) -> dict:
    unknown = sorted(set(data) - {"outline", "style_sheet"})
    if unknown or not data:
        raise InputError(f"the outline edit takes 'outline' and 'style_sheet', got: {', '.join(unknown) or 'nothing'}")
    result = {}
    if "outline" in data:
        try:
            outline = Outline.model_validate(data["outline"])
        except ValidationError as exc:
            raise _invalid("outline", exc) from None
        numbers = [c.number for c in outline.chapters]
        if not numbers or numbers != list(range(1, len(numbers) + 1)):
            raise InputError(f"the outline's chapters must be numbered 1 to {len(numbers) or 'N'} in order, got {numbers}")
        result["outline"] = outline.model_dump(mode="json")
    if "style_sheet" in data:
        try:
            result["style_sheet"] = StyleSheet.model_validate(data["style_sheet"]).model_dump(mode="json")
        except ValidationError as exc:
            raise _invalid("style sheet", exc) from None
    if values:
        result = {key: result.get(key, values.get(key)) for key in ("outline", "style_sheet")}
    return result


def _parse_chapters(text: str, values: dict | None, chapter: int | None) -> dict:
    text = COMMENT_RE.sub("", text)
    headings = list(HEADING_RE.finditer(text))
    if not headings:
        raise InputError("the chapters edit has no '# Chapter N: Title' heading")
    if text[: headings[0].start()].strip():
        raise InputError("text before the first '# Chapter N: Title' heading; put it under a chapter")
    existing = (values or {}).get("chapter_text", {})
    chapters: dict[int, dict] = {}
    for i, match in enumerate(headings):
        number, title = int(match.group(1)), match.group(2).strip()
        body = text[match.end(): headings[i + 1].start() if i + 1 < len(headings) else len(text)].strip()
        if number in chapters:
            raise InputError(f"chapter {number} appears twice in the chapters edit")
        if not title:
            raise InputError(f"chapter {number} has no title after 'Chapter {number}:'")
        if len(title) > MAX_TITLE:
            raise InputError(f"the title of chapter {number} is {len(title)} characters long; keep it under {MAX_TITLE}")
        if not body:
            raise InputError(f"chapter {number} has no text")
        if values is not None and number not in existing:
            known = ", ".join(str(n) for n in sorted(existing)) or "none"
            raise InputError(f"the story has no chapter {number} (its chapters: {known})")
        if chapter is not None and number != chapter:
            raise InputError(f"this approval is for chapter {chapter} alone; remove chapter {number}")
        old = existing.get(number)
        if old is None or old["title"] != title or old["text"].strip() != body:
            chapters[number] = {"title": title, "text": body}
    return {"chapters": chapters}


def _parse_images(data: dict, values: dict | None, chapter: int | None) -> dict:
    if set(data) != {"prompts"} or not isinstance(data["prompts"], dict):
        raise InputError("the image prompts edit takes one key, 'prompts', mapping chapter numbers to lists of images")
    existing = (values or {}).get("prompts", {})
    result: dict[int, list[dict]] = {}
    for key, items in data["prompts"].items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            raise InputError(f"'{key}' under prompts is not a chapter number") from None
        if chapter is not None and number != chapter:
            raise InputError(f"this approval is for chapter {chapter} alone; remove chapter {number}")
        if values is not None and number not in existing:
            raise InputError(f"the story has no image prompts for chapter {number}")
        if not isinstance(items, list) or not items:
            raise InputError(f"chapter {number} needs a list of images, each with file and prompt")
        originals = {p["file"]: p for p in existing.get(number, [])}
        prompts = []
        for item in items:
            if not isinstance(item, dict) or not str(item.get("prompt") or "").strip() or not item.get("file"):
                raise InputError(f"every image of chapter {number} needs a 'file' and a non-empty 'prompt'")
            if values is not None and item["file"] not in originals:
                raise InputError(f"chapter {number} has no image '{item['file']}' (its images: {', '.join(originals)})")
            base = originals.get(item["file"], {"chapter": number, "number": number})
            text = str(item["prompt"]).strip()
            if text != base.get("prompt", "").strip():
                text = " ".join(text.split())  # a prompt is one line, however the editor wrapped it
            else:
                text = base["prompt"]  # unchanged: keep it byte for byte
            merged = {**base, **item, "prompt": text}
            try:
                prompts.append(ChartPrompt.model_validate(merged).model_dump(mode="json", exclude_none=True))
            except ValidationError as exc:
                raise _invalid(f"image '{item['file']}'", exc) from None
        if prompts != existing.get(number):
            result[number] = prompts
    return {"prompts": result}
