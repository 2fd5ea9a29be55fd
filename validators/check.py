"""`check`: every file through the loader, its model and its rules; findings gathered, never printed."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import re
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from validators.association import reviews
from validators.association.admin_list import admin_list_findings
from validators.association.objections import ObjectionsDoc
from validators.findings import CheckResult, Finding, error, warning
from validators.forking import can_fork
from validators.models.common import SLUG_PATTERN
from validators.models.for_year import report_model
from validators.models.report import YearReport
from validators.models.society import SocietyProfile
from validators.related_files import related
from validators.repository import (
    PROFILE_FILE,
    SUBMISSIONS,
    BrokenReport,
    ProfileDoc,
    ReportDoc,
    Repository,
)
from validators.rules import (
    academic_events,
    consortia,
    evidence,
    government_functions,
    identity,
    innovation,
    kinds,
    major_work,
    repeated_items,
    research,
    service_stations,
    text_fields,
    year_mentions,
)
from validators.rules.cross_file import check_repository
from validators.rules.rule_context import RuleContext
from validators.schema_findings import findings_from
from validators.submission_paths import PathKind, name_kind, name_problem, unsafe_path
from validators.urls import website_refusal
from validators.yaml.hidden_characters import visible
from validators.yaml.loading import SPECIAL_KINDS, SourceMap, load_path, unopened_words
from validators.yaml.policy import hidden_characters, policy
from validators.year.consistency import year_problems, year_warnings
from validators.year.cycle import today
from validators.year.files import YearFileError, year_of_path
from validators.year.guideline import (
    Guideline,
    available_years,
    guideline,
    newest_readable,
    year_file,
)

__all__ = ["FileCache", "area_findings", "check_file", "check_tree", "discover", "read_tree", "repeat_findings",
           "review_of"]

# Below this many files per worker, starting processes costs more than it saves.
PARALLEL_MIN_FILES = 150
# Each area's rules read only their own part of the report (and its society id), so a what-if
# copy that changes one part is re-checked by that part's rules alone (and, for an item
# repeated in another area, by `repeat_findings`).
_AREA_RULES = {"innovation": innovation, "government_functions": government_functions,
               "service_stations": service_stations, "consortia": consortia,
               "academic_events": academic_events, "research": research, "major_work": major_work}


@dataclass(slots=True)
class FileResult:
    findings: list[Finding]
    profile: ProfileDoc | None = None
    report: ReportDoc | None = None


def display_path(path: Path, root: Path) -> str:
    """Repository-relative with forward slashes, as GitHub and the site expect."""
    full, base = os.path.abspath(path), os.path.abspath(root)
    if full.startswith(base) and full[len(base):len(base) + 1] == os.sep:  # inside: no relpath needed
        relative = full[len(base) + 1:]
    else:
        relative = os.path.relpath(full, base)
        if relative.startswith(".."):
            relative = os.path.relpath(path)
    return relative.replace(os.sep, "/")


@cache
def _has_rubric(year: int, root: Path) -> bool:
    return year_file("rubrics", year, root) is not None


def year_report_model(year: int, root: Path) -> type[YearReport]:
    """The report model of `year` (its kinds); the bare model when the year has no guideline."""
    rules = guideline(year, root)
    return report_model(rules) if rules is not None else YearReport


def _context(file: str, folder: Path, source: SourceMap, year: int, root: Path) -> RuleContext | None:
    """The rules' view of a year; None unless the year has both its guideline and its rubric."""
    rules = guideline(year, root)
    if rules is None or not _has_rubric(year, root):
        return None
    return RuleContext(file, folder, source, rules, policy(), root=root)


