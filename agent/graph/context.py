"""One settings object for a run, and the runtime context the graph's nodes receive."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import BaseModel, Field

from agent.errors import InputError
from agent.llm.base import LLM, ROLES, Provider
from agent.llm.registry import choose_provider, make_provider
from agent.story.references import slugify
from agent.storage.folder import CALL_SCOPE, RunDir

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFERENCES_ROOT = PROJECT_ROOT / "references"
APPROVAL_STEPS = ("outline", "chapters", "images")
DEFAULT_CHAPTERS = {"anthropic": 8, "openai": 8, "local": 3}


class Settings(BaseModel):
    """Everything a run needs to know; saved as config.json (never with secrets)."""

    topic: str
    brief: str = ""
    ref_dirs: list[str] = Field(default_factory=list)
    chapters: int = 0
    provider: str = "local"
    model: str | None = None
    role_models: dict[str, str] = Field(default_factory=dict)
    base_url: str | None = None
    style: str = ""
    approve: list[str] = Field(default_factory=lambda: list(APPROVAL_STEPS))
    max_revisions: int = 2
    runs_dir: str = "runs"
    run_id: str = ""


def resolve_ref_dirs(topic: str, given: list[str] | None, root: Path = REFERENCES_ROOT) -> list[str]:
    """Return the reference folders: the given ones, else the folder under references/ matching the topic."""
    if given:
        return [str(Path(d)) for d in given]
    folders = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    wanted = slugify(topic, 80)
    topic_words = set(wanted.split("-"))
    for name in folders:
        if name == wanted:
            return [str(root / name)]
    for name in folders:
        if set(name.split("-")) <= topic_words or topic_words <= set(name.split("-")):
            return [str(root / name)]
    listing = ", ".join(folders) or "none"
    raise InputError(
        f"no folder under {root} matches topic '{topic}' (folders: {listing}); pass --refs DIR"
    )


def build_settings(
    *,
    topic: str,
    brief: str = "",
    refs: list[str] | None = None,
    chapters: int | None = None,
    provider: str | None = None,
    model: str | None = None,
    role_models: dict[str, str] | None = None,
    base_url: str | None = None,
    style: str = "",
    approve: list[str] | None = None,
    runs_dir: str = "runs",
    run_id: str = "",
) -> Settings:
    """Validate the user's options into Settings."""
    if not topic or not topic.strip():
        raise InputError("--topic must not be empty")
    name = choose_provider(provider or ("openai" if base_url else None))
    if chapters is not None and not 1 <= chapters <= 30:
        raise InputError("--chapters must be between 1 and 30")
    steps = list(APPROVAL_STEPS) if approve is None else approve
    unknown = [s for s in steps if s not in APPROVAL_STEPS]
    if unknown:
        raise InputError(f"unknown approval step '{unknown[0]}'; choose from: {', '.join(APPROVAL_STEPS)}")
    for role in role_models or {}:
        if role not in ROLES:
            raise InputError(f"unknown role '{role}'; roles are: {', '.join(ROLES)}")
    return Settings(
        topic=topic.strip(),
        brief=brief,
        ref_dirs=resolve_ref_dirs(topic, refs),
        chapters=chapters or DEFAULT_CHAPTERS[name],
        provider=name,
        model=model,
        role_models=role_models or {},
        base_url=base_url,
        style=style,
        approve=steps,
        runs_dir=runs_dir,
        run_id=run_id,
    )


@dataclass
class Context:
    """What nodes get at run time (not checkpointed): models per role, the run folder, progress."""

    settings: Settings
    run: RunDir
    llm_factory: Callable[[str], LLM] | None = None
    on_event: Callable[[dict], None] | None = None
    _llms: dict[str, LLM] = field(default_factory=dict)

    def llm(self, role: str) -> LLM:
        """Return the LLM for a role (planner, writer, fact_checker, illustrator)."""
        if role not in self._llms:
            factory = self.llm_factory or default_llm_factory(self.settings, self.run)
            self.llm_factory = factory
            self._llms[role] = factory(role)
        return self._llms[role]

    def event(self, **data) -> None:
        """Report progress to whoever is watching (the CLI's rich display); tag later LLM calls with the step."""
        if "step" in data:
            CALL_SCOPE.set({"step": data["step"], "chapter": data.get("chapter")})
        if self.on_event is not None:
            self.on_event(data)


def default_llm_factory(settings: Settings, run: RunDir) -> Callable[[str], LLM]:
    """Build providers from settings, sharing one provider per (model, base_url)."""
    providers: dict[tuple, Provider] = {}

    def factory(role: str) -> LLM:
        model = settings.role_models.get(role) or settings.model
        key = (settings.provider, model, settings.base_url)
        if key not in providers:
            providers[key] = make_provider(settings.provider, model, settings.base_url)
        return LLM(providers[key], role, log=run.log_call, track=run.call_started)

    return factory


def env_has_key(provider: str) -> bool:
    """Tell whether the key a provider needs is in the environment."""
    return bool(os.environ.get({"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}.get(provider, "")))
