"""Typed graph state and the domain models every node reads and writes.

Graph state holds plain JSON-able dicts (model_dump(mode="json")) so checkpoints stay portable;
nodes validate them back into these models when they read them.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypedDict

from pydantic import BaseModel, Field, StringConstraints, field_validator

Verdict = Literal["supported", "unsupported", "contradicted"]
Short = Annotated[str, StringConstraints(max_length=90)]
Line = Annotated[str, StringConstraints(max_length=220)]
Purpose = Literal["setup", "challenge", "turning point", "outcome", "aftermath"]


# ---- references -------------------------------------------------------------------------------


class Source(BaseModel):
    id: str = Field(description="Stable short id of the source, from its file name")
    title: str = Field(default="", description="Title of the article")
    author: str = Field(default="", description="Author, where known")
    date: str = Field(default="", description="Publication date, where known")
    url: str = Field(default="", description="URL, where known")
    path: str = Field(default="", description="File the source was loaded from")


class Passage(BaseModel):
    id: str = Field(description="Stable passage id: '<source id>.p<n>'")
    source_id: str = Field(description="Id of the source the passage comes from")
    text: str = Field(description="The passage text, as in the source")


# ---- outline and style ------------------------------------------------------------------------


class ChapterPlan(BaseModel):
    number: int = Field(description="Chapter number, starting at 1")
    title: Short = Field(description="Short chapter title")
    beats: list[Line] = Field(
        min_length=1, max_length=4, description="2-4 story beats: what happens in this chapter, in order"
    )
    passage_ids: list[str] = Field(
        default_factory=list, description="Ids of the source passages whose facts this chapter must carry"
    )
    purpose: Purpose = Field(default="setup", description="The chapter's place in the story arc")
    opening: Line = Field(default="", description="The concrete moment the chapter opens on: who, where, when")
    people: list[Short] = Field(
        default_factory=list, max_length=6, description="The real people who appear in this chapter, as the sources name them"
    )
    visual: Line = Field(default="", description="The chapter's visual centrepiece: the one picture that tells it")


class Color(BaseModel):
    name: Short = Field(description="Color name, e.g. 'deep teal'")
    hex: Annotated[str, StringConstraints(max_length=7)] = Field(description="Hex value, e.g. '#0f766e'")


class Recurring(BaseModel):
    name: Short = Field(description="Name of a recurring character or place")
    description: Line = Field(description="Its one fixed visual description, reused word for word in every prompt")


class StyleSheet(BaseModel):
    medium: Line = Field(description="Art medium, e.g. 'colorful, bright digital graphic-novel drawing'")
    palette: list[Color] = Field(max_length=6, description="3-6 named colors with hex values used in every image")
    lighting: Line = Field(description="Lighting, e.g. 'warm morning light with soft screen glow'")
    framing: Line = Field(description="Framing and aspect, e.g. 'wide-landscape'")
    mood: Line = Field(description="Mood, e.g. 'technology-forward and optimistic'")
    required_phrases: list[Line] = Field(max_length=3, description="Phrases every image prompt must contain")
    banned_styles: list[Short] = Field(max_length=6, description="Styles no prompt may use, e.g. 'photorealistic'")
    characters: list[Recurring] = Field(default_factory=list, max_length=4, description="Recurring characters")
    places: list[Recurring] = Field(default_factory=list, max_length=3, description="Recurring places")


class Outline(BaseModel):
    title: Short = Field(description="The story's title")
    logline: Line = Field(description="One sentence saying what the story is about")
    chapters: list[ChapterPlan] = Field(description="The chapters, in order")


# ---- chapters ---------------------------------------------------------------------------------


class Sentence(BaseModel):
    text: str = Field(description="One sentence of the chapter, without citation markers")
    citations: list[str] = Field(
        default_factory=list, description="Ids of the passages that support this sentence"
    )
    dramatized: bool = Field(
        default=False, description="True if the sentence is an invented scene or invented dialogue"
    )


class Paragraph(BaseModel):
    sentences: list[Sentence] = Field(description="The sentences of the paragraph, in order")


class ChapterDraft(BaseModel):
    paragraphs: list[Paragraph] = Field(description="2-4 paragraphs of the chapter")


class Chapter(BaseModel):
    number: int
    title: str
    text: str = Field(description="Markdown prose with citation markers like [src.p3]")
    revision: int = 0
    notes: str = ""
    changes: list[dict] = Field(default_factory=list, description="What revise rewrote or removed, and why")


# ---- fact-check -------------------------------------------------------------------------------


class Evidence(BaseModel):
    source: str = Field(description="Source id")
    passage_id: str = Field(description="Passage id")
    quote: str = Field(description="A span copied verbatim from the passage")
    start: int | None = Field(default=None, description="Character offset of the quote in the source file")
    end: int | None = Field(default=None, description="Character offset just after the quote in the source file")


class ClaimCheck(BaseModel):
    sentence: str
    claim: str
    verdict: Verdict
    evidence: list[Evidence] = Field(default_factory=list)
    method: str = ""
    reason: str = ""


class SentenceCheck(ClaimCheck):
    """A sentence's verdict: contradicted if an atom is, else unsupported if an atom is, else supported."""

    atoms: list[ClaimCheck] = Field(default_factory=list, description="The sentence's atomic facts, each checked")


