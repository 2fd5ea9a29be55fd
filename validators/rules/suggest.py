"""The listed name a user most likely meant: 北京市 → 北京, 武侯 → 武侯区, 医药 → 医药健康."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

from validators.year.measures import DID_YOU_MEAN


def likely(name: str, options: Iterable[str]) -> str | None:
    """The one option that contains `name` or is contained in it; None when none or several do."""
    name = name.strip()
    hits = [o for o in options if name and (o in name or name in o)]
    return hits[0] if len(hits) == 1 else None


def did_you_mean(name: str, options: Iterable[str]) -> str:
    """A hint sentence to append to a message, or nothing."""
    match = likely(name, options)
    return DID_YOU_MEAN.format(match=match) if match and match != name else ""


@lru_cache(maxsize=4096)
def closest_name(name: str, options: tuple[str, ...], cutoff: float = 0.5) -> str | None:
    """The option nearest to `name` by difflib's ratio; kept, since reports repeat their mistakes."""
    close = difflib.get_close_matches(name, options, n=1, cutoff=cutoff)
    return close[0] if close else None
