"""Who may import whom: the core knows no wing, the site reads only public surfaces.

    core (validators/*.py, models/, rules/)  ←  evaluation/  ←  github/  ←  cli/
    site_builder  →  the core's and the evaluation wing's `__all__`, never rules/, github/, cli/
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.trees import ROOT

WINGS = ("validators.evaluation", "validators.github", "validators.cli")
# What each part may import of the validators package (a prefix match on module names).
ALLOWED_WINGS = {
    "core": (),
    "validators.evaluation": ("validators.evaluation",),
    "validators.github": ("validators.evaluation", "validators.github"),
    "validators.cli": WINGS,
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in the file, function-level ones included."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
    return found


def _part(module: str) -> str:
    if module == "validators.__main__":  # `python -m validators` is the command line
        return "validators.cli"
    return next((wing for wing in WINGS if module == wing or module.startswith(wing + ".")), "core")


VALIDATORS = sorted((ROOT / "validators").rglob("*.py"))
SITE = sorted((ROOT / "site_builder").rglob("*.py"))


@pytest.mark.parametrize("path", VALIDATORS, ids=lambda p: str(p.relative_to(ROOT)))
def test_validators_import_only_inward(path: Path) -> None:
    part = _part(_module(path))
    for module, _ in _imports(path):
        assert not module.startswith(("site_builder", "mkdocs", "material")), module
        target = _part(module) if module.startswith("validators") else "core"
        if target != "core":
            assert target.startswith(ALLOWED_WINGS[part]) or target == part, (
                f"{_module(path)} ({part}) imports {module} ({target})")


@pytest.mark.parametrize("path", SITE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_site_imports_public_surfaces_only(path: Path) -> None:
    for module, names in _imports(path):
        if not module.startswith("validators"):
            continue
        assert not module.startswith(("validators.rules", "validators.github", "validators.cli")), module
        public = getattr(importlib.import_module(module), "__all__", None)
        assert public is not None, f"{module} has no __all__ but the site imports from it"
        for name in names:
            assert name in public, f"{path.name} imports {module}.{name}, which is not public"


def test_the_rule_would_catch_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from validators.rules.academic_events import unmet_criteria\n"
                   "from validators.evaluation.scoring import _Scorer\n", "utf-8")
    modules = [m for m, _ in _imports(bad)]
    assert "validators.rules.academic_events" in modules
    assert _part("validators.evaluation.scoring") == "validators.evaluation"
    assert not "validators.evaluation".startswith(ALLOWED_WINGS["core"] or ("-",))


def _graph() -> dict[str, set[str]]:
    """Which validators module imports which (type-checking imports too: a circle there is a
    circle in the design)."""
    modules = {_module(p) for p in VALIDATORS}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in VALIDATORS:
        source = _module(path)
        for module, names in _imports(path):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules] or [module]
            graph[source] |= {t for t in targets if t in modules and t != source}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_circle() -> None:
    assert _circles(_graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_reads_by_concern() -> None:
    """The YAML ground, the year, the association's files and checking: each in its own room."""
    packages = {p.parent.name for p in (ROOT / "validators").glob("*/__init__.py")}
    assert {"yaml", "year", "association", "models", "rules", "evaluation", "github", "cli"} <= packages
    flat = sorted(p.stem for p in (ROOT / "validators").glob("*.py") if not p.stem.startswith("__"))
    assert len(flat) <= 16, flat
