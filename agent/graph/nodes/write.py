"""write: one chapter of the story, as free prose (API models) or as a typed retelling of chosen facts (the
embedded model), checked, repaired, then tied to its passages."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.errors import ModelOutputError
from agent.graph.context import Context
from agent.prompts import render_pair
from agent.story.retrieval import passages_for
from agent.state import Chapter, ChapterPlan, Outline
from agent.story.chapters import attribute, chapter_slug, is_scene, strip_markers, supporting
from agent.settings import DEFAULT_WORDS, WRITER_MODES
from agent.factcheck.checker import check_text, ruled_out
from agent.story.prose import LENGTH_RANGE, Problem, problems, readable, repair, standalone
from agent.story.retelling import (
    SCENE_ASK, bent, choose_facts, clean_line, compose, fact_count, fallback_scene, kept, past_tense, redo_schema, retelling_schema,
    sentence_faults, slot_faults, usable, wanted,
)
from agent.story.references import library_from_state
from agent.story.salience import listiness
from agent.story.timeline import Clock, in_order
from agent.text import split_sentences, tokens

MIN_PASSAGES = 2
MAX_PASSAGES = 5
FACTS_PER_PASSAGE = 2
FACT_WORDS = 40
TRIES = 2
RETELLING_TRIES = 3  # a retelling left short (its unsupported sentences left out) is written again, twice at most
COPY_COST = 15
# The shape of a scene's first sentence, with slots instead of content: a small model copies any concrete example
# word for word (a bakery example came back verbatim in three of three trials), but fills slots from the notes.
EXAMPLE = "It was <time> in <place> when <person> <did something>."
PASSAGE_TOKENS = 700  # the writer's passages: about four of the ~160-token passages


def chapter_passages(plan: ChapterPlan, library) -> list:
    """Return the passages a chapter may use: its outline's passages ranked per beat.

    Only when the outline gave it fewer than MIN_PASSAGES do the beats' best matches in the whole library
    fill in: the outline assigns each passage to one chapter, and a neighbour's passage in the notes
    invites the writer to tell the neighbour's events.
    """
    own = [pid for pid in plan.passage_ids[:MAX_PASSAGES] if library.get(pid) is not None]
    queries = [f"{plan.title} {beat}" for beat in plan.beats] or [plan.title]
    passages = passages_for(queries, library, PASSAGE_TOKENS, first=own)
    if len(own) >= MIN_PASSAGES:
        passages = [p for p in passages if p.id in own]
    return passages[:MAX_PASSAGES]


def facts(plan: ChapterPlan, passage) -> str:
    """Return a passage as a compact list of its sentences that matter most to the chapter, in their order."""
    words_wanted = set(tokens(wanted(plan)))
    sentences = [s for s in split_sentences(" ".join(passage.text.split())) if readable(s) and listiness(s) < 0.5]
    ranked = sorted(range(len(sentences)), key=lambda i: (-len(words_wanted & set(tokens(sentences[i]))), i))
    keep = sorted(ranked[:FACTS_PER_PASSAGE])
    lines = []
    for i in keep:
        words = sentences[i].split()
        lines.append("- " + " ".join(words[:FACT_WORDS]) + (" ..." if len(words) > FACT_WORDS else ""))
    return "\n".join(lines)


def previous_context(task: dict, outline: Outline, number: int, beats: bool = True) -> str:
    """Return the previous chapter's last paragraph if it is written, else what its plan says it tells (only its
    title without `beats`: a small model retells the events it is shown as its own)."""
    if number <= 1:
        return ""
    written = strip_markers(task.get("previous") or "").strip()
    if written:
        return written
    plan = outline.chapters[number - 2]
    if not beats:
        return f'Chapter {plan.number}, "{plan.title}".'
    return f'Chapter {plan.number}, "{plan.title}", tells: ' + " ".join(b.rstrip(".") + "." for b in plan.beats)


def writer_mode(setting: str, provider: str) -> str:
    """Return how the writer works: 'prose' (a free chapter) or 'retelling' (typed, one sentence per fact).

    'auto' gives the embedded model the retelling (asked for free prose it writes a few lines, talks about
    its notes or copies them) and an API model the free prose.
    """
    if setting in WRITER_MODES[1:]:
        return setting
    return "retelling" if provider == "local" else "prose"


def prose_chapter(llm, run, fields: dict, passages: list, words: int, slug: str) -> tuple[str, list]:
    """Write the chapter as free prose (re-asked once with its problems), repaired, then tied to its passages."""
    texts = [p.text for p in passages]
    best: tuple[int, str, list] | None = None
    found: list = []
    for attempt in range(1, TRIES + 1):
        system, user = render_pair("write", **fields, problems=[p.describe() for p in found])
        prose = llm.text(system, user, max_tokens=2 * words + 60, temperature=0.7)
        run.write_text(f"drafts/{slug}.try{attempt}.md", prose + "\n")  # the model's raw output, for the audit trail
        found = problems(prose, texts, words, avoid=(EXAMPLE,))
        # the draft with the most good prose left after repair wins; a copied sentence counts against it
        value = len(repair(prose, texts, avoid=(EXAMPLE,)).split()) - COPY_COST * sum(p.kind == "copied" for p in found)
        if best is None or value > best[0]:
            best = (value, prose, found)
        if not found:
            break
    return attribute(repair(best[1], texts, avoid=(EXAMPLE,)), passages), best[2]


def _badness(problems: list) -> int:
    return 10 * (not usable(problems)) + sum(p.kind in ("copied", "unsupported", "bent") for p in problems)


def _bent(line: str, note: str) -> list[Problem]:
    return [Problem("bent", line)] if bent(line, note) else []


def earlier_notes(outline: Outline, number: int, library, words: int, clock: Clock | None = None) -> list[str]:
    """Return the notes and openings of the chapters before this one (the same for every run of the outline)."""
    notes: list[str] = []
    clock = clock or Clock(library)
    for plan in outline.chapters[: number - 1]:
        chosen = choose_facts(wanted(plan), chapter_passages(plan, library), fact_count(words), notes, clock)
        notes += [f.text for f in chosen] + ([plan.opening] if plan.opening else [])
    return notes


def retold_chapter(llm, run, fields: dict, plan: ChapterPlan, passages: list, words: int, slug: str,
                   told: list[str] = (), library=None, checker=None, clock: Clock | None = None) -> tuple[str, list]:
    """Write the chapter as a typed retelling: a scene, one sentence per chosen fact, a closing line.

    `told`: the earlier chapters' notes; a fact among them is not offered again, and a sentence repeating one
    counts as repeated; `clock` puts the facts in time order. With the `library`, a retold sentence or closing line it does not support (see
    grounding_faults; `checker`: the fact-check's model) is asked for again, and left out if it still is.
    A chapter that keeps less than the shortest allowed length is written again from the start (up to
    RETELLING_TRIES in all, a little warmer each time), and the longest stands; on the last try, a fact whose
    every retelling was left out is told in its note's own words while the chapter is short of that length
    (a model that writes its own story instead of the notes leaves a chapter of two sentences otherwise).
    """
    if clock is None and library is not None:
        clock = Clock(library)
    # the plan's opening is the chapter's scene (or its stand-in): a note telling it again is not offered
    facts = choose_facts(wanted(plan), passages, fact_count(words), [*told, plan.opening] if plan.opening else told, clock)
    if not facts:
        return "", []
    best: tuple[str, list] = ("", [])
    for attempt in range(RETELLING_TRIES):
        last = attempt == RETELLING_TRIES - 1
        text, found = _retell_once(llm, run, fields, plan, passages, facts, told, f"{slug}.{attempt + 1}",
                                   0.7 + 0.1 * attempt, library, checker, fill=LENGTH_RANGE[0] * words if last else 0)
        if len(text.split()) > len(best[0].split()):
            best = (text, found)
        if len(strip_markers(best[0]).split()) >= LENGTH_RANGE[0] * words:
            break
    return best


def imagined(sentence: str, passages: list) -> bool:
    """Tell whether a scene's sentence will be labeled dramatized (it tells no fact of the passages); the
    others in a scene state facts, and the fact-check reads them as claims."""
    cited, overlap = supporting(sentence, passages)
    return not cited and is_scene(sentence, overlap, passages)


def grounding_faults(lines: list[str], library, checker=None, passages: list | None = None) -> list[list[Problem]]:
    """Return, per slot, its sentences the library does not support: by the fact-check itself when a `checker`
    model can rate claims in one pass (the embedded model), else by what its rules alone are sure of. The scene,
    the first slot, is imagined: only its sentences that state facts of the `passages` are checked (the
    fact-check would flag the others after writing and the chapter would come out short)."""
    found: list[list[Problem]] = [[] for _ in lines]
    if library is None:
        return found
    pieces = [split_sentences(clean_line(line)) if line.strip() else [] for line in lines]
    if pieces and pieces[0]:
        pieces[0] = [s for s in pieces[0] if passages and not imagined(s, passages)]
    text = "\n\n".join(" ".join(p) for p in pieces if p)
    if checker is not None and checker.can_score:
        wrong = {c.sentence for c in check_text(text, library, checker) if c.verdict != "supported"}
    else:
        wrong = ruled_out(text, library)
    for k, piece in enumerate(pieces):
        found[k] = [Problem("unsupported", s) for s in piece if s in wrong]
    return found


def _named_first(scene: str) -> str:
    """Return a scene without its leading sentences that lean on one before them ("He's been reflecting ..."):
    a chapter's first sentence says who it is about."""
    sentences = split_sentences(scene)
    while sentences and not standalone(sentences[0]):
        sentences.pop(0)
    return " ".join(sentences)


def _retell_once(llm, run, fields: dict, plan: ChapterPlan, passages: list, facts: list, told: list[str], name: str,
                 temperature: float, library=None, checker=None, fill: float = 0) -> tuple[str, list]:
    """Ask for one retelling, ask again for the sentences that fail their checks, and keep what may stand;
    while what stands has fewer than `fill` words, a fact whose sentence was left out is told in its note's words."""
    texts = [p.text for p in passages]
    notes = [f.text for f in facts]
    # the words the reply must not copy: everything its prompt quotes (a model that can enforce it does)
    avoid = [*texts, *notes, strip_markers(fields["previous"] or "")]
    system, user = render_pair("write_retelling", **fields, facts=notes, redo=[])
    reply = llm.typed(system, user, retelling_schema(len(facts)), max_tokens=45 * len(facts) + 160, temperature=temperature,
                      avoid=avoid)
    run.write_json(f"drafts/{name}.retelling.json", reply.model_dump())
    lines = [past_tense(line, texts) for line in [reply.scene, *reply.sentences, reply.close]]
    before = [*told, *(split_sentences(strip_markers(fields["previous"])) if fields["previous"] else [])]
    ungrounded = grounding_faults(lines, library, checker, passages)  # kept up to date slot by slot below
    if ungrounded[0]:  # the scene's false statements go first, so a note's sentence does not count as repeating them
        wrong = {p.sentence for p in ungrounded[0]}
        lines[0], ungrounded[0] = " ".join(s for s in split_sentences(clean_line(lines[0])) if s not in wrong), []
    rows = [a + b for a, b in zip(sentence_faults(lines, texts, before), ungrounded)]
    for k, note in enumerate(notes):
        rows[k + 1] = _bent(lines[k + 1], note) + rows[k + 1]  # the sharper reason is the one asked about
    again = [k for k in range(len(facts)) if _badness(rows[k + 1])]
    if again:
        system, user = render_pair("write_retelling", **fields, facts=[notes[k] for k in again],
                                   redo=[rows[k + 1][0].describe() for k in again])
        redo = llm.typed(system, user, redo_schema(len(again)), max_tokens=45 * len(again) + 60, temperature=temperature,
                         avoid=avoid)
        run.write_json(f"drafts/{name}.again.json", redo.model_dump())
        for k, sentence in zip(again, [past_tense(line, texts) for line in redo.sentences]):
            trial = [*lines[: k + 1], sentence, *lines[k + 2:]]
            grounding = grounding_faults(["", sentence], library, checker)[1]
            if _badness(sentence_faults(trial, texts, before)[k + 1] + grounding + _bent(sentence, notes[k])) < _badness(rows[k + 1]):
                lines, ungrounded[k + 1] = trial, grounding
    def as_noted(k: int) -> None:  # slot k+1 tells note k in the note's own words: they read right and are true
        lines[k + 1], ungrounded[k + 1] = past_tense(clean_line(notes[k]), texts), []

    for k, note in enumerate(notes):  # still bent out of shape
        if bent(lines[k + 1], note):
            as_noted(k)
    # what the references still do not support is left out here, so a chapter left short is written again
    def judged() -> list:
        return [[(sentence, found_ + [p for p in ungrounded[k] if p.sentence == sentence]) for sentence, found_ in slot]
                for k, slot in enumerate(slot_faults(lines, texts, before))]
    checked = judged()
    for k in range(len(notes)):
        if sum(len(kept(slot).split()) for slot in checked) >= fill:
            break
        if not kept(checked[k + 1]):
            as_noted(k)
            checked = judged()
    scene = _named_first(kept(checked[0])) or past_tense(fallback_scene(plan.opening), texts)
    if scene and scene != kept(checked[0]) and not usable(sentence_faults([scene], texts, before)[0]):
        scene = ""  # the plan's opening is told elsewhere already
    retold = [kept(slot) for slot in checked[1:-1]]
    close = kept(checked[-1])
    found = [p for slot in checked for _, problems_ in slot for p in problems_]
    return attribute(compose(scene, retold, close), passages, scenes=split_sentences(scene)), found


def write(task: dict, runtime: Runtime[Context]) -> dict:
    """Draft the chapter named in the task: a scene in prose, checked, repaired, then tied to its passages."""
    ctx = runtime.context
    number = task["chapter"]
    outline = Outline.model_validate(task["outline"])
    plan = outline.chapters[number - 1]
    ctx.event(step="write", chapter=number)
    library = library_from_state(task)
    clock = Clock(library)
    passages = chapter_passages(plan, library)
    passages = in_order(passages, [clock.passages([p.id]) for p in passages])  # the writer reads them in time order
    words = task.get("words") or DEFAULT_WORDS
    shown = [{"id": p.id, "source_id": p.source_id, "text": facts(plan, p)} for p in passages]
    following = outline.chapters[number].title if number < len(outline.chapters) else ""
    slug = chapter_slug(number, plan.title)
    llm = ctx.llm("writer")
    retelling = writer_mode(ctx.settings.writer, llm.provider.name) == "retelling"
    fields = dict(
        topic=task["topic"], story_title=outline.title, chapter=plan.model_dump(), total=len(outline.chapters),
        passages=shown, previous=previous_context(task, outline, number, beats=not retelling), next_title=following,
        words=words, example=EXAMPLE, notes=task.get("notes", ""), scene_ask=SCENE_ASK,
    )
    if retelling:
        told = earlier_notes(outline, number, library, words, clock)
        text, found = retold_chapter(llm, ctx.run, fields, plan, passages, words, slug, told, library,
                                     ctx.llm("fact_checker"), clock)
    else:
        text, found = prose_chapter(llm, ctx.run, fields, passages, words, slug)
    if not text:
        raise ModelOutputError(f"the writer model returned no usable prose for chapter {number}")
    if found:
        ctx.event(step="write", chapter=number, detail="; ".join(sorted({p.kind for p in found})))
    chapter = Chapter(number=number, title=plan.title, text=text, notes=task.get("notes", ""))
    ctx.run.write_text(f"chapters/{slug}.md", chapter.text + "\n")
    data = chapter.model_dump(mode="json")
    return {"draft": data, "chapter_text": {number: data}}
