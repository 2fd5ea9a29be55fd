"""A year that opens for filing does not push aside a year on public notice: with 2018 on notice
and a 2019 just opened (one report), the home page summed up 2019 and dropped 2018's notice of
how to object, the search index lost every 2018 report's terms, and the workbench opened on 2019."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from site_builder import home, phase, report_page, workbench
from site_builder.context import load
from site_builder.form_page import SiteSettings
from tests.trees import base_tree, profile
from validators.association.progress import year_progress
from validators.year.cycle import Phase
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")
ON_NOTICE = "2026-11-30"  # the sample 2018 calendar's notice runs 2026-11-16 to 2027-12-31
GUIDELINE_2019 = """year: 2019
carried_forward_from: 2018
title: 2019年度评估（测试）
evaluation_window:
  start: 2018-11-30
  deadline: 2027-11-30
  note: 测试用的 2019 年度评估期。
calendar:
  submission_opens: 2026-11-01
  submission_closes: 2027-12-15
  verification_ends: 2028-01-05
  notice_starts: 2028-01-08
  notice_ends: 2028-01-19
  final: 2028-01-26
  note: 测试用的日历。
"""


def _tree(tmp_path: Path) -> Path:
    root = base_tree(tmp_path / "tree")
    own = root / "validators"
    (own / "guidelines" / "2019.yaml").write_text(GUIDELINE_2019, encoding="utf-8")
    (own / "rubrics" / "2019.yaml").write_text(
        "id: default-2019\nyear: 2019\ncarried_forward_from: 2018\ntitle: 2019年度细则（测试）\n", encoding="utf-8")
    folder = root / "submissions" / "cd-new"
    folder.mkdir()
    (folder / "society.yaml").write_text(textwrap.dedent(profile("cd-new")).lstrip(), encoding="utf-8")
    (folder / "2019.yaml").write_text("society: cd-new\nyear: 2019\n", encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    return root


def test_a_year_on_notice_stays_in_front_of_a_year_just_opened(tmp_path: Path) -> None:
    site = load(_tree(tmp_path), SETTINGS, ON_NOTICE)
    try:
        assert site.latest_year == 2019
        assert (phase.phase_of(site, 2018), phase.phase_of(site, 2019)) == (Phase.NOTICE, Phase.SUBMISSION)
        assert phase.featured_year(site) == 2018
        page = home.figures(site)
        assert "2018 年度概况" in page
        assert "对评估结果有异议的" in page  # how to object, while anyone may
        # Both open years' reports are findable; a year already final is not indexed.
        assert phase.indexed_years(site) == {2018, 2019}
        doc = site.repo.reports[("cd-mech-eng", 2018)]
        terms = re.search(r'<details class="sb-terms"[^>]*>', report_page.render(site, doc))
        assert terms is not None
        assert "data-search-exclude" not in terms.group()
        # The workbench opens on the year being verified or on notice.
        configs = {y: workbench._year_config(site, y, year_progress(site.repo, y)) for y in site.years}
        assert {y: c["reviewing"] for y, c in configs.items()} == {2017: False, 2018: True, 2019: False}
    finally:
        reread_guidelines()
        reread_rubrics()


def test_without_a_year_on_notice_the_latest_is_summed_up(tmp_path: Path) -> None:
    site = load(_tree(tmp_path), SETTINGS, "2028-02-01")  # 2018 and 2019 final by their calendars
    try:
        assert phase.featured_year(site) == 2019
        assert phase.indexed_years(site) == {2019}
        assert "2019 年度概况" in home.figures(site)
    finally:
        reread_guidelines()
        reread_rubrics()