def special_kind(path: Path) -> str | None:
    """What `path` itself is (never following a symlink) when it is a pipe, device or socket."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    return next((name for is_kind, name in SPECIAL_KINDS if is_kind(mode)), None)


def check_file(path: Path, root: Path, evidence_folder: Path | None = None, *, rules: bool = True) -> FileResult:
    """`evidence_folder`: where the report's evidence paths are looked up, when not beside it
    (a workbook's report checked before it is placed in its society's folder). `rules=False`:
    the file read and its model validated only, for a file read as context, whose own findings
    nobody asks for (the rules across files read models, not findings)."""
    file = display_path(path, root)
    folder = path.parent
    if path.is_symlink() or folder.is_symlink():
        return FileResult([error(file, 1, 1, "E-PATH-SYMLINK",
                                 "提交的文件和学会文件夹不能是符号链接（symlink）：请提交普通文件。")])
    unsafe = unsafe_path(file, f"{folder.name}/{path.name}")
    if unsafe is not None:  # the pull request's checks refuse the same names the same way
        return FileResult([unsafe])
    special = special_kind(path)
    if special:
        return FileResult([error(file, 1, 1, "E-FILE-UNREADABLE", unopened_words(path.name, special))])
    if os.path.abspath(folder) == os.path.abspath(root / SUBMISSIONS):
        return FileResult([error(file, 1, 1, "E-PATH-LAYOUT",
                                 f"“{visible(path.name, hidden_characters())}”直接放在了 {SUBMISSIONS}/ 下：学会资料和"
                                 f"年度报告要放在本学会的文件夹中，如 {SUBMISSIONS}/<学会 id>/2017.yaml。")])
    submissions = os.path.abspath(root / SUBMISSIONS)
    if os.path.abspath(path).startswith(submissions + os.sep) and os.path.abspath(folder.parent) != submissions:
        inner = os.path.relpath(path, root / SUBMISSIONS).split(os.sep)
        return FileResult([error(file, 1, 1, "E-PATH-LAYOUT",
                                 f"“{visible('/'.join(inner[1:]), hidden_characters())}”放在了学会文件夹 {inner[0]}/ 的子文件夹中："
                                 f"学会资料和年度报告要直接放在本学会的文件夹中，如 {SUBMISSIONS}/{inner[0]}/{visible(path.name, hidden_characters())}"
                                 "（子文件夹只放证明材料），否则不会被检查和评估。")])
    if not re.fullmatch(SLUG_PATTERN, folder.name):
        return FileResult([error(file, 1, 1, "E-PATH-LAYOUT",
                                 f"文件夹名“{folder.name}”不是有效的学会 id：只能用小写英文字母、数字和连字符。")])
    kind = name_kind(path.name)
    if kind.kind not in (PathKind.PROFILE, PathKind.REPORT):
        return FileResult([error(file, 1, 1, "E-PATH-NAME",
                                 f"文件名“{visible(path.name, hidden_characters())}”不符合约定："
                                 f"{name_problem(path.name)}。学会资料为 society.yaml，"
                                 "年度报告以年份命名，如 2017.yaml（半角数字、小写 .yaml）。")])
    loaded = load_path(path, file, policy().yaml.limits)
    if loaded.data is None or loaded.findings:  # fix the YAML first; its values may be stand-ins
        return FileResult(loaded.findings)
    findings = list(loaded.findings)
    if path.name == PROFILE_FILE:
        return _check_profile(loaded.data, file, folder, loaded.source, findings, root)
    year = kind.year or 0
    model = year_report_model(year, root)
    ctx = _context(file, evidence_folder or folder, loaded.source, year, root)
    data = loaded.data
    if ctx is not None:  # an area of another year: that part's error, not the whole report's
        data = _without_other_years_areas(data, model, ctx, root)
    try:
        report = model.model_validate(data)
    except ValidationError as exc:
        if ctx is not None and rules:  # the kinds, districts and texts are the year's; said with the rest, not after it
            kinds.check_raw(data, model, ctx)
            innovation.check_raw(data, ctx)
            # Links are read from the text alone: a bad one is said now, not after the fix; a
            # list the model refused whole (too long) is said once, by the model.
            refused = {tuple(e["loc"]) for e in exc.errors()}
            evidence.check([(p, v) for p, v in loaded.strings if p[:-1] not in refused], ctx)
            text_fields.check(loaded.strings, ctx)
        return FileResult(findings + findings_from(exc, model, file, loaded.source)
                          + (ctx.findings if ctx else []))
    if ctx is None:
        years = "、".join(str(y) for y in available_years(root) if year_file("rubrics", y, root))
        return FileResult([*findings, error(file, 1, 1, "E-YEAR-UNKNOWN",
                                            f"{year} 年没有工作指南或评估细则：可提交的年度为 {years}。")])
    if not rules:
        return FileResult(findings + ctx.findings, report=ReportDoc(file, report, loaded.source, findings + ctx.findings))
    identity.check(report, ctx, folder.name, year)
    kinds.check(report, ctx)
    for module in _AREA_RULES.values():
        module.check(report, ctx)
    strings = loaded.strings
    # Before the repeats, the evidence the text alone refuses: such an item earns nothing, so it
    # is no first copy, and a right copy of it scores in its place. What the folder decides
    # (a file missing) comes after them: the online form cannot see the folder, and must pick
    # the first copy as `check` does.
    evidence.check(strings, ctx, on_disk=False)
    repeated_items.check(report, ctx)
    evidence.check(strings, ctx, on_disk=True)
    if (root / reviews.REVIEWS / str(year)).is_dir():  # a year the staff verify: material counts
        evidence.check_items(report, ctx)
    text_fields.check(strings, ctx)
    year_mentions.check(strings, year, ctx)
    findings += ctx.findings
    return FileResult(findings, report=ReportDoc(file, report, loaded.source, list(findings)))


def _without_other_years_areas(data: dict[str, Any], model: type[YearReport], ctx: RuleContext,
                               root: Path) -> dict[str, Any]:
    """`data` without the areas only other years have (an area a year added), each said as an
    error at its key: the rest of the report is checked and scored as usual."""
    fields = model.model_fields
    if all(key in fields for key in data):  # the common case: nothing but the year's own fields
        return data
    others: dict[str, list[int]] = {}
    for other in available_years(root):
        try:
            rules = guideline(other, root)
        except YearFileError:  # that year's own problem, said with the year files
            continue
        for area in rules.added_areas if rules else []:
            others.setdefault(area.key, []).append(other)
    strangers = [key for key in data if key not in model.model_fields and key in others]
    for key in strangers:
        years = "、".join(str(y) for y in others[key])
        line, column = ctx.source.key((key,))  # at the key, as every unknown key is said
        ctx.findings.append(error(ctx.file, line, column, "E-SCHEMA-UNKNOWN-KEY",
                                  f"“{key}”是 {years} 年度的领域，{ctx.guideline.year} 年度没有这个领域："
                                  "这一部分不计分，请删除它，或把它写进它所属年度的报告。", None, (key,)))
    return {k: v for k, v in data.items() if k not in strangers}


def area_findings(doc: ReportDoc, report: YearReport, rules: Guideline, area: str) -> list[Finding]:
    """What the rules of one area (a report field, such as `academic_events`) say of `report`,
    placed in `doc`'s file: for a what-if copy that changed that area only. Items repeated
    within the area are said here; an item that repeats another area's is `repeat_findings`'."""
    ctx = RuleContext(doc.file, Path(doc.file).parent, doc.source, rules, policy())
    _AREA_RULES[area].check(report, ctx)
    repeated_items.check(report, ctx, area)
    return ctx.findings


def repeat_findings(doc: ReportDoc, report: YearReport, rules: Guideline,
                    findings: list[Finding]) -> list[Finding]:
    """Every item of `report` that repeats an earlier one, in its own area or another, placed
    in `doc`'s file: what a what-if copy changes in the areas it did not touch. `findings`: the
    report's other findings, whose errors keep an item from being the copy that scores."""
    ctx = RuleContext(doc.file, Path(doc.file).parent, doc.source, rules, policy())
    # As `check_file` holds them: the errors of the folder's evidence files come after the repeats.
    repeated_items.check(report, ctx, errors=[f.path for f in findings
                                              if f.severity == "error" and f.path and f.code != repeated_items.CODE
                                              and f.code not in evidence.ON_DISK_CODES])
    return ctx.findings


