"""Generation without a browser: determinism, the guideline published word for word, escaping
helpers, relative links, and a failing build that leaves the previous site in place."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from pathlib import Path

import pytest
import yaml

from site_builder.build import BuildError, build, child_config
from site_builder.clause_changes import HEADING as CHANGES_HEADING
from site_builder.contact import entries as contact_entries
from site_builder.form_page import SiteSettings
from site_builder.generate import generate, hand_written
from site_builder.markup import (
    Cell,
    Column,
    Urls,
    clause_anchor,
    dated_text,
    day,
    num,
    repo_path_url,
    text,
    web_link,
)
from site_builder.report_page import caps_said
from site_builder.tables import LONG_RUN, breakable, rows_json, table
from tests.trees import ROOT
from validators.association.admin_list import Contact
from validators.year.guideline import GUIDELINES_DIR, guideline
from validators.year.rubric import rubric
from validators.year.text import area_numeral, guideline_text

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_generations_are_identical_apart_from_the_build_date(tmp_path: Path) -> None:
    generate(ROOT, tmp_path / "a" / "docs", settings=SETTINGS, date="2001-02-03")
    generate(ROOT, tmp_path / "b" / "docs", settings=SETTINGS, date="2001-02-03")
    generate(ROOT, tmp_path / "c" / "docs", settings=SETTINGS, date="2009-09-09")
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert a.keys() == c.keys()
    differing = [name for name in a if a[name] != c[name]]
    assert "docs/index.md" in differing
    lines = zip(a["docs/index.md"].decode().splitlines(), c["docs/index.md"].decode().splitlines(), strict=True)
    assert '<p class="sb-build-date">本站生成于 2001&#45;02&#45;03。</p>' in [x for x, y in lines if x != y]
    # Each phase says the day it holds on (“尚未开始填报…（2001-02-03）”) and, for the script, the
    # words from that day on: those pages differ by the date alone, as the home page does; so
    # does the review workbench's settings, which carry the same words from that day on.
    # The ranking download says each year's phase with its day (a file cannot change its words
    # later as a page does): its CSV, its JSON and its sheet of the workbook, whose size the
    # downloads page lists (a zip of other text compresses to another size).
    for name in differing:
        if name == _WORKBOOK:
            assert _sheets(c[name], "2009-09-09") == _sheets(a[name], "2001-02-03")
            continue
        assert b'class="sb-phase' in a[name] or name in (
            "docs/index.md", "docs/review/config.json", *_DATED_DOWNLOADS), name
        later = c[name].decode().replace("2009-09-09", "2001-02-03").replace("2009&#45;09&#45;09", "2001&#45;02&#45;03")
        if name == "docs/downloads/index.md":
            later, now = (_SIZES.sub("", x) for x in (later, a[name].decode()))
            assert later == now, name
            continue
        assert later == a[name].decode(), name


_WORKBOOK = "docs/downloads/tables.xlsx"
_DATED_DOWNLOADS = ("docs/downloads/evaluations.csv", "docs/downloads/evaluations.json", "docs/downloads/index.md")
_SIZES = re.compile(r'data-sort="[0-9]+"><span title="[0-9]+ 字节">[^<]*</span>')


def _sheets(data: bytes, day: str) -> list[list[tuple[object, ...]]]:
    """A workbook's values, its day said as 2001-02-03."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[tuple(v.replace(day, "2001-02-03") if isinstance(v, str) else v for v in row)
             for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


