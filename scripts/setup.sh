#!/usr/bin/env bash
# Create .venv and install Kadiyan with its test tools, the web app's browser assets (npm)
# and, where this machine allows it, Chromium and Devanagari fonts for the browser tests and
# the ad extractors compiled to C (mypyc; without a C compiler they run as pure Python).
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
    .venv/bin/python -m pip install --quiet -e ".[test,native]"
    echo "$wanted" > "$stamp"
fi

./scripts/assets.sh

# Debian's Chromium drives the browser tests; Noto gives it Devanagari; a C compiler builds
# the compiled extractors. Installing them needs root (or sudo without a password); without
# them the browser tests say so and skip, and the extractors run as pure Python.
packages=()
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans Devanagari"; then
    packages+=(chromium fonts-noto-core fonts-noto-color-emoji)
fi
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null; then
    packages+=(gcc)
fi
if [ ${#packages[@]} -gt 0 ]; then
    as_root=""
    if [ "$(id -u)" != 0 ]; then
        if sudo -n true 2>/dev/null; then as_root="sudo"; fi
    fi
    if { [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null; then
        $as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq "${packages[@]}" >/dev/null
    else
        echo "note: ${packages[*]} missing and no root to install them; the browser tests" \
             "will be skipped or the extractors run as pure Python (apt-get install ${packages[*]})" >&2
    fi
fi

.venv/bin/python scripts/compile_extract.py
