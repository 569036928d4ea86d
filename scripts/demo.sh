#!/usr/bin/env bash
# Set everything up, generate the demo world, ingest and link it, serve it on :8000.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/kadiyan demo "$@"
