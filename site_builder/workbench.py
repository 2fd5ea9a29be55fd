"""“核查工作台” at /review/: the association's staff verify a report item by item and its
experts mark it, in the browser, and take away the review file (and the year's objections file).

Static like the form: the page holds no submitted data. Each report is a JSON file beside the
scripts (its items with their fields in Chinese, evidence, findings, the digest of each item's
content that a verdict given on it records (the page copies it, never computes it), the review recorded so far
and the scoring plan that lets the page compute the score `evaluate` will give), parsed with
`JSON.parse` and shown only as text. The progress board is plain Markdown, readable without
JavaScript.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from site_builder.contact import browser_contact
from site_builder.context import SiteData
from site_builder.form_page import ASSETS as FORM_ASSETS
from site_builder.items import NOT_REPORTED, unreported
from site_builder.markup import SOCIETY, Column, cell, front_matter, num_cell, text
from site_builder.phase import days_ahead, material_ahead
from site_builder.tables import long_table
from validators.association.admin_list import ADMINS_FILE, read_admin_list
from validators.association.browser_markup import browser_markup_rule
from validators.association.browser_privacy import browser_privacy_rule
from validators.association.browser_review import browser_record_days, browser_review_words
from validators.association.progress import Progress, ProgressState, year_progress
from validators.association.reviews import (
    OBJECTIONS_FILE,
    REVIEWS,
    current_contents,
    review_entries,
)
from validators.evaluation.results import (
    changed_since_frozen,
    file_sha256,
    results_path,
    review_changed_since_frozen,
    review_file,
)
from validators.evaluation.scoring import scoring_plan
from validators.findings import Finding
from validators.models.review import (
    BASED_ON_NOTHING,
    ObjectionsFile,
    ObjectionStatus,
    ReviewFile,
    ReviewStatus,
)
from validators.models.society import GITHUB_LOGIN_PATTERN
from validators.repository import ReportDoc
from validators.submission_paths import evidence_file
from validators.urls import is_web_url
from validators.yaml.policy import policy
from validators.year.cycle import Phase

PAGE = "review/index.md"
BOARD_ROWS = "rows.json"  # the board's rows beyond those in the page
ASSETS = "review"
ASSET_SOURCE = Path(__file__).with_name("review")
# The form's libraries and helpers, then the workbench's own modules, then its entry point.
SCRIPTS = (f"../{FORM_ASSETS}/vendor/js-yaml.min.js", f"../{FORM_ASSETS}/vendor/ajv2020.min.js",
           f"../{FORM_ASSETS}/form-util.js", f"../{FORM_ASSETS}/form-check.js",
           f"../{FORM_ASSETS}/form-yaml.js", "review-score.js", "review-privacy.js", "review-draft.js",
           "review-output.js", "review.js")
_SKIPPED_FIELDS = {"id", "evidence"}


# --- one report as the page reads it ------------------------------------------------------------

def _shown(value: Any) -> str | None:
    """A field's value as a reader reads it, or None when there is nothing to show."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, BaseModel):
        return "，".join(f"{title}：{shown}" for title, shown in _fields(value))
    if isinstance(value, list):
        parts = [p for p in (_shown(v) for v in value) if p]
        return ("；" if any(isinstance(v, BaseModel) for v in value) else "、").join(parts) or None
    return str(value)


