"""The form finds what `check` finds, at the same fields: form-findings.js, form-criteria.js and
form-check.js, run under Node with the year's guide and schema as the site publishes them, give the
same reports that `check` reads the same E-FUNCTION-NOT-GOVERNMENT and E-ITEM-REPEATED, at the same
fields in the same words, and the same unmet criteria of each event's category (E-CRITERIA-*,
E-THRESHOLD-*), an empty list of countries or regions and a missing occasion among them.

The reports are a sample's, with items copied (a new id, other evidence, a title written with
other spaces or full-width digits, a code for a label, another enterprise, date, number or
description; a date outside the window, whose error keeps the item from being the first copy),
commissioners that are or only look like companies, and events that lack what their category asks."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.form_labels import guide_data, labels_data
from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.check import check_file
from validators.schema import json_schema
from validators.year.guideline import guideline

FORM = ROOT / "site_builder" / "form"
SCRIPTS = [FORM / name for name in ("form-util.js", "form-criteria.js", "form-urls.js", "form-check.js", "form-warnings.js",
                                    "form-findings.js")]
# The form's own steps (form.js, validateNow) for the errors it shares with the rules.
HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const { guide, labels, schema } = input;
process.stdout.write(JSON.stringify(input.reports.map((data) => {
  const found = RF.guideIssues(data, schema, guide, labels)
    .concat(RF.criteriaIssues(data, guide, labels, schema), RF.companyIssues(data, guide, labels));
  return found.concat(RF.repeatIssues(data, schema, guide, labels, RF.condemning(found)))
    .filter((i) => i.code).map((i) => [i.path, i.code, i.message]);
})));
"""
YEAR = 2018
SOCIETY = "cd-mech-eng"
SAMPLE: dict[str, Any] = yaml.safe_load((ROOT / "submissions" / SOCIETY / f"{YEAR}.yaml").read_text(encoding="utf-8"))
MIRRORED = ("E-FUNCTION-NOT-GOVERNMENT", "E-ITEM-REPEATED", "W-ACHIEVEMENT-SAME-TYPE")
Found = set[tuple[str, str, str]]

# Where each list is, and what a copy of its item may change besides its id.
LISTS = {"services": ("innovation", "services"), "functions": ("government_functions", "functions"),
         "service_stations": ("service_stations",), "consortia": ("consortia",),
         "academic_events": ("academic_events",), "research": ("research",), "major_work": ("major_work",)}
COMMISSIONERS = ["成都市示例科技有限公司", "示例科技有限公司（成都）", "四川省经济和信息化委员会（四川省中小企业局）",
                 "成都市中小企业服务中心", "成都市企业信用信息公示系统管理办公室", "示例集团 ", "示例(股份公司)办事处",
                 "示例有限公司成都分公司", "成都市科学技术局", "成都市企业家协会",
                 "Chengdu Sample Tech CO., LTD.", "Sample Holdings inc", "Chengdu Innovation Incubator",
                 "Sample Agency (GmbH)"]
DAYS = [dt.date(YEAR, 3, 1), dt.date(YEAR, 6, 1), dt.date(YEAR + 1, 1, 5)]  # the last is outside the window


def _list(report: dict[str, Any], name: str) -> list[dict[str, Any]]:
    node: Any = report
    for key in LISTS[name]:
        node = node.setdefault(key, [] if key == LISTS[name][-1] else {})
    return node  # type: ignore[no-any-return]


def _respell(text: str, how: int) -> str:
    """The same title as `same_text` reads it: other spaces, or full-width letters and digits."""
    if how == 1:
        return "  " + text.replace("年", "年 \u3000") + " "
    if how == 2:
        return text.translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)}) + "\t"
    return text


