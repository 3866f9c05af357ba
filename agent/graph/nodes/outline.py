"""outline: the story arc (chapters with purpose, opening, people, beats, passages, visual) and the style sheet."""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from langgraph.runtime import Runtime
from pydantic import Field, create_model

from agent.graph.context import Context
from agent.illustration.style_sheet import make_style_sheet
from agent.prompts import render_pair
from agent.state import ChapterPlan, Outline, StoryState
from agent.story.prose import is_meta, standalone
from agent.story.references import Library, library_from_state
from agent.text import tokens
from agent.settings import DEFAULT_WORDS
from agent.story.moments import TitleFit, fits_best, ground_openings, misplaced_titles, passage_idf, supported, told_lines
from agent.story.retelling import choose_facts, fact_count, wanted
from agent.story.salience import central_passages, relevant, salience, summary
from agent.story.timeline import Clock, in_order

SIMILAR = 0.2  # a passage this close to an empty chapter's first passage joins it

PASSAGES_PER_CHAPTER = 4
MIN_PASSAGES = 3  # a chapter told from fewer passages runs short of facts
ARC = ("setup", "challenge", "turning point", "outcome", "aftermath")
GENERIC_TITLES = frozenset(
    "introduction conclusion background aftermath epilogue prologue overview summary context legacy impact "
    "beginning beginnings end ending origins history story finale resolution consequences setup challenge "
    "turning point outcome climax rising action".split()
)
_LEADING_CLAUSE_RE = re.compile(r"^(?:on|in|at|by|after|before|during|when|while|by the time)\b[^,]{0,60},\s*", re.IGNORECASE)
_NAME_RE = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b")
_PERSON_RE = re.compile(r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|da|al|bin)){0,3}")
_NO_TITLE_END = frozenset("as to of and with how what why who which where about was were is are has had anyone someone "
                          "everyone nobody anything something everything nothing hardly".split())
# "At the time hardly anyone cared ...", "By the time of GPT-3 OpenAI ...": when, not what, with no comma after it
_TIME_LEAD_RE = re.compile(r"^(?:at|by|in|around) the time(?: of (?:[A-Z0-9][\w.-]*\s*)+)?\s+", re.IGNORECASE)
# a reported opening's speaker and verb: "Sam Altman writes about how", "Agarwal said that"
_REPORTED_RE = re.compile(r"^(?:[A-Z][\w.'-]*\s+){1,3}(?:writes|wrote|says|said|recalls|recalled|explains|explained|notes|"
                          r"noted|describes|described|remembers|remembered)\s+(?:about\s+)?(?:how\s+|that\s+)?")
_NOT_NAME_START = frozenset("the a an in on at after before when while by for from this that its his her their our it".split())
_MONTHS = frozenset("january february march april may june july august september october november december monday tuesday "
                    "wednesday thursday friday saturday sunday".split())


def outline_schema(chapters: int) -> type[Outline]:
    """Return an Outline model whose chapter list must have exactly `chapters` items."""
    return create_model(
        "Outline",
        __base__=Outline,
        chapters=(
            list[ChapterPlan],
            Field(min_length=chapters, max_length=chapters, description=f"Exactly {chapters} chapters, in order"),
        ),
    )


def tidy(text: str, limit: int) -> str:
    """End a model string that hit its length limit at its last full sentence or word."""
    text = " ".join(text.split())
    if len(text) < limit - 5 or text[-1] in ".!?\"'”’)":
        return text
    cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    if cut > len(text) // 3:
        return text[: cut + 1]
    return text.rsplit(" ", 1)[0].rstrip(",;:-") + "…" if " " in text else text


_PART_RE = re.compile(r"part\s+\d+", re.IGNORECASE)


def is_generic(title: str) -> bool:
    """Tell whether a chapter title names no event: 'Introduction', 'Chapter 2', 'The Aftermath'.

    'Part N' is the name title_from falls back on when a plan has nothing to name it by, so it stays.
    """
    if _PART_RE.fullmatch(title.strip()):
        return False
    words = re.sub(r"^(?:chapter|part|section)\s+\w+\s*[:.\-–—]\s*", "", title.strip(), flags=re.IGNORECASE)
    words = re.sub(r"[^a-z0-9 ]+", " ", words.lower()).split()
    words = [w for w in words if w not in {"the", "a", "an", "and", "of"}]
    if not words or re.fullmatch(r"(?:chapter|section)\s*\w*", title.strip(), flags=re.IGNORECASE):
        return True
    return all(w in GENERIC_TITLES for w in words)


