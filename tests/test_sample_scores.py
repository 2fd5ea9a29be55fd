"""The score of every sample society, computed by hand from the shipped rubric.

Rubric (validators/rubrics/2017.yaml, carried into 2018): area 1 — 1.1 registered 3, 1.2 rate
met 4, a service in 郫都区 2 (≤3), 咨询/培训/研发指导/创新方法 1 (≤6), 引才/融资/科技金融 1.5 (≤4),
other kinds 0.5 when no 郫都区 point (≤4), cap 20; area 2 — pilot 2 and pilot-new +2 only when
the association's list names the society (2017's list is not published: none here), each
function 3 (≤4), new +1, 有较大提升 3 (+2 functions or +30 %), cap 20; area 3 — 国家级 6,
省级 4, 市级 3, 其他 1, new +2 in the founding year, from the next year a tier 一档 4 (≥12
activities, ≥20 enterprises) 二档 2.5 (≥6, ≥10) 三档 1 (≥2, ≥3); area 4 — lead 4, member 1.5,
listed industry +2, new lead +2 (单一学会面向社会 +1.5) in the founding year, from the next year
the lead's tier 一档 3 (≥8 activities, ≥5 members) 二档 2 (≥4, ≥3) 三档 1 (≥1, ≥2); area 5 — 年会 6,
全国 5, 国际 5, 社会活动 3, 其他 1; area 6 — 公开发表 2, 签批 4, 采纳 5, 问题解决 3, 专报 3,
提案 3; area 7 — 改革 3, 扶贫 3, 党建 2, 人才基地 2, 重大活动 2. Tiers: 75 / 55 / 35.

The association's reviews (reviews/<year>/, sample data too) verify every item of every sample
report, so the phase of the day does not change these numbers; 2017 adds what staff and experts
decided: one event not recognised (cd-hitech-park) and expert marks on the quality of the annual
conference (assessed criterion event-quality, 0–5, the mean of at least 2 experts rounded half
up to 0.5, counted in area 5 under its cap). 2017 is final: its frozen results/2017.json must
hold these same numbers.
"""

from __future__ import annotations

import pytest

from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.results import load_frozen

AREAS = ("innovation", "government_functions", "service_stations", "consortia",
         "academic_events", "research", "major_work")

