"""A year that carries another forward states only what changes, to any depth; every mistake is
said in Chinese at its file, line and key."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from validators.yaml import loading
from validators.year import files
from validators.year.consistency import year_problems
from validators.year.files import YearFileError, year_data
from validators.year.guideline import guideline, reread_guidelines
from validators.year.rubric import reread_rubrics, rubric


def _year(root: Path, kind: str, year: int, text: str) -> None:
    path = root / "validators" / kind / f"{year}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def _2019(root: Path, text: str, kind: str = "guidelines") -> None:
    head = "year: 2019\ncarried_forward_from: 2018\n" + (
        "title: 2019年度\n" if kind == "guidelines" else "id: default-2019\ntitle: 2019年度细则\n")
    _year(root, kind, 2019, head + textwrap.dedent(text).lstrip())


def test_one_threshold_changes_and_the_rest_is_carried(tmp_path: Path) -> None:
    _2019(tmp_path, """
        thresholds:
          expert_registration_rate: 0.6
        """)
    data = year_data("guidelines", 2019, tmp_path)
    assert data is not None
    before = year_data("guidelines", 2018)
    assert before is not None
    assert data["thresholds"] == {**before["thresholds"], "expert_registration_rate": 0.6}
    assert data["districts"] == before["districts"]


def test_one_label_of_the_rubric_changes_alone(tmp_path: Path) -> None:
    _2019(tmp_path, """
        innovation:
          platform_registered: {points: 4}
        """, kind="rubrics")
    data = year_data("rubrics", 2019, tmp_path)
    assert data is not None
    rule = data["innovation"]["platform_registered"]
    assert rule["points"] == 4
    assert rule["label"] == "在中国科协“企业科协网”成功注册"  # the rest of the rule is carried
    assert data["innovation"]["cap"] == 20


def test_lists_are_edited_by_name(tmp_path: Path) -> None:
    _2019(tmp_path, """
        industries:
          add: [数字经济]
          remove: [会展经济]
        provinces:
          edit:
            香港特别行政区: {counts: true, why: null}
        pilot_districts:
          add: [新都区]
        """)
    data = year_data("guidelines", 2019, tmp_path)
    assert data is not None
    assert "数字经济" in data["industries"]
    assert "会展经济" not in data["industries"]
    hong_kong = next(p for p in data["provinces"] if p["name"] == "香港特别行政区")
    assert hong_kong == {"name": "香港特别行政区", "short": "香港", "counts": True}
    assert data["pilot_districts"] == ["郫都区", "新都区"]


def test_a_whole_list_is_replaced_by_a_list(tmp_path: Path) -> None:
    _2019(tmp_path, "pilot_districts: [新都区]\n")
    data = year_data("guidelines", 2019, tmp_path)
    assert data is not None
    assert data["pilot_districts"] == ["新都区"]


def test_null_drops_a_carried_value(tmp_path: Path) -> None:
    _2019(tmp_path, "district_renames: null\n")
    data = year_data("guidelines", 2019, tmp_path)
    assert data is not None
    assert "district_renames" not in data


@pytest.mark.parametrize(("text", "line", "said"), [
    ("industries:\n  plus: [数字经济]\n", 4, "不认识“plus”"),
    ("industries:\n  remove: [航天]\n", 5, "没有要删除的“航天”"),
    ("provinces:\n  edit:\n    火星: {counts: true}\n", 6, "没有要修改的“火星”"),
    ("industries:\n  add: [文旅]\n", 5, "已有“文旅”"),
    ("industries:\n  edit:\n    文旅: {x: 1}\n", 5, "没有名称"),
    ("industries:\n  add: 数字经济\n", 5, "add 后面要写一个列表"),
    ("industries:\n  remove: 航天\n", 5, "remove 后面要写一个列表"),
    ("kinds:\n  event_categories:\n    edit: [annual_conference]\n", 6, "edit 后面写“名称: 改动”"),
])
def test_a_wrong_edit_is_said_in_chinese_at_its_line(tmp_path: Path, text: str, line: int,
                                                      said: str) -> None:
    _2019(tmp_path, text)
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    problem = caught.value.problems[0]
    assert problem.file == "validators/guidelines/2019.yaml"
    assert problem.line == line
    assert said in problem.message


@pytest.mark.parametrize(("text", "line", "column", "said"), [
    # `edit:` left empty with its entry at its own depth: said at the entry, as an indentation slip.
    ("kinds:\n  major_work_kinds:\n    edit:\n    党建: {label: 学会党建}\n    remove: [科技扶贫]\n", 7, 5,
     "edit: 下面什么也没写（空值），而“党建”与 edit 写在同一层"),
    ("kinds:\n  major_work_kinds:\n    remove:\n    edit:\n    党建: {label: 学会党建}\n", 8, 5,
     "“党建”大概应写在 edit: 下面，再多缩进两个空格"),
    # An edit that is empty on its own changes nothing: said, never passed over.
    ("kinds:\n  major_work_kinds:\n    edit:\n", 6, 5, "edit: 下面什么也没写（空值），什么也不改"),
    ("industries:\n  add:\n", 5, 3, "add: 下面什么也没写（空值）"),
    ("industries:\n  remove:\n", 5, 3, "remove: 下面什么也没写（空值），什么也不改：在它下面写出要改动的项（多缩进两个空格），"
     "如 remove: [电子信息]"),
    ("industries:\n  remove: []\n", 5, 3, "remove 后面是空的 []，什么也不改"),
    ("kinds:\n  major_work_kinds:\n    edit: {}\n", 6, 5, "edit 后面是空的 {}，什么也不改：在括号里写出要改动的项，如 edit: {reform: ...}"),
    # A list of plain words has no names to edit by: the advice is not an edit the next run refuses.
    ("industries:\n  edit: {}\n", 5, 3, "edit 什么也不改，而这份列表的每一项没有名称（key、code、id、name 或 tier），"
     "只能整体替换或用 add、remove 增删：请删去这一行。"),
])
def test_an_empty_edit_is_said_at_its_line(tmp_path: Path, text: str, line: int, column: int, said: str) -> None:
    _2019(tmp_path, text)
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("validators/guidelines/2019.yaml", line, column)
    assert said in problem.message, problem.message


def test_a_whole_entry_under_remove_is_told_to_be_named_not_shown_as_a_mapping(tmp_path: Path) -> None:
    _2019(tmp_path, "district_renames:\n  remove: [{old: 郫县, new: 郫都区, year: 2016}]\n")
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    [problem] = caught.value.problems
    assert "district_renames 的 remove 只写要删除的项的名称，不写整项：如 remove: [" in problem.message
    assert "{" not in problem.message


def test_a_long_name_is_not_offered_for_a_character_or_two_in_common(tmp_path: Path) -> None:
    """Half alike is close for two characters (党健 → 党建), not for longer names."""
    _2019(tmp_path, "kinds:\n  major_work_kinds:\n    remove: [科技下乡]\n")
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    assert "你是不是想写" not in caught.value.problems[0].message


@pytest.mark.parametrize(("text", "said"), [
    ("kinds:\n  major_work_kinds:\n    remove: [科技扶平]\n", "没有要删除的“科技扶平”。你是不是想写“科技扶贫”？现有 reform"),
    ("kinds:\n  major_work_kinds:\n    remove: [talent_bas]\n", "你是不是想写“talent_base”？"),
    ("kinds:\n  major_work_kinds:\n    edit:\n      党健: {label: 学会党建}\n", "没有要修改的“党健”。你是不是想写“党建”？"),
    ("kinds:\n  major_work_kinds:\n    edit:\n      party_buildin: {label: 学会党建}\n", "你是不是想写“party_building”？"),
])
def test_a_misspelt_name_to_edit_or_remove_gets_the_nearest_key_or_label(tmp_path: Path, text: str, said: str) -> None:
    _2019(tmp_path, text)
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    assert said in caught.value.problems[0].message, caught.value.problems[0].message


def test_a_name_near_none_gets_no_guess(tmp_path: Path) -> None:
    _2019(tmp_path, "industries:\n  remove: [航天]\n")
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    assert "你是不是想写" not in caught.value.problems[0].message


def test_a_rubric_rule_indented_one_level_too_little_is_told_where_it_belongs(tmp_path: Path) -> None:
    _2019(tmp_path, 'major_work:\n  学会党建: {clause: "7.3", points: 2, max_count: 1, label: 学会党建工作}\n',
          kind="rubrics")
    reread_rubrics()
    with pytest.raises(YearFileError) as caught:
        rubric(2019, tmp_path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (6, 3)
    assert "未知字段“学会党建”。是不是应写在 kind 下面（多缩进两个空格）？这里可用的字段有：cap、kind。" in problem.message


def test_a_wrong_value_is_said_in_chinese_at_its_key(tmp_path: Path) -> None:
    _2019(tmp_path, "thresholds:\n  expert_registration_rate: 一半\n")
    with pytest.raises(YearFileError) as caught:
        guideline(2019, tmp_path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("validators/guidelines/2019.yaml", 5)
    assert "expert_registration_rate" in problem.message
    assert problem.message.isascii() is False  # said in Chinese


@pytest.mark.parametrize(("text", "line", "column", "said"), [
    # A value of an entry changed with `edit`, written in blocks or in one line.
    ("kinds:\n  event_categories:\n    edit:\n      annual_conference: {criteria: {min_participants: 100}}\n"
     "      national_exchange:\n        criteria:\n          min_provinces: 六\n", 10, 26, "“min_provinces”应为整数"),
    ("kinds:\n  event_categories:\n    edit:\n      national_exchange: {criteria: {min_particpants: 100}}\n",
     7, 38, "未知字段“min_particpants”"),
    # An entry added with `add`, second in its list.
    ("kinds:\n  event_categories:\n    add:\n      - {code: a_new, label: 新类别甲, clause: '5.5'}\n"
     "      - {code: b_new, label: 新类别乙, clause: '5.5', criteria: {min_participantz: 300}}\n",
     8, 62, "未知字段“min_participantz”"),
    # A province edited by its name, and a list written whole (the file's index is the year's).
    ("provinces:\n  edit:\n    香港特别行政区: {counts: 是}\n", 6, 23, "counts"),
    ("industries: [电子信息, [装备制造]]\n", 4, 20, "industries"),
])
def test_a_wrong_value_in_an_edited_list_is_said_at_its_own_line(tmp_path: Path, text: str, line: int, column: int,
                                                                   said: str) -> None:
    """The model reads the year carried forward; its mistakes are said where the year's file
    writes them, not at the `edit:` or `add:` that holds them (every edit was said at one line)."""
    _2019(tmp_path, text)
    with pytest.raises(YearFileError) as caught:
        guideline(2019, tmp_path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("validators/guidelines/2019.yaml", line, column)
    assert said in problem.message


def test_an_unknown_key_is_said_in_chinese(tmp_path: Path) -> None:
    _2019(tmp_path, "innovation:\n  platform_registerd: {points: 4}\n", kind="rubrics")
    with pytest.raises(YearFileError) as caught:
        rubric(2019, tmp_path)
    problem = caught.value.problems[0]
    assert problem.line == 6
    assert "platform_registerd" in problem.message
    assert "platform_registered" in problem.message  # the key it most likely meant


def test_a_year_cannot_carry_a_later_or_missing_one(tmp_path: Path) -> None:
    _year(tmp_path, "guidelines", 2019, "year: 2019\ncarried_forward_from: 2020\n")
    with pytest.raises(YearFileError, match="更早的年度"):
        year_data("guidelines", 2019, tmp_path)
    _year(tmp_path, "guidelines", 2019, "year: 2019\ncarried_forward_from: 2016\n")
    with pytest.raises(YearFileError, match="沿用的 2016 年没有指南参数文件"):
        year_data("guidelines", 2019, tmp_path)


@pytest.mark.parametrize("name", ["annual_conference", "综合性学术年会"])
def test_an_entry_is_edited_by_its_key_or_its_label(tmp_path: Path, name: str) -> None:
    _2019(tmp_path, f"kinds:\n  event_categories:\n    edit:\n      {name}: {{criteria: {{min_participants: 150}}}}\n")
    [annual] = [c for c in year_data("guidelines", 2019, tmp_path)["kinds"]["event_categories"]
                if c["code"] == "annual_conference"]
    assert annual["criteria"]["min_participants"] == 150


def test_an_area_is_edited_by_its_number(tmp_path: Path) -> None:
    _2019(tmp_path, 'areas:\n  edit:\n    "5": {title: 学术交流与科普活动}\n')
    [area] = [a for a in year_data("guidelines", 2019, tmp_path)["areas"] if a["id"] == "5"]
    assert area["title"] == "学术交流与科普活动"


def test_an_unquoted_number_as_a_name_is_told_to_quote_it(tmp_path: Path) -> None:
    _2019(tmp_path, "areas:\n  edit:\n    5: {title: 学术交流与科普活动}\n")
    with pytest.raises(YearFileError) as caught:
        year_data("guidelines", 2019, tmp_path)
    assert '请加上引号，如 "5":' in caught.value.problems[0].message


NEW_AREA = """
areas:
  add:
    - id: "8"
      key: digital_services
      title: 数字化服务
      kinds:
        - {code: platform, label: 数字化平台建设, clause: "8.1"}
