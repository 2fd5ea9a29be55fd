"""The sample site as people read it, in headless Chromium at a desktop and a phone width:
every table's key columns in view (or a visible scroll cue), the top sections reachable from
every kind of page, no serious accessibility fault in the project's own markup, and a year's
report that prints on A4 as the annual report."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import pytest

from site_builder.form_page import site_settings
from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.check import check_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _kinds() -> dict[str, str]:
    """One page of every kind: the society and year are those of the largest sample report."""
    _, repo = check_tree(ROOT)
    (society, year), _doc = max(repo.reports.items(), key=lambda kv: (len(kv[1].report.model_dump_json()), kv[0]))
    return {"home": "", "guideline": "guideline/", "guideline-year": f"guideline/{year}/", "rubric": "rubric/",
            "societies": "societies/", "society": f"societies/{society}/", "report": f"societies/{society}/{year}/",
            "areas": "areas/", "area": f"areas/{year}/academic_events/", "rankings": "rankings/",
            "ranking": f"rankings/{year}/", "status": f"status/{year}/", "downloads": "downloads/",
            "submit": "submit/", "form": "form/"}


KINDS = _kinds()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()
    with served(built_site()) as url:
        yield url


def _open(browser, base: str, kind: str, width: str):  # type: ignore[no-untyped-def]
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.goto(base + KINDS[kind])
    page.wait_for_load_state("networkidle")
    return context, page


# For each table: the key cells of its first row (the th marked sb-key, else the first column),
# whether any cell lies outside the viewport, and whether the scroll cue shows.
_TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
    const box = table.closest('.sb-table') || table.parentElement;
    const heads = [...table.tHead.rows[0].cells];
    let keys = heads.map((h, i) => h.classList.contains('sb-key') ? i : -1).filter(i => i >= 0);
    if (!keys.length) keys = [0];
    const row = table.tBodies[0] && table.tBodies[0].rows[0];
    const vw = document.documentElement.clientWidth;
    const inside = c => { const r = c.getBoundingClientRect(); return r.left >= -0.5 && r.right <= vw + 0.5; };
    const cue = getComputedStyle(box, '::before').content;
    return {
        label: box.getAttribute('aria-label') || heads.map(h => h.textContent).join('|'),
        keys: row ? keys.map(i => [heads[i].textContent.trim(), inside(row.cells[i])]) : [],
        overflowing: box.scrollWidth > box.clientWidth + 1,
        cue: cue !== 'none' && cue !== 'normal' && cue !== '',
    };
})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_key_columns_are_in_view_and_wide_tables_say_so(browser, base: str, kind: str, width: str) -> None:
    context, page = _open(browser, base, kind, width)
    try:
        tables = page.evaluate(_TABLES)
    finally:
        context.close()
    hidden = [(t["label"], name) for t in tables for name, inside in t["keys"] if not inside]
    assert not hidden, f"key columns outside the viewport: {hidden}"
    silent = [t["label"] for t in tables if t["overflowing"] and not t["cue"]]
    assert not silent, f"tables wider than the page without a scroll cue: {silent}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_reaches_the_top_sections(browser, base: str, kind: str, width: str) -> None:
    """The menu (the sidebar on a desktop, the drawer button on a phone) is there, and the
    sections it lists are links; generated pages also carry the trail back to the home page."""
    context, page = _open(browser, base, kind, width)
    try:
        if width == "desktop":
            assert page.locator(".md-sidebar--primary").is_visible()
            menu = page.locator(".md-sidebar--primary .md-nav__link", has_text=re.compile("^\\s*学会\\s*$"))
            assert menu.first.is_visible()
        else:
            drawer = page.locator("label.md-header__button[for='__drawer']")
            assert drawer.is_visible()
            drawer.click()
            page.wait_for_timeout(400)
            assert page.locator(".md-nav--primary a", has_text=re.compile("^\\s*排名\\s*$")).first.is_visible()
        if kind in ("society", "report", "area", "ranking", "status", "societies"):
            home = page.locator(".sb-trail a").first
            assert home.inner_text() == "首页"
            assert home.is_visible()
    finally:
        context.close()


# What axe-core still reports in the theme's own markup, with the reason it is left there.
# (none: the theme's search overlay, a dialog without a name, is named by assets/a11y.js)
THEME: dict[str, str] = {}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_fault_in_our_markup(browser, base: str, kind: str, width: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context, page = _open(browser, base, kind, width)
    try:
        if kind == "form":
            page.wait_for_selector("#report-form textarea, #report-form select")
        results = Axe().run(page)
    finally:
        context.close()
    ours, theirs = [], []
    for v in results.response["violations"]:
        if v["impact"] not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            inside = any(s in target for s in ("article", ".md-content", "#report-form", ".sb-"))
            (ours if inside or v["id"] not in THEME else theirs).append(f"{v['id']}: {target}")
    assert not ours, "\n".join(ours)
    assert {t.split(":")[0] for t in theirs} <= set(THEME)


# A4 less the margins of print.css (210 mm − 2 × 14 mm), in CSS pixels.
PRINTABLE_WIDTH = (210 - 2 * 14) / 25.4 * 96


def test_a_year_report_prints_as_the_annual_report(browser, base: str) -> None:
    """Printed with Chromium's PDF: A4, the issuer, year and society on it, no site chrome,
    no table cell past the printable width, no short header or date broken over two lines,
    and as many pages as the content needs."""
    context = browser.new_context(viewport={"width": math.floor(PRINTABLE_WIDTH), "height": 900})
    page = context.new_page()
    try:
        page.goto(base + KINDS["report"])
        page.wait_for_load_state("networkidle")
        on_screen = page.evaluate("""() => [...document.querySelectorAll('article td a[rel=nofollow]')]
            .filter(a => a.querySelector('.sb-url')).map(a => [new URL(a.href).hostname, a.innerText.trim()])""")
        page.emulate_media(media="print")
        seen = page.evaluate("""() => {
            const shown = s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length
                && getComputedStyle(e).visibility !== 'hidden');
            const right = Math.max(...[...document.querySelectorAll('article td, article th')]
                .filter(c => c.getClientRects().length).map(c => c.getBoundingClientRect().right));
            return {issuer: shown('.sb-issuer'), issuer_text: document.querySelector('.sb-issuer').innerText.trim(),
                    footer: document.querySelector('.md-copyright').innerText,
                    header: shown('.md-header'), menu: shown('.md-sidebar'), trail: shown('.sb-trail'),
                    sources: shown('article .sb-src'), title: document.querySelector('article h1').innerText,
                    right, width: document.documentElement.clientWidth,
                    // evidence links as printed: their whole address, not their host alone
                    evidence: [...document.querySelectorAll('article td a[rel=nofollow]')].filter(a => a.querySelector('.sb-url'))
                        .map(a => [a.getAttribute('href'), a.innerText.trim()]),
                    height: document.documentElement.scrollHeight,
                    // a short header (得分, 活动) or a date broken over two lines on paper
                    broken: [...document.querySelectorAll('article th, article td time')].filter(e => {
                        const range = document.createRange(); range.selectNodeContents(e);
                        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
                        return lines > 1 && (e.tagName === 'TIME' || /^[\u4e00-\u9fff]{1,4}$/.test(e.textContent.trim()));
                    }).map(e => e.textContent.trim())};
        }""")
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    assert seen["issuer"]
    assert not (seen["header"])
    assert not (seen["menu"])
    assert not (seen["trail"])
    # Each “原文” prints its file and line instead of its link (test_print_report).
    assert seen["sources"]
    society, year = KINDS["report"].strip("/").split("/")[1:]
    _, repo = check_tree(ROOT)
    assert repo.profiles[society].profile.name in seen["title"]
    assert year in seen["title"]
    issuer = site_settings().issuer
    assert issuer
    assert seen["issuer_text"] == issuer
    assert issuer in seen["footer"]
    assert "更新于" in seen["footer"]
    assert seen["right"] <= seen["width"] + 0.5, f"a cell ends at {seen['right']} px of {seen['width']}"
    assert seen["broken"] == []
    assert seen["evidence"]
    assert on_screen
    assert all(host == shown for host, shown in on_screen), on_screen[:3]
    assert all(shown == href for href, shown in seen["evidence"]), seen["evidence"][:3]
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12]", pdf), "not A4"
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # A4 less the vertical margins (297 mm − 2 × 15 mm), in CSS pixels.
    needed = seen["height"] / ((297 - 2 * 15) / 25.4 * 96)
    assert math.ceil(needed) - 1 <= pages <= math.ceil(needed) + 2, (pages, needed)


# Each element of the footer that holds text, with its colour's contrast on white paper (its
# alpha composed over white, as a printer lays it down).
_FOOTER_CONTRAST = """() => [...document.querySelectorAll('.md-copyright, .md-copyright *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => {
        const [r, g, b, a = 1] = getComputedStyle(e).color.match(/[\\d.]+/g).map(Number);
        const lin = c => { const v = (c * a + 255 * (1 - a)) / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        const lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        return [e.textContent.trim(), 1.05 / (lum + 0.05)];
    })"""


def test_the_printed_footer_shows_the_publisher_and_the_date(browser, base: str) -> None:
    """The footer's date was white (for the theme's dark footer) on white paper: the printed
    report named its publisher but not the date of its data."""
    context = browser.new_context(viewport={"width": math.floor(PRINTABLE_WIDTH), "height": 900})
    page = context.new_page()
    try:
        page.goto(base + KINDS["report"])
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        seen = page.evaluate(_FOOTER_CONTRAST)
    finally:
        context.close()
    said = " ".join(text for text, _ in seen)
    assert site_settings().issuer in said
    assert "数据更新于" in said
    assert all(contrast >= 4.5 for _, contrast in seen), seen


def test_chinese_quotation_marks_are_full_width(browser, base: str) -> None:
    """A “ between two Chinese characters is as wide as one of them (next to other punctuation
    the browser may rightly trim it to half)."""
    context, page = _open(browser, base, "rankings", "desktop")
    try:
        widths = page.evaluate("""() => {
            const p = document.querySelector('article p');
            const probe = text => { const s = document.createElement('span'); s.textContent = text;
                p.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; };
            const two = probe('有有');
            return [probe('有“有') - two, probe('有”有') - two, two / 2];
        }""")
    finally:
        context.close()
    open_mark, close_mark, han = widths
    assert open_mark >= 0.9 * han, widths
    assert close_mark >= 0.9 * han, widths


def test_a_ranking_on_a_phone_keeps_names_and_remarks_readable(browser, base: str) -> None:
    """A ranking has a dozen columns: on a phone the society's name and the remarks under it
    keep room for six characters a line or more (the table scrolls sideways instead of
    squeezing them)."""
    context, page = _open(browser, base, "ranking", "phone")
    try:
        widths = page.evaluate("""() => {
            const table = document.querySelector('article .sb-table table');
            const cells = table.tBodies[0].rows[0].cells;
            const em = parseFloat(getComputedStyle(cells[1]).fontSize);
            const remark = cells[1].querySelector('.sb-remark');
            return [cells[1].getBoundingClientRect().width / em, remark.getBoundingClientRect().width / em];
        }""")
    finally:
        context.close()
    name, remarks = widths
    assert name >= 6
    assert remarks >= 5.5



def test_an_areas_items_on_a_phone_read_as_cards(browser, base: str) -> None:
    """An area's table has a dozen columns: on a phone its 类别 column showed two characters a
    line (综合/性学/术年/会). Each item is a card there, every value given a line's width."""
    context, page = _open(browser, base, "area", "phone")
    try:
        narrow = page.evaluate("""() => [...document.querySelectorAll('article .sb-table tbody td')]
            .filter(td => td.textContent.trim())
            .map(td => [td.getAttribute('data-label'), td.getBoundingClientRect().width
                        / parseFloat(getComputedStyle(td).fontSize)])
            .filter(([, ems]) => ems < 12)""")
    finally:
        context.close()
    assert narrow == []

