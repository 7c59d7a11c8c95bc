#!/usr/bin/env bash
# Wire-compatibility conformance: drives the permit journey through two third-party Python
# clients of the Street Manager v6 API (PyPI `streetmanager`, `streetworks`) against a real
# `street-manager serve`. See README.md beside this file.
#   scripts/conformance/run.sh [--strict] [--binary PATH] [--base-url URL] [--keep]
# Environment: DATABASE_URL (passed to the server: PostgreSQL), CONFORMANCE_VENV (where to keep the
# virtual environment; default scripts/conformance/.venv), PYTHON (interpreter; default python3).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${CONFORMANCE_VENV:-$HERE/.venv}"
PYTHON="${PYTHON:-python3}"
REQUIREMENTS="$HERE/requirements.txt"
STAMP="$VENV/.requirements.sha256"

want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
if [[ ! -x "$VENV/bin/python" || ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
  echo "conformance: creating virtual environment in $VENV" >&2
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  # streetmanager declares Requires-Python >=3.12 but runs on 3.11: --ignore-requires-python.
  # No fallback: if PyPI cannot be reached this fails loudly (set -e).
  "$VENV/bin/python" -m pip install --quiet --ignore-requires-python -r "$REQUIREMENTS"
  echo "$want" >"$STAMP"
fi

exec "$VENV/bin/python" "$HERE/conformance.py" "$@"
