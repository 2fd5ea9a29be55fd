"""The rubric page's “与上一年度相比的变化”: each year after the first lists what its effective
rubric and guideline data change from the year before's, computed from the files alone."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from pydantic import BaseModel

from site_builder import rubric_changes, rubric_page
from site_builder.context import SiteData, load
from site_builder.form_page import SiteSettings
from tests.trees import ROOT, base_tree
from validators.cli import main
from validators.year.guideline import Guideline, reread_guidelines
from validators.year.rubric import reread_rubrics

TAGS = re.compile(r"<[^>]+>")
HEADING = "### 与上一年度相比的变化"
SAME_WORK = "同名的服务、活动或重大工作与上一年度的一项相隔不超过此天数时，提示核查是否同一项工作在两个年度各计一次分"


def _site(root: Path) -> SiteData:
    reread_guidelines()
    reread_rubrics()
    return load(root, SiteSettings(repo_url="https://github.com/example/r"), "2001-02-03")


def _years(site: SiteData) -> dict[int, str]:
    """Each year's part of the rubric page, as it reads (tags dropped, entities undone)."""
    [(_, page)] = list(rubric_page.pages(site))
    starts = sorted((page.index(f"{{#rubric-{y}}}"), y) for y in site.guideline_years)
    ends = [s for s, _ in starts[1:]] + [len(page)]
    return {y: html.unescape(TAGS.sub("", page[s:e])).replace("\xa0", " ").replace("**", "")
            for (s, y), e in zip(starts, ends, strict=True)}


def _changes(part: str) -> tuple[str, list[str]]:
    """The section's text and its lines (“- 改动：…”)."""
    section = part[part.index(HEADING):part.index("### ", part.index(HEADING) + 4)]
    return section, [line for line in section.splitlines() if line.startswith("- ")]


def test_the_first_year_has_none_and_2018_lists_what_its_files_change(tmp_path: Path) -> None:
    site = _site(base_tree(tmp_path / "tree", folders=()))
    parts = _years(site)
    assert HEADING not in parts[2017]
    section, lines = _changes(parts[2018])
    # The 2018 rubric file sets nothing but its title: every point is 2017's.
    rubric_2018 = yaml.safe_load((ROOT / "validators/rubrics/2018.yaml").read_text("utf-8"))
    assert set(rubric_2018) == {"id", "year", "carried_forward_from", "title"}
    assert "评估细则（分值、上限和分档线）：与 2017 年度相同。" in section
    # The 2018 guideline file adds company markers and country names; what else it sets is the
    # window and calendar (said above the section) and warnings' lists (no score moves by them).
    old = yaml.safe_load((ROOT / "validators/guidelines/2017.yaml").read_text("utf-8"))
    new = yaml.safe_load((ROOT / "validators/guidelines/2018.yaml").read_text("utf-8"))
    markers = new["company_markers"]["add"]
    aliases = [name for name in new["country_aliases"] if name not in old["country_aliases"]]
    quoted = "、".join
    assert lines == [
        "- 新增：委托（购买）单位名称中表示企业的字样（条款 2.2）：" + quoted(f"“{m}”" for m in markers),
        "- 新增：国家或地区的其他写法（条款 5.3）：" + quoted(f"“{a}”" for a in aliases),
        # What only warnings read, in its own part: 2017 has none of it.
        "- 新增：服务的企业名称以这些字样结尾时，提示核查是否政府部门而不是企业："
        + quoted(f"“{m}”" for m in new["government_markers"]),
        "- 新增：以这些字样结尾的是商号，不作上述提示：" + quoted(f"“{m}”" for m in new["government_marker_exceptions"]),
        f"- 新增：{SAME_WORK}：{new['plausibility']['same_work_days']} 天",
    ]
    assert section.index("计分所依据") < section.index("只用于提示") < section.index("政府部门")
    assert "只用于提示的数据（检查据此给出警告或提示，不影响计分）：\n" in section
    # 2018's file sets no key but these, the window and calendar, and its own name.
    assert set(new) - {"company_markers", "country_aliases", "government_markers", "government_marker_exceptions",
                       "plausibility"} <= rubric_changes.LEFT_OUT_DATA


