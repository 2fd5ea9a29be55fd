"""What a year's rubric page says changed since the year before: computed from the two years'
effective (carried-forward) rubric and guideline data, never written by hand.

Each line is one rule, tier, threshold or list: 改动 (its points, cap, count, tier cut-off or
name moved, old → new), 新增 (a rule or entry the earlier year did not have) or 取消 (one it
had and this year has not). A rule of a table by kind is matched by its kind's code, so a kind
the year renames (its rule written anew under the new name) is one rule whose name changed.

The guideline data are in two parts: what a score depends on (指南数据), and what only checks'
warnings and hints read (只用于提示的数据). Every key of the guideline is in one of them or in
LEFT_OUT_DATA, which the section's opening sentence names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from pydantic import BaseModel

from site_builder.context import RUBRIC_PAGE, SiteData
from site_builder.markup import num, text
from validators.models.review import UNVERIFIED
from validators.year.cited import area_clause, criterion_clause, rule_clause
from validators.year.guideline import AREA_VOCABULARY, DistrictRename, Guideline
from validators.year.kinds import VOCABULARY_TITLES, EventCriteria, Kind, ResearchTopic
from validators.year.rubric import COMBINE_WORDS, GrowthRule, ItemTier, Rubric, Rule

PAGE = RUBRIC_PAGE
CHANGED, ADDED, REMOVED = "改动", "新增", "取消"


HEADING = "与上一年度相比的变化"


def anchor(year: int) -> str:
    """Where `year`'s section “与上一年度相比的变化” is on the rubric page."""
    return f"rubric-{year}-changes"


def previous_year(site: SiteData, year: int) -> int | None:
    """The year before `year` with a guideline and a rubric; None for the first year."""
    return max((y for y in site.guideline_years if y < year and site.has_rubric(y)), default=None)


def _points(value: float) -> str:
    return f"{num(value)}&nbsp;分"


def _count(value: int | None) -> str:
    return "不限" if value is None else f"{value}&nbsp;项"


def _moved(what: str, old: str, new: str) -> str:
    return f"{what} {old} → {new}" if what else f"{old} → {new}"


def _listed(names: Iterable[str]) -> str:
    return "、".join(f"“{text(n)}”" for n in names)


class _Lines:
    """The section's lines, each already safe Markdown (its untrusted words escaped)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, how: str, what_html: str, said_html: str = "") -> None:
        self.lines.append(f"- {how}：{what_html}" + (f"：{said_html}" if said_html else ""))

    def entries(self, title_html: str, old: Sequence[str], new: Sequence[str]) -> None:
        """A list's entries added and removed (in each year's order)."""
        added = [n for n in new if n not in old]
        removed = [o for o in old if o not in new]
        if added:
            self.add(ADDED, title_html, _listed(added))
        if removed:
            self.add(REMOVED, title_html, _listed(removed))


# A rubric rule as the page shows it: (clause, its kind's name in a table by kind or "", the rule).
_Shown = tuple[str, str, Rule]


def _rules(points: Rubric, rules: Guideline, key: str) -> dict[tuple[str, str], _Shown]:
    """An area's rules by what stays the same across years: a plain rule by its field, a rule of
    a table by kind by the kind's code (its key as written when the year has no such kind)."""
    model: BaseModel = points.area(key)
    out: dict[tuple[str, str], _Shown] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Rule):
            out[(name, "")] = (value.clause, "", value)
        elif isinstance(value, dict):
            vocabulary = points.kind_tables().get((key, name))
            for written, rule in value.items():
                if not isinstance(rule, Rule):
                    continue
                kind = rules.kind(vocabulary, written) if vocabulary else None
                label = kind.label if kind else str(written)
                out[(name, kind.code if kind else str(written))] = (rule.clause, label, rule)
    return out


def _rule_said(site: SiteData, year: int, shown: _Shown) -> str:
    clause, kind, rule = shown
    # A rule named as its kind (乡村振兴: {label: 乡村振兴}) is named once.
    label = f"{text(kind)}：{text(rule.label)}" if kind and kind != rule.label else text(rule.label)
    return f"{site.clause_link(PAGE, clause, year)} {label}"


