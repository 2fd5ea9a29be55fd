"""Every year keeps its own words: each year's guideline page shows the text that year is judged
by, and every clause link cites the page of its own year, so a new year's text changes nothing
that an earlier year's report links to.

The trees are the sample submissions; the later ones add the year after the last one the
repository has (2019, until a 2019 is shipped) with a text of its own in which clause 5.1 asks
for 150 people instead of 100, first before any report of that year (the association publishes
the guideline), then with one.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.context import load
from site_builder.form_page import SiteSettings
from site_builder.generate import generate, write_site
from tests.trees import BASE_YEARS, NEW_YEAR, ROOT, base_tree
from validators.year.files import YearFileError, available_years
from validators.year.guideline import GUIDELINES_DIR, guideline
from validators.year.rubric import rubric
from validators.year.scaffold import guideline_file, rubric_file

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")
YEARS = BASE_YEARS  # the sample years; the tests add the year after them
LAST = YEARS[-1]
NEW = NEW_YEAR
# The sample society's report of the last base year, which the new year's report is copied from.
REPORTED = LAST
DATE = f"{NEW}-12-01"
OLD_5_1, NEW_5_1 = "参与规模不少于100人，并制作", "参与规模不少于150人，并制作"
CLAUSE_2_1 = "1.支持首批承能试点学会，重点支持试点学会新增转移职能（委托工作）。\n"
HREF = re.compile(r'href="([^"]*)"')
PICKER = re.compile(r'^<nav class="sb-years".*</nav>\n', re.M)
WORKBOOKS = re.compile(r"^## 填报用的空白工作簿.*?(?=^## )", re.S | re.M)
NEW_SCHEMA_ROW = re.compile(rf'<tr><td data-label="文件" data-sort="schema/submission-{NEW}\.schema\.json">.*?</tr>')
TERMS = re.compile(r'^<details class="sb-terms".*</details>\n', re.M)
TITLE_2017 = "2017年学会重点工作指南"


def _new_guideline() -> str:
    """The new year as `new-year` writes it, under a title and source of its own."""
    last = guideline(LAST)
    assert last is not None
    first = guideline(available_years()[0])
    assert first is not None
    text = guideline_file(NEW, last, LAST, TITLE_2017, first)
    text = re.sub(r"^title: .*$", f"title: {NEW}年学会重点工作指南\nsource: 成都市科协《{NEW}年学会重点工作指南》（示例）",
                  text, count=1, flags=re.M)
    # The criterion follows the text's 150 (a year file that disagrees with its text is not published).
    return text + "kinds:\n  event_categories:\n    edit:\n      annual_conference: {criteria: {min_participants: 150}}\n"


def _tree(base: Path, *, new_year: bool = False, new_report: bool = False, without_2_1: bool = False) -> Path:
    base_tree(base, ("submissions",))
    if new_year:
        guidelines, rubrics = base / "validators" / "guidelines", base / "validators" / "rubrics"
        (guidelines / f"{NEW}.yaml").write_text(_new_guideline(), "utf-8")
        points = rubric(LAST)
        assert points is not None
        # The statement retitled, as new-year's comment asks once the text's title changes.
        scaffold = rubric_file(NEW, points.id, LAST, points.statement, TITLE_2017)
        assert "# statement: " in scaffold
        (rubrics / f"{NEW}.yaml").write_text(scaffold.replace("# statement: ", "statement: "), "utf-8")
        text = (GUIDELINES_DIR / "2017.txt").read_text("utf-8")
        assert text.count(TITLE_2017) == text.count(OLD_5_1) == text.count(CLAUSE_2_1) == 1
        text = text.replace(TITLE_2017, f"{NEW}年学会重点工作指南").replace(OLD_5_1, NEW_5_1)
        (guidelines / f"{NEW}.txt").write_text(text.replace(CLAUSE_2_1, "") if without_2_1 else text, "utf-8")
    if new_report:
        # cd-computer's latest report, moved to the new year
        report = (ROOT / "submissions" / "cd-computer" / f"{REPORTED}.yaml").read_text("utf-8")
        for old, new in ((f"year: {REPORTED}", f"year: {NEW}"), (f"{REPORTED}-", f"{NEW}-"),
                         (f"/{REPORTED}/", f"/{NEW}/"), (f"{REPORTED}年", f"{NEW}年")):
            assert old in report
            report = report.replace(old, new)
        (base / "submissions" / "cd-computer" / f"{NEW}.yaml").write_text(report, "utf-8")
    return base


def _docs(tree: Path) -> Path:
    generate(tree, tree / "generated" / "docs", settings=SETTINGS, date=DATE)
    return tree / "generated" / "docs"


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _docs(_tree(tmp_path_factory.mktemp("before")))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new year's guideline is out; no society has reported for it yet."""
    return _docs(_tree(tmp_path_factory.mktemp("published"), new_year=True))


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _docs(_tree(tmp_path_factory.mktemp("reported"), new_year=True, new_report=True))


