"""A final year's report printed on paper: the notices that its report or its review changed after
it was frozen end in a link to the file at the frozen commit (“见定稿时代码提交中的这个文件”), a
bare phrase on paper. Printed, the link's whole address follows it. The rubric page's notice that
a final year's rubric file changed after it was frozen, on screen at 1366 and 390 px."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree
from validators.year.cycle import CALENDAR_ZONE
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY, YEAR = "cd-computer", 2017
# A digest no file has: the results say the report and the review frozen were other files.
OTHER = "0" * 64


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    root = base_tree(tmp_path_factory.mktemp("print-notices") / "tree")
    results = root / "results" / f"{YEAR}.json"
    frozen = json.loads(results.read_text("utf-8"))
    frozen["report_sha256"] = {f"submissions/{SOCIETY}/{YEAR}.yaml": OTHER}
    frozen["review_sha256"] = {f"reviews/{YEAR}/{SOCIETY}.yaml": OTHER}
    frozen["rubric_file_sha256"] = {f"validators/rubrics/{YEAR}.yaml": OTHER}
    results.write_text(json.dumps(frozen, ensure_ascii=False, indent=1), "utf-8")
    with served(built_site(root)) as url:
        yield url


def _after(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(selector).evaluate_all(
        "links => links.map(a => getComputedStyle(a, '::after').content)")


def test_a_printed_notice_of_a_change_after_finalize_shows_its_links_address(page, base: str) -> None:
    page.goto(f"{base}societies/{SOCIETY}/{YEAR}/")
    notices = page.locator(".admonition.danger")
    titles = [t.strip() for t in notices.locator(".admonition-title").all_inner_texts()]
    # This site's 2017 rubric file changed after finalize too: said on the report as well.
    assert titles == ["本报告在定稿后改动过", "核查记录在定稿后改动过", "评估细则文件在定稿后改动过"], titles
    links = notices.locator("a[href]", has_text="定稿时代码提交中的这个文件")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert [h.rsplit("/", 1)[-1] for h in hrefs] == [f"{YEAR}.yaml", f"{SOCIETY}.yaml"], hrefs
    assert all("/blob/" in h or "/tree/" in h for h in hrefs), hrefs
    # On screen, the phrase only.
    assert _after(page, ".admonition.danger a[href]") == ["none", "none"]
    page.emulate_media(media="print")
    printed = _after(page, ".admonition.danger a[href]")
    written = page.locator(".admonition.danger a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert printed == [f'" ({h})"' for h in written], printed
    # The phase's links out of the site, “定稿文件” and the commit “066a9e0556e2”, were bare words
    # on paper too: printed, their addresses follow them; on screen, the words alone.
    # The rubric's name links within the site (its year's section of the rubric page): no address.
    rubric = page.locator("p.sb-phase a[href]", has_text="2017年度学会重点工作评估细则（默认）")
    assert rubric.get_attribute("href").endswith("rubric/#rubric-2017")
    # The commit is in the folded 技术核对信息 below the phase, which paper prints unfolded.
    phase = page.locator('p.sb-phase a[href^="http"], details.sb-tech a[href^="http"]')
    assert phase.all_inner_texts() == ["定稿文件", "066a9e0556e2"], phase.all_inner_texts()
    written = phase.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(h.startswith("https://") for h in written), written
    assert "/commit/066a9e0556e2" in written[1], written
    assert _after(page, 'p.sb-phase a[href^="http"], details.sb-tech a[href^="http"]') == [f'" ({h})"' for h in written]
    assert set(_after(page, 'p.sb-phase a[href]:not([href^="http"])')) <= {"none", "normal"}
    page.emulate_media(media="screen")
    assert set(_after(page, "p.sb-phase a[href]")) <= {"none", "normal"}


def test_a_printed_final_report_shows_the_addresses_of_its_phase_links(page, base: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The printed 2017 report, as a PDF: its technical details, folded on screen, print unfolded
    with the address of the commit and the data hashes."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page.goto(f"{base}societies/{SOCIETY}/{YEAR}/")
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    said = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "/commit/066a9e0556e2" in "".join(said.split()), said[:2000]
    assert "技术核对信息" in said
    assert "数据sha256" in "".join(said.split()), said[:2000]


@pytest.mark.parametrize("year", [YEAR, 2018])
@pytest.mark.parametrize("width", [390, 1366])
def test_the_rankings_remarks_are_in_view_and_readable_on_a_phone(page, base: str, width: int, year: int) -> None:
    """At 390 px the 备注 column was 77 px wide, broken as 个错/误 and 待/补充材料; made wider, it
    sat after seven area scores, off the screen: a reader never saw why a society ranked as it
    did. Each row's remarks are under its name, in view as the page opens, about nine characters
    a line, the page itself not scrolling sideways."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base}rankings/{year}/")
    page.wait_for_load_state("networkidle")
    table = page.locator(".sb-table").first
    remarks = table.locator("tbody tr td:nth-child(2) .sb-remark")
    rows = table.locator("tbody tr").count()
    assert rows > 0
    assert remarks.count() == rows
    assert table.evaluate("box => box.scrollLeft") == 0
    for i in range(rows):
        remark = remarks.nth(i)
        remark.scroll_into_view_if_needed()
        assert table.evaluate("box => box.scrollLeft") == 0  # no sideways scroll to reach it
        box = remark.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width, (i, box)
        assert remark.inner_text().startswith("备注：")
    first = remarks.first
    # The cell it wraps in, less its padding: room for about nine characters a line.
    room, size = first.evaluate("""span => { const td = span.closest('td'), style = getComputedStyle(td);
        return [td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
                parseFloat(getComputedStyle(span).fontSize)]; }""")
    assert room >= 9 * size - 1, (room, size)
    # Lines break between phrases (“0 个错误，” / “1 个警告”), never inside a word.
    assert first.evaluate("span => getComputedStyle(span).wordBreak") == "keep-all"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1366, 390])
