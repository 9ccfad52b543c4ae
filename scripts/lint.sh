#!/usr/bin/env bash
# ruff (lint + format check), mypy strict on the package, and the layering as import
# contracts (pyproject.toml's [tool.importlinter]: which layer may import which).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv-tools/bin/lint-imports --no-logo --no-cache  # its own virtualenv: scripts/setup.sh
