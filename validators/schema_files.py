"""The committed JSON Schemas (`schema/<kind>.schema.json`): what they should hold, and whether
they do. Editors read them through each report's first line, so a year file or model changed
without them leaves every secretary's editor on the old kinds and words."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from validators.findings import Finding, error
from validators.schema import SchemaKind, json_schema_text

__all__ = ["SCHEMA_DIR", "expected_schema_files", "stale_schema_findings"]

SCHEMA_DIR = "schema"


def expected_schema_files(root: Path) -> dict[Path, str]:
    """Each committed schema's path and the text the models and year files export for it."""
    return {root / SCHEMA_DIR / f"{kind}.schema.json": json_schema_text(kind, None, root)
            for kind in get_args(SchemaKind)}


def stale_schema_findings(root: Path) -> list[Finding]:
    """An error at each committed schema that is missing or differs from its export."""
    found = []
    for path, text in expected_schema_files(root).items():
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            name = path.relative_to(root).as_posix()
            found.append(error(name, 1, 1, "E-SCHEMA-STALE",
                               f"{name} 与年度文件和模型导出的不一致（{'没有这个文件' if current is None else '内容过时'}）："
                               "编辑器和报告模板会按旧的类别和说明提示。请运行 python -m validators schema --write"
                               "（或任一 make 目标，它们会先运行这一步），把更新后的文件一起提交。"))
    return found
