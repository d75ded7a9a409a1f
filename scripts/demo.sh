#!/usr/bin/env bash
# The Quick start demo: builds aigw (unless AIGW_BIN names a built binary, or `aigw` on the
# PATH: AIGW_BIN=aigw runs the installed package), starts the local
# emulator on a free loopback port with a temporary state file, and tells the whole story
# against examples/: validate, plan, apply, plan again (clean); then a second desired state
# (examples/demo: a route's elements changed, a dataset removed) planned (as text, then as
# the Markdown of a pull request comment, which draws the route change as a Mermaid graph)
# and applied with --prune, and a clean plan again; then the account is exported (aigw
# export) into a temporary directory, which plans clean, and one detect-only reconcile cycle
# finds no drift. The emulator is stopped on exit, whatever happens.
# Exits non-zero if any step does not do what the story says.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bold=""
reset=""
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  bold=$'\e[1m'
  reset=$'\e[0m'
fi
section() { printf '\n%s==> %s%s\n' "$bold" "$*" "$reset"; }
# Shows a command, then runs it; the exit code is the caller's to judge.
show() {
  printf '%s$ %s%s\n' "$bold" "$*" "$reset"
  "$@"
}

aigw_bin=${AIGW_BIN:-$root/build/aigw}
# A bare name (AIGW_BIN=aigw) is looked up on the PATH: the installed package.
if [[ "$aigw_bin" != */* ]]; then
  aigw_bin=$(command -v "$aigw_bin") || { echo "AIGW_BIN=${AIGW_BIN}: not on the PATH" >&2; exit 1; }
fi
# Commands are shown as `aigw ...`, whichever binary runs them.
aigw() { "$aigw_bin" "$@"; }
if [ ! -x "$aigw_bin" ]; then
  section "Building aigw into build/ (first run only; a few minutes)"
  .ci/install-deps
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  if ! cmake --build build --target aigw -j"$(nproc)" >build/demo-build.log 2>&1; then
    tail -n 40 build/demo-build.log >&2
    echo "build failed; the full log is build/demo-build.log" >&2
    exit 1
  fi
  echo "built $aigw_bin"
fi

tmp=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

section "Starting the AI Gateway emulator on a free loopback port"
mkfifo "$tmp/banner"
# --traffic: a seeded stream of requests through the gateways, so plans show real traffic.
"$aigw_bin" emulator --listen 127.0.0.1:0 --state "$tmp/state.json" --traffic 50 >"$tmp/banner" 2>"$tmp/emulator.log" &
emulator_pid=$!
# The first stdout line is "listening on http://HOST:PORT"; wait at most 20 s for it.
exec 3<"$tmp/banner"
if ! read -r -t 20 banner <&3; then
  echo "the emulator did not start; its log:" >&2
  cat "$tmp/emulator.log" >&2
  exit 1
fi
# Keep draining its stdout so it never blocks on a full pipe.
cat <&3 >/dev/null &
url=${banner##*listening on }
echo "$banner (state: $tmp/state.json)"

export CLOUDFLARE_API_BASE_URL="$url/client/v4"
export CLOUDFLARE_API_TOKEN=demo-token
export CLOUDFLARE_ACCOUNT_ID=demo-account
# Every ${VAR} the examples read (provider keys): demo values, never printed by aigw.
for var in $(grep -rhoE '\$\{[A-Z0-9_]+\}' examples | sort -u | tr -d '${}'); do
  if [ -z "${!var:-}" ]; then
    export "$var=demo-${var,,}-value"
  fi
done

# The first desired state: three of the examples, each its own repository of YAML.
first=(examples/basic examples/routing examples/billing)

section "1. Validate every example (offline: no API call)"
for dir in examples/*/; do
  show aigw validate -f "${dir%/}"
done

section "2. Plan ${first[*]}: what would change (exit code 2 = changes pending)"
for dir in "${first[@]}"; do
  set +e
  show aigw plan -f "$dir" --detailed-exitcode
  code=$?
  set -e
  [ "$code" -eq 2 ] || { echo "expected pending changes (exit 2), got $code" >&2; exit 1; }
done

section "3. Apply them (--auto-approve: a script has no one to ask)"
for dir in "${first[@]}"; do
  show aigw apply -f "$dir" --auto-approve
done

section "4. Plan again: live now equals Git, nothing to do (exit code 0)"
for dir in "${first[@]}"; do
  show aigw plan -f "$dir" --detailed-exitcode
done

section "5. A second desired state, examples/demo: route router/ab-test goes 80/20 -> 60/40, dataset support-bot/failures is dropped (--impact: the live traffic each change would hit, from the gateway's logs)"
# The generated traffic reaches the route created in step 3 within a second or two: wait for
# its first logged requests (at most 20 tries, half a second apart), so the impact shows
# real figures.
impact_line='route router/ab-test \(deploy a new version\) — [1-9][0-9,]* requests? through this route'
for _ in $(seq 1 20); do
  if "$aigw_bin" plan -f examples/demo --prune --impact 2>/dev/null | grep -qE "$impact_line"; then
    break
  fi
  sleep 0.5
done
set +e
show aigw plan -f examples/demo --prune --impact --detailed-exitcode | tee "$tmp/plan5.txt"
code=${PIPESTATUS[0]}
set -e
[ "$code" -eq 2 ] || { echo "expected pending changes (exit 2), got $code" >&2; exit 1; }
grep -qE "$impact_line" "$tmp/plan5.txt" ||
  { echo "expected a traffic impact line with requests for route router/ab-test" >&2; exit 1; }

section "5b. The same plan as a pull request comment: the route change drawn as a Mermaid graph"
show aigw plan -f examples/demo --prune --output markdown | tee "$tmp/plan.md"
grep -q '^```mermaid$' "$tmp/plan.md" || { echo "expected the route change drawn as a Mermaid graph" >&2; exit 1; }

section "6. Apply it with --prune: a route version is added and deployed, the dataset deleted"
show aigw apply -f examples/demo --prune --auto-approve

section "7. Plan again: clean"
show aigw plan -f examples/demo --prune --detailed-exitcode

section "8. Adopt the account as it is now: export it to a temporary directory"
show aigw export --out "$tmp/adopted"
show ls -R "$tmp/adopted"
# The AIGW_SECRET_... variables export listed stay unset: plan needs no provider keys.

section "9. The exported files describe the account exactly: plan is clean (exit code 0)"
show aigw plan -f "$tmp/adopted" --detailed-exitcode

section "10. One reconcile cycle, detect-only: no drift (exit code 0)"
show aigw reconcile -f "$tmp/adopted" --once --detect-only

section "Done: the emulator is stopped and its temporary state removed"
