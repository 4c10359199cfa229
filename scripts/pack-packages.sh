#!/usr/bin/env bash
# Packs the published libraries (and, with --app, the app itself) into tarballs in DEST,
# exactly as `npm publish` would build them (each package's prepack runs tsc -b).
# Shared by scripts/prod-smoke.sh and scripts/consumer-check.sh so both test the same
# packed output.
#
# usage: scripts/pack-packages.sh DEST [--app]
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${1:?usage: pack-packages.sh DEST [--app]}"
cd "$REPO"
mkdir -p "$DEST"

# The published libraries, in dependency order (the names tests and scripts rely on).
LIBS=(accounts event-store projections engine)
# One tsc -b for all of them (what each prepack would run), then pack without re-running it.
npx --no-install tsc -b $(printf 'libs/%s/tsconfig.build.json ' "${LIBS[@]}")
for lib in "${LIBS[@]}"; do
  npm pack --silent --ignore-scripts --workspace "libs/$lib" --pack-destination "$DEST" >/dev/null
done
if [ "${2:-}" = --app ]; then
  npm pack --silent --pack-destination "$DEST" >/dev/null
fi
ls -l "$DEST"
