"""An objection still open is marked on the row of the item it names, in the report page's 报告内容
and 评估明细, linked to its own row in the objections table (a reader saw the note on top and could
not find which item was contested); an answered one marks nothing. The mark says that the objection
is not answered, what its subject says of the item, and that it leaves the item's points as they
are (a reader saw “有异议” alone and could tell none of it). The objections file's path is
on screen only: a printed report carries no repository paths (the sample data: cd-tcm's 2018
station is named by obj-2018-01, open)."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from site_builder import context
from site_builder.areas import render as area_page
from site_builder.form_page import SiteSettings
from site_builder.report_page import render as report_page
from tests.site_support import built_site, parse
from tests.trees import ROOT, base_tree
from validators.association.objection_items import disputed_words
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Evaluation

SOCIETY, YEAR, OBJECTION = "cd-tcm", 2018, "obj-2018-01"
NOTICE_DAY = dt.date(2026, 11, 26)  # the sample 2018's notice: only verified items earn
STATION = "item-service_stations-station-wenjiang-health"
TARGET = f"y{YEAR}-objection-{OBJECTION}"
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
MARK = re.compile(r'<span class="sb-contested">(.*?)</span>(?=</td>)', re.S)
HREF = re.compile(r'<a href="([^"]*)"')
CODE = re.compile(r"<code>(.*?)</code>", re.S)
TAGS = re.compile(r"<[^>]+>")
NO_PRINT = re.compile(r'<span class="sb-no-print">(.*?)</span>', re.S)
RECORD = f"<code>reviews/{YEAR}/objections.yaml</code>"
# The sample's mark: obj-2018-01's subject after the station's name, cut at DISPUTED_CHARS.
SAID = f"有异议（{OBJECTION}），受理中，尚未答复：“2018 年的活动次数与公开报道不一致…”"
WHILE_OPEN = "；答复前不影响本项得分"
# The mark on the item's lines in 评估明细 and on area pages: the link alone (the full one, some 60
# characters on each line, lengthened a phone's cards and the printed report).
BRIEF = f"有异议（{OBJECTION}）"


def _plain(markup: str) -> str:
    return html.unescape(TAGS.sub("", markup))


def _area_pages(site: Path, year: int = YEAR) -> dict[str, str]:
    return {p.parent.name: p.read_text("utf-8") for p in sorted((site / "areas" / str(year)).glob("*/index.html"))}


def _marked_rows(markup: str) -> list[str]:
    return [r for r in ROW.findall(markup) if 'class="sb-contested"' in r]


def _sections(page: str, anchor: str = 'id="{}"') -> tuple[str, str]:
    """The page's 报告内容 and 评估明细, each up to the next section (`anchor`: how a heading's id is
    written, in the HTML or in the generated Markdown)."""
    at = [page.index(anchor.format(name)) for name in ("report", "lines", "advice")]
    return page[at[0]:at[1]], page[at[1]:at[2]]


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_item_an_open_objection_names_is_marked_in_both_tables(builder: str) -> None:
    path = built_site(ROOT, builder) / "societies" / SOCIETY / str(YEAR) / "index.html"
    page = path.read_text("utf-8")
    report, lines = _sections(page)
    # 报告内容: the station's own row, and no other.
    [row] = _marked_rows(report)
    assert f'id="{STATION}"' in row
    # 评估明细: the station's two lines (市级学会服务站, 年度绩效三档), and no other.
    found = _marked_rows(lines)
    assert len(found) == 2
    assert all(_plain(r).startswith("温江中医药健康产业学会服务站") for r in found)
    for r in [row, *found]:
        [mark] = MARK.findall(r)
        assert _plain(mark) == (SAID + WHILE_OPEN if r == row else BRIEF)
        assert [_plain(c) for c in CODE.findall(mark)] == [OBJECTION]
        assert HREF.findall(mark) == [f"./#{TARGET}"]
    # The link leads to the objection's row in the page's objections table.
    assert TARGET in parse(path).ids
    objections = page[page.index(f'id="y{YEAR}-objections"'):page.index('id="report"')]
    [target_row] = [r for r in ROW.findall(objections) if f'id="{TARGET}"' in r]
    assert OBJECTION in _plain(target_row)
    # Marks are the report page's: no other report of the society carries one.
    other = built_site(ROOT, builder) / "societies" / SOCIETY / str(YEAR - 1) / "index.html"
    assert "sb-contested" not in other.read_text("utf-8")


def test_the_objections_file_is_named_on_screen_only() -> None:
    page = (built_site() / "societies" / SOCIETY / str(YEAR) / "index.html").read_text("utf-8")
    assert RECORD in page
    # Every mention of it sits in what print.css leaves off paper.
    assert page.count(RECORD) == sum(RECORD in s for s in NO_PRINT.findall(page))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_area_page_marks_the_item_as_its_report_page_does(builder: str) -> None:
    """A reader of 三、学会服务站建设 saw the station listed plain while its report's page said it
    was contested: the area page marks the same row as the report's 评估明细 does (有异议（id）),
    linked to the same row."""
    site = built_site(ROOT, builder)
    pages = _area_pages(site)
    # The station's own row, on its area's page only (the report marks no item of another area).
    assert {area: len(_marked_rows(page)) for area, page in pages.items() if _marked_rows(page)} == {"service_stations": 1}
    [row] = _marked_rows(pages["service_stations"])
    assert 'data-item="station-wenjiang-health"' in row
    assert _plain(row).startswith("成都市中医药学会（示例）温江中医药健康产业学会服务站 ")
    [mark] = MARK.findall(row)
    assert _plain(mark) == BRIEF
    assert [_plain(c) for c in CODE.findall(mark)] == [OBJECTION]
    assert HREF.findall(mark) == [f"../../../societies/{SOCIETY}/{YEAR}/#{TARGET}"]
    assert TARGET in parse(site / "societies" / SOCIETY / str(YEAR) / "index.html").ids
    # No other year's area pages carry one.
    assert not any("sb-contested" in page for page in _area_pages(site, YEAR - 1).values())


MARKDOWN_ANCHOR = "{{#{} "


def _render(root: Path) -> str:
    site = context.load(root, SiteSettings(repo_url="https://github.com/example/r"), "2026-12-07")
    return report_page(site, site.repo.reports[(SOCIETY, YEAR)])


def _area_render(root: Path, area: str, year: int = YEAR) -> str:
    site = context.load(root, SiteSettings(repo_url="https://github.com/example/r"), "2026-12-07")
    return area_page(site, year, area)


def test_an_answered_objection_marks_nothing(tmp_path: Path) -> None:
    """Its answer is in the objections table; the item is no longer contested."""
    root = base_tree(tmp_path / "tree")
    file = root / "reviews" / str(YEAR) / "objections.yaml"
    written = file.read_text("utf-8")
    answered = written.replace("    status: 受理中\n    correction_allowed: true\n",
                               "    status: 已答复\n    answer: 已核实，活动次数无误。\n    answered: 2026-11-25\n")
    assert answered != written
    file.write_text(answered, "utf-8")
    page = _render(root)
    assert "已核实，活动次数无误。" in page  # the objection is read, answered
    assert "sb-contested" not in page
    assert f'id="{TARGET}"' in page  # its row keeps its anchor
    assert "sb-contested" not in _area_render(root, "service_stations")


def test_two_open_objections_on_one_item_are_each_marked(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    file = root / "reviews" / str(YEAR) / "objections.yaml"
    written = file.read_text("utf-8")
    file.write_text(written + ("  - id: obj-2018-02\n    society: cd-tcm\n    filed: 2026-11-21\n"
                               "    subject: 温江中医药健康产业学会服务站的服务企业数有误。\n    status: 受理中\n"), "utf-8")
    report, lines = _sections(_render(root), MARKDOWN_ANCHOR)
    assert [len(_marked_rows(s)) for s in (report, lines)] == [1, 2]
    for section, said in ((report, f"{SAID}；有异议（obj-2018-02），受理中，尚未答复：“服务企业数有误”{WHILE_OPEN}"),
                          (lines, f"{BRIEF}、有异议（obj-2018-02）")):
        for r in _marked_rows(section):
            [mark] = MARK.findall(r)
            assert _plain(mark) == said
            assert HREF.findall(mark) == [f"./#{TARGET}", f"./#y{YEAR}-objection-obj-2018-02"]


FINAL_MARK = "有异议（obj-2017-01），定稿时仍未答复：“参会人数有误”；不影响定稿得分"


def test_an_objection_still_open_when_its_year_was_finalized_stays_marked(tmp_path: Path) -> None:
    """The objections table says it stayed unanswered (本年度定稿时仍未答复): so does its item's row."""
    root = base_tree(tmp_path / "tree")
    (root / "reviews" / "2017" / "objections.yaml").write_text(
        "year: 2017\nobjections:\n  - id: obj-2017-01\n    society: cd-tcm\n    filed: 2018-01-10\n"
        "    subject: “2017年成都中医药学术年会”的参会人数有误。\n    status: 受理中\n", "utf-8")
    site = context.load(root, SiteSettings(repo_url="https://github.com/example/r"), "2026-12-07")
    assert 2017 in site.frozen
    page = report_page(site, site.repo.reports[(SOCIETY, 2017)])
    assert "本年度定稿时仍未答复" in page
    report, lines = _sections(page, MARKDOWN_ANCHOR)
    assert [len(_marked_rows(s)) for s in (report, lines)] == [1, 1]
    [mark] = MARK.findall(_marked_rows(report)[0])
    assert _plain(mark) == FINAL_MARK
    assert HREF.findall(mark) == ["./#y2017-objection-obj-2017-01"]
    [mark] = MARK.findall(_marked_rows(lines)[0])
    assert _plain(mark) == "有异议（obj-2017-01）"
    # Its area page marks the event too, linked to the report page's row.
    [row] = _marked_rows(_area_render(root, "academic_events", 2017))
    [mark] = MARK.findall(row)
    assert _plain(mark) == "有异议（obj-2017-01）"
    assert HREF.findall(mark) == [f"../../../societies/{SOCIETY}/2017/#y2017-objection-obj-2017-01"]