@st.composite
def _reports(draw: st.DrawFn) -> dict[str, Any]:
    report = copy.deepcopy(SAMPLE)
    for n in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(LISTS)))
        items = _list(report, name)
        if not items:
            continue
        original = items[draw(st.integers(0, len(items) - 1))]
        item = copy.deepcopy(original)
        item["id"] = f"copy-{n}"
        evidence = draw(st.sampled_from(["same", "other", "refused"])) if "evidence" in item else "same"
        if evidence == "other":
            item["evidence"] = [f"https://example.org/copy/{n}"]
        elif evidence == "refused":  # the original's or the copy's: an item in error is no first copy
            (original if draw(st.booleans()) else item)["evidence"] = [f"ftp://example.org/copy/{n}"]
        words = "title" if "title" in item else "name"
        item[words] = _respell(str(item[words]), draw(st.integers(0, 2)))
        change = draw(st.sampled_from(["none", "date", "enterprise", "outcome", "count", "role", "commissioner"]))
        if change == "date" and "date" in item:
            item["date"] = draw(st.sampled_from(DAYS))
        elif change == "enterprise" and "enterprise" in item:  # another company, or a bureau served as one
            item["enterprise"] = draw(st.sampled_from(["成都示例另一家有限公司", "成都市科学技术局"]))
        elif change == "outcome":
            for field in ("outcome", "description", "partner", "industry"):
                if field in item:
                    item[field] = f"{item[field]}（另一次）"
        elif change == "count":
            for field in ("amount_wan", "enterprises_served", "activities", "participants"):
                if field in item:
                    item[field] += 1
        elif change == "role" and name == "academic_events":
            item["role"] = {"主办": "host", "承办": "organizer", "协办": "co_organizer"}.get(item["role"], item["role"])
        elif change == "commissioner" and name == "functions":
            item["commissioner"] = draw(st.sampled_from(COMMISSIONERS))
        # Another list's item of the same title and date (a function's start), or of a research
        # report's title on any day: one work said twice.
        when = item.get("date", item.get("start")) or (
            draw(st.sampled_from([DAYS[1], item["achievements"][0]["date"]])) if name == "research" and item.get("achievements")
            else None)
        if draw(st.booleans()) and when and name in ("services", "academic_events", "functions", "research"):
            _list(report, "major_work").append({"id": f"mw-copy-{n}", "kind": "党建", "title": item["title"],
                                                "date": when, "description": "同一项工作"})
        if draw(st.booleans()) and name in ("services", "major_work", "research"):
            work = item.get("date") or DAYS[0]
            _list(report, "functions").append({"id": f"fn-copy-{n}", "title": item["title"],
                                               "commissioner": draw(st.sampled_from(["成都市科学技术局",
                                                                                     item.get("enterprise", "成都市科学技术局")])),
                                               "method": "委托", "new": False, "amount_wan": 5, "start": work, "end": work})
        items.insert(draw(st.integers(0, len(items))), item)
    for fn in _list(report, "functions"):
        if draw(st.integers(0, 3)) == 0:
            fn["commissioner"] = draw(st.sampled_from(COMMISSIONERS))
    research = _list(report, "research")[0]
    if draw(st.booleans()):
        research["achievements"].append({**research["achievements"][0], "evidence": []})
    for _ in range(draw(st.integers(0, 2))):  # a way of recognition again, on any day, in the year or not
        first = research["achievements"][0]
        research["achievements"].insert(draw(st.integers(0, len(research["achievements"]))),
                                        {"type": draw(st.sampled_from([first["type"], "领导签批", "公开发表", "公开刊物发表",
                                                                       "published"])),  # a label, alias, code
                                         "date": draw(st.sampled_from(DAYS))})
    return report


