"""Every point traced to the rule that set it: a reader of cd-mech-eng's 2018 report found the line
“伺服电机控制算法研发指导 | 2 | 在郫都区开展有成效的服务（每项）… | 条款 1.3” linked to the guideline's
clause alone, which says nothing about points; the “2 分一项，最多 3 项” was only on the rubric page,
under no anchor. Each rule of the rubric page now has its row's anchor, and each line names its
rule in words made from the rubric file, linked to that row. Printed, a “原文” says its file and
line; the running header's words are the page's, escaped as a CSS string."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder import context
from site_builder.context import SOURCE_BREAK, source_at
from site_builder.form_page import site_settings
from site_builder.generate import generate
from site_builder.markup import clause_anchor, css_string
from site_builder.report_page import RUNNING_HEAD, running_head
from site_builder.rubric_rows import (
    EXPERT_MARK,
    UNPAID,
    WORD_SPACE,
    line_rule,
    rule_link,
    rule_words,
)
from tests.test_results import AFTER_2017_FINAL, _git, _run, case_tree
from tests.trees import ROOT
from validators.evaluation.score_lines import CAP_RULE, ERROR_RULE, REVIEW_RULE, ScoreLine
from validators.year.rubric import COMBINE_WORDS, reread_rubrics, rubric

SOCIETY, YEAR = "cd-mech-eng", 2018
_IDS = re.compile(r'\bid="([^"]+)"|\{#([^\s}]+)')
_RULE_LINKS = re.compile(r'<a href="([^"]*)" class="sb-rule-ref">([^<]*)</a>')
_SOURCE_TAGS = re.compile(r'<a [^>]*class="sb-src"[^>]*>')
_LINE = re.compile(r'href="([^"#]*)#L(\d+)"')
_AT = re.compile(r'data-at="([^"]*)"')
_ESCAPE = re.compile(r"\\([0-9a-f]{6})")


def _sources(markdown: str) -> list[tuple[str, str, str]]:
    """Each “原文” link to a line (its file's address and its #L) and what it prints (data-at); a link to a
    whole file (the report's own, in the page's top line) is left out."""
    found = []
    for tag in _SOURCE_TAGS.findall(markdown):
        line, at = _LINE.search(tag), _AT.search(tag)
        if line is None:
            continue
        assert at is not None, tag
        found.append((line.group(1), line.group(2), at.group(1)))
    return found


def _ids(markdown: str) -> set[str]:
    """The anchors of a generated page: raw HTML ids and Markdown headings' `{#id}`."""
    return {a or b for a, b in _IDS.findall(markdown)}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rubric-rows") / "docs"
    generate(ROOT, folder, settings=site_settings(), date="2000-01-01")
    return folder


@pytest.fixture(scope="module")
def site() -> context.SiteData:
    return context.load(ROOT, site_settings(), "2000-01-01")


def _report(docs: Path, society: str = SOCIETY, year: int = YEAR) -> str:
    return (docs / "societies" / society / str(year) / "index.md").read_text("utf-8")


def test_the_reviewers_line_names_its_rule_in_words_linked_to_its_rubric_row(docs: Path) -> None:
    rule = rubric(YEAR).innovation.pilot_district_service  # type: ignore[union-attr]
    assert rule is not None
    assert rule.max_count is not None
    page = _report(docs)
    row = next(r for r in page.split("<tr>") if "伺服电机控制算法研发指导" in r and rule.label in r)
    [(href, words)] = _RULE_LINKS.findall(row)
    # Words from the rubric file: its points and its cap on the count, not a literal.
    # A number never apart from its unit: a narrow printed 依据 broke “最多 6” above “项”.
    assert words == f"细则：{rule_words(rule)}".replace(" ", WORD_SPACE)
    assert f"{rule.points:g}{WORD_SPACE}分" in words.replace("&#46;", ".")
    assert f"最多{WORD_SPACE}{rule.max_count}{WORD_SPACE}项" in words
    path, anchor = href.split("#")
    assert path == "../../../rubric/"
    assert anchor == f"rubric-{YEAR}-innovation-pilot_district_service"
    rubric_page = (docs / "rubric" / "index.md").read_text("utf-8")
    assert anchor in _ids(rubric_page)
    # The clause stays beside it.
    assert f'/guideline/{YEAR}/#{clause_anchor(rule.clause)}" class="sb-clause-ref"' in row


def test_every_report_s_rule_links_land_on_a_row_of_the_rubric_page(docs: Path) -> None:
    ids = _ids((docs / "rubric" / "index.md").read_text("utf-8"))
    seen = 0
    for page in (docs / "societies").glob("*/*/index.md"):
        for href, _ in _RULE_LINKS.findall(page.read_text("utf-8")):
            assert href.split("#")[1] in ids, (page, href)
            seen += 1
    assert seen > 50


def test_every_paid_line_of_every_evaluation_names_its_rule(site: context.SiteData) -> None:
    """Each line with points, but for the cap's (the area's cap link says it), is set by a rule
    the year's rubric names, said in words; a frozen year's lines as well."""
    paid = 0
    for e in site.evaluations:
        for line in e.lines:
            if not line.points or line.rule in (CAP_RULE, ERROR_RULE, REVIEW_RULE):
                continue
            found = line_rule(site.rubric(e.year), e.year, line)
            assert found is not None, (e.society, e.year, line)
            assert found.words, (e.society, e.year, line)
            paid += 1
    assert paid > 100
    assert {e.year for e in site.evaluations} >= {2017, 2018}


def test_a_frozen_line_the_current_rubric_no_longer_pays_is_not_said_in_its_words(site: context.SiteData) -> None:
    """A final year's line whose points the current rubric file no longer gives (changed after
    finalize): its rule's present words would contradict the line's points."""
    from dataclasses import replace

    e = next(e for e in site.evaluations if e.society == SOCIETY and e.year == YEAR)
    line = next(x for x in e.lines if x.rule == "pilot_district_service" and x.points)
    assert line_rule(site.rubric(YEAR), YEAR, line) is not None
    assert line_rule(site.rubric(YEAR), YEAR, replace(line, points=line.points + 7)) is None


def test_a_final_year_s_rubric_file_changed_after_finalize_links_its_rows_without_words(tmp_path: Path) -> None:
    """2017 finalized, then its rubric's 党建 row raised from at most 1 item to at most 3: the
    frozen 2 points still match, but “最多 3 项” beside the frozen line is not the rule that scored
    it. Its row is linked as “细则” alone; with the file put back, in words again. A results file
    that recorded no rubric file digests (the shipped results/2017.json) keeps the words."""
    tree = case_tree(tmp_path)
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "data")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    rubric_file = tree / "validators/rubrics/2017.yaml"
    shipped = rubric_file.read_text("utf-8")
    party = "党建: {clause: \"7.3\", points: 2, max_count: 1,"
    assert shipped.count(party) == 1

    def party_link() -> str:
        reread_rubrics()  # the file is edited within this process
        site = context.load(tree, site_settings(), AFTER_2017_FINAL)
        e = site.evaluation("cd-case", 2017)
        assert e is not None
        [line] = [x for x in e.lines if x.points and x.note.startswith("学会党建工作：")]
        return rule_link(site, "societies/cd-case/2017/index.md", 2017, line)

    assert ">细则：每项 2 分，最多 1 项</a>" in party_link().replace(WORD_SPACE, " ")
    rubric_file.write_text(shipped.replace(party, party.replace("max_count: 1", "max_count: 3")), "utf-8")
    changed = party_link()
    assert changed.endswith(">细则</a>"), changed
    assert "#rubric-2017-" in changed
    results = tree / "results/2017.json"
    recorded = json.loads(results.read_text("utf-8"))
    del recorded["rubric_file_sha256"]
    results.write_text(json.dumps(recorded, ensure_ascii=False, indent=2), "utf-8")
    assert ">细则：每项 2 分，最多 3 项</a>" in party_link().replace(WORD_SPACE, " ")


