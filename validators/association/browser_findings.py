"""Errors of the check that the online form gives at the field, in the check's words:

- E-FUNCTION-NOT-GOVERNMENT (validators/rules/government_functions.py): a function's 委托（购买）单位
  whose name, or a part of it in or outside brackets, ends in one of the year's `company_markers`
  (`measures.company_ending`);
- E-ITEM-REPEATED (validators/rules/repeated_items.py): an item the report lists again;
- E-CRITERIA-OCCASION (validators/rules/academic_events.py) for an occasion the year does not
  name: the sentence that lists the words it takes;
- E-SCHEMA-PATTERN for a maintainer who is no GitHub user name (validators/schema_findings.py).

Each sentence is asked of the rule itself, on a report made for the purpose, with a slot (such as
"{commissioner}") where it quotes the report; an assertion fails when the rule's wording no longer
has the quoted value where the slot goes. The form reads these from a year's guide
(guide-<year>.json), so that it says what `check` says without a second copy of any word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from validators.models.academic_events import AcademicEvent, EventRole
from validators.models.for_year import report_model
from validators.models.society import GITHUB_LOGIN_PATTERN, SocietyProfile
from validators.rules import government_functions, repeated_items
from validators.rules.academic_events import unmet_criteria
from validators.rules.rule_context import RuleContext
from validators.schema_findings import pattern_message, type_words
from validators.yaml.loading import SourceMap
from validators.yaml.policy import policy
from validators.year import measures
from validators.year.guideline import Guideline
from validators.year.text import area_numeral

# type_words: what the check says of a number written otherwise (0x10, +12), for the form to say it.
__all__ = ["browser_findings", "browser_login", "type_words"]


def _once(text: str, quoted: str, slot: str) -> str:
    """`text` with its one `quoted` replaced by `slot`."""
    assert text.count(quoted) == 1, (text, quoted)  # the rule's wording changed: say where it quotes
    return text.replace(quoted, slot)


def _said(rules: Guideline, data: dict[str, Any], module: Any, code: str) -> list[str]:
    """What `module`'s rule says (`code`) of the year's report `data`, in order."""
    report = report_model(rules).model_validate({"society": "cd-example", "year": rules.year, **data})
    ctx = RuleContext("", Path(), SourceMap(), rules, policy())
    module.check(report, ctx)
    return [f.message for f in ctx.findings if f.code == code]


def area_names(rules: Guideline) -> dict[str, str]:
    """Each area as the check names it in a sentence: 一、创新驱动助力工程."""
    return {a.key: f"{area_numeral(a.id)}、{a.title}" for a in rules.areas}


def _company(rules: Guideline) -> dict[str, Any] | None:
    """The year's company markers and the check's sentence for a commissioner ending in one:
    `words` with "{commissioner}" and "{ending}", the ending said of the whole name (`whole`,
    "{marker}") or of a part of it in or outside brackets (`part`, "{part}" and "{marker}")."""
    if not rules.company_markers or "government_functions" not in rules.area_keys:
        return None
    marker = max(rules.company_markers, key=len)
    day = rules.evaluation_window.deadline
    whole, inner, bare = f"示例{marker}", f"示例单位（示例{marker}）", f"示例单位（{marker}）"
    function = {"id": "fn-a", "title": "示例职能", "method": rules.kinds.function_methods[0].label,
                "start": day, "end": day}
    [said_whole, said_part, said_bare] = [
        _said(rules, {"government_functions": {"functions": [{**function, "commissioner": name}]}},
              government_functions, "E-FUNCTION-NOT-GOVERNMENT")[0] for name in (whole, inner, bare)]
    ending = f"名称以“{marker}”结尾"
    words = _once(_once(said_whole, f"“{whole}”", "“{commissioner}”"), ending, "{ending}")
    head, tail = words.split("{ending}")
    head = head.replace("{commissioner}", inner)
    assert said_part.startswith(head), said_part
    assert said_part.endswith(tail), said_part
    part = said_part[len(head):len(said_part) - len(tail)]
    bare_head = head.replace(inner, bare)
    assert said_bare.startswith(bare_head), said_bare
    alone = said_bare[len(bare_head):len(said_bare) - len(tail)]
    return {"markers": list(rules.company_markers),
            # A name's parts in and outside brackets are read apart, as `company_ending` reads them.
            "brackets": "".join(sorted(chr(c) for c in measures._BRACKETS)),
            "words": words,
            "whole": _once(ending, f"“{marker}”", "“{marker}”"),
            "part": _once(_once(part, f"“示例{marker}”", "“{part}”"), f"“{marker}”", "“{marker}”"),
            # A part that is the marker alone, said as the marker the name holds.
            "alone": _once(alone, f"“{marker}”", "“{marker}”")}


def _repeated(rules: Guideline) -> dict[str, Any] | None:
    """The check's sentences for an item listed again (`words`: "{area}", "{id}", "{why}"; the
    reasons two items are one, `why`) and for an achievement of a research report listed again
    (`achievement`: "{n}", "{type}", "{date}"), with what the rule reads besides: the lists whose
    items are one by their name, and the list whose items are one by their title."""
    if "major_work" not in rules.area_keys or "research" not in rules.area_keys:
        return None
    day = rules.evaluation_window.deadline
    work = {"kind": rules.kinds.major_work_kinds[0].label, "title": "示例工作", "date": day, "description": "示例"}
    [said] = _said(rules, {"major_work": [{**work, "id": "mw-a"}, {**work, "id": "mw-b"}]}, repeated_items,
                   repeated_items.CODE)
    words = _once(_once(said, f"“{area_names(rules)['major_work']}”", "“{area}”"), "“mw-a”", "“{id}”")
    words = _once(words, f"（{repeated_items._SAME_CONTENT}）", "（{why}）")
    kind = rules.kinds.achievement_types[0].label
    topic = rules.kinds.research_topics[0]
    report = {"id": "rpt-a", "title": "示例报告", "form": rules.kinds.research_forms[0].label, "topic": topic.label,
              "achievements": [{"type": kind, "date": day}] * 2,
              **({"focus": rules.kinds.research_focuses[0].label} if topic.requires_focus else {})}
    [twice] = _said(rules, {"research": [report]}, repeated_items, repeated_items.CODE)
    achievement = _once(_once(twice, "第 1 项", "第 {n} 项"), f"（{kind}，{day.isoformat()}）", "（{type}，{date}）")
    # One way on two days of the year (a warning): "{n}", "{type}" and the first one's "{date}".
    earlier = day - dt.timedelta(days=1)
    report["achievements"] = [{"type": kind, "date": earlier}, {"type": kind, "date": day}]
    [again] = _said(rules, {"research": [report]}, repeated_items, "W-ACHIEVEMENT-SAME-TYPE")
    same_type = _once(_once(again, "第 1 项", "第 {n} 项"), f"（{kind}，{earlier.isoformat()}）", "（{type}，{date}）")
    return {"words": words, "achievement": achievement, "same_type": same_type,
            "why": {"content": repeated_items._SAME_CONTENT, "work": repeated_items._SAME_WORK,
                    "service": repeated_items._SAME_SERVICE, "title": repeated_items._SAME_TITLE,
                    "name": repeated_items._SAME_NAME, "function": repeated_items._SAME_FUNCTION,
                    "commissioned": repeated_items._SAME_COMMISSIONED, "report": repeated_items._SAME_REPORT},
            "ignored": sorted(repeated_items._IGNORED), "named": sorted(repeated_items._NAMED),
            "by_title": sorted(repeated_items.BY_TITLE), "report_again": sorted(repeated_items._REPORT_AGAIN)}


# Where the form puts the occasion an event gives (as the check quotes it).
OCCASION_SLOT = "{occasion}"


def _occasions(rules: Guideline) -> dict[str, dict[str, str]]:
    """For each category held in a popularisation occasion: what the check says of an occasion
    the year does not name, which lists the words it takes: `written`, with OCCASION_SLOT for the
    occasion, and `blank`, of an event that gives none."""
    out: dict[str, dict[str, str]] = {}
    for category in rules.kinds.event_categories:
        if not category.criteria.occasion:
            continue
        said = {}
        for key, occasion in (("written", OCCASION_SLOT), ("blank", None)):
            event = AcademicEvent.model_construct(
                category=category.code, role=EventRole.HOST, participants=0, main_forum=True, sub_forums=0,
                materials=True, speaker_provinces=[], countries=[], occasion=occasion, occasion_name=None,
                occasion_organizer=None, date=dt.date(rules.year, 1, 1))
            [said[key]] = [u.message for u in unmet_criteria(event, rules)
                           if u.code == "E-CRITERIA-OCCASION" and u.field == "occasion"]
        assert said["written"].count(OCCASION_SLOT) == 1, said
        out[category.code] = said
    return out


# Where the form puts the number an event has (of sub-forums, participants, regions, countries).
COUNT_SLOT = "{n}"
# The criteria whose sentence says the number the event has ("现为 0 个"), asked with 0 of each.
_COUNTED = ("E-CRITERIA-SUB-FORUM", "E-THRESHOLD-PARTICIPANTS", "E-THRESHOLD-PROVINCES", "E-THRESHOLD-COUNTRIES")


def _criteria(rules: Guideline) -> dict[str, dict[str, Any]]:
    """For each category, what the check says of each criterion an event does not meet (the
    sentence after “…”不符合所申报的类别：): by code, with COUNT_SLOT for the number the event
    has; E-CRITERIA-ROLE by the role the event gives. Asked of `unmet_criteria` on an event that
    meets none (no forum, no materials, 0 of each count, no region or country listed)."""
    out: dict[str, dict[str, Any]] = {}
    for category in rules.kinds.event_categories:
        said: dict[str, Any] = {"roles": {}}
        for role in EventRole:
            event = AcademicEvent.model_construct(
                category=category.code, role=role, participants=0, main_forum=False, sub_forums=0,
                materials=False, speaker_provinces=[], countries=[], occasion=rules.open_occasion,
                occasion_name="示例", occasion_organizer="示例", date=dt.date(rules.year, 1, 1))
            for u in unmet_criteria(event, rules):
                if u.code == "E-CRITERIA-ROLE":
                    said["roles"][role.value] = u.message
                elif u.code in _COUNTED:
                    said[u.code] = _once(u.message, "现为 0 ", f"现为 {COUNT_SLOT} ")
                elif u.code != "E-CRITERIA-OCCASION":
                    said[u.code] = u.message
        out[category.code] = said
    return out


def browser_findings(rules: Guideline) -> dict[str, Any]:
    """For a year's guide: the check's sentences, and what its rules read, for a commissioner that
    is a company, an item listed again, an occasion the year does not name, and what an event's
    category still lacks."""
    return {"areas": area_names(rules), "company": _company(rules), "repeated": _repeated(rules),
            "occasions": _occasions(rules), "criteria": _criteria(rules)}


def browser_login() -> dict[str, str]:
    """The pattern of a GitHub user name (a maintainer's) and what the check says of a value
    that does not match it, without the field's name (the form says it at the field)."""
    return {"pattern": GITHUB_LOGIN_PATTERN,
            "said": pattern_message(SocietyProfile, ("maintainers", 0), GITHUB_LOGIN_PATTERN, "")}
