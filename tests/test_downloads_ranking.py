"""The downloaded ranking (evaluations.csv, the workbook's sheet, evaluations.json) says what the
rankings page says: each row's 备注 as the page gives it and the year's phase, so that a year on
notice is not read as final; and the public 备注 counts no warning that waits on the association
(a list it has not published), while `check` gives it as ever (the sample data: 2018 on notice
from 2026-11-16 with its pilot list not published, 2017 frozen)."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import openpyxl
import pytest

from site_builder import context, downloads, phase, rankings
from site_builder.form_page import SiteSettings
from site_builder.report_page import NOT_COUNTED
from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.pending_warnings import association_warnings
from validators.evaluation.reports import findings_note, ranking_header
from validators.evaluation.scoring import NO_REPORT_NOTE
from validators.rules.cross_file_consortia import (
    MEMBER_NO_REPORT,
    MEMBER_NO_REPORT_CODE,
    MEMBERS_NEED_NOT_REPORT,
)
from validators.yaml.policy import policy
from validators.year.guideline import Guideline, guideline

ON_NOTICE = "2026-12-07"
FIDELITY = ROOT / "tests" / "data" / "fidelity"
_TAGS = re.compile(r"<[^>]+>")
_ROW_ID = re.compile(r'<code class="sb-society-id">([^<]+)</code>')
_REMARK = re.compile(r'<span class="sb-remark">备注：(.*?)</span></td>')


@pytest.fixture(scope="module")
def site() -> context.SiteData:
    return context.load(ROOT, SiteSettings(repo_url="https://github.com/example/r"), ON_NOTICE)


@pytest.fixture(scope="module")
def published(site: context.SiteData) -> dict[str, str | bytes]:
    return {path: content for path, _, content in downloads.files(site)}


def _page_remarks(site: context.SiteData, year: int) -> dict[str, str]:
    """Each society's 备注 on the year's rankings page, as a reader reads it (links and the
    no-break spaces that keep a count with its word dropped)."""
    page = rankings.render(site, year)
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found: dict[str, str] = {}
    for row in body.split("<tr>")[1:]:
        [society] = (html.unescape(shown) for shown in _ROW_ID.findall(row))
        [remark] = _REMARK.findall(row)
        found[society] = html.unescape(_TAGS.sub("", remark)).replace("\u00a0", " ")
    return found


_ITEM = re.compile(r"^- \*\*(.+?)\*\*：(.*)$", re.MULTILINE)
# What only a programmer reads: the JSON files' field names, and JSON's null.
_FIELD_NAMES = (downloads.REMARK_KEY, downloads.PHASE_KEY, downloads.ASSOCIATION_WARNINGS_KEY,
                downloads.CHANGED_AFTER_FINAL_KEY, "warnings", "null")
_PROGRAMMERS = "### 给程序员：JSON 文件的字段"


def _readers_part(page: str) -> str:
    """The downloads page's 数据文件 section up to the files' table: what every reader reads."""
    return page.split("## 数据文件", 1)[1].split('<div class="sb-table', 1)[0]


def _column_items(page: str) -> dict[str, str]:
    """The readers' list of the tables' columns: each column's name and what its item says."""
    return dict(_ITEM.findall(_readers_part(page)))


def _csv_records(published: dict[str, str | bytes]) -> list[dict[str, str]]:
    data = published["evaluations.csv"]
    assert isinstance(data, str)
    return list(csv.DictReader(io.StringIO(data.removeprefix("\ufeff"))))


