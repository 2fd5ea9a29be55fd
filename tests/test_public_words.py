"""What the public pages say of a year not yet final, beside its totals, and of the rubric and the
frozen results, in words a reader (not the association's staff) understands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from site_builder.phase import DATA_ATTRIBUTE
from tests.trees import ROOT

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")
ON_NOTICE = "2026-12-01"  # 2018 on notice; 2017 frozen
_HEADS = re.compile(r"<th[^>]*>(.*?)</th>")
_TAGS = re.compile(r"<[^>]+>")
_SCORE = re.compile(r'<p class="sb-score"[^>]*>(.*?)</p>')
_SCORE_NOT_FINAL = re.compile(r"总分 [\d.]+ 分，[^（]+档（公示中，尚未定稿）。")
_CHART = re.compile(r'<figure class="sb-chart".*?</figure>')
_LABELS = re.compile(r'data-label="([^"]*)"')
_NOT_FINAL = re.compile(r'<p class="sb-not-final".*?</p>')


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "docs"
    generate(ROOT, out, settings=SETTINGS, date=ON_NOTICE)
    return out


def _read(docs: Path, page: str) -> str:
    return (docs / page).read_text(encoding="utf-8")


def _plain(html: str) -> str:
    return _TAGS.sub("", html)


def test_the_societies_table_says_in_its_heading_which_years_totals_are_not_final(docs: Path) -> None:
    """“2018 年度总分 73.5（二档）” stood beside “2017 年度总分 91.5（一档）” with nothing saying 2018
    was on notice: a year not final says so in its column's heading, a final year nothing."""
    heads = [_plain(h) for h in _HEADS.findall(_read(docs, "societies/index.md"))]
    assert "2018 年度总分（尚未定稿）" in heads
    assert "2017 年度总分" in heads


