"""Countries and regions (clause 5.3) by ISO 3166-1, named as people write them.

Names come from kept data packages, not from this code: pycountry (the ISO codes, English
names and their Chinese translations) and Babel (CLDR's common names in Chinese and English,
such as 韩国 or South Korea). The year's guideline file adds the forms both lack.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Mapping
from functools import cache

import pycountry
from babel import Locale

__all__ = ["country_code", "country_key", "country_name", "country_table", "known_country_names",
           "other_countries"]


def country_key(name: str) -> str:
    """Case, width and spacing do not tell two names apart: `usa`, `ＵＳＡ` and `U S A` are one."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


_key = country_key


def country_table() -> dict[str, str]:
    """Every known name, normalised by `country_key`, to its code: the form counts with it."""
    return dict(_names())


@cache
def _names() -> dict[str, str]:
    """Every known name, normalised, to its alpha-2 code."""
    zh_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"],
                                 fallback=True)
    zh, en = Locale("zh").territories, Locale("en").territories
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = [code, country.alpha_3, country.name, zh_iso.gettext(country.name),
                 getattr(country, "common_name", ""), getattr(country, "official_name", ""),
                 zh.get(code, ""), en.get(code, "")]
        for name in names:
            if name:
                table.setdefault(_key(name), code)
    return table


def country_code(name: str, aliases: Mapping[str, str]) -> str | None:
    """The alpha-2 code `name` stands for, or None when it names no country or region."""
    key = _key(name)
    return _aliases(tuple(aliases.items())).get(key) or _names().get(key)


@cache
def _aliases(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """A year file's own names, normalised once."""
    return {_key(alias): code for alias, code in pairs}


def country_name(code: str) -> str:
    """The Chinese name the site shows for a code."""
    return str(Locale("zh").territories.get(code, code))


def known_country_names(aliases: Mapping[str, str]) -> list[str]:
    """Every Chinese or English name a hint may suggest."""
    return [*aliases, *_display_names()]


@cache
def _display_names() -> tuple[str, ...]:
    zh, en = Locale("zh").territories, Locale("en").territories
    codes = [c.alpha_2 for c in pycountry.countries]
    return (*(zh[c] for c in codes if c in zh), *(en[c] for c in codes if c in en))


def other_countries(have: list[str], n: int) -> list[str]:
    """`n` codes not among `have`, for a what-if copy of an event."""
    return [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in have][:n]
