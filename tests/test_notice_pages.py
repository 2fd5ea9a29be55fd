"""What a society's secretary reads during the notice, on a copy of the sample data (2018 is on
notice on DATE): a service station changed after 其余全部核实 waits for verification, and its
年度分档 shows the tier the scoring engine gives it verified, marked as waiting, not 未入档; an open
objection that allows a correction is said on top of the report and of the society's page, with
the way to correct in the online form; the guideline page of a year that carries the text forward
points to where the year's changes are said, and shows the year's evaluation window."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from site_builder import phase
from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from tests.trees import ROOT, base_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Evaluation
from validators.year.guideline import guideline

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")
DATE = "2026-12-07"  # in 2018's notice (the sample calendar's)
YEAR, SOCIETY, STATION = 2018, "cd-tcm", "station-wenjiang-health"
REPORT = f"submissions/{SOCIETY}/{YEAR}.yaml"
REVIEW = f"reviews/{YEAR}/{SOCIETY}.yaml"
# The station's activities, 6 as 其余全部核实 saw them, changed to 9 after it: 待核实 again.
CHANGED = ("    activities: 6\n", "    activities: 9\n")
ROW = re.compile(r"<tr>(.*?)</tr>")
LABELLED_CELL = re.compile(r'<td data-label="([^"]*)"[^>]*>(.*?)</td>')
TAGS = re.compile(r"<[^>]+>")
NOTE = re.compile(r'<p class="sb-objection-note".*?</p>')
AHEAD = re.compile(r'data-sb-phases="([^"]*)"')
WINDOW = re.compile(r"^(?:评估期：|沿用 2017 年指南的条款；评估期).*$", re.M)
# In form-start.js: the first step's heading, the heading of its section that copies a published
# report, and that section's button.
FIRST_STEP = re.compile(r'startBox\.appendChild\(el\("h2", \{ text: "([^"]*)" \}\)\)')
COPY_SECTION = re.compile(r'var copy = el\("section", \{[^}]*\}, \[\s*el\("h3", \{ text: "([^"]*)" \}\)')
COPY_BUTTON = re.compile(r'id: "rf-start-copy", text: "([^"]*)"')


def _tree(base: Path, verdict: str = "", objection: str = "") -> Path:
    """The sample data with the station changed; `verdict`: the station's own review record
    (its status); `objection`: the sample objection's lines replaced by these."""
    root = base_tree(base)
    report = root / REPORT
    report.write_text(report.read_text("utf-8").replace(*CHANGED, 1), "utf-8")
    if verdict:
        review = root / REVIEW
        record = f"items:\n  - {{item: {STATION}, status: {verdict}, reviewer: cast-reviewer, date: 2026-11-20"
        record += ", reason: 请补充服务站活动记录。}\n" if verdict == "待补充材料" else "}\n"
        review.write_text(review.read_text("utf-8").replace("rest:", record + "rest:", 1), "utf-8")
    if objection:
        file = root / "reviews" / str(YEAR) / "objections.yaml"
        said = file.read_text("utf-8")
        start = said.index("  - id: obj-2018-01")
        file.write_text(said[:start] + objection, "utf-8")
    return root


def _docs(root: Path) -> Path:
    out = root / "docs"
    generate(root, out, settings=SETTINGS, date=DATE)
    return out


def _evaluation(root: Path, day: dt.date) -> Evaluation:
    _, repo = check_tree(root)
    [e] = [e for e in evaluate_repository(repo, year=YEAR, as_of=day) if e.society == SOCIETY]
    return e


def _page(docs: Path, path: str) -> str:
    return (docs / path / "index.md").read_text("utf-8")


def _cell(markdown: str, label: str, row_has: str) -> str:
    """The cell `label` of the one table row holding `row_has`."""
    [row] = [r for r in ROW.findall(markdown) if row_has in r]
    [found] = [c for c in LABELLED_CELL.findall(row) if c[0] == label]
    return found[1]


def _plain(fragment: str) -> str:
    return html.unescape(TAGS.sub("", fragment))


