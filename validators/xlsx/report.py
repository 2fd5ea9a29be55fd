"""Between a report and its workbook: a report's plain values for the workbook, and the
commented YAML an imported workbook becomes (the form's layout: area titles as comments), and
the society.yaml its 学会资料 sheet becomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from validators.reporters import one_line
from validators.template import schema_line
from validators.xlsx.layout import PROFILE
from validators.year.guideline import Guideline
from validators.year.text import area_numeral

__all__ = ["profile_yaml", "report_yaml"]


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases (the check refuses them), long lines kept whole."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _number(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    """A whole amount as the form writes it (15, not 15.0: JavaScript has one kind of number), so
    that the two write one workbook alike; the models take either."""
    if value.is_integer() and abs(value) < 2**53:
        return dumper.represent_int(int(value))
    return dumper.represent_float(value)


_Dumper.add_representer(float, _number)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                     default_flow_style=False)


def report_yaml(data: dict[str, Any], rules: Guideline, source: str) -> str:
    """The report file of an imported workbook: the modeline, where it came from, then each
    area under its title as the guideline numbers it."""
    today = dt.date.today().isoformat()
    lines = [schema_line("submission"), f"# 由工作簿“{one_line(source)}”导入（{today}）。提交后系统会自动检查。"]
    head = {k: v for k, v in data.items() if k in ("society", "year")}
    text = "\n".join(lines) + "\n" + _dump(head)
    titles = {a.key: a for a in rules.areas}
    for key, value in data.items():
        if key in head:
            continue
        area = titles.get(key)
        heading = f"# {area_numeral(area.id)}、{area.title}" if area else f"# {key}"
        text += f"\n{heading}\n" + _dump({key: value})
    return text


def profile_yaml(profile: dict[str, Any], source: str) -> str:
    """The society.yaml of a workbook's 学会资料 sheet (`profile` with its id first)."""
    today = dt.date.today().isoformat()
    lines = [schema_line("society"), f"# 由工作簿“{one_line(source)}”的“{PROFILE}”工作表导入（{today}）。提交后系统会自动检查。"]
    return "\n".join(lines) + "\n" + _dump(profile)