# Elements that scroll sideways inside a table's own scrolling box, and tables wrapped in a
# second box by the theme.
_NESTED_SCROLL = """() => [...document.querySelectorAll('article table')].filter(t => !t.closest('.sb-table'))
    .map(t => 'not built by tables.table: ' + t.textContent.slice(0, 20)).concat(
    [...document.querySelectorAll('article .sb-table')].flatMap(box => [
    ...[...box.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1
        && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).map(e => 'inner ' + e.className),
    ...(box.closest('.md-typeset__scrollwrap') || box.querySelector('.md-typeset__scrollwrap')
        ? ['wrapped ' + box.textContent.slice(0, 20)] : []),
    ...(box.getAttribute('role') === 'region' && box.getAttribute('aria-label') ? [] : ['unlabelled box']),
]))"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "submit"])  # submit: hand-written Markdown
def test_a_table_scrolls_in_one_labelled_box(browser, base: str, kind: str, width: str) -> None:
    """The cycle's progress, the objections and the experts' marks were wrapped twice (the
    theme's box in ours): a second scroll bar 16 px wide and a cue for it. The rubric's default
    readings were a Markdown table: their ids broke mid-word on a phone."""
    context, page = _open(browser, base, kind, width)
    try:
        assert page.evaluate(_NESTED_SCROLL) == []
    finally:
        context.close()


# Per table: lines of the tallest header label, and how many lines its header row is tall;
# with `sorted`, once after sorting by each of its columns in turn (the sorted column's icon
# stays in view).
_HEADER_LINES = """sorted => [...document.querySelectorAll('article .sb-table table')].flatMap(table => {
    const row = table.tHead.rows[0];
    const lines = th => { const range = document.createRange(); range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; };
    const measure = by => {
        const style = getComputedStyle(row.cells[0]);
        const inner = row.cells[0].getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        return [table.closest('.sb-table').getAttribute('aria-label') + by, Math.max(...[...row.cells].map(lines)),
                inner / parseFloat(style.lineHeight)];
    };
    if (!sorted) return [measure('')];
    return [...row.cells].filter(th => th.getAttribute('role') === 'columnheader').map(th => {
        th.click();
        if (!th.hasAttribute('aria-sort')) throw new Error('not sorted by ' + th.textContent);
        return measure(' sorted by ' + th.textContent.trim());
    });
})"""


@pytest.mark.parametrize("sort", [False, True], ids=["unsorted", "sorted"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["ranking", "report", "societies", "area"])
def test_a_sortable_header_is_as_tall_as_its_label(browser, base: str, kind: str, width: str, sort: bool) -> None:
    """The sort icon took a line of its own under a label that filled its column: unsorted (the
    icon invisible until pointed at) and, once a column was sorted by, in that column."""
    context, page = _open(browser, base, kind, width)
    try:
        tables = page.evaluate(_HEADER_LINES, sort)
    finally:
        context.close()
    assert tables
    for label, lines, tall in tables:
        assert tall < lines + 0.5, (label, lines, tall)


def test_a_report_keeps_clause_numbers_dates_and_ids_whole(browser, base: str) -> None:
    """At a desktop width the report's tables are wider than its column: "条款 1.1" broke after
    条, dates at a hyphen, a consortium's id every few letters, its members' names every two or
    three characters."""
    context, page = _open(browser, base, "report", "desktop")
    try:
        broken = page.evaluate("""() => {
            const lines = e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size;
            const cells = [...document.querySelectorAll('article .sb-table td')];
            return {
                clauses: cells.flatMap(c => [...c.querySelectorAll('.sb-clause-ref')])
                    // kept on one line by rule: the sample's columns leave them room at this width
                    .filter(e => lines(e) > 1 || getComputedStyle(e).whiteSpace !== 'nowrap').map(e => e.textContent),
                dates: cells.flatMap(c => [...c.querySelectorAll('time')]).filter(e => lines(e) > 1).map(e => e.textContent),
                ids: cells.flatMap(c => [...c.querySelectorAll('code')])
                    .filter(e => lines(e) > e.textContent.split('-').length).map(e => e.textContent),
                names: cells.filter(c => c.querySelector('.sb-society')
                    && c.getBoundingClientRect().width < 6 * parseFloat(getComputedStyle(c).fontSize)).map(c => c.textContent),
                seen: cells.filter(c => c.querySelector('.sb-clause-ref, time, code')).length,
            };
        }""")
    finally:
        context.close()
    assert broken.pop("seen") > 10
    assert broken == {"clauses": [], "dates": [], "ids": [], "names": []}


# Every number in a table (a score, a count, a year, a date, "1.2"): the text it stands in and
# how many lines it takes.
_NUMBERS = """selector => [...document.querySelectorAll(selector)].flatMap(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.textContent.matchAll(/\\d+(?:[.:\\-/]\\d+)*/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            found.push([m[0], node.textContent.trim().slice(0, 30), lines]);
        }
    }
    return found;
})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_number_in_a_table_breaks_inside(browser, base: str, kind: str, width: str) -> None:
    """A column squeezed to a character or two (`overflow-wrap: anywhere` on every cell) broke a
    ranking's 15.5 as 1/5./5 and an event's 2018年 as 201/8年 on a phone, though the table
    scrolls sideways anyway. Scores, counts, years and dates stay on one line."""
    context, page = _open(browser, base, kind, width)
    try:
        numbers = page.evaluate(_NUMBERS, "article td, article th")
    finally:
        context.close()
    broken = [(number, where) for number, where, lines in numbers if lines > 1]
    assert broken == []
    if kind in ("ranking", "area", "report"):
        assert len(numbers) > 20


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_date_in_running_text_breaks_inside(browser, base: str, kind: str, width: str) -> None:
    """The rubric's evaluation window, “2017-11-30（不含）至 2018-11-30（含）”, broke as 2017-/11-30
    at a phone's line end: a date is one word wherever it stands."""
    context, page = _open(browser, base, kind, width)
    try:
        numbers = page.evaluate(_NUMBERS, "article p, article li, article dd, article summary")
    finally:
        context.close()
    broken = [(number, where) for number, where, lines in numbers if lines > 1 and DATE.fullmatch(number)]
    assert broken == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_page_scrolls_sideways(browser, base: str, kind: str, width: str) -> None:
    """Only a table's own box may scroll sideways: a rule that kept the clause links of a table
    on one line once kept every clause of the guideline's text on one line too (3,350 px)."""
    context, page = _open(browser, base, kind, width)
    try:
        wide = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    finally:
        context.close()
    assert wide[0] <= wide[1], wide


