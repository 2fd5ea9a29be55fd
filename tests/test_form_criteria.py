"""The form counts as `check` counts: form-criteria.js, run under Node on events Hypothesis
generates, gives the same verdict as `rules.academic_events.unmet_criteria` for every criterion
of every category of every year (roles, participants, forums, materials, regions written by
either name or twice, countries in any spelling, occasions)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from site_builder.form_labels import guide_data, labels_data
from tests.clients import missing
from tests.trees import ROOT
from validators.association.browser_findings import browser_findings
from validators.models.for_year import nested_model, report_model
from validators.rules.academic_events import unmet_criteria
from validators.year.countries import country_name
from validators.year.guideline import Guideline, available_years, guideline
from validators.year.measures import countries, regions

SCRIPT = ROOT / "site_builder" / "form" / "form-criteria.js"
# Reads {guide, labels, events} on stdin, writes each event's verdict on stdout.
HARNESS = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.events.map((e) => ({
  unmet: RF.eventUnmet(e, input.guide, input.labels).map((u) => u.prop).sort(),
  regions: RF.countedRegions(e, input.guide).length,
  countries: RF.countedCountries(e, input.guide, input.labels).length,
}));
process.stdout.write(JSON.stringify(out));
"""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        missing("Node.js is not installed")
    assert node is not None
    return node


