"""What a reviewer entering a new society's year found the form to say otherwise than `check`, in
headless Chromium: an event whose category needs countries, regions or an occasion, with none given
(the check bar counted no error); a commissioner that is a company, and an item copied with
“复制此项” and left unchanged (only `check` said them); an occasion off the list, said without the
words it takes; a maintainer written with @; the item buttons broken inside their words on a phone;
a workbook's blank ids left blank. Each is now said as `check` says it, at the field."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from tests import blank_ids as BLANK_IDS
from tests.blank_ids import blank_id_workbook
from tests.browser.test_form import add, box, fill, fill_item, passes, settled
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.association.browser_findings import browser_login, type_words
from validators.check import check_file

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY = "cd-agri"  # registered, with no 2018 report
MIRRORED = ("E-FUNCTION-NOT-GOVERNMENT", "E-ITEM-REPEATED", "E-CRITERIA-OCCASION", "E-THRESHOLD-COUNTRIES",
            "E-THRESHOLD-PROVINCES")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _blank(page, base: str, society: str = SOCIETY, *, loading: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    if society == SOCIETY:
        page.select_option("#rf-new-choice", SOCIETY)
    else:
        page.select_option("#rf-new-choice", "__new__")
        page.fill("#rf-new-society", society)
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    if page.locator("#rf-new-anyway").count():  # its 2018 report is published: a blank on purpose
        page.click("#rf-new-anyway")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page, loading=loading)


def _said(page, pointer: str, *, some: bool = True) -> str:  # type: ignore[no-untyped-def]
    """The field's message; with `some`, waited for (on a loaded machine it may be drawn after
    the check bar's)."""
    message = box(page, pointer).locator(":scope > .rf-msg")
    if some:
        expect(message).not_to_be_empty()
    return str(message.inner_text())


def _copied(page, pointer: str) -> str:  # type: ignore[no-untyped-def]
    """The field's message as copied: with the field-name brackets the page shows only when
    显示字段名 is ticked (the check's words, character for character)."""
    message = box(page, pointer).locator(":scope > .rf-msg")
    expect(message).not_to_be_empty()
    return str(message.text_content())


def _head(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.inner_text(".rf-summary .rf-summary-head"))


def _show_all(page) -> None:  # type: ignore[no-untyped-def]
    """Open the check bar's list: every problem is then shown at its field too."""
    page.locator(".rf-summary .rf-summary-list > summary").click()
    settled(page)


def _by_check(page, tmp: Path) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """pointer: (code, sentence) of what `check` finds of the form's report (the codes mirrored)."""
    path = tmp / "submissions" / SOCIETY / "2018.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.input_value("#rf-yaml-report"), encoding="utf-8")
    return {"/" + "/".join(map(str, f.path or ())): (f.code, f.message)
            for f in check_file(path, ROOT).findings if f.code in MIRRORED}


EVENT = {"title": "示例活动", "role": "主办", "date": "2018-06-01", "participants": 500}


@pytest.mark.parametrize(("category", "field", "code"), [("国际性学术交流", "countries", "E-THRESHOLD-COUNTRIES"),
                                                         ("全国性学术交流", "speaker_provinces", "E-THRESHOLD-PROVINCES"),
                                                         ("大型社会活动", "occasion", "E-CRITERIA-OCCASION")])
def test_an_event_lacking_what_its_category_asks_is_an_error_in_the_check_bar(
        page, base: str, tmp_path: Path, category: str, field: str, code: str) -> None:
    _blank(page, base)
    add(page, "/academic_events")
    fill_item(page, "/academic_events/0", {**EVENT, "category": category})
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(page, tmp_path)
    assert [c for c, _ in checked.values()] == [code]
    assert not passes(_head(page))
    assert "1 个错误" in _head(page)
    _show_all(page)
    pointer = f"/academic_events/0/{field}"
    assert checked[pointer][1] == f"“示例活动”不符合所申报的类别：{_copied(page, pointer)}"  # the check's words
    assert not page.problems, page.problems


def test_an_occasion_off_the_list_is_told_the_words_it_takes_as_check_tells_it(page, base: str, tmp_path: Path) -> None:
    _blank(page, base)
    add(page, "/academic_events")
    fill_item(page, "/academic_events/0", {**EVENT, "category": "大型社会活动", "occasion": "科技活动周期间"})
    page.keyboard.press("Tab")
    settled(page)
    pointer = "/academic_events/0/occasion"
    code, said = _by_check(page, tmp_path)[pointer]
    assert code == "E-CRITERIA-OCCASION"
    assert said == f"“示例活动”不符合所申报的类别：{_copied(page, pointer)}"
    assert "（occasion）写 科普月、科技周、科普日、其他全国性或全市性科普活动 之一（现为“科技活动周期间”）" in _copied(page, pointer)
    assert not page.problems, page.problems


