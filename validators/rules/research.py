"""Area 六 rules (七 in a year that moves it): topic focus (2017's 6.1) and achievements inside the
evaluation window (the area's own clause, 2017's 6, as the year numbers it)."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.models.research import ResearchReport
from validators.rules.rule_context import RuleContext
from validators.year.cited import area_clause
from validators.year.guideline import Guideline
from validators.year.kinds import ResearchTopic
from validators.year.measures import counted_achievements
from validators.year.quotes import quoted

# The field as readers see it (the form's label, the workbook's column): its key is no word of theirs.
FOCUS_TITLE = ResearchReport.model_fields["focus"].title


def _focus_topics(rules: Guideline) -> str:
    """The year's topics that need a focus, named as its list names them (“…”: a category's name)."""
    names = "、".join(f"“{k.label}”" for k in rules.kinds.research_topics
                     if isinstance(k, ResearchTopic) and k.requires_focus)
    return f"（{names}）" if names else ""


def focus_missing(topic: str, rules: Guideline) -> str:
    """E-RESEARCH-FOCUS's words for a report of `topic` (the form says them too)."""
    focuses = "、".join(k.label for k in rules.kinds.research_focuses)
    return f"选题为“{topic}”时须写明“{FOCUS_TITLE}”（{focuses}之一）。"


def focus_unused(topic: str, rules: Guideline) -> str:
    """W-RESEARCH-FOCUS-UNUSED's words for a report of `topic` (the form says them too)."""
    return (f"“{FOCUS_TITLE}”只用于要求写明方面的选题{_focus_topics(rules)}；本报告选题为“{topic}”，"
            "这一项不起作用，请删除。")


def check(report: YearReport, ctx: RuleContext) -> None:
    window = ctx.guideline.evaluation_window
    clause = area_clause(ctx.guideline, "research")
    rule = quoted("成果形成日期以当年评估截止日期为准", ctx.guideline.clauses.get(clause, ""))
    for i, item in enumerate(report.research):
        path = ("research", i)
        topic = ctx.guideline.kind("research_topics", item.topic.value)
        needs_focus = isinstance(topic, ResearchTopic) and topic.requires_focus
        if needs_focus and item.focus is None:
            # At the field to fill (the workbook's cell, the form's field), as a missing field is.
            ctx.error((*path, "focus"), "E-RESEARCH-FOCUS", focus_missing(item.topic.label, ctx.guideline),
                      item.topic.clause)
        elif topic is not None and not needs_focus and item.focus is not None:
            # Extra information, not an untrue claim: the report still counts.
            ctx.warning((*path, "focus"), "W-RESEARCH-FOCUS-UNUSED", focus_unused(item.topic.label, ctx.guideline),
                        item.topic.clause)
        for j, achievement in enumerate(item.achievements):
            if not window.contains(achievement.date):
                ctx.warning((*path, "achievements", j, "date"), "W-ACHIEVEMENT-OUTSIDE-WINDOW",
                            f"成果日期 {achievement.date} 不在本年度评估期（{window.label}）内，"
                            f"本年度不计分{'：' + rule if rule else ''}。", clause)
        if not counted_achievements(item, ctx.guideline):
            ctx.warning(path, "W-RESEARCH-NO-ACHIEVEMENT",
                        f"“{item.title}”在本年度评估期内没有可认定的成果（公开发表、领导签批等），"
                        "记 0 分。", clause)
