"""story.md: citations as footnotes that resolve to References (or inline ids, or none); no dramatized markers in the prose."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from agent.cli.app import app
from agent.graph.context import build_settings
from agent.graph.nodes.assemble import cite
from agent.run.runner import Runner
from agent.storage.folder import RunDir
from tests.scripted import scripted_factory

DATA = Path(__file__).parent / "data" / "cable"
TEXT = ("The queen wrote to the president [cable-history.p4]. The room was quiet [dramatized]. "
        "New York cheered [wire-magazine.p1][cable-history.p4]!\n\nThe cable failed [cable-history.p5].")


def test_cite_numbers_sources_in_order_of_first_use():
    numbers: dict[str, int] = {}
    assert cite(TEXT, "footnotes", numbers) == ("The queen wrote to the president.[^1] *The room was quiet.* "
                                               "New York cheered![^2][^1]\n\nThe cable failed.[^1]")
    assert numbers == {"cable-history": 1, "wire-magazine": 2}
    assert cite("Later [wire-magazine.p3].", "footnotes", numbers) == "Later.[^2]"
    assert cite(TEXT, "inline", {}) == TEXT.replace("The room was quiet [dramatized].", "*The room was quiet.*")
    assert cite(TEXT, "none", {}) == ("The queen wrote to the president. *The room was quiet.* New York cheered!"
                                      "\n\nThe cable failed.")


def draft(tmp_path, citations: str) -> tuple[str, Path]:
    settings = build_settings(topic="The first Atlantic telegraph cable", refs=[str(DATA)], chapters=2, provider="local",
                              approve=[], citations=citations, runs_dir=str(tmp_path / "runs"), run_id="a1")
    run = RunDir(tmp_path / "runs", "a1")
    runner = Runner(run, settings, llm_factory=scripted_factory(log=run.log_call))
    with runner.open():
        assert runner.start().status == "done"
    return (run.path / "story.md").read_text(), run.path


def test_footnotes_resolve_to_the_references(tmp_path):
    story, path = draft(tmp_path, "footnotes")
    prose, references = story.split("## References", 1)
    used = re.findall(r"\[\^(\d+)\](?!:)", prose)
    assert used and used[0] == "1"
    defined = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", references, flags=re.M))
    assert set(used) == set(defined) and sorted(map(int, defined)) == list(range(1, len(defined) + 1))
    assert set(defined.values()) <= {"How the first Atlantic cable was laid — Test Writer, 2020-01-01. <https://example.org/cable-history>",
                                     "The wire under the sea — Other Writer. <https://example.org/wire>"}
    assert not re.search(r"\[[\w-]+\.p\d+\]|\[dramatized\]", prose)
    chapters = sorted((path / "chapters").glob("*.md"))
    assert chapters and all(re.search(r"\[[\w-]+\.p\d+\]", f.read_text()) for f in chapters)  # ids stay in chapter files


def test_bad_citations_or_words_options_are_one_error_line(tmp_path):
    base = ["draft", "--topic", "cable", "--refs", str(DATA), "--runs-dir", str(tmp_path), "--yes"]
    env = {"ANTHROPIC_API_KEY": "", "OPENAI_API_KEY": ""}
    result = CliRunner().invoke(app, [*base, "--citations", "endnotes"], env=env)
    assert result.exit_code != 0 and result.output.strip() == "Error: unknown --citations 'endnotes'; choose from: footnotes, inline, none"
    result = CliRunner().invoke(app, [*base, "--words", "5"], env=env)
    assert result.exit_code != 0 and result.output.strip() == "Error: --words must be between 30 and 2000"


def test_inline_and_no_citations(tmp_path):
    inline, _ = draft(tmp_path / "i", "inline")
    assert re.search(r"\[[\w-]+\.p\d+\]", inline.split("## References")[0]) and "[^1]" not in inline
    assert "`[cable-history]`" in inline or "`[wire-magazine]`" in inline
    plain, _ = draft(tmp_path / "n", "none")
    prose = plain.split("## References")[0]
    assert not re.search(r"\[[\w-]+\.p\d+\]|\[\^\d+\]", prose)


def test_check_reads_a_story_with_footnotes(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("# Wire\n\n## Chapter 1: A queen's message\n\n"
                     "Queen Victoria sent a message of 98 words to President James Buchanan.[^1] It took about sixteen hours.[^1]\n\n"
                     "## References\n\n[^1]: How the first Atlantic cable was laid — Test Writer\n")
    result = CliRunner().invoke(app, ["check", str(story), "--refs", str(DATA), "--no-model", "--json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["chapters"][0]["claims"]
    assert [c["sentence"] for c in claims] == ["Queen Victoria sent a message of 98 words to President James Buchanan.",
                                              "It took about sixteen hours."]
    assert all(c["verdict"] == "supported" for c in claims)
