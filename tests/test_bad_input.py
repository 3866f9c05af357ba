"""Bad input gets one `Error:` line and exit 2, and nothing is written outside the run folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from agent.story.references import load_references
from tests.approval_support import files, invoke
from tests.scripted import use_scripted

ROOT = Path(__file__).resolve().parents[1]
SCRIPT_PAGE = ('<html><head><title>Launch day</title><script>alert("head")</script></head><body><article>'
               "<h1>ChatGPT launch</h1><p>ChatGPT was launched by OpenAI on November 30, 2022, as a research preview.</p>"
               '<script>document.write("evil")</script><img src=x onerror="alert(1)"><iframe src="javascript:alert(2)"></iframe>'
               "<p>It reached one million users in five days.</p></article></body></html>")


@pytest.fixture
def refs(tmp_path) -> Path:
    folder = tmp_path / "refs"
    shutil.copytree(ROOT / "references" / "chatgpt-launch", folder)
    return folder


def draft(tmp_path, refs, *extra, topic="ChatGPT launch", run_id="b"):
    args = ["draft", "--topic", topic, "--chapters", "2", "--provider", "local", "--no-input",
            "--runs-dir", tmp_path / "runs", *extra]
    if refs is not None:
        args += ["--refs", refs]
    if run_id is not None:
        args += ["--run-id", run_id]
    return invoke(*args)


def error_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def one_file_refs(tmp_path, name: str, data: bytes) -> Path:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("name, data, message", [
    ("empty.md", b"", "has no text after cleaning"),
    ("blank.md", b" \n\t\n", "has no text after cleaning"),
    ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is binary, not text"),
    ("latin.txt", "Caf\u00e9 society met at the launch".encode("latin-1"), "is not UTF-8 text; convert it to UTF-8"),
])
def test_a_bad_reference_file_is_refused_before_a_run_exists(tmp_path, name, data, message):
    refs = one_file_refs(tmp_path, name, data)
    before = files(tmp_path)
    result = draft(tmp_path, refs)
    assert result.exit_code == 2
    assert error_line(result) == f"Error: reference file {refs / name} {message}" or message in error_line(result)
    assert files(tmp_path) == before and not (tmp_path / "runs").exists()


def test_a_huge_reference_is_refused_without_reading_it(tmp_path, refs, monkeypatch):
    huge = refs / "huge.txt"
    with open(huge, "wb") as handle:  # 100 MB, sparse: made in no time
        handle.truncate(100 * 1024 * 1024)
    result = draft(tmp_path, refs)
    assert result.exit_code == 2
    assert error_line(result) == (f"Error: reference file {huge} is 100.0 MB, over the 5 MB limit; split or trim it, "
                                  "or raise the limit with STORYAGENT_MAX_REFERENCE_MB")
    monkeypatch.setenv("STORYAGENT_MAX_REFERENCE_MB", "0.002")  # the setting: now a 3 KB file is over it
    result = draft(tmp_path, refs.parent / "refs", run_id="c")
    assert result.exit_code == 2 and "over the 0.002 MB limit" in error_line(result)


def test_html_full_of_scripts_keeps_only_the_text(tmp_path):
    refs = one_file_refs(tmp_path, "page.html", SCRIPT_PAGE.encode())
    sources, passages = load_references([refs])
    text = " ".join(p.text for p in passages)
    assert "ChatGPT was launched by OpenAI on November 30, 2022" in text and "one million users" in text
    assert not any(bad in text for bad in ("alert", "evil", "onerror", "<script", "javascript:"))
    assert sources[0].title == "ChatGPT launch"


def test_a_symlink_loop_in_the_references_folder_is_harmless(tmp_path, refs):
    (refs / "self").symlink_to(".")
    (refs / "up").symlink_to("../refs")
    (refs / "dangling.md").symlink_to("missing.md")
    sources, _ = load_references([refs])
    assert sorted(s.id for s in sources) == ["altman-interview", "altman-reflections", "generative-ai-explained",
                                             "mit-tr-inside-story"]


def test_two_files_with_the_same_title_stay_two_sources(tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Same\n---\nChatGPT was launched in November 2022.\n")
    (folder / "b.md").write_text("---\ntitle: Same\n---\nChatGPT reached a million users in five days.\n")
    sources, passages = load_references([folder])
    assert [(s.id, s.title) for s in sources] == [("a", "Same"), ("b", "Same")]
    assert [p.id for p in passages] == ["a.p1", "b.p1"]


def test_a_topic_the_references_do_not_cover_is_refused(tmp_path, refs):
    result = draft(tmp_path, refs, topic="The fall of the Roman empire")
    assert result.exit_code == 2
    assert error_line(result) == ("Error: the references say nothing about topic 'The fall of the Roman empire': fall, "
                                  "roman, empire do not occur in them; give --refs with sources on this topic, or a topic they cover")
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("chapters", ["0", "-1", "1000"])
def test_chapters_out_of_range(tmp_path, refs, chapters):
    result = invoke("draft", "--topic", "ChatGPT launch", "--refs", refs, "--chapters", chapters, "--runs-dir", tmp_path / "runs")
    assert result.exit_code == 2 and error_line(result) == "Error: --chapters must be between 1 and 30"


@pytest.mark.parametrize("run_id", ["../escape", "a/b", "", "/abs", ".hidden"])
def test_bad_run_ids(tmp_path, refs, run_id):
    before = files(tmp_path)
    result = draft(tmp_path, refs, run_id=run_id)
    assert result.exit_code == 2
    assert error_line(result) == f"Error: run id '{run_id}' is not valid: use letters, digits, '.', '_' and '-'"
    assert files(tmp_path) == before and not (tmp_path / "runs").exists() and not (tmp_path / "escape").exists()
    for command in (["resume", run_id], ["status", run_id], ["rerun", run_id, "--chapter", "1"]):
        result = invoke(*command, "--runs-dir", tmp_path / "runs")
        assert result.exit_code == 2 and "is not valid" in error_line(result)


def test_an_existing_run_id_with_other_settings_names_them(tmp_path, refs, monkeypatch):
    use_scripted(monkeypatch)
    assert draft(tmp_path, refs).exit_code == 0
    other = tmp_path / "other"
    shutil.copytree(refs, other)
    result = invoke("draft", "--topic", "ChatGPT's first week", "--refs", other, "--chapters", "3", "--provider", "local",
                    "--no-input", "--runs-dir", tmp_path / "runs", "--run-id", "b")
    assert result.exit_code == 2
    line = error_line(result)
    assert line.startswith("Error: run 'b' already exists with other settings (topic: 'ChatGPT launch' (saved) vs "
                           "\"ChatGPT's first week\"; ref_dirs: ")
    assert "chapters: '2' (saved) vs '3')" in line and line.endswith(
        "continue it with: storyagent resume b, or choose another --run-id")
    same = draft(tmp_path, refs)  # the same settings continue the run
    assert same.exit_code == 0 and "waiting for approval of the outline" in same.output


@pytest.mark.parametrize("content, message", [
    (b"", "is empty: there is nothing to check"),
    (b"   \n\t \n", "is empty: there is nothing to check"),
    (b"\x00" * 4096, "is binary, not text (it holds NUL bytes)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "is binary, not text (it holds NUL bytes)"),
    (b"\xff\xfe caf\xe9", "is not UTF-8 text; convert it to UTF-8"),
])
def test_check_refuses_a_story_with_nothing_to_check(tmp_path, refs, content, message):
    story = tmp_path / "story.md"
    story.write_bytes(content)
    result = invoke("check", story, "--refs", refs, "--no-model")
    assert result.exit_code == 2 and error_line(result) == f"Error: story {story} {message}"


def test_check_on_a_missing_story(tmp_path, refs):
    result = invoke("check", tmp_path / "nope.md", "--refs", refs, "--no-model")
    assert result.exit_code == 2
    assert error_line(result) == f"Error: cannot read story {tmp_path / 'nope.md'}: No such file or directory"