def _pages(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in sorted(docs.rglob("*.md"))}


def _report_pages(docs: Path, year: int) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text("utf-8")
            for p in sorted(docs.glob(f"societies/*/{year}/index.md"))}


def _guideline_targets(page: str, markdown: str) -> set[str]:
    """The guideline pages (as page sources, with their anchors) a generated page links to."""
    found = set()
    for href in HREF.findall(markdown):
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target == "guideline" or target.startswith("guideline/"):
            found.add(f"{target}/#{anchor}" if anchor else f"{target}/")
    return found


def test_a_new_year_s_guideline_changes_no_page_of_the_earlier_years(before: Path, published: Path) -> None:
    """Published before any report of the new year: every page but the guideline's, and the
    cycle's (the new year is open for filing on DATE: its row on the home page, its status page),
    is byte for byte the same, and the earlier years' guideline pages differ only in the picker,
    which now names the new year."""
    old, new = _pages(before), _pages(published)
    assert new.keys() - old.keys() == {f"guideline/{NEW}/index.md", f"status/{NEW}/index.md"}
    changed = {name for name in old if old[name] != new[name]}
    # The downloads page offers the new year's blank workbook and schema, and changes in nothing
    # else; the rubric page shows the new year's rubric (open for filing, its points must be
    # seen), the earlier years' sections as they were.
    assert changed == {"guideline/index.md", "downloads/index.md", "index.md", "status/index.md",
                       "rubric/index.md",
                       *(f"guideline/{year}/index.md" for year in YEARS),
                       *(f"status/{year}/index.md" for year in YEARS)}
    earlier = f"{{#rubric-{LAST}}}"
    assert f"{{#rubric-{NEW}}}" in new["rubric/index.md"]
    assert new["rubric/index.md"][new["rubric/index.md"].index(earlier):] == \
        old["rubric/index.md"][old["rubric/index.md"].index(earlier):]
    # The cycle's pages: the new year's row on the home page and the status index, and its name
    # in the status pages' choice of year; nothing else of theirs.
    row = re.compile(rf"<tr><td[^>]*><a [^>]*>{NEW} 年度</a>.*?</tr>")
    assert row.sub("", new["index.md"]) == old["index.md"]
    assert row.sub("", new["status/index.md"]) == old["status/index.md"]
    choice = re.compile(r"^选择年度：.*$", re.M)
    for year in YEARS:
        name = f"status/{year}/index.md"
        assert choice.sub("", new[name]) == choice.sub("", old[name])
    assert f"{NEW}-blank.xlsx" in new["downloads/index.md"]
    assert NEW_SCHEMA_ROW.search(new["downloads/index.md"])
    assert WORKBOOKS.sub("", old["downloads/index.md"]) == NEW_SCHEMA_ROW.sub("", WORKBOOKS.sub("", new["downloads/index.md"]))
    for year in YEARS:
        name = f"guideline/{year}/index.md"
        assert PICKER.sub("", old[name]) == PICKER.sub("", new[name])
        assert f"{NEW} 年度" not in PICKER.sub("", new[name])
        assert f'<a href="../{NEW}/">{NEW} 年度</a>' in PICKER.search(new[name]).group(0)  # type: ignore[union-attr]


def test_each_year_s_page_shows_its_own_words(published: Path) -> None:
    pages = {year: (published / "guideline" / str(year) / "index.md").read_text("utf-8")
             for year in (*YEARS, NEW)}
    assert NEW_5_1 in pages[NEW]
    assert OLD_5_1 not in pages[NEW]
    for year in YEARS:
        assert OLD_5_1 in pages[year]
        assert NEW_5_1 not in pages[year]
        assert "150人" not in pages[year]
    assert f"# {NEW}年学会重点工作指南 {{#top}}" in pages[NEW]
    assert f'!!! note "{NEW} 年度的工作指南"' in pages[NEW]
    assert (f"本页逐字发布 {NEW} 年度自己的指南原文；原文出处：成都市科协《{NEW}年学会重点工作指南》（示例）。"
            in pages[NEW])
    for year, page in pages.items():
        assert 'id="clause-5-1"' in page
        assert "{#area-5}" in page
        # the picker: every year, this one marked as the current page and not a link
        picker = PICKER.search(page)
        assert picker is not None
        assert picker.group(0).count('aria-current="page"') == 1
        assert f'<strong aria-current="page">{year} 年度</strong>' in picker.group(0)
        assert {f"{y} 年度" for y in (*YEARS, NEW) if y != year} == set(
            re.findall(r'<a href="\.\./\d{4}/">(\d{4} 年度)</a>', picker.group(0)))


