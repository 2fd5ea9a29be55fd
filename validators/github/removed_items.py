"""The items of a published report that a pull request's replacement no longer has:
W-CYCLE-ITEMS-REMOVED.

After a year's submission closes, the report on the base branch is the published one. A pull
request that replaces it with a nearly blank one (an empty workbook uploaded by mistake, a
correction that drops many items) passes every check but the gate's deadline warning
(W-CYCLE-OBJECTION during the notice, W-CYCLE-ADMIN-CHANGE for an admin), and the score drop in
the comment is easily merged past. The gate reads the head's report as data (the workflow fetches
it through the API, as the ownership job fetches a new profile) and counts every list item of the
published report it no longer has, naming the first few in the words the online form says them in
(ITEMS_REMOVED); when an objection that lets the society correct its report names items (`named_entries`, as the site reads them), the removed items outside them are said
apart. A warning: a correction may remove an item on purpose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from validators.association.objection_items import named_entries
from validators.association.reviews import review_entries
from validators.findings import Finding, warning
from validators.github.changed_files import ChangedFile
from validators.models.common import SLUG_MAX_LENGTH, SLUG_PATTERN
from validators.models.for_year import report_model
from validators.models.report import YearReport
from validators.models.review import Objection
from validators.repository import SUBMISSIONS
from validators.submission_paths import PathKind, classify
from validators.yaml.loading import Loaded, load_bytes, load_path
from validators.yaml.policy import policy
from validators.year.cycle import ITEMS_NAMED, ITEMS_REMOVED
from validators.year.files import YearFileError
from validators.year.guideline import guideline

__all__ = ["MAX_REPLACED_REPORTS", "HeadReader", "items_dropped", "removed_items", "replaced_reports"]

# The bytes of a repository path in the pull request's head (None: not fetched, or no file).
HeadReader = Callable[[str], bytes | None]
_SLUG = re.compile(SLUG_PATTERN)
# A pull request can have only so many published reports compared; each costs one API call, and
# the workflow's job has minutes, not hours. The gate says when it compared fewer.
MAX_REPLACED_REPORTS = 30


def replaced_reports(changes: list[ChangedFile], root: Path, day: dt.date) -> list[str]:
    """The published reports a pull request replaces, each `submissions/<society>/<year>.yaml`
    (a slug folder, a four-digit year) of a year whose submission has closed by `day` (the base
    branch's calendar) that the base branch `root` has, by path: the workflow fetches the first
    MAX_REPLACED_REPORTS of these (and only these) from the head commit for the gate to compare."""
    found: set[str] = set()
    for change in changes:
        kind = classify(change.filename)
        society, year = kind.society, kind.year
        if change.status == "removed" or kind.kind is not PathKind.REPORT or society is None or year is None \
                or len(society) > SLUG_MAX_LENGTH or not _SLUG.fullmatch(society) \
                or not 1000 <= year <= 9999 or change.filename != f"{SUBMISSIONS}/{society}/{year}.yaml":
            continue
        published = root / SUBMISSIONS / society / f"{year}.yaml"
        rules = guideline(year, root)
        if rules is not None and rules.calendar is not None and rules.calendar.is_closed(day) \
                and published.is_file() and not published.is_symlink():
            found.add(change.filename)
    return sorted(found)


def _report(loaded: Loaded, year: int, root: Path) -> YearReport | None:
    if not loaded.ok:
        return None
    try:
        rules = guideline(year, root)
        return (report_model(rules) if rules is not None else YearReport).model_validate(loaded.data)
    except (ValidationError, YearFileError):
        return None


def _raw_items(data: Any, found: dict[str, str]) -> dict[str, str]:
    """Every mapping with a text `id` in a list, anywhere in `data`: the items of a report the
    model refuses (a superset of what the model names, so nothing is called removed wrongly)."""
    if isinstance(data, dict):
        for value in data.values():
            _raw_items(value, found)
    elif isinstance(data, list):
        for value in data:
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                title = next((t for t in (value.get("title"), value.get("name")) if isinstance(t, str) and t), "")
                found.setdefault(value["id"], title or value["id"])
            _raw_items(value, found)
    return found


def _items(loaded: Loaded, report: YearReport | None) -> dict[str, str]:
    """A report's list items, id: title (a claim has no row of its own: not an item here)."""
    if report is not None:
        return {e.id: e.title for e in review_entries(report) if e.fields is None}
    return _raw_items(loaded.data, {}) if loaded.data is not None else {}


def _by_id(item: tuple[str, str]) -> bytes:
    # By UTF-16 code units, as the form's JavaScript compares text: one order in both.
    return item[0].encode("utf-16-be", "surrogatepass")


def _dropped(before: Loaded, after: Loaded, year: int, root: Path) -> tuple[list[tuple[str, str]], YearReport | None]:
    base_report = _report(before, year, root)
    kept = _items(after, _report(after, year, root))
    gone = [(item, title) for item, title in _items(before, base_report).items() if item not in kept]
    return sorted(gone, key=_by_id), base_report


def items_dropped(before: Loaded, after: Loaded, year: int, root: Path) -> list[tuple[str, str]]:
    """The list items (id, title) of the report `before` that `after` no longer has, by id (the
    online form names them in this order before submitting: form-verified.js)."""
    return _dropped(before, after, year, root)[0]


def _named(items: list[tuple[str, str]]) -> str:
    said = [ITEMS_REMOVED["item"].format(title=title, id=item) if title != item else item for item, title in items]
    more = ITEMS_REMOVED["more"].format(count=len(said)) if len(said) > ITEMS_NAMED else ""
    return "、".join(said[:ITEMS_NAMED]) + more


def removed_items(path: str, society: str, year: int, root: Path, head: HeadReader, line: int,
                  answering: list[Objection]) -> Finding | None:
    """W-CYCLE-ITEMS-REMOVED when the head's `path` drops items of the published report (the base
    branch's `<year>.yaml`); `answering`: the open objections that let the society correct it."""
    published = root / SUBMISSIONS / society / f"{year}.yaml"
    data = head(path)
    if data is None or not published.is_file() or published.is_symlink():
        return None
    limits = policy().yaml.limits
    before = load_path(published, f"{SUBMISSIONS}/{society}/{year}.yaml", limits)
    after = load_bytes(data, path, limits)
    if after.data is None and data.strip():
        return None  # not YAML (its own check says why): no list to compare; a blank file has none
    gone, base_report = _dropped(before, after, year, root)
    if not gone:
        return None
    said = ITEMS_REMOVED["said"].format(year=year, count=len(gone), named=_named(gone))
    naming = [(o, {item for _, item, _ in named_entries(base_report, o.subject)})
              for o in answering] if base_report is not None else []
    naming = [(o, named) for o, named in naming if named]
    if naming:
        ids = "、".join(o.id for o, _ in naming)
        named = set().union(*(n for _, n in naming))
        outside = [(item, title) for item, title in gone if item not in named]
        said += (ITEMS_REMOVED["outside"].format(count=len(outside), ids=ids, named=_named(outside)) if outside
                 else ITEMS_REMOVED["within"].format(ids=ids))
    return warning(path, line, 1, "W-CYCLE-ITEMS-REMOVED", said + ITEMS_REMOVED["ask"])
