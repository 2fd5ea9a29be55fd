"""Chinese names and help of the submission fields, for the online form.

The form renders every field of the JSON Schema; this table only names them. A field missing
here still appears (under its YAML key), and `tests/test_form_page.py` fails until it is named.
Keys are `Definition.field` (the schema's `$defs` name) or a plain field name shared by all.
"""

from __future__ import annotations

from typing import Any

from validators.guideline import Guideline
from validators.models.academic_events import EventCategory
from validators.models.common import SLUG_PATTERN
from validators.models.labelled import LabelledEnum
from validators.models.major_work import MajorWorkKind
from validators.models.research import ResearchTopic

FIELD_TITLES: dict[str, str] = {
    # shared names
    "id": "编号（id）",
    "title": "名称",
    "date": "日期",
    "evidence": "证明材料",
    "industry": "服务产业",
    "established": "成立日期",
    "activities": "开展活动次数",
    # the report and the profile
    "YearReport.society": "学会 id",
    "YearReport.year": "年度",
    "SocietyProfile.id": "学会 id",
    "SocietyProfile.name": "学会全称",
    "SocietyProfile.kind": "类型",
    "SocietyProfile.discipline": "学科领域",
    "SocietyProfile.maintainers": "维护人（GitHub 用户名）",
    "SocietyProfile.heads": "负责人（GitHub 用户名）",
    "SocietyProfile.website": "学会网站",
    "SocietyProfile.sample": "示例数据（虚构）",
    # 一
    "Innovation.enterprise_platform_registered": "已在中国科协“企业科协网”注册",
    "Innovation.senior_experts_total": "副高职及以上专家会员总数",
    "Innovation.senior_experts_registered": "其中在企会合作平台（专家库）注册的人数",
    "Innovation.services": "为企业提供的服务",
    "Service.kind": "服务类型",
    "Service.title": "服务名称",
    "Service.enterprise": "服务的企业（园区）",
    "Service.district": "所在区（市）县",
    "Service.date": "服务日期",
    "Service.outcome": "服务成效",
    # 二
    "GovernmentFunctions.pilot": "首批承能试点学会",
    "GovernmentFunctions.functions": "承接的政府转移职能（委托工作）",
    "Function.title": "事项名称",
    "Function.commissioner": "委托（购买）单位",
    "Function.method": "承接方式",
    "Function.new": "本年度新增",
    "Function.amount_wan": "金额（万元）",
    "Function.start": "开始日期",
    "Function.end": "结束日期",
    # 三
    "ServiceStation.name": "服务站名称",
    "ServiceStation.level": "级别",
    "ServiceStation.established": "建站日期",
    "ServiceStation.partner": "服务的企业或园区",
    "ServiceStation.enterprises_served": "服务企业数",
    "ServiceStation.experts_engaged": "参与专家人数",
    # 四
    "Consortium.name": "联合体名称",
    "Consortium.role": "本学会的角色",
    "Consortium.form": "联合形式",
    "Consortium.direction": "联合方向",
    "Consortium.members": "成员",
    # 五
    "AcademicEvent.title": "活动名称",
    "AcademicEvent.category": "申报类别",
    "AcademicEvent.role": "本学会的角色",
    "AcademicEvent.date": "活动日期",
    "AcademicEvent.participants": "参与人数",
    "AcademicEvent.main_forum": "设有主论坛",
    "AcademicEvent.sub_forums": "分论坛个数",
    "AcademicEvent.materials": "制作了会议资料",
    "AcademicEvent.speaker_provinces": "作学术报告的科技人员来自的省（区、市）",
    "AcademicEvent.countries": "参加的科技人员来自的国家或地区",
    "AcademicEvent.occasion": "所在的全国性、全市性科普活动",
    "AcademicEvent.occasion_name": "科普活动名称",
    "AcademicEvent.occasion_organizer": "科普活动主办单位",
    # 六
    "ResearchReport.title": "题目",
    "ResearchReport.form": "成果形式",
    "ResearchReport.topic": "选题方向",
    "ResearchReport.focus": "国家中心城市建设的方面",
    "ResearchReport.achievements": "成果认定",
    "Achievement.type": "认定方式",
    "Achievement.date": "成果形成日期",
    # 七
    "MajorWork.kind": "工作类别",
    "MajorWork.title": "工作名称",
    "MajorWork.date": "日期",
    "MajorWork.description": "工作内容",
}

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

# Prefix of the ids the form proposes for new entries (an id stays editable).
ID_PREFIXES: dict[str, str] = {
    "services": "svc",
    "functions": "fn",
    "service_stations": "station",
    "consortia": "consortium",
    "academic_events": "evt",
    "research": "rpt",
    "major_work": "mw",
}

