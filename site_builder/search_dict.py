"""The jieba user dictionary of the search index, built from the data.

Material's search segments Chinese with jieba when it builds the index, and in the browser
splits a query into words of that index. A society name such as 成都市机械工程学会 should be cut
at its parts (成都市 / 机械工程 / 学会), so that the name, its distinctive part and any word
that begins one of the parts all find the society. The dictionary therefore holds those parts
(the name without the city in front and the kind behind), the kinds, the disciplines and
the districts of the guideline years;
whole names and long titles would become single words and hide the words inside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from site_builder.context import SiteData
from validators.models.society import SocietyKind

FILE = "jieba-user-dict.txt"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CITY = ("成都市", "成都")
# Longest first, so 园区科协 wins over 科协 and 研究会 over 学会.
_SUFFIXES = sorted([k.label for k in SocietyKind] + ["科协", "联合会", "促进会"], key=len, reverse=True)


def core_name(run: str) -> str:
    for city in _CITY:
        if run.startswith(city):
            run = run[len(city):]
            break
    for suffix in _SUFFIXES:
        if run.endswith(suffix) and len(run) > len(suffix):
            return run[: -len(suffix)]
    return run


def words(values: Iterable[str]) -> list[str]:
    """The dictionary's words for these names and disciplines."""
    found: set[str] = set(_CITY[:1]) | set(_SUFFIXES)
    for value in values:
        for run in _HAN.findall(value):
            found.add(core_name(run))
    return sorted(w for w in found if len(w) >= 2)


def dictionary(site: SiteData) -> str:
    """One word a line; jieba gives each a frequency high enough to keep it whole."""
    values = [site.name(s) for s in site.societies]
    values += [p.discipline for s in site.societies if (p := site.profile(s)) is not None]
    # The districts are names in their own right (郫都区 is not 郫 / 都 / 区): a report's
    # services are found by theirs.
    places = sorted({d for y in site.years for d in site.guideline(y).districts})
    return "".join(f"{w}\n" for w in sorted(set(words(values)) | set(places)))