def _rule_figures(rule: Rule) -> str:
    return _points(rule.points) + (f"，最多计入 {_count(rule.max_count)}" if rule.max_count is not None else "")


def _rule_changes(site: SiteData, before: int, year: int, old: _Shown, new: _Shown) -> str:
    (old_clause, old_kind, was), (new_clause, new_kind, now) = old, new
    said = []
    if was.points != now.points:
        said.append(_moved("", _points(was.points), _points(now.points)))
    if was.max_count != now.max_count:
        said.append(_moved("最多计入", _count(was.max_count), _count(now.max_count)))
    if old_kind != new_kind:
        said.append(_moved("类别名称", f"“{text(old_kind)}”", f"“{text(new_kind)}”"))
    if was.label != now.label:
        said.append(_moved("名称", f"“{text(was.label)}”", f"“{text(now.label)}”"))
    if old_clause != new_clause:
        said.append(_moved("依据条款", site.clause_link(PAGE, old_clause, before),
                           site.clause_link(PAGE, new_clause, year)))
    return "，".join(said)


# A tier's figures, titled as the rubric page's table of tiers titles its columns.
TIER_COLUMNS = {"points": "年度绩效分", "min_activities": "活动次数不少于", "min_enterprises_served": "服务企业不少于",
                "min_members": "成员不少于"}
_TIER_FIELDS: dict[str, tuple[str, Callable[[float], str]]] = {
    name: (title, _points if name == "points" else str) for name, title in TIER_COLUMNS.items()}


def _tiers(lines: _Lines, what: str, old: Sequence[ItemTier], new: Sequence[ItemTier]) -> None:
    before = {t.tier: t for t in old}
    now = {t.tier: t for t in new}
    for name, tier in now.items():
        was = before.get(name)
        if was is None:
            lines.add(ADDED, f"{what}的{text(name)}", f"年度绩效分 {_points(tier.points)}")
            continue
        said = [_moved(label, shown(getattr(was, f)), shown(getattr(tier, f)))
                for f, (label, shown) in _TIER_FIELDS.items() if getattr(was, f) != getattr(tier, f)]
        if said:
            lines.add(CHANGED, f"{what}的{text(name)}", "，".join(said))
    for name in before:
        if name not in now:
            lines.add(REMOVED, f"{what}的{text(name)}")


def _tier_owner(key: str) -> str:
    return "服务站的年度绩效分档" if key == "service_stations" else "联合体的年度绩效分档"


def _area(site: SiteData, lines: _Lines, before: int, year: int, key: str, title: str) -> None:
    old_points, new_points = site.rubric(before), site.rubric(year)
    old_rules, new_rules = site.guideline(before), site.guideline(year)
    old_keys = {a.key for a in old_rules.areas}
    area = f"“{text(title)}”"
    if key not in old_keys:
        lines.add(ADDED, f"领域{area}", f"上限 {_points(new_points.area(key).cap)}")
        for shown in _rules(new_points, new_rules, key).values():
            lines.add(ADDED, _rule_said(site, year, shown), _rule_figures(shown[2]))
        return
    was, now = old_points.area(key), new_points.area(key)
    if was.cap != now.cap:
        lines.add(CHANGED, f"{area}的上限", _moved("", _points(was.cap), _points(now.cap)))
    before_rules, rules = _rules(old_points, old_rules, key), _rules(new_points, new_rules, key)
    for ident, shown in rules.items():
        old = before_rules.get(ident)
        if old is None:
            lines.add(ADDED, _rule_said(site, year, shown), _rule_figures(shown[2]))
        elif said := _rule_changes(site, before, year, old, shown):
            lines.add(CHANGED, _rule_said(site, year, shown), said)
    for ident, shown in before_rules.items():
        if ident not in rules:
            lines.add(REMOVED, _rule_said(site, before, shown), f"{before} 年度为 {_rule_figures(shown[2])}")
    for name in type(now).model_fields:
        old_value, value = getattr(was, name, None), getattr(now, name)
        if old_value == value:
            continue
        if isinstance(value, list) and isinstance(old_value, list) and all(
                isinstance(t, ItemTier) for t in [*value, *old_value]):
            _tiers(lines, _tier_owner(key), old_value, value)
        elif isinstance(value, GrowthRule) and isinstance(old_value, GrowthRule):
            growth = f"{area}中承能增长的标准"
            if old_value.min_count_increase != value.min_count_increase:
                lines.add(CHANGED, growth, _moved("承接职能至少增加", f"{old_value.min_count_increase}&nbsp;项",
                                                  f"{value.min_count_increase}&nbsp;项"))
            if old_value.min_amount_growth != value.min_amount_growth:
                lines.add(CHANGED, growth, _moved("金额增长达到", f"{old_value.min_amount_growth:.0%}",
                                                  f"{value.min_amount_growth:.0%}"))
        elif name == "max_achievements_per_report" and isinstance(value, int) and isinstance(old_value, int):
            lines.add(CHANGED, "同一份调研报告计入的成果", _moved("", f"{old_value}&nbsp;项", f"{value}&nbsp;项"))