def test_regeneration_rewrites_nothing_and_drops_stale_pages(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    generate(ROOT, out, settings=SETTINGS, date="2001-02-03")
    stale = out / "societies" / "gone" / "index.md"
    stale.parent.mkdir()
    stale.write_text("# 旧页面\n", encoding="utf-8")
    again = generate(ROOT, out, settings=SETTINGS, date="2001-02-03")
    assert again.written == 0
    assert not stale.exists()


def test_drafts_and_hidden_files_stay_out_of_the_site(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    for rel in ("submit.md", "_drafts/next.md", ".notes/x.md", "guide/_old.md", "guide/ok.md"):
        (pages / rel).parent.mkdir(parents=True, exist_ok=True)
        (pages / rel).write_text("# 页\n", encoding="utf-8")
    assert sorted(rel for rel, _ in hand_written(pages)) == ["guide/ok.md", "submit.md"]


def test_generated_docs_hold_the_hand_written_pages(tmp_path: Path) -> None:
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    assert (tmp_path / "docs" / "submit.md").is_file()
    assert (tmp_path / "jieba-user-dict.txt").is_file()
    # The repository publishes no contact yet: the page on submitting says so, in its own section.
    submit = (tmp_path / "docs" / "submit.md").read_text("utf-8")
    assert "## 联系市科协 {#contact}\n\n市科协尚未在本站公布联系方式。\n" in submit
    assert "<!-- association-contact -->" not in submit
    assert submit.index("{#contact}") < submit.index("## 常见问题")
    assert "](#contact)" in submit  # the page's own “请联系市科协管理员” leads to it


HOSTILE_OFFICE = '市科协学会部<script>window.__xss="office"</script>'


def test_the_association_s_contact_is_published_from_its_admin_list_and_escaped(tmp_path: Path) -> None:
    """`contact` of .github/admins.yaml: a section of the page on submitting, and the entries
    the form's and the workbench's settings carry; every value inert, the address a link."""
    root = tmp_path / "repo"
    (root / "submissions").mkdir(parents=True)
    (root / ".github").mkdir()
    (root / ".github" / "admins.yaml").write_text(yaml.safe_dump({"admins": [], "contact": {
        "office": HOSTILE_OFFICE, "phone": "028-0000 0000", "email": "office@example.org",
        "url": "https://example.org/contact?a=1&b=2"}}, allow_unicode=True), encoding="utf-8")
    docs = tmp_path / "out" / "docs"
    generate(root, docs, settings=SETTINGS, date="2001-02-03")
    submit = (docs / "submit.md").read_text("utf-8")
    section = submit.split("## 联系市科协 {#contact}\n", 1)[1].split("\n## ", 1)[0]
    assert "<script" not in section
    assert "- 部门：市科协学会部&#60;script&#62;" in section
    assert _visible(section).count(HOSTILE_OFFICE) == 1
    assert "- 电话：028&#45;0000 0000\n" in section
    assert '- 网址：<a href="https://example.org/contact?a=1&amp;b=2" rel="nofollow">' in section
    assert "尚未在本站公布" not in section
    for settings in ("form/config.json", "review/config.json"):
        said = json.loads((docs / settings).read_text("utf-8"))["contact"]
        assert said["entries"] == [
            {"label": "部门", "text": HOSTILE_OFFICE, "href": None},
            {"label": "电话", "text": "028-0000 0000", "href": None},
            {"label": "邮箱", "text": "office@example.org", "href": None},
            {"label": "网址", "text": "https://example.org/contact?a=1&b=2", "href": "https://example.org/contact?a=1&b=2"},
        ], settings
        assert said["unpublished"] == "市科协尚未在本站公布联系方式。"
    # An address the model would refuse is never linked, nor shown (were a contact built past it).
    assert contact_entries(Contact.model_construct(url="javascript:alert(1)")) == []


def _visible(markdown: str) -> str:
    """The text a reader sees: tags and the clause numbers the site adds removed, entities decoded."""
    import html

    text = re.sub(r'<a class="sb-clause__id[^"]*"[^>]*>.*?</a>', "", markdown)
    text = re.sub(r"<[^>]+>|\{#[^}]*\}|^#+ ", "", text, flags=re.M)
    return html.unescape(text)


@pytest.mark.parametrize("year", [2017, 2018])  # 2018 carries 2017's text forward
def test_the_guideline_is_published_word_for_word(tmp_path: Path, year: int) -> None:
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    page = (tmp_path / "docs" / "guideline" / str(year) / "index.md").read_text(encoding="utf-8")
    # The text, up to the section after it that compares it with the year before (2018's).
    body = page[page.index("## "):page.find(f"## {CHANGES_HEADING}") if CHANGES_HEADING in page else None]
    source = (GUIDELINES_DIR / "2017.txt").read_text(encoding="utf-8")
    original = "".join(source.split())
    published = "".join(_visible(body).split())
    head = "".join(line.strip() for line in source.splitlines()[:2])
    assert published == original[len(head):]
    assert "附件1" in _visible(page)


def test_every_clause_has_one_anchor(tmp_path: Path) -> None:
    rules = guideline(2017)
    assert rules is not None
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    page = (tmp_path / "docs" / "guideline" / "2017" / "index.md").read_text(encoding="utf-8")
    anchors = re.findall(r'<p class="sb-clause" id="clause-([0-9-]+)">', page)
    assert sorted(anchors) == sorted(c.replace(".", "-") for c in rules.clauses)
    assert sorted(rules.clauses) == sorted(guideline_text(2017).clauses())
    assert re.findall(r"\{#area-(\d+)\}", page) == [a.id for a in rules.areas]
    assert clause_anchor("1.2") == "clause-1-2"
    assert clause_anchor("6") == "clause-6"


@pytest.mark.parametrize(("source", "target", "anchor", "expected"), [
    ("societies/cd-a.md", "guideline.md", "clause-1-2", "../../guideline/#clause-1-2"),
    ("index.md", "guideline.md", "", "guideline/"),
    ("areas/2017/innovation.md", "societies/cd-a.md", "", "../../../societies/cd-a/"),
    ("areas/index.md", "areas/2017/innovation.md", "", "2017/innovation/"),
    ("rankings/2017.md", "rankings/index.md", "", "../"),
    ("downloads.md", "downloads/evaluations.csv", "", "evaluations.csv"),
    ("guideline.md", "guideline.md", "area-1", "./#area-1"),
    # the layout the generator writes: each page the index of its folder
    ("societies/cd-a/2017/index.md", "guideline/index.md", "clause-1-2", "../../../guideline/#clause-1-2"),
    ("downloads/index.md", "downloads/evaluations.csv", "", "evaluations.csv"),
    ("guideline/index.md", "guideline/index.md", "area-1", "./#area-1"),
    ("societies/cd-a/2017/index.md", "guideline/2017/index.md", "clause-1-2", "../../../guideline/2017/#clause-1-2"),
    ("guideline/2018/index.md", "guideline/2017/index.md", "", "../2017/"),
    ("guideline/index.md", "guideline/2017/index.md", "", "2017/"),
])
def test_relative_links_between_pages(source: str, target: str, anchor: str, expected: str) -> None:
    assert Urls().rel(source, target, anchor) == expected


def test_relative_links_without_directory_urls() -> None:
    assert Urls(directory_urls=False).rel("societies/cd-a.md", "guideline.md", "x") == "../guideline.html#x"
    assert Urls(directory_urls=False).rel("societies/cd-a/index.md", "guideline/index.md") == "../../guideline/index.html"


def test_every_generated_page_is_the_index_of_its_folder(tmp_path: Path) -> None:
    """Then a page's source folder is its URL's folder, and a relative link in raw HTML means
    the same to MkDocs (which leaves it as written) and to Zensical (which resolves it from the
    source's folder). Only the hand-written pages, whose links are Markdown, may be named otherwise."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    pages = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md")}
    assert len(pages) > 20
    assert {p for p in pages if not p.endswith("index.md")} == {rel for rel, _ in hand_written()} - {"index.md"}


def test_only_web_addresses_become_links() -> None:
    assert web_link("https://example.org/a").startswith('<a href="https://example.org/a"')
    assert "<a" not in web_link("javascript:alert(1)")
    assert "<a" not in web_link("data:text/html,<script>")
    # A quote is no part of an address (validators.urls.URL_UNSAFE): shown as text, never a link.
    quoted = web_link('https://example.org/"onmouseover="x')
    assert "<a" not in quoted
    assert '"onmouseover' not in quoted  # its quote escaped, as all text is
    assert repo_path_url("https://github.com/o/r", "main", "../x") is None
    assert repo_path_url("https://github.com/o/r", "main", "a b/<c>.txt") == \
        "https://github.com/o/r/blob/main/a%20b/%3Cc%3E.txt"
    assert repo_path_url(None, "main", "a.txt") is None


def test_tables_sort_numbers_by_their_value() -> None:
    html = table([Column("名称"), Column("得分", numeric=True)], [[Cell("甲"), Cell("101.5", "101.5")]], label="表")
    assert '<th data-sort-method="number">得分</th>' in html
    assert '<td data-sort="101.5">101.5</td>' in html
    assert 'data-search-exclude="1"' in html
    assert day(dt.date(2017, 1, 5)) == '<time datetime="2017-01-05">2017-01-05</time>'
    assert num(2.0) == "2"
    assert num(1.5) == "1.5"
    assert num(1 / 3) == "0.33"


def test_only_a_run_of_text_longer_than_any_word_may_break_anywhere() -> None:
    """A table cell marks a run of text longer than LONG_RUN characters (a pasted token) as one
    that may break anywhere; numbers, dates, words, markup and entities are left as they are."""
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    html = f'<a href="https://example.org/{word}">{word}&amp;{word}</a>，<time datetime="2018-09-15">2018-09-15</time>'
    marked = breakable(html)
    assert marked == (f'<a href="https://example.org/{word}"><span class="sb-long">{word}&amp;{word}</span></a>，'
                      '<time datetime="2018-09-15">2018-09-15</time>')
    short = "2018年成都市机械工程学术年会（2018），15.5 分，17 个，条款&nbsp;1.1"
    assert breakable(short) == short
    # An id or a path breaks at its hyphens and slashes: none of its parts is long.
    long_id = "consortium-smart-manufacturing&#45;chengdu&#47;evidence/2017-annual-meeting-photos"
    assert breakable(long_id) == long_id
    # A date or another number with hyphens in a sentence stays on one line; day()'s is already.
    assert breakable(text("建于 2018-05-06，电话 028-87654321")) == (
        f'{text("建于")} <span class="sb-whole">{text("2018-05-06")}</span>{text("，电话")} '
        f'<span class="sb-whole">{text("028-87654321")}</span>')
    assert breakable(f"建于 {day(dt.date(2018, 5, 6))}") == f"建于 {day(dt.date(2018, 5, 6))}"
    # A range with a dash, and a number's hyphen written as an entity: the same.
    for number in ("2017–2018", "0‑2", "2018&#45;05"):
        assert breakable(f"{text('第')}{number}{text('年')}") == (
            f'{text("第")}<span class="sb-whole">{number}</span>{text("年")}'), number
    assert breakable("2017 – 2018") == "2017 – 2018"  # spaced: the dash is no number's
    # An entity counts as the one character it shows.
    assert breakable("&amp;" * LONG_RUN) == "&amp;" * LONG_RUN
    assert breakable("&amp;" * (LONG_RUN + 1)) == f'<span class="sb-long">{"&amp;" * (LONG_RUN + 1)}</span>'
    # The page's rows and the rows loaded from JSON are marked alike.
    assert '<span class="sb-long">' in table([Column("活动")], [[Cell(word)]], label="表")
    assert json.loads(rows_json([[Cell(word)]]))["rows"] == [[[f'<span class="sb-long">{word}</span>', None]]]


def test_child_config_moves_every_generated_path(tmp_path: Path) -> None:
    config = yaml.safe_load(child_config(ROOT / "mkdocs.yml", tmp_path, tmp_path / "generated" / "docs"))
    assert config["INHERIT"] == str((ROOT / "mkdocs.yml").resolve())
    assert config["docs_dir"] == str(tmp_path / "generated" / "docs")
    assert config["theme"]["custom_dir"] == str(ROOT / "site_builder" / "theme")
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["jieba_dict_user"] == str(tmp_path / "generated" / "jieba-user-dict.txt")


@pytest.mark.slow
def test_a_failing_build_keeps_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(ROOT, site, date="2001-02-03")
    before = _files(site)
    assert "index.html" in before
    broken = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("  - 下载: downloads/index.md\n", "  - 下载: downloads/index.md\n  - 缺页: missing.md\n"),
                      encoding="utf-8")
    (tmp_path / "site_builder").symlink_to(ROOT / "site_builder")  # the theme overrides
    with pytest.raises(BuildError):
        build(ROOT, site, config=broken, date="2009-09-09")
    assert _files(site) == before
    assert not list(tmp_path.glob(".site-build-*"))


_RENDERING_CHILD = """
import json, sys, warnings
from pathlib import Path
import site_builder.generate as generation
from site_builder.form_page import SiteSettings
from validators.forking import threads

warnings.simplefilter("error", DeprecationWarning)  # Python 3.12+ warns of a fork beside threads
settings = SiteSettings(repo_url="https://github.com/example/registry")
out = Path(sys.argv[1])
alone = threads()
generation.generate(Path.cwd(), out / "one" / "docs", settings=settings, date="2001-02-03")
pools = []
real = generation.ProcessPoolExecutor
generation.ProcessPoolExecutor = lambda *args, **kwargs: pools.append(kwargs["mp_context"].get_start_method()) or real(*args, **kwargs)
generation.PARALLEL_MIN_REPORTS = 0
generation.generate(Path.cwd(), out / "two" / "docs", settings=settings, date="2001-02-03")
print(json.dumps({"threads": alone, "pools": pools}))
"""


def test_two_processes_render_what_one_does(tmp_path: Path) -> None:
    """In a fresh interpreter, as the command line renders: the test runner's process has an
    I/O thread of its own (invisible to `threading`), and a process with threads never forks."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _RENDERING_CHILD, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "fork" not in done.stderr
    assert json.loads(done.stdout) == {"threads": 1, "pools": ["fork"]}
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_a_process_with_other_threads_renders_without_forking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview generates inside a web server's process, where a fork could copy a lock
    another thread holds: it renders in its own process, and the same pages."""
    import site_builder.generate as generation

    generate(ROOT, tmp_path / "one" / "docs", settings=SETTINGS, date="2001-02-03")
    monkeypatch.setattr(generation, "PARALLEL_MIN_REPORTS", 0)
    monkeypatch.setattr(generation, "ProcessPoolExecutor", None)  # any use of it would fail
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        generate(ROOT, tmp_path / "two" / "docs", settings=SETTINGS, date="2001-02-03")
    finally:
        stop.set()
        other.join()
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


@pytest.mark.slow
def test_a_repository_without_submissions_builds(tmp_path: Path) -> None:
    (tmp_path / "repo" / "submissions").mkdir(parents=True)
    built = build(tmp_path / "repo", tmp_path / "site", date="2001-02-03")
    assert (built.site / "guideline" / "index.html").is_file()
    assert "还没有任何年度报告" in (built.site / "index.html").read_text(encoding="utf-8")


def test_a_clause_is_numbered_once_in_the_text(tmp_path: Path) -> None:
    """The guideline's words keep their own number (1. 市级学会…); the site's clause id is in its
    badge's attribute only, drawn by the stylesheet, so the text never reads 1.1. or 1.1 1."""
    import html

    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    page = (tmp_path / "docs" / "guideline" / "2017" / "index.md").read_text(encoding="utf-8")
    badges = re.findall(r'<a class="sb-clause__id" href="#([^"]+)"[^>]*data-clause="([^"]+)"></a>', page)
    assert [anchor for anchor, _ in badges] == [clause_anchor(c) for c in guideline_text(2017).clauses()]
    assert all(anchor == clause_anchor(clause) for anchor, clause in badges)
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "1. 市级学会" in shown
    assert "1.1. 市级学会" not in shown
    assert not re.search(r"\d\.\d+ ?\d[.、．]", shown)


def test_an_area_cap_is_traced_to_the_rubrics_cap(tmp_path: Path) -> None:
    """A cap's line cites no clause (the guideline sets no points): it links to its area's
    section of the rubric page, which states the cap; each area's anchor is there."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    page = (tmp_path / "docs" / "societies" / "cd-mech-eng" / "2017" / "index.md").read_text(encoding="utf-8")
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if "本领域上限" in row]
    assert len(rows) == 3
    anchors = [re.search(r'href="../../../rubric/#(rubric-2017-[a-z_]+)"[^>]*>细则：上限&nbsp;(\d+)&nbsp;分<', row)
               for row in rows]
    assert [(a[1], a[2]) for a in anchors if a] == [("rubric-2017-innovation", "20"),
                                                    ("rubric-2017-academic_events", "20"),
                                                    ("rubric-2017-major_work", "10")]
    rubric = (tmp_path / "docs" / "rubric" / "index.md").read_text(encoding="utf-8")
    for anchor, cap in (("rubric-2017-innovation", "20"), ("rubric-2017-major_work", "10")):
        assert re.search(rf"（上限 {cap} 分） {{#{anchor}}}", rubric), anchor


def test_tiers_sort_by_their_standing_and_first_years_are_not_called_untiered(tmp_path: Path) -> None:
    """Sorted as text, 档次 put 一档, 三档, 二档, 未入档; a station in its founding year, or a
    consortium the society only joined, showed 未入档 as if it had failed its tier."""
    from validators.year.rubric import rubric

    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    docs = tmp_path / "docs"
    ranking = (docs / "rankings" / "2017" / "index.md").read_text(encoding="utf-8")
    assert '<th class="sb-key" data-sort-method="number">档次</th>' in ranking
    points = rubric(2017, ROOT)
    assert points is not None
    order = [t.tier for t in points.tiers] + [points.unranked]
    shown = re.findall(r'<td data-sort="(-?\d+)"><span class="sb-whole">(一档|二档|三档|四档|未入档)</span></td>', ranking)
    assert len({tier for _, tier in shown}) >= 3
    by_key = [tier for _, tier in sorted(shown, key=lambda kv: -int(kv[0]))]
    assert by_key == sorted(by_key, key=order.index)
    stations = (docs / "areas" / "2017" / "service_stations" / "index.md").read_text(encoding="utf-8")
    consortia = (docs / "areas" / "2017" / "consortia" / "index.md").read_text(encoding="utf-8")
    assert "新建当年不分档" in stations
    assert "参与学会不分档" in consortia
    assert ">未入档<" not in stations


def test_a_society_page_says_its_open_objections_where_they_are_answered(tmp_path: Path) -> None:
    """The notice promises answers on the ranking and the society's pages: the society page's
    years table says how many are open and links to the report page's objections."""
    from validators.association.objections import ObjectionStatus
    from validators.check import check_tree

    _, repo = check_tree(ROOT)
    [(year, doc)] = [(y, d) for y, d in repo.objections.items() if d.usable()]
    [objection] = [o for o in doc.usable() if o.status is ObjectionStatus.OPEN]
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    docs = tmp_path / "docs" / "societies" / objection.society
    page = (docs / "index.md").read_text(encoding="utf-8")
    assert f'<a href="{year}/#y{year}-objections">异议受理中 1 条</a>' in page
    assert f"{{#y{year}-objections" in (docs / str(year) / "index.md").read_text(encoding="utf-8")
    others = [p for p in (tmp_path / "docs" / "societies").glob("*/index.md") if p.parent.name != objection.society]
    assert others
    assert not [p for p in others if "异议受理中" in p.read_text(encoding="utf-8")]


def test_a_final_years_open_objection_invites_no_correction() -> None:
    """A year frozen with an objection still open showed "受理中；允许学会在公示期内更正报告"
    under its final results: the notice is over, so the page says it was still open at finalize."""
    from site_builder.context import load
    from site_builder.phase import objections

    site = load(ROOT, SETTINGS, "2001-02-03")
    [(year, doc)] = [(y, d) for y, d in site.repo.objections.items() if d.usable()]
    [objection] = [o for o in doc.usable() if o.correction_allowed]
    page = f"societies/{objection.society}/{year}/"
    assert "允许学会在公示期内更正报告" in objections(site, page, year, objection.society)
    site.frozen[year] = next(iter(site.frozen.values()))  # the year as if finalized
    said = objections(site, page, year, objection.society)
    assert "本年度定稿时仍未答复" in said
    assert "允许学会在公示期内更正报告" not in said


def test_the_default_readings_follow_the_year_files(tmp_path: Path) -> None:
    """The rubric page's table of default readings quotes the year files, not Python literals:
    a tree whose 2018 window differs shows its own window."""
    import shutil

    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "submissions", tree / "submissions")
    own = tree / "validators" / "guidelines"
    own.mkdir(parents=True)
    shipped = (GUIDELINES_DIR / "2018.yaml").read_text("utf-8")
    assert "deadline: 2018-11-30" in shipped
    (own / "2018.yaml").write_text(shipped.replace("deadline: 2018-11-30", "deadline: 2018-12-15"), "utf-8")
    generate(tree, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    page = _visible((tmp_path / "docs" / "rubric" / "index.md").read_text("utf-8"))
    table = page[page.index("本项目对指南的默认解释"):page.index("2018 年度：2018年度")]
    assert "2018 年度为 2017-11-30（不含）至 2018-12-15（含）" in table
    assert "至少增加 2 项，或金额增长达到 30%" in table
    # The readings check applies across items and years are said where readers look for them.
    for reading in ("名称相同的服务站", "联合体的成员个数（条款 4.3 的分档）", "同一成果（条款 6）",
                    "别的学会往年用过的服务站名称只提示核查", "没有上一年度的报告"):
        assert reading in table, reading


def test_a_date_in_a_year_file_s_sentence_stays_on_one_line() -> None:
    """The rubric's evaluation window broke as 2017-/11-30 at a line's end: its dates are `day()`s."""
    said = dated_text("2017-11-30（不含）至 2018-11-30（含）<b>")
    assert said == (f"{day(dt.date(2017, 11, 30))}（不含）至 {day(dt.date(2018, 11, 30))}（含）"
                    + text("<b>"))
    assert dated_text("编号 12017-11-301") == text("编号 12017-11-301")


_TOTAL_ROW = re.compile(r"<tr><td>((?:(?!</tr>).)*合计(?:(?!</tr>).)*)</tr>")
# A year not final says so after the tier (tests/test_public_words.py).
_SCORE_LINE = re.compile(r'<p class="sb-score"[^>]*>总分 <strong>([\d.]+)</strong> 分，([^<。（]+)'
                         r'(?:（<span class="sb-phase-not-final"[^>]*>[^<]+</span>）)?。</p>')
_TIER_LINE = re.compile(r'<p class="sb-tier"[^>]*>(.*)</p>')


def test_a_report_s_total_row_adds_the_caps_and_the_tier_is_said_apart(tmp_path: Path) -> None:
    """“合计 73.5 | 二档” put the tier under the header 上限（分）: the row now sums the caps, and
    the tier, with the caps' sum and whether it makes a mark out of 100, is said below."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    pages = sorted((tmp_path / "docs" / "societies").glob("*/[0-9]*/index.md"))
    assert pages
    for page in pages:
        markdown = page.read_text(encoding="utf-8")
        year = int(page.parent.name)
        points, rules = rubric(year), guideline(year)
        assert points is not None
        assert rules is not None
        caps = sum(points.area(a.key).cap for a in rules.areas)
        score = _SCORE_LINE.search(markdown)
        assert score, page
        row = _TOTAL_ROW.search(markdown)
        assert row, page
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0))
        assert cells == ["<strong>合计</strong>", f"<strong>{score.group(1)}</strong>", f"<strong>{num(caps)}</strong>"]
        said = _TIER_LINE.search(markdown)
        assert said, page
        assert said.group(1).startswith(f"档次：<strong>{score.group(2)}</strong>（")
        assert f"各领域的上限合计 {num(caps)} 分" in said.group(1)
        assert ("多于 100 分" in said.group(1)) == (caps > 100)
    assert caps_said(100) == "各领域的上限合计 100 分。"
    assert "少于 100 分：总分是各领域得分之和" in caps_said(90)


_AREA_CELL = re.compile(r'<td data-label="领域"[^>]*>(.*?)</td>')


def test_an_evaluation_line_names_its_area(tmp_path: Path) -> None:
    """The lines' 领域 column showed a lone numeral (一) with the name on hover only: on a phone's
    card “领域：一” read like the “—” of an empty cell, and paper has no hover."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    seen = 0
    for page in sorted((tmp_path / "docs" / "societies").glob("*/[0-9]*/index.md")):
        rules = guideline(int(page.parent.name))
        assert rules is not None
        names = {f"{area_numeral(a.id)}、{text(a.title)}" for a in rules.areas}
        shown = _AREA_CELL.findall(page.read_text(encoding="utf-8"))
        assert set(shown) <= names, (page, set(shown) - names)
        seen += len(shown)
    assert seen > 50


def test_the_build_date_is_the_day_in_beijing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The footer's “数据更新于”, the home page and every phase read one date, Beijing's like the
    calendar's: at 16:40 UTC on 12-05 it is already 12-06 in Chengdu (the UTC date was shown)."""
    from site_builder.generate import build_date

    moment = dt.datetime(2026, 12, 5, 16, 40, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    assert build_date() == "2026-12-06"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.replace(hour=15, minute=59).timestamp())))
    assert build_date() == "2026-12-05"


