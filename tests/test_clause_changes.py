"""The guideline page's section 与上一年度相比改动的条款: the clauses whose words differ from the
previous year's text, each wording quoted exactly, the changed words marked, everything escaped.

What changed is worked out here from the .txt files with a reading of their own (areas 一、,
numbered lines 1. or 1、, lines broken mid-sentence joined), not with the site's parser."""

from __future__ import annotations

import html
import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from site_builder import guideline_page
from site_builder.clause_changes import ANCHOR, HEADING, section, segments
from site_builder.context import load
from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from tests.test_new_year import WINDOW
from tests.trees import ROOT, base_tree
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics
from validators.year.text import parse

SETTINGS = SiteSettings(repo_url="https://github.com/example/r")
_AREA = re.compile(r"^([一二三四五六七八九十])、")
_NUMBERED = re.compile(r"^(\d+)\s*[.、]\s*")
_BLOCK = re.compile(r'<div class="sb-change sb-change--(\w+)">\n(.*?)\n</div>', re.S)
_NAMED = re.compile(r'<a href="[^"]*#clause-([0-9-]+)">条款 ([^<]+)</a>')
_QUOTE = re.compile(r'<p class="sb-change__(old|new)"><span class="sb-change__year">(\d+) 年度原文：</span>“(.*)”</p>')


def _text_file(root: Path, year: int) -> Path:
    """The .txt a year is judged by: its own, or that of the year its file carries forward from."""
    folder = root / "validators" / "guidelines"
    while not (folder / f"{year}.txt").is_file():
        year = yaml.safe_load((folder / f"{year}.yaml").read_text("utf-8"))["carried_forward_from"]
    return folder / f"{year}.txt"


def _clauses(path: Path) -> dict[str, str]:
    """Clause id → its words: an area's opening paragraph whole, a numbered line without its number."""
    found: dict[str, str] = {}
    area, current = "", ""
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if heading := _AREA.match(line):
            area, current = str("一二三四五六七八九十".index(heading.group(1)) + 1), ""
        elif area and (numbered := _NUMBERED.match(line)):
            current = f"{area}.{int(numbered.group(1))}"
            found[current] = line[numbered.end():]
        elif current:
            found[current] += line
        elif area and area not in found:
            found[area] = line
    return found


def _section(page: str) -> str:
    start = page.index(f"## {HEADING} {{#{ANCHOR}}}")
    return page[start:]


def _listed(section: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Each listed clause: what the block calls it, and its two quotes as a reader sees them."""
    listed: dict[str, tuple[str, str | None, str | None]] = {}
    for kind, body in _BLOCK.findall(section):
        anchor, said = _NAMED.search(body).groups()  # type: ignore[union-attr]
        clause = html.unescape(said)
        assert anchor == clause.replace(".", "-")
        quotes = {side: html.unescape(re.sub(r"</?(del|ins)>", "", words)) for side, _, words in _QUOTE.findall(body)}
        listed[clause] = (kind, quotes.get("old"), quotes.get("new"))
    return listed


def _expected(old: dict[str, str], new: dict[str, str]) -> dict[str, tuple[str, str | None, str | None]]:
    kinds = {(True, False): "removed", (False, True): "added", (True, True): "changed"}
    return {c: (kinds[c in old, c in new], old.get(c), new.get(c))
            for c in old.keys() | new.keys() if old.get(c) != new.get(c)}


def test_each_year_s_page_lists_the_clauses_whose_words_differ_from_the_year_before(tmp_path: Path) -> None:
    """The repository's years (2018 carries 2017's text forward: no clause is listed, and the
    section says so); the first year has no section."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    years = sorted(int(p.name) for p in (tmp_path / "docs" / "guideline").iterdir() if p.name.isdigit())
    assert HEADING not in (tmp_path / "docs" / "guideline" / str(years[0]) / "index.md").read_text("utf-8")
    for before, year in pairwise(years):
        page = (tmp_path / "docs" / "guideline" / str(year) / "index.md").read_text("utf-8")
        old, new = _text_file(ROOT, before), _text_file(ROOT, year)
        expected = _expected(_clauses(old), _clauses(new))
        assert _listed(_section(page)) == expected, year
        if old == new:
            assert f"{year} 年度与 {before} 年度用的是同一份指南原文，没有改动的条款。" in _section(page)


