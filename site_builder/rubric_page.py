"""The scoring rubric of each year, rendered from its file, every rule linked to its clause."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from site_builder import phase, rubric_changes
from site_builder.context import RUBRIC_PAGE, SiteData, rubric_anchor
from site_builder.guideline_page import window_said, year_text
from site_builder.markup import (
    Cell,
    Column,
    attr,
    cell,
    dated_text,
    front_matter,
    link,
    num,
    num_cell,
    repo_path_url,
    text,
)
from site_builder.rubric_rows import rule_anchor, tiers_anchor
from site_builder.tables import table
from validators.evaluation.results import rubric_files_changed
from validators.year.cited import area_clause, criterion_clause, rule_clause, table_clause
from validators.year.guideline import available_years
from validators.year.quotes import growth_named, holds, quoted, said
from validators.year.rubric import GrowthRule, ItemTier, Rule
from validators.year.text import area_numeral

PAGE = RUBRIC_PAGE
_RULE_COLUMNS = [Column("规则"), Column("依据条款"), Column("分值", numeric=True),
                 Column("最多计入（项）", numeric=True)]


def _rule_row(site: SiteData, year: int, anchor: str, label_prefix: str, rule: Rule) -> list[Cell]:
    """A rule's row; its first cell holds the row's anchor, which the evaluation's lines link to."""
    label = f"{text(label_prefix)}：{text(rule.label)}" if label_prefix else text(rule.label)
    return [cell(f'<span class="sb-row-anchor" id="{attr(anchor)}">{label}</span>'),
            cell(site.clause_link(PAGE, rule.clause, year)), num_cell(rule.points), num_cell(rule.max_count, "不限")]


def _clause_order(clause: str) -> tuple[int, ...]:
    """“7.3” → (7, 3): clauses in the guideline's order (5.10 after 5.9)."""
    return tuple(int(part) if part.isdigit() else 0 for part in clause.split("."))


def _tiers(tiers: list[ItemTier], what: str, anchor: str) -> str:
    enterprises = any(t.min_enterprises_served for t in tiers)
    members = any(t.min_members for t in tiers)
    titles = rubric_changes.TIER_COLUMNS
    columns = [Column("档次"), Column(titles["points"], numeric=True), Column(titles["min_activities"], numeric=True)]
    columns += [Column(titles["min_enterprises_served"], numeric=True)] if enterprises else []
    columns += [Column(titles["min_members"], numeric=True)] if members else []
    rows = []
    for t in tiers:
        row = [cell(text(t.tier)), num_cell(t.points), num_cell(t.min_activities)]
        row += [num_cell(t.min_enterprises_served)] if enterprises else []
        row += [num_cell(t.min_members)] if members else []
        rows.append(row)
    return (f'<span class="sb-row-anchor" id="{attr(anchor)}"></span>{what}按年度绩效分档（依次取第一个满足的档）：\n\n'
            + table(columns, rows, label=f"{what}的年度绩效分档", key=(0, 1), sortable=False))


def _area(site: SiteData, year: int, key: str, title: str) -> str:
    model: BaseModel = site.rubric(year).area(key)
    rows: list[list[Cell]] = []
    notes: list[str] = []
    cited: set[str] = set()  # the clauses the rubric file's rules cite
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Rule):
            cited.add(value.clause)
            rows.append(_rule_row(site, year, rule_anchor(year, key, name), "", value))
        elif isinstance(value, dict):
            cited.update(rule.clause for rule in value.values() if isinstance(rule, Rule))
            vocabulary = site.rubric(year).kind_tables().get((key, name))
            # In the guideline's order, by clause: a kind a year renames (its rule written anew,
            # so last in the file) stays in its clause's place.
            for code, rule in sorted(value.items(), key=lambda entry: _clause_order(entry[1].clause)):
                kind = site.guideline(year).kind(vocabulary, code) if vocabulary else None
                rows.append(_rule_row(site, year, rule_anchor(year, key, name, code), kind.label if kind else str(code), rule))
        elif isinstance(value, list) and value and isinstance(value[0], ItemTier):
            what = ("每个服务站从建站的下一年度起" if key == "service_stations"
                    else "每个联合体从成立的下一年度起（补助牵头学会）")
            notes.append(_tiers(value, what, tiers_anchor(year, key)))
        elif isinstance(value, GrowthRule):
            grown = rule_clause(getattr(model, "growth", None), site.guideline(year), key)
            notes.append(f"{growth_named(site.guideline(year).clauses, grown)}：与上一年度相比，承接职能至少增加 {value.min_count_increase} 项，"
                         f"或金额增长达到 {value.min_amount_growth:.0%}。")
        elif name == "max_achievements_per_report":
            notes.append(f"同一份调研报告的多项成果，只计分值最高的 {value} 项。")
    anchor = rubric_anchor(year, key)
    parts = [f"### {text(title)}（上限 {num(model.cap)} 分） {{#{anchor}}}\n",  # type: ignore[attr-defined]
             table(_RULE_COLUMNS, rows, label=f"{year} 年度{title}的评分规则", key=(0, 2), sortable=False) + "\n"]
    parts += [n + "\n" for n in notes + _frozen_clauses(site, year, key, cited)]
    return "\n".join(parts)


