"""One piece of work counts once (validators/rules/repeated_items.py): the repeat is an error
at its title, naming the first copy, which still scores; the what-if copies of the advice are
held to the same rule, within an area and across areas."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.trees import profile, write_tree
from validators.check import area_findings, check_file, check_tree, repeat_findings
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Evaluation
from validators.findings import Finding
from validators.rules import repeated_items
from validators.rules.cross_file_common import same_text as normalized
from validators.rules.repeated_items import CODE
from validators.year.guideline import guideline

HEAD = "society: cd-a\nyear: 2017\n"

SERVICE = """innovation:
  enterprise_platform_registered: true
  services:
    - id: svc-a
      kind: 科技咨询
      title: 企业技术咨询
      enterprise: 成都示例企业有限公司
      district: 武侯区
      date: {date}
      outcome: 帮助企业解决技术难题
"""

EVENT = """academic_events:
  - id: evt-a
    title: {title}
    category: {category}
    role: 主办
    date: {date}
    participants: 150
    main_forum: true
    sub_forums: 1
    materials: true
"""


def _check(tmp_path: Path, body: str) -> list[Finding]:
    path = tmp_path / "cd-a" / "2017.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body, encoding="utf-8")
    return check_file(path, tmp_path).findings


def test_titles_are_compared_as_read() -> None:
    assert normalized("  ２０１７年　学术 年会  ") == normalized("2017年 学术\t年会")
    assert normalized("AI 论坛") == normalized("ai 论坛")  # ASCII letters case-blind, as between societies
    assert normalized("ΑΙ 论坛") != normalized("αι 论坛")  # other scripts' case rules are the form's and Python's own
    # A space or a mark added does not make another work (it did, and the copy was paid again).
    assert normalized("学术年会") == normalized("学术 年会")
    assert normalized("学术年会") == normalized("《学术年会》。")


def test_the_repeat_names_the_first_copy_at_its_title(tmp_path: Path) -> None:
    body = EVENT.format(title="双创活动周科技论坛", category="其他", date="2017-09-15") + (
        "major_work:\n"
        "  - {id: mw-a, kind: 重大活动, title: 双创活动周科技论坛, date: 2017-09-15, description: 举办论坛}\n")
    [found] = _check(tmp_path, body)
    assert (found.code, found.severity, found.clause, found.line, found.column) == (CODE, "error", "7", 14, 35)
    assert found.message == ("与“五、学术交流活动”中的“evt-a”是同一项工作（名称和日期相同）："
                             "同一项工作只计一次分，请删除重复的一项，或写明它们的区别。")


@pytest.mark.parametrize("copy", ["'双创活动周 科技论坛'", "双创活动周科技论坛。", "'《双创活动周科技论坛》'",
                                  "'双创活动周\u3000科技论坛'"])
def test_a_copy_with_a_space_or_a_mark_added_is_still_the_repeat(tmp_path: Path, copy: str) -> None:
    """An audit copied a paid event with one space added: no error, and the copy paid in full."""
    body = EVENT.format(title="双创活动周科技论坛", category="其他", date="2017-09-15") + (
        "major_work:\n"
        f"  - {{id: mw-a, kind: 重大活动, title: {copy}, date: 2017-09-15, description: 举办论坛}}\n")
    [found] = _check(tmp_path, body)
    assert (found.code, found.line) == (CODE, 14)


def test_an_event_that_repeats_a_service_is_the_repeat(tmp_path: Path) -> None:
    """Areas are read in the guideline's order: the service (一) is the first copy."""
    body = SERVICE.format(date="2017-05-01") + EVENT.format(title="企业技术咨询", category="其他",
                                                           date="2017-05-01")
    [found] = _check(tmp_path, body)
    assert found.path == ("academic_events", 0, "title")
    assert "“一、创新驱动助力工程”中的“svc-a”" in found.message