def test_a_line_that_earned_nothing_says_its_rule_s_points_are_the_rule_s(site: context.SiteData) -> None:
    """The sample's pilot lines “市科协尚未公布本年度名单，不计分” showed “细则：2 分”, its growth lines
    not met “3 分”, its expert_rate lines under 50% “4 分”: a reader took the points for the line's.
    Each line at 0 that names its rule's points says it earned none of them."""
    unpaid: set[str] = set()
    for e in site.evaluations:
        for line in e.lines:
            found = line_rule(site.rubric(e.year), e.year, line)
            if found is None or not found.words or line.rule == EXPERT_MARK:
                continue
            if line.points:
                assert UNPAID not in found.words, (e.society, e.year, line)
            else:
                assert found.words.endswith(UNPAID), (e.society, e.year, line)
                unpaid.add(line.rule)
    assert {"pilot", "growth", "expert_rate"} <= unpaid


def test_a_printed_source_says_its_line(docs: Path) -> None:
    """Each “原文” to a line carries what paper prints in its place: a line of the report the page
    shows, its number (the page says once, printed only, that the numbers are the report file's);
    a line of another file, that file's name too."""
    page = _report(docs)
    found = _sources(page)
    assert len(found) > 20
    own = f"/submissions/{SOCIETY}/{YEAR}.yaml"
    for file, line, at in found:
        assert at == (f"{line}\u00a0行" if file.endswith(own) else f"{file.rsplit('/', 1)[1]}:{SOURCE_BREAK}{line}"), (file, at)
    assert {file for file, _, _ in found} == {f"https://github.com/cdast/society-registry/blob/main{own}"}
    assert '<span class="sb-print-only">；表中“原文”是报告文件的行号</span>' in page


