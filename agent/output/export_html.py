"""Export a run as one standalone HTML page: chapters, pictures or prompt placeholders, sources, fact-check flags."""

from __future__ import annotations

import base64
import re
from html import escape
from pathlib import Path

from agent.story.chapters import CITATION_RE, strip_markers
from agent.illustration.charts import ChartPrompt
from agent.errors import RunError
from agent.illustration.images import load_prompts, target
from agent.text import slugify, split_sentences
from agent.storage.folder import RunDir
from agent.state import ChapterCheck, ClaimCheck, Outline, Source

CSS = """
body{margin:0;background:#fbfaf7;color:#1f2933;font:17px/1.65 Georgia,'Times New Roman',serif}
main{max-width:860px;margin:0 auto;padding:2rem 1.25rem 4rem}
h1,h2,h3{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.25}
h1{font-size:2.2rem;margin-bottom:.3rem}.logline{font-style:italic;color:#52606d}
nav ol{columns:2;font-family:system-ui,sans-serif;font-size:.95rem}
section.chapter{margin-top:3rem}figure{margin:1.5rem 0}
figure img{width:100%;height:auto;border-radius:8px;box-shadow:0 2px 10px rgba(0,0,0,.15)}
.placeholder{border:2px dashed #9aa5b1;border-radius:8px;padding:1rem 1.25rem;background:#f0f4f8;
  font-family:system-ui,sans-serif;font-size:.9rem;min-height:10rem;overflow:auto}
.placeholder .hint{color:#52606d}details.prompt{font-family:system-ui,sans-serif;font-size:.85rem;margin-top:.4rem}
details.prompt pre{white-space:pre-wrap;background:#1f2933;color:#f5f7fa;padding:.8rem;border-radius:6px}
a.cite{font-family:system-ui,sans-serif;font-size:.7rem;vertical-align:super;text-decoration:none;color:#0f766e}
.dramatized{font-family:system-ui,sans-serif;font-size:.7rem;color:#7b4fa0;vertical-align:super}
.flagged{background:#fff3c4}.flagged.contradicted{background:#ffe3e3}
.flag{font-family:system-ui,sans-serif;font-size:.75rem;font-weight:600;white-space:nowrap;border-radius:4px;
  padding:0 .35rem;margin-left:.25rem;cursor:help}
.flag.unsupported{background:#f7c948;color:#513c06}.flag.contradicted{background:#e12d39;color:#fff}
#sources li,#fact-check li{margin-bottom:.5rem}code{font-size:.8rem}
"""
VERDICT_MARK = {"unsupported": "⚠ unsupported", "contradicted": "✗ contradicted"}


def _key(sentence: str) -> str:
    return re.sub(r"[\W_]+", " ", strip_markers(sentence).lower()).strip()


def _anchor(source_id: str) -> str:
    return f"source-{slugify(source_id, 80)}"


def inline(text: str) -> str:
    """Render one sentence as HTML: escaped, emphasis, citation markers as links to the sources section."""
    html = escape(text, quote=False)
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", html)
    html = html.replace("[dramatized]", '<span class="dramatized" title="an invented scene or dialogue">dramatized</span>')
    return CITATION_RE.sub(
        lambda m: f'<a class="cite" href="#{_anchor(m.group(1).rsplit(".p", 1)[0])}" title="passage {m.group(1)}">[{m.group(1)}]</a>',
        html,
    )


def flag(claim: ClaimCheck) -> str:
    """Return the badge shown beside a flagged sentence; its tooltip says what was checked and why."""
    tip = f"{claim.verdict}: {claim.claim}" + (f" ({claim.reason})" if claim.reason else "")
    return f'<span class="flag {claim.verdict}" title="{escape(tip)}">{VERDICT_MARK[claim.verdict]}</span>'


def paragraphs(text: str, flagged: dict[str, list[ClaimCheck]]) -> str:
    """Render chapter markdown as paragraphs, marking each sentence the fact-check flagged."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        parts = []
        for sentence in split_sentences(" ".join(block.split())):
            key = _key(sentence)
            claims = [c for k, cs in flagged.items() if k and (k == key or k in key) for c in cs]
            if not claims:
                parts.append(inline(sentence))
                continue
            verdict = "contradicted" if any(c.verdict == "contradicted" for c in claims) else "unsupported"
            parts.append(f'<span class="flagged {verdict}">{inline(sentence)}</span>' + "".join(flag(c) for c in claims))
        if parts:
            out.append(f"<p>{' '.join(parts)}</p>")
    return "\n".join(out)


def picture(run: RunDir, prompt: ChartPrompt, embed: bool) -> str:
    """Render one prompt's picture, or a placeholder showing the prompt when its PNG is missing, plus the prompt."""
    path = target(run, prompt)
    alt = escape(re.sub(r"^\d+:\s*", "", prompt.prompt.split("\n", 1)[0])[:200])
    if path is not None and path.is_file():
        src = f"data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()}" if embed else prompt.file
        shown = f'<img src="{escape(src)}" alt="{alt}">'
    else:
        how = " --render-charts --no-images" if prompt.kind == "chart" else ""
        name = escape(prompt.file) if path is not None else "(unsafe file name, not shown)"
        hint = (f"Make it with: storyagent illustrate {escape(run.run_id)}{how}" if path is not None
                else "Give it an ASCII 'NN-slug.png' name in image_prompts.json first.")
        shown = (f'<div class="placeholder" role="img" aria-label="{alt}"><strong>Picture not made yet:</strong> '
                 f"<code>{name}</code><p>{escape(prompt.prompt.split(chr(10), 1)[0])}</p>"
                 f'<p class="hint">{hint}</p></div>')
    label = "chart prompt" if prompt.kind == "chart" else "image prompt"
    return (f'<figure class="picture {prompt.kind}">{shown}<details class="prompt"><summary>Show {label}</summary>'
            f"<pre>{escape(prompt.prompt)}</pre></details></figure>")


