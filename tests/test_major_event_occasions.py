"""Area 七's major events (7.5) are no popularisation occasion of 5.4: written as an event's
`occasion`, or as the `occasion_name` under the open occasion, they are E-CRITERIA-OCCASION and
score nothing, in `check` as in the online form; the list comes from the year's data."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.form_labels import guide_data, labels_data, occasion_help
from tests.clients import missing
from tests.trees import ROOT
from validators.check import check_file
from validators.evaluation.scoring import score_report
from validators.models.for_year import nested_model, report_model
from validators.repository import ReportDoc
from validators.rules.academic_events import unmet_criteria
from validators.year.guideline import Guideline, guideline
from validators.year.rubric import rubric

YEARS = [2017, 2018]
LISTED = ["成都全球创新创业交易会", "成都海外人才创新创业项目大赛", "全国科技工作者日", "全国双创活动周"]


def _rules(year: int) -> Guideline:
    rules = guideline(year)
    assert rules is not None
    return rules


def _event(rules: Guideline, **fields: Any) -> dict[str, Any]:
    return {"id": "evt-x", "title": "科普活动", "category": "大型社会活动", "role": "主办",
            "date": dt.date(rules.year, 6, 1), "participants": 500, **fields}


def _unmet(rules: Guideline, **fields: Any) -> list[tuple[str, str, str]]:
    model = nested_model(report_model(rules).model_fields["academic_events"].annotation)
    assert model is not None
    event = model.model_validate(_event(rules, **fields))
    return [(u.code, u.field, u.message) for u in unmet_criteria(event, rules)]  # type: ignore[arg-type]


def _open(rules: Guideline, name: str) -> dict[str, Any]:
    return {"occasion": rules.open_occasion, "occasion_name": name, "occasion_organizer": "某主办单位"}


@pytest.mark.parametrize("year", YEARS)
def test_the_major_events_are_read_from_the_clause_of_the_major_event_kind(year: int) -> None:
    assert _rules(year).major_event_names == LISTED


def test_a_year_file_may_list_the_major_events_itself() -> None:
    rules = _rules(2017)
    listed = Guideline.model_validate({**rules.model_dump(), "major_events": ["科技成果交易会"]})
    assert listed.major_event_names == ["科技成果交易会"]
    assert listed.major_event("2019科技成果交易会") == "科技成果交易会"
    assert listed.major_event("全国科技工作者日") is None
    # An empty list says the year has none: nothing is derived from the text then.
    none = Guideline.model_validate({**rules.model_dump(), "major_events": []})
    assert none.major_event_names == []
    assert none.major_event("全国科技工作者日") is None


def test_a_year_without_the_major_event_kind_names_no_made_up_category() -> None:
    """A year whose area 七 has no kind coded major_event, listing its events in `major_events`:
    the words fell back to “重大活动”, a label the year does not have."""
    from validators.year.criteria import major_event_words, not_major_work

    data = _rules(2017).model_dump()
    data["kinds"]["major_work_kinds"] = [k for k in data["kinds"]["major_work_kinds"] if k["code"] != "major_event"]
    rules = Guideline.model_validate({**data, "major_events": ["科技成果交易会"]})
    said = major_event_words("科技成果交易会", rules)
    assert "重大活动" not in said
    assert "类别选" not in said
    assert "本年度指南参数 major_events 所列的活动" in said
    assert "重大活动" not in not_major_work(rules)


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("written", ["全国双创活动周", " 全国科技工作者日 ", "２０１７成都全球创新创业交易会"])
def test_a_major_event_written_as_the_occasion_is_no_occasion(year: int, written: str) -> None:
    unmet = _unmet(_rules(year), occasion=written)
    assert [(code, field) for code, field, _ in unmet] == [("E-CRITERIA-OCCASION", "occasion")]
    assert "是条款 7.5 所列的「重大活动」" in unmet[0][2]  # said as a major event, not as an unknown name


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("name", ["全国科技工作者日", "成都全球创新创业交易会", "２０１７ 全国双创活动周 成都分会场",
                                  "成都海外人才创新创业项目大赛"])
def test_a_major_event_named_under_the_open_occasion_is_no_occasion(year: int, name: str) -> None:
    unmet = _unmet(_rules(year), **_open(_rules(year), name))
    assert [(code, field) for code, field, _ in unmet] == [("E-CRITERIA-OCCASION", "occasion_name")]


def test_the_message_names_clause_7_5_and_area_seven_and_does_not_offer_the_open_occasion() -> None:
    rules = _rules(2017)
    for fields in ({"occasion": "全国双创活动周"}, _open(rules, "全国双创活动周")):
        [(_, _, message)] = _unmet(rules, **fields)
        assert "「全国双创活动周」是条款 7.5 所列的「重大活动」" in message  # the guideline's words, quoted
        assert "属于“七、参与市科协重大工作”，不属于“五、学术交流活动”" in message
        assert f"也不能选“{rules.open_occasion}”后写作活动名称" in message
        assert "还须写明活动名称" not in message
    [(_, _, unknown)] = _unmet(rules, occasion="学会成立周年")
    assert "条款 7.5 所列的重大活动属于“七、参与市科协重大工作”，不在此列" in unknown


def _score(tmp_path: Path, *events: dict[str, Any]) -> float:
    """The total `check` and the scoring give a report of `events` (its findings counted)."""
    rules, points = _rules(2017), rubric(2017)
    assert points is not None
    path = tmp_path / "submissions" / "cd-prop" / "2017.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"society": "cd-prop", "year": 2017, "academic_events": list(events)},
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check_file(path, tmp_path)
    assert result.report is not None
    doc = ReportDoc(result.report.file, result.report.report, result.report.source, result.findings)
    return score_report(doc, None, rules, points).total


def test_only_a_genuine_open_occasion_scores(tmp_path: Path) -> None:
    rules = _rules(2017)
    assert _unmet(rules, **_open(rules, "成都市科普讲解大赛")) == []
    genuine = _event(rules, id="evt-contest", title="科普讲解大赛", **_open(rules, "成都市科普讲解大赛"))
    alone = _score(tmp_path / "alone", genuine)
    assert alone > 0
    bypasses = [_event(rules, id=f"evt-{i}", title=f"活动{i}", **_open(rules, name))
                for i, name in enumerate(["全国科技工作者日", "成都全球创新创业交易会"])]
    assert _score(tmp_path / "both", genuine, *bypasses) == alone


HARNESS = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.events.map((e) => RF.eventUnmet(e, input.guide, input.labels))));
"""


