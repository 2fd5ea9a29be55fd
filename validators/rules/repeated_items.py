"""One piece of work counts once: an item a report lists again, in its own area or in another,
is an error at the repeat (the first copy still scores).

Each activity belongs to one clause of 五 (5.5 is 「其他学术交流活动」), 七 is 「其他重要工作」, and
六 pays 「根据每年一次的成果评估」: the same event claimed under two categories, or again as a
major work, or a report or achievement listed twice, would be paid twice.

What counts as the same:
- within one list, the same content except `id` and `evidence`;
- an item with a title and a date (a service, an academic event, a major work, the items of an
  area a year adds): the same title and date as an item of any of these lists; two services
  are one only when they also serve the same enterprise (a service is to one enterprise); a
  government function is a service of its title, on its start, to its commissioner itself;
- a research report: the same title as another report, or as a major work's dated the day one
  of its achievements was recognised (paid once under 六, not again under 七);
- a service station, or a consortium: the same name as another of its list (one report names
  one station or one consortium once, whatever its ids, dates or role: two entries would each
  earn its points and the one-time subsidy of 3.2 or 4.3);
- a government function: the same title and commissioner as another function (2.2 pays a
  function, 「承接的某项政府职能或服务」, not a contract or a period of it);
- within one research report: an achievement of the same type and date as another (of the same
  type on another day: a warning for the staff).
Titles are compared as the rules across files compare them (`same_text`: NFKC, runs of white
space as one space), so one title is one work within a report and between societies alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from validators.models.report import YearReport, list_items
from validators.rules.cross_file_common import same_text
from validators.rules.rule_context import RuleContext
from validators.yaml.scalars import YamlPath
from validators.year.measures import counted_achievements
from validators.year.text import area_numeral

__all__ = ["BY_TITLE", "CODE", "check"]

CODE = "E-ITEM-REPEATED"

# The fields two copies of one item may differ in.
_IGNORED = frozenset({"id", "evidence"})

# Why two items are one, as the message says it.
_SAME_CONTENT = "除编号和证明材料外内容相同"
_SAME_WORK = "名称和日期相同"
_SAME_SERVICE = "名称、日期和服务的企业相同"
_SAME_TITLE = "题目相同"
_SAME_NAME = "名称相同"
_SAME_FUNCTION = "事项名称和委托单位相同"
_SAME_COMMISSIONED = "名称、日期相同，服务的企业就是委托单位"
_SAME_REPORT = "题目相同，日期是这份调研成果得到认定的日期"

# The lists whose items are standing things known by their name (no date of their own).
_NAMED = frozenset({"service_stations", "consortia"})
# Areas whose items are the same when their titles are (a research report keeps one title).
BY_TITLE = frozenset({"research"})
# The areas whose item of a research report's title is that report again, on any day: 七 pays
# 「其他重要工作」, and a report written there too is paid under 六 and 七.
_REPORT_AGAIN = frozenset({"major_work"})


def _content(value: Any) -> Any:
    """A hashable reading of an item's content, without its ids and evidence, texts normalized."""
    if isinstance(value, BaseModel):
        return tuple((name, _content(getattr(value, name)))
                     for name in type(value).model_fields if name not in _IGNORED)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return same_text(value)
    if isinstance(value, list | tuple):
        return tuple(_content(v) for v in value)
    return value


@dataclass(frozen=True, slots=True)
class _Entry:
    area: str  # the report field the item is in (`innovation` for a service)
    path: YamlPath  # the item
    item: Any
    # (key, why items holding it are one, whether a copy in the same list counts): the first
    # item to hold a key is the one every later holder repeats.
    keys: tuple[tuple[tuple[Any, ...], str, bool], ...]
    # A research report against a major work of its title on one of its achievements' days (and
    # the major work against it), without making two major works of one title one: keys held
    # but not looked up, and keys looked up but not held.
    holds: tuple[tuple[Any, ...], ...] = ()
    asks: tuple[tuple[Any, ...], ...] = ()


_FIELDS: dict[type, frozenset[str]] = {}


def _fields(kind: type) -> frozenset[str]:
    """The fields of an item's class: asking a pydantic model for a field it lacks is slow."""
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = frozenset(getattr(kind, "model_fields", ()))
    return found


def _outline(item: Any) -> tuple[Any, ...]:
    """What two items of the same content have alike, cheaply: the title (or name) and date."""
    fields = _fields(type(item))
    words = ("title" in fields and item.title) or ("name" in fields and item.name) or None
    return (same_text(words) if isinstance(words, str) else None, item.date if "date" in fields else None)