def title_from(plan: ChapterPlan, people: list[str] = ()) -> str:
    """Make a chapter title from its opening or first beat: its first words, without a leading date clause; never
    only one of its people ("Jan Leike, an AI researcher, ..." gives no title)."""
    for text in (plan.opening, *plan.beats):
        text = _REPORTED_RE.sub("", _LEADING_CLAUSE_RE.sub("", " ".join(text.split())))  # "Altman writes that ..."
        text = _TIME_LEAD_RE.sub("", text)
        clause = re.split(r"[,.;:!?(]", text, maxsplit=1)[0]
        subject = re.split(r"\s+(?:was|were|is|are|became|remained)\s+", clause, maxsplit=1)
        words = (subject[0] if len(subject) > 1 and len(subject[0].split()) >= 2 else clause).split()[:5]
        while words and (words[-1].lower() in _NOT_NAME_START or words[-1].lower() in _NO_TITLE_END):
            words.pop()
        if (len(words) >= 2 and not about_the_sources(" ".join(words)) and standalone(" ".join(words))  # not "They would ..."
                and not only_a_name(" ".join(words), [*plan.people, *people])):
            title = " ".join(words)
            return title[0].upper() + title[1:]
    return f"Part {plan.number}"


class Fit:
    """How well a passage matches a chapter's plan: idf-weighted share of the plan's words it contains."""

    def __init__(self, library: Library):
        self.library = library
        self.idf = passage_idf(library)
        self.words = {p.id: set(tokens(p.text)) for p in library.passages}

    def __call__(self, passage_id: str, plan: ChapterPlan) -> float:
        wanted = set(tokens(" ".join([plan.title, plan.opening, *plan.beats])))
        weight = sum(self.idf.get(t, 0.0) for t in wanted)
        if not weight:
            return 0.0
        return sum(self.idf.get(t, 0.0) for t in wanted & self.words.get(passage_id, set())) / weight


def assign_passages(plans: list[ChapterPlan], library: Library, query: str, per_chapter: int = PASSAGES_PER_CHAPTER) -> list[list[str]]:
    """Give each chapter its own passages, deterministically.

    The pool is the most salient passages (leads, shared events, the topic) plus those the planner named
    among the salient ones. Each pool passage goes to the chapter whose plan it matches best (a planner's
    pick counts a little), a chapter keeps its best `per_chapter`, an empty chapter takes the best untold
    pool passage, a passage that happens in another chapter's time moves there (settle_in_time), a chapter
    left with fewer than MIN_PASSAGES takes the untold central passages that fit it best, and a relevant
    source that no chapter uses gives its best passage to the chapter it fits.
    """
    scores = salience(library, query)
    size = len(plans) * per_chapter
    pool = central_passages(library, query, size + len(plans))
    wider_ranked = central_passages(library, query, 3 * size)
    wider = set(wider_ranked)
    named = {(n, pid) for n, plan in enumerate(plans) for pid in plan.passage_ids if pid in wider}
    pool += [pid for _, pid in sorted(named) if pid not in pool]
    fit = Fit(library)

    def score(pid: str, n: int) -> float:
        return fit(pid, plans[n]) + (0.15 if (n, pid) in named else 0.0)

    chosen: list[list[str]] = [[] for _ in plans]
    for pid in pool:
        ranked = sorted(range(len(plans)), key=lambda n: (-score(pid, n), n))
        if score(pid, ranked[0]) > 0:
            chosen[ranked[0]].append(pid)
    for n, ids in enumerate(chosen):
        chosen[n] = sorted(ids, key=lambda pid: (-(score(pid, n) + 0.5 * scores[pid]), pid))[:per_chapter]
    for n, ids in enumerate(chosen):
        if not ids:  # the plan matched nothing untold: the best untold passage, and the untold ones close to it
            used = {pid for group in chosen for pid in group}
            untold = [pid for pid in pool if pid not in used]
            if untold:
                first = max(untold, key=lambda pid: (score(pid, n), scores[pid]))
                anchor = plans[n].model_copy(update={"title": "", "opening": "", "beats": [library.get(first).text]})
                near = sorted((pid for pid in untold if pid != first and fit(pid, anchor) >= SIMILAR),
                              key=lambda pid: (-fit(pid, anchor), pid))
                ids.extend([first, *near[: per_chapter - 1]])
    chosen = settle_in_time(chosen, library, per_chapter + 1)
    least = min(MIN_PASSAGES, per_chapter)
    for n, ids in enumerate(chosen):  # a chapter with too few passages has too few facts to fill its length
        used = {pid for group in chosen for pid in group}
        extra = sorted(dict.fromkeys(pid for pid in [*pool, *wider_ranked] if pid not in used),
                       key=lambda pid: (-(score(pid, n) + 0.5 * scores[pid]), pid))
        ids.extend(extra[: max(0, least - len(ids))])
        while len(ids) < least:  # nothing central is left: the fullest chapter gives the passage that fits best
            rich = max(range(len(chosen)), key=lambda m: (len(chosen[m]), -m))
            if len(chosen[rich]) <= least:
                break
            given = max(chosen[rich], key=lambda pid: (score(pid, n), pid))
            chosen[rich].remove(given)
            ids.append(given)
    used = {library.get(pid).source_id for group in chosen for pid in group}
    for source in library.sources:
        if source.id in used or not relevant(library, source.id, query):
            continue
        own = [p.id for p in library.passages if p.source_id == source.id]
        best = max(own, key=lambda pid: (scores[pid], -own.index(pid)))
        n = max(range(len(plans)), key=lambda n: (score(best, n), -n))
        chosen[n].append(best)
    return chosen


