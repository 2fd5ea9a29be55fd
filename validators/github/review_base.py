"""A review file must start from the base branch's: E-REVIEW-STALE.

The verification workbench writes into each review file it gives out the file it started from
(`based_on`: the sha256 of the bytes of the repository's review file the site was built with, or
`none` when there was none). Two people who open the same society from the same published site
both start from that file; when the first one's file is merged, the second one's no longer
starts from the base branch's file, and merging it would replace the first one's verdicts and
marks without a word (nothing in the file itself is wrong, so `check` passes). The pull-request
check compares the two and refuses the second file until it is made again from the updated site.

The year's objections file (`reviews/<year>/objections.yaml`) is written by the same workbench
and held the same way: two members of staff answering objections from the same site would
otherwise overwrite each other's answers.

A file without `based_on` (written by hand) is not compared; nor is one whose `based_on` is not
a digest (the model refuses it: `check` says so). A hand edit of a file on main keeps the
`based_on` of the workbench's last save, which names the file before it: the message says to
delete the line then.

A review file that does start from the base branch's (or names no start) may still delete
records of it: a draft begun on an older record that replaced the newer one in the workbench
(“用草稿替换仓库中的记录”) is based on the newer one. Each verdict, 其余全部核实 and expert mark of
the base's file that the changed file no longer holds is named in W-REVIEW-RECORDS-DROPPED, for
the pull request's reviewer to see: a warning, since an admin may delete a record on purpose.
A verdict or mark changed in place (material arrived, a mark corrected) is an edit, not said;
nor is a verdict on an item the report no longer has (the head's report: the pull request may
change it too), which the workbench never writes and `check` refuses (E-REVIEW-UNKNOWN-ITEM).

Two files made from the same site for the same society (a member of staff's and an expert's) may
also be committed one over the other in one pull request: both start from the base's file, so
neither comparison above sees the first one's records go. Each earlier version of the file in the
pull request's commits is therefore compared with the head's as well, and what it gave (records
the base's file does not hold) that the head's no longer holds is named in the same warning, with
the commit that had it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from validators.association.reviews import OBJECTIONS_FILE, item_ids, key_of, record_year_folder
from validators.findings import Finding, error, warning
from validators.github.changed_files import ChangedFile
from validators.models.for_year import report_model
from validators.models.report import YearReport
from validators.models.review import (
    BASED_ON_NOTHING,
    BASED_ON_PATTERN,
    Objection,
    ObjectionsFile,
    ReviewFile,
)
from validators.submission_paths import SUBMISSIONS
from validators.yaml.loading import Loaded, load_bytes, read_limited
from validators.yaml.policy import policy
from validators.year.files import YearFileError
from validators.year.guideline import guideline
from validators.year.rubric import rubric

__all__ = ["BaseReader", "EarlierReader", "files_of", "git_earlier", "git_files", "stale_reviews"]

# The bytes of a repository path on one side (None: no such regular file there).
BaseReader = Callable[[str], bytes | None]
# The versions of a repository path in the pull request's commits, newest first: each commit's
# short id and the path's bytes there (None: deleted there, or no regular file).
EarlierReader = Callable[[str], list[tuple[str, bytes | None]]]
SHORT_SHA = 7
# The model's own pattern: what the model accepts is exactly what is compared.
_BASED_ON = re.compile(BASED_ON_PATTERN)
MAX_NAMED = 6


def files_of(root: Path) -> BaseReader:
    """Paths read from a checkout (or the overlay): regular files only, within the size limit."""
    limit = policy().yaml.max_file_bytes

    def read(path: str) -> bytes | None:
        where = root / path
        if any(p.is_symlink() for p in (where, *where.parents) if p.is_relative_to(root) and p != root):
            return None
        if not where.is_file():
            return None
        try:
            return read_limited(where, limit)
        except OSError:
            return None
    return read


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def _blob(root: Path, revision: str, path: str) -> bytes | None:
    """The bytes of `path` at `revision` when it is a regular file there (None otherwise)."""
    listed = _git(root, "ls-tree", "-z", revision, "--", path).stdout.split(b"\0")[0]
    meta = listed.partition(b"\t")[0].split()
    if len(meta) != 3 or meta[1] != b"blob" or meta[0] not in (b"100644", b"100755"):
        return None
    shown = _git(root, "cat-file", "blob", meta[2].decode("ascii"))
    return shown.stdout if shown.returncode == 0 else None


def git_files(root: Path, revision: str) -> BaseReader:
    """Paths read from a revision of the repository at `root` (regular blobs only). The revision
    must exist: ValueError otherwise, before any path is asked for."""
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise ValueError(revision)
    return lambda path: _blob(root, revision, path)


def git_earlier(root: Path, base: str, head: str = "HEAD") -> EarlierReader:
    """The versions of a path in the commits `base..head` that touched it (the pull request's,
    the head's own among them), newest first; none when git cannot list them. The branch's first
    parents only, each compared with the one before: a merge of main that took main's file over
    the branch's is a version (git's default walk would follow main's side and skip the branch's)."""
    def read(path: str) -> list[tuple[str, bytes | None]]:
        listed = _git(root, "log", "--first-parent", "--format=%H", f"{base}..{head}", "--", path)
        if listed.returncode != 0:
            return []
        return [(commit[:SHORT_SHA], _blob(root, commit, path))
                for commit in listed.stdout.decode("ascii", "replace").split()]
    return read


def _digest(value: object) -> str | None:
    """A `based_on` the model accepts, or None (absent, null, or refused by the model)."""
    if not isinstance(value, str):
        return None
    return value if _BASED_ON.fullmatch(value) else None


def _load(data: bytes, file: str) -> Loaded:
    return load_bytes(data, file, policy().yaml.limits)


_Record = TypeVar("_Record", ReviewFile, ObjectionsFile)


def _model(loaded: Loaded, model: type[_Record]) -> _Record | None:
    if not loaded.ok:
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError:
        return None


def dropped(base: ReviewFile, head: ReviewFile, criteria: Mapping[str, str] | None = None) -> list[str]:
    """What the base's record holds that `head` lacks or says otherwise, in words (every value
    named is one the model restricts: ids, logins, dates, numbers; `criteria`: the year's
    expert-marked criteria by id, named as the workbench names them)."""
    labels = criteria or {}
    said: list[str] = []
    mine = {r.item: r for r in head.items}
    for r in base.items:
        other = mine.get(r.item)
        if other is None or (other.status, other.reason) != (r.status, r.reason):
            said.append(f"项目 {r.item} 的结论“{r.status.label}”（{r.reviewer}，{r.date.isoformat()}）")
    rest = base.rest
    if rest is not None and (head.rest is None or (head.rest.reviewer, head.rest.date) != (rest.reviewer, rest.date)):
        said.append(f"“其余全部核实”（{rest.reviewer}，{rest.date.isoformat()}）")
    marks = {(m.criterion, m.expert): m.mark for m in head.marks}
    for m in base.marks:
        if marks.get((m.criterion, m.expert)) != m.mark:
            name = f"“{labels[m.criterion]}”（{m.criterion}）" if m.criterion in labels else f" {m.criterion} "
            said.append(f"专家 {m.expert} 对评分项{name}的评分 {m.mark:g} 分")
    return said


def removed(base: ReviewFile, head: ReviewFile, criteria: Mapping[str, str] | None = None,
            items: set[str] | None = None) -> list[str]:
    """The base's records `head` no longer holds at all, in words: an item's verdict (the item has
    none in `head`), 其余全部核实, an expert's mark on a criterion (every value named is one the
    model restricts). One changed in place is not removed; nor is a verdict on an item not among
    `items` (the ids of the head's report; None: unknown, every item counts)."""
    labels = criteria or {}
    said: list[str] = []
    mine = {r.item for r in head.items}
    said += [f"项目 {r.item} 的结论“{r.status.label}”（{r.reviewer}，{r.date.isoformat()}）"
             for r in base.items if r.item not in mine and (items is None or r.item in items)]
    if base.rest is not None and head.rest is None:
        said.append(f"“其余全部核实”（{base.rest.reviewer}，{base.rest.date.isoformat()}）")
    marks = {(m.criterion, m.expert) for m in head.marks}
    for m in base.marks:
        if (m.criterion, m.expert) not in marks:
            name = f"“{labels[m.criterion]}”（{m.criterion}）" if m.criterion in labels else f" {m.criterion} "
            said.append(f"专家 {m.expert} 对评分项{name}的评分 {m.mark:g} 分（{m.date.isoformat()}）")
    return said


def _removed_message(file: str, said: list[str]) -> str:
    named = "、".join(said[:MAX_NAMED]) + (f"等 {len(said)} 条" if len(said) > MAX_NAMED else "")
    return (f"本文件删去了主分支上的 {file} 中的 {len(said)} 条核查记录：{named}。"
            "如果这不是有意的（例如在核查工作台中选了“用草稿替换仓库中的记录”），请在工作台重新打开这个学会、"
            "选“合并”保留这些记录（合并保留仓库中的记录，加上草稿中新给出的），再用新生成的文件替换本拉取请求中的文件；"
            "管理员有意删除时，请在拉取请求中写明原因。")


def _earlier_message(file: str, commit: str, said: list[str]) -> str:
    named = "、".join(said[:MAX_NAMED]) + (f"等 {len(said)} 条" if len(said) > MAX_NAMED else "")
    if file.endswith(f"/{OBJECTIONS_FILE}"):
        what, whose, again = ("异议记录", "同一年度的异议记录文件",
                              "在工作台重新打开这个年度，把后一份中记录的异议和答复重新填一遍")
    else:
        what, whose, again = ("核查记录", "同一学会的核查记录文件",
                              "在生成后一份文件的浏览器中重新打开这个学会，选“合并”保留仓库中的记录，加上草稿中新给出的")
    return (f"本拉取请求较早的提交 {commit} 中的 {file} 有 {len(said)} 条{what}，现在的文件中已经没有了：{named}。"
            f"核查工作台从同一版网站生成的两份{whose}，后提交的一份会整个替换先提交的一份。"
            f"请把两份分成两个拉取请求先后提交：前一个合并、网站更新后，{again}，再提交新生成的文件；"
            "管理员有意删除时，请在拉取请求中写明原因。")


def _without_answer(o: Objection) -> dict[str, object]:
    return o.model_dump(exclude={"status", "answer", "answered"})


def dropped_objections(base: ObjectionsFile, head: ObjectionsFile) -> list[str]:
    """What the base's objections file holds that `head` lacks or says otherwise, by objection id:
    an objection, or only its answer when the rest is the same (every value named is one the
    model restricts: ids, dates, states). An answer `head` adds to an open one drops nothing."""
    said: list[str] = []
    mine = {o.id: o for o in head.objections}
    for o in base.objections:
        other = mine.get(o.id)
        if other == o:
            continue
        if other is None or _without_answer(other) != _without_answer(o):
            said.append(f"异议 {o.id}（{o.society}，{o.filed.isoformat()} 提出，{o.status.label}）")
        elif o.answer is not None or o.answered is not None:
            when = f"，{o.answered.isoformat()}" if o.answered is not None else ""
            said.append(f"异议 {o.id} 的答复（{o.status.label}{when}）")
    return said


def _named(said: list[str]) -> str:
    if not said:
        return ""
    more = f"等 {len(said)} 条" if len(said) > MAX_NAMED else ""
    return "：主分支上的记录中有、本文件中没有或不同的是" + "、".join(said[:MAX_NAMED]) + more


def _message(file: str, based_on: str, base: bytes | None, base_based_on: str | None, drops: list[str]) -> str:
    objections = file.endswith(f"/{OBJECTIONS_FILE}")
    again = ("请等网站按主分支更新后（合并后通常几分钟）在核查工作台重新打开这个"
             + ("年度，它会载入最新的异议记录；把你记录的异议和答复重新填一遍" if objections
                else "学会，它会载入最新的记录；把你的结论和评分重新填一遍（在生成本文件的浏览器中打开时，"
                "工作台列出两处记录的不同；选“合并”保留仓库中的记录，加上草稿中新给出的，"
                "两处对同一项目或同一评分项记的不同的，须重新给出）")
             + "，再用新生成的文件替换本拉取请求中的文件。")
    if base is None:
        return (f"核查工作台生成本文件时仓库中已有 {file}，但主分支上现在没有这个文件：在此期间它被删除或改名了。"
                f"请先向市科协管理员确认原因；{again}")
    start = ("仓库中还没有这个文件" if based_on == BASED_ON_NOTHING
             else "依据的是这个文件较早的版本（based_on）")
    saved, wiped = ("别人记录的异议或答复", "异议和答复") if objections else ("别人的核查记录", "结论和评分")
    text = (f"核查工作台生成本文件时{start}，而在此期间{saved}已经保存进主分支上的 {file}。"
            f"直接合并本文件会抹去那份记录中的{wiped}{_named(drops)}。{again}")
    if based_on == base_based_on:
        text += ("（只有在 GitHub 上直接手工修改主分支上的这个文件、而不是粘贴核查工作台生成的内容时，"
                 "才应删去 based_on 这一行：它记的是上一次用核查工作台时的起点。）")
    return text


def _criteria(root: Path | None, file: str) -> dict[str, str]:
    """The expert-marked criteria of the record's year, by id (none when that year's files are
    unreadable: the ids alone are then named)."""
    year = record_year_folder(file)
    try:
        points = rubric(int(year), root) if root is not None and year is not None else None
    except YearFileError:
        return {}
    return {c.id: c.label for c in points.assessed} if points is not None else {}


def _report_items(head: BaseReader, file: str, root: Path | None) -> set[str] | None:
    """The ids a review may name in the report `file` reviews, as the head's tree holds it, read
    by the year's report model of `root`'s year files (None when it cannot be read so: every
    verdict then counts)."""
    key = key_of(Path(file))
    if key is None:
        return None
    society, year = key
    path = f"{SUBMISSIONS}/{society}/{year}.yaml"
    data = head(path)
    loaded = _load(data, path) if data is not None else None
    if loaded is None or not loaded.ok:
        return None
    try:
        rules = guideline(year, root) if root is not None else None
        model = report_model(rules) if rules is not None else YearReport
        return set(item_ids(model.model_validate(loaded.data)))
    except (ValidationError, YearFileError):
        return None


def _records_removed(file: str, loaded: Loaded, before: bytes | None, at_based_on: bool,
                     root: Path | None, head: BaseReader) -> list[Finding]:
    """W-REVIEW-RECORDS-DROPPED for a review file (not the objections file) that no longer holds
    records of the base's, at its `based_on` line (`at_based_on`), else at its `society`."""
    if before is None or file.endswith(f"/{OBJECTIONS_FILE}"):
        return []
    base_review = _model(_load(before, file), ReviewFile)
    head_review = _model(loaded, ReviewFile)
    said = (removed(base_review, head_review, _criteria(root, file), _report_items(head, file, root))
            if base_review and head_review else [])
    if not said:
        return []
    line, column = loaded.source.value(("based_on",) if at_based_on else ("society",))
    return [warning(file, line, column, "W-REVIEW-RECORDS-DROPPED", _removed_message(file, said))]


def _records_overwritten(file: str, data: bytes, loaded: Loaded, before: bytes | None,
                         at_based_on: bool, earlier: EarlierReader, root: Path | None,
                         head: BaseReader) -> list[Finding]:
    """W-REVIEW-RECORDS-DROPPED for each earlier version of a review or objections file in the
    pull request's commits that gave records (ones the base's file does not hold) the head's
    no longer holds, naming its commit; a record is named once, at the newest commit with it."""
    versions = [(commit, version) for commit, version in earlier(file)
                if version is not None and version not in (data, before)]
    if not versions:
        return []
    if file.endswith(f"/{OBJECTIONS_FILE}"):
        head_objections = _model(loaded, ObjectionsFile)
        if head_objections is None:
            return []

        def lost(version: bytes) -> list[str]:
            record = _model(_load(version, file), ObjectionsFile)
            return dropped_objections(record, head_objections) if record else []
    else:
        head_review = _model(loaded, ReviewFile)
        if head_review is None:
            return []
        criteria, items = _criteria(root, file), _report_items(head, file, root)

        def lost(version: bytes) -> list[str]:
            record = _model(_load(version, file), ReviewFile)
            return removed(record, head_review, criteria, items) if record else []
    told = set(lost(before)) if before is not None else set()
    findings: list[Finding] = []
    line, column = loaded.source.value(("based_on",) if at_based_on else ("society",))
    for commit, version in versions:
        said = [s for s in lost(version) if s not in told]
        told.update(said)
        if said:
            findings.append(warning(file, line, column, "W-REVIEW-RECORDS-DROPPED",
                                    _earlier_message(file, commit, said)))
    return findings


def stale_reviews(changes: Iterable[ChangedFile], head: BaseReader, base: BaseReader,
                  loaded_by_check: Mapping[str, Loaded] | None = None, root: Path | None = None,
                  earlier: EarlierReader | None = None) -> list[Finding]:
    """E-REVIEW-STALE for each added or changed review file or objections file whose `based_on`
    is not the base branch's file (its sha256, or `none` when the base has none); for a review
    file that is not stale, W-REVIEW-RECORDS-DROPPED when it deletes records of the base's; and
    for either, when it no longer holds records an earlier commit of the pull request gave it.

    `loaded_by_check`: the files of the reviews folder as `check_tree` loaded them from the tree
    `head` reads (`Repository.records`): a head file found there is not loaded again. `root`: the
    tree whose rubrics name the expert-marked criteria in the message. `earlier`: the file's
    versions in the pull request's commits (None: not known, not compared)."""
    findings: list[Finding] = []
    kept = loaded_by_check or {}
    for change in changes:
        file = change.filename
        if change.status == "removed" or record_year_folder(file) is None:
            continue
        data = head(file)
        if data is None:
            continue
        loaded = kept.get(file)
        if loaded is None:
            loaded = _load(data, file)
        based_on = _digest(loaded.data.get("based_on")) if loaded.ok and isinstance(loaded.data, dict) else None
        before = base(file)
        overwritten = [] if earlier is None else _records_overwritten(
            file, data, loaded, before, based_on is not None, earlier, root, head)
        now = BASED_ON_NOTHING if before is None else hashlib.sha256(before).hexdigest()
        if based_on is None or based_on == now:
            findings += _records_removed(file, loaded, before, based_on is not None, root, head)
            findings += overwritten
            continue
        base_loaded = _load(before, file) if before is not None else None
        drops: list[str] = []
        base_based_on: str | None = None
        if file.endswith(f"/{OBJECTIONS_FILE}"):
            base_kept = _model(base_loaded, ObjectionsFile) if base_loaded else None
            head_kept = _model(loaded, ObjectionsFile)
            drops = dropped_objections(base_kept, head_kept) if base_kept and head_kept else []
            base_based_on = base_kept.based_on if base_kept else None
        else:
            base_review = _model(base_loaded, ReviewFile) if base_loaded else None
            head_review = _model(loaded, ReviewFile)
            drops = dropped(base_review, head_review, _criteria(root, file)) if base_review and head_review else []
            base_based_on = base_review.based_on if base_review else None
        line, column = loaded.source.value(("based_on",))
        findings.append(error(file, line, column, "E-REVIEW-STALE",
                              _message(file, based_on, before, base_based_on, drops)))
        findings += overwritten
    return findings
