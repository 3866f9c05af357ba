"""agent/chapter_files.py: the manifest, hand edits, earlier versions."""

from __future__ import annotations

import json

from agent.storage.chapter_files import MANIFEST, archive, history, is_hand_edited, sha256, write_chapters
from agent.storage.folder import RunDir


def chapters(**texts):
    return {int(n[1:]): {"number": int(n[1:]), "title": f"Part {n[1:]}", "text": t} for n, t in texts.items()}


def test_assembly_writes_each_file_once_and_records_it(tmp_path):
    run = RunDir(tmp_path, "r")
    assert write_chapters(run, chapters(c1="One.", c2="Two.")) == {}
    one = run.file("chapters/01-part-1.md")
    assert one.read_text() == "One.\n"
    manifest = json.loads(run.file(MANIFEST).read_text())
    assert manifest == {"01-part-1.md": sha256(b"One.\n"), "02-part-2.md": sha256(b"Two.\n")}
    stamp = one.stat().st_mtime_ns
    write_chapters(run, chapters(c1="One.", c2="Two, again."))
    assert one.stat().st_mtime_ns == stamp  # unchanged text: the file is not touched
    assert run.file("chapters/02-part-2.md").read_text() == "Two, again.\n"


def test_a_hand_edit_is_kept_and_returned(tmp_path):
    run = RunDir(tmp_path, "r")
    write_chapters(run, chapters(c1="One.", c2="Two."))
    run.file("chapters/01-part-1.md").write_text("One, edited by hand.")  # no final newline: kept as is
    assert is_hand_edited(run, 1, "Part 1") and not is_hand_edited(run, 2, "Part 2")
    assert write_chapters(run, chapters(c1="One.", c2="Two.")) == {1: "One, edited by hand."}
    assert run.file("chapters/01-part-1.md").read_text() == "One, edited by hand."
    assert not is_hand_edited(run, 1, "Part 1")  # assembly took it in
    # the chapter being re-run is the exception: its new text wins
    run.file("chapters/01-part-1.md").write_text("Edited again.")
    assert write_chapters(run, chapters(c1="New one.", c2="Two."), rerun=1) == {}
    assert run.file("chapters/01-part-1.md").read_text() == "New one.\n"


def test_versions_and_renamed_chapters_go_to_history(tmp_path):
    run = RunDir(tmp_path, "r")
    write_chapters(run, chapters(c1="One."))
    assert archive(run, 1).name == "01-part-1.v1.md"
    assert archive(run, 1).name == "01-part-1.v1.md"  # same content: not kept twice
    run.file("chapters/01-part-1.md").write_text("Changed.\n")
    assert archive(run, 1).name == "01-part-1.v2.md"
    renamed = {1: {"number": 1, "title": "The Launch", "text": "One."}}
    write_chapters(run, renamed, rerun=1)
    assert [p.name for p in history(run, 1)] == ["01-part-1.v1.md", "01-part-1.v2.md"]  # v2 held it already
    assert sorted(p.name for p in run.file("chapters").glob("*.md")) == ["01-the-launch.md"]
    assert list(json.loads(run.file(MANIFEST).read_text())) == ["01-the-launch.md"]
    assert archive(run, 2) is None
