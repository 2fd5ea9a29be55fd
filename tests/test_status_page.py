"""The status pages say when filing closes as the year's calendar sets it: the evaluation
window's deadline is when the work must be done, not when the report must be in."""

from __future__ import annotations

import re
from pathlib import Path

from site_builder import status
from site_builder.context import load
from site_builder.form_page import SiteSettings
from tests.trees import base_tree

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")


def _shown(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_filing_closes_when_the_calendar_says(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    site = load(tree, SETTINGS, "2026-12-04")
    calendar = site.guideline(2018).calendar
    assert calendar is not None
    window = site.guideline(2018).evaluation_window
    assert calendar.submission_closes != window.deadline  # else the test could not tell them apart
    page = _shown(status.render(site, 2018))
    assert f"提交截止日期：{calendar.submission_closes.isoformat()}（含当日）" in page
    assert f"提交截止日期：{window.deadline.isoformat()}" not in page
    index = status.render_index(site)
    row = re.search(r"<tr>(?:(?!</tr>).)*2018 年度.*?</tr>", index, re.S)
    assert row is not None
    cells = [_shown(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row[0], re.S)]
    assert cells[1:3] == [window.deadline.isoformat(), calendar.submission_closes.isoformat()]


def test_a_year_without_a_calendar_sets_no_filing_deadline(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    year_file = tree / "validators" / "guidelines" / "2018.yaml"
    text = year_file.read_text("utf-8")
    year_file.write_text(re.sub(r"(?m)^calendar:\n(?:  .*\n|#.*\n)*", "", text), "utf-8")
    site = load(tree, SETTINGS, "2026-12-04")
    assert site.guideline(2018).calendar is None
    assert "本年度的评估周期未设定提交截止日期" in _shown(status.render(site, 2018))
    assert "未设定" in _shown(status.render_index(site))