def test_the_ranking_download_says_each_years_phase_in_a_column_added_at_the_end(
        site: context.SiteData, published: dict[str, str | bytes]) -> None:
    """The 2018 rows had nothing saying the year is on notice, not final."""
    header = ranking_header(site.evaluations, site.repo.root)
    notice = phase.label(site, 2018)
    assert notice is not None
    assert notice.startswith("公示中")
    said = {2018: f"{notice}（截至 {ON_NOTICE}）", 2017: "最终结果"}  # a frozen year's words stay
    records = _csv_records(published)
    assert list(records[0]) == [*header, downloads.PHASE, downloads.ASSOCIATION_WARNINGS]  # the columns before as they were
    assert {int(r["年度"]) for r in records} == {2017, 2018}
    for r in records:
        assert r[downloads.PHASE] == said[int(r["年度"])], r
    data = published[downloads.WORKBOOK]
    assert isinstance(data, bytes)
    sheet = list(openpyxl.load_workbook(io.BytesIO(data))["排名和各领域得分"].iter_rows(values_only=True))
    assert list(sheet[0]) == [*header, downloads.PHASE, downloads.ASSOCIATION_WARNINGS]
    assert {(row[0], row[2]): row[-2] for row in sheet[1:]} == {
        (int(r["年度"]), r["学会 id"]): r[downloads.PHASE] for r in records}
    evaluations = json.loads(str(published["evaluations.json"]))["evaluations"]
    assert {(e["year"], e["society"]): e[downloads.PHASE_KEY] for e in evaluations} == {
        (int(r["年度"]), r["学会 id"]): r[downloads.PHASE] for r in records}


def test_the_ranking_downloads_remarks_are_the_rankings_pages(
        site: context.SiteData, published: dict[str, str | bytes]) -> None:
    """The file said “0 个错误，1 个警告” where the page said “…；待补充材料 1 项” and
    “…；异议受理中 1 条”: both come from `remarks.remark` now, a frozen year's too."""
    records = _csv_records(published)
    evaluations = json.loads(str(published["evaluations.json"]))["evaluations"]
    remarks = {(e["year"], e["society"]): e[downloads.REMARK_KEY] for e in evaluations}
    data = published[downloads.WORKBOOK]
    assert isinstance(data, bytes)
    sheet = list(openpyxl.load_workbook(io.BytesIO(data))["排名和各领域得分"].iter_rows(values_only=True))
    sheet_remarks = {(row[0], row[2]): row[-3] for row in sheet[1:]}
    for year in (2017, 2018):
        page = _page_remarks(site, year)
        assert len(page) == len(site.evaluations_in(year))
        for society, said in page.items():
            [row] = [r for r in records if r["年度"] == str(year) and r["学会 id"] == society]
            assert row["备注"] == said, (year, society)
            assert sheet_remarks[(year, society)] == said, (year, society)
            assert remarks[(year, society)] == said, (year, society)
    page = _page_remarks(site, 2018)
    assert page["cd-computer"] == "0 个错误，0 个警告；待补充材料 1 项"
    assert page["cd-tcm"].endswith("个警告；异议受理中 1 条")
    assert _page_remarks(site, 2017)["cd-hitech-park"].endswith("；不予认定 1 项")


def test_a_warning_that_waits_on_the_association_is_not_counted_against_the_society(site: context.SiteData) -> None:
    """“0 个错误，1 个警告” stood beside societies whose only warning was that the association had
    not yet published 2018's pilot list: the public 备注 leaves it out of the count, and the page
    says so; `check` still gives it, with its code, as a warning."""
    result, _ = check_tree(ROOT)
    pilot = {f.file for f in result.findings if f.code == "W-PILOT-NOT-CONFIRMED" and f.severity == "warning"}
    assert {"submissions/cd-computer/2018.yaml", "submissions/cd-mech-eng/2018.yaml"} <= pilot
    for society in ("cd-computer", "cd-mech-eng"):
        e = site.evaluation(society, 2018)
        assert e is not None
        assert (e.warnings, e.association_warnings) == (1, 1)  # the check's count stays in the record
        assert findings_note(e).endswith("，0 个警告")
    assert "不计等待市科协或其他学会的提示：市科协尚未公布本年度首批承能试点学会名单；" in rankings.explanation(site, 2018)
    # A frozen year's 备注 is as its results file recorded it: 2017's, finalized before the rule,
    # counts the same pilot warning 2018 leaves out, and its page says so.
    frozen = site.evaluation("cd-computer", 2017)
    assert frozen is not None
    assert findings_note(frozen) == f"0 个错误，{frozen.warnings} 个警告"
    assert site.frozen[2017].association_warnings is None
    counted_all = "（本年度定稿早于不计等待市科协或其他学会的提示的规定，警告数按定稿时计入全部警告）"
    assert rankings.explanation(site, 2017).startswith(f"备注列出校验发现的错误和警告{counted_all}")
    assert counted_all not in rankings.explanation(site, 2018)


