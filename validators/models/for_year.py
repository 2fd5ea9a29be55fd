"""A year's own report model: the static models with the year's kinds in every field marked
with a `Vocabulary`, built once per year from the year file's `kinds:`.

A kind the year does not list is kept as written (an `UnknownTerm`) and refused by the rules as
that item's own error: one item naming a 2019 kind in a 2018 report costs that item, not the
report. The year's kinds are its own: a kind added in 2019 is unknown to 2018's model.
"""

from __future__ import annotations

import copyreg
import enum
import json
import sys
import typing
from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, Field, create_model
from pydantic.fields import FieldInfo

from validators.models.labelled import LabelledEnum, OpenKind, Quoting, Vocabulary
from validators.models.major_work import AreaItem
from validators.models.report import YearReport
from validators.yaml.policy import policy
from validators.year.cited import renumbering
from validators.year.guideline import AREA_VOCABULARY, Area, Guideline
from validators.year.kinds import Kind, Kinds
from validators.year.quotes import holds
from validators.year.text import area_clauses, area_numeral, clause_ranges_of_year, renumbered

__all__ = ["area_item_name", "item_model", "kind_enum", "nested_model", "report_model", "report_model_of",
           "unsaid_phrases", "vocabulary_fields", "year_classes"]


def _vocabulary(info: FieldInfo) -> Vocabulary | None:
    return next((m for m in info.metadata if isinstance(m, Vocabulary)), None)


def _quoting(info: FieldInfo) -> Quoting | None:
    return next((m for m in info.metadata if isinstance(m, Quoting)), None)


@cache
def _quoted_phrases() -> tuple[str, ...]:
    """Every phrase of the guideline a model's description says (`Quoting`)."""
    return tuple(sorted({q.phrase for model in year_classes(YearReport).values()
                         for info in model.model_fields.values() if (q := _quoting(info))}))


def unsaid_phrases(rules: Guideline) -> list[str]:
    """The phrases the models' descriptions quote that the year's text (its clauses and area
    titles) does not hold: a year that rewords them is described in other words."""
    said = [*rules.clauses.values(), *(a.title for a in rules.areas)]
    return [p for p in _quoted_phrases() if not holds(p, *said)]


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `list[Model]`, `Model | None` or `Model`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        inner = nested_model(arg)
        if inner is not None:
            return inner
    return None


def _replace(annotation: Any, old: type[BaseModel], new: type[BaseModel]) -> Any:
    """`annotation` with `old` replaced by `new` wherever it appears."""
    if annotation is old:
        return new
    args = typing.get_args(annotation)
    if not args:
        return annotation
    origin = typing.get_origin(annotation)
    replaced = tuple(_replace(a, old, new) for a in args)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        return typing.Union[replaced]  # noqa: UP007 (built from parts)
    if origin is Annotated:
        return Annotated[(replaced[0], *annotation.__metadata__)]
    return origin[replaced] if origin is not None else annotation


@cache  # models are built once per year and never change
def vocabulary_fields(model: type[BaseModel]) -> dict[str, str]:
    """`field: vocabulary` for the fields of `model` marked with one."""
    return {name: v.name for name, info in model.model_fields.items() if (v := _vocabulary(info))}


def _rebuild(model: type[BaseModel], enums: dict[str, type[LabelledEnum]],
             describe: Callable[[FieldInfo], str]) -> type[BaseModel]:
    """`model` with the year's kinds in its vocabulary fields and its descriptions as `describe`
    words them for the year (in its words, with the clause ranges its text numbers), in it and
    every model it holds."""
    fields: dict[str, Any] = {}
    for name, original in model.model_fields.items():
        described = describe(original)
        info = (original if described == (original.description or "")
                else FieldInfo.merge_field_infos(original, description=described))
        vocabulary = _vocabulary(info)
        if vocabulary is not None:
            kind = enums[vocabulary.name]
            annotation = kind | None if type(None) in typing.get_args(info.annotation) else kind
            fields[name] = (annotation, info)
            continue
        inner = nested_model(info.annotation)
        built = None if inner is None else _rebuild(inner, enums, describe)
        if inner is not None and built is not None and built is not inner:
            fields[name] = (_replace(info.annotation, inner, built), info)
        elif info is not original:
            fields[name] = (info.annotation, info)
    if not fields:
        return model
    made: type[BaseModel] = create_model(model.__name__, __base__=model, **fields)
    return made


def _enums(kinds: Kinds, year: int) -> dict[str, type[LabelledEnum]]:
    return {name: _enum(name, kinds.vocabulary(name), year) for name in type(kinds).model_fields}


def _enum(name: str, entries: list[Kind], year: int) -> type[LabelledEnum]:
    title = "".join(part.title() for part in name.replace(":", "_").split("_"))
    return OpenKind.of_year(f"{title}{year}", [(k.code, k.label, k.clause, k.aliases) for k in entries])


