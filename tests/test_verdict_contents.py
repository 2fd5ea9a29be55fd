"""A verdict covers the content the staff saw: an item changed after its verdict, or added after
其余全部核实, waits for verification again and earns nothing from the notice on; `check` warns at
the verdict (W-REVIEW-ITEM-CHANGED). Verdicts recording no content keep their old meaning."""

from __future__ import annotations

import datetime as dt
import enum
import html
import re
import textwrap
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tests.trees import LATE_MAJOR_WORK as NEW_ITEMS
from tests.trees import base_tree, write_tree
from validators.association.item_content import content_digest
from validators.association.progress import ProgressState, year_progress
from validators.association.reviews import Standing, current_contents
from validators.check import check_file, check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import PENDING_HEADING, as_text
from validators.evaluation.scoring import Evaluation
from validators.models.report import YearReport
from validators.models.review import UNVERIFIED

SOCIETY, YEAR = "cd-computer", 2018
REPORT = f"submissions/{SOCIETY}/{YEAR}.yaml"
REVIEW = f"reviews/{YEAR}/{SOCIETY}.yaml"
ON_NOTICE = dt.date(2026, 12, 1)  # the sample 2018 calendar's notice: 2026-11-16 to 2027-12-31
VERIFYING = dt.date(2026, 11, 1)  # before the notice: unverified items count provisionally
TAG = re.compile(r"<[^>]+>")


# --- the digest ---------------------------------------------------------------------------------

def _report(root: Path, text: str) -> YearReport:
    path = write_tree(root, {REPORT.replace(SOCIETY, "cd-case"): text}) / REPORT.replace(SOCIETY, "cd-case")
    write_tree(root, {"submissions/cd-case/society.yaml": """
        id: cd-case
        name: 成都市示例学会（示例）
        kind: 学会
        discipline: 测试
        maintainers: [cd-case-admin]
        """})
    doc = check_file(path, root).report
    assert doc is not None
    return doc.report


EVENT = """
    society: cd-case
    year: 2018
    academic_events:
      - id: evt-a
        title: 年会
        category: 综合性学术年会
        role: 主办
        date: 2018-06-01
        participants: 80
        main_forum: true
        sub_forums: 1
        materials: true
        evidence: [https://example.org/a]
    """


def test_the_same_content_gives_the_same_digest_whatever_the_key_order_or_spelling(tmp_path: Path) -> None:
    first = current_contents(_report(tmp_path / "a", EVENT))
    assert first == current_contents(_report(tmp_path / "b", EVENT))
    reordered = """
        year: 2018
        society: cd-case
        academic_events:
          - evidence: [https://example.org/a]
            materials: true
            sub_forums: 1
            main_forum: true
            participants: 80
            date: 2018-06-01
            role: host
            category: 综合性学术年会
            title: 年会
            id: evt-a
        """
    assert current_contents(_report(tmp_path / "c", reordered)) == first
    assert len(first["evt-a"]) == 16
    assert int(first["evt-a"], 16) >= 0
    raised = current_contents(_report(tmp_path / "d", EVENT.replace("participants: 80", "participants: 300")))
    assert raised["evt-a"] != first["evt-a"]


