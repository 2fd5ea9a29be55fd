"""One page per society and year: the report by area, its evaluation line by line and the
advice. It is also the printed annual report: the association as issuer, the year, the
society, the results by area and the lines, on A4 without the site's chrome (print.css)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from site_builder import items, names, phase, rubric_rows, workbench
from site_builder.breadcrumbs import trail
from site_builder.context import (
    RUBRIC_PAGE,
    SOCIETIES_PAGE,
    SiteData,
    area_page,
    guideline_year_page,
    society_page,
    society_year_page,
)
from site_builder.downloads import LINES_LABEL
from site_builder.markup import (
    Column,
    attr,
    badge,
    cell,
    css_string,
    front_matter,
    html_list,
    link,
    num,
    num_cell,
    repo_path_url,
    text,
)
from site_builder.remarks import NOT_COUNTED, uncounted
from site_builder.tables import INLINE_LINES, SOURCE, long_table, table
from site_builder.typography import tight
from validators.association.progress import report_progress
from validators.association.reviews import item_ids, review_entries
from validators.evaluation.reports import (
    ADVICE_LATER,
    PENDING_HEADING,
    advice_clauses,
    advice_gain,
    pending_said,
)
from validators.evaluation.results import (
    FrozenYear,
    changed_since_frozen,
    review_changed_since_frozen,
    review_file,
    rubric_files_changed,
)
from validators.evaluation.score_lines import CAP_RULE, REVIEW_RULE, ScoreLine
from validators.evaluation.scoring import Evaluation
from validators.findings import Finding
from validators.models.report import AREA_KEYS
from validators.models.review import ReviewStatus
from validators.repository import ReportDoc
from validators.submission_paths import PathKind, classify
from validators.year.cycle import full_date
from validators.year.measures import expert_rate, percent

# Left out of the search index: only a report's title and its terms (`search_terms`) are in it.
NO_SEARCH = "data-search-exclude"
SEVERITY = {"error": "错误", "warning": "警告"}


def heading(level: int, title: str, anchor: str) -> str:
    """A heading left out of the search index: only the page's top section is indexed."""
    return f"{'#' * level} {title} {{#{anchor} {NO_SEARCH}}}\n"


def findings(site: SiteData, page: str, file: str, anchor: str, title: str = "审核提示",
             level: int = 2, intro: str = "") -> list[str]:
    """The check's errors and warnings in one file, each linked to its clause and line; `intro`,
    a paragraph said between the heading and the table."""
    found = site.findings(file)
    if not found:
        return []
    # The year of a report's findings (a profile's have none): its clauses are that year's.
    where = classify(file)
    year = where.year if where.kind is PathKind.REPORT else None
    report = file if where.kind is PathKind.REPORT else ""
    left_out = {id(f) for f in uncounted(site, year, where.society or "", found)} if year is not None else set()
    rows = [[cell(SEVERITY[f.severity]), cell(text(tight(_message(site, year, f, id(f) in left_out)))),
             cell(site.clause_link(page, f.clause, year)),
             cell(site.source_link(f.file, f.line, about=f"本条{SEVERITY[f.severity]}", report=report), f.line)]
            for f in found]
    columns = [Column("级别"), Column("说明"), Column("条款"), Column(SOURCE, numeric=True)]
    return [heading(level, title, anchor), intro, table(columns, rows, label=title, key=(0, 1), cards=True) + "\n"]


def _message(site: SiteData, year: int | None, f: Finding, uncounted: bool) -> str:
    said = items.finding_message(site, year, f)
    return f"{said}（{NOT_COUNTED}）" if uncounted and NOT_COUNTED not in said else said


def _area_facts(site: SiteData, area: str, doc: ReportDoc) -> str:
    report = doc.report
    if area == "innovation" and report.innovation:
        inn = report.innovation
        needed = site.guideline(report.year).thresholds.expert_registration_rate
        share = expert_rate(inn.senior_experts_total, inn.senior_experts_registered)
        rate = (f"{inn.senior_experts_registered}/{inn.senior_experts_total}（{percent(share, needed)}）"
                if share is not None else "未填报")
        return (f"<p>{names.field_title(area, 'enterprise_platform_registered')}："
                f"{items.reported_yes_no(inn, 'enterprise_platform_registered')}；"
                f"副高职及以上专家会员在专家库注册：{rate}。</p>\n")
    if area == "government_functions" and report.government_functions:
        return f"<p>{names.field_title(area, 'pilot')}：{text(items.pilot_status(site, report))}。</p>\n"
    return ""