def _added_area(area: Area, year: int, clauses: list[str] | None) -> tuple[Any, Any]:
    """The field of an area a year adds: a list of items written like 七's, of its own kinds,
    described as 七's are, with the clauses the year's text numbers in the area."""
    vocabulary = f"{AREA_VOCABULARY}{area.key}"
    kind = _enum(vocabulary, area.kinds or [], year)
    info = AreaItem.model_fields["kind"]
    cited = area_clauses(area.id, clauses) if clauses is not None else ""
    fields: dict[str, Any] = {"kind": (Annotated[kind, Vocabulary(vocabulary), Field(
        title=info.title, description=f"本年度“{area.title}”的类别之一{cited}")], ...)}
    # Named after its area: the schema's definitions, and the form's labels, are keyed by it.
    item = create_model(area_item_name(area.key), __base__=AreaItem, **fields)
    return (Annotated[list[item], Field(  # type: ignore[valid-type]
        max_length=policy().yaml.max_list_items, title=f"{area_numeral(area.id)}、{area.title}",
        description=f"本学会在“{area.title}”方面的工作，每项工作写一项{cited}")], [])


def _moved(words: str, renumbering: dict[str, str] | None) -> str:
    return words if renumbering is None else renumbered(words, renumbering)


def area_item_name(key: str) -> str:
    """`digital_services` → `DigitalServicesItem`: the model of an added area's items."""
    return "".join(part.title() for part in key.split("_")) + "Item"


@cache
def _cached(spec: str, year: int) -> type[YearReport]:
    # Year 0: the kinds of every year at once, for the schema of no particular year. The classes
    # keep their names: the schema's definitions (and the form's field keys) are named by them.
    data = json.loads(spec)
    kinds = Kinds.model_validate(data["kinds"])
    added = [Area.model_validate(a) for a in data["added"]]
    clauses: list[str] | None = data["clauses"]
    every: list[list[str]] = data.get("every_clauses", [])
    # The first year's numbers (the models') as the year numbers them; none: as written.
    moved: dict[str, str] | None = data.get("renumbering")
    every_moved: list[dict[str, str] | None] = data.get("every_renumbering", [None] * len(every))
    unsaid: list[str] = data["unsaid"]
    titles = {a["key"]: a["title"] for a in data["areas"]}

    def describe(info: FieldInfo) -> str:
        """A description in the year's words: a guideline phrase its text does not hold said
        otherwise; the clauses the models cite (in the first year's numbers) as the year numbers
        them, and their ranges as its text runs (the schema of no particular year says a clause
        or a range only when every year numbers it alike)."""
        quoting = _quoting(info)
        words = (quoting.otherwise.format_map(titles) if quoting is not None and quoting.phrase in unsaid
                 else info.description or "")
        if clauses is not None:
            return clause_ranges_of_year(_moved(words, moved), set(clauses))
        if not every:
            return words
        ranged = {clause_ranges_of_year(_moved(words, m), set(c)) for c, m in zip(every, every_moved, strict=True)}
        if len(ranged) == 1:
            return ranged.pop()
        alike = [m for m in every_moved if m is not None]
        common = {c: to for c, to in alike[0].items() if all(m.get(c) == to for m in alike)} if alike else None
        return clause_ranges_of_year(_moved(words, common), set())

    built = _rebuild(YearReport, _enums(kinds, year), describe)
    titled = _titled(built, [Area.model_validate(a) for a in data["areas"]])
    fields: dict[str, Any] = {**titled, **{a.key: _added_area(a, year, clauses) for a in added}}
    if fields:
        built = create_model("YearReport", __base__=built, **fields)
    assert issubclass(built, YearReport)
    _register(built, spec, year)
    return built


# A year's classes are built at run time, so pickle cannot find them by name: each is reduced to
# what built it (the year's spec and number) and its place among that build's classes. The
# receiving process finds the class in its own build of that spec, building it if it has none
# (a year file saved while a worker read it: the worker's spec is not the receiver's). A
# worker's checked report then travels as the model itself, instead of as data that the
# receiving process would validate again. Pickle sends each spec once per message (its memo).
_PLACES: dict[type, tuple[str, int, int]] = {}  # class -> (spec, year, place)


def _register(model: type[BaseModel], spec: str, year: int) -> None:
    classes: list[type] = []
    _classes(model, classes)
    for place, cls in enumerate(classes):
        module = sys.modules.get(cls.__module__)
        if getattr(module, cls.__qualname__, None) is cls:
            continue  # a static class: pickle finds it by its name
        _PLACES[cls] = (spec, year, place)
        copyreg.pickle(cls, _reduce_member if issubclass(cls, enum.Enum) else _reduce_model)