HOSTILE = "温江中医药健康产业学会服务站的<b>服务</b>&企业数<script>x</script>有误。请核实。"


def test_the_mark_escapes_what_the_subject_says(tmp_path: Path) -> None:
    """The subject is the association's summary of what anyone filed: its words after the item's
    name are shown as typed, cut, and interpreted as nothing."""
    root = base_tree(tmp_path / "tree")
    file = root / "reviews" / str(YEAR) / "objections.yaml"
    written = file.read_text("utf-8")
    hostile = written.replace("    subject: 温江中医药健康产业学会服务站 2018 年的活动次数与公开报道不一致，请核实。\n",
                              f"    subject: '{HOSTILE}'\n")
    assert hostile != written
    file.write_text(hostile, "utf-8")
    # The full mark, at the item's row in 报告内容; the brief ones quote nothing.
    report, lines = _sections(_render(root), MARKDOWN_ANCHOR)
    [mark] = [m for r in _marked_rows(report) for m in MARK.findall(r)]
    assert _plain(mark) == f"有异议（{OBJECTION}），受理中，尚未答复：“<b>服务</b>&企业数<scrip…”" + WHILE_OPEN
    assert "<b>" not in mark
    assert "<script" not in mark
    assert "&#60;b&#62;服务&#60;&#47;b&#62;&#38;企业数&#60;scrip…" in mark
    brief = [m for page in (lines, _area_render(root, "service_stations")) for r in _marked_rows(page)
             for m in MARK.findall(r)]
    assert len(brief) == 3
    assert all(_plain(m) == BRIEF for m in brief)