"""


@pytest.mark.parametrize(("text", "line", "said"), [
    ("academic_event:\n  cap: 20\n", 5, "你是不是想写“academic_events”？"),
    ("digital_service:\n  cap: 10\n", 5, "你是不是想写“digital_services”？"),
    ("digital_services:\n  cap: 10\n  kinds: {}\n", 7, "未知字段“kinds”。你是不是想写“kind”？这里可用的字段有：cap、kind"),
    ("digital_services:\n  cap: 10\n  kind:\n    数字化平台建设: {clause: \"8.1\", points: 二}\n", 8, "应为数字"),
])
def test_a_wrong_rubric_section_is_said_in_chinese(tmp_path: Path, text: str, line: int, said: str) -> None:
    _2019(tmp_path, NEW_AREA)
    _2019(tmp_path, text, kind="rubrics")
    with pytest.raises(YearFileError) as caught:
        rubric(2019, tmp_path)
    [problem] = [p for p in caught.value.problems if said in p.message] or caught.value.problems
    assert said in problem.message
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", line)
    assert "Value error" not in problem.message


def test_a_window_out_of_order_is_said_at_the_window(tmp_path: Path) -> None:
    _2019(tmp_path, "evaluation_window:\n  start: 2019-11-30\n  deadline: 2018-11-30\n  note: 颠倒\n")
    with pytest.raises(YearFileError) as caught:
        guideline(2019, tmp_path)
    [problem] = caught.value.problems
    assert problem.line == 5
    assert "start 须早于 deadline" in problem.message
    assert "Value error" not in problem.message


def test_each_year_file_is_read_once_per_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A year reads the chain it carries forward from: ten years one from the other read 55
    files where there are 10. Each version of a file is read once; a changed file is read again."""
    for year in (2019, 2020, 2021):
        _year(tmp_path, "guidelines", year, f"year: {year}\ncarried_forward_from: {year - 1}\ntitle: {year}年度\n")
    read: list[str] = []
    real = files.load_path

    def counted(path: Path, name: str, limits: None) -> files.Loaded:
        read.append(path.name)
        return real(path, name, limits)

    monkeypatch.setattr(files, "load_path", counted)
    monkeypatch.setattr(files, "_READ", {})
    titles = [year_data("guidelines", year, tmp_path)["title"] for year in (2019, 2020, 2021)]  # type: ignore[index]
    assert titles == ["2019年度", "2020年度", "2021年度"]
    assert sorted(read) == ["2017.yaml", "2018.yaml", "2019.yaml", "2020.yaml", "2021.yaml"]
    _year(tmp_path, "guidelines", 2020, "year: 2020\ncarried_forward_from: 2019\ntitle: 2020年度（修订）\n")
    read.clear()
    assert year_data("guidelines", 2021, tmp_path)["title"] == "2021年度"  # type: ignore[index]
    assert year_data("guidelines", 2020, tmp_path)["title"] == "2020年度（修订）"  # type: ignore[index]
    assert read == ["2020.yaml"]