def _overall(site: SiteData, lines: _Lines, before: int, year: int) -> None:
    was, now = site.rubric(before), site.rubric(year)
    old = {t.tier: t.min_total for t in was.tiers}
    new = {t.tier: t.min_total for t in now.tiers}
    for name, total in new.items():
        if name not in old:
            lines.add(ADDED, f"总分分档的{text(name)}", f"总分不低于 {_points(total)}")
        elif old[name] != total:
            lines.add(CHANGED, f"总分分档的{text(name)}", _moved("总分不低于", _points(old[name]), _points(total)))
    for name in old:
        if name not in new:
            lines.add(REMOVED, f"总分分档的{text(name)}")
    if was.unranked != now.unranked:
        lines.add(CHANGED, "都不满足的档次", _moved("", text(was.unranked), text(now.unranked)))
    if was.verification.provisional != now.verification.provisional:
        lines.add(CHANGED, f"{UNVERIFIED}的项目", "填报和核查期间暂按报告计分" if now.verification.provisional
                  else "从一开始就不计分")
    old_marks = {c.id: c for c in was.assessed}
    new_marks = {c.id: c for c in now.assessed}
    for ident, c in new_marks.items():
        what = f"{site.clause_link(PAGE, c.clause, year)} 专家评分项“{text(c.label)}”"
        o = old_marks.get(ident)
        if o is None:
            lines.add(ADDED, what, f"{c.min:g}–{c.max:g}")
            continue
        said = ([_moved("分数范围", f"{o.min:g}–{o.max:g}", f"{c.min:g}–{c.max:g}")] * ((o.min, o.max) != (c.min, c.max))
                + [_moved("至少几位专家", str(o.min_experts), str(c.min_experts))] * (o.min_experts != c.min_experts)
                + [_moved("取值", COMBINE_WORDS[o.combine], COMBINE_WORDS[c.combine])] * (o.combine != c.combine))
        if said:
            lines.add(CHANGED, what, "，".join(said))
    for ident, c in old_marks.items():
        if ident not in new_marks:
            lines.add(REMOVED, f"{site.clause_link(PAGE, c.clause, before)} 专家评分项“{text(c.label)}”")


# An event category's criteria as the section names them, each shown as a figure.
_CRITERIA: dict[str, tuple[str, Callable[[object], str]]] = {
    "min_participants": ("参与规模不少于", lambda v: "—" if v is None else f"{v}&nbsp;人"),
    "min_sub_forums": ("分论坛至少", lambda v: "—" if v is None else f"{v}&nbsp;个"),
    "min_provinces": ("外省、直辖市、自治区至少", lambda v: "—" if v is None else f"{v}&nbsp;个"),
    "min_countries": ("国家或地区至少", lambda v: "—" if v is None else f"{v}&nbsp;个"),
    "main_forum": ("须设主论坛", lambda v: "是" if v else "否"),
    "materials": ("须制作会议资料", lambda v: "是" if v else "否"),
    "occasion": ("须在科普活动中举办", lambda v: "是" if v else "否"),
    "roles": ("可申报的角色", lambda v: "、".join(map(text, v)) if isinstance(v, list) and v else "不限"),
    "not_in_text": ("与条款原文不同的原因", lambda v: f"“{text(str(v))}”" if v else "—"),
}