@pytest.mark.parametrize(("subject", "said"), [
    ("“温江站”的服务企业数有误。请核实。", "服务企业数有误"),  # after the quoted name and 的
    ("温江站：活动次数有误", "活动次数有误"),
    ("据报道，温江站只开展了两次活动", "只开展了两次活动"),
    ("温江站。", "温江站"),  # nothing after the name: the subject's first sentence
    ("请核实“温 江站”的人数", "请核实‘温 江站’的人数"),  # the name not as the report writes it; inner quotes
    ("温江站" + "的活动" * 10, "活动的活动的活动的活动的活动的活动的活…"),  # cut at 20
])
def test_disputed_words(subject: str, said: str) -> None:
    assert disputed_words(subject, "温江站", 20) == said
    assert len(disputed_words(subject, "温江站", 20)) <= 20


@pytest.mark.parametrize(("subject", "title", "said"), [
    # The name listed with another item's: what follows is said of both, and names the other.
    ("学术年会A、学术年会B均无照片", "学术年会A", "学术年会A、学术年会B均无照片"),
    ("学术年会A和学术年会B均无照片。请核实", "学术年会A", "学术年会A和学术年会B均无照片"),
    ("“学术年会A”“学术年会B”均无照片", "学术年会A", "‘学术年会A’‘学术年会B’均无照片"),
    ("学术年会A、学术年会B均无照片", "学术年会B", "均无照片"),
    # The subject only the quoted name: the name, not quoted twice.
    ("“学术年会A”", "学术年会A", "学术年会A"),
    ("“学术年会A”。", "学术年会A", "学术年会A"),
    # A later sentence is not what the subject says of the item.
    ("学术年会A。另：学术年会B无照片", "学术年会A", "学术年会A"),
    # Quotation marks in the words quoted become inner ones.
    ("学术年会A的“参会人数”有误", "学术年会A", "‘参会人数’有误"),
    ('学术年会A的"参会人数"有误', "学术年会A", "‘参会人数’有误"),
])
def test_disputed_words_of_items_named_together(subject: str, title: str, said: str) -> None:
    """The mark quotes what the subject says of its own item, never words about another item, and
    quotes it once (the mark's “” hold no “” of their own)."""
    words = disputed_words(subject, title, 20, ["学术年会A", "学术年会B"])
    assert words == said
    assert "“" not in words
    assert "”" not in words


def test_an_open_objection_leaves_the_points_as_they_are(tmp_path: Path) -> None:
    """What the mark says of the points (答复前不影响本项得分) is what `evaluate` does: the
    report's evaluation is the same with its objection open, answered, or never filed."""
    root = base_tree(tmp_path / "tree")
    file = root / "reviews" / str(YEAR) / "objections.yaml"
    written = file.read_text("utf-8")

    def evaluation() -> Evaluation:
        _, repo = check_tree(root)
        [e] = [e for e in evaluate_repository(repo, YEAR, as_of=NOTICE_DAY) if e.society == SOCIETY]
        return e

    still_open = evaluation()
    assert [x.points for x in still_open.lines if x.item_id == "station-wenjiang-health"]
    file.write_text(written.replace("status: 受理中", "status: 已答复\n    answer: 已核实。\n    answered: 2026-11-25"), "utf-8")
    answered = evaluation()
    file.unlink()
    assert still_open == answered == evaluation()