def test_a_service_repeats_only_for_the_same_enterprise(tmp_path: Path) -> None:
    """A service is to one enterprise: the same title on the same day for another enterprise
    is another service; for the same one, under another kind, it is the same service."""
    other = SERVICE.format(date="2017-05-01") + """    - id: svc-b
      kind: 科技培训
      title: 企业技术咨询
      enterprise: {enterprise}
      district: 武侯区
      date: 2017-05-01
      outcome: 培训技术人员
"""
    assert _check(tmp_path, other.format(enterprise="成都另一企业有限公司")) == []
    [found] = _check(tmp_path, other.format(enterprise="成都示例企业有限公司"))
    assert found.path == ("innovation", "services", 1, "title")
    assert "名称、日期和服务的企业相同" in found.message


def test_stations_consortia_and_functions_repeat_by_content(tmp_path: Path) -> None:
    station = """  - id: {id}
    name: 温江服务站
    level: 市级
    established: 2017-03-01
    industry: 医药健康
    partner: 温江医学城
    evidence: [https://example.org/{id}]
"""
    body = "service_stations:\n" + station.format(id="st-a") + station.format(id="st-b")
    [found] = _check(tmp_path, body)
    assert (found.code, found.path, found.clause) == (CODE, ("service_stations", 1, "name"), "3")
    assert "除编号和证明材料外内容相同" in found.message
    # Another partner is still the one station of that name (its name says which it is).
    changed = body.replace("partner: 温江医学城\n    evidence: [https://example.org/st-b]",
                           "partner: 温江海峡科技园\n    evidence: [https://example.org/st-b]")
    [found] = _check(tmp_path, changed)
    assert (found.path, found.clause) == (("service_stations", 1, "name"), "3")
    assert "（名称相同）" in found.message
    renamed = changed.replace("name: 温江服务站\n    level: 市级\n    established: 2017-03-01\n"
                              "    industry: 医药健康\n    partner: 温江海峡科技园",
                              "name: 温江海峡服务站\n    level: 市级\n    established: 2017-03-01\n"
                              "    industry: 医药健康\n    partner: 温江海峡科技园")
    assert renamed != changed
    assert _check(tmp_path, renamed) == []


STATION = """  - id: {id}
    name: {name}
    level: 市级
    established: {established}
    industry: 医药健康
    partner: 温江医学城
"""
CONSORTIUM = """  - id: {id}
    name: {name}
    role: {role}
    form: 专业相近
    direction: 横向
    industry: 装备制造
    members: [外部单位甲]
    established: {established}
    activities: 3
"""
FUNCTION = """    - id: {id}
      title: {title}
      commissioner: {commissioner}
      method: 委托
      new: true
      amount_wan: {amount}
      start: {start}
      end: 2017-10-01
"""


@pytest.mark.parametrize(("role", "other_role"), [("牵头", "牵头"), ("牵头", "参与")])
def test_stations_and_consortia_of_one_name_are_one(tmp_path: Path, role: str, other_role: str) -> None:
    """A day apart, under other ids: one report names one station, one consortium, once
    (each copy would earn the points and the one-time subsidy of 3.2 or 4.3). The name is
    compared in its normal form; a station and a consortium may share a name."""
    def body(names: tuple[str, str, str, str]) -> str:
        return ("service_stations:\n" + STATION.format(id="st-a", name=names[0], established="2017-03-01")
                + STATION.format(id="st-b", name=names[1], established="2017-03-02")
                + "consortia:\n"
                + CONSORTIUM.format(id="cons-a", name=names[2], role=role, established="2017-04-01")
                + CONSORTIUM.format(id="cons-b", name=names[3], role=other_role, established="2017-04-02"))

    found = _check(tmp_path, body(("温江ＡＩ服务站", "温江AI服务站", "温江AI服务站", "温江ＡＩ服务站")))
    assert [(f.code, f.path, f.clause) for f in found] == [
        (CODE, ("service_stations", 1, "name"), "3"), (CODE, ("consortia", 1, "name"), "4")]
    assert found[0].message == ("与“三、学会服务站建设”中的“st-a”是同一项工作（名称相同）："
                                "同一项工作只计一次分，请删除重复的一项，或写明它们的区别。")
    assert "“四、学会联合体建设”中的“cons-a”" in found[1].message
    assert "（名称相同）" in found[1].message
    assert _check(tmp_path, body(("温江ＡＩ服务站", "温江服务站", "温江AI服务站", "郫都AI联合体"))) == []