def test_the_evaluations_download_says_how_many_warnings_its_remark_leaves_out(
        site: context.SiteData, published: dict[str, str | bytes]) -> None:
    """evaluations.json gave `"warnings": 1` beside `"remark": "0 个错误，1 个警告"`… and
    “0 个警告”, with nothing saying why: its records say how many the 备注 leaves out."""
    evaluations = json.loads(str(published["evaluations.json"]))["evaluations"]
    left_out = {(e["year"], e["society"]): e[downloads.ASSOCIATION_WARNINGS_KEY] for e in evaluations}
    assert left_out == {(e.year, e.society): e.association_warnings if e.year == 2018 else None  # 2017 recorded none
                        for e in site.evaluations}
    computer = next(e for e in evaluations if (e["year"], e["society"]) == (2018, "cd-computer"))
    assert (computer["warnings"], computer[downloads.ASSOCIATION_WARNINGS_KEY]) == (1, 1)
    assert computer[downloads.REMARK_KEY].startswith("0 个错误，0 个警告")
    page = str(dict(downloads.pages(site))[downloads.PAGE])
    said = _column_items(page)[downloads.ASSOCIATION_WARNINGS]
    assert said.startswith("备注中的警告数不计等待市科协或其他学会的提示，此列是这类提示的个数。")
    assert (f"<code>{downloads.ASSOCIATION_WARNINGS_KEY}</code> 依次与排名表的“备注”“阶段”“备注不计入的警告数”相同"
            "（“不详”时为 null；检查给出的警告总数是 <code>warnings</code>）") in page
    assert "</code> 是<code>" not in page  # read “association_warnings 是warnings”
    # The frozen years that recorded no such count are named as they are: 2017's results file.
    assert site.frozen[2017].association_warnings is None
    assert said.endswith("定稿时没有记录这一个数的年度（2017 年度），备注计入全部警告，此列写“不详”。")


def test_a_year_that_recorded_no_count_of_warnings_left_out_says_not_recorded_not_zero(
        site: context.SiteData, published: dict[str, str | bytes]) -> None:
    """Every 2017 row of evaluations.csv and of the workbook's sheet ended “最终结果,0”, and
    evaluations.json said 0: its results file recorded no such count, and a 0 filtered or summed
    reads as a real zero. It says 不详, as the item tables' 定稿后改动过 does, and null in JSON;
    2018's (open) counts stay numbers, its zeros too."""
    assert site.frozen[2017].association_warnings is None
    records = _csv_records(published)
    column = {(int(r["年度"]), r["学会 id"]): r[downloads.ASSOCIATION_WARNINGS] for r in records}
    assert {said for (year, _), said in column.items() if year == 2017} == {"不详"}
    assert {said for (year, _), said in column.items() if year == 2018} >= {"0", "1"}
    data = published[downloads.WORKBOOK]
    assert isinstance(data, bytes)
    sheet = list(openpyxl.load_workbook(io.BytesIO(data))[downloads.RANKINGS_SHEET].iter_rows(values_only=True))
    cells = {(row[0], row[2]): row[-1] for row in sheet[1:]}
    assert {said for (year, _), said in cells.items() if year == 2017} == {"不详"}
    assert {said for (year, _), said in cells.items() if year == 2018} >= {0, 1}  # numbers, not text
    evaluations = json.loads(str(published["evaluations.json"]))["evaluations"]
    by_year = {(e["year"], e["society"]): e[downloads.ASSOCIATION_WARNINGS_KEY] for e in evaluations}
    assert {said for (year, _), said in by_year.items() if year == 2017} == {None}
    assert all(isinstance(said, int) for (year, _), said in by_year.items() if year == 2018)
    page = str(dict(downloads.pages(site))[downloads.PAGE])
    assert "此列为 0" not in page


