"""What the area pages and a society's report page say of an item's standing, as reviewers read
them: a pilot claim the association's list does not confirm is no 是; a 0 says why (有错误,
不予认定, 待补充材料, 待核实, and in a finalized year 定稿时未核实) and links to where the report page
says more; an item 不予认定 has its box on top of the report page, as items waiting for material
do; a field the report never wrote is 未填报, not 否; and the printed report says where the page and
its guideline are online."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
import yaml

from site_builder import items
from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from site_builder.markup import text
from site_builder.typography import tight
from tests.trees import LATE_MAJOR_WORK, ROOT, base_tree
from validators.association.reviews import Standing, current_contents
from validators.check import check_tree
from validators.evaluation.score_lines import ScoreLine
from validators.evaluation.scoring import Evaluation
from validators.models.review import FINAL_REQUESTED, UNVERIFIED, ItemReview, ReviewStatus

SITE_URL = "https://example.org/registry/"
SETTINGS = SiteSettings(repo_url="https://github.com/example/registry", site_url=SITE_URL)
# 2018 is on notice: only verified items count (an item waiting for material earns 0).
DATE = "2026-12-07"
# A verdict of 不予认定 on one 2018 event, its reason with markup that must stay text.
REASON = "参会国家只核实到 2 个 <b>不满</b> 3 个"
REJECTED = f"""items:
  - item: evt-intl-robotics
    status: 不予认定
    reason: '{REASON}'
    reviewer: cast-reviewer
    date: 2026-11-20
rest:"""
TD = re.compile(r"<td[^>]*>(.*?)</td>")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = base_tree(tmp_path_factory.mktemp("verdicts") / "tree")
    review = root / "reviews" / "2018" / "cd-mech-eng.yaml"
    review.write_text(review.read_text("utf-8").replace("rest:", REJECTED, 1), "utf-8")
    out = root / "docs"
    generate(root, out, settings=SETTINGS, date=DATE)
    return out


def _page(docs: Path, path: str) -> str:
    return (docs / path / "index.md").read_text("utf-8")


def _table(markdown: str, label: str) -> str:
    """The table labelled `label`."""
    start = markdown.index(f'aria-label="{label}"')
    return markdown[start:markdown.index("</table>", start)]


def _row(markdown: str, has: str) -> list[str]:
    """The cells of the one table row holding `has`."""
    [row] = [r for r in re.findall(r"<tr>(.*?)</tr>", markdown) if has in r]
    return TD.findall(row)


def test_an_area_page_says_a_pilot_claim_as_the_society_page_does(docs: Path) -> None:
    """areas/2018/government_functions/ read “首批承能试点 | …机械工程学会 是” while 2018 has no
    published list: the claim is said in the society page's words, from one place."""
    said = "自报是；市科协尚未公布本年度名单，暂不计试点分"
    area = _table(_page(docs, "areas/2018/government_functions"), "各学会的填报情况")
    for name, society in (("机械工程学会", "cd-mech-eng"), ("计算机学会", "cd-computer")):
        cells = _row(area, name)
        assert cells[1] == said, cells
        assert f"首批承能试点学会：{said}。" in _page(docs, f"societies/{society}/2018")
    assert "否" in _row(area, "生态环境保护协会")[1]
    # A report without the area is listed too, as its page says it (two were missing).
    for society in ("cd-electronics", "cd-hitech-park"):
        doc = yaml.safe_load((ROOT / "submissions" / society / "2018.yaml").read_text("utf-8"))
        assert "government_functions" not in doc, society
        assert f"societies/{society}/" in area
    assert area.count("<tr>") - 1 == len(list((ROOT / "submissions").glob("*/2018.yaml")))
    assert _row(area, "高新区园区科协")[1] == "未填报"


