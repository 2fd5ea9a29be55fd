"""The online submission form in headless Chromium: fill, copy last year, import broken files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.form_page import site_settings
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.check import check_tree
from validators.models.report import new_id
from validators.yaml.loading import load_text
from validators.year.cycle import CALENDAR_ZONE
from validators.year.guideline import available_years, guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEW_SOCIETY = "cd-form-test"


@dataclass(frozen=True)
class FormSite:
    url: str
    repo_url: str | None


@pytest.fixture(scope="module")
def form_site() -> Iterator[FormSite]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as base:
        yield FormSite(base + "form/", site_settings().repo_url)


@pytest.fixture(scope="module")
def base(form_site: FormSite) -> str:
    return form_site.url


@pytest.fixture
def page(browser, form_site: FormSite):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    opened.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    opened.on("dialog", lambda d: problems.append(f"dialog: {d.message}") or d.dismiss())
    opened.goto(form_site.url)
    opened.wait_for_selector(".rf-modes")
    yield opened
    context.close()
    assert not problems, problems


def box(page, pointer: str):
    return page.locator(f'[data-pointer="{pointer}"]').first


def fill(page, pointer: str, value: object) -> None:
    control = box(page, pointer).locator("input, select, textarea").first
    kind = control.evaluate("e => e.tagName + ':' + (e.type || '')")
    if kind.startswith("SELECT"):
        control.select_option(label=str(value))
    elif kind.endswith("checkbox"):
        control.set_checked(bool(value))
    else:
        control.fill(str(value))


def add(page, pointer: str) -> None:
    box(page, pointer).locator(":scope > .rf-add, :scope .rf-strings > .rf-add").first.click()


def fill_item(page, base: str, values: dict[str, object]) -> None:
    for key, value in values.items():
        pointer = f"{base}/{key}"
        if isinstance(value, list):
            for i, entry in enumerate(value):
                add(page, pointer)
                fill(page, f"{pointer}/{i}", entry)
        else:
            fill(page, pointer, value)


def settled(page, *, loading: bool = False) -> None:
    """The checks run 150 ms after the last keystroke, and again when a compared file comes:
    waited for as the form says it (its `data-checks`), not for a fixed time that a loaded
    machine outruns. `loading`: a compared file still on its way will do (a test holds it back).
    A page without the form's checks just waits the 150 ms out."""
    page.wait_for_timeout(200)
    if page.locator("[data-checks]").count():
        done = "['settled', 'loading']" if loading else "['settled']"
        page.wait_for_function(f"{done}.includes(document.querySelector('[data-checks]').dataset.checks)",
                               timeout=15000)


# The bar's first words for a report in which the form finds nothing to fix: “检查通过” while the
# year takes it, “表单没有发现必须修改的问题……不能再提交” for a report the pull request's gate will
# refuse (a new one once the year's submission has closed: test_form_phase.py).
PASSED = ("检查通过：", "表单没有发现必须修改的问题")
PASSED_JS = "t => " + " || ".join(f"t.startsWith('{p}')" for p in PASSED)


def passes(head: str) -> bool:
    return head.startswith(PASSED)


def summary(page) -> str:
    """The check's result with its list opened, as a user who asks for it reads it."""
    listed = page.locator(".rf-summary .rf-summary-list")
    if listed.count() and not listed.evaluate("d => d.open"):
        listed.locator("summary").click()
        settled(page)
    return page.inner_text(".rf-summary")


def download(page, kind: str) -> str:
    with page.expect_download() as info:
        page.click(f"#rf-download-{kind}")
    return Path(info.value.path()).read_text(encoding="utf-8")


def validators_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def taking_reports(page, year: int) -> None:
    """The page reopened on a day the year's submission is open: past it, step 3 folds the way to
    GitHub away (the gate refuses a new report: test_form_phase.py)."""
    rules = guideline(year)
    assert rules is not None
    assert rules.calendar is not None
    day = rules.calendar.submission_closes - dt.timedelta(days=10)
    page.clock.install(time=dt.datetime.combine(day, dt.time(12), CALENDAR_ZONE))
    page.reload()
    page.wait_for_selector(".rf-modes")


