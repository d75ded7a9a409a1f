#!/usr/bin/env bash
# Validates every workflow and action file under .github/ with action-validator (pinned in
# package-lock.json), and checks that it rejects a known-bad file, so the test can fail.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
validator=$here/node_modules/.bin/action-validator
if [ ! -x "$validator" ]; then
  echo "action-validator is not installed: run .ci/install-deps (npm ci in tests/github)" >&2
  exit 1
fi
mapfile -t files < <(find "$root/.github" -type f \( -name '*.yml' -o -name '*.yaml' \) | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no workflow files under .github/" >&2
  exit 1
fi
failed=0
for file in "${files[@]}"; do
  if "$validator" "$file"; then
    echo "ok: ${file#"$root"/}"
  else
    echo "INVALID: ${file#"$root"/}" >&2
    failed=1
  fi
done
for bad in "$here"/invalid/*.yml; do
  if "$validator" "$bad" >/dev/null 2>&1; then
    echo "the validator accepted ${bad#"$root"/}, which is invalid" >&2
    failed=1
  fi
done
exit "$failed"