def test_the_ranking_tables_say_how_many_warnings_the_remark_leaves_out_in_a_last_column(
        site: context.SiteData, published: dict[str, str | bytes]) -> None:
    """Only evaluations.json had the count: evaluations.csv and the workbook's sheet showed
    2018's cd-computer “0 个警告” beside its one warning, with 2017's counting the same warning."""
    records = _csv_records(published)
    counts: dict[tuple[int, str], object] = {
        (int(r["年度"]), r["学会 id"]): int(r[downloads.ASSOCIATION_WARNINGS]) if r["年度"] == "2018"
        else r[downloads.ASSOCIATION_WARNINGS] for r in records}
    assert counts == {(e.year, e.society): e.association_warnings if e.year == 2018 else "不详" for e in site.evaluations}
    assert (counts[2018, "cd-computer"], counts[2017, "cd-computer"]) == (1, "不详")  # 2017 recorded none
    data = published[downloads.WORKBOOK]
    assert isinstance(data, bytes)
    sheet = list(openpyxl.load_workbook(io.BytesIO(data))["排名和各领域得分"].iter_rows(values_only=True))
    assert {(row[0], row[2]): row[-1] for row in sheet[1:]} == counts


def test_a_report_page_says_at_each_warning_the_remark_leaves_out_that_it_is_not_counted(
        site: context.SiteData) -> None:
    """cd-mech-eng's 2018 page showed the pilot warning with nothing saying the rankings' “0 个警告”
    leaves it out: each such warning says so once, by the reading that counts them (the member
    warning, which says it itself, not twice); 2017's, which its 备注 counts, says nothing."""
    from site_builder import report_page

    def rows(society: str, year: int) -> list[str]:
        page = report_page.render(site, site.repo.reports[society, year])
        found = page.split('aria-label="审核提示"', 1)[1].split("</table>", 1)[0]
        return [_TAGS.sub("", html.unescape(r)) for r in found.split("<tr>")[2:]]

    note = f"（{report_page.NOT_COUNTED}）"
    for society in ("cd-mech-eng", "cd-computer", "cd-tcm", "cd-hitech-park"):
        e = site.evaluation(society, 2018)
        assert e is not None
        said = rows(society, 2018)
        assert sum(report_page.NOT_COUNTED in r for r in said) == e.association_warnings == 1, said
        assert all(r.count(report_page.NOT_COUNTED) <= 1 for r in said), said
    [pilot] = rows("cd-mech-eng", 2018)
    assert pilot.startswith("警告市科协尚未公布 2018 年首批承能试点学会名单")
    assert pilot.split("条款")[0].endswith(note)
    assert not any(report_page.NOT_COUNTED in r for r in rows("cd-mech-eng", 2017))