def test_new_society_fills_every_area_into_a_valid_file(page, form_site: FormSite, tmp_path: Path) -> None:
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", NEW_SOCIETY)
    page.select_option("#rf-new-year", "2017")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-summary")

    fill_item(page, "", {"name": "成都市表单测试学会", "kind": "研究会", "discipline": "信息科学",
                         "maintainers": ["form-test-office"]})
    fill_item(page, "/innovation", {"enterprise_platform_registered": True,
                                    "senior_experts_total": 12, "senior_experts_registered": 7})
    add(page, "/innovation/services")
    # Texts a YAML 1.1 reader would take for a boolean or a date must come back as text.
    fill_item(page, "/innovation/services/0", {
        "kind": "科技咨询", "title": "yes", "enterprise": "成都示例企业", "district": "郫都区",
        "date": "2017-05-12", "outcome": "2017-05-12", "evidence": ["https://example.org/svc"]})
    add(page, "/government_functions/functions")
    fill_item(page, "/government_functions/functions/0", {
        "title": "技术评审", "commissioner": "成都市科学技术局", "method": "委托", "new": True,
        "amount_wan": 12.5, "start": "2017-03-01", "end": "2017-10-01"})
    add(page, "/service_stations")
    fill_item(page, "/service_stations/0", {
        "name": "表单测试服务站", "level": "市级", "established": "2017-04-01", "industry": "电子信息",
        "partner": "成都示例园区", "enterprises_served": 5, "experts_engaged": 3, "activities": 2})
    add(page, "/consortia")
    fill_item(page, "/consortia/0", {
        "name": "表单测试联合体", "role": "牵头", "form": "专业相近", "direction": "横向",
        "industry": "新经济", "members": ["四川示例研究院"], "established": "2017-06-01"})
    add(page, "/academic_events")
    fill_item(page, "/academic_events/0", {
        "title": "全国信息科学学术研讨会", "category": "全国性学术交流", "role": "主办",
        "date": "2017-09-01", "participants": 150})
    for province in ("北京", "上海", "广东", "湖北", "陕西", "浙江", "四川"):
        box(page, "/academic_events/0/speaker_provinces").locator(f'input[value="{province}"]').check()
    add(page, "/research")
    fill_item(page, "/research/0", {"title": "关于信息产业的建议", "form": "建议", "topic": "国家中心城市",
                                    "focus": "西部科技中心"})
    add(page, "/research/0/achievements")
    fill_item(page, "/research/0/achievements/0", {"type": "领导签批", "date": "2017-08-08"})
    add(page, "/major_work")
    fill_item(page, "/major_work/0", {"kind": "党建", "title": "成立党支部", "date": "2017-07-01",
                                      "description": "召开党员大会，成立学会党支部。"})
    settled(page)

    assert passes(page.inner_text(".rf-summary-head"))
    assert "已满足该类别的全部标准" in box(page, "/academic_events/0").locator(".rf-criteria").inner_text()
    report, profile = download(page, "report"), download(page, "profile")
    assert report == page.input_value("#rf-yaml-report")
    # The downloaded file leaves the repository: its modeline names the published schema.
    published = site_settings().schema_base
    assert published is not None
    assert published.startswith("https://")
    assert report.startswith(f"# yaml-language-server: $schema={published}submission.schema.json\n")
    assert profile.startswith(f"# yaml-language-server: $schema={published}society.schema.json\n")
    assert "date: 2017-05-12\n" in report
    assert 'outcome: "2017-05-12"' in report
    assert 'title: "yes"' in report

    # A new society's way to GitHub: the account first, one package, one upload of its folder.
    # 2017 is final (results/2017.json): the gate refuses a new report, so the steps are folded
    # behind the gate's condition (test_form_phase.py), here opened.
    # Each check redraws the steps: the fold is opened on a settled form, and its text read once
    # it is drawn (a loaded machine's full run once read it mid-redraw).
    settled(page)
    page.click("#rf-steps-fold > summary")
    page.wait_for_function("() => ['注册并登录 GitHub', '下载文件包', '文件夹拖进去'].every("
                           "w => (document.querySelector('#rf-steps')?.innerText || '').includes(w))")
    steps = page.inner_text("#rf-steps")
    assert steps.index("注册并登录 GitHub") < steps.index("下载文件包") < steps.index("文件夹拖进去")
    assert page.get_attribute("#rf-upload-link", "href") == f"{form_site.repo_url}/upload/main/submissions"
    # Each check redraws the package's button: waited out, so that the click meets the button it
    # found (a loaded machine's full run once saw no download in 30 s).
    settled(page)
    with page.expect_download(timeout=60000) as info:
        page.click("#rf-download-package")
    assert info.value.suggested_filename == f"{NEW_SOCIETY}-2017.zip"
    with zipfile.ZipFile(info.value.path()) as package:
        assert package.testzip() is None  # every entry's checksum is right
        package.extractall(tmp_path / "submissions")
    folder = tmp_path / "submissions" / NEW_SOCIETY
    assert sorted(p.name for p in folder.iterdir()) == ["2017.yaml", "society.yaml"]
    assert (folder / "2017.yaml").read_text(encoding="utf-8") == report
    assert (folder / "society.yaml").read_text(encoding="utf-8") == profile
    result = validators_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def _society_with_national_event() -> tuple[str, int, int]:
    """A society whose last report claims 全国性学术交流, and the index of that event."""
    _, repo = check_tree(ROOT)
    years = available_years()
    for society in sorted({s for s, _ in repo.reports}):
        last = repo.reports[(society, max(y for s, y in repo.reports if s == society))].report
        events = [i for i, e in enumerate(last.academic_events)
                  if e.category.value == "national_exchange"]
        if events and last.year + 1 in years:
            return society, last.year, events[0]
    pytest.fail("no sample society has a 全国性学术交流 in its last report")