def _criteria(lines: _Lines, what: str, old: EventCriteria, new: EventCriteria) -> None:
    said = [_moved(label, shown(getattr(old, f)), shown(getattr(new, f)))
            for f, (label, shown) in _CRITERIA.items() if getattr(old, f) != getattr(new, f)]
    if said:
        lines.add(CHANGED, what, "，".join(said))


def _paid(site: SiteData, year: int) -> set[tuple[str, str]]:
    """The kinds (vocabulary, code) a rubric table by kind pays in `year`: the rule's line says
    when one is added (paid this year) or removed (paid the year before), and renamed when it is
    paid in both years (the rule matched by its kind's code)."""
    paid: set[tuple[str, str]] = set()
    points, rules = site.rubric(year), site.guideline(year)
    for (key, name), vocabulary in points.kind_tables().items():
        table = getattr(points.area(key), name, None) if key in site.area_titles(year) else None
        for written in table or {}:
            kind = rules.kind(vocabulary, written)
            if kind is not None:
                paid.add((vocabulary, kind.code))
    return paid


def _vocabulary(lines: _Lines, title: str, old: Sequence[Kind], new: Sequence[Kind],
                paid: tuple[set[str], set[str]]) -> None:
    """A vocabulary's entries by code: added, removed, renamed (those a rubric table pays said by
    its rules' lines: added if paid this year, removed if paid the year before, renamed if paid
    in both), their clauses and other ways of writing them, an event category's criteria and
    whether a research topic needs its focus."""
    paid_before, paid_now = paid
    before = {k.code: k for k in old}
    now = {k.code: k for k in new}
    lines.entries(text(title), [k.label for k in old if k.code not in now and k.code not in paid_before],
                  [k.label for k in new if k.code not in before and k.code not in paid_now])
    for code, kind in now.items():
        was = before.get(code)
        if was is None:
            continue
        what = f"{text(title)}“{text(kind.label)}”"
        if was.label != kind.label and not (code in paid_before and code in paid_now):
            lines.add(CHANGED, f"{text(title)}的名称", _moved("", f"“{text(was.label)}”", f"“{text(kind.label)}”"))
        if was.clause != kind.clause:
            lines.add(CHANGED, what, _moved("依据条款", text(was.clause or "—"), text(kind.clause or "—")))
        lines.entries(f"{what}的其他写法", was.aliases, kind.aliases)
        old_criteria, criteria = getattr(was, "criteria", None), getattr(kind, "criteria", None)
        if isinstance(old_criteria, EventCriteria) and isinstance(criteria, EventCriteria):
            clause = f"（条款 {text(kind.clause)}）" if kind.clause else ""
            _criteria(lines, what + clause, old_criteria, criteria)
        if isinstance(was, ResearchTopic) and isinstance(kind, ResearchTopic) and was.requires_focus != kind.requires_focus:
            lines.add(CHANGED, f"{what}须写明服务国家中心城市建设的哪个方面",
                      _moved("", "是" if was.requires_focus else "否", "是" if kind.requires_focus else "否"))