def test_a_member_society_without_a_report_is_no_mark_against_the_consortiums_lead(site: context.SiteData) -> None:
    """A member society of a consortium the society leads has no report of the year: the guideline
    asks none of it and the tier counts it, so the lead's 备注 did not earn the “1 个警告” it got
    (the sample's 2018, once submission closed); `check` still gives the warning at the member."""
    result, _ = check_tree(ROOT)
    found = {f.file for f in result.findings if f.code == "W-CONSORTIUM-MEMBER-NO-REPORT" and f.severity == "warning"}
    assert found == {"submissions/cd-tcm/2018.yaml", "submissions/cd-hitech-park/2018.yaml"}
    page = _page_remarks(site, 2018)
    for society in ("cd-tcm", "cd-hitech-park"):
        e = site.evaluation(society, 2018)
        assert e is not None
        assert (e.warnings, e.association_warnings) == (1, 1)
        assert page[society].startswith("0 个错误，0 个警告"), page[society]
    said = rankings.explanation(site, 2018)
    assert ("（警告只计报告本身的问题，不计等待市科协或其他学会的提示：市科协尚未公布本年度首批承能试点学会名单；"
            "学会牵头的联合体中有成员学会没有本年度报告，而指南没有要求成员学会提交报告）") in said
    # Only the association's kind in the year's reports: the sentence names only it.
    alone = context.load(FIDELITY / "pilot-list-unpublished", SiteSettings(repo_url="https://github.com/example/r"),
                         ON_NOTICE)
    assert rankings.explanation(alone, 2017).startswith(
        "备注列出校验发现的错误和警告（警告只计报告本身的问题，不计等待市科协的提示：市科协尚未公布本年度首批承能试点学会名单）")


@pytest.mark.parametrize(("case", "waiting"), [("pilot-list-unpublished", 1), ("pilot-list-published", 0)])
def test_a_pilot_claim_counts_once_the_list_is_out(case: str, waiting: int) -> None:
    """The same code says, once the list is published, that the report claims what the list does
    not confirm: the society's to correct, counted."""
    result, repo = check_tree(FIDELITY / case)
    assert [f.code for f in result.findings if f.file == "submissions/cd-claim/2017.yaml"] == ["W-PILOT-NOT-CONFIRMED"]
    [e] = [e for e in evaluate_repository(repo) if e.society == "cd-claim"]
    assert (e.warnings, e.association_warnings) == (1, waiting)
    assert findings_note(e) == f"0 个错误，{1 - waiting} 个警告"


def test_the_policys_pending_warnings_name_a_warning_code_and_a_list_of_the_guideline() -> None:
    """policy.yaml's remarks.association_pending: each code is one the check gives, and each list a
    list field of the guideline file (read by its name)."""
    entries = policy().remarks.association_pending
    assert entries
    sources = "".join(p.read_text("utf-8") for p in (ROOT / "validators" / "rules").glob("*.py"))
    for entry in entries:
        assert f'"{entry.code}"' in sources, entry.code
        if entry.until_listed is not None:
            field = Guideline.model_fields[entry.until_listed]
            assert "list[" in str(field.annotation), entry.until_listed
    # A member without a report waits on that member whatever the guideline lists: always left out.
    [member] = [e for e in entries if e.code == "W-CONSORTIUM-MEMBER-NO-REPORT"]
    assert (member.until_listed, member.waits_on) == (None, "其他学会")


def test_the_member_warning_tells_the_lead_it_is_not_counted_as_the_policy_leaves_it_out() -> None:
    """W-CONSORTIUM-MEMBER-NO-REPORT tells the lead what to do when the member left, while the
    policy left it out of the public 备注 as nothing of the lead's: the message now says it does not
    count there, which holds only while the policy leaves it out always (no `until_listed`)."""
    [member] = [e for e in policy().remarks.association_pending if e.code == MEMBER_NO_REPORT_CODE]
    assert member.until_listed is None
    assert MEMBER_NO_REPORT.endswith(f"这条警告{NOT_COUNTED}。")


def test_the_guidelines_word_on_a_members_report_is_said_in_one_set_of_words() -> None:
    """That the guideline asks no report of a consortium's member society was written three ways:
    the check's warning and the tier line “指南没有要求成员学会提交报告”, the 备注's entry in
    policy.yaml “而指南并不要求成员学会提交”. Each says the check's words
    (`MEMBERS_NEED_NOT_REPORT`), and no source of the checks or the site words it otherwise or
    copies it: the constant's module and policy.yaml (data) are the only ones that write it."""
    [member] = [e for e in policy().remarks.association_pending if e.code == MEMBER_NO_REPORT_CODE]
    assert MEMBERS_NEED_NOT_REPORT in member.said
    assert MEMBERS_NEED_NOT_REPORT in MEMBER_NO_REPORT
    assert MEMBERS_NEED_NOT_REPORT in NO_REPORT_NOTE
    core = "要求成员学会提交"
    assert core in MEMBERS_NEED_NOT_REPORT
    writers = set()
    for folder in ("validators", "site_builder"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".js", ".md", ".txt"):
                said = path.read_text("utf-8")
                assert said.count(core) == said.count(MEMBERS_NEED_NOT_REPORT), path
                if core in said:
                    writers.add(path.relative_to(ROOT).as_posix())
    assert writers == {"validators/rules/cross_file_consortia.py", "validators/yaml/policy.yaml"}


