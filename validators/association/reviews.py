"""The association's reviews of the reports: `reviews/<year>/<society-id>.yaml`, checked as
strictly as the reports, and what they mean for scoring on a given day.

Verification: an item 不予认定 earns nothing, its score line says why; an item not yet verified
(or 待补充材料) counts during 填报 and 核查 only when the rubric allows it, marked 待核实 on the
site, and not from the notice on. A year whose `reviews/<year>/` folder does not exist has no
verification recorded in the repository: its items count as reported.

A verdict covers the content the staff saw: when it records the item's content digest
(item_content.py) and the item now says something else, or when 其余全部核实 lists the contents
it covered and an item's is not among them (added or changed since), the item waits for
verification again (W-REVIEW-ITEM-CHANGED). A verdict recording no digest stands as it always did
(the files written before digests were recorded); in a year still open `check` warns that it is
bound to no content (W-REVIEW-UNBOUND): the workbench never writes one. In a finalized year
(results/<year>.json) nothing is verified again: the warning says the frozen result stands.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from validators.association.admin_files import open_record, year_mismatch
from validators.association.item_content import content_digest
from validators.association.objections import ObjectionsDoc, check_objections
from validators.association.record_dates import check_day
from validators.association.results_files import RESULTS, file_sha256, recorded, results_path
from validators.findings import Finding, error
from validators.models.common import SLUG_PATTERN
from validators.models.report import YearReport
from validators.models.review import (
    FINAL_REQUESTED,
    FINAL_UNVERIFIED,
    UNVERIFIED,
    ExpertMark,
    ItemReview,
    RestReview,
    ReviewFile,
    ReviewStatus,
)
from validators.rules import text_fields
from validators.rules.rule_context import RuleContext
from validators.submission_paths import SUBMISSIONS
from validators.yaml.loading import Loaded, SourceMap
from validators.year import cycle
from validators.year.guideline import Guideline, guideline
from validators.year.rubric import Rubric, rubric

__all__ = [
    "CLAIMS",
    "CLAIM_FIELDS",
    "OBJECTIONS_FILE",
    "REVIEWS",
    "FrozenSince",
    "ReviewDoc",
    "ReviewEntry",
    "Standing",
    "UnusableRecords",
    "check_review",
    "claim_titles",
    "current_contents",
    "discover",
    "finalized",
    "folder_year",
    "is_review_path",
    "item_ids",
    "key_of",
    "only_verified_count",
    "record_year_folder",
    "review_entries",
    "review_path",
    "review_years",
    "standing_for",
]

REVIEWS = "reviews"
OBJECTIONS_FILE = "objections.yaml"


class UnusableRecords(Exception):
    """Review or objection files `check` could not use (`Repository.unusable_records`): a year
    scored without them would publish the society's items as unverified, or drop objections,
    so nothing is published, as for a broken year file. Said at the first file, in Chinese."""

    def __init__(self, findings: list[Finding]) -> None:
        first = findings[0]
        more = f"（另有 {len(findings) - 1} 处）" if len(findings) > 1 else ""
        super().__init__(f"{first.file}:{first.line}:{first.column}：核查或异议记录无法使用：{first.message.rstrip('。')}{more}")
        self.findings = findings


# ASCII digits only: `\d` would take a full-width 2018 (２０１８) for a year folder.
_YEAR_FOLDER = re.compile(r"\A[0-9]{4}\Z")

# What a score line names besides list items: the report's claims that staff verify too.
CLAIMS = ("enterprise_platform_registered", "senior_experts_registered", "pilot")
# The fields each claim covers: a change of any of them is a change of the claim (its digest's).
CLAIM_FIELDS: dict[str, tuple[str, ...]] = {
    CLAIMS[0]: (CLAIMS[0],),
    CLAIMS[1]: ("senior_experts_total", "senior_experts_registered"),
    CLAIMS[2]: (CLAIMS[2],),
}


@dataclass(slots=True)
class ReviewDoc:
    file: str
    review: ReviewFile
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)
    # The content digest of each item the report holds now (its id's), that verdicts are held to.
    contents: dict[str, str] = field(default_factory=dict)

    def line(self, path: tuple[str | int, ...]) -> int:
        return self.source.value(path)[0]


def review_path(root: Path, society: str, year: int) -> Path:
    return root / REVIEWS / str(year) / f"{society}.yaml"


def folder_year(name: str) -> int | None:
    """The year a `reviews/` folder's name says (four ASCII digits), or None: “２０１８” is none."""
    return int(name) if _YEAR_FOLDER.match(name) else None


