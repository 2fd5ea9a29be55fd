"""The year's calendar: validated as data, and the phase it gives on each day."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.trees import ROOT
from validators.year.cycle import Calendar, Phase
from validators.year.guideline import Guideline, available_years, guideline

D = dt.date
CAL = Calendar(submission_opens=D(2017, 9, 1), submission_closes=D(2017, 12, 15),
               verification_ends=D(2018, 1, 5), notice_starts=D(2018, 1, 8),
               notice_ends=D(2018, 1, 19), final=D(2018, 1, 26), note="测试")


@pytest.mark.parametrize(("day", "phase", "label"), [
    (D(2017, 8, 31), Phase.NOT_OPEN, "尚未开始填报：2017 年 9 月 1 日开始"),
    (D(2017, 9, 1), Phase.SUBMISSION, "填报中：至 12 月 15 日"),
    (D(2017, 12, 15), Phase.SUBMISSION, "填报中：至 12 月 15 日"),
    (D(2017, 12, 16), Phase.VERIFICATION, "核查中：至 2018 年 1 月 5 日"),
    (D(2018, 1, 5), Phase.VERIFICATION, "核查中：至 1 月 5 日"),
    (D(2018, 1, 6), Phase.VERIFICATION, "核查中"),
    (D(2018, 1, 8), Phase.NOTICE, "公示中：至 1 月 19 日"),
    (D(2018, 1, 19), Phase.NOTICE, "公示中：至 1 月 19 日"),
    (D(2018, 1, 20), Phase.VERIFICATION, "核查中：公示已结束，正在答复异议"),
    (D(2018, 1, 26), Phase.FINAL, "最终结果"),
    (D(2030, 1, 1), Phase.FINAL, "最终结果"),
])
def test_phase_and_label_on_each_day(day: dt.date, phase: Phase, label: str) -> None:
    assert CAL.phase(day) is phase
    assert CAL.label(day, finalized=True) == label
    # Until the association freezes the year, its final day does not make the numbers final.
    assert CAL.label(day, finalized=False) == ("公示已结束，结果尚未定稿" if phase is Phase.FINAL else label)


def test_closed_and_provisional_days() -> None:
    assert not CAL.is_closed(D(2017, 12, 15))
    assert CAL.is_closed(D(2017, 12, 16))
    assert CAL.counts_provisionally(D(2018, 1, 7))
    assert not CAL.counts_provisionally(D(2018, 1, 8))


@pytest.mark.parametrize("change", [
    {"submission_closes": D(2017, 8, 1)},             # closes before it opens
    {"notice_starts": D(2018, 1, 5)},                 # notice during verification
    {"final": D(2018, 1, 19)},                        # final on the last day of the notice
    {"notice_ends": D(2018, 1, 7)},                   # notice ends before it starts
])
def test_calendar_out_of_order_is_refused(change: dict[str, dt.date]) -> None:
    with pytest.raises(ValidationError, match="calendar 的日期须依次为"):
        Calendar.model_validate({**CAL.model_dump(), **change})


def test_calendar_refuses_unknown_keys_and_text_dates() -> None:
    with pytest.raises(ValidationError):
        Calendar.model_validate({**CAL.model_dump(), "verification_starts": D(2017, 12, 16)})
    with pytest.raises(ValidationError):
        Calendar.model_validate({**CAL.model_dump(), "final": "2018-01-26"})


def test_every_shipped_year_has_a_calendar_that_closes_after_its_deadline() -> None:
    for year in available_years():
        rules = guideline(year)
        assert rules.calendar is not None, year
        assert rules.calendar.submission_closes >= rules.evaluation_window.deadline
    data = guideline(2017).model_dump()  # whole, the clauses read from the text included
    early = {**data["calendar"], "submission_closes": D(2017, 11, 29),
             "submission_opens": D(2017, 9, 1)}
    with pytest.raises(ValidationError, match="评估截止日"):
        Guideline.model_validate({**data, "calendar": early})


def test_2018_has_its_own_calendar_not_2017s() -> None:
    assert guideline(2018).calendar != guideline(2017).calendar
    assert guideline(2018).calendar.submission_closes.year == 2018


def test_site_shows_each_years_phase_on_home_rankings_and_society_pages(tmp_path: Path) -> None:
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    docs = tmp_path / "docs"
    generate(ROOT, docs, settings=SiteSettings(repo_url="https://github.com/example/r"),
             date="2018-01-10")
    home = (docs / "index.md").read_text("utf-8")
    # The table's cells carry the words of the days ahead (data-sb-phases) on their <strong>.
    assert re.search(r"<strong[^>]*>公示中：至 1 月 19 日</strong>", home)  # 2017 on notice
    assert re.search(r"<strong[^>]*>填报中：至 12 月 15 日</strong>", home)  # 2018 open
    rankings = (docs / "rankings" / "2017" / "index.md").read_text("utf-8")
    assert "2017 年度：<strong>公示中：至 1 月 19 日</strong>" in rankings
    society = (docs / "societies" / "cd-tcm" / "index.md").read_text("utf-8")
    assert "2017 年度：<strong>公示中：至 1 月 19 日</strong>" in society
    assert "2018 年度：<strong>填报中：至 12 月 15 日</strong>" in society


def test_a_carried_forward_year_does_not_inherit_the_calendar(tmp_path: Path) -> None:
    own = tmp_path / "validators" / "guidelines"
    own.mkdir(parents=True)
    (own / "2019.yaml").write_text(
        "year: 2019\ncarried_forward_from: 2018\ntitle: 测试\nevaluation_window:\n"
        "  start: 2018-11-30\n  deadline: 2019-11-30\n  note: 测试\n", "utf-8")
    assert guideline(2019, tmp_path).calendar is None
    assert guideline(2019, tmp_path).clauses == guideline(2018).clauses


def test_a_year_past_its_final_day_but_not_finalized_says_so_in_chinese(tmp_path: Path) -> None:
    """It said “最终结果。本年度尚未定稿（finalize）”: an English word, and final and not at once."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate
    from tests.year_trees import renamed_year_tree

    root = renamed_year_tree(tmp_path / "tree")
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2020-03-01")
    pages = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*.md")}
    for name in ("index.md", "rankings/2019/index.md", "societies/cd-computer/index.md",
                 "societies/cd-computer/2019/index.md"):
        said = pages[name]
        assert "2019 年度：<strong>公示已结束，结果尚未定稿</strong>" in said, name
        assert "但市科协尚未将本年度的结果定稿" in said, name
    home = pages["index.md"]
    assert "<strong>公示已结束，结果尚未定稿</strong>" in home.split("评估进度", 1)[1]
    assert not [n for n, p in pages.items() if "finalize" in p or "最终结果</strong>。本年度尚未定稿" in p]
    # The form says the pages' words on these days too (it said “已到最终结果阶段”).
    guide = json.loads(next(docs.rglob("guide-2019.json")).read_text("utf-8"))
    [final] = [p for p in guide["phases"] if p["phase"] == "final"]
    assert final["sentence"].startswith("2019 年度：公示已结束，结果尚未定稿（"), final
    assert "最终结果阶段" not in final["sentence"]
