#!/usr/bin/env bash
# Create .venv and install storyagent into it. `--test` adds the test tools and Chromium.
# llama-cpp-python 0.3.36 ships only as source: build it without -march=native (the native
# build crashes in the AMX kernel on some CPUs), and without pip's wheel cache, which would
# ignore changed CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
    echo "Building llama-cpp-python from source (about 7 minutes on 2 cores)..."
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
        .venv/bin/python -m pip install -q --no-cache-dir "llama-cpp-python[server]==0.3.36"
fi
extra=""
if [[ "${1:-}" == "--test" ]]; then
    extra="[test]"
    if ! command -v chromium >/dev/null 2>&1; then
        if [[ $(id -u) == 0 ]]; then
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
                || echo "warning: could not install chromium; the browser test will be skipped"
        else
            echo "warning: chromium is not installed; the browser test will be skipped"
        fi
    fi
fi
.venv/bin/python -m pip install -q -e ".${extra}"
echo "Installed: $(.venv/bin/storyagent --help >/dev/null && echo storyagent ready in .venv/bin)"
