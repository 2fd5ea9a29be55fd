"""A reviewer printed cd-mech-eng's 2018 report (Chromium's PDF, then pdftoppm): the line that
leads into a table (“为企业提供的服务（4 项，全部学会的同类项目）：”) ended a page while its table began
the next; the 类别 column broke after every two characters (综合/性学/术年/会); the link words
“全部学会的同类项目” meant nothing on paper; pages after the first named neither the society nor
their number; the 原文 column was dropped, and with it every line's trace to the report file.
On screen, an evaluation line's rule links to its row of the rubric page."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.items import LINES_ANCHOR
from site_builder.rubric_rows import rule_words
from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.check import check_tree
from validators.year.rubric import rubric

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY, YEAR = "cd-mech-eng", 2018
PAGE = f"societies/{SOCIETY}/{YEAR}/"
# The page-number footer print.css writes (its words, with the numbers as a pattern).
_NUMBER = re.compile(r"第\s*(\d+)\s*页，共\s*(\d+)\s*页")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url


def _printed_pages(page, base: str, pdf: Path, at: str = PAGE) -> list[str]:  # type: ignore[no-untyped-def]
    """The report printed as Chromium prints it, each page's text (pdftotext, in reading order)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page.goto(base + at)
    page.wait_for_load_state("networkidle")
    page.pdf(path=str(pdf), format="A4")
    said = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in said.split("\f") if p.strip()]


def _name() -> str:
    _, repo = check_tree(ROOT)
    return repo.profiles[SOCIETY].profile.name


