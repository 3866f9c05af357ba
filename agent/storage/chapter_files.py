"""A run's chapter files: what assembly wrote (sha256s in chapter_manifest.json), hand edits, earlier versions.

chapters/NN-slug.md holds each chapter as the story uses it. A person may edit one by hand: a file
whose content no longer matches the manifest is a hand edit, and assembly keeps it. Before a chapter
is re-run, its file is copied to chapters/history/NN-slug.vK.md, so `storyagent diff` can show
what changed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from agent.story.chapters import chapter_slug
from agent.storage.folder import RunDir

MANIFEST = "chapter_manifest.json"
HISTORY = "chapters/history"
VERSION_RE = re.compile(r"\.v(\d+)$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chapter_name(number: int, title: str) -> str:
    """Return the file name of a chapter under chapters/."""
    return f"{chapter_slug(number, title)}.md"


def chapter_files(run: RunDir, number: int) -> list[Path]:
    """Return the files under chapters/ that hold chapter `number` (normally one)."""
    folder = run.file("chapters")
    return sorted(folder.glob(f"{number:02d}-*.md")) if folder.is_dir() else []


def history(run: RunDir, number: int) -> list[Path]:
    """Return the earlier versions of a chapter, oldest first."""
    folder = run.file(HISTORY)
    found = folder.glob(f"{number:02d}-*.v*.md") if folder.is_dir() else []
    return sorted(found, key=_version)


def _version(path: Path) -> int:
    match = VERSION_RE.search(path.name[: -len(".md")])
    return int(match.group(1)) if match else 0


def archive(run: RunDir, number: int, current: Path | None = None) -> Path | None:
    """Copy a chapter's file (by default its current one) into chapters/history as its next version; return the copy."""
    if current is None:
        files = chapter_files(run, number)
        if not files:
            return None
        current = files[0]
    earlier = history(run, number)
    if earlier and earlier[-1].read_bytes() == current.read_bytes():
        return earlier[-1]  # the history holds this text already (e.g. a re-run tried twice)
    target = _next_version(run, number, current)
    shutil.copyfile(current, target)
    return target


def _next_version(run: RunDir, number: int, current: Path) -> Path:
    earlier = history(run, number)
    version = _version(earlier[-1]) + 1 if earlier else 1
    target = run.file(HISTORY) / f"{current.stem}.v{version}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _retire(run: RunDir, number: int, keep: str) -> None:
    """Move a chapter's files under an old name (its title changed) into the history."""
    for path in chapter_files(run, number):
        if path.name != keep:
            archive(run, number, path)
            path.unlink()


def is_hand_edited(run: RunDir, number: int, title: str, manifest: dict | None = None) -> bool:
    """Tell whether a person changed a chapter's file since assembly last wrote it."""
    if manifest is None:
        manifest = run.read_json(MANIFEST, {}) or {}
    name = chapter_name(number, title)
    path = run.file(f"chapters/{name}")
    return bool(manifest.get(name)) and path.exists() and sha256(path.read_bytes()) != manifest[name]


def write_chapters(run: RunDir, chapters: dict[int, dict], rerun: int | None = None) -> dict[int, str]:
    """Write every chapter's file unless a person edited it by hand; return the hand-edited texts.

    A file differing from the manifest is a hand edit and is left as it is, except the chapter being
    re-run, whose new text wins (its earlier file is already in the history). Files whose text
    is unchanged are not rewritten, so their bytes stay as they are.
    """
    manifest = run.read_json(MANIFEST, {}) or {}
    edited: dict[int, str] = {}
    for number in sorted(chapters):
        chapter = chapters[number]
        name = chapter_name(number, chapter["title"])
        path = run.file(f"chapters/{name}")
        if number != rerun and is_hand_edited(run, number, chapter["title"], manifest):
            edited[number] = path.read_text(encoding="utf-8").strip()
        else:
            _retire(run, number, keep=name)
            if not path.exists() or path.read_text(encoding="utf-8").strip() != chapter["text"].strip():
                run.write_text(f"chapters/{name}", chapter["text"] + "\n")
        manifest[name] = sha256(path.read_bytes())
    kept = {name: manifest[name] for name in sorted(manifest) if run.file(f"chapters/{name}").exists()}
    run.write_json(MANIFEST, kept)
    return edited
