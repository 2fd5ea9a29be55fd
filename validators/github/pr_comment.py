"""The sticky pull-request comment, built by the base branch's code from the validation artifact.

The artifact was written by a job that ran the pull request's own code, so nothing in it is
trusted: each file is size-bounded and shape-checked by a model before use, every value is
escaped, links are built only from validated parts, and the comment stays under GitHub's limit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from validators.evaluation.reports import area_labels
from validators.evaluation.scoring import AT_FAULT, PROFILE_AT_FAULT, REPORT_AT_FAULT
from validators.github.changed_files import ChangedFile, ChangedFileError, parse_changed, society_of
from validators.markdown_text import code_span
from validators.markdown_text import inert_on_github as inert
from validators.models.common import SLUG_PATTERN
from validators.submission_paths import PROFILE_FILE, PathKind, classify
from validators.yaml import strict_json
from validators.yaml.loading import read_limited
from validators.year.cycle import today
from validators.year.guideline import guideline

MARKER = "<!-- society-registry-bot -->"
COMMENT_LIMIT = 65_536  # GitHub refuses longer comment bodies
_NOTE_ROOM = 1_000  # kept free for the truncation note and the footer
MAX_ARTIFACT_BYTES = 8 * 1024 * 1024
MAX_MESSAGE_CHARS = 400
MAX_EVALUATION_CHARS = 20_000
MAX_ADVICE = 8
LABEL_NEEDS_CHANGES = "需修改"
SEVERITY_LABEL = {"error": "❌ 错误", "warning": "⚠️ 警告"}
_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_SHA = re.compile(r"^[0-9a-f]{40}$")
_SITE = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ArtifactError(ValueError):
    """The artifact is refused; the message is fixed text, never a value from the artifact."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Lenient(BaseModel):
    """Evaluations carry more fields than the comment shows; those are ignored, not trusted."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


Code = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{0,63}$")]
Clause = Annotated[str, Field(pattern=r"^[0-9]{1,2}(?:\.[0-9]{1,2})?$")]
Position = Annotated[int, Field(ge=1, le=10_000_000)]
ShortText = Annotated[str, Field(max_length=10_000)]
Score = Annotated[float, Field(ge=-1_000_000, le=1_000_000, allow_inf_nan=False)]
Society = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64)]
Year = Annotated[int, Field(ge=1900, le=2200)]
AreaKey = Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,39}$")]


class FindingIn(_Strict):
    file: Annotated[str, Field(min_length=1, max_length=1024)]
    line: Position
    column: Position
    code: Code
    severity: Literal["error", "warning"]
    message: ShortText
    clause: Clause | None = None


class CheckIn(_Strict):
    files: Annotated[int, Field(ge=0, le=10_000_000)]
    findings: Annotated[list[FindingIn], Field(max_length=200_000)]


class ScoreLineIn(_Lenient):
    area: AreaKey
    clause: Clause | None = None
    item_id: ShortText | None = None
    rule: ShortText
    points: Score
    note: ShortText
    file: ShortText
    line: Annotated[int, Field(ge=0, le=10_000_000)]
    finding: Annotated[str, Field(pattern=r"^[EW]-[A-Z0-9-]{1,60}$")] | None = None


class AdviceIn(_Lenient):
    clause: Clause | None = None
    message: ShortText
    gain: Score


class EvaluationIn(_Lenient):
    society: Society
    year: Year
    guideline_year: Year
    rubric: Annotated[str, Field(max_length=200)]
    total: Score
    tier: Annotated[str, Field(max_length=20)]
    subtotals: Annotated[dict[AreaKey, Score], Field(max_length=20)]
    lines: Annotated[list[ScoreLineIn], Field(max_length=20_000)]
    advice: Annotated[list[AdviceIn], Field(max_length=2_000)]
    has_errors: bool = False
    name: Annotated[str, Field(max_length=500)] | None = None


class EvaluationsIn(_Lenient):
    evaluations: Annotated[list[EvaluationIn], Field(max_length=20_000)]


Model = TypeVar("Model", bound=BaseModel)


def _read_bounded(path: Path, what: str) -> bytes:
    if path.is_symlink() or not path.is_file():
        raise ArtifactError(f"{what}不存在或不是普通文件")
    data = read_limited(path, MAX_ARTIFACT_BYTES)
    if len(data) > MAX_ARTIFACT_BYTES:
        raise ArtifactError(f"{what}超过 {MAX_ARTIFACT_BYTES // (1024 * 1024)} MiB")
    return data


def read_artifact(path: Path, model: type[Model], what: str) -> Model:
    """One JSON file of the artifact, validated by `model`, or ArtifactError."""
    data = _read_bounded(path, what)
    try:
        strict_json.loads(data)  # a key given twice is refused; pydantic would keep the last
        return model.model_validate_json(data)
    except strict_json.StrictJsonError:
        raise ArtifactError(f"{what}不是有效的 JSON（或有重复的键）") from None
    except ValidationError:
        raise ArtifactError(f"{what}的结构不符合预期") from None


def read_changed(path: Path) -> list[ChangedFile]:
    try:
        return parse_changed(_read_bounded(path, "改动文件清单").decode("utf-8"))
    except (ChangedFileError, UnicodeDecodeError):
        raise ArtifactError("改动文件清单的结构不符合预期") from None


@dataclass(frozen=True, slots=True)
class Links:
    """Where the comment links to; every part validated, since URLs are built from them."""

    repo: str
    sha: str
    site_url: str
    run_url: str | None = None

    @classmethod
    def build(cls, repo: str, sha: str, site_url: str | None = None,
              run_id: int | None = None) -> Links:
        if not _REPO.fullmatch(repo):
            raise ValueError(f"repository must be owner/name: {repo!r}")
        if not _SHA.fullmatch(sha):
            raise ValueError(f"sha must be 40 lowercase hex digits: {sha!r}")
        owner, name = repo.split("/")
        site = site_url or f"https://{owner.lower()}.github.io/{name}/"
        if not _SITE.fullmatch(site):
            raise ValueError(f"site URL must be a plain https URL: {site!r}")
        run_url = f"https://github.com/{repo}/actions/runs/{run_id}" if run_id else None
        return cls(repo, sha, site.rstrip("/") + "/", run_url)

    def line(self, file: str, line: int) -> str | None:
        """The file at the head commit, or None when the name is not a plain repository path."""
        parts = PurePosixPath(file).parts
        if (not parts or file.startswith("/") or _CONTROL.search(file)
                or any(p in ("..", ".") for p in parts)):
            return None
        return f"https://github.com/{self.repo}/blob/{self.sha}/{quote(file, safe='/')}#L{line}"

    def clause(self, clause: str, year: int | None) -> str:
        """The clause on its year's guideline page; without a year, the guideline's landing page."""
        if year is None:
            return f"{self.site_url}guideline/"
        return f"{self.site_url}guideline/{year}/#clause-{clause.replace('.', '-')}"


def units(text: str) -> int:
    """Length as GitHub may count it: UTF-16 code units, never fewer than characters."""
    return len(text.encode("utf-16-le")) // 2


def _clip(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _year(file: str) -> int | None:
    """The year of a report's file, whose guideline its findings cite; None for other files."""
    where = classify(file)
    return where.year if where.kind is PathKind.REPORT else None


