#!/usr/bin/env python3
"""schemas/aigw.schema.json is exactly what `aigw schema` prints (the schema is generated
from aigw's field and kind tables, never edited by hand).

usage: check_schema_generated.py AIGW_BINARY SCHEMA_FILE
"""
import difflib
import subprocess
import sys


def main():
    binary, committed_path = sys.argv[1], sys.argv[2]
    run = subprocess.run([binary, "schema"], capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        print(f"'{binary} schema' exited {run.returncode}: {run.stderr.strip()}")
        return 1
    with open(committed_path, encoding="utf-8") as f:
        committed = f.read()
    if committed == run.stdout:
        print(f"{committed_path} matches '{binary} schema'")
        return 0
    diff = list(difflib.unified_diff(committed.splitlines(), run.stdout.splitlines(),
                                     "committed " + committed_path, "generated", lineterm="", n=2))
    print(f"{committed_path} differs from what '{binary} schema' generates "
          f"({len(diff)} diff lines; the first 60):")
    print("\n".join(diff[:60]))
    print(f"\nRegenerate it with:\n  {binary} schema > {committed_path}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
