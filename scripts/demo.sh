#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh), then runs Ferry's main job on the embedded
# default: the local test bed, the example GitOps repository, the controller and the
# dashboard (its URL and token are printed). Extra arguments go to `ferry demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node dist/src/cli/main.js demo "$@"
