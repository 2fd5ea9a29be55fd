"""The commented templates `new` writes: a year report and a society profile.

Clause texts, lists, kinds and criteria come from the year's guideline file (the few fixed
choices, such as roles, from the models), so the template never says something the checker
does not. The notes name clauses as the first year numbers them; each year's template names its
own (`cited.renumbering`, as the year's schema and form help do).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from pydantic import BaseModel

from validators.models.academic_events import AcademicEvent, EventRole
from validators.models.consortia import Consortium, ConsortiumRole, Direction
from validators.models.for_year import nested_model, report_model, year_classes
from validators.models.government_functions import Function
from validators.models.innovation import Service
from validators.models.labelled import LabelledEnum
from validators.models.research import ResearchReport
from validators.models.service_stations import ServiceStation
from validators.models.society import SocietyKind
from validators.year.cited import renumbering
from validators.year.guideline import AREA_VOCABULARY, Guideline
from validators.year.kinds import EventCategory, Kind, ResearchTopic
from validators.year.quotes import growth_named, said
from validators.year.text import area_clauses, area_numeral, cited_clauses_only, renumbered

__all__ = ["report_template", "schema_line", "society_template"]

# From submissions/<society-id>/ to the repository's schema/ folder.
REPOSITORY_SCHEMAS = "../../schema/"


def schema_line(kind: str, schema_base: str | None = None) -> str:
    """The editor's modeline: `schema_base` (the published schemas' absolute URL) for a file that
    leaves the repository, else the relative path, which resolves only inside a clone."""
    return f"# yaml-language-server: $schema={schema_base or REPOSITORY_SCHEMAS}{kind}.schema.json"


SUBMISSION_SCHEMA_LINE = schema_line("submission")
SOCIETY_SCHEMA_LINE = schema_line("society")
PLACEHOLDER_LOGIN = "your-github-login"
_COMMENT_COLUMN = 40
_WRAP = 96  # display columns; a Chinese character takes two
_NO_LINE_START = frozenset("，。、；：！？”’）》」』…")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(code: str, note: str = "") -> str:
    if not note:
        return code
    return code + " " * max(1, _COMMENT_COLUMN - _width(code)) + f"# {note}"


def _choices(enum: type[LabelledEnum]) -> str:
    return "、".join(m.label for m in enum)


def _kinds(rules: Guideline, vocabulary: str) -> str:
    return "、".join(k.label for k in rules.kinds.vocabulary(vocabulary))


def _first(rules: Guideline, vocabulary: str) -> Kind:
    return rules.kinds.vocabulary(vocabulary)[0]


def _criteria_line(category: EventCategory, rules: Guideline) -> str:
    """One category's criteria as the template says them, from the year's data."""
    c, said = category.criteria, []
    if c.roles is not None:
        said.append("或".join(r.label for r in EventRole if r.value in c.roles or r.label in c.roles))
    if c.main_forum:
        said.append("有主论坛")
    if c.min_sub_forums:
        said.append(f"至少 {c.min_sub_forums} 个分论坛")
    if c.min_provinces:
        said.append(f"{c.min_provinces} 个及以上外省的科技人员作报告（{rules.home_province}不计入）")
    if c.min_countries:
        said.append(f"{c.min_countries} 个及以上国家或地区")
    if c.occasion:
        said.append("在全国性、全市性科普活动中举办，写 occasion")
    if c.min_participants:
        said.append(f"不少于 {c.min_participants} 人")
    if c.materials:
        said.append("制作会议资料")
    clause = f"（{category.clause}）" if category.clause else ""
    return f"# - {category.label}{clause}：" + ("，".join(said) if said else "没有门槛") + "；"


def _wrapped(prefix: str, text: str) -> list[str]:
    """Comment lines of at most `_WRAP` columns; no line starts with closing punctuation."""
    lines: list[str] = []
    current, width = prefix, _width(prefix)
    for ch in text:
        w = _width(ch)
        if width + w > _WRAP and ch not in _NO_LINE_START:
            lines.append(current)
            current, width = "", 0
        current += ch
        width += w
    lines.append(current)
    return [f"# {lines[0]}"] + [f"#   {rest}" for rest in lines[1:] if rest]


def _example(indent: int, model: type[BaseModel], rows: Iterable[tuple[str, str | None]],
             rules: Guideline | None = None) -> list[str]:
    """Example list item lines, commented out: removing "# " gives valid YAML. A note of None is
    the field's own description on the year's model (`rules`), the one the schema and the form
    show."""
    pad = " " * indent
    if rules is not None:
        model = year_classes(report_model(rules)).get(model.__name__, model)
    return [_line(f"{pad}# {code}", _about(model, code) if note is None else note) for code, note in rows]


def _cited(rules: Guideline, clause: str) -> str:
    """`clause`, as the first year numbers it, as `rules`' year does; empty when the year has no
    counterpart for it (`cited.renumbering`)."""
    return renumbering(rules).get(clause, "")


def _said(rules: Guideline, words: str) -> str:
    """A note written in the first year's numbers, citing the year's clauses instead."""
    return renumbered(words, renumbering(rules))


def _about(model: type[BaseModel], code: str) -> str:
    field = code.strip().removeprefix("- ").split(":", 1)[0]
    return model.model_fields[field].description or ""


class _Dates:
    """Example dates inside the year's evaluation window."""

    def __init__(self, rules: Guideline) -> None:
        window = rules.evaluation_window
        self.start, self.span = window.start, (window.deadline - window.start).days

    def at(self, fraction: float) -> str:
        return (self.start + dt.timedelta(days=max(1, int(self.span * fraction)))).isoformat()