def _entries(report: YearReport, ctx: RuleContext, only: str | None, condemned: set[YamlPath]) -> Iterator[_Entry]:
    """Every list item of the report in the guideline's order (the year's areas, then the
    order in the file), each with the keys that make another item the same."""
    by_area: dict[str, list[tuple[YamlPath, Any]]] = {}
    for area, path, item in list_items(report):
        by_area.setdefault(area, []).append((path, item))
    for area in ctx.guideline.area_keys:
        if only is not None and area != only:
            continue
        listed = [(path, item, _outline(item)) for path, item in by_area.get(area, [])]
        # Items of the same content share their title (or name) and date: only those that do
        # are read whole, which is most of the rule's cost when read for every item.
        alike = Counter(outline for _, _, outline in listed)
        for path, item, outline in listed:
            list_path = path[:-1]
            content = _content(item) if alike[outline] > 1 else path  # a path is unique
            keys: list[tuple[tuple[Any, ...], str, bool]] = [
                (("content", list_path, content), _SAME_CONTENT, True)]
            title = outline[0] if hasattr(item, "title") else None  # the title, as compared
            if area in _NAMED and outline[0] is not None:
                keys.append((("name", area, outline[0]), _SAME_NAME, True))
            elif area in BY_TITLE:
                keys.append((("title", title), _SAME_TITLE, True))
            elif title is not None and hasattr(item, "commissioner"):
                # Not the dates: a function renewed for a second period of the same year is
                # still the one function of one commissioner (two entries would earn 2.2 and
                # 2.1 twice), and a start a day apart would make any function two. The second
                # period belongs in the one entry (its amount added, its end the later one).
                keys.append((("function", title, same_text(item.commissioner)), _SAME_FUNCTION, True))
                # A service of its title, that day, to the commissioner itself is the same job
                # paid under 一 and 二 (not an event or a major work of its title: a conference
                # the government commissions is an event too, 5.3 pays it as one).
                keys.append((("work", title, item.start, same_text(item.commissioner)), _SAME_COMMISSIONED, False))
            elif title is not None and hasattr(item, "date"):
                work = ("work", title, item.date)
                if hasattr(item, "enterprise"):  # two services are one when the enterprise is too
                    keys.append(((*work, same_text(item.enterprise)), _SAME_SERVICE, True))
                    keys.append((work, _SAME_WORK, False))
                else:
                    keys.append((work, _SAME_WORK, True))
            holds: tuple[tuple[Any, ...], ...] = ()
            asks: tuple[tuple[Any, ...], ...] = ()
            if title is not None and (area in BY_TITLE or area in _REPORT_AGAIN):
                # A research report written again as a major work of the day it was recognised,
                # whichever is first. Not a major work of its title on another day (the reform a
                # report was written about), a function (a commissioned study: 2.2 pays the
                # contract, 六 its recognition) nor an event (a forum may present a report).
                mine, theirs = ("report", "titled") if area in BY_TITLE else ("titled", "report")
                # The days it was recognised that count: this year's, by no achievement in error.
                days = ([a.date for j, a in counted_achievements(item, ctx.guideline)
                         if (*path, "achievements", j) not in condemned] if area in BY_TITLE else [item.date])
                holds = tuple((mine, title, day) for day in days)
                asks = tuple((theirs, title, day) for day in days)
            yield _Entry(area, path, item, tuple(keys), holds, asks)


def _may_repeat(report: YearReport, only: str | None) -> bool:
    """Whether two items could hold one key of `_entries`: every key holds an outline (the
    content key only where two items of a list share one, the others their title and date),
    so items whose outlines all differ are never one, and their keys need not be made. The
    keys of a station's or consortium's name and of a function's title and commissioner hold
    only items of one list and their name or title, and these items have no `date`: two that
    hold one such key share their list and outline, which the look within a list finds. A
    function's title and start is looked at as a work's title and date (its key holds its
    commissioner too); a research report's title is held against the major works' titles."""
    in_list: set[tuple[Any, ...]] = set()
    works: set[tuple[Any, ...]] = set()
    titles: dict[bool, set[str]] = {True: set(), False: set()}  # research's and the others'
    for area, path, item in list_items(report):
        if only is not None and area != only:
            continue
        outline = _outline(item)
        fields = _fields(type(item))
        if "title" in fields and outline[0] is not None:
            research = area in BY_TITLE
            if research or area in _REPORT_AGAIN:
                if outline[0] in titles[not research]:
                    return True
                titles[research].add(outline[0])
            work = (("research", outline[0]) if research else outline if "date" in fields
                    else (outline[0], item.start) if "start" in fields else None)
            if work is not None:
                if work in works:
                    return True
                works.add(work)
        if (path[:-1], outline) in in_list:
            return True
        in_list.add((path[:-1], outline))
    return False


