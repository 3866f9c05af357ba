"""The story graph: ingest → outline → approve → chapters (Send) → approve → image prompts (Send) → style → approve → assemble."""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from agent.graph.context import Context
from agent.graph.nodes.approve import approve_chapters, approve_images, approve_outline
from agent.graph.nodes.assemble import assemble
from agent.graph.nodes.image_prompts import image_prompts
from agent.graph.nodes.ingest import ingest
from agent.graph.nodes.outline import outline
from agent.graph.nodes.style_consistency import style_consistency
from agent.graph.routing import start
from agent.state import StoryInput, StoryState
from graphs.chapter import RETRY, build_chapter_graph


def build_graph() -> StateGraph:
    """Return the uncompiled story graph."""
    graph = StateGraph(StoryState, context_schema=Context, input_schema=StoryInput)
    graph.add_node("ingest", ingest)
    graph.add_node("outline", outline, retry_policy=RETRY)
    graph.add_node("approve_outline", approve_outline, destinations=("chapter", "outline"))
    graph.add_node("chapter", build_chapter_graph())
    graph.add_node("approve_chapters", approve_chapters, destinations=("image_prompts", "chapter"))
    graph.add_node("image_prompts", image_prompts, retry_policy=RETRY)
    graph.add_node("style_consistency", style_consistency, retry_policy=RETRY)
    graph.add_node("approve_images", approve_images, destinations=("assemble", "image_prompts", "style_consistency"))
    graph.add_node("assemble", assemble)
    graph.add_conditional_edges(START, start, ["ingest", "chapter"])
    graph.add_edge("ingest", "outline")
    graph.add_edge("outline", "approve_outline")
    graph.add_edge("chapter", "approve_chapters")
    graph.add_edge("image_prompts", "style_consistency")
    graph.add_edge("style_consistency", "approve_images")
    graph.add_edge("assemble", END)
    return graph


def compile_graph(checkpointer=None, cache=None):
    """Compile the story graph with an optional checkpointer and node cache."""
    return build_graph().compile(checkpointer=checkpointer, cache=cache)


# What langgraph.json points at: `langgraph dev` adds its own checkpointer.
graph = compile_graph()
