"""The downloads page on a phone (390 × 844), built by MkDocs and by Zensical: its explanation of
the tables' columns was one paragraph of about 30 lines, the JSON files' field names among the
readers' words. Each column is a list item, no block runs long, and the field names stand under
a heading for programmers, after the files' table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from site_builder import downloads
from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
# The longest block (paragraph or list item) a reader scrolls through on a phone, in lines.
MOST_LINES = 10

# Of the article, from the 数据文件 heading on: each block's lines, the list items' names, the
# headings, and where the field names in code stand relative to the files' table.
_READ = """() => {
    const article = document.querySelector('article');
    const start = [...article.querySelectorAll('h2')].find(h => h.textContent.includes('数据文件'));
    const after = el => start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    const table = [...article.querySelectorAll('table')].find(after);
    const below = el => table.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    const lines = el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
    const blocks = [...article.querySelectorAll('p, li')].filter(after).filter(el => !table.contains(el));
    return {
        longest: Math.max(...blocks.map(lines)),
        items: [...article.querySelectorAll('li > strong:first-child')].filter(after).map(s => s.textContent.trim()),
        headings: [...article.querySelectorAll('h3')].filter(below).map(h => h.textContent.replace('¶', '').trim()),
        codes: [...article.querySelectorAll('p code, li code')].filter(after)
            .map(c => [c.textContent.trim(), Boolean(below(c))]),
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
}"""


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def base(request: pytest.FixtureRequest) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(builder=request.param)) as url:
        yield url


def test_the_downloads_columns_are_a_short_list_and_the_field_names_are_for_programmers(phone, base: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(f"{base}downloads/")
    phone.wait_for_load_state("networkidle")
    settled(phone)
    read = phone.evaluate(_READ)
    assert read["items"] == ["备注", downloads.PHASE, downloads.ASSOCIATION_WARNINGS, downloads.CHANGED_AFTER_FINAL]
    assert read["longest"] <= MOST_LINES, read["longest"]
    assert read["headings"] == ["给程序员：JSON 文件的字段"]
    fields = {downloads.REMARK_KEY, downloads.PHASE_KEY, downloads.ASSOCIATION_WARNINGS_KEY,
              downloads.CHANGED_AFTER_FINAL_KEY, "warnings"}
    placed = {code: below for code, below in read["codes"] if code in fields}
    assert placed == dict.fromkeys(fields, True)  # every field name, each below the table only
    assert not any(code in fields for code, below in read["codes"] if not below)
    assert not read["sideways"]
    assert phone.problems == []
