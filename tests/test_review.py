"""agent/review.py and agent/edit_forms.py: what a reviewer sees, edits and sends back."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from rich.console import Console

from agent.cli.edit_forms import edit_form, parse_edit_file, with_error
from agent.errors import InputError
from agent.cli.review import edit_in_editor, render_step, review_loop
from tests.approval_support import editor_script, scripted_runner


@pytest.fixture(scope="module")
def values(tmp_path_factory):
    """The state of a finished two-chapter run."""
    from tests.conftest import copy_references

    tmp = tmp_path_factory.mktemp("review")
    refs = copy_references(tmp / "refs")
    runner = scripted_runner(tmp, refs)
    with runner.open():
        assert runner.start().status == "done"
        return runner.values()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def console() -> Console:
    return Console(file=io.StringIO(), width=120, record=True, color_system=None)


# ---- forms round-trip and edits ----------------------------------------------------------------


@pytest.mark.parametrize("step", ["outline", "chapters", "images"])
def test_an_unchanged_form_parses_to_no_change(tmp_path, values, step):
    path = write(tmp_path, f"{step}.txt", edit_form(step, values))
    data = parse_edit_file(step, path, values)
    if step == "outline":
        assert data == {"outline": values["outline"], "style_sheet": values["style_sheet"]}
    else:
        assert data == {"chapters": {}} if step == "chapters" else data == {"prompts": {}}


def test_outline_edit(tmp_path, values):
    form = yaml.safe_load(edit_form("outline", values))
    form["outline"]["chapters"][1]["title"] = "The Morning After"
    form["style_sheet"]["mood"] = "hopeful"
    data = parse_edit_file("outline", write(tmp_path, "o.yaml", yaml.safe_dump(form)), values)
    assert data["outline"]["chapters"][1]["title"] == "The Morning After"
    assert data["style_sheet"]["mood"] == "hopeful"
    assert data["outline"]["chapters"][0] == values["outline"]["chapters"][0]


def test_chapters_edit_returns_only_what_changed(tmp_path, values):
    text = edit_form("chapters", values).replace("# Chapter 2: Part 2", "# Chapter 2: Launch Night")
    data = parse_edit_file("chapters", write(tmp_path, "c.md", text), values)
    assert data == {"chapters": {2: {"title": "Launch Night", "text": values["chapter_text"][2]["text"]}}}


def test_images_edit_keeps_the_other_fields(tmp_path, values):
    form = yaml.safe_load(edit_form("images", values))
    form["prompts"][1][0]["prompt"] = "1: A graphic-novel panel of a server room at night."
    data = parse_edit_file("images", write(tmp_path, "i.yaml", yaml.safe_dump(form)), values)
    assert list(data["prompts"]) == [1]
    edited = data["prompts"][1][0]
    assert edited == {**values["prompts"][1][0], "prompt": "1: A graphic-novel panel of a server room at night."}


# ---- invalid edits: clear errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "step,text,message",
    [
        ("outline", "outline: [unclosed", "is not valid YAML at line 1"),
        ("outline", "- a list", "must hold a YAML mapping"),
        ("outline", "notes: hi", "the outline edit takes 'outline' and 'style_sheet', got: notes"),
        ("chapters", "Some text\n\n# Chapter 1: A\n\nBody.", "text before the first '# Chapter N: Title' heading"),
        ("chapters", "Just prose, no heading.", "the chapters edit has no '# Chapter N: Title' heading"),
        ("chapters", "# Chapter 1: A\n\n", "chapter 1 has no text"),
        ("chapters", "# Chapter 7: A\n\nBody.", "the story has no chapter 7 (its chapters: 1, 2)"),
        ("chapters", "# Chapter 1: A\n\nOne.\n\n# Chapter 1: B\n\nTwo.", "chapter 1 appears twice"),
        ("images", "prompts:\n  1:\n  - file: 09-nope.png\n    prompt: x", "chapter 1 has no image '09-nope.png' (its images: 01-part-1.png)"),
        ("images", "prompts:\n  1:\n  - file: 01-part-1.png\n    prompt: ''", "needs a 'file' and a non-empty 'prompt'"),
    ],
)
def test_invalid_edits_say_what_is_wrong(tmp_path, values, step, text, message):
    with pytest.raises(InputError) as exc:
        parse_edit_file(step, write(tmp_path, "edit.txt", text), values)
    assert message in str(exc.value)


def test_outline_chapters_must_be_numbered_in_order(tmp_path, values):
    form = yaml.safe_load(edit_form("outline", values))
    form["outline"]["chapters"][0]["number"] = 3
    with pytest.raises(InputError, match=r"must be numbered 1 to 2 in order, got \[3, 2\]"):
        parse_edit_file("outline", write(tmp_path, "o.yaml", yaml.safe_dump(form)), values)
    form["outline"]["chapters"][0].update(number=1, title="x" * 200)
    with pytest.raises(InputError, match=r"invalid outline: chapters\.0\.title: String should have at most 90 characters"):
        parse_edit_file("outline", write(tmp_path, "o.yaml", yaml.safe_dump(form)), values)


def test_a_rerun_approval_takes_its_chapter_only(tmp_path, values):
    form = edit_form("chapters", values, chapter=2)
    assert "# Chapter 2:" in form and "# Chapter 1:" not in form
    text = "# Chapter 1: Part 1\n\nChanged."
    with pytest.raises(InputError, match="this approval is for chapter 2 alone; remove chapter 1"):
        parse_edit_file("chapters", write(tmp_path, "c.md", text), values, chapter=2)


def test_missing_edit_file(tmp_path):
    with pytest.raises(InputError, match="cannot read the edit file .*nope.md"):
        parse_edit_file("chapters", tmp_path / "nope.md")


def test_error_goes_at_the_top_and_replaces_the_last_one():
    once = with_error("outline", "outline: {}\n", "first problem")
    twice = with_error("outline", once, "second problem")
    assert twice.startswith("# ---- ERROR ----\n# second problem\n")
    assert "first problem" not in twice and twice.endswith("outline: {}\n")
    md = with_error("chapters", "# Chapter 1: A\n\nB\n", "bad")
    assert md.startswith("<!-- ---- ERROR ----\n     bad\n") and md.endswith("# Chapter 1: A\n\nB\n")


# ---- the editor loop ----------------------------------------------------------------------------


def test_editor_reopens_with_the_error_until_the_file_parses(tmp_path, values):
    seen = tmp_path / "seen.jsonl"
    editor = editor_script(tmp_path, f"""
