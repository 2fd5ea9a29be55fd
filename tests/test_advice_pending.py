"""Items waiting for the association's verification (待补充材料, 待核实) earn nothing from the
notice on: their lines cite every clause they would earn under once verified, as the lines of a
verified item do, and the advice says what verifying them would add, while the year's phase still
lets them be verified, in the same words on the command line and on the report page."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import PENDING_HEADING, pending_said
from validators.evaluation.scoring import Evaluation
from validators.year.guideline import guideline

CASE = ROOT / "tests" / "data" / "fidelity" / "verification-final"
ON_NOTICE = dt.date(2018, 1, 10)  # 2017's notice: only verified items earn
DURING_SUBMISSION = dt.date(2017, 10, 1)  # items not yet verified count provisionally

# A consulting service in the pilot district: once verified it earns under the pilot-district
# clause (1.3) and the consulting clause (1.4) alike.
SERVICE = """innovation:
  services:
    - id: svc-pilot
      kind: 科技咨询
      title: 园区企业数字化咨询
      enterprise: 成都示例科技有限公司
      district: 郫都区
      date: 2017-05-15
      outcome: 为园区 8 家企业制定数字化改造方案
      evidence: [https://example.org/cast-sample/cd-case/svc-pilot]
    - id: svc-unseen
      kind: 科技培训
      title: 企业工程师数据分析培训
      enterprise: 成都示例制造有限公司
      district: 锦江区
      date: 2017-06-20
      outcome: 培训企业工程师 40 人
      evidence: [https://example.org/cast-sample/cd-case/svc-unseen]
"""
REQUESTED = "  - {item: svc-pilot, status: 待补充材料, reason: 请补充企业的服务确认函。, reviewer: cast-staff, date: 2018-01-04}\n"


def _tree(tmp_path: Path, verified: tuple[str, ...] = ()) -> Path:
    """The verification case with the service added, waiting for material; `verified`: items
    whose record the staff turn to 已核实 (what the advice's gain is held to)."""
    root = tmp_path / "tree"
    shutil.copytree(CASE, root)
    report = root / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8") + SERVICE, "utf-8")
    review = root / "reviews" / "2017" / "cd-case.yaml"
    text = review.read_text("utf-8") + REQUESTED
    for item in verified:
        text = re.sub(rf"(item: {item}, status: )\S+, reason: [^,]+,", r"\1已核实,", text)
        if f"item: {item}," not in text:
            text += f"  - {{item: {item}, status: 已核实, reviewer: cast-staff, date: 2018-01-04}}\n"
    review.write_text(text, "utf-8")
    return root


def _evaluation(root: Path, day: dt.date) -> Evaluation:
    _, repo = check_tree(root)
    [e] = evaluate_repository(repo, as_of=day)
    return e


def _cited(e: Evaluation, item: str) -> list[tuple[float, str | None, str]]:
    return [(x.points, x.clause, x.rule) for x in e.lines if x.item_id == item]


def test_a_waiting_item_cites_every_clause_it_would_earn_under(tmp_path: Path) -> None:
    """The service waiting for material cited 1.3 alone (the clause it was held back under);
    verified, it earns under 1.3 and 1.4: its zero lines cite both, one line a clause."""
    earned = _cited(_evaluation(_tree(tmp_path / "verified", ("svc-pilot",)), ON_NOTICE), "svc-pilot")
    clauses = [clause for _, clause, _ in earned]
    assert sorted(clauses) == ["1.3", "1.4"]
    assert all(points > 0 for points, _, _ in earned)
    e = _evaluation(_tree(tmp_path / "waiting"), ON_NOTICE)
    waiting = [x for x in e.lines if x.item_id == "svc-pilot"]
    assert sorted(x.clause for x in waiting) == sorted(clauses)
    assert {(x.points, x.rule) for x in waiting} == {(0.0, "review")}
    assert all(x.note.startswith("待补充材料，补充并核实前不计分（市科协 2018-01-04 提出）：请补充企业的服务确认函。") for x in waiting)
    # An item not yet verified at all cites the clause its kind earns under (七's: one).
    verified = _evaluation(_tree(tmp_path / "seen", ("mw-event",)), ON_NOTICE)
    [(_, clause, _)] = _cited(verified, "mw-event")
    assert _cited(e, "mw-event") == [(0.0, clause, "review")]
    # Before the notice it counts provisionally, marked, under both clauses as before.
    early = _evaluation(_tree(tmp_path / "early"), DURING_SUBMISSION)
    assert sorted((x.clause, x.review) for x in early.lines if x.item_id == "svc-pilot") == [
        ("1.3", "待补充材料"), ("1.4", "待补充材料")]


def test_an_item_not_recognised_still_cites_the_one_clause_it_was_refused_under(tmp_path: Path) -> None:
    e = _evaluation(_tree(tmp_path), ON_NOTICE)
    [line] = [x for x in e.lines if x.item_id == "mw-poverty-a"]
    assert line.points == 0
    assert line.note.startswith("市科协核查不予认定")


def test_the_advice_says_what_verifying_the_waiting_items_would_add(tmp_path: Path) -> None:
    """Per state, the items that would earn once verified, named, with every clause they cite,
    and the gain the same engine computes: the total of the report with them verified, less
    today's; the next state's on top of that, so that the gains add up to what verifying all
    of them gives (七's cap, shared by both states, counted once). The claims that would earn
    nothing verified (no expert reported) are not named."""
    e = _evaluation(_tree(tmp_path / "waiting"), ON_NOTICE)
    requested = _evaluation(_tree(tmp_path / "requested", ("svc-pilot", "mw-party")), ON_NOTICE)
    everything = _evaluation(_tree(tmp_path / "all", ("svc-pilot", "mw-party", "mw-event", "svc-unseen")), ON_NOTICE)
    unseen = _evaluation(_tree(tmp_path / "unseen", ("mw-event", "svc-unseen")), ON_NOTICE)
    assert [(p.status, [i for i, _ in p.items], p.gain) for p in e.pending] == [
        ("待补充材料", ["svc-pilot", "mw-party"], requested.total - e.total),
        ("待核实", ["svc-unseen", "mw-event"], everything.total - requested.total)]
    assert sum(p.gain for p in e.pending) == everything.total - e.total
    # Alone, the items not yet seen would add more than they do after the others: 七's cap is
    # shared by the two states (the review's sum of 4 + 2 said 6 where verifying all gives 5).
    assert unseen.total - e.total > everything.total - requested.total
    assert all(p.gain > 0 for p in e.pending)
    material = e.pending[0]
    assert material.items == (("svc-pilot", "园区企业数字化咨询"), ("mw-party", "党支部标准化建设"))
    assert material.clauses[:2] == ("1.3", "1.4")
    assert len(material.clauses) == 3
    assert pending_said(material) == (
        f"待补充材料的 2 项（“园区企业数字化咨询”、“党支部标准化建设”）经市科协核实后可再得 {material.gain:g} 分"
        f"（条款 1.3、条款 1.4、条款 {material.clauses[2]}）")


@pytest.mark.parametrize("when", ["submission", "final"])
def test_nothing_is_said_where_verification_adds_nothing_or_can_no_longer_happen(tmp_path: Path, when: str) -> None:
    """Before the notice the waiting items already count (provisionally); from the final day on
    the year is not verified any more: nothing changes, so nothing is said."""
    rules = guideline(2017)
    assert rules is not None
    assert rules.calendar is not None
    day = DURING_SUBMISSION if when == "submission" else rules.calendar.final
    e = _evaluation(_tree(tmp_path), day)
    assert e.pending == []
    if when == "final":  # the items still earn nothing, and still cite both clauses
        assert sorted(x.clause or "" for x in e.lines if x.item_id == "svc-pilot") == ["1.3", "1.4"]


def test_the_same_sentence_in_evaluate_and_on_the_report_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """One function, one wording: the command line's line and the report page's item say the
    same, the page linking the item waiting for material to its entry in the box above."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate
    from validators.cli import main
    from validators.evaluation import evaluate
    from validators.year import cycle

    root = _tree(tmp_path)
    e = _evaluation(root, ON_NOTICE)
    said = [pending_said(p) for p in e.pending]
    assert len(said) == 2
    monkeypatch.setattr(cycle, "today", lambda: ON_NOTICE)
    monkeypatch.setattr(evaluate, "today", lambda: ON_NOTICE)
    assert main(["--root", str(root), "evaluate", "--society", "cd-case"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert [line for line in shown if PENDING_HEADING in line] == [f"  {PENDING_HEADING}：{s}" for s in said]
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=ON_NOTICE.isoformat())
    page = (docs / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8")
    section = page.split(f"## {PENDING_HEADING} ", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section)
    assert [html.unescape(re.sub(r"<[^>]+>", "", i)).replace("\xa0", " ") for i in items] == said
    assert '<a href="#why-svc-pilot">“园区企业数字化咨询”</a>' in section
    assert 'id="why-svc-pilot"' in page
