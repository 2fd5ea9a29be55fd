"""The one test of "is this a web address we may publish": http/https with a host, nothing else."""

from __future__ import annotations

import re
from functools import cache

from validators.policy import policy


@cache
def _web_url() -> re.Pattern[str]:
    schemes = "|".join(re.escape(s) for s in policy().evidence.url_schemes)
    # scheme://host[:port][/path?query#fragment], no whitespace or control characters anywhere,
    # no user-info (a host hidden behind "user@" misleads readers).
    return re.compile(rf"(?:{schemes})://[^\s\x00-\x1f\x7f/?#@\\]+(?:[/?#][^\s\x00-\x1f\x7f]*)?",
                      re.IGNORECASE)


def is_web_url(text: str) -> bool:
    return _web_url().fullmatch(text) is not None
