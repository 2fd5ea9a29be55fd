"""Area 四 rules in one file: industry (2017's 4.1), establishment date, members; each finding
names the clause as the year numbers it (`RuleContext.cited`)."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.industries import check_industry
from validators.rules.rule_context import RuleContext
from validators.year.measures import member_key
from validators.year.quotes import said


def check(report: YearReport, ctx: RuleContext) -> None:
    own, industry, new = ctx.cited("consortia"), ctx.cited("consortia", "leading_industry"), ctx.cited("consortia", "new_lead")
    for i, consortium in enumerate(report.consortia):
        path = ("consortia", i)
        check_industry(ctx, (*path, "industry"), consortium.industry, industry)
        ctx.not_after_deadline((*path, "established"), consortium.established, new, "成立日期")
        partners = {member_key(m) for m in consortium.members} - {report.society, ""}
        if consortium.role.value == "lead" and not partners:
            what = said("通过一定工作机制形成的学会合作模式", ctx.guideline.clauses.get(own, ""))
            ctx.error((*path, "members"), "E-CONSORTIUM-NO-PARTNER",
                      f"“{consortium.name}”没有列出任何成员：联合体是{what}，"
                      "一个学会自己不构成联合体。请在 members 中写出参与的学会或单位。", own)
        # Written variants of one name (inner spaces, full-width forms) are one member: the
        # tiers count it once (`distinct_members`), and the report hears which entry it repeats.
        seen: dict[str, str] = {}
        for j, member in enumerate(consortium.members):
            key = member_key(member)
            if key in seen:
                same = "重复列出" if seen[key] == member.strip() else f"与成员“{seen[key]}”是同一名称的不同写法"
                ctx.warning((*path, "members", j), "W-LIST-DUPLICATE",
                            f"成员“{member}”{same}，只计一次：请删除这一项。", new)
            seen.setdefault(key, member.strip())
            if member == report.society:
                ctx.error((*path, "members", j), "E-CONSORTIUM-SELF-MEMBER",
                          "成员列表不需要写本学会自己：本学会的角色另有一栏，请删除这一项。", own)