def _report(site: SiteData, page: str, doc: ReportDoc, e: Evaluation | None,
            changed: bool = False, reasons: dict[str, str] | None = None) -> list[str]:
    """The report's areas and items; `reasons`: the anchor of each item's entry in a box that
    says why it earns nothing (its 得分 cell links there)."""
    year = doc.report.year
    row = items.Row(site, page, doc, e, reasons=reasons or {},
                    contested=phase.contested_items(site, page, year, doc.report.society))
    numbers = site.area_numbers(year)
    out = [heading(2, "报告内容（当前文件，定稿后改动过）" if changed else "报告内容", "report")]
    for area, title in site.area_titles(year).items():
        area_link = link(site.urls.rel(page, area_page(year, area, site.area_part(doc.report.society))),
                         "全部学会的同类项目")
        out.append(heading(3, f"{numbers[area]}、{text(title)}", area))
        facts = _area_facts(site, area, doc)
        parts = [facts] if facts else []
        first = site.first_area_title(area)
        for spec in items.lists_of(area, title, first) if area in type(doc.report).model_fields else []:
            found = items.rows(spec, row)
            if found:
                # The link to the other societies' items says nothing on paper: printed, the count alone.
                parts.append(f'<p>{text(spec.title)}（{len(found)} 项<span class="sb-no-print">，{area_link}</span>）：</p>\n'
                             + table(items.columns(spec), found, label=f"{spec.title}",
                                     key=items.key_columns(), cards=True) + "\n")
        out += parts or ["未填报。\n"]
    return out


# The mark readers take a total for when nothing says otherwise: a total out of 100.
HUNDRED = 100


def _tier_said(site: SiteData, page: str, e: Evaluation, rubric_changed: bool = False) -> str:
    """The tier, said under the table with the line it met (or the lowest it missed). A final
    year whose rubric changed since: the current file's lines are not those the tier was set by."""
    points = site.rubric(e.year)
    met = next((t for t in points.tiers if t.tier == e.tier), None)
    if rubric_changed:
        why = "定稿时按当时的评估细则评定"
    elif met is not None:
        why = f"{text(met.tier)}须总分不低于 {num(met.min_total)} 分"
    elif e.tier == points.unranked and points.tiers:
        lowest = points.tiers[-1]
        why = f"总分低于{text(lowest.tier)}的 {num(lowest.min_total)} 分"
    else:
        why = ""
    rubric = link(site.urls.rel(page, RUBRIC_PAGE, f"rubric-{e.year}-tiers"), "分档线")
    return f"档次：<strong>{text(e.tier)}</strong>（{why + '；' if why else ''}见评估细则的{rubric}）。"


def caps_said(caps: float) -> str:
    """What the caps add up to, and that a total is no mark out of 100 when they do not make 100."""
    said = f"各领域的上限合计 {num(caps)} 分"
    if caps == HUNDRED:
        return said + "。"
    than = "多于" if caps > HUNDRED else "少于"
    return f"{said}，{than} {HUNDRED} 分：总分是各领域得分之和，不是百分制的分数。"


def _by_area(site: SiteData, page: str, e: Evaluation, rubric_changed: bool = False) -> list[str]:
    """The results by area: score against the area's cap; the total against the caps' sum; the
    tier said in words of its own below (in the table it stood under the caps' header)."""
    titles, numbers = site.area_titles(e.guideline_year), site.area_numbers(e.guideline_year)
    points = site.rubric(e.year)
    caps = sum(points.area(a).cap for a in titles)
    rows = [[cell(f"{numbers[a]}、{text(titles[a])}"), num_cell(e.subtotals.get(a, 0.0)),
             num_cell(points.area(a).cap)] for a in titles]
    rows.append([cell("<strong>合计</strong>"), cell(f"<strong>{num(e.total)}</strong>", e.total),
                 cell(f"<strong>{num(caps)}</strong>", caps)])
    columns = [Column("领域"), Column("得分", numeric=True), Column("上限（分）", numeric=True)]
    return [heading(2, "各领域得分", "areas"),
            table(columns, rows, label="各领域得分", key=(0, 1), sortable=False) + "\n",
            f'<p class="sb-tier" {NO_SEARCH}>{_tier_said(site, page, e, rubric_changed)}{caps_said(caps)}</p>\n']


