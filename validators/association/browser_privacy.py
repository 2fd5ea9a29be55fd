"""The check's personal-data rule (E-PRIVACY-*, validators/rules/text_fields.py) as a browser
runs it: the same patterns, written for JavaScript, the same identity-number check digits, the
same personal e-mail domains and the same words. The workbench reads this from its settings, so
that it refuses what `check` refuses without a second copy of any pattern.
"""

from __future__ import annotations

import re
from typing import Any

from validators.rules import text_fields
from validators.yaml.policy import policy

__all__ = ["browser_privacy_rule", "js_pattern"]


def js_pattern(pattern: re.Pattern[str]) -> dict[str, str]:
    """`pattern` for JavaScript's `new RegExp(source, flags)`, matching what Python matches: with
    the "u" flag, Python's `\\d` (any decimal digit, not only 0-9) is `\\p{Nd}`."""
    source = pattern.pattern.replace("\\d", "\\p{Nd}")
    return {"source": source, "flags": "u" + ("i" if pattern.flags & re.IGNORECASE else "")}


def browser_privacy_rule() -> dict[str, Any]:
    """Everything `text_fields.personal_data` decides with, for review-privacy.js."""
    return {
        "mobile": js_pattern(text_fields._MOBILE),
        "id_card": js_pattern(text_fields._ID_CARD),
        "id_separators": js_pattern(text_fields._ID_SEPARATORS),
        "email": js_pattern(text_fields._EMAIL),
        "url_in_text": js_pattern(text_fields._URL_IN_TEXT),
        "id_weights": list(text_fields._ID_WEIGHTS),
        "id_check": text_fields._ID_CHECK,
        "personal_domains": sorted(d.lower() for d in policy().privacy.personal_email_domains),
        "messages": {"E-PRIVACY-PHONE": text_fields.PHONE_MESSAGE,
                     "E-PRIVACY-ID-NUMBER": text_fields.ID_NUMBER_MESSAGE,
                     "E-PRIVACY-EMAIL": text_fields.EMAIL_MESSAGE},
    }
