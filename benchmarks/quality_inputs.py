"""Read what the story-quality metrics need from a run folder or from a plain story file (seed 000's shape).

A run's chapters come from chapters/NN-slug.md (inline passage ids), else from story.md; its references
from sources.json, else config.json's ref_dirs, or the folders given. A story file is split at its `## `
headings; image prompts are the `N: ...` text of its <details> blocks; its references are the other
text files beside it, and its fact-check is the project's checker run without a model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from agent.errors import InputError
from agent.factcheck.checker import check_story
from agent.factcheck.claims import sections
from agent.story.references import Library, _front_matter, load_references, load_source, slugify
from agent.settings import DEFAULT_WORDS
from agent.state import Passage, Source

SUMMARY_KEYS = ("summary", "abstract")
DETAILS_RE = re.compile(r"<details[^>]*>(.*?)</details>", re.DOTALL | re.IGNORECASE)
SUMMARY_RE = re.compile(r"<summary>.*?</summary>", re.DOTALL | re.IGNORECASE)
CHAPTER_PREFIX_RE = re.compile(r"^(?:chapter|part|section)\s+\d+\s*[:.\-–—]\s*", re.IGNORECASE)


@dataclass
class Story:
    """What the metrics need from a run folder or a story file."""

    name: str
    chapters: dict[int, tuple[str, str]]  # number -> (title, markdown with inline passage ids)
    prompts: list[tuple[int, str]] = field(default_factory=list)  # (chapter, image prompt text); charts left out
    sheet: dict | None = None
    style_report: dict | None = None
    checks: list[dict] | None = None
    sources: list[Source] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    words: int = DEFAULT_WORDS
    is_run: bool = True


def _json(path: Path, default=None):
    if not path.exists():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None


def story_chapters(markdown: str) -> dict[int, tuple[str, str]]:
    """Return the chapters of a story.md-shaped file: number -> (title without 'Chapter N:', body)."""
    return {s.number: (CHAPTER_PREFIX_RE.sub("", s.title), s.body) for s in sections(markdown) if s.title}


def image_prompts(body: str) -> list[str]:
    """Return the image prompts in a chapter's <details> blocks: from the 'N:' line to the block's end.

    A block holding a code fence is a chart, and a block with no 'N:' line (a narrative prompt) is not an image prompt.
    """
    found = []
    for block in DETAILS_RE.findall(body):
        block = SUMMARY_RE.sub("", block)
        start = re.search(r"^\s*\d+\s*:\s*", block, re.MULTILINE)
        if start and not re.search(r"^\s*(```|~~~)", block, re.MULTILINE):
            found.append(" ".join(block[start.start():].split()))
    return found


def _run_references(path: Path, config: dict) -> tuple[list[Source], list[Passage]]:
    sources, passages = [], []
    listed = _json(path / "sources.json", []) or []
    if listed and all(Path(s.get("path", "")).is_file() for s in listed):
        for item in listed:
            source, parts = load_source(Path(item["path"]), item["id"])
            sources.append(source)
            passages.extend(parts)
        return sources, passages
    dirs = [d for d in config.get("ref_dirs") or [] if Path(d).is_dir()]
    if not dirs:
        raise InputError(f"the references of run {path} are gone; pass them with --refs DIR")
    return load_references(dirs)


def load_run(path: Path, refs: list[Path] | None = None) -> Story:
    """Load a run folder; --refs folders replace the run's own references."""
    if not path.is_dir():
        raise InputError(f"run folder {path} does not exist")
    config = _json(path / "config.json", {}) or {}
    titles = {c["number"]: c["title"] for c in (_json(path / "outline.json", {}) or {}).get("chapters", [])}
    files = sorted((path / "chapters").glob("[0-9][0-9]-*.md")) if (path / "chapters").is_dir() else []
    if files:
        chapters = {int(f.name[:2]): (titles.get(int(f.name[:2]), f.stem[3:]), f.read_text(encoding="utf-8")) for f in files}
    elif (path / "story.md").exists():
        chapters = story_chapters((path / "story.md").read_text(encoding="utf-8"))
    else:
        raise InputError(f"{path} is not a run folder with chapters: it has no chapters/ and no story.md")
    prompts = [(int(p["chapter"]), p["prompt"]) for p in _json(path / "image_prompts.json", []) or []
               if p.get("kind", "image") == "image"]
    sources, passages = load_references(refs) if refs else _run_references(path, config)
    checks = _json(path / "fact_check.json")
    return Story(name=path.name, chapters=chapters, prompts=prompts, sheet=_json(path / "style_sheet.json"),
                 style_report=_json(path / "style_report.json"), checks=checks["chapters"] if checks else None,
                 sources=sources, passages=passages, words=int(config.get("words") or DEFAULT_WORDS))


def load_seed(path: Path) -> Story:
    """Load a plain story file; its references are the other text files in its folder, checked without a model."""
    markdown = path.read_text(encoding="utf-8")
    chapters = story_chapters(markdown)
    files = sorted(p for p in path.parent.iterdir() if p.is_file() and p != path and p.suffix.lower() in {".txt", ".md"})
    sources, passages = [], []
    for file in files:
        source, parts = load_source(file, slugify(file.stem, 32))
        sources.append(source)
        passages.extend(parts)
    checks = None
    if passages:
        checks = [c.model_dump(mode="json") for c in check_story(markdown, Library(passages, sources), None)]
    prompts = [(n, p) for n, (_, body) in chapters.items() for p in image_prompts(body)]
    return Story(name=f"seed {path.name[:3]}", chapters=chapters, prompts=prompts, checks=checks,
                 sources=sources, passages=passages, is_run=False)


def summary(source: Source) -> str:
    """Return a source's front-matter summary or abstract, if it has one."""
    try:
        meta, _ = _front_matter(Path(source.path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""
    return next((meta[k] for k in SUMMARY_KEYS if meta.get(k)), "")