def _fields(item: BaseModel, only: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    out = []
    for name, info in type(item).model_fields.items():
        if name in _SKIPPED_FIELDS or (only is not None and name not in only):
            continue
        # A field never written reads as the report page reads it (未填报), not as its default.
        shown = NOT_REPORTED if unreported(item, name) else _shown(getattr(item, name))
        if shown is not None:
            out.append((info.title or name, shown))
    return out


def _evidence(site: SiteData, folder: str, refs: list[tuple[str, str]]) -> list[dict[str, str | None]]:
    """Each cited material with where it opens, as the report pages link it: web addresses as
    they are (http/https only), files of the society's folder on the repository's site; anything
    else (javascript:, data:, an absolute path: the check refuses them) opens nowhere. `about`
    names the part of the item it proves (None: the item itself)."""
    out: list[dict[str, str | None]] = []
    for about, ref in refs:
        file = evidence_file(ref)
        href = ref if is_web_url(ref) else site.source_url(posixpath.join(folder, file)) if file else None
        out.append({"text": ref, "href": href, "about": about or None})
    return out


def _cited(model: BaseModel, about: str = "") -> list[tuple[str, str]]:
    """Every evidence reference the item carries, wherever nested (an achievement's of a research
    report), each with what it proves: blank for the item's own, else the part it belongs to."""
    out: list[tuple[str, str]] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if name == "evidence":
            out.extend((about, str(ref)) for ref in value or [])
            continue
        parts = value if isinstance(value, list) else [value]
        models = [v for v in parts if isinstance(v, BaseModel)]
        for n, part in enumerate(models, 1):
            title = (info.title or name) + (f" {n}" if len(models) > 1 else "")
            out.extend(_cited(part, f"{about}{title}（{_shown(part)}）"))
    return out


def _inside(path: tuple[str | int, ...] | None, prefix: tuple[str | int, ...]) -> bool:
    return path is not None and len(path) >= len(prefix) and tuple(path[:len(prefix)]) == prefix


def _finding(f: Finding, field: str | None = None) -> dict[str, Any]:
    return {"severity": f.severity, "code": f.code, "message": f.message, "line": f.line,
            "clause": f.clause, "field": field}


def _field_title(item: BaseModel, path: tuple[str | int, ...] | None, depth: int) -> str | None:
    """The title of the item's field a finding is at (None: at the item itself): an item's
    several findings of one kind (hidden markup in its title and in its outcome) say which."""
    key = path[depth] if path is not None and len(path) > depth else None
    info = type(item).model_fields.get(key) if isinstance(key, str) else None
    return (info.title or key) if info is not None and isinstance(key, str) else None


def _frozen_result(site: SiteData, society: str, year: int) -> dict[str, Any] | None:
    """A final year's frozen evaluation of the report, as the read-only workbench shows it:
    today's rubric and code do not rewrite it (the page does not score the plan again)."""
    frozen = site.frozen.get(year)
    found = next((e for e in frozen.evaluations if e.society == society), None) if frozen else None
    if frozen is None or found is None:
        return None
    items: dict[str, float] = {}
    assessed: dict[str, float] = {}
    for line in found.lines:
        if line.item_id is None:
            continue
        # The report's lines are its items'; the review file's are the experts' marks.
        into = items if line.file == found.file else assessed
        into[line.item_id] = into.get(line.item_id, 0.0) + line.points
    # The review file changed after finalize: the verdicts shown beside the frozen points are
    # the current file's, and the page says so (None: unchanged, or not recorded).
    notice = None
    if review_changed_since_frozen(frozen, site.root, society):
        notice = (f"核查记录在定稿后改动过：下面各项旁的结论是仓库中当前的 {review_file(society, year)}，"
                  f"与 {frozen.finalized_on.isoformat()} 定稿时计分所依据的记录不同；定稿结果不变，"
                  "此后给出、改动或撤回的结论（如新的“不予认定”）都不计入，要改变结果须由市科协重新定稿。")
    # Whether the report is still the file finalize froze: an item changed after its verdict
    # then changed before finalize, which scored it as unverified (None: not recorded).
    unchanged = changed_since_frozen(frozen, site.root, found.file)
    return {"total": found.total, "tier": found.tier, "subtotals": dict(found.subtotals), "items": items,
            "assessed": assessed, "finalized_on": frozen.finalized_on.isoformat(), "review_notice": notice,
            "report_unchanged": None if unchanged is None else not unchanged}


def _leading_comments(root: Path, file: str) -> list[str]:
    """The comment lines before the repository file's first key, each without its "#" and the
    space after it (none: no such file): the file the workbench writes keeps what the maintainers
    wrote there (a sample's 示例数据 line, who may change the folder) above its own lines."""
    try:
        text = (root / file).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        kept.append(line[1:].removeprefix(" ").rstrip())
    return kept


def case_data(site: SiteData, doc: ReportDoc) -> dict[str, Any]:
    """One report as the workbench shows and scores it."""
    report, year = doc.report, doc.report.year
    rules, points = site.guideline(year), site.rubric(year)
    previous = site.repo.reports.get((report.society, year - 1))
    findings = site.findings(doc.file)
    placed: set[int] = set()
    numbers = site.area_numbers(year)
    reviewable = review_entries(report, points)
    # What a verdict given now covers: the workbench copies it into the file, it never hashes.
    contents = current_contents(report)
    areas = []
    for area in rules.area_keys:
        entries = []
        for entry in (e for e in reviewable if e.path[0] == area):
            item_id, title, path, model, only = entry.id, entry.title, entry.path, entry.model, entry.fields
            own = [i for i, f in enumerate(findings) if f.file == doc.file and _inside(f.path, path)]
            placed.update(own)
            entries.append({
                "id": item_id, "title": title, "line": doc.source.value(path)[0], "content": contents[item_id],
                # The id the society wrote, shown beside the title to find the item in its file;
                # a claim's (enterprise_platform_registered) is a field's key, shown to nobody.
                "own_id": only is None,
                "fields": _fields(model, only),
                "evidence": _evidence(site, posixpath.dirname(doc.file), _cited(model) if only is None else []),
                "findings": [_finding(findings[i], _field_title(model, findings[i].path, len(path))) for i in own]})
        areas.append({"key": area, "number": numbers[area], "title": site.area_titles(year)[area],
                      "items": entries})
    review = site.repo.reviews.get((report.society, year))
    return {
        "society": report.society, "name": site.name(report.society), "year": year, "file": doc.file,
        # A sample society's review file is marked as a sample, also one the workbench starts.
        "sample": site.is_sample(report.society),
        "source": site.source_url(doc.file),
        "review_file": f"{REVIEWS}/{year}/{report.society}.yaml",
        "review_source": site.source_url(f"{REVIEWS}/{year}/{report.society}.yaml") if review else None,
        "findings": [_finding(f) for i, f in enumerate(findings) if i not in placed],
        "areas": areas,
        "plan": scoring_plan(doc, previous, rules, points),
        "final": _frozen_result(site, report.society, year),
        "review": review.review.model_dump(mode="json", exclude_defaults=True) if review else None,
        # The file the workbench starts from, by the sha256 of its bytes (None: there is none): the
        # file it gives out names it (`based_on`), and the pull-request check holds it to main's.
        "review_sha256": file_sha256(site.root, review_file(report.society, year)),
        "review_comments": _leading_comments(site.root, review_file(report.society, year)),
        "review_errors": [_finding(f) for f in review.findings if f.severity == "error"] if review else [],
    }


# --- the year's settings and the progress board --------------------------------------------------

def _final(site: SiteData, year: int) -> bool:
    return year in site.frozen or results_path(site.root, year).is_file()


def final_year(site: SiteData, year: int) -> bool:
    """Whether `year` is finalized: the workbench only shows it, and nothing is verified again."""
    return _final(site, year)


def _year_config(site: SiteData, year: int, board: list[Progress]) -> dict[str, Any]:
    rules, points = site.guideline(year), site.rubric(year)
    calendar = rules.calendar
    day = dt.date.fromisoformat(site.build_date)
    objections = site.repo.objections.get(year)
    return {
        "year": year, "final": _final(site, year),
        # The phase in a few words for the build's day and each later day they change on, as
        # the public pages say it (site_builder/phase.py): the page shows the reader's day's.
        "phases": days_ahead(site, year),
        # How material asked for (待补充材料) reaches the association, in the same way (phase.py).
        "material": material_ahead(site, year),
        # The page opens on the year being verified or on notice: a year just opened for filing,
        # with a few reports, is not where the staff's work is.
        "reviewing": bool(calendar and calendar.phase(day) in (Phase.VERIFICATION, Phase.NOTICE)),
        "notice": [calendar.notice_starts.isoformat(), calendar.notice_ends.isoformat()] if calendar else None,
        # The days a verdict, a mark or an objection may be dated, and the check's words (E-DATE-OUTSIDE-CYCLE):
        # a finalized year's verdicts have no last day (verified again, for finalize --replace).
        "record_days": browser_record_days(rules, _final(site, year)),
        # `Standing`: from the notice on (or always, when the rubric says so) only verified items count.
        "strict_always": not points.verification.provisional,
        "strict_from": calendar.notice_starts.isoformat() if calendar else None,
        # A year still open: a verdict that records no content is said to be bound to none
        # (W-REVIEW-UNBOUND), as `check` says it.
        "bind_verdicts": not _final(site, year) and not (calendar and calendar.phase(day) is Phase.FINAL),
        "objections": objections.objections.model_dump(mode="json", exclude_defaults=True) if objections else None,
        "objections_file": f"{REVIEWS}/{year}/{OBJECTIONS_FILE}",
        # As a review file's: the objections file it gives out names the one it started from.
        "objections_sha256": file_sha256(site.root, f"{REVIEWS}/{year}/{OBJECTIONS_FILE}"),
        "objections_comments": _leading_comments(site.root, f"{REVIEWS}/{year}/{OBJECTIONS_FILE}"),
        "societies": [{"id": p.society, "name": site.name(p.society), "state": p.label,
                       "items": p.items, "decided": p.decided, "requested": len(p.requested)}
                      for p in sorted(board, key=lambda p: site.name_order(p.society))]}


def _submitters(site: SiteData) -> dict[str, Any] | None:
    """Who can take the GitHub route: the admins and reviewers of the admin list the site was
    built with (None: the list cannot be read, so nobody passes the ownership check)."""
    listed = read_admin_list(site.root)
    if listed is None:
        return None
    return {"file": ADMINS_FILE, "admins": listed.admins, "reviewers": listed.reviewers}


def _schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json",
            **model.model_json_schema(mode="validation")}


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _counts(board: list[Progress]) -> dict[ProgressState, int]:
    return {state: sum(p.state is state for p in board) for state in ProgressState}


