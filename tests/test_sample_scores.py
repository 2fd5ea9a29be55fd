"""The score of every sample society, computed by hand from the shipped rubric.

Rubric (validators/rubrics/2017.yaml, carried into 2018): area 1 — 1.1 registered 3, 1.2 rate
met 4, a service in 郫都区 2 (≤3), 咨询/培训/研发指导/创新方法 1 (≤6), 引才/融资/科技金融 1.5 (≤4),
other kinds 0.5 when no 郫都区 point (≤4), cap 20; area 2 — pilot 2, each function 3 (≤4),
new +1, pilot and new +2, 有较大提升 3 (+2 functions or +30 %), cap 20; area 3 — 国家级 6,
省级 4, 市级 3, 其他 1, new +2, tier 一档 4 (≥12 activities, ≥20 enterprises) 二档 2.5 (≥6,
≥10) 三档 1 (≥2, ≥3); area 4 — lead 4, member 1.5, listed industry +2, new lead +2, lead's
tier 一档 3 (≥8 activities, ≥5 members) 二档 2 (≥4, ≥3) 三档 1 (≥1, ≥2); area 5 — 年会 6,
全国 5, 国际 5, 社会活动 3, 其他 1; area 6 — 公开发表 2, 签批 4, 采纳 5, 问题解决 3, 专报 3,
提案 3; area 7 — 改革 3, 扶贫 3, 党建 2, 人才基地 2, 重大活动 2. Tiers: 75 / 55 / 35.
"""

from __future__ import annotations

import pytest

from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation import evaluate_repository

AREAS = ("innovation", "government_functions", "service_stations", "consortia",
         "academic_events", "research", "major_work")

# (society, year): (subtotals in AREAS order, tier)
EXPECTED = {
    # 3 + 4 (41/64) + gearbox 2+1, patent 2, TRIZ 1, talent 1.5, CNC 2+1 | pilot 2, two
    # functions 3+3, standard new 1 + pilot-new 2 | 国家级 6 + new 2 + 一档 4 | lead 4 +
    # 装备制造 2 + new 2 + 二档 2 (3 members) | 年会 6, 全国 5, 沙龙 1 | 签批 4, 专报 3 | 改革 3, 活动 2
    ("cd-mech-eng", 2017): ((17.5, 11, 12, 10, 12, 7, 5), "二档"),
    # 3 + 4 (60/88) + 研发 1, talent in 郫都 2+1.5, GMP 0.5 | 3 functions 9 + 2 new | 市级 3 +
    # new 2 + 二档 2.5 | lead 4 + 2 + new 2 + 二档 2 | 年会 6, 国际 5, 科普月 3 | 提案 3, 问题解决 3 |
    # 扶贫 3, 人才基地 2
    ("cd-tcm", 2017): ((12, 11, 7.5, 10, 14, 6, 5), "二档"),
    # 3 + 4 (31/48) + AI in 郫都 2+1, 融资 1.5, 培训 1, 著作权 0.5 | pilot 2 + 3 + 1 + 2 |
    # 省级 4 + new 2 + 二档 2.5 | member 1.5 + 2 | 国际 5, 协办沙龙 1 | 采纳 5, 发表 2 | 改革 3
    ("cd-computer", 2017): ((13, 8, 8.5, 3.5, 6, 7, 3), "三档"),
    # 3 + 4 (16/30) + 方法 1, 引才 1.5, 配套 0.5 | 国家级 6 + new 2 + 一档 4 | 科普日 3, 全国 5 |
    # 签批 4 | 党建 2, 改革 3
    ("cd-hitech-park", 2017): ((10, 0, 12, 0, 8, 4, 5), "三档"),
    # 3 + 4 (30/52) + 咨询 1, 培训 in 郫都 2+1, 融资 1.5 | 省级 4, built 2016-10-08 so not new,
    # 二档 2.5 | member 1.5 + 2 | 全国 (承办) 5, 科普日 3, 沙龙 1 | 发表 2 | 双创 2
    ("cd-electronics", 2017): ((12.5, 0, 6.5, 3.5, 9, 2, 2), "三档"),
    # 3 + 4 (20/36) + 研发 1, 绿色金融 1.5 | 3 + new 1 | member 1.5 + 2 | 全国 5, 工作者日 3 |
    # 采纳 5 | 扶贫 3
    ("cd-eco-env", 2017): ((9.5, 4, 0, 3.5, 8, 5, 3), "未入档"),
    # not registered, 4 (66/120) + 咨询 1, 培训 1 | 其他 1 + new 2 + 三档 1 | 全国 (6 outside
    # 四川) 5, 论坛 1 | 议案 3, the other report has no achievement | 党建 2
    ("cd-civil-arch", 2017): ((6, 0, 4, 0, 6, 3, 2), "未入档"),
    # 3 + rate 9/25 fails + 科技金融 1.5, 培训 1 | lead 4, industry 其他, new 2, 三档 1 (3
    # activities) | 论坛 1 | 专报 3 | 大赛 2
    ("cd-fintech", 2017): ((5.5, 0, 0, 7, 1, 3, 2), "未入档"),
    # not registered, 18/40 fails + 培训 1, 品种权 0.5 | member 1.5 + 2 | 沙龙 1, 科技周 3 |
    # 签批 4 | 扶贫 3
    ("cd-agri", 2017): ((1.5, 0, 0, 3.5, 4, 4, 3), "未入档"),
    # 3 + 4 (52/70) + 研发 in 郫都 2+1, 科技金融 1.5 | pilot 2 + 4×3 + 2 new + 2×2 pilot-new +
    # growth 3 (2 → 4 functions) = 23, capped at 20 | 国家级 6 + 一档 4, rail 市级 3 + new 2 +
    # 三档 1 | lead 4 + 2 + 二档 2 | 年会 6, 国际 (承办) 5 | 2017's 签批 not again, 采纳 5 | 党建 2
    ("cd-mech-eng", 2018): ((11.5, 20, 16, 8, 11, 5, 2), "二档"),
    # 3 + 4 (34/50) + 咨询 in 郫都 2+1 | pilot 2 + 3, no growth (28 → 30 万元) | 省级 4 + 一档 4 |
    # member 1.5 + 2 | 年会 6 | 专报 3 | 人才基地 2
    ("cd-computer", 2018): ((10, 5, 8, 3.5, 6, 3, 2), "三档"),
    # 3 + 4 (63/90) + 咨询 1 | 3, declined | 市级 3 + 三档 1 (9 enterprises) | lead 4 + 2 + 三档 1
    # (2 members) | 年会 6 | 发表 2
    ("cd-tcm", 2018): ((8, 3, 4, 7, 6, 2, 0), "未入档"),
    # 3 + 4 (33/55) + 研发 1 | 省级 4 + 二档 2.5 | member 1.5 + 2 | 科技周 3
    ("cd-electronics", 2018): ((8, 0, 6.5, 3.5, 3, 0, 0), "未入档"),
    # 3 + 4 (24/40) + 咨询 in 郫都 2+1 | 3, +5 % only | member 1.5 + 2 | 沙龙 1
    ("cd-eco-env", 2018): ((10, 3, 0, 3.5, 1, 0, 0), "未入档"),
}