def test_last_year_copy_shows_what_a_changed_event_lacks(page) -> None:
    society, year, index = _society_with_national_event()
    page.select_option("#rf-copy-society", society)
    assert page.input_value("#rf-copy-from") == str(year)
    assert page.input_value("#rf-copy-to") == str(year + 1)
    page.click("#rf-start-copy")
    page.wait_for_selector(".rf-summary")
    assert f"year: {year + 1}\n" in page.input_value("#rf-yaml-report")
    assert "个日期沿用自" in page.inner_text(".rf-note")
    assert page.locator(".rf-flagged").count() > 0

    event = f"/academic_events/{index}"
    panel = box(page, event).locator(".rf-criteria")
    assert "已满足该类别的全部标准" in panel.inner_text()
    fill(page, f"{event}/participants", 60)
    settled(page)

    text = panel.inner_text()
    assert "所申报类别：全国性学术交流" in text
    assert "还差" in text
    assert "参与规模不少于 100 人" in text
    assert "60" in text
    # At the field, `check`'s own sentence (validators/rules/academic_events.py unmet_criteria).
    said = "全国性学术交流的参与规模须不少于 100 人，现为 60 人。"
    assert said in box(page, f"{event}/participants").locator(".rf-msg").inner_text()
    assert said in summary(page)


def test_an_event_with_fields_to_fill_is_not_said_to_meet_every_criterion(page) -> None:
    """The walkthrough's salon: its criteria met by what was written, its date still blank, and
    the panel said “已满足该类别的全部标准”."""
    society, _year, index = _society_with_national_event()
    page.select_option("#rf-copy-society", society)
    page.click("#rf-start-copy")
    page.wait_for_selector(".rf-summary")
    event = f"/academic_events/{index}"
    panel = box(page, event).locator(".rf-criteria")
    assert "已满足该类别的全部标准" in panel.inner_text()
    fill(page, f"{event}/date", "")
    settled(page)
    assert box(page, f"{event}/date").locator(".rf-msg > p.rf-todo").count() == 1
    text = panel.inner_text()
    assert "已满足该类别的全部标准" not in text
    assert "已填写的内容符合该类别的标准，还有 1 处待填写" in text
    assert "rf-criteria-lacking" in str(panel.get_attribute("class"))


