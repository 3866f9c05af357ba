"""Load reference articles, strip boilerplate, split them into passages and index them with bm25s."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bm25s
import yaml

from agent.errors import InputError
from agent.story.limits import check_reference_size
from agent.state import Passage, Source
from agent.text import STOP as _STOP, slugify, split_sentences, tokens  # noqa: F401  (old import names)

SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}
PASSAGE_WORDS = 120

_BOILERPLATE = [
    r"skip to (main )?content",
    r"sign up for (our|the) .*newsletter",
    r"subscribe( now)?( to .*)?$",
    r"(related|recommended|more from|read next|popular)( articles| stories| posts)?:?$",
    r"(share|follow us) on (twitter|x|facebook|linkedin)",
    r"^(menu|search|home|log ?in|sign ?in|sign ?up|close|advertisement|cookie.*)$",
    r"all rights reserved",
    r"^image:|^photo:|^credit:",
    r"this (story|article) (originally )?appeared in",
    r"\b\d+ min read\b",
    r"^(deep dive|stay connected|explore more newsletters|share this( article| story)?)$",
    r"thank you for (submitting|subscribing|signing up)",
    r"^get the latest updates",
    r"^(tags|topics|filed under):",
]
# A line like these, in the last part of a page, starts the related-content tail: cut it all.
_TAIL_RE = re.compile(
    r"^(deep dive|related( articles| stories| posts)?|read (more|next)|more from .*|recommended( for you)?|"
    r"stay connected|you might also like|popular( now)?|most read)\s*:?$",
    re.IGNORECASE,
)
_BOILER_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE), re.IGNORECASE)
_FRONT_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def _read_text(path: Path) -> str:
    try:
        check_reference_size(path, path.stat().st_size)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read reference file {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"reference file {path} is binary, not text; remove it or convert it to .md/.txt")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"reference file {path} is not UTF-8 text; convert it to UTF-8") from None


def _html_to_text(html: str) -> tuple[str, dict]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = {}
    doc = trafilatura.extract_metadata(html)
    if doc is not None:
        for key in ("title", "author", "date", "url"):
            value = getattr(doc, key, None)
            if value:
                meta[key] = str(value)
    return text, meta


def _front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_RE.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {k: str(v) for k, v in meta.items() if v is not None}, text[match.end():]


def _clean_lines(text: str) -> list[str]:
    """Drop boilerplate lines and a trailing related-content block; keep paragraph breaks as empty strings."""
    out: list[str] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i > len(lines) * 0.6 and _TAIL_RE.match(stripped):
            break
        if stripped and (_BOILER_RE.search(stripped) and len(stripped) < 120):
            continue
        out.append(stripped)
    return out


_LABEL_RE = re.compile(r"^(original )?(author|translation|translator|source|published|updated|date|credit|photo|image)s?\s*:", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^(?:original author|author|written by|by)\s*:?\s+([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})\s*$", re.IGNORECASE)


def _byline(lines: list[str]) -> str:
    """Return the author named on a byline near the top of the text, if any."""
    for line in lines[:15]:
        match = _BYLINE_RE.match(line)
        if match:
            return match.group(1)
    return ""


def _paragraphs(lines: list[str]) -> list[str]:
    paras, current = [], []
    for line in lines:
        if not line:
            if current:
                paras.append(" ".join(current))
                current = []
        else:
            current.append(line.lstrip("#*•- ").strip() if line.startswith(("#", "•", "* ", "- ")) else line)
    if current:
        paras.append(" ".join(current))
    return [p for p in paras if p]


def _chunks(paras: list[str], size: int = PASSAGE_WORDS) -> list[str]:
    """Group paragraphs into passages of about `size` words; split very long paragraphs by sentence."""
    pieces: list[str] = []
    for para in paras:
        words = para.split()
        if len(words) <= size * 1.5:
            pieces.append(para)
            continue
        sentences = split_sentences(para)
        buf: list[str] = []
        for sent in sentences:
            buf.append(sent)
            if sum(len(s.split()) for s in buf) >= size:
                pieces.append(" ".join(buf))
                buf = []
        if buf:
            pieces.append(" ".join(buf))
    chunks, buf, count = [], [], 0
    for piece in pieces:
        n = len(piece.split())
        if buf and count + n > size:
            chunks.append("\n\n".join(buf))
            buf, count = [], 0
        buf.append(piece)
        count += n
    if buf:
        chunks.append("\n\n".join(buf))
    return chunks


def load_source(path: Path, source_id: str) -> tuple[Source, list[Passage]]:
    """Load one file into a Source and its passages."""
    text = _read_text(path)
    meta: dict = {}
    if path.suffix.lower() in {".html", ".htm"}:
        text, meta = _html_to_text(text)
    else:
        meta, text = _front_matter(text)
    lines = _clean_lines(text)
    byline = _byline(lines)
    if byline and not meta.get("author"):
        meta["author"] = byline
    paras = _paragraphs(lines)
    if not meta.get("title"):
        first = next((p for p in paras[:5] if 3 <= len(p.split()) <= 20 and not p.rstrip().endswith(".") and not _LABEL_RE.match(p)), "")
        meta["title"] = first or path.stem
    source = Source(
        id=source_id,
        title=meta.get("title", ""),
        author=meta.get("author", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        path=str(path),
    )
    passages = [
        Passage(id=f"{source_id}.p{i}", source_id=source_id, text=chunk)
        for i, chunk in enumerate(_chunks(paras), start=1)
    ]
    return source, passages


def load_references(dirs: list[str | Path]) -> tuple[list[Source], list[Passage]]:
    """Load every .md/.txt/.html file under the given folders; fail clearly on bad input."""
    sources: list[Source] = []
    passages: list[Passage] = []
    seen: set[str] = set()
    for folder in dirs:
        root = Path(folder)
        if not root.exists():
            raise InputError(f"references folder {root} does not exist")
        if not root.is_dir():
            raise InputError(f"references path {root} is not a folder")
        files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
        usable = [p for p in files if p.suffix.lower() in SUFFIXES]
        if not usable:
            raise InputError(f"references folder {root} has no .md, .txt or .html files")
        for path in usable:
            source_id = _unique(slugify(path.stem, 32), seen)
            source, parts = load_source(path, source_id)
            if not parts:
                raise InputError(f"reference file {path} has no text after cleaning")
            sources.append(source)
            passages.extend(parts)
    return sources, passages


def _unique(base: str, seen: set[str]) -> str:
    candidate, n = base, 2
    while candidate in seen:
        candidate = f"{base}-{n}"
        n += 1
    seen.add(candidate)
    return candidate


@dataclass
class Library:
    """Passages with a bm25s index for retrieval."""

    passages: list[Passage]
    sources: list[Source]

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}
        self.source_by_id = {s.id: s for s in self.sources}
        corpus = [tokens(p.text) or ["empty"] for p in self.passages]
        self._retriever = bm25s.BM25()
        self._retriever.index(corpus, show_progress=False)

    def search(self, query: str, k: int = 5) -> list[tuple[Passage, float]]:
        """Return up to k passages most relevant to `query`, best first."""
        query_tokens = tokens(query)
        if not query_tokens or not self.passages:
            return []
        k = min(k, len(self.passages))
        docs, scores = self._retriever.retrieve([query_tokens], k=k, show_progress=False)
        return [(self.passages[int(i)], float(s)) for i, s in zip(docs[0], scores[0]) if s > 0]

    def get(self, passage_id: str) -> Passage | None:
        return self.by_id.get(passage_id)


@lru_cache(maxsize=8)
def _cached_library(key: str, passages: tuple, sources: tuple) -> Library:
    return Library([Passage(**dict(p)) for p in passages], [Source(**dict(s)) for s in sources])


def library_from_state(state: dict) -> Library:
    """Return the (cached) Library for the passages and sources held in graph state."""
    passages = tuple(tuple(sorted(p.items())) for p in state.get("passages", []))
    sources = tuple(tuple(sorted(s.items())) for s in state.get("sources", []))
    key = hashlib.sha1(repr((passages, sources)).encode()).hexdigest()
    return _cached_library(key, passages, sources)