def _area_header(rules: Guideline, key: str) -> list[str]:
    area = rules.area(key)
    number = area_numeral(area.id)
    ids = [c for c in rules.clauses if c == area.id or c.startswith(f"{area.id}.")]
    out = ["", f"# ==== {number}、{area.title}（{key}）" + "=" * 10]
    for clause in ids:
        out += _wrapped(f"条款 {clause}：", rules.clauses[clause])
    return out


def _innovation(rules: Guideline, d: _Dates) -> list[str]:
    consulting, talent = (rules.service_kinds_for(_cited(rules, "1.4")),
                          rules.service_kinds_for(_cited(rules, "1.5")))
    example = (consulting or rules.kinds.service_kinds)[0].label
    rate = f"{rules.thresholds.expert_registration_rate:.0%}"
    pilot = "、".join(rules.pilot_districts)
    return [*_area_header(rules, "innovation"), "innovation:",
            _line("  enterprise_platform_registered: false",
                  _said(rules, f"条款 1.1：已在中国科协{said('企业科协网', rules.clauses.get(_cited(rules, '1.1'), ''))}"
                               "成功注册写 true，否则写 false")),
            _line("  senior_experts_total: 0", _said(rules, "条款 1.2：副高职及以上专家会员总人数")),
            _line("  senior_experts_registered: 0",
                  _said(rules, f"条款 1.2：其中在专家库注册的人数；注册率达 {rate} 即符合")),
            _line("  services: []", "为企业（园区）提供的服务，每项一段；没有就保留 []"),
            *_example(4, Service, [
                ("- id: svc-example", None),
                (f"  kind: {example}", f"类别：{_kinds(rules, 'service_kinds')}"),
                ("  title: 新产品工艺改进咨询", None),
                ("  enterprise: 成都某科技有限公司", None),
                (f"  district: {rules.districts[0]}", "企业所在的区（市）县，见下方说明"),
                (f"  date: {d.at(0.4)}", "服务日期，须在评估期内"),
                ("  outcome: 帮助企业改进工艺，产品合格率提高", None),
                ("  evidence:", None),
                ("    - https://example.org/service-report", ""),
            ], rules),
            *_wrapped("district 可选：", "、".join(rules.districts) + "。"),
            *_counted_in(rules, [(f"在{pilot}开展的服务", "1.3"),
                                 ("、".join(k.label for k in consulting), "1.4"),
                                 ("、".join(k.label for k in talent), "1.5")])]


def _counted_in(rules: Guideline, parts: list[tuple[str, str]]) -> list[str]:
    """“…计入条款 1.3；…计入条款 1.4。”: each part whose clause (as the first year numbers it) the
    year has a counterpart for, at that clause; a part whose clause has none is left out whole
    (its words alone would no longer say what they are for)."""
    said = [f"{words}计入条款 {clause}" for words, first in parts
            if words and (clause := _cited(rules, first))]
    return _wrapped("", "；".join(said) + "。") if said else []