def _pending(site: SiteData, page: str, e: Evaluation, reasons: dict[str, str]) -> list[str]:
    """What the items waiting for verification would add this year once verified, as `evaluate`
    says it (`pending_said`): their clauses linked, each item linked to its entry in the box that
    says why it earns nothing (`reasons`), where it has one."""
    if not e.pending:
        return []

    def name(item: str, title: str) -> str:
        quoted = f"“{text(title)}”"
        return link(f"#{reasons[item]}", quoted) if item in reasons else quoted

    said = [pending_said(p, lambda c: site.clause_link(page, c, e.guideline_year), name) for p in e.pending]
    return [heading(2, PENDING_HEADING, items.PENDING_ANCHOR), html_list(said, "sb-pending") + "\n"]


def _advice(site: SiteData, page: str, e: Evaluation) -> list[str]:
    """Each piece of advice once: what to do, its clause (a link) and what it would add. Once the
    year's submission has closed the report takes no new item (the pull request's gate refuses
    it), and in a finalized year the score no longer moves: the advice is then for later years,
    said as `evaluate` says it."""
    if not e.advice:
        return []
    frozen = site.frozen.get(e.year)
    calendar = site.guideline(e.year).calendar
    closed = frozen is not None or (calendar is not None and calendar.is_closed(phase.as_of(site)))
    shown = [f"{text(tight(a.message))}（{'、'.join(site.clause_link(page, c, e.guideline_year) for c in advice_clauses(a))}，"
             f"{text(advice_gain(a.gain, closed, a.parts))}）"
             for a in e.advice]
    if not closed:
        return [heading(2, "改进建议", "advice"), html_list(shown, "sb-advice") + "\n"]
    if frozen is not None:
        why = f"{e.year} 年度的结果已于 {frozen.finalized_on} 定稿，做到这些也不再改变本年度的得分；"
    else:
        assert calendar is not None
        why = (f"{e.year} 年度的填报已于 {full_date(calendar.submission_closes)}截止，报告不能再增加项目，"
               "做到这些不再改变本年度的得分（公示期内回应市科协允许更正的异议而更正的除外）；")
    return [heading(2, ADVICE_LATER, "advice"),
            f"<p>{why}可加的分数按本年度细则计算，以后年度以当年的细则为准。</p>\n",
            html_list(shown, "sb-advice") + "\n"]


def _basis(site: SiteData, page: str, e: Evaluation, line: ScoreLine) -> str:
    """A line's 依据: its clause (what counts) and, below it, the rubric rule that set its points,
    in words and linked to the rule's row of the year's rubric (the clause says nothing of points)."""
    clause = site.clause_link(page, line.clause, e.guideline_year)
    rule = rubric_rows.rule_link(site, page, e.year, line)
    return f"{clause}<br>{rule}" if rule else clause


LINES = "lines.json"  # the evaluation's lines beyond those in the page, beside it (a long report)


def _lines_table(site: SiteData, page: str, doc: ReportDoc, e: Evaluation) -> tuple[list[str], str | None]:
    numbers = site.area_numbers(e.guideline_year)
    titles = site.area_titles(e.guideline_year)
    rubric = site.rubric(e.guideline_year)
    # A final year's lines are the frozen files' (the report may have changed since): they
    # link to the files at the commit the results were frozen from, when it was recorded.
    frozen = site.frozen.get(e.year)
    at = frozen.code_commit if frozen else None
    subjects = [names.line_subject(doc.report, x, rubric) for x in e.lines]
    # An item an objection still open names is marked on its lines, briefly: its row in 报告内容
    # has the full mark.
    contested = phase.contested_items(site, page, e.year, doc.report.society, brief=True)
    marks = [contested.get((x.area, x.item_id)) if x.item_id else None for x in e.lines]
    rows = [[cell(text(subject) + f" {mark}", subject) if mark else cell(text(subject)), num_cell(x.points),
             cell(text(tight(x.note)) + (" " + badge(text(x.review), "review") if x.review else "")),
             # The area's name, not its numeral alone: a lone 一 with its name on hover read like
             # the “—” of an empty cell on a phone's card, and on paper said nothing.
             cell(f"{numbers[x.area]}、{text(titles[x.area])}", list(titles).index(x.area)),
             cell(site.cap_link(page, e.year, x.area) if x.rule == CAP_RULE else _basis(site, page, e, x)),
             cell(site.source_link(x.file, x.line, commit=at, about=subject, report=doc.file), x.line)]
            for x, subject, mark in zip(e.lines, subjects, marks, strict=True)]
    columns = [Column("项目"), Column("得分", numeric=True), Column("说明"), Column("领域"),
               Column("依据"), Column(SOURCE, numeric=True)]
    html, more = long_table(columns, rows, label="评估明细", key=(0, 1), cards=True, rows_file=LINES,
                            inline=INLINE_LINES, download=LINES_LABEL)
    return [heading(2, "评估明细", items.LINES_ANCHOR),
            "<p>每一行是一项得分或不得分的理由，依据指南条款和评估细则；各行之和即总分。</p>\n",
            html + "\n"], more


