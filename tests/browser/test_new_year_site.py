"""A 2019 as the association would write it (tests/data/years/renumbered_2019: area 六 renamed,
7.2 科技扶贫 ended and 7.3–7.5 renumbered, 5.6 added), built before any society has filed it:
the pages and the form say 2019's facts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_form import box, settled
from tests.site_support import built_site, served, sync_playwright
from tests.year_trees import renumbered_year_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    root = renumbered_year_tree(tmp_path_factory.mktemp("renumbered") / "tree")
    with served(built_site(root)) as url:
        yield url


def test_the_form_says_an_ended_kind_as_check_says_it(page, base: str) -> None:  # type: ignore[no-untyped-def]
    text = ("society: cd-agri\nyear: 2019\nmajor_work:\n  - id: mw-a\n    kind: 科技扶贫\n    title: 对口帮扶\n"
            "    date: 2019-07-01\n    description: 技术指导。\n")
    page.goto(base + "form/")
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": "2019.yaml", "mimeType": "text/yaml", "buffer": text.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    message = str(box(page, "/major_work/0/kind").locator(":scope > .rf-msg").inner_text())
    assert message.endswith("“科技扶贫”是 2018 年度的重大工作类别，2019 年度已没有这一类。"), message
    assert "党建”。" not in message.split("可选：")[0]
    assert not page.problems, page.problems
