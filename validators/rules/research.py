"""Area 六 rules: topic focus (6.1) and achievements inside the evaluation window (6)."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.models.research import ResearchTopic
from validators.rules.rule_context import RuleContext
from validators.year.measures import counted_achievements


def check(report: YearReport, ctx: RuleContext) -> None:
    window = ctx.guideline.evaluation_window
    for i, item in enumerate(report.research):
        path = ("research", i)
        central = item.topic == ResearchTopic.NATIONAL_CENTRAL_CITY
        if central and item.focus is None:
            ctx.error((*path, "topic"), "E-RESEARCH-FOCUS",
                      "选题为“国家中心城市”时须写明 focus（西部经济中心、西部科技中心等）。", "6.1")
        elif not central and item.focus is not None:
            # Extra information, not an untrue claim: the report still counts.
            ctx.warning((*path, "focus"), "W-RESEARCH-FOCUS-UNUSED",
                        f"focus 只用于“国家中心城市”选题；本报告选题为“{item.topic.label}”，focus 不起作用，"
                        "请删除。", item.topic.clause)
        for j, achievement in enumerate(item.achievements):
            if not window.contains(achievement.date):
                ctx.warning((*path, "achievements", j, "date"), "W-ACHIEVEMENT-OUTSIDE-WINDOW",
                            f"成果日期 {achievement.date} 不在本年度评估期（{window.label}）内，"
                            "本年度不计分：「成果形成日期以当年评估截止日期为准」。", "6")
        if not counted_achievements(item, ctx.guideline):
            ctx.warning(path, "W-RESEARCH-NO-ACHIEVEMENT",
                        f"“{item.title}”在本年度评估期内没有可认定的成果（公开发表、领导签批等），"
                        "记 0 分。", "6")
