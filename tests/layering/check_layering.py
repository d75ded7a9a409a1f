#!/usr/bin/env python3
"""Fails when a file under src/ includes a project folder or a third-party library that
tests/layering/layers.txt does not allow for its folder (every target sees /usr/include, so
the build alone does not catch a stray include).

Usage: check_layering.py SRC_DIR LAYERS_FILE
       check_layering.py --self-test SRC_DIR LAYERS_FILE   (plants bad includes in a copy)
"""
import pathlib
import re
import shutil
import sys
import tempfile

THIRD_PARTY_ROOTS = {"boost", "yaml-cpp", "spdlog", "openssl", "CLI", "fmt", "gtest", "gmock",
                     "nlohmann"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_layers(path):
    layers = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.split() for p in line.split(":")]
        if len(parts) != 3 or len(parts[0]) != 1:
            sys.exit(f"{path}:{number}: error: expected 'folder : folders : libraries'")
        folder = parts[0][0]
        layers[folder] = (set(parts[1]) | {folder}, set(parts[2]))
    return layers


def library_of(header):
    """'boost/beast/http.hpp' -> 'boost/beast'; 'yaml-cpp/yaml.h' -> 'yaml-cpp'; else None."""
    parts = header.split("/")
    root = parts[0]
    if root == "boost.hpp" or root not in THIRD_PARTY_ROOTS:
        return None
    if root == "boost" and len(parts) > 1:
        return "boost/" + re.sub(r"\.hpp$", "", parts[1])
    return root


def violations(src, layers):
    found = []
    folders = sorted(p for p in src.iterdir() if p.is_dir())
    for folder in folders:
        if folder.name not in layers:
            found.append(f"{folder}: error: folder '{folder.name}' is not in layers.txt; "
                         "add a line saying what it may include")
            continue
        projects, libraries = layers[folder.name]
        for file in sorted(folder.rglob("*")):
            if file.suffix not in (".h", ".hpp", ".cpp", ".cc"):
                continue
            for number, line in enumerate(file.read_text(errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                header = match.group(2)
                first = header.split("/")[0]
                if match.group(1) == '"' and "/" in header and first in layers:
                    if first not in projects:
                        found.append(f"{file}:{number}: error: {folder.name}/ may not include "
                                     f"{first}/ ('{header}')")
                    continue
                library = library_of(header)
                if library and library not in libraries:
                    found.append(f"{file}:{number}: error: {folder.name}/ may not include "
                                 f"{library} ('{header}')")
    return found


def self_test(src, layers_file):
    """The check must fail on planted bad includes, and name each of them."""
    plants = {"engine": "#include <boost/beast/http.hpp>\n",
              "model": '#include "engine/plan.h"\n',
              "config": "#include <spdlog/spdlog.h>\n"}
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp) / "src"
        shutil.copytree(src, copy)
        layers = read_layers(layers_file)
        if violations(copy, layers):
            sys.exit("self-test: the unmodified tree already fails; run the check first")
        for folder, include in plants.items():
            (copy / folder / "planted.cpp").write_text(include)
        found = violations(copy, layers)
        for folder in plants:
            if not any(f"/{folder}/planted.cpp:1: error:" in v for v in found):
                sys.exit(f"self-test: a bad include planted in {folder}/ was not reported")
        print("\n".join(found))
        print(f"self-test: all {len(plants)} planted includes reported")


def main(argv):
    if argv[:1] == ["--self-test"]:
        self_test(pathlib.Path(argv[1]), pathlib.Path(argv[2]))
        return 0
    src, layers_file = pathlib.Path(argv[0]), pathlib.Path(argv[1])
    found = violations(src, read_layers(layers_file))
    for v in found:
        print(v)
    if found:
        print(f"{len(found)} include(s) break the layering in {layers_file}")
        return 1
    print("layering: every include is allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