def people_in(plan: ChapterPlan, texts: list[str], library_text: str) -> list[str]:
    """Return the chapter's real people: the planner's names the sources spell, else names its passages repeat."""
    given = [" ".join(p.split()) for p in plan.people
             if _PERSON_RE.fullmatch(" ".join(p.split())) and p.strip().lower() in library_text.lower()]
    if given:
        return list(dict.fromkeys(given))[:6]
    found: Counter = Counter()
    for text in texts:
        for name in _NAME_RE.findall(text):
            words = name.replace("-", " ").lower().split()
            if words[0] not in _NOT_NAME_START and not _MONTHS & set(words):
                found[name] += 1
    plan_text = " ".join([plan.opening, *plan.beats])
    ranked = sorted(found, key=lambda name: (-(name in plan_text), -found[name], name))
    return [name for name in ranked if name in plan_text or found[name] > 1][:4]


def unreported(text: str) -> str:
    """Return what a reported sentence reports, as the moment itself ("Altman writes about how early OpenAI was a
    small lab" becomes "Early OpenAI was a small lab"); a report whose rest leans on its speaker ("he", "they")
    stays whole."""
    rest = _REPORTED_RE.sub("", text, count=1)
    if rest == text or len(rest.split()) < 4 or re.match(r"(?i)(?:he|she|they|it|we|i|his|her|their|its)\b", rest):
        return text
    return rest[0].upper() + rest[1:]


def story_fields(plans: list[ChapterPlan]) -> list[dict]:
    """Fill a plan's opening, visual and purpose where the planner left them empty or all alike; an opening that
    reports what someone wrote or said opens on what they reported."""
    alike = len(plans) > 1 and len({p.purpose for p in plans}) == 1
    updates = []
    for i, plan in enumerate(plans):
        opening = unreported(tidy(plan.opening, 220)[:220] or plan.beats[0])
        purpose = ARC[min(len(ARC) - 1, round(i * 3 / (len(plans) - 1)))] if alike else plan.purpose
        updates.append({"opening": opening, "visual": tidy(plan.visual, 220)[:220] or opening, "purpose": purpose})
    return updates


def settle_in_time(chosen: list[list[str]], library: Library, room: int = PASSAGES_PER_CHAPTER + 1) -> list[list[str]]:
    """Move each passage that happens nearer another chapter's time than its own chapter's to that chapter
    (a chapter's time: the median of its sentences' times; see `agent.story.timeline`), so a chapter about
    the money raised in 1856 does not also tell the failure of 1858. A chapter keeps at least one passage and
    takes at most `room`; passages that never say when they happen stay where their plan put them."""
    clock = Clock(library)
    centres = [clock.passages(ids) for ids in chosen]
    result = [list(ids) for ids in chosen]
    for n, ids in enumerate(chosen):
        for pid in ids:
            when = clock.passages([pid])
            if when is None or centres[n] is None:
                continue
            options = [m for m, c in enumerate(centres) if c is not None and len(result[m]) < room and m != n]
            best = min(options, key=lambda m: (abs(centres[m] - when), m), default=None)
            if best is not None and abs(centres[best] - when) < abs(centres[n] - when) and len(result[n]) > 1:
                result[n].remove(pid)
                result[best].append(pid)
    return result


