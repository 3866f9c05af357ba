"""Plain-text helpers every layer shares: the one sentence splitter, slugs, stop words, normalization.

This module sits at the bottom of the package (it imports nothing from agent), so the writer, the
fact-check, the HTML export and the review screen all see the same sentences.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
    "…": "...", "\u00a0": " ", "\u200b": "",
})
_SPACE_RE = re.compile(r"\s+")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")

STOP = frozenset(
    "a an the and or of to in on at for with by from as is was were be been are it its this that "
    "these those he she they we you i his her their our not but if then than so such into about "
    "over after before also had has have do did does would could should will can may".split()
)
_TOKEN_RE = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    """Return text with curly quotes, dashes, ellipses and whitespace made plain (a blank line kept as one)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    # a blank line stays one: it ends a sentence (a heading is no part of the sentence below it)
    return _SPACE_RE.sub(lambda m: "\n\n" if _BLANK_LINE_RE.search(m.group(0)) else " ", text).strip()


def tokens(text: str) -> list[str]:
    """Return lowercase content tokens (stop words dropped)."""
    return [t for t in _TOKEN_RE.findall(text.lower()) if t not in STOP]


def slugify(text: str, max_len: int = 40) -> str:
    """Return an ASCII slug: lowercase words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:max_len].strip("-") or "x"


# ---- sentences --------------------------------------------------------------------------------

# Capital letters for regular expressions, accented ones too ("Åkerblad", "Émile", "Łódź")
CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())

# Words whose period does not end a sentence: titles, company suffixes, Latin, months, and single initials.
_ABBREV_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Hon|St|Mt|Ft|Jr|Sr|Inc|Ltd|Co|Corp|Bros|"
    r"vs|etc|al|approx|ca|cf|e\.g|i\.e|U\.S|U\.K|U\.N|No|Nos|Vol|pp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    rf"Nov|Dec)|(?<![\w.])[{CAPITALS}])\.(?:\s*\[[^\]]*\])*$"
)
# A company's suffix or "etc." may end a sentence: it does when the next word is one that opens sentences
# ("... the company, Empire State Inc. The site was ..."), never a name ("Starrett Bros. Eken").
_SUFFIX_END_RE = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Bros|etc|Jr|Sr)\.(?:\s*\[[^\]]*\])*$")
_OPENER_RE = re.compile(r"[\"“‘(]?(?:The|A|An|In|On|At|By|It|He|She|They|We|This|That|These|Those|There|His|Her|Its|"
                        r"Their|But|And|When|After|Before|During|Soon|Later|Then|Within|Over)\b")
_END_RE = re.compile(rf"[.!?…]+([\"'”’)\]]*)\s+(?=[\"“‘(\[]?[{CAPITALS}0-9])")
_FOOTNOTE_RE = re.compile(r"\[\^[^\]\s]+\](?!:)")


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") <= text.count("”")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences.

    Titles and initials ("Dr. Jonas Salk", "John F. Kennedy") and quotes that run over several
    sentences stay whole; closing quotes, brackets and citation markers stay with their sentence. A blank
    line always ends a sentence: a heading is no part of the sentence below it.
    """
    blocks = [block for block in _BLANK_LINE_RE.split(paragraph.strip()) if block.strip()]
    if len(blocks) > 1:
        return [sentence for block in blocks for sentence in split_sentences(block)]
    paragraph = paragraph.strip()
    cuts = [m.end(1) for m in _END_RE.finditer(paragraph)]
    pieces = [paragraph[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(paragraph)])]
    merged: list[str] = []
    for piece in filter(None, pieces):
        ends = bool(_SUFFIX_END_RE.search(merged[-1])) and bool(_OPENER_RE.match(piece)) if merged else False
        if merged and not ends and (_ABBREV_RE.search(merged[-1]) or not _balanced(merged[-1])):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def strip_footnotes(text: str) -> str:
    """Return text without footnote references such as [^3]."""
    return re.sub(r"\s+([.,;:!?])", r"\1", _FOOTNOTE_RE.sub("", text))
