"""Scenes: what each chapter's picture shows, as typed fields, checked, asked again, and composed into a prompt.

A prompt reads: its number and the required phrase, the scene in plain sentences, then one style sentence made
from the style sheet. The scene is the illustrator's; the rest is the sheet's.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, create_model

from agent.factcheck.atoms import is_verb
from agent.illustration.cast import mentioned
from agent.factcheck.quantities import MONTHS
from agent.factcheck.text import stems
from agent.illustration.charts import chart_field
from agent.llm.base import LLM
from agent.prompts import render_pair
from agent.story.chapters import split_sentences, strip_markers
from agent.story.prose import NO_END, words_of
from agent.story.references import tokens
from agent.state import Chapter, ChapterPlan, Outline, StyleSheet

Part = Annotated[str, StringConstraints(max_length=240)]
MIN_WORDS, MAX_PROMPT_WORDS = 35, 92  # a scene's least words; a whole prompt's most
NEAR_COPY = 0.5
SAME_MOMENT = 0.8  # of the shorter moment's words; "the night the preview went live" and "... the cable went live" differ
TRIES = 3  # the first answer and two re-asks with the reason, then the fallback
TITLE_COPY = 0.6
OWN_MOMENT = 0.5  # of a picture's moment's words its own chapter tells, at least, when another chapter tells more
STYLE_OPENER = "Drawn in"
FIELD_WORDS = {"moment": 18, "setting": 16, "who": 12, "action": 16, "foreground": 18, "background": 16, "metaphor": 24}


class Figure(BaseModel):
    """One person (or group) in the picture."""

    who: Part = Field(description="Who: a name from the sources, or a role such as 'two engineers'")
    action: Part = Field(description="What they are doing in this moment, as a verb phrase: 'leans over a keyboard'")


class Scene(BaseModel):
    """The scene of one chapter's picture."""

    moment: Part = Field(description="The single moment shown, as a noun phrase: 'the night the first message went out'")
    setting: Part = Field(description="Where and when: the place and period, e.g. 'a cramped 1960s control room'")
    people: list[Figure] = Field(default_factory=list, max_length=3, description="The people in the picture and what each does")
    foreground: Part = Field(description="What fills the foreground")
    background: Part = Field(description="What fills the background")
    metaphor: Part = Field(description="One visual metaphor for the chapter's idea, as a sentence")


# The worked example in the prompt. A scene that copies it describes no chapter.
EXAMPLE = Scene(
    moment="the morning the new bridge opened to traffic",
    setting="a river town in 1890, steam rising from the water",
    people=[Figure(who="the chief engineer", action="lifts his top hat to the crowd from the first carriage"),
            Figure(who="schoolchildren", action="wave paper flags along the railing")],
    foreground="a horse-drawn carriage rolling onto fresh planks",
    background="iron arches and the rooftops of the old town",
    metaphor="The bridge's shadow falls across the river like a hand reaching from one bank to the other.",
)


def scene_schema(figures: list) -> type[Scene]:
    """Return the Scene model, with an optional chart of the given figures when there are at least two."""
    if len(figures) < 2:
        return Scene
    return create_model("Scene", __base__=Scene, chart=chart_field(figures))


_EMPTY = frozenset("null none n/a na nil unknown nothing empty -".split())  # a model's way of leaving a field blank