def test_a_printed_source_of_another_file_names_it() -> None:
    assert source_at(f"reviews/{YEAR}/{SOCIETY}.yaml", 5) == f"{SOCIETY}.yaml:{SOURCE_BREAK}5"
    assert source_at(f"submissions/{SOCIETY}/{YEAR}.yaml", 41, own=True) == "41\u00a0行"


def test_the_area_link_before_each_table_is_left_out_of_print(docs: Path) -> None:
    """“（2 项，全部学会的同类项目）：”: on paper the link's words point nowhere."""
    page = _report(docs)
    leads = re.findall(r"<p>[^<]*（\d+ 项(.*?)）：</p>", page)
    assert leads
    assert all(lead.startswith('<span class="sb-no-print">，<a ') and lead.endswith("</a></span>") for lead in leads), leads


@pytest.mark.parametrize("name", ['成都"市\\学会</style><script>x</script>', "a\nb\u2028c;}", "（示例）"])
def test_the_running_header_s_words_stay_one_css_string(name: str) -> None:
    said = running_head(name)
    value = said.removeprefix(f"<style>:root {{ {RUNNING_HEAD}: ").removesuffix("; }</style>\n")
    assert value == css_string(name)
    inside = value[1:-1]
    assert value[0] == value[-1] == '"'
    assert not set(inside) & set("\"'<>;{}\n\u2028")
    assert said.count("</") == 1  # its own </style> alone
    assert _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), inside) == name


def test_the_report_page_sets_its_running_header(docs: Path, site: context.SiteData) -> None:
    page = _report(docs)
    assert running_head(f"{site.name(SOCIETY)} {YEAR} 年度报告") in page


def test_an_expert_mark_s_line_links_to_its_criterion_s_row(docs: Path) -> None:
    """An expert's mark is set by an assessed criterion of the rubric (its range and how the
    marks combine), not by a rule's points: its line links to the criterion's row."""
    points = rubric(YEAR)
    assert points is not None
    criterion = points.assessed[0]
    line = ScoreLine(criterion.area, criterion.clause, criterion.id, EXPERT_MARK, 3.0,
                     f"专家评分（{criterion.label}）：…", f"reviews/{YEAR}/{SOCIETY}.yaml", 5)
    found = line_rule(points, YEAR, line)
    assert found is not None
    assert found.anchor in _ids((docs / "rubric" / "index.md").read_text("utf-8"))
    assert f"{criterion.min:g}–{criterion.max:g} 分" in found.words
    assert COMBINE_WORDS[criterion.combine] in found.words