def _finding_row(f: FindingIn, links: Links) -> str:
    where = code_span(f"{f.file}:{f.line}:{f.column}", in_table=True)
    target = links.line(f.file, f.line)
    if target:
        where = f"[{where}]({target})"
    clause = f"[{f.clause}]({links.clause(f.clause, _year(f.file))})" if f.clause else ""
    return (f"| {SEVERITY_LABEL[f.severity]} | {where} | {inert(_clip(f.message))} | {clause} "
            f"| {code_span(f.code, in_table=True)} |")


def _worst_first(findings: list[FindingIn]) -> list[FindingIn]:
    return sorted(findings, key=lambda f: (f.severity != "error", f.file, f.line, f.column, f.code))


# This comment says what the files hold; the other two checks (ownership.yml's jobs, by their
# names there) say who may change them and when: a pass here is not a pass there.
OTHER_CHECKS = ("本评论只说文件内容。能否合并还要看本页下方另外两项检查：“核对维护人”（谁能改这个学会的文件）"
                "和“填报期限与负责人批准”（截止之后能否再改、负责人是否批准）；其中一项打了红叉时，点“Details”查看原因，"
                "截止与批准的问题另有一条评论。都通过后，等待市科协工作人员审核合并。")


def _heading(check: CheckIn, links: Links) -> str:
    counts = Counter(f.severity for f in check.findings)
    errors, warnings = counts["error"], counts["warning"]
    if errors:
        title = "## ❌ 提交检查：需要修改"
        hint = ("请按下表逐条修改：点击“位置”跳到出错的行，点击“条款”查看指南原文。"
                "修改后推送到同一分支，本评论会自动更新。")
    elif warnings:
        title = f"## ✅ 提交检查通过（有 {warnings} 个警告）"
        hint = "警告不妨碍合并：请核对这些地方，确认无误即可保留，审核人员也会查看。" + OTHER_CHECKS
    else:
        title = "## ✅ 提交检查通过"
        hint = "文件内容没有发现问题。" + OTHER_CHECKS
    return (f"{MARKER}\n{title}\n\n检查了 {check.files} 个文件（提交 {code_span(links.sha[:7])}）："
            f"{errors} 个错误，{warnings} 个警告。{hint}\n")