def _check_profile(data: dict[str, Any], file: str, folder: Path, source: SourceMap, findings: list[Finding],
                   root: Path) -> FileResult:
    ctx = RuleContext(file, folder, source, newest_readable(root), policy())
    try:
        profile = SocietyProfile.model_validate(data)
    except ValidationError as exc:
        # The fields the model did accept are still checked: a wrong maintainer must not hide
        # a wrong website until the next run (the form says both at once).
        _profile_rules(data, folder.name, ctx, {e["loc"][0] for e in exc.errors() if e["loc"]})
        return FileResult(findings + findings_from(exc, SocietyProfile, file, source) + ctx.findings)
    _profile_rules(data, folder.name, ctx, set())
    return FileResult(findings + ctx.findings, profile=ProfileDoc(file, profile, source))


def _profile_rules(data: dict[str, Any], folder: str, ctx: RuleContext, refused: set[str | int]) -> None:
    """The profile's rules on the fields its model did not refuse (`refused`: their names)."""
    society, website = data.get("id"), data.get("website")
    if "id" not in refused and isinstance(society, str) and society != folder:
        ctx.error(("id",), "E-SOCIETY-MISMATCH", f"id 应与文件夹名一致，写作“{folder}”。", None)
    refusal = website_refusal(website) if "website" not in refused and isinstance(website, str) else None
    if refusal:
        ctx.error(("website",), *refusal, None)
    text_fields.check(text_fields.iter_strings(data), ctx)