def _guideline(site: SiteData, lines: _Lines, before: int, year: int) -> None:
    was, now = site.guideline(before), site.guideline(year)
    points = site.rubric(year)
    old_titles = {a.key: a.title for a in was.areas}
    old_ids = {a.key: a.id for a in was.areas}
    for area in now.areas:
        if area.key in old_titles and old_titles[area.key] != area.title:
            lines.add(CHANGED, "领域的名称", _moved("", f"“{text(old_titles[area.key])}”", f"“{text(area.title)}”"))
        if area.key in old_ids and old_ids[area.key] != area.id:
            lines.add(CHANGED, f"领域“{text(area.title)}”的条款编号", _moved("", text(old_ids[area.key]), text(area.id)))
    paid_before, paid_now = _paid(site, before), _paid(site, year)

    def paid(name: str) -> tuple[set[str], set[str]]:
        return ({code for v, code in paid_before if v == name}, {code for v, code in paid_now if v == name})

    for name in VOCABULARY_TITLES:
        _vocabulary(lines, now.vocabulary_title(name), was.vocabulary(name), now.vocabulary(name), paid(name))
    for area in now.areas:
        if area.kinds is not None and area.key in old_titles:
            vocabulary = f"{AREA_VOCABULARY}{area.key}"
            _vocabulary(lines, now.vocabulary_title(vocabulary), was.vocabulary(vocabulary), now.vocabulary(vocabulary),
                        paid(vocabulary))
    rate = rule_clause(points.innovation.expert_rate, now, "innovation")
    if was.thresholds.expert_registration_rate != now.thresholds.expert_registration_rate:
        lines.add(CHANGED, f"专家库注册率（条款 {text(rate)}）",
                  _moved("", f"{was.thresholds.expert_registration_rate:.0%}", f"{now.thresholds.expert_registration_rate:.0%}"))
    for clause in sorted({*was.clause_service_kinds, *now.clause_service_kinds}):
        lines.entries(f"条款 {text(clause)} 的服务类型", was.clause_service_kinds.get(clause, []),
                      now.clause_service_kinds.get(clause, []))
    district = rule_clause(points.innovation.pilot_district_service, now, "innovation")
    lines.entries(f"试点区域（条款 {text(district)}）", was.pilot_districts, now.pilot_districts)
    lines.entries(f"成都市域内的区（市）县（条款 {text(area_clause(now, 'innovation'))}）", was.districts, now.districts)
    function = rule_clause(points.government_functions.function, now, "government_functions")
    lines.entries(f"委托（购买）单位名称中表示企业的字样（条款 {text(function)}）", was.company_markers, now.company_markers)
    pilot = rule_clause(points.government_functions.pilot, now, "government_functions")
    lines.entries(f"首批承能试点学会（条款 {text(pilot)}）", was.pilot_societies, now.pilot_societies)
    industry = rule_clause(points.consortia.leading_industry, now, "consortia")
    lines.entries(f"主导产业和优势产业（条款 {text(industry)}）", was.industries, now.industries)
    provinces = criterion_clause(now, "min_provinces")
    lines.entries(f"计入的外省、直辖市、自治区（条款 {text(provinces)}）", [p.short for p in was.provinces if p.counts],
                  [p.short for p in now.provinces if p.counts])
    old_names = {p.short: p.name for p in was.provinces}
    for p in now.provinces:
        if p.short in old_names and old_names[p.short] != p.name:
            lines.add(CHANGED, f"“{text(p.short)}”的全称（条款 {text(provinces)}）",
                      _moved("", f"“{text(old_names[p.short])}”", f"“{text(p.name)}”"))
    countries = criterion_clause(now, "min_countries")
    _aliases(lines, f"国家或地区的其他写法（条款 {text(countries)}）", was.country_aliases, now.country_aliases)
    popular = criterion_clause(now, "occasion")
    lines.entries(f"科普活动（条款 {text(popular)}）", [o.name for o in was.popularisation_occasions],
                  [o.name for o in now.popularisation_occasions])
    old_aliases = {o.name: o.aliases for o in was.popularisation_occasions}
    for o in now.popularisation_occasions:
        if o.name in old_aliases:
            lines.entries(f"科普活动“{text(o.name)}”的其他写法（条款 {text(popular)}）", old_aliases[o.name], o.aliases)
    if was.open_occasion != now.open_occasion:
        lines.add(CHANGED, f"名单之外的科普活动（条款 {text(popular)}）",
                  _moved("", f"“{text(was.open_occasion)}”", f"“{text(now.open_occasion)}”"))
    if was.home_province != now.home_province:
        lines.add(CHANGED, f"本省，不计入外省（条款 {text(provinces)}）",
                  _moved("", f"“{text(was.home_province)}”", f"“{text(now.home_province)}”"))
    lines.entries(f"属于“{text(now.area('major_work').title)}”的重大活动，不算科普活动（条款 {text(popular)}）",
                  was.major_event_names, now.major_event_names)


