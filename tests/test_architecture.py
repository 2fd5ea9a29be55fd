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