def test_every_printed_page_after_the_first_names_the_society_and_year_and_each_its_number(
        page, base: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = _printed_pages(page, base, tmp_path / "report.pdf")
    assert len(pages) >= 3
    head = "".join(f"{_name()} {YEAR} 年度报告".split())
    for n, text in enumerate(pages, 1):
        # pdftotext's layout keeps the lines, not every space between words: compared without.
        lines = ["".join(line.split()) for line in text.splitlines() if line.strip()]
        numbers = [m.groups() for m in map(_NUMBER.search, lines) if m]
        assert numbers == [(str(n), str(len(pages)))], (n, lines[-3:])
        if n > 1:
            assert lines[0] == head, (n, lines[:2])
    first = ["".join(line.split()) for line in pages[0].splitlines() if line.strip()]
    assert first[0] != head  # the first page has the report's own title on top


def test_no_printed_page_ends_with_the_line_that_leads_into_a_table(page, base: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = _printed_pages(page, base, tmp_path / "report.pdf")
    leads = page.locator("article p:has(+ .sb-table)").all_inner_texts()
    assert len(leads) >= 7
    for n, text in enumerate(pages, 1):
        body = [line.strip() for line in text.splitlines() if line.strip() and not _NUMBER.search(line)]
        assert not body[-1].endswith("："), (n, body[-2:])


def test_the_printed_lead_in_line_says_its_count_without_the_link_words(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + PAGE)
    link = page.locator("article p:has(+ .sb-table) a", has_text="全部学会的同类项目").first
    assert link.is_visible()
    page.emulate_media(media="print")
    assert not link.is_visible()
    lead = page.locator("article p:has(+ .sb-table)").first.inner_text()
    assert re.fullmatch(r".+（\d+ 项）：", lead), lead


def test_a_printed_category_keeps_four_characters_a_line(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """The printed 类别 of an event (综合性学术年会) and 类型 of a service (研发指导): four characters a
    line at least; a shorter word (主办) whole, its column no wider than it."""
    page.goto(base + PAGE)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 688, "height": 900})  # A4's printable width, as test_reading's
    terms = page.locator("article td .sb-term")
    assert terms.count() >= 10
    widths = terms.evaluate_all("""terms => terms.map(t => {
        const size = parseFloat(getComputedStyle(t).fontSize), range = document.createRange();
        range.selectNodeContents(t);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        return [t.textContent, t.closest('td').clientWidth / size, lines,
                Math.ceil(t.textContent.length / 4)]; })""")
    for word, em, lines, most in widths:
        assert em >= min(len(word), 4), (word, em)
        assert lines <= max(1, most), (word, lines)


def test_a_printed_source_cell_says_its_line(page, base: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Paper has no links: each “原文” of the report's items, of the evaluation's lines and of the
    findings prints the line of the report file it points to, which the printed page says once:
    a printed line is still traced to what earned it."""
    pages = _printed_pages(page, base, tmp_path / "report.pdf")
    said = "".join("".join(pages).split())
    assert "表中“原文”是报告文件的行号" in said
    sources = page.locator("article td .sb-src[data-at]")
    written = sources.evaluate_all("links => links.map(a => a.getAttribute('href').split('#L'))")
    assert len(written) > 30
    assert page.locator(f"#{LINES_ANCHOR} ~ .sb-table td .sb-src[data-at]").count() > 20
    assert all(file.endswith(f"/submissions/{SOCIETY}/{YEAR}.yaml") for file, _ in written)
    page.emulate_media(media="print")
    assert all(link.is_visible() for link in sources.all())
    printed = sources.evaluate_all("links => links.map(a => getComputedStyle(a, '::after').content)")
    assert printed == [f'"{line}\u00a0行"' for _, line in written], printed[:3]
    # On paper, one for each (and the printed line that says what they are).
    assert said.count("行") >= len(written)


def test_an_evaluation_line_links_to_its_rule_s_row_of_the_rubric(page, base: str) -> None:  # type: ignore[no-untyped-def]
    rule = rubric(YEAR).innovation.pilot_district_service  # type: ignore[union-attr]
    assert rule is not None
    page.goto(base + PAGE)
    row = page.locator("#lines ~ .sb-table tr", has_text=rule.label).filter(has_text="伺服电机控制算法研发指导")
    ref = row.locator("a.sb-rule-ref")
    assert ref.inner_text().replace("\u00a0", " ") == f"细则：{rule_words(rule)}"
    ref.click()
    page.wait_for_url(re.compile(r"/rubric/#"))
    target = page.locator(":target")
    assert target.count() == 1
    assert target.inner_text() == rule.label
    box, bar = target.bounding_box(), page.locator(".md-header").bounding_box()
    assert box is not None
    assert bar is not None
    assert box["y"] >= bar["y"] + bar["height"] - 1  # in view, below the fixed top bar
    # Marked among its table's rows, as a clause landed on is.
    colours = target.evaluate("""span => [...span.closest('tbody').rows].map(
        r => [r.contains(span), getComputedStyle(r).backgroundColor])""")
    marked = {colour for landed, colour in colours if landed}
    others = {colour for landed, colour in colours if not landed}
    assert len(marked) == 1
    assert not marked & others, colours


# Each section heading of the report (h2, h3) followed by a table before the next heading: its
# words, and the first words of the table's first two rows, spaces dropped: the line its 原文
# prints (“10 行”; pdftotext may split a wrapped first cell), else its first cell.
_SECTIONS = """() => [...document.querySelectorAll('article h2, article h3')].map(h => {
    let next = h.nextElementSibling;
    while (next && !/^H[1-6]$/.test(next.tagName) && !next.classList.contains('sb-table')) {
        next = next.nextElementSibling; }
    if (!next || !next.classList.contains('sb-table')) return null;
    const rows = [...next.querySelector('tbody').rows].slice(0, 2);
    return [h.firstChild.textContent.trim(),
            rows.map(r => (r.querySelector('.sb-src[data-at]')?.dataset.at || r.cells[0].innerText)
                          .replace(/\\s+/g, '').slice(0, 5))]; }).filter(Boolean)"""


@pytest.mark.parametrize("society", [SOCIETY, "cd-tcm"])
def test_a_printed_heading_keeps_its_intro_and_its_table_s_first_two_rows(  # type: ignore[no-untyped-def]
        page, base: str, tmp_path: Path, society: str) -> None:
    """The reviewer's cd-mech-eng page 1 ended with “一、创新驱动助力工程” and one line, its table on
    page 2; cd-tcm's 评估明细, its intro and one row ended a page, the other rows on the next."""
    pages = _printed_pages(page, base, tmp_path / "report.pdf", f"societies/{society}/{YEAR}/")
    settled(page)
    sections = page.evaluate(_SECTIONS)
    assert any(heading == "评估明细" for heading, _ in sections)
    assert len(sections) >= 8
    for heading, firsts in sections:
        [(n, rest)] = [(n, "".join(text.split("\n" + line, 1)[1].split()))
                       for n, text in enumerate(pages, 1) for line in text.splitlines() if line.strip() == heading]
        for first in firsts:
            assert first in rest, (society, heading, n, first)


def test_a_printed_rule_breaks_only_at_its_punctuation(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """The narrow printed 依据 column broke “最多 6／项” and “三档／1 分”: a rule's words break after
    its punctuation (“细则：每项 1 分，／最多 6 项”) or before its “（本项未得分）” only."""
    page.goto(base + PAGE)
    settled(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 688, "height": 900})  # A4's printable width, as test_reading's
    rules = page.locator(f"#{LINES_ANCHOR} ~ .sb-table td a.sb-rule-ref")
    assert rules.count() >= 20
    printed = rules.evaluate_all("""links => links.map(a => {
        const t = a.firstChild, lines = [];
        let top = null;
        for (let i = 0; i < t.length; i++) {
            const range = document.createRange();
            range.setStart(t, i);
            range.setEnd(t, i + 1);
            const y = Math.round(range.getClientRects()[0].top);
            if (y !== top) lines.push('');
            top = y;
            lines[lines.length - 1] += t.data[i]; }
        return lines; })""")
    assert any(len(lines) > 1 for lines in printed)
    for lines in printed:
        for before, after in itertools.pairwise(lines):
            assert before.rstrip()[-1] in "：，、）" or after.lstrip()[0] == "（", lines