def _findings_section(check: CheckIn, links: Links, budget: int) -> str:
    if not check.findings:
        return ""
    lines = ["", "| 级别 | 位置 | 说明 | 条款 | 代码 |", "| --- | --- | --- | --- | --- |"]
    used = sum(units(x) + 1 for x in lines)
    ordered = _worst_first(check.findings)
    shown = 0
    for finding in ordered:
        row = _finding_row(finding, links)
        if used + units(row) + 1 > budget:
            break
        lines.append(row)
        used += units(row) + 1
        shown += 1
    hidden = len(ordered) - shown
    if hidden:
        where = f"[检查运行的摘要]({links.run_url})" if links.run_url else "检查运行的摘要"
        lines += ["", f"> 还有 {hidden} 条问题没有列出（评论长度有上限），完整列表见{where}。"]
    return "\n".join(lines) + "\n"


def _key(e: EvaluationIn) -> tuple[str, int]:
    return (e.society, e.year)


def _changed(head: EvaluationIn | None, base: EvaluationIn | None) -> bool:
    if head is None or base is None:
        return head is not base
    return ((head.total, head.tier, head.has_errors, dict(head.subtotals))
            != (base.total, base.tier, base.has_errors, dict(base.subtotals)))


def _area_changes(head: EvaluationIn, base: EvaluationIn | None) -> str:
    if base is None:
        return ""
    labels = area_labels(head.guideline_year)
    parts = []
    for area in sorted(set(head.subtotals) | set(base.subtotals)):
        before, after = base.subtotals.get(area, 0.0), head.subtotals.get(area, 0.0)
        if before != after:
            label = inert(labels[area]) if area in labels else code_span(area, in_table=True)
            parts.append(f"{label} {before:g} → {after:g}")
    return "；".join(parts)


def _delta(head: EvaluationIn | None, base: EvaluationIn | None, compared: bool) -> str:
    if not compared:
        return ""
    if base is None:
        return "新增"
    if head is None:
        return f"已删除（main 上为 {base.total:g} 分，{inert(base.tier)}）"
    diff = round(head.total - base.total, 6)
    text = "不变" if diff == 0 else f"{diff:+g} 分"
    if head.tier != base.tier:
        text += f"，{inert(base.tier)} → {inert(head.tier)}"
    return text