def test_the_form_says_the_same_of_both_bypasses() -> None:
    node = shutil.which("node")
    if node is None:
        missing("Node.js is not installed")
    assert node is not None
    rules = _rules(2017)
    events = [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in _event(rules, **f).items()}
              for f in ({"occasion": "全国双创活动周"}, _open(rules, "全国科技工作者日"),
                        _open(rules, "成都市科普讲解大赛"))]
    payload = json.dumps({"guide": guide_data(rules), "labels": labels_data(), "events": events},
                         ensure_ascii=False)
    done = subprocess.run([node, "-e", HARNESS, str(ROOT / "site_builder" / "form" / "form-criteria.js")],
                          input=payload, capture_output=True, text=True, check=True, timeout=60)
    week, day, contest = json.loads(done.stdout)
    assert [(u["code"], u["prop"]) for u in week] == [("E-CRITERIA-OCCASION", "occasion")]
    assert [(u["code"], u["prop"]) for u in day] == [("E-CRITERIA-OCCASION", "occasion_name")]
    assert "「全国科技工作者日」是条款 7.5 所列的「重大活动」" in day[0]["need"]
    assert contest == []


def test_the_forms_help_does_not_offer_the_open_occasion_for_a_major_event() -> None:
    rules = _rules(2017)
    help_ = occasion_help(rules)["AcademicEvent.occasion"]
    assert f"选“{rules.open_occasion}”" in help_
    assert "条款 7.5 所列的重大活动属于“七、参与市科协重大工作”，不在此列" in help_


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("title", "said"), [("2017全国科技工作者日主题活动", "全国科技工作者日"),
                                             ("全国 双创活动周 食品成果展", "全国双创活动周"),
                                             ("川菜工业化科技沙龙", None)])
def test_an_exchange_named_after_a_major_event_is_said_for_the_staff(tmp_path: Path, year: int, title: str,
                                                                     said: str | None) -> None:
    """Refused as 5.4's occasion, the same major event claimed as 5.5's 其他 passed unseen (a
    reviewer's case). A forum held apart during such a week is still a forum: the staff hear of
    it (a warning), with where the society's part in the event belongs."""
    rules = _rules(year)
    path = tmp_path / "cd-a" / f"{year}.yaml"
    path.parent.mkdir()
    event = {"id": "evt-x", "title": title, "category": "其他", "role": "主办",
             "date": dt.date(year, 5, 30), "participants": 60}
    path.write_text(yaml.safe_dump({"society": "cd-a", "year": year, "academic_events": [event]}, allow_unicode=True),
                    encoding="utf-8")
    found = [f for f in check_file(path, tmp_path).findings if f.code == "W-EVENT-MAJOR-EVENT"]
    if said is None:
        assert found == []
        return
    [one] = found
    assert (one.severity, one.path) == ("warning", ("academic_events", 0, "title"))
    assert one.message.startswith(f"活动名称中的「{said}」是条款 7.5 所列的「重大活动」，属于“七、参与市科协重大工作”")
    assert "类别选“重大活动”" in one.message
    assert rules.major_event(title) == said
