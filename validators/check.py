"""`check`: every file through the loader, its model and its rules; findings gathered, never printed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from validators.findings import CheckResult, Finding, error
from validators.guideline import available_years, guideline
from validators.loading import load_path
from validators.models.common import SLUG_PATTERN
from validators.models.report import YearReport
from validators.models.society import SocietyProfile
from validators.policy import policy
from validators.repository import PROFILE_FILE, SUBMISSIONS, ProfileDoc, ReportDoc, Repository
from validators.rules import (
    academic_events,
    consortia,
    evidence,
    government_functions,
    identity,
    innovation,
    major_work,
    research,
    service_stations,
    text_fields,
)
from validators.rules.context import RuleContext
from validators.rules.cross_file import check_repository
from validators.schema_findings import findings_from
from validators.urls import is_web_url

_YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")
_AREA_RULES = (innovation, government_functions, service_stations, consortia, academic_events,
               research, major_work)


@dataclass(slots=True)
class FileResult:
    findings: list[Finding]
    profile: ProfileDoc | None = None
    report: ReportDoc | None = None


def display_path(path: Path, root: Path) -> str:
    """Repository-relative with forward slashes, as GitHub and the site expect."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(path).replace(os.sep, "/")


def _context(file: str, folder: Path, source, year: int) -> RuleContext | None:
    rules = guideline(year)
    return RuleContext(file, folder, source, rules, policy()) if rules else None


def check_file(path: Path, root: Path) -> FileResult:
    file = display_path(path, root)
    folder = path.parent
    if not re.match(SLUG_PATTERN, folder.name):
        return FileResult([error(file, 1, 1, "E-PATH-LAYOUT",
                                 f"文件夹名“{folder.name}”不是有效的学会 id：只能用小写英文字母、数字和连字符。")])
    year_match = _YEAR_FILE.match(path.name)
    if path.name != PROFILE_FILE and not year_match:
        return FileResult([error(file, 1, 1, "E-PATH-NAME",
                                 f"文件名“{path.name}”不符合约定：学会资料为 society.yaml，"
                                 "年度报告以年份命名，如 2017.yaml（小写 .yaml）。")])
    loaded = load_path(path, file, policy().yaml.limits)
    if loaded.data is None:
        return FileResult(loaded.findings)
    findings = list(loaded.findings)
    if path.name == PROFILE_FILE:
        return _check_profile(loaded.data, file, folder, loaded.source, findings)
    year = int(year_match.group(1)) if year_match else 0
    try:
        report = YearReport.model_validate(loaded.data)
    except ValidationError as exc:
        return FileResult(findings + findings_from(exc, YearReport, file, loaded.source))
    ctx = _context(file, folder, loaded.source, year)
    if ctx is None:
        years = "、".join(str(y) for y in available_years())
        return FileResult([*findings, error(file, 1, 1, "E-YEAR-UNKNOWN", f"{year} 年没有工作指南：可提交的年度为 {years}。")])
    identity.check(report, ctx, folder.name, year)
    for module in _AREA_RULES:
        module.check(report, ctx)
    evidence.check(loaded.data, ctx)
    text_fields.check(loaded.data, ctx)
    findings += ctx.findings
    has_errors = any(f.severity == "error" for f in findings)
    return FileResult(findings, report=ReportDoc(file, report, loaded.source, has_errors))


def _check_profile(data: dict, file: str, folder: Path, source, findings: list[Finding]) -> FileResult:
    try:
        profile = SocietyProfile.model_validate(data)
    except ValidationError as exc:
        return FileResult(findings + findings_from(exc, SocietyProfile, file, source))
    ctx = RuleContext(file, folder, source, guideline(available_years()[-1]), policy())
    if profile.id != folder.name:
        ctx.error(("id",), "E-SOCIETY-MISMATCH", f"id 应与文件夹名一致，写作“{folder.name}”。", None)
    if profile.website is not None and not is_web_url(profile.website):
        ctx.error(("website",), "E-URL-SCHEME",
                  "网址只能以 http:// 或 https:// 开头，如 https://www.example.org。", None)
    text_fields.check(data, ctx)
    return FileResult(findings + ctx.findings, profile=ProfileDoc(file, profile, source))


def discover(root: Path, paths: list[Path] | None) -> list[Path]:
    """The YAML files to check: the whole submissions tree, or the given files and folders."""
    if not paths:
        base = root / SUBMISSIONS
        return sorted(p for p in base.glob("*/*") if p.suffix in (".yaml", ".yml") and p.is_file())
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()
                            and "evidence" not in q.relative_to(p).parts)
        else:
            found.append(p)
    return found


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_tree(root: Path, paths: list[Path] | None = None) -> tuple[CheckResult, Repository]:
    """Checks the given files (or the whole tree) and the rules across files and years.

    When paths inside `submissions/` are given, the rest of the tree is read as context for
    the cross-file rules, and only findings in the given files are reported.
    """
    targets = discover(root, paths)
    result = CheckResult(files=len(targets))
    context: list[Path] = []
    submissions = root / SUBMISSIONS
    if paths and any(_inside(p, submissions) for p in targets):
        wanted = {p.resolve() for p in targets}
        context = [p for p in discover(root, None) if p.resolve() not in wanted]
    repo = Repository(root)
    for path in targets + context:
        reported = path not in context
        if not path.is_file():
            result.findings.append(error(display_path(path, root), 1, 1, "E-FILE-UNREADABLE",
                                         "找不到这个文件，或它不是普通文件。"))
            continue
        outcome = check_file(path, root)
        if reported:
            result.findings += outcome.findings
        if outcome.profile:
            repo.profiles.setdefault(outcome.profile.profile.id, outcome.profile)
        if outcome.report:
            report = outcome.report.report
            repo.reports.setdefault((report.society, report.year), outcome.report)
    files = {display_path(p, root) for p in targets}
    result.findings += [f for f in check_repository(repo) if f.file in files]
    return result, repo