def test_the_rubric_page_says_a_final_years_rubric_file_changed_after_finalize(page, base: str, width: int) -> None:
    """The rubric page of a final year whose rubric file is not the bytes finalize recorded: the
    notice sits in that year's section, links to the file at the frozen commit, and fits the page."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}rubric/")
    notice = page.locator(".admonition.danger", has_text="评估细则文件在定稿后改动过")
    assert notice.count() == 1
    assert "仍是按定稿时代码提交中的细则文件计算、冻结的结果" in notice.inner_text()
    [href] = notice.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert href.endswith(f"/validators/rubrics/{YEAR}.yaml"), href
    assert "/blob/066a9e0556e2" in href, href  # the commit results/2017.json records
    box = notice.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    heading = page.locator(f"#rubric-{YEAR}")
    assert heading.bounding_box()["y"] < box["y"]  # in the year's section, under its heading


def test_a_printed_report_on_notice_shows_where_to_object_and_where_its_files_are(page, base: str) -> None:
    """On paper, “提交“评估结果异议”” and a file of the society's folder (linked by its name,
    evidence/…) were bare words: the one thing a reader can do during the notice, and material
    that could not be found. Printed, their addresses follow them; on screen, the words alone."""
    page.goto(f"{base}societies/cd-mech-eng/2018/")
    objection = page.locator("p.sb-phase a[href$='template=objection.yml']")
    assert objection.count() == 1
    files = page.locator("td a[href*='/submissions/cd-mech-eng/evidence/']")
    assert files.count() >= 1
    after = "links => links.map(a => getComputedStyle(a, '::after').content)"
    for links in (objection, files):
        assert set(links.evaluate_all(after)) <= {"none", "normal"}
    page.emulate_media(media="print")
    for links in (objection, files):
        written = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert links.evaluate_all(after) == [f'" ({h})"' for h in written]


def test_a_printed_report_says_where_it_and_its_guideline_are_online(page, base: str) -> None:
    """Paper has no links: printed only, one line gives the page's own
    address and its guideline's, from the site's configured site_url (mkdocs.yml)."""
    from site_builder.form_page import site_settings

    site_url = site_settings().site_url
    assert site_url
    page.goto(f"{base}societies/cd-mech-eng/2018/")
    line = page.locator("p.sb-print-only")
    assert line.count() == 1
    assert not line.is_visible()  # on screen the address bar says it
    page.emulate_media(media="print")
    assert line.is_visible()
    assert line.inner_text() == (f"网上查阅：本报告 {site_url}societies/cd-mech-eng/2018/；"
                                 f"指南条款原文 {site_url}guideline/2018/")
    box, meta = line.bounding_box(), page.locator("p.sb-report-meta").first.bounding_box()
    assert box is not None
    assert meta is not None
    assert box["x"] + box["width"] <= page.evaluate("document.documentElement.clientWidth")
    assert meta["y"] < box["y"]  # under the publisher and the basis, on the first page


def test_a_printed_report_leaves_out_the_form_steps_of_its_objection_note(page, base: str) -> None:
    """A reader's case: the printed report of cd-tcm, on notice with an objection allowing its
    correction, printed the online form's steps (“在“第一步”的……点“复制为底稿””): on paper a
    report is read, not corrected. The note's count and its link stay."""
    rules = guideline(2018)
    assert rules is not None
    assert rules.calendar is not None
    day = rules.calendar.notice_starts + dt.timedelta(days=1)
    page.clock.install(time=dt.datetime.combine(day, dt.time(12), CALENDAR_ZONE))
    page.goto(f"{base}societies/cd-tcm/2018/")
    note = page.locator("p.sb-objection-note")
    steps = note.locator(".sb-no-print")
    assert "在线填报中更正本报告" in steps.inner_text()
    assert steps.is_visible()
    page.emulate_media(media="print")
    assert not steps.is_visible()
    assert note.is_visible()
    assert "允许学会在公示期内" in note.inner_text()