@pytest.mark.parametrize(("amount", "start", "commissioner", "repeated"), [
    (12, "2017-03-01", "成都市示例局", True),  # only the amount differs
    (10, "2017-07-01", "成都市示例局", True),  # renewed for a second period: still one function
    (10, "2017-03-01", "成都市另一示例局", False),  # another commissioner: another function
])
def test_a_function_is_its_title_and_commissioner(tmp_path: Path, amount: int, start: str, commissioner: str,
                                                  repeated: bool) -> None:
    body = ("government_functions:\n  functions:\n"
            + FUNCTION.format(id="fn-a", title="行业标准编制", commissioner="成都市示例局", amount=10, start="2017-03-01")
            + FUNCTION.format(id="fn-b", title="行业标准编制", commissioner=commissioner, amount=amount, start=start))
    found = _check(tmp_path, body)
    if not repeated:
        assert found == []
        return
    [one] = found
    assert (one.code, one.path, one.clause) == (CODE, ("government_functions", "functions", 1, "title"), "2")
    assert "（事项名称和委托单位相同）" in one.message


@pytest.mark.parametrize(("start", "commissioner", "repeated"), [
    ("2017-05-01", "成都市科学技术局", True),    # the same job, the service's "enterprise" the commissioner
    ("2017-05-01", "成都市经济和信息化委员会", False),  # a generic title the same day, another party
    ("2017-05-02", "成都市科学技术局", False),    # another day
])
def test_a_function_that_is_a_service_to_its_commissioner_is_that_service(tmp_path: Path, start: str,
                                                                          commissioner: str, repeated: bool) -> None:
    """One job paid under 一 (a service) and 二 (a function): the same title, begun the same day,
    for the same party (a reviewer's case). A function that shares only a generic title and day
    with a service to someone else is its own (a reviewer's false positive)."""
    service = SERVICE.format(date="2017-05-01").replace("成都示例企业有限公司", "成都市科学技术局")
    body = service + "government_functions:\n  functions:\n" + FUNCTION.format(
        id="fn-a", title="企业技术咨询", commissioner=commissioner, amount=10, start=start)
    found = [f for f in _check(tmp_path, body) if f.code == CODE]
    if not repeated:
        assert found == []
        return
    [one] = found
    assert one.path == ("government_functions", "functions", 0, "title")
    assert "“一、创新驱动助力工程”中的“svc-a”" in one.message
    assert "（名称、日期相同，服务的企业就是委托单位）" in one.message


def test_a_conference_the_government_commissions_is_an_event_too(tmp_path: Path) -> None:
    """A function and an event of one title and day: 2.2 pays the contract, 5.3 the conference
    (a reviewer's false positive: the event was refused)."""
    body = EVENT.format(title="2017成都国际学术会议", category="其他", date="2017-05-01") + (
        "government_functions:\n  functions:\n" + FUNCTION.format(
            id="fn-a", title="2017成都国际学术会议", commissioner="成都市科学技术局", amount=10, start="2017-05-01"))
    assert [f for f in _check(tmp_path, body) if f.code == CODE] == []


RESEARCH = """research:
  - id: rpt-a
    title: 关于建设西部金融中心的调研报告
    form: 调研报告
    topic: 四个服务
    achievements:
      - {type: 采纳或形成政策, date: 2017-03-20}
"""


