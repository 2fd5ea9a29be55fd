"""A year's area page comes in parts of a fixed number of societies: no page grows with their
number, every item is listed on exactly one part, and the parts lead to each other."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml

from benchmarks.generate import generate as generate_tree
from site_builder import context
from site_builder.generate import generate
from site_builder.name_order import name_key
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
