"""Evidence quotes point at the source file's own text: markdown lists, front matter and HTML."""

from __future__ import annotations

import re

from agent.factcheck.checker import check_text
from agent.factcheck.evidence import Index
from agent.story.references import Library, load_references

MARKDOWN = """---
title: "The Harbour Light"
author: "Tess Morgan"
---
# The Harbour Light

The lighthouse at Carrow Point was first lit on 4 May 1887.

Its keepers over the years:
- Amos Pell kept the light from 1887 to 1901.
- Ruth Pell, his daughter, kept it from 1901 to 1932.
* The light was automated in 1932.

## Later years

The tower was   painted red and white
in 1950, and it still stands.
"""

HTML = """<html><head><title>The Canal</title></head><body>
<article><h1>The Canal</h1>
<p>The Brindle Canal opened in <b>1794</b> after six years of digging &amp; blasting.</p>
<p>Boats carried coal to the mills at Hartwell until 1921, when the last barge passed.</p>
<ul><li>Lock 1 was rebuilt in 1850.</li><li>Lock 2 was never finished.</li></ul>
</article></body></html>
"""


def same_text(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def library(tmp_path, files: dict[str, str]) -> Library:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    sources, passages = load_references([tmp_path])
    return Library(passages, sources)


def test_every_quote_is_the_files_own_text_at_its_offsets(tmp_path):
    lib = library(tmp_path, {"harbour.md": MARKDOWN, "canal.html": HTML})
    raw = {s.id: (tmp_path / f"{s.id}{'.md' if s.id == 'harbour' else '.html'}").read_text() for s in lib.sources}
    story = ("The lighthouse at Carrow Point was first lit on 4 May 1887. Ruth Pell kept the light from 1901 to 1932. "
             "Amos Pell kept the light from 1887 to 1901, and the light was automated in 1932. "
             "The tower was painted red and white in 1950. The Brindle Canal opened in 1794. "
             "Boats carried coal to the mills at Hartwell until 1921. Lock 1 was rebuilt in 1850.")
    checks = check_text(story, lib, None)
    quotes = [ev for c in checks for atom in c.atoms for ev in atom.evidence]
    assert len(quotes) >= 8
    located = [ev for ev in quotes if ev.start is not None]
    assert len(located) == len(quotes)
    for ev in located:
        assert same_text(raw[ev.source][ev.start: ev.end], ev.quote), (ev.quote, raw[ev.source][ev.start: ev.end])


def test_a_quote_never_runs_across_a_list_bullet(tmp_path):
    lib = library(tmp_path, {"harbour.md": MARKDOWN})
    index = Index(lib)
    spans = index.spans("Amos Pell kept the light from 1887 to 1901 and Ruth Pell kept it from 1901 to 1932.")
    assert "- " not in MARKDOWN[spans[0].start: spans[0].end]
    assert spans[0].quote in ("Amos Pell kept the light from 1887 to 1901.", "Ruth Pell, his daughter, kept it from 1901 to 1932.")
