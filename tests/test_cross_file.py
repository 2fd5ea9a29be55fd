"""Rules across files and years: each one has a passing and a failing tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.rules.cross_file_consortia import MEMBER_UNKNOWN, MEMBER_UNREAD

STATION = """
      - id: station-a
        name: 测试服务站
        level: 市级
        established: {established}
        industry: 装备制造
        partner: 测试园区
        enterprises_served: {served}
        experts_engaged: 3
        activities: 4
"""


def _report(society: str, year: int, body: str = "") -> str:
    return f"society: {society}\nyear: {year}\n{body}"


def _codes(root: Path) -> list[tuple[str, str, int]]:
    result, _ = check_tree(root)
    return [(f.code, f.file, f.line) for f in result.findings]


def test_station_new_once_requires_same_established_date(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, "service_stations:\n" + STATION.format(
            established="2017-05-01", served=10)),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018, "service_stations:\n" + STATION.format(
            established="2018-03-01", served=10)),
    })
    found = _codes(tmp_path)
    assert ("E-ESTABLISHED-CHANGED", "submissions/cd-a/2018.yaml", 8) in found
    (tmp_path / "submissions/cd-a/2018.yaml").write_text(_report("cd-a", 2018, "service_stations:\n"
        + STATION.format(established="2017-05-01", served=10)), encoding="utf-8")
    assert not [c for c in _codes(tmp_path) if c[0] == "E-ESTABLISHED-CHANGED"]


def test_a_later_year_does_not_change_an_earlier_years_station(tmp_path: Path) -> None:
    """The earlier report is closed (on notice, or final): a later report that dates its
    station otherwise is told to follow it, and the earlier one keeps its points."""
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, "service_stations:\n" + STATION.format(
            established="2017-05-01", served=10)),
    })
    _, repo = check_tree(tmp_path)
    before = evaluate_repository(repo, 2017)[0].total
    (tmp_path / "submissions/cd-a/2018.yaml").write_text(_report("cd-a", 2018, "service_stations:\n"
        + STATION.format(established="2018-03-01", served=10)), encoding="utf-8")
    result, repo = check_tree(tmp_path)
    changed = [f for f in result.findings if f.code == "E-ESTABLISHED-CHANGED"]
    assert [f.file for f in changed] == ["submissions/cd-a/2018.yaml"]
    assert "计为新建一次。请改为 2017-05-01；" in changed[0].message
    assert evaluate_repository(repo, 2017)[0].total == before


def test_one_years_reports_both_hear_a_disagreement(tmp_path: Path) -> None:
    lead = _consortium("牵头", "[cd-b]")
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, lead),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _consortium("参与", "[cd-a]").replace(
            "2017-04-01", "2017-06-01")),
    })
    changed = [c for c in _codes(tmp_path) if c[0] == "E-ESTABLISHED-CHANGED"]
    assert {f for _, f, _ in changed} == {"submissions/cd-a/2017.yaml", "submissions/cd-b/2017.yaml"}


def _consortium(role: str, members: str = "[外部单位甲]", cid: str = "consortium-x") -> str:
    return f"""consortia:
  - id: {cid}
    name: 测试联合体
    role: {role}
    form: 专业相近
    direction: 横向
    industry: 电子信息
    members: {members}
    established: 2017-04-01
    activities: 3
