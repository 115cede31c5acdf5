#!/usr/bin/env bash
# Prints the path of a uv binary, installing uv from PyPI for this user when none is on PATH.
set -euo pipefail
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
if [ -x "$HOME/.local/bin/uv" ]; then echo "$HOME/.local/bin/uv"; exit 0; fi
python3 -m pip install --quiet --user --disable-pip-version-check uv >&2
if [ -x "$HOME/.local/bin/uv" ]; then echo "$HOME/.local/bin/uv"; else command -v uv; fi
