"""The JSON Schema of submissions, exported from the models so editors and forms never drift.

A year's schema lists that year's kinds and its event criteria. The schema of no particular
year (`schema/submission.schema.json`, which every report's first line names for editors)
lists every kind any year has, so that completion works in a report of any year; `check` holds
each report to its own year's kinds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel

from validators.findings import Finding, error
from validators.models.for_year import report_model, report_model_of, unsaid_phrases
from validators.models.society import SocietyProfile
from validators.year.cited import renumbering
from validators.year.criteria import with_year_criteria
from validators.year.files import available_years
from validators.year.guideline import Area, guideline
from validators.year.kinds import Kind, Kinds
from validators.year.text import cited_clauses_only

__all__ = ["SCHEMA_DIR", "expected_schema_files", "json_schema", "json_schema_text", "stale_schema_findings"]

SchemaKind = Literal["submission", "society"]
_TITLES = {"submission": "学会年度工作报告", "society": "学会资料"}


def all_kinds(root: Path | None = None) -> tuple[Kinds, list[Area]]:
    """Every kind and every area of every year, each code and area once with its newest words;
    a name an earlier year gave a code (a renamed kind) stays accepted as another way of
    writing it, so that every year's reports validate. Only what holds in every year is said: a
    kind's clause when every year that lists it numbers it alike (a year may renumber), an
    area's title when every year words it alike (else each wording with its years)."""
    years = [rules for y in available_years(root) if (rules := guideline(y, root)) is not None]
    merged: dict[str, list[Kind]] = {}
    areas: dict[str, list[tuple[int, Area]]] = {}
    for rules in years:
        for name in type(rules.kinds).model_fields:
            merged.setdefault(name, []).extend(rules.kinds.vocabulary(name))
        for area in rules.areas:
            areas.setdefault(area.key, []).append((rules.year, area))
    kinds = Kinds.model_validate({name: [k.model_dump() for k in _union(entries)]
                                  for name, entries in merged.items()})
    return kinds, [_newest_area(versions) for versions in areas.values()]


def _union(entries: list[Kind]) -> list[Kind]:
    """Oldest year first in, newest words out: each code once, every name it ever had; its
    clause only when every year that lists it gives the same."""
    newest: dict[str, Kind] = {}
    clauses: dict[str, set[str | None]] = {}
    for kind in entries:
        newest[kind.code] = kind
        clauses.setdefault(kind.code, set()).add(kind.clause)
    taken = {written: k.code for k in newest.values() for written in k.names()}
    names: dict[str, list[str]] = {}
    for kind in entries:
        for written in kind.names():
            if taken.setdefault(written, kind.code) == kind.code and written not in names.setdefault(kind.code, []):
                names[kind.code].append(written)
    return [k.model_copy(update={"aliases": [n for n in names[k.code] if n not in (k.label, k.code)],
                                 **({} if len(clauses[k.code]) == 1 else {"clause": None})})
            for k in newest.values()]


def _newest_area(versions: list[tuple[int, Area]]) -> Area:
    kinds = [k for _, area in versions for k in area.kinds or []]
    titles: dict[str, list[int]] = {}
    for year, area in versions:
        titles.setdefault(area.title, []).append(year)
    title = versions[-1][1].title if len(titles) == 1 else "／".join(
        f"{t}（{'、'.join(str(y) for y in ys)} 年度）" for t, ys in titles.items())
    return versions[-1][1].model_copy(update={"kinds": _union(kinds) if kinds else None, "title": title})


def _name_years(root: Path | None) -> dict[str, list[int]]:
    """Each kind's label, code or alias, with the years whose guideline lists it."""
    seen: dict[str, list[int]] = {}
    for year in available_years(root):
        rules = guideline(year, root)
        if rules is None:
            continue
        vocabularies = [rules.kinds.vocabulary(n) for n in type(rules.kinds).model_fields]
        vocabularies += [a.kinds or [] for a in rules.areas]
        for written in {w for entries in vocabularies for k in entries for w in k.names()}:
            seen.setdefault(written, []).append(year)
    return seen