class _Dumper(yaml.SafeDumper):
    """Every item written out in full: the check refuses YAML's anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _by_check(reports: list[dict[str, Any]], tmp: Path) -> list[Found]:
    path = tmp / "submissions" / SOCIETY / f"{YEAR}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    # No evidence files: a local file the form cannot see is missing here, and must not make
    # `check` pick another first copy than the form does.
    out = []
    for data in reports:
        path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        found = check_file(path, ROOT).findings
        assert not [f for f in found if f.code.startswith(("E-SCHEMA", "E-YAML"))], found
        out.append({(json.dumps(list(f.path or ()), ensure_ascii=False), f.code, f.message)
                    for f in found if f.code.startswith(("E-CRITERIA", "E-THRESHOLD")) or f.code in MIRRORED})
    return out


def _in_js(reports: list[dict[str, Any]]) -> list[Found]:
    rules = guideline(YEAR)
    assert rules is not None
    payload = json.dumps({"guide": guide_data(rules), "labels": labels_data(),
                          "schema": json_schema("submission", YEAR), "reports": reports},
                         ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [{(json.dumps(p, ensure_ascii=False), c, m) for p, c, m in found} for found in json.loads(done.stdout)]


def _codes_at(found: Found) -> set[tuple[str, str]]:
    """Where and what, an open occasion's missing name or organizer said at the occasion (the
    form points at the empty field, `check` at the occasion)."""
    return {(path.replace('"occasion_name"]', '"occasion"]').replace('"occasion_organizer"]', '"occasion"]'), code)
            for path, code, _ in found}


def _same(reports: list[dict[str, Any]], tmp: Path) -> list[Found]:
    python, js = _by_check(reports, tmp), _in_js(reports)
    for by_check, by_form in zip(python, js, strict=True):
        assert _codes_at(by_form) == _codes_at(by_check)
        assert {f for f in by_form if f[1] in MIRRORED} == {f for f in by_check if f[1] in MIRRORED}
    return python


def _event(**fields: Any) -> dict[str, Any]:
    return {"id": "evt-x", "title": "示例活动", "role": "主办", "date": dt.date(YEAR, 6, 1), "participants": 500, **fields}


def test_an_event_that_lacks_countries_regions_or_an_occasion_is_an_error_as_in_check(tmp_path: Path) -> None:
    events = [_event(category="国际性学术交流"), _event(category="国际性学术交流", countries=[]),
              _event(category="全国性学术交流"), _event(category="全国性学术交流", speaker_provinces=["四川"]),
              _event(category="大型社会活动"), _event(category="大型社会活动", occasion="科技活动周期间"),
              _event(category="大型社会活动", occasion="其他全国性或全市性科普活动")]
    reports = [{**copy.deepcopy(SAMPLE), "academic_events": [event]} for event in events]
    found = _same(reports, tmp_path)
    codes = [sorted(code for _, code, _ in f) for f in found]
    assert codes == [["E-THRESHOLD-COUNTRIES"]] * 2 + [["E-THRESHOLD-PROVINCES"]] * 2 + [["E-CRITERIA-OCCASION"]] * 3


@pytest.mark.parametrize(("occasion", "now"), [("科技活动周期间", "（现为“科技活动周期间”）"), (None, "（现在没有填写）")])
def test_an_unknown_occasion_is_said_in_the_checks_words_with_the_words_it_takes(
        tmp_path: Path, occasion: str | None, now: str) -> None:
    """None: no occasion given, said so (it was “（现为“”）”)."""
    event = _event(category="大型社会活动", **({"occasion": occasion} if occasion else {}))
    report = {**copy.deepcopy(SAMPLE), "academic_events": [event]}
    [(path, _, said)] = _by_check([report], tmp_path)[0]
    [(where, _, form)] = _in_js([report])[0]
    assert where == path
    assert said == f"“示例活动”不符合所申报的类别：{form}"
    assert now in form
    assert "现为“”" not in form
    assert "（occasion）写 科普月、科技周、科普日、其他全国性或全市性科普活动 之一" in form


def test_a_company_commissioner_and_repeated_items_are_said_as_check_says_them(tmp_path: Path) -> None:
    report = copy.deepcopy(SAMPLE)
    functions = _list(report, "functions")
    functions[0]["commissioner"] = "成都市新材料产业技术研究院有限公司"
    functions[1]["commissioner"] = "示例科技有限公司（成都）"
    functions[2]["commissioner"] = "四川省经济和信息化委员会（四川省中小企业局）"
    services = _list(report, "services")
    services.insert(1, {**services[0], "id": "svc-copy"})  # 复制此项, left unchanged
    work = _list(report, "major_work")
    work.append({**work[0], "id": "mw-copy", "title": " 学会功能型党支部建设 ", "evidence": []})
    research = _list(report, "research")[0]
    research["achievements"].append({**research["achievements"][0], "evidence": []})
    [found] = _same([report], tmp_path)
    at = {(json.loads(path)[-2], json.loads(path)[-1], code) for path, code, _ in found}
    assert at == {(0, "commissioner", "E-FUNCTION-NOT-GOVERNMENT"), (1, "commissioner", "E-FUNCTION-NOT-GOVERNMENT"),
                  (1, "title", "E-ITEM-REPEATED"), (1, "title", "E-ITEM-REPEATED"), (1, "date", "E-ITEM-REPEATED")}
    messages = {message for _, _, message in found}
    assert "委托（购买）单位“示例科技有限公司（成都）”是企业（名称中的“示例科技有限公司”以“有限公司”结尾），" \
           "不是政府部门：承接的须是「政府职能或服务」。企业委托的服务请写在“一、创新驱动助力工程”的服务中。" in messages
    assert "与“一、创新驱动助力工程”中的“svc-motor-rd”是同一项工作（除编号和证明材料外内容相同）：" \
           "同一项工作只计一次分，请删除重复的一项，或写明它们的区别。" in messages


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(_reports(), min_size=1, max_size=4))
def test_on_drawn_copies_the_form_and_the_check_find_the_same(tmp_path: Path, reports: list[dict[str, Any]]) -> None:
    _same(reports, tmp_path)


def test_what_an_events_category_lacks_is_said_in_the_checks_words(tmp_path: Path) -> None:
    """The form said its own sentence of a criterion not met (“须有 3 个及以上…，现为 0 个（同一国家或
    地区只计一次）（国际性学术交流，条款 5.3）”) where `check` says another: it now says the check's,
    asked of `unmet_criteria` (browser_findings), with the event's number in it. Where listed regions
    did not count, the check says why each did not, which the form does not know: it keeps its own."""
    events = [_event(category="国际性学术交流"), _event(category="国际性学术交流", countries=["美国", "美利坚合众国"]),
              _event(category="全国性学术交流"), _event(category="全国性学术交流", participants=20),
              _event(category="综合性学术年会", role="协办", participants=50, sub_forums=0),
              _event(category="大型社会活动")]
    reports = [{**copy.deepcopy(SAMPLE), "academic_events": [event]} for event in events]
    by_check, by_form = _by_check(reports, tmp_path), _in_js(reports)
    said = 0
    for check_found, form_found in zip(by_check, by_form, strict=True):
        assert _codes_at(form_found) == _codes_at(check_found)
        words = {(path, code): message for path, code, message in form_found}
        for path, code, message in check_found:
            assert message == f"“示例活动”不符合所申报的类别：{words[(path, code)]}", (code, message, words)
            said += 1
    assert said >= 10
    dropped = {**copy.deepcopy(SAMPLE), "academic_events": [_event(category="全国性学术交流", speaker_provinces=["四川"])]}
    [(_, _, check_words)] = _by_check([dropped], tmp_path)[0]
    [(_, _, form_words)] = _in_js([dropped])[0]
    assert "四川是本省，不计入" in check_words
    assert form_words.endswith("现为 0 个（四川和不计入的地区除外，同一地区只计一次）（全国性学术交流，条款 5.2）。")


SAME_TEXT = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
RF.useSameText(input.labels);
process.stdout.write(JSON.stringify(input.texts.map((t) => RF.sameText(t, input.labels.urls.spaces))));
"""


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.sampled_from(list("0１2.。-/:（）《》AaZz 学会\u3000\t论坛「」+%ı")), max_size=12),
                min_size=1, max_size=20))
