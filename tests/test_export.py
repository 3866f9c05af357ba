"""`storyagent export --html`: one standalone page, checked as text and in headless Chromium."""

from __future__ import annotations

import base64
import os
import re
import subprocess

import pytest
from typer.testing import CliRunner

import agent.cli.images  # noqa: F401  (registers illustrate and export on the app)
from agent.cli.app import app
from agent.errors import RunError
from agent.output.export_html import export_html
from agent.storage.folder import RunDir
from tests.test_images import png_bytes
from tests.test_style_consistency import CHART

CH1 = ("In the heart of San Francisco, a team at OpenAI had been pushing AI forward [001-abc.p2]. "
       "It was *founded* in 2015 [001-abc.p3].\n\n\"We needed a model that could talk,\" one engineer said. [dramatized]")
CH2 = ("ChatGPT reached 1 million users in five days [002-def.p4]. The team met 4,321 investors in Atlantis [002-def.p9]. "
       "It cost <script>alert(1)</script> nothing [999-zzz.p1].")
CLAIMS = {"chapters": [
    {"chapter": 1, "claims": [{"sentence": "It was founded in 2015.", "claim": "OpenAI was founded in 2015", "verdict": "supported",
                               "evidence": [{"source": "001-abc", "passage_id": "001-abc.p3", "quote": "founded in 2015"}]}]},
    {"chapter": 2, "claims": [
        {"sentence": "ChatGPT reached 1 million users in five days.", "claim": "1 million users in five days", "verdict": "supported"},
        {"sentence": "The team met 4,321 investors in Atlantis.", "claim": "The team met 4,321 investors", "verdict": "unsupported",
         "reason": "number not in the evidence: 4,321", "evidence": [{"source": "002-def", "passage_id": "002-def.p9", "quote": "The team met investors"}]},
        {"sentence": "It cost <script>alert(1)</script> nothing.", "claim": "It cost nothing", "verdict": "contradicted"},
    ]},
]}
PROMPTS = [
    {"chapter": 1, "number": 1, "file": "01-seeds.png", "kind": "image", "prompt": "1: A colorful, bright wide-landscape drawing of the lab."},
    {"chapter": 2, "number": 2, "file": "02-launch.png", "kind": "image", "prompt": "2: A colorful launch <b>button</b> drawing."},
    {**CHART},
    {"chapter": 2, "number": 2, "file": "../../secret.png", "kind": "image", "prompt": "2: Unsafe."},
]


@pytest.fixture
def run(tmp_path) -> RunDir:
    run = RunDir(tmp_path / "runs", "r1")
    run.create()
    run.write_json("outline.json", {"title": "Dawn of the Conversation", "logline": "How ChatGPT launched.", "chapters": [
        {"number": 1, "title": "Seeds of Innovation", "beats": ["b"]}, {"number": 2, "title": "The Launch", "beats": ["b"]}]})
    run.write_text("chapters/01-seeds-of-innovation.md", CH1 + "\n")
    run.write_text("chapters/02-the-launch.md", CH2 + "\n")
    run.write_json("image_prompts.json", PROMPTS)
    run.write_json("fact_check.json", CLAIMS)
    run.write_json("sources.json", [
        {"id": "001-abc", "title": "The inside story of ChatGPT", "author": "Will Douglas Heaven", "date": "2023-03-03",
         "url": "https://www.technologyreview.com/2023/03/03/chatgpt/"},
        {"id": "002-def", "title": "Launch numbers", "url": "javascript:alert(1)"},
    ])
    (run.path / "01-seeds.png").write_bytes(png_bytes())
    (tmp_path / "secret.png").write_bytes(png_bytes())
    return run


