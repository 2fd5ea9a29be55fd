"""One description per field: every field of every model carries its Chinese title and
description once, and the schema, the editor and the form all show that same text."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from site_builder.form_labels import FIELD_HELP, FIELD_TITLES, _fields
from validators.models.report import YearReport
from validators.models.review import ObjectionsFile, ReviewFile
from validators.models.society import SocietyProfile
from validators.schema import all_kinds, json_schema

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


@pytest.mark.parametrize("kind", ["submission", "society"])
def test_schema_titles_are_the_form_labels(kind: str) -> None:
    schema = json_schema(kind)
    root = "YearReport" if kind == "submission" else "SocietyProfile"
    definitions = {root: schema, **schema.get("$defs", {})}
    areas = {a.key for a in all_kinds()[1]}
    compared = 0
    for name, definition in definitions.items():
        for field, prop in definition.get("properties", {}).items():
            key = f"{name}.{field}"
            if name == root and field in areas:  # named in the newest words of its year
                continue
            if key not in FIELD_TITLES:  # an item of an area some year adds
                assert name.endswith("Item"), key
                continue
            assert prop.get("title") == FIELD_TITLES[key], key
            assert prop.get("description") == FIELD_HELP[key], key
            compared += 1
    assert compared >= 8