def test_the_form_reads_a_name_as_same_text_does(texts: list[str]) -> None:
    """One key for one name in both: the published files are keyed by Python, the form's own
    report by JavaScript (marks, spaces, ASCII case, a mark between two digits)."""
    from validators.rules.cross_file_common import same_text

    payload = json.dumps({"labels": labels_data(), "texts": texts}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", SAME_TEXT, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [same_text(t) for t in texts]


def test_a_research_focus_missing_or_unused_is_said_where_and_as_check_says_it(tmp_path: Path) -> None:
    """The form said “选题方向为“国家中心城市”时，请选择具体方面。” and called a focus the topic does
    not use an error; `check` said “须写明 focus” at the topic and called it a warning. Both now
    say the check's words (the field by its title) at the focus, with the check's severity."""
    rules = guideline(YEAR)
    assert rules is not None
    needing = next(t for t in rules.kinds.research_topics if t.requires_focus)
    other = next(t.label for t in rules.kinds.research_topics if not t.requires_focus)
    focus = rules.kinds.research_focuses[0].label
    reports = []
    # A topic written by its code is quoted by its label; an unknown topic's focus is not said.
    for topic, written in ((needing.label, None), (other, focus), (needing.code, None), ("未列出的选题", focus)):
        report = copy.deepcopy(SAMPLE)
        item = {k: v for k, v in _list(report, "research")[0].items() if k != "focus"}
        _list(report, "research")[0] = {**item, "topic": topic, **({"focus": written} if written else {})}
        reports.append(report)
    codes = ("E-RESEARCH-FOCUS", "W-RESEARCH-FOCUS-UNUSED")
    path = tmp_path / "submissions" / SOCIETY / f"{YEAR}.yaml"
    path.parent.mkdir(parents=True)
    by_check = []
    for data in reports:
        path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        by_check.append({(json.dumps(list(f.path or ()), ensure_ascii=False), f.code, f.message)
                         for f in check_file(path, ROOT).findings if f.code in codes})
    by_form = [{f for f in found if f[1] in codes} for found in _in_js(reports)]
    assert by_form == by_check
    assert [sorted(c for _, c, _ in f) for f in by_check] == [["E-RESEARCH-FOCUS"], ["W-RESEARCH-FOCUS-UNUSED"],
                                                               ["E-RESEARCH-FOCUS"], []]
    assert next(iter(by_form[0])) == next(iter(by_form[2]))  # the code quoted as the label
    assert all("focus" not in message for f in by_check for _, _, message in f)  # the field by its title


# The form's own step (form.js, validateNow) for the lists of the year: each issue's path and words.
GUIDE_HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const { guide, labels, schema, report } = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(RF.guideIssues(report, schema, guide, labels).map((i) => [i.path, i.message])));
"""


def _list_words(tmp_path: Path, report: dict[str, Any], code: str, field: str
                ) -> tuple[dict[tuple[Any, ...], str], dict[tuple[Any, ...], str]]:
    """What `check` says (`code`) and what the form's own step says at each `field` of `report`,
    by path."""
    path = tmp_path / "submissions" / SOCIETY / f"{YEAR}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.dump(report, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    by_check = {tuple(f.path or ()): f.message for f in check_file(path, ROOT).findings if f.code == code}
    rules = guideline(YEAR)
    assert rules is not None
    payload = json.dumps({"guide": guide_data(rules), "labels": labels_data(), "schema": json_schema("submission", YEAR),
                          "report": report}, ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", GUIDE_HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return by_check, {tuple(p): m for p, m in json.loads(done.stdout) if field in p}


def test_a_district_written_short_is_given_the_checks_did_you_mean(tmp_path: Path) -> None:
    """蒲江 and 高新区 are not the year's names (蒲江县, 成都高新区): the form says `check`'s hint
    (its `did_you_mean`) before the list, as `check` does; a renamed district keeps its own hint,
    and a name that is in no listed name gets the list alone."""
    written = ["蒲江", "高新区", "郫县", "火星区"]
    report = copy.deepcopy(SAMPLE)
    services = report["innovation"]["services"]
    report["innovation"]["services"] = [{**services[0], "id": f"svc-d{k}", "district": name}
                                        for k, name in enumerate(written)]
    by_check, by_form = _list_words(tmp_path, report, "E-DISTRICT-UNKNOWN", "district")
    assert sorted(by_form) == sorted(by_check) == [("innovation", "services", k, "district") for k in range(4)]
    for where, said in by_check.items():
        # The first sentence names the list in each one's words; what follows is the same.
        assert by_form[where].split("。", 1)[1] == said.split("。", 1)[1], where
    hints = [by_form[("innovation", "services", k, "district")].split("。", 1)[1] for k in range(4)]
    assert hints[0].startswith("你是不是想写“蒲江县”？可选：")
    assert hints[1].startswith("你是不是想写“成都高新区”？可选：")
    assert "请写“郫都区”" in hints[2]
    assert "可选" not in hints[2]
    assert hints[3].startswith("可选：")


def test_a_region_written_with_spaces_is_its_region_as_check_reads_it(tmp_path: Path) -> None:
    """“ 北京” and “上海市 ” are regions to `check` (Guideline.province reads a name trimmed); the form
    said they were not in the year's list once it no longer rewrote them as their boxes' names
    (form-render.js keeps what a report wrote). A name that is no region is one to both."""
    report = copy.deepcopy(SAMPLE)
    report["academic_events"] = [_event(category="全国性学术交流", speaker_provinces=[" 北京", "上海市 ", "火星"])]
    by_check, by_form = _list_words(tmp_path, report, "E-PROVINCE-UNKNOWN", "speaker_provinces")
    assert sorted(by_form) == sorted(by_check) == [("academic_events", 0, "speaker_provinces", 2)]


def test_an_industry_written_short_is_given_the_checks_did_you_mean_too(tmp_path: Path) -> None:
    """A consortium's 服务产业 written 电子 (电子信息) or 装备 (装备制造): `check` suggests the listed
    name (E-INDUSTRY-UNKNOWN); the form said the list alone. 其他, which the form lists and `check`
    does not suggest, is never the hint."""
    written = ["电子", "装备", "火星产业", "其"]
    report = copy.deepcopy(SAMPLE)
    consortium = report["consortia"][0]
    report["consortia"] = [{**consortium, "id": f"consortium-i{k}", "name": f"测试联合体{k}", "industry": name}
                           for k, name in enumerate(written)]
    by_check, by_form = _list_words(tmp_path, report, "E-INDUSTRY-UNKNOWN", "industry")
    assert sorted(by_form) == sorted(by_check) == [("consortia", k, "industry") for k in range(4)]
    for where, said in by_check.items():
        # The hint (or none) after the first sentence, the same in both.
        hint = said.split("。", 1)[1].split("可选：")[0]
        assert by_form[where].split("。", 1)[1].split("可选：")[0] == hint, where
    assert by_check[("consortia", 0, "industry")].split("。", 1)[1].startswith("你是不是想写“电子信息”？")
    assert by_check[("consortia", 3, "industry")].split("。", 1)[1].startswith("可选：")


# The form's own step (form.js, validateNow) for the warnings of `check` it says at the field.
WARNING_HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const { guide, labels, schema, reports } = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(reports.map((data) => RF.warningIssues(data, schema, guide, labels, null)
  .map((i) => [i.path, i.code, i.message]))));
"""
PILOT_CODES = ("W-PILOT-NOT-CONFIRMED", "W-PILOT-NOT-CLAIMED")


