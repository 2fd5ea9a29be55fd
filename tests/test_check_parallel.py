"""The process pool gives exactly the results of the serial path, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from validators import check
from validators.evaluation import evaluate_repository
from validators.evaluation_report import as_json
from validators.guideline import EXTRA_YEARS_ENV


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    generate(societies=12, years=2, seed=7, out=out)
    return out


def _run(root: Path) -> tuple[dict, str]:
    result, repo = check.check_tree(root)
    return result.to_dict(), as_json(evaluate_repository(repo), repo)


def test_parallel_equals_serial(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EXTRA_YEARS_ENV, str(synthetic / "extra-years"))
    serial = _run(synthetic)
    monkeypatch.setattr(check, "PARALLEL_MIN_FILES", 5)
    parallel = _run(synthetic)
    assert serial == parallel
    assert serial[0]["files"] == 12 * 3
    assert not [f for f in serial[0]["findings"] if f["severity"] == "error"]