def test_broken_and_unknown_files_show_their_errors(page) -> None:
    broken = "society: cd-x\nyear: 2017\nacademic_events:\n  - id: a\n   title: b\n"
    page.set_input_files("#rf-file", files=[{"name": "2017.yaml", "mimeType": "text/yaml",
                                              "buffer": broken.encode()}])
    page.wait_for_selector(".rf-yaml-error")
    message = page.inner_text("#rf-file-errors")
    assert "YAML 语法错误（第 5 行，第 4 列）" in message
    assert page.locator(".rf-editor .rf-summary").count() == 0

    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    unknown = ("society: cd-x\nyear: 2017\nfoo: 1\nmajor_work:\n  - id: mw-a\n    kind: reform\n"
               f"    titel: 改革\n    date: 2017-05-01\n    description: \"{hostile}\"\n")
    page.set_input_files("#rf-file", files=[{"name": "2017.yaml", "mimeType": "text/yaml",
                                              "buffer": unknown.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    said = summary(page)
    assert "未知字段“foo”" in said
    assert "未知字段“titel”" in said
    assert "你是不是想写“title”" in said
    assert "未知字段“titel”" in box(page, "/major_work/0").locator(":scope > .rf-msg").inner_text()
    # The code is shown as its label; the hostile text stays text.
    assert box(page, "/major_work/0/kind").locator("select").input_value() == "深化改革"
    assert box(page, "/major_work/0/description").locator("textarea").input_value() == hostile
    assert page.locator("img[src=x]").count() == 0
    assert page.locator(".rf script").count() == 0

    page.locator(".rf-summary button", has_text="删除此字段").first.click()
    settled(page)
    assert "未知字段“foo”" not in summary(page)


def test_long_report_explains_the_upload_route(page) -> None:
    """A registered society's report of a year it has not sent, too long for a link: uploaded."""
    items = "".join(f"  - id: mw-{i}\n    kind: 党建\n    title: 党建工作{i}\n    date: 2018-07-01\n"
                    f"    description: {'学会党支部开展主题党日活动。' * 60}\n" for i in range(4))
    text = f"society: cd-agri\nyear: 2018\nmajor_work:\n{items}"
    taking_reports(page, 2018)
    page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml",
                                              "buffer": text.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    assert page.locator("#rf-github-report").count() == 0
    upload = page.inner_text("#rf-upload-report")
    assert "Upload files（上传文件）" in upload
    assert "Add file（添加文件）" in upload
    assert "submissions/" in upload
    assert "链接" not in upload
    assert "字符" not in upload
    assert page.locator('#rf-upload-report strong[lang="en"]', has_text="Upload files").count() == 1


# Texts that a YAML 1.1 reader, or the validator's YAML 1.2 core reader, would take for something
# else; each must come back from the form's output as the same text.
TRICKY = ["yes", "No", "on", "OFF", "y", "n", "~", "null", "true", "False", "012", "0o17", "0x1F",
          "1e5", "1_000", "1:20", "12:30:00", ".inf", "-.5", "+1", "2017-05-12", "2017-5-1", "",
          "- a", "a: b", "a #b", "#x", "@x", "`x", "%x", "!x", "&a", "*a", "? x", "|", ">", "{x}",
          "[x]", "'q'", '"dq"', " lead", "trail ", "multi\nline\n", "tab\there", "\u2028",
          "成都：会议", "=HYPERLINK(1)", "<b>x</b>"]


def test_output_keeps_every_text_as_text(page) -> None:
    text = page.evaluate(
        "values => ReportForm.dumpYaml({society: 'cd-x', year: 2017, texts: values}, ['x'], {})",
        TRICKY)
    loaded = load_text(text, "x.yaml", None)
    assert not loaded.findings, loaded.findings
    assert loaded.data["texts"] == TRICKY


def test_a_header_line_from_a_users_file_stays_a_comment(page) -> None:
    """A workbook's sheet name goes into the file's header: a line break in it ended the comment
    and wrote `research: []` into the report."""
    text = page.evaluate(
        "header => ReportForm.dumpYaml({society: 'cd-x', year: 2017}, header, {})",
        ["注意：工作表“学术交流活动\nresearch: []\r\u2028x”没有读入"])
    loaded = load_text(text, "x.yaml", None)
    assert not loaded.findings, loaded.findings
    assert loaded.data == {"society": "cd-x", "year": 2017}
    assert text.splitlines()[0].startswith("# 注意")


def test_a_value_outside_an_enumeration_is_one_issue_with_the_chinese_choices(page) -> None:
    text = ("society: cd-x\nyear: 2017\nmajor_work:\n  - id: mw-a\n    kind: 改革\n    title: 改革\n"
            "    date: 2017-05-01\n    description: 活动\n")
    page.set_input_files("#rf-file", files=[{"name": "2017.yaml", "mimeType": "text/yaml",
                                              "buffer": text.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    message = box(page, "/major_work/0/kind").locator(".rf-msg").inner_text()
    assert message.count("不是可选值之一") == 1, message
    assert "可选：深化改革、科技扶贫、党建" in message
    assert "reform" not in message


def _registered() -> dict[str, str]:
    _, repo = check_tree(ROOT)
    return {society: doc.profile.name for society, doc in repo.profiles.items()}


def test_a_society_chooses_itself_from_the_registered_list(page) -> None:
    """The list names every registered society (and no id); an empty choice says what to do,
    and a new society is told how its id is made."""
    names = page.locator("#rf-new-choice option").all_inner_texts()
    assert sorted(names[1:-1]) == sorted(_registered().values())
    page.click("#rf-start-empty")
    assert "请先选择本学会" in page.inner_text(".rf-mode .rf-msg")
    assert not page.locator("#rf-new-society").is_visible()
    page.select_option("#rf-new-choice", "__new__")
    assert page.locator("#rf-new-society").is_visible()
    assert "文件夹名" in page.inner_text("#rf-new-id-help")
    society, name = sorted(_registered().items())[0]
    page.select_option("#rf-new-choice", society)
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    assert name in page.inner_text(".rf-note")


def test_a_refused_new_id_is_said_in_view_with_the_field_focused(page) -> None:
    """The refusal is written below 新建, which may sit at the window's foot (a reviewer saw it cut
    off at 900 px, and the click seemed to do nothing): its field takes the focus and the
    sentence is scrolled into view."""
    page.set_viewport_size({"width": 1280, "height": 560})
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", "Cd_Materials")
    page.evaluate("window.scrollTo(0, 0)")
    page.click("#rf-start-empty")
    said = page.locator(".rf-mode .rf-msg .rf-error")
    assert "只能用小写英文字母" in said.inner_text()
    assert page.evaluate("document.activeElement.id") == "rf-new-society"
    box = said.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 560


def _start_blank(page, society: str) -> None:
    page.select_option("#rf-new-choice", society)
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)


def test_an_area_that_is_a_list_is_named_once(page) -> None:
    """三 to 七 (and any area a year adds) are one list each: the section's heading names it, and
    the list under it does not say the same words again."""
    _start_blank(page, sorted(_registered())[0])
    for key, title in (("service_stations", "三、学会服务站建设"), ("major_work", "七、参与市科协重大工作")):
        assert page.inner_text(f"#rf-area-{key}").count(title) == 1, key


def _ids(page, pointer: str) -> list[str]:
    count = page.locator(f'[data-pointer^="{pointer}/"][data-pointer$="/id"] input').count()
    return [box(page, f"{pointer}/{i}/id").locator("input").input_value() for i in range(count)]


def test_new_items_take_ids_no_other_year_or_society_has(page) -> None:
    """A station or a function keeps its id from year to year, and a consortium's id is every
    member's: the ids the form makes carry the year, and a consortium's the society too, so two
    societies' first new consortia (or a society's first new stations of two years) are not read
    as one with two founding dates."""
    seen: dict[str, list[str]] = {}
    for society in sorted(_registered())[:2]:
        _start_blank(page, society)
        for pointer in ("/consortia", "/service_stations", "/service_stations", "/government_functions/functions"):
            box(page, pointer).locator(":scope > .rf-add").click()
            settled(page)
        box(page, "/service_stations/0").locator(".rf-copy-item").click()  # a copy takes a fresh id too
        settled(page)
        for pointer, key in (("/consortia", "consortia"), ("/service_stations", "service_stations"),
                             ("/government_functions/functions", "functions")):
            ids = _ids(page, pointer)
            numbers = (1, 3, 2) if key == "service_stations" else (1,)
            assert ids == [new_id(key, 2018, n, society) for n in numbers], (society, ids)
            seen.setdefault(key, []).extend(ids)
        page.goto(page.url.split("#")[0])
        page.wait_for_selector("#rf-new-choice")
    assert len(set(seen["consortia"])) == len(seen["consortia"]) == 2
    assert new_id("service_stations", 2017) != new_id("service_stations", 2018)


def test_field_names_show_only_when_asked_for(page) -> None:
    _start_blank(page, sorted(_registered())[0])
    key = page.locator(".rf-key").first
    assert not key.is_visible()
    page.check("#rf-show-keys")
    assert key.is_visible()
    page.reload()
    page.wait_for_selector(".rf-modes")
    _start_blank(page, sorted(_registered())[0])
    assert page.locator(".rf-key").first.is_visible()  # the choice is remembered


def test_a_message_s_field_keys_show_only_when_field_names_are_asked_for(page) -> None:
    """The check's words name a field for whoever edits the file too (“应选“是”（main_forum:
    true）”): a secretary who has not ticked 显示字段名 does not see the bracket (a reviewer read
    main_forum and true in the form), and the words copied are still the check's."""
    _start_blank(page, sorted(_registered())[0])
    add(page, "/academic_events")
    settled(page)
    fill(page, "/academic_events/0/category", "综合性学术年会")
    page.keyboard.press("Tab")
    settled(page)
    page.locator("details.rf-summary-list").evaluate("d => { d.open = true; }")  # the list of problems
    said = page.locator("details.rf-summary-list li", has_text="应选“是”").first
    assert "“设有主论坛”应选“是”（main_forum: true）" in said.text_content()
    note = said.locator(".rf-key", has_text="main_forum: true")
    assert not note.is_visible()
    assert "main_forum" not in said.inner_text()
    page.check("#rf-show-keys")
    assert note.is_visible()


def test_a_draft_is_saved_and_offered_back(page) -> None:
    _start_blank(page, sorted(_registered())[0])
    add(page, "/major_work")
    fill(page, "/major_work/0/title", "自动保存的党建工作")
    settled(page)
    page.wait_for_timeout(300)
    page.reload()
    page.wait_for_selector("#rf-draft .rf-draft-item")
    assert "2018 年度" in page.inner_text("#rf-draft")
    page.click("#rf-draft .rf-restore")
    page.wait_for_selector(".rf-editor .rf-summary")
    assert box(page, "/major_work/0/title").locator("input").input_value() == "自动保存的党建工作"
    page.reload()
    page.wait_for_selector("#rf-draft .rf-draft-item")
    page.click("#rf-draft .rf-discard")
    page.reload()
    page.wait_for_selector(".rf-modes")
    assert page.locator("#rf-draft .rf-draft-item").count() == 0


def test_the_single_draft_of_older_pages_is_kept(page) -> None:
    """Before drafts were kept per society and year there was one, under "rf-draft"."""
    society = sorted(_registered())[0]
    old = {"data": {"society": society, "year": 2017, "major_work": [{"id": "mw-1", "title": "旧页面的草稿"}]},
           "year": 2017, "profile": None, "saved": "2018-01-02T03:04:05.000Z"}
    page.evaluate("d => localStorage.setItem('rf-draft', JSON.stringify(d))", old)
    page.reload()
    page.wait_for_selector("#rf-draft .rf-draft-item")
    assert "2017 年度" in page.inner_text("#rf-draft")
    assert page.evaluate("() => localStorage.getItem('rf-draft')") is None
    page.click("#rf-draft .rf-restore")
    page.wait_for_selector(".rf-editor .rf-summary")
    assert box(page, "/major_work/0/title").locator("input").input_value() == "旧页面的草稿"


def test_starting_another_report_keeps_the_first_draft(browser, form_site: FormSite) -> None:
    """Two societies' reports, one after the other, typed without a pause: both drafts are kept and
    listed; opening a different report of the same society and year asks before replacing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    try:
        page.goto(form_site.url)
        page.wait_for_selector(".rf-modes")
        first, second = sorted(_registered())[:2]
        _start_blank(page, first)
        add(page, "/major_work")
        fill(page, "/major_work/0/title", "第一份报告的党建工作")
        _start_blank(page, second)  # at once: the first report's autosave has not run yet
        add(page, "/major_work")
        fill(page, "/major_work/0/title", "第二份报告的党建工作")
        settled(page)
        saved = page.evaluate("() => JSON.stringify(localStorage)")
        assert "第一份报告的党建工作" in saved
        assert "第二份报告的党建工作" in saved
        page.reload()
        page.wait_for_selector("#rf-draft .rf-draft-item")
        items = page.locator("#rf-draft .rf-draft-item")
        assert items.count() == 2
        assert _registered()[second] in items.nth(0).inner_text()  # the newest first
        assert _registered()[first] in items.nth(1).inner_text()
        items.nth(1).locator(".rf-restore").click()
        page.wait_for_selector(".rf-editor .rf-summary")
        assert box(page, "/major_work/0/title").locator("input").input_value() == "第一份报告的党建工作"

        # The open report's own draft can be neither restored (an older copy would come back and
        # overwrite what is typed) nor discarded (the next autosave would write it back).
        fill(page, "/major_work/0/title", "第一份报告的党建工作（第二版）")
        settled(page)
        page.wait_for_timeout(300)
        open_item = page.locator("#rf-draft .rf-draft-item", has_text=_registered()[first])
        assert "正在填写" in open_item.inner_text()
        assert open_item.locator(".rf-restore").is_disabled()
        assert open_item.locator(".rf-discard").is_disabled()
        # Restoring the other draft and coming back brings what was typed last.
        page.locator("#rf-draft .rf-draft-item", has_text=_registered()[second]).locator(".rf-restore").click()
        page.wait_for_timeout(300)
        page.locator("#rf-draft .rf-draft-item", has_text=_registered()[first]).locator(".rf-restore").click()
        page.wait_for_timeout(300)
        assert box(page, "/major_work/0/title").locator("input").input_value() == "第一份报告的党建工作（第二版）"
        fill(page, "/major_work/0/title", "第一份报告的党建工作")
        settled(page)
        page.wait_for_timeout(300)

        # A blank report of the first society and year would replace its draft: asked, refused.
        page.on("dialog", lambda d: dialogs.append(d.message) or d.dismiss())
        page.select_option("#rf-new-choice", first)
        page.select_option("#rf-new-year", "2018")
        page.click("#rf-start-empty")
        page.wait_for_timeout(500)
        assert len(dialogs) == 1
        assert "替换这份草稿" in dialogs[0]
        assert box(page, "/major_work/0/title").locator("input").input_value() == "第一份报告的党建工作"
        page.reload()
        page.wait_for_selector("#rf-draft .rf-draft-item")
        assert "第一份报告的党建工作" in page.evaluate("() => JSON.stringify(localStorage)")
        assert "第二份报告的党建工作" in page.evaluate("() => JSON.stringify(localStorage)")
    finally:
        context.close()


def test_errors_stay_in_view_and_a_copied_year_is_flagged(page) -> None:
    """The check's result stays on screen while the form scrolls, as a line or two at the bottom
    of the window (never over the form's fields above); a title naming last year gets the same
    warning as `check` gives."""
    _start_blank(page, sorted(_registered())[0])
    add(page, "/academic_events")
    fill(page, "/academic_events/0/title", "2017年度学术年会")
    settled(page)
    assert "2017 年" in box(page, "/academic_events/0/title").inner_text()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => document.querySelector('#rf-area-innovation').scrollIntoView()")
        page.wait_for_timeout(300)
        bar = page.evaluate("() => { const r = document.querySelector('.rf-editor .rf-summary')"
                            ".getBoundingClientRect(); return [r.top, r.bottom, r.height, innerHeight]; }")
        _top, bottom, tall, window = bar
        assert abs(bottom - window) <= 2, bar  # at the bottom of the window
        assert tall <= 0.12 * window, bar  # a line or two, not a panel over the form
        assert "个错误" in page.inner_text(".rf-editor .rf-summary")


def test_a_message_under_the_field_being_typed_in_is_not_under_the_check_bar(browser, form_site: FormSite) -> None:
    """The walkthrough on a phone: typing a description into 证明材料, the field stayed in view
    but the end of its error was hidden under the check bar pinned at the bottom."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(form_site.url)
        page.wait_for_selector(".rf-modes")
        _start_blank(page, sorted(_registered())[0])
        add(page, "/major_work")
        add(page, "/major_work/0/evidence")
        field = box(page, "/major_work/0/evidence/0").locator("input")
        field.scroll_into_view_if_needed()
        # Bring the field to the bottom edge, above the bar, as typing on a phone leaves it.
        page.evaluate("""() => {
            const input = document.querySelector('[data-pointer="/major_work/0/evidence/0"] input');
            const bar = document.querySelector('.rf-editor .rf-summary').getBoundingClientRect();
            window.scrollBy(0, input.getBoundingClientRect().bottom - bar.top + 4);
        }""")
        field.focus()
        page.keyboard.type("会议通知、签到表和论文集（纸质，存学会办公室）")
        page.keyboard.press("Tab")  # a blank report's message shows once the field is left
        settled(page)
        msg = box(page, "/major_work/0/evidence/0").locator(":scope > .rf-msg")
        assert "不是网址" in msg.inner_text()
        bottom = msg.evaluate("m => m.getBoundingClientRect().bottom")
        bar_top = page.evaluate("() => document.querySelector('.rf-editor .rf-summary').getBoundingClientRect().top")
        assert bottom <= bar_top + 1, (bottom, bar_top)
        top = field.evaluate("e => e.getBoundingClientRect().top")
        assert top >= 0, top  # the field itself stays in view
    finally:
        context.close()


def test_the_form_has_no_serious_accessibility_fault(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    _start_blank(page, sorted(_registered())[0])
    found = Axe().run(page, context="#report-form").response["violations"]
    serious = [f"{v['id']}: {n['target']}" for v in found if v["impact"] in ("serious", "critical")
               for n in v["nodes"]]
    assert not serious, serious
    assert page.locator("textarea.rf-yaml").first.get_attribute("aria-label")


def test_step_two_opens_below_the_top_bar_on_a_phone(browser, form_site: FormSite) -> None:
    """Starting a report scrolls to its heading: on a phone the heading shows under the fixed
    top bar, not behind it."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(form_site.url)
        page.wait_for_selector(".rf-modes")
        page.select_option("#rf-new-choice", "__new__")
        page.fill("#rf-new-society", NEW_SOCIETY)
        page.click("#rf-start-empty")
        page.wait_for_selector(".rf-editor h2")
        page.wait_for_timeout(1500)  # the smooth scroll
        heading = page.locator(".rf-editor h2").first.bounding_box()
        bar = page.locator(".md-header").bounding_box()
    finally:
        context.close()
    assert heading is not None
    assert bar is not None
    assert heading["y"] >= bar["y"] + bar["height"] - 1