def chapter_time(plan: ChapterPlan, library: Library, clock: Clock, words: int = DEFAULT_WORDS) -> float | None:
    """Return when a chapter happens: the median time of the notes a retelling of it would tell (a passage often
    opens on its event and then goes back over its background) when two or more of them say when, else of all
    its passages' sentences."""
    passages = [p for p in map(library.get, plan.passage_ids) if p is not None]
    facts = choose_facts(wanted(plan), passages, fact_count(words), clock=clock)
    times = [t for f in facts if (t := clock.sentence(f.text, library.get(f.passage_id).source_id)) is not None]
    return median(times) if len(times) >= 2 else clock.passages(plan.passage_ids)  # one date is too thin to go by


def in_time_order(chapters: list[ChapterPlan], library: Library, words: int = DEFAULT_WORDS) -> list[ChapterPlan]:
    """Put the chapters that say when they happen in time order (see chapter_time; a chapter that never says
    keeps its place); renumber them. The arc stays with the positions: the first chapter is still the setup."""
    clock = Clock(library)
    ordered = in_order(list(range(len(chapters))), [chapter_time(c, library, clock, words) for c in chapters])
    return [chapters[i].model_copy(update={"number": n, "purpose": chapters[n - 1].purpose,
                                           # a title that only counts the chapter counts its new place
                                           "title": f"Part {n}" if chapters[i].title == f"Part {i + 1}" else chapters[i].title})
            for n, i in enumerate(ordered, start=1)]


def ground_outline(outline: Outline, library: Library, query: str = "", per_chapter: int = PASSAGES_PER_CHAPTER,
                   words: int = DEFAULT_WORDS, checker=None) -> Outline:
    """Renumber chapters, keep the planner's beats (once each), give chapters their passages, name them, fill the arc.

    Once the chapters are in time order, an opening their passages do not support (the fact-check, with the
    `checker` model if given) or an earlier chapter tells gives way to the chapter's own moment, and a title
    that names what another chapter tells better than its own is made again from the plan (see agent.story.moments).
    """
    seen: set[str] = set()
    plans, repeated = [], []
    for number, plan in enumerate(outline.chapters, start=1):
        keys = [" ".join(b.lower().split()) for b in plan.beats]
        fresh = [b for b, key in zip(plan.beats, keys) if key not in seen]
        seen.update(keys)
        # a plan that only repeats earlier beats, or talks about the articles instead of events, is no plan
        repeated.append(not fresh or any(is_meta(text) for text in [plan.opening, *plan.beats]))
        title = own_part(tidy(plan.title, 90).rstrip("…"), outline.title)
        plans.append(plan.model_copy(update={"number": number, "beats": fresh or plan.beats, "title": title}))
    plans = [plan.model_copy(update=update) for plan, update in zip(plans, story_fields(plans))]
    # A chapter that only repeats earlier beats has no plan of its own: it tells the central passages left untold.
    blank = [p.model_copy(update={"title": "", "opening": "", "visual": "", "beats": [""]}) if r else p for p, r in zip(plans, repeated)]
    assigned = assign_passages(blank, library, query, per_chapter)
    library_text = " ".join(p.text for p in library.passages)
    chapters = []
    for plan, ids, again in zip(plans, assigned, repeated):
        texts = [library.get(pid).text for pid in ids]
        if again and texts:
            beats = [tidy(summary(t, 30)[:200], 220) for t in texts[:3]]
            plan = plan.model_copy(update={"beats": beats, "opening": tidy(beats[0], 220), "visual": tidy(beats[0], 220)})
        taken = {c.title.lower() for c in chapters} | {outline.title.lower()}  # nor the story's own title
        people = people_in(plan, texts, library_text)
        renamed = (is_generic(plan.title) or is_taken(plan.title, taken) or is_meta(plan.title)
                   or only_a_name(plan.title, [*plan.people, *people])
                   or about_the_sources(plan.title, [source.title for source in library.sources])
                   or (bool(texts) and not _PART_RE.fullmatch(plan.title.strip())
                       and not grounded_title(plan.title, " ".join(texts))))
        title = (title_from(plan, people) if renamed else plan.title)[:90]
        if is_taken(title, taken):
            title = f"Part {plan.number}"
        chapters.append(plan.model_copy(update={"passage_ids": ids, "title": title, "people": people}))
    chapters = in_time_order(chapters, library, words)
    chapters = ground_openings(chapters, library, words, checker)
    for n in misplaced_titles([c.title for c in chapters], [" ".join(lines) for lines in told_lines(chapters, library, words)], library):
        taken = {c.title.lower() for m, c in enumerate(chapters) if m != n} | {outline.title.lower()}
        title = title_from(chapters[n])[:90]
        chapters[n] = chapters[n].model_copy(update={"title": f"Part {chapters[n].number}" if is_taken(title, taken) else title})
    title, logline = tidy(outline.title, 90).rstrip("…"), tidy(outline.logline, 220)
    # model_copy does not validate: check the result against the schema now, not in a later node
    return Outline.model_validate(outline.model_copy(update={"title": title, "logline": logline, "chapters": chapters}).model_dump())