def discover(root: Path, paths: list[Path] | None) -> list[Path]:
    """The YAML files to check: the whole submissions tree, or the given files and folders."""
    if not paths:
        return _loose_files(root / SUBMISSIONS) + _tree_files(root / SUBMISSIONS)
    found: dict[str, Path] = {}  # a file named twice (itself and its folder) is checked once
    for p in paths:
        for file in _folder_files(p, root) if p.is_dir() else [p]:
            found.setdefault(os.path.abspath(file), file)
    return list(found.values())


def _unsafe_names(base: Path, root: Path, checked: set[str]) -> list[Finding]:
    """Every file under the society folders whose name a pull request's checks would refuse
    (hidden characters, line breaks, backslashes): evidence included, as they see it."""
    found: list[Finding] = []
    for folder, dirs, files in os.walk(base):  # links are listed, never followed
        dirs.sort()
        prefix = display_path(Path(folder), root)  # once a folder, not once a file: 1,650 files took 70 ms
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            file = f"{prefix}/{name}"
            if file not in checked and (finding := unsafe_path(file)) is not None:
                found.append(finding)
    return found


def _folder_files(folder: Path, root: Path) -> list[Path]:
    """The files `check` reads under a folder given on the command line: inside the tree, by the
    tree's own rule (society folders only, evidence never); elsewhere, every YAML-looking file
    outside `evidence/` folders."""
    submissions = Path(os.path.abspath(root / SUBMISSIONS))
    here = Path(os.path.abspath(folder))
    if here == submissions or here.is_relative_to(submissions):
        loose = _loose_files(submissions) if here == submissions else []
        return loose + [p for p in _tree_files(submissions) if Path(os.path.abspath(p)).is_relative_to(here)]
    return sorted(q for q in folder.rglob("*") if (name_kind(q.name).is_yaml or _year_path(q, root)) and _listed(q)
                  and "evidence" not in q.relative_to(folder).parts)


