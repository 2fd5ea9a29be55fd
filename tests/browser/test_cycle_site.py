"""The evaluation cycle on the sample site in headless Chromium, built on a day of 2018's public
notice: each year's phase, how to object, the year's objections, the association's verdicts and
expert marks, and which code and rubric produced the final 2017; and the phase read on later days
(assets/phase.js), by the reader's day in Beijing time."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import run_builder, served, sync_playwright
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ON_NOTICE = "2026-11-30"  # the sample 2018 calendar: notice 2026-11-16 to 2027-12-31
BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with tempfile.TemporaryDirectory(prefix="cycle-site-") as work:
        site = Path(work) / "site"
        run_builder("build", "--site-dir", str(site), "--date", ON_NOTICE)
        with served(site) as url:
            yield url


@pytest.fixture(autouse=True)
def read_on_the_build_s_day(page) -> None:
    """The pages below are read on the day they were built (a later day changes their phase)."""
    page.clock.install(time=dt.datetime.fromisoformat(f"{ON_NOTICE}T12:00:00+08:00"))


def test_home_shows_each_years_phase(page, base: str) -> None:
    page.goto(base)
    table = page.locator("table:has(th:text-is('当前阶段'))")
    rows = [r.inner_text() for r in table.locator("tbody tr").all()]
    assert rows[0].startswith("2018 年度")
    assert "公示中：至 2027 年 12 月 31 日" in rows[0]
    assert "最终结果" in rows[1]
    assert "《2017年度学会重点工作评估细则（默认）》" in rows[1]  # the rubric of the frozen 2017, in words
    assert "default-2017" not in rows[1]
    assert rows[0].endswith("—")  # 2018 is not frozen


def test_the_ranking_on_notice_says_how_to_object_and_lists_the_objection(page, base: str) -> None:
    page.goto(f"{base}rankings/2018/")
    phase = page.locator("p.sb-phase")
    assert "公示中：至 2027 年 12 月 31 日" in phase.inner_text()
    form = phase.locator("a", has_text="提交“评估结果异议”")
    assert form.get_attribute("href").endswith("/issues/new?template=objection.yml")
    objections = page.locator("#objections + p + div table")
    assert "温江中医药健康产业学会服务站" in objections.inner_text()
    assert "受理中；允许学会在公示期内更正报告" in objections.inner_text()


def test_a_society_page_on_notice_shows_its_objection(page, base: str) -> None:
    page.goto(f"{base}societies/cd-tcm/")
    assert page.locator("p.sb-phase").first.inner_text().startswith("2018 年度：公示中")
    page.goto(f"{base}societies/cd-tcm/2018/")  # the year's report lists the objections against it
    assert "温江中医药健康产业学会服务站" in page.locator("#y2018-objections + p + div").inner_text()


def test_the_final_year_shows_the_verdicts_marks_and_what_produced_it(page, base: str) -> None:
    page.goto(f"{base}rankings/2017/")
    said = page.locator("p.sb-phase").inner_text()
    assert "最终结果" in said
    assert "定稿的结果（定稿文件）" in said
    assert page.locator("p.sb-phase a", has_text="定稿文件").get_attribute("href").endswith("results/2017.json")
    assert "按《2017年度学会重点工作评估细则（默认）》计算" in said
    # The name leads to the rubric page's 2017 section, whose statement says what 默认 means.
    page.locator("p.sb-phase a", has_text="2017年度学会重点工作评估细则（默认）").click()
    page.wait_for_url("**/rubric/#rubric-2017")
    assert page.locator("#rubric-2017").inner_text().startswith("2017 年度：2017年度学会重点工作评估细则（默认）")
    assert "本细则为默认值" in page.locator("#rubric-2017 ~ .admonition").first.inner_text()
    page.goto(f"{base}rankings/2017/")
    assert "default-2017" not in said
    assert "sha256" not in said  # the hashes and the commit are folded below it
    details = page.locator("p.sb-phase + details.sb-tech")
    assert details.locator("summary").inner_text() == "技术核对信息"
    details.locator("summary").click()
    assert "《2017年度学会重点工作评估细则（默认）》（数据 sha256" in details.inner_text()
    commit = details.locator("a[href*='/commit/']")
    assert len(commit.inner_text()) == 12
    page.goto(f"{base}societies/cd-hitech-park/2017/")
    lines = page.locator("#lines ~ div table").first.inner_text()
    assert "市科协核查不予认定" in lines
    page.goto(f"{base}societies/cd-tcm/2017/")
    lines = page.locator("#lines ~ div table").first.inner_text()
    assert "专家评分：综合性学术年会的质量：3 位专家评分 4、5、4" in lines


def _read_at(browser, url: str, moment: dt.datetime, *, script: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=script)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    if script:
        opened.clock.install(time=moment)
    opened.goto(url)
    opened.wait_for_timeout(200)
    return context, opened, errors


def test_the_phase_read_after_the_notice_ended_is_the_readers_days(browser, base: str) -> None:
    """Built on 2026-11-30, read at 00:30 on 2028-01-01 in Beijing (still 2027-12-31 in UTC): the
    notice has ended, objections are being answered, and no deadline to object is offered."""
    moment = dt.datetime(2028, 1, 1, 0, 30, tzinfo=BEIJING)
    context, page, errors = _read_at(browser, f"{base}rankings/2018/", moment)
    said = page.locator("p.sb-phase").inner_text()
    assert said.startswith("2018 年度：核查中：公示已结束，正在答复异议（截至 2028-01-01）"), said
    assert "请在" not in said
    assert "本页生成于 2026-11-30" in said  # the numbers below are still the build's
    # Checking and marking ended before the notice: the span after it says the results await answers.
    assert "正在核查报告" not in said, said
    assert "正在评分" not in said, said
    assert "尚未定稿：市科协答复公示期的异议后定稿" in said, said
    page.goto(base)
    page.wait_for_timeout(200)
    cycle = page.locator("table:has(th:text-is('当前阶段'))")
    row = cycle.locator("tbody tr").first.inner_text()
    assert row.startswith("2018 年度"), row
    assert "核查中：公示已结束，正在答复异议" in row, row
    assert "当前阶段按北京时间 2028-01-01 计" in page.locator(".sb-phase-day").inner_text()
    assert errors == []
    context.close()


def test_the_status_page_read_later_says_its_counts_are_the_build_s(browser, base: str) -> None:
    """The status page's phase was rewritten on a later day while its counts (已提交 … 个) stayed
    the build's, without the note the ranking and report pages add."""
    moment = dt.datetime(2028, 1, 1, 9, 0, tzinfo=BEIJING)
    context, page, errors = _read_at(browser, f"{base}status/2018/", moment)
    said = page.locator("p.sb-phase").inner_text()
    assert said.startswith("2018 年度：核查中：公示已结束，正在答复异议（截至 2028-01-01）"), said
    assert "本页生成于 2026-11-30" in said, said
    assert "页面上的得分和其余内容仍是生成当日的" in said
    assert errors == []
    context.close()