class CitationCheck(BaseModel):
    sentence: str
    cited: list[str] = Field(default_factory=list)
    supported: bool = Field(default=False, description="The cited passages together support the sentence")
    irrelevant: list[str] = Field(default_factory=list, description="Cited passages the support does not need")
    unknown: list[str] = Field(default_factory=list, description="Cited ids that are no passage of the references")


class CitationReport(BaseModel):
    precision: float | None = None
    recall: float | None = None
    sentences: list[CitationCheck] = Field(default_factory=list)


class ChapterCheck(BaseModel):
    chapter: int
    claims: list[SentenceCheck] = Field(default_factory=list, description="One check per sentence, atoms inside")
    rounds: int = 0
    dramatized: list[str] = Field(default_factory=list)
    revised: list[dict] = Field(default_factory=list)
    citations: CitationReport | None = None

    @field_validator("claims", mode="before")
    @classmethod
    def _sentences(cls, value):
        # A plain ClaimCheck (a sentence checked whole) is a sentence check without atoms.
        return [v.model_dump() if isinstance(v, ClaimCheck) and not isinstance(v, SentenceCheck) else v
                for v in value or []]

    @property
    def flagged(self) -> list[SentenceCheck]:
        return [c for c in self.claims if c.verdict != "supported"]


# ---- images -----------------------------------------------------------------------------------


class ImagePrompt(BaseModel):
    chapter: int = Field(description="Chapter number")
    number: int = Field(description="Prompt number across the story, starting at 1")
    file: str = Field(description="Image file name, 'NN-slug.png'")
    prompt: str = Field(description="The full image prompt")
    kind: Literal["image", "chart"] = "image"
    edited: bool | None = Field(default=None, description="True when a person wrote or changed the prompt at approval")


# ---- graph state ------------------------------------------------------------------------------


def merge_by_key(old: dict | None, new: dict | None) -> dict:
    """Reducer: merge dicts keyed by chapter number; a key in `new` replaces the old entry."""
    merged = dict(old or {})
    merged.update(new or {})
    return merged


def replace(old, new):
    """Reducer: the newest value wins."""
    return new


class StoryInput(TypedDict, total=False):
    topic: str
    brief: str
    ref_dirs: list[str]
    chapters: int
    words: int
    citations: str
    style: str
    approve: list[str]
    max_revisions: int
    rerun: dict | None


class StoryState(StoryInput, total=False):
    sources: list[dict]
    passages: list[dict]
    outline: dict
    style_sheet: dict
    chapter_text: Annotated[dict[int, dict], merge_by_key]
    checks: Annotated[dict[int, dict], merge_by_key]
    prompts: Annotated[dict[int, list[dict]], merge_by_key]
    style_report: Annotated[dict[int, dict], merge_by_key]
    feedback: Annotated[dict[str, str], merge_by_key]
    story_path: str