"""


@pytest.mark.parametrize(("roles", "code"), [
    (("牵头", "牵头"), "E-CONSORTIUM-MULTIPLE-LEADS"),
    (("参与", "参与"), "W-CONSORTIUM-NO-LEAD"),
])
def test_one_lead_per_consortium(tmp_path: Path, roles: tuple[str, str], code: str) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium(roles[0])),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _consortium(roles[1])),
    })
    found = [c for c in _codes(tmp_path) if c[0] == code]
    assert {f for _, f, _ in found} == {"submissions/cd-a/2017.yaml", "submissions/cd-b/2017.yaml"}
    assert all(line == 6 for _, _, line in found)  # at the `role:` line


def _named(cid: str, name: str, role: str = "牵头") -> str:
    return _consortium(role, cid=cid).replace("name: 测试联合体", f"name: {name}")


def test_two_societies_leading_one_name_under_two_ids_are_both_wrong(tmp_path: Path) -> None:
    """One consortium, one lead (4.3's one-time subsidy is the lead's): a name compared in its
    normal form is one consortium, whatever the ids. A check of one file alone finds it too."""
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _named("consortium-a", "郫都AI联合体")),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _named("consortium-b", "郫都ＡＩ联合体")),
    })
    result, _ = check_tree(tmp_path)
    assert [(f.code, f.severity, f.file, f.line, f.clause) for f in result.findings] == [
        ("E-CONSORTIUM-MULTIPLE-LEADS", "error", "submissions/cd-a/2017.yaml", 6, "4.3"),
        ("E-CONSORTIUM-MULTIPLE-LEADS", "error", "submissions/cd-b/2017.yaml", 6, "4.3")]
    assert result.findings[1].message == (
        "2017 年成都市cd-a学会（示例）（编号“consortium-a”）也牵头名称相同的联合体“郫都ＡＩ联合体”（本报告编号“consortium-b”）："
        "名称相同即是同一联合体，只能有一个牵头学会，其余改为“参与”并改用牵头学会的编号；"
        "若确是不同的联合体，请改用能区分的名称。")
    for society in ("cd-a", "cd-b"):
        alone, _ = check_tree(tmp_path, [tmp_path / f"submissions/{society}/2017.yaml"])
        assert [(f.code, f.file) for f in alone.findings] == [
            ("E-CONSORTIUM-MULTIPLE-LEADS", f"submissions/{society}/2017.yaml")]


def test_leads_of_one_name_are_one_lead_only_within_a_year_and_between_societies(tmp_path: Path) -> None:
    """Another year's lead of that name, a member of it, or a second lead in the same report (a
    repeat of that report, E-ITEM-REPEATED) is not another lead of the consortium."""
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _named("consortium-a", "郫都联合体")
                                              + _named("consortium-a2", "郫都联合体").replace("consortia:\n", "")),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _named("consortium-b", "郫都联合体", "参与")),
        "submissions/cd-b/2018.yaml": _report("cd-b", 2018, _named("consortium-b", "郫都联合体").replace(
            "2017-04-01", "2018-04-01")),
    })
    codes = {code for code, _, _ in _codes(tmp_path)}
    assert "E-CONSORTIUM-MULTIPLE-LEADS" not in codes
    assert "E-ITEM-REPEATED" in codes


def test_one_lead_and_one_member_pass(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头", "[cd-b]")),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _consortium("参与", "[cd-a]")),
    })
    assert _codes(tmp_path) == []


def test_member_that_looks_like_an_unknown_society_is_a_warning(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头", "[cd-ghost, 外部单位]")),
    })
    result, _ = check_tree(tmp_path)
    assert [(f.code, f.severity, f.line, f.column) for f in result.findings] == [
        ("W-CONSORTIUM-MEMBER-UNKNOWN", "warning", 10, 15)]
    assert not result.has_errors


def _member_unknown(root: Path, capsys: pytest.CaptureFixture[str], *paths: str) -> set[tuple[str, int, int, str]]:
    """W-CONSORTIUM-MEMBER-UNKNOWN as `check` prints it (JSON), of the whole tree or the files named."""
    from validators.cli import main

    main(["--root", str(root), "check", "--format", "json", *(str(root / p) for p in paths)])
    found = json.loads(capsys.readouterr().out)["findings"]
    return {(f["file"], f["line"], f["column"], f["message"]) for f in found if f["code"] == "W-CONSORTIUM-MEMBER-UNKNOWN"}


def test_a_member_folder_that_does_not_read_is_said_alike_whole_and_file_by_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A member whose folder holds a profile or a report, none of which reads, was a society to a
    check of the lead's file alone (the folder was there) and no society to the whole check
    (“本仓库没有这个学会”). Both now say that its files do not read; an empty folder or none at all is
    no society to either, and a folder with a profile that reads is a society to both."""
    members = "[cd-broken, cd-broken-report, cd-empty, cd-ghost, cd-b]"
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头", members)),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-broken/society.yaml": "id: [\n",
        "submissions/cd-broken-report/2017.yaml": "society: [\n",
    })
    (tmp_path / "submissions" / "cd-empty").mkdir()
    whole = _member_unknown(tmp_path, capsys)
    files = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "submissions").rglob("*.yaml"))
    alone = set().union(*(_member_unknown(tmp_path, capsys, p) for p in files))
    assert whole == alone
    assert whole == _member_unknown(tmp_path, capsys, *files)
    said = {m.split("”")[0].removeprefix("成员“"): m for _, _, _, m in whole}
    assert sorted(said) == ["cd-broken", "cd-broken-report", "cd-empty", "cd-ghost"]
    for member in ("cd-broken", "cd-broken-report"):
        assert said[member] == MEMBER_UNREAD.format(member=member)
    # cd-broken-report has no profile: the words do not say its profile failed to read.
    assert said["cd-broken-report"] == ("成员“cd-broken-report”是本仓库中学会的 id，但这个学会文件夹中的学会资料和"
                                        "年度报告没有一份通过检查、能够读取，暂时无法确认它：请这个学会更正它的文件，"
                                        "本报告无需为此修改；若成员写错了，请改正。")
    for member in ("cd-empty", "cd-ghost"):
        assert said[member] == MEMBER_UNKNOWN.format(member=member)


