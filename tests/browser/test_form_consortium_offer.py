"""A secretary whose society takes part (参与) in a consortium another society leads, who types
its published name into a new consortium instead of picking it: the card offers, below the name,
to fill it as the lead wrote it (the picker's choice). Before, the item kept its fresh id and its
own form, direction and date, and `check` said W-CONSORTIUM-NO-LEAD (or, as a lead,
E-CONSORTIUM-MULTIPLE-LEADS) of a consortium the secretary did not know was another one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.test_form import box, fill, passes, settled
from tests.browser.test_form_across import LED, _by_check, _warned_by_check
from tests.browser.test_form_mirrors import _blank, _head, _said, _show_all
from tests.site_support import built_site, served, sync_playwright
from validators.rules.cross_file_common import same_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAME = "成都智能制造学会联合体"  # cd-mech-eng leads it (LED) in its 2018 report
OFFER = ("已发布的联合体中有同名的“成都智能制造学会联合体”（成都市机械工程学会（示例）牵头，编号 "
         f"{LED}）：如果本学会是参加它，请点“按牵头学会的报告填写”。")
# What the picker fills, as cd-mech-eng's report has it.
AS_LED = {"id": LED, "name": NAME, "role": "参与", "form": "专业相近", "direction": "横向",
          "industry": "装备制造", "established": "2017-05-20"}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _consortium(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The form's first consortium, as its YAML says it (dates as written)."""
    report = yaml.safe_load(page.input_value("#rf-yaml-report"))
    item = report["consortia"][0]
    return {k: str(v) for k, v in item.items()}


def _typed(page, base: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """A new consortium filled by hand: the name, then its own role, form, direction, industry and date."""
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    settled(page)
    for key, value in (("name", name), ("role", "牵头"), ("form", "服务属性相近"), ("direction", "纵向"),
                       ("industry", "电子信息"), ("established", "2018-03-01")):
        fill(page, f"/consortia/0/{key}", value)
    page.keyboard.press("Tab")
    settled(page)


def test_a_published_consortium_s_name_typed_by_hand_offers_to_fill_it_as_its_lead_wrote_it(
        page, base: str, tmp_path: Path) -> None:
    _typed(page, base, NAME)
    offer = box(page, "/consortia/0").locator(".rf-pick-offer")
    assert offer.locator("p").all_inner_texts() == [OFFER]
    button = offer.get_by_role("button", name="按牵头学会的报告填写")
    assert button.count() == 1
    # On a phone too the offer stays inside the screen, below the name.
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 844})
        offer.scroll_into_view_if_needed()
        where = offer.bounding_box()
        assert where is not None
        assert where["x"] >= 0
        assert where["x"] + where["width"] <= width, where
        box(page, "/consortia/0").screenshot(path=str(tmp_path / f"offer-{width}.png"))
    page.set_viewport_size({"width": 1366, "height": 844})
    # Nothing changes without the click: the item is still the one typed, and check says so.
    typed = _consortium(page)
    assert typed["id"] == "consortium-cd-agri-2018-01"
    assert (typed["role"], typed["form"], typed["direction"]) == ("牵头", "服务属性相近", "纵向")
    checked = _by_check(page)
    assert {p: c for p, (c, _) in checked.items()} == {"/consortia/0/role": "E-CONSORTIUM-MULTIPLE-LEADS",
                                                       "/consortia/0/members": "E-CONSORTIUM-NO-PARTNER"}
    _show_all(page)
    assert _said(page, "/consortia/0/role") == checked["/consortia/0/role"][1]
    assert not passes(_head(page))
    button.click()
    settled(page)
    # As the picker fills it: the lead's id, form, direction, industry and date, role 参与.
    filled = _consortium(page)
    assert {k: filled[k] for k in AS_LED} == AS_LED
    assert page.input_value('[data-pointer="/consortia/0"] .rf-pick select') == LED
    assert box(page, "/consortia/0").locator(".rf-pick-offer").inner_text() == ""
    assert _by_check(page) == {}
    assert "W-CONSORTIUM-NO-LEAD" not in {c for said in _warned_by_check(page).values() for c, _ in said}
    assert passes(_head(page))
    assert not page.problems, page.problems


def test_another_name_offers_nothing_and_the_offer_follows_the_name(page, base: str) -> None:
    _typed(page, base, "成都智能制造联合体")
    offer = box(page, "/consortia/0").locator(".rf-pick-offer")
    assert offer.inner_text() == ""
    assert not offer.is_visible()
    assert offer.locator("button").count() == 0
    # The exact name, with the spaces a paste brings, is offered; another name again is not.
    fill(page, "/consortia/0/name", f" {NAME} ")
    page.keyboard.press("Tab")
    settled(page)
    assert offer.locator("p").all_inner_texts() == [OFFER]
    # A name `check` reads as the same one (a space inside, a mark at its end) is offered too.
    variant = NAME.replace("学会", "学会 ", 1) + "。"
    assert same_text(variant) == same_text(NAME)
    fill(page, "/consortia/0/name", variant)
    page.keyboard.press("Tab")
    settled(page)
    assert offer.locator("p").all_inner_texts() == [OFFER]
    fill(page, "/consortia/0/name", NAME + "（二期）")
    page.keyboard.press("Tab")
    settled(page)
    assert offer.locator("button").count() == 0
    assert _consortium(page)["id"] == "consortium-cd-agri-2018-01"
    assert not page.problems, page.problems


def test_a_consortium_picked_or_led_by_the_society_itself_is_not_offered(page, base: str) -> None:
    """Picked, its id is the published one's: nothing to offer. The lead's own consortium under
    a fresh id is no consortium to take part in (said by check, not offered)."""
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    assert box(page, "/consortia/0").locator(".rf-pick-offer button").count() == 0
    _blank(page, base, "cd-mech-eng")
    box(page, "/consortia").locator(":scope > .rf-add").click()
    settled(page)
    fill(page, "/consortia/0/name", NAME)
    page.keyboard.press("Tab")
    settled(page)
    assert box(page, "/consortia/0").locator(".rf-pick-offer button").count() == 0
    assert not page.problems, page.problems
