"""A workbook's blank 编号 filled as the online form fills them (`RF.fillIds` in
site_builder/form/form-render.js): each item of a list whose items need an id, left without one,
takes the id the form gives a new item of its list (`new_id`: svc-2018-01, …), the first not used
anywhere in the file nor by a consortium the repository's reports lead (the form's published
consortia, `Repository.led_consortia`), in the file's order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from validators.models.for_year import nested_model
from validators.models.report import new_id

__all__ = ["fill_ids"]

Path_ = tuple[str | int, ...]


def _blank(value: object) -> bool:
    return value is None or value == ""


def _used(value: object) -> Iterator[str]:
    """Every id the file holds, at any depth."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "id" and isinstance(inner, str):
                yield inner
            yield from _used(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _used(inner)


def _blanks(value: object, model: type[BaseModel], path: Path_) -> Iterator[tuple[Path_, dict[str, Any], str]]:
    """(path, item, list name) of each item left without an id, in the order the form walks the
    report: the model's fields in their order, a list's blank items before what lies in them."""
    if not isinstance(value, dict):
        return
    for name, info in model.model_fields.items():
        if name not in value:
            continue
        inner, child = value[name], nested_model(info.annotation)
        if child is None:
            continue
        if isinstance(inner, list):
            wants_id = "id" in child.model_fields and child.model_fields["id"].is_required()
            for i, entry in enumerate(inner):
                if wants_id and isinstance(entry, dict) and _blank(entry.get("id")):
                    yield (*path, name, i), entry, name
            for i, entry in enumerate(inner):
                yield from _blanks(entry, child, (*path, name, i))
        else:
            yield from _blanks(inner, child, (*path, name))


def fill_ids(data: dict[str, Any], model: type[BaseModel], year: int, society: str = "",
             published: Callable[[], Iterable[str]] = tuple) -> list[Path_]:
    """Gives each item of `data` (a report as read, `model` its year's report model) left without
    an id the id the form gives a new one: `society` is the cover's id when it is a valid one
    (else "", as the form then names none); `published` gives the ids of the consortia published
    in the repository, which the form passes over too (asked for only when an id is blank). The
    paths of the items filled, in the order they were numbered."""
    blanks = list(_blanks(data, model, ()))
    if not blanks:
        return []
    used = set(_used(data)) | set(published())
    for _, entry, name in blanks:
        n = 1
        while new_id(name, year, n, society) in used:
            n += 1
        rest = {k: v for k, v in entry.items() if k != "id"}
        entry.clear()  # the id first, where the workbook's 编号 column puts it
        entry.update({"id": new_id(name, year, n, society), **rest})
        used.add(entry["id"])
    return [path for path, _, _ in blanks]
