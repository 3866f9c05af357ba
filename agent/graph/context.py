"""The runtime context the graph's nodes receive: plain settings, with the run folder and the models made lazily.

The context's only field holds JSON values, so LangGraph's server (and `langgraph dev`) can build it from a
run's `context` (for example `{"settings": {"provider": "local", "runs_dir": "/data/runs"}}`), or from
nothing: options then come from STORYAGENT_* variables, storyagent.toml and defaults, and the run folder is
named for the thread. The CLI attaches its own live objects with `for_run`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from langgraph.config import get_config

from agent.llm.base import LLM, Provider
from agent.llm.registry import make_provider
from agent.settings import (  # noqa: F401  (re-exported for callers of the graph layer)
    APPROVAL_STEPS, DEFAULT_CHAPTERS, Settings, build_settings, choose_provider, concurrency, layered_options,
    resolve_ref_dirs,
)
from agent.storage.folder import CALL_SCOPE, RunDir


@dataclass
class Context:
    """What nodes get at run time (not checkpointed): the settings; the run folder and models per role, lazily."""

    settings: Settings = field(default_factory=dict)  # type: ignore[assignment]  (made a Settings below)

    def __post_init__(self) -> None:
        # From a server run's JSON: what it leaves out comes from STORYAGENT_* variables now and from
        # storyagent.toml on first use (the server builds the context on its event loop, where file reads
        # are refused as blocking).
        self._given: dict | None = None
        if not isinstance(self.settings, Settings):
            self._given = dict(self.settings or {})
            self.settings = self._layered(read_file=False)
        self._run: RunDir | None = None
        self.llm_factory: Callable[[str], LLM] | None = None
        self.on_event: Callable[[dict], None] | None = None
        self._llms: dict[str, LLM] = {}
        self.fresh = False  # True: every call asks the model, never the response cache
        # Send tasks run in threads: build each model once, not once per thread.
        self._lock = threading.RLock()

    @classmethod
    def for_run(
        cls,
        settings: Settings,
        run: RunDir | None = None,
        llm_factory: Callable[[str], LLM] | None = None,
        on_event: Callable[[dict], None] | None = None,
    ) -> "Context":
        """Return a context with live objects the caller already has (the CLI's run folder, a test's models)."""
        context = cls(settings=settings)
        context._run, context.llm_factory, context.on_event = run, llm_factory, on_event
        return context

    def _layered(self, read_file: bool) -> Settings:
        given = dict(self._given or {})
        for key, (value, _) in layered_options({}, read_file=read_file).items():
            if value is not None:
                given.setdefault(key, value)
        return Settings.model_validate(given)

    def _settle(self) -> None:
        if self._given is not None:
            self.settings = self._layered(read_file=True)
            self._given = None

    @property
    def run(self) -> RunDir:
        """The run folder: the settings' run id, else the graph thread's id, under the settings' runs folder."""
        with self._lock:
            self._settle()
            if self._run is None:
                run_id = self.settings.run_id or str(get_config()["configurable"]["thread_id"])
                self._run = RunDir(Path(self.settings.runs_dir), run_id)
                self._run.create()
            return self._run

    def llm(self, role: str) -> LLM:
        """Return the LLM for a role (planner, writer, fact_checker, illustrator)."""
        with self._lock:
            self._settle()
            if role not in self._llms:
                if self.llm_factory is None:
                    self.llm_factory = default_llm_factory(self.settings, self.run)
                self._llms[role] = self.llm_factory(role)
                self._llms[role].fresh = self.fresh or self._llms[role].fresh
            return self._llms[role]

    def bypass_cache(self) -> None:
        """Make every later call ask the model, never the response cache (a re-run wants a new version)."""
        self.fresh = True
        for llm in self._llms.values():
            llm.fresh = True

    def event(self, **data) -> None:
        """Report progress to whoever is watching (the CLI's rich display); tag later LLM calls with the step."""
        if "step" in data:
            CALL_SCOPE.set({"step": data["step"], "chapter": data.get("chapter")})
        if self.on_event is not None:
            self.on_event(data)


# The embedded model each role uses when no model is named and the model's parts are installed: the 1.5B
# plans an arc of events (the 0.5B copies its passages and labels chapters "Introduction", "Challenge") and
# draws concrete, varied scenes where the 0.5B copies its worked example; it retells in words of its own under
# copy-blocked decoding, where the 0.5B garbles the words it may not copy (README, "Story quality").
LOCAL_ROLE_DEFAULTS = {"planner": "qwen2.5-coder-1.5b", "writer": "qwen2.5-coder-1.5b", "illustrator": "qwen2.5-coder-1.5b"}


def local_role_model(settings: Settings, role: str, name: str) -> str | None:
    """Return the model a role uses: its --role-model, else --model, else the embedded default for the role."""
    chosen = settings.role_models.get(role) or settings.model
    if chosen or name != "local" or role not in LOCAL_ROLE_DEFAULTS:
        return chosen
    from agent.llm.model_store import installed

    return LOCAL_ROLE_DEFAULTS[role] if installed(LOCAL_ROLE_DEFAULTS[role]) else None


def default_llm_factory(settings: Settings, run: RunDir) -> Callable[[str], LLM]:
    """Build providers from settings, sharing one provider and its throttle per (model, base_url), and one cache."""
    from agent.llm.cache import ResponseCache
    from agent.llm.throttle import Throttle

    name = choose_provider(settings.provider or ("openai" if settings.base_url else None))
    providers: dict[tuple, tuple[Provider, Throttle]] = {}
    cache = ResponseCache() if settings.cache else None

    def factory(role: str) -> LLM:
        model = local_role_model(settings, role, name)
        key = (name, model, settings.base_url)
        if key not in providers:
            providers[key] = (make_provider(name, model, settings.base_url), Throttle(concurrency(settings)))
        provider, throttle = providers[key]
        return LLM(provider, role, log=run.log_call, cache=cache, throttle=throttle,
                   track=run.call_started)

    return factory