def _frozen_clauses(site: SiteData, year: int, key: str, cited: set[str]) -> list[str]:
    """A final year whose frozen lines pay under clauses the rubric file's rules do not cite
    (the code of its finalize cited them otherwise, as 2017's cited each report's 调研方向):
    said, so that the frozen results and this table do not seem to disagree."""
    frozen = site.frozen.get(year)
    other = sorted({line.clause for e in frozen.evaluations for line in e.lines
                    if line.area == key and line.points > 0 and line.clause and line.clause not in cited},
                   key=_clause_order) if frozen is not None else []
    if not other:
        return []
    def said(clauses: list[str]) -> str:
        return "、".join(f"条款 {text(c)}" for c in clauses)
    return [f"{year} 年度的定稿结果中，这一部分有的得分写作{said(other)}：这是定稿时的程序所引的条款，"
            f"本表按细则文件写作{said(sorted(cited, key=_clause_order))}。定稿的得分不因此改变。"]


_HOW = {"改动": "又被改动", "删除": "被删除", "新沿用": "是定稿后才沿用的"}


def _changed_since_final(site: SiteData, year: int) -> str:
    """The notice of a final year whose rubric file (or a file it carries forward from) is no
    longer the bytes finalize recorded: the page shows the current file, the frozen results were
    computed with the file at the finalize commit. Empty when nothing changed or nothing was
    recorded (results files written before finalize recorded rubric files)."""
    frozen = site.frozen.get(year)
    changed = rubric_files_changed(frozen, site.root) if frozen is not None else None
    if not changed or frozen is None:
        return ""
    said = "、".join(f"<code>{text(file)}</code> {_HOW[how]}" for file, how in changed)
    urls = [(file, url) for file, how in changed if how != "新沿用" and frozen.code_commit
            and (url := repo_path_url(site.settings.repo_url, frozen.code_commit, file)) is not None]
    then = ("计分所依据的细则见定稿时代码提交中的"
            + "、".join(link(url, f"<code>{text(file)}</code>") for file, url in urls) + "。") if urls else ""
    return (f'!!! danger "评估细则文件在定稿后改动过"\n    {year} 年度的结果已于 {frozen.finalized_on} 定稿，'
            f"此后细则文件 {said}。本页显示的是当前的细则文件，与计分时的不同；定稿的总分、档次和评估明细"
            f"仍是按定稿时代码提交中的细则文件计算、冻结的结果，不因这次改动而改变。{then}\n")


def _year(site: SiteData, year: int) -> str:
    points = site.rubric(year)
    window = site.guideline(year).evaluation_window
    parts = [f"## {year} 年度：{text(points.title)} {{#rubric-{year}}}\n",
             f'!!! info "评估细则由市科协确定"\n    {text(points.statement)}\n',
             f"{window_said(window)}\n"]
    parts += [notice for notice in [_changed_since_final(site, year)] if notice]
    changes = rubric_changes.section(site, year)
    if points.carried_forward_from:
        # Readers never see the rubric file: the exceptions are the page's own list below.
        listed = (f"，改动之处见下文“[{rubric_changes.HEADING}](#{rubric_changes.anchor(year)})”"
                  if changes else "")
        parts.append(f"本年度细则沿用 {points.carried_forward_from} 年度的分值、上限和分档线{listed}。\n")
    parts += [changes] if changes else []
    titles = site.area_titles(year)
    parts += [_area(site, year, key, title) for key, title in titles.items()]
    parts.append(phase.rubric_section(site, year))
    overall = table([Column("档次"), Column("总分不低于", numeric=True)],
                    [[cell(text(t.tier)), num_cell(t.min_total)] for t in points.tiers]
                    + [[cell(text(points.unranked)), cell("—", "-1")]], label=f"{year} 年度总分分档",
                    key=(0, 1), sortable=False)
    parts.append(f"### 总分分档 {{#rubric-{year}-tiers}}\n\n各领域得分之和为总分，依次取第一个满足的档，"
                 f"都不满足为“{text(points.unranked)}”。\n\n{overall}\n")
    return "\n".join(parts)


