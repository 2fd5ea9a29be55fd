"""What `check` finds against the other reports, in headless Chromium: a secretary who picks a
consortium another society leads this year and makes the society its lead (牵头) hears, at the role,
the sentence `check` gives the file in the repository, and the check bar no longer says
“检查通过” (it did, and the pull request failed with E-CONSORTIUM-MULTIPLE-LEADS)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.test_form import PASSED_JS, add, box, fill, passes, settled
from tests.browser.test_form_mirrors import _blank, _head, _said, _show_all
from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree
from validators.association.browser_cross import share_of, shared_file
from validators.check import check_tree
from validators.rules.cross_file_common import same_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY = "cd-agri"  # registered, with no 2018 report
LED = "consortium-smart-manufacturing"  # cd-mech-eng leads it in its 2018 report


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _by_check(page) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """pointer: (code, sentence) of each error `check` finds of the form's report, put into the
    repository beside the other societies' reports."""
    with tempfile.TemporaryDirectory() as tmp:
        root = base_tree(Path(tmp), ("submissions",))
        path = root / "submissions" / SOCIETY / "2018.yaml"
        path.write_text(page.input_value("#rf-yaml-report"), encoding="utf-8")
        result, _ = check_tree(root, [path])
    return {"/" + "/".join(map(str, f.path or ())): (f.code, f.message)
            for f in result.findings if f.severity == "error"}


def test_leading_a_consortium_another_society_leads_is_an_error_at_the_role(page, base: str) -> None:
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    assert passes(_head(page))  # taking part (参与) in it is no error
    assert _by_check(page) == {}
    add(page, "/consortia/0/members")
    fill(page, "/consortia/0/members/0", "成都市示例职业技术学院")  # a lead has partners (E-CONSORTIUM-NO-PARTNER)
    fill(page, "/consortia/0/role", "牵头")
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(page)
    assert {p: c for p, (c, _) in checked.items()} == {"/consortia/0/role": "E-CONSORTIUM-MULTIPLE-LEADS"}
    assert not passes(_head(page))
    assert "1 个错误" in _head(page)
    said = _said(page, "/consortia/0/role")
    assert said == checked["/consortia/0/role"][1]
    assert said.startswith(f"2018 年联合体“成都智能制造学会联合体”（{LED}）有多个牵头学会（成都市农学会（示例）、成都市机械工程学会（示例））")
    _show_all(page)
    assert said in page.inner_text(".rf-summary")
    # On a phone the sentence stays inside the screen, beside the role it is about.
    page.set_viewport_size({"width": 390, "height": 844})
    message = box(page, "/consortia/0/role").locator(":scope > .rf-msg")
    message.scroll_into_view_if_needed()
    where = message.bounding_box()
    assert where is not None
    assert where["x"] >= 0
    assert where["x"] + where["width"] <= 390, where
    assert not page.problems, page.problems


def test_a_member_that_says_otherwise_than_the_lead_hears_it_at_the_field(page, base: str) -> None:
    """The picker fills a consortium as its lead reports it; a secretary who then changes its
    direction hears, at the direction, the sentence `check` gives (E-CONSORTIUM-DIFFERS)."""
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    assert passes(_head(page))
    box(page, "/consortia/0/direction").locator("select").focus()  # as a click on it does
    fill(page, "/consortia/0/direction", "纵向")  # cd-mech-eng's report says 横向
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(page)
    assert {p: c for p, (c, _) in checked.items()} == {"/consortia/0/direction": "E-CONSORTIUM-DIFFERS"}
    assert not passes(_head(page))
    assert "1 个错误" in _head(page)
    said = _said(page, "/consortia/0/direction")
    assert said == checked["/consortia/0/direction"][1]
    assert said.startswith(f"联合体“成都智能制造学会联合体”（{LED}）的联合方向写的是“纵向”，牵头学会成都市机械工程学会（示例）在它的报告中写的是“横向”")
    _on_screen(page, "/consortia/0/direction")
    assert not page.problems, page.problems


def _on_screen(page, pointer: str) -> None:  # type: ignore[no-untyped-def]
    """The sentence at the field stays inside the screen, on a desktop and on a phone."""
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 844})
        message = box(page, pointer).locator(":scope > .rf-msg")
        message.scroll_into_view_if_needed()
        where = message.bounding_box()
        assert where is not None
        assert where["x"] >= 0
        assert where["x"] + where["width"] <= width, where


