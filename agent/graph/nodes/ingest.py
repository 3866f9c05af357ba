"""ingest: load the reference folders into sources and passages."""

from __future__ import annotations

from langgraph.runtime import Runtime

from agent.graph.context import Context
from agent.story.references import load_references
from agent.state import StoryState


def ingest(state: StoryState, runtime: Runtime[Context]) -> dict:
    """Load, clean and split every reference file; record the sources in the run folder."""
    ctx = runtime.context
    ctx.event(step="ingest")
    sources, passages = load_references(state["ref_dirs"])
    ctx.run.write_json("sources.json", [s.model_dump() for s in sources])
    ctx.event(step="ingest", detail=f"{len(sources)} sources, {len(passages)} passages")
    return {
        "sources": [s.model_dump(mode="json") for s in sources],
        "passages": [p.model_dump(mode="json") for p in passages],
    }
