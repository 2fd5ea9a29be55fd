"""Characters that hide, reorder or fake text (the ranges live in policy.yaml), and how to show
one so that a reader sees it is there instead of being misled by it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache


@cache
def compile_ranges(ranges: tuple[str, ...]) -> re.Pattern[str]:
    """`("0000-0008", "00AD", ...)`: hexadecimal code points and inclusive ranges."""
    parts = []
    for item in ranges:
        low, _, high = item.partition("-")
        parts.append(f"\\U{int(low, 16):08X}" + (f"-\\U{int(high, 16):08X}" if high else ""))
    return re.compile("[" + "".join(parts) + "]")


def describe(char: str) -> str:
    """`U+202E（RIGHT-TO-LEFT OVERRIDE）`: the code point, and its name when it has one."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f"（{name}）" if name else "")


def visible(text: str, hidden: re.Pattern[str]) -> str:
    """Each hidden character as `<U+XXXX>`, so that nothing is hidden and nothing is lost."""
    return hidden.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def code_points(text: str, hidden: re.Pattern[str]) -> Iterable[str]:
    return (m.group() for m in hidden.finditer(text))