@pytest.fixture(scope="module")
def evaluations() -> dict[tuple[str, int], object]:
    result, repo = check_tree(ROOT)
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"]
    return {(e.society, e.year): e for e in evaluate_repository(repo)}


def test_every_sample_report_is_pinned(evaluations) -> None:
    assert set(evaluations) == set(EXPECTED)


@pytest.mark.parametrize(("key", "expected"), sorted(EXPECTED.items()))
def test_sample_score(evaluations, key, expected) -> None:
    subtotals, tier = expected
    evaluation = evaluations[key]
    assert tuple(evaluation.subtotals[a] for a in AREAS) == subtotals
    assert evaluation.total == sum(subtotals)
    assert evaluation.tier == tier
    assert sum(line.points for line in evaluation.lines) == evaluation.total


def test_sample_advice_is_computed(evaluations) -> None:
    agri = evaluations[("cd-agri", 2017)]
    messages = [a.message for a in agri.advice]
    assert any("再有 2 位" in m and "条款 1.2" in m and "可加 4 分" in m for m in messages)
    assert agri.advice == sorted(agri.advice, key=lambda a: -a.gain)
    civil = evaluations[("cd-civil-arch", 2017)]
    assert any("老旧小区加装电梯" in a.message and "条款 6" in a.message for a in civil.advice)


def test_growth_line_shows_both_years(evaluations) -> None:
    [line] = [x for x in evaluations[("cd-mech-eng", 2018)].lines if x.rule == "growth"]
    assert line.points == 3
    assert "2017 年 2 项、43.5 万元" in line.note
    assert "2018 年 4 项、93 万元" in line.note
    cap = [x for x in evaluations[("cd-mech-eng", 2018)].lines if x.rule == "cap"]
    assert [(c.area, c.points) for c in cap] == [("government_functions", -3)]