def _in_js(rules: Guideline, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    payload = json.dumps({"guide": guide_data(rules), "labels": labels_data(), "events": events},
                         ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def _in_python(rules: Guideline, events: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    model = nested_model(report_model(rules).model_fields["academic_events"].annotation)
    assert model is not None
    out: list[dict[str, Any] | None] = []
    for data in events:
        try:  # as YAML reads it: the date a date, not text
            event = model.model_validate({**data, "date": dt.date.fromisoformat(data["date"])})
        except ValidationError:
            out.append(None)  # the model refuses it: the form's schema says so, not its criteria
            continue
        out.append({"unmet": sorted(u.field for u in unmet_criteria(event, rules)),  # type: ignore[arg-type]
                    "regions": len(regions(event, rules).counted),  # type: ignore[arg-type]
                    "countries": len(countries(event, rules).codes)})  # type: ignore[arg-type]
    return out


def _events(rules: Guideline) -> st.SearchStrategy[list[dict[str, Any]]]:
    regions_written = [n for p in rules.provinces for n in (p.name, p.short)]
    codes = ["DE", "FR", "JP", "US", "GB", "KR", "RU", "IT", "HK", "TW", "SG", "CA"]
    country_names = [*codes, *(country_name(c) for c in codes), "Germany", "germany", "ＵＳＡ", "U S A",
                     "South Korea", "Deutschland", "韩国", "日本国"]
    occasions = [*(n for o in rules.popularisation_occasions for n in (o.name, *o.aliases)),
                 rules.open_occasion, "科普周末", " 科技周 ", *rules.major_event_names, " 全国双创活动周 "]
    categories = [n for c in rules.kinds.event_categories for n in c.names()]
    event = st.fixed_dictionaries({
        "id": st.just("evt-x"),
        "title": st.just("测试活动"),
        "category": st.sampled_from(categories),
        "role": st.sampled_from(["主办", "承办", "协办", "host", "organizer", "co_organizer"]),
        "date": st.just(f"{rules.year}-06-01"),
        "participants": st.integers(0, 400) | st.sampled_from([99, 100, 101, 149, 150, 299, 300]),
    }, optional={
        "main_forum": st.booleans(),
        "sub_forums": st.integers(0, 3),
        "materials": st.booleans(),
        "speaker_provinces": st.lists(st.sampled_from([*regions_written, "火星", "北京市区", " 北京 "]),
                                      max_size=12),
        "countries": st.lists(st.sampled_from([*country_names, "亚特兰蒂斯"]), max_size=6),
        "occasion": st.sampled_from(occasions),
        "occasion_name": st.sampled_from(["成都科普嘉年华", None, "２０１７ 全国科技工作者日", "成都全球创新创业交易会"]),
        "occasion_organizer": st.sampled_from(["成都市科协", None]),
    })
    return st.lists(event, min_size=40, max_size=80)


@pytest.mark.parametrize("year", available_years())
def test_the_form_and_check_give_every_event_the_same_verdict(year: int) -> None:
    rules = guideline(year)
    assert rules is not None
    _node()

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_events(rules))
    def same(events: list[dict[str, Any]]) -> None:
        expected = _in_python(rules, events)
        found = _in_js(rules, events)
        for data, python, js in zip(events, expected, found, strict=True):
            if python is not None:
                assert js == python, data
        assert sum(p is not None for p in expected) >= len(events) // 2  # most are compared

    same()


def test_a_region_named_twice_counts_once_in_the_form() -> None:
    """The case the form once got wrong: 北京 and 北京市 are one region (6 boxes, 3 places)."""
    rules = guideline(available_years()[-1])
    assert rules is not None
    event = {"id": "evt-x", "title": "全国研讨会", "category": "全国性学术交流", "role": "主办",
             "date": f"{rules.year}-06-01", "participants": 160,
             "speaker_provinces": ["北京", "北京市", "上海", "上海市", "江苏", "江苏省"]}
    [js] = _in_js(rules, [event])
    [python] = _in_python(rules, [event])
    assert js == python
    assert js["regions"] == 3
    assert js["unmet"] == ["speaker_provinces"]


def test_the_form_offers_each_region_once() -> None:
    for year in available_years():
        rules = guideline(year)
        assert rules is not None
        offered = guide_data(rules)["choices"]["provinces"]
        assert len(offered) == len(set(offered)) == len(rules.provinces)


def test_a_missing_forum_or_materials_names_the_field_as_every_writer_sees_it() -> None:
    """「main_forum 应为 true」 told a workbook's or the form's user nothing: the field's title,
    its key and the 是 of the workbook and the form, in the check and (exported) in the form."""
    said = browser_findings(guideline(2017))["criteria"]["annual_conference"]
    assert said["E-CRITERIA-MAIN-FORUM"].endswith("：“设有主论坛”应选“是”（main_forum: true）。")
    assert said["E-CRITERIA-MATERIALS"].endswith("：“制作了会议资料”应选“是”（materials: true）。")


def test_the_sub_forum_count_is_said_as_the_year_s_reading_of_the_clause() -> None:
    """A secretary read “须设有分论坛（至少 1 个）” beside clause 5.1's 「设有主论坛、分论坛等形式」 and
    took the form for misquoting it: the count is the year's data reading the clause, and the
    message says so, quoting the clause exactly (and only while the year's text holds the words)."""
    rules = guideline(2017)
    assert rules is not None
    model = nested_model(report_model(rules).model_fields["academic_events"].annotation)
    assert model is not None
    event = model.model_validate({
        "id": "evt-a", "title": "年会", "category": "综合性学术年会", "role": "主办", "date": dt.date(2017, 6, 1),
        "participants": 150, "main_forum": True, "sub_forums": 0, "materials": True})
    [said] = [u.message for u in unmet_criteria(event, rules) if u.code == "E-CRITERIA-SUB-FORUM"]
    assert said == ("综合性学术年会须设有分论坛（条款写的是「设有主论坛、分论坛等形式」，本年度的指南数据按至少 1 个"
                    "分论坛计），现为 0 个。")
    assert "设有主论坛、分论坛等形式" in rules.clauses["5.1"]
    reworded = rules.model_copy(update={"clauses": {**rules.clauses, "5.1": "学术年会须有分会场。"}})
    [other] = [u.message for u in unmet_criteria(event, reworded) if u.code == "E-CRITERIA-SUB-FORUM"]
    assert "「" not in other
    assert "按本年度的指南数据，至少 1 个分论坛计" in other
