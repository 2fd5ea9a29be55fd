"""Frozen results: a final year's evaluations written once by `finalize` to `results/<year>.json`
(committed by an admin), with the code commit, guideline and rubric that produced them.

For a year with a results file, `evaluate`, the site and the downloads show the frozen numbers:
a later change of the rubric, the guideline data or the code never rewrites a published result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationError, model_validator

from validators.association.results_files import (
    MAX_RESULTS_BYTES,
    RESULTS,
    discover,
    file_sha256,
    is_results_path,
    results_path,
)
from validators.association.reviews import REVIEWS
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Evaluation
from validators.findings import CheckResult, Finding, error, warning
from validators.repository import Repository
from validators.year.files import relative, tree_root, year_file_chain, year_files

__all__ = ["FrozenYear", "as_published", "association_counts", "changed_since_frozen", "check_frozen", "code_commit", "data_sha256", "discover", "file_sha256", "is_results_path", "load_frozen", "published", "read_frozen", "report_digests", "results_path", "review_changed_since_frozen", "review_digests", "review_file", "rubric_file_digests", "rubric_file_findings", "rubric_files_changed", "write_frozen"]

_COMMIT = re.compile(r"[0-9a-f]{40}")
_RESULT_FILE = re.compile(r"^([0-9]{4})\.json$")
# The folders whose state the recorded commit must describe.
TRACKED = ("validators", "submissions", "reviews")


class FrozenYear(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    year: Annotated[int, Field(ge=2000, le=2100)]
    finalized_on: dt.date
    code_commit: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] | None
    guideline_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    rubric_id: str
    rubric_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    # Every society evaluated is sample data (示例): the results are fictional too.
    sample: bool = False
    # The sha256 of each report file as it was frozen, by its path (`submissions/<id>/<year>.yaml`):
    # a report changed after finalize is told from the one scored. None in files written before
    # finalize recorded it (the field is an addition; those files are never rewritten for it).
    report_sha256: dict[str, Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] | None = None
    # The sha256 of each review file of the year's reports as it was frozen, by its path
    # (`reviews/<year>/<id>.yaml`; a report without one has no entry): a verdict given, changed
    # or taken back after finalize is told from the record scored. None in files written before
    # finalize recorded it (an addition, as report_sha256).
    review_sha256: dict[str, Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] | None = None
    # The sha256 of the bytes of each rubric file the year's rubric was read from, by its path
    # (`validators/rubrics/<year>.yaml`, and each file it carries forward from): a rubric file
    # edited after finalize is told from the one scored, where rubric_sha256 (the rubric as the
    # code of the day parsed it) moves with the code too. None in files written before finalize
    # recorded it (an addition, as report_sha256).
    rubric_file_sha256: dict[str, Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] | None = None
    # Of each society's warnings (its evaluation's `warnings`), how many waited on the association
    # or another society at finalize (policy.yaml's `remarks.association_pending`), by society id; a
    # society without one has no entry. The public 备注 of the year leaves them out of its count,
    # as it did before finalize (read into each evaluation's `association_warnings`, which no
    # evaluation record holds). None in files written before finalize recorded it (an addition, as
    # report_sha256): their 备注 counts every warning, as it was published.
    association_warnings: dict[str, PositiveInt] | None = None
    evaluations: list[Evaluation]

    @model_validator(mode="after")
    def _warnings_left_out(self) -> FrozenYear:
        """Each count belongs to an evaluation of the file and is at most its warnings: anything
        else was not written by `finalize`, and the file is refused (E-RESULTS-INVALID)."""
        counts = self.association_warnings or {}
        evaluated = {e.society: e for e in self.evaluations}
        for society, count in counts.items():
            if society not in evaluated:
                raise ValueError(f"association_warnings: no evaluation of {society}")
            if count > evaluated[society].warnings:
                raise ValueError(f"association_warnings: {society} has more than its warnings")
        for e in self.evaluations:
            e.association_warnings = counts.get(e.society, 0)
        return self


def data_sha256(model: BaseModel) -> str:
    """A year file's meaning, not its bytes: comments and key order do not change it."""
    text = json.dumps(model.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def association_counts(evaluations: list[Evaluation]) -> dict[str, int]:
    """Each society's warnings that wait on the association or another society, by id (none: no
    entry): what `finalize` records beside the evaluations, which do not hold it."""
    return {e.society: e.association_warnings for e in sorted(evaluations, key=lambda e: e.society)
            if e.association_warnings}


def report_digests(repo: Repository, year: int) -> dict[str, str]:
    """The sha256 of every readable report of `year`, by its path: what `finalize` freezes."""
    digests = {doc.file: file_sha256(repo.root, doc.file) for (_, y), doc in repo.reports.items() if y == year}
    return {file: digest for file, digest in sorted(digests.items()) if digest is not None}


def review_file(society: str, year: int) -> str:
    """The path of a society's review file of `year`, as the results file records it."""
    return f"{REVIEWS}/{year}/{society}.yaml"


def review_digests(repo: Repository, year: int) -> dict[str, str]:
    """The sha256 of the review file of every report of `year` that has one, by its path: what
    `finalize` freezes beside the reports'."""
    files = sorted({review_file(society, y) for (society, y) in repo.reports if y == year})
    found = {file: file_sha256(repo.root, file) for file in files if (repo.root / file).is_file()}
    return {file: digest for file, digest in sorted(found.items()) if digest is not None}


def rubric_file_digests(root: Path, year: int) -> dict[str, str]:
    """The sha256 of the bytes of every rubric file `year` is read from (its own, and those it
    carries forward from), by path from the repository's root: what `finalize` freezes."""
    found = {file: file_sha256(path.parent, path.name) for file, path in _rubric_files(root, year).items()}
    return {file: digest for file, digest in sorted(found.items()) if digest is not None}


def _rubric_files(root: Path, year: int) -> dict[str, Path]:
    """Where each rubric file `year` is read from stands, by its path from the repository's root."""
    return {relative(path, tree_root(root)): path for path in year_file_chain("rubrics", year, tree_root(root))}


def rubric_files_changed(frozen: FrozenYear, root: Path) -> list[tuple[str, str]] | None:
    """The rubric files of a frozen year whose bytes differ from those the results were computed
    with, each with what happened (改动 / 删除 / 新沿用: a file the year now carries forward from
    that it did not), by path; None when the results file recorded no rubric file digests."""
    if frozen.rubric_file_sha256 is None:
        return None
    now = rubric_file_digests(root, frozen.year)
    then = frozen.rubric_file_sha256
    changed = [(file, "改动" if file in now else "删除") for file in then if now.get(file) != then[file]]
    changed += [(file, "新沿用") for file in now if file not in then]
    return sorted(changed)


def rubric_file_findings(frozen: dict[int, FrozenYear], root: Path) -> list[Finding]:
    """A warning at each rubric file whose bytes differ from those finalized years' results were
    computed with (`rubric_file_sha256`): the frozen results stand, but the rubric page and every
    later year that carries the file forward read it as it is now. A results file that recorded
    no rubric file digests (the shipped 2017's) says nothing."""
    changed: dict[tuple[str, str], list[FrozenYear]] = {}
    for year in sorted(frozen):
        for file, what in rubric_files_changed(frozen[year], root) or []:
            changed.setdefault((file, what), []).append(frozen[year])
    return [_rubric_file_warning(file, what, years, frozen, root) for (file, what), years in sorted(changed.items())]


def _rubric_file_warning(file: str, what: str, years: list[FrozenYear], frozen: dict[int, FrozenYear],
                         root: Path) -> Finding:
    """`years`: the finalized years whose results recorded `file` as it no longer is."""
    named = "、".join(str(y.year) for y in years)
    recorded = "、".join(f"{RESULTS}/{y.year}.json" for y in years)
    commit = next((y.code_commit for y in years if y.code_commit is not None), None)
    restore = (f"请从定稿时的提交中恢复这个文件（git checkout {commit} -- {file}）" if commit is not None
               else "请把这个文件恢复成定稿时的样子")
    later = [str(year) for year in year_files("rubrics", root) if year not in frozen
             and file in rubric_file_digests(root, year)]
    carried = f"，沿用它的 {'、'.join(later)} 年度（carried_forward_from）也按现在的文件计分" if later else ""
    stands = f"公布的仍是 {named} 年度定稿时冻结的结果，不随之改变"
    how = f"{restore}；新的规定请写进新年度的文件（python -m validators new-year 年度）。"
    if what == "改动":
        return warning(file, _first_difference(root, file, years), 1, "W-RESULTS-RUBRIC-CHANGED",
                       f"评估细则文件 {file} 与 {named} 年度定稿时记录在 {recorded} 中的 sha256（rubric_file_sha256）不同，"
                       f"定稿之后被改动过：{stands}；但细则页按现在的文件显示{named}年度的细则，"
                       f"“与上一年度相比的变化”把这次改动当作该年度的规定{carried}。{how}")
    if what == "删除":
        return warning(file, 1, 1, "W-RESULTS-RUBRIC-CHANGED",
                       f"评估细则文件 {file} 是 {named} 年度定稿时细则读自的文件（记录在 {recorded} 中），"
                       f"现在已被删除或不再被沿用：{stands}；但细则页按现在的文件显示{named}年度的细则。{how}")
    return warning(file, 1, 1, "W-RESULTS-RUBRIC-CHANGED",
                   f"{named} 年度定稿时细则不读评估细则文件 {file}（{recorded} 中没有记录它），"
                   f"现在却沿用它（carried_forward_from）：{stands}；但细则页按现在的文件显示{named}年度的细则。"
                   "请把该年度的细则文件恢复成定稿时的样子；新的规定请写进新年度的文件（python -m validators new-year 年度）。")


def _first_difference(root: Path, file: str, years: list[FrozenYear]) -> int:
    """The first line at which `file` differs from the bytes a finalized year recorded, read from
    the finalize commit; 1 when that commit is not at hand (finalized outside Git, or a tree
    without the commit) or does not hold those bytes."""
    path = _rubric_files(root, years[0].year).get(file)
    try:
        now = path.read_bytes() if path is not None else None
    except OSError:
        now = None
    for year in years:
        then = _committed(root, year.code_commit, file) if year.code_commit is not None else None
        digests = year.rubric_file_sha256 or {}
        if now is None or then is None or hashlib.sha256(then).hexdigest() != digests.get(file):
            continue
        old, new = then.splitlines(keepends=True), now.splitlines(keepends=True)
        same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
        return max(1, min(same + 1, len(new)))
    return 1


def _committed(root: Path, commit: str, file: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{file}"], capture_output=True,
                              check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def review_changed_since_frozen(frozen: FrozenYear, root: Path, society: str) -> bool | None:
    """Whether a society's review file of a frozen year differs from the one the results were
    computed with (given, changed or removed since): None when the results file recorded no
    digests of review files (written before finalize recorded them)."""
    if frozen.review_sha256 is None:
        return None
    file = review_file(society, frozen.year)
    now = file_sha256(root, file) if (root / file).is_file() else None
    return now != frozen.review_sha256.get(file)


def changed_since_frozen(frozen: FrozenYear, root: Path, file: str) -> bool | None:
    """Whether a report of a frozen year differs from the file that was frozen: None when the
    results file recorded no digest of it (written before finalize recorded them)."""
    if frozen.report_sha256 is None or file not in frozen.report_sha256:
        return None
    return file_sha256(root, file) != frozen.report_sha256[file]


def _file(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def read_frozen(path: Path, root: Path) -> tuple[FrozenYear | None, list[Finding]]:
    """One results file, or the finding that says why it cannot be used."""
    file = _file(path, root)
    match = _RESULT_FILE.match(path.name)
    if match is None or path.is_symlink() or not path.is_file():
        return None, [error(file, 1, 1, "E-RESULTS-INVALID",
                            f"“{file}”不是结果文件：results/ 中只能有 finalize 写出的 <年度>.json。")]
    try:
        data = path.read_bytes()
        if len(data) > MAX_RESULTS_BYTES:
            raise ValueError
        frozen = FrozenYear.model_validate_json(data)
    except ValidationError as exc:
        line = _json_line(data, exc)
        return None, [error(file, line, 1, "E-RESULTS-INVALID",
                            f"结果文件“{file}”无法读取（{exc.errors()[0]['type']}）：它只能由 "
                            "python -m validators finalize 写出，请不要手工修改；必要时用 --replace 重新定稿。")]
    except (OSError, ValueError):
        return None, [error(file, 1, 1, "E-RESULTS-INVALID",
                            f"结果文件“{file}”无法读取或过大：请用 python -m validators finalize 重新写出。")]
    if frozen.year != int(match.group(1)) or any(e.year != frozen.year for e in frozen.evaluations):
        return None, [error(file, 1, 1, "E-RESULTS-INVALID",
                            f"结果文件“{file}”中的年度与文件名不一致：请用 finalize 重新写出。")]
    return frozen, []


def _json_line(data: bytes, exc: ValidationError) -> int:
    """The line of a JSON syntax error, when that is what failed; else 1."""
    try:
        json.loads(data)
    except json.JSONDecodeError as bad:
        return bad.lineno
    except (UnicodeDecodeError, RecursionError):
        return 1
    return 1


def load_frozen(root: Path, paths: list[Path] | None = None) -> tuple[dict[int, FrozenYear], list[Finding]]:
    """Every usable results file of the tree (or of `paths`) by year, and findings for the others."""
    frozen: dict[int, FrozenYear] = {}
    findings: list[Finding] = []
    for path in discover(root) if paths is None else paths:
        year, found = read_frozen(path, root)
        findings += found
        if year is not None:
            frozen[year.year] = year
    return frozen, findings


def check_frozen(result: CheckResult, root: Path, paths: list[Path] | None = None) -> dict[int, FrozenYear]:
    """The results files of the tree (or `paths`) read into a check's `result`, as `check` and
    the site count them: each a checked file, each problem a finding; the usable ones by year."""
    paths = discover(root) if paths is None else paths
    frozen, findings = load_frozen(root, paths)
    result.files += len(paths)
    result.findings += findings + rubric_file_findings(frozen, root)
    return frozen


def published(live: list[Evaluation], frozen: dict[int, FrozenYear]) -> list[Evaluation]:
    """The evaluations to show: the frozen ones for final years, the live ones for the rest."""
    kept = [e for e in live if e.year not in frozen]
    kept += [e for year in frozen.values() for e in year.evaluations]
    return sorted(kept, key=lambda e: (e.year, e.society))


def as_published(repo: Repository, year: int | None = None,
                 ) -> tuple[list[Evaluation], dict[int, FrozenYear], list[Finding]]:
    """What `evaluate` shows for a checked tree: the live evaluations (with the association's
    reviews), the frozen ones for final years; the frozen results by year; the results files
    refused."""
    frozen, broken = load_frozen(repo.root)
    return published(evaluate_repository(repo, year), frozen), frozen, broken


def code_commit(root: Path) -> tuple[str | None, bool]:
    """The commit checked out at `root`, and whether the tracked folders differ from it.
    (None, False) outside a Git work tree."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True, timeout=30).stdout.strip()
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, check=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None, False
    if Path(top).resolve() != root.resolve():
        return None, False  # a tree inside another repository: its commit says nothing of this one
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", *TRACKED],
                            capture_output=True, text=True, check=False, timeout=30).stdout
    return (head if _COMMIT.fullmatch(head) else None), bool(status.strip())


def write_frozen(root: Path, frozen: FrozenYear) -> Path:
    path = results_path(root, frozen.year)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = frozen.model_dump(mode="json")
    for added in ("report_sha256", "review_sha256", "rubric_file_sha256", "association_warnings"):
        if data[added] is None:  # a file from before the field: written as it was
            del data[added]
    # One evaluation a line: a later diff of the file shows which society changed.
    rows = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in data.pop("evaluations")]
    head = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)[:-2]
    path.write_text(head + ',\n "evaluations": [\n' + ",\n".join(rows) + "\n ]\n}\n", "utf-8")
    return path