def _tree_files(base: Path, nested: bool = True) -> list[Path]:
    """Every file of `submissions/*/` that `check` reads (see `submission_paths`), listed with
    scandir: one system call per folder. `nested=False`: the society folders' own files only,
    the reports and profiles a one-file check may read as context (a YAML file in a sub-folder
    is no society's file: its folder's name is no society id)."""
    found: list[Path] = []
    try:
        folders = sorted(e.path for e in os.scandir(base) if e.is_dir())
    except OSError:
        return found
    for folder in folders:
        with os.scandir(folder) as entries:
            listed = list(entries)
        found += sorted(Path(e.path) for e in listed if name_kind(e.name).is_yaml and _listed(e))
        # YAML put in a sub-folder (sub/2018.yaml, or a folder named 2018.yaml): told where it
        # belongs (`check_file`) rather than passed over; links are listed, never followed.
        for sub in sorted(e.path for e in listed if nested and e.is_dir(follow_symlinks=False)):
            for here, dirs, files in os.walk(sub):
                dirs.sort()
                found += [Path(here) / n for n in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(here, d))]
                          if name_kind(n).is_yaml]
    return found


def _loose_files(base: Path) -> list[Path]:
    """YAML files put beside the society folders instead of in one: `check_file` says where
    they belong, rather than the check passing over them."""
    try:
        with os.scandir(base) as entries:
            return sorted(Path(e.path) for e in entries if name_kind(e.name).is_yaml and _listed(e))
    except OSError:
        return []


def _listed(entry: Path | os.DirEntry[str]) -> bool:
    """Every YAML name but a real folder: symlinks, pipes and devices are listed so that
    `check_file` reports them (it never opens them) instead of skipping them in silence."""
    return entry.is_symlink() or not entry.is_dir()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


# A file's own results, kept by a long-running caller (the site's preview) and reused while the
# file is unchanged: its lstat (modification and change times, size, inode: `cp -p` sets the
# modification time back, not the change time) and what `check_file` said.
FileCache = dict[Path, tuple[tuple[int, int, int, int], FileResult]]
Progress = Callable[[int, int], None]


def check_tree(root: Path, paths: list[Path] | None = None, cache: FileCache | None = None,
               progress: Progress | None = None, marks: bool = True,
               day: dt.date | None = None) -> tuple[CheckResult, Repository]:
    """Checks the given files (or the whole tree) and the rules across files and years, as they
    stand on `day` (today in the association's calendar by default; the site passes its build
    date and finalize its own): a rule that waits for a day of the year's calendar reads it.

    With `cache`, a file whose lstat is unchanged is not read again (the caller drops the
    entries of files whose evidence or year files changed); the rules across files always run.

    `progress` is told (files done, files in all) after each file. `marks`: every report's
    source marks found while it is checked (on all cores), for the score lines that cite them;
    a check that only reports its findings finds only the marks a finding needs.

    When paths inside `submissions/` are given, only findings in those files are reported, and
    the other files the cross-file rules need (the same societies' other years, files sharing
    a consortium id or an event or report title) are read as context.
    """
    targets = discover(root, paths)
    review_targets = [p for p in targets if reviews.is_review_path(p, root)] if paths else reviews.discover(root)
    # Year files named (`check validators/rubrics/2019.yaml`): checked as the year files they
    # are, as a whole check checks them, never as a society's report.
    year_targets = {display_path(p, root) for p in targets if _year_path(p, root)} if paths else set()
    if paths:
        targets = [p for p in targets if p not in review_targets and not _under(p, root, reviews.REVIEWS)
                   and display_path(p, root) not in year_targets]
    elif _inside(root / SUBMISSIONS, root / reviews.REVIEWS):
        targets = []  # a submissions folder that leads into reviews/ holds no reports
    result = CheckResult(files=len(targets) + len(review_targets) + len(year_targets))
    if not paths:
        result.findings += _unsafe_names(root / SUBMISSIONS, root, {display_path(p, root) for p in targets})
    if not paths or year_targets:
        # The year files held to each other and to their texts: a whole check is also theirs.
        said = [error(p.file, p.line, p.column, "E-YEAR-FILE", p.message) for p in year_problems(root)]
        said += [warning(p.file, p.line, p.column, p.code, p.message) for p in year_warnings(root, day or today())]
        result.findings += [f for f in said if not paths or f.file in year_targets]
    if not paths:
        # The admin list the pull-request checks read: a broken one, merged, makes nobody an admin.
        result.findings += admin_list_findings(root)
    repo = Repository(root)
    submissions = root / SUBMISSIONS
    with _collector_paused():
        _check_files(root, targets, [], result, repo, cache, progress, marks)
        if paths and any(_inside(p, submissions) for p in targets):
            tree = _tree_files(Path(os.path.abspath(submissions)), nested=False)
            wanted = {Path(os.path.abspath(p)) for p in targets}
            societies = {p.parent.name for p in wanted if _inside(p, submissions)}
            context = related(tree, wanted, societies, [doc.report for doc in repo.reports.values()])
            # Read for the rules across files only: their own rules are skipped, unless their
            # results are kept for later (a cache holds whole results).
            _check_files(root, [], context, result, repo, cache, marks=marks, rules=cache is not None)
        files = {display_path(p, root) for p in targets}
        across = check_repository(repo, day or today())
        result.findings += [f for f in across if f.file in files]
        docs = {doc.file: doc for doc in repo.reports.values()}
        for f in across:
            if f.file in docs:
                docs[f.file].findings.append(f)
        # A report stands on its society's profile: the profile's errors condemn it too.
        for (society, _), doc in repo.reports.items():
            doc.findings += repo.profile_errors.get(society, [])
        _check_reviews(root, review_targets, targets if paths else None, result, repo, day)
    return result, repo