def review_years(root: Path) -> set[int]:
    """Years whose verification is recorded in this repository (their folder exists)."""
    base = root / REVIEWS
    if not base.is_dir():
        return set()
    return {year for p in base.iterdir() if p.is_dir() and (year := folder_year(p.name)) is not None}


def discover(root: Path) -> list[Path]:
    """Every file of the reviews folder: review files and the years' objections files."""
    base = root / REVIEWS
    if not base.is_dir():
        return []
    return sorted(p for p in base.glob("*/*") if p.suffix in (".yaml", ".yml") and not p.is_dir())


def is_review_path(path: Path, root: Path) -> bool:
    return Path(path).resolve().is_relative_to((root / REVIEWS).resolve())


def key_of(path: Path) -> tuple[str, int] | None:
    """(society, year) named by a review file's place: reviews/<year>/<society>.yaml."""
    if not (_YEAR_FOLDER.match(path.parent.name) and path.suffix == ".yaml"
            and re.match(SLUG_PATTERN, path.stem)):
        return None
    return path.stem, int(path.parent.name)


def record_year_folder(path: str) -> str | None:
    """The year folder of a repository path that is a review or objection file
    (`reviews/<year>/<society-id>.yaml`, `reviews/<year>/objections.yaml`), or None."""
    posix = PurePosixPath(path)
    if len(posix.parts) != 3 or posix.parts[0] != REVIEWS or key_of(Path(posix)) is None:
        return None
    return posix.parts[1]


