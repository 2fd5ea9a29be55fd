"""The guideline's measures of an item: counts, rates, dates and names as the clauses read them.

Rules turn a measure that falls short into a finding; scoring, advice and the site read the
same measures, so a number shown on a page is the number a rule judged. Nothing here says
whether an item passes: that verdict is the findings' (see `validators.verdicts`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from validators.models.academic_events import AcademicEvent
from validators.models.innovation import Innovation
from validators.models.research import Achievement, ResearchReport
from validators.yaml.policy import policy
from validators.year.countries import country_code
from validators.year.guideline import DistrictRename, Guideline, Province
from validators.year.quotes import said

# Chinese characters: CJK unified ideographs, extension A, and the compatibility block.
_HAN = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))

__all__ = [
    "BRACKET_MARKS",
    "DID_YOU_MEAN",
    "OTHER_INDUSTRY",
    "company_ending",
    "counted_achievements",
    "countries",
    "distinct_members",
    "district_rename_hint",
    "district_renamed",
    "expert_rate",
    "expert_rate_met",
    "founded_before",
    "founded_this_year",
    "government_ending",
    "has_han",
    "in_window",
    "member_key",
    "no_outcome",
    "out_of_province",
    "percent",
    "pilot_confirmed",
    "regions",
]


def in_window(day: dt.date, guideline: Guideline) -> bool:
    """Inside the year's evaluation window: (previous deadline, this deadline]."""
    return guideline.evaluation_window.contains(day)


def no_outcome(outcome: str, guideline: Guideline, clause: str) -> str | None:
    """Why a service's 服务成效 does not show the effect `clause` asks of a pilot-district
    service (2017's 1.3: 「具有成效性」): it says nothing (无, 暂无, -; `policy.yaml`
    `text.nothing_words`). None when it says something. The check's warning and the score line
    say it alike, each naming the clause the year's rubric rule cites (`year.cited`)."""
    if not policy().text.says_nothing(outcome):
        return None
    effect = said("具有成效性", guideline.clauses.get(clause, ""))
    return f"服务成效写的是“{outcome.strip()}”，没有写出成效，不符合条款 {clause} 要求的{effect}"


def founded_this_year(established: dt.date, guideline: Guideline) -> bool:
    """A station or consortium is new (earns its one-off) in the year whose window holds its date."""
    return in_window(established, guideline)


def founded_before(established: dt.date, guideline: Guideline) -> bool:
    """Established in an earlier year: from then on it is paid by yearly tier (3.2, 4.3)."""
    return established <= guideline.evaluation_window.start


def expert_rate(total: int, registered: int) -> float | None:
    return registered / total if total else None


def percent(rate: float, threshold: float) -> str:
    """A rate as people read it, on the same side of `threshold` as the rate itself: a rate that
    misses it is never rounded up onto it (499/1000 is 49.9%, 4999/10000 is 49.99%), one that meets
    it never rounded down below it. Whole percents are shown whole (50%, 60%); others with one
    decimal, or as many more as keeping the side takes. The one place a rate is formatted."""
    meets = rate >= threshold
    line = Decimal(repr(threshold)) * 100
    decimals = 0 if round(rate, 2) == rate else 1
    while True:
        shown = f"{rate * 100:.{decimals}f}"
        if (Decimal(shown) >= line) == meets or decimals >= 12:
            return f"{shown}%"
        decimals += 1


def expert_rate_met(area: Innovation, guideline: Guideline) -> bool:
    """1.2: 成功注册率达50%以上."""
    rate = expert_rate(area.senior_experts_total, area.senior_experts_registered)
    return (rate is not None and rate >= guideline.thresholds.expert_registration_rate
            and area.senior_experts_registered <= area.senior_experts_total)


# A name's parts inside and outside brackets are read apart: “示例科技有限公司（成都）”.
BRACKET_MARKS = "（）()"
_BRACKETS = str.maketrans(dict.fromkeys(BRACKET_MARKS, "\n"))
_SPLITTERS = BRACKET_MARKS + "\n"  # a line break parts a name too, as the form reads it


