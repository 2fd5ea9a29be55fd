"""What a verdict covers: the content of one item of a report as the staff saw it.

The site computes a short digest of each item's content (a canonical JSON of what the model
holds, hashed) and the workbench copies it into the review file beside the verdict
(`ItemReview.content`, `RestReview.contents`). An item whose content differs from the one its
verdict records is waiting for verification again: a verdict never approves what was written
after it. The workbench never hashes anything itself: this is the only place digests are made.

A list of plain values in a report (evidence, a consortium's members, the provinces and the
countries of an event) is a set: what it holds counts, never the order it is written in, so
moving one entry before another is no change. A list of items (an event's achievements) keeps
its order, which may decide what a rule's cap counts.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

__all__ = ["DIGEST_CHARS", "content_digest"]

# Hexadecimal characters kept of the SHA-256: 64 bits tell apart the versions of one report's items.
DIGEST_CHARS = 16


def content_digest(item_id: str, model: BaseModel, fields: tuple[str, ...] | None = None) -> str:
    """The digest of an item's content: `model` is the item (`fields` None) or, for a claim of
    an area (enterprise_platform_registered…), the area with the claim's own `fields`.

    The same content gives the same digest whatever the order of its keys or the spelling of its
    values the model accepts (a kind's code or its Chinese label, a default written or left out);
    any change of any field gives another, but the order of a list of plain values."""
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_defaults=True)
    if fields is not None:
        dumped = {name: dumped[name] for name in fields if name in dumped}
    dumped = _as_sets(dumped)
    canonical = json.dumps({"item": item_id, "content": dumped}, ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def _as_sets(value: Any) -> Any:
    """`value` with every list of plain values in a canonical order (a list of objects keeps its)."""
    if isinstance(value, dict):
        return {key: _as_sets(inner) for key, inner in value.items()}
    if isinstance(value, list):
        inner = [_as_sets(v) for v in value]
        if all(not isinstance(v, (dict, list)) for v in inner):
            return sorted(inner, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        return inner
    return value
