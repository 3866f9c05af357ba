"""Charts: figures the fact-check found supported, chart data built only from them, and local matplotlib rendering."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, create_model

from agent.state import ChapterCheck, ImagePrompt, StyleSheet

FIGURE_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|percent|thousand|million|billion|trillion)\b)?", re.IGNORECASE
)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
MAX_FIGURES = 8
Label = Annotated[str, StringConstraints(max_length=40)]


@dataclass(frozen=True)
class Figure:
    """A number in a supported claim that also appears in the claim's evidence quote."""

    text: str
    value: float
    passage_id: str
    sentence: str


class ChartPoint(BaseModel):
    label: str = Field(description="What the bar measures")
    value: float = Field(description="The figure, as found in the sources")
    passage_id: str = Field(default="", description="The passage the figure comes from")


class ChartData(BaseModel):
    title: str = Field(description="Chart title")
    value_label: str = Field(description="Axis label of the values")
    points: list[ChartPoint] = Field(description="The bars, in order")
    colors: list[str] = Field(description="Bar colors, hex, from the style sheet's palette")
    background: str = Field(default="#ffffff", description="Background color, hex")


class ChartPrompt(ImagePrompt):
    """An image prompt that may carry a chart's structured data (kind='chart')."""

    chart: ChartData | None = None


def _is_year_or_date(match: re.Match, sentence: str) -> bool:
    number, scale = match.group(1), match.group(2)
    if scale is None and re.fullmatch(r"1[89]\d\d|20\d\d", number):
        return True
    before = sentence[: match.start()].lower()
    return re.search(rf"\b(?:{MONTHS})\s*$", before) is not None


def supported_figures(check: dict | None) -> list[Figure]:
    """Return the figures of a chapter's supported claims that its evidence quotes also contain (no years or dates)."""
    if not check:
        return []
    found: dict[str, Figure] = {}
    for claim in ChapterCheck.model_validate(check).claims:
        if claim.verdict != "supported":
            continue
        for match in FIGURE_RE.finditer(claim.sentence):
            if _is_year_or_date(match, claim.sentence):
                continue
            number = match.group(1)
            pattern = re.compile(rf"(?<![\d.,]){re.escape(number)}(?![\d])")
            evidence = next((e for e in claim.evidence if pattern.search(e.quote)), None)
            if evidence is None:
                continue
            scale = (match.group(2) or "").lower()
            text = f"{number} {scale}".strip() if scale not in ("%", "percent") else f"{number}%"
            value = float(number.replace(",", "")) * SCALES.get(scale, 1)
            found.setdefault(text, Figure(text, value, evidence.passage_id, claim.sentence))
    return list(found.values())[:MAX_FIGURES]


def chart_field(figures: list[Figure]) -> tuple:
    """Return the optional `chart` field of the scene schema, whose values can only be the given figures."""
    point = create_model(
        "ChartBar",
        label=(Label, Field(description="What the figure measures, in a few words")),
        figure=(Literal[tuple(f.text for f in figures)], Field(description="One of the figures listed")),  # type: ignore[valid-type]
    )
    draft = create_model(
        "ChartDraft",
        title=(Annotated[str, StringConstraints(max_length=80)], Field(description="Chart title")),
        value_label=(Label, Field(description="What the numbers count, e.g. 'users'")),
        bars=(list[point], Field(min_length=2, max_length=MAX_FIGURES, description="2 or more bars, one per figure")),
    )
    return (draft | None, Field(default=None, description="A bar chart of the figures, or null if a chart would not help"))


def _luminance(hex_value: str) -> float:
    r, g, b = (int(hex_value[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def build_chart(draft, figures: list[Figure], sheet: StyleSheet) -> ChartData | None:
    """Turn the model's chart draft into chart data, keeping only bars whose figure is supported; None if under 2."""
    if draft is None:
        return None
    by_text = {f.text: f for f in figures}
    points, used = [], set()
    for bar in draft.bars:
        figure, label = by_text.get(bar.figure), " ".join(bar.label.split())
        if figure and label and figure.text not in used:
            used.add(figure.text)
            points.append(ChartPoint(label=label, value=figure.value, passage_id=figure.passage_id))
    if len(points) < 2:
        return None
    light = [c.hex for c in sheet.palette if _luminance(c.hex) > 0.85]
    colors = [c.hex for c in sheet.palette if c.hex not in light] or ["#2563eb"]
    title = " ".join(draft.title.split()) or "Figures from the sources"
    return ChartData(title=title, value_label=" ".join(draft.value_label.split()), points=points,
                     colors=colors, background=light[0] if light else "#ffffff")


def _bar_colors(data: ChartData) -> list[str]:
    return [data.colors[i % len(data.colors)] for i in range(len(data.points))]


def chart_code(data: ChartData, file: str) -> str:
    """Return matplotlib code that draws the chart, for the reader; render_chart draws the same chart."""
    labels = [p.label for p in data.points]
    values = [p.value for p in data.points]
    return "\n".join([
        "import matplotlib.pyplot as plt",
        "",
        f"labels = {labels!r}",
        f"values = {values!r}",
        f"colors = {_bar_colors(data)!r}",
        "",
        "fig, ax = plt.subplots(figsize=(10, 6))",
        f"fig.patch.set_facecolor({data.background!r})",
        f"ax.set_facecolor({data.background!r})",
        "bars = ax.barh(labels[::-1], values[::-1], color=colors[::-1])",
        'ax.bar_label(bars, labels=[f"{v:,.10g}" for v in values[::-1]], padding=4)',
        f"ax.set_xlabel({data.value_label!r})",
        f'ax.set_title({data.title!r}, fontsize=14, fontweight="bold")',
        'ax.grid(axis="x", linestyle="--", alpha=0.6)',
        "ax.set_axisbelow(True)",
        "plt.tight_layout()",
        f"plt.savefig({file!r}, dpi=150)",
    ])


def render_chart(data: ChartData) -> bytes:
    """Draw the chart from its structured data with matplotlib and return the PNG bytes."""
    from matplotlib.figure import Figure as MplFigure  # imported here: matplotlib is slow to import

    def plain(text: str) -> str:
        return text.replace("$", r"\$")  # '$' would start matplotlib mathtext

    labels = [plain(p.label) for p in data.points][::-1]
    values = [p.value for p in data.points][::-1]
    fig = MplFigure(figsize=(10, 6))
    fig.patch.set_facecolor(data.background)
    ax = fig.subplots()
    ax.set_facecolor(data.background)
    bars = ax.barh(labels, values, color=_bar_colors(data)[::-1])
    ax.bar_label(bars, labels=[f"{v:,.10g}" for v in values], padding=4)
    ax.set_xlabel(plain(data.value_label))
    ax.set_title(plain(data.title), fontsize=14, fontweight="bold")
    ax.grid(axis="x", linestyle="--", alpha=0.6)
    ax.set_axisbelow(True)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def chart_prompt_text(number: int, data: ChartData, sheet: StyleSheet, file: str) -> str:
    """Return a chart prompt's text: what it shows, its data with passage ids, and its matplotlib code."""
    colors = ", ".join(f"{c.name} ({c.hex})" for c in sheet.palette)
    rows = "; ".join(f"{p.label}: {p.value:,.10g} [{p.passage_id}]" for p in data.points)
    return (
        f"{number}: A horizontal bar chart, \"{data.title}\", drawn with matplotlib in the story's palette: {colors}. "
        f"Data, every figure supported by the fact-checked sources: {rows}.\n\n```python\n{chart_code(data, file)}\n```"
    )