def test_a_reports_tables_fit_a_laptop_screen(browser, base: str) -> None:
    """In the theme's 1220 px grid a report's tables had 688 px between the menu and the table of
    contents at 1366 px, and three of the largest report's tables scrolled sideways; with the
    wider grid only the academic events' twelve columns do."""
    context, page = _open(browser, base, "report", "desktop")
    try:
        wide = page.evaluate("""() => [...document.querySelectorAll('article .sb-table')]
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .map(box => box.querySelector('thead th').textContent.trim())""")
        content = page.evaluate("() => document.querySelector('article').clientWidth")
    finally:
        context.close()
    assert content >= 800, content
    assert wide in ([], ["活动"]), wide


def test_society_names_sort_by_pinyin(browser, base: str) -> None:
    """Sorted by their ids (cd-agri first) or by character codes (成都市… before 成都高新区…), the
    names came out in no order a reader knows; they sort as a Chinese list does, by pinyin."""
    context, page = _open(browser, base, "ranking", "desktop")
    try:
        names = page.evaluate("""() => {
            const th = [...document.querySelectorAll('article .sb-table table')][0].tHead.rows[0].cells[1];
            th.click();
            return [th.textContent.trim(), th.getAttribute('aria-sort'),
                    [...th.closest('table').tBodies[0].rows].map(r => r.cells[1].querySelector('a').textContent.trim())];
        }""")
    finally:
        context.close()
    header, direction, shown = names
    assert (header, direction) == ("学会", "ascending")
    assert len(shown) >= 5
    assert shown.index("成都高新区园区科协（示例）") < shown.index("成都市电子学会（示例）") < shown.index("成都市中医药学会（示例）")
    assert shown != sorted(shown)  # character codes would give another order