def counts_sentence(board: list[Progress]) -> str:
    """The board in one line: how many reports in each state, how many items wait for material."""
    counts = _counts(board)
    requested = sum(len(p.requested) for p in board)
    return ("，".join(f"{state.label} <strong>{n}</strong> 个" for state, n in counts.items())
            + f"；待补充材料 <strong>{requested}</strong> 项")


def _opener(target: str, label_html: str) -> str:
    """A link to the workbench above that opens `target` (year, or year/society) in it; without
    JavaScript it leads to the workbench's notice, an anchor every builder finds."""
    return f'<a href="#review-bench" data-open="{target}">{label_html}</a>'


def _board(site: SiteData, year: int, board: list[Progress]) -> tuple[str, str | None]:
    rows = []
    order = {ProgressState.NOT_STARTED: 0, ProgressState.PARTLY: 1, ProgressState.DONE: 2}
    for p in sorted(board, key=lambda p: (order[p.state], site.name_order(p.society))):
        rows.append([cell(_opener(f"{year}/{p.society}", text(site.name(p.society))), site.name(p.society)),
                     cell(text(p.label), order[p.state]), num_cell(p.decided), num_cell(p.items),
                     num_cell(len(p.requested))])
    columns = [SOCIETY, Column("核查进度"), Column("已有结论", numeric=True),
               Column("项目", numeric=True), Column("待补充材料", numeric=True)]
    return long_table(columns, rows, label=f"{year} 年度核查进度", key=(0, 1, 2, 3, 4), rows_file=BOARD_ROWS)


