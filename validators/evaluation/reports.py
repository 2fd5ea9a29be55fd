"""Renderers of evaluations: the ranking table and one society's breakdown, as text, JSON, CSV."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from validators.association.results_files import RESULTS
from validators.csv_export import to_csv
from validators.evaluation.score_lines import CAP_RULE
from validators.evaluation.scoring import Advice, Evaluation, Pending
from validators.models.report import AREA_KEYS
from validators.repository import Repository
from validators.year.guideline import available_years, guideline

if TYPE_CHECKING:
    from validators.evaluation.results import FrozenYear

__all__ = [
    "ADVICE_LATER", "LINE_HEADER", "PENDING_HEADING", "advice_clauses", "advice_gain", "area_columns", "area_labels", "as_json",
    "findings_note", "line_rows", "name_of", "pending_said", "ranked", "ranking_header", "ranking_rows", "year_heading",
]


def area_labels(year: int | None = None, root: Path | None = None) -> dict[str, str]:
    """Area titles of a guideline year (the latest by default) of the tree at `root`."""
    rules = guideline(year or available_years(root)[-1], root)
    return {a.key: a.title for a in rules.areas} if rules else {a: a for a in AREA_KEYS}


def area_columns(evaluations: list[Evaluation], root: Path | None = None) -> list[tuple[str, str]]:
    """The areas of these evaluations' years, in the guideline's order (an area a year adds
    after the seven), each with its title: the score columns of a ranking."""
    titles: dict[str, list[tuple[int, str]]] = {}
    for year in sorted({e.guideline_year for e in evaluations}) or [available_years(root)[-1]]:
        for key, title in area_labels(year, root).items():
            said = titles.setdefault(key, [])
            if not said or said[-1][1] != title:
                said.append((year, title))
    # A title a later year renamed keeps its own: the earlier years' rows are not relabelled.
    return [(key, "／".join(t if n == 0 else f"{t}（{y} 年起）" for n, (y, t) in enumerate(said)))
            for key, said in titles.items()]


def ranked(evaluations: list[Evaluation]) -> list[Evaluation]:
    return sorted(evaluations, key=lambda e: (e.year, -e.total, e.society))


def name_of(repo: Repository, society: str) -> str:
    doc = repo.profiles.get(society)
    return doc.profile.name if doc else society


def as_json(evaluations: list[Evaluation], repo: Repository) -> str:
    """`{"evaluations": [...]}` with one evaluation per line: sorted keys, so the text is stable,
    and no indentation, so the C encoder writes it (indenting falls back to pure Python, which
    was most of the time of `evaluate --format json` at a hundred societies)."""
    rows = [json.dumps({**e.to_dict(), "name": name_of(repo, e.society)}, ensure_ascii=False,
                       sort_keys=True) for e in ranked(evaluations)]
    return '{"evaluations": [\n' + ",\n".join(rows) + ("\n" if rows else "") + "]}"


def ranking_rows(evaluations: list[Evaluation], repo: Repository) -> list[list[object]]:
    """One row per evaluation; its area scores in the columns of `area_columns` (an area its
    year does not have is blank)."""
    rows: list[list[object]] = []
    rank_in_year: dict[int, int] = {}
    keys = [key for key, _ in area_columns(evaluations, repo.root)]
    for e in ranked(evaluations):
        rank = rank_in_year[e.year] = rank_in_year.get(e.year, 0) + 1
        own = area_labels(e.guideline_year, repo.root)
        rows.append([e.year, rank, e.society, name_of(repo, e.society), e.total, e.tier,
                     *(e.subtotals.get(a, 0.0) if a in own else "" for a in keys), findings_note(e)])
    return rows


def findings_note(e: Evaluation) -> str:
    """What the check said of the report, in a few words: 有错误的项目不计分. The warnings that
    wait on the association (a list it has not published) are no mark against the society and
    are not counted (`Evaluation.association_warnings`)."""
    warnings = e.warnings - e.association_warnings
    if e.unreadable:
        return f"{e.errors} 个错误，{warnings} 个警告：报告无法读取或格式不符，未计分"
    blocked = "（有错误的项目不计分）" if e.errors else ""
    return f"{e.errors} 个错误{blocked}，{warnings} 个警告"


def ranking_header(evaluations: list[Evaluation], root: Path | None = None) -> list[str]:
    return ["年度", "名次", "学会 id", "学会名称", "总分", "档次",
            *(title for _, title in area_columns(evaluations, root)), "备注"]


LINE_HEADER = ["年度", "领域", "条款", "项目 id", "规则", "得分", "说明", "文件", "行"]


def line_rows(evaluation: Evaluation, root: Path | None = None) -> list[list[object]]:
    labels = area_labels(evaluation.guideline_year, root)
    return [[evaluation.year, labels[x.area], x.clause or "", x.item_id or "", x.rule,
             x.points, x.note, x.file, x.line] for x in evaluation.lines]


def as_csv(evaluations: list[Evaluation], repo: Repository, society: str | None) -> str:
    if society:
        return to_csv(LINE_HEADER, [row for e in evaluations for row in line_rows(e, repo.root)])
    return to_csv(ranking_header(evaluations, repo.root), ranking_rows(evaluations, repo))


def year_heading(year: int, frozen: FrozenYear | None, day: dt.date, root: Path | None = None) -> str:
    """What the numbers of `year` are, said above them: the frozen results, or the phase of the
    year's calendar on `day`, by which the association's reviews count (as the site says it)."""
    if frozen is not None:
        return (f"{year} 年度：定稿结果（{frozen.finalized_on} 定稿，{RESULTS}/{year}.json；"
                "此后报告、核查记录和细则的改动不改变它）")
    rules = guideline(year, root)
    if rules is None or rules.calendar is None:
        return f"{year} 年度：按当前数据计算（该年度没有评估日历）"
    return f"{year} 年度：按 {day}（北京时间）所处的阶段计算——{rules.calendar.label(day, finalized=False)}"


ADVICE_LATER = "以后年度的建议"  # the advice of a year that takes no new item: closed or finalized


def advice_gain(gain: float, finalized: bool, parts: tuple[tuple[str, float], ...] = ()) -> str:
    """What a piece of advice would add, as the text output and the report page say it: in a
    year that takes no new item (`finalized`: finalized, or its submission closed) by its rubric
    only (the year's score no longer moves by it); `parts` (Advice.parts), each clause's share."""
    if gain <= 0:
        return "本年度不加分"
    added = " + ".join(f"{p:g}" for _, p in parts) + " = " if parts else ""
    return f"按本年度细则可加 {added}{gain:g} 分" if finalized else f"可加 {added}{gain:g} 分"


def advice_clauses(a: Advice) -> list[str]:
    """The clauses a piece of advice names: those whose rules pay it (Advice.parts), or its own."""
    return [c for c, _ in a.parts] or [a.clause]


PENDING_HEADING = "核实后可再得的分数"  # beside the advice: what verifying the waiting items (待补充材料, 待核实) would add this year


def _cited(clause: str) -> str:
    return f"条款 {clause}"


def _quoted(item: str, title: str) -> str:
    return f"“{title}”"


def pending_said(pending: Pending, cite: Callable[[str], str] = _cited,
                 name: Callable[[str, str], str] = _quoted) -> str:
    """What the items waiting in one state would add once verified, as the text output and the
    report page say it: “待补充材料的 1 项（“…”）经市科协核实后可再得 4 分（条款 1.3、条款 1.4）”.
    `cite` says a clause and `name` an item (id, title): the page links them, escaped."""
    named = "、".join(name(item, title) for item, title in pending.items)
    where = "、".join(cite(c) for c in pending.clauses)
    return (f"{pending.status}的 {len(pending.items)} 项（{named}）经市科协核实后可再得 {pending.gain:g} 分"
            + (f"（{where}）" if where else ""))


def as_text(evaluations: list[Evaluation], repo: Repository, society: str | None,
            headings: dict[int, str] | None = None, finalized: Collection[int] = ()) -> str:
    """The ranking (a heading and a header row per year) or one society's breakdown. `headings`:
    the line said above each year's numbers (`year_heading`); a year in `finalized` (finalized,
    or its submission closed: it takes no new item) gives its advice as advice for later years."""
    out: list[str] = []
    said: set[int] = set()
    if society:
        for e in evaluations:
            if headings and e.year in headings and e.year not in said:
                said.add(e.year)
                out.append(headings[e.year])
            note = findings_note(e)
            out.append(f"{name_of(repo, e.society)} {e.year} 年：{e.total:g} 分，{e.tier}"
                       f"（指南 {e.guideline_year}，细则 {e.rubric}）；{note}")
            for x in e.lines:
                clause = "上限" if x.rule == CAP_RULE else f"条款 {x.clause}" if x.clause else "—"
                code = f"（{x.finding}）" if x.finding else ""
                out.append(f"  {x.points:+g}\t{clause}\t{x.item_id or '-'}\t{x.note}{code}\t{x.file}:{x.line}")
            out += [f"  {PENDING_HEADING}：{pending_said(p)}" for p in e.pending]
            closed = e.year in finalized
            for a in e.advice:
                out.append(f"  {ADVICE_LATER if closed else '建议'}（条款 {'、'.join(advice_clauses(a))}，"
                           f"{advice_gain(a.gain, closed, a.parts)}）："
                           f"{a.message}")
        return "\n".join(out)
    for row in ranking_rows(evaluations, repo):
        year, rank, sid, name, total, tier = row[:6]
        if headings is not None and year not in said:
            said.add(int(str(year)))
            out += [headings.get(int(str(year)), f"{year} 年度"), "年度\t名次\t总分\t档次\t学会（id）\t备注"]
        out.append(f"{year}\t{rank}\t{total:g}\t{tier}\t{name}（{sid}）\t{row[-1]}")
    return "\n".join(out)