# (society, year): (subtotals in AREAS order, tier). Per report, area by area, separated by |.
EXPECTED = {
    # 3 + 4 (41/64) + 14 services: 郫都 ×3 = 6, 1.4 kinds 7 of which 6 pay = 6, 1.5 kinds 4 ×
    # 1.5 = 6, two other kinds 1 → 26, capped at 20 | pilot unconfirmed 0, 3 + 3 + new 1 |
    # 国家级 6 + new 2 (no tier in its first year), 省级 (2015) 4 + 二档 2.5 | lead 4 + 装备制造 2
    # + new (专业相近) 2 | 6+5+5+3+1+1+3+1 = 25, + 专家评分 5 (5, 4.5, 5: mean 4.83 → 5) = 30,
    # capped at 20 | 签批 4, 专报 3, 发表 2, 提案 3 |
    # 3+2+3+2+2+2 = 14, capped at 10
    ("cd-mech-eng", 2017): ((20, 7, 14.5, 8, 20, 12, 10), "一档"),
    # 3 + 4 (52/70) + 研发 in 郫都 2+1, 科技金融 1.5, 咨询 1, 培训 in 郫都 2+1 | pilot
    # unconfirmed 0, 4×3 + 2 new + growth 3 (2 → 4 functions) | 国家级 6 + 一档 4, rail 市级 3 +
    # new 2 | lead 4 + 2 + 二档 2 | 年会 6, 国际 (承办) 5 | 采纳 5 | 党建 2
    ("cd-mech-eng", 2018): ((15.5, 17, 15, 8, 11, 5, 2), "二档"),
    # 3 + 4 (60/88) + 研发 1, 引才 in 郫都 2+1.5, 配套 0.5 | 3 functions 9 + 2 new | 市级 3 +
    # new 2 | lead 4 + 2 + new (服务属性相近) 2 | 年会 6, 国际 5, 科普月 3, 专家评分 4.5 (4, 5, 4:
    # mean 4.33 → 4.5) | 提案 3, 问题解决 3 | 扶贫 3, 人才基地 2
    ("cd-tcm", 2017): ((12, 11, 5, 8, 18.5, 6, 5), "二档"),
    # 3 + 4 (63/90) + 咨询 1, 专利 0.5 | 3, declined (3 → 1) | 市级 3 + 三档 1 (9 enterprises) |
    # lead 4 + 2 + 三档 1 (2 members) | 年会 6, 其他 1 | 发表 2 | 党建 2
    ("cd-tcm", 2018): ((8.5, 3, 4, 7, 7, 2, 2), "未入档"),
    # 3 + 4 (31/48) + 咨询 in 郫都 2+1, 融资 1.5, 培训 1, 著作权 0.5 | pilot unconfirmed 0,
    # 3 + 1 | 省级 4 + new 2 | member 1.5 + 2 | 国际 5, 协办 1 | 采纳 5, 发表 2 | 改革 3
    ("cd-computer", 2017): ((13, 4, 6, 3.5, 6, 7, 3), "三档"),
    # 3 + 4 (34/50) + 咨询 in 郫都 2+1 待补充材料 (0 from the notice on), 引才 1.5 | pilot
    # unconfirmed 0, 3, no growth (28 → 30 万元) | 省级 4 + 一档 4 | member 1.5 + 2 |
    # 年会 6, 全国 (承办) 5 | 专报 3 | 人才基地 2
    ("cd-computer", 2018): ((8.5, 3, 8, 3.5, 11, 3, 2), "三档"),
    # 3 + 4 (16/30) + 方法 1, 引才 1.5, 配套 0.5, 咨询 in 郫都 2+1 | 3 + new 1 | 国家级 6 + new 2 |
    # lead 4 + 新经济 2 + new (服务属性相近) 2 | 科普日 3, 全国 5 not recognised by the association
    # (不予认定: only 4 outside provinces could be verified) 0 | 签批 4 | 党建 2, 改革 3
    ("cd-hitech-park", 2017): ((13, 4, 8, 8, 3, 4, 5), "三档"),
    # 3 + 4 (19/34) + 融资 1.5, 培训 1 | 国家级 6 + 一档 4 | lead 4 + 2 + 二档 2 | 社会活动 3 |
    # 采纳 5 | 人才基地 2
    ("cd-hitech-park", 2018): ((9.5, 0, 10, 8, 3, 5, 2), "三档"),
    # 3 + 4 (32/45) + 研发 1, 培训 1, 配套 in 郫都 2, 科技金融 1.5 | 3 + new 1 | 市级 3 + new 2 |
    # lead 4 + 绿色食品 2 + new (专业相近) 2 | 年会 (承办) 6, 双创周展 (协办) 其他 1, 沙龙 1,
    # 专家评分 3.5 (3, 3.5: mean 3.25 → 3.5) | 问题解决 3 | 扶贫 3
    ("cd-food-sci", 2017): ((12.5, 4, 5, 8, 11.5, 3, 3), "三档"),
    # 3 + 4 (30/52) + 咨询 1, 培训 in 郫都 2+1, 融资 1.5, 专利 0.5 | 省级 4, built 2016-10-08 so
    # not new, 二档 2.5 | member 1.5 + 2 | 全国 (承办) 5, 社会活动 3, 其他 1 + 1 | 发表 2 | 双创 2
    ("cd-electronics", 2017): ((13, 0, 6.5, 3.5, 10, 2, 2), "三档"),
    # 3 + 4 (33/55) + 研发 1, 配套 0.5 | 省级 4 + 二档 2.5 | member 1.5 + 2 | 社会活动 3 |
    # 问题解决 3 | 改革 3
    ("cd-electronics", 2018): ((8.5, 0, 6.5, 3.5, 3, 3, 3), "未入档"),
    # 3 + 4 (20/36) + 研发 1, 绿色金融 1.5 | 3 + new 1 | member 1.5 + 2 | 全国 5, 科普日 3 |
    # 采纳 5 | 扶贫 3
    ("cd-eco-env", 2017): ((9.5, 4, 0, 3.5, 8, 5, 3), "未入档"),
    # 3 + 4 (24/40) + 咨询 in 郫都 2+1, 培训 1 | 3, +5 % only | member 1.5 + 2 | 其他 1,
    # 社会活动 3 | 发表 2 | 重大活动 2
    ("cd-eco-env", 2018): ((11, 3, 0, 3.5, 4, 2, 2), "未入档"),
    # not registered, 4 (66/120) + 咨询 1, 培训 1, 研发 1, 引才 1.5 | 3 + new 1 | 其他 1 + new 2,
    # no tier in its first year | 全国 (6 outside 四川) 5, 论坛 1 | 议案 3, 发表 2, a report
    # without achievement 0 | 党建 2
    ("cd-civil-arch", 2017): ((8.5, 4, 3, 0, 6, 5, 2), "未入档"),
    # 3 + rate 9/25 fails + 科技金融 1.5, 培训 1, 咨询 1 | own consortium: lead 4, industry 其他,
    # new (单一学会面向社会) 1.5, no tier in its first year; member of another 1.5 + 新经济 2 |
    # 其他 1, 社会活动 in 金融知识普及月 (其他全国性或全市性科普活动) 3 | 专报 3 | 大赛 2
    ("cd-fintech", 2017): ((6.5, 0, 0, 9, 4, 3, 2), "未入档"),
    # not registered, 18/40 fails + 培训 1, 品种权 0.5, 咨询 in 郫都 2+1, 融资 1.5 | two
    # consortia as member, each 1.5 + listed industry 2 | 沙龙 1, 科技周 3 | 签批 4 | 扶贫 3
    ("cd-agri", 2017): ((6, 0, 0, 7, 4, 4, 3), "未入档"),
}