def _society_cell(e: EvaluationIn) -> str:
    ident = code_span(e.society, in_table=True)
    # A profile that cannot be read leaves the id as the name: said once.
    return f"{inert(_clip(e.name, 100))} {ident}" if e.name and e.name != e.society else ident


def _condemned(now: EvaluationIn) -> str:
    """Why a report's items score nothing, said as the score lines say it: the society's
    profile (society.yaml) or the report as a whole keeps every item from scoring, not each
    item its own error."""
    condemned = [x for x in now.lines if x.finding]
    if condemned and all(x.note.startswith(PROFILE_AT_FAULT + AT_FAULT) for x in condemned):
        return f"（学会资料 {PROFILE_FILE} 有错误，本报告的项目都不计分，见上表）"
    if condemned and all(x.note.startswith(REPORT_AT_FAULT + AT_FAULT) for x in condemned):
        return "（本报告有错误，全部项目不计分，见上表）"
    if condemned:
        return f"（{len(condemned)} 项有错误，不计分）"
    return "（有错误，见上表）" if now.has_errors else ""


def _evaluation_section(head: EvaluationsIn, base: EvaluationsIn | None, touched: set[str],
                        later: Collection[int] = ()) -> str:
    heads = {_key(e): e for e in head.evaluations}
    bases = {_key(e): e for e in base.evaluations} if base else {}
    # Without the main branch's figures, the touched societies' scores; with them, only the
    # scores that move: a row that says "不变" is noise.
    keys = sorted({k for k in set(heads) | set(bases) if _changed(heads.get(k), bases.get(k))}
                  if base else {k for k in heads if k[0] in touched})
    title = "### 评估得分（按合并后的数据试算，以市科协审核为准）"
    if not keys:
        return f"\n{title}\n\n本拉取请求没有改变任何学会的得分。\n"
    compared = base is not None
    lines = ["", title, "", "| 学会 | 年度 | 得分 | 档次 | 与 main 相比 | 变化的领域 |",
             "| --- | --- | --- | --- | --- | --- |"]
    used, shown = sum(units(x) + 1 for x in lines), 0
    for key in keys:
        now, before = heads.get(key), bases.get(key)
        shown_eval = now or before
        assert shown_eval is not None
        if now is None:
            score, tier, areas = "—", "—", ""
        else:
            score = f"{now.total:g}"
            tier = inert(now.tier) + _condemned(now)
            areas = _area_changes(now, before)
        row = (f"| {_society_cell(shown_eval)} | {key[1]} | {score} | {tier} "
               f"| {_delta(now, before, compared)} | {areas} |")
        if used + units(row) + 1 > MAX_EVALUATION_CHARS:
            break
        lines.append(row)
        used += units(row) + 1
        shown += 1
    if shown < len(keys):
        lines += ["", f"> 另有 {len(keys) - shown} 个学会年度的得分有变化，未列出。"]
    lines += _advice(heads, keys, later)
    return "\n".join(lines) + "\n"


def later_years(years: Iterable[int], root: Path | None) -> set[int]:
    """The years whose submission has closed today: their reports take no new item (the cycle
    gate refuses it), so advice to add one is for later years, not for this pull request."""
    closed = set()
    for year in set(years):
        rules = guideline(year, root)
        if rules is not None and rules.calendar is not None and rules.calendar.is_closed(today()):
            closed.add(year)
    return closed