def claim_titles(points: Rubric) -> dict[str, str]:
    """What the claims are called where a reader sees them (the workbench, a report's
    待补充材料): the labels of the rubric's lines they earn."""
    lines = (points.innovation.platform_registered, points.innovation.expert_rate,
             points.government_functions.pilot)
    return {claim: line.label if line is not None else claim for claim, line in zip(CLAIMS, lines, strict=True)}


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One thing a review may name in a report: a list item, or a claim of an area."""

    id: str
    title: str
    path: tuple[str | int, ...]  # where it is in the report
    model: BaseModel  # the item, or the area that holds the claim
    fields: tuple[str, ...] | None = None  # a claim's own fields; None: all of the item's


def review_entries(report: YearReport, points: Rubric | None = None) -> list[ReviewEntry]:
    """Everything a review may name in `report`: its claims, its list items (an area a year
    adds too), area by area, in the file's order. A claim is titled by `points`' label (by its
    id when no rubric is given: for callers that need only the ids)."""
    found: list[ReviewEntry] = []
    titles = claim_titles(points) if points is not None else {c: c for c in CLAIMS}
    inn, gov = report.innovation, report.government_functions
    if inn:
        found += [ReviewEntry(claim, titles[claim], ("innovation", claim), inn, CLAIM_FIELDS[claim])
                  for claim in CLAIMS[:2]]
        found += [ReviewEntry(s.id, s.title, ("innovation", "services", i), s) for i, s in enumerate(inn.services)]
    if gov:
        found.append(ReviewEntry(CLAIMS[2], titles[CLAIMS[2]], ("government_functions", CLAIMS[2]), gov,
                                 CLAIM_FIELDS[CLAIMS[2]]))
        found += [ReviewEntry(f.id, f.title, ("government_functions", "functions", i), f)
                  for i, f in enumerate(gov.functions)]
    for name in type(report).model_fields:
        value = getattr(report, name)
        if isinstance(value, list):
            found += [ReviewEntry(item.id, getattr(item, "title", None) or getattr(item, "name", None) or item.id,
                                  (name, i), item) for i, item in enumerate(value) if hasattr(item, "id")]
    return found


def current_contents(report: YearReport) -> dict[str, str]:
    """The content digest of everything a review may name in `report`, by id: what the workbench
    records beside a verdict, and what a recorded verdict is held to."""
    return {e.id: _digest(e) for e in review_entries(report)}


def _digest(entry: ReviewEntry) -> str:
    return content_digest(entry.id, entry.model, entry.fields)


def item_ids(report: YearReport) -> list[str]:
    """Every id a review may name in `report`: its list items and its claims."""
    return [e.id for e in review_entries(report)]


def check_review(path: Path, file: str, root: Path, reports: dict[tuple[str, int], YearReport],
                 keep: dict[str, Loaded] | None = None,
                 day: dt.date | None = None) -> tuple[list[Finding], ReviewDoc | ObjectionsDoc | None]:
    """The findings of one file of the reviews folder, as they stand on `day` (today in the
    association's calendar by default); its document when it could be read. `keep` is given the
    file as loaded, when it was (`open_record`)."""
    if path.is_symlink() or path.parent.is_symlink():
        return [error(file, 1, 1, "E-PATH-SYMLINK",
                      "核查和异议记录不能是符号链接（symlink）：请提交普通文件。")], None
    if path.name == OBJECTIONS_FILE and _YEAR_FOLDER.match(path.parent.name):
        base = root / SUBMISSIONS
        societies = {p.name for p in base.iterdir() if p.is_dir()} if base.is_dir() else set()
        return check_objections(path, file, root, int(path.parent.name), societies, keep, day)
    key = key_of(path)
    if key is None:
        return [error(file, 1, 1, "E-PATH-LAYOUT",
                      f"核查记录应放在 {REVIEWS}/<年度>/<学会id>.yaml（如 {REVIEWS}/2017/cd-tcm.yaml），"
                      f"异议记录放在 {REVIEWS}/<年度>/{OBJECTIONS_FILE}：“{file}”不符合这个约定。")], None
    society, year = key
    stopped, opened = open_record(path, file, ReviewFile, year, root, "核查记录", keep)
    if opened is None:
        return stopped, None
    review, ctx = opened.data, opened.ctx
    if review.society != society:
        ctx.error(("society",), "E-SOCIETY-MISMATCH", f"society 应与文件名一致，写作“{society}”。", None)
    if review.year != year:
        # Said alone: read against the folder's year, every item, mark and date would be
        # measured by the wrong year's report, rubric and calendar.
        ctx.error(("year",), "E-YEAR-MISMATCH", year_mismatch(path, review.year, year, "核查记录"), None)
        text_fields.check(text_fields.iter_strings(opened.raw), ctx)
        return ctx.findings, None  # no record of the folder's year: none of it counts there
    report = reports.get((society, year))
    points = rubric(year, root)
    contents: dict[str, str] = {}
    if report is None:
        ctx.error(("society",), "E-REVIEW-NO-REPORT", _no_report(root, society, year), None)
    else:
        _items(review, item_ids(report), ctx)
        entries = review_entries(report, points)
        contents = {e.id: _digest(e) for e in entries}
        titles = {e.id: e.title for e in entries}
        final = finalized(root, year)
        _changed(review, contents, titles, ctx, FrozenSince.of(root, society, year) if final else None)
        if not final and not _calendar_final(root, year, day):
            _unbound(review, contents, titles, ctx)
    _marks(review, points, ctx)
    _dates(review, ctx, finalized(root, year), day)
    strings = text_fields.iter_strings(opened.raw)
    text_fields.check(strings, ctx)
    doc = ReviewDoc(file, review, ctx.source, list(ctx.findings), contents)
    return ctx.findings, doc


def _no_report(root: Path, society: str, year: int) -> str:
    """Why a review has no report to be read against: none was submitted, or the one submitted
    was refused (`reports` holds the readable ones only), whose own findings say why."""
    shown = f"{SUBMISSIONS}/{society}/{year}.yaml"
    submitted = root / shown
    if submitted.exists() or submitted.is_symlink():
        return (f"学会 {society} 的 {year} 年度报告（{shown}）有错误，无法按它核查：请先改正报告中的错误"
                "（见对该报告的检查结果），再核查这份记录。")
    if finalized(root, year):  # removed after the year was frozen (an administrator's change)
        return (f"{year} 年度已定稿，学会 {society} 的 {year} 年度报告（{shown}）已不在仓库中：定稿结果不变；"
                "这份核查记录已无报告可对，请一并删除它，或恢复报告。")
    return (f"学会 {society} 没有 {year} 年度报告（{shown}），无法核查：请先确认报告已提交、"
            "文件名和所在文件夹正确。")


def _items(review: ReviewFile, known: list[str], ctx: RuleContext) -> None:
    seen: set[str] = set()
    for i, rec in enumerate(review.items):
        if rec.item not in known:
            close = difflib.get_close_matches(rec.item, known, n=1)
            hint = f"是不是“{close[0]}”？" if close else "请从报告中复制项目的 id。"
            ctx.error(("items", i, "item"), "E-REVIEW-UNKNOWN-ITEM",
                      f"报告中没有 id 为“{rec.item}”的项目：{hint}", None)
        elif rec.item in seen:
            ctx.error(("items", i, "item"), "E-REVIEW-DUPLICATE",
                      f"项目“{rec.item}”已经有一条核查记录：每个项目只写一条，改动结论时修改原记录。", None)
        seen.add(rec.item)
        if rec.status is not ReviewStatus.VERIFIED and not (rec.reason or "").strip():
            ctx.error(("items", i, "status"), "E-REVIEW-REASON-REQUIRED",
                      f"结论为“{rec.status.label}”时必须写 reason：不予认定的理由，或需要补充的材料。"
                      "学会和公众会在网站上看到这段说明。", None)
    if review.rest is not None and review.rest.status is not ReviewStatus.VERIFIED:
        ctx.error(("rest", "status"), "E-REVIEW-REST-STATUS",
                  f"rest（其余项目）只能写“{ReviewStatus.VERIFIED.label}”：不予认定和待补充材料须逐项写明理由，"
                  "放在 items 中。", None)


def finalized(root: Path, year: int) -> bool:
    """Whether `year` is finalized (results/<year>.json): its published result is frozen, and
    nothing of it is verified again."""
    return results_path(root, year).is_file()


def _calendar_final(root: Path, year: int, day: dt.date | None = None) -> bool:
    """Whether the year's calendar has reached its final day (verification is over) on `day`
    (today by default)."""
    rules = guideline(year, root)
    calendar = rules.calendar if rules is not None else None
    return calendar is not None and calendar.phase(day or cycle.today()) is cycle.Phase.FINAL


@dataclass(frozen=True, slots=True)
class FrozenSince:
    """What a finalized year's results file tells of a society's files: whether its report
    (`report`) and its review file (`review`) are still the bytes finalize recorded; None when the
    results file recorded no sha256 of them (written before finalize recorded them)."""

    report: bool | None
    review: bool | None

    @classmethod
    def of(cls, root: Path, society: str, year: int) -> FrozenSince:
        reports, reviews = recorded(root, year)
        report_file = f"{SUBMISSIONS}/{society}/{year}.yaml"
        report = None if reports is None or report_file not in reports else (
            file_sha256(root, report_file) == reports[report_file])
        review_file = f"{REVIEWS}/{year}/{society}.yaml"
        review = None if reviews is None else (
            (file_sha256(root, review_file) if (root / review_file).is_file() else None) == reviews.get(review_file))
        return cls(report, review)


def _changed(review: ReviewFile, contents: dict[str, str], titles: dict[str, str], ctx: RuleContext,
             final: FrozenSince | None) -> None:
    """Verdicts given on content the item no longer has, and items 其余全部核实 did not see. In
    a finalized year the frozen result stands: nothing is to be verified again; the report's
    sha256 recorded at finalize tells whether it changed after finalize or already before it (a
    year finalized with --accept-pending), when finalize scored the item as unverified."""
    again = (f"已定稿的年度不再核查。确需更正，由管理员在核查工作台打开 {review.year} 年度、点“重新核查本年度”"
             f"给出新的结论，提交核查记录文件并合并后，用 finalize {review.year} --replace 重新定稿"
             "（在此之前公布的仍是定稿的结果）。")
    done = f"{review.year} 年度已经定稿（{RESULTS}/{review.year}.json）"
    after = f"报告在定稿之后改动过。{done}，公布的是定稿时冻结的结果，不随报告在定稿之后的改动而变；" + again
    unknown = ("报告在这一结论之后改动过；结果文件没有记录定稿时报告文件的 sha256，无从判断改动在定稿之前还是之后。"
               f"{done}，公布的是定稿时冻结的结果，按定稿时的报告和核查记录计算，此后的改动都不改变它；" + again)
    before = (f"报告文件与定稿时记录的 sha256 相同，定稿之后没有改动。{done}，公布的是定稿时冻结的结果，"
              "定稿时项目已是现在的内容：")
    kept = f"；这一结果不变，{again}"
    reviewed_since = "核查记录在定稿之后也改动过，定稿时按当时的核查记录计分"

    def finalized_words(scored: str) -> str:
        if final is None:
            return ""
        if final.report is None:
            return unknown
        if not final.report:
            return after
        return before + (reviewed_since if final.review is False else scored) + kept

    rest = review.rest
    rest_saw = None if rest is None or rest.status is not ReviewStatus.VERIFIED else (
        None if rest.contents is None else set(rest.contents))
    # Changed after the verdict and before finalize: what the recorded sha256 shows.
    earlier = "、定稿之前" if final is not None and final.report else ""
    for i, rec in enumerate(review.items):
        now = contents.get(rec.item)
        if rec.content is not None and now is not None and now != rec.content:
            said = (f"项目“{titles[rec.item]}”（{rec.item}）在核查结论“{rec.status.label}”（{rec.date}）"
                    f"之后{earlier}改动过：")
            if rest is not None and rest.status is ReviewStatus.VERIFIED and (rest_saw is None or now in rest_saw):
                scored = (f"这一结论针对的是改动前的内容，定稿时不算数，这一项按“其余全部核实”（{rest.date}）"
                          "计为已核实（它看到的正是现在的内容）")
            else:
                scored = (f"这一结论针对的是改动前的内容，定稿时不算数，这一项按{UNVERIFIED}计算，不计分"
                          f"（评估明细写明“{Standing.changed_said(rec.date)}”）")
            ctx.warning(("items", i, "content"), "W-REVIEW-ITEM-CHANGED",
                        said + (finalized_words(scored) if final is not None else
                                f"这一结论针对的是改动前的内容，不再算数，该项目现在是“{UNVERIFIED}”。"
                                "请在核查工作台重新核查并给出结论。"), None)
    if rest is None or rest.contents is None:
        return
    named = {rec.item for rec in review.items}
    seen = set(rest.contents)
    for item, now in contents.items():
        if item not in named and now not in seen:
            said = f"项目“{titles[item]}”（{item}）是“其余全部核实”（{rest.date}）之后{earlier}新增或改动的："
            scored = (f"“其余全部核实”没有看到它，这一项按{UNVERIFIED}计算，不计分（评估明细写明"
                      f"“{Standing.unseen_said(rest.date)}”）")
            ctx.warning(("rest", "contents"), "W-REVIEW-ITEM-CHANGED",
                        said + (finalized_words(scored) if final is not None else
                                f"这一结论只针对当时看到的内容，不包括它，该项目现在是“{UNVERIFIED}”。"
                                "请在核查工作台逐项核查，或重新勾选“其余全部核实”。"), None)


def _unbound(review: ReviewFile, contents: dict[str, str], titles: dict[str, str], ctx: RuleContext) -> None:
    """Verdicts of a year still open that record no content: they cover whatever the item says
    now or later (files written before digests were recorded, or by hand)."""
    for i, rec in enumerate(review.items):
        if rec.content is None and rec.item in contents:
            ctx.warning(("items", i, "item"), "W-REVIEW-UNBOUND",
                        f"项目“{titles[rec.item]}”（{rec.item}）的核查结论“{rec.status.label}”（{rec.date}）"
                        f"没有记下核查时的内容（content）：项目此后怎样改动，它都照旧算数，不会回到{UNVERIFIED}。"
                        "请在核查工作台核对这一项现在的内容，再点一次结论，记下现在的内容。", None)
    rest = review.rest
    if rest is not None and rest.contents is None and contents:
        ctx.warning(("rest", "status"), "W-REVIEW-UNBOUND",
                    f"“其余全部核实”（{rest.date}）没有记下当时看到的内容（contents）：此后新增或改动的项目"
                    "也都算作已核实。请在核查工作台核对后取消再勾选“其余全部核实”，按现在的内容记下。", None)


def _marks(review: ReviewFile, points: Rubric | None, ctx: RuleContext) -> None:
    seen: set[tuple[str, str]] = set()
    known = [c.id for c in points.assessed] if points else []
    for i, mark in enumerate(review.marks):
        criterion = points.criterion(mark.criterion) if points else None
        if criterion is None:
            listed = "、".join(known) if known else "（本年度细则没有专家评分项）"
            ctx.error(("marks", i, "criterion"), "E-REVIEW-UNKNOWN-CRITERION",
                      f"评估细则中没有专家评分项“{mark.criterion}”：可选 {listed}。", None)
            continue
        if not criterion.min <= mark.mark <= criterion.max:
            ctx.error(("marks", i, "mark"), "E-REVIEW-MARK-RANGE",
                      f"“{criterion.label}”的分数须在 {criterion.min:g} 至 {criterion.max:g} 之间，"
                      f"这里写的是 {mark.mark:g}：这个分数不计入评估，请更正。", criterion.clause)
        if (mark.criterion, mark.expert) in seen:
            ctx.error(("marks", i, "expert"), "E-REVIEW-MARK-DUPLICATE",
                      f"专家 {mark.expert} 对“{criterion.label}”已经打过分：每位专家每项只记一个分数。",
                      criterion.clause)
        seen.add((mark.criterion, mark.expert))


def _dates(review: ReviewFile, ctx: RuleContext, final: bool, day: dt.date | None = None) -> None:
    """Each verdict's and mark's date within the days the year's calendar allows (`final`: a
    finalized year, verified again for finalize --replace after its final day: no last day)."""
    for i, rec in enumerate(review.items):
        check_day(ctx, ("items", i, "date"), rec.date, _title(ItemReview), final, day)
    if review.rest is not None:
        check_day(ctx, ("rest", "date"), review.rest.date, _title(RestReview), final, day)
    for i, mark in enumerate(review.marks):
        check_day(ctx, ("marks", i, "date"), mark.date, _title(ExpertMark), final, day)


def _title(model: type[BaseModel]) -> str:
    """What the file's readers call the model's date (核查日期, 评分日期)."""
    return model.model_fields["date"].title or "date"


# --- what a review means for scoring -----------------------------------------------------------

@dataclass(slots=True)
class Standing:
    """The association's verdict on each item of one report, as it stands on one day."""

    doc: ReviewDoc | None
    # Only verified items count (from the notice on, or all along when the rubric says so).
    strict: bool
    records: dict[str, ItemReview] = field(default_factory=dict)
    rest: RestReview | None = None
    # Verdicts given on content the item no longer has: it waits for verification again, as if
    # it had none (其余全部核实 may cover it, when it saw the item's content now).
    changed: dict[str, ItemReview] = field(default_factory=dict)
    # The contents 其余全部核实 saw; None: it recorded none, and covers every item without a verdict.
    rest_saw: frozenset[str] | None = None
    # A 其余全部核实 left out because a verdict beside it is refused for an item the report has
    # not (a mistyped id): which item that verdict was for is not known, so neither is "the rest".
    rest_held: bool = False
    # Items of the report whose own verdict is refused (a wrong date, no reason): 其余全部核实
    # does not stand in for it; the item waits for a verdict that can be used.
    refused: frozenset[str] = frozenset()
    # Items taken as verified: the what-if of the items waiting for verification (待补充材料,
    # 待核实), scored as they would be once the association verifies them (evaluation.advice).
    assumed: frozenset[str] = frozenset()
    # The standing a finalized (or finalizing) year's results keep: nothing waits any more, so
    # an item's line says what it was at the end (定稿时…), not what it waits for.
    final: bool = False

    @classmethod
    def of(cls, doc: ReviewDoc | None, strict: bool, final: bool = False) -> Standing:
        standing = cls(doc, strict, final=final)
        if doc is not None:
            condemned = {f.path[:2] for f in doc.findings if f.severity == "error" and f.path
                         and f.path[0] == "items"}
            for i, rec in enumerate(doc.review.items):
                if ("items", i) in condemned or rec.item in standing.records or rec.item in standing.changed:
                    continue
                now = doc.contents.get(rec.item)
                outdated = rec.content is not None and now is not None and now != rec.content
                (standing.changed if outdated else standing.records)[rec.item] = rec
            rest = doc.review.rest
            # A rest any error is about counts for nothing, as an item's record does: a date the
            # calendar does not allow, a reviewer that is not one (a phone number), a status but 已核实.
            rest_condemned = any(f.severity == "error" and f.path and f.path[0] == "rest" for f in doc.findings)
            # Nor does it count beside a verdict refused for an id the report has not: 待补充材料
            # under a mistyped id would otherwise leave its item to the rest, verified and paid.
            # A refused verdict on a known item keeps that item alone from the rest.
            refused = {rec.item for i, rec in enumerate(doc.review.items) if ("items", i) in condemned}
            standing.refused = frozenset(item for item in refused if item in doc.contents)
            unknown = any(item not in doc.contents for item in refused)
            standing.rest_held = rest is not None and unknown and not rest_condemned
            if rest is not None and rest.status is ReviewStatus.VERIFIED and not rest_condemned and not unknown:
                standing.rest = rest
                standing.rest_saw = frozenset(rest.contents) if rest.contents is not None else None
        return standing

    def covered(self, item_id: str) -> bool:
        """Whether 其余全部核实 verifies an item that has no verdict of its own: it saw the item's
        content as it is now (or recorded no contents, or the item is none a review names)."""
        if self.rest is None or item_id in self.refused:
            return False
        if self.rest_saw is None or self.doc is None:
            return True
        now = self.doc.contents.get(item_id)
        return now is None or now in self.rest_saw

    def verified_as_is(self, item_id: str) -> bool:
        """Whether the item counts as 已核实 by a verdict bound to its content now (its own, or
        其余全部核实's that saw it): one that any change of the item takes away (W-REVIEW-ITEM-CHANGED).
        A verdict recording no content covers the item however it changes: not said here."""
        if item_id in self.assumed:
            return False
        rec = self.records.get(item_id)
        if rec is not None:
            return rec.status is ReviewStatus.VERIFIED and rec.content is not None
        return self.rest_saw is not None and self.covered(item_id)

    def refusal(self, item_id: str | None) -> str | None:
        """Why the item earns nothing, when the review says it does not."""
        if item_id is None or item_id in self.assumed:
            return None
        rec = self.records.get(item_id)
        if rec is not None and rec.status is ReviewStatus.NOT_RECOGNISED:
            return f"市科协核查不予认定（{rec.date}）：{rec.reason}"
        if not self.strict:
            return None
        if rec is not None and rec.status is ReviewStatus.MATERIAL_REQUESTED:
            # The date is the association's request, not the item's (a 2018 item, asked in 2026).
            waits = f"{FINAL_REQUESTED}，不计分" if self.final else (
                f"{ReviewStatus.MATERIAL_REQUESTED.label}，补充并核实前不计分")
            return f"{waits}（市科协 {rec.date} 提出）：{rec.reason}"
        if rec is None and not self.covered(item_id):
            return self._unseen(item_id)
        return None

    def _unseen(self, item_id: str) -> str:
        """Why an item without a verdict that counts is not verified: in the society's words, led
        by the state's one name (UNVERIFIED); never the workbench's (其余全部核实 is its control)."""
        changed = self.changed.get(item_id)
        if changed is not None:
            return self.changed_said(changed.date, self.final)
        state, again = (FINAL_UNVERIFIED, "未重新核实") if self.final else (UNVERIFIED, "须重新核实")
        if item_id in self.refused:
            return f"{state}：市科协对本项的核查结论有误，不能采用，{again}，不计分"
        if self.rest is not None:
            return self.unseen_said(self.rest.date, self.final)
        if self.rest_held:
            held = "未生效" if self.final else "暂不生效"
            return f"{state}：市科协的核查记录中有不能采用的结论，对其余项目的核实{held}，不计分"
        return f"{state}：市科协{'未' if self.final else '尚未'}核实本项，不计分"

    @staticmethod
    def changed_said(day: dt.date, final: bool = False) -> str:
        """The line of an item changed after its verdict of `day` (`final`: as finalized)."""
        if final:
            return f"{FINAL_UNVERIFIED}：本项在市科协 {day} 核查之后内容有改动，未重新核实，不计分"
        return f"{UNVERIFIED}：本项在市科协 {day} 核查之后内容有改动，须重新核实，不计分"

    @staticmethod
    def unseen_said(day: dt.date, final: bool = False) -> str:
        """The line of an item added or changed after 其余全部核实 of `day` (the rest verified)."""
        if final:
            return f"{FINAL_UNVERIFIED}：本项在市科协 {day} 核实本报告之后新增或改动，未重新核实，不计分"
        return f"{UNVERIFIED}：本项在市科协 {day} 核实本报告之后新增或改动，须重新核实，不计分"

    def mark(self, item_id: str | None) -> str | None:
        """待核实 or 待补充材料 for an item that counts provisionally; None once verified."""
        if item_id is None or item_id in self.assumed:
            return None
        rec = self.records.get(item_id)
        if rec is not None:
            return ReviewStatus.MATERIAL_REQUESTED.label if rec.status is ReviewStatus.MATERIAL_REQUESTED else None
        return None if self.covered(item_id) else UNVERIFIED

    def marks_for(self, criterion: str) -> tuple[list[ExpertMark], int]:
        """The marks recorded for a criterion that no error condemns, and how many were left out."""
        if self.doc is None:
            return [], 0
        bad = {f.path[1] for f in self.doc.findings if f.severity == "error" and f.path
               and f.path[0] == "marks" and len(f.path) > 1}
        chosen = [(i, m) for i, m in enumerate(self.doc.review.marks) if m.criterion == criterion]
        return [m for i, m in chosen if i not in bad], sum(1 for i, _ in chosen if i in bad)


def standing_for(doc: ReviewDoc | None, year_reviewed: bool, rules: Guideline, points: Rubric,
                 day: dt.date, final: bool = False) -> Standing | None:
    """The standing of one report on `day` (`final`: as its year's results keep it); None when
    the year keeps no verification here."""
    if not year_reviewed:
        return None
    return Standing.of(doc, strict=only_verified_count(rules, points, day), final=final)


def only_verified_count(rules: Guideline, points: Rubric, day: dt.date) -> bool:
    """Whether, in a year the association verifies, only verified items earn on `day`: from the
    notice on, or all along when the rubric counts nothing provisionally."""
    calendar = rules.calendar
    provisional = calendar is None or calendar.counts_provisionally(day)
    return not (provisional and points.verification.provisional)
