#!/usr/bin/env bash
# The production install, one script for CI and the container: build, pack every package
# (scripts/pack-packages.sh), lay the packed output out in APP_DIR and install production
# dependencies only (`npm ci --omit=dev`) from the lockfile. Afterwards APP_DIR runs with
# `node dist/apps/api/src/main.js` (the API, `npm run start:prod`) and `node bin/account-ops.js`
# (the CLI). scripts/prod-smoke.sh runs it and then starts what it installed; the Dockerfile's
# build stage runs it and its runtime stage copies APP_DIR.
#
# usage: scripts/prod-install.sh APP_DIR   (APP_DIR must not exist or be empty)
# PROD_SKIP_BUILD=1: reuse the current `npm run build` output.
# PROD_NATIVE=build: compile better-sqlite3 in APP_DIR instead of copying the addon this
#   checkout compiled (same Node, same platform: the Dockerfile's stages share both).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
APP="${1:?usage: prod-install.sh APP_DIR}"
cd "$REPO"
step() { echo "prod-install: $*"; }
fail() { echo "prod-install: FAILED: $*" >&2; exit 1; }

LIBS=(accounts event-store projections engine)
PACK="$(mktemp -d "${TMPDIR:-/tmp}/account-ops-pack.XXXXXX")"
trap 'rm -rf "$PACK"' EXIT

if [ "${PROD_SKIP_BUILD:-}" != 1 ]; then
  step "npm run build"
  npm run --silent build
fi

step "packing the libraries and the app"
scripts/pack-packages.sh "$PACK" --app
mkdir -p "$APP"
# The app's own tarball (bin/, dist/apps/ with the built console) plus each library's at
# the workspace path the lockfile names, so `npm ci` installs exactly the locked versions.
tar -xzf "$PACK"/account-ops-[0-9]*.tgz -C "$APP" --strip-components=1
for lib in "${LIBS[@]}"; do
  mkdir -p "$APP/libs/$lib"
  tar -xzf "$PACK"/account-ops-"$lib"-[0-9]*.tgz -C "$APP/libs/$lib" --strip-components=1
done
# The test helpers' workspace is a dev dependency: only its manifest, so the lockfile matches.
mkdir -p "$APP/libs/testing" && cp libs/testing/package.json "$APP/libs/testing/"
cp package-lock.json "$APP/"
if find "$APP" -name '*.ts' ! -name '*.d.ts' -not -path '*/node_modules/*' | grep -q .; then
  fail "TypeScript sources in the packed output"
fi

step "npm ci --omit=dev in $APP"
(cd "$APP" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
SQLITE_ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node
if [ "${PROD_NATIVE:-}" = build ] || [ ! -f "$SQLITE_ADDON" ]; then
  (cd "$APP" && npm rebuild better-sqlite3 --loglevel=error)
else
  mkdir -p "$APP/$(dirname "$SQLITE_ADDON")" && cp "$SQLITE_ADDON" "$APP/$SQLITE_ADDON"
fi
[ ! -e "$APP/node_modules/tsx" ] || fail "tsx is installed with production dependencies"
[ ! -e "$APP/node_modules/react" ] || fail "react is installed with production dependencies"
step "runtime node_modules: $(du -sh "$APP/node_modules" | cut -f1)"