@pytest.mark.parametrize(("listed", "pilot", "said"), [
    ((), True, "自报是；市科协尚未公布本年度名单，暂不计试点分"),
    (("cd-x",), True, "是（列入市科协公布的名单）"),
    (("cd-y",), True, "自报是；不在市科协公布的名单中，不计试点分"),
    (("cd-x",), None, "是（列入市科协公布的名单）"),
    ((), False, "否"),
    ((), None, "未填报"),
])
def test_a_pilot_claim_is_said_against_the_published_list(listed: tuple[str, ...], pilot: bool | None,
                                                           said: str) -> None:
    gov = SimpleNamespace(pilot=bool(pilot), model_fields_set={"pilot"} if pilot is not None else set())
    report = SimpleNamespace(society="cd-x", year=2018, government_functions=gov)
    site = SimpleNamespace(guideline=lambda _year: SimpleNamespace(pilot_societies=list(listed)), frozen={})
    assert items.pilot_status(cast(Any, site), cast(Any, report)) == said
    # A finalized year: a claim with no list published by then is said as it stands, no “暂”.
    final = SimpleNamespace(**{**vars(site), "frozen": {2018: object()}})
    final_said = "自报是；定稿时市科协未公布名单，不计试点分" if said.startswith("自报是；市科协尚未") else said
    assert items.pilot_status(cast(Any, final), cast(Any, report)) == final_said


def test_a_finalized_years_pilot_claim_is_not_promised_points(docs: Path) -> None:
    """2017 is final and its list was never published: the report and area pages said the score
    was only held back (暂不计试点分, 名单公布并列入本学会后才计分), which the frozen result cannot do."""
    page = _page(docs, "societies/cd-computer/2017")
    assert "首批承能试点学会：自报是；定稿时市科协未公布名单，不计试点分。" in page
    assert "才计分" not in page
    assert "暂不计试点分" not in page
    assert "定稿时市科协未公布 2017 年首批承能试点学会名单，本学会自报为试点学会，不计试点分。" in page
    area = _table(_page(docs, "areas/2017/government_functions"), "各学会的填报情况")
    assert _row(area, "计算机学会")[1] == "自报是；定稿时市科协未公布名单，不计试点分"
    # 2018 is not final: its claim still waits for the list.
    assert "名单公布并列入本学会后才计分" in _page(docs, "societies/cd-computer/2018")


def test_a_zero_on_an_area_page_says_why_and_links_to_the_item_on_the_society_page(docs: Path) -> None:
    """areas/2018/innovation/ showed “中小企业上云技术咨询 | 0” with no reason, while the society
    page said it waits for material."""
    cells = _row(_page(docs, "areas/2018/innovation"), "中小企业上云技术咨询")
    anchor = "item-innovation-svc-cloud-consult"
    assert cells[2] == (f'0<span class="sb-why">（<a href="../../../societies/cd-computer/2018/#{anchor}">'
                        "待补充材料</a>）</span>"), cells
    society = _page(docs, "societies/cd-computer/2018")
    assert f'<span id="{anchor}">中小企业上云技术咨询</span>' in society
    # There, the same words, linked to the item's entry in the box of items waiting for material.
    assert _row(society, f'id="{anchor}"')[1] == (
        '0<span class="sb-why">（<a href="#why-svc-cloud-consult">待补充材料</a>）</span>')
    assert '- <span id="why-svc-cloud-consult"></span>**中小企业上云技术咨询**（市科协 2026-11-12 提出）：' in society