EVENT = """academic_events:
  - id: evt-shared
    title: 成都智能制造论坛
    category: 其他
    role: {role}
    date: 2017-06-01
    participants: 80
"""


@pytest.mark.parametrize(("roles", "warned"), [
    (("主办", "承办"), False), (("主办", "协办"), False), (("主办", "主办"), True), (("承办", "承办"), True),
])
def test_event_claimed_by_two_societies(tmp_path: Path, roles: tuple[str, str], warned: bool) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, EVENT.format(role=roles[0])),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, EVENT.format(role=roles[1])),
    })
    found = [c for c in _codes(tmp_path) if c[0] == "W-EVENT-CLAIMED-TWICE"]
    assert bool(found) is warned
    if warned:
        assert len(found) == 2


def test_research_report_claimed_by_two_societies_is_a_warning(tmp_path: Path) -> None:
    body = """research:
  - id: rpt-a
    title: 关于成都科技金融的调研报告
    form: 调研报告
    topic: 四个服务
    achievements:
      - {type: 公开发表, date: 2017-05-01}
"""
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, body),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, body),
    })
    assert [c[0] for c in _codes(tmp_path)] == ["W-REPORT-CLAIMED-TWICE"] * 2


def test_achievement_counted_in_two_years_is_an_error(tmp_path: Path) -> None:
    """With disjoint windows a date counts in one year only; overlapping windows (an
    association's mistake, here in the tree's own 2018 file) must not let one achievement pay
    twice."""
    wide_2018 = """
        year: 2018
        carried_forward_from: 2017
        title: 评估期与 2017 年度重叠的 2018 年度
        evaluation_window:
          start: 2016-11-30
          deadline: 2018-11-30
          note: 测试用：与 2017 年度重叠
    """
    body = """research:
  - id: rpt-a
    title: 关于成都科技金融的调研报告
    form: 调研报告
    topic: 四个服务
    achievements:
      - {type: 领导签批, date: 2017-05-01}
"""
    write_tree(tmp_path, {
        "validators/guidelines/2018.yaml": wide_2018,
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, body),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018, body),
    })
    found = [c for c in _codes(tmp_path) if c[0] == "E-ACHIEVEMENT-COUNTED-TWICE"]
    assert found == [("E-ACHIEVEMENT-COUNTED-TWICE", "submissions/cd-a/2018.yaml", 9)]


def test_implausible_figures_are_warnings(tmp_path: Path) -> None:
    low = EVENT.format(role="主办")
    high = low.replace("participants: 80", "participants: 90000").replace("2017-06-01", "2018-06-01")
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, low + "service_stations:\n"
                                              + STATION.format(established="2017-05-01", served=900)),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018, high),
    })
    result, _ = check_tree(tmp_path)
    implausible = [(f.file, f.line) for f in result.findings if f.code == "W-IMPLAUSIBLE-FIGURE"]
    assert ("submissions/cd-a/2018.yaml", 9) in implausible  # 90,000 participants
    assert ("submissions/cd-a/2017.yaml", 18) in implausible  # 900 enterprises
    assert not result.has_errors


def test_report_without_profile(tmp_path: Path) -> None:
    write_tree(tmp_path, {"submissions/cd-a/2017.yaml": _report("cd-a", 2017)})
    assert _codes(tmp_path) == [("E-SOCIETY-PROFILE-MISSING", "submissions/cd-a/2017.yaml", 1)]


def test_changed_file_check_reports_cross_file_findings_of_that_file_only(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头")),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _consortium("牵头")),
    })
    result, repo = check_tree(tmp_path, [tmp_path / "submissions/cd-b/2017.yaml"])
    assert result.files == 1
    assert [(f.code, f.file) for f in result.findings] == [
        ("E-CONSORTIUM-MULTIPLE-LEADS", "submissions/cd-b/2017.yaml")]
    assert ("cd-a", 2017) in repo.reports  # the rest of the tree was read as context


