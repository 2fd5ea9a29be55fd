"""Each year's phase as days pass after the build, and a year open for filing with no report yet.

A page built on 2026-12-05 and read on 2026-12-20 still said “公示中：至 12 月 10 日…请在 2026-12-10
之前提交异议”. Every phase the site says now carries, as data, what site_builder/phase.py says on
each later day (assets/phase.js picks the reader's day); the build's own words say their day. And a
year that had opened for filing with no report yet had no row in the home page's 评估进度 and no
status page: the secretaries could not see that it was open, nor its deadline.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder import home, phase, status, workbench
from site_builder.context import SiteData, load
from site_builder.form_page import SiteSettings
from tests.trees import base_tree
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")
BUILT = "2026-12-05"
# 2019: on notice on the build's day, the notice ending five days later, with one report.
# 2020: open for filing since 2026-12-01, no report. 2021: opens next year.
CALENDARS = {
    2019: ("2026-09-01", "2026-11-15", "2026-11-25", "2026-11-26", "2026-12-10", "2026-12-24"),
    2020: ("2026-12-01", "2027-01-15", "2027-02-05", "2027-02-08", "2027-02-19", "2027-02-26"),
    2021: ("2027-09-01", "2027-12-15", "2028-01-05", "2028-01-08", "2028-01-19", "2028-01-26"),
}
DAYS = ("submission_opens", "submission_closes", "verification_ends", "notice_starts", "notice_ends", "final")


def _year_file(year: int) -> str:
    days = "\n".join(f"  {name}: {day}" for name, day in zip(DAYS, CALENDARS[year], strict=True))
    return (f"year: {year}\ncarried_forward_from: {year - 1}\ntitle: {year}年度评估（测试）\n"
            f"evaluation_window:\n  start: {year - 1}-11-30\n  deadline: {year}-11-30\n  note: 测试用的评估期。\n"
            f"calendar:\n{days}\n  note: 测试用的日历。\n")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SiteData]:
    root = base_tree(tmp_path / "tree")
    own = root / "validators"
    for year in CALENDARS:
        (own / "guidelines" / f"{year}.yaml").write_text(_year_file(year), encoding="utf-8")
        (own / "rubrics" / f"{year}.yaml").write_text(
            f"id: default-{year}\nyear: {year}\ncarried_forward_from: {year - 1}\ntitle: {year}年度细则（测试）\n",
            encoding="utf-8")
    (root / "submissions" / "cd-computer" / "2019.yaml").write_text("society: cd-computer\nyear: 2019\n", "utf-8")
    reread_guidelines()
    reread_rubrics()
    try:
        yield load(root, SETTINGS, BUILT)
    finally:
        reread_guidelines()
        reread_rubrics()


def _ahead(markup: str) -> list[dict[str, object]]:
    return [json.loads(html.unescape(found))
            for found in re.findall(rf'{phase.DATA_ATTRIBUTE}="([^"]*)"', markup)]


def _picked(data: dict[str, object], day: dt.date) -> int:
    """What assets/phase.js does: the last entry whose first day is not after the reader's."""
    turns = data["turns"]
    assert isinstance(turns, list)
    return max(i for i, (first, _) in enumerate(turns) if first <= day.isoformat())


