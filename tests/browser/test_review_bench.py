"""What the workbench says of a verdict, a mark and an objection, as the staff and an expert read it.

- 待补充材料 said nothing of how the material reaches the association, while after the deadline the
  society's own pull request is refused: it now says the way in the year's phase (phase.py's words,
  as the report page says them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR, SOCIETY, WAITING = 2018, "cd-mech-eng", "svc-motor-rd"
SHOTS = Path("/tmp/bench-shots")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = base_tree(tmp_path_factory.mktemp("bench") / "tree")
    sync_playwright()
    with served(built_site(root)) as url:
        yield url


def _open(page, base: str, society: str = SOCIETY) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script("localStorage.setItem('rv-reviewer', 'cast-staff')")
    page.goto(f"{base}review/#{YEAR}/{society}")
    page.wait_for_selector(".rv-item")


def _shots(page, name: str, selector: str) -> None:  # type: ignore[no-untyped-def]
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        page.locator(selector).scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))


def test_material_requested_says_how_the_material_reaches_the_association(page, base: str) -> None:
    _open(page, base)
    note = page.locator(f"#rv-{WAITING}-material")
    page.click(f"#rv-{WAITING}-verified")
    assert note.is_hidden()
    page.click(f"#rv-{WAITING}-material_requested")
    said = note.inner_text()
    # The sample's 2018 is on notice: the item earns nothing, and the society corrects only when
    # an objection allows it, else the association's administrator submits the material.
    assert said.startswith("学会怎样补充：公示期内")
    assert "不计分" in said
    assert "允许该学会更正的异议" in said
    assert "由市科协管理员提交" in said
    _shots(page, "material", f"#rv-{WAITING}-material")
    assert not page.problems, page.problems


def test_the_report_page_says_the_same_way_for_material_requested(page, base: str) -> None:
    page.goto(f"{base}societies/cd-computer/{YEAR}/")
    box = page.locator(".admonition", has_text="待补充材料：")
    said = box.inner_text()
    assert "由市科协管理员提交" in said
    assert "允许该学会更正的异议" in said
    assert "按核查规则计分" not in said
    _shots(page, "material-report", ".admonition.warning")
