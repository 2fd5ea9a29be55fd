"""The common case at a compiled parser's speed: a plain, valid report read by yaml-rs.

yaml-rs (Rust) builds the data several times faster than libyaml composes its nodes, but it is
a YAML 1.2 parser with its own typing (`0123` is 123, a quoted date is a date) and no source
marks. So it reads only texts that cannot tell the two apart, its data is checked against the
project's typing, and everything else, including every text it refuses, goes to the located
loader, which alone writes findings. Source marks are found later, only where something asks.

`tests/test_fast_path.py` is the differential test: the YAML test suite, the hostile corpus,
the samples and generated documents give the same data, strings, marks and findings either way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml_rs

from validators.yaml.scalars import NUMERIC_START, YamlPath, resolve_plain

# Characters after which the located loader reads the text: anchors, aliases, tags, directives
# and merge keys are refused or typed by it; tabs, flow mappings and escapes are where libyaml
# and yaml-rs disagree at the edges (the YAML test suite shows where) or where an escape could
# write a hidden character.
_LEFT_TO_LOCATED = "&*!%{\t\\<"
# Forms yaml-rs types otherwise than the located loader, each found from a rare first character
# (one pattern each: Python's engine skips ahead to a literal, not to an alternation):
_GATES = tuple(re.compile(p, re.MULTILINE) for p in (
    # a number with a leading zero or a base prefix, signed or not (yaml-rs: 0123 is 123, 0x10
    # is 16; the project keeps both text);
    r"0(?:(?<=[\s\[,:]0)|(?<=[\s\[,:][-+.]0)|(?<=[\s\[,:][-+]\.0))[0-9bBoOxX]",
    # an underscore beside a digit (yaml-rs: 1_000 is 1000);
    r"_(?:(?<=[0-9]_)|(?=[0-9]))",
    # infinities and NaN in any case;
    r"\.(?:[iI][nN][fF]|[nN][aA][nN])\b",
    # quoted text that starts like a number or a date (yaml-rs: "2017-01-05" is a date);
    r"\"(?=[-+]?[0-9.])",
    r"'(?=[-+]?[0-9.])",
    # block scalars: a strip-chomped one can hold exactly a date, and one that ends the file
    # gets a final line break from yaml-rs that libyaml does not give it;
    r"\|[-+0-9]*[ ]*(?:#.*)?\r?$",
    r">[-+0-9]*[ ]*(?:#.*)?\r?$",
    # flow sequences that are not empty (libyaml refuses `[?]`, `[:x]`, `[a:]` and more that
    # yaml-rs reads), line breaks that are a lone CR (the depth guard counts lines by LF),
    # document markers, explicit keys, trailing spaces (libyaml and yaml-rs differ on them).
    # A line may end in CRLF (Windows editors): `$` is before the LF.
    r"\[(?!\])",
    r"\r(?!\n)",
    r"\n(?:---|\.\.\.)",
    r"\?(?:(?<=\s\?)|(?<=^\?))(?!\S)",
    r"[ ]\r?\n",
    # a number written with a plus sign (yaml-rs: +12 is 12; the project keeps it text).
    r"\+(?:(?<=[\s\[,:]\+))(?=\.?[0-9])",
))
_SCALARS = (int, float, bool, dt.date, type(None))
# Keys already seen to be plain text: a report's few dozen field names are looked at once per
# process, not at every item. Bounded, since hostile files may hold any number of keys.
_TEXT_KEYS: set[str] = set()
_TEXT_KEYS_MAX = 4096


class NotFast(Exception):
    """The data holds something only the located loader may say."""


def _typed(value: Any, path: YamlPath, strings: list[tuple[YamlPath, str]]) -> None:
    """Raises NotFast unless the data is what the located loader gives (then it is kept as it
    is, not copied); gathers its strings in document order."""
    if value.__class__ is dict and not _TEXT_KEYS.issuperset(value):
        for key in value:
            # A key that is not text, or text the project types as something else, is a finding.
            if key.__class__ is not str or not key or (key[0] in NUMERIC_START
                                                      and resolve_plain(key).__class__ is not str):
                raise NotFast
        if len(_TEXT_KEYS) < _TEXT_KEYS_MAX:
            _TEXT_KEYS.update(value)
    for step, item in value.items() if value.__class__ is dict else enumerate(value):
        kind = item.__class__
        if kind is str:
            strings.append(((*path, step), item))
        elif kind is dict or kind is list:
            _typed(item, (*path, step), strings)
        elif kind not in _SCALARS:
            raise NotFast  # a date-time


def fast_load(text: str) -> tuple[dict[str, Any], list[tuple[YamlPath, str]]] | None:
    """The data and its strings, or None where the located loader must read the text."""
    if any(c in text for c in _LEFT_TO_LOCATED) or not text.endswith("\n"):
        return None
    if any(gate.search(text) for gate in _GATES):
        return None
    try:
        raw = yaml_rs.loads(text, parse_datetime=True)
    except Exception:  # any refusal is the located loader's to explain, with its position
        return None
    if raw.__class__ is not dict or not raw:
        return None
    strings: list[tuple[YamlPath, str]] = []
    try:
        _typed(raw, (), strings)
    except (NotFast, RecursionError):
        return None
    return raw, strings
