"""Loading, cleaning, splitting and indexing reference articles."""

from __future__ import annotations

import pytest

from agent.errors import InputError
from agent.story.references import Library, load_references, slugify

ARTICLE = """---
title: "The Telegraph Crosses the Ocean"
author: "Ada Writer"
date: "2024-05-01"
url: "https://example.org/telegraph"
---
Skip to Content

The first transatlantic telegraph cable was completed on August 5, 1858, linking Ireland and Newfoundland.

Sign up for our newsletter

Queen Victoria sent a message of 98 words to President James Buchanan, which took 16 hours to transmit.

Related articles:
"""

HTML = """<html><head><title>Penicillin at St Mary's</title><meta name="author" content="Bea Historian"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Penicillin at St Mary's</h1>
<p>In September 1928 Alexander Fleming noticed that a mould had killed the bacteria in a culture dish at St Mary's Hospital in London.</p>
<p>He named the active substance penicillin and published his findings in 1929 in the British Journal of Experimental Pathology.</p>
</article><footer>Subscribe now. All rights reserved.</footer></body></html>"""


@pytest.fixture
def refs(tmp_path):
    folder = tmp_path / "refs"
    folder.mkdir()
    (folder / "telegraph.md").write_text(ARTICLE)
    (folder / "penicillin.html").write_text(HTML)
    (folder / "notes.txt").write_text("Wikipedia launched on January 15, 2001.\n")
    (folder / "ignored.json").write_text("{}")
    return folder


def test_front_matter_and_boilerplate(refs):
    sources, passages = load_references([refs])
    by_id = {s.id: s for s in sources}
    telegraph = by_id["telegraph"]
    assert (telegraph.title, telegraph.author, telegraph.date, telegraph.url) == (
        "The Telegraph Crosses the Ocean", "Ada Writer", "2024-05-01", "https://example.org/telegraph",
    )
    text = " ".join(p.text for p in passages if p.source_id == "telegraph")
    assert "August 5, 1858" in text and "98 words" in text
    assert "Skip to Content" not in text and "newsletter" not in text and "Related articles" not in text


def test_html_is_reduced_to_main_text(refs):
    sources, passages = load_references([refs])
    text = " ".join(p.text for p in passages if p.source_id == "penicillin")
    assert "Alexander Fleming" in text and "1929" in text
    assert "Home" not in text and "All rights reserved" not in text
    assert {s.id for s in sources} == {"telegraph", "penicillin", "notes"}


def test_passage_ids_are_stable(refs):
    _, first = load_references([refs])
    _, second = load_references([refs])
    assert [p.id for p in first] == [p.id for p in second]
    assert all(p.id.startswith(p.source_id + ".p") for p in first)


def test_search_finds_the_right_passage(refs):
    sources, passages = load_references([refs])
    library = Library(passages, sources)
    best, score = library.search("When did Fleming notice the mould?", k=3)[0]
    assert best.source_id == "penicillin" and score > 0
    assert library.get(best.id) is best


def test_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_references([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="has no .md, .txt or .html files"):
        load_references([tmp_path / "empty"])


def test_slugify_is_ascii_and_safe():
    assert slugify("../Über Große/Ideen!") == "ber-gro-e-ideen"
    assert slugify("") == "x"
