#!/usr/bin/env bash
# The production run, proven: build, pack every package, install the packed output with
# production dependencies only into a clean folder outside the repository, then start the
# compiled API with NODE_ENV=production and check /health, one command over HTTP and
# /console, and run the compiled CLI's `verify --all`. CI runs it (.ci/run); the
# Dockerfile's build stage runs the same install (scripts/prod-install.sh) and its runtime
# stage the same start command, so the two cannot drift.
#
# PROD_SMOKE_SKIP_BUILD=1: reuse the current `npm run build` output.
# PROD_SMOKE_NATIVE=build: compile better-sqlite3 in the clean folder (about two minutes)
#   instead of copying the addon this checkout already compiled for the same Node.
# PROD_SMOKE_KEEP=1: leave the folder (its path is printed) for a look afterwards.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/account-ops-prod.XXXXXX")"
APP="$WORK/app"
API_PID=""
cleanup() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then kill "$API_PID" 2>/dev/null || true; fi
  if [ "${PROD_SMOKE_KEEP:-}" = 1 ]; then echo "prod-smoke: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
step() { echo "prod-smoke: $*"; }
fail() {
  echo "prod-smoke: FAILED: $*" >&2
  if [ -f "$WORK/api.log" ]; then tail -n 40 "$WORK/api.log" >&2; fi
  exit 1
}

# Build, pack, npm ci --omit=dev from the packed output: the same script as the Dockerfile.
PROD_SKIP_BUILD="${PROD_SMOKE_SKIP_BUILD:-}" PROD_NATIVE="${PROD_SMOKE_NATIVE:-}" \
  scripts/prod-install.sh "$APP" || fail "scripts/prod-install.sh"

step "require('@account-ops/engine') with no store opened"
(cd "$APP" && node -e '
  const start = process.hrtime.bigint();
  require("@account-ops/engine");
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const loaded = Object.keys(require.cache);
  const drivers = ["pg", "better-sqlite3", "pg-copy-streams", "@kurrent/kurrentdb-client", "@eventstore/db-client", "@grpc/grpc-js"]
    .filter((name) => loaded.some((file) => file.includes(`/node_modules/${name}/`)));
  console.log(`prod-smoke: ${loaded.length} modules in ${ms.toFixed(0)} ms; store drivers loaded: ${drivers.join(", ") || "none"}`);
  if (drivers.length > 0) process.exit(1);
') || fail "requiring the engine loaded a store driver"

PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
random() { node -e "process.stdout.write(require('crypto').randomBytes($1).toString('$2'))"; }
OP_KEY="op-$(random 18 hex)"
export NODE_ENV=production
export PORT
export ACCOUNT_OPS_STORE="sqlite:$WORK/data/account-ops.db"
# Production takes API keys only as their SHA-256 (the key itself stays with the caller).
OP_KEY_SHA256="$(printf %s "$OP_KEY" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(require("crypto").createHash("sha256").update(s).digest("hex")))')"
export ACCOUNT_OPS_API_KEYS="sha256:$OP_KEY_SHA256=op-1:operator"
export ACCOUNT_OPS_CARD_SECRET="$(random 24 hex)"
export ACCOUNT_OPS_SEARCH_KEY="$(random 24 hex)"
export ACCOUNT_OPS_MASTER_KEY="smoke-1:$(random 32 base64)"
ACCOUNT_OPS_CHECKPOINT_KEY="$(node -e "process.stdout.write(require('crypto').generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'pem'}))")"
export ACCOUNT_OPS_CHECKPOINT_KEY

step "starting the compiled API (node dist/apps/api/src/main.js) on port $PORT"
(cd "$APP" && exec node dist/apps/api/src/main.js) >"$WORK/api.log" 2>&1 &
API_PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do
  if curl -fsS "$URL/health" >/dev/null 2>&1; then break; fi
  kill -0 "$API_PID" 2>/dev/null || fail "the API exited"
  sleep 0.2
done
status() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }

code="$(status "$URL/health")"
[ "$code" = 200 ] || fail "/health answered $code: $(cat "$WORK/body")"
step "/health 200"
code="$(status -X POST "$URL/accounts" -H "Authorization: Bearer $OP_KEY" \
  -H 'Content-Type: application/json' -H 'Idempotency-Key: smoke-open-1' \
  -d '{"accountId":"smoke-1","ownerName":"Ada Lovelace","ownerEmail":"ada@example.com","currency":"EUR"}')"
[ "$code" = 201 ] || fail "POST /accounts answered $code: $(cat "$WORK/body")"
step "POST /accounts 201"
# The Merkle log's catch-up runs in a worker thread (the compiled catch-up-thread.js): the
# account's event must reach the tree, read here from the store file beside the API.
tree_size() {
  (cd "$APP" && node -e '
    const { SqliteEventStore, MerkleLog } = require("@account-ops/event-store");
    const store = new SqliteEventStore({ filename: process.argv[1], readonly: true });
    new MerkleLog(store).state().then((s) => { console.log(s.size); return store.close(); });
  ' "$WORK/data/account-ops.db")
}
for _ in $(seq 1 75); do
  [ "$(tree_size)" -ge 1 ] && break
  kill -0 "$API_PID" 2>/dev/null || fail "the API exited"
  sleep 0.2
done
[ "$(tree_size)" -ge 1 ] || fail "the Merkle log did not catch up (tree size $(tree_size))"
step "Merkle log caught up (worker thread)"
code="$(status "$URL/console")"
[ "$code" = 200 ] || fail "/console answered $code"
grep -qi '<html' "$WORK/body" || fail "/console is not the console's page"
step "/console 200"

kill "$API_PID" && wait "$API_PID" || true
API_PID=""

step "the compiled CLI: account-ops verify --all"
(cd "$WORK" && node "$APP/bin/account-ops.js" verify --all) || fail "verify --all exited $?"
step "passed"
