"""Fuzzing with bounded examples: reference files, stories given to `check`, and draft options.

Whatever the input, the outcome is a result or one `Error:` line with exit 2: never a traceback, an
"unexpected" error, a control character on the terminal, or a file outside the run folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agent.errors import InputError
from agent.story.references import load_references
from tests.approval_support import files, invoke
from tests.scripted import use_scripted

ROOT = Path(__file__).resolve().parents[1]
REFS = ROOT / "references" / "chatgpt-launch"
CONTROL = set(chr(c) for c in [*range(0, 9), *range(11, 32), *range(127, 160)])
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

texty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)
markdownish = st.lists(st.one_of(texty, st.sampled_from([
    "## Chapter 1: Launch\n", "\n\n", "ChatGPT was launched on November 30, 2022 [altman-interview.p1]. ",
    "<script>alert(1)</script>", "\x1b[31m", "---\ntitle: x\n---\n", "[dramatized] ", "1,000,000 users. ",
    "\x00", "# Title\n", "* item\n", "</details>", "Altman said “it worked.” "])), max_size=12).map("".join)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), markdownish.map(lambda t: t.encode("utf-8"))),
       suffix=st.sampled_from([".md", ".txt", ".html"]))
def test_any_reference_file_loads_or_is_refused_clearly(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ref{suffix}"
        path.write_bytes(data)
        try:
            sources, passages = load_references([tmp])
        except InputError as exc:
            assert str(exc).startswith(f"reference file {path} ")
            return
        assert len(sources) == 1 and passages and all(p.text.strip() for p in passages)


@FUZZ
@given(story=st.one_of(markdownish.map(lambda t: t.encode("utf-8")), st.binary(max_size=400)))
@example(story=b"\x06 AA 0: AA\r0 saw")  # a sentence of two atoms, its line printed with a control character
def test_check_gives_a_report_or_one_error_line(tmp_path, story):
    path = tmp_path / "story.md"
    path.write_bytes(story)
    result = invoke("check", path, "--refs", REFS, "--no-model")
    assert result.exit_code in (0, 1, 2), result.output
    assert not CONTROL & set(result.output)
    assert "unexpected" not in result.output and "Traceback" not in result.output
    if result.exit_code == 2:
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: ")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(topic=st.one_of(st.sampled_from(["ChatGPT launch", "ChatGPT launch </details><script>x</script>", "", " "]),
                       st.text(max_size=40)),
       run_id=st.one_of(st.none(), st.sampled_from(["ok", "../up", "a/b", "", ".x", "-x", "x" * 101]), st.text(max_size=12)),
       chapters=st.one_of(st.none(), st.integers(min_value=-5, max_value=1000)))
@example(topic="0\n0", run_id=None, chapters=None)  # a topic of two lines: its error message stays one line
def test_draft_options_never_crash_or_write_outside_the_run(tmp_path, monkeypatch, topic, run_id, chapters):
    use_scripted(monkeypatch)
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    refs = work / "refs"
    shutil.copytree(REFS, refs)
    before = files(work)
    args = ["draft", "--topic", topic, "--refs", refs, "--provider", "local", "--no-input", "--runs-dir", work / "runs"]
    if run_id is not None:
        args += ["--run-id", run_id]
    if chapters is not None:
        args += ["--chapters", str(chapters)]
    result = invoke(*args)
    assert result.exit_code in (0, 2), result.output
    assert "unexpected" not in result.output and "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.strip().splitlines()[-1].startswith("Error: ")
    else:
        assert "waiting for approval of the outline" in result.output
    after = files(work)
    outside = {name for name in set(after) ^ set(before) if not name.startswith("runs/")}
    assert not outside
    if result.exit_code == 0:
        made = {name.split("/")[1] for name in after if name.startswith("runs/")}
        assert len(made) == 1 and (run_id is None or made == {run_id})