# What a reader may search a report for: the titles of its items and events, the districts,
# and the organisations named in them (ORGANISATIONS). The enterprises served were left out
# once to keep the index small, and a reader searching a company's name found nothing; with
# them the index grows by under a tenth (150×10: gzip 135 → 147 KB; README, "性能").
TERMS = ("title", "name", "district", "enterprise", "commissioner", "partner", "occasion", "occasion_name",
         "occasion_organizer")
# The organisations among them: the enterprises served, the commissioning bodies, the stations'
# partners, the organisers of a popularisation event the list does not name. Searched by their
# whole names, each is one word of the search dictionary (search_dict).
ORGANISATIONS = ("enterprise", "commissioner", "partner", "occasion_organizer")


def _added(doc: ReportDoc) -> list[tuple[str, str]]:
    """The areas this report's year adds, by the fields its model has beyond the seven."""
    return [(key, info.title or key) for key, info in type(doc.report).model_fields.items()
            if key not in AREA_KEYS and key not in ("society", "year")]


def terms(doc: ReportDoc, keys: tuple[str, ...] = TERMS) -> list[str]:
    """The report's titles, districts, organisations and events (the `keys` of its items), once
    each, as written."""
    seen: dict[str, None] = {}
    for spec in items.item_lists(_added(doc)):
        for item in spec.items(doc.report):
            for key in keys:
                value = getattr(item, key, None)
                if isinstance(value, str) and value.strip():
                    seen.setdefault(value.strip(), None)
    return list(seen)


def search_terms(doc: ReportDoc, indexed: bool) -> str:
    """The report's titles, districts, organisations and events, once each, folded so that it
    does not push the report down. When `indexed` (the latest year's reports, and those of every
    year still open: phase.indexed_years) it is the only
    part of the page in the search index besides its title; the other years' stay out, so the
    index grows with the number of societies, not with the years (1,500 societies' ten years
    of terms would be a 68 MB index)."""
    seen = terms(doc)
    if not seen:
        return ""
    excluded = "" if indexed else f" {NO_SEARCH}"
    return (f'<details class="sb-terms"{excluded}><summary {NO_SEARCH}>本报告涉及的项目、地区和单位（{len(seen)} 个）</summary>'
            f'<p>{"；".join(text(v) for v in seen)}。</p></details>\n')


def _changed_since_final(site: SiteData, doc: ReportDoc, frozen: FrozenYear) -> str:
    """The notice on top of a final year's report whose file changed after it was frozen: the
    score stands as frozen; the report and its findings shown are the current file's."""
    file = text(doc.file)
    url = repo_path_url(site.settings.repo_url, frozen.code_commit, doc.file) if frozen.code_commit else None
    then = f"计分所依据的报告见{link(url, '定稿时代码提交中的这个文件')}。" if url else ""
    return (f'!!! danger "本报告在定稿后改动过"\n    {doc.report.year} 年度的结果已于 {frozen.finalized_on} 定稿，'
            f"此后报告文件 <code>{file}</code> 又被改动。下面的总分、档次和评估明细仍是定稿时冻结的结果，"
            "不因这次改动而改变；报告内容和审核提示按改动后的当前文件显示，与计分时的报告不同，"
            f"其中的错误不影响定稿的得分。{then}\n")