def test_the_societies_table_says_the_phase_once_for_the_readers_day_not_in_each_card(docs: Path) -> None:
    """The heading's phase followed the reader's day, but each phone card's label (data-label) kept
    the build's “公示中” after the notice ended: headings and labels say only what stays true
    (尚未定稿), the phase is said once above the table, updated for the reader's day."""
    pages = {p: p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    # No heading follows the reader's day: a heading is a phone card's label (tables.py `names`).
    assert not [p for p, said in pages.items() if DATA_ATTRIBUTE in "".join(_HEADS.findall(said))]
    assert not [p for p, said in pages.items() if [label for label in _LABELS.findall(said) if "公示中" in label]]
    page = _read(docs, "societies/index.md")
    above = _NOT_FINAL.search(page[:page.index("<table")])
    assert above is not None
    assert DATA_ATTRIBUTE in above.group(0)
    assert _plain(above.group(0)).startswith("2018 年度：公示中，尚未定稿（截至 2026-12-01）")


def test_a_report_says_its_year_is_not_final_with_its_total(docs: Path) -> None:
    """The total stood at the top, the phase three paragraphs below it."""
    page = _read(docs, "societies/cd-mech-eng/2018/index.md")
    score = _SCORE.search(page)
    assert score is not None
    assert _SCORE_NOT_FINAL.fullmatch(_plain(score.group(1))), score.group(1)
    final = _SCORE.search(_read(docs, "societies/cd-mech-eng/2017/index.md"))
    assert final is not None
    assert "定稿" not in final.group(1)


def test_a_society_pages_chart_marks_the_years_not_final(docs: Path) -> None:
    chart = _CHART.search(_read(docs, "societies/cd-mech-eng/index.md"))
    assert chart is not None
    svg = chart.group(0)
    assert svg.count("sb-chart__bar--marked") == 1  # 2018's column, not 2017's
    # Drawn at build time, the chart says only what stays true on any day; the page's phase
    # paragraph above it says the phase for the reader's day.
    assert '<text class="sb-chart__mark"' in svg
    assert ">尚未定稿</text>" in svg
    assert "公示" not in svg
    assert "<figcaption>历年总分（2018：尚未定稿）</figcaption>" in svg


_CYCLE = re.compile(r"## 评估进度 \{#cycle\}.*?</table></div>", re.DOTALL)
_ROWS = re.compile(r"<tr>(.*?)</tr>")
_CELLS = re.compile(r"<td[^>]*>(.*?)</td>")
_PHASE_PARAGRAPH = re.compile(r'<p class="sb-phase"[^>]*>2017 年度：(.*?)</p>\n(<details class="sb-tech[^"]*"[^>]*>.*?</details>)',
                              re.DOTALL)


def test_the_home_page_says_when_a_year_became_final_and_when_its_calendar_planned_it(docs: Path) -> None:
    """2017's 最终结果 said 2018-01-26 (the calendar's day) and the next column 定稿 2026-11-30 (the
    day it was finalized): which day the year became final is said in one cell, the plan apart,
    next to the phase, and on a phone each year is a card showing every column."""
    found = _CYCLE.search(_read(docs, "index.md"))
    assert found is not None
    section = found.group(0)
    assert 'class="sb-table sb-table--cards"' in section
    heads = [_plain(h) for h in _HEADS.findall(section)]
    assert heads[:3] == ["年度", "当前阶段", "定稿"]
    assert "最终结果" not in heads
    rows = {_plain(cells[0]): [_plain(c) for c in cells]
            for cells in (_CELLS.findall(r) for r in _ROWS.findall(section)) if cells}
    assert rows["2017 年度"][2] == "2026-11-30 已定稿（日历计划 2018-01-26）"
    assert rows["2018 年度"][2] == "尚未定稿（日历计划 2028-01-14）"


def test_the_public_pages_name_the_rubric_exactly_and_link_it_to_its_statement(docs: Path) -> None:
    """“2017年度学会重点工作评估细则（默认）”: 默认 tells the reader the points are the project's
    defaults, not the association's; the pages dropped it and so misquoted the rubric's name (a
    frozen year looked scored by a confirmed rubric). The name is the file's title, exactly, and
    leads to the rubric page's section for the year, whose statement says what 默认 means."""
    report = _read(docs, "societies/cd-mech-eng/2018/index.md")
    assert ('、<a href="../../../rubric/#rubric-2018">2018年度学会重点工作评估细则（默认，沿用2017年度）</a>'
            in report)  # its 评估依据
    for page, up in (("societies/cd-mech-eng/index.md", "../../"), ("societies/cd-mech-eng/2017/index.md", "../../../"),
                     ("rankings/2017/index.md", "../../")):
        found = _PHASE_PARAGRAPH.search(_read(docs, page))
        assert found is not None, page
        assert f'按《<a href="{up}rubric/#rubric-2017">2017年度学会重点工作评估细则（默认）</a>》计算' in found.group(1), page
    # The home page's years table names the rubric of the frozen year alike.
    assert '《<a href="rubric/#rubric-2017">2017年度学会重点工作评估细则（默认）</a>》' in _read(docs, "index.md")
    rubric = _read(docs, "rubric/index.md")
    section = rubric[rubric.index("## 2017 年度：2017年度学会重点工作评估细则（默认） {#rubric-2017}"):]
    assert section.index("本细则为默认值，由成都市科协确定并可调整") < section.index("{#rubric-2017-")


def test_a_final_years_commit_and_hashes_are_folded_under_its_phase(docs: Path) -> None:
    """The society page said “由代码提交 066a9e0556e2、《…》（数据 sha256 …）和指南数据（sha256 …）
    计算” in its phase's paragraph: the paragraph says in words what produced the numbers, the
    commit and the hashes are in a folded 技术核对信息 below it."""
    for page in ("societies/cd-mech-eng/index.md", "societies/cd-mech-eng/2017/index.md", "rankings/2017/index.md"):
        found = _PHASE_PARAGRAPH.search(_read(docs, page))
        assert found is not None, page
        said, details = found.groups()
        assert "sha256" not in said
        assert "/commit/" not in said
        assert "2017年度学会重点工作评估细则（默认）</a>》计算" in said
        assert "<summary>技术核对信息</summary>" in details
        assert "（数据 sha256 <code>" in details
        assert "/commit/" in details
