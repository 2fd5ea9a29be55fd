"""The items of a published report that a pull request's replacement no longer has:
W-CYCLE-ITEMS-REMOVED.

After a year's submission closes, the report on the base branch is the published one. A pull
request that replaces it with a nearly blank one (an empty workbook uploaded by mistake, a
correction that drops many items) passes every check but the gate's deadline warning
(W-CYCLE-OBJECTION during the notice, W-CYCLE-ADMIN-CHANGE for an admin), and the score drop in
the comment is easily merged past. The gate reads the head's report as data (the workflow fetches
it through the API, as the ownership job fetches a new profile) and names every list item of the
published report it no longer has; when an objection that lets the society correct its report
names items (`named_entries`, as the site reads them), the removed items outside them are said
apart. A warning: a correction may remove an item on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from validators.association.objection_items import named_entries
from validators.association.reviews import review_entries
from validators.findings import Finding, warning
from validators.github.changed_files import ChangedFile
from validators.models.for_year import report_model
from validators.models.report import YearReport
from validators.models.review import Objection
from validators.repository import SUBMISSIONS
from validators.submission_paths import PathKind, classify
from validators.yaml.loading import Loaded, load_bytes, load_path
from validators.yaml.policy import policy
from validators.year.files import YearFileError
from validators.year.guideline import guideline

__all__ = ["HeadReader", "items_dropped", "removed_items", "replaced_reports"]

# The bytes of a repository path in the pull request's head (None: not fetched, or no file).
HeadReader = Callable[[str], bytes | None]


def replaced_reports(changes: list[ChangedFile]) -> list[str]:
    """The reports a pull request leaves in its head (its new end, for a rename): the workflow
    fetches these (and only these) from the head commit for the gate to compare."""
    found: list[str] = []
    for change in changes:
        kind = classify(change.filename)
        if change.status != "removed" and kind.kind is PathKind.REPORT and kind.year is not None \
                and change.filename == f"{SUBMISSIONS}/{kind.society}/{kind.year}.yaml":
            found.append(change.filename)
    return list(dict.fromkeys(found))


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


def _dropped(before: Loaded, after: Loaded, year: int, root: Path) -> tuple[list[tuple[str, str]], YearReport | None]:
    base_report = _report(before, year, root)
    kept = _items(after, _report(after, year, root))
    return [(item, title) for item, title in _items(before, base_report).items() if item not in kept], base_report


def items_dropped(before: Loaded, after: Loaded, year: int, root: Path) -> list[tuple[str, str]]:
    """The list items (id, title) of the report `before` that `after` no longer has, in the
    file's order (the online form says the same before submitting: form-verified.js)."""
    return _dropped(before, after, year, root)[0]


def _named(items: list[tuple[str, str]]) -> str:
    return "、".join(f"“{title}”（{item}）" if title != item else item for item, title in items)


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
    said = (f"这份报告将替换已发布的 {year} 年度报告：已发布报告中有 {len(gone)} 个项目在新报告中没有了："
            f"{_named(gone)}。")
    naming = [(o, {item for _, item, _ in named_entries(base_report, o.subject)})
              for o in answering] if base_report is not None else []
    naming = [(o, named) for o, named in naming if named]
    if naming:
        ids = "、".join(o.id for o, _ in naming)
        named = set().union(*(n for _, n in naming))
        outside = [(item, title) for item, title in gone if item not in named]
        said += (f"其中 {len(outside)} 个不是异议（{ids}）事由写到的项目：{_named(outside)}。" if outside
                 else f"它们都是异议（{ids}）事由写到的项目。")
    return warning(path, line, 1, "W-CYCLE-ITEMS-REMOVED",
                   said + "更正可以删除项目，但请核对这是有意的（上传了空白或不完整的工作簿时，新报告会缺少大量项目）："
                   "确要删除的，请在拉取请求说明中写明原因；不是有意的，请改回后重新提交。")
