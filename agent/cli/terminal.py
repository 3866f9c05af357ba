"""Text from stories and references, made safe to print: no escape sequences reach the terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline; ESC starts every terminal escape sequence.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Return text with control characters (and so every terminal escape sequence's ESC) removed."""
    return _CONTROL_RE.sub("", text)
