"""The single template renderer: one jinja2 Environment, StrictUndefined, one .j2 file per node and role."""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from agent.package_data import data_dir

TEMPLATE_DIR = data_dir("prompt_templates")
TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")


def inert_markup(text: str) -> str:
    """Return text whose tags, comments and closing tags (</passage>, </details>, <script>) are no longer markup."""
    return TAG_START_RE.sub("&lt;", text or "")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["inert"] = inert_markup  # for data (source passages) placed between tags in a prompt
    return env


def render(name: str, **context) -> str:
    """Render prompt_templates/<name>.j2 with the given variables."""
    return _environment().get_template(f"{name}.j2").render(**context).strip()


def render_pair(node: str, **context) -> tuple[str, str]:
    """Render the system and user templates of one node."""
    return render(f"{node}.system", **context), render(f"{node}.user", **context)