@pytest.fixture(scope="module")
def waiting(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _docs(_tree(tmp_path_factory.mktemp("waiting") / "tree"))


@pytest.fixture(scope="module")
def verified_tier(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The station's tier as the engine gives it once the association verifies it."""
    e = _evaluation(_tree(tmp_path_factory.mktemp("verified") / "tree", "已核实"), dt.date.fromisoformat(DATE))
    [tier] = [t for t in e.item_tiers if t.item_id == STATION]
    assert not tier.new
    return tier.tier


def test_a_waiting_station_shows_the_tier_it_would_have_once_verified(waiting: Path, verified_tier: str) -> None:
    """The report page said 未入档 beside “可再得 4 分”: the tier is the engine's with the station
    verified, marked 待核实 (the page's word for its state), linked to what verifying it adds."""
    page = _page(waiting, f"societies/{SOCIETY}/{YEAR}")
    shown = _cell(page, "年度分档", f'id="item-service_stations-{STATION}"')
    assert verified_tier != "未入档"
    assert _plain(shown) == f"{verified_tier}（待核实）"
    assert '<a href="#advice-pending">待核实</a>' in shown
    assert "{#advice-pending " in page
    pending = page.split("{#advice-pending ", 1)[1].split("\n## ", 1)[0]
    assert "温江中医药健康产业学会服务站" in pending
    # The area page lists it alike, unlinked (its report page says more).
    area = _page(waiting, f"areas/{YEAR}/service_stations")
    assert _plain(_cell(area, "年度分档", f'data-item="{STATION}"')) == f"{verified_tier}（待核实）"


def test_a_station_waiting_for_material_says_so_and_its_published_tier_stays_unranked(tmp_path: Path, verified_tier: str) -> None:
    root = _tree(tmp_path / "tree", "待补充材料")
    page = _page(_docs(root), f"societies/{SOCIETY}/{YEAR}")
    assert _plain(_cell(page, "年度分档", f'id="item-service_stations-{STATION}"')) == f"{verified_tier}（待补充材料）"
    # What is published as data (downloads, results) keeps its fields: no verdict, no tier.
    e = _evaluation(root, dt.date.fromisoformat(DATE))
    [tier] = [t for t in e.to_dict()["item_tiers"] if t["item_id"] == STATION]
    assert tier["tier"] == "未入档"
    assert "waiting_tiers" not in e.to_dict()


def test_no_tier_waits_once_the_year_is_no_longer_verified(tmp_path: Path) -> None:
    """From the final day nothing is verified any more: the station has no tier, and none waits."""
    rules = guideline(YEAR)
    assert rules is not None
    assert rules.calendar is not None
    e = _evaluation(_tree(tmp_path / "tree"), rules.calendar.final)
    assert e.waiting_tiers == {}
    assert _evaluation(_tree(tmp_path / "notice"), dt.date.fromisoformat(DATE)).waiting_tiers[STATION].status == "待核实"


def _note(markdown: str) -> str:
    [found] = NOTE.findall(markdown)
    return found


def test_an_objection_allowing_a_correction_is_said_on_top_of_the_report(waiting: Path) -> None:
    page = _page(waiting, f"societies/{SOCIETY}/{YEAR}")
    note = _note(page)
    # On top: before the score table and the objections table it links to.
    assert page.index(note) < page.index("{#areas ") < page.index(f"{{#y{YEAR}-objections ")
    visible = note.split(">", 1)[1]
    assert _plain(visible).startswith("针对本报告的异议 1 条受理中，其中 1 条允许学会在公示期内（至 2027 年 12 月 31 日）更正报告。"
                                      "在线填报中更正本报告：")
    assert f'<a href="./#y{YEAR}-objections">' in visible
    assert '<a href="../../../form/">在线填报中更正本报告</a>' in visible
    # The form takes no address that chooses the report: the steps are said in its own words.
    assert (f"在“第一步”的“以已发布的报告为底稿”中，学会选“成都市中医药学会（示例）（{SOCIETY}）”，"
            f"底稿和填报年度都选“{YEAR} 年度”，点“复制为底稿”") in _plain(visible)
    assert "<code>obj&#45;2018&#45;01</code>" in visible
    assert f"<code>{SOCIETY.replace('-', '&#45;')}</code>" in visible
    # After the notice its words, carried for the reader's day, drop the correction.
    ahead = AHEAD.search(note)
    assert ahead is not None
    turns = [words for _, words in json.loads(html.unescape(ahead[1]))["turns"]]
    assert _plain(turns[-1]) == "针对本报告的异议 1 条受理中。"
    # The objections table's record path stays in <code>.
    assert f"（记录见 <code>reviews/{YEAR}/objections.yaml</code>）" in page


def test_the_society_page_says_it_beside_the_year(waiting: Path) -> None:
    page = _page(waiting, f"societies/{SOCIETY}")
    note = _note(page)
    assert page.index(f"{YEAR} 年度：") < page.index(note) < page.index("{#years ")
    visible = note.split(">", 1)[1]
    assert _plain(visible).startswith(f"针对 {YEAR} 年度报告的异议 1 条受理中，其中 1 条允许学会在公示期内"
                                      f"（至 2027 年 12 月 31 日）更正报告。在线填报中更正 {YEAR} 年度报告：")
    assert f'<a href="{YEAR}/#y{YEAR}-objections">' in visible
    assert '<a href="../../form/">' in visible


HOSTILE = "<img src=x onerror=alert(1)>"


def test_an_objection_without_correction_is_said_without_the_form(tmp_path: Path) -> None:
    objection = ("  - id: obj-2018-09\n    society: cd-tcm\n    filed: 2026-11-20\n"
                 f"    subject: '{HOSTILE}'\n    status: 受理中\n")
    docs = _docs(_tree(tmp_path / "tree", objection=objection))
    note = _note(_page(docs, f"societies/{SOCIETY}/{YEAR}"))
    assert _plain(note) == "针对本报告的异议 1 条受理中。"
    assert "form/" not in note
    assert HOSTILE not in _page(docs, f"societies/{SOCIETY}/{YEAR}")


def test_the_form_steps_named_are_the_form_s_own_words() -> None:
    """The note names the step, the section and the button as form-start.js writes them, whole: a
    prefix matched any longer text (and the section's name matched the other button's), so a
    renamed section or button left the note naming what the form no longer shows."""
    start = (ROOT / "site_builder" / "form" / "form-start.js").read_text("utf-8")
    [step] = FIRST_STEP.findall(start)  # “第一步：选择开始方式”: the step, then what it is for
    assert step.split("：", 1)[0] == phase.FORM_FIRST_STEP, step
    assert COPY_SECTION.findall(start) == [phase.FORM_COPY]
    assert COPY_BUTTON.findall(start) == [phase.FORM_COPY_BUTTON]


def test_a_carried_forward_guideline_points_to_the_year_s_changes(waiting: Path) -> None:
    """“没有改动的条款”, and nothing said where the year's points, thresholds and lists changed."""
    page = _page(waiting, f"guideline/{YEAR}")
    section = page.split("{#clause-changes}", 1)[1]
    assert f"{YEAR} 年度与 2017 年度用的是同一份指南原文，没有改动的条款。" in section
    assert f'<a href="../../rubric/#rubric-{YEAR}-changes">与上一年度相比的变化</a>' in section
    assert f"{{#rubric-{YEAR}-changes}}" in _page(waiting, "rubric")


def test_the_guideline_page_shows_the_year_s_evaluation_window(waiting: Path) -> None:
    """Near the top (before the text), in the words the rubric page says it in (it sends readers here)."""
    page = _page(waiting, f"guideline/{YEAR}")
    window = WINDOW.search(page)
    assert window is not None
    assert page.index(window[0]) < page.index("{#top}")
    # The year's note states the window itself: said once, in the note's words.
    assert _plain(window[0]) == "沿用 2017 年指南的条款；评估期 2017-11-30（不含）至 2018-11-30（含）为默认值，由市科协确定并可调整。"
    assert window[0] in _page(waiting, "rubric")


def test_a_note_that_does_not_state_the_window_follows_it(tmp_path: Path) -> None:
    """A note about something else (or one left stale) comes after the window's own dates."""
    root = _tree(tmp_path / "tree")
    year_file = root / "validators" / "guidelines" / f"{YEAR}.yaml"
    source = year_file.read_text("utf-8")
    note = "  note: 沿用 2017 年指南的条款；评估期 2017-11-30（不含）至 2018-11-30（含）为默认值，由市科协确定并可调整。\n"
    assert note in source
    year_file.write_text(source.replace(note, "  note: 由市科协确定。\n"), "utf-8")
    window = WINDOW.search(_page(_docs(root), f"guideline/{YEAR}"))
    assert window is not None
    assert _plain(window[0]) == "评估期：2017-11-30（不含）至 2018-11-30（含）。由市科协确定。"


def test_the_society_s_name_in_the_steps_is_text(tmp_path: Path) -> None:
    """The note's steps name the society as the form lists it: its registered name, as text."""
    root = _tree(tmp_path / "tree")
    profile = root / "submissions" / SOCIETY / "society.yaml"
    profile.write_text(re.sub(r"(?m)^name: .*$", f"name: '成都市中医药学会{HOSTILE}'", profile.read_text("utf-8")), "utf-8")
    note = _note(_page(_docs(root), f"societies/{SOCIETY}/{YEAR}"))
    assert f"学会选“成都市中医药学会{HOSTILE}（" in _plain(note)  # shown as written...
    assert "<img" not in note  # ...never as markup