GROWTH = """government_functions:
  pilot: false
  functions:
{functions}"""
FUNCTION = """    - id: fn-{n}
      title: 第{n}项委托
      commissioner: 成都市科学技术局
      method: 委托
      new: false
      amount_wan: {amount}
      start: {year}-03-01
      end: {year}-10-31
"""


def test_a_function_new_again_is_named_by_its_title_not_its_id(tmp_path: Path) -> None:
    """E-FUNCTION-NEW-TWICE names the function as readers know it (its title), as the site's
    report page shows the message; its id is no word of theirs."""
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _functions(2017, [10])),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018, _functions(2018, [10]).replace("new: false", "new: true")),
    })
    result, _ = check_tree(tmp_path)
    [finding] = [f for f in result.findings if f.code == "E-FUNCTION-NEW-TWICE"]
    assert finding.message == "职能“第0项委托”已列在本学会 2017 年度报告中，本年度不是新承接的：请把“本年度新增”改为“否”。"


def _functions(year: int, amounts: list[int]) -> str:
    return GROWTH.format(functions="".join(FUNCTION.format(n=i, amount=a, year=year)
                                           for i, a in enumerate(amounts)))


@pytest.mark.parametrize(("before", "after", "grew"), [
    ([10], [10, 10, 10], True),   # two more functions
    ([10, 10], [13, 13], True),   # +30 % amount
    ([10, 10], [12, 12], False),  # +20 %, one function fewer than needed
])
def test_growth_compares_with_the_previous_year(tmp_path: Path, before, after, grew) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _functions(2017, before)),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018, _functions(2018, after)),
    })
    _, repo = check_tree(tmp_path)
    [evaluation] = evaluate_repository(repo, 2018)
    [line] = [x for x in evaluation.lines if x.rule == "growth"]
    assert (line.points > 0) is grew
    assert line.clause == "2.3"
    assert f"2017 年 {len(before)} 项、{sum(before)} 万元" in line.note
    assert f"2018 年 {len(after)} 项、{sum(after)} 万元" in line.note


def _growth_line(tmp_path: Path, before: str | None, after: str):
    files = {"submissions/cd-a/society.yaml": profile("cd-a"),
             "submissions/cd-a/2018.yaml": _report("cd-a", 2018, after)}
    if before is not None:
        files["submissions/cd-a/2017.yaml"] = before
    write_tree(tmp_path, files)
    _, repo = check_tree(tmp_path)
    [evaluation] = evaluate_repository(repo, 2018)
    [line] = [x for x in evaluation.lines if x.clause == "2.3"]
    return line


def test_growth_says_when_last_years_report_cannot_be_read(tmp_path: Path) -> None:
    """A broken report of the year before is a report with errors, not a missing one: the 2.3
    line says so and names the file."""
    line = _growth_line(tmp_path, _report("cd-a", 2017, "unknown_key: 1\n" + _functions(2017, [10])),
                        _functions(2018, [10, 10, 10]))
    assert line.points == 0
    assert line.note.startswith("2017 年度报告（submissions/cd-a/2017.yaml）有错误（E-SCHEMA-UNKNOWN-KEY），无法读取，"
                                "无法与上一年度比较「有较大提升」，不计分")


def test_growth_names_a_whole_report_error_of_last_year(tmp_path: Path) -> None:
    """Last year's report claims another society: its functions are not in error, the report is."""
    line = _growth_line(tmp_path, _report("cd-b", 2017, _functions(2017, [10])), _functions(2018, [10, 10, 10]))
    assert line.points == 0
    assert "E-SOCIETY-MISMATCH" in line.note
    assert "承接职能有错误" not in line.note
    assert line.note.startswith("2017 年度报告（submissions/cd-a/2017.yaml）整份报告有错误（E-SOCIETY-MISMATCH）")


def test_growth_without_last_years_report_says_so(tmp_path: Path) -> None:
    line = _growth_line(tmp_path, None, _functions(2018, [10, 10, 10]))
    assert (line.points, line.note) == (0, "本学会没有 2017 年度的报告，无法与上一年度比较「有较大提升」，不计分")