def test_a_zero_s_reason_is_the_verdict_its_line_was_refused_by() -> None:
    """The words are those of the lines (an error's, or the review's refusal, Standing.refusal)."""
    def line(item: str, rule: str, note: str, points: float = 0.0) -> ScoreLine:
        return ScoreLine("academic_events", "5.1", item, rule, points, note, "f.yaml", 1)

    unverified = Standing(None, strict=True).refusal("e4")
    assert unverified is not None
    requested = Standing(None, strict=True)
    requested.records["e3"] = ItemReview(item="e3", status=ReviewStatus.MATERIAL_REQUESTED, reason="请补充合同",
                                         reviewer="cast-reviewer", date=dt.date(2026, 11, 12))
    e = SimpleNamespace(lines=[
        line("e1", "error", "本项有错误，不计分：日期不在评估期内"),
        line("e2", "review", "市科协核查不予认定（2026-11-20）：不满 3 个"),
        line("e3", "review", requested.refusal("e3") or ""),
        line("e4", "review", unverified),
        line("e5", "event", "本规则最多计 2 项，已计满，此项不计分"),
        line("e6", "event", "计分", 2.0),
        # A finalized year's page reads the notes its results file stored, in the words of their day.
        line("e7", "review", "待补充材料，未经核实，不计分（2018-01-04）：请补充合同"),
        line("e8", "review", "未经市科协核实，不计分"),
        line("e9", "review", "“其余全部核实”（2026-11-12）之后新增或改动，须重新核查：未经核实，不计分"),
        line("e10", "review", "市科协核查（2026-11-12）之后内容有改动，须重新核查：未经核实，不计分"),
    ])
    assert items.zero_reasons(cast(Evaluation, e)) == {
        ("academic_events", "e1"): "有错误", ("academic_events", "e2"): "不予认定",
        ("academic_events", "e3"): "待补充材料", ("academic_events", "e4"): "待核实",
        ("academic_events", "e5"): "不计分", ("academic_events", "e7"): "待补充材料",
        ("academic_events", "e8"): "待核实", ("academic_events", "e9"): "待核实",
        ("academic_events", "e10"): "待核实"}
    # A finalized year's item never verified waits for nothing: said so, the rest alike.
    final = items.zero_reasons(cast(Evaluation, e), final=True)
    assert {key for key, why in final.items() if why == items.FINAL_UNVERIFIED} == {
        ("academic_events", f"e{i}") for i in (4, 8, 9, 10)}
    assert UNVERIFIED not in final.values()
    # Nor does one whose material never came: 定稿时仍待补充材料, as its frozen line says (a reviewer
    # read “0（待补充材料）” in a finalized year as an invitation to send it still).
    assert final[("academic_events", "e3")] == final[("academic_events", "e7")] == FINAL_REQUESTED
    assert ReviewStatus.MATERIAL_REQUESTED.label not in final.values()
    # The word the page gives an unverified item is the one its line and its mark use.
    assert unverified.startswith(UNVERIFIED + "：")
    assert Standing(None, strict=False).mark("e4") == UNVERIFIED


def _finalize(root: Path, year: int, day: str) -> None:
    """`finalize` as the admins run it, on the tree's data as they are (--accept-pending: items not
    verified by then earn nothing, frozen so)."""
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "finalize", str(year),
                           "--date", day, "--accept-pending"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr


