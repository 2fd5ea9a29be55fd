"""One description per field: every field of every model carries its Chinese title and
description once, and the schema, the editor and the form all show that same text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from site_builder.form_labels import FIELD_HELP, FIELD_TITLES, _fields
from tests.year_trees import renumbered_year_tree
from validators.models.report import YearReport
from validators.models.review import ObjectionsFile, ReviewFile
from validators.models.society import SocietyProfile
from validators.schema import all_kinds, json_schema
from validators.year.files import available_years

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ROOTS: list[type[BaseModel]] = [YearReport, SocietyProfile, ReviewFile, ObjectionsFile]
FIELDS = [pair for root in ROOTS for pair in _fields(root, set())]


@pytest.mark.parametrize(("key", "info"), FIELDS, ids=[key for key, _ in FIELDS])
def test_every_field_has_a_chinese_title_and_description(key, info) -> None:
    assert CHINESE.search(info.title or ""), key
    assert CHINESE.search(info.description or ""), key
    assert "_" not in info.title, f"{key}: a title is for readers, not a YAML key"


def test_there_are_fields_to_check() -> None:
    assert len(FIELDS) > 100


def _titles_are_the_form_labels(kind: str, root: Path | None = None) -> None:
    """Every field's title is the form's label; its description the form's help wherever every
    year's own schema says that help (a year may reword a clause the help quotes, and the schema
    of no particular year then says what holds in every year)."""
    schema = json_schema(kind, root=root)
    root_name = "YearReport" if kind == "submission" else "SocietyProfile"
    definitions = {root_name: schema, **schema.get("$defs", {})}
    areas = {a.key for a in all_kinds(root)[1]}
    years = [json_schema(kind, y, root) for y in available_years(root)] if kind == "submission" else []
    compared = 0
    for name, definition in definitions.items():
        for field, prop in definition.get("properties", {}).items():
            key = f"{name}.{field}"
            if name == root_name and field in areas:  # named in the newest words of its year
                continue
            if key not in FIELD_TITLES:  # an item of an area some year adds
                assert name.endswith("Item"), key
                continue
            assert prop.get("title") == FIELD_TITLES[key], key
            own = {_description(y, name, field) for y in years}
            if own - {FIELD_HELP[key]}:  # some year words it otherwise
                assert prop.get("description") != FIELD_HELP[key], key
                continue
            assert prop.get("description") == FIELD_HELP[key], key
            compared += 1
    assert compared >= 8


def _description(schema: dict, name: str, field: str) -> str | None:
    definition = schema if name == "YearReport" else schema.get("$defs", {}).get(name, {})
    value = definition.get("properties", {}).get(field, {}).get("description")
    return value if isinstance(value, str) else None


@pytest.mark.parametrize("kind", ["submission", "society"])
def test_schema_titles_are_the_form_labels(kind: str) -> None:
    _titles_are_the_form_labels(kind)


def test_an_added_year_keeps_the_schema_titles_the_form_labels(tmp_path: Path) -> None:
    """A 2019 that rewords 6's sentence on dates (and renumbers 七, adds 5.6)."""
    _titles_are_the_form_labels("submission", renumbered_year_tree(tmp_path / "tree"))