def _pilot_findings(root: Path, year: int, reports: list[dict[str, Any]]) -> tuple[list[Found], list[Found]]:
    """What `check` (reading `root`'s year file) and the form (with that year's guide) say of the
    pilot, report by report."""
    by_check = []
    for data in reports:
        path = root / "submissions" / data["society"] / f"{year}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        found = check_file(path, root).findings
        assert not [f for f in found if f.code.startswith(("E-SCHEMA", "E-YAML"))], found
        by_check.append({(json.dumps(list(f.path or ()), ensure_ascii=False), f.code, f.message)
                         for f in found if f.code in PILOT_CODES})
    rules = guideline(year, root)
    assert rules is not None
    payload = json.dumps({"guide": guide_data(rules), "labels": labels_data(), "schema": json_schema("submission", year),
                          "reports": reports}, ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", WARNING_HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    by_form = [{(json.dumps(p, ensure_ascii=False), c, m) for p, c, m in found if c in PILOT_CODES}
               for found in json.loads(done.stdout)]
    return by_check, by_form


def test_a_pilot_the_unpublished_list_cannot_confirm_is_warned_of_as_check_warns(tmp_path: Path) -> None:
    """2018's pilot list is not published: `check` warns a report that says pilot (W-PILOT-NOT-CONFIRMED,
    at 首批承能试点学会); the form said “0 条提示”. It now says the check's sentence at that field, and
    nothing for a report that does not say pilot."""
    claimed, unclaimed = copy.deepcopy(SAMPLE), copy.deepcopy(SAMPLE)
    assert claimed["government_functions"]["pilot"] is True
    unclaimed["government_functions"]["pilot"] = False
    by_check, by_form = _pilot_findings(tmp_path, YEAR, [claimed, unclaimed])
    assert by_form == by_check
    assert [sorted(c for _, c, _ in f) for f in by_check] == [["W-PILOT-NOT-CONFIRMED"], []]
    [(where, _, said)] = by_check[0]
    assert json.loads(where) == ["government_functions", "pilot"]
    assert "尚未公布 2018 年首批承能试点学会名单" in said


