"""Renderers of a CheckResult: text for people, JSON for tools, GitHub annotations, Markdown."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote

from validators.findings import CheckResult, Finding
from validators.markdown_text import code_span, inert_on_github
from validators.submission_paths import PathKind, classify

SEVERITY_LABEL = {"error": "错误", "warning": "警告"}


# Line breaks of any kind (\r, \x85, U+2028...), every other control character and the invisible
# format characters that reorder or hide text in a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\u061c\ufeff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(char: str) -> str:
    code = ord(char)
    return _NAMED_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def one_line(value: object) -> str:
    """Untrusted text as one terminal line: what would break or hide it is shown as an escape."""
    return _UNPRINTABLE.sub(lambda m: _visible(m.group()), str(value))


def text(result: CheckResult) -> str:
    """One line per finding: a quoted value can neither start a line nor forge another finding."""
    lines = [one_line(f"{f.file}:{f.line}:{f.column}: {SEVERITY_LABEL[f.severity]} {f.code}"
                      f"{f'（条款 {f.clause}）' if f.clause else ''} {f.message}")
             for f in result.sorted_findings()]
    lines.append(summary(result))
    return "\n".join(lines)


def summary(result: CheckResult) -> str:
    """The last line of the text output: how many files, errors and warnings."""
    counts = Counter(f.severity for f in result.findings)
    return f"检查了 {result.files} 个文件：{counts['error']} 个错误，{counts['warning']} 个警告。"


def json_report(result: CheckResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command; GitHub's escaping keeps any message one inert annotation."""
    level = "error" if finding.severity == "error" else "warning"
    title = f"{finding.code}" + (f" 条款 {finding.clause}" if finding.clause else "")
    props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in (
        ("file", finding.file), ("line", finding.line), ("col", finding.column), ("title", title)))
    return f"::{level} {props}::{_escape_data(finding.message)}"


def worst_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity != "error", f.file, f.line, f.column, f.code))


def github(result: CheckResult, per_severity: int = 10, per_run: int = 50) -> str:
    """GitHub shows at most 10 annotations of each severity per step and 50 per run: the worst
    first, and a notice saying how many more there are (all are in the job summary)."""
    shown: list[str] = []
    taken: Counter[str] = Counter()
    for finding in worst_first(result.findings):
        if taken[finding.severity] < per_severity and len(shown) < per_run:
            taken[finding.severity] += 1
            shown.append(annotation(finding))
    hidden = len(result.findings) - len(shown)
    if hidden:
        shown.append("::notice::" + _escape_data(
            f"另有 {hidden} 条问题未标注在代码行上，完整列表见本次运行的摘要。"))
    return "\n".join(shown)


def markdown(result: CheckResult, link_base: str | None = None,
             clause_base: str | None = None) -> str:
    counts = Counter(f.severity for f in result.findings)
    head = (f"**检查了 {result.files} 个文件：{counts['error']} 个错误，{counts['warning']} 个警告。**"
            if result.findings else f"**检查了 {result.files} 个文件，没有发现问题。**")
    if not result.findings:
        return head
    rows = ["", "| 级别 | 位置 | 代码 | 条款 | 说明 |", "| --- | --- | --- | --- | --- |"]
    for f in worst_first(result.findings):
        where = code_span(f"{f.file}:{f.line}:{f.column}", in_table=True)
        if link_base:
            # The link text is already an inert code span; the target is percent-encoded so that
            # no character of an untrusted file name can close the link or split the table.
            where = f"[{where}]({link_base}/{quote(f.file, safe='/')}#L{f.line})"
        clause = f.clause or ""
        year = classify(f.file).year if classify(f.file).kind is PathKind.REPORT else None
        if clause and clause_base:
            # The clause on its own year's guideline page; the landing page for a file of no year.
            target = f"{year}/#clause-{clause.replace('.', '-')}" if year else ""
            clause = f"[{clause}]({clause_base}{target})"
        rows.append(f"| {SEVERITY_LABEL[f.severity]} | {where} | {code_span(f.code, True)} | {clause} "
                    f"| {inert_on_github(f.message)} |")
    return head + "\n" + "\n".join(rows)  # a blank line: a table right under a paragraph is no table


# `--format` → reporter: every reporter renders the same result.
FORMATS: dict[str, Callable[[CheckResult], str]] = {
    "text": text,
    "json": json_report,
    "github": github,
    "markdown": markdown,
}