def _year_path(path: Path, root: Path) -> bool:
    """A guideline's data or text, or a rubric, of the tree at `root` (a file that is there)."""
    return year_of_path(display_path(path, root)) is not None and path.is_file() and not path.is_symlink()


def read_tree(root: Path) -> Repository:
    """Every profile and report of the tree read and its model validated, no rule run: the
    reports and profiles `check_tree` would give (a report's rules never drop it), for a command
    that needs only what they say, as the site's data says it (the published consortia)."""
    repo = Repository(root)
    with _collector_paused():
        _check_files(root, [], discover(root, None), CheckResult(), repo, marks=False, rules=False)
    return repo


def _under(path: Path, root: Path, folder: str) -> bool:
    return _inside(path, root / folder)


def _check_reviews(root: Path, targets: list[Path], reports: list[Path] | None, result: CheckResult,
                   repo: Repository, day: dt.date | None = None) -> None:
    """The review files asked for (all of them when `reports` is None), and, when reports were
    asked for, their reviews too: a report that drops a verified item breaks its review. Their
    rules that wait for a day of the calendar read `day` (today by default)."""
    repo.reviewed_years = reviews.review_years(root)
    wanted = list(targets)
    for path in reports or []:
        review = review_of(path, root)
        if review is not None and review not in wanted:
            wanted.append(review)
    needed = [root / SUBMISSIONS / key[0] / f"{key[1]}.yaml" for p in wanted
              if (key := reviews.key_of(p)) and key not in repo.reports]
    _check_files(root, [], [p for p in needed if p.is_file()], result, repo)
    loaded = {key: doc.report for key, doc in repo.reports.items()}
    for path in wanted:
        try:
            found, doc = reviews.check_review(path, display_path(path, root), root, loaded, repo.records, day)
        except YearFileError as exc:  # read against its year's rubric and calendar, which are broken
            year = key[1] if (key := reviews.key_of(path)) else reviews.folder_year(path.parent.name)
            result.findings.append(_year_broken(display_path(path, root), year, exc, "这份记录暂时无法校验"))
            continue
        result.findings += found
        key = reviews.key_of(path)
        # objections.yaml has a key too: (objections, year). A file misnamed in a year's folder
        # (CD-tcm.yaml) has none, but the record it was meant to be is missing all the same.
        year = key[1] if key is not None else reviews.folder_year(path.parent.name)
        if doc is None and year is not None:
            repo.unusable_records.setdefault(year, []).extend(f for f in found if f.severity == "error")
        if isinstance(doc, ObjectionsDoc):
            repo.objections[int(path.parent.name)] = doc
        elif doc is not None and key is not None:
            repo.reviews[key] = doc


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The loaded tree holds no reference cycles, but the cyclic collector would rescan it after
    every few thousand allocations: pausing it while loading and while the cross-file rules
    walk the tree makes both linear in the number of files."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded stays out of later collections too (scoring, the site's pages);
        # frozen objects are still freed as soon as nothing refers to them.
        gc.freeze()
        if enabled:
            gc.enable()