def test_every_reader_of_the_year_files_shares_one_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The years' consistency, the rubric's tables by kind, the guideline's text and the models
    each read the year files for themselves: twice or three times each at every start. A tree
    of three years, checked as a whole check does, parses each of its files once."""
    for year in (2019, 2020, 2021):
        _year(tmp_path, "guidelines", year, f"year: {year}\ncarried_forward_from: {year - 1}\ntitle: {year}年度\n")
        rubric_text = f"year: {year}\ncarried_forward_from: {year - 1}\nid: default-{year}\ntitle: {year}年度细则\n"
        _year(tmp_path, "rubrics", year, rubric_text)
    parsed: list[str] = []
    real = loading.load_bytes

    def counted(data: bytes, file: str, *args: Any, **kwargs: Any) -> loading.Loaded:
        parsed.append(file)
        return real(data, file, *args, **kwargs)

    monkeypatch.setattr(loading, "load_bytes", counted)
    monkeypatch.setattr(files, "_READ", {})
    reread_guidelines()
    reread_rubrics()
    for year in (2019, 2020, 2021):
        assert guideline(year, tmp_path) is not None
        assert rubric(year, tmp_path) is not None
    year_problems(tmp_path)
    year_files = [f for f in parsed if "/guidelines/" in f or "/rubrics/" in f]
    assert year_files
    assert sorted(year_files) == sorted(set(year_files)), Counter(year_files).most_common(3)


@pytest.mark.parametrize(("text", "kind", "line", "said"), [
    # A Chinese colon in a flow mapping: one key with no value, which read as "drop it".
    ("innovation:\n  platform_registered: {points：4}\n", "rubrics", 6, "写作 points: 4"),
    ("government_functions:\n  pilto: null\n", "rubrics", 6, "上一年度这里没有它"),
    ("thresholds:\n  industriez: ~\n", "guidelines", 5, "是不是写错了名称"),
])
def test_dropping_what_the_year_before_does_not_have_is_said(tmp_path: Path, text: str, kind: str,
                                                             line: int, said: str) -> None:
    """A typo written null was dropped without a word, and the change it meant was lost (1.1
    stayed at 3 points)."""
    _2019(tmp_path, text, kind=kind)
    with pytest.raises(YearFileError) as caught:
        year_data(kind, 2019, tmp_path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (f"validators/{kind}/2019.yaml", line)
    assert said in problem.message


@pytest.mark.parametrize(("text", "line", "column", "said"), [
    # The total's tiers and a station's, each said at the entry out of order, with its values.
    ("tiers:\n  - {tier: 一档, min_total: 80}\n  - {tier: 二档, min_total: 85}\n  - {tier: 三档, min_total: 35}\n",
     6, 27, "一档 80 分低于二档 85 分：总分（tiers）的档次须从高到低排列"),
    ("service_stations:\n  tiers:\n"
     "    - {tier: 一档, min_activities: 12, min_enterprises_served: 20, points: 4}\n"
     "    - {tier: 二档, min_activities: 2, min_enterprises_served: 10, points: 2.5}\n"
     "    - {tier: 三档, min_activities: 6, min_enterprises_served: 3, points: 1}\n",
     8, 34, "二档 2 次活动低于三档 6 次活动：服务站（service_stations.tiers）的档次须从高到低排列"),
    ("consortia:\n  tiers:\n"
     "    - {tier: 一档, min_activities: 1, min_members: 5, points: 3}\n"
     "    - {tier: 二档, min_activities: 4, min_members: 3, points: 2}\n"
     "    - {tier: 三档, min_activities: 8, min_members: 2, points: 1}\n",
     7, 34, "一档 1 次活动低于二档 4 次活动；二档 4 次活动低于三档 8 次活动：联合体（consortia.tiers）"),
])
def test_tiers_out_of_order_are_said_at_the_entry(tmp_path: Path, text: str, line: int, column: int,
                                                  said: str) -> None:
    _2019(tmp_path, text, kind="rubrics")
    reread_rubrics()
    with pytest.raises(YearFileError) as caught:
        rubric(2019, tmp_path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("validators/rubrics/2019.yaml", line, column), problem
    assert said in problem.message


def test_tiers_of_two_kinds_out_of_order_are_both_said(tmp_path: Path) -> None:
    _2019(tmp_path, "tiers:\n  edit:\n    二档: {min_total: 85}\n"
                    "consortia:\n  tiers:\n    edit:\n      三档: {min_activities: 9}\n", kind="rubrics")
    reread_rubrics()
    with pytest.raises(YearFileError) as caught:
        rubric(2019, tmp_path)
    said = sorted(p.message for p in caught.value.problems)
    assert len(said) == 2, said
    assert "总分（tiers）" in said[1] or "总分（tiers）" in said[0]
    assert any("二档 4 次活动低于三档 9 次活动" in s for s in said), said


@pytest.mark.parametrize(("days", "at", "said"), [
    ({"notice_starts": "2019-11-16"}, "notice_starts",
     "公示开始（notice_starts）2019-11-16 早于核查结束（verification_ends）2020-01-05"),
    ({"verification_ends": "2019-12-15"}, "verification_ends",
     "核查结束（verification_ends）2019-12-15 与填报截止（submission_closes）2019-12-15 是同一天"),
    ({"submission_closes": "2019-11-16"}, "submission_closes",
     "填报截止（submission_closes）2019-11-16 早于评估截止（evaluation_window.deadline）2019-11-30"),
])
def test_a_calendar_out_of_order_names_its_dates_at_the_day(tmp_path: Path, days: dict[str, str], at: str,
                                                            said: str) -> None:
    calendar = {"submission_opens": "2019-01-01", "submission_closes": "2019-12-15",
                "verification_ends": "2020-01-05", "notice_starts": "2020-01-08", "notice_ends": "2020-01-19",
                "final": "2020-01-26", **days}
    _2019(tmp_path, "evaluation_window:\n  start: 2018-11-30\n  deadline: 2019-11-30\n  note: 测试\n"
                    "calendar:\n" + "".join(f"  {k}: {v}\n" for k, v in calendar.items()) + "  note: 测试\n")
    reread_guidelines()
    with pytest.raises(YearFileError) as caught:
        guideline(2019, tmp_path)
    [problem] = caught.value.problems
    line = 9 + list(calendar).index(at)
    assert (problem.file, problem.line, problem.column) == ("validators/guidelines/2019.yaml", line, len(at) + 5)
    assert said in problem.message


def test_every_mistake_of_a_new_years_rubric_is_said_in_one_run(tmp_path: Path) -> None:
    """Three new kinds (an area's, an event category, a major work kind) with no points: the
    area's missing section, both missing rules, a rule citing a clause the text lacks and a kind
    citing one are all said at once (they came one kind of mistake per run: five runs for one)."""
    text = (files.GUIDELINES_DIR / "2017.txt").read_text("utf-8")
    text = text.replace("等重大活动。", "等重大活动。\n6.支持学会参与数字化改革工作。").replace(
        "5.其他学术交流活动，指专题论坛、科技沙龙等活动。",
        "5.其他学术交流活动，指专题论坛、科技沙龙等活动。\n6.线上学术交流活动，指在线参与不少于300人的学术活动。")
    (tmp_path / "validators" / "guidelines").mkdir(parents=True)
    (tmp_path / "validators" / "guidelines" / "2019.txt").write_text(
        text + "\n八、数字化服务\n学会数字化服务。\n1.建设学会数字化服务平台。\n", encoding="utf-8")
    _2019(tmp_path, "source: 成都市科协《2019年学会重点工作指南》（测试）\n" + NEW_AREA + """
kinds:
  event_categories:
    add:
      - {code: online_exchange, label: 线上学术交流, clause: "5.6", criteria: {min_participants: 300}}
  major_work_kinds:
    add:
      - {code: digital_reform, label: 数字化改革, clause: "7.9"}
""")
    _2019(tmp_path, 'major_work:\n  kind:\n    党建: {clause: "7.8", points: 1, label: 学会党建}\n', kind="rubrics")
    reread_guidelines()
    reread_rubrics()
    said = [f"{p.file}:{p.line} {p.message}" for p in year_problems(tmp_path) if "2019" in p.file]
    for words in ("“数字化服务”（digital_services）在评估细则中没有一节", "缺少学术交流活动类别“线上学术交流”的分值",
                  "缺少重大工作类别“数字化改革”的分值", "major_work.kind.党建 写的条款 7.8 不在",
                  "“数字化改革”写的条款 7.9 不在"):
        assert [s for s in said if words in s], (words, said)