def _sources(site: SiteData, years: list[int]) -> str:
    """The texts the shown years are judged by, in their own titles: one text named as such;
    several, each with its years (the newest first)."""
    titles: dict[str, list[int]] = {}
    for year in reversed(years):
        titles.setdefault(year_text(site, year).text_title, []).append(year)
    if len(titles) == 1:
        return f"《{text(next(iter(titles)))}》"
    return "各年度的指南（" + "；".join(
        f"{'、'.join(str(y) for y in sorted(ys))} 年度：《{text(t)}》" for t, ys in titles.items()) + "）"


def _said_in(clauses: dict[str, str], phrase: str) -> str | None:
    """The clause of a year's text that says `phrase` (the first, in the text's order)."""
    return next((clause for clause, words in clauses.items() if holds(phrase, words)), None)


def _quote(site: SiteData, years: list[int], phrase: str) -> str:
    """A phrase of the guideline, quoted with the clause each shown year's text says it in (a
    year that numbers its clauses anew named with its own); said unmarked when a year's text
    does not say it (a year that rewords it)."""
    cited: dict[str, list[int]] = {}
    texts: list[str] = []
    for year in years:
        clauses = site.guideline(year).clauses
        clause = _said_in(clauses, phrase)
        if clause is None:
            return phrase
        cited.setdefault(clause, []).append(year)
        texts.append(clauses[clause])
    if not cited:
        return phrase
    where = (f"条款 {next(iter(cited))}" if len(cited) == 1 else
             "；".join(f"{'、'.join(map(str, ys))} 年度为条款 {c}" for c, ys in cited.items()))
    return f"{quoted(phrase, *texts)}（{where}）"


def _head(site: SiteData, years: list[int]) -> str:
    return (front_matter("评估细则") + "# 评估细则\n\n"
            f"{_sources(site, years)}规定对新建服务站"
            f"{_quote(site, years, '给予一次性补助，以后每年根据评估绩效予以分档补助')}，对新建联合体的牵头学会给予"
            f"{_quote(site, years, '一次性分类补助，以后每年根据评估绩效予以分档补助')}，对调研成果"
            f"{_quote(site, years, '根据每年一次的成果评估予以补助')}，"
            "但没有公布分值。下面的分值、上限和分档线来自本仓库的评估细则文件，"
            "由市科协确定和调整；网站上的每一分都注明所依据的细则规则和指南条款。\n\n"
            "有错误的项目不计分：评估明细中记 0 分，并写明是什么错误；同一报告的其他项目照常计分。\n")


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    # Every year with a rubric, a year open for filing with no report yet included.
    years = phase.rubric_years(site)
    yield PAGE, (_head(site, years) + "\n" + interpretations(site) + "\n"
                 + "\n".join(_year(site, y) for y in reversed(years)))


# The readings of the guideline that the text leaves open, and the file where each is set.
# Every figure and list in a cell is read from the latest year's files, never restated here.

def _code(key: str) -> str:
    return f"<code>{text(key)}</code>"


def _where(file: str, *keys: str) -> str:
    """Which year file holds a reading, and its keys there (for the staff who change it)."""
    return f"{file} " + "、".join(_code(k) for k in keys)