@pytest.fixture(scope="module")
def evaluations() -> dict[tuple[str, int], object]:
    result, repo = check_tree(ROOT)
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"]
    return {(e.society, e.year): e for e in evaluate_repository(repo)}


def test_every_sample_report_is_pinned(evaluations) -> None:
    assert set(evaluations) == set(EXPECTED)


def test_the_final_years_frozen_results_hold_the_same_numbers() -> None:
    frozen, broken = load_frozen(ROOT)
    assert broken == []
    assert set(frozen) == {2017}
    assert frozen[2017].sample
    for e in frozen[2017].evaluations:
        subtotals, tier = EXPECTED[(e.society, e.year)]
        assert (tuple(e.subtotals[a] for a in AREAS), e.tier) == (subtotals, tier), e.society


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
    assert any("再有 2 位" in a.message and a.clause == "1.2" and a.gain == 4 for a in agri.advice)
    assert agri.advice == sorted(agri.advice, key=lambda a: -a.gain)
    civil = evaluations[("cd-civil-arch", 2017)]
    assert any("老旧小区加装电梯" in a.message and a.clause == "6" for a in civil.advice)


def test_the_reviews_are_in_the_lines(evaluations) -> None:
    refused = [x for x in evaluations[("cd-hitech-park", 2017)].lines if x.item_id == "evt-biomed-exchange"]
    assert [(x.rule, x.points) for x in refused] == [("review", 0)]
    assert "不予认定" in refused[0].note
    [marks] = [x for x in evaluations[("cd-tcm", 2017)].lines if x.rule == "expert_mark"]
    assert (marks.points, marks.file) == (4.5, "reviews/2017/cd-tcm.yaml")
    assert "3 位专家评分 4、5、4，平均数 4.33，按 0.5 分四舍五入为 4.5" in marks.note
    assert all(x.review is None for e in evaluations.values() for x in e.lines)  # all verified


