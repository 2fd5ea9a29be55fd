"""A CI-sized run of the benchmark command, so it cannot rot (no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.generate import generate
from validators.check import check_tree
from validators.guideline import EXTRA_YEARS_ENV


def test_generator_is_deterministic_and_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert generate(6, 3, 11, first) == generate(6, 3, 11, second) == 6 * 4
    for path in sorted(first.rglob("*.yaml")):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
    monkeypatch.setenv(EXTRA_YEARS_ENV, str(first / "extra-years"))
    result, repo = check_tree(first)
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"][:3]
    areas = {"academic_events", "research", "major_work", "consortia", "service_stations"}
    assert all(any(getattr(d.report, a) for d in repo.reports.values()) for a in areas)
    categories = {e.category for d in repo.reports.values() for e in d.report.academic_events}
    assert len(categories) == 5


def test_benchmark_command_prints_its_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run.main(["--sizes", "3", "--years", "2", "--repeat", "1", "--no-site", "--no-jsonschema",
              "--work", str(tmp_path)])
    out = capsys.readouterr().out
    assert "| 3×2 | 9 |" in out
    [figures] = json.loads((tmp_path / "results.json").read_text("utf-8"))
    assert {"baseline_parse", "check", "check_one_changed", "evaluate", "startup"} <= set(figures["seconds"])
    assert all(seconds > 0 for seconds in figures["seconds"].values())
