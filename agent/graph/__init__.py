"""The graph's pieces: runtime context, routing, one module per node."""