def test_page_has_chapters_pictures_placeholders_and_prompts(run):
    html = export_html(run).read_text()
    assert (run.path / "story.html").is_file()
    assert "<title>Dawn of the Conversation</title>" in html and "<style>" in html and "<link" not in html
    assert "<h2>Chapter 1: Seeds of Innovation</h2>" in html and "<h2>Chapter 2: The Launch</h2>" in html
    assert '<img src="01-seeds.png" alt="A colorful, bright wide-landscape drawing of the lab.">' in html
    assert "<strong>Picture not made yet:</strong> <code>02-launch.png</code>" in html
    assert "storyagent illustrate r1 --render-charts --no-images" in html  # the chart placeholder says how
    assert html.count('<details class="prompt"><summary>Show image prompt</summary>') == 3
    assert "<summary>Show chart prompt</summary><pre>2: A bar chart.</pre>" in html
    assert "secret.png" not in html and "(unsafe file name, not shown)" in html


def test_citations_link_to_sources_and_flags_sit_beside_their_sentences(run):
    html = export_html(run).read_text()
    assert '<a class="cite" href="#source-001-abc" title="passage 001-abc.p2">[001-abc.p2]</a>' in html
    assert '<li id="source-001-abc"><a href="https://www.technologyreview.com/2023/03/03/chatgpt/">The inside story of ChatGPT</a>' in html
    assert '<li id="source-999-zzz">999-zzz <code>999-zzz</code></li>' in html  # cited, absent from sources.json
    assert "javascript:" not in html and "<li id=\"source-002-def\">Launch numbers" in html
    assert re.search(r'<span class="flagged unsupported">The team met 4,321 investors in Atlantis <a class="cite"[^>]*>'
                     r'\[002-def.p9\]</a>\.</span><span class="flag unsupported" title="unsupported: The team met 4,321 investors '
                     r'\(number not in the evidence: 4,321\)">⚠ unsupported</span>', html)
    assert '<span class="flag contradicted"' in html and "✗ contradicted" in html
    assert "ChatGPT reached 1 million users in five days <a" in html and html.count('class="flagged') == 2
    assert "It was <em>founded</em> in 2015" in html and '<span class="dramatized"' in html
    assert "Claims checked: 4. Supported by the sources: 2. Flagged: 2." in html


def test_model_text_is_escaped(run):
    html = export_html(run).read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>button</b>" not in html and "&lt;b&gt;button&lt;/b&gt;" in html


def test_a_rerun_chapters_newest_file_wins(run):
    stale = run.write_text("chapters/02-old-title.md", "The old version of chapter two.\n")
    os.utime(stale, (1, 1))
    html = export_html(run).read_text()
    assert "old version" not in html and html.count("<h2>Chapter 2: The Launch</h2>") == 1


def test_embedded_images(run):
    html = export_html(run, embed=True).read_text()
    assert f'<img src="data:image/png;base64,{base64.b64encode(png_bytes()).decode()}"' in html


def test_a_run_without_chapters_is_a_run_error(tmp_path):
    run = RunDir(tmp_path, "new")
    run.create()
    with pytest.raises(RunError, match=r"^run 'new' has no chapters in .*; finish it first: storyagent resume new$"):
        export_html(run)


def test_cli_export(run):
    result = CliRunner().invoke(app, ["export", "r1", "--html", "--runs-dir", str(run.root)])
    assert result.exit_code == 0 and result.output.strip() == f"Story page written: {run.path / 'story.html'}"
    result = CliRunner().invoke(app, ["export", "r1", "--runs-dir", str(run.root)])
    assert result.exit_code == 2 and result.output.strip() == "Error: choose an export format: --html"


def chromium(binary: str, tmp_path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'chromium-profile'}"]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120)


def test_the_page_renders_in_headless_chromium(run, tmp_path, chromium_binary):
    page = export_html(run).as_uri()
    shot = tmp_path / "page.png"
    chromium(chromium_binary, tmp_path, f"--screenshot={shot}", "--window-size=1280,2400", "--hide-scrollbars", page)
    assert shot.is_file() and shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    dom = chromium(chromium_binary, tmp_path, "--dump-dom", page).stdout
    assert "<h2>Chapter 1: Seeds of Innovation</h2>" in dom and "<h2>Chapter 2: The Launch</h2>" in dom
    assert dom.count("<summary>Show image prompt</summary>") == 3
    assert "1: A colorful, bright wide-landscape drawing of the lab." in dom
    assert '<span class="flag unsupported"' in dom and 'id="source-001-abc"' in dom