@pytest.mark.parametrize(("title", "date", "repeated"), [("关于建设西部金融中心的调研报告", "2017-03-20", True),
                                                         ("《关于建设西部金融中心的调研报告》", "2017-03-20", True),
                                                         ("关于建设西部金融中心的调研报告", "2017-06-01", False),
                                                         ("西部金融中心建设座谈会", "2017-03-20", False)])
def test_a_research_report_listed_again_as_a_major_work_of_its_day_is_the_repeat(
        tmp_path: Path, title: str, date: str, repeated: bool) -> None:
    """A report written again as a major work dated the day it was adopted (a reviewer's case) is
    one work paid under 六 and 七. A major work of its title on another day (the reform a report
    was written about) is its own (a reviewer's false positive)."""
    major = f"major_work:\n  - {{id: mw-a, kind: 党建, title: '{title}', date: {date}, description: 党建调研}}\n"
    found = _check(tmp_path, RESEARCH + major)
    if not repeated:
        assert found == []
        return
    [one] = found
    assert (one.code, one.path) == (CODE, ("major_work", 0, "title"))
    assert "“六、调查研究与建言献策”中的“rpt-a”" in one.message
    assert "（题目相同，日期是这份调研成果得到认定的日期）" in one.message


def test_a_study_commissioned_or_presented_under_its_title_is_not_the_report_again(tmp_path: Path) -> None:
    """A function of the report's title (a commissioned study: 2.2 pays the contract, 六 its
    recognition) and a forum of its title (presenting it) are other work: only a major work of
    its title repeats it (a reviewer's case: the report lost its 5-point adoption)."""
    title = "关于建设西部金融中心的调研报告"
    function = "government_functions:\n  functions:\n" + FUNCTION.format(
        id="fn-a", title=title, commissioner="成都市金融工作局", amount=10, start="2017-02-01")
    event = EVENT.format(title=title, category="其他", date="2017-06-01")
    assert _check(tmp_path, function + RESEARCH) == []
    assert _check(tmp_path, event + RESEARCH) == []


def test_two_items_of_one_title_in_two_other_areas_are_not_one_by_title_alone(tmp_path: Path) -> None:
    """Only a research report is its title: a service and a major work of one title on other
    days are two pieces of work."""
    major = "major_work:\n  - {id: mw-a, kind: 重大活动, title: 企业技术咨询, date: 2017-06-01, description: 参与}\n"
    assert _check(tmp_path, SERVICE.format(date="2017-05-01") + major) == []


def test_a_repeated_report_is_said_once_not_again_for_its_achievements(tmp_path: Path) -> None:
    report = """  - id: {id}
    title: 交通拥堵调研
    form: 调研报告
    topic: 四个服务
    achievements:
      - {{type: 公开发表, date: 2017-05-01}}
      - {{type: 公开发表, date: 2017-05-01}}
"""
    found = _check(tmp_path, "research:\n" + report.format(id="rpt-a") + report.format(id="rpt-b"))
    assert [(f.code, f.path) for f in found] == [
        (CODE, ("research", 0, "achievements", 1, "date")), (CODE, ("research", 1, "title"))]


def _tree(tmp_path: Path, body: str) -> Path:
    return write_tree(tmp_path, {"submissions/cd-a/society.yaml": profile("cd-a"),
                                 "submissions/cd-a/2017.yaml": HEAD + body})


