"""Writes the sha256 of every file pip may install for each pin of the lock files.

Run with the project's own pip (`make lock`) after changing a pin. The pins are the
`name==version` lines already in each lock file; this tool only (re)writes their hashes: the
sdist (when the release has one) and every wheel that CPython 3.11, 3.12 or 3.13 may pick on
manylinux x86_64 or aarch64, so `pip install --require-hashes` works on any CI machine of these
kinds. The hashes come from the package index through pip's own finder, as `pip download` sees them.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from pip._internal.index.collector import LinkCollector
from pip._internal.index.package_finder import PackageFinder
from pip._internal.models.index import PyPI
from pip._internal.models.search_scope import SearchScope
from pip._internal.models.selection_prefs import SelectionPreferences
from pip._internal.models.target_python import TargetPython
from pip._internal.network.session import PipSession

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILES = (ROOT / "requirements.lock", ROOT / "requirements-core.lock")
# The package index pip is configured with (PIP_INDEX_URL), else pip's default one.
INDEX = os.environ.get("PIP_INDEX_URL") or PyPI.simple_url
PYTHONS = ((3, 11), (3, 12), (3, 13))
ARCHES = ("x86_64", "aarch64")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _platforms(arch: str) -> list[str]:
    legacy = ["manylinux2014", "manylinux2010", "manylinux1"] if arch == "x86_64" else ["manylinux2014"]
    return [f"manylinux_2_{n}_{arch}" for n in range(40, 4, -1)] + [f"{p}_{arch}" for p in legacy]


def _finders(session: PipSession) -> list[PackageFinder]:
    collector = LinkCollector(session=session, search_scope=SearchScope.create([], [INDEX], False))
    prefs = SelectionPreferences(allow_yanked=True)
    return [PackageFinder.create(collector, prefs, TargetPython(
        platforms=_platforms(arch), py_version_info=python, implementation="cp"))
        for python in PYTHONS for arch in ARCHES]


def file_hashes(finders: list[PackageFinder], name: str, version: str) -> dict[str, str]:
    """filename → sha256 of every file of `name==version` some target may install."""
    found: dict[str, str] = {}
    for finder in finders:
        for candidate in finder.find_all_candidates(name):
            link = candidate.link
            if str(candidate.version) == version and link.hash_name == "sha256" and link.hash:
                found[link.filename] = link.hash
    return found


def pins(text: str) -> list[tuple[str, str, str]]:
    """(comment block before it, name, version) of each pin; hash lines are dropped."""
    out: list[tuple[str, str, str]] = []
    comments: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            comments.append(line)
        elif match := _PIN.match(stripped):
            out.append(("\n".join(comments), match.group(1), match.group(2)))
            comments = []
    return out


def render(header: str, entries: list[tuple[str, str, dict[str, str]]]) -> str:
    lines = [header.rstrip("\n")]
    for name, version, hashes in entries:
        lines.append(f"{name}=={version} \\")
        digests = sorted(set(hashes.values()))
        lines += [f"    --hash=sha256:{h}" + (" \\" if i < len(digests) - 1 else "")
                  for i, h in enumerate(digests)]
    return "\n".join(lines) + "\n"


def main() -> int:
    finders = _finders(PipSession())
    cache: dict[tuple[str, str], dict[str, str]] = {}
    for path in LOCK_FILES:
        text = path.read_text(encoding="utf-8")
        entries = pins(text)
        header = entries[0][0] if entries else ""
        rendered = []
        for _, name, version in entries:
            if (name, version) not in cache:
                cache[name, version] = file_hashes(finders, name, version)
            if not cache[name, version]:
                print(f"{name}=={version}: no file found on {INDEX}", file=sys.stderr)
                return 1
            rendered.append((name, version, cache[name, version]))
        path.write_text(render(header, rendered), encoding="utf-8")
        print(f"{path.name}: {len(rendered)} pins, "
              f"{sum(len(set(h.values())) for _, _, h in rendered)} hashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
