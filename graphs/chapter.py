"""The per-chapter pipeline: write → fact_check → (revise → fact_check)*, bounded."""

from __future__ import annotations

from typing import Annotated, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.types import RetryPolicy

from agent.graph.context import Context
from agent.errors import MalformedReplyError, StoryAgentError
from agent.graph.nodes.fact_check import fact_check
from agent.graph.nodes.revise import revise
from agent.graph.nodes.write import write
from agent.graph.routing import after_fact_check
from agent.state import merge_by_key


class ChapterTask(TypedDict, total=False):
    chapter: int
    topic: str
    outline: dict
    style_sheet: dict
    passages: list[dict]
    sources: list[dict]
    notes: str
    previous: str
    words: int
    max_revisions: int
    draft: dict
    check: dict
    verdicts: dict
    chapter_text: Annotated[dict[int, dict], merge_by_key]
    checks: Annotated[dict[int, dict], merge_by_key]


class ChapterOutput(TypedDict, total=False):
    chapter_text: Annotated[dict[int, dict], merge_by_key]
    checks: Annotated[dict[int, dict], merge_by_key]


def retry_on(exc: Exception) -> bool:
    """Retry what no other layer retries: a reply garbled in transit, an unexpected error; never the user's mistakes.

    One layer per fault: the SDKs retry 429, 5xx, 529, timeouts and dropped connections (MAX_RETRIES in
    agent/llm/providers); LLM.typed retries a reply that does not fit its schema; a ProviderError has had its
    retries, and retrying the node would multiply them.
    """
    if isinstance(exc, MalformedReplyError):
        return True
    return not isinstance(exc, (StoryAgentError, ValueError, TypeError, KeyError))


RETRY = RetryPolicy(max_attempts=3, retry_on=retry_on)


def build_chapter_graph():
    """Return the compiled per-chapter subgraph."""
    graph = StateGraph(ChapterTask, context_schema=Context, output_schema=ChapterOutput)
    graph.add_node("write", write, retry_policy=RETRY)
    graph.add_node("fact_check", fact_check, retry_policy=RETRY)
    graph.add_node("revise", revise, retry_policy=RETRY)
    graph.add_edge(START, "write")
    graph.add_edge("write", "fact_check")
    graph.add_conditional_edges("fact_check", after_fact_check, ["revise", END])
    graph.add_edge("revise", "fact_check")
    return graph.compile()