def page_markdown(site: SiteData, boards: dict[int, list[Progress]]) -> tuple[str, str | None]:
    """The page, and the board's rows beyond those in the page (at the association's size)."""
    scripts = "\n".join(f'<script src="{name}"></script>' for name in SCRIPTS)
    parts = [front_matter("核查工作台", hide=["toc"], search_exclude=True), "# 核查工作台\n\n",
             "市科协工作人员在本页逐项核查学会的年度报告，专家在同一页评分，公示期内记录异议和答复。"
             "选定年度和学会后，页面按领域列出报告的每一项，并随结论实时计算这份报告将得的分数，"
             "与合并后“评估”算出的一致。完成后下载核查记录文件，或在 GitHub 网页上直接提交。\n\n",
             "填写的内容不会发送到任何服务器：它保存在本浏览器中，换了电脑或清除浏览器数据就没有了，完成后请下载或提交文件。\n\n",
             '<div id="review-bench" class="rf rv" markdown="0">\n'
             "<noscript>核查工作台需要启用浏览器的 JavaScript。下面的核查进度不需要。</noscript>\n</div>\n\n",
             "## 核查进度\n\n"]
    # The newest year still open gets the whole table; older ones a line (the page must not grow
    # with the years; their societies' states are in the workbench's list when the year is picked).
    tabled = max((y for y in boards if not _final(site, y)), default=None)
    more = None
    for year in sorted(boards, reverse=True):
        board = boards[year]
        if year == tabled:
            html, more = _board(site, year, board)
            # An id of its own: "#2018" is the workbench's route to that year, not this heading.
            parts.append(f"### {year} 年度 {{: #board-{year} }}\n\n{counts_sentence(board)}。\n{{: .rv-counts }}\n\n" + html + "\n\n")
        else:
            done = "已结束（结果已定稿，不再修改）" if _final(site, year) else "尚未定稿"
            parts.append(f'<p class="rv-counts">{_opener(str(year), f"{year} 年度")}：{done}。{counts_sentence(board)}。</p>\n\n')
    parts.append(f"{scripts}\n"
                 f'<link rel="stylesheet" href="../{FORM_ASSETS}/form.css">\n'
                 '<link rel="stylesheet" href="review.css">\n')
    return "".join(parts), more