def test_a_later_day_with_the_same_words_is_said_with_the_note(browser, base: str) -> None:
    """Read the day after the build, still on notice: the words are the build's, but the day they
    are said to hold on is the reader's (it stayed the build's unless the words changed), and the
    note says the figures are the build's; a frozen year's day too."""
    moment = dt.datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING)
    context, page, errors = _read_at(browser, f"{base}rankings/2018/", moment)
    said = page.locator("p.sb-phase").inner_text()
    assert said.startswith("2018 年度：公示中：至 2027 年 12 月 31 日（截至 2026-12-01）"), said
    assert "本页生成于 2026-11-30" in said
    for url in (f"{base}status/2018/", f"{base}societies/cd-tcm/2018/", f"{base}rankings/2017/"):
        page.goto(url)
        page.wait_for_timeout(200)
        said = page.locator("p.sb-phase").first.inner_text()
        assert "（截至 2026-12-01）" in said, (url, said)
        assert "本页生成于 2026-11-30" in said, (url, said)
    page.goto(base)
    page.wait_for_timeout(200)
    assert "当前阶段按北京时间 2026-12-01 计" in page.locator(".sb-phase-day").inner_text()
    assert page.locator("time[data-sb-today]").evaluate_all("ts => ts.map(t => t.textContent)") == (
        ["2026-12-01"] * page.locator("time[data-sb-today]").count())
    assert errors == []
    context.close()