def _at(entry: _Entry) -> YamlPath:
    """Where the finding goes: the item's title (or name), the words two copies share."""
    field = next((f for f in ("title", "name") if hasattr(entry.item, f)), None)
    return (*entry.path, field) if field else entry.path


def _condemned(paths: Iterable[YamlPath]) -> set[YamlPath]:
    """The items an error condemns whole, from the errors' paths: a list item's own path (two
    steps, three in a block's list); an error inside a research achievement condemns that
    achievement only (its own path, four steps), as the scorer reads it."""
    found: set[YamlPath] = set()
    for path in paths:
        if path[:1] == ("research",) and path[2:3] == ("achievements",):
            found.add(path[:4])
            continue
        found.update((path[:2], path[:3]))
    return found


def check(report: YearReport, ctx: RuleContext, area: str | None = None,
          errors: Iterable[YamlPath] | None = None) -> None:
    """Every repeat after the first, in the whole report; with `area`, within that area only
    (what a what-if copy that changed that area is checked with). An item with an error of its
    own (`errors`: the paths of the report's errors so far, by default those in `ctx`) is no
    first copy: it earns nothing, so a copy of it that is right scores in its place."""
    condemned = _condemned(errors if errors is not None else
                           (f.path for f in ctx.findings if f.severity == "error" and f.path))
    if not _may_repeat(report, area):  # most reports: only achievements can still repeat
        for name, path, item in list_items(report):
            if name == "research" and area in (None, name) and path not in condemned:
                _achievements(_Entry(name, path, item, ()), ctx, condemned)
        return
    first: dict[tuple[Any, ...], _Entry] = {}
    for entry in _entries(report, ctx, area, condemned):
        if entry.path in condemned:
            continue
        repeated = next(((first[key], why) for key, why, same_list in entry.keys if key in first
                         and (same_list or first[key].path[:-1] != entry.path[:-1])), None)
        if repeated is None:  # another area's: never the same list
            repeated = next(((first[key], _SAME_REPORT) for key in entry.asks if key in first), None)
        if repeated is not None:
            original, why = repeated
            area_of = ctx.guideline.area(original.area)
            ctx.error(_at(entry), CODE,
                      f"与“{area_numeral(area_of.id)}、{area_of.title}”中的“{original.item.id}”是同一项工作"
                      f"（{why}）：同一项工作只计一次分，"
                      "请删除重复的一项，或写明它们的区别。", ctx.guideline.area(entry.area).id)
            continue
        # Only a first copy holds keys: a third copy is named after the first, not the second,
        # and a repeated report's achievements are refused with it, not told apart.
        for key, _, _ in entry.keys:
            first.setdefault(key, entry)
        for key in entry.holds:
            first.setdefault(key, entry)
        if entry.area == "research":
            _achievements(entry, ctx, condemned)


def _achievements(entry: _Entry, ctx: RuleContext, condemned: set[YamlPath]) -> None:
    """Within one research report, an achievement of the same type and date as an earlier one is
    that one again (an error; one with an error of its own is no first copy). One of the same
    type on another day this year is said for the staff: two leaders may each sign a report, two
    journals each publish it, and the guideline does not say one per way; but a day apart is
    also how one adoption is claimed twice (`W-ACHIEVEMENT-SAME-TYPE`)."""
    seen: dict[tuple[str, object], int] = {}
    typed: dict[str, tuple[int, object]] = {}
    counted = {j for j, _ in counted_achievements(entry.item, ctx.guideline)}
    for j, achievement in enumerate(entry.item.achievements):
        if (*entry.path, "achievements", j) in condemned:
            continue
        key = (achievement.type.value, achievement.date)
        if key in seen:
            ctx.error((*entry.path, "achievements", j, "date"), CODE,
                      f"与本项的第 {seen[key] + 1} 项成果（{achievement.type.label}，{achievement.date}）"
                      "是同一成果（认定方式和日期相同）：同一成果只计一次分，请删除这一项。",
                      ctx.guideline.area(entry.area).id)
            continue
        seen[key] = j
        if j not in counted:  # another year's: earns nothing here
            continue
        kind = achievement.type.value
        if kind in typed:
            n, day = typed[kind]
            ctx.warning((*entry.path, "achievements", j, "type"), "W-ACHIEVEMENT-SAME-TYPE",
                        f"与本项的第 {n + 1} 项成果（{achievement.type.label}，{day}）认定方式相同、日期不同："
                        "若是同一次认定（如同一次采纳写了两个日期），请删除这一项；若确是两次（如两位领导分别签批、"
                        "两种刊物分别发表），请在证明材料中附上各自的文件，由市科协核查。",
                        ctx.guideline.area(entry.area).id)
        else:
            typed[kind] = (j, achievement.date)
