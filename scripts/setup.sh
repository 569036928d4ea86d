#!/usr/bin/env bash
# Create .venv and install Kadiyan with its test tools, the web app's browser assets (npm)
# and, where this machine allows it, Chromium and Devanagari fonts for the browser tests.
# Quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
"$PYTHON" - <<'PY' || { echo "Kadiyan needs Python 3.11 or newer" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.kadiyan-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[test]"
    echo "$wanted" > "$stamp"
fi

./scripts/assets.sh

# Debian's Chromium drives the browser tests; Noto gives it Devanagari. Installing them
# needs root (or sudo without a password); without them the browser tests say so and skip.
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans Devanagari"; then
    as_root=""
    if [ "$(id -u)" != 0 ]; then
        if sudo -n true 2>/dev/null; then as_root="sudo"; fi
    fi
    if [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; then
        if command -v apt-get >/dev/null; then
            $as_root apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium fonts-noto-core fonts-noto-color-emoji >/dev/null
        fi
    else
        echo "note: Chromium or Devanagari fonts missing and no root to install them;" \
             "the browser tests will be skipped (apt-get install chromium fonts-noto-core)" >&2
    fi
fi