def test_a_published_pilot_list_is_held_to_as_check_holds_to_it(tmp_path: Path) -> None:
    """A tree whose 2017 list names cd-pilot: a society not on it that says pilot, and cd-pilot not
    saying it, are warned of at the pilot field in the check's words (W-PILOT-NOT-CONFIRMED,
    W-PILOT-NOT-CLAIMED); cd-pilot saying it, or another not saying it, are not."""
    own = tmp_path / "validators" / "guidelines"
    own.mkdir(parents=True)
    shipped = (ROOT / "validators" / "guidelines" / "2017.yaml").read_text("utf-8")
    assert "pilot_societies: []" in shipped
    (own / "2017.yaml").write_text(shipped.replace("pilot_societies: []", "pilot_societies: [cd-pilot]"), "utf-8")
    reports = [{"society": society, "year": 2017, "government_functions": {"pilot": pilot}}
               for society, pilot in (("cd-case", True), ("cd-pilot", False), ("cd-pilot", True), ("cd-case", False))]
    reports.append({"society": "cd-pilot", "year": 2017, "government_functions": {}})  # pilot false unless said
    by_check, by_form = _pilot_findings(tmp_path, 2017, reports)
    assert by_form == by_check
    assert [sorted(c for _, c, _ in f) for f in by_check] == [["W-PILOT-NOT-CONFIRMED"], ["W-PILOT-NOT-CLAIMED"], [], [],
                                                               ["W-PILOT-NOT-CLAIMED"]]
