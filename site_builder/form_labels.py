"""Chinese names and help of the submission fields, for the online form.

The form renders every field of the JSON Schema. Field names and help are read off the models'
declarations (`Field(title=..., description=...)`), so the form, the schema and the editor say
the same. Keys are `Definition.field` (the schema's `$defs` name).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from validators.association.browser_findings import browser_findings, browser_login, type_words
from validators.association.browser_warnings import (
    browser_evidence_kinds,
    browser_nothing_words,
    browser_warnings,
)
from validators.models.academic_events import EventRole
from validators.models.common import SLUG_MAX_LENGTH, SLUG_PATTERN, Item
from validators.models.for_year import area_item_name, nested_model, report_model
from validators.models.labelled import Vocabulary
from validators.models.report import ID_PREFIXES, SHARED_ID_LISTS, YearReport, id_prefix
from validators.models.review import UNVERIFIED, ReviewStatus
from validators.models.society import SocietyProfile
from validators.urls import NOT_A_URL, URL_UNSAFE, URL_WORDS, url_problem
from validators.yaml.policy import policy
from validators.year.cited import area_clause, cited_clause
from validators.year.countries import country_key, country_table
from validators.year.criteria import criteria_needs, major_event_words, not_major_work
from validators.year.cycle import (
    AFTER_APPROVAL,
    AWAITING_FINAL,
    ITEMS_NAMED,
    ITEMS_REMOVED,
    LATE_EXCEPTION,
    OBJECTION_IDS_SHOWN,
    Phase,
    full_date,
    month_day,
    no_new_report,
)
from validators.year.files import YearFileError
from validators.year.former import earlier_names
from validators.year.guideline import AREA_VOCABULARY, Guideline
from validators.year.measures import DID_YOU_MEAN, OTHER_INDUSTRY, district_rename_hint, percent
from validators.year.rubric import rubric
from validators.year.text import cited_clauses_only


def _fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[tuple[str, FieldInfo]]:
    """`Definition.field` and its declaration, for a model and every model it holds."""
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield f"{model.__name__}.{name}", info
        for inner in _models_in(info.annotation):
            yield from _fields(inner, seen)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


# The Chinese name and help of every field, as the models declare them once (the JSON Schema,
# the editor's hover and the template read the same declarations).
_DECLARED = [pair for root in (YearReport, SocietyProfile) for pair in _fields(root, set())]
FIELD_TITLES: dict[str, str] = {key: info.title or "" for key, info in _DECLARED}
FIELD_HELP: dict[str, str] = {key: info.description or "" for key, info in _DECLARED}

# What one entry of a list is called ("添加一项 <name>").
ITEM_NAMES: dict[str, str] = {
    "services": "服务",
    "functions": "职能",
    "service_stations": "服务站",
    "consortia": "联合体",
    "academic_events": "活动",
    "research": "调研成果",
    "achievements": "成果",
    "major_work": "工作",
    "evidence": "证明材料",
    "members": "成员",
    "countries": "国家或地区",
    "speaker_provinces": "省（区、市）",
    "maintainers": "维护人",
}

# Clauses whose text is shown beside a field, each as (area, rubric rule): the clause the year's
# rubric cites for the rule, or (rule None) the area's own (validators.year.cited), so a year
# that renumbers shows its own. 2017's numbers: 1.1, 1.2, 1.3, 1.4–1.5, 2.1, 2.2–2.3, 3.1, 3.2,
# 4, 4.1, 4.3, 6; a report's focus shows the clause of the research topic that asks for one
# (`field_clauses`).
FIELD_RULES: dict[str, list[tuple[str, str | None]]] = {
    "Innovation.enterprise_platform_registered": [("innovation", "platform_registered")],
    "Innovation.senior_experts_total": [("innovation", "expert_rate")],
    "Innovation.senior_experts_registered": [("innovation", "expert_rate")],
    "Service.district": [("innovation", "pilot_district_service")],
    "Service.kind": [("innovation", "consulting_training_service"), ("innovation", "talent_finance_service")],
    "GovernmentFunctions.pilot": [("government_functions", "pilot")],
    "GovernmentFunctions.functions": [("government_functions", "function"), ("government_functions", "growth")],
    "ServiceStation.level": [("service_stations", "level")],
    "ServiceStation.established": [("service_stations", "new_station")],
    "Consortium.form": [("consortia", None)],
    "Consortium.industry": [("consortia", "leading_industry")],
    "Consortium.established": [("consortia", "new_lead")],
    "ResearchReport.achievements": [("research", None)],
}


def field_clauses(rules: Guideline, root: Path | None = None) -> dict[str, list[str]]:
    """`FIELD_RULES` as the year numbers its clauses (each once, in order); and a report's
    `focus`: the clauses of the research topics that require one (2017's 6.1)."""
    out = {key: list(dict.fromkeys(area_clause(rules, area) if rule is None
                                   else cited_clause(area, rule, rules, root) for area, rule in cited))
           for key, cited in FIELD_RULES.items()}
    focus = [t.clause for t in rules.kinds.research_topics if t.requires_focus and t.clause]
    if focus:
        out["ResearchReport.focus"] = list(dict.fromkeys(focus))
    return out

# Fields whose choices come from the year's guideline file (`choices` in guide-<year>.json);
# strict lists are the validator's (other values are errors), the others are suggestions.
FIELD_CHOICES: dict[str, dict[str, Any]] = {
    "Service.district": {"list": "districts", "strict": True},
    "ServiceStation.industry": {"list": "industries", "strict": False},
    "Consortium.industry": {"list": "industries", "strict": True},
    "AcademicEvent.speaker_provinces": {"list": "provinces", "strict": True},
    "AcademicEvent.occasion": {"list": "popularisation_occasions", "strict": False},
}

# Dates checked against the year's evaluation window, as the validator's rules do:
# `inside` (error when outside), `counted` (warning: not counted this year), `not_after` the
# deadline, and `overlap` for a start/end period.
WINDOW_DATES: dict[str, str] = {
    "Service.date": "inside",
    "AcademicEvent.date": "inside",
    "MajorWork.date": "inside",
    "Achievement.date": "counted",
    "ServiceStation.established": "not_after",
    "Consortium.established": "not_after",
    "Function.start": "overlap",
}

# Copying last year's report keeps these dates: a station or consortium is established once.
KEPT_DATES = ("established",)

def _vocabulary_keys() -> dict[str, str]:
    """`Model.field` to the year-file vocabulary its values come from."""
    return {key: v.name for key, info in _DECLARED
            for v in info.metadata if isinstance(v, Vocabulary)}


def kind_clauses(rules: Guideline) -> dict[str, dict[str, str]]:
    """For each field whose kinds carry clauses (events, research topics, major work, services):
    every way of writing a kind, to its clause. Kept per field: “其他” is 5.5 for an event and 6 for a
    research topic."""
    out: dict[str, dict[str, str]] = {}
    added = {f"{area_item_name(a.key)}.kind": f"{AREA_VOCABULARY}{a.key}" for a in rules.added_areas}
    for key, vocabulary in {**_vocabulary_keys(), **added}.items():
        claused = {name: kind.clause for kind in rules.vocabulary(vocabulary) if kind.clause
                   for name in kind.names()}
        if claused:
            out[key] = claused
    # A service's kind is paid under the clause `clause_service_kinds` lists it in (2017's 1.4 and
    # 1.5, which pay differently): said when it is chosen, so that 科技金融 and 融资服务, both of
    # 1.5, are seen to be the same for the score. A kind of no listed clause shows none.
    services = {name: clause for clause in rules.clause_service_kinds
                for kind in rules.service_kinds_for(clause) for name in kind.names()}
    if services:
        out["Service.kind"] = services
    return out


def added_area_labels(rules: Guideline) -> dict[str, dict[str, Any]]:
    """The names, help and date rules of the items of each area the year adds, read off the
    year's model: they are written like 七's items, so they are named and checked like them."""
    model = report_model(rules)
    out: dict[str, dict[str, Any]] = {"fields": {}, "help": {}, "window_dates": {}, "items": {}, "id_prefixes": {}}
    for area in rules.added_areas:
        item = nested_model(model.model_fields[area.key].annotation)
        assert item is not None, area.key
        for name, info in item.model_fields.items():
            out["fields"][f"{item.__name__}.{name}"] = info.title or name
            out["help"][f"{item.__name__}.{name}"] = info.description or ""
        out["window_dates"][f"{item.__name__}.date"] = WINDOW_DATES["MajorWork.date"]
        out["items"][area.key] = ITEM_NAMES["major_work"]
        out["id_prefixes"][area.key] = id_prefix(area.key)
    return out


def year_help(rules: Guideline) -> dict[str, str]:
    """The help of each field the year's model words otherwise than the models do (`help` of
    labels.json, the same for every year): a clause range as the year's text numbers it (5.6
    added, 2.1 ended), no mention of a clause the text ended. Only the fields that differ."""
    out: dict[str, str] = {}
    for key, info in _fields(report_model(rules), set()):
        said = cited_clauses_only(info.description or "", rules.clauses)
        if key in FIELD_HELP and said != FIELD_HELP[key]:
            out[key] = said
    return out


def waits_said(provisional: bool) -> str:
    """What an item 待核实 earns while the association verifies, by the year's rubric
    (`verification.provisional`): before the notice it counts as reported, or not at all."""
    if provisional:
        return "公示开始前暂按报告计分，公示起市科协重新核实之前不计分"
    return "市科协重新核实之前不计分"


def verified_changed(provisional: bool, phase: Phase = Phase.VERIFICATION) -> str:
    """The note at an item the association verified that now differs from the published
    report's: the change sends it back to the state every page calls UNVERIFIED
    (W-REVIEW-ITEM-CHANGED), which the top sentence of the phase says only in general. On notice
    it earns nothing until verified, whatever the rubric gives before the notice."""
    waits = waits_said(provisional and phase is not Phase.NOTICE)
    return (f"本项市科协{ReviewStatus.VERIFIED.label}；改动后回到{UNVERIFIED}（{waits}）。"
            f"改回原样即恢复为{ReviewStatus.VERIFIED.label}。")


# A year whose submission has closed, as the start panel's year list says it.
CLOSED_LABEL = "填报已截止"


def phase_sentences(rules: Guideline, frozen: bool, provisional: bool = True) -> list[dict[str, Any]]:
    """What the form says of the year before any field, and writes at the top of the file: the
    phase of the year on the day the form is used, and what it means for a report sent now.
    Once submission has closed, `new` is said instead to a society with no published report of
    the year: the pull request's gate refuses a new report then (no_new_report). `label`: the
    same phase in the few words the start panel's year list puts after each year."""
    year, calendar = rules.year, rules.calendar
    refused = no_new_report(year)
    done = f"{year} 年度已定稿：评估结果不再改变"
    final = {"phase": Phase.FINAL.value, "from": None, "to": None,
             "sentence": f"{done}，这一年度的报告不能再修改。", "new": f"{done}；{refused}", "label": CLOSED_LABEL}
    if frozen:
        return [final]
    if calendar is None:
        return []
    closes, notice_ends = full_date(calendar.submission_closes), full_date(calendar.notice_ends)
    checking = f"{year} 年度的填报已于 {closes}截止，市科协正在核查"
    notice = f"{year} 年度的评估结果正在公示（至 {notice_ends}）"
    # Past the calendar's final day but not yet finalized: the results may still be re-run.
    # The site's words for this state (AWAITING_FINAL), so the form and the pages agree.
    awaiting = f"{year} 年度：{AWAITING_FINAL}（按日历，最终结果应于 {full_date(calendar.final)}公布）"
    words = {
        Phase.NOT_OPEN: (f"{year} 年度尚未开始填报（{full_date(calendar.submission_opens)}开始）："
                         "可以先填写、下载保存，开始后再提交。", None),
        Phase.SUBMISSION: (f"{year} 年度正在填报，{closes}截止（含当日）：截止前提交，截止前可以反复修改。", None),
        Phase.VERIFICATION: (f"{checking}：现在提交或修改报告，须经市科协管理员同意；核查之后新提交或改动的项目{UNVERIFIED}：{waits_said(provisional)}。",
                             f"{checking}；{refused}"),
        Phase.NOTICE: (f"{notice}：报告只能在回应市科协已受理、允许更正的异议时修改；"
                       f"公示期间新提交或改动的项目{UNVERIFIED}：市科协重新核实之前不计分。对结果有异议，请在公示期内提出。",
                       f"{notice}，填报已于 {closes}截止；{refused}"),
        Phase.FINAL: (f"{awaiting}：这一年度的报告不能再修改；评估结果由市科协定稿后不再改变。", f"{awaiting}；{refused}"),
    }
    # Past the deadline every phase is one to a secretary choosing a year: no new report.
    labels = {Phase.NOT_OPEN: f"尚未开始填报，{full_date(calendar.submission_opens)}开始",
              Phase.SUBMISSION: f"正在填报，{month_day(calendar.submission_closes)}截止"}
    return [{"phase": phase.value, "from": start.isoformat() if start else None,
             "to": end.isoformat() if end else None, "sentence": words[phase][0], "new": words[phase][1],
             "label": labels.get(phase, CLOSED_LABEL)}
            for phase, start, end in calendar.spans()]


def occasion_help(rules: Guideline) -> dict[str, str]:
    """The help of an event's occasion fields, naming the year's own choice for an occasion off
    the list (the models' descriptions, the same for every year, can only call it “其他”)."""
    occasion = FIELD_TITLES["AcademicEvent.occasion"]
    when = f"（“{occasion}”选“{rules.open_occasion}”时必填）"
    return {
        "AcademicEvent.occasion": f"本年度所列的科普活动之一；名单以外的，选“{rules.open_occasion}”，"
                                  f"并写明活动名称和主办单位{not_major_work(rules)}。",
        "AcademicEvent.occasion_name": f"所在的全国性、全市性科普活动的名称{when}。",
        "AcademicEvent.occasion_organizer": f"该科普活动的主办单位{when}。",
    }


def expert_rate_help(rules: Guideline, said: dict[str, str]) -> dict[str, str]:
    """The help of the registered experts with the year's rate to reach (2017's 1.2: 50%), as
    W-EXPERTS-RATE says it: the models' description, the same for every year, cannot say it.
    `said`: the help the year already words otherwise (`year_help`)."""
    key = "Innovation.senior_experts_registered"
    needed = rules.thresholds.expert_registration_rate
    shown = percent(needed, needed)
    return {key: f"{said.get(key, FIELD_HELP[key])}（注册率 = 已注册人数 ÷ 专家会员总数，须达 {shown}）"}


def former_kinds(rules: Guideline, root: Path | None = None) -> dict[str, dict[str, str]]:
    """For each field that holds a kind: every name an earlier year gave a kind that this year
    does not take, with what `check` says of it (renamed to …, or ended)."""
    added = {f"{area_item_name(a.key)}.kind": f"{AREA_VOCABULARY}{a.key}" for a in rules.added_areas}
    out = {key: earlier_names(vocabulary, rules, root) for key, vocabulary in {**_vocabulary_keys(), **added}.items()}
    return {key: said for key, said in out.items() if said}


def guide_data(rules: Guideline, frozen: bool = False, root: Path | None = None,
               reviewed: bool = False) -> dict[str, Any]:
    """What the form needs of a guideline year besides its schema. `reviewed`: the staff verify
    the year (its `reviews/<year>/` folder exists), where `check` warns of an item with no evidence."""
    window = rules.evaluation_window
    # Whether a waiting item counts before the notice: the year's rubric's (none yet: it does).
    try:
        points = rubric(rules.year, root)
    except YearFileError:
        points = None
    provisional = points.verification.provisional if points is not None else True
    labels = added_area_labels(rules)
    labels["help"].update(year_help(rules))
    labels["help"].update(occasion_help(rules))
    labels["help"].update(expert_rate_help(rules, labels["help"]))
    return {
        "year": rules.year,
        "title": rules.title,
        "areas": [{"id": a.id, "key": a.key, "title": a.title} for a in rules.areas],
        "clauses": dict(rules.clauses),
        "kind_clauses": kind_clauses(rules),
        "field_clauses": field_clauses(rules, root),
        "phases": phase_sentences(rules, frozen, provisional),
        # At a verified item changed since the published report (form-verified.js).
        "verified_changed": {phase.value: verified_changed(provisional, phase)
                             for phase in (Phase.VERIFICATION, Phase.NOTICE)},
        # The exception the gate's refusal names, said where the form folds the GitHub steps away.
        "late_exception": LATE_EXCEPTION,
        # What starts the gate's approval check again once a head approved (step 3 says it).
        "after_approval": AFTER_APPROVAL,
        # Where the ids of the objections that allow a correction are shown (W-CYCLE-OBJECTION's words).
        "objection_ids_shown": OBJECTION_IDS_SHOWN,
        # W-CYCLE-ITEMS-REMOVED's sentences, said at step 3 of a report that drops published items.
        "items_removed": {**ITEMS_REMOVED, "named": ITEMS_NAMED},
        "labels": labels,
        # Research topics that require a focus (6.1's 国家中心城市), every way of writing them.
        "requires_focus": [n for t in rules.kinds.research_topics if t.requires_focus for n in t.names()],
        # Every way of writing a research topic, and the name `check` quotes it by (its label).
        "research_topics": {n: t.label for t in rules.kinds.research_topics for n in t.names()},
        "window": {"start": window.start.isoformat(), "deadline": window.deadline.isoformat(),
                   "label": window.label, "note": window.note},
        "home_province": rules.home_province,
        "choices": {
            "districts": list(rules.districts),
            "industries": [*rules.industries, OTHER_INDUSTRY],
            # One box per region: a region is one place whatever its name (check counts it once).
            "provinces": [p.short for p in rules.provinces],
            "popularisation_occasions": rules.occasion_names,
        },
        # What to write instead of a renamed district (郫县 → 郫都区), and what an earlier year's
        # kind became (renamed, or ended), as `check` says it.
        "renamed": {"districts": renamed_districts(rules),
                    **({"kinds": kinds} if (kinds := former_kinds(rules, root)) else {})},
        # The hint `check` gives after a district the year does not list (E-DISTRICT-UNKNOWN): the one
        # listed name that contains it or is contained in it (蒲江 → 蒲江县, 高新区 → 成都高新区).
        # An industry too (E-INDUSTRY-UNKNOWN), among the listed ones but 其他, as `check` offers them.
        "did_you_mean": {"sentence": DID_YOU_MEAN, "lists": ["districts", "industries"],
                         "beside": {"industries": OTHER_INDUSTRY}},
        # Warnings of `check` said at the field (W-OUTCOME-NOTHING, W-EVIDENCE-NONE, W-EXPERTS-RATE, …), in its words.
        "warnings": browser_warnings(rules, reviewed, root),
        # Errors of `check` said at the field in its words: a commissioner that is a company
        # (E-FUNCTION-NOT-GOVERNMENT), an item listed again (E-ITEM-REPEATED), an occasion the
        # year does not name (E-CRITERIA-OCCASION, with the words it takes).
        "findings": browser_findings(rules),
        **event_criteria(rules),
    }


def renamed_districts(rules: Guideline) -> dict[str, str]:
    """Each old or new name of a renamed district that the year does not list, with the hint
    `check` gives for it (the guideline's district_renames)."""
    names = [name for rename in rules.district_renames for name in (rename.old, rename.new)]
    hints = {name: district_rename_hint(name, rules) for name in names if name not in rules.districts}
    return {name: hint for name, hint in hints.items() if hint is not None}


def event_criteria(rules: Guideline) -> dict[str, Any]:
    """What the form's criteria (form-criteria.js) read, so that it counts as `check` does
    (`rules.academic_events.unmet_criteria`): each category's criteria and their words, and
    every way of writing a category, role, region, occasion or (the year's own) country name."""
    return {
        "events": [{"code": c.code, "label": c.label, "clause": c.clause, "names": c.names(),
                    "criteria": c.criteria.model_dump(mode="json", exclude_none=True),
                    "needs": criteria_needs(c, rules)} for c in rules.kinds.event_categories],
        "roles": {name: role.value for role in EventRole for name in (role.value, role.label)},
        "regions": {name: [p.short, p.counts] for p in rules.provinces for name in (p.name, p.short)},
        "occasions": {**{name: o.name for o in rules.popularisation_occasions for name in (o.name, *o.aliases)},
                      rules.open_occasion: rules.open_occasion},
        "open_occasion": rules.open_occasion,
        # Area 七's major events (7.5), no occasion of 5.4: [key, what the form says], compared as
        # `Guideline.major_event` compares them (by `country_key`, holding the key).
        "major_events": [[country_key(n), major_event_words(n, rules)] for n in rules.major_event_names],
        "country_aliases": {country_key(alias): code for alias, code in rules.country_aliases.items()},
    }


# What only the form says: a path names a file the browser cannot see.
FORM_URL_WORDS: dict[str, str] = {
    "evidence_file": "“{ref}”是本学会文件夹中的文件路径，表单无法核对：请把这个文件放进本学会文件夹（与年度报告同一文件夹），"
                     "与报告一起提交，否则提交后检查会报“找不到证明材料文件”；也可以改用 https:// 开头的网址。",
    "evidence_domain": "“{ref}”前面没有 https://，检查程序会把它当作本学会文件夹中的文件路径并报“找不到证明材料文件”："
                       "如果这是网址，请写成“https://{ref}”。",
}


def _ranges(codes: list[int]) -> list[str]:
    """Code points as policy.yaml writes character ranges ("0009-000D", "0085")."""
    out: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code != prev + 1:
            out.append(f"{start:04X}" + (f"-{prev:04X}" if prev != start else ""))
            start = code
        prev = code
    return out


@cache
def url_data() -> dict[str, Any]:
    """What the form needs to read a link as `url_problem` and the evidence rule read it: the
    allowed schemes, the characters they refuse, and their words. The words `url_problem` gives
    are asked of it, so that they reach the form unchanged."""
    rules = policy()
    lookalike = chr(int(rules.evidence.url_lookalikes[0], 16))
    misleading = url_problem(f"https://example.org{lookalike}x")
    punycode = url_problem("https://\u00e9.org")
    not_ascii = url_problem("https://\u00e9" + "a" * 64)  # a label too long for IDNA
    bad_host = url_problem("https://exa_mple.org")
    quoted = url_problem(f"https://example.org/{URL_UNSAFE[0]}")
    assert quoted, "url_problem no longer refuses a quote in an address"
    assert misleading, "url_problem no longer refuses a look-alike slash"
    assert not_ascii, "url_problem no longer refuses a host IDNA cannot encode"
    assert punycode, "url_problem no longer refuses a non-ASCII host"
    assert bad_host, "url_problem no longer refuses an ASCII host with a character a host may not hold"
    assert "xn--9ca.org" in punycode, punycode
    # The words about a host, each with the part it names as a placeholder.
    bad_port = url_problem("https://example.org:99999/")
    bad_ip = url_problem("https://example.1/")
    not_public = url_problem("https://localhost/")
    assert bad_port, "url_problem no longer refuses a port out of range"
    assert bad_ip, "url_problem no longer refuses a host that ends in a number but is no IPv4 address"
    assert not_public, "url_problem no longer refuses localhost"
    assert bad_port.count("99999") == bad_ip.count("example.1") == not_public.count("localhost") == 1
    kinds = browser_evidence_kinds()  # a file of no kind the staff can open: the rule's own words
    return {
        "schemes": list(rules.evidence.url_schemes),
        "max_per_item": rules.evidence.max_per_item,
        "kinds": kinds["kinds"],
        # Python's `\s` (what the checker's pattern refuses as a space) differs from JavaScript's.
        "spaces": _ranges([c for c in range(0x110000) if chr(c).isspace()]),
        "misleading": [*rules.evidence.url_lookalikes, *rules.yaml.hidden_characters],
        "unsafe": URL_UNSAFE,
        # policy.yaml's evidence.url_private_networks (each as its IP version, its first address
        # in 16-bit pieces, its prefix length) and url_private_names: hosts the public cannot open.
        "private_networks": [{"v": n.version, "bits": n.prefixlen,
                              "first": [int.from_bytes(n.network_address.packed[i:i + 2], "big")
                                        for i in range(0, len(n.network_address.packed), 2)]}
                             for n in rules.evidence.private_networks],
        "private_names": list(rules.evidence.url_private_names),
        "words": {"not_a_url": NOT_A_URL, "misleading": misleading, "unsafe": quoted,
                  "punycode": punycode.replace("xn--9ca.org", "{ascii}"), "not_ascii": not_ascii,
                  "bad_host": bad_host, "bad_port": bad_port.replace("99999", "{port}"),
                  "bad_ip": bad_ip.replace("example.1", "{host}"),
                  "not_public": not_public.replace("localhost", "{host}"), "evidence_kind": kinds["evidence_kind"],
                  "evidence_no_kind": kinds["evidence_no_kind"],
                  **URL_WORDS, **FORM_URL_WORDS},
    }


_ID_EXAMPLE = re.compile(r"如 [a-z0-9-]+$")  # the example that ends the id's description


def id_help() -> dict[str, str]:
    """The help every item's id inherits, and the same with "{example}" for its example: the form
    shows each list's own prefix (a service's id is svc-1, not evt-…)."""
    described = Item.model_fields["id"].description or ""
    template, found = _ID_EXAMPLE.subn("如 {example}", described)
    assert found == 1, described  # the model's wording changed: say where the example is
    return {"said": described, "template": template}


DATE_DAY = "日期须选到具体某一天；记录只写到月份的，请按证明材料上的日期选择。"



def labels_data() -> dict[str, Any]:
    return {
        "country_codes": country_table(),
        "fields": FIELD_TITLES,
        "items": ITEM_NAMES,
        "id_prefixes": ID_PREFIXES,
        "shared_id_lists": sorted(SHARED_ID_LISTS),
        "id_help": id_help(),
        "help": FIELD_HELP,
        # Under every date field: the date box takes a day, and a day known only to its month is
        # the evidence's, never a day picked for it (validators/schema_findings.py `month_only`).
        "date_day": DATE_DAY,
        "choices": FIELD_CHOICES,
        "window_dates": WINDOW_DATES,
        "kept_dates": list(KEPT_DATES),
        "slug_pattern": SLUG_PATTERN,
        "slug_max_length": SLUG_MAX_LENGTH,
        "urls": url_data(),
        # policy.yaml's text.same_text_ignored: the marks `same_text` drops (RF.sameText).
        "same_text_ignored": policy().text.same_text_ignored,
        # policy.yaml's text.nothing_words: a pilot-district service's outcome that says nothing.
        "nothing": browser_nothing_words(),
        # A maintainer who is no GitHub user name (@materials-secretary), in the check's words.
        "login": browser_login(),
        # An integer or a number of another type (0x10, +12), in the check's words.
        "types": type_words(),
    }