def _government(rules: Guideline, d: _Dates) -> list[str]:
    pilots = "、".join(rules.pilot_societies)
    listed = f"（本年度名单：{pilots}）" if pilots else "（以市科协公布的名单为准）"
    pilot = ([_line("  pilot: false", _said(rules, f"条款 2.1：本学会是首批承能试点学会写 true{listed}"))]
             if _cited(rules, "2.1") in rules.clauses else [])  # a year that ended 2.1 asks nothing of it
    growth = _cited(rules, "2.3")
    return [*_area_header(rules, "government_functions"), "government_functions:", *pilot,
            _line("  functions: []", "承接的转移职能、购买服务和委托工作，每项一段"),
            *_example(4, Function, [
                ("- id: fn-example", None),
                ("  title: 行业技术规范编制", None),
                ("  commissioner: 成都市某局", None),
                (f"  method: {_first(rules, 'function_methods').label}",
                 _said(rules, f"方式：{_kinds(rules, 'function_methods')}（条款 2.2）")),
                ("  new: true", None),
                ("  amount_wan: 10", None),
                (f"  start: {d.at(0.2)}", "开始日期"),
                (f"  end: {d.at(0.8)}", "结束日期，不早于开始日期"),
                ("  evidence:", None),
                ("    - https://example.org/contract", ""),
            ], rules),
            f"# 条款 {growth}{growth_named(rules.clauses, growth).removeprefix(f'条款 {growth}')}"
            "由程序与本学会上一年度的报告比较得出，不用填写。" if growth else
            "# 承接的职能是否增长由程序与本学会上一年度的报告比较得出，不用填写。"]


def _stations(rules: Guideline, d: _Dates) -> list[str]:
    return [*_area_header(rules, "service_stations"),
            _line("service_stations: []", "学会服务站，每个一段（往年建成的也列出）"),
            *_example(2, ServiceStation, [
                ("- id: station-example", None),
                ("  name: 某产业园学会服务站", None),
                (f"  level: {_first(rules, 'station_levels').label}",
                 _said(rules, f"级别：{_kinds(rules, 'station_levels')}（条款 3.1）")),
                (f"  established: {d.at(0.3)}", _said(rules, "建站日期：建站当年计为新建（条款 3.2）")),
                ("  industry: 装备制造", None),
                ("  partner: 某产业园管理委员会", None),
                ("  enterprises_served: 10", None),
                ("  experts_engaged: 5", None),
                ("  activities: 4", None),
                ("  evidence:", None),
                ("    - https://example.org/station", ""),
            ], rules),
            _said(rules, "# 建站当年计一次性补助；从下一年度起按活动次数和服务企业数分档（条款 3.2）。")]


def _consortia(rules: Guideline, d: _Dates) -> list[str]:
    return [*_area_header(rules, "consortia"),
            _line("consortia: []", "牵头或参与的学会联合体，每个一段"),
            *_example(2, Consortium, [
                ("- id: consortium-example", None),
                ("  name: 某产业学会联合体", None),
                ("  role: 牵头", f"本学会的角色：{_choices(ConsortiumRole)}；每个联合体只有一个牵头学会"),
                (f"  form: {_first(rules, 'consortium_forms').label}",
                 _said(rules, f"形式：{_kinds(rules, 'consortium_forms')}（条款 4）")),
                ("  direction: 横向", f"方向：{_choices(Direction)}"),
                (f"  industry: {rules.industries[0]}", _said(rules, "服务的产业：主导和优势产业计入条款 4.1")),
                ("  members:", None),
                ("    - 某市行业协会", ""),
                (f"  established: {d.at(0.3)}", _said(rules, "成立日期：成立当年计为新建（条款 4.3）")),
                ("  activities: 2", None),
                ("  evidence:", None),
                ("    - https://example.org/consortium", ""),
            ], rules),
            *_wrapped("industry 可选：", "、".join(rules.industries) + "；都不是时写“其他”。"),
            _said(rules, "# 牵头学会在成立当年按联合体形式计一次性补助，从下一年度起按年度绩效分档（条款 4.3）；"),
            "# 列为成员的本仓库学会，也须在自己的报告中列出同一联合体（同一编号）。"]


