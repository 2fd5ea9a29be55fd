"""Chinese names in the order a Chinese list is read: by pinyin, then tone, character by
character (as the browser's `Intl.Collator("zh-Hans-CN-u-co-pinyin")` sorts a clicked column,
tables.js). Ids (cd-agri, cd-civil-arch) or character codes give an order no reader knows."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from pypinyin import Style, lazy_pinyin

__all__ = ["name_key"]

# One key per character: a Han character by its syllable and tone, anything else by itself
# (letters without their case). The groups come in the browser's order: punctuation and
# symbols, digits, Han, then letters. The name itself breaks a tie (case, heteronyms).
CharKey = tuple[int, str, int]
_HAN = 2


def _group(c: str) -> int:
    kind = unicodedata.category(c)
    return 0 if kind[0] in "PSZ" else 1 if kind == "Nd" else 3


@cache
def name_key(name: str) -> tuple[tuple[CharKey, ...], str]:
    # `errors` keeps each character that has no reading on its own, so syllables and characters
    # pair up one to one (the library accepts a list there; its type hints say text only).
    each: Any = list
    syllables = lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True, errors=each)
    if len(syllables) != len(name):  # not expected; the characters' own order then
        return tuple((_group(c), c, 0) for c in name), name
    return tuple((_HAN, s[:-1], int(s[-1])) if s != c and s[-1:].isdigit() else (_group(c), c.casefold(), 0)
                 for c, s in zip(name, syllables, strict=True)), name
