"""Renderers of evaluations: the ranking table and one society's breakdown, as text, JSON, CSV."""

from __future__ import annotations

import json

from validators.csv_export import to_csv
from validators.evaluation.scoring import AREAS, Evaluation
from validators.repository import Repository
from validators.year.guideline import available_years, guideline

__all__ = [
    "LINE_HEADER", "area_labels", "as_json", "line_rows", "name_of", "ranked", "ranking_header",
    "ranking_rows",
]


def area_labels(year: int | None = None) -> dict[str, str]:
    """Area titles of a guideline year (the latest by default)."""
    rules = guideline(year or available_years()[-1])
    return {a.key: a.title for a in rules.areas} if rules else {a: a for a in AREAS}


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
    rows: list[list[object]] = []
    rank_in_year: dict[int, int] = {}
    for e in ranked(evaluations):
        rank = rank_in_year[e.year] = rank_in_year.get(e.year, 0) + 1
        rows.append([e.year, rank, e.society, name_of(repo, e.society), e.total, e.tier,
                     *(e.subtotals.get(a, 0.0) for a in AREAS), findings_note(e)])
    return rows


def findings_note(e: Evaluation) -> str:
    """What the check said of the report, in a few words: 有错误的项目不计分."""
    if e.unreadable:
        return f"{e.errors} 个错误，{e.warnings} 个警告：报告无法读取或格式不符，未计分"
    blocked = "（有错误的项目不计分）" if e.errors else ""
    return f"{e.errors} 个错误{blocked}，{e.warnings} 个警告"


def ranking_header() -> list[str]:
    labels = area_labels()
    return ["年度", "名次", "学会 id", "学会名称", "总分", "档次", *(labels[a] for a in AREAS), "备注"]


LINE_HEADER = ["年度", "领域", "条款", "项目 id", "规则", "得分", "说明", "文件", "行"]


def line_rows(evaluation: Evaluation) -> list[list[object]]:
    labels = area_labels(evaluation.guideline_year)
    return [[evaluation.year, labels[x.area], x.clause or "", x.item_id or "", x.rule,
             x.points, x.note, x.file, x.line] for x in evaluation.lines]


def as_csv(evaluations: list[Evaluation], repo: Repository, society: str | None) -> str:
    if society:
        return to_csv(LINE_HEADER, [row for e in evaluations for row in line_rows(e)])
    return to_csv(ranking_header(), ranking_rows(evaluations, repo))


def as_text(evaluations: list[Evaluation], repo: Repository, society: str | None) -> str:
    out: list[str] = []
    if society:
        for e in evaluations:
            note = findings_note(e)
            out.append(f"{name_of(repo, e.society)} {e.year} 年：{e.total:g} 分，{e.tier}"
                       f"（指南 {e.guideline_year}，细则 {e.rubric}）；{note}")
            for x in e.lines:
                clause = f"条款 {x.clause}" if x.clause else "上限"
                code = f"（{x.finding}）" if x.finding else ""
                out.append(f"  {x.points:+g}\t{clause}\t{x.item_id or '-'}\t{x.note}{code}\t{x.file}:{x.line}")
            for a in e.advice:
                out.append(f"  建议（条款 {a.clause}，可加 {a.gain:g} 分）：{a.message}")
        return "\n".join(out)
    for row in ranking_rows(evaluations, repo):
        year, rank, sid, name, total, tier = row[:6]
        out.append(f"{year}\t{rank}\t{total:g}\t{tier}\t{name}（{sid}）\t{row[-1]}")
    return "\n".join(out)
