#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and runs every check: type-check, lint,
# format, unit tests and integration tests against the real test bed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> type-check, lint, format"
npm run -s typecheck
npm run -s lint
echo "==> tests (unit + integration)"
npx vitest run