def _parts(name: str) -> list[str]:
    """The parts of a name in and outside brackets and on each line, trimmed (most names have
    neither: translating them would cost more than the rest of the comparison)."""
    if any(b in name for b in _SPLITTERS):
        return [p.strip() for p in name.translate(_BRACKETS).split("\n")]
    return [name.strip()]


def company_ending(name: str, guideline: Guideline) -> tuple[str, str] | None:
    """The part of a commissioner's name that makes it a company (二), and the year's marker it
    ends in: a company's name ends in one (“…有限公司”, a branch “…有限公司成都分公司”), while a
    government body may merely contain one (“四川省中小企业局”, “成都市企业信用信息公示系统管理办公室”).
    Each part in or outside brackets is read apart (“示例科技有限公司（成都）” is a company,
    “四川省经济和信息化委员会（四川省中小企业局）” is not). The longest marker a part ends in is named.
    Letters are compared case-blind: “CO., LTD.” ends in “Ltd.” as “Co., Ltd.” does."""
    markers = guideline.lowered_markers[0]
    for part in _parts(name):
        lower = part.lower()
        if not lower.endswith(markers):  # the common case, in one call
            continue
        ends = [m for m in guideline.company_markers if m and lower.endswith(m.lower())]
        return part, max(ends, key=len)
    return None


def government_ending(name: str, guideline: Guideline) -> tuple[str, str] | None:
    """The part of a service's enterprise (一) that makes it look like a government body, and the
    year's `government_markers` entry it ends in (the longest): “成都市某某局”, “某某区人民政府办公室”,
    “成都高新区管委会（经济运行局）”. A name that is a company's by `company_ending` (“某某管理委员会
    服务有限公司”, “……有限公司（原某某局）”) is an enterprise, and so is a part ending in one of
    `government_marker_exceptions` (“某某餐厅”); None then, and in a year without markers. Parts in
    and outside brackets are read apart, letters case-blind, as `company_ending` reads them."""
    _, markers, exceptions = guideline.lowered_markers
    if not markers or company_ending(name, guideline) is not None:
        return None
    for part in _parts(name):
        lower = part.lower()
        if not lower.endswith(markers) or (exceptions and lower.endswith(exceptions)):
            continue
        ends = [m for m in guideline.government_markers if m and lower.endswith(m.lower())]
        return part, max(ends, key=len)
    return None


def counted_achievements(report: ResearchReport, guideline: Guideline) -> list[tuple[int, Achievement]]:
    """Achievements whose date lies in this year's window: 成果形成日期以当年评估截止日期为准."""
    return [(i, a) for i, a in enumerate(report.achievements) if in_window(a.date, guideline)]


@dataclass(frozen=True, slots=True)
class Regions:
    """An event's `speaker_provinces` read as regions (5.2)."""

    counted: list[Province]  # distinct, other than the home province, counting toward the six
    not_counted: list[tuple[int, Province]]  # listed regions the year's file says do not count
    home: list[int]  # entries naming the home province
    unknown: list[tuple[int, str]]
    repeated: list[int]  # entries naming a region already named


def regions(event: AcademicEvent, guideline: Guideline) -> Regions:
    home = guideline.province(guideline.home_province)
    seen: set[str] = set()
    counted: list[Province] = []
    not_counted: list[tuple[int, Province]] = []
    at_home: list[int] = []
    unknown: list[tuple[int, str]] = []
    repeated: list[int] = []
    for j, name in enumerate(event.speaker_provinces):
        region = guideline.province(name)
        if region is None:
            unknown.append((j, name))
            continue
        if region.name in seen:
            repeated.append(j)
            continue
        seen.add(region.name)
        if home is not None and region.name == home.name:
            at_home.append(j)
        elif not region.counts:
            not_counted.append((j, region))
        else:
            counted.append(region)
    return Regions(counted, not_counted, at_home, unknown, repeated)