def _findings_after_final(frozen: FrozenYear | None, e: Evaluation | None, marked: int) -> str:
    """What a final year's findings are: today's checks on today's file, which may hold checks
    added after the year was frozen (a reader saw a warning that an item belongs elsewhere beside
    its frozen points, and 0 warnings on the ranking page). The warnings are counted as the 备注
    counts them: those that waited on the association (`Evaluation.association_warnings`) are
    left out and said apart (the page said 1 where the 备注 said 0). The results file recorded how
    many, not which: when fewer of the findings below are `marked` not counted (remarks.uncounted:
    the policy no longer holds the warning, or the file changed), the paragraph says so, rather
    than leave a recorded count no warning below bears out."""
    if frozen is None or e is None:
        return ""
    left_out = (f"；另有 {e.association_warnings} 个等待市科协或其他学会的提示，备注不计入"
                if e.association_warnings else "")
    unmarked = ""
    if frozen.association_warnings is not None and marked < e.association_warnings:
        found = f"只认得出其中 {marked} 个（标有“{NOT_COUNTED}”）" if marked else "一个也认不出"
        unmarked = (f"定稿时只记录了备注不计入的提示的个数（{e.association_warnings} 个），没有记录是哪几个；"
                    f"按现行的规定，下面的提示中{found}。")
    return (f"<p>{frozen.year} 年度的结果已于 {frozen.finalized_on} 定稿，定稿时本报告有 {e.errors} 个错误、"
            f"{e.warnings - e.association_warnings} 个警告（排名页的备注即此数{left_out}）。"
            "下面的提示是现行的检查对仓库中现在的报告文件给出的，"
            f"可能包括定稿之后才有的检查；它们不改变定稿的总分、档次和评估明细。{unmarked}</p>\n")


def _rubric_changed_since_final(year: int, frozen: FrozenYear) -> str:
    """The notice on top of a final year's report whose year's rubric file changed after it was
    frozen (the rubric page says which file and how, with its address at the frozen commit; a
    link here would print as this site's relative path): the caps shown are the current file's."""
    return (f'!!! danger "评估细则文件在定稿后改动过"\n    {year} 年度的结果已于 {frozen.finalized_on} 定稿，'
            "此后本年度的评估细则文件又被改动（评估细则页本年度一节的开头写明改动的文件）。下面的总分、档次和评估明细"
            "仍是按定稿时的细则计算、冻结的结果，不因这次改动而改变；“各领域得分”表中的“上限”按当前的细则文件写出，"
            "可能与计分时不同。\n")


def _review_changed_since_final(site: SiteData, doc: ReportDoc, frozen: FrozenYear) -> str:
    """The notice on top of a final year's report whose review file changed after it was frozen
    (a verdict given, changed or taken back): the score stands as frozen."""
    file = review_file(doc.report.society, doc.report.year)
    recorded = frozen.review_sha256 or {}
    how = ("又被改动" if file in recorded and (site.root / file).is_file()
           else "被删除" if file in recorded else "是定稿后才新建的")
    url = repo_path_url(site.settings.repo_url, frozen.code_commit, file) if frozen.code_commit and file in recorded else None
    then = f"计分所依据的核查记录见{link(url, '定稿时代码提交中的这个文件')}。" if url else ""
    return (f'!!! danger "核查记录在定稿后改动过"\n    {doc.report.year} 年度的结果已于 {frozen.finalized_on} 定稿，'
            f"此后本报告的核查记录 <code>{text(file)}</code> {how}。定稿的结果不变：下面的总分、档次和评估明细"
            "仍按定稿时的核查记录计算，此后给出、改动或撤回的结论（如新的“不予认定”）都不计入；"
            f"要改变结果，须由市科协重新定稿。{then}\n")


def reason_anchor(item: str, rejected: bool = False) -> str:
    """The id of an item's entry in the box of items 待补充材料 (or, `rejected`, 不予认定): one item
    may be in both, in a final year whose review changed after it was frozen."""
    return f"{'not-recognised' if rejected else 'why'}-{item}"


def _entry(item: str, title: str, said: str) -> str:
    """One item of the material box: its name and what the association said (escaped), with its anchor."""
    return f'    - <span id="{attr(reason_anchor(item))}"></span>**{text(title)}**{said}\n'


