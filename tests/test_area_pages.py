"""A year's area page comes in parts of a fixed number of societies: no page grows with their
number, every item is listed on exactly one part, and the parts lead to each other."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from benchmarks.generate import generate as generate_tree
from site_builder import areas, context
from site_builder.form_page import site_settings
from site_builder.generate import generate
from site_builder.name_order import name_key
from tests.trees import ROOT
from validators.models.report import ITEM_AREAS

HREF = re.compile(r'href="([^"#]*)"')


def _listed(tree: Path) -> list[str]:
    """The tree's societies in the site's order: by their names' pinyin."""
    names = {p.parent.name: yaml.safe_load(p.read_text("utf-8"))["name"]
             for p in tree.glob("submissions/*/society.yaml")}
    return sorted(names, key=lambda s: (name_key(names[s]), s))


def _resolves(docs: Path, page: str, href: str) -> bool:
    """A raw-HTML link on generated page `page` (a folder's index.md) leads to a generated page."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return (docs / target / "index.md").is_file()


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tree = tmp_path_factory.mktemp("tree")
    generate_tree(12, 2, seed=3, out=tree)
    docs = tmp_path_factory.mktemp("site") / "docs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "AREA_PAGE_SOCIETIES", 5)
        generate(tree, docs, date="2026-11-30")
    return tree, docs


@pytest.mark.parametrize("area", ITEM_AREAS)
def test_each_item_is_on_exactly_one_part(paged: tuple[Path, Path], area: str) -> None:
    tree, docs = paged
    for year in sorted({int(p.stem) for p in tree.glob("submissions/*/[0-9]*.yaml")}):
        parts = [docs / context.area_page(year, area, n) for n in (1, 2, 3)]
        assert all(p.is_file() for p in parts)
        assert not (docs / context.area_page(year, area, 4)).exists()
        expected = sum(len((yaml.safe_load(p.read_text("utf-8")) or {}).get(area) or [])
                       for p in tree.glob(f"submissions/*/{year}.yaml"))
        listed = sum(p.read_text("utf-8").count("data-item=") for p in parts)
        assert listed == expected > 0, (year, area)


def test_the_parts_lead_to_each_other_and_a_report_to_its_part(paged: tuple[Path, Path]) -> None:
    tree, docs = paged
    year = min(int(p.stem) for p in tree.glob("submissions/*/[0-9]*.yaml"))
    for n in (1, 2, 3):
        page = context.area_page(year, "academic_events", n)
        hrefs = HREF.findall((docs / page).read_text("utf-8"))
        others = {context.area_page(year, "academic_events", m) for m in (1, 2, 3)} - {page}
        reached = {posixpath.normpath(posixpath.join(posixpath.dirname(page), h, "index.md")) for h in hrefs}
        assert others <= reached, page
        assert all(_resolves(docs, page, h) for h in hrefs if not h.startswith(("http", "mailto"))
                   and not h.endswith((".csv", ".json", ".xlsx", ".yaml"))), page
    # The eleventh society (the third part) links from its report to the third part.
    society = _listed(tree)[10]
    report = (docs / context.society_year_page(society, year)).read_text("utf-8")
    assert "academic_events/3/" in report


def test_a_part_whose_societies_sent_nothing_that_year_has_no_page(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    generate_tree(12, 2, seed=3, out=tree)
    year = min(int(p.stem) for p in tree.glob("submissions/*/[0-9]*.yaml"))
    for society in _listed(tree)[10:]:
        (tree / "submissions" / society / f"{year}.yaml").unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "AREA_PAGE_SOCIETIES", 5)
        generate(tree, tmp_path / "docs", date="2026-11-30")
    docs = tmp_path / "docs"
    assert not (docs / context.area_page(year, "academic_events", 3)).exists()
    assert (docs / context.area_page(year + 1, "academic_events", 3)).is_file()
    first = (docs / context.area_page(year, "academic_events")).read_text("utf-8")
    assert "共 2 页" in first
    assert 'href="2/"' in first
    assert 'href="3/"' not in first


_SCORE_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _score_rows(page: str) -> dict[str, list[str]]:
    """The 各学会本领域得分 table of an area page: society name → its cells, as text."""
    start = page.index('aria-label="各学会本领域得分"')
    body = page[start:page.index("</table>", start)]
    rows = [[html.unescape(_TAG.sub("", c)) for c in _CELL.findall(r)] for r in _SCORE_ROW.findall(body)]
    return {r[0]: r[1:] for r in rows if r}


def test_an_area_page_shows_each_societys_area_score_and_what_its_items_do_not_add_up_to() -> None:
    """The items of an area page added up to 19 for 成都市机械工程学会 while its area score was 20,
    with nothing saying why: each society's area score, as its evaluation says it, stands beside
    its items' sum, with a sentence naming the cap, the expert marks and the points tied to no
    item (1.1, 1.2, 2.3's growth)."""
    site = context.load(ROOT, site_settings(), "2026-11-30")

    def page(year: int, area: str) -> str:
        return areas.render(site, year, area)

    mech = "成都市机械工程学会（示例）"
    innovation = _score_rows(page(2017, "innovation"))
    assert innovation[mech] == ["20", "19", "各项目合计 19 分，加不对应具体项目的得分 7 分（条款 1.1、1.2），"
                                            "共 26 分，超过本领域上限 20 分，按上限计。"]
    events = _score_rows(page(2017, "academic_events"))
    assert events[mech] == ["20", "25", "各项目合计 25 分，加专家评分 5 分（条款 5.1），共 30 分，"
                                        "超过本领域上限 20 分，按上限计。"]
    functions = _score_rows(page(2018, "government_functions"))
    assert functions[mech] == ["17", "14", "各项目合计 14 分，加不对应具体项目的得分 3 分（条款 2.3）。"]
    major = _score_rows(page(2017, "major_work"))
    assert major[mech] == ["10", "14", "各项目合计 14 分，超过本领域上限 10 分，按上限计。"]
    # Every society's area score on every area page is its evaluation's, the frozen ones included.
    for year in site.years:
        for area in site.area_titles(year):
            rows = _score_rows(page(year, area))
            for doc in site.reports_in(year):
                e = site.evaluation(doc.report.society, year)
                assert e is not None
                score = rows[site.name(doc.report.society)][0]
                assert float(score) == e.subtotals[area], (year, area, doc.report.society)