def _changed(value: Any) -> Any:
    """Another value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        return next(m for m in type(value) if m is not value)
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "改"
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, list):
        return [*value, value[0]] if value else ["https://example.org/b"]
    if value is None:
        return "新内容"
    raise AssertionError(type(value))


def test_any_field_changed_changes_the_digest(tmp_path: Path) -> None:
    _, repo = check_tree(base_tree(tmp_path / "tree"))
    report = repo.reports[(SOCIETY, YEAR)].report
    items: list[BaseModel] = [report.academic_events[0], report.major_work[0], report.service_stations[0]]
    tried = 0
    for item in items:
        before = content_digest(item.id, item)  # type: ignore[attr-defined]
        for name in type(item).model_fields:
            other = item.model_copy(update={name: _changed(getattr(item, name))})
            assert content_digest(item.id, other) != before, (type(item).__name__, name)  # type: ignore[attr-defined]
            tried += 1
    assert tried > 20
    # A claim is held to its own fields only: the rate's two counts, not the area's services.
    inn = report.innovation
    assert inn is not None
    fields = ("senior_experts_total", "senior_experts_registered")
    rate = content_digest("senior_experts_registered", inn, fields)
    assert content_digest("senior_experts_registered", inn.model_copy(update={"services": []}), fields) == rate
    more = inn.model_copy(update={"senior_experts_total": inn.senior_experts_total + 1})
    assert content_digest("senior_experts_registered", more, fields) != rate


# --- what a verdict covers, in the evaluation and the progress ------------------------------------

def _tree(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = base_tree(tmp_path / "tree")
    _, repo = check_tree(root)
    return root, current_contents(repo.reports[(SOCIETY, YEAR)].report)


def _review(root: Path, items: str = "", rest: str = "") -> None:
    text = f"society: {SOCIETY}\nyear: {YEAR}\nsample: true\n"
    text += f"items:\n{textwrap.indent(textwrap.dedent(items), '  ')}" if items else ""
    text += rest
    (root / REVIEW).write_text(text, "utf-8")


def _evaluate(root: Path, day: dt.date = ON_NOTICE) -> Evaluation:
    _, repo = check_tree(root)
    [result] = [e for e in evaluate_repository(repo, YEAR, as_of=day) if e.society == SOCIETY]
    return result


def _line(result: Evaluation, item: str) -> tuple[float, str | None, str]:
    [line] = [x for x in result.lines if x.item_id == item]
    return line.points, line.review, line.note


def _add_items(root: Path) -> None:
    report = root / REPORT
    report.write_text(report.read_text("utf-8") + NEW_ITEMS, "utf-8")


def _rest(contents: dict[str, str] | None) -> str:
    saw = f", contents: [{', '.join(contents.values())}]" if contents is not None else ""
    return f"rest: {{status: 已核实, reviewer: cast-reviewer, date: 2026-11-12{saw}}}\n"


def test_items_added_after_the_rest_was_verified_earn_nothing_from_the_notice_on(tmp_path: Path) -> None:
    """The reviewer's case: 其余全部核实 set, then (answering an objection that allows a correction)
    the society adds two major works; the total must not rise during the notice."""
    root, contents = _tree(tmp_path)
    _review(root, rest=_rest(contents))
    before = _evaluate(root)
    _add_items(root)
    after = _evaluate(root)
    assert after.total == before.total
    for item in ("mw-reform-late", "mw-party-late"):
        points, _, note = _line(after, item)
        assert points == 0
        assert note == "待核实：本项在市科协 2026-11-12 核实本报告之后新增或改动，须重新核实，不计分"
    # The items the rest saw stay verified.
    assert _line(after, "mw-talent-base")[:2] == (_line(before, "mw-talent-base")[0], None)
    # Before the notice they count provisionally, marked 待核实, as any unverified item does.
    assert _line(_evaluate(root, VERIFYING), "mw-reform-late")[1] == "待核实"
    # check says so at the rest, once per new item.
    result, _ = check_tree(root, [root / REVIEW])
    warned = [f for f in result.findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert [f.line for f in warned] == [4, 4]
    assert "秘书处改革（核查之后新增）" in warned[0].message
    assert "2026-11-12" in warned[0].message


def test_a_secretary_reads_one_plain_word_for_an_item_not_yet_verified(tmp_path: Path) -> None:
    """A secretary who corrected an item during the notice read “…“其余全部核实”（2026-11-12）之后
    新增或改动，须重新核查”: a label of the staff's workbench, and the state called 待核查, 未经核实
    and 待核实 on one page. The line, the zero's reason, the mark and the advice say 待核实 (UNVERIFIED)."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    root, contents = _tree(tmp_path)
    _review(root, rest=_rest(contents))
    _add_items(root)
    after = _evaluate(root)
    said = Standing.unseen_said(dt.date(2026, 11, 12))
    assert said == "待核实：本项在市科协 2026-11-12 核实本报告之后新增或改动，须重新核实，不计分"
    assert _line(after, "mw-reform-late")[2] == said
    assert _line(_evaluate(root, VERIFYING), "mw-reform-late")[1] == UNVERIFIED
    _, repo = check_tree(root)
    printed = as_text([after], repo, SOCIETY)  # `python -m validators evaluate --society`
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=ON_NOTICE.isoformat())
    page = (docs / "societies" / SOCIETY / str(YEAR) / "index.md").read_text("utf-8")
    for shown in (printed, page):
        assert "其余全部核实" not in shown
        for other in ("待核查", "未经核实", "尚未核实"):
            assert other not in shown, other
    plain = html.unescape(re.sub(TAG, "", page))
    assert plain.count(said) == 2
    assert printed.count(said) == 2
    # The item's 得分 cell gives the same word as its line (items.refusal_kind).
    assert page.count(f'0<span class="sb-why">（<a href="#lines">{UNVERIFIED}</a>）</span>') == 2
    assert f"## {PENDING_HEADING} " in page
    assert f"{UNVERIFIED}的 2 项（“秘书处改革（核查之后新增）”" in plain
    assert f"{UNVERIFIED}的 2 项（“秘书处改革（核查之后新增）”" in printed