def test_one_area_rechecked_finds_its_own_repeats(tmp_path: Path) -> None:
    """What the advice re-checks one area with: a repeat within the area is found there; one
    across areas is the whole report's (the areas' findings stay independent of each other)."""
    body = (EVENT.format(title="学术年会", category="综合性学术年会", date="2017-06-01")
            + EVENT.format(title="学术年会", category="其他", date="2017-06-01").replace(
                "academic_events:\n  - id: evt-a", "  - id: evt-b")
            + "major_work:\n"
              "  - {id: mw-a, kind: 重大活动, title: 学术年会, date: 2017-06-01, description: 举办年会}\n")
    _, repo = check_tree(_tree(tmp_path, body))
    doc = repo.reports[("cd-a", 2017)]
    rules = guideline(2017, tmp_path)
    assert rules is not None
    assert [f.path for f in doc.findings if f.code == CODE] == [("academic_events", 1, "title"),
                                                                ("major_work", 0, "title")]
    assert [f.path for f in area_findings(doc, doc.report, rules, "academic_events")] == [
        ("academic_events", 1, "title")]
    assert area_findings(doc, doc.report, rules, "major_work") == []
    assert [f.path for f in repeat_findings(doc, doc.report, rules, doc.findings)] == [("academic_events", 1, "title"),
                                                                         ("major_work", 0, "title")]


def _evaluation(tmp_path: Path, body: str) -> Evaluation:
    _, repo = check_tree(_tree(tmp_path, body))
    [evaluation] = evaluate_repository(repo)
    return evaluation


def test_advice_counts_what_a_new_service_would_take_from_another_area(tmp_path: Path) -> None:
    """The advice's what-if service (in the pilot district, on the deadline, titled as the
    report's first service) would be the first copy of an event of the same title on that day:
    the event would earn nothing, so the gain is the net one, and a loss is no advice."""
    deadline = "2017-11-30"
    for category, gain in (("综合性学术年会", None), ("其他", 2.0)):
        body = SERVICE.format(date="2017-05-01") + EVENT.format(
            title="企业技术咨询", category=category, date=deadline)
        evaluation = _evaluation(tmp_path / category, body)
        services = [a for a in evaluation.advice if a.clause == "1.3"]
        # Alone, the service would earn 3 (1.3's 2 and 1.4's 1); the event loses 6 or 1.
        assert [a.gain for a in services] == ([gain] if gain else []), category


def test_a_copy_with_an_error_of_its_own_is_no_first_copy(tmp_path: Path) -> None:
    """The first copy had an error of its own (a national exchange one province short), so it
    earned nothing, and the copy that meets its category was refused as its repeat: the work
    earned nothing at all. The right copy scores; the wrong one keeps its own error only."""
    body = """academic_events:
  - {id: evt-national, title: 学术交流会, category: 全国性学术交流, role: 主办, date: 2017-05-01,
     participants: 150, speaker_provinces: [北京, 上海]}
  - {id: evt-other, title: 学术交流会, category: 其他, role: 主办, date: 2017-05-01, participants: 150}
"""
    evaluation = _evaluation(tmp_path, body)
    points = {line.item_id: line.points for line in evaluation.lines}
    assert points == {"evt-national": 0, "evt-other": 1}, evaluation.lines
    _, repo = check_tree(tmp_path)
    codes = [(f.path[:2], f.code) for f in repo.reports[("cd-a", 2017)].findings if f.severity == "error"]
    assert codes == [(("academic_events", 0), "E-THRESHOLD-PROVINCES")], codes