# The guideline data `_guideline` compares: what a score depends on.
SCORED_DATA = frozenset({
    "areas", "kinds", "thresholds", "clause_service_kinds", "pilot_districts", "districts", "company_markers",
    "pilot_societies", "industries", "provinces", "home_province", "country_aliases", "popularisation_occasions",
    "open_occasion", "major_events"})
# The guideline data no score depends on, which checks warn (or hint) by: `_hints` compares them.
HINT_DATA = frozenset({"government_markers", "government_marker_exceptions", "district_renames", "plausibility"})
# The guideline data the section deliberately leaves out, as its opening sentence names them
# (each shown elsewhere): the words by the keys. tests/test_rubric_changes.py fails on a key of
# the guideline in none of the three parts.
LEFT_OUT_SAID: dict[tuple[str, ...], str] = {
    # The file's own name and origin, on the guideline page.
    ("year", "title", "source", "carried_forward_from"): "指南文件本身的年度、标题和出处（见指南页）",
    # Every year's own dates: said above the section and on the guideline page.
    ("evaluation_window", "calendar"): "评估期和日历（每年不同，见上文和指南页）",
    # The guideline's words; a rule citing another clause is said by its line.
    ("clauses",): "条款原文（见指南页）",
}
LEFT_OUT_DATA = frozenset(key for keys in LEFT_OUT_SAID for key in keys)

# The fields of the guideline data's own models below its top level (by the model's name): each
# one `_guideline` or `_hints` compares, or one left out in LEFT_OUT_FIELDS with its reason.
# tests/test_rubric_changes.py fails on a field in neither.
COMPARED_FIELDS: dict[str, frozenset[str]] = {
    # A kind is matched across the years by its code; its label, clause and other ways of writing it compared.
    "Kind": frozenset({"code", "label", "clause", "aliases"}),
    "EventCategory": frozenset({"code", "label", "clause", "aliases", "criteria"}),
    "ResearchTopic": frozenset({"code", "label", "clause", "aliases", "requires_focus"}),
    "EventCriteria": frozenset(_CRITERIA),
    # An occasion is matched by its name: one renamed is one removed and one added.
    "Occasion": frozenset({"name", "aliases"}),
    # A province is matched by its short name; its `why` is compared in the warnings' part.
    "Province": frozenset({"name", "short", "counts", "why"}),
    "Thresholds": frozenset({"expert_registration_rate"}),
    # An area is matched by its key; its kinds are compared as a vocabulary.
    "Area": frozenset({"id", "key", "title", "kinds"}),
}
LEFT_OUT_FIELDS: dict[str, frozenset[str]] = {}

# `plausibility`'s figures: what each is and what the check then asks (the site names no finding
# code), and the unit a value reads in (None: the year does not compare). The first four raise
# W-IMPLAUSIBLE-FIGURE (rules/cross_file.py), same_work_days W-WORK-CLAIMED-AGAIN
# (rules/cross_file_claims.py). tests/test_rubric_changes.py fails on a field not named here.
_CHECK_FIGURE = "，超过时提示核对"
_PLAUSIBILITY: dict[str, tuple[str, str]] = {
    "event_max_participants": (f"一项活动参与人数的常见上限{_CHECK_FIGURE}", "人"),
    "growth_factor": (f"参与人数或金额比本学会其他年度的最大值高出的倍数{_CHECK_FIGURE}", "倍"),
    "growth_floor": ("参与人数低于此值时不按倍数提示", "人"),
    "station_max_enterprises": (f"一个服务站一年服务企业数的常见上限{_CHECK_FIGURE}", "家"),
    "same_work_days": ("同名的服务、活动或重大工作与上一年度的一项相隔不超过此天数时，"
                       "提示核查是否同一项工作在两个年度各计一次分", "天"),
}


def _renamed(rename: DistrictRename) -> str:
    return f"{rename.old} → {rename.new}（{rename.year} 年）"


