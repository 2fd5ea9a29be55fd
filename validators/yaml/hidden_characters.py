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
    basic: list[str] = []
    astral: list[str] = []
    for item in ranges:
        low, _, high = item.partition("-")
        part = f"\\U{int(low, 16):08X}" + (f"-\\U{int(high, 16):08X}" if high else "")
        (astral if int(low, 16) > 0xFFFF else basic).append(part)
    # A class of characters up to U+FFFF is tested as a bitmap; one holding any character beyond
    # is a list of ranges tried one by one at every position, several times slower on every file
    # read. So the rare characters beyond U+FFFF are a second class, tried only after a test
    # that the character is beyond U+FFFF at all.
    pattern = "[" + "".join(basic) + "]" if basic else ""
    beyond = "[" + "".join(astral) + "]" if astral else ""
    whole = re.compile("|".join(p for p in (pattern, f"(?=[\\U00010000-\\U0010FFFF]){beyond}" if beyond else "")
                                if p) or "(?!)")
    # The same, as two patterns without an alternation (each tried at every character of a
    # whole file): what `first_of` searches with.
    _PARTS[whole] = (re.compile(pattern or "(?!)"), re.compile(beyond) if beyond else None)
    return whole


_PARTS: dict[re.Pattern[str], tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def first_of(text: str, ranges: re.Pattern[str]) -> re.Match[str] | None:
    """`ranges.search(text)` for a pattern from `compile_ranges`, several times faster over a
    whole file: the characters up to U+FFFF are one class, and those beyond are looked for only
    in a text that holds any (its UTF-16 form is then longer than two bytes a character)."""
    basic, beyond = _PARTS.get(ranges, (ranges, None))
    found = basic.search(text)
    if beyond is None or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return found
    return beyond.search(text, 0, found.start() if found else len(text)) or found


def describe(char: str) -> str:
    """`U+202E（RIGHT-TO-LEFT OVERRIDE）`: the code point, and its name when it has one."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f"（{name}）" if name else "")


def visible(text: str, hidden: re.Pattern[str]) -> str:
    """Each hidden character as `<U+XXXX>`, so that nothing is hidden and nothing is lost."""
    return hidden.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def code_points(text: str, hidden: re.Pattern[str]) -> Iterable[str]:
    return (m.group() for m in hidden.finditer(text))