def test_a_finalized_years_item_never_verified_is_said_so_and_not_waiting(tmp_path: Path) -> None:
    """End to end: two major works cd-computer added after the staff verified its 2017 report (the
    rest recording what it saw), 2017 then finalized. Its report and area pages say of them 0
    （定稿时未核实）: nothing will verify them any more. The same two added to 2018, on notice, say
    0（待核实）: the year is still verified."""
    root = base_tree(tmp_path / "tree")
    (root / "results" / "2017.json").unlink()  # finalized anew below, with the two items
    _, repo = check_tree(root)
    saw = ", ".join(current_contents(repo.reports[("cd-computer", 2017)].report).values())
    review = root / "reviews" / "2017" / "cd-computer.yaml"
    rest = "rest: {status: 已核实, reviewer: cast-reviewer, date: 2018-01-04"
    assert rest + "}" in review.read_text("utf-8")
    review.write_text(review.read_text("utf-8").replace(rest + "}", f"{rest}, contents: [{saw}]}}"), "utf-8")
    for year, added in ((2017, LATE_MAJOR_WORK.replace("date: 2018-", "date: 2017-")), (2018, LATE_MAJOR_WORK)):
        report = root / "submissions" / "cd-computer" / f"{year}.yaml"
        report.write_text(report.read_text("utf-8") + added, "utf-8")
    _finalize(root, 2017, "2018-02-01")  # 2017's final day is 2018-01-26
    docs = tmp_path / "docs"
    generate(root, docs, settings=SETTINGS, date=DATE)
    for year, said in ((2017, items.FINAL_UNVERIFIED), (2018, UNVERIFIED)):
        page = _page(docs, f"societies/cd-computer/{year}")
        area = _page(docs, f"areas/{year}/major_work")
        for item in ("mw-reform-late", "mw-party-late"):
            anchor = items.item_anchor("major_work", item)
            assert _row(page, f'id="{anchor}"')[1] == f'0<span class="sb-why">（<a href="#lines">{said}</a>）</span>'
            assert _row(area, f'data-item="{item}"')[2] == (
                f'0<span class="sb-why">（<a href="../../../societies/cd-computer/{year}/#{anchor}">{said}</a>）</span>')
    # The finalized page's items say nothing of waiting, and promise no points once verified.
    page = _page(docs, "societies/cd-computer/2017")
    assert f">{UNVERIFIED}<" not in page
    assert "经市科协核实后可再得" not in page
    assert "经市科协核实后可再得" in _page(docs, "societies/cd-computer/2018")


def test_an_item_not_recognised_has_its_box_and_its_row_links_to_the_reason(docs: Path) -> None:
    """A rejected item showed only “得分：0” in the report's table, its reason far down in the lines:
    during the notice, what a society weighs before it objects."""
    page = _page(docs, "societies/cd-mech-eng/2018")
    box = page.index('<div class="admonition failure" data-search-exclude>\n<p class="admonition-title">不予认定：1 项</p>')
    assert box < page.index("{#report ")  # on top, before the report's content
    note = text(tight(f"市科协核查不予认定（2026-11-20）：{REASON}"))  # the line's words, as 评估明细 shows them
    entry = f'<li><span id="not-recognised-evt-intl-robotics"></span><strong>中德智能机器人技术研讨会</strong>：{note}</li>'
    assert _row(page, ">中德智能机器人技术研讨会</td>")[2].endswith(f"）：{text(REASON)}")
    assert entry in page
    assert "<b>不满" not in page
    assert "&#60;b&#62;不满" in text(REASON)
    cells = _row(page, "item-academic_events-evt-intl-robotics")
    assert cells[1] == '0<span class="sb-why">（<a href="#not-recognised-evt-intl-robotics">不予认定</a>）</span>'
    area = _row(_page(docs, "areas/2018/academic_events"), "中德智能机器人技术研讨会")
    assert area[2] == ('0<span class="sb-why">（<a href="../../../societies/cd-mech-eng/2018/'
                       '#item-academic_events-evt-intl-robotics">不予认定</a>）</span>'), area
    # A report with nothing rejected has no such box.
    assert "不予认定：" not in _page(docs, "societies/cd-computer/2018")


def test_a_field_the_report_never_wrote_is_not_said_to_be_no(docs: Path) -> None:
    """evt-intl-robotics has no main_forum, sub_forums or materials: the page said “否／0” and
    “否”, a no the society never made (the model's default scores nothing, and still does)."""
    page = _page(docs, "societies/cd-mech-eng/2018")
    columns = ["活动", "得分", "类别", "角色", "日期", "参与人数", "主论坛／分论坛", "会议资料"]
    robotics = dict(zip(columns, _row(page, "item-academic_events-evt-intl-robotics"), strict=False))
    assert (robotics["主论坛／分论坛"], robotics["会议资料"]) == ("未填报", "未填报")
    annual = dict(zip(columns, _row(page, "item-academic_events-evt-annual-2018"), strict=False))
    assert (annual["主论坛／分论坛"], annual["会议资料"]) == ("是／6", "是")


