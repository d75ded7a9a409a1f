#!/usr/bin/env bash
# The large-account benchmark: drives the real aigw binary against `aigw emulator --latency`
# and prints, for each size N (gateways, each with a dataset, a provider config and a route):
# requests, wall time, the structural bound ceil(requests/32) x latency + one round trip and
# the ratio, CPU seconds and peak RSS, for apply (the first, creating everything) and plan
# (median of RUNS); then the same read done with the official TypeScript SDK on the same
# emulator state; then the diff + plan figure of build/bench/plan_bench.
#
#   bench/bench.sh [N ...]            default: 100 1000
# Each goal of issue 14 is printed next to its figure (met / NOT met); nothing is asserted.
# Beside them: the client's own CPU per request (build/bench/client_bench, reading the same
# emulator state) and loading the configuration beside yaml-cpp's parse alone
# (build/bench/load_bench).
#
#   env: AIGW_BIN (default build/aigw), PLAN_BENCH (default build/bench/plan_bench; the
#        client_bench and load_bench beside it),
#        LATENCY_MS (50), RUNS (3), SDK_DIR (tests/sdk), QUICK=1 (CI: checks it works only)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
aigw="${AIGW_BIN:-$root/build/aigw}"
plan_bench="${PLAN_BENCH:-$root/build/bench/plan_bench}"
client_bench="${CLIENT_BENCH:-$(dirname "$plan_bench")/client_bench}"
load_bench="${LOAD_BENCH:-$(dirname "$plan_bench")/load_bench}"
latency="${LATENCY_MS:-50}"
runs="${RUNS:-3}"
sdk_dir="${SDK_DIR:-$root/tests/sdk}"
inflight=32
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)

work="$(mktemp -d)"
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export CLOUDFLARE_API_TOKEN=bench-token CLOUDFLARE_ACCOUNT_ID=acct-bench
export OPENAI_API_KEY=sk-bench-provider-secret NO_COLOR=1

start_emulator() {
  "$aigw" emulator --listen 127.0.0.1:0 --latency "$latency" >"$work/emulator.out" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$work/emulator.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  local base
  base="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/emulator.out" | head -n1)"
  [ -n "$base" ] || { echo "bench: the emulator did not start" >&2; cat "$work/emulator.out" >&2; exit 1; }
  export CLOUDFLARE_API_BASE_URL="$base/client/v4"
}

stop_emulator() {
  kill "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
  emulator_pid=""
}

write_config() { # N FILE
  {
    echo "account_id: \${CLOUDFLARE_ACCOUNT_ID}"
    echo "gateways:"
    for i in $(seq 1 "$1"); do
      cat <<YAML
  - id: gw-$i
    cache_ttl: 60
    collect_logs: true
    datasets:
      - name: failures
        enable: true
        filters: [ { key: success, operator: eq, value: [false] } ]
    provider_configs:
      - provider_slug: openai
        alias: main
        default_config: true
        secret: \${OPENAI_API_KEY}
    routes:
      - name: chat
        elements:
          - { id: start, type: start, outputs: { next: { elementId: primary } } }
          - id: primary
            type: model
            properties: { provider: openai, model: gpt-4o-mini, retries: 2, timeout: 30000 }
            outputs: { success: { elementId: end }, fallback: { elementId: end } }
          - { id: end, type: end, outputs: {} }
YAML
    done
  } >"$2"
}

# timed OUT -- CMD...: runs CMD with its stdout in OUT; prints "wall user+sys maxrss_kb".
timed() {
  local out="$1"; shift; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$out" 2>"$work/stderr" || {
    echo "bench: failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
  awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 }' "$work/time"
}

