"""The storyagent CLI with the bench provider in place of the model: `python -m bench.cli draft ...`.

Every provider the run asks for is a bench.latency.LatencyProvider, so a draft in a child process
(killed and resumed by the bench) behaves like one against an API.
"""

from __future__ import annotations

import agent.graph.context as context
from agent.cli import main
from bench.latency import LatencyProvider

context.make_provider = lambda name, model=None, base_url=None: LatencyProvider()

if __name__ == "__main__":
    main()