def titles_schema(chapters: int) -> type:
    """Return the typed reply of the naming call: exactly `chapters` short titles."""
    return create_model("ChapterTitles", titles=(list[str], Field(min_length=chapters, max_length=chapters,
                                                                 description="One 2-6 word title per chapter, in order")))


_FIGURE_RE = re.compile(r"\b(?:\d[\d,.]*(?:st|nd|rd|th|s)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                        r"tenth|last|final|hundred|thousand|million|billion)\b", re.IGNORECASE)


def grounded_title(title: str, notes: str) -> bool:
    """Tell whether a title says only what its chapter's notes say: a content word of them, and every number,
    ordinal or year of its own in them ("The First Birthday" where the notes tell the second is not)."""
    said = {m.lower() for m in _FIGURE_RE.findall(notes)}
    return (bool(set(tokens(title)) & set(tokens(notes)))
            and all(m.lower() in said for m in _FIGURE_RE.findall(title)))


# a title about someone telling the story, not an event of it: "Altman Reflects on AGI Progress"
_REPORTING_TITLE_RE = re.compile(r"(?i)\b(?:reflects?|reflecting|reflections|writes|recalls|remembers|looks back|"
                                 r"explains|describes|interview|oral history|inside story|essay)\b")


def about_the_sources(title: str, source_titles: list[str] = ()) -> bool:
    """Tell whether a title names a source or its telling rather than an event: most of its content words are a
    source's title ("The Inside Story of ChatGPT"), or someone reflects, writes or recalls in it."""
    own = {t for t in tokens(title) if len(t) > 1}
    return bool(_REPORTING_TITLE_RE.search(title)) or any(
        len(own) >= 2 and len(own & set(tokens(other))) >= 0.75 * len(own) for other in source_titles if other)


def is_taken(title: str, taken: set[str]) -> bool:
    """Tell whether a title is one of the `taken` titles (lowercase), or one in other words with the same
    content words: "The Birth of ChatGPT" and "ChatGPT's Birth"."""
    def key(text: str) -> set[str]:
        return {t for t in tokens(text) if len(t) > 1 or t.isdigit()}  # not the "s" of "ChatGPT's"
    return title.lower() in taken or any(key(title) and key(title) == key(other) for other in taken)


def own_part(title: str, story_title: str) -> str:
    """Return a chapter title without the story's title before it ("ChatGPT Launch: The Quiet Lab" in a story
    called "ChatGPT Launch" is "The Quiet Lab")."""
    if story_title.strip():
        rest = re.sub(rf"(?i)^\s*{re.escape(story_title.strip())}\s*[:\-–—]\s*", "", title)
        if rest != title and len(rest.split()) >= 2:
            return rest[0].upper() + rest[1:]
    return title


def only_a_name(title: str, people: list[str]) -> bool:
    """Tell whether a title is no more than one of the chapter's people ("Jan Leike"): it names no event."""
    bare = " ".join(title.split()).strip(" .:'\"").lower()
    return any(bare in (name.lower(), name.split()[-1].lower()) for name in people if name.strip())


