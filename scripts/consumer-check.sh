#!/usr/bin/env bash
# Consumers outside the repository, proven: packs every library (scripts/pack-packages.sh,
# the same step as the production smoke), then for each app in test/consumers/ makes a fresh
# folder under the system temp directory, installs the tarballs plus registry packages, and
# compiles it with its own plain `tsc` and runs it with plain `node`:
#   nest-service  AccountOpsModule.forRootAsync + @nestjs/config, on SQLite and on PostgreSQL,
#                 with the newest and with the lowest supported NestJS 11 (nest-service-low)
#   plain-script  createAccountOps without NestJS modules, on SQLite
#   pg-only       PostgreSQL only: installed with install scripts on, and no better-sqlite3,
#                 no binding.gyp, no compiled addon may be in its node_modules
# Nothing here can see the repository's node_modules or tsconfig (the folders are not below it).
#
# PG_URL (default the local server): a fresh database is created for the run and dropped after.
# Both ends of the engine's peer range: nest-service is installed twice, with the newest
#   ^11 of @nestjs/common, core and cqrs (and rxjs, reflect-metadata), and as nest-service-low
#   with the lowest claimed: 11.0.0, rxjs 7.8.0, reflect-metadata 0.2.0.
# CONSUMER_NATIVE=build: compile better-sqlite3 in the SQLite apps (about two minutes each)
#   instead of copying the addon this checkout compiled for the same Node.
# CONSUMER_KEEP=1: leave the folder (its path is printed).
# npm uses one cache (npm_config_cache, default ~/.npm) with --prefer-offline.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"
export PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/account-ops-consumers.XXXXXX")"
case "$WORK" in "$REPO"/*) echo "consumer-check: $WORK is inside the repository" >&2; exit 1 ;; esac
DB="consumer_$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
DB_CREATED=""
cleanup() {
  if [ -n "$DB_CREATED" ]; then psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; fi
  if [ "${CONSUMER_KEEP:-}" = 1 ]; then echo "consumer-check: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
step() { echo "consumer-check: $(date -u +%T) $*"; }
fail() { echo "consumer-check: FAILED: $*" >&2; exit 1; }
NPM_FLAGS=(--prefer-offline --no-audit --no-fund --loglevel=error)

step "packing the libraries into $WORK/pack"
scripts/pack-packages.sh "$WORK/pack" >/dev/null
VERSION="$(node -p 'require("./libs/engine/package.json").version')"
SQLITE_ADDON="$REPO/node_modules/better-sqlite3/build/Release/better_sqlite3.node"

# Copies test/consumers/<app> into the temp folder <name>, with the template's placeholders
# filled: the tarballs, and the peers' versions (newest ^ ranges, or the lowest claimed).
prepare() {
  local app="$1" name="$2" end="$3" dir="$WORK/$2"
  local nest='^11.0.0' rxjs='^7.8.0' reflect='^0.2.0'
  if [ "$end" = low ]; then nest='11.0.0' rxjs='7.8.0' reflect='0.2.0'; fi
  mkdir -p "$dir"
  cp -R "test/consumers/$app/src" "test/consumers/$app/tsconfig.json" "$dir/"
  sed -e "s#@PACK@#$WORK/pack#g" -e "s#@VERSION@#$VERSION#g" -e "s#@NEST@#$nest#g" \
    -e "s#@RXJS@#$rxjs#g" -e "s#@REFLECT_METADATA@#$reflect#g" \
    "test/consumers/$app/package.json" >"$dir/package.json"
}

# Installs without install scripts, then puts better-sqlite3's addon in place.
install_sqlite_app() {
  local dir="$WORK/$1"
  (cd "$dir" && npm install --ignore-scripts "${NPM_FLAGS[@]}")
  local target="$dir/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
  if [ "${CONSUMER_NATIVE:-}" = build ] || [ ! -f "$SQLITE_ADDON" ]; then
    (cd "$dir" && npm rebuild better-sqlite3 --loglevel=error)
  else
    mkdir -p "$(dirname "$target")" && cp "$SQLITE_ADDON" "$target"
  fi
}

compile() { (cd "$WORK/$1" && ./node_modules/.bin/tsc -p tsconfig.json) || fail "$1 does not compile"; }

prepare nest-service nest-service newest
prepare nest-service nest-service-low low
prepare plain-script plain-script newest
prepare pg-only pg-only newest
APPS=(nest-service nest-service-low plain-script pg-only)

step "installing the four apps (tarballs + registry, one npm cache)"
install_sqlite_app nest-service >"$WORK/nest-service.install.log" 2>&1 &
NEST_INSTALL=$!
install_sqlite_app nest-service-low >"$WORK/nest-service-low.install.log" 2>&1 &
LOW_INSTALL=$!
install_sqlite_app plain-script >"$WORK/plain-script.install.log" 2>&1 &
PLAIN_INSTALL=$!
# The PostgreSQL-only app installs with scripts on: nothing native may be there to build.
(cd "$WORK/pg-only" && npm install "${NPM_FLAGS[@]}") >"$WORK/pg-only.install.log" 2>&1 &
PG_INSTALL=$!
for job in "$NEST_INSTALL:nest-service" "$LOW_INSTALL:nest-service-low" "$PLAIN_INSTALL:plain-script" "$PG_INSTALL:pg-only"; do
  wait "${job%%:*}" || { cat "$WORK/${job#*:}.install.log" >&2; fail "npm install of ${job#*:}"; }
done
version() { node -p "require('$WORK/$1/node_modules/$2/package.json').version"; }
for app in nest-service nest-service-low; do
  step "installed $app: @nestjs/core $(version "$app" @nestjs/core), @nestjs/cqrs $(version "$app" @nestjs/cqrs), rxjs $(version "$app" rxjs), reflect-metadata $(version "$app" reflect-metadata)"
done

PG_MODULES="$WORK/pg-only/node_modules"
[ ! -e "$PG_MODULES/better-sqlite3" ] || fail "pg-only installed better-sqlite3"
if find "$PG_MODULES" -name binding.gyp -o -name '*.node' | grep .; then
  fail "pg-only installed a native addon or something to compile"
fi
[ ! -e "$PG_MODULES/@account-ops/testing" ] || fail "pg-only installed the test helpers"
step "pg-only: no better-sqlite3, no binding.gyp, no .node addon in node_modules"

for app in "${APPS[@]}"; do compile "$app"; done
step "compiled the four apps with their own tsc"

MASTER_KEY="consumer-1:$(node -p 'require("crypto").randomBytes(32).toString("base64")')"
export ACCOUNT_OPS_MASTER_KEY="$MASTER_KEY"
export ACCOUNT_OPS_CARD_SECRET="consumer-check-card-secret-$RANDOM"
mkdir -p "$WORK/data"

for app in nest-service nest-service-low; do
  step "$app on SQLite"
  (cd "$WORK/$app" && ACCOUNT_OPS_STORE="sqlite:$WORK/data/$app.db" node dist/main.js) ||
    fail "$app on SQLite"
done

psql "$PG_URL" -qc "CREATE DATABASE $DB" >/dev/null
DB_CREATED=1
DB_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$PG_URL" "$DB")"
for app in nest-service nest-service-low; do
  step "$app on PostgreSQL (database $DB)"
  (cd "$WORK/$app" && ACCOUNT_OPS_STORE="$DB_URL" node dist/main.js) || fail "$app on PostgreSQL"
done

step "plain-script on SQLite"
(cd "$WORK/plain-script" && ACCOUNT_OPS_STORE="sqlite:$WORK/data/plain.db" node dist/main.js) ||
  fail "plain-script"

step "pg-only on PostgreSQL"
(cd "$WORK/pg-only" && PG_URL="$DB_URL" node dist/main.js) || fail "pg-only"
step "passed"