def test_a_rest_recording_no_contents_keeps_its_old_meaning(tmp_path: Path) -> None:
    """Every review file written before contents were recorded: 其余全部核实 covers every item
    without a verdict of its own, as it always did (the shipped samples' scores do not move)."""
    root, _ = _tree(tmp_path)
    _review(root, rest=_rest(None))
    before = _evaluate(root)
    _add_items(root)
    after = _evaluate(root)
    assert after.total > before.total
    assert _line(after, "mw-reform-late")[:2] == (3, None)
    result, _ = check_tree(root, [root / REVIEW])
    assert not [f for f in result.findings if f.code == "W-REVIEW-ITEM-CHANGED"]


def test_a_verified_item_changed_since_its_verdict_waits_for_verification_again(tmp_path: Path) -> None:
    root, contents = _tree(tmp_path)
    event = "evt-cs-annual-2018"
    _review(root, items=f"""\
        - {{item: {event}, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, content: {contents[event]}}}
        - {{item: mw-talent-base, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12}}
        """)
    paid = _line(_evaluate(root), event)
    assert paid[0] > 0
    assert paid[1] is None
    report = root / REPORT
    report.write_text(report.read_text("utf-8").replace("participants: 300", "participants: 500", 1), "utf-8")
    # A verdict without a digest stands whatever the item says: mw-talent-base is changed too.
    report.write_text(report.read_text("utf-8").replace("对接海外高层次人才项目 5 个", "对接海外高层次人才项目 9 个"), "utf-8")
    after = _evaluate(root)
    assert _line(after, event) == (0, None, "待核实：本项在市科协 2026-11-12 核查之后内容有改动，须重新核实，不计分")
    assert _line(after, "mw-talent-base")[:2] == (_line(_evaluate(root), "mw-talent-base")[0], None)
    assert _line(after, "mw-talent-base")[0] > 0
    assert _line(_evaluate(root, VERIFYING), event)[:2] == (paid[0], "待核实")
    result, repo = check_tree(root, [root / REVIEW])
    [warned] = [f for f in result.findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert (warned.file, warned.line, warned.severity) == (REVIEW, 5, "warning")
    assert "2018年成都计算机学术年会" in warned.message
    assert "2026-11-12" in warned.message
    assert "重新核查" in warned.message
    # The progress board no longer counts it as decided.
    _, repo = check_tree(root)
    [progress] = [p for p in year_progress(repo, YEAR) if p.society == SOCIETY]
    assert progress.decided == 1
    assert progress.state is ProgressState.PARTLY
    # A new verdict on the content as it is now pays it again.
    now = current_contents(repo.reports[(SOCIETY, YEAR)].report)[event]
    (root / REVIEW).write_text((root / REVIEW).read_text("utf-8").replace(contents[event], now), "utf-8")
    assert _line(_evaluate(root), event)[:2] == (paid[0], None)


def test_a_rest_that_saw_an_item_changed_since_its_own_verdict_covers_it(tmp_path: Path) -> None:
    """A verdict the item outgrew is no verdict: 其余全部核实 given on the new content covers it."""
    root, contents = _tree(tmp_path)
    event = "evt-cs-annual-2018"
    report = root / REPORT
    original = report.read_text("utf-8")
    report.write_text(original.replace("participants: 300", "participants: 500", 1), "utf-8")
    _, repo = check_tree(root)
    changed = current_contents(repo.reports[(SOCIETY, YEAR)].report)
    _review(root, items=f"- {{item: {event}, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, "
                        f"content: {contents[event]}}}\n", rest=_rest(changed))
    assert _line(_evaluate(root), event)[1] is None
    assert _line(_evaluate(root), event)[0] > 0
