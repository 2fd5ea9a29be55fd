"""Every kind a report names must be one of its year's kinds: a kind the year does not list
(misspelt, or another year's) is that item's error, so the item earns nothing and the rest of
the report still counts."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from validators.models.for_year import nested_model, vocabulary_fields
from validators.models.labelled import UnknownTerm
from validators.models.report import YearReport
from validators.rules.rule_context import RuleContext
from validators.year.former import earlier_name, former_kind

__all__ = ["check", "check_raw"]


@cache
def _fields_to_read(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """(field, its vocabulary or None) for the fields that hold a kind or a model: the rest
    (text, numbers, dates) cannot hold a kind, and a report has hundreds of them."""
    marked = vocabulary_fields(model)
    return tuple((name, marked.get(name)) for name, info in model.model_fields.items()
                 if name in marked or nested_model(info.annotation) is not None)


def _walk(model: BaseModel, path: tuple[str | int, ...], ctx: RuleContext) -> None:
    for name, vocabulary in _fields_to_read(type(model)):
        value = getattr(model, name)
        if vocabulary is not None and isinstance(value, UnknownTerm):
            _refuse((*path, name), value, vocabulary, ctx)
        elif isinstance(value, BaseModel):
            _walk(value, (*path, name), ctx)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk(item, (*path, name, i), ctx)


def _refuse(path: tuple[str | int, ...], value: UnknownTerm, vocabulary: str, ctx: RuleContext) -> None:
    kinds = ctx.guideline.vocabulary(vocabulary)
    options = "、".join(k.label for k in kinds)
    hint = ctx.closest(str(value), [n for k in kinds for n in k.names()], ctx.policy.suggestions.kind_similarity)
    meant = ctx.guideline.kind(vocabulary, hint) if hint else None
    said = earlier_name(str(value), vocabulary, ctx.guideline, ctx.root) or (f"你是不是想写“{meant.label}”？" if meant else "")
    # A former name cites the clause of the kind it was renamed to (科技扶贫 → 乡村振兴, 7.2): the
    # year files link the two; a guessed spelling is no such link.
    former = former_kind(str(value), vocabulary, ctx.guideline, ctx.root)
    renamed = former[3] if former is not None else None
    ctx.error(path, "E-KIND-UNKNOWN",
              f"“{value}”不是 {ctx.guideline.year} 年度的{ctx.guideline.vocabulary_title(vocabulary)}：可选 {options}。"
              f"{said}这一项在改正之前不计分。", renamed.clause if renamed is not None else None)


def check(report: YearReport, ctx: RuleContext) -> None:
    _walk(report, (), ctx)


def check_raw(data: Any, model: type[BaseModel], ctx: RuleContext,
              path: tuple[str | int, ...] = ()) -> None:
    """The same, over a report its model refused (for other mistakes): every kind it names is
    still held to the year's, so that all the file's mistakes are said at once."""
    if not isinstance(data, dict):
        return
    marked = vocabulary_fields(model)
    for name, info in model.model_fields.items():
        value = data.get(name)
        if name in marked:
            if isinstance(value, str) and value.strip() and ctx.guideline.kind(marked[name], value) is None:
                _refuse((*path, name), UnknownTerm(value), marked[name], ctx)
            continue
        inner = nested_model(info.annotation)
        if inner is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                check_raw(item, inner, ctx, (*path, name, i))
        else:
            check_raw(value, inner, ctx, (*path, name))