import json
with open({str(seen)!r}, "a") as log:
    log.write(json.dumps(text) + "\\n")
if "ERROR" not in text:
    path.write_text("no heading at all")
else:
    path.write_text(text.replace("no heading at all", "# Chapter 1: Fixed Title\\n\\nA fixed chapter."))
""")
    data = edit_in_editor("chapters", values, console(), editor=editor)
    assert data == {"chapters": {1: {"title": "Fixed Title", "text": "A fixed chapter."}}}
    opened = [json.loads(line) for line in seen.read_text().splitlines()]
    assert len(opened) == 2
    assert opened[0].startswith("<!-- Edit the chapters")
    assert opened[1].startswith("<!-- ---- ERROR ----\n     the chapters edit has no '# Chapter N: Title' heading")


def test_saving_unchanged_cancels_the_edit(tmp_path, values):
    assert edit_in_editor("outline", values, console(), editor=editor_script(tmp_path, "pass")) is None


def test_a_failing_editor_is_an_input_error(tmp_path, values):
    with pytest.raises(InputError, match="exited with status 3"):
        edit_in_editor("outline", values, console(), editor=editor_script(tmp_path, "sys.exit(3)"))
    with pytest.raises(InputError, match="cannot start the editor 'no-such-editor-xyz'"):
        edit_in_editor("outline", values, console(), editor="no-such-editor-xyz")


# ---- rendering ----------------------------------------------------------------------------------


def test_chapters_show_their_unsupported_claims(values):
    text = "ChatGPT launched on November 30, 2022 [a.p1]. The team met 4,321 investors in Atlantis [a.p1].\n\nIt grew fast [a.p2]."
    check = {"chapter": 1, "claims": [
        {"sentence": "ChatGPT launched on November 30, 2022.", "claim": "launch date", "verdict": "supported"},
        {"sentence": "The team met 4,321 investors in Atlantis.", "claim": "The team met 4,321 investors",
         "verdict": "unsupported", "reason": "no passage mentions investors"},
    ]}
    state = {**values, "chapter_text": {1: {"number": 1, "title": "Launch", "text": text}}, "checks": {1: check}}
    con = console()
    render_step(con, "chapters", state)
    shown = con.export_text()
    assert "Chapter 1: Launch" in shown
    assert "Atlantis [a.p1]. ⟵ unsupported" in shown
    assert "November 30, 2022 [a.p1]. ⟵" not in shown
    assert "✗ unsupported: The team met 4,321 investors (no passage mentions investors)" in shown
    assert "2 claims checked, 1 not supported" in shown


def test_outline_and_images_are_shown_against_the_style_sheet(values):
    con = console()
    render_step(con, "outline", values)
    render_step(con, "images", values)
    shown = con.export_text()
    assert "The Scripted Story" in shown and "Part 1" in shown and "Part 2" in shown
    assert "teal #0f766e" in shown and "photorealistic" in shown
    assert "01-part-1.png (image)  ✓ matches the style sheet" in shown


def test_review_loop_approves_rejects_and_quits(tmp_path, seed_refs, monkeypatch):
    runner = scripted_runner(tmp_path, seed_refs, approve=("outline", "chapters", "images"))
    monkeypatch.setattr("sys.stdin", io.StringIO("a\nr\nNo jargon, please\na\nq\n"))
    with runner.open():
        outcome = review_loop(runner, runner.start(), execute_action=lambda act: act(), console=console())
        assert outcome.status == "awaiting_approval" and outcome.step == "images"
        assert runner.values()["feedback"]["chapters"] == "No jargon, please"
    writes = [c["user"] for c in runner.provider.calls if "writer of an illustrated" in c["system"]]
    assert len(writes) == 4 and all("No jargon, please" in w for w in writes[2:])
