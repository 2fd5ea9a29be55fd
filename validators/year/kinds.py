"""The kinds a year's reports may name, area by area: each kind's code, the words readers see,
the other ways people write it, the clause it serves, and (for academic events) the criteria
a claimed category must meet. All of it is the year file's data (`kinds:`)."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

__all__ = ["VOCABULARY_TITLES", "EventCategory", "EventCriteria", "Kind", "Kinds", "ResearchTopic"]

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Kind(_Strict):
    code: Code
    label: Annotated[str, Field(min_length=1, max_length=40)]
    clause: str | None = None
    aliases: list[str] = []

    def names(self) -> list[str]:
        """Every way a report may write it: the label, the code, the aliases."""
        return [self.label, self.code, *self.aliases]


class EventCriteria(_Strict):
    """What an event must show to count in its category; the numbers are the clause's."""

    roles: list[str] | None = None  # the event roles (codes or labels) that may claim it
    min_participants: PositiveInt | None = None
    main_forum: bool = False
    min_sub_forums: PositiveInt | None = None
    materials: bool = False
    min_provinces: PositiveInt | None = None
    min_countries: PositiveInt | None = None
    occasion: bool = False  # held in a popularisation occasion of the year's list
    # Why a number here is not the one the clause's text states (the check asks for the reason).
    not_in_text: str | None = None


class EventCategory(Kind):
    criteria: EventCriteria = EventCriteria()


class ResearchTopic(Kind):
    requires_focus: bool = False  # 6.1: the report names which of the focuses it serves


# What each vocabulary is, as the year-file messages name it.
VOCABULARY_TITLES = {
    "service_kinds": "服务类型", "function_methods": "承接方式", "station_levels": "服务站级别",
    "consortium_forms": "联合体形式", "event_categories": "学术交流活动类别",
    "research_forms": "成果形式", "research_topics": "选题方向", "research_focuses": "国家中心城市建设的方面",
    "achievement_types": "成果认定方式", "major_work_kinds": "重大工作类别",
}


class Kinds(_Strict):
    service_kinds: list[Kind]
    function_methods: list[Kind]
    station_levels: list[Kind]
    consortium_forms: list[Kind]
    event_categories: list[EventCategory]
    research_forms: list[Kind]
    research_topics: list[ResearchTopic]
    research_focuses: list[Kind]
    achievement_types: list[Kind]
    major_work_kinds: list[Kind]

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        for name in VOCABULARY_TITLES:
            entries: list[Kind] = getattr(self, name)
            if not entries:
                raise ValueError(f"{name}（{VOCABULARY_TITLES[name]}）至少要有一项")
            seen: dict[str, str] = {}
            for entry in entries:
                for written in entry.names():
                    if seen.setdefault(written, entry.code) != entry.code:
                        raise ValueError(f"{name}（{VOCABULARY_TITLES[name]}）中“{written}”同时指两项："
                                         f"{seen[written]} 和 {entry.code}")
        return self

    def vocabulary(self, name: str) -> list[Kind]:
        entries: list[Kind] = getattr(self, name)
        return entries

    def find(self, name: str, written: str) -> Kind | None:
        """The kind of vocabulary `name` that `written` (a code, label or alias) stands for."""
        written = written.strip()
        return next((k for k in self.vocabulary(name) if written in k.names()), None)
