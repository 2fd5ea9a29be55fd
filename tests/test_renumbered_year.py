"""A 2019 as the association would write it (tests/data/years/renumbered_2019: area 六 renamed
调查研究与决策咨询, 7.2 ended and 7.3–7.5 renumbered, 5.6 added): the site says 2019's facts on
2019's pages and keeps 2017's and 2018's."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import openpyxl
import pytest

from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from tests.year_trees import renumbered_year_tree

SETTINGS = SiteSettings(repo_url="https://github.com/example/r")
REPORT = """\
    society: cd-mech-eng
    year: 2019
    research:
      - id: rpt-a
        title: 关于制造业数字化的建议
        form: 调研报告
        topic: 国家中心城市
        focus: 西部经济中心
        achievements:
          - type: 采纳或形成政策
            date: 2019-03-20
            evidence:
              - https://example.org/cast-sample/cd-mech-eng/2019/rpt-a
    """


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the 2019 tree with one 2019 report."""
    root = renumbered_year_tree(tmp_path_factory.mktemp("renumbered") / "tree")
    (root / "submissions" / "cd-mech-eng" / "2019.yaml").write_text(textwrap.dedent(REPORT), encoding="utf-8")
    out = root.parent / "docs"
    generate(root, out, settings=SETTINGS, date="2001-02-03")
    return out


def _page(site: Path, rel: str) -> str:
    return html.unescape((site / rel).read_text("utf-8"))


def test_a_renamed_area_s_list_is_captioned_by_the_year_s_name(filed: Path) -> None:
    """六 is 调查研究与决策咨询 in 2019: its list on the society's and the area's page, and the
    workbook's sheet, say so; 2018's pages keep the caption 调研报告与建言献策."""
    for rel in ("societies/cd-mech-eng/2019/index.md", "areas/2019/research/index.md"):
        page = _page(filed, rel)
        assert 'aria-label="调查研究与决策咨询"' in page, rel
        assert "调研报告与建言献策" not in page, rel
    assert 'aria-label="调研报告与建言献策"' in _page(filed, "societies/cd-mech-eng/2018/index.md")
    sheets = openpyxl.load_workbook(filed / "downloads" / "tables.xlsx", read_only=True).sheetnames
    assert "调查研究与决策咨询" in sheets
    assert "调研报告与建言献策" not in sheets
    downloads = _page(filed, "downloads/index.md")
    row = downloads[downloads.index("items-research.csv"):]
    assert "调查研究与建言献策／调查研究与决策咨询（2019 年起）：全部学会、全部年度（CSV）" in row[:row.index("</tr>")]


@pytest.fixture(scope="module")
def unfiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the 2019 tree while 2019 is open for filing and nobody has filed yet."""
    root = renumbered_year_tree(tmp_path_factory.mktemp("unfiled") / "tree")
    out = root.parent / "docs"
    generate(root, out, settings=SETTINGS, date="2019-06-01")
    return out


def test_a_year_open_with_no_report_has_its_rubric_and_schema_shown(unfiled: Path) -> None:
    """2019's new points (5.6), caps and tiers are on /rubric/ while secretaries file, its schema
    is downloadable, and the page names each year's own text."""
    page = _page(unfiled, "rubric/index.md")
    section = page[page.index("{#rubric-2019}"):page.index("{#rubric-2018}")]
    assert "青少年科技教育活动" in section
    assert "一档" in section
    assert "（2019 年度的指南和细则）" in page
    head = page[:page.index("{#interpretations}")]
    assert "2019 年度：《2019年学会重点工作指南》" in head
    assert "2017、2018 年度：《2017年学会重点工作指南》" in head
    assert "submission-2019.schema.json" in _page(unfiled, "downloads/index.md")
    assert (unfiled / "downloads" / "schema" / "submission-2019.schema.json").is_file()