def _warned_by_check(page) -> dict[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """pointer: [(code, sentence)] of each warning across reports `check` gives the form's report,
    in the repository beside the other societies' reports."""
    with tempfile.TemporaryDirectory() as tmp:
        root = base_tree(Path(tmp), ("submissions",))
        path = root / "submissions" / SOCIETY / "2018.yaml"
        path.write_text(page.input_value("#rf-yaml-report"), encoding="utf-8")
        result, _ = check_tree(root, [path])
    warned: dict[str, list[tuple[str, str]]] = {}
    for f in result.sorted_findings():
        if f.severity == "warning" and f.code.startswith(("W-CONSORTIUM-", "W-STATION-", "W-EVENT-", "W-REPORT-")):
            warned.setdefault("/" + "/".join(map(str, f.path or ())), []).append((f.code, f.message))
    return warned


def test_a_warning_across_reports_is_said_at_its_field_as_a_warning(page, base: str) -> None:
    """A secretary who picks a consortium cd-mech-eng leads, whose members do not include cd-agri,
    hears at the role the warning `check` gives (W-CONSORTIUM-NOT-RECIPROCAL), shown as a warning:
    the check still passes, with one note; a member written like a society id no society has
    (W-CONSORTIUM-MEMBER-UNKNOWN) is said at that member."""
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    warned = _warned_by_check(page)
    # And cd-tcm's 2018 report lists cd-agri as a member of its consortium, which this one omits.
    assert warned == {
        "/consortia/0/role": [("W-CONSORTIUM-NOT-RECIPROCAL",
                               f"本学会报告参与联合体“成都智能制造学会联合体”（{LED}），但牵头学会成都市机械工程学会（示例）的成员名单中没有本学会："
                               "成员名单由牵头学会在它的报告中填写。如本学会确为成员，请联系牵头学会在成员中加上本学会的 id“cd-agri”，"
                               "本报告无需为此修改；如不是成员，请删去这一联合体。")],
        "/consortia": [("W-CONSORTIUM-NOT-RECIPROCAL",
                        "成都市中医药学会（示例）牵头的联合体“成都绿色健康学会联合体”（consortium-green-health）把本学会列为成员，"
                        "但本报告没有列出它：如确为成员，请添加这一联合体（本学会的角色写 参与）。")]}
    head = _head(page)
    assert passes(head)
    assert "另有 3 个警告" in head, head  # and the item's W-EVIDENCE-NONE
    assert _said(page, "/consortia/0/role") == warned["/consortia/0/role"][0][1]
    _show_all(page)
    assert warned["/consortia"][0][1] in page.inner_text(".rf-summary")
    line = box(page, "/consortia/0/role").locator(":scope > .rf-msg > p")
    assert line.get_attribute("class") == "rf-warning"
    members = page.locator('[data-pointer^="/consortia/0/members/"] input').count()
    add(page, "/consortia/0/members")
    fill(page, f"/consortia/0/members/{members}", "cd-nowhere")
    page.keyboard.press("Tab")
    settled(page)
    warned = _warned_by_check(page)
    pointer = f"/consortia/0/members/{members}"
    assert [c for c, _ in warned[pointer]] == ["W-CONSORTIUM-MEMBER-UNKNOWN"]
    assert _said(page, pointer) == warned[pointer][0][1]
    assert passes(_head(page))
    assert "另有 4 个警告" in _head(page)
    _on_screen(page, "/consortia/0/role")
    assert not page.problems, page.problems


def _across(url: str) -> str | None:
    """A file of the comparison with the published reports, by its path beside the form's page."""
    path = urlsplit(url).path
    at = path.find("/form/across")
    return path[at + len("/form/"):] if at != -1 else None


def test_one_report_fetches_its_society_s_file_and_its_consortia_s_shared_files(page, base: str) -> None:
    """What one report's check loads of the published reports: across.json, its society's file,
    and the shared file of each consortium id (and led consortium name) it lists, nothing more."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(name) if (name := _across(r.url)) else None)
    _blank(page, base)
    assert passes(_head(page))
    assert sorted(fetched) == ["across.json", f"across/society/{SOCIETY}.json"]
    shares = page.evaluate("fetch('across.json').then((r) => r.json()).then((a) => a.shares)")
    fetched.clear()
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    assert passes(_head(page))
    assert fetched == [shared_file(shares, share_of("id", LED, shares))]
    add(page, "/consortia/0/members")
    fill(page, "/consortia/0/members/0", "成都市示例职业技术学院")
    fill(page, "/consortia/0/role", "牵头")  # a lead: the file of its name too
    page.keyboard.press("Tab")
    settled(page)
    name = page.input_value('[data-pointer="/consortia/0/name"] input')
    expected = {share_of("id", LED, shares), share_of("name", same_text(name), shares)}
    assert set(fetched) == {shared_file(shares, n) for n in expected}
    assert len(fetched) == len(set(fetched))  # each once
    assert "1 个错误" in _head(page)
    assert not page.problems, page.problems


def test_the_bar_does_not_say_passed_while_the_society_s_file_loads_or_when_it_failed(page, base: str) -> None:
    held = []
    page.route(f"**/form/across/society/{SOCIETY}.json", lambda route: held.append(route))
    _blank(page, base, loading=True)
    head = _head(page)
    assert not passes(head)
    assert "正在与已发布的报告对照" in head
    held[0].continue_()
    settled(page)
    assert passes(_head(page))
    page.unroute(f"**/form/across/society/{SOCIETY}.json")
    page.route(f"**/form/across/society/{SOCIETY}.json", lambda route: route.abort())
    _blank(page, base)
    head = _head(page)
    assert not passes(head)
    assert "未能与已发布的报告对照" in head
    # Tried again by itself, as the bar says (no edit needed): the file comes, the check passes.
    page.unroute(f"**/form/across/society/{SOCIETY}.json")
    page.wait_for_function(f"() => ({PASSED_JS})(document.querySelector('.rf-summary-head').textContent)",
                           timeout=30000)


def test_a_form_that_read_another_split_fails_to_compare_and_does_not_pass(page, base: str) -> None:
    """A form that read across.json before a deploy changed the number of shared files asks for
    a folder that is gone: the comparison fails (said), it never reads another split's file as
    complete (a missing listing, said as passed)."""
    def older(route) -> None:  # type: ignore[no-untyped-def]
        data = route.fetch().json()
        data["shares"] *= 2
        data["shared_file"] = shared_file(data["shares"])
        route.fulfill(json=data)

    page.route("**/form/across.json", older)
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    head = _head(page)
    assert not passes(head)
    assert "未能与已发布的报告对照" in head



# The lines each ISO date of an element's text takes (the distinct tops of its range's boxes),
# whatever elements the message is made of.
DATE_LINES = """(node) => {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const pieces = [];
  let text = "";
  for (let t = walker.nextNode(); t; t = walker.nextNode()) { pieces.push([t, text.length]); text += t.data; }
  const at = (offset) => {
    let k = pieces.length - 1;
    while (k > 0 && pieces[k][1] > offset) k--;
    return [pieces[k][0], offset - pieces[k][1]];
  };
  return [...text.matchAll(/\\d{4}-\\d{2}-\\d{2}/g)].map((m) => {
    const range = document.createRange();
    range.setStart(...at(m.index));
    range.setEnd(...at(m.index + m[0].length - 1));
    range.setEnd(range.endContainer, range.endOffset + 1);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return [m[0], tops.size];
  });
}"""


def test_a_date_in_a_message_stays_on_one_line_on_a_phone(page, base: str, tmp_path: Path) -> None:
    """At 390 px a message that quotes dates (E-ESTABLISHED-CHANGED: the consortium's date and the
    earlier report's) broke them at a hyphen, “2016-05-” / “12”, at the field and in the check bar's
    list. Each date now keeps to one line there, and the sentence reads (and copies) as `check`
    writes it."""
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    fill(page, "/consortia/0/established", "2016-05-12")
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(page)
    code, sentence = checked["/consortia/0/established"]
    assert code == "E-ESTABLISHED-CHANGED"
    assert "2016-05-12" in sentence
    _show_all(page)
    message = box(page, "/consortia/0/established").locator(":scope > .rf-msg")
    listed = page.locator(".rf-summary .rf-summary-list li").filter(has_text=sentence).first
    # 390 px, and the phones' widths about it: where a line ends in the sentence shifts with the
    # width, and some of them end it inside a date.
    for width in (390, *range(360, 432, 4)):
        page.set_viewport_size({"width": width, "height": 844})
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        for shown in (message, listed):
            lines = shown.evaluate(DATE_LINES)
            assert len(lines) >= 2, lines
            assert all(n == 1 for _, n in lines), (width, lines)
    page.set_viewport_size({"width": 390, "height": 844})
    assert message.inner_text() == sentence
    assert page.evaluate("(e) => e.textContent", message.element_handle()) == sentence
    assert str(listed.inner_text()).endswith("：" + sentence)
    message.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "date-390.png"))
    assert not page.problems, page.problems


def test_while_a_file_loads_the_last_comparison_stays_only_where_its_item_still_is(page, base: str) -> None:
    """The last comparison's messages stand while a file of the next one is on its way (else a
    field's message flickered off and on at every edit), but not at an item that is no longer
    the one they were said of: a consortium given another id loses the old id's warning at once."""
    _blank(page, base)
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', LED)
    settled(page)
    assert "牵头学会成都市机械工程学会（示例）的成员名单中没有本学会" in _said(page, "/consortia/0/role")
    held: list[object] = []
    page.route("**/form/across/items-*/*.json", lambda route: held.append(route))
    add(page, "/academic_events")  # its title needs the items' file, held: the comparison waits for it
    fill(page, "/academic_events/0/title", "学术年会")
    page.keyboard.press("Tab")
    page.wait_for_function("() => document.querySelector('.rf-summary-head').textContent.includes('正在与已发布的报告对照')",
                           timeout=30000)
    # The head may say so before the route's handler has run (another file, the published report,
    # can be on its way too): the request is waited for, not read at once.
    for _ in range(300):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the items' file is asked for"
    assert "成员名单中没有本学会" in _said(page, "/consortia/0/role")  # kept while the file loads
    fill(page, "/consortia/0/id", "consortium-renamed-meanwhile")
    page.keyboard.press("Tab")
    page.wait_for_function("() => !document.querySelector('[data-pointer=\"/consortia/0/role\"] > .rf-msg').textContent",
                           timeout=30000)
    assert "正在与已发布的报告对照" in _head(page)  # still waiting: the old id's warning went with its id
    for route in held:
        route.continue_()  # type: ignore[attr-defined]
    page.unroute("**/form/across/items-*/*.json")
    settled(page)
    assert not page.problems, page.problems