SERVICE = {"kind": "科技咨询", "title": "碳纤维复合材料成型工艺咨询", "enterprise": "成都示例新材料有限公司",
           "district": "锦江区", "date": "2018-03-12", "outcome": "废品率从 8% 降到 3%"}


def test_a_company_commissioner_and_a_copy_left_unchanged_are_said_as_check_says_them(
        page, base: str, tmp_path: Path) -> None:
    _blank(page, base)
    add(page, "/innovation/services")
    fill_item(page, "/innovation/services/0", SERVICE)
    box(page, "/innovation/services/0").locator(".rf-copy-item").click()  # 复制此服务, left unchanged
    settled(page)
    add(page, "/government_functions/functions")
    fill_item(page, "/government_functions/functions/0", {
        "title": "成都市新材料产业发展年度报告编写", "commissioner": "成都市新材料产业技术研究院有限公司",
        "method": "委托", "start": "2018-04-01", "end": "2018-10-31"})
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(page, tmp_path)
    assert {p: c for p, (c, _) in checked.items()} == {
        "/innovation/services/1/title": "E-ITEM-REPEATED",
        "/government_functions/functions/0/commissioner": "E-FUNCTION-NOT-GOVERNMENT"}
    assert not passes(_head(page))
    _show_all(page)
    for pointer, (_, message) in checked.items():
        assert _said(page, pointer) == message
    assert "svc-2018-01" in checked["/innovation/services/1/title"][1]
    # Told apart (another date), the copy is a second service, as in `check`.
    fill(page, "/innovation/services/1/date", "2018-04-12")
    page.keyboard.press("Tab")
    settled(page)
    assert "/innovation/services/1/title" not in _by_check(page, tmp_path)
    assert _said(page, "/innovation/services/1/title", some=False) == ""
    assert not page.problems, page.problems


def test_a_maintainer_written_with_at_is_told_in_the_checks_words(page, base: str) -> None:
    _blank(page, base, "cd-materials")
    add(page, "/maintainers")
    fill(page, "/maintainers/0", "@materials-secretary")
    page.keyboard.press("Tab")
    settled(page)
    said = browser_login()["said"]
    assert "前面不加 @" in said
    assert _said(page, "/maintainers/0") == said
    assert not page.problems, page.problems