def _check_one(path: Path, root: Path, marks: bool = False, rules: bool = True) -> FileResult:
    if not (path.is_file() or path.is_symlink() or special_kind(path)):
        return FileResult([error(display_path(path, root), 1, 1, "E-FILE-UNREADABLE",
                                 "找不到这个文件，或它不是普通文件。")])
    try:
        outcome = check_file(path, root, rules=rules)
    except YearFileError as exc:  # its year's files are broken: said at them, and here in a word
        year = name_kind(path.name).year
        return FileResult([_year_broken(display_path(path, root), year, exc,
                                        "这份报告暂时无法校验和评分" if year is not None else "这份学会资料暂时无法校验")])
    if marks and outcome.report is not None:
        outcome.report.source.find_all()
    return outcome


def _year_broken(file: str, year: int | None, exc: YearFileError, what: str) -> Finding:
    """A file of a year whose guideline or rubric file is broken: where that file is broken (said
    there in full by the year files' check), and that this one waits for its fix."""
    first = exc.problems[0]
    # A profile is read against the newest year that reads: none did.
    broken = f"{year} 年度的指南或细则文件有误" if year is not None else "各年度的指南文件都有误"
    return error(file, 1, 1, "E-YEAR-FILE", f"{broken}（{first.file} 第 {first.line} 行），"
                                            f"{what}：请等市科协改正该文件后再检查。")


def _check_chunk(paths: list[Path], root: Path, marks: bool, rules: bool = True) -> list[FileResult]:
    """A worker's share, sent back whole: a year's models pickle as themselves (models/for_year.py)."""
    return [_check_one(p, root, marks, rules) for p in paths]


def _read_years(root: Path) -> None:
    """Every year's files and report model, read before the workers fork: each would read them
    again, and the parent needs them for the reports the workers send back."""
    SocietyProfile.model_rebuild()  # models build their validators when first used (defer_build)
    for year in available_years(root):
        try:
            year_report_model(year, root).model_rebuild()
            _has_rubric(year, root)
            policy()
        except YearFileError:  # said by the files that need that year
            continue


def _outcomes(paths: list[Path], root: Path, marks: bool, rules: bool = True) -> Iterator[FileResult]:
    """File results in the order of `paths`; on several cores, from a pool of processes.

    This process checks chunks too, in turn with the workers: what it checks itself is never
    pickled and sent back, and on two cores a pool of two workers would leave it a third
    process to receive the results."""
    workers = min(os.cpu_count() or 1, len(paths) // PARALLEL_MIN_FILES)
    if workers < 2:
        yield from (_check_one(p, root, marks, rules) for p in paths)
        return
    size = max(1, len(paths) // (workers * 16))
    _read_years(root)
    # Forking copies one thread only: with others running (the preview's server), a lock one of
    # them holds would stay held in the child forever, so a fresh interpreter is started instead.
    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
    chunks = deque(range(0, len(paths), size))  # where each chunk starts
    done: dict[int, list[FileResult]] = {}
    running: dict[Future[list[FileResult]], int] = {}
    ready = 0  # where the next chunk to yield starts
    # Ctrl+C reaches every process of the terminal: the workers leave it to this one, which
    # decides (the preview finishes a build on a first one).
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=context,
                               initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))
    try:
        while chunks or running:
            while chunks and len(running) < 2 * (workers - 1):  # one queued behind each busy worker
                start = chunks.popleft()
                running[pool.submit(_check_chunk, paths[start:start + size], root, marks, rules)] = start
            if chunks:
                start = chunks.popleft()
                done[start] = _check_chunk(paths[start:start + size], root, marks, rules)
            else:
                wait(running, return_when=FIRST_COMPLETED)
            for future in [f for f in running if f.done()]:
                done[running.pop(future)] = future.result()
            while ready in done:
                yield from done.pop(ready)
                ready += size
    finally:  # also when stopped: the chunks not begun are dropped, not waited for
        pool.shutdown(wait=True, cancel_futures=True)


