"""JSON read as untrusted data: a key given twice, or NaN and Infinity, is an error.

`json.loads` keeps the last of two equal keys, so `{"findings": [...], "findings": []}` would
read as a clean result; every JSON file the workflows hand to the bot is read through here.
"""

from __future__ import annotations

import json
from typing import Any


class StrictJsonError(ValueError):
    """Not JSON, or JSON that says one thing twice; the message never quotes the input."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJsonError("duplicate key in a JSON object")
        result[key] = value
    return result


def _constant(name: str) -> Any:
    raise StrictJsonError(f"{name} is not JSON")


def loads(data: str | bytes) -> Any:
    try:
        return json.loads(data, object_pairs_hook=_object, parse_constant=_constant)
    except StrictJsonError:
        raise
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise StrictJsonError(f"not JSON: {type(exc).__name__}") from None