# LABEL REQUESTS WALL CPU RSS_KB [RATIO_GOAL [PEAK_GOAL_MB]]: one line of figures, each goal
# (issue 14) printed after the figure it is about, with whether this run met it.
bound_line() {
  awk -v label="$1" -v req="$2" -v wall="$3" -v cpu="$4" -v rss="$5" -v lat="$latency" -v k="$inflight" \
      -v ratio_goal="${6:-}" -v peak_goal="${7:-}" '
    function verdict(ok) { return ok ? "met" : "NOT met" }
    BEGIN {
      rounds = int((req + k - 1) / k); bound = (rounds + 1) * lat / 1000
      ratio = bound > 0 ? sprintf("%.2fx", wall / bound) : "n/a"
      printf "  %-6s requests %6d  wall %7.2f s  bound %7.2f s  ratio %6s  cpu %6.2f s  peak %6.1f MB\n",
             label, req, wall, bound, ratio, cpu, rss / 1024
      if (ratio_goal != "" && bound > 0)
        printf "         goal: wall <= %.2fx the bound: %s (%.2fx)\n", ratio_goal,
               verdict(wall / bound <= ratio_goal), wall / bound
      if (peak_goal != "")
        printf "         goal: peak < %d MB: %s (%.1f MB)\n", peak_goal, verdict(rss / 1024 < peak_goal), rss / 1024
    }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "aigw large-account benchmark: latency ${latency} ms, ${inflight} in flight, plan median of ${runs}"
for n in "${sizes[@]}"; do
  echo "N = $n gateways (each with 1 dataset, 1 provider config, 1 route)"
  start_emulator
  write_config "$n" "$work/aigw.yaml"
  read -r wall cpu rss < <(timed "$work/apply.out" -- "$aigw" --rate-limit 1000000 apply \
    -f "$work/aigw.yaml" --auto-approve --parallelism "$inflight")
  requests="$(sed -n 's/.* \([0-9][0-9]*\) API requests.*/\1/p' "$work/apply.out" | tail -n1)"
  [ -n "$requests" ] || { echo "bench: apply printed no request count" >&2; cat "$work/apply.out" >&2; exit 1; }
  bound_line apply "$requests" "$wall" "$cpu" "$rss" 1.1

  : >"$work/plan.walls"; : >"$work/plan.cpus"; : >"$work/plan.rss"
  for _ in $(seq 1 "$runs"); do
    read -r wall cpu rss < <(timed "$work/plan.json" -- "$aigw" --rate-limit 1000000 plan \
      -f "$work/aigw.yaml" --concurrency "$inflight" --output json)
    echo "$wall" >>"$work/plan.walls"; echo "$cpu" >>"$work/plan.cpus"; echo "$rss" >>"$work/plan.rss"
    grep -q '"has_changes": *false' "$work/plan.json" || {
      echo "bench: the plan after apply is not empty" >&2; exit 1; }
  done
  requests="$(sed -n 's/.*"api_requests": *\([0-9][0-9]*\).*/\1/p' "$work/plan.json" | head -n1)"
  peak_goal=""
  [ "$n" = 1000 ] && peak_goal=50 # the goal is stated for 1,000 gateways (one 800 KB file)
  bound_line plan "$requests" "$(median <"$work/plan.walls")" "$(median <"$work/plan.cpus")" \
    "$(median <"$work/plan.rss")" 1.1 $peak_goal
  if [ -x "$client_bench" ]; then
    "$client_bench" "$CLOUDFLARE_API_BASE_URL" "$CLOUDFLARE_ACCOUNT_ID" "$runs" | sed 's/^/  /'
  fi
  if [ -x "$load_bench" ]; then
    "$load_bench" "$work/aigw.yaml" "$((runs > 5 ? runs : 5))" | sed 's/^/  /'
  fi

  if [ -f "$sdk_dir/node_modules/cloudflare/package.json" ]; then
    : >"$work/sdk.walls"; : >"$work/sdk.cpus"; : >"$work/sdk.rss"
    for _ in $(seq 1 "$runs"); do
      read -r wall cpu rss < <(SDK_DIR="$sdk_dir" timed "$work/sdk.out" -- node "$root/bench/sdk_read.mjs" \
        "$CLOUDFLARE_API_BASE_URL" "$CLOUDFLARE_ACCOUNT_ID" "$inflight")
      echo "$wall" >>"$work/sdk.walls"; echo "$cpu" >>"$work/sdk.cpus"; echo "$rss" >>"$work/sdk.rss"
    done
    grep -q "^gateways $n\$" "$work/sdk.out" || { echo "bench: the SDK read the wrong count" >&2; cat "$work/sdk.out" >&2; exit 1; }
    requests="$(sed -n 's/^requests \([0-9]*\)$/\1/p' "$work/sdk.out")"
    bound_line sdk "$requests" "$(median <"$work/sdk.walls")" "$(median <"$work/sdk.cpus")" \
      "$(median <"$work/sdk.rss")"
  else
    echo "  sdk    (not installed: run .ci/install-deps or npm ci --prefix tests/sdk)"
  fi
  stop_emulator
done

if [ -x "$plan_bench" ]; then
  gateways=1000
  [ "${QUICK:-0}" = 1 ] && gateways=100
  echo "diff + plan, in memory ($plan_bench $gateways $runs):"
  "$plan_bench" "$gateways" "$runs" | sed 's/^/  /'
fi