def test_the_advice_tries_a_bounded_number_of_fixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every what-if copy is checked and scored again: a report of 2,000 events, each a province
    short, took minutes when all were tried. The advice chooses from the first few only."""
    from validators.evaluation import advice

    tried: list[object] = []
    scored = advice.score_report
    monkeypatch.setattr(advice, "score_report", lambda *a, **k: tried.append(a) or scored(*a, **k))
    events = "".join(
        f"  - {{id: e{i}, title: 全国交流会第{i}场, category: 全国性学术交流, role: 主办, date: 2017-05-{1 + i % 28:02d},"
        f" participants: 150, speaker_provinces: [北京, 上海, 广东, 浙江, 江苏]}}\n"
        for i in range(advice.MAX_CANDIDATES + 20))
    evaluation = _evaluation(tmp_path, "academic_events:\n" + events)
    assert len(tried) == advice.MAX_CANDIDATES
    assert len(evaluation.advice) == advice.MAX_ADVICE


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


_ITEM_LISTS = (("innovation", "services"), ("government_functions", "functions"), ("academic_events",),
               ("major_work",), ("research",), ("service_stations",), ("consortia",))


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_the_quick_look_misses_no_repeat(data: st.DataObject) -> None:
    """Reports whose items are made to share titles, names, dates and contents: the quick look
    (`_may_repeat`) lets through only reports in which the full rule finds no repeat."""
    source = Path("submissions/cd-computer/2018.yaml")
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    listed = []  # (the list, the item)
    for steps in _ITEM_LISTS:
        node = raw
        for step in steps:
            node = node.get(step) if isinstance(node, dict) else None
        listed += [(node, item) for item in node or []]
    for _ in range(data.draw(st.integers(1, 3))):
        (a, target), (b, origin) = data.draw(st.lists(st.sampled_from(listed), min_size=2, max_size=2,
                                                      unique_by=lambda pair: id(pair[1])))
        shared = data.draw(st.sampled_from([("title", "date"), ("title",), ("name",), ("date",),
                                            ("title", "date", "enterprise"), ("title", "commissioner"),
                                            "content", "copy"]))
        if shared == "copy":  # the same item again under another id, as a list's second item
            a.append({**copy.deepcopy(target), "id": f"{target['id']}-{len(a)}"})
        if shared == "content" and a is b:
            target.update({k: v for k, v in origin.items() if k not in ("id", "evidence")})
        for field in shared if isinstance(shared, tuple) else ():
            if field in origin and field in target:
                target[field] = origin[field]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cd-computer" / "2018.yaml"
        path.parent.mkdir()
        # Copied values are shared objects, which PyYAML would write as aliases (refused).
        text = yaml.dump(raw, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        quick = check_file(path, Path(tmp)).findings
        with pytest.MonkeyPatch.context() as patch:  # per example: the fixture would last the test
            patch.setattr(repeated_items, "_may_repeat", lambda report, only: True)
            full = check_file(path, Path(tmp)).findings
    assert quick == full
    event("repeats found" if any(f.code == CODE for f in full) else "no repeat")


def test_the_quick_look_lets_named_repeats_through() -> None:
    """Stations and consortia of one name, functions of one title and commissioner: the quick
    look (`_may_repeat`) must send each such report to the full rule."""
    case = Path(__file__).parent / "data" / "fidelity" / "repeat-named-items"
    doc = check_file(case / "submissions" / "cd-case" / "2017.yaml", case).report
    assert doc is not None
    for area in ("government_functions", "service_stations", "consortia"):
        assert repeated_items._may_repeat(doc.report, area), area


@pytest.mark.parametrize(("second", "said"), [
    ("{type: 采纳或形成政策, date: 2017-03-20}", CODE),  # the same adoption again: an error
    ("{type: 采纳或形成政策, date: 2017-03-21}", "W-ACHIEVEMENT-SAME-TYPE"),  # a day apart: for the staff
    ("{type: 领导签批, date: 2017-03-21}", None),        # another way: another achievement
    ("{type: 采纳或形成政策, date: 2017-12-20}", None),  # next year's (outside 2017): compared there
])
def test_one_way_of_recognition_twice_is_an_error_on_one_day_and_for_the_staff_on_two(
        tmp_path: Path, second: str, said: str | None) -> None:
    """Two 采纳或形成政策 a day apart earned 5 + 5 (a reviewer's case). Two leaders may each sign a
    report and two journals each publish it, and the guideline does not say one per way: the
    staff hear of it, and the points stand until they decide (a reviewer's false positive)."""
    found = [f for f in _check(tmp_path, RESEARCH + f"      - {second}\n")
             if f.code in (CODE, "W-ACHIEVEMENT-SAME-TYPE")]
    if said is None:
        assert found == []
        return
    [one] = found
    assert one.code == said
    if said == CODE:
        assert one.path == ("research", 0, "achievements", 1, "date")
        return
    assert (one.severity, one.path) == ("warning", ("research", 0, "achievements", 1, "type"))
    assert one.message.startswith("与本项的第 1 项成果（采纳或形成政策，2017-03-20）认定方式相同、日期不同：若是同一次认定")
    [evaluation] = evaluate_repository(check_tree(_tree(tmp_path / "t", RESEARCH + f"      - {second}\n"))[1])
    assert [x.points for x in evaluation.lines if x.area == "research"] == [5.0, 5.0]


def _repeats_held_against_errors(tmp_path: Path, body: str) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """The report's findings but its repeats; its repeats held against those (as the advice's
    what-if copies are, and as `check` said them: it reads evidence before the repeats); and its
    repeats held against none."""
    path = tmp_path / "cd-a" / "2017.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + body, encoding="utf-8")
    doc = check_file(path, tmp_path).report
    assert doc is not None
    rules = guideline(2017)
    assert rules is not None
    others = [f for f in doc.findings if f.code != CODE]
    held = repeat_findings(doc, doc.report, rules, others)
    assert [f for f in doc.findings if f.code == CODE] == held
    return others, held, repeat_findings(doc, doc.report, rules, [])


def test_an_achievement_with_an_error_of_its_own_is_no_first_copy(tmp_path: Path) -> None:
    """The first adoption's evidence is refused (not http/https): held against the report's
    errors (as the advice's what-if copies are), the second, right, one is no repeat."""
    body = RESEARCH.replace("      - {type: 采纳或形成政策, date: 2017-03-20}\n",
                            "      - {type: 采纳或形成政策, date: 2017-03-20, evidence: ['ftp://example.org/a']}\n"
                            "      - {type: 采纳或形成政策, date: 2017-03-20}\n")
    others, held, alone = _repeats_held_against_errors(tmp_path, body)
    assert [f.code for f in others if f.severity == "error"] == ["E-EVIDENCE-URL-SCHEME"]
    assert held == []
    assert [f.path for f in alone] == [("research", 0, "achievements", 1, "date")]


def test_an_item_whose_evidence_file_is_missing_is_still_the_first_copy(tmp_path: Path) -> None:
    """A file the folder lacks is said after the repeats (the online form cannot see the folder
    and picks the first copy as `check` does): the first adoption stays the first copy, the
    second is its repeat; the advice's what-if copies hold it so too."""
    body = RESEARCH.replace("      - {type: 采纳或形成政策, date: 2017-03-20}\n",
                            "      - {type: 采纳或形成政策, date: 2017-03-20, evidence: [evidence/none.pdf]}\n"
                            "      - {type: 采纳或形成政策, date: 2017-03-20}\n")
    others, held, _ = _repeats_held_against_errors(tmp_path, body)
    assert [f.code for f in others if f.severity == "error"] == ["E-EVIDENCE-MISSING"]
    assert [f.path for f in held] == [("research", 0, "achievements", 1, "date")]


def test_a_report_holds_only_the_days_of_achievements_that_count(tmp_path: Path) -> None:
    """Held against the report's errors (as the advice's what-if copies are), a report whose only
    achievement is refused (its evidence) holds no day: a major work of its title that day is no
    repeat of an item that earns nothing (a reviewer's case)."""
    body = RESEARCH.replace("      - {type: 采纳或形成政策, date: 2017-03-20}\n",
                            "      - {type: 采纳或形成政策, date: 2017-03-20, evidence: ['ftp://example.org/a']}\n") + (
        "major_work:\n  - {id: mw-a, kind: 党建, title: 关于建设西部金融中心的调研报告, date: 2017-03-20, description: 调研}\n")
    others, held, alone = _repeats_held_against_errors(tmp_path, body)
    assert [f.code for f in others if f.severity == "error"] == ["E-EVIDENCE-URL-SCHEME"]
    assert held == []
    assert [f.path for f in alone] == [("major_work", 0, "title")]