def interpretations(site: SiteData) -> str:
    """The newest shown year's readings; below them, each earlier year's that differ, so that a
    new year's readings never take an earlier year's off the page."""
    shown = phase.rubric_years(site) or available_years(site.repo.root)[-1:]
    year = shown[-1]
    current = _readings(site, year)
    earlier: dict[tuple[str, str, str], list[int]] = {}
    for other in shown[:-1]:
        for row in _readings(site, other):
            if row not in current:
                earlier.setdefault(row, []).append(other)
    said = ("## 本项目对指南的默认解释 {#interpretations}\n\n"
            f"指南没有写明的地方，本项目采用以下默认解释（{year} 年度的指南和细则）；"
            "市科协可以在所列文件中改变它们，改动经拉取请求审核后生效。\n\n"
            + table([Column("事项"), Column("默认解释"), Column("在哪里改")], [list(map(cell, row)) for row in current],
                    label=f"{year} 年度的默认解释", sortable=False, cards=True) + "\n")
    if not earlier:
        return said
    differ = sorted({y for ys in earlier.values() for y in ys})
    years, these = "、".join(map(str, differ)), "这些年度" if len(differ) > 1 else "该年度"
    return (said + "\n### 往年不同的默认解释 {#interpretations-earlier}\n\n"
            f"{years} 年度与上表不同的默认解释如下，{these}的评估按它们计算；其余各项与上表相同。\n\n"
            + table([Column("年度"), Column("事项"), Column("默认解释"), Column("在哪里改")],
                    [[cell("、".join(map(str, ys))), *map(cell, row)] for row, ys in earlier.items()],
                    label="往年不同的默认解释", sortable=False, cards=True) + "\n")


