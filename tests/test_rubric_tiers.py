"""The overall tiers' ceiling is the year's own: the sum of its area caps (2019 adds an area, so
its caps add up to 135), not a number in Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.year_trees import renamed_year_tree
from validators.year.consistency import year_problems
from validators.year.rubric import rubric

TIERS = "tiers:\n  - {{tier: 一档, min_total: {0}}}\n  - {{tier: 二档, min_total: 110}}\n  - {{tier: 三档, min_total: 90}}\n"


def _tree(base: Path, top: int) -> Path:
    root = renamed_year_tree(base)
    file = root / "validators" / "rubrics" / "2019.yaml"
    file.write_text(file.read_text("utf-8") + TIERS.format(top), encoding="utf-8")
    return root


@pytest.mark.parametrize("top", [130, 135])
def test_tiers_above_100_within_the_year_s_caps_are_the_year_s(tmp_path: Path, top: int) -> None:
    root = _tree(tmp_path, top)
    assert year_problems(root) == []
    points = rubric(2019, root)
    assert points is not None
    assert points.tier_of(top) == "一档"
    assert points.tier_of(top - 0.5) == "二档"


def test_a_tier_above_the_caps_sum_is_said_at_its_line(tmp_path: Path) -> None:
    root = _tree(tmp_path, 136)
    [problem] = year_problems(root)
    assert problem.file == "validators/rubrics/2019.yaml"
    lines = (root / problem.file).read_text("utf-8").splitlines()
    assert "一档, min_total: 136" in lines[problem.line - 1]
    assert "一档的 min_total 136 分高于各领域上限（cap）之和 135 分" in problem.message