def case_file(society: str, year: int) -> str:
    return f"{ASSETS}/cases/{year}/{society}.json"


def workbench_files(site: SiteData, changed: set[tuple[str, int]] | None = None) -> dict[str, bytes]:
    """Every file of the workbench, by path under the docs folder; with `changed` (the preview's
    update), the page, the settings and the reports those changes touch (a report is the next
    year's previous one), not every report."""
    files = {f"{ASSETS}/{p.name}": p.read_bytes() for p in sorted(ASSET_SOURCE.iterdir())
             if p.is_file() and p.suffix in (".js", ".css")}
    boards = {year: year_progress(site.repo, year, _final(site, year)) for year in site.years}
    page, more = page_markdown(site, boards)
    files[PAGE] = page.encode("utf-8")
    if more is not None:
        files[f"{ASSETS}/{BOARD_ROWS}"] = more.encode("utf-8")
    files[f"{ASSETS}/config.json"] = _json({
        "repo_url": site.settings.repo_url, "branch": site.settings.branch,
        "login_pattern": GITHUB_LOGIN_PATTERN,
        "statuses": [[m.value, m.label] for m in ReviewStatus],
        # progress.py's words for a report's state: the workbench's list says the open one's live.
        "progress_states": {state.name.lower(): state.label for state in ProgressState},
        "objection_statuses": [[m.value, m.label] for m in ObjectionStatus],
        # What `based_on` says when the repository had no such file (the model's word).
        "based_on_nothing": BASED_ON_NOTHING,
        "url_limit": policy().form.github_url_max_chars,
        "submitters": _submitters(site),
        # The association's contact, shown when nobody listed can take the files (contact.py).
        "contact": browser_contact(site.root),
        # The check's personal-data rule (E-PRIVACY-*), its patterns and words exported, not copied.
        "privacy": browser_privacy_rule(),
        # Its markup warning (W-TEXT-MARKUP), its literals and patterns exported the same way.
        "markup": browser_markup_rule(),
        # The check's words for an expert number and a reviewer that are not one (E-SCHEMA-PATTERN).
        "words": browser_review_words(),
        "years": [_year_config(site, year, boards[year]) for year in sorted(boards, reverse=True)]})
    files[f"{ASSETS}/schema-review.json"] = _json(_schema(ReviewFile, "review"))
    files[f"{ASSETS}/schema-objections.json"] = _json(_schema(ObjectionsFile, "objections"))
    for year in site.years:
        for doc in site.reports_in(year):
            if changed is not None and not {(doc.report.society, year), (doc.report.society, year - 1)} & changed:
                continue
            files[case_file(doc.report.society, year)] = _json(case_data(site, doc))
    return files

