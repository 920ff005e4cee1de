#!/usr/bin/env bash
# Prints a bearer token for the local run: deploy/local/token.sh recorder|analyst [user] [hours]
# (signed with the key the run command keeps in $DATA_DIR/jwt; writes need recorder, queries analyst or recorder)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export DATA_DIR=${DATA_DIR:-$ROOT/.local-data}
exec java -cp "$ROOT/deploy/local/target/local-stack.jar:$ROOT/deploy/local/target/lib/*" io.tracker.local.jwt.TokenMain "$@"
