"""storyagent: turn a topic brief and reference articles into an illustrated, fact-checked story."""

__version__ = "0.1.0"
