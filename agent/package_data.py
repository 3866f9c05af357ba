"""Where the files that ship with storyagent are: the prompt templates and the default references."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import agent

# The wheel copies the repository's top-level folders to agent/_data/<name>; a checkout reads them in place.
CHECKOUT_ROOT = Path(agent.__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """Return the folder of packaged data `name` (prompt_templates or references)."""
    packaged = Path(str(resources.files("agent") / "_data" / name))
    if packaged.is_dir():
        return packaged
    return CHECKOUT_ROOT / name