def _requested_when_frozen(site: SiteData, doc: ReportDoc, e: Evaluation) -> tuple[str, list[str]]:
    """A final year's items still 待补充材料 when it was frozen, read from the frozen lines (the
    review file changed since: its requests are not the results'), and then, when they differ,
    what the current record asks, which the results do not follow. The box was the current
    record's alone: a request answered after finalize took the box away from an item still 0."""
    found = {x.item_id: x for x in e.lines if x.rule == REVIEW_RULE and x.item_id
             and items.refusal_kind(x.note) == ReviewStatus.MATERIAL_REQUESTED.label}
    society, year = doc.report.society, doc.report.year
    now = report_progress(site.repo, society, year, item_ids(doc.report), True).requested
    titles = {x.id: x.title for x in review_entries(doc.report, site.rubric(year))}
    if not found:
        if not now:
            return "", []
        rows = "".join(_entry(r.item, titles.get(r.item, r.item), f"（市科协 {r.date} 提出）：{text(r.reason)}") for r in now)
        return (f'!!! warning "当前核查记录中待补充材料：{len(now)} 项"\n    以下是定稿后改动过的当前核查记录中'
                "待补充材料的项目；定稿的结果按定稿时的核查记录计算，不因此改变：\n\n" + rows), [r.item for r in now]
    rows = "".join(_entry(item, items.name_of(doc.report, x.area, item) or item, f"：{text(tight(x.note))}")
                   for item, x in found.items())
    out = (f'!!! warning "定稿时仍待补充材料：{len(found)} 项"\n    以下项目到定稿时仍未补充证明材料，'
           "定稿的结果中不计分（定稿时的评估明细）：\n\n" + rows)
    if {r.item for r in now} != set(found):
        listed = "、".join(f"“{text(titles.get(r.item, r.item))}”" for r in now)
        out += (f"\n    定稿后改动过的当前核查记录中，待补充材料的项目{'是' + listed if now else '一项也没有'}；"
                "定稿的结果按定稿时的核查记录计算，不因此改变。\n")
    return out, list(found)


def _rejected(doc: ReportDoc, e: Evaluation | None, frozen: bool = False) -> tuple[str, list[str]]:
    """The items the association did not recognise (不予认定), each with its reason as the
    evaluation's line says it: during the notice, what a society weighs before it objects."""
    if e is None:
        return "", []
    found = {x.item_id: x for x in e.lines if x.rule == REVIEW_RULE and x.item_id
             and items.refusal_kind(x.note) == ReviewStatus.NOT_RECOGNISED.label}
    if not found:
        return "", []
    label = ReviewStatus.NOT_RECOGNISED.label
    entries = "".join(f'<li><span id="{attr(reason_anchor(item, rejected=True))}"></span>'
                      f"<strong>{text(items.name_of(doc.report, x.area, item) or item)}</strong>：{text(tight(x.note))}</li>"
                      for item, x in found.items())
    title = f"定稿结果中{label}：{len(found)} 项" if frozen else f"{label}：{len(found)} 项"
    # Raw HTML, not `!!!`: an admonition cannot be kept out of the search index, and the items'
    # titles stay out but for the latest year's terms (search_terms).
    return (f'<div class="admonition failure" {NO_SEARCH}>\n<p class="admonition-title">{title}</p>\n'
            f"<p>市科协核查后对以下项目{label}，这些项目不计分（理由见各项；评估明细中也有这一行）：</p>\n"
            f"<ul>{entries}</ul>\n</div>\n"), list(found)


