"""Approval through the CLI: without a terminal, with flags, in the review loop, across processes, in a real pty."""

from __future__ import annotations

import json
import subprocess

import pexpect
import yaml

from agent.cli.edit_forms import edit_form
from agent.run.runner import Runner, load_settings
from agent.storage.folder import RunDir
from tests.approval_support import STORYAGENT, draft_args, editor_script, invoke, logged_prompts, subprocess_env
from tests.scripted import use_scripted


def values_of(tmp_path, run_id):
    run = RunDir(tmp_path / "runs", run_id)
    runner = Runner(run, load_settings(run))
    with runner.open():
        return runner.values()


def resume(tmp_path, run_id, *args, **kwargs):
    return invoke("resume", run_id, "--runs-dir", tmp_path / "runs", *args, **kwargs)


def prompts_of(provider, schema=None, system=None):
    return [c["user"] for c in provider.calls
            if (schema and c["schema"] is not None and c["schema"].__name__ == schema) or (system and system in c["system"])]


def test_without_a_terminal_draft_stops_at_the_first_approval(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    result = invoke(*draft_args(tmp_path, seed_refs, "nt"))
    assert result.exit_code == 0, result.output
    assert "Run nt is waiting for approval of the outline." in result.output
    assert f"Review it with: storyagent resume nt --runs-dir {tmp_path / 'runs'}" in result.output
    run = tmp_path / "runs" / "nt"
    assert not (run / "story.md").exists() and (run / "outline.json").exists()
    assert json.loads((run / "status.json").read_text())["status"] == "awaiting_approval"

    later = invoke(*draft_args(tmp_path, seed_refs, "nt2", "--approve", "chapters"))
    assert "Run nt2 is waiting for approval of the chapters." in later.output


def test_approve_reject_and_edit_with_flags(tmp_path, seed_refs, monkeypatch, checkpointer):
    provider = use_scripted(monkeypatch)
    invoke(*draft_args(tmp_path, seed_refs, "f", "--checkpointer", checkpointer))
    assert (tmp_path / "runs" / "f" / "checkpoints.sqlite").exists() == (checkpointer == "sqlite")

    rejected = resume(tmp_path, "f", "--reject", "--notes", "Focus on the first week")
    assert "waiting for approval of the outline" in rejected.output
    assert "Focus on the first week" in prompts_of(provider, "Outline")[-1]
    assert "Focus on the first week" not in prompts_of(provider, "Outline")[0]

    outline = yaml.safe_load(edit_form("outline", values_of(tmp_path, "f")))
    outline["outline"]["chapters"][1]["title"] = "The Second Week"
    (tmp_path / "outline.yaml").write_text(yaml.safe_dump(outline))
    edited = resume(tmp_path, "f", "--edit", tmp_path / "outline.yaml")
    assert "waiting for approval of the chapters" in edited.output, edited.output

    missing = resume(tmp_path, "f", "--reject")
    assert missing.exit_code == 2 and missing.output.strip() == "Error: --reject needs --notes saying what to change"
    both = resume(tmp_path, "f", "--approve", "--reject", "--notes", "x")
    assert both.output.strip() == "Error: choose one of --approve, --edit FILE and --reject"

    chapters = edit_form("chapters", values_of(tmp_path, "f")).replace("# Chapter 1: Part 1", "# Chapter 1: The Launch")
    (tmp_path / "chapters.md").write_text(chapters)
    assert "waiting for approval of the images" in resume(tmp_path, "f", "--edit", tmp_path / "chapters.md").output

    resume(tmp_path, "f", "--reject", "--notes", "Show the servers at night")
    assert all("Show the servers at night" in p for p in prompts_of(provider, "Scene")[-2:])
    done = resume(tmp_path, "f", "--approve")
    assert "Story written" in done.output
    story = (tmp_path / "runs" / "f" / "story.md").read_text()
    assert "## Chapter 1: The Launch" in story and "## Chapter 2: The Second Week" in story
    assert resume(tmp_path, "f", "--approve").output.strip() == "Error: run 'f' is not waiting for approval (it is done)"

    # a renamed chapter keeps its new name in the outline, so re-running it writes under that name
    run = tmp_path / "runs" / "f"
    assert json.loads((run / "outline.json").read_text())["chapters"][0]["title"] == "The Launch"
    assert invoke("rerun", "f", "--chapter", "1", "--yes", "--runs-dir", tmp_path / "runs").exit_code == 0
    assert "## Chapter 1: The Launch" in (run / "story.md").read_text()
    assert sorted(p.name for p in (run / "chapters").glob("*.md")) == ["01-the-launch.md", "02-the-second-week.md"]


def test_bad_edit_file_is_refused_before_the_run_changes(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    invoke(*draft_args(tmp_path, seed_refs, "b", "--approve", "chapters"))
    (tmp_path / "bad.md").write_text("# Chapter 9: Nowhere\n\nText.\n")
    result = resume(tmp_path, "b", "--edit", tmp_path / "bad.md")
    assert result.exit_code == 2 and result.output.strip() == "Error: the story has no chapter 9 (its chapters: 1, 2)"
    assert "waiting for approval of the chapters" in resume(tmp_path, "b").output


def test_yes_on_resume_approves_this_and_every_later_step(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    invoke(*draft_args(tmp_path, seed_refs, "y"))
    result = resume(tmp_path, "y", "--yes")
    assert "Story written" in result.output, result.output
    assert json.loads((tmp_path / "runs" / "y" / "config.json").read_text())["approve"] == []


def test_review_loop_edit_in_editor_reaches_the_story(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    monkeypatch.setattr("agent.cli.app._interactive", lambda no_input: not no_input)
    editor = editor_script(tmp_path, 'path.write_text(text.replace("# Chapter 1: Part 1", "# Chapter 1: The Day It Launched"))')
    result = invoke(*draft_args(tmp_path, seed_refs, "ed"), input="a\ne\na\n", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.output
    assert "Story written" in result.output
    run = tmp_path / "runs" / "ed"
    assert "## Chapter 1: The Day It Launched" in (run / "story.md").read_text()
    assert sorted(p.name for p in (run / "chapters").glob("*.md")) == ["01-the-day-it-launched.md", "02-part-2.md"]
    assert (run / "chapters" / "history" / "01-part-1.v1.md").exists()


def test_quit_then_resume_in_a_new_process(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    monkeypatch.setattr("agent.cli.app._interactive", lambda no_input: not no_input)
    quit_ = invoke(*draft_args(tmp_path, seed_refs, "q"), input="q\n")
    assert quit_.exit_code == 0
    assert "Quit: everything is saved." in quit_.output
    assert f"Review it with: storyagent resume q --runs-dir {tmp_path / 'runs'}" in quit_.output

    env = subprocess_env(tmp_path)
    args = [str(STORYAGENT), "resume", "q", "--runs-dir", str(tmp_path / "runs")]
    first = subprocess.run([*args, "--reject", "--notes", "Begin in San Francisco"], env=env, capture_output=True,
                           text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "Run q is waiting for approval of the outline." in first.stdout
    assert any("Begin in San Francisco" in p["user"] for p in logged_prompts(tmp_path) if p["schema"] == "Outline")
    second = subprocess.run([*args, "--yes"], env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "Story written" in second.stdout
    calls = [json.loads(line) for line in (tmp_path / "runs" / "q" / "calls.jsonl").read_text().splitlines()]
    assert [c["role"] for c in calls if c["step"] == "outline"] == ["planner", "illustrator"] * 2


def test_interactive_review_in_a_real_terminal(tmp_path, seed_refs):
    env = {**subprocess_env(tmp_path), "EDITOR": editor_script(
        tmp_path, 'path.write_text(text.replace("# Chapter 2: Part 2", "# Chapter 2: Five Days Later"))'), "VISUAL": ""}
    runs = str(tmp_path / "runs")
    child = pexpect.spawn(str(STORYAGENT), draft_args(tmp_path, seed_refs, "tty"), env=env, encoding="utf-8",
                          dimensions=(60, 160), timeout=60)
    child.expect("Approve the outline and style sheet")
    child.expect(r"quit \(saved; resume later\): ")
    child.sendline("a")
    child.expect("Approve the chapters and their fact-check")
    child.expect(r"resume later\): ")
    child.sendline("r")
    child.expect("What should change in the chapters and their fact-check")
    child.sendline("Use shorter sentences")
    child.expect("Approve the chapters and their fact-check")
    child.expect(r"resume later\): ")
    child.sendline("e")
    child.expect("Approve the image prompts")
    child.expect("matches the style sheet")
    child.expect(r"resume later\): ")
    child.sendline("q")
    child.expect("Quit: everything is saved.")
    child.expect(f"Review it with: storyagent resume tty --runs-dir {runs}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    writes = [p["user"] for p in logged_prompts(tmp_path) if "writer of an illustrated" in p["system"]]
    assert len(writes) == 4 and all("Use shorter sentences" in w for w in writes[2:])

    again = pexpect.spawn(str(STORYAGENT), ["resume", "tty", "--runs-dir", runs], env=env, encoding="utf-8",
                          dimensions=(60, 160), timeout=60)
    again.expect("Approve the image prompts")
    again.expect(r"resume later\): ")
    again.sendline("a")
    again.expect("Story written")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    assert "## Chapter 2: Five Days Later" in (tmp_path / "runs" / "tty" / "story.md").read_text()


def test_json_output_gives_run_id_status_and_step(tmp_path, seed_refs, monkeypatch):
    use_scripted(monkeypatch)
    waiting = invoke(*draft_args(tmp_path, seed_refs, "js", "--json"))
    assert waiting.exit_code == 0 and waiting.stdout.strip().splitlines()[-1] == (
        '{"run_id": "js", "status": "awaiting_approval", "step": "outline"}'
    )
    done = resume(tmp_path, "js", "--yes", "--json")
    assert done.exit_code == 0 and done.stdout.strip().splitlines()[-1] == '{"run_id": "js", "status": "done", "step": null}'
    again = invoke("rerun", "js", "--chapter", "1", "--json", "--runs-dir", tmp_path / "runs")
    # a re-run chapter waits for its approval
    assert again.stdout.strip().splitlines()[-1] == '{"run_id": "js", "status": "awaiting_approval", "step": "chapters"}'
