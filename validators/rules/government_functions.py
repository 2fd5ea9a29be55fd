"""Area 二 rules: the pilot list and new functions (2017's 2.1), function periods (2.2); each
finding names the clause the year's rubric cites for the rule (`RuleContext.cited`)."""

from __future__ import annotations

from validators.models.government_functions import Function
from validators.models.report import YearReport
from validators.rules.cross_file_common import same_text
from validators.rules.rule_context import RuleContext
from validators.year.measures import company_ending, pilot_confirmed
from validators.year.quotes import said
from validators.year.text import area_numeral


def check(report: YearReport, ctx: RuleContext) -> None:
    area = report.government_functions
    if area is None:
        return
    # The pilot list is the association's to publish: a claim it does not confirm earns nothing,
    # but is no error (the list may simply not be out yet).
    confirmed = pilot_confirmed(report.society, ctx.guideline)
    pilot, period, new = (ctx.cited("government_functions", name)
                            for name in ("pilot", "function", "pilot_new_function"))
    if pilot not in ctx.guideline.clauses or pilot == ctx.cited("government_functions"):
        pass  # the year's text or rubric has ended the pilot clause: the field means nothing this year
    elif area.pilot and confirmed is None:
        ctx.warning(("government_functions", "pilot"), "W-PILOT-NOT-CONFIRMED",
                    f"市科协尚未公布 {ctx.guideline.year} 年首批承能试点学会名单，暂不能确认本学会为试点学会："
                    "名单公布并列入本学会后才计分。", pilot)
    elif confirmed and not area.pilot:
        ctx.warning(("government_functions", "pilot"), "W-PILOT-NOT-CLAIMED",
                    f"本学会在市科协公布的 {ctx.guideline.year} 年首批承能试点学会名单中，试点相关项目按名单计分："
                    "请把首批承能试点学会一栏改为“是”。", pilot)
    elif area.pilot and not confirmed:
        ctx.warning(("government_functions", "pilot"), "W-PILOT-NOT-CONFIRMED",
                    f"本学会不在市科协公布的 {ctx.guideline.year} 年首批承能试点学会名单中，试点相关项目不计分："
                    "如不是试点学会，请把首批承能试点学会一栏改为“否”。", pilot)
    _one_contract(area.functions, ctx, period)
    window = ctx.guideline.evaluation_window
    innovation = ctx.guideline.area("innovation")  # named as the year names it
    function = said("政府职能或服务", *ctx.guideline.clauses.values())
    for i, fn in enumerate(area.functions):
        path = ("government_functions", "functions", i)
        company = company_ending(fn.commissioner, ctx.guideline)
        if company:
            part, marker = company
            ending = (f"名称以“{marker}”结尾" if part == fn.commissioner.strip()
                      # a part that is the marker alone (“…（GIZ）GmbH”): not “GmbH 以 GmbH 结尾”
                      else f"名称中有企业字样“{part}”" if part.lower() == marker.lower()
                      else f"名称中的“{part}”以“{marker}”结尾")
            ctx.error((*path, "commissioner"), "E-FUNCTION-NOT-GOVERNMENT",
                      f"委托（购买）单位“{fn.commissioner}”是企业（{ending}），不是政府部门："
                      f"承接的须是{function}。企业委托的服务请写在"
                      f"“{area_numeral(innovation.id)}、{innovation.title}”的服务中。",
                      period)
        if fn.end < fn.start:
            ctx.error((*path, "end"), "E-DATE-ORDER",
                      f"结束日期 {fn.end} 早于开始日期 {fn.start}：请核对。", period)
        elif fn.end <= window.start or fn.start > window.deadline:
            ctx.error((*path, "start"), "E-DATE-OUTSIDE-WINDOW",
                      f"承接期 {fn.start} 至 {fn.end} 与 {ctx.guideline.year} 年度评估期"
                      f"（{window.label}）没有重叠：请放到对应年度的报告中。", period)
        elif fn.new and fn.start <= window.start:
            # 新增 (2017's 2.1) is new in this year: a function taken on before the window began was
            # new in an earlier year, whether or not that year's report is in the repository.
            ctx.error((*path, "new"), "E-FUNCTION-NOT-NEW",
                      f"职能“{fn.id}”开始于 {fn.start}，在 {ctx.guideline.year} 年度评估期（{window.label}）之前："
                      "不是本年度新承接的，请把“本年度新增”改为“否”。", new)


# The brackets a title's part is written in: round, full-width, lenticular, tortoise-shell, square.
_OPENING, _CLOSING = "(（【〔[［", ")）】〕]］"


def _unbracketed(title: str) -> str:
    """A title without what it says in brackets (“地方标准起草（术语部分）” → “地方标准起草”), as
    `same_text` reads it: the parts of one contract differ only there."""
    depth, kept = 0, []
    for char in title:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return same_text("".join(kept))


def _one_contract(functions: list[Function], ctx: RuleContext, clause: str) -> None:
    """Functions of one commissioner and one period whose titles differ only in brackets read
    like one contract split into parts (“（术语部分）”“（技术要求部分）”): each part earns 2.2 and
    swells the count 2.3 compares. Two contracts of one fiscal year are common, and a split is
    not certain, so it is for the staff to look at (a warning)."""
    first: dict[tuple[str, str, object, object], Function] = {}
    for i, fn in enumerate(functions):
        stem = _unbracketed(fn.title)
        key = (same_text(fn.commissioner), stem, fn.start, fn.end)
        if stem and key in first and same_text(first[key].title) != same_text(fn.title):  # one title: E-ITEM-REPEATED's
            ctx.warning(("government_functions", "functions", i, "title"), "W-FUNCTION-ONE-CONTRACT",
                        f"与“{first[key].id}”的委托（购买）单位、承接期（{fn.start} 至 {fn.end}）相同，名称只在括号中不同："
                        f"若是同一项委托分成了几部分，请合并为一项、金额相加：{said('承接的某项政府职能或服务', *ctx.guideline.clauses.values())}"
                        "按一项计分；若确是两项委托，请在证明材料中附上各自的合同，由市科协核查。", clause)
        else:
            first.setdefault(key, fn)
