"""Where the frozen results live: `results/<year>.json`, written by `finalize` and committed by an
admin. Only the paths: reading them is the evaluation's (validators/evaluation/results.py), and
`check` of a report needs only to tell them from the files it checks."""

from __future__ import annotations

from pathlib import Path

__all__ = ["RESULTS", "discover", "is_results_path", "results_path"]

RESULTS = "results"


def results_path(root: Path, year: int) -> Path:
    return root / RESULTS / f"{year}.json"


def is_results_path(path: Path, root: Path) -> bool:
    return Path(path).resolve().is_relative_to((root / RESULTS).resolve())


def discover(root: Path) -> list[Path]:
    base = root / RESULTS
    return sorted(p for p in base.iterdir() if not p.name.startswith(".")) if base.is_dir() else []
