"""The jieba user dictionary of the search index, built from the data.

Material's search segments Chinese with jieba when it builds the index, and in the browser
splits a query into words of that index. A society name such as 成都市机械工程学会 should be cut
at its parts (成都市 / 机械工程 / 学会), so that the name, its distinctive part and any word
that begins one of the parts all find the society. The dictionary therefore holds those parts
(the name without the city in front and the kind behind), the kinds, the disciplines and
the districts of the guideline years;
whole names and long titles would become single words and hide the words inside them.

The indexed reports' terms (report_page.terms: item titles, organisations) add the runs of
single characters jieba leaves in them, joined: 中德智能机器人技术研讨会 was cut 中 / 德 / 智能 /
机器人, and the browser, which cuts a query into words of the index, searched 中德智能机器人 as
中*, 德*, 智能*, 机器人*: 中* is every word that begins with 中, 中医药学会 among them, and a
page whose title holds one (boosted a thousandfold) came before the report that says 中德. With
中德 a word, the index and the query both hold 中德 / 智能 / 机器人.

The organisations the indexed reports name (report_page.ORGANISATIONS: enterprises served,
commissioning bodies, partners) are words whole, unlike societies: a company is searched by its
full name, and its parts (成都, 示例, 计算 of 成都示例云计算有限公司) begin words of the society
pages' titles, which outweigh any report's text, so the report came after every such page.
Searched whole, the name is one word of the query and finds only the reports that name it; a
part of it (云计算) no longer finds it. Both kinds of word come from the indexed years' reports
only, so the dictionary grows with the index, not with the years.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from typing import Any

from site_builder import phase
from site_builder.context import SiteData
from site_builder.report_page import ORGANISATIONS, terms
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


@functools.cache
def _jieba() -> Any:
    """jieba's own dictionary, loaded once per process; each cut below works on a copy of it.
    Not Material's tokenizer (jieba.dt), which a preview's build may be adding words to."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    loaded = jieba.Tokenizer()
    loaded.initialize()
    return loaded


def joined_runs(base: Iterable[str], names: Iterable[str]) -> list[str]:
    """The runs of two or more single characters that jieba, with the `base` words added, cuts
    these names into, each joined into one word (中 / 德 in 中德智能机器人技术研讨会: 中德)."""
    import jieba

    loaded = _jieba()
    cutter = jieba.Tokenizer()
    cutter.FREQ, cutter.total, cutter.initialized = dict(loaded.FREQ), loaded.total, True
    for word in base:
        cutter.add_word(word)
    found: set[str] = set()
    for name in names:
        run: list[str] = []
        for token in [*cutter.cut(name), ""]:
            if len(token) == 1 and _HAN.fullmatch(token):
                run.append(token)
                continue
            if len(run) >= 2:
                found.add("".join(run))
            run = []
    return sorted(found)


def dictionary(site: SiteData) -> str:
    """One word a line; jieba gives each a frequency high enough to keep it whole."""
    values = [site.name(s) for s in site.societies]
    values += [p.discipline for s in site.societies if (p := site.profile(s)) is not None]
    # The districts are names in their own right (郫都区 is not 郫 / 都 / 区): a report's
    # services are found by theirs.
    places = sorted({d for y in site.years for d in site.guideline(y).districts})
    base = set(words(values)) | set(places)
    # What the index holds of the reports (report_page.search_terms): only the indexed years'.
    docs = [doc for y in sorted(phase.indexed_years(site)) for doc in site.reports_in(y)]
    # An organisation is searched by its whole name: 成都示例云计算有限公司, cut 成都 / 示例 / 云 /
    # 计算, was searched for 成都*, 示例* and 计算*, words of every society's page title (计算机),
    # and the pages whose titles held the most came first, the report after them.
    # A society named as an organisation (a station's partner) stays cut at its parts, as its
    # pages' titles are.
    societies = {run for v in values for run in _HAN.findall(v)}
    base |= {run for doc in docs for name in terms(doc, ORGANISATIONS) for run in _HAN.findall(name)
             if len(run) >= 2 and run not in societies}
    titles = [t for doc in docs for t in terms(doc)]
    return "".join(f"{w}\n" for w in sorted(base | set(joined_runs(base, titles))))
