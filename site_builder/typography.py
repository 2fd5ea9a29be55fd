"""Chinese typography of the sentences the evaluation writes: no space between two CJK
characters (“服务站 建于” reads as a gap in Chinese). Applied to computed notes and messages,
not to what a society typed, which is published as typed."""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


def tight(sentence: str) -> str:
    """`服务站 建于 2017-07-01` → `服务站建于 2017-07-01` (spaces next to digits stay)."""
    return _GAP.sub("", sentence)