def _with_years(node: Any, years: dict[str, list[int]], every: list[int]) -> Any:
    """The schema of no particular year: a kind's name some years lack says its years."""
    if isinstance(node, dict):
        done = {k: _with_years(v, years, every) for k, v in node.items()}
        const = done.get("const")
        if isinstance(const, str) and "title" in done and years.get(const, every) != every:
            these = "、".join(str(y) for y in years[const])
            said = f"{these} 年度" if const == done["title"] or const.isascii() else f"{these} 年度的名称"
            done["description"] = f"{done['description']}（{said}）" if done.get("description") else said
        return done
    if isinstance(node, list):
        return [_with_years(v, years, every) for v in node]
    return node


def _model(kind: SchemaKind, year: int | None, root: Path | None) -> type[BaseModel]:
    if kind == "society":
        return SocietyProfile
    if year is None:
        # Every year's report is edited against it: a guideline phrase is quoted only when every
        # year's text holds it (models/for_year.py).
        every = [rules for y in available_years(root) if (rules := guideline(y, root)) is not None]
        unsaid = {phrase for rules in every for phrase in unsaid_phrases(rules)}
        return report_model_of(*all_kinds(root), 0, unsaid=unsaid,
                               every_clauses=[list(rules.clauses) for rules in every],
                               every_renumbering=[renumbering(rules) for rules in every])
    rules = guideline(year, root)
    if rules is None:
        raise ValueError(f"no guideline for {year}")
    return report_model(rules)


def json_schema(kind: SchemaKind = "submission", year: int | None = None,
                root: Path | None = None) -> dict[str, Any]:
    """The schema of a file kind; for a submission of a given year, with that year's kinds and
    event category criteria (see year/criteria.py)."""
    generated = _model(kind, year, root).model_json_schema(mode="validation")
    name = f"{kind}-{year}" if year else kind
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                              "$id": f"{name}.schema.json", **generated, "title": _TITLES[kind]}
    if year is None and kind == "submission":
        schema = _with_years(schema, _name_years(root), list(available_years(root)))
    if year is not None and kind == "submission":
        rules = guideline(year, root)
        assert rules is not None
        schema = _cited_only(with_year_criteria(schema, rules), rules.clauses)
    return schema


def _cited_only(node: Any, clauses: Mapping[str, str]) -> Any:
    """Every description of a year's schema without mentions of clauses its text lacks."""
    if isinstance(node, dict):
        return {k: cited_clauses_only(v, clauses) if k == "description" and isinstance(v, str)
                else _cited_only(v, clauses) for k, v in node.items()}
    if isinstance(node, list):
        return [_cited_only(v, clauses) for v in node]
    return node


def json_schema_text(kind: SchemaKind = "submission", year: int | None = None,
                     root: Path | None = None) -> str:
    return json.dumps(json_schema(kind, year, root), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# The committed schemas (`schema/<kind>.schema.json`): editors read them through each report's
# first line, so a year file or model changed without them leaves every secretary's editor on
# the old kinds and words.
SCHEMA_DIR = "schema"


def expected_schema_files(root: Path) -> dict[Path, str]:
    """Each committed schema's path and the text the models and year files export for it."""
    return {root / SCHEMA_DIR / f"{kind}.schema.json": json_schema_text(kind, None, root)
            for kind in get_args(SchemaKind)}


def stale_schema_findings(root: Path) -> list[Finding]:
    """An error at each committed schema that is missing or differs from its export."""
    found = []
    for path, text in expected_schema_files(root).items():
        try:
            current: str | None = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            name = path.relative_to(root).as_posix()
            found.append(error(name, 1, 1, "E-SCHEMA-STALE",
                               f"{name} 与年度文件和模型导出的不一致（{'没有这个文件' if current is None else '内容过时'}）："
                               "编辑器和报告模板会按旧的类别和说明提示。请运行 python -m validators schema --write"
                               "（或任一 make 目标，它们会先运行这一步），把更新后的文件一起提交。"))
    return found
