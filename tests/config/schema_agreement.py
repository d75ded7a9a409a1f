#!/usr/bin/env python3
"""The JSON Schema and the loader agree on every corpus file and every example.

For each file: the schema's verdict (python3-jsonschema, Draft 2020-12, YAML read with the
same YAML 1.2 core rules as the loader) and the loader's verdict (`aigw validate --output
json -f FILE`) must match, except for the cases in schema_exceptions.txt, which must be
refused by the loader and accepted by the schema. Each example directory must also
validate as a whole.

usage: schema_agreement.py AIGW_BINARY SOURCE_DIR
"""
import json
import os
import pathlib
import re
import subprocess
import sys

import jsonschema
import yaml

CORPUS_ENV = {
    "CLOUDFLARE_ACCOUNT_ID": "acc123",
    "OPENAI_API_KEY": "sk-test-openai-0123",
    "OTEL_TOKEN": "tok-otel-123",
    "STRIPE_KEY": "sk-stripe-123",
    "AIGW_TEAM": "blue",
    "ANTHROPIC_API_KEY": "sk-test-anthropic-0123",
}


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars (as the loader): yes/no/on/off, 0x1F and
    1_000 stay strings, and mapping keys keep their source text."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", list("-+.0123456789")),
]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def construct_mapping(loader, node, deep=False):
    out = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else loader.construct_object(key_node)
        out[key] = loader.construct_object(value_node, deep=deep)
    return out


CoreLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
CoreLoader.add_constructor(
    "tag:yaml.org,2002:float", lambda loader, node: float(loader.construct_scalar(node)))


def schema_verdict(validator, path):
    try:
        with open(path, encoding="utf-8") as f:
            document = yaml.load(f, Loader=CoreLoader)
    except (yaml.YAMLError, ValueError, RecursionError) as e:
        return False, f"YAML error: {str(e).splitlines()[0]}"
    if document is None:
        document = {}
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    if errors:
        return False, f"{list(errors[0].path)}: {errors[0].message[:160]}"
    return True, ""


MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def modeline_problem(path, schema_path):
    """An example must start with a modeline that points at the schema."""
    first = path.read_text(encoding="utf-8").splitlines()[:1]
    match = MODELINE.match(first[0]) if first else None
    if not match:
        return "does not start with '# yaml-language-server: $schema=...'"
    if (path.parent / match.group(1)).resolve() != schema_path.resolve():
        return f"modeline points at {match.group(1)}, not the schema"
    return ""


def loader_verdict(binary, path, env):
    run = subprocess.run([binary, "validate", "--output", "json", "-f", str(path)],
                         capture_output=True, text=True, env=env, timeout=60)
    result = json.loads(run.stdout)
    if result["valid"] != (run.returncode == 0):
        raise AssertionError(f"{path}: exit code {run.returncode} disagrees with 'valid'")
    first = result["diagnostics"][0]["message"] if result["diagnostics"] else ""
    return result["valid"], first


def main():
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    corpus = source / "tests" / "config"
    schema = json.loads((source / "schemas" / "aigw.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    exceptions = {}
    for line in (corpus / "schema_exceptions.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, reason = line.split(None, 1)
            exceptions[name] = reason
    env = {k: v for k, v in os.environ.items() if k not in CORPUS_ENV}
    env.update(CORPUS_ENV)

    files = sorted(corpus.glob("valid/*.yaml")) + sorted(corpus.glob("invalid/*.yaml"))
    examples = sorted(p for p in (source / "examples").rglob("*.y*ml"))
    failures = []
    checked = 0
    for path in files + examples:
        name = str(path.relative_to(corpus if path.is_relative_to(corpus) else source))
        by_schema, schema_why = schema_verdict(validator, path)
        by_loader, loader_why = loader_verdict(binary, path, env)
        checked += 1
        problem = modeline_problem(path, source / "schemas" / "aigw.schema.json")
        if problem:
            failures.append(f"{name}: {problem}")
        if name.startswith("examples/") and not (by_schema and by_loader):
            failures.append(f"{name}: example must be valid (schema: {schema_why}; loader: {loader_why})")
        elif name in exceptions:
            if by_loader or not by_schema:
                failures.append(f"{name}: listed as inexpressible, but loader={by_loader} schema={by_schema}")
        elif name.startswith("valid/") and not (by_schema and by_loader):
            failures.append(f"{name}: must be valid (schema: {schema_why}; loader: {loader_why})")
        elif by_schema != by_loader:
            failures.append(f"{name}: schema says {by_schema} ({schema_why}), loader says {by_loader} ({loader_why})")
    for directory in sorted(p for p in (source / "examples").iterdir() if p.is_dir()):
        ok, why = loader_verdict(binary, directory, env)
        checked += 1
        if not ok:
            failures.append(f"examples/{directory.name}/: directory must validate ({why})")
    missing = [n for n in exceptions if not (corpus / n).exists()]
    failures += [f"{n}: listed in schema_exceptions.txt but missing" for n in missing]
    for failure in failures:
        print("FAIL", failure)
    print(f"{checked} checks, {len(failures)} failures, {len(exceptions)} listed exceptions")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