def test_without_a_fixed_date_the_build_is_dated_by_beijing_whatever_the_server_s_zone() -> None:
    """On a machine twelve hours behind UTC the local date is Beijing's on at most four hours a day."""
    import os
    import subprocess
    import sys

    script = ("import datetime as dt; from site_builder.generate import build_date; z = dt.timezone(dt.timedelta(hours=8));"
              "a = dt.datetime.now(z).date(); d = build_date(); b = dt.datetime.now(z).date();"
              "print(d in (a.isoformat(), b.isoformat()), dt.date.today() not in (a, b))")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"TZ": "Etc/GMT+12"}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    beijing, local_differs = run.stdout.split()
    assert beijing == "True", (run.stdout, local_differs)


def test_a_final_years_rubric_says_the_clauses_its_frozen_lines_cite_otherwise(tmp_path: Path) -> None:
    """2017's frozen lines pay research under each report's 调研方向 (6.1–6.3), where the rubric
    file's rules cite 6: its section says so, and a year scored by today's code does not."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date="2001-02-03")
    page = (tmp_path / "docs" / "rubric" / "index.md").read_text("utf-8")
    said = "这是定稿时的程序所引的条款"
    final = _visible(page[page.index("{#rubric-2017-research}"):page.index("{#rubric-2017-major_work}")])
    assert "2017 年度的定稿结果中，这一部分有的得分写作条款 6.1、条款 6.2、条款 6.3" in final
    assert "本表按细则文件写作条款 6。" in final
    assert page.count(said) == 1


def test_the_preview_counts_the_files_it_checked_as_check_does(capsys: pytest.CaptureFixture[str]) -> None:
    """The preview said 检查了 43 个文件 where `check` said 44: it left out the frozen results."""
    from site_builder.context import load
    from validators.cli import main

    said: list[str] = []
    load(ROOT, SETTINGS, "2001-02-03", say=said.append)
    capsys.readouterr()
    main(["--root", str(ROOT), "check"])
    check = capsys.readouterr().out.strip().splitlines()[-1]
    counted = re.search(r"检查了 (\d+) 个文件", check)
    assert counted is not None
    assert said[0].startswith(f"检查了 {counted.group(1)} 个文件"), (said[0], check)
    assert (ROOT / "results").is_dir()  # the sample has a frozen year: the case that differed


@pytest.mark.parametrize(("date", "said"), [("2026-12-01", "公示中，尚未定稿"), ("2026-11-01", "核查中，尚未定稿"),
                                            ("2028-02-01", "公示已结束，结果尚未定稿")])
def test_a_society_pages_years_table_says_which_totals_are_not_final(tmp_path: Path, date: str, said: str) -> None:
    """2018's total (on notice) stood beside 2017's final one with nothing to tell them apart:
    the remarks say a year's phase until its results are frozen."""
    generate(ROOT, tmp_path / "docs", settings=SETTINGS, date=date)
    page = (tmp_path / "docs" / "societies" / "cd-mech-eng" / "index.md").read_text(encoding="utf-8")
    rows = {year: row for year, row in re.findall(r'<tr><td data-sort="(\d{4})">(.*?)</tr>', page)}
    assert said in rows["2018"]
    assert "尚未定稿" not in rows["2017"]  # frozen: final
