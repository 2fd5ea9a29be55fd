"""What `new-year` writes for the staff to rewrite, left once it is no longer true: the window's
and the calendar's placeholder notes (W-YEAR-NOTE-DEFAULT) and a rubric title that still says
沿用 after the points changed (W-YEAR-RUBRIC-TITLE). Warnings of `check`, at the line to rewrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.trees import NEW_YEAR, base_tree
from validators.check import check_tree
from validators.cli import main
from validators.year import cycle
from validators.year.consistency import year_warnings
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

GUIDELINE = f"validators/guidelines/{NEW_YEAR}.yaml"
RUBRIC = f"validators/rubrics/{NEW_YEAR}.yaml"
# A day before the scaffold's calendar opens the year (2019-09-01), and one after.
BEFORE, OPEN = dt.date(NEW_YEAR, 6, 1), dt.date(NEW_YEAR, 9, 2)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The base years and the next one as `new-year` writes it, nothing rewritten."""
    root = base_tree(tmp_path / "tree", folders=())
    monkeypatch.setattr(cycle, "today", lambda: BEFORE)
    assert main(["--root", str(root), "new-year", str(NEW_YEAR)]) == 0
    reread_guidelines()
    reread_rubrics()
    return root


def _edit(root: Path, file: str, old: str, new: str) -> int:
    """Replaces `old` in a year file; the line it was on."""
    path = root / file
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    return text[:text.index(old)].count("\n") + 1


def _line(root: Path, file: str, starting: str) -> int:
    lines = (root / file).read_text("utf-8").splitlines()
    return 1 + next(n for n, line in enumerate(lines) if line.startswith(starting))


def _said(root: Path, day: dt.date) -> list[tuple[str, str, int, str]]:
    return [(p.code, p.file, p.line, p.message) for p in year_warnings(root, day)]


def test_the_shipped_years_and_an_untouched_scaffold_before_it_opens_hear_nothing(tree: Path) -> None:
    assert year_warnings(None, dt.date(2030, 1, 1)) == []
    assert _said(tree, BEFORE) == []


def test_a_rubric_whose_points_changed_is_warned_at_its_title_while_it_says_carried(tree: Path) -> None:
    """The reviewer's 2019: 1.1 paid 4 points, the page's heading still said 沿用2018年度."""
    (tree / RUBRIC).write_text((tree / RUBRIC).read_text("utf-8") + "innovation:\n  platform_registered: {points: 4}\n",
                               encoding="utf-8")
    reread_rubrics()
    title = _line(tree, RUBRIC, "title:")
    [(code, file, line, message)] = _said(tree, BEFORE)
    assert (code, file, line) == ("W-YEAR-RUBRIC-TITLE", RUBRIC, title)
    assert message == (
        f"细则的标题“{NEW_YEAR}年度学会重点工作评估细则（默认，沿用{NEW_YEAR - 1}年度）”说沿用 {NEW_YEAR - 1} 年度，"
        f"而本年度细则改动了 {NEW_YEAR - 1} 年度的分值、上限、分档线或规则（innovation.platform_registered.points 3 → 4）："
        "网站的细则页以这一标题为名称，读者会以为一分未改。请改写 title，"
        f"如“{NEW_YEAR}年度学会重点工作评估细则（默认）”；改动之处细则页在“与上一年度相比的变化”中逐项列出。")
    # In the whole check, a warning: the year is scored and published as before.
    result, _ = check_tree(tree, day=BEFORE)
    assert [(f.code, f.severity, f.line) for f in result.findings if f.file == RUBRIC] == [
        ("W-YEAR-RUBRIC-TITLE", "warning", title)]
    _edit(tree, RUBRIC, f"（默认，沿用{NEW_YEAR - 1}年度）", "（默认）")
    assert _said(tree, BEFORE) == []


def test_a_window_note_left_after_the_dates_moved_is_warned_at_the_note(tree: Path) -> None:
    _edit(tree, GUIDELINE, f"deadline: {NEW_YEAR}-11-30", f"deadline: {NEW_YEAR}-12-10")
    [(code, file, line, message)] = _said(tree, BEFORE)
    assert (code, file, line) == ("W-YEAR-NOTE-DEFAULT", GUIDELINE, _line(tree, GUIDELINE, "  note: 评估期"))
    assert message.startswith(f"评估期的说明（evaluation_window 的 note）仍是 new-year 生成的“评估期 {NEW_YEAR - 1}-11-30（不含）"
                              f"至 {NEW_YEAR}-11-30（含）为默认值，由市科协确定并可调整。”，而评估期已改为 "
                              f"{NEW_YEAR - 1}-11-30（不含）至 {NEW_YEAR}-12-10（含）。")
    assert "请改写 note" in message
    _edit(tree, GUIDELINE, "为默认值，由市科协确定并可调整。", "由市科协《关于开展年度评估的通知》确定。")
    assert _said(tree, BEFORE) == []


def test_the_window_s_placeholder_is_warned_once_the_year_opens(tree: Path) -> None:
    """The dates kept, the placeholder “为默认值，由市科协确定并可调整” is printed on the pages
    societies read from the day the year opens: said from then on."""
    assert _said(tree, BEFORE) == []
    [(code, _, line, message)] = _said(tree, OPEN)
    assert (code, line) == ("W-YEAR-NOTE-DEFAULT", _line(tree, GUIDELINE, "  note: 评估期"))
    assert f"而 {NEW_YEAR} 年度已于 {NEW_YEAR}-09-01 开始填报。网站的指南页和细则页把这句话印给学会和公众看" in message


def test_a_calendar_note_left_after_the_dates_moved_is_warned_at_the_note(tree: Path) -> None:
    _edit(tree, GUIDELINE, f"  submission_opens: {NEW_YEAR}-09-01", f"  submission_opens: {NEW_YEAR}-10-08")
    [(code, file, line, message)] = _said(tree, BEFORE)
    assert (code, file, line) == ("W-YEAR-NOTE-DEFAULT", GUIDELINE, _line(tree, GUIDELINE, "  note: 日期按"))
    assert (f"日历的说明（calendar 的 note）仍是 new-year 生成的“日期按 2017 年度的安排推算，由市科协确定并可调整。”，"
            f"而日期已不是按 2017 年度推算的（填报开始（submission_opens）{NEW_YEAR}-09-01 → {NEW_YEAR}-10-08）。") in message
    _edit(tree, GUIDELINE, "日期按 2017 年度的安排推算，由市科协确定并可调整。", "日期见市科协的通知。")
    assert _said(tree, BEFORE) == []
