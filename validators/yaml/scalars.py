"""How a plain (unquoted) scalar is typed: YAML 1.2's core schema, minus its traps."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# Where a value is in a document: keys and list indexes from the root (not a file path).
YamlPath = tuple[str | int, ...]

# YAML 1.2 core schema, minus the traps: a number is what it says, written as a reader writes
# it. A leading zero stays text (a phone number or a code keeps its zero); so do hexadecimal and
# octal (`0x10` would be scored 16, `0o17` 15, where the page shows what the file says) and a
# leading plus sign (`+3` reads as “3 more”, not as 3); `yes`/`no`/`on`/`off`/`1:20` are text, as
# in YAML 1.2. The models then refuse such text where a number belongs, saying how to write it.
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Every value typed as something other than text starts with one of these.
NUMERIC_START = frozenset("-+.0123456789~tTfFnN")


def resolve_plain(value: str) -> Any:
    if not value:  # `key:` with nothing after it is null, as in YAML 1.2 and the JSON Schema
        return None
    if value[0] not in NUMERIC_START:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts
            return value
    if _FLOAT.fullmatch(value):
        return float(value)
    if value in (".inf", "+.inf", "-.inf", ".nan", ".Inf", ".NaN"):
        return float(value.replace(".", ""))
    if len(value) == 10 and DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2017-02-30 stays text; the model says the date does not exist
            return value
    return value