def test_a_maintainer_written_with_at_is_told_by_check_not_to_write_it(tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "cd-materials"
    folder.mkdir(parents=True)
    (folder / "society.yaml").write_text("id: cd-materials\nname: 成都市示例材料学会\nkind: 学会\ndiscipline: 材料科学\n"
                                         "maintainers: ['@materials-secretary']\n", encoding="utf-8")
    [found] = [f for f in check_file(folder / "society.yaml", ROOT).findings if f.code == "E-SCHEMA-PATTERN"]
    assert found.message == f"“维护人（GitHub 用户名）”（maintainers）的第 1 项{browser_login()['said']}"
    assert "前面不加 @" in found.message


@pytest.mark.parametrize("width", [390, 1366])
def test_the_item_buttons_keep_their_words_whole(browser, base: str, width: int, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        _blank(page, base)
        add(page, "/innovation/services")
        fill_item(page, "/innovation/services/0", SERVICE)
        add(page, "/major_work")
        settled(page)
        # Each button's words on one line (复制/此服/务 was three), the page no wider than the screen.
        lines = page.locator(".rf-card-head button").evaluate_all("""bs => bs.map(b => {
            const range = document.createRange();
            range.selectNodeContents(b);
            return [b.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        })""")
        assert [text for text, _ in lines] == ["复制此服务", "删除此服务", "复制此工作", "删除此工作"]
        assert all(n == 1 for _, n in lines), lines
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        card = box(page, "/innovation/services/0")
        card.scroll_into_view_if_needed()
        card.locator(".rf-card-head").screenshot(path=str(tmp_path / f"card-head-{width}.png"))
    finally:
        context.close()


def test_a_workbooks_blank_ids_are_filled_as_the_form_fills_a_new_items(page, base: str, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = blank_id_workbook(tmp_path / "r.xlsx")
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", str(path))
    page.wait_for_selector("#rf-yaml-report")
    settled(page)
    report = page.input_value("#rf-yaml-report")
    services = [box(page, f"/innovation/services/{i}/id").locator("input").input_value() for i in range(4)]
    assert services == BLANK_IDS.SERVICES
    assert box(page, "/innovation/services/4").count() == 0  # the blank row is no item
    assert box(page, "/service_stations/1/id").locator("input").input_value() == BLANK_IDS.STATION
    assert box(page, "/consortia/0/id").locator("input").input_value() == BLANK_IDS.CONSORTIUM
    assert BLANK_IDS.NOTE in page.inner_text(".rf-note")
    _show_all(page)
    assert "请填写“编号”" not in page.inner_text(".rf-summary")
    folder = tmp_path / "submissions" / "cd-mech-eng"
    folder.mkdir(parents=True)
    (folder / "2018.yaml").write_text(report, encoding="utf-8")
    assert not [f for f in check_file(folder / "2018.yaml", ROOT).findings if f.code.startswith("E-SCHEMA")]
    # `xlsx import` gives the same workbook the same ids.
    done = subprocess.run([sys.executable, "-m", "validators", "xlsx", "import", str(path), "-o", str(tmp_path / "cli.yaml")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert BLANK_IDS.NOTE in done.stdout, done.stdout + done.stderr
    assert _ids(yaml.safe_load((tmp_path / "cli.yaml").read_text("utf-8"))) == _ids(yaml.safe_load(report))
    assert not page.problems, page.problems


def _ids(value: object) -> list[str]:
    """Every id of a report, in the file's order."""
    if isinstance(value, dict):
        return [i for k, v in value.items() for i in ([v] if k == "id" and isinstance(v, str) else _ids(v))]
    return [i for v in value for i in _ids(v)] if isinstance(value, list) else []


def test_the_list_says_what_must_be_fixed_first_and_the_profile_before_the_report(page, base: str) -> None:
    """A secretary who imported a workbook for a new society found the profile's blank fields,
    at the top of the page, listed after every note on the report's evidence: the list now gives
    errors, then what is to fill in, then notes, each in the page's order."""
    _blank(page, base, "cd-materials")
    box(page, "/consortia").locator(":scope > .rf-add").click()
    page.select_option('[data-pointer="/consortia/0"] .rf-pick select', "consortium-smart-manufacturing")
    add(page, "/academic_events")
    page.keyboard.press("Tab")
    settled(page)
    _show_all(page)
    rows = page.locator(".rf-summary-list li").evaluate_all("els => els.map(e => [e.className, e.textContent])")
    ranks = [{"rf-error": 0, "rf-todo": 1, "rf-warning": 2}[kind] for kind, _ in rows]
    assert 1 in ranks, rows
    assert 2 in ranks, rows
    assert ranks == sorted(ranks), rows
    todos = [text for kind, text in rows if kind == "rf-todo"]
    profile = [n for n, text in enumerate(todos) if text.startswith(("学会全称", "类型", "学科领域", "维护人"))]
    assert profile, todos
    assert profile == list(range(len(profile))), todos
    assert not page.problems, page.problems


def test_a_count_written_otherwise_is_told_in_the_checks_words(page, base: str, tmp_path: Path) -> None:
    """0x10, +12 or 12.5 where a count belongs: the form's own schema check says what `check` says
    (type_words, exported from validators/schema_findings.py), not a wording of its own."""
    for typed in ("0x10", "+12", "12.5"):
        page.goto(base)
        page.wait_for_selector(".rf-modes")
        page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml", "buffer": (
            f"society: {SOCIETY}\nyear: 2018\ninnovation:\n  senior_experts_registered: {typed}\n").encode()}])
        page.wait_for_selector(".rf-editor .rf-summary")
        settled(page)
        assert _said(page, "/innovation/senior_experts_registered") == type_words()["integer"], typed
    folder = tmp_path / "submissions" / SOCIETY
    folder.mkdir(parents=True)
    (folder / "2018.yaml").write_text(f"society: {SOCIETY}\nyear: 2018\ninnovation:\n  senior_experts_registered: 0x10\n",
                                      encoding="utf-8")
    [found] = [f for f in check_file(folder / "2018.yaml", ROOT).findings if f.code == "E-SCHEMA-TYPE"]
    assert found.message.endswith(type_words()["integer"])
    assert not page.problems, page.problems


def test_a_date_written_to_its_month_is_told_in_the_checks_words(page, base: str, tmp_path: Path) -> None:
    """date: 2018-06 in a YAML file the form opens: its own date check says what `check` says of
    the same file (validators/schema_findings.py `month_only`), not only 「应为有效的日期」."""
    text = (f"society: {SOCIETY}\nyear: 2018\nmajor_work:\n  - id: mw-a\n    kind: 党建\n    title: 主题党日\n"
            "    date: 2018-06\n    description: 开展主题党日活动\n")
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml", "buffer": text.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    folder = tmp_path / "submissions" / SOCIETY
    folder.mkdir(parents=True)
    (folder / "2018.yaml").write_text(text, encoding="utf-8")
    [found] = [f for f in check_file(folder / "2018.yaml", ROOT).findings if "只写到月份" in f.message]
    said = _said(page, "/major_work/0/date")
    assert said.startswith("“2018-06”只写到月份：日期要写到日")
    assert found.message.endswith(said)
    assert not page.problems, page.problems
