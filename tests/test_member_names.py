"""Written variants of one consortium member count once (4.3's tiers count members)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import report_page
from site_builder.context import load
from site_builder.form_page import SiteSettings
from site_builder.items import NO_REPORT_MARK
from tests.trees import ROOT, base_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.year.measures import distinct_members, member_key

CASE = ROOT / "tests" / "data" / "fidelity" / "consortium-member-written-variants"


def test_inner_whitespace_and_full_width_forms_are_one_member() -> None:
    assert distinct_members(["某某学会", "某 某学会", "某\u3000某学会", " 某某学会 "]) == ["某某学会"]
    assert member_key("ＡＢ学会") == member_key("AB学会")
    # A name without Chinese keeps one space between its words.
    assert member_key("Sichuan  Society") == "Sichuan Society" != member_key("SichuanSociety")
    # Traditional and simplified forms are not folded (no converter in the requirements).
    assert len(distinct_members(["某某学会", "某某學會"])) == 2


def test_the_tier_line_shows_the_count_it_used() -> None:
    _, repo = check_tree(CASE)
    (e,) = evaluate_repository(repo)
    tier = [line for line in e.lines if line.item_id == "c-variants" and line.rule == "tier"]
    assert tier, [line.note for line in e.lines]
    assert "成员 3 个" in tier[0].note, tier[0].note


@pytest.mark.parametrize(("built", "closed"), [("2018-12-01", False), ("2018-12-15", False), ("2018-12-16", True),
                                                ("2026-12-04", True)])
def test_the_report_page_marks_a_member_society_without_a_report(tmp_path: Path, built: str, closed: bool) -> None:
    """cd-tcm's 2018 report leads 成都绿色健康学会联合体 with cd-eco-env (which reported 2018) and
    cd-agri (which did not; 2018's submission closed on 2018-12-15): the members' cell links both
    by name and, on a site built after the close, marks cd-agri, and the tier line, which counts
    it, names it. The day is the site's build date, not the clock's: a site built before the close
    says nothing of it."""
    site = load(base_tree(tmp_path / "tree"), SiteSettings(repo_url="https://github.com/example/registry"), built)
    html = report_page.render(site, site.repo.reports[("cd-tcm", 2018)])
    agri, eco = (re.escape(site.name(s)) for s in ("cd-agri", "cd-eco-env"))
    mark = re.escape(NO_REPORT_MARK) if closed else ""
    assert re.search(f'<li><a [^>]*class="sb-society">{agri}</a>{mark}</li>', html)
    assert re.search(f'<li><a [^>]*class="sb-society">{eco}</a></li>', html)
    assert ("成员 2 个（其中 1 个成员学会没有本年度报告，照常计入：指南没有要求成员学会提交报告）" in html) is closed
    assert "成员 2 个" in html
    assert html.count(NO_REPORT_MARK) == int(closed)
