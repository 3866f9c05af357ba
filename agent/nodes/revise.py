"""revise: fix or remove the claims the fact-check flagged, one sentence at a time."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.chapters import attribute, chapter_slug
from agent.config import Context
from agent.factcheck.rules import normalize
from agent.prompts import render_pair
from agent.references import library_from_state
from agent.state import Chapter, ChapterCheck


def revise(task: dict, runtime: Runtime[Context]) -> dict:
    """Rewrite each flagged sentence from its evidence; on the last round, remove what is still flagged."""
    ctx = runtime.context
    chapter = Chapter.model_validate(task["draft"])
    check = ChapterCheck.model_validate(task["check"])
    ctx.event(step="revise", chapter=chapter.number)
    library = library_from_state(task)
    last_round = check.rounds + 1 >= task.get("max_revisions", 2)
    text = chapter.text
    fixed: set[str] = set()
    changes = list(chapter.changes)
    for claim in check.flagged:
        if claim.sentence in fixed or claim.sentence not in text:
            continue
        fixed.add(claim.sentence)
        replacement = ""
        if claim.evidence and not last_round:
            system, user = render_pair(
                "revise", sentence=claim.claim, verdict=claim.verdict, reason=claim.reason,
                evidence=[e.model_dump() for e in claim.evidence],
            )
            rewritten = ctx.llm("writer").text(system, user, max_tokens=120, temperature=0.2).strip()
            passages = [library.get(e.passage_id) for e in claim.evidence if library.get(e.passage_id)]
            replacement = attribute(rewritten.split("\n")[0], passages)
            if normalize(replacement) == normalize(claim.sentence) or "[" not in replacement:
                replacement = ""  # no grounded rewrite: remove the sentence
        text = text.replace(claim.sentence, replacement)
        changes.append({"round": chapter.revision + 1, "sentence": claim.sentence, "verdict": claim.verdict,
                        "reason": claim.reason, "action": "rewritten" if replacement else "removed",
                        "replacement": replacement})
    text = "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())
    new = chapter.model_copy(update={"text": text, "revision": chapter.revision + 1, "changes": changes})
    ctx.run.write_text(f"chapters/{chapter_slug(new.number, new.title)}.md", new.text + "\n")
    data = new.model_dump(mode="json")
    return {"draft": data, "chapter_text": {new.number: data}}