def _stat_key(path: Path) -> tuple[int, int, int, int] | None:
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


def _copy(outcome: FileResult) -> FileResult:
    """A kept result with lists of its own: the tree's rules add findings to a report's list."""
    report = outcome.report
    return FileResult(list(outcome.findings), outcome.profile,
                      replace(report, findings=list(report.findings)) if report else None)


def _cached_outcomes(paths: list[Path], root: Path, cache: FileCache | None,
                     marks: bool, rules: bool = True) -> Iterator[FileResult]:
    if cache is None:
        yield from _outcomes(paths, root, marks, rules)
        return
    keys = [_stat_key(p) for p in paths]
    stale = [p for p, key in zip(paths, keys, strict=True)
             if key is None or p not in cache or cache[p][0] != key]
    fresh = dict(zip(stale, _outcomes(stale, root, marks), strict=True))
    for path, key in zip(paths, keys, strict=True):
        if path in fresh:
            if key is not None:
                cache[path] = (key, fresh[path])
            yield _copy(fresh[path])
        else:
            yield _copy(cache[path][1])


def _check_files(root: Path, targets: list[Path], context: list[Path], result: CheckResult,
                 repo: Repository, cache: FileCache | None = None,
                 progress: Progress | None = None, marks: bool = True, rules: bool = True) -> None:
    reported = set(targets)
    for done, (path, outcome) in enumerate(zip(targets + context, _cached_outcomes(targets + context, root, cache, marks, rules),
                                               strict=True), 1):
        if progress is not None:
            progress(done, len(targets) + len(context))
        if path in reported:
            result.findings += outcome.findings
        if path.name == PROFILE_FILE:
            # Filed under its folder: a profile that names another society must not rename it.
            if outcome.profile:
                repo.profiles.setdefault(path.parent.name, outcome.profile)
            errors = [f for f in outcome.findings if f.severity == "error"]
            if errors:
                repo.profile_errors.setdefault(path.parent.name, errors)
        if outcome.report:
            report = outcome.report.report
            # Filed under its place in the tree: a report that names another society or year
            # must not stand in for that one's own report.
            place = _report_key(path, root) or (report.society, report.year)
            repo.reports.setdefault(place, outcome.report)
        elif outcome.profile is None and (key := _report_key(path, root)):
            repo.broken.setdefault(key, BrokenReport(display_path(path, root), *key, outcome.findings))


def review_of(report: Path, root: Path) -> Path | None:
    """The review file of a report in the tree, when there is one: a check of the report says
    what it finds in the review too (a verdict the report's change left behind)."""
    key = _report_key(report, root)
    review = reviews.review_path(root, *key) if key else None
    return review if review is not None and review.is_file() else None


def _report_key(path: Path, root: Path) -> tuple[str, int] | None:
    """(society, year) of a year report's place in the tree, whatever its contents. A misnamed
    file whose name reads as a year (2017.yml, 2017.YAML) is still that society's report for
    that year when no correctly named one is there, refused with E-PATH-NAME."""
    year = name_kind(path.name).year
    folder = path.parent
    if year is None or not re.fullmatch(SLUG_PATTERN, folder.name):
        return None
    if os.path.abspath(folder.parent) != os.path.abspath(root / SUBMISSIONS):
        return None
    return folder.name, year