def test_a_year_that_carries_a_text_forward_says_whose_it_is(published: Path) -> None:
    page = (published / "guideline" / "2018" / "index.md").read_text("utf-8")
    # said before the text, whose title is the other year's
    assert page.index('!!! note "2018 年度沿用《2017年学会重点工作指南》"') < page.index("# 2017年学会重点工作指南")
    assert "本页逐字发布它沿用的原文，与[2017 年度](../2017/index.md)的指南相同" in page
    # its words are found on the page of the year whose text it is: one search result, not two
    assert "search:\n  exclude: true" in page.split("---")[1]
    assert "search:" not in (published / "guideline" / "2017" / "index.md").read_text("utf-8").split("---")[1]


def test_the_landing_page_lists_the_years_newest_first(published: Path) -> None:
    page = (published / "guideline" / "index.md").read_text("utf-8")
    assert page.index(f"[查看最新的 {NEW} 年度工作指南]({NEW}/index.md)") < page.index("<table")
    rows = re.findall(r'<tr><td data-sort="(\d{4})"><a href="(\d{4})/">\d{4} 年度</a></td><td>([^<]*)</td>'
                      r"<td>([^<]*)</td></tr>", page)
    assert [int(r[0]) for r in rows] == [NEW, *reversed(YEARS)]
    assert rows[0] == (str(NEW), str(NEW), f"{NEW}年学会重点工作指南", "本年度的原文")
    assert ("2018", "2018", "2018年度评估（沿用2017年学会重点工作指南）",
            "沿用《2017年学会重点工作指南》（2017 年度的原文）") in rows
    assert rows[-1] == ("2017", "2017", "2017年学会重点工作指南", "本年度的原文")


def test_every_clause_link_cites_its_own_year_s_page(before: Path, reported: Path) -> None:
    for year in (2017, REPORTED, NEW):
        pages = _report_pages(reported, year)
        assert pages, year
        for name, markdown in pages.items():
            targets = _guideline_targets(name, markdown)
            assert targets, name
            assert {t.partition("#")[0] for t in targets} == {f"guideline/{year}/"}, name
    # the earlier years' reports are those of a site without the new year: 2017's byte for
    # byte, the latest reported year's apart from the search terms, which only the newest
    # year's reports put in the index
    assert _report_pages(reported, 2017) == _report_pages(before, 2017)
    assert ({k: TERMS.sub("", v) for k, v in _report_pages(reported, REPORTED).items()}
            == {k: TERMS.sub("", v) for k, v in _report_pages(before, REPORTED).items()})
    # the new year's report cites the wording it is judged by
    report = (reported / "societies" / "cd-computer" / str(NEW) / "index.md").read_text("utf-8")
    assert f"guideline/{NEW}/#clause-5-1" in report


def test_the_rubric_and_the_area_pages_cite_their_year_s_page(reported: Path) -> None:
    rubric_page = (reported / "rubric" / "index.md").read_text("utf-8")
    sections = re.split(r"^## (\d{4}) 年度：", rubric_page, flags=re.M)
    by_year = dict(zip(sections[1::2], sections[2::2], strict=True))
    assert set(by_year) == {"2017", str(REPORTED), str(NEW)}
    for year, section in by_year.items():
        targets = {t.partition("#")[0] for t in _guideline_targets("rubric/index.md", section)}
        assert targets == {f"guideline/{year}/"}, year
    for year in (2017, REPORTED, NEW):
        page = f"areas/{year}/academic_events/index.md"
        assert _guideline_targets(page, (reported / page).read_text("utf-8")) == {f"guideline/{year}/#area-5"}


@pytest.mark.slow
def test_a_clause_the_year_s_text_lacks_is_never_linked(tmp_path: Path) -> None:
    """The new year's text drops clause 2.1, which the rubric still cites (the check calls that an
    error of the year file): no site is built from it; the preview, which shows such a year
    while staff fix it, names the clause in plain words and never links to an anchor its year's
    page lacks."""
    tree = _tree(tmp_path / "tree", new_year=True, new_report=True, without_2_1=True)
    with pytest.raises(YearFileError, match=r"rubrics/2019\.yaml"):
        build(tree, tmp_path / "site", date=DATE)
    assert not (tmp_path / "site").exists()
    docs = tmp_path / "docs"
    write_site(load(tree, SETTINGS, DATE), docs)
    pages = [p.read_text("utf-8") for p in docs.rglob("*.md")]
    assert not [p for p in pages if f"{NEW}/#clause-2-1" in p]
    assert any(f"{NEW}/#clause-2-2" in p for p in pages)
