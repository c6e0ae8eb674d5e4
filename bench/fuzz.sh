#!/usr/bin/env bash
# A longer schemathesis run than the suite's: all checks, many examples, against a fresh server.
# Usage: bench/fuzz.sh [max-examples]   (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-500}
dir=$(mktemp -d)
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key="acc_fuzz_$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')"
ACCORD_DATABASE_URL="sqlite+aiosqlite:///$dir/fuzz.db" ACCORD_LOG_LEVEL=warning ACCORD_BOOTSTRAP_ADMIN_KEY="$key" \
  .venv/bin/accord serve --port "$port" &
server=$!
trap 'kill $server; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
.venv/bin/schemathesis run "http://127.0.0.1:$port/openapi.json" --checks all --max-examples "$examples" --exclude-path /v1/events/stream \
  --generation-database none --request-timeout 10 --header "Authorization: Bearer $key"