def test_the_readers_day_is_beijing_s_not_utc_s(browser, base: str) -> None:
    """23:30 in Beijing on the notice's last day: still on notice, said with this year's date."""
    moment = dt.datetime(2027, 12, 31, 23, 30, tzinfo=BEIJING)
    context, page, _ = _read_at(browser, f"{base}rankings/2018/", moment)
    said = page.locator("p.sb-phase").inner_text()
    assert said.startswith("2018 年度：公示中：至 12 月 31 日（截至 2027-12-31）"), said
    assert "请在 2027-12-31 之前" in said
    context.close()


def test_on_the_build_s_day_or_without_script_the_build_s_words_stay_with_their_day(browser, base: str) -> None:
    later = dt.datetime(2028, 1, 20, 9, 0, tzinfo=BEIJING)
    for moment, script in ((dt.datetime.fromisoformat(f"{ON_NOTICE}T20:00:00+08:00"), True), (later, False)):
        context, page, _ = _read_at(browser, f"{base}rankings/2018/", moment, script=script)
        said = page.locator("p.sb-phase").inner_text()
        assert said.startswith(f"2018 年度：公示中：至 2027 年 12 月 31 日（截至 {ON_NOTICE}）"), said
        assert "本页生成于" not in said
        context.close()
    # Past the final day, not yet finalized (the sample 2018 has no results file).
    context, page, _ = _read_at(browser, f"{base}societies/cd-tcm/", later)
    assert page.locator("p.sb-phase").first.inner_text().startswith("2018 年度：公示已结束，结果尚未定稿（截至 2028-01-20）")
    context.close()


def test_the_workbench_says_the_phase_of_the_readers_day_as_the_public_pages_do(browser, base: str) -> None:
    """The workbench's phase sentence is the public pages' for the reader's day: read after the
    notice ended and past the final day (2018 has no results file), it no longer says the
    build's “公示中：至 …” beside a date check that calls the day outside the year's."""
    later = dt.datetime(2028, 1, 20, 9, 0, tzinfo=BEIJING)
    context, page, errors = _read_at(browser, f"{base}societies/cd-tcm/", later)
    public = page.locator("p.sb-phase").first.inner_text()
    assert public.startswith("2018 年度：公示已结束，结果尚未定稿（截至 2028-01-20）"), public
    page.goto(f"{base}review/#2018")
    page.wait_for_selector("#rv-phase:not(:empty)")
    said = page.inner_text("#rv-phase")
    assert said.startswith("2018 年度（公示已结束，结果尚未定稿）。"), said
    assert "公示中" not in said
    assert "公示已于" not in said
    assert page.input_value("#rv-date") == "2028-01-20"
    assert "不在" in page.inner_text("#rv-date-msg")  # the date check: outside the year's days
    assert errors == []
    context.close()
    # Read on the build's day, the build's words.
    context, page, _ = _read_at(browser, f"{base}review/#2018", dt.datetime.fromisoformat(f"{ON_NOTICE}T12:00:00+08:00"))
    page.wait_for_selector("#rv-phase:not(:empty)")
    said = page.inner_text("#rv-phase")
    assert said.startswith("2018 年度（公示中：至 2027 年 12 月 31 日）。")
    # A verdict given during the notice changes what the public reads: said before it is given.
    calendar = guideline(2018).calendar
    assert calendar is not None
    assert f"公示已于 {calendar.notice_starts} 开始" in said
    assert "会改变公示中的结果" in said
    context.close()