def out_of_province(event: AcademicEvent, guideline: Guideline) -> list[str]:
    """Short names of the distinct regions that count toward 5.2's six, in the order given."""
    return [p.short for p in regions(event, guideline).counted]


@dataclass(frozen=True, slots=True)
class Countries:
    """An event's `countries` read as ISO 3166-1 countries and regions (5.3)."""

    codes: list[str]  # distinct, in the order given
    unknown: list[tuple[int, str]]  # index, name
    repeated: list[tuple[int, str]]  # index, and the code an earlier entry already named


def countries(event: AcademicEvent, guideline: Guideline) -> Countries:
    codes: list[str] = []
    unknown: list[tuple[int, str]] = []
    repeated: list[tuple[int, str]] = []
    for j, name in enumerate(event.countries):
        code = country_code(name, guideline.country_aliases)
        if code is None:
            unknown.append((j, name))
        elif code in codes:
            repeated.append((j, code))
        else:
            codes.append(code)
    return Countries(codes, unknown, repeated)


def member_key(name: str) -> str:
    """What two written forms of one member share: the NFKC form (a full-width letter is a
    letter), and in a name that holds a Chinese character no whitespace at all (“某 某学会” is
    “某某学会”); in any other name each inner run of whitespace is one space. Traditional and
    simplified characters are not folded: no library in the requirements converts them."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(text.split()) if any(lo <= c <= hi for c in text for lo, hi in _HAN) else " ".join(text.split())


def has_han(text: str) -> bool:
    """Whether `text` holds a Chinese character (of `_HAN`'s blocks)."""
    return any(lo <= c <= hi for c in text for lo, hi in _HAN)


def distinct_members(members: list[str]) -> list[str]:
    """A consortium's members, each once (4.3's tiers count members): written variants of one
    name (`member_key`) count once, under the first form written."""
    first: dict[str, str] = {}
    for m in members:
        first.setdefault(member_key(m), m.strip())
    return list(first.values())


# What a consortium writes as its industry when none of 4.1's is it: no listed name, and never
# suggested for one (`check`'s E-INDUSTRY-UNKNOWN, the workbook's list and the form's).
OTHER_INDUSTRY = "其他"

# The hint after a name a list does not hold, of the one listed name that contains it or is
# contained in it (validators.rules.suggest, `did_you_mean`: 蒲江 → 蒲江县). The online form gives
# it for a district as `check` does (site_builder/form_labels.py, form-check.js).
DID_YOU_MEAN = "你是不是想写“{match}”？"


def district_renamed(name: str, year: int, guideline: Guideline) -> DistrictRename | None:
    """The rename that explains a district name missing from the year's list, old or new."""
    name = name.strip()
    for rename in guideline.district_renames:
        if name == rename.old and rename.year <= year:
            return rename
        if name == rename.new and rename.year > year:
            return rename
    return None


def district_rename_hint(name: str, guideline: Guideline) -> str | None:
    """What to write instead of a district name a rename explains, in the year's words (郫县 in
    2018: 郫都区), or None. The check says it (E-DISTRICT-UNKNOWN), and the form from its data."""
    rename = district_renamed(name, guideline.year, guideline)
    if rename is None:
        return None
    if name.strip() == rename.old:
        return f"{rename.year} 年起“{rename.old}”已改为“{rename.new}”，请写“{rename.new}”。"
    return f"“{rename.new}”是 {rename.year} 年起的名称，{guideline.year} 年时称“{rename.old}”，请写“{rename.old}”。"


def pilot_confirmed(society: str, guideline: Guideline) -> bool | None:
    """Whether the association's list names the society as a pilot (2.1); None while the year's
    list is not published (empty)."""
    if not guideline.pilot_societies:
        return None
    return society in guideline.pilot_societies