def test_the_society_list_opens_in_the_order_its_header_sorts_by(browser, base: str) -> None:
    """The page is written in pinyin order (site_builder/name_order.py) and the browser sorts the
    clicked column by pinyin: a reader who clicks 学会 sees the same list, not another one."""
    context, page = _open(browser, base, "societies", "desktop")
    try:
        before, after = page.evaluate("""() => {
            const table = document.querySelector('article .sb-table table');
            const names = () => [...table.tBodies[0].rows].map(r => r.cells[0].textContent.trim());
            const first = names();
            table.tHead.rows[0].cells[0].click();
            return [first, names()];
        }""")
    finally:
        context.close()
    assert len(before) >= 5
    assert before[0] == "成都高新区园区科协（示例）"  # in id order cd-agri (农学会) came first
    assert after == before


_TIERS = """() => [...document.querySelectorAll("article td")]
    .filter(cell => /^\\S{1,3}档$/.test(cell.textContent.trim()))
    .map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return [cell.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
    })"""


@pytest.mark.parametrize("kind", ["ranking", "society"])
def test_a_tier_name_stays_on_one_line(browser, base: str, kind: str) -> None:
    """On a phone the ranking's tier column broke 未入档 as 未入/档."""
    context, page = _open(browser, base, kind, "phone")
    try:
        tiers = page.evaluate(_TIERS)
    finally:
        context.close()
    assert tiers, kind
    assert [name for name, lines in tiers if lines > 1] == []


def test_a_report_s_source_link_on_a_phone_s_card_says_its_line(browser, base: str) -> None:  # type: ignore[no-untyped-def]
    """Every 评估明细 card on a phone read “原文：原文” while paper said “10 行”: a card shows the line
    its link points to, the link's accessible name still saying what and where (“原文：…，第 10 行”);
    a desktop's table keeps its short “原文”."""
    shown = {}
    for width in WIDTHS:
        context, page = _open(browser, base, "report", width)
        try:
            settled(page)
            shown[width] = page.locator("#lines ~ .sb-table td a.sb-src[data-at]").evaluate_all(
                """links => links.map(a => [a.getAttribute('data-at'), getComputedStyle(a, '::after').content,
                                            a.getAttribute('aria-label'), a.href.split('#L')[1],
                                            a.getBoundingClientRect().width])""")
        finally:
            context.close()
    assert len(shown["phone"]) > 10
    for at, after, name, line, width in shown["phone"]:
        assert after == f'"{at}"', (at, after)
        assert width > 0
        assert name.startswith("原文："), name
        assert name.endswith(f"第 {line} 行"), name
    assert {after for _, after, *_ in shown["desktop"]} == {"none"}
