"""The local provider: llama-cpp-python in process, with a JSON-schema grammar for typed output."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pydantic import BaseModel

from agent.errors import ProviderError
from agent.llm import Reply
from agent.model_store import EMBEDDED_NAME, ensure_embedded_model

N_CTX = 8192
REPEAT_PENALTY = 1.1


def inline_refs(schema: dict) -> dict:
    """Return the schema with every local $ref replaced by its definition (grammar converters like flat schemas)."""
    defs = schema.get("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/$defs/"):
                return walk(defs[node["$ref"].split("/")[-1]])
            return {k: walk(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


class LocalProvider:
    """Run a GGUF model in this process; the embedded Qwen model by default."""

    name = "local"

    def __init__(self, model: str | None = None):
        if model in (None, "", EMBEDDED_NAME, "qwen2.5-coder-0.5b"):
            self._path: Path | None = None
            self.model = EMBEDDED_NAME
        else:
            path = Path(model).expanduser()
            if not path.is_file():
                raise ProviderError(f"local model file {path} does not exist; give --model a path to a .gguf file")
            self._path = path
            self.model = path.stem
        self._llama = None
        self._lock = threading.Lock()

    def _load(self):
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ProviderError(
                    "llama-cpp-python is not installed; run scripts/install.sh, or choose --provider anthropic|openai"
                ) from None
            path = self._path or ensure_embedded_model()
            try:
                self._llama = Llama(model_path=str(path), n_ctx=N_CTX, n_threads=os.cpu_count() or 2, verbose=False)
            except (ValueError, RuntimeError) as exc:
                raise ProviderError(f"cannot load local model {path}: {exc}") from None
        return self._llama

    def _chat(self, system: str, user: str, max_tokens: int, temperature: float, response_format=None) -> Reply:
        with self._lock:
            llama = self._load()
            result = llama.create_chat_completion(
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                max_tokens=max_tokens,
                temperature=temperature,
                repeat_penalty=REPEAT_PENALTY,
                response_format=response_format,
            )
        usage = result.get("usage") or {}
        return Reply(
            text=result["choices"][0]["message"]["content"] or "",
            input_tokens=usage.get("prompt_tokens", 0),
            output_tokens=usage.get("completion_tokens", 0),
        )

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        return self._chat(system, user, max_tokens, temperature)

    def complete_typed(self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float) -> Reply:
        """Return JSON text constrained by the schema's grammar."""
        flat = inline_refs(schema.model_json_schema())
        return self._chat(system, user, max_tokens, temperature, {"type": "json_object", "schema": flat})
