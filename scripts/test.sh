#!/usr/bin/env bash
# Builds aigw and runs the whole test suite (unit, integration, SDK, demo) with CTest.
# Usage: scripts/test.sh [BUILD_DIR]   (AIGW_SANITIZE=1 for an ASan+UBSan build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
.ci/install-deps
sanitize=OFF
[ "${AIGW_SANITIZE:-0}" = 1 ] && sanitize=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIGW_SANITIZE="$sanitize" -DAIGW_WERROR=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 600
