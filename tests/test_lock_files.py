"""The lock files: every pin hashed, the core subset identical to the whole, and nothing missing."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import requires

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.trees import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import lock  # tools/ is not a package: its folder is put on the path above

ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
                   re.MULTILINE)


def entries(name: str) -> dict[str, str]:
    """Each pin's whole block (pin and hashes), by canonical name."""
    text = (ROOT / name).read_text(encoding="utf-8")
    found = {canonicalize_name(m.group(1)): m.group(0) for m in ENTRY.finditer(text)}
    pins = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(found) == len(pins), "a pin without hashes, or a malformed block"
    return found


def test_every_pin_has_hashes_and_the_core_lock_repeats_the_whole() -> None:
    whole, core = entries("requirements.lock"), entries("requirements-core.lock")
    assert len(whole) > 50
    assert {n: whole[n] for n in core} == core


def test_the_core_lock_is_exactly_what_the_validators_need() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed: set[str] = set()
    todo = [Requirement(r).name for r in project["dependencies"]]
    while todo:
        name = canonicalize_name(todo.pop())
        if name not in needed:
            needed.add(name)
            todo += [Requirement(r).name for r in requires(name) or []
                     if not Requirement(r).marker or Requirement(r).marker.evaluate({"extra": ""})]
    assert set(entries("requirements-core.lock")) == needed


def test_every_pinned_dependency_of_pyproject_is_in_the_lock() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values()
                                        for r in extra)]
    whole = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    for pin in pins:
        name, version = pin.split("==")
        assert re.search(rf"^{re.escape(name)}=={re.escape(version)} \\$", whole, re.MULTILINE | re.IGNORECASE), pin


def test_the_lock_tool_rewrites_hashes_and_keeps_pins_and_header() -> None:
    text = "# header\n# two lines\nfoo==1.0 \\\n    --hash=sha256:old\nbar==2.0\n"
    parsed = lock.pins(text)
    assert [(n, v) for _, n, v in parsed] == [("foo", "1.0"), ("bar", "2.0")]
    header = parsed[0][0]
    out = lock.render(header, [("foo", "1.0", {"a.whl": "b" * 64, "a.tar.gz": "a" * 64}),
                               ("bar", "2.0", {"x.whl": "c" * 64})])
    assert out == ("# header\n# two lines\nfoo==1.0 \\\n    --hash=sha256:" + "a" * 64 + " \\\n"
                   "    --hash=sha256:" + "b" * 64 + "\nbar==2.0 \\\n    --hash=sha256:" + "c" * 64 + "\n")


def test_the_lock_tool_targets_both_architectures_and_three_pythons() -> None:
    assert lock.PYTHONS == ((3, 11), (3, 12), (3, 13))
    assert lock.ARCHES == ("x86_64", "aarch64")
    assert "manylinux_2_17_aarch64" in lock._platforms("aarch64")
    assert "manylinux2014_x86_64" in lock._platforms("x86_64")


def test_the_binary_packages_list_a_wheel_per_python_and_architecture() -> None:
    """pydantic_core ships one manylinux wheel per CPython and architecture, and an sdist."""
    block = entries("requirements.lock")["pydantic-core"]
    assert block.count("--hash=") >= 3 * 2 + 1


def test_every_third_party_import_of_the_validators_is_a_declared_dependency() -> None:
    """The jobs with a write token install only the core lock: an import the project's
    dependencies do not cover would crash them. An import inside a function (the workbook
    commands') is reached only by its command, and may come from an extra of the project."""
    import ast
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared: set[str] = set()
    todo = [canonicalize_name(Requirement(r).name) for r in project["dependencies"]]
    while todo:  # what the declared dependencies bring with them is installed too
        name = todo.pop()
        if name not in declared:
            declared.add(name)
            wanted = [Requirement(r) for r in requires(name) or []]
            todo += [canonicalize_name(r.name) for r in wanted
                     if r.marker is None or r.marker.evaluate({"extra": ""})]
    providers = packages_distributions()
    extras = {canonicalize_name(Requirement(r).name) for group in project["optional-dependencies"].values()
              for r in group}
    imported: set[str] = set()
    deferred: set[str] = set()
    for path in (ROOT / "validators").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        inside = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                  for n in ast.walk(f)}
        for node in ast.walk(tree):
            names: set[str] = set()
            if isinstance(node, ast.Import):
                names = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = {node.module.split(".")[0]}
            (deferred if id(node) in inside else imported).update(names)
    third_party = {name for name in imported if name in providers and name not in sys.stdlib_module_names}
    assert third_party >= {"yaml", "pydantic", "pycountry", "babel"}
    missing = {name for name in third_party
               if not {canonicalize_name(d) for d in providers[name]} & declared}
    assert missing == set()
    late = {name for name in deferred - imported if name in providers and name not in sys.stdlib_module_names}
    assert late >= {"openpyxl", "xlsxwriter"}
    undeclared = {name for name in late if not {canonicalize_name(d) for d in providers[name]} & (declared | extras)}
    assert undeclared == set()
