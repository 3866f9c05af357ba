"""revise: fix what the fact-check flagged, sentence by sentence, and make every citation point at support.

1. Flagged sentences go to the writer in one typed call (an edit list): each comes back rewritten
   from its evidence passages, with citations that can only name those passages, or empty to drop it.
2. Each rewrite must pass the no-model checks against the passages it cites and must differ from the
   flagged sentence; otherwise the sentence is removed. So the round makes progress with any model.
3. Supported sentences whose citations do not support them are re-cited to their evidence passages;
   citations to passages that are not in the references are dropped. No model is needed for this.
"""

from __future__ import annotations

from typing import Literal

from langgraph.runtime import Runtime
from pydantic import BaseModel, Field, create_model

from agent.story.chapters import DRAMATIZED, chapter_slug, render_draft
from agent.graph.context import Context
from agent.errors import ModelOutputError
from agent.factcheck.checker import check_text
from agent.factcheck.claims import clean, cited_ids, sentences
from agent.factcheck.text import normalize
from agent.prompts import render_pair
from agent.story.references import library_from_state
from agent.story.retrieval import budget
from agent.state import Chapter, ChapterCheck, ChapterDraft, Paragraph, Sentence

MAX_PASSAGES = 4
PASSAGE_TOKENS = 600


class Fix(BaseModel):
    index: int = Field(description="The number of the flagged sentence")
    text: str = Field(description="The corrected sentence, stating only what the passages say; empty to remove it")
    citations: list[str] = Field(default_factory=list, description="Ids of the passages that support the corrected sentence")


class Fixes(BaseModel):
    fixes: list[Fix] = Field(description="One fix per flagged sentence, in order")


def fixes_schema(passage_ids: list[str]) -> type[Fixes]:
    """Return a Fixes model whose citations can only name the given passages."""
    if not passage_ids:
        return Fixes
    ids = Literal[tuple(passage_ids)]  # type: ignore[valid-type]
    fix = create_model("Fix", __base__=Fix, citations=(list[ids], Field(default_factory=list, description="Ids of the passages that support the corrected sentence")))
    return create_model("Fixes", __base__=Fixes, fixes=(list[fix], Field(description="One fix per flagged sentence, in order")))


def parse_draft(text: str) -> ChapterDraft:
    """Read chapter markdown back into typed sentences with their citations and dramatized flags."""
    paragraphs = []
    for block in (b for b in text.split("\n\n") if b.strip()):
        found = [Sentence(text=clean(raw), citations=cited_ids(raw), dramatized=DRAMATIZED in raw)
                 for raw in sentences(" ".join(block.split()))]
        paragraphs.append(Paragraph(sentences=[s for s in found if s.text]))
    return ChapterDraft(paragraphs=[p for p in paragraphs if p.sentences])


def revise(task: dict, runtime: Runtime[Context]) -> dict:
    """Rewrite or remove the flagged sentences, re-cite supported ones, and save the new revision."""
    ctx = runtime.context
    chapter = Chapter.model_validate(task["draft"])
    check = ChapterCheck.model_validate(task["check"])
    ctx.event(step="revise", chapter=chapter.number)
    library = library_from_state(task)
    draft = parse_draft(chapter.text)
    flat = [s for p in draft.paragraphs for s in p.sentences]
    flagged = {c.sentence: c for c in check.flagged}
    todo = [s for s in flat if s.text in flagged and not s.dramatized]
    round_no = chapter.revision + 1
    changes = list(chapter.changes)
    replacements = _rewrite(todo, flagged, library, ctx) if todo else {}
    for sentence in todo:
        claim = flagged[sentence.text]
        new = replacements.get(id(sentence))
        changes.append({"round": round_no, "sentence": sentence.text, "verdict": claim.verdict, "reason": claim.reason,
                        "action": "rewritten" if new else "removed", "replacement": new.text if new else ""})
        sentence.text, sentence.citations = (new.text, new.citations) if new else ("", [])
    _recite(flat, check, library, changes, round_no)
    for p in draft.paragraphs:
        p.sentences = [s for s in p.sentences if s.text]
    text = render_draft(draft) or chapter.text  # never empty a chapter: what stays flagged stays in the report
    new_chapter = chapter.model_copy(update={"text": text, "revision": round_no, "changes": changes})
    ctx.run.write_text(f"chapters/{chapter_slug(new_chapter.number, new_chapter.title)}.md", new_chapter.text + "\n")
    data = new_chapter.model_dump(mode="json")
    return {"draft": data, "chapter_text": {new_chapter.number: data}}


def _rewrite(todo: list[Sentence], flagged: dict, library, ctx: Context) -> dict[int, Sentence]:
    """Ask the writer for fixes in one call; keep only rewrites that pass the no-model checks."""
    ids = list(dict.fromkeys(e.passage_id for s in todo for e in flagged[s.text].evidence if library.get(e.passage_id)))
    passages = budget([library.get(pid) for pid in ids[:MAX_PASSAGES]], PASSAGE_TOKENS)
    items = [{"index": i, "sentence": s.text, "verdict": flagged[s.text].verdict, "reason": flagged[s.text].reason}
             for i, s in enumerate(todo, start=1)]
    system, user = render_pair("revise", items=items, passages=[p.model_dump() for p in passages])
    try:
        reply = ctx.llm("writer").typed(system, user, fixes_schema([p.id for p in passages]),
                                        max_tokens=80 + 70 * len(todo), temperature=0.2)
    except ModelOutputError:
        return {}  # no usable fixes: the flagged sentences are removed
    accepted: dict[int, Sentence] = {}
    for fix in reply.fixes:
        if not 1 <= fix.index <= len(todo) or not fix.text.strip() or not fix.citations:
            continue
        original = todo[fix.index - 1]
        candidate = Sentence(text=clean(fix.text), citations=list(dict.fromkeys(fix.citations)))
        if _same(candidate.text, original.text) or any(_same(candidate.text, s.text) for s in accepted.values()):
            continue
        marked = render_draft(ChapterDraft(paragraphs=[Paragraph(sentences=[candidate])]))
        verdicts = check_text(marked, library, None, cited_only=True)
        if verdicts and all(v.verdict == "supported" for v in verdicts):
            accepted[id(original)] = candidate
    return accepted


def _recite(flat: list[Sentence], check: ChapterCheck, library, changes: list[dict], round_no: int) -> None:
    """Point the citations of supported sentences at the passages that hold their evidence."""
    support: dict[str, list[str]] = {}
    for claim in check.claims:
        if claim.verdict == "supported" and claim.evidence:
            # a sentence's evidence is the best quote of each of its atoms: cite every passage among them
            support.setdefault(claim.sentence, []).extend(e.passage_id for e in claim.evidence)
    report = {c.sentence: c for c in (check.citations.sentences if check.citations else [])}
    for sentence in flat:
        cite = report.get(sentence.text)
        if not sentence.text or sentence.dramatized or cite is None or (cite.supported and not cite.irrelevant):
            continue
        known = [pid for pid in sentence.citations if library.get(pid) and pid not in cite.irrelevant]
        wanted = list(dict.fromkeys(support.get(sentence.text, []) if not cite.supported else known))
        if wanted and wanted != sentence.citations:
            changes.append({"round": round_no, "sentence": sentence.text, "verdict": "supported",
                            "reason": f"citations {sentence.citations} do not support it", "action": "recited",
                            "replacement": ", ".join(wanted)})
            sentence.citations = wanted


def _same(a: str, b: str) -> bool:
    return normalize(a).lower().strip(" .") == normalize(b).lower().strip(" .")
