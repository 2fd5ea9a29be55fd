"""Example-driven tests of review files: each file under tests/data/reviews/invalid/<CODE>/ is
placed at reviews/2017/<its name> beside the report of the `verification-final` acceptance case,
and must produce exactly the findings its `# expect: CODE LINE:COLUMN` lines state. A `# today:
YYYY-MM-DD` line checks it as on that day (W-DATE-FUTURE: a date after today, which a fixed file
can only show against a fixed today)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.test_invalid_examples import EXPECT, _assert_well_formed, _expected, _located
from tests.trees import ROOT
from validators.check import check_tree
from validators.year import cycle

EXAMPLES = ROOT / "tests" / "data" / "reviews" / "invalid"
BASE = ROOT / "tests" / "data" / "fidelity" / "verification-final"
CASES = sorted(EXAMPLES.glob("*/*.yaml"))
# The codes these examples cover, for tests/test_invalid_examples.py's census of codes.
COVERED = {code for path in CASES for code, _, _ in _expected(path.read_bytes())}
TODAY = "# today: "


def _today(path: Path) -> dt.date | None:
    said = [x[len(TODAY):] for x in path.read_text("utf-8").splitlines() if x.startswith(TODAY)]
    return dt.date.fromisoformat(said[0]) if said else None


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_review_example_produces_exactly_its_findings(path: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    day = _today(path)
    if day is not None:
        monkeypatch.setattr(cycle, "today", lambda: day)
    expected = _expected(path.read_bytes())
    assert expected
    assert path.parent.name in {c for c, _, _ in expected}
    assert all(EXPECT.match(x) for x in path.read_text("utf-8").splitlines() if x.startswith("# expect"))
    root = tmp_path / "tree"
    shutil.copytree(BASE / "submissions", root / "submissions")
    placed = root / "reviews" / "2017" / path.name
    placed.parent.mkdir(parents=True)
    shutil.copyfile(path, placed)
    result, _ = check_tree(root, [placed])
    assert _located(result.findings) == expected
    _assert_well_formed(result.findings)


def test_every_review_code_has_an_example() -> None:
    codes = {p.parent.name for p in CASES}
    assert {"E-REVIEW-UNKNOWN-ITEM", "E-REVIEW-REASON-REQUIRED", "E-REVIEW-MARK-RANGE"} <= codes
    assert codes <= COVERED