def _readings(site: SiteData, year: int) -> list[tuple[str, str, str]]:
    """One year's readings as the page's cells (事项, 默认解释, 在哪里改), each already safe HTML."""
    rules, points = site.guideline(year), site.rubric(year)
    home = rules.province(rules.home_province)
    counted = [p for p in rules.provinces if p.counts]
    listed_only = "、".join(p.short for p in rules.provinces if not p.counts)
    occasions = "、".join("/".join((o.name, *o.aliases[:1])) for o in rules.popularisation_occasions)
    forms = "、".join(k.label for code in points.consortia.new_lead
                     if (k := rules.kind("consortium_forms", code)) is not None)
    growth = points.government_functions.growth_rule
    # The guideline's words are quoted only as this year's text says them (a later year rewords).
    clause = rules.clauses.get
    # 一's and 六's own clauses (their openings), as the year numbers them.
    districts, research = area_clause(rules, "innovation"), area_clause(rules, "research")
    # 二–五's, as the year's rubric cites them (validators.year.cited; 2017's numbers in comments).
    gov, stations, consortia = points.government_functions, points.service_stations, points.consortia
    pilot, function, grown = (rule_clause(r, rules, "government_functions") for r in (gov.pilot, gov.function, gov.growth))
    level, station_new = table_clause(stations.level, rules, "service_stations"), rule_clause(stations.new_station, rules, "service_stations")
    forms_clause, industry = area_clause(rules, "consortia"), rule_clause(consortia.leading_industry, rules, "consortia")
    lead_new = table_clause(consortia.new_lead, rules, "consortia")  # 4.3
    provinces, countries, popular = (criterion_clause(rules, c) for c in ("min_provinces", "min_countries", "occasion"))
    major = area_numeral(area_clause(rules, "major_work"))
    deadline = quoted("成果形成日期以当年评估截止日期为准", clause(research, ""))
    one_off = quoted("一次性分类补助", clause(lead_new, "")) or quoted("一次性补助", clause(lead_new, "")) or "一次性补助"
    more = quoted("有较大提升", clause(grown, "")) or "承接职能的增长"
    markers = "、".join(f"“{m}”" for m in rules.company_markers)
    rows = [
        ((research,), f"评估期（条款 {research}{'：' + deadline if deadline else ''}）",
         f"{year} 年度为 {rules.evaluation_window.label}", _where("指南年度文件", "evaluation_window")),
        ((station_new, lead_new), f"新建服务站、联合体（条款 {station_new}、{lead_new}）",
         "成立日期在本年度评估期内的为新建：当年计一次性补助，从下一年度起按年度绩效分档；"
         "本学会往年已列出的服务站或牵头的联合体（名称相同）换了编号，不再算新建；"
         "服务站改了名称和编号，服务的企业或园区、级别和产业都与本学会上一年度的一个服务站相同、本报告又不再列出那个服务站的，提示市科协核查；"
         "别的学会往年用过的服务站名称只提示核查，不影响得分",
         _where("评估细则", "new_station", "new_lead", "tiers")),
        ((lead_new,), f"联合体的{one_off}（条款 {lead_new}）", f"按联合体形式（{forms}）分类", _where("评估细则", "new_lead")),
        ((forms_clause, industry), f"联合体的服务产业、联合形式和方向（条款 {forms_clause}、{industry}）",
         "以牵头学会同年的报告为准：成员学会写得不同，这一联合体在成员的报告中不计分；"
         "成员关系须双方都列出，只有一方列出时双方都收到提示", "—"),
        ((), "同一项工作",
         "同一报告中只计一次：同一列表中除编号和证明材料外相同的两项，名称和日期相同的服务、学术交流活动、"
         "重大工作，名称、开始日期与一项服务相同且委托单位就是这项服务的企业的政府职能，题目相同的调研成果，调研成果与名称相同、日期是它某项成果认定日期的重大工作"
         "，同一调研成果中认定方式和日期相同的成果，名称相同的服务站、名称相同的联合体"
         "（不论编号和成立日期），事项名称和委托单位相同的政府职能（不论金额和承接期），都是同一项；"
         "按领域和文件中的顺序，第一项（本身没有错误的）计分，其余不计分", "—"),
        ((lead_new,), f"联合体的成员个数（条款 {lead_new} 的分档）",
         "同一成员名称的不同写法（全角半角，含汉字的名称中的空白）只算一个，重复的一项是警告；"
         "繁体和简体写法不合并，由市科协核查", "—"),
        ((research,), f"同一成果（条款 {research}）",
         "一份调研成果的一种认定方式只在一个年度计分：本学会往年已为同一成果（编号或题目相同）计过这一认定方式的，"
         "较晚年度再报不计分，不论日期；两个学会申报同名成果时各自计分并收到提示，由市科协核查", "—"),
        ((level, industry), f"服务站的产业（条款 {level}）", f"条款 {level} 只分级别，不限产业；主导产业和优势产业的名单只用于联合体（条款 {industry}）",
         _where("指南年度文件", "industries")),
        ((provinces,), f"外省、直辖市、自治区（条款 {provinces}）",
         f"{len(counted)} 个省级行政区，全称或简称均可；{home.short if home else ''}不计入"
         + (f"；{listed_only}列出但不计入" if listed_only else ""), _where("指南年度文件", "provinces") + f"（{_code('counts')}）"),
        ((countries,), f"国家或地区（条款 {countries}）", "按 ISO 3166-1 识别，中文名、英文名或代码均可，同一国家或地区只计一次",
         _where("指南年度文件", "country_aliases")),
        ((popular,), f"科普活动（条款 {popular}）", f"指南原词及常见写法（{occasions}等）；{said('等', clause(popular, ''))}表示名单开放，"
         f"选“{rules.open_occasion}”须写明名称和主办单位；第{major}部分的重大活动不在此列",
         _where("指南年度文件", "popularisation_occasions", "open_occasion")),
        ((function,), f"委托（购买）单位（条款 {function}）",
         f"名称（括号内外的部分分别看）以{markers}结尾的是企业，不是政府部门，这一项不计分；"
         "只是含有这些字样的政府部门（如“……中小企业局”“……企业信用信息公示系统管理办公室”）不是企业；"
         "既不是企业、也不是政府部门的单位（高校、医院、基金会、协会等）由市科协核查",
         _where("指南年度文件", "company_markers")) if markers else None,
        ((pilot,), f"首批承能试点学会（条款 {pilot}）", "以市科协公布的名单为准；名单未公布（为空）时，自报试点只提示、不计分",
         _where("指南年度文件", "pilot_societies") + "（只有管理员能改）"),
        ((districts,), f"成都市域内的区（市）县（条款 {districts}）", "当年成都市的区（市）县和功能区；撤县设区前后的名称会提示改用当年的名称",
         _where("指南年度文件", "districts", "district_renames")),
        ((grown,), f"{more}（条款 {grown}）", f"与上一年度相比，承接职能至少增加 {growth.min_count_increase} 项，"
         f"或金额增长达到 {growth.min_amount_growth:.0%}；上一年度的报告没有列出承接职能的按 0 项比较；"
         "没有上一年度的报告，或它有错误、其中的承接职能有错误的，不比较，记 0 分", _where("评估细则", "growth_rule")),
    ]
    # A reading of a clause the year's text no longer has is no reading of that year.
    return [(text(what), dated_text(reading), where)
            for cited, what, reading, where in filter(None, rows) if all(c in rules.clauses for c in cited)]