def _tree(tmp: Path, text: str) -> Path:
    """The base years and a 2019 whose text is `text` (its yaml carried forward from 2018)."""
    root = base_tree(tmp / "tree")
    own = root / "validators"
    (own / "guidelines" / "2019.yaml").write_text(
        "year: 2019\ncarried_forward_from: 2018\ntitle: 2019年度评估（测试）\n"
        "source: 成都市科协《2019年学会重点工作指南》（测试）\n" + WINDOW.lstrip(), encoding="utf-8")
    (own / "rubrics" / "2019.yaml").write_text(
        "id: default-2019\nyear: 2019\ncarried_forward_from: 2018\ntitle: 2019年度细则（测试）\n", encoding="utf-8")
    (own / "guidelines" / "2019.txt").write_text(text, encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    return root


def _page_2019(root: Path) -> str:
    return guideline_page.render(load(root, SETTINGS, "2001-02-03"), 2019)


TEXT_2017 = (ROOT / "validators" / "guidelines" / "2017.txt").read_text("utf-8")


def test_a_new_year_with_one_reworded_clause_lists_it_alone_with_the_change_marked(tmp_path: Path) -> None:
    root = _tree(tmp_path, TEXT_2017.replace("参与规模不少于100人，并制作", "参与规模不少于150人，并制作"))
    page = _page_2019(root)
    section = _section(page)
    before = _clauses(_text_file(root, 2018))["5.1"]
    assert _listed(section) == {"5.1": ("changed", before, before.replace("100人", "150人"))}
    assert "<strong>改动</strong>：“100”改为“150”。" in section
    assert "参与规模不少于<del>100</del>人" in section
    assert "参与规模不少于<ins>150</ins>人" in section
    assert 'href="#clause-5-1">条款 5&#46;1</a>' in section
    # The page's note counts it and links to the section; the guideline's own text comes first.
    assert f"与 2018 年度相比改动了 1 条条款，见文末的[{HEADING}](#{ANCHOR})。" in page
    assert page.index("## 七、") < page.index(f"## {HEADING}")


def test_an_added_and_a_removed_clause_are_quoted_whole(tmp_path: Path) -> None:
    text = TEXT_2017.replace("5.其他学术交流活动，指专题论坛、科技沙龙等活动。",
                             "5.其他学术交流活动，指专题论坛、科技沙龙等活动。\n6.线上学术交流活动，在线参与不少于300人。")
    last = next(line for line in text.splitlines() if line.startswith("5.支持学会参与成都全球"))
    text = text.replace("\n" + last, "")
    root = _tree(tmp_path, text)
    section = _section(_page_2019(root))
    assert _listed(section) == _expected(_clauses(_text_file(root, 2018)), _clauses(_text_file(root, 2019)))
    assert "“<ins>线上学术交流活动，在线参与不少于300人。</ins>”" in section
    assert "<strong>新增</strong>：2018 年度没有这一条。" in section
    # A clause gone from the year links to the earlier year's page, where it still is.
    assert '<a href="../2018/#clause-7-5">条款 7&#46;5</a>　<strong>删去</strong>：2019 年度没有这一条。' in section


HOSTILE = '<script>alert(1)</script> **粗** [链接](javascript:x) {#top} &amp; `代码` <img src=x onerror=y>'


def test_markup_in_a_clause_is_shown_as_written_and_interpreted_as_nothing(tmp_path: Path) -> None:
    text = TEXT_2017.replace("2.鼓励学会承接购买政府服务和委托工作。", f"2.鼓励学会承接{HOSTILE}和委托工作。")
    text = text.replace("5.其他学术交流活动，指专题论坛、科技沙龙等活动。",
                        f"5.其他学术交流活动，指专题论坛、科技沙龙等活动。\n6.{HOSTILE}")
    root = _tree(tmp_path, text)
    section = _section(_page_2019(root))
    listed = _listed(section)
    assert listed["2.2"][2] == f"鼓励学会承接{HOSTILE}和委托工作。"
    assert listed["5.6"] == ("added", None, HOSTILE)
    body = section.split("\n", 1)[1]  # below the heading and its anchor
    tags = set(re.findall(r"</?([a-z]+)", body))
    assert tags <= {"div", "p", "a", "span", "strong", "del", "ins"}, tags
    for raw in ("<script", "<img", "**", "](", "{#", "`", "&amp;"):
        assert raw not in body, raw


@pytest.mark.parametrize(("old", "new", "changes"), [
    ("注册率达50%以上。", "注册率达60%以上。", [("50%", "60%")]),
    ("提供科技类咨询、培训等服务", "提供科技类咨询、培训、技术成果转化等服务", [("", "、技术成果转化")]),
    ("组织参与科技扶贫、脱贫攻坚工作。", "组织参与乡村振兴工作。", [("科技扶贫、脱贫攻坚", "乡村振兴")]),
    # A character the two phrases happen to share (级) does not split one change in two.
    ("市级学会的专家", "省级协会的专家", [("市级学", "省级协")]),
    ("不少于100人", "不少于100人", []),
])
def test_the_changed_words_are_runs_that_read_as_words(old: str, new: str, changes: list[tuple[str, str]]) -> None:
    parts = segments(old, new)
    assert "".join(p.old for p in parts) == old
    assert "".join(p.new for p in parts) == new
    assert [(p.old, p.new) for p in parts if not p.same] == changes


def test_a_clause_rewritten_throughout_is_left_to_its_marks() -> None:
    """Four separate changes, or many words, would be said twice: the summary points to the quotes."""
    old = parse("一、领域\n领域的开篇。\n1.学会甲在本市组织乙并且开展丙相关工作丁。\n", 2018, "2018.txt")
    new = parse("一、领域\n领域的开篇。\n1.学会子在本市组织丑并且开展寅相关工作卯。\n", 2019, "2019.txt")
    said = section(old, new, 2018, 2019, "../2018/")
    assert "<strong>改动</strong>：多处改动，见下面两段原文中标出的字句。" in said
    assert "学会<del>甲</del>在本市组织<del>乙</del>并且开展<del>丙</del>相关工作<del>丁</del>。" in said


def test_a_year_without_a_previous_year_has_no_section(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    shutil.rmtree(root / "submissions")
    (root / "submissions").mkdir()
    for kind in ("guidelines", "rubrics"):
        (root / "validators" / kind / "2018.yaml").unlink()
    reread_guidelines()
    reread_rubrics()
    page = guideline_page.render(load(root, SETTINGS, "2001-02-03"), 2017)
    assert HEADING not in page