def _advice(heads: dict[tuple[str, int], EvaluationIn], keys: list[tuple[str, int]],
            later: Collection[int] = ()) -> list[str]:
    every = [(a.gain, e, a) for k in keys if (e := heads.get(k)) for a in e.advice if a.gain > 0]
    tips = [t for t in every if t[1].year not in later]
    tips.sort(key=lambda t: (-t[0], t[1].society, t[1].year))
    if not tips:
        return ["", "> 填报已截止的年度不给提分建议（报告不能再增加项目）：以后年度的建议见网站上的报告页。"] if every else []
    out = ["", "**提分建议**（程序把报告按建议改动后重新计分得出）：", ""]
    for gain, e, a in tips[:MAX_ADVICE]:
        out.append(f"- {code_span(e.society)} {e.year}：{inert(_clip(a.message))}（可加 {gain:g} 分）")
    return out


def _touched(check: CheckIn, changed: list[ChangedFile] | None) -> set[str]:
    paths = [f.file for f in check.findings]
    paths += [p for c in changed or [] for p in c.paths]
    return {s for p in paths if (s := society_of(p))}


def _folders_note(changed: list[ChangedFile] | None, head: EvaluationsIn | None) -> str:
    """A change to two or more societies' folders, said where staff and secretaries read first:
    each folder is its own society's, whose maintainers alone may change it (the 核对维护人 check
    decides; this comment only says so)."""
    societies = sorted({s for c in changed or [] for p in c.paths if (s := society_of(p))})
    if len(societies) < 2:
        return ""
    names = {e.society: e.name for e in (head.evaluations if head else []) if e.name and e.name != e.society}
    shown = "、".join(f"{inert(_clip(names[s], 100))} {code_span(s)}" if s in names else code_span(s)
                     for s in societies[:10])
    more = f"等 {len(societies)} 个" if len(societies) > 10 else f"{len(societies)} 个"
    return (f"\n本拉取请求改动了 {more}学会的文件夹：{shown}。每个学会的文件夹只能由本学会的维护人改动，"
            "能否合并见本页下方的“核对维护人”检查；市科协审核时请留意。\n")


def _footer(links: Links) -> str:
    run = f"[检查运行]({links.run_url})" if links.run_url else "检查运行"
    return (f"\n---\n<sub>本评论由机器人根据{run}的结果自动生成，每次推送后更新。"
            f"“错误”必须修改；“警告”请核对。得分按[评估细则]({links.site_url}rubric/)的默认值试算。</sub>\n")


def build_comment(check: CheckIn, links: Links, head: EvaluationsIn | None = None,
                  base: EvaluationsIn | None = None,
                  changed: list[ChangedFile] | None = None, later: Collection[int] = (),
                  unread: str = "") -> str:
    """The whole comment, never longer than GitHub accepts. `later`: the years whose advice is
    for later years (later_years), left out of the 提分建议. `unread`: a fixed sentence of this
    program's saying what of the pull request's earlier commits was not read."""
    heading = _heading(check, links) + _folders_note(changed, head) + (f"\n{unread}\n" if unread else "")
    scores = _evaluation_section(head, base, _touched(check, changed), later) if head else ""
    footer = _footer(links)
    budget = COMMENT_LIMIT - _NOTE_ROOM - units(heading) - units(scores) - units(footer)
    body = heading + _findings_section(check, links, budget) + scores + footer
    while units(body) > COMMENT_LIMIT:  # cannot happen with the budgets above; never post more
        body = body[: COMMENT_LIMIT // 2] + "\n\n（评论已截断）\n"
    return body


def refusal_comment(reason: str, links: Links | None) -> str:
    """Posted instead when the artifact is refused: fixed text, nothing from the artifact."""
    run = f"[检查运行]({links.run_url})" if links and links.run_url else "检查运行"
    return (f"{MARKER}\n## ⚠️ 无法生成检查结果评论\n\n本次{run}上传的结果文件没有通过格式校验"
            f"（{reason}），为安全起见，机器人不转述其中的任何内容。\n\n"
            "请打开检查运行查看日志。学会的提交只应改动 `submissions/` 下本学会的文件夹；"
            "如果拉取请求没有改动程序或工作流却出现这条提示，请联系市科协管理员。\n")


def needs_changes(check: CheckIn) -> bool:
    return any(f.severity == "error" for f in check.findings)
