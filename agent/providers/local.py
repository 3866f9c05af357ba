"""The local provider: llama-cpp-python in process, with a JSON-schema grammar for typed output."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pydantic import BaseModel

from agent.errors import ProviderError
from agent.llm import Reply
from agent.model_store import EMBEDDED_NAME, ensure_embedded_model

EMBEDDED_ALIASES = ("", "qwen2.5-coder-0.5b", EMBEDDED_NAME)
N_CTX = 8192
REPEAT_PENALTY = 1.1


class LocalProvider:
    """Run a GGUF model in this process; the embedded Qwen model by default."""

    name = "local"

    def __init__(self, model: str | None = None):
        if model is None or model in EMBEDDED_ALIASES:
            self._path: Path | None = None
            self.model = EMBEDDED_NAME
        else:
            path = Path(model).expanduser()
            if not path.is_file():
                raise ProviderError(f"local model file {path} does not exist; give --model a path to a .gguf file")
            self._path = path
            self.model = path.stem
        self._llama = None
        # One Llama context serves every thread (LangGraph runs Send tasks in threads); it is not thread-safe.
        self._lock = threading.Lock()

    def complete(self, system: str, user: str, *, max_tokens: int, temperature: float) -> Reply:
        """Return a plain-text reply."""
        return self._chat(system, user, max_tokens, temperature)

    def complete_typed(
        self, system: str, user: str, schema: type[BaseModel], *, max_tokens: int, temperature: float
    ) -> Reply:
        """Return JSON text constrained by a grammar built from the schema."""
        # llama-cpp's converter resolves pydantic's "#/$defs/..." refs itself (checked on Outline, ChapterDraft,
        # StyleSheet), so the schema goes in as pydantic writes it.
        response_format = {"type": "json_object", "schema": schema.model_json_schema()}
        return self._chat(system, user, max_tokens, temperature, response_format)

    def _chat(self, system: str, user: str, max_tokens: int, temperature: float, response_format=None) -> Reply:
        # Always our own system prompt: Qwen's default one says Alibaba wrote the text.
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        with self._lock:
            llama = self._load()
            try:
                result = llama.create_chat_completion(
                    messages=messages,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    repeat_penalty=REPEAT_PENALTY,
                    response_format=response_format,
                )
            except (ValueError, RuntimeError) as exc:
                raise ProviderError(f"the local model {self.model} failed: {exc}") from None
        usage = result.get("usage") or {}
        return Reply(
            text=result["choices"][0]["message"].get("content") or "",
            input_tokens=usage.get("prompt_tokens", 0),
            output_tokens=usage.get("completion_tokens", 0),
        )

    def _load(self):
        if self._llama is None:
            # llama.cpp's OpenMP threads spin while they wait; on a busy machine (2 cores, other processes) that
            # cut generation from 9-19 to 1-3 tokens/s in our measurements. Read once, when the library loads.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ProviderError(
                    "llama-cpp-python is not installed: run scripts/install.sh (it builds llama-cpp-python==0.3.36), "
                    "or choose --provider anthropic or --provider openai"
                ) from None
            path = self._path or ensure_embedded_model()
            try:
                self._llama = Llama(model_path=str(path), n_ctx=N_CTX, n_threads=os.cpu_count() or 2, verbose=False)
            except (ValueError, RuntimeError) as exc:
                raise ProviderError(f"cannot load the local model {path}: {exc}") from None
        return self._llama