def _hints(site: SiteData, lines: _Lines, before: int, year: int) -> None:
    """The guideline data only warnings and hints read: no score moves by them."""
    was, now = site.guideline(before), site.guideline(year)
    # W-SERVICE-NOT-ENTERPRISE (rules/innovation.py, measures.government_ending).
    lines.entries("服务的企业名称以这些字样结尾时，提示核查是否政府部门而不是企业",
                  was.government_markers, now.government_markers)
    lines.entries("以这些字样结尾的是商号，不作上述提示", was.government_marker_exceptions, now.government_marker_exceptions)
    # The hint of E-DISTRICT-UNKNOWN (rules/innovation.py, measures.district_rename_hint).
    lines.entries("区县更名，报告写旧名时提示改用当年的名称",
                  [_renamed(r) for r in was.district_renames], [_renamed(r) for r in now.district_renames])
    # What W-PROVINCE-NOT-COUNTED (rules/academic_events.py) says of a province that does not
    # count: its `why`; whether it counts is under the scored data.
    old_why = {p.short: p.why for p in was.provinces}
    for p in now.provinces:
        if p.short in old_why and old_why[p.short] != p.why:
            lines.add(CHANGED, f"“{text(p.short)}”不计入外省时向填报人说明的原因",
                      _moved("", f"“{text(old_why[p.short] or '—')}”", f"“{text(p.why or '—')}”"))
    for name, (title, unit) in _PLAUSIBILITY.items():
        old, new = getattr(was.plausibility, name), getattr(now.plausibility, name)
        if old == new:
            continue
        if old is None:
            lines.add(ADDED, title, f"{new}&nbsp;{unit}")
        elif new is None:
            lines.add(REMOVED, title, f"{before} 年度为 {old}&nbsp;{unit}")
        else:
            lines.add(CHANGED, title, _moved("", f"{old}&nbsp;{unit}", f"{new}&nbsp;{unit}"))


def _aliases(lines: _Lines, title: str, old: Mapping[str, str], new: Mapping[str, str]) -> None:
    lines.entries(title, [n for n in old if n not in new], [n for n in new if n not in old])
    moved = [f"“{text(n)}” {text(old[n])} → {text(code)}" for n, code in new.items() if n in old and old[n] != code]
    if moved:
        lines.add(CHANGED, title, "；".join(moved))


def section(site: SiteData, year: int) -> str:
    """The section `HEADING` of `year`'s part of the rubric page; empty for the first year."""
    before = previous_year(site, year)
    if before is None:
        return ""
    rubric, guideline, hints = _Lines(), _Lines(), _Lines()
    titles = site.area_titles(year)
    for key, title in titles.items():
        _area(site, rubric, before, year, key, title)
    for key, title in site.area_titles(before).items():
        if key not in titles:
            rubric.add(REMOVED, f"领域“{text(title)}”", f"{before} 年度上限 {_points(site.rubric(before).area(key).cap)}")
            for shown in _rules(site.rubric(before), site.guideline(before), key).values():
                rubric.add(REMOVED, _rule_said(site, before, shown), f"{before} 年度为 {_rule_figures(shown[2])}")
    _overall(site, rubric, before, year)
    _guideline(site, guideline, before, year)
    _hints(site, hints, before, year)
    parts = [f"### {HEADING} {{#{anchor(year)}}}\n",
             f"以下由 {before} 年度和 {year} 年度的细则文件和指南数据文件（含沿用的部分）逐项比较得出；"
             f"{'、'.join(LEFT_OUT_SAID.values())}不在此列。\n"]
    parts.append("**评估细则**（分值、上限和分档线）：\n\n" + "\n".join(rubric.lines) + "\n" if rubric.lines
                 else f"**评估细则**（分值、上限和分档线）：与 {before} 年度相同。\n")
    parts.append("**指南数据**（计分所依据的阈值和名单）：\n\n" + "\n".join(guideline.lines) + "\n" if guideline.lines
                 else f"**指南数据**（计分所依据的阈值和名单）：与 {before} 年度相同。\n")
    hint = "**只用于提示的数据**（检查据此给出警告或提示，不影响计分）："
    parts.append(f"{hint}\n\n" + "\n".join(hints.lines) + "\n" if hints.lines else f"{hint}与 {before} 年度相同。\n")
    return "\n".join(parts)