def _events(rules: Guideline, d: _Dates) -> list[str]:
    categories = rules.kinds.event_categories
    # The example claims a category with no criteria, so the template checks clean as written.
    example = next((c for c in reversed(categories) if c.criteria == type(c.criteria)()), categories[-1])
    return [*_area_header(rules, "academic_events"),
            _line("academic_events: []", "学术交流活动，每次一段"),
            *_example(2, AcademicEvent, [
                ("- id: evt-example", None),
                ("  title: 专题学术沙龙", None),
                (f"  category: {example.label}", f"类别：{_kinds(rules, 'event_categories')}；须符合下方标准"),
                ("  role: 主办", f"本学会的角色：{_choices(EventRole)}"),
                (f"  date: {d.at(0.5)}", "活动日期，须在评估期内"),
                ("  participants: 60", None),
                ("  main_forum: false", None),
                ("  sub_forums: 0", None),
                ("  materials: false", None),
                ("  speaker_provinces: []", None),
                ("  countries: []", None),
                ("  occasion_name: 科普活动名称", None),
                ("  occasion_organizer: 主办单位", None),
                ("  evidence:", None),
                ("    - https://example.org/salon", ""),
            ], rules),
            "# 各类别的标准（不符合时是错误，请改报符合的类别）：",
            *(_criteria_line(c, rules) for c in categories),
            *_wrapped("occasion 可选：", "、".join(
                f"{o.name}（{'、'.join(o.aliases)}）" if o.aliases else o.name
                for o in rules.popularisation_occasions) + "。"),
            *_wrapped("", f"名单以外的科普活动写“{rules.open_occasion}”，并用 occasion_name 写活动名称、"
                          "occasion_organizer 写主办单位。"),
            *_wrapped("speaker_provinces 写全称或简称：", "、".join(p.short for p in rules.provinces) + "。"),
            *_wrapped("", "、".join(p.short for p in rules.provinces if not p.counts)
                      + "不计入外省、直辖市、自治区；countries 写国家或地区的中文名、英文名或代码。")]


def _research(rules: Guideline, d: _Dates) -> list[str]:
    topics = rules.kinds.research_topics
    focused = [t for t in topics if isinstance(t, ResearchTopic) and t.requires_focus]
    topic = next((t for t in topics if t not in focused), topics[0])
    return [*_area_header(rules, "research"),
            _line("research: []", "调研报告、建议、提案等，每项一段"),
            *_example(2, ResearchReport, [
                ("- id: rpt-example", None),
                ("  title: 关于某产业发展的调研报告", None),
                (f"  form: {_first(rules, 'research_forms').label}", f"形式：{_kinds(rules, 'research_forms')}"),
                (f"  topic: {topic.label}", f"选题：{_kinds(rules, 'research_topics')}{_span(rules, 'research_topics')}"),
                ("  achievements:", None),
                (f"    - type: {_first(rules, 'achievement_types').label}",
                 f"成果类型：{_kinds(rules, 'achievement_types')}"),
                (f"      date: {d.at(0.6)}", "成果形成日期：落在哪个评估期就计入哪一年"),
                ("      evidence:", ""),
                ("        - https://example.org/report", ""),
            ], rules),
            *_wrapped(f"选题为“{'”“'.join(t.label for t in focused)}”时须加一行 focus，可选：",
                      _kinds(rules, "research_focuses") + "。")]


def _span(rules: Guideline, vocabulary: str) -> str:
    """“（条款 7.1–7.5）”: the clauses a vocabulary's kinds serve, as runs (“7.1、7.3–7.5” when
    the year ended 7.2)."""
    clauses = [k.clause for k in rules.vocabulary(vocabulary) if k.clause and "." in k.clause]
    if not clauses:
        return ""
    areas = {c.partition(".")[0] for c in clauses}
    if len(areas) == 1:
        return area_clauses(areas.pop(), clauses)
    return f"（条款 {clauses[0]}）" if len(set(clauses)) == 1 else f"（条款 {clauses[0]}–{clauses[-1]}）"