def test_a_list_the_report_never_wrote_is_unreported_as_a_yes_no_is(docs: Path) -> None:
    """evt-blockchain-national writes no countries, and the 2018 annual meeting no speakers'
    provinces: the page said “0” beside “未填报”, three ways for one thing; “—” stays for a
    field that does not apply (no occasion for a national conference)."""
    page = _page(docs, "societies/cd-computer/2018")
    table = _table(page, "学术交流活动")
    heads = re.findall(r"<th[^>]*>(.*?)</th>", table)
    event = dict(zip(heads, _row(table, "item-academic_events-evt-blockchain-national"), strict=False))
    assert event["参加者的国家或地区"] == "未填报", event
    assert event["外省报告人的省（区、市）"].startswith("7："), event
    assert event["主论坛／分论坛"] == event["会议资料"] == "未填报"
    assert event["科普活动"] == "—"
    mech = _table(_page(docs, "societies/cd-mech-eng/2018"), "学术交流活动")
    robotics = dict(zip(heads, _row(mech, "item-academic_events-evt-intl-robotics"), strict=False))
    assert robotics["外省报告人的省（区、市）"] == "未填报", robotics
    assert robotics["参加者的国家或地区"].startswith("3："), robotics


def test_the_workbench_case_says_a_field_never_written_as_the_report_page_does(docs: Path) -> None:
    """The case data said [“设有主论坛”, “否”] where the report page says 未填报."""
    from site_builder import workbench
    from site_builder.context import load

    site = load(docs.parent, SETTINGS, DATE)
    case = workbench.case_data(site, site.repo.reports[("cd-computer", 2018)])
    [event] = [i for a in case["areas"] for i in a["items"] if i["id"] == "evt-blockchain-national"]
    fields = dict(event["fields"])
    assert fields["设有主论坛"] == fields["制作了会议资料"] == fields["参加的科技人员来自的国家或地区"] == "未填报"
    assert fields["分论坛个数"] == items.NOT_REPORTED
    assert "所在的全国性、全市性科普活动" not in fields  # no occasion: nothing to say


def test_a_printed_report_says_where_it_and_its_guideline_are_online(docs: Path, tmp_path: Path) -> None:
    """Paper drops the 原文 column and every link: one printed line gives the page's own address
    and its guideline's (the site's configured site_url), so a reader can look a clause up."""
    page = _page(docs, "societies/cd-mech-eng/2018")
    [line] = re.findall(r'<p class="sb-print-only[^"]*"[^>]*>(.*?)</p>', page)
    here, clauses = SITE_URL + "societies/cd-mech-eng/2018/", SITE_URL + "guideline/2018/"
    assert line == (f'网上查阅：本报告 <a href="{here}" class="sb-url">{text(here)}</a>；'
                    f'指南条款原文 <a href="{clauses}" class="sb-url">{text(clauses)}</a>')
    css = (Path(items.__file__).parent / "assets" / "print.css").read_text("utf-8")
    assert re.search(r"@media screen \{\s*\.sb-print-only \{\s*display: none;", css)


def test_the_rubric_page_and_the_workbench_name_the_mark_the_report_pages_show(docs: Path) -> None:
    """The rubric page said unverified items are marked “待核查” and the workbench quoted it, while the
    report page's mark, its lines and the form say 待核实 (UNVERIFIED): one word for one state."""
    rubric = (docs / "rubric" / "index.md").read_text("utf-8")
    assert f"{UNVERIFIED}的项目暂按报告计分，网站标注“{UNVERIFIED}”" in rubric
    workbench = (ROOT / "site_builder" / "review" / "review.js").read_text("utf-8")
    assert f"（网站标“{UNVERIFIED}”）" in workbench
    for page in (rubric, workbench):
        assert "待核查" not in page
        assert "尚未核实" not in page