def _classes(annotation: Any, found: list[type]) -> None:
    """Every model and enumeration in `annotation`, depth first, each once."""
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, enum.Enum)):
        if annotation not in found:
            found.append(annotation)
            if issubclass(annotation, BaseModel):
                for info in annotation.model_fields.values():
                    _classes(info.annotation, found)
        return
    for arg in typing.get_args(annotation):
        _classes(arg, found)


@cache
def _class_at(spec: str, year: int, place: int) -> type:
    classes: list[type] = []
    _classes(_cached(spec, year), classes)
    return classes[place]


def _reduce_model(model: BaseModel) -> tuple[Any, ...]:
    return _blank_model, _PLACES[type(model)], model.__getstate__()


def _blank_model(spec: str, year: int, place: int) -> BaseModel:
    cls = typing.cast(type[BaseModel], _class_at(spec, year, place))
    return cls.__new__(cls)  # pickle then gives it its state (BaseModel.__setstate__)


def _reduce_member(member: enum.Enum) -> tuple[Any, ...]:
    return _member, (*_PLACES[type(member)], member.value)


def _member(spec: str, year: int, place: int, value: str) -> enum.Enum:
    cls = typing.cast(type[enum.Enum], _class_at(spec, year, place))
    return cls(value)


def _titled(model: type[BaseModel], areas: list[Area]) -> dict[str, Any]:
    """The guideline's areas under the year's own titles (a year may reword one)."""
    fields: dict[str, Any] = {}
    for area in areas:
        info = model.model_fields.get(area.key)
        title = f"{area_numeral(area.id)}、{area.title}"
        if info is not None and info.title != title:
            fields[area.key] = (info.annotation, FieldInfo.merge_field_infos(info, title=title))
    return fields


def report_model_of(kinds: Kinds, areas: list[Area], year: int,
                    clauses: Collection[str] | None = None, unsaid: Collection[str] = (),
                    every_clauses: Collection[Collection[str]] = (),
                    renumbering: Mapping[str, str] | None = None,
                    every_renumbering: Collection[Mapping[str, str]] = ()) -> type[YearReport]:
    """The report model of a year with these kinds and areas (the seven under the year's titles,
    and any it adds), citing the clauses the models name as `renumbering` (`cited.renumbering`)
    maps them to the year's and their ranges as its text numbers them, and saying otherwise the
    guideline phrases its text does not hold (`unsaid`): built once for each. The model of no
    particular year (`clauses` None) cites a clause or a range only as every year
    (`every_clauses`, `every_renumbering`, in the same order) numbers it alike."""
    spec = json.dumps({"kinds": kinds.model_dump(mode="json"),
                       "clauses": None if clauses is None else sorted(clauses),
                       **({"every_clauses": [sorted(c) for c in every_clauses]} if every_clauses else {}),
                       **({"renumbering": dict(renumbering)} if renumbering is not None else {}),
                       **({"every_renumbering": [dict(m) for m in every_renumbering]} if every_renumbering else {}),
                       "unsaid": sorted(unsaid),
                       "areas": [a.model_dump(mode="json") for a in areas],
                       "added": [a.model_dump(mode="json") for a in areas if a.kinds is not None]},
                      sort_keys=True)
    return _cached(spec, year)


def report_model(rules: Guideline) -> type[YearReport]:
    """A year's report model, from its guideline: its kinds, its areas' titles, the areas it adds.
    Remembered for the guideline object itself (read once per year), as every file asks."""
    known = _models_of.get(id(rules))
    if known is None or known[0] is not rules:
        if len(_models_of) >= _MODELS_KEPT:  # the preview reads the year files again after edits
            _models_of.pop(next(iter(_models_of)))
        known = _models_of[id(rules)] = (rules, report_model_of(rules.kinds, rules.areas, rules.year,
                                                                         rules.clauses, unsaid_phrases(rules),
                                                                         renumbering=renumbering(rules)))
    return known[1]


# id(guideline) -> (the guideline, kept alive so its id is not reused; its report model)
_models_of: dict[int, tuple[Guideline, type[YearReport]]] = {}
_MODELS_KEPT = 64


def item_model(container: BaseModel, field: str) -> type[BaseModel]:
    """The year's model of the items of `container.field` (a list or an optional model): what a
    what-if copy builds a new item with, so that its kinds are the year's."""
    found = nested_model(type(container).model_fields[field].annotation)
    assert found is not None, field
    return found


def year_classes(report: type[YearReport]) -> dict[str, type[BaseModel]]:
    """Every model class a year's report model holds, by name (`AcademicEvent`, `Service`, …)."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[type[BaseModel]] = [report]
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        todo += [inner for info in model.model_fields.values() if (inner := nested_model(info.annotation))]
    return found


def kind_enum(model: type[BaseModel], field: str) -> type[LabelledEnum]:
    """The year's kinds a field of a year's model accepts."""
    annotation = model.model_fields[field].annotation
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, LabelledEnum):
            return arg
    raise KeyError(field)