def good_title(title: str, taken: set[str], notes: str = "", source_titles: list[str] = (), people: list[str] = ()) -> bool:
    """Tell whether a proposed title names something of its chapter: 2-7 words, no label, no source talk (see
    about_the_sources), not a sentence, not only a person's name, not taken, and (given the chapter's `notes`)
    grounded in them (see grounded_title)."""
    words = title.split()
    grounded = not notes or grounded_title(title, notes)
    return (grounded and 2 <= len(words) <= 7 and not is_generic(title) and not is_meta(title) and not is_taken(title, taken)
            and not only_a_name(title, people)
            and not about_the_sources(title, source_titles)
            and not title.rstrip().endswith((".", ",", ";", ":")) and not re.search(r"\d+\.\s|\bchapter\b", title, re.I))


def name_chapters(ctx: Context, plan: Outline, library: Library, topic: str, renamed: list[int], words: int = DEFAULT_WORDS) -> Outline:
    """Ask the planner for headline titles of the chapters whose planned title named nothing.

    The chapters are shown by what they tell (their opening and first facts); a proposed title that is a label,
    a sentence, about the sources, already taken, or a better name for another chapter's events is not used,
    and the title made from the plan stays.
    """
    lines = told_lines(plan.chapters, library, words)
    texts = [" ".join(told) for told in lines]
    shown = [{"facts": [summary(line, 25) for line in told[:3]]} for told in lines]
    system, user = render_pair("outline_titles", story_title=plan.title, topic=topic, chapters=shown)
    reply = ctx.llm("planner").typed(system, user, titles_schema(len(plan.chapters)), max_tokens=30 * len(plan.chapters) + 40)
    chapters = list(plan.chapters)
    fit = TitleFit(library)
    taken = {c.title.lower() for n, c in enumerate(chapters) if n not in renamed} | {plan.title.lower()}
    for n in renamed:
        title = own_part(" ".join(reply.titles[n].split()).strip(" \"'“”")[:90], plan.title)
        if fits_best(fit, title, texts, n) and good_title(title, taken, texts[n], [source.title for source in library.sources],
                                                          chapters[n].people):
            chapters[n] = chapters[n].model_copy(update={"title": title})
        taken.add(chapters[n].title.lower())
    return plan.model_copy(update={"chapters": chapters})


def outline(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Plan the story arc from summaries of the central passages, then write its style sheet."""
    ctx = runtime.context
    ctx.event(step="outline")
    library = library_from_state(state)
    query = " ".join([state["topic"], state.get("brief", "")])
    count = state["chapters"]
    central = central_passages(library, query, min(max(10, 3 * count), 24))
    clock = Clock(library)
    shown_ids = in_order(central, [clock.passages([pid]) for pid in central])  # so the arc can follow time
    shown = [{"id": pid, "source_id": library.get(pid).source_id, "text": summary(library.get(pid).text)} for pid in shown_ids]
    system, user = render_pair(
        "outline",
        topic=state["topic"],
        brief=state.get("brief", ""),
        chapters=count,
        arc=ARC,
        sources=[s.model_dump() for s in library.sources],
        passages=shown,
        feedback=state.get("feedback", {}).get("outline", ""),
    )
    plan = ctx.llm("planner").typed(system, user, outline_schema(count), max_tokens=400 + 260 * count)
    planned = Outline.model_validate(plan.model_dump())
    words = state.get("words") or DEFAULT_WORDS
    checker = ctx.llm("fact_checker")
    plan = ground_outline(planned, library, query, words=words, checker=checker)
    if plan.logline and not supported(plan.logline, library, checker):  # the story's subtitle is a claim too
        plan = plan.model_copy(update={"logline": ""})
    proposed = {tidy(c.title, 90).rstrip("…") for c in planned.chapters}
    renamed = [n for n, c in enumerate(plan.chapters) if c.title not in proposed]  # (chapters may be in a new order)
    if renamed:
        plan = name_chapters(ctx, plan, library, state["topic"], renamed, words)
    style = make_style_sheet(ctx, state, plan)
    ctx.run.write_json("outline.json", plan.model_dump(mode="json"))
    ctx.run.write_json("style_sheet.json", style.model_dump(mode="json"))
    ctx.event(step="outline", detail=f"{plan.title}: {len(plan.chapters)} chapters")
    return {"outline": plan.model_dump(mode="json"), "style_sheet": style.model_dump(mode="json")}