def test_growth_from_an_empty_last_year_counts_from_nothing(tmp_path: Path) -> None:
    """A report that listed no functions compares as 0 functions (the README's rule: at least
    two more than the year before)."""
    line = _growth_line(tmp_path, _report("cd-a", 2017), _functions(2018, [10, 10]))
    assert line.points == 3
    assert "2017 年 0 项、0 万元（上一年度的报告没有列出承接职能） → 2018 年 2 项、20 万元" in line.note



def test_symlinked_report_is_refused_without_reading_its_target(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    write_tree(tmp_path, {"submissions/cd-a/society.yaml": profile("cd-a")})
    (tmp_path / "submissions/cd-a/2017.yaml").symlink_to(secret)
    result, repo = check_tree(tmp_path)
    assert [(f.code, f.file) for f in result.findings] == [("E-PATH-SYMLINK", "submissions/cd-a/2017.yaml")]
    assert "hunter2" not in str(result.to_dict())
    assert not repo.reports


def _no_lead_messages(root: Path) -> list[str]:
    result, _ = check_tree(root)
    return [f.message for f in result.findings if f.code == "W-CONSORTIUM-NO-LEAD"]


def test_a_member_under_another_id_is_told_the_lead_s_id(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头", "[cd-b]")),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, _consortium("参与", cid="consortium-typed")),
    })
    [message] = _no_lead_messages(tmp_path)
    assert "成都市cd-a学会（示例）牵头的同名联合体“测试联合体”" in message  # by its name, not its id
    assert "编号为“consortium-x”" in message


def test_a_member_whose_lead_has_not_reported_this_year_is_told_so(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头", "[cd-b]")),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018),
        "submissions/cd-b/2018.yaml": _report("cd-b", 2018, _consortium("参与")),
    })
    [message] = _no_lead_messages(tmp_path)
    assert "由成都市cd-a学会（示例）牵头（见它的 2017 年报告），但成都市cd-a学会（示例）的 2018 年报告没有列出它" in message


def test_a_claimed_twice_warning_quotes_each_societys_own_title(tmp_path: Path) -> None:
    """The warning quoted the comparison key, which now drops spaces, marks and ASCII case
    (《AI 赋能》 read as ai赋能)."""
    research = """research:
  - id: rpt-a
    title: {title}
    form: 调研报告
    topic: 四个服务
    achievements:
      - {{type: 公开发表, date: 2017-05-01}}
"""
    titles = {"cd-a": "《AI 赋能成都制造》调研报告", "cd-b": "AI赋能成都制造调研报告。"}
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        **{f"submissions/{s}/2017.yaml": _report(s, 2017, research.format(title=t)
                                                  + EVENT.replace("成都智能制造论坛", t).format(role="主办"))
           for s, t in titles.items()},
    })
    result, _ = check_tree(tmp_path)
    said = {(f.file.split("/")[1], f.code): f.message for f in result.findings if "CLAIMED" in f.code}
    assert set(said) == {(s, c) for s in titles for c in ("W-EVENT-CLAIMED-TWICE", "W-REPORT-CLAIMED-TWICE")}
    for (society, _), message in said.items():
        assert f"“{titles[society]}”" in message


def test_societies_are_named_by_their_names_in_a_check_of_one_file(tmp_path: Path) -> None:
    """A secretary reads societies by their names, not their ids, and no field key: of the lead
    that lists this society (W-CONSORTIUM-NOT-RECIPROCAL) and of the societies claiming one event
    (W-EVENT-CLAIMED-TWICE), in a check of this society's file alone too (the other societies'
    profiles are read for their names). A society with no profile is named by its id."""
    write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _consortium("牵头", "[cd-b]") + EVENT.format(role="主办")),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, EVENT.format(role="主办")),
        "submissions/cd-c/2017.yaml": _report("cd-c", 2017, EVENT.format(role="主办")),
    })
    for paths in (None, [tmp_path / "submissions/cd-b/2017.yaml"]):
        result, _ = check_tree(tmp_path, paths)
        said = {f.code: f.message for f in result.findings if f.file == "submissions/cd-b/2017.yaml"}
        assert said["W-CONSORTIUM-NOT-RECIPROCAL"] == (
            "成都市cd-a学会（示例）牵头的联合体“测试联合体”（consortium-x）把本学会列为成员，但本报告没有列出它："
            "如确为成员，请添加这一联合体（本学会的角色写 参与）。")
        assert said["W-EVENT-CLAIMED-TWICE"].startswith(
            "“成都智能制造论坛”（2017-06-01）被多个学会（成都市cd-a学会（示例）、成都市cd-b学会（示例）、cd-c）以相同角色申报"), paths