def _kinds_only(rules: Guideline, d: _Dates, key: str, vocabulary: str, title: str,
                example: tuple[str, str, str, str] | None = None) -> list[str]:
    """七, and any area the year adds: items of a kind, each with a title, date and description.
    `example`: id, kind, title and description of the commented example."""
    kinds = rules.vocabulary(vocabulary)
    item_id, kind, name, description = example or (
        f"{key.replace('_', '-')}-example", kinds[0].label, "工作名称", "本学会做了什么、取得什么结果")
    model = nested_model(report_model(rules).model_fields[key].annotation)
    assert model is not None, key
    if rules.kind(vocabulary, kind) is None:  # the example's kind has ended: take the year's first
        kind = kinds[0].label
    return [*_area_header(rules, key),
            _line(f"{key}: []", f"{title}，每项一段"),
            *_example(2, model, [
                (f"- id: {item_id}", None),
                (f"  kind: {kind}", f"类别：{'、'.join(k.label for k in kinds)}{_span(rules, vocabulary)}"),
                (f"  title: {name}", None),
                (f"  date: {d.at(0.7)}", "日期，须在评估期内"),
                (f"  description: {description}", None),
                ("  evidence:", None),
                (f"    - https://example.org/{item_id}", ""),
            ])]


def _major_work(rules: Guideline, d: _Dates) -> list[str]:
    return _kinds_only(rules, d, "major_work", "major_work_kinds", rules.area("major_work").title,
                       ("mw-example", "党建", "学会党组织建设", "成立学会功能型党支部并开展主题活动"))


def report_template(society: str, year: int, rules: Guideline) -> str:
    """A year report that passes `check` as written (every area empty) and explains each field."""
    d = _Dates(rules)
    head = [
        SUBMISSION_SCHEMA_LINE,
        f"# {society} 学会 {year} 年度重点工作报告（依据《{rules.title}》）",
        "#",
        "# 怎样填写：",
        "# - 以“#”开头的是说明，不影响内容，可以保留也可以删除。",
        "# - 列表写成 [] 表示本年度没有这类工作。要填写时，删去 []，再把下面示例各行开头的",
        "#   “# ”去掉（缩进保持不变），然后把示例改成本学会的内容；多项就把示例复制几份。",
        f"# - 日期写成 {d.at(0.5)} 的格式。本年度评估期：{rules.evaluation_window.label}。",
        "# - evidence（证明材料）写 http:// 或 https:// 开头的网址，或本文件夹中的文件，",
        f"#   如 evidence/{year}-annual-meeting.pdf。",
        "# - 仓库和网站是公开的：不要写手机号、身份证号和个人邮箱。",
        f"# - 写完后在仓库根目录运行：python -m validators check submissions/{society}/",
        "",
        _line(f"society: {society}", "学会 id，与文件夹名相同"),
        _line(f"year: {year}", "年度，与文件名相同"),
    ]
    body: list[str] = []
    for part in (_innovation, _government, _stations, _consortia, _events, _research, _major_work):
        body += part(rules, d)
    for area in rules.added_areas:
        body += _kinds_only(rules, d, area.key, f"{AREA_VOCABULARY}{area.key}", area.title)
    return "\n".join(cited_clauses_only(line, rules.clauses) for line in head + body) + "\n"


def society_template(society: str, name: str | None = None,
                     maintainers: list[str] | None = None) -> str:
    """A profile that passes `check`; the placeholders are meant to be replaced."""
    logins = maintainers or [PLACEHOLDER_LOGIN]
    return "\n".join([
        SOCIETY_SCHEMA_LINE,
        "# 学会资料：每个学会文件夹一份。",
        "",
        _line(f"id: {society}", "学会 id：与文件夹名相同，小写英文字母、数字和连字符"),
        _line(f"name: {name or '请填写学会中文全称'}", "中文全称，如 成都市某某学会"),
        _line("kind: 学会", f"类型：{_choices(SocietyKind)}"),
        _line("discipline: 请填写学科或行业领域", "学科或行业领域，如 机械工程"),
        _line("maintainers:", "维护人的 GitHub 用户名：只有他们能修改这个文件夹"),
        *[f"  - {login}" for login in logins],
        _line("heads: []", "学会负责人的 GitHub 用户名，如 [zhang-san]：改动年度报告的拉取请求须经其中一位批准"),
        "# website: https://www.example.org    # 学会网站（可选，只能是 http/https 网址）",
    ]) + "\n"