# Help shown under a field, beside the schema's own description.
FIELD_HELP: dict[str, str] = {
    "YearReport.society": "学会文件夹的名字：小写英文字母、数字和连字符，如 cd-mech-eng。",
    "id": "本文件内唯一，用小写英文字母、数字和连字符，如 evt-annual-2017。表单已自动生成，可以修改。",
    "evidence": "优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交。",
    "Consortium.members": "本仓库中的学会写其 id（如 cd-mech-eng），外部单位写中文全称；不必写本学会自己。",
    "Consortium.role": "同一联合体在同一年度只能有一个牵头学会。",
    "Consortium.established": "同一联合体在各年度报告中须写同一个成立日期。",
    "ServiceStation.established": "同一服务站在各年度报告中须写同一个成立日期：成立当年计为新建。",
    "ServiceStation.id": "同一服务站在各年度报告中使用同一个 id。",
    "Consortium.id": "同一联合体在所有成员学会、所有年度的报告中使用同一个 id。",
    "Function.new": "勾选表示本年度新增的转移职能（委托工作）。",
    "AcademicEvent.category": "所申报的类别须满足该类别的全部标准，表单会在下方列出还差什么。",
    "AcademicEvent.countries": "每项一个国家或地区，中文名、英文名或代码均可，如 中国、德国、Japan；"
                               "同一国家只计一次。",
    "AcademicEvent.occasion": "仅“大型社会活动”需要：从列表中选择所在的全国性、全市性科普活动；"
                              "列表以外的选“其他全国性或全市性科普活动”。",
    "AcademicEvent.occasion_name": "occasion 为“其他全国性或全市性科普活动”时，写明活动名称。",
    "AcademicEvent.occasion_organizer": "occasion 为“其他全国性或全市性科普活动”时，写明主办单位。",
    "AcademicEvent.speaker_provinces": "勾选作学术报告的科技人员来自的省级行政区；本省不计入“外省”，"
                                       "香港、澳门、台湾不计入。",
    "ResearchReport.focus": "仅当选题方向为“国家中心城市”时填写。",
    "Achievement.date": "成果形成日期以当年评估截止日期为准：不在本年度评估期内的成果本年度不计分。",
    "SocietyProfile.maintainers": "可以修改本学会文件夹的 GitHub 用户名，至少一个。",
    "SocietyProfile.heads": "学会负责人的 GitHub 用户名：改动年度报告的拉取请求须经其中一位批准。",
    "SocietyProfile.website": "http:// 或 https:// 开头的网址。",
}

# Clauses whose text is shown beside a field.
FIELD_CLAUSES: dict[str, list[str]] = {
    "Innovation.enterprise_platform_registered": ["1.1"],
    "Innovation.senior_experts_total": ["1.2"],
    "Innovation.senior_experts_registered": ["1.2"],
    "Service.district": ["1.3"],
    "Service.kind": ["1.4", "1.5"],
    "GovernmentFunctions.pilot": ["2.1"],
    "GovernmentFunctions.functions": ["2.2", "2.3"],
    "ServiceStation.level": ["3.1"],
    "ServiceStation.established": ["3.2"],
    "Consortium.form": ["4"],
    "Consortium.industry": ["4.1"],
    "Consortium.established": ["4.3"],
    "ResearchReport.achievements": ["6"],
    "ResearchReport.focus": ["6.1"],
}

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

# Enumerations whose members each carry a clause: the chosen member's clause is shown.
_CLAUSED_ENUMS: tuple[type[LabelledEnum], ...] = (EventCategory, ResearchTopic, MajorWorkKind)


def enum_clauses() -> dict[str, str]:
    """Label and code of every clause-carrying member, to its clause id."""
    return {key: member.clause for enum in _CLAUSED_ENUMS for member in enum
            if member.clause for key in (member.value, member.label)}


def guide_data(rules: Guideline) -> dict[str, Any]:
    """What the form needs of a guideline year besides its schema."""
    window = rules.evaluation_window
    return {
        "year": rules.year,
        "title": rules.title,
        "areas": [{"id": a.id, "key": a.key, "title": a.title} for a in rules.areas],
        "clauses": dict(rules.clauses),
        "window": {"start": window.start.isoformat(), "deadline": window.deadline.isoformat(),
                   "label": window.label, "note": window.note},
        "home_province": rules.home_province,
        "choices": {
            "districts": list(rules.districts),
            "industries": [*rules.industries, "其他"],
            "provinces": rules.province_names,
            "popularisation_occasions": rules.occasion_names,
        },
    }


def labels_data() -> dict[str, Any]:
    return {
        "fields": FIELD_TITLES,
        "items": ITEM_NAMES,
        "id_prefixes": ID_PREFIXES,
        "help": FIELD_HELP,
        "clauses": FIELD_CLAUSES,
        "choices": FIELD_CHOICES,
        "window_dates": WINDOW_DATES,
        "kept_dates": list(KEPT_DATES),
        "enum_clauses": enum_clauses(),
        "slug_pattern": SLUG_PATTERN,
    }

