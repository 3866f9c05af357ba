"""A run's plain settings (JSON values only) and where each one comes from: flag, environment, file, default."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, Field, ValidationError

from agent.errors import InputError, ProviderError
from agent.package_data import data_dir

APPROVAL_STEPS = ("outline", "chapters", "images")
DEFAULT_CHAPTERS = {"anthropic": 8, "openai": 8, "local": 3}
CITATION_FORMS = ("footnotes", "inline", "none")
# How the writer works (agent/graph/nodes/write.py): auto picks retelling for the embedded model, prose for API models.
WRITER_MODES = ("auto", "prose", "retelling")
# Chapters written at once: API endpoints serve calls in parallel; the embedded model runs one at a time, so
# more tasks would only wait on its lock while the progress display says they are working.
DEFAULT_CONCURRENCY = {"anthropic": 4, "openai": 4, "local": 1}
PROVIDERS = ("anthropic", "openai", "local")
ROLES = ("planner", "writer", "fact_checker", "illustrator")
DEFAULT_WORDS = 150  # a chapter's length when none is asked for, near the hand-made stories' 110-190
CONFIG_FILE = "storyagent.toml"
ENV_PREFIX = "STORYAGENT_"
# Options a config file or a STORYAGENT_* variable may set, with their defaults.
DEFAULTS: dict[str, object] = {
    "provider": None,
    "model": None,
    "base_url": None,
    "chapters": None,
    "words": DEFAULT_WORDS,
    "citations": "footnotes",
    "writer": "auto",
    "style": "",
    "approve": list(APPROVAL_STEPS),
    "max_revisions": 2,
    "runs_dir": "runs",
    "checkpointer": "sqlite",
    "role_models": {},
    "max_concurrency": None,  # None: the provider's default (DEFAULT_CONCURRENCY)
}


class Settings(BaseModel):
    """Everything a run needs to know, as JSON values; saved as config.json (never with secrets)."""

    topic: str = ""
    brief: str = ""
    ref_dirs: list[str] = Field(default_factory=list)
    chapters: int = 0
    words: int = DEFAULT_WORDS
    citations: str = "footnotes"
    writer: str = "auto"
    provider: str = ""
    model: str | None = None
    role_models: dict[str, str] = Field(default_factory=dict)
    base_url: str | None = None
    style: str = ""
    approve: list[str] = Field(default_factory=lambda: list(APPROVAL_STEPS))
    max_revisions: int = 2
    runs_dir: str = "runs"
    run_id: str = ""
    checkpointer: str = "sqlite"
    max_concurrency: int = 0  # 0: the provider's default (DEFAULT_CONCURRENCY)
    cache: bool = True  # answer a request made before from the response cache (agent/llm/cache.py)


def concurrency(settings: Settings) -> int:
    """Return how many graph tasks (chapters, image prompts) may run at once for these settings."""
    return settings.max_concurrency or DEFAULT_CONCURRENCY.get(settings.provider, 1)


def choose_provider(requested: str | None, env: dict[str, str] | None = None) -> str:
    """Pick the provider: the one asked for, else anthropic/openai by which key is set, else local."""
    env = os.environ if env is None else env
    if requested:
        if requested not in PROVIDERS:
            raise ProviderError(f"unknown provider '{requested}'; choose one of: {', '.join(PROVIDERS)}")
        return requested
    if env.get("ANTHROPIC_API_KEY"):
        return "anthropic"
    if env.get("OPENAI_API_KEY"):
        return "openai"
    return "local"


def references_root() -> Path:
    """Return the folder whose subfolders are reference sets: ./references if there is one, else the packaged one."""
    local = Path("references")
    return local if local.is_dir() else data_dir("references")


def resolve_ref_dirs(topic: str, given: list[str] | None, root: Path | None = None) -> list[str]:
    """Return the reference folders: the given ones, else the folder under references/ matching the topic."""
    if given:
        return [str(Path(d)) for d in given]
    root = references_root() if root is None else root
    folders = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    words = re.findall(r"[a-z0-9]+", topic.lower())
    wanted = "-".join(words)[:80].strip("-")
    for name in folders:
        if name == wanted:
            return [str(root / name)]
    for name in folders:
        if set(name.split("-")) <= set(words) or set(words) <= set(name.split("-")):
            return [str(root / name)]
    listing = ", ".join(folders) or "none"
    raise InputError(f"no folder under {root} matches topic '{topic}' (folders: {listing}); pass --refs DIR")


def layered_options(
    flags: dict, env: dict[str, str] | None = None, cwd: Path | None = None, read_file: bool = True
) -> dict[str, tuple]:
    """Return {option: (value, source)}: the flag if given, else STORYAGENT_<OPTION>, else storyagent.toml, else default."""
    env = os.environ if env is None else env
    file_values, file_name = _read_config_file((cwd or Path.cwd()) / CONFIG_FILE) if read_file else ({}, "")
    result = {}
    for key, default in DEFAULTS.items():
        env_name = ENV_PREFIX + key.upper()
        if flags.get(key) not in (None, [], {}):
            result[key] = (flags[key], "flag")
        elif env.get(env_name):
            result[key] = (_from_env(key, env[env_name], env_name), f"env {env_name}")
        elif key in file_values:
            result[key] = (file_values[key], file_name)
        else:
            result[key] = (default, "default")
    return result


def _read_config_file(path: Path) -> tuple[dict, str]:
    if not path.is_file():
        return {}, str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    data = data.get("storyagent", data)
    unknown = sorted(set(data) - set(DEFAULTS))
    if unknown:
        raise InputError(f"{path}: unknown option '{unknown[0]}'; options are: {', '.join(DEFAULTS)}")
    return data, str(path)


def _from_env(key: str, raw: str, name: str):
    default = DEFAULTS[key]
    if key == "approve":
        return [s.strip() for s in raw.split(",") if s.strip()]
    if key == "role_models":
        pairs = [p.partition("=") for p in raw.split(",") if p.strip()]
        if any(not sep for _, sep, _ in pairs):
            raise InputError(f"{name} takes ROLE=MODEL[,ROLE=MODEL], got '{raw}'")
        return {role.strip(): model.strip() for role, _, model in pairs}
    if key in ("chapters", "max_revisions", "max_concurrency") or isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise InputError(f"{name} must be a whole number, got '{raw}'") from None
    return raw


def build_settings(
    *,
    topic: str,
    brief: str = "",
    refs: list[str] | None = None,
    chapters: int | None = None,
    words: int | None = None,
    citations: str = "footnotes",
    writer: str = "auto",
    provider: str | None = None,
    model: str | None = None,
    role_models: dict[str, str] | None = None,
    base_url: str | None = None,
    style: str = "",
    approve: list[str] | None = None,
    max_revisions: int = 2,
    runs_dir: str = "runs",
    run_id: str = "",
    checkpointer: str = "sqlite",
    max_concurrency: int | None = None,
    cache: bool = True,
) -> Settings:
    """Validate the user's options into Settings."""
    if not topic or not topic.strip():
        raise InputError("--topic must not be empty")
    name = choose_provider(provider or ("openai" if base_url else None))
    if chapters is not None and not 1 <= chapters <= 30:
        raise InputError("--chapters must be between 1 and 30")
    if words is not None and not 30 <= words <= 2000:
        raise InputError("--words must be between 30 and 2000")
    if citations not in CITATION_FORMS:
        raise InputError(f"unknown --citations '{citations}'; choose from: {', '.join(CITATION_FORMS)}")
    if writer not in WRITER_MODES:
        raise InputError(f"unknown --writer '{writer}'; choose from: {', '.join(WRITER_MODES)}")
    steps = list(APPROVAL_STEPS) if approve is None else approve
    unknown = [s for s in steps if s not in APPROVAL_STEPS]
    if unknown:
        raise InputError(f"unknown approval step '{unknown[0]}'; choose from: {', '.join(APPROVAL_STEPS)}")
    for role in role_models or {}:
        if role not in ROLES:
            raise InputError(f"unknown role '{role}'; roles are: {', '.join(ROLES)}")
    check_checkpointer(checkpointer)
    if max_concurrency is not None and not 1 <= max_concurrency <= 64:
        raise InputError("--max-concurrency must be between 1 and 64")
    try:
        return Settings(
            topic=topic.strip(), brief=brief, ref_dirs=resolve_ref_dirs(topic, refs),
            chapters=chapters or DEFAULT_CHAPTERS[name], words=words or DEFAULT_WORDS, citations=citations, writer=writer, provider=name, model=model, role_models=role_models or {},
            base_url=base_url, style=style, approve=steps, max_revisions=max_revisions, runs_dir=runs_dir,
            run_id=run_id, checkpointer=checkpointer, max_concurrency=max_concurrency or 0, cache=cache,
        )
    except ValidationError as exc:
        raise InputError(f"invalid option: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}") from None


def check_checkpointer(value: str) -> str:
    """Accept 'sqlite' (a database in each run folder) or a postgresql:// URL."""
    if value == "sqlite" or value.startswith(("postgresql://", "postgres://")):
        return value
    raise InputError(f"--checkpointer must be 'sqlite' or a postgresql://USER@HOST:PORT/DB URL, got '{redact_url(value)}'")


def redact_url(value):
    """Return a value with any password in a URL replaced by ***, for printing."""
    if not isinstance(value, str) or "://" not in value:
        return value
    parts = urlsplit(value)
    if parts.password is None:
        return value
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