def load_story(run: RunDir) -> dict:
    """Read what the page shows from the run folder: outline, chapter files, prompts, fact-check, sources."""
    files = sorted(p for p in run.file("chapters").glob("[0-9][0-9]-*.md")) if run.file("chapters").is_dir() else []
    if not files:
        where = run.file("chapters")
        raise RunError(f"run '{run.run_id}' has no chapters in {where}; finish it first: storyagent resume {run.run_id}")
    outline = Outline.model_validate(run.read_json("outline.json")) if run.file("outline.json").is_file() else None
    titles = {c.number: c.title for c in outline.chapters} if outline else {}
    latest: dict[int, Path] = {}
    for path in files:  # a re-run chapter with a new title leaves its old file behind: take the newest
        number = int(path.name[:2])
        if number not in latest or path.stat().st_mtime > latest[number].stat().st_mtime:
            latest[number] = path
    chapters = []
    for number, path in sorted(latest.items()):
        title = titles.get(number) or path.stem[3:].replace("-", " ").capitalize()
        chapters.append({"number": number, "title": title, "text": path.read_text(encoding="utf-8")})
    prompts = load_prompts(run) if run.file("image_prompts.json").is_file() else []
    report = run.read_json("fact_check.json", {"chapters": []}) or {"chapters": []}
    checks = {c.chapter: c for c in (ChapterCheck.model_validate(item) for item in report.get("chapters", []))}
    raw = run.read_json("sources.json", []) or []
    sources = [Source.model_validate(s) for s in (raw.get("sources", []) if isinstance(raw, dict) else raw)]
    return {"title": outline.title if outline else run.run_id, "logline": outline.logline if outline else "",
            "chapters": chapters, "prompts": prompts, "checks": checks, "sources": sources}


def sources_section(sources: list[Source], cited: list[str]) -> str:
    """Render the sources every citation links to; cited ids missing from sources.json still get an entry."""
    known = {s.id for s in sources}
    listed = sources + [Source(id=sid) for sid in dict.fromkeys(cited) if sid not in known]
    items = []
    for s in listed:
        title = escape(s.title or s.id)
        if re.match(r"^https?://", s.url):
            title = f'<a href="{escape(s.url)}">{title}</a>'
        by = ", ".join(escape(x) for x in (s.author, s.date) if x)
        items.append(f'<li id="{_anchor(s.id)}">{title}{f" — {by}" if by else ""} <code>{escape(s.id)}</code></li>')
    return f'<section id="sources"><h2>Sources</h2><ol>{"".join(items) or "<li>No source was cited.</li>"}</ol></section>'


def fact_check_section(checks: dict[int, ChapterCheck]) -> str:
    """Render the fact-check summary and every flagged claim with its evidence."""
    claims = [(n, c) for n in sorted(checks) for c in checks[n].claims]
    flagged = [(n, c) for n, c in claims if c.verdict != "supported"]
    items = "".join(
        f'<li><a href="#chapter-{n}">Chapter {n}</a> {flag(c)} {escape(c.claim)}'
        + "".join(f"<blockquote>{escape(e.quote)} <code>{escape(e.passage_id)}</code></blockquote>" for e in c.evidence[:2])
        + "</li>"
        for n, c in flagged
    )
    summary = f"Claims checked: {len(claims)}. Supported by the sources: {len(claims) - len(flagged)}. Flagged: {len(flagged)}."
    return f'<section id="fact-check"><h2>Fact-check</h2><p>{summary}</p>{f"<ol>{items}</ol>" if items else ""}</section>'


def export_html(run: RunDir, *, embed: bool = False) -> Path:
    """Write the run's story as one standalone HTML file (story.html in the run folder) and return its path."""
    story = load_story(run)
    body, cited = [], []
    for chapter in story["chapters"]:
        number = chapter["number"]
        check = story["checks"].get(number)
        flagged: dict[str, list[ClaimCheck]] = {}
        for claim in check.flagged if check else []:
            flagged.setdefault(_key(claim.sentence), []).append(claim)
        pictures = "".join(picture(run, p, embed) for p in story["prompts"] if p.chapter == number)
        cited += [pid.rsplit(".p", 1)[0] for pid in CITATION_RE.findall(chapter["text"])]
        body.append(f'<section class="chapter" id="chapter-{number}"><h2>Chapter {number}: {escape(chapter["title"])}</h2>'
                    f"{pictures}{paragraphs(chapter['text'], flagged)}</section>")
    toc = "".join(f'<li><a href="#chapter-{c["number"]}">{escape(c["title"])}</a></li>' for c in story["chapters"])
    html = (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(story["title"])}</title>'
        f"<style>{CSS}</style></head><body><main><header><h1>{escape(story['title'])}</h1>"
        f'<p class="logline">{escape(story["logline"])}</p></header><nav><ol>{toc}</ol></nav>\n'
        + "\n".join(body)
        + sources_section(story["sources"], cited) + fact_check_section(story["checks"]) + "</main></body></html>\n"
    )
    return run.write_text("story.html", html)
