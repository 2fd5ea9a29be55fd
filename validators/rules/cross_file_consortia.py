"""Rules across files about consortia (四): one lead, members that exist and list each other,
and members that say of a consortium what its lead says."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from validators.findings import Finding
from validators.models.common import SLUG_PATTERN
from validators.models.consortia import Consortium, ConsortiumRole
from validators.models.labelled import LabelledEnum, UnknownTerm
from validators.repository import ReportDoc, Repository
from validators.rules.cross_file_common import (
    at,
    clause_of,
    items,
    report_words,
    same_text,
    society_name,
)
from validators.year.cycle import full_date
from validators.year.guideline import Guideline, guideline
from validators.year.measures import founded_this_year, member_key

# What E-CONSORTIUM-MULTIPLE-LEADS says (str.format): of two leads of one id (LEADS_BY_ID, "{names}"
# the leads joined by JOINED), and of leads of one name under other ids (LEADS_BY_NAME, "{listed}"
# the others, each LISTED, joined by JOINED). The online form says the same sentences
# (validators/association/browser_cross.py).
LEADS_BY_ID = "{year} 年联合体“{name}”（{id}）有多个牵头学会（{names}）：只能有一个，其余改为“参与”。"
LEADS_BY_NAME = ("{year} 年{listed}也牵头名称相同的联合体“{name}”（本报告编号“{id}”）："
                 "名称相同即是同一联合体，只能有一个牵头学会，其余改为“参与”并改用牵头学会的编号；"
                 "若确是不同的联合体，请改用能区分的名称。")
LISTED = "{society}（编号“{id}”）"
JOINED = "、"
# What W-CONSORTIUM-NO-LEAD says (str.format, `_no_lead`): a lead of the year reports the same name
# under another id (NO_LEAD_OTHER_ID), a lead of another year reports the id (NO_LEAD_OTHER_YEAR),
# or neither (NO_LEAD_NONE). The online form says the same sentences
# (validators/association/browser_cross.py), as it does those below.
NO_LEAD_OTHER_ID = ("{lead}牵头的同名联合体“{name}”在它的 {year} 年报告中编号为“{other}”，"
                    "本报告写的是“{id}”：请改用同一个编号（在线填报可以从已发布的联合体中选择）。")
NO_LEAD_OTHER_YEAR = ("联合体“{name}”（{id}）由{lead}牵头（见它的 {lead_year} 年报告），但{lead}的 {year} 年报告"
                      "没有列出它：请牵头学会在本年度报告中列出这一联合体（本学会的角色写 牵头）。")
NO_LEAD_NONE = ("{year} 年联合体“{name}”（{id}）在本仓库中没有牵头学会的报告：牵头单位是仓库以外的单位时"
                "可以不理会；若牵头学会在本仓库，请它在报告中列出这一联合体（本学会的角色写 牵头）。")
# What W-CONSORTIUM-SELF-NAMED says of a lead's member written as the society's own name; the
# scorer leaves each member this finding names out of 4.3's count of members.
SELF_NAMED_CODE = "W-CONSORTIUM-SELF-NAMED"
SELF_NAMED = ("成员“{member}”是本学会自己的名称：成员列表不需要写本学会自己（本学会的角色另有一栏），"
              "评估计档时这一项不计入成员个数，请删除。")
# What W-CONSORTIUM-MEMBER-UNKNOWN says of a member written like a society id no society has
# (MEMBER_UNKNOWN), or that names a folder of the tree whose profile and reports do not read
# (MEMBER_UNREAD: the lead cannot mend them, the society can). Such a folder may hold no profile,
# or a profile that parses but fails the model: none of its files passed the check, said so.
MEMBER_UNKNOWN = "成员“{member}”像是学会 id，但本仓库没有这个学会。若是外部单位，请写中文全称。"
MEMBER_UNREAD = ("成员“{member}”是本仓库中学会的 id，但这个学会文件夹中的学会资料和年度报告没有一份通过检查、"
                 "能够读取，暂时无法确认它："
                 "请这个学会更正它的文件，本报告无需为此修改；若成员写错了，请改正。")
# What W-CONSORTIUM-MEMBER-NO-REPORT says (str.format) at a lead's member that is a society of this
# repository with no report of the year, once the year's submission has closed (`members_reported`).
# It stands at the member's entry in the consortium's: the society by its registered name, the
# consortium by its name, no id (the site shows it as text, tests/test_site_text.py). The guideline
# asks no report of a member: the scorer counts it as before and says so (the code). Said only after
# the close, when the pull-request gate refuses the lead's own edit (E-CYCLE-CLOSED) unless an admin
# makes it or an open objection allows a correction on notice: a member to remove goes that way.
# The public 备注 leaves it out of its count of warnings (policy.yaml's remarks.association_pending:
# mostly a member that simply did not report, which the lead cannot mend): the last sentence says so.
MEMBER_NO_REPORT_CODE = "W-CONSORTIUM-MEMBER-NO-REPORT"
# The guideline's word on a member's report, said in these words wherever it is said: this warning,
# the scorer's tier line (scoring.NO_REPORT_NOTE) and the 备注's entry of the code in policy.yaml
# (`said`, data: tests/test_downloads_ranking.py holds it and every other source to these words).
MEMBERS_NEED_NOT_REPORT = "指南没有要求成员学会提交报告"
# The last sentence, in these words wherever it is said: a year finalized before the 备注 left any
# warning out (its results record no such count, 2017's) counted this one too, and its report page
# shows the message without it (site_builder/items.finding_message).
NOT_COUNTED = "不计入排名页的备注中的警告数"
SAYS_NOT_COUNTED = f"这条警告{NOT_COUNTED}。"
MEMBER_NO_REPORT = ("成员{named}没有提交 {year} 年度报告（填报已于 {closes}截止）：无法从它的报告中核对它参与联合体“{name}”。"
                    f"{MEMBERS_NEED_NOT_REPORT}，评估照常计入这一成员，由市科协对照证明材料核查。"
                    "如它已不再是成员：填报截止后本学会不能再自己修改报告，请联系市科协，由市科协管理员从成员中删去；"
                    "公示期内也可以按网站上的说明提出异议，市科协允许更正后再由本学会删去。"
                    + SAYS_NOT_COUNTED)
# What W-CONSORTIUM-NOT-RECIPROCAL says: to the lead, of a member whose report omits the consortium
# (NOT_LISTED_BY_MEMBER) or that takes part unlisted (UNLISTED_MEMBER); to a member the lead lists
# whose report omits it (OMITTED_BY_MEMBER); to a member that takes part unlisted (NOT_LISTED_BY_LEAD).
NOT_LISTED_BY_MEMBER = ("成员“{member}”的 {year} 年报告没有列出联合体“{name}”（{id}）：请双方核对，"
                        "成员学会须在自己的报告中列出同一编号的联合体。")
OMITTED_BY_MEMBER = ("{lead}牵头的联合体“{name}”（{id}）把本学会列为成员，但本报告没有列出它："
                     "如确为成员，请添加这一联合体（本学会的角色写 参与）。")
# The member cannot mend the lead's list: it is told whom to ask, and that its own report stands.
NOT_LISTED_BY_LEAD = ("本学会报告参与联合体“{name}”（{id}），但牵头学会{lead}的成员名单中没有本学会："
                      "成员名单由牵头学会在它的报告中填写。如本学会确为成员，请联系牵头学会在成员中加上本学会的 id“{society}”，"
                      "本报告无需为此修改；如不是成员，请删去这一联合体。")
UNLISTED_MEMBER = ("{named}报告参与本联合体“{name}”（{id}），但成员名单中没有它：如确为成员，请在成员中加上它的学会 id“{society}”。")


def one_lead_per_consortium(repo: Repository) -> Iterator[Finding]:
    """A consortium has one lead in a year (4.3 pays 「牵头（承办）学会」 the one-time subsidy):
    two societies leading one id are both in error, and so are two leading one name under
    different ids (`_leads_by_name`)."""
    groups: dict[tuple[int, str], list[tuple[ReportDoc, int, Consortium]]] = defaultdict(list)
    for doc, i, item in items(repo, "consortia"):
        groups[(doc.report.year, item.id)].append((doc, i, item))
    yield from _leads_by_id(repo, groups)
    yield from _leads_by_name(repo)


def _leads_by_id(repo: Repository, groups: dict[tuple[int, str], list[tuple[ReportDoc, int, Consortium]]],
                 ) -> Iterator[Finding]:
    for (year, cid), entries in sorted(groups.items()):
        leads = [(d, i, c) for d, i, c in entries if c.role == ConsortiumRole.LEAD]
        if not leads:
            # The lead may be a body outside this repository (the guideline's own example is
            # 中国科协的“生命科学学会联合体”), or its report may not be readable: a reviewer looks.
            for doc, i, item in entries:
                yield at(doc, ("consortia", i, "role"), "W-CONSORTIUM-NO-LEAD",
                          _no_lead(repo, year, cid, item.name, doc.report.society),
                          clause_of(repo, doc, "consortia", "new_lead"), "warning")
        elif len(leads) > 1:
            names = JOINED.join(society_name(repo, d.report.society) for d, _, _ in leads)
            for doc, i, item in leads:
                yield at(doc, ("consortia", i, "role"), "E-CONSORTIUM-MULTIPLE-LEADS",
                          LEADS_BY_ID.format(year=year, name=item.name, id=cid, names=names),
                          clause_of(repo, doc, "consortia", "new_lead"))


def _leads_by_name(repo: Repository) -> Iterator[Finding]:
    """Consortia of one name are one consortium (as `_no_lead` and the one-time rule across
    years read them): two societies leading it in one year under different ids would each earn
    the lead's points and the one-time subsidy, so each such lead is an error, as two leads of
    one id are. Two leads of one name in one report are that report's repeat (E-ITEM-REPEATED),
    and leads that share the id are told so by `_leads_by_id`: neither is said again here."""
    named: dict[tuple[int, str], list[tuple[ReportDoc, int, Consortium]]] = defaultdict(list)
    for doc, i, item in items(repo, "consortia"):
        if item.role == ConsortiumRole.LEAD:
            named[(doc.report.year, same_text(item.name))].append((doc, i, item))
    for (year, _), leads in sorted(named.items()):
        for doc, i, item in leads:
            others = [(d, c) for d, _, c in leads
                      if d.report.society != doc.report.society and c.id != item.id]
            if not others:
                continue
            listed = JOINED.join(LISTED.format(society=society_name(repo, d.report.society), id=c.id)
                                 for d, c in sorted({(d.report.society, c.id): (d, c) for d, c in others}.values(),
                                                    key=lambda e: (e[0].report.society, e[1].id)))
            yield at(doc, ("consortia", i, "role"), "E-CONSORTIUM-MULTIPLE-LEADS",
                      LEADS_BY_NAME.format(year=year, listed=listed, name=item.name, id=item.id),
                      clause_of(repo, doc, "consortia", "new_lead"))


def _no_lead(repo: Repository, year: int, cid: str, name: str, society: str) -> str:
    """Why a consortium has no lead here, as precisely as the repository can say: a lead that
    reports it under another id, or a lead that has not reported it this year."""
    for (lead, lead_year), doc in sorted(repo.reports.items()):
        for item in doc.report.consortia:
            if item.role != ConsortiumRole.LEAD or lead == society:
                continue
            if lead_year == year and same_text(item.name) == same_text(name) and item.id != cid:
                return NO_LEAD_OTHER_ID.format(lead=society_name(repo, lead), name=name, year=year, other=item.id, id=cid)
            if item.id == cid and lead_year != year:
                return NO_LEAD_OTHER_YEAR.format(name=name, id=cid, lead=society_name(repo, lead), lead_year=lead_year, year=year)
    return NO_LEAD_NONE.format(year=year, name=name, id=cid)


def not_self_by_name(repo: Repository) -> Iterator[Finding]:
    """A lead's member written as the society's own registered name is the society itself: the
    scorer leaves each member this names out of 4.3's count (it would lift the tier by one). A
    warning: leads often list themselves among the bodies, and an error would take the whole
    consortium's points for it. A member's list feeds no score: not told. The name is the
    profile's as it stands: a final year's tiers are frozen and not scored again."""
    for doc, i, item in items(repo, "consortia"):
        profile = repo.profiles.get(doc.report.society)
        if item.role != ConsortiumRole.LEAD:
            continue
        own = member_key(profile.profile.name) if profile is not None else ""
        for j, member in enumerate(item.members):
            if own and member_key(member) == own:
                yield at(doc, ("consortia", i, "members", j), SELF_NAMED_CODE, SELF_NAMED.format(member=member),
                         clause_of(repo, doc, "consortia", "new_lead"), "warning")


def known_members(repo: Repository) -> Iterator[Finding]:
    """Members written like a society id must be one (`Repository.societies`); outside bodies
    are written by name. A folder whose files do not read is no society, and is said as such."""
    looks_like_id = re.compile(SLUG_PATTERN)
    societies, unread = repo.societies(), repo.unread_societies()
    for doc, i, item in items(repo, "consortia"):
        for j, member in enumerate(item.members):
            if looks_like_id.match(member) and member not in societies:
                said = MEMBER_UNREAD if member in unread else MEMBER_UNKNOWN
                yield at(doc, ("consortia", i, "members", j), "W-CONSORTIUM-MEMBER-UNKNOWN",
                          said.format(member=member),
                          clause_of(repo, doc, "consortia"), "warning")


def members_reciprocal(repo: Repository) -> Iterator[Finding]:
    """A consortium's member societies list it in their own reports of the year, and each
    society that reports taking part is among its lead's members: otherwise both sides hear of
    it (a warning: a reviewer may accept a late report)."""
    entries: dict[tuple[int, str], dict[str, tuple[ReportDoc, int, Consortium]]] = defaultdict(dict)
    for doc, i, item in items(repo, "consortia"):
        entries[(doc.report.year, item.id)].setdefault(doc.report.society, (doc, i, item))
    for (year, cid), by_society in sorted(entries.items()):
        leads = [e for e in by_society.values() if e[2].role == ConsortiumRole.LEAD]
        if len(leads) != 1:
            continue  # no lead, or several: an error of its own
        lead_doc, li, lead = leads[0]
        listed = set(lead.members)
        for j, member in enumerate(lead.members):
            other = repo.reports.get((member, year))
            if other is None or member in by_society:
                continue
            yield at(lead_doc, ("consortia", li, "members", j), "W-CONSORTIUM-NOT-RECIPROCAL",
                      NOT_LISTED_BY_MEMBER.format(member=member, year=year, name=lead.name, id=cid),
                      clause_of(repo, lead_doc, "consortia"), "warning")
            yield at(other, ("consortia",) if other.report.consortia else ("society",),
                      "W-CONSORTIUM-NOT-RECIPROCAL",
                      OMITTED_BY_MEMBER.format(lead=society_name(repo, lead_doc.report.society), name=lead.name, id=cid),
                      clause_of(repo, other, "consortia"), "warning")
        for society, (doc, i, item) in sorted(by_society.items()):
            if item.role == ConsortiumRole.MEMBER and society not in listed:
                yield at(doc, ("consortia", i, "role"), "W-CONSORTIUM-NOT-RECIPROCAL",
                          NOT_LISTED_BY_LEAD.format(name=item.name, id=cid, lead=society_name(repo, lead_doc.report.society),
                                                    society=society),
                          clause_of(repo, doc, "consortia"), "warning")
                yield at(lead_doc, ("consortia", li, "members"), "W-CONSORTIUM-NOT-RECIPROCAL",
                          UNLISTED_MEMBER.format(named=society_name(repo, society), society=society, name=lead.name, id=cid),
                          clause_of(repo, lead_doc, "consortia"), "warning")


def submission_closes(rules: Guideline) -> dt.date:
    """The last day a report of the year may be sent: the calendar's, or without one the
    evaluation window's deadline (the calendar's may not be earlier)."""
    return rules.calendar.submission_closes if rules.calendar is not None else rules.evaluation_window.deadline


def members_reported(repo: Repository, day: dt.date) -> Iterator[Finding]:
    """A lead's member that is a society of this repository (a profile or a report here: a
    member's folder is read whole even when one file is checked) with no report of the year,
    readable or not, once the year's submission has closed on `day` (the day the check is of:
    the site's build date, finalize's, today by default): its part in the consortium cannot be
    checked against its report. The online form knows the same societies (the site's profiles
    and reports). Before the deadline it may still report, and the lead is not told (a warning
    at the member, its first listing only). The guideline (4.3 (2017): 「以后每年根据评估绩效予以分档补助」)
    asks no report of a member, outside bodies never send one: the member counts as before."""
    societies = repo.societies()
    closed: dict[int, tuple[bool, str]] = {}
    for doc, i, item in items(repo, "consortia"):
        year = doc.report.year
        if item.role != ConsortiumRole.LEAD:
            continue
        if year not in closed:
            rules = guideline(year, repo.root)
            closes = submission_closes(rules) if rules is not None else None
            closed[year] = (closes is not None and day > closes, full_date(closes) if closes else "")
        past, closes_said = closed[year]
        if not past:
            continue
        seen: set[str] = set()
        for j, member in enumerate(item.members):
            if (member in seen or member == doc.report.society or member not in societies
                    or (member, year) in repo.reports or (member, year) in repo.broken):
                continue
            seen.add(member)
            yield at(doc, ("consortia", i, "members", j), MEMBER_NO_REPORT_CODE,
                     MEMBER_NO_REPORT.format(named=society_name(repo, member), year=year, closes=closes_said,
                                             name=item.name),
                     clause_of(repo, doc, "consortia"), "warning")


# What a consortium is, as its lead reports it, and the rubric rule whose clause a difference
# names (None: area 四's own clause, which says the forms). 4.1 (2017's number) pays for the consortium's industry, not
# for one a member gives it: 「重点支持服务成都市主导产业和优势产业为主的学会联合体建设」.
LEAD_STATES = (("industry", "服务产业", "leading_industry"), ("form", "联合形式", None), ("direction", "联合方向", None))
# What E-CONSORTIUM-DIFFERS says (str.format) at a member's field ("{word}" the field's word of
# LEAD_STATES) that differs from its lead's. The online form says the same sentence
# (validators/association/browser_cross.py).
DIFFERS = ("联合体“{name}”（{id}）的{word}写的是“{shown}”，牵头学会{society}在它的报告中写的是“{told}”：联合体的{word}以"
           "牵头学会的报告为准，请改为“{told}”（若牵头学会写错了，请它更正）。")
# What W-CONSORTIUM-MEMBERS-DIFFER says to the lead ("{members}" the members that differ, joined by
# JOINED; "{told}" what the lead's report shows).
MEMBERS_DIFFER = ("成员{members}写的联合体“{name}”（{id}）的{word}与本报告的“{told}”不同：以本报告为准，这些成员的这一联合体"
                  "不计分，请通知它们更正（若本报告写错了，请更正本报告）。")


def as_written(value: Any) -> tuple[str, str]:
    """What compares (a kind's code, or the text in its normal form) and what is shown."""
    if isinstance(value, LabelledEnum):  # a kind's code compares as it is
        return value.value, value.label
    if isinstance(value, UnknownTerm):
        return same_text(value.value), value.label
    return same_text(str(value)), str(value)


def members_agree_with_lead(repo: Repository) -> Iterator[Finding]:
    """A member's report of a consortium whose lead reports the same year here says what the
    lead says of its industry, form and direction; otherwise the member's entry is an error."""
    groups: dict[tuple[int, str], list[tuple[ReportDoc, int, Consortium]]] = defaultdict(list)
    for doc, i, item in items(repo, "consortia"):
        groups[(doc.report.year, item.id)].append((doc, i, item))
    for (_, cid), entries in sorted(groups.items()):
        leads = [e for e in entries if e[2].role == ConsortiumRole.LEAD]
        if len(leads) != 1:
            continue  # no lead here, or several: said by one_lead_per_consortium
        lead_doc, li, lead = leads[0]
        differing: dict[str, list[str]] = defaultdict(list)  # field → the members that differ
        for doc, i, item in entries:
            if item.role != ConsortiumRole.MEMBER or doc is lead_doc:
                continue
            for field, word, rule in LEAD_STATES:
                (mine, shown), (theirs, told) = (as_written(getattr(c, field)) for c in (item, lead))
                if mine != theirs:
                    differing[field].append(doc.report.society)
                    yield at(doc, ("consortia", i, field), "E-CONSORTIUM-DIFFERS",
                              DIFFERS.format(name=item.name, id=cid, word=word, shown=shown, society=society_name(repo, lead_doc.report.society),
                                             told=told),
                              clause_of(repo, doc, "consortia", rule))
        # The lead hears of it too: its own change (or a member's slip) costs the members their
        # points, and a check of the lead's file alone would otherwise pass in silence.
        for field, word, rule in LEAD_STATES:
            if differing[field]:
                told = as_written(getattr(lead, field))[1]
                yield at(lead_doc, ("consortia", li, field), "W-CONSORTIUM-MEMBERS-DIFFER",
                         MEMBERS_DIFFER.format(members=JOINED.join(society_name(repo, m) for m in sorted(set(differing[field]))), name=lead.name, id=cid, word=word,
                                               told=told),
                         clause_of(repo, lead_doc, "consortia", rule), "warning")


# What W-CONSORTIUM-RENAMED says (str.format), as W-STATION-RENAMED says of a station.
CONSORTIUM_RENAMED = ("联合体“{name}”报为 {year} 年新成立，由本学会牵头，但它的服务产业、联合形式和联合方向都与{file}中"
                      "本学会牵头的联合体“{old}”（编号“{id}”，成立日期 {established}）相同，本报告又没有列出“{id}”："
                      "若是同一个联合体改了名称，它不是新成立的，请沿用编号“{id}”和成立日期 {established}"
                      "（牵头学会的一次性补助只计一次）；若确是新成立的另一个联合体，请在证明材料中附上成立的文件，由市科协核查。")
# What W-CONSORTIUM-NAME-REUSED says (str.format), as W-STATION-NAME-REUSED says of a station.
CONSORTIUM_REUSED = ("联合体“{name}”报为 {year} 年新成立，由本学会牵头，但{society}在 {before} 年度的报告中已牵头"
                     "同名联合体（编号“{id}”，成立日期 {established}）：若是同一个联合体，牵头学会的一次性补助已经计过，"
                     "请说明；若不是，请改用能区分的名称。市科协核查时会对照双方的材料。")


def _lead_states(c: Consortium) -> tuple[str, ...]:
    """What one consortium keeps whatever it is called: its industry, form and direction."""
    return tuple(as_written(getattr(c, field))[0] for field, _, _ in LEAD_STATES)


def _led_new(repo: Repository) -> Iterator[tuple[ReportDoc, int, Consortium, bool]]:
    """Every consortium a report leads, oldest report first (by society, then year), and whether
    it is new in its report's year (4.3's one-off)."""
    for doc, i, c in items(repo, "consortia"):
        if c.role != ConsortiumRole.LEAD:
            continue
        rules = guideline(doc.report.year, repo.root)
        yield doc, i, c, rules is not None and founded_this_year(c.established, rules)


def consortia_renamed(repo: Repository) -> Iterator[Finding]:
    """4.3's one-off (「对新建联合体给予牵头（承办）学会一次性分类补助」) is paid once: a consortium the
    society leads, new this year, of the same industry, form and direction as one it led the
    year before and no longer lists (by id or name), may be that one under a new name and id. A
    society may found another in its field: the staff hear of it (a warning), as of a station
    (`stations_renamed`). The same name is `established_under_one_id`'s error."""
    earlier: dict[str, list[tuple[ReportDoc, Consortium]]] = defaultdict(list)
    matched: set[int] = set()  # an old consortium stands in for one new one only
    for doc, i, c, new in _led_new(repo):
        society, year = doc.report.society, doc.report.year
        named = {same_text(x.name) for d, x in earlier[society] if d.report.year < year}
        listed = {x.id for x in doc.report.consortia} | {same_text(x.name) for x in doc.report.consortia}
        if new and same_text(c.name) not in named:
            same = next(((d, x) for d, x in earlier[society]
                         if d.report.year == year - 1 and x.id not in listed and same_text(x.name) not in listed
                         and _lead_states(x) == _lead_states(c) and id(x) not in matched), None)
            if same is not None:
                matched.add(id(same[1]))
                before, old = same
                yield at(doc, ("consortia", i, "established"), "W-CONSORTIUM-RENAMED",
                         CONSORTIUM_RENAMED.format(name=c.name, year=year, file=report_words(repo, before, doc), old=old.name, id=old.id,
                                                   established=old.established),
                         clause_of(repo, doc, "consortia", "new_lead"), "warning")
        earlier[society].append((doc, c))


def consortium_names_reused(repo: Repository) -> Iterator[Finding]:
    """A consortium led and new this year under a name another society's report of an earlier
    year gave a consortium it led: the one-off may be paid twice for one consortium. The name
    alone is no proof (README: a name another society used does not make it old), so it is a
    warning for the association's verifiers, as of a station (`station_names_reused`)."""
    named: dict[str, list[tuple[ReportDoc, int, Consortium, bool]]] = defaultdict(list)
    for entry in _led_new(repo):
        named[same_text(entry[2].name)].append(entry)
    for entries in named.values():
        if len({d.report.society for d, _, _, _ in entries}) < 2:
            continue
        entries.sort(key=lambda e: (e[0].report.year, e[0].report.society, e[1]))
        for doc, i, c, new in entries:
            # Under its own id: the same consortium, whose date and lead other rules hold.
            earlier = [(d, x) for d, _, x, _ in entries
                       if d.report.year < doc.report.year and d.report.society != doc.report.society and x.id != c.id]
            if not new or not earlier:
                continue
            before, seen = earlier[0]
            yield at(doc, ("consortia", i, "name"), "W-CONSORTIUM-NAME-REUSED",
                     CONSORTIUM_REUSED.format(name=c.name, year=doc.report.year, society=society_name(repo, before.report.society),
                                              before=before.report.year, id=seen.id,
                                              established=seen.established),
                     clause_of(repo, doc, "consortia", "new_lead"), "warning")