def test_growth_line_shows_both_years(evaluations) -> None:
    [line] = [x for x in evaluations[("cd-mech-eng", 2018)].lines if x.rule == "growth"]
    assert line.points == 3
    assert "2017 年 2 项、43.5 万元" in line.note
    assert "2018 年 4 项、93 万元" in line.note
    cap = [x for x in evaluations[("cd-mech-eng", 2017)].lines if x.rule == "cap"]
    # Area 5: 25 reported, + the experts' 5 = 30, capped at 20.
    assert [(c.area, c.points) for c in cap] == [("innovation", -6), ("academic_events", -10),
                                                 ("major_work", -4)]
    # Each cap points at its area's own line (`innovation:`), not at the area's first field.
    lines = (ROOT / "submissions/cd-mech-eng/2017.yaml").read_text("utf-8").splitlines()
    assert [lines[c.line - 1] for c in cap] == ["innovation:", "academic_events:", "major_work:"]


def test_a_service_kept_from_scoring_cites_the_clauses_it_would_score_under(evaluations) -> None:
    """A service waiting for material cited 条款 1 (the whole area) while the advice on the same
    page cited 1.3: it cites the clauses its district and kind would have earned under, each on a
    line of its own as a paid service's lines do (it cited 1.3 alone, though it earns 1.4 too)."""
    lines = [x for x in evaluations[("cd-computer", 2018)].lines if x.item_id == "svc-cloud-consult"]
    assert all(x.points == 0 and "待补充材料" in x.note for x in lines)
    # In 郫都区, the guideline's pilot district (1.3), and a consulting service (1.4).
    assert [x.clause for x in lines] == ["1.3", "1.4"]


def test_an_achievement_cites_the_clause_its_points_rest_on(evaluations) -> None:
    """A paid achievement cited its report's topic clause (6.1–6.3), whose text says nothing of
    领导签批 or 采纳; it cites the rubric's clause of its kind, as the rubric page does."""
    from validators.year.rubric import rubric

    paid = [(e.year, x) for e in evaluations.values() for x in e.lines
            if x.rule == "achievement" and x.points > 0]
    assert len(paid) > 5
    for year, line in paid:
        kinds = rubric(year, ROOT).research.achievement  # type: ignore[union-attr]
        assert line.clause in {rule.clause for rule in kinds.values()}, line


def test_an_item_past_a_rules_count_says_the_order_the_count_was_filled_in(evaluations) -> None:
    """svc-consult-cnc (line 47) said 「已达本规则上限 6 项，不再计分」 while four 1.4 services
    listed after it earned 1 point each: the scorer counts services by date, not by the file's
    order, and the note says so."""
    lines = [x for x in evaluations[("cd-mech-eng", 2017)].lines if x.rule == "consulting_training_service"]
    [unpaid] = [x for x in lines if x.points == 0]
    assert unpaid.item_id == "svc-consult-cnc"
    assert unpaid.note.endswith("；本规则最多计 6 项，按日期先后已计满，此项不计分"), unpaid.note
    paid_after = [x for x in lines if x.points > 0 and x.line > unpaid.line]
    assert len(paid_after) == 4  # the reviewer's four: listed later, dated earlier


def test_a_pilot_district_service_of_no_paid_kind_says_why_it_earns_no_other_service_point(evaluations) -> None:
    """A reader looked for the 0.5 a patent service earns elsewhere on one in 郫都区: paid under
    1.3, it is not also an "other service" of 一, and its line says so; a 1.4 kind there earns
    both, and its 1.3 line says nothing of it."""
    lines = [x for x in evaluations[("cd-mech-eng", 2017)].lines if x.rule == "pilot_district_service"]
    patent = next(x for x in lines if "专利申报辅导" in x.note)
    assert patent.note.endswith("；已按本条计分，不再另计“专利商标申报等其他服务（每项）”")
    assert not any(x.rule == "other_service" and x.item_id == patent.item_id
                   for x in evaluations[("cd-mech-eng", 2017)].lines)
    consulting = next(x for x in lines if "主轴精度" in x.note)
    assert "不再另计" not in consulting.note
