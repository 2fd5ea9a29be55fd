"""What the association's own record files (reviews, objections) go through before their rules:
the strict loader, their model, and the year's guideline, as a report does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from validators.findings import Finding, error
from validators.rules.rule_context import RuleContext
from validators.schema_findings import findings_from
from validators.yaml.loading import Loaded, load_path
from validators.yaml.policy import policy
from validators.year.guideline import guideline

__all__ = ["Opened", "open_record"]

Record = TypeVar("Record", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Opened(Generic[Record]):
    data: Record
    raw: Any  # the loaded document, for the text rules
    ctx: RuleContext


def open_record(path: Path, file: str, model: type[Record], year: int, root: Path,
                what: str, keep: dict[str, Loaded] | None = None) -> tuple[list[Finding], Opened[Record] | None]:
    """The findings that stop a record file before its rules, or the file ready for them. `keep`
    is given the file as loaded, under `file`, whether its model accepts it or not."""
    loaded = load_path(path, file, policy().yaml.limits)
    if keep is not None:
        keep[file] = loaded
    if loaded.data is None or loaded.findings:
        return list(loaded.findings), None
    try:
        data = model.model_validate(loaded.data)
    except ValidationError as exc:
        return findings_from(exc, model, file, loaded.source), None
    rules = guideline(year, root)
    if rules is None:
        return [error(file, 1, 1, "E-YEAR-UNKNOWN", f"{year} 年没有工作指南，不能有{what}。")], None
    return [], Opened(data, loaded.data, RuleContext(file, path.parent, loaded.source, rules, policy()))


def year_mismatch(path: Path, written: int, folder: int, record: str) -> str:
    """What a record whose `year` (`written`) is not its folder's is told: most often a file
    saved in the wrong year's folder, which is then read against nothing at all."""
    return (f"year 应与所在文件夹一致，写作 {folder}。如果这份{record}属于 {written} 年度，请把它移到 "
            f"{path.parent.parent.name}/{written}/ 中。改正之前，其中的内容不与任何年度的报告、细则和日历核对，也不算数。")