def test_only_the_listed_codes_of_a_year_without_its_list_are_waiting() -> None:
    result, _ = check_tree(ROOT)
    rules = guideline(2018, ROOT)
    assert rules is not None
    assert not rules.pilot_societies
    found = [f for f in result.findings if f.file.endswith("/2018.yaml")]
    waiting = ("W-PILOT-NOT-CONFIRMED", "W-CONSORTIUM-MEMBER-NO-REPORT")
    assert association_warnings(found, rules) == sum(f.code in waiting for f in found) > 0
    published = rules.model_copy(update={"pilot_societies": ["cd-mech-eng"]})
    member = sum(f.code == "W-CONSORTIUM-MEMBER-NO-REPORT" for f in found)
    assert association_warnings(found, published) == member == 2


def test_the_downloads_page_explains_each_column_in_a_list_item_of_its_own(site: context.SiteData) -> None:
    """The explanation was one paragraph of about 30 lines on a phone, with the JSON files' field
    names (`changed_after_final`, null, `remark`, `phase`, …) among the readers' words: a list, one
    item per column, in readers' words, and the field names in a paragraph for programmers."""
    page = str(dict(downloads.pages(site))[downloads.PAGE])
    items = _column_items(page)
    assert list(items) == ["备注", downloads.PHASE, downloads.ASSOCIATION_WARNINGS, downloads.CHANGED_AFTER_FINAL]
    readers = _readers_part(page)
    assert [b for b in readers.split("\n\n") if len(_TAGS.sub("", b)) > 200] == []  # short blocks
    for name in _FIELD_NAMES:
        assert name not in readers, name
    assert items[downloads.PHASE].startswith("该年度在网站生成当天所处的阶段。公示中、核查中的年度尚未定稿")
    assert "公布的结果以定稿时的为准" in items[downloads.CHANGED_AFTER_FINAL]
    # For programmers: under a heading of its own, after the files' table, every field name.
    assert page.index("</table>") < page.index(_PROGRAMMERS)
    programmers = page.split(_PROGRAMMERS, 1)[1]
    for name in _FIELD_NAMES[:-1]:
        assert f"<code>{name}</code>" in programmers, name
    assert f"<code>{downloads.CHANGED_AFTER_FINAL_KEY}</code> 与“{downloads.CHANGED_AFTER_FINAL}”相同" in programmers


def test_the_downloads_page_names_the_workbooks_sheet_of_the_ranking_columns(
        site: context.SiteData, published: dict[str, str | bytes]) -> None:
    """The sentence on 阶段 and 备注不计入的警告数 named evaluations.csv and evaluations.json only:
    the workbook's sheet has the same columns, and the page names it."""
    page = str(dict(downloads.pages(site))[downloads.PAGE])
    lead = ("排名表（<code>evaluations.csv</code>，<code>tables.xlsx</code> 的“排名和各领域得分”页）的最后三列：\n\n"
            "- **备注**")
    assert lead in _readers_part(page)
    data = published[downloads.WORKBOOK]
    assert isinstance(data, bytes)
    sheet = next(openpyxl.load_workbook(io.BytesIO(data))[downloads.RANKINGS_SHEET].iter_rows(values_only=True))
    assert list(sheet[-3:]) == ["备注", downloads.PHASE, downloads.ASSOCIATION_WARNINGS]
