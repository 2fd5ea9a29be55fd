"""The rankings page says which items score in the year's phase, its 备注 says what the
association's verification and the year's objections hold of each score, and an objection names
the item it is about (the sample data: 2018 on notice from 2026-11-16, 2017 frozen)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from site_builder import context, rankings
from site_builder.form_page import SiteSettings
from site_builder.markup import text
from site_builder.report_page import render as report_page
from tests.trees import ROOT, base_tree
from validators.evaluation.reports import findings_note

ON_NOTICE = "2026-12-07"  # 2018: 公示中 (only verified items count)
BEFORE_NOTICE = "2026-11-01"  # 2018: 核查中, before the notice (the rubric counts provisionally)
SETTINGS = SiteSettings(repo_url="https://github.com/example/r")
STATION = "温江中医药健康产业学会服务站"  # cd-tcm's 2018 station, named by the sample's objection


def _site(root: Path, day: str) -> context.SiteData:
    return context.load(root, SETTINGS, day)


def _row(page: str, name: str) -> str:
    """The first table row naming `name` (not the text before the first row: a society page's
    note on its open objection names the year's report too)."""
    return next(r for r in page.split("<tr>")[1:] if name in r)


def _remark(row: str) -> str:
    """The row's last cell, 备注 (a society page's years)."""
    return row.rsplit("<td", 1)[1].split(">", 1)[1].rsplit("</td>", 1)[0]


def _ranking_remark(row: str) -> str:
    """A ranking row's 备注, under the society's name in its 学会 cell (a count and its word are
    joined by a no-break space there: read as a space)."""
    said = row.split('<span class="sb-remark">', 1)[1].split("</span></td>", 1)[0]
    assert said.startswith("备注："), said
    return said.removeprefix("备注：").replace("\u00a0", " ")


def test_the_explanation_says_which_items_score_in_a_verified_year_on_notice() -> None:
    said = rankings.explanation(_site(ROOT, ON_NOTICE), 2018)
    assert "其余项目照常计分" not in said
    assert "现在只有“已核实”的项目计分，“待补充材料”“不予认定”和“待核实”的项目不计分。" in said
    assert "以及“待补充材料”“不予认定”的项目数和受理中的异议" in said


def test_the_explanation_before_the_notice_says_what_counts_provisionally() -> None:
    said = rankings.explanation(_site(ROOT, BEFORE_NOTICE), 2018)
    assert "其余项目照常计分" not in said
    assert "“不予认定”的项目不计分；“待核实”和“待补充材料”的项目暂按报告计分" in said
    assert "2026 年 11 月 16 日公示起只有“已核实”的项目计分" in said


def test_the_explanation_of_a_frozen_year_and_of_a_year_not_verified(tmp_path: Path) -> None:
    frozen = rankings.explanation(_site(ROOT, ON_NOTICE), 2017)
    assert "定稿的结果中只有“已核实”的项目计分" in frozen
    assert "定稿时未核实的项目不计分" in frozen  # it waits for nothing any more (the 得分 cell's word)
    # A frozen row's 备注 is as finalized: it counts what the frozen lines held back, nothing open.
    assert "以及定稿时“待补充材料”“不予认定”的项目数。" in frozen
    assert "受理中的异议" not in frozen
    # A year the association keeps no verification for (no reviews/<year>/): every item without an
    # error scores, as the page always said.
    root = base_tree(tmp_path / "tree", ("submissions",))
    said = rankings.explanation(_site(root, ON_NOTICE), 2018)
    # (The sample's 2018 pilot claims wait on a list the association has not published, two leads'
    # consortia on a member society's report: tests/test_downloads_ranking.py.)
    assert said == ("备注列出校验发现的错误和警告（警告只计报告本身的问题，不计等待市科协或其他学会的提示："
                    "市科协尚未公布本年度首批承能试点学会名单；学会牵头的联合体中有成员学会没有本年度报告，"
                    "而指南没有要求成员学会提交报告）：有错误的项目不计分，其余项目照常计分。")


def test_the_remarks_say_items_waiting_for_material_not_recognised_and_open_objections(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    page = html.unescape(rankings.render(_site(root, ON_NOTICE), 2018))
    # The sample: one item of the computer society waits for material (worth up to 3 points);
    # the society of TCM has an objection 受理中, answered below the table.
    assert _ranking_remark(_row(page, "成都市计算机学会")).endswith("个警告；待补充材料 1 项")
    assert _ranking_remark(_row(page, "成都市中医药学会")).endswith('个警告；<a href="#objections">异议受理中 1 条</a>')
    assert "{#objections " in page
    # Nothing held: the check's words alone.
    assert _ranking_remark(_row(page, "成都市机械工程学会")).endswith("个警告")
    # A second verdict, 不予认定, for another of the computer society's items.
    review = root / "reviews" / "2018" / "cd-computer.yaml"
    written = review.read_text("utf-8")
    refused = ("  - item: svc-ai-talent\n    status: 不予认定\n    reason: 不是学会组织的引才活动。\n"
               "    reviewer: cast-reviewer\n    date: 2026-11-12\n")
    review.write_text(written.replace("items:\n", "items:\n" + refused, 1), "utf-8")
    page = html.unescape(rankings.render(_site(root, ON_NOTICE), 2018))
    assert _ranking_remark(_row(page, "成都市计算机学会")).endswith("个警告；待补充材料 1 项；不予认定 1 项")


_CELLS = re.compile(r"<td[^>]*>(.*?)</td>")
_TAGS = re.compile(r"<[^>]+>")
_REPORT_LINK = re.compile(r'href="\.\./\.\./societies/([^/"]+)/2018/"')
_SHOWN_ID = re.compile(r'<code class="sb-society-id">([^<]+)</code>')


def test_a_rows_remarks_and_the_id_that_breaks_ties_are_shown_in_its_society_cell() -> None:
    """On a phone (390 px) the 备注 column, after seven area scores, was off the screen; and the
    page said ties go by the societies' English codes, which the table did not show. Each row's
    学会 cell now shows its id after the name and its 备注 under them; no column follows the
    area scores, and the rows' order is the one the page states, by what the table shows."""
    site = _site(ROOT, ON_NOTICE)
    page = html.unescape(rankings.render(site, 2018))
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert "备注" not in head
    assert "总分相同的按学会名称后的英文代号的字母顺序排列" in page
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]  # the ranking, not the objections
    rows = body.split("<tr>")[1:]
    assert len(rows) == len(site.evaluations_in(2018))
    shown = []
    for row in rows:
        cells = _CELLS.findall(row)
        assert len(cells) == 4 + len(site.area_headers(2018)), cells
        linked = _REPORT_LINK.search(cells[1])
        assert linked is not None, cells[1]
        [society] = _SHOWN_ID.findall(cells[1])
        assert society == linked.group(1)
        assert '<br><span class="sb-remark">备注：' in cells[1]
        # A count keeps its word on its line: “1” did end a line of a narrow 备注.
        assert "\u00a0个警告" in cells[1], cells[1]
        shown.append((-float(cells[2]), society))
    assert shown == sorted(shown)


def test_a_frozen_years_remarks_stay_as_finalized_whatever_the_reviews_say_now(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    # A request for material recorded after 2017 was frozen: the frozen rows do not count it.
    review = root / "reviews" / "2017" / "cd-computer.yaml"
    written = review.read_text("utf-8")
    requested = ("items:\n  - item: {item}\n    status: 待补充材料\n    reason: 请补充服务确认函。\n"
                 "    reviewer: cast-reviewer\n    date: 2018-01-04\n")
    doc = _site(root, ON_NOTICE).repo.reports[("cd-computer", 2017)]
    first = doc.report.innovation.services[0].id if doc.report.innovation else None
    assert first is not None
    review.write_text(written.replace("rest:", requested.format(item=first) + "rest:", 1), "utf-8")
    site = _site(root, ON_NOTICE)
    page = html.unescape(rankings.render(site, 2017))
    for e in site.frozen[2017].evaluations:
        # The frozen lines' 不予认定 (the sample's 高新区园区科协 event), as its report page's box counts it.
        refused = sum(1 for x in e.lines if x.rule == "review" and x.note.startswith("市科协核查不予认定"))
        said = findings_note(e) + (f"；不予认定 {refused} 项" if refused else "")
        assert _ranking_remark(_row(page, f"/{e.society}/2017/")) == said, e.society
    assert "不予认定 1 项" in _ranking_remark(_row(page, "/cd-hitech-park/2017/"))


def test_the_objection_names_its_item_linked_to_its_row_on_the_report_page() -> None:
    site = _site(ROOT, ON_NOTICE)
    page = rankings.render(site, 2018)
    objections = page[page.index("公示期的异议"):]
    assert "<th>议题</th>" not in objections  # 议题 alone reads as the objection's subject
    assert "<th>GitHub 议题</th>" in objections
    # The id the check asks a correcting pull request to name (W-CYCLE-OBJECTION) is on the page.
    [objection] = site.repo.objections[2018].usable()
    [cell] = re.findall(r'<td data-label="编号">(.*?)</td>', objections)
    assert html.unescape(re.sub("<[^>]+>", "", cell)) == objection.id
    assert ('<td data-label="涉及项目"><a href="../../societies/cd-tcm/2018/#item-service_stations-station-wenjiang-health">'
            f"{STATION}</a></td>") in objections
    report = report_page(site, site.repo.reports[("cd-tcm", 2018)])
    assert f'<span id="item-service_stations-station-wenjiang-health">{STATION}' in report


def test_an_objection_naming_no_item_says_so_and_its_text_is_escaped(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    file = root / "reviews" / "2018" / "objections.yaml"
    written = file.read_text("utf-8")
    hostile = "<img src=x onerror=alert(1)>对年会的参会人数有异议。"
    file.write_text(written.replace(f"subject: {STATION} 2018 年的活动次数与公开报道不一致，请核实。",
                                 f'subject: "{hostile}"'), "utf-8")
    page = rankings.render(_site(root, ON_NOTICE), 2018)
    assert "<img src=x" not in page
    assert f'<td data-label="事由">{text(hostile)}</td>' in page
    assert '<td data-label="涉及项目">见事由</td>' in page



@pytest.mark.parametrize(("subject", "named"), [
    ("学会官网所列“读书沙龙”活动次数与报告不一致。", False),  # 沙龙 is part of another name
    ("对“沙龙”的参加人数有异议。", True),  # quoted, it is the item's name
    ("沙龙的参加人数有异议。", False),  # too short to be found unquoted
])
def test_an_objection_names_a_short_title_only_quoted(tmp_path: Path, subject: str, named: bool) -> None:
    """A salon titled 沙龙 was linked from “读书沙龙”: a wrong link is worse than 见事由."""
    root = base_tree(tmp_path / "tree")
    report = root / "submissions" / "cd-tcm" / "2018.yaml"
    data = yaml.safe_load(report.read_text("utf-8"))
    [salon] = [e for e in data["academic_events"] if "沙龙" in e["title"]][:1]
    salon["title"] = "沙龙"
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    file = root / "reviews" / "2018" / "objections.yaml"
    written = file.read_text("utf-8")
    file.write_text(written.replace(f"subject: {STATION} 2018 年的活动次数与公开报道不一致，请核实。",
                                    f"subject: {subject}"), "utf-8")
    page = rankings.render(_site(root, ON_NOTICE), 2018)
    linked = f'#item-academic_events-{salon["id"]}">沙龙</a>' in page
    assert linked == named
    assert ('<td data-label="涉及项目">见事由</td>' in page) != named


@pytest.mark.parametrize(("recorded", "verified"), [({}, False), ({"reviews/2017/cd-agri.yaml": "0" * 64}, True)])
def test_a_frozen_year_is_explained_as_it_was_finalized(recorded: dict[str, str], verified: bool) -> None:
    """Whether a frozen year's numbers were computed under verification is what its results file
    recorded (the review files it froze), not whether reviews/<year>/ exists today."""
    site = _site(ROOT, ON_NOTICE)
    assert 2017 in site.repo.reviewed_years
    site.frozen[2017] = site.frozen[2017].model_copy(update={"review_sha256": recorded})
    said = rankings.explanation(site, 2017)
    assert ("定稿的结果中只有“已核实”的项目计分" in said) == verified, said
    assert ("其余项目照常计分" in said) != verified, said


def test_the_society_pages_years_table_says_what_the_rankings_hold_as_they_say_it(tmp_path: Path) -> None:
    """The society page's 备注 left out the 待补充材料 the rankings' 备注 showed; both come from
    `remarks.held` now, and the open objection links to the report's list, not the rankings'."""
    from site_builder import society_page

    root = base_tree(tmp_path / "tree")
    site = _site(root, ON_NOTICE)
    years = html.unescape(society_page.render(site, "cd-computer"))
    said = _remark(_row(years, "2018 年度报告"))
    assert _TAGS.sub("", said) == "公示中，尚未定稿；待补充材料 1 项"
    assert 'class="sb-phase-not-final" data-sb-phases=' in said  # the phase follows the reader's day
    tcm = html.unescape(society_page.render(site, "cd-tcm"))
    remark = _remark(_row(tcm, "2018 年度报告"))
    assert remark.count("异议受理中 1 条") == 1, remark
    assert '#objections"' not in remark, remark
    assert "y2018-objections" in remark, remark
    # A frozen year's, as finalized: the sample's 高新区园区科协 had one event not recognised in 2017.
    park = html.unescape(society_page.render(site, "cd-hitech-park"))
    assert _remark(_row(park, "2017 年度报告")).endswith("不予认定 1 项")


_ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
_KEY = re.compile(r'<p class="sb-area-key"[^>]*>(.*?)</p>\s*<div class="sb-table"', re.S)
_KEY_ITEM = re.compile(r'<span class="sb-area-key__item"><strong>([^<]*)</strong>&nbsp;([^<]*)</span>')
_TAG = re.compile(r"<[^>]+>")


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_area_columns_are_named_right_above_the_table(year: int) -> None:
    """On a phone the area columns are headed 一…七 alone, their titles on hover (which a finger
    cannot do): a key right above the table names each, from the data the headers read."""
    page = rankings.render(_site(ROOT, ON_NOTICE), year)
    head = page[page.index("<thead>"):page.index("</thead>")]
    headers = [(n, title) for title, n in _ABBR.findall(head)]
    [key] = _KEY.findall(page)
    assert _KEY_ITEM.findall(key) == headers
    assert len(headers) == 7
    assert html.unescape(_TAG.sub("", key)).startswith("各领域得分列：一\u00a0创新驱动助力工程；二\u00a0")