def test_every_key_of_the_guideline_data_is_compared_or_deliberately_left_out() -> None:
    parts = (rubric_changes.SCORED_DATA, rubric_changes.HINT_DATA, rubric_changes.LEFT_OUT_DATA)
    keys = set(Guideline.model_fields)
    assert keys == set().union(*parts), sorted(keys.symmetric_difference(set().union(*parts)))
    assert sum(map(len, parts)) == len(keys), "a key in two parts"
    plausibility = Guideline.model_fields["plausibility"].annotation
    assert isinstance(plausibility, type)
    assert issubclass(plausibility, BaseModel)
    assert set(plausibility.model_fields) == set(rubric_changes._PLAUSIBILITY)


def test_a_2019_s_points_change_added_and_removed_rule_are_its_three_lines(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree", folders=())
    assert main(["--root", str(root), "new-year", "2019"]) == 0
    own = root / "validators"
    text = own / "guidelines" / "2019.txt"
    text.write_text(text.read_text("utf-8").replace("等重大活动。", "等重大活动。\n6.支持学会参与数字化改革工作。"),
                    encoding="utf-8")
    with (own / "guidelines" / "2019.yaml").open("a", encoding="utf-8") as file:
        file.write("kinds:\n  major_work_kinds:\n    add:\n"
                   '      - {code: digital_reform, label: 数字化改革, clause: "7.6"}\n')
    with (own / "rubrics" / "2019.yaml").open("a", encoding="utf-8") as file:
        file.write("innovation:\n  platform_registered: {points: 4}\n  other_service: null\n"
                   "major_work:\n  kind:\n"
                   '    数字化改革: {clause: "7.6", points: 2, max_count: 1, label: 参与数字化改革}\n')
    try:
        parts = _years(_site(root))
    finally:
        reread_guidelines()
        reread_rubrics()
    section, lines = _changes(parts[2019])
    # In the page's order of areas (一 before 七).
    assert lines == [
        "- 改动：条款 1.1 在中国科协“企业科协网”成功注册：3 分 → 4 分",
        "- 取消：条款 1 专利商标申报等其他服务（每项）：2018 年度为 0.5 分，最多计入 4 项",
        "- 新增：条款 7.6 数字化改革：参与数字化改革：2 分，最多计入 1 项",
    ]
    assert "指南数据（计分所依据的阈值和名单）：与 2018 年度相同。" in section
    assert "只用于提示的数据（检查据此给出警告或提示，不影响计分）：与 2018 年度相同。" in section
    # 2018's section is still its own, against 2017.
    assert "评估细则（分值、上限和分档线）：与 2017 年度相同。" in _changes(parts[2018])[0]


def test_a_renamed_kind_and_a_raised_threshold_are_one_line_each(tmp_path: Path) -> None:
    """党建 renamed 学会党建 (its rule written anew) is the same rule with a new name; 5.1's
    participants raised in the guideline data is said under 指南数据."""
    from tests.test_new_year import CHANGES, _tree

    for name, expected in [
            ("a renamed kind (party building)", ["- 改动：条款 7.3 学会党建：学会党建工作：类别名称 “党建” → “学会党建”"]),
            ("a raised threshold (5.1 alone)",
             ["- 改动：学术交流活动类别“综合性学术年会”（条款 5.1）：参与规模不少于 100 人 → 150 人"])]:
        try:
            parts = _years(_site(_tree(tmp_path / name.split()[2], CHANGES[name])))
        finally:
            reread_guidelines()
            reread_rubrics()
        assert _changes(parts[2019])[1] == expected, name


def test_a_2019_s_changed_days_of_a_work_claimed_again_are_said_as_a_warning_s(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree", folders=())
    assert main(["--root", str(root), "new-year", "2019"]) == 0
    with (root / "validators" / "guidelines" / "2019.yaml").open("a", encoding="utf-8") as file:
        file.write("plausibility:\n  same_work_days: 60\n")
    try:
        parts = _years(_site(root))
    finally:
        reread_guidelines()
        reread_rubrics()
    section, lines = _changes(parts[2019])
    assert lines == [f"- 改动：{SAME_WORK}：45 天 → 60 天"]
    assert "指南数据（计分所依据的阈值和名单）：与 2018 年度相同。" in section
    assert section.index("只用于提示的数据") < section.index(lines[0])


def test_a_2019_s_home_province_is_said_under_the_scored_data(tmp_path: Path) -> None:
    """The province 5.2 does not count moves a score: a guideline datum the section compares."""
    root = base_tree(tmp_path / "tree", folders=())
    assert main(["--root", str(root), "new-year", "2019"]) == 0
    with (root / "validators" / "guidelines" / "2019.yaml").open("a", encoding="utf-8") as file:
        file.write("home_province: 重庆\n")
    try:
        parts = _years(_site(root))
    finally:
        reread_guidelines()
        reread_rubrics()
    section, lines = _changes(parts[2019])
    assert lines == ["- 改动：本省，不计入外省（条款 5.2）：“四川” → “重庆”"]
    assert section.index("计分所依据") < section.index(lines[0]) < section.index("只用于提示的数据")


def test_every_field_of_the_guideline_s_own_models_is_compared_or_deliberately_left_out() -> None:
    from validators.year import guideline, kinds

    models = {"Kind": kinds.Kind, "EventCategory": kinds.EventCategory, "ResearchTopic": kinds.ResearchTopic,
              "EventCriteria": kinds.EventCriteria, "Occasion": guideline.Occasion,
              "Province": guideline.Province, "Thresholds": guideline.Thresholds, "Area": guideline.Area}
    compared, left_out = rubric_changes.COMPARED_FIELDS, rubric_changes.LEFT_OUT_FIELDS
    assert set(compared) | set(left_out) == set(models)
    for name, model in models.items():
        fields = compared.get(name, frozenset()) | left_out.get(name, frozenset())
        assert set(model.model_fields) == fields, (name, sorted(set(model.model_fields) ^ fields))
        assert not compared.get(name, frozenset()) & left_out.get(name, frozenset()), name


def test_the_opening_sentence_names_what_is_left_out(tmp_path: Path) -> None:
    section, _ = _changes(_years(_site(base_tree(tmp_path / "tree", folders=())))[2018])
    assert "、".join(rubric_changes.LEFT_OUT_SAID.values()) + "不在此列。" in section


def _with_2019(tmp_path: Path, guideline: str = "", rubric: str = "") -> dict[int, str]:
    root = base_tree(tmp_path / "tree", folders=())
    assert main(["--root", str(root), "new-year", "2019"]) == 0
    for folder, added in (("guidelines", guideline), ("rubrics", rubric)):
        with (root / "validators" / folder / "2019.yaml").open("a", encoding="utf-8") as file:
            file.write(added)
    try:
        return _years(_site(root))
    finally:
        reread_guidelines()
        reread_rubrics()


def test_a_2019_s_changes_below_the_top_level_of_the_guideline_data_are_said(tmp_path: Path) -> None:
    """Other ways of writing a kind or an occasion, whether a topic needs its focus, why a number
    differs from the clause's text and a province's full name move what a report is scored by;
    why a province does not count is said by a warning."""
    parts = _with_2019(tmp_path, guideline=(
        "kinds:\n  major_work_kinds:\n    edit:\n      科技扶贫: {aliases: [脱贫攻坚, 精准扶贫]}\n"
        "  research_topics:\n    edit:\n      四个服务: {requires_focus: true}\n"
        "  event_categories:\n    edit:\n      大型社会活动:\n"
        "        criteria: {min_participants: 100, occasion: true, not_in_text: 测试的原因}\n"
        "provinces:\n  edit:\n    天津: {name: 天津直辖市}\n"
        "    香港: {why: 香港是特别行政区}\n"
        "popularisation_occasions:\n  edit:\n    科普月: {aliases: [科普宣传月]}\n"))
    section, lines = _changes(parts[2019])
    scored = section[section.index("计分所依据"):section.index("只用于提示的数据")]
    hints = section[section.index("只用于提示的数据"):]
    for line in ["- 新增：重大工作类别“科技扶贫”的其他写法：“精准扶贫”",
                 "- 改动：选题方向“四个服务”须写明服务国家中心城市建设的哪个方面：否 → 是",
                 "- 改动：学术交流活动类别“大型社会活动”（条款 5.4）：与条款原文不同的原因 — → “测试的原因”",
                 "- 改动：“天津”的全称（条款 5.2）：“天津市” → “天津直辖市”",
                 "- 取消：科普活动“科普月”的其他写法（条款 5.4）：“全国科普月”、“成都市科普月”"]:
        assert line in lines, (line, lines)
        assert line in scored, line
    why = "- 改动：“香港”不计入外省时向填报人说明的原因：“香港是特别行政区，不是指南所说的“外省、直辖市、自治区”” → “香港是特别行政区”"
    assert why in lines, lines
    assert why in hints
    assert len(lines) == 6, lines


def test_a_kind_renamed_in_2019_and_first_paid_in_2019_shows_its_rename() -> None:
    """A rename is said by its rule's line only when the kind is paid in both years (the rule
    matched by its code); paid in one year alone, its rule's line says added or removed, and the
    vocabulary's line says the rename. Valid year files give every kind of a table by kind a
    rule, so this is `_vocabulary` alone, with what each year pays."""
    from validators.year.kinds import Kind

    old, new = [Kind(code="party", label="党建")], [Kind(code="party", label="学会党建")]
    for paid, said in [((set(), {"party"}), ["- 改动：重大工作类别的名称：“党建” → “学会党建”"]),
                       (({"party"}, set()), ["- 改动：重大工作类别的名称：“党建” → “学会党建”"]),
                       (({"party"}, {"party"}), [])]:
        lines = rubric_changes._Lines()
        rubric_changes._vocabulary(lines, "重大工作类别", old, new, paid)
        assert lines.lines == said, paid
    # An entry added is left to its rule's line only in the year that pays it, one removed only
    # in the year before.
    for paid, said in [((set(), {"new"}), []), (({"new"}, set()), ["- 新增：重大工作类别：“新类”"])]:
        lines = rubric_changes._Lines()
        rubric_changes._vocabulary(lines, "重大工作类别", [], [Kind(code="new", label="新类")], paid)
        assert lines.lines == said, paid


def test_a_renamed_kind_whose_rule_bears_its_new_name_is_named_once(tmp_path: Path) -> None:
    """科技扶贫 renamed 乡村振兴, its rule labelled 乡村振兴 too: the line names the rule once, not
    “乡村振兴：乡村振兴”."""
    parts = _with_2019(tmp_path, guideline="kinds:\n  major_work_kinds:\n    edit:\n"
                                           "      科技扶贫: {label: 乡村振兴, aliases: null}\n",
                       rubric="major_work:\n  kind:\n    科技扶贫: null\n"
                              '    乡村振兴: {clause: "7.2", points: 3, max_count: 2, label: 乡村振兴}\n')
    _, lines = _changes(parts[2019])
    assert lines[0] == "- 改动：条款 7.2 乡村振兴：类别名称 “科技扶贫” → “乡村振兴”，名称 “科技扶贫、脱贫攻坚” → “乡村振兴”", lines


def test_the_carried_rubric_s_exceptions_are_the_page_s_own_list(tmp_path: Path) -> None:
    """Readers never see the rubric file: what a carried rubric changes is pointed to as the
    page's own section, by its anchor (the site's link check holds it), never as “细则文件”."""
    site = _site(base_tree(tmp_path / "tree", folders=()))
    [(_, page)] = list(rubric_page.pages(site))
    assert "细则文件中列出" not in page
    assert ("本年度细则沿用 2017 年度的分值、上限和分档线，改动之处见下文"
            f"“[{rubric_changes.HEADING}](#{rubric_changes.anchor(2018)})”。") in page
    assert f"{{#{rubric_changes.anchor(2018)}}}" in page