def _requested(site: SiteData, doc: ReportDoc, e: Evaluation | None, frozen: bool = False,
               review_changed: bool = False) -> tuple[str, list[str]]:
    """The items the association asked the society to support with more material, with why
    (and their ids, whose entries the items' 得分 cells link to)."""
    society, year = doc.report.society, doc.report.year
    if frozen and review_changed and e is not None:
        return _requested_when_frozen(site, doc, e)
    # As the status page and the workbench count it: in a finalized year a verdict stands as
    # recorded, whatever the report says now (a request is not dropped by a later edit).
    waiting = report_progress(site.repo, society, year, item_ids(doc.report), workbench.final_year(site, year)).requested
    if not waiting:
        return "", []
    titles = {e.id: e.title for e in review_entries(doc.report, site.rubric(year))}
    rows = "".join(_entry(r.item, titles.get(r.item, r.item), f"（市科协 {r.date} 提出）：{text(r.reason)}") for r in waiting)
    ids = [r.item for r in waiting]
    if frozen:  # nothing can be supplied any more
        return (f'!!! warning "定稿时仍待补充材料：{len(waiting)} 项"\n    以下项目到定稿时仍未补充证明材料，'
                "定稿的结果中不计分：\n\n" + rows), ids
    # How the material reaches the association in the year's phase (phase.material_route).
    return (f'!!! warning "待补充材料：{len(waiting)} 项"\n    市科协核查后请学会补充以下项目的证明材料。'
            f"{phase.material_said(site, year, society)}\n\n" + rows), ids


# Printed only: paper has no links, so it says where the page and the clauses' wording are online.
PRINT_ONLY = "sb-print-only"


def _addresses(site: SiteData, page: str, guideline_year: int) -> str:
    """On paper, the page's own address and its guideline's (whose clauses the lines cite): the
    site's configured address (mkdocs.yml `site_url`); nothing where none is configured."""
    base = site.settings.site_url
    if not base:
        return ""
    here, clauses = base + site.urls.target(page), base + site.urls.target(guideline_year_page(guideline_year))
    # Links, printed as their words (the addresses themselves), as any link on paper.
    return (f'<p class="{PRINT_ONLY} sb-report-meta" {NO_SEARCH}>网上查阅：本报告 {link(here, text(here), cls="sb-url")}；'
            f'指南条款原文 {link(clauses, text(clauses), cls="sb-url")}</p>\n')


# The custom property print.css's page header shows on every printed page after the first.
RUNNING_HEAD = "--sb-running-head"


def running_head(words: str) -> str:
    """The printed pages' header (`words`, plain text: the society and the year), set for this
    page as a CSS custom property that print.css's @page header shows: the header's rule is the
    stylesheet's, only its words are the page's, escaped as a CSS string."""
    return f"<style>:root {{ {RUNNING_HEAD}: {css_string(words)}; }}</style>\n"


def render(site: SiteData, doc: ReportDoc) -> str:
    return _render(site, doc)[0]


