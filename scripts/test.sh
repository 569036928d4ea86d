#!/usr/bin/env bash
# Set everything up and run all tests (SQLite always; PostgreSQL when reachable, see README).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/python -m pytest -q "$@"