def test_a_printed_report_carries_no_repository_path_and_marks_the_contested_item(page, base: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A reader's case: the printed report of cd-tcm 2018 said “（记录见 reviews/2018/objections.yaml）”
    under its objections: a public document on paper carries no repository paths. On screen the
    path stays; printed, the objections, and the mark on the item their open one names, stay."""
    import shutil
    import subprocess

    page.goto(f"{base}societies/cd-tcm/2018/")
    path = page.locator("#y2018-objections ~ p code", has_text="reviews/2018/objections.yaml")
    assert path.count() == 1
    assert path.is_visible()
    page.emulate_media(media="print")
    assert not path.is_visible()
    assert page.locator("#y2018-objections ~ p", has_text="共 1 条：受理中 1 条").first.is_visible()
    marks = page.locator(".sb-contested")
    # The station's row in 报告内容 (the full mark) and its two lines in 评估明细 (有异议（id） alone).
    assert marks.count() == 3
    assert all(m.is_visible() for m in marks.all())
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    said = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "objections.yaml" not in said, said
    assert "共1条：受理中1条，已答复0条。" in said, said
    # The mark's words (its first word, 有异议, may end a line the table's next cells follow in the
    # text), once: the lines' brief marks do not repeat them.
    assert said.count("（obj-2018-01），受理中，尚未答复：") == 1, said
    assert said.count("答复前不影响本项得分") == 1, said
    assert said.count("（obj-2018-01）") == 3, said


@pytest.mark.parametrize("width", [390, 1366])
def test_a_followed_row_link_lands_below_the_top_bar(page, base: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """Following 有异议（obj-2018-01） (or an item's link) scrolled the row it names under the fixed
    top bar: on a phone its first line, 学会, was hidden. A row named by a link lands below the bar."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base}societies/cd-tcm/2018/")
    page.locator(".sb-contested a").first.click()
    page.wait_for_function("() => location.hash.length > 1")
    page.wait_for_timeout(300)  # the jump is instant; let layout settle after it
    # The row's first line (the society, its card's first line on a phone) is not under the bar.
    top, bar = page.evaluate("""() => [
        document.getElementById(decodeURIComponent(location.hash.slice(1))).closest('tr')
          .querySelector('td a').getClientRects()[0].top,
        document.querySelector('.md-header').getBoundingClientRect().bottom]""")
    assert top >= bar - 1, (top, bar)
