"""Tables that do not grow the page with the registry: past INLINE_ROWS rows, the societies list
and each year's ranking hold their first rows in the page (readable and printable without
JavaScript, with a note) and load the rest from rows.json beside the page; in Chromium every
row is there, sorting covers them all, and nothing leaves the site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.generate import generate
from site_builder.downloads import RANKINGS_LABEL, SOCIETIES_LABEL
from site_builder.tables import INLINE_LINES, INLINE_ROWS
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SOCIETIES = INLINE_ROWS + 30


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("long") / "tree"
    generate(SOCIETIES, 1, seed=7, out=tree)
    return built_site(tree)


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere
    with served(site) as url:
        yield url


def _rows(html: str) -> int:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.count("<tr>")


@pytest.mark.parametrize("page", ["societies", "rankings/2017", "status/2017", "review"])
def test_the_page_holds_its_first_rows_and_the_file_holds_all(site: Path, page: str) -> None:
    html = (site / page / "index.html").read_text("utf-8")
    assert _rows(html) == INLINE_ROWS
    assert 'data-rows="rows.json"' in html
    assert f"本表共 {SOCIETIES} 行" in html
    # The downloads page is named only where it holds the whole table: the status page's and
    # the board's tables are not among its files.
    note = html.split('<p class="sb-more"', 1)[1].split("</p>", 1)[0]
    named = {"societies": SOCIETIES_LABEL, "rankings/2017": RANKINGS_LABEL}.get(page)
    assert ("“下载”页" in note) == (named is not None)
    if named:
        assert f"“{named}”" in note
        assert named in (site / "downloads" / "index.html").read_text("utf-8")
    rows = json.loads((site / page / "rows.json").read_text("utf-8"))["rows"]
    assert len(rows) == SOCIETIES
    # The page's own rows are the file's first rows, cell for cell.
    first = re.findall(r"<td[^>]*>(.*?)</td>", html.split("<tbody>", 1)[1].split("</tr>", 1)[0])
    assert first == [cell[0] for cell in rows[0]]


@pytest.mark.parametrize(("path", "column"), [("societies/", 0), ("rankings/2017/", 2), ("review/", 3)])
def test_every_row_is_there_and_sorts_in_the_browser(page, base: str, path: str, column: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + path)
    rows = "article table[data-rows] tbody tr"
    page.wait_for_function(f"document.querySelectorAll('{rows}').length === {SOCIETIES}")
    assert "已全部列出" in page.inner_text(".sb-more")
    header = page.locator("article table[data-rows] thead th").nth(column)
    cells = f"[...document.querySelectorAll('{rows}')].map(r => r.cells[{column}].dataset.sort ?? r.cells[{column}].textContent)"
    header.click()
    once = page.evaluate(cells)
    header.click()
    twice = page.evaluate(cells)
    assert len(once) == SOCIETIES
    assert sorted(once) == sorted(twice)
    assert once != twice
    if column:  # a score: every row, in order of value one way and then the other
        values = [float(x) for x in once]
        assert values in (sorted(values), sorted(values, reverse=True))
        again = [float(x) for x in twice]
        assert again in (sorted(again), sorted(again, reverse=True))
    assert not page.problems, page.problems


def _long_reports(site: Path) -> list[Path]:
    return sorted(site.glob("societies/*/*/lines.json"))


def test_a_long_reports_lines_load_beside_its_page(site: Path) -> None:
    """The generated tree has reports of more lines than INLINE_LINES (its biggest societies):
    their pages hold the first lines, the rest are in lines.json, made by the same code."""
    found = _long_reports(site)
    assert found, "the generated tree should hold a report longer than INLINE_ROWS lines"
    html = (found[0].parent / "index.html").read_text("utf-8")
    lines = html.split('id="lines"', 1)[1]
    assert _rows(lines) == INLINE_LINES
    assert 'data-rows="lines.json"' in lines
    assert len(json.loads(found[0].read_text("utf-8"))["rows"]) > INLINE_LINES


def test_a_long_reports_lines_are_all_there_as_cards_on_a_phone(page, site: Path, base: str) -> None:  # type: ignore[no-untyped-def]
    report = _long_reports(site)[0].parent
    total = len(json.loads((report / "lines.json").read_text("utf-8"))["rows"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + report.relative_to(site).as_posix() + "/")
    rows = "table[data-rows='lines.json'] tbody tr"
    page.wait_for_function(f"document.querySelectorAll(\"{rows}\").length === {total}")
    last = page.locator(rows).last.locator("td").first
    assert last.get_attribute("data-label") == "项目"  # loaded rows are cards with their labels too
    assert not page.problems, page.problems