def _render(site: SiteData, doc: ReportDoc) -> tuple[str, str | None]:
    """The page, and the file of its evaluation lines beyond those in the page (None: all fit)."""
    society, year = doc.report.society, doc.report.year
    page = society_year_page(society, year)
    name = text(site.name(society))
    e = site.evaluation(society, year)
    frozen = site.frozen.get(year)
    # A final year's report changed after finalize: the page says so on top (None: not known).
    changed = bool(e and frozen and changed_since_frozen(frozen, site.root, doc.file))
    # Its review file changed after finalize (a verdict given, changed or taken back): said too.
    review_changed = bool(e and frozen and review_changed_since_frozen(frozen, site.root, society))
    # Its year's rubric file changed after finalize: the tier's lines and the caps are not the frozen ones.
    rubric_changed = bool(e and frozen and rubric_files_changed(frozen, site.root))
    issuer = text(site.settings.issuer)
    out = [front_matter(f"{name} {year} 年度报告"), running_head(f"{site.name(society)} {year} 年度报告"),
           trail(page, [(SOCIETIES_PAGE, "学会"), (society_page(society), name)], f"{year} 年度"),
           f'<p class="sb-issuer" {NO_SEARCH}>{issuer}</p>\n' if issuer else "",
           f"# {name} {year} 年度学会重点工作报告与评估 {{#top}}\n"]
    if site.is_sample(society):
        out.append(f"<p {NO_SEARCH}>{badge('示例', 'sample')} 虚构的示例数据，仅用于演示。</p>\n")
    if changed and frozen is not None:
        out.append(_changed_since_final(site, doc, frozen))
    if review_changed and frozen is not None:
        out.append(_review_changed_since_final(site, doc, frozen))
    if rubric_changed and frozen is not None:
        out.append(_rubric_changed_since_final(year, frozen))
    rules_year = e.guideline_year if e else year
    rules = site.guideline(rules_year)
    basis = f"评估依据：{text(rules.title)}" + (f"、{phase.rubric_name(site, page, year)}" if e else "")
    # The date is the footer's (printed too): the page itself changes only with its data.
    out.append(f'<p class="sb-report-meta" {NO_SEARCH}>{f"发布单位：{issuer}；" if issuer else ""}{basis}'
               f'<span class="sb-no-print">；报告文件：{site.source_link(doc.file, None, about="本报告文件")}</span>'
               # Printed, what a table's “原文” gives in place of its link (“41 行”).
               f'<span class="{PRINT_ONLY}">；表中“原文”是报告文件的行号</span>。</p>\n')
    out.append(_addresses(site, page, rules_year))
    if e:
        # A year not yet final says so with its total, not three paragraphs below.
        unsettled = phase.not_final_said(site, year)
        out.append(f'<p class="sb-score" {NO_SEARCH}>总分 <strong>{num(e.total)}</strong> 分，{text(e.tier)}'
                   f'{f"（{unsettled}）" if unsettled else ""}。</p>\n')
    elif frozen is not None:  # a report filed after the year's results were frozen
        out.append(f"<p>{year} 年度的结果已于 {frozen.finalized_on} 定稿，定稿结果中没有这份报告"
                   "（定稿之后才提交）：它不参加本年度的评估，未评分。</p>\n")
    else:
        out.append("<p>本年度没有评估细则，未评分。</p>\n")
    out.append(search_terms(doc, indexed=year in phase.indexed_years(site)))
    out.append(f'<p class="sb-no-print sb-report-meta" {NO_SEARCH}>用浏览器打印本页（Ctrl+P），即得 A4 纸的年度报告。</p>\n')
    out.append(phase.note(site, page, year))
    out.append(phase.correction_note(site, page, year, society))
    if doc.has_errors and not changed and e and frozen is not None:
        # Final, with no record of the file as frozen (older results files): whether it changed is
        # not known, but its errors now cost the frozen score nothing (a tester read “有错误的项目不计分”
        # beside an item with an error that kept its frozen 6 points).
        out.append(f'!!! warning "本报告有错误"\n    下面的审核提示按仓库中现在的报告文件列出错误。{year} 年度的结果已于 '
                   f"{frozen.finalized_on} 定稿：下面的总分、档次和评估明细是定稿时冻结的结果（定稿时有错误的项目记 0 分），"
                   "不因此后对报告文件的改动而改变。\n")
    elif doc.has_errors and not changed:  # a changed file's errors cost the frozen score nothing
        out.append('!!! warning "本报告有错误"\n    下面的审核提示列出了错误。有错误的项目不计分'
                   '（评估明细中记 0 分并注明错误），其余项目照常计分。\n')
    requested, waiting = _requested(site, doc, e, frozen is not None and e is not None, review_changed)
    rejected, refused = _rejected(doc, e, frozen is not None)
    out += [requested, rejected]
    # An item's 得分 cell links to its entry in a box; to 不予认定's when in both: it is the lines',
    # which the score (and the cell's word) follows.
    reasons = {item: reason_anchor(item) for item in waiting} | {item: reason_anchor(item, rejected=True)
                                                                 for item in refused}
    if e:
        out += _by_area(site, page, e, rubric_changed)
    out += findings(site, page, doc.file, "findings", "审核提示（当前文件）" if changed else "审核提示",
                    intro=_findings_after_final(frozen, e, len(uncounted(site, year, society, site.findings(doc.file)))))
    out.append(phase.objections(site, page, year, society))
    out += _report(site, page, doc, e, changed, reasons)
    more = None
    if e:
        lines, more = _lines_table(site, page, doc, e)
        out += lines + _pending(site, page, e, reasons) + _advice(site, page, e)
    return "\n".join(out), more


def pages(site: SiteData, only: Collection[tuple[str, int]] | None = None) -> Iterator[tuple[str, str]]:
    """Every society's year pages, or only those of the (society, year) pairs in `only` (the
    preview's update)."""
    for society in site.societies:
        for doc in site.reports_of(society):
            if doc.report.year in site.years and (only is None or (society, doc.report.year) in only):
                page = society_year_page(society, doc.report.year)
                md, more = _render(site, doc)
                yield page, md
                if more is not None:  # a long report: its lines beside it
                    yield page.rsplit("/", 1)[0] + "/" + LINES, more
