"""Which other files a check of a few changed files must read for the rules across files.

A changed report meets other files only through its own society's other years and through
ids and titles it shares with other societies (consortia, events, research). Reading every
file's bytes and searching them for those strings is far cheaper than parsing the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from validators.models.report import YearReport

_SEGMENT = re.compile(r"[^\s\"'\\]+")
NEEDLE_CHARS = 12  # long enough to be selective, short enough to survive YAML line folding


def needles(reports: Iterable[YearReport]) -> set[bytes]:
    """Strings that any file sharing an item with these reports must contain."""
    found: set[bytes] = set()
    for report in reports:
        found.update(c.id.encode("utf-8") for c in report.consortia)
        texts = [e.title for e in report.academic_events]
        texts += [r.title for r in report.research]
        for text in texts:
            longest = max(_SEGMENT.findall(text), key=len, default="")
            if longest:
                found.add(longest[:NEEDLE_CHARS].encode("utf-8"))
    return found


def related(tree: list[Path], targets: set[Path], societies: set[str], reports: list[YearReport],
            ) -> list[Path]:
    """Files of `tree` (other than the targets) that the cross-file rules need."""
    keys = needles(reports)
    chosen: list[Path] = []
    for path in tree:
        if path in targets:
            continue
        if path.parent.name in societies:
            chosen.append(path)
            continue
        if keys:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if any(key in data for key in keys):
                chosen.append(path)
    return chosen
