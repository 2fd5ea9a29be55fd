"""Helpers that lay out a submissions tree in a temporary folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def write_tree(base: Path, files: dict[str, str]) -> Path:
    """Writes `files` (path under base: YAML text) and returns base."""
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return base


def profile(society: str) -> str:
    return f"""
        id: {society}
        name: 成都市{society}学会（示例）
        kind: 学会
        discipline: 测试
        maintainers: [{society}-admin]
        sample: true
        """


# The sample years this repository ships. No later year rewrites them, so a test that stages
# "the next year" stages it on these, whatever years the association has added since.
BASE_YEARS = (2017, 2018)
NEW_YEAR = BASE_YEARS[-1] + 1


def _later(folder: str, names: list[str]) -> set[str]:
    """Files and folders named after a year after the base years (2019.yaml, reviews/2019)."""
    return {n for n in names if n.split(".")[0].isdigit() and int(n.split(".")[0]) > BASE_YEARS[-1]}


def base_tree(base: Path, folders: tuple[str, ...] = ("submissions", "reviews", "results")) -> Path:
    """A tree of the repository's data as of the base years: their year files its own (so no
    later shipped year is inherited) and no file of a later year."""
    for folder in folders:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, base / folder, ignore=_later)
    for kind in ("guidelines", "rubrics"):
        (base / "validators" / kind).mkdir(parents=True, exist_ok=True)
        for year in BASE_YEARS:
            for suffix in (".yaml", ".txt"):
                shipped = ROOT / "validators" / kind / f"{year}{suffix}"
                if shipped.is_file():
                    shutil.copy(shipped, base / "validators" / kind / shipped.name)
    return base


def verify_again(root: Path, society: str, year: int) -> None:
    """The staff tick 其余全部核实 again after a test changed the report: the review's `rest`
    records the report's contents as they are now (as the workbench records them)."""
    import re

    from validators.association.reviews import current_contents
    from validators.check import check_tree

    _, repo = check_tree(root)
    contents = current_contents(repo.reports[(society, year)].report)
    review = root / "reviews" / str(year) / f"{society}.yaml"
    text = review.read_text("utf-8")
    listed = ", ".join(f'"{c}"' for c in contents.values())
    changed = re.sub(r"^  contents: \[.*\]$", f"  contents: [{listed}]", text, count=1, flags=re.MULTILINE)
    assert changed != text, review
    review.write_text(changed, "utf-8")


# Two 七 items a society adds to a 2018 report after its verification (the verdict-binding tests).
LATE_MAJOR_WORK = """\
  - id: mw-reform-late
    kind: 深化改革
    title: 秘书处改革（核查之后新增）
    date: 2018-09-01
    description: 改革
  - id: mw-party-late
    kind: 党建
    title: 党支部建设（核查之后新增）
    date: 2018-09-02
    description: 党建
"""
