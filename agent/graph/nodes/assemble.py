"""assemble: render the story markdown and write the run's reports."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime

from agent.storage.chapter_files import write_chapters
from agent.story.chapters import CITATION_RE, DRAMATIZED, citations, strip_markers
from agent.text import split_sentences
from agent.graph.context import Context
from agent.prompts import inert_markup, render
from agent.state import Chapter, ChapterCheck, ImagePrompt, Outline, Source, StoryState

NUMBERED_RE = re.compile(r"^\s*\d+\s*:\s*")
MARKER_RUN_RE = re.compile(r"((?:\s*\[[A-Za-z0-9][A-Za-z0-9_-]*\.p\d+\])+)([.!?…]*[\"'”’)]*)")
SCRIPT_LINK_RE = re.compile(r"(\]\(\s*<?\s*)(javascript|vbscript|data)\s*:", re.IGNORECASE)
SAFE_URL_RE = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def as_text(value: str, one_line: bool = False) -> str:
    """Return text that markdown shows as written: no HTML tag, comment, closing </details> or script link stays live."""
    text = SCRIPT_LINK_RE.sub(r"\1unsafe-\2:", inert_markup(value))
    return " ".join(text.split()) if one_line else text


def link_text(value: str) -> str:
    """Return one line of text that cannot close or open a markdown link."""
    return re.sub(r"([\[\]\\])", r"\\\1", as_text(value, one_line=True))


def safe_url(value: str) -> str:
    """Return an http(s) URL fit for a markdown link (parentheses encoded), or "" for anything else."""
    url = (value or "").strip()
    if not SAFE_URL_RE.match(url):
        return ""
    return url.replace("(", "%28").replace(")", "%29")


def fact_check_report(checks: dict[int, dict]) -> dict:
    """Return fact_check.json: every chapter's claims with verdicts and evidence."""
    chapters = [ChapterCheck.model_validate(checks[n]).model_dump(mode="json") for n in sorted(checks)]
    return {"chapters": chapters}


def summarize(checks: dict[int, dict]) -> dict:
    """Count claims checked, supported and flagged (with the flagged ones listed)."""
    total = supported = 0
    flagged = []
    for n in sorted(checks):
        check = ChapterCheck.model_validate(checks[n])
        for claim in check.claims:
            total += 1
            if claim.verdict == "supported":
                supported += 1
            else:
                flagged.append({"chapter": n, "verdict": claim.verdict, "claim": claim.claim})
    return {"checked": total, "supported": supported, "flagged": flagged}


def prompt_view(prompt: ImagePrompt) -> dict:
    """Return a prompt for the template, numbered the way the story numbers its images."""
    text = NUMBERED_RE.sub("", prompt.prompt.strip(), count=1)
    return {"file": prompt.file, "number": prompt.number, "kind": prompt.kind, "text": as_text(text)}


def cited_sources(chapters: list[Chapter], sources: list[Source], numbers: dict[str, int] | None = None) -> list[Source]:
    """Return the sources cited anywhere in the chapters: in footnote order when numbered, else as listed."""
    if numbers:
        return sorted((s for s in sources if s.id in numbers), key=lambda s: numbers[s.id])
    cited = {source_of(pid) for chapter in chapters for pid in citations(chapter.text)}
    return [s for s in sources if s.id in cited]


def source_of(passage_id: str) -> str:
    """Return the source id of a passage id ('<source>.p<n>')."""
    return passage_id.rsplit(".p", 1)[0]


def in_italics(text: str) -> str:
    """Return chapter text with each dramatized sentence in italics and without its marker."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if DRAMATIZED in paragraph:
            paragraph = " ".join(f"*{s.replace(f' {DRAMATIZED}', '').replace(DRAMATIZED, '').strip()}*"
                                 if DRAMATIZED in s else s for s in split_sentences(paragraph))
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def cite(text: str, form: str, numbers: dict[str, int]) -> str:
    """Render a chapter's markers for story.md: footnotes per source (numbered in `numbers` on first use), inline ids, or none.

    A dramatized sentence (an imagined scene or gesture, not a claim) is set in italics, its marker dropped;
    fact_check.json lists those sentences.
    """
    text = in_italics(text)
    if form == "inline":
        return text
    if form == "none":
        return strip_markers(text)

    def footnote(match: re.Match) -> str:
        marks = []
        for source in dict.fromkeys(source_of(pid) for pid in CITATION_RE.findall(match.group(1))):
            numbers.setdefault(source, len(numbers) + 1)
            marks.append(f"[^{numbers[source]}]")
        return match.group(2) + "".join(marks)

    return MARKER_RUN_RE.sub(footnote, text)


def source_view(source: Source) -> dict:
    """Return a source for the References list: title, author and date as text, its URL only if http(s)."""
    return {"id": source.id, "title": link_text(source.title or source.id), "url": safe_url(source.url),
            "author": as_text(source.author, True), "date": as_text(source.date, True)}


def assemble(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Render story.md from its template and write outline, prompts, fact-check and chapter files."""
    ctx = runtime.context
    ctx.event(step="assemble")
    run = ctx.run
    outline = Outline.model_validate(state["outline"])
    # a chapter file a person edited by hand is kept, and its text goes into the story
    edited = write_chapters(run, state["chapter_text"], (state.get("rerun") or {}).get("chapter"))
    texts = {n: {**c, "text": edited[n]} if n in edited else c for n, c in state["chapter_text"].items()}
    chapters = [Chapter.model_validate(texts[n]) for n in sorted(texts)]
    sources = [Source.model_validate(s) for s in state.get("sources", [])]
    prompts = state.get("prompts", {})
    checks = state.get("checks", {})
    form = state.get("citations") or ctx.settings.citations
    numbers: dict[str, int] = {}
    views = []
    for chapter in chapters:
        items = [ImagePrompt.model_validate(p) for p in prompts.get(chapter.number, [])]
        views.append({"number": chapter.number, "title": as_text(chapter.title, True), "text": as_text(cite(chapter.text, form, numbers)),
                      "prompts": [prompt_view(p) for p in items]})
    summary = summarize(checks)
    shown = {**summary, "flagged": [{**f, "claim": as_text(f["claim"], True)} for f in summary["flagged"]]}
    story = render(
        "assemble.story.md",
        title=as_text(outline.title, True),
        logline=as_text(outline.logline, True),
        topic=as_text(state["topic"]),
        brief=as_text(state.get("brief", "")),
        chapters=views,
        sources=[source_view(s) for s in cited_sources(chapters, sources, numbers)],
        footnotes=form == "footnotes",
        summary=shown,
        dramatized=sum(len(ChapterCheck.model_validate(c).dramatized) for c in checks.values()),
    )
    run.write_json("outline.json", outline.model_dump(mode="json"))
    run.write_json(
        "image_prompts.json",
        [p for n in sorted(prompts) for p in prompts[n]],
    )
    run.write_json("fact_check.json", fact_check_report(checks))
    path = run.write_text("story.md", story + "\n")
    for number in sorted(edited):
        ctx.event(step="assemble", detail=f"kept the hand edit of chapter {number}")
    ctx.event(step="assemble", detail=str(path))
    cleared = {step: "" for step in state.get("feedback", {})}  # the reducer merges, so {} would clear nothing
    return {"story_path": str(path), "rerun": None, "feedback": cleared, "chapter_text": {n: texts[n] for n in edited}}