def _shown(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_a_note_read_after_its_notice_ended_says_the_phase_of_the_readers_day(site: SiteData) -> None:
    note = phase.note(site, "index.md", 2019)
    # Without the script: the build's words, with the day they are true on.
    assert "公示中：至 12 月 10 日（截至 2026-12-05）" in _shown(note)
    (data,) = _ahead(note)
    assert data["zone"] == 8 * 60  # Beijing time, from the calendar's zone
    turns = data["turns"]
    assert isinstance(turns, list)
    later = turns[_picked(data, dt.date(2026, 12, 20))][1]
    assert "核查中：公示已结束，正在答复异议" in _shown(later)
    assert "请在" not in _shown(later)  # no deadline for objections that has passed
    assert "本页生成于 2026-12-05" in _shown(str(data["stale"]))
    # The build's own day picks the build's words: the script leaves the page as it is.
    assert _picked(data, dt.date(2026, 12, 5)) == 0


@pytest.mark.parametrize("year", [2019, 2020])
def test_every_later_day_gets_the_words_this_module_says_for_it(site: SiteData, year: int) -> None:
    """The entries are the module's own words, day by day, to well past the final day: the script
    needs no sentence of its own and misses no change (the new year drops “2027 年” from a date)."""
    (data,) = _ahead(phase.note(site, "index.md", year))
    (cell,) = _ahead(phase.brief(site, year))
    first = dt.date.fromisoformat(BUILT)
    for offset in range(500):
        day = first + dt.timedelta(days=offset)
        assert data["turns"][_picked(data, day)][1] == phase.words_on(site, "index.md", year, day), day  # type: ignore[index]
        assert cell["turns"][_picked(cell, day)][1] == phase.label(site, year, day), day  # type: ignore[index]


def test_the_workbench_carries_the_public_pages_phase_for_every_later_day(site: SiteData) -> None:
    """The review workbench said the build's calendar words (“公示中：至 12 月 10 日”) on any later
    day: its settings now carry the phases this module says, and the page picks the reader's
    day's as assets/phase.js does (tests/browser/test_cycle_site.py reads it in Chromium)."""
    config = json.loads(workbench.workbench_files(site)[f"{workbench.ASSETS}/config.json"])
    years = {y["year"]: y for y in config["years"]}
    data = years[2019]["phases"]
    assert data["zone"] == 8 * 60
    first = dt.date.fromisoformat(BUILT)
    for offset in range(100):
        day = first + dt.timedelta(days=offset)
        assert data["turns"][_picked(data, day)][1] == phase.label(site, 2019, day), day
    assert data["turns"][_picked(data, dt.date(2026, 12, 30))][1] == "公示已结束，结果尚未定稿"
    assert "phase" not in years[2019]  # no second, frozen copy of the words


def test_a_frozen_year_carries_no_words_ahead(site: SiteData) -> None:
    assert 2017 in site.frozen
    (data,) = _ahead(phase.note(site, "index.md", 2017))  # its one entry, with the note for a later day
    assert [first for first, _ in data["turns"]] == [BUILT]  # type: ignore[union-attr]
    assert _ahead(phase.brief(site, 2017)) == []


def test_a_year_open_for_filing_without_reports_has_its_row_and_its_status_page(site: SiteData) -> None:
    assert 2020 not in site.years  # no report: no rankings, areas or report pages
    assert phase.cycle_years(site) == [2017, 2018, 2019, 2020]  # 2021 has not opened
    figures = home.figures(site)
    rows = re.findall(r"<tr><td[^>]*>(.*?)</tr>", figures[figures.index("评估进度"):], re.S)
    said = [_shown(r) for r in rows]
    opened = next(r for r in said if r.startswith("2020 年度"))
    assert "填报中：至 2027 年 1 月 15 日" in opened
    assert not any(r.startswith("2021 年度") for r in said)
    assert 'href="status/2020/"' in figures
    pages = dict(status.pages(site))
    assert "status/2021/index.md" not in pages
    raw = pages["status/2020/index.md"]
    assert raw.count('<strong class="sb-missing">未提交</strong>') == len(site.repo.profiles)  # every one
    page = _shown(raw)
    assert "2020 年度：填报中：至 2027 年 1 月 15 日（截至 2026-12-05）" in page
    assert "提交截止日期：2027-01-15（含当日）" in page
    registered = len(site.repo.profiles)
    assert f"已登记学会 {registered} 个，已提交 0 个，未提交 {registered} 个" in page
    assert "2020 年度" in _shown(pages["status/index.md"])


def test_after_the_notice_the_words_say_objections_are_answered_not_that_reports_are_checked(
        site: SiteData) -> None:
    """Between the notice's end and the final day the calendar says 核查中 again, but checking and
    marking ended before the notice: the report and ranking pages went on “市科协正在核查报告、专家
    正在评分”. That span says what is true: the objections are answered, the results not final."""
    (data,) = _ahead(phase.note(site, "index.md", 2019))
    for day in (dt.date(2026, 12, 11), dt.date(2026, 12, 23)):  # notice ended 12-10, final 12-24
        said = _shown(data["turns"][_picked(data, day)][1])  # type: ignore[index]
        assert "核查中：公示已结束，正在答复异议" in said, day
        assert "正在核查报告" not in said, day
        assert "正在评分" not in said, day
        assert phase.ANSWERING in said, day
    before = _shown(phase.words_on(site, "index.md", 2019, dt.date(2026, 11, 20)))  # checking, before the notice
    assert "市科协正在核查报告、专家正在评分" in before
    assert phase.ANSWERING not in before


def test_between_checking_and_the_notice_the_words_say_checking_is_over(site: SiteData) -> None:
    """After checking ends and before the notice starts (2020: 02-06 and 02-07), the pages went on
    “市科协正在核查报告、专家正在评分”: they say that checking is over and when the notice starts."""
    (data,) = _ahead(phase.note(site, "index.md", 2020))
    for day in (dt.date(2027, 2, 6), dt.date(2027, 2, 7)):
        said = _shown(data["turns"][_picked(data, day)][1])  # type: ignore[index]
        assert "正在核查报告" not in said, day
        assert "核查和专家评分已结束，下面的得分将于 2027-02-08 起公示。" in said, day  # the words, not the constant
    checking = _shown(phase.words_on(site, "index.md", 2020, dt.date(2027, 2, 5)))  # the last day of checking
    assert "市科协正在核查报告、专家正在评分" in checking


def test_the_status_page_says_the_figures_are_the_build_s_on_a_later_day(site: SiteData) -> None:
    """The status page's phase was rewritten by the script on later days, but its counts
    (“已提交 0 个，未提交 10 个”) stayed the build's without the note the other pages add."""
    raw = dict(status.pages(site))["status/2019/index.md"]
    (data,) = _ahead(raw)
    assert data["stale"] == phase.stale_note(site)
    assert "本页生成于 2026-12-05" in _shown(str(data["stale"]))
    later = _shown(data["turns"][_picked(data, dt.date(2026, 12, 20))][1])  # type: ignore[index]
    assert later.startswith("2019 年度：核查中：公示已结束，正在答复异议（截至 2026-12-05）"), later


def test_every_day_said_carries_the_zone_the_script_tells_the_reader_s_day_by(site: SiteData) -> None:
    """The day after each phase and on the home page was set to the reader's only when the words
    changed: each now carries the calendar's zone, so the script sets it on any later day; and a
    frozen year's paragraph carries its one entry and the note (its figures are the build's too)."""
    figures = re.sub(rf'{phase.DATA_ATTRIBUTE}="[^"]*"', "", home.figures(site))  # the days said, not ahead
    days = re.findall(rf"<time [^>]*{phase.TODAY_ATTRIBUTE}=\"(-?\d+)\"", figures)
    assert days
    assert set(days) == {str(8 * 60)}
    assert len(days) == figures.count(phase.TODAY_ATTRIBUTE)
    for year in (2017, 2019):
        note = phase.note(site, "index.md", year)
        assert re.search(rf'{phase.TODAY_ATTRIBUTE}="480">2026-12-05</time>', note), year
        (data,) = _ahead(note)
        assert data["stale"] == phase.stale_note(site)