def _part(text: str, limit: int) -> str:
    """Return a field as one clean phrase of at most `limit` words, cut at a comma where one is near the end."""
    text = " ".join(text.replace('"', "").replace("`", "").split()).strip(" .;,")
    if text.lower() in _EMPTY:
        return ""
    words = text.split()
    if len(words) <= limit:
        return text
    cut = " ".join(words[:limit])
    clause = cut.rsplit(",", 1)[0] if "," in cut else ""
    kept = (clause if len(clause.split()) >= limit // 3 else cut).rstrip(" ,;:").split()
    while len(kept) > 1 and _dangles(kept):  # "at a conference in" was cut before its place
        kept.pop()
    return " ".join(kept).rstrip(" ,;:")


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _lower_start(text: str) -> str:
    """Lower an article or common word that starts a phrase; names and acronyms keep their capitals."""
    starts = r"^(?:The|A|An|Two|Three|Some|Several|Many|It|Its|They|Their|He|His|She|Her|We|This|These) [a-z0-9]"
    return text[0].lower() + text[1:] if re.match(starts, text) or re.match(r"^(?:In|On|At|By|During) \S", text) else text


def _with_looks(text: str, sheet: StyleSheet | None, items: str) -> str:
    """Give a bare recurring name its fixed description; anything more the model wrote stays as written."""
    if "," in text:  # the model's own apposition ('X, a tall man') is closed, so a reader sees where it ends
        return f"{text},"
    for item in getattr(sheet, items, []) if sheet else []:
        if text.strip().lower() == item.name.lower():
            return f"{text.strip()}, {item.description},"
    return text


def scene_sentences(scene: Scene, sheet: StyleSheet | None = None) -> str:
    """Return the scene as plain sentences: moment, setting, people and their actions, composition, metaphor.

    A long scene loses its third person, then its background, then the second person, so that the prompt,
    with its lead and style sentence, stays within MAX_PROMPT_WORDS.
    """
    budget = MAX_PROMPT_WORDS - (len(lead(0, sheet).split()) + len(style_sentence(sheet).split()) if sheet else 32)
    text = ""
    for scale in (1.0, 0.7, 0.5):  # then every field shorter, each cut at a clause
        limits = {key: max(4, int(value * scale)) for key, value in FIELD_WORDS.items()}
        for count, background in ((3, True), (2, True), (2, False), (1, False)):
            text = _compose_scene(scene, sheet, limits, count, background)
            if len(text.split()) <= budget:
                return text
    return text


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_RE = re.compile(rf"(?i)(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTH_NAMES})\b")  # "November 30", "7 January"


_DATE_PART = rf"(?:{_MONTH_NAMES}|\d{{1,4}})(?:st|nd|rd|th)?"
# a moment that opens on its date reads "showing 2022 November 30, OpenAI releases ...": the setting gives the time
_LEADING_DATE_RE = re.compile(rf"(?i)^(?:(?:on|in|at|by)\s+)?(?:{_DATE_PART},?\s+){{0,3}}{_DATE_PART},\s+")


def _undated(moment: str, setting: str) -> str:
    """Return a moment without the date it opens on, when the setting names a year and what is left of the
    moment still tells something."""
    rest = _LEADING_DATE_RE.sub("", moment, count=1)
    rest = _OPENING_YEAR_RE.sub("", rest, count=1)  # "in 2022 OpenAI was ...": no comma after the year
    return rest if len(rest.split()) >= 3 and re.search(r"\b\d{4}\b", setting) else moment


_OPENING_YEAR_RE = re.compile(r"(?i)^(?:in|by|during)\s+\d{4}\s+(?=[A-Z])")
_NOT_SUBJECT = frozenset("the a an that which who when where while as".split())
_OPENERS = frozenset("on in at by during after before when while as".split())


def _as_picture(moment: str) -> str:
    """Return a moment written as a clause ("OpenAI was still a quiet research lab") as what a picture shows:
    "the moment when OpenAI was still ...". A phrase ("the night the preview went live") stays as it is."""
    words = moment.split(",")[0].split()[:6]
    if not words or words[0].lower() in _OPENERS:
        return moment  # "On May 4, the ship sails": the time comes first
    if len(words) > 1 and words[0].lower() in ("the", "a", "that") and set(stems(words[1])) & _WHEN_WORDS:
        return moment  # "the day Microsoft announced Bing Chat" is already a moment
    for word in words[1:]:
        if word.lower() in _NOT_SUBJECT:
            return moment  # a noun and its own clause: "the night the preview went live"
        if word[:1].islower() and is_verb(word):
            return f"the moment when {moment}"
    return moment


def _compose_scene(scene: Scene, sheet: StyleSheet | None, limits: dict, count: int, background: bool) -> str:
    setting = _with_looks(_lower_start(_part(scene.setting, limits["setting"])), sheet, "places").rstrip(",")
    if setting and not re.match(r"(?i)(?:in|at|on|inside|outside|under|above|near|by)\b", setting):
        setting = f"{'on' if _DAY_RE.match(setting) else 'in'} {setting}"  # "on November 30, 2022", "in 1858"
    people = [f"{_with_looks(_part(p.who, limits['who']), sheet, 'characters')} "
              f"{_lower_start(_part(p.action, limits['action']))}".strip(" ,")
              for p in scene.people if p.who.strip() or p.action.strip()]
    fg, bg = _lower_start(_part(scene.foreground, limits["foreground"])), _lower_start(_part(scene.background, limits["background"]))
    layout = "; ".join(x for x in [f"in the foreground, {fg}" if fg else "",
                                   f"in the background, {bg}" if bg and background else ""] if x)
    parts = [
        _as_picture(_lower_start(_undated(_part(scene.moment, limits["moment"]), setting))) + (f", {setting}" if setting else ""),
        *(_sentence(p)[:-1] for p in people[:count]),
        _sentence(layout)[:-1],
        _sentence(_part(scene.metaphor, limits["metaphor"]))[:-1],
    ]
    return ". ".join(p for p in parts if p) + "."


def style_sentence(sheet: StyleSheet) -> str:
    """Return the one sentence of style every prompt ends with: palette names, lighting and mood."""
    names = [c.name for c in sheet.palette]
    colors = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    extra = "".join(f"; {p}" for p in sheet.required_phrases[1:])
    article = "an" if re.match(r"[aeiou]", sheet.mood.lower()) else "a"
    return f"{STYLE_OPENER} {colors}, in {sheet.lighting}, with {article} {sheet.mood} mood{extra}."


def lead(number: int, sheet: StyleSheet) -> str:
    """Return how every prompt begins: its number and the first required phrase."""
    phrase = sheet.required_phrases[0] if sheet.required_phrases else sheet.medium
    return f"{number}: A {phrase} showing"


def compose(number: int, scene: str, sheet: StyleSheet) -> str:
    """Build a prompt as the illustrator wrote it: number and required phrase, the scene, the style sentence."""
    return f"{lead(number, sheet)} {scene} {style_sentence(sheet)}"


def jaccard(a: str, b: str) -> float:
    """Return the word Jaccard similarity of two texts' content words."""
    x, y = set(tokens(a)), set(tokens(b))
    return len(x & y) / len(x | y) if x and y else 0.0


_YEAR_RE = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(s?)\b")


def wrong_period(text: str, chapter: str) -> str:
    """Return a reason when the scene names a year or decade the chapter never mentions ("in 1950" for a 2022 story).

    A chapter that names no year cannot be checked, and a decade fits when a year of the chapter lies in it.
    """
    years = {int(y) for y, _ in _YEAR_RE.findall(chapter)}
    if not years:
        return ""
    for digits, decade in _YEAR_RE.findall(text):
        year = int(digits)
        fits = any(year <= y < year + 10 for y in years) if decade else year in years
        if not fits:
            told = ", ".join(str(y) for y in sorted(years))
            return f"{WRONG_PERIOD}{digits}{decade}, but the chapter happens in {told}; show the chapter's own time"
    return ""


WRONG_PERIOD = "it sets the picture in "
REPEATS_TITLE = "it repeats the chapter title "
TOLD_ELSEWHERE = "it shows what another chapter tells "
NAMES_UNKNOWN = "it names "


def _is_title(text: str, title: str) -> bool:
    """Tell whether a field is the chapter title again: the title whole, or the title's words and one more at most."""
    words, title_words = set(tokens(text)), set(tokens(title))
    return bool(title_words) and (" ".join(title.lower().split()) in " ".join(text.lower().split())
                                  or bool(words) and len(words - title_words) <= 1)


def mends(scene: Scene, reasons: list[str], plan: ChapterPlan | None, title: str, years: list[int],
          known: str) -> list[Scene]:
    """Return the scene mended for the faults its reasons name, most likely first: a year off put in the chapter's
    own year, a setting that names what the story never names left out, and a moment that is the title or another
    chapter's put as the plan's picture (or else its opening)."""
    fixed = redated(scene, years)
    if any(r.startswith(NAMES_UNKNOWN) for r in reasons) and _field_names_unknown(fixed.setting, known):
        fixed = fixed.model_copy(update={"setting": ""})
    if not any(r.startswith(MOMENT_FAULTS) for r in reasons):
        return [fixed]
    moments = [_PICTURE_OF_RE.sub("", plan.visual).strip(" ."), plan.opening.strip(" .")] if plan else []
    return [fixed.model_copy(update={"moment": _fit(m)}) for m in moments if m and not _is_title(m, title)]


def own_people_only(scene: Scene, own: str) -> bool:
    """Tell whether every name a scene's fields give is one its own chapter (or plan) gives: a picture mended from
    another chapter's moment must not keep that chapter's people."""
    fields = [scene.moment, scene.setting, scene.foreground, scene.background, scene.metaphor,
              *(f"{p.who} {p.action}" for p in scene.people)]
    return not any(_field_names_unknown(f, own) for f in fields if f)


def _field_names_unknown(field: str, known: str) -> list[str]:
    """Return the names one scene field gives that `known` does not (its first word too: a field is no sentence)."""
    return unknown_names(f"In {field}.", known)


def redated(scene: Scene, years: list[int]) -> Scene:
    """Return the scene with every year or decade its chapter does not name put in the chapter's own year: a
    picture of the chapter's moment set a year off is the chapter's picture once its year is right."""
    if not years:
        return scene

    def fix(text: str) -> str:
        return _YEAR_RE.sub(lambda m: m.group(0) if int(m.group(1)) in years else str(years[0]), text or "")

    data = scene.model_dump()
    for key, value in data.items():
        if isinstance(value, str):
            data[key] = fix(value)
    data["people"] = [{**p, "who": fix(p["who"]), "action": fix(p["action"])} for p in data.get("people") or []]
    return type(scene).model_validate(data)


def chapter_years(texts: list[str]) -> list[int]:
    """Return the years the texts name, the most often named first (ties: the earlier year)."""
    counts: dict[int, int] = {}
    for text in texts:
        for digits, decade in _YEAR_RE.findall(text):
            if not decade:
                counts[int(digits)] = counts.get(int(digits), 0) + 1
    return sorted(counts, key=lambda y: (-counts[y], y))


NAME_RUN_RE = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")  # "San Francisco", "OpenAI", "Sam Altman"


def unknown_names(text: str, known: str) -> list[str]:
    """Return the names a scene gives (capitalised words inside its sentences) that `known` (the chapter, its
    plan, the references and the style sheet) never gives: an invented place or company ("Mountain View"). A month
    is the period check's to judge, and a name after a known one and a comma only places it ("San Francisco,
    California")."""
    found = []
    for sentence in split_sentences(text):
        after = -1  # where the last known name ended: "San Francisco, California" only places it more closely
        for match in NAME_RUN_RE.finditer(sentence, 1):  # a sentence's first word is capitalised anyway
            name = re.sub(r"['’]s?$", "", match.group(0))  # "Fedus'" and "Altman's", never "Fedus" itself
            if mentioned(name, known) or name.lower() in MONTHS or not tokens(name):
                after = match.end()
            elif after >= 0 and sentence[after:match.start()].strip() == ",":
                after = match.end()
            elif name not in found:
                found.append(name)
    return found


def scene_problems(text: str, title: str, others: list[str], chapter: str = "", known: str = "",
                   own_moment: str = "") -> list[str]:
    """Return why a scene cannot be used: it repeats the title, is too short, is set in another period, names a
    place or person the story never names (given what is `known`), copies another scene or the example, or shows
    the moment another scene shows (`chapter`: the chapter's text and plan, whose years the scene must keep)."""
    found = []
    period = wrong_period(text, chapter)
    if period:
        found.append(period)
    strange = unknown_names(text, known) if known else []
    if strange:
        found.append(f"{NAMES_UNKNOWN}{', '.join(strange[:3])}, which the story never names; show only its own people and places")
    words, title_words = set(tokens(text)), set(tokens(title))
    plain = " ".join(text.lower().split())
    # a short title ('Launch') may well be named in a good scene; a long one copied whole is the title again
    copied = len(title_words) >= 3 and " ".join(title.lower().split()) in plain
    if title_words and (copied or jaccard(text, title) > TITLE_COPY or len(words - title_words) < 5):
        found.append(f"{REPEATS_TITLE}\"{title}\" instead of showing a moment")
    if len(text.split()) < MIN_WORDS:
        found.append(f"it has {len(text.split())} words; describe the picture in at least {MIN_WORDS}")
    if jaccard(text, scene_sentences(EXAMPLE)) > NEAR_COPY:
        found.append("it copies the example; describe this chapter's own moment")
    elsewhere = _told_elsewhere(moment_of(text), chapter, others) if chapter else ""
    if elsewhere:
        hint = f", such as \"{own_moment.strip(' .')}\"" if own_moment else ""
        found.append(f"{TOLD_ELSEWHERE}(\"{_part(elsewhere, 14)} ...\"), not this chapter; show a "
                     f"moment this chapter tells{hint}")
    for other in others:
        if jaccard(text, other) > NEAR_COPY:
            found.append(f"it is nearly the same as another chapter's picture (\"{_part(other, 14)} ...\"); choose a different moment and composition")
            break
        if same_moment_shown(moment_of(text), moment_of(other)):
            found.append(f"it shows the moment another chapter's picture shows (\"{moment_of(other)}\"); choose another "
                         "moment of this chapter")
            break
    return found


_WHEN_WORDS = frozenset(stems("day night morning evening afternoon moment time hour week month year dawn dusk " + " ".join(MONTHS)))


def same_moment_shown(a: str, b: str) -> bool:
    """Tell whether two moments show one event: most of the shorter one's words (stems, besides words for when,
    such as day or night) are in the other ("ChatGPT's release" and "the day OpenAI released ChatGPT")."""
    x, y = (_moment_words(text) for text in (a, b))
    return min(len(x), len(y)) >= 2 and len(x & y) / min(len(x), len(y)) >= SAME_MOMENT


def _moment_words(text: str) -> set[str]:
    return {w for w in stems(text) if len(w) > 1} - _WHEN_WORDS  # not the "s" of "ChatGPT's"


def _told_elsewhere(moment: str, chapter: str, others: list[str]) -> str:
    """Return another chapter's plan or picture that tells a scene's moment, when the chapter itself tells less
    than OWN_MOMENT of it and the other at least that and more ("ChatGPT's launch" over a chapter of the quiet lab
    before it); a word every chapter tells (the story's subject) counts for none of them."""
    words, told = _moment_words(moment), [_moment_words(o) for o in others]
    if len(words) < 2 or not others:
        return ""
    if len(others) >= 2:  # what every chapter tells ("ChatGPT") places the moment in none of them
        words -= _moment_words(chapter).intersection(*told)
    if not words:
        return ""
    own = len(words & _moment_words(chapter)) / len(words)
    if own >= OWN_MOMENT:
        return ""
    share = [len(words & theirs) / len(words) for theirs in told]
    return next((o for o, x in zip(others, share) if x >= OWN_MOMENT and x > own), "")


def moment_of(scene: str) -> str:
    """Return the moment a scene shows: its words before the first comma or full stop ("the day OpenAI released
    ChatGPT" of "the day OpenAI released ChatGPT, in San Francisco. In the foreground, ...")."""
    return _PICTURE_OF_RE.sub("", re.split(r"[,.;]\s", scene.strip() + " ", maxsplit=1)[0].strip(" ."))


REPORTED_RE = re.compile(r"\b(?:said|says|writes|wrote|told|according|argued|believes?|thinks?|noted)\b|[\"“”:]", re.IGNORECASE)


def _visual_rank(sentence: str) -> tuple[int, int]:
    """Rank a sentence for a picture: fewer reported-speech marks, more named people or things, then shorter."""
    names = len(re.findall(r"(?<=\s)[A-Z][a-z]+", sentence))
    return (len(REPORTED_RE.findall(sentence)) * 2 - min(names, 3), abs(len(sentence.split()) - 18))


# "A picture showing ...", "An image of ...": the plan's visual names the picture before what it shows
_PICTURE_OF_RE = re.compile(r"(?i)^(?:an?|the)\s+(?:picture|image|drawing|illustration|scene|panel)\s+"
                            r"(?:of|showing|that shows|depicting|where|in which)\s+")


def fallback_scene(plan: ChapterPlan | None, text: str, title: str) -> Scene:
    """Build a scene from the chapter's plan and its own sentences, for when the illustrator gives no usable one."""
    sentences = sorted((s for s in split_sentences(" ".join(text.split())) if set(tokens(s)) - set(tokens(title))),
                       key=_visual_rank)
    visual = _PICTURE_OF_RE.sub("", (plan.visual if plan else "")) or (sentences.pop(0) if sentences else f"a moment from \"{title}\"")
    opening = plan.opening if plan and not REPORTED_RE.search(plan.opening) else ""  # "X writes about how ..." shows nothing
    opening = opening or (sentences.pop(0) if sentences else "")
    if jaccard(opening, visual) >= NEAR_COPY:  # the plan's picture and opening may say one thing twice
        opening = next((s for s in sentences if jaccard(s, visual) < NEAR_COPY), "")
    said = [visual, opening]
    # the opening is often the chapter's first sentence, told again in other words
    sentences = [s for s in sentences if all(jaccard(s, x) < NEAR_COPY for x in said if x)]
    people = [Figure(who=p, action="looks on") for p in (plan.people if plan else [])[:2]
              if not mentioned(p, f"{visual} {opening}")]
    return Scene(
        moment=_fit(visual),
        setting="",
        people=people,
        foreground=_fit(opening),
        # the chapter's most visual sentences: one as a sentence of its own, a second where the plan gives little
        background=_fit(sentences[1]) if len(sentences) > 1 and len(f"{visual} {opening}".split()) < 25 else "",
        metaphor=_fit(sentences[0]) if sentences else "",
    )


def _fit(text: str, limit: int = 240) -> str:
    """Cut a chapter sentence to a scene field's length, at a word: a long sentence must not fail the Scene."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")


def copied_fields(scene: Scene) -> list[str]:
    """Return a reason when any of the scene's fields repeats the worked example's (a weak model copies it)."""
    pairs = [(scene.setting, EXAMPLE.setting), (scene.foreground, EXAMPLE.foreground),
             (scene.background, EXAMPLE.background), (scene.metaphor, EXAMPLE.metaphor), (scene.moment, EXAMPLE.moment)]
    # a field near the example's, or one with five of its words in a row ("like a hand reaching from one side ...")
    if any(jaccard(mine, theirs) > NEAR_COPY or _word_runs(mine) & _word_runs(theirs) for mine, theirs in pairs):
        return ["it copies the example; describe this chapter's own moment"]
    return []


# Words no picture's phrase ends on: a field that stops on one was cut off ("a large screen displaying").
# words no field ends on: those no sentence ends on, and a preposition, possessive or verb still owed its object
_DANGLING = NO_END | frozenset("to with for from by at in on into onto as who its their his her displaying showing depicting "
                               "featuring holding containing carrying".split())
# a clause opened and cut before its verb: "mirrors the rapid growth as it"
_SUBORDINATORS = frozenset("as while when because since before after until if though although whereas".split())
_SUBJECTS = frozenset("it he she they we i you this".split())


def _dangles(words: list[str]) -> bool:
    """Tell whether a phrase stops mid-way: on a word still owed its object, or on a clause's opening and subject."""
    last = [w.lower() for w in words[-2:]]
    return last[-1] in _DANGLING or (len(last) == 2 and last[0] in _SUBORDINATORS and last[1] in _SUBJECTS)


_PLACED_RE = {"foreground": re.compile(r"(?i)\bin the background\b"), "background": re.compile(r"(?i)\bin the foreground\b")}


def unfinished_fields(scene: Scene) -> list[str]:
    """Return a reason when a field of the scene stops mid-phrase, or its foreground puts things in the
    background (or the other way round): the prompt would read "In the foreground, researchers in the background"."""
    fields = {"moment": scene.moment, "setting": scene.setting, "foreground": scene.foreground,
              "background": scene.background, "metaphor": scene.metaphor,
              **{f"person {k + 1}": p.action for k, p in enumerate(scene.people)}}
    for name, text in fields.items():
        words = re.findall(r"[A-Za-z0-9']+", text or "")
        if words and (_dangles(words) or text.rstrip().endswith((",", ";", ":", "-"))):
            return [f"its {name} stops mid-phrase (\"{' '.join(text.split()[-4:])}\"); finish every field"]
        if name in _PLACED_RE and _PLACED_RE[name].search(text or ""):
            return [f"its {name} describes the other half of the picture; say only what fills the {name}"]
    return []


def scene_of(text: str) -> str:
    """Return the scene part of a prompt: after the leading phrase, before the style sentence (or 'Palette:')."""
    body = re.sub(r"^\s*\d+\s*[:.)]\s*", "", text.strip(), count=1)
    if " showing " in body:
        body = body.split(" showing ", 1)[1]
    cut = max(body.rfind(f" {STYLE_OPENER} "), body.rfind("Palette:"))
    return body[:cut] if cut > 0 else body


def chapter_plan(outline: dict | None, number: int) -> ChapterPlan | None:
    """Return the outline's plan of a chapter, if the outline has one."""
    if not outline or not outline.get("chapters"):
        return None
    plans = Outline.model_validate(outline).chapters
    return next((p for p in plans if p.number == number), None)


ONLY_ALIKE = ("it shows the moment another chapter's picture shows",)  # a near-copy of a whole picture never stands
# faults a picture may keep when no answer is free of them: it beats a stand-in made of the chapter's sentences
SOFT = (*ONLY_ALIKE, NAMES_UNKNOWN)
# faults a scene's moment alone makes: another moment (the plan's) mends them
MOMENT_FAULTS = (REPEATS_TITLE, TOLD_ELSEWHERE, *ONLY_ALIKE)
MENDABLE = (WRONG_PERIOD, NAMES_UNKNOWN, *MOMENT_FAULTS)
ECHO_RUN = 5  # this many words in a row of the reason it was asked again for: the scene writes out the reason


def _word_runs(text: str) -> set[tuple[str, ...]]:
    """Return the runs of ECHO_RUN words in a row of a text, lowercased."""
    words = words_of(text)
    return {tuple(words[i: i + ECHO_RUN]) for i in range(len(words) - ECHO_RUN + 1)}


def echoes_reasons(text: str, reasons: list[str]) -> list[str]:
    """Return a reason when a scene writes out the reason it was asked for again ("showing the moment another
    chapter's picture shows"), not counting what the reason quotes."""
    asked = _word_runs(" ".join(re.sub(r"\(?\"[^\"]*\"\)?", " ", r) for r in reasons))
    if asked & _word_runs(text):
        return ["it writes out the reason it was asked for again instead of a picture; describe what the picture shows"]
    return []


def draw_scene(llm: LLM, chapter: Chapter, plan: ChapterPlan | None, sheet: StyleSheet, *, others: list[str],
               figures: list, feedback: str = "", sources: list[str] = (), names: list[str] = ()) -> tuple[str, object, list[list[str]]]:
    """Ask for a scene until one passes its checks (with the reasons), else take the first whose only fault was
    showing another chapter's moment (in a picture of its own), else the first whose faults were only that and
    naming a place or person the references do not, else the first that mends (see mends: its year, its setting,
    its moment; mended from another chapter's moment only when every name left is the chapter's own), else fall
    back to the plan; return it.

    `sources`: the texts of the passages the chapter cites; `names`: the names the references give (a scene
    naming another is asked for again). The years the chapter and its plan name, else those
    of its passages, are the picture's period: the prompt gives them and a scene set in another year is rejected.
    Returns the scene's sentences, the last reply (for its chart) and the reasons each rejected answer got.
    """
    rejected: list[list[str]] = []
    reply, alike, named, mended = None, None, None, None
    when = " ".join([strip_markers(chapter.text), *(([plan.opening, *plan.beats]) if plan else [])])
    years = chapter_years([when]) or chapter_years(list(sources))
    if not _YEAR_RE.search(when):
        when = " ".join([when, *map(str, years)])
    known = " | ".join([when, chapter.title, *sources, sheet.model_dump_json(), *names])
    for attempt in range(TRIES):
        system, user = render_pair(
            "image_prompts",
            # a model that copied the example gets none the next time, only the reason
            example="" if any("copies the example" in r for r in sum(rejected, [])) else EXAMPLE.model_dump_json(),
            sheet=sheet.model_dump(),
            cast=[r.model_dump() for r in [*sheet.characters, *sheet.places]],
            chapter={"number": chapter.number, "title": chapter.title, "text": strip_markers(chapter.text)},
            plan=(plan.model_dump() if plan else {"beats": [], "opening": "", "people": [], "visual": ""}),
            others=others,
            figures=[f.text for f in figures] if len(figures) >= 2 else [],
            rejected=rejected[-1] if rejected else [],
            feedback=feedback,
            years=years[:3],
        )
        reply = llm.typed(system, user, scene_schema(figures), max_tokens=500, temperature=0.3 + 0.2 * attempt)
        text = scene_sentences(reply, sheet)
        reasons = scene_problems(text, chapter.title, others, when, known, plan.opening if plan else "")
        reasons += [r for r in copied_fields(reply) + unfinished_fields(reply) + echoes_reasons(text, sum(rejected, []))
                    if r not in reasons]
        if not reasons:
            return text, reply, rejected
        rejected.append(reasons)
        if all(r.startswith(ONLY_ALIKE) for r in reasons):
            alike = alike or (text, reply)
        elif all(r.startswith(SOFT) for r in reasons):
            named = named or (text, reply)
        elif all(r.startswith(MENDABLE) for r in reasons) and not mended:
            # a year off is put in the chapter's own year, a setting naming what the story never names is left out,
            # and a moment that is only the title or another chapter's becomes the plan's; a picture mended from
            # another chapter's moment keeps only this chapter's people
            elsewhere = any(r.startswith((TOLD_ELSEWHERE, *ONLY_ALIKE)) for r in reasons)
            own = " | ".join([when, chapter.title, *(plan.people if plan else [])])
            for fixed in mends(reply, reasons, plan, chapter.title, years, known):
                again = scene_sentences(fixed, sheet)
                if not scene_problems(again, chapter.title, others, when, known) and not unfinished_fields(fixed) \
                        and (not elsewhere or own_people_only(fixed, own)):
                    mended = (again, fixed)
                    break
    # a picture of this chapter's own that only resembles another's, else one that only names a place or person
    # the references do not (a landmark of the city), else one mended (set a year off and put in the chapter's own
    # year, or a moment that only named the title given the plan's), reads better than the stand-in
    for kept in (alike, named, mended):
        if kept:
            return kept[0], kept[1], rejected
    fallback = scene_sentences(fallback_scene(plan, strip_markers(chapter.text), chapter.title), sheet)
    return fallback, reply, rejected
