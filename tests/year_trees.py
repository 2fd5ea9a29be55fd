"""Repository copies with a next year (2019) written as the staff would: renamed, renumbered or
reordered (tests/data/years/)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.trees import ROOT, base_tree


def _with_2019(base: Path, year_files: Path) -> Path:
    """The base years' data and the 2019 guideline, text and rubric kept in `year_files`."""
    base_tree(base)
    guidelines, rubrics = base / "validators" / "guidelines", base / "validators" / "rubrics"
    shutil.copy(year_files / "2019.txt", guidelines / "2019.txt")
    shutil.copy(year_files / "2019.yaml", guidelines / "2019.yaml")
    shutil.copy(year_files / "rubric-2019.yaml", rubrics / "2019.yaml")
    shutil.copytree(ROOT / "schema", base / "schema", dirs_exist_ok=True)
    return base


RENAMED = Path(__file__).parent / "data" / "years" / "renamed_2019"


def renamed_year_tree(base: Path) -> Path:
    """The base years' data and a 2019 that renames kinds and areas, with one valid report."""
    _with_2019(base, RENAMED)
    shutil.copy(RENAMED / "cd-computer-2019.yaml", base / "submissions" / "cd-computer" / "2019.yaml")
    return base


RENUMBERED = Path(__file__).parent / "data" / "years" / "renumbered_2019"


def renumbered_year_tree(base: Path) -> Path:
    """The base years' data and a 2019 that renames area 六, ends 7.2 (科技扶贫) and renumbers
    7.3–7.5 as 7.2–7.4, adds 5.6: no report of 2019 yet."""
    return _with_2019(base, RENUMBERED)


REORDERED = Path(__file__).parent / "data" / "years" / "reordered_2019"


def reordered_year_tree(base: Path) -> Path:
    """The base years' data and a 2019 that renumbers its clauses: a new 1.1 in area 一 (1.1–1.5
    become 1.2–1.6), a new 2.1, 3.1 and 4.1 (2.1–2.3 become 2.2–2.4, 3.1–3.2
    3.2–3.3, 4.1–4.3 4.2–4.4), 六 and 七 traded (research is 七), its deadline at the year's end: no
    report of 2019 yet."""
    return _with_2019(base, REORDERED)
