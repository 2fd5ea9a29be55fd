"""Helpers that lay out a submissions tree in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def write_tree(base: Path, files: dict[str, str]) -> Path:
    """Writes `files` (path under base: YAML text) and returns base."""
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return base


def profile(society: str) -> str:
    return f"""
        id: {society}
        name: 成都市{society}学会（示例）
        kind: 学会
        discipline: 测试
        maintainers: [{society}-admin]
        sample: true
        """
