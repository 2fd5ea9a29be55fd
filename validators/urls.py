"""The one test of "is this a web address we may publish": http/https with a host, nothing else."""

from __future__ import annotations

from urllib.parse import urlsplit

from validators.policy import policy


def is_web_url(text: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in policy().evidence.url_schemes and bool(parts.hostname)
