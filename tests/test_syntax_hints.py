"""A YAML syntax error is said with what to do, in Chinese, at the line at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trees import base_tree
from tests.year_trees import renamed_year_tree
from validators.check import check_tree
from validators.findings import CheckResult
from validators.yaml.loading import load_text
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics


def _check_with_year_files_reread(root: Path) -> CheckResult:
    """The whole tree checked with its own year files, the cached ones dropped before and after."""
    reread_guidelines()
    reread_rubrics()
    try:
        return check_tree(root)[0]
    finally:
        reread_guidelines()
        reread_rubrics()


@pytest.mark.parametrize(("text", "line", "said"), [
    ("society: cd-a\ninnovation:\n\tenterprise_platform_registered: true\n", 3, "不能用 Tab 键缩进"),
    ("society: cd-a\ninnovation:\n  \tenterprise_platform_registered: true\n", 3, "不能用 Tab 键缩进"),
    ("society: cd-a\ntitle: 年会:主论坛: 分论坛\n", 2, "冒号后面要有空格"),
    ("society: cd-a\nevents: [a, b\n", 3, "请检查"),
    # A key indented under a value written whole: the colon is no slip, the indentation is.
    ("name: 成都市计算机学会\ndiscipline: 计算机\n  kind: 学会\n", 3, "这一行比上一行的键多缩进了 2 个空格：上一行的“discipline: 计算机”已经写完"),
    ("academic_events:\n  - id: evt-a\n    title: 年会\n      role: 主办\n", 4, "上一行的“title: 年会”已经写完"),
    # Under a list item's first key: counted from the key, not the dash.
    ("academic_events:\n  - id: evt-a\n      role: 主办\n", 3, "这一行比上一行的键多缩进了 2 个空格：上一行的“id: evt-a”"),
    # Under a key whose value follows on the next lines, or a text with “: ” in it, the colon's words.
    ("society: cd-a\ntitle: 年会\n  续行: 主论坛\n  # x\n", 3, "这一行比上一行的键多缩进了"),
    ("society: cd-a\ntitle: |\n  甲\nnote: 甲: 乙: 丙\n", 4, "冒号后面要有空格"),
])
def test_a_syntax_error_says_what_to_do(text: str, line: int, said: str) -> None:
    [finding] = load_text(text, "x.yaml", None).findings
    assert finding.code == "E-YAML-SYNTAX"
    assert finding.line == line
    assert said in finding.message


def test_a_tab_inside_a_value_is_not_blamed_for_another_error() -> None:
    [finding] = load_text("title: 甲\t乙\nnote: [未闭合\n", "x.yaml", None).findings
    assert "Tab" not in finding.message


COLON_WORDS = "这里用了中文冒号“：”：键和值之间要用英文冒号加一个空格，如 category: 综合性学术年会"
COMMA_WORDS = "这里用了中文逗号“，”"


@pytest.mark.parametrize(("text", "line", "column", "said"), [
    # The parser stumbles on the next line; the slip is said where it is, at the colon.
    ("year: 2019\npilot_districts：\n  add: [新都区]\n", 2, 16, "pilot_districts:”"),
    ("academic_events:\n  - id: evt-a\n    category：综合性学术年会\n    role: 主办\n", 3, 13,
     "category: 综合性学术年会”"),
    ("academic_events:\n  - category：综合性学术年会\n    id: evt-a\n", 2, 13, "category: 综合性学术年会”"),
    ("innovation:\n  services：\n    - id: a\n", 2, 11, "services:”"),
    ("academic_events:\n  - id: evt-a\n    category：\n      综合性学术年会\n    role: 主办\n", 3, 13, "category:”"),
    ("society: cd-a\r\nyear：2019\r\n", 2, 5, "year: 2019”"),
    ("kinds:\n  event_categories:\n    edit：\n      annual_conference: {criteria: {min_participants: 150}}\n",
     3, 9, "edit:”"),
])
def test_a_full_width_colon_is_said_at_itself(text: str, line: int, column: int, said: str) -> None:
    [finding] = load_text(text, "x.yaml", None).findings
    assert (finding.code, finding.line, finding.column) == ("E-YAML-SYNTAX", line, column), finding
    assert COLON_WORDS in finding.message
    assert said in finding.message


@pytest.mark.parametrize(("text", "line", "column"), [
    ("society: cd-a\nx: {a: 1，b: 2}\n", 2, 9),
    ("kinds: {event_categories: {edit: {annual_conference: {criteria: {min_participants: 150，max: 2}}}}}\n", 1, 87),
    ("x: [北京，\n  上海: 1]\n", 1, 7),
])
def test_a_full_width_comma_in_a_flow_is_said_at_itself(text: str, line: int, column: int) -> None:
    [finding] = load_text(text, "x.yaml", None).findings
    assert (finding.code, finding.line, finding.column) == ("E-YAML-SYNTAX", line, column), finding
    assert COMMA_WORDS in finding.message


@pytest.mark.parametrize("text", [
    "title: 年会：主论坛\nevents: [a, b\n",  # a full-width colon inside a value explains nothing
    "society: cd-a\nevents:\n  - countries: [美国，日本]\n    speaker_provinces: [北京, 上海}\n",  # a closed list above
    # Text of a block scalar may hold any colon; the bad indent after it is the fault.
    "items:\n  - description: |\n      说明：很多\n      第二行\n  bad: x\n",
    # A list of texts may hold a colon; the unclosed bracket is the fault.
    "members:\n  - 张三：教授\nother: [a, b\n",
    # An unclosed quote swallows the lines after it.
    "title: \"年会\nnotes:\n  - 说明：很多\n",
])
def test_a_full_width_mark_elsewhere_is_not_blamed(text: str) -> None:
    [finding] = load_text(text, "x.yaml", None).findings
    assert "中文" not in finding.message


def test_a_full_width_colon_in_a_report_and_a_year_file(tmp_path: Path) -> None:
    """The same words at the slip for a secretary's report and for the staff's year file."""
    root = base_tree(tmp_path / "tree")
    own = root / "validators"
    (own / "guidelines" / "2019.yaml").write_text(
        "year: 2019\ncarried_forward_from: 2018\ntitle: 测试\npilot_districts：\n  add: [新都区]\n", encoding="utf-8")
    (own / "rubrics" / "2019.yaml").write_text(
        "id: default-2019\nyear: 2019\ncarried_forward_from: 2018\ntitle: 测试\n", encoding="utf-8")
    report = next(p for p in sorted((root / "submissions").glob("*/2018.yaml")) if "category: " in p.read_text("utf-8"))
    lines = report.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "category: " in line)
    lines[at] = lines[at].replace("category: ", "category：", 1)
    report.write_text("\n".join(lines), encoding="utf-8")
    result = _check_with_year_files_reread(root)
    said = {(f.file, f.line, f.column) for f in result.findings if COLON_WORDS in f.message}
    assert ("validators/guidelines/2019.yaml", 4, 16) in said, result.findings
    assert (report.relative_to(root).as_posix(), at + 1, lines[at].index("：") + 1) in said, result.findings


def test_a_long_key_is_not_quoted_whole() -> None:
    """A 100 kB key before a full-width colon was copied whole into the message."""
    [finding] = load_text("year: 2019\n" + "k" * 100_000 + "：\n  add: [x]\n", "x.yaml", None).findings
    assert COLON_WORDS in finding.message
    assert len(finding.message) < 300


def test_a_file_whose_keys_all_use_a_full_width_colon_is_told_so() -> None:
    """Read as one long text, it was only said not to be a mapping."""
    [finding] = load_text("society：cd-a\nyear：2018\n", "x.yaml", None).findings
    assert (finding.code, finding.line, finding.column) == ("E-YAML-ROOT", 1, 8)
    assert COLON_WORDS in finding.message
    assert "society: cd-a" in finding.message


def test_a_key_s_only_child_with_a_full_width_colon_is_said_at_the_colon(tmp_path: Path) -> None:
    """`thresholds:` / `  expert_registration_rate： 0.6` is valid YAML (one text where a mapping
    was meant): it was said to be no mapping, never that the colon was full-width."""
    root = renamed_year_tree(tmp_path / "tree")
    year_file = root / "validators" / "guidelines" / "2019.yaml"
    text = year_file.read_text("utf-8")
    assert "thresholds:\n  expert_registration_rate: 0.6\n" in text
    year_file.write_text(text.replace("  expert_registration_rate: 0.6", "  expert_registration_rate： 0.6"), "utf-8")
    report = root / "submissions" / "cd-computer" / "2018.yaml"
    report.write_text("society: cd-computer\nyear: 2018\nacademic_events:\n  - category：其他\n", "utf-8")
    result = _check_with_year_files_reread(root)
    said = {(f.file, f.line, f.column): f.message for f in result.findings if COLON_WORDS in f.message}
    line = text.split("\n").index("  expert_registration_rate: 0.6") + 1
    assert "这一行应写作“expert_registration_rate: 0.6”" in said[("validators/guidelines/2019.yaml", line, 27)]
    assert "“thresholds”应为“键: 值”的映射" in said[("validators/guidelines/2019.yaml", line, 27)]
    assert "这一行应写作“category: 其他”" in said[("submissions/cd-computer/2018.yaml", 4, 13)]


def test_a_list_item_indented_one_column_deeper_is_told_so_where_it_was_joined(tmp_path: Path) -> None:
    """`  - a` then `   - b`: YAML reads the second line as more of the first item (“a - b”), and
    the login's pattern failed with words that showed nothing wrong in the line."""
    folder = tmp_path / "submissions" / "cd-computer"
    folder.mkdir(parents=True)
    (folder / "society.yaml").write_text("id: cd-computer\nname: 成都市计算机学会\nkind: 学会\ndiscipline: 计算机\n"
                                         "maintainers:\n  - ccf-cd-sample\n   - ccf-cd-secretary\n", encoding="utf-8")
    [finding] = check_tree(tmp_path)[0].findings
    assert (finding.code, finding.line) == ("E-SCHEMA-PATTERN", 6)
    assert finding.message.endswith("这里读到的是“ccf-cd-sample - ccf-cd-secretary”：下一行的“- ”多缩进了，"
                                    "被接在这一项的后面；同一列表的各项要与第一项的“- ”对齐。")


def test_a_value_written_with_a_dash_on_its_own_line_is_no_indentation_slip(tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "cd-computer"
    folder.mkdir(parents=True)
    (folder / "society.yaml").write_text("id: cd-computer\nname: 成都市计算机学会\nkind: 学会\ndiscipline: 计算机\n"
                                         "maintainers:\n  - ccf-cd-sample - ccf-cd-secretary\n", encoding="utf-8")
    [finding] = check_tree(tmp_path)[0].findings
    assert finding.code == "E-SCHEMA-PATTERN"
    assert "多缩进" not in finding.message


@pytest.mark.parametrize(("text", "hint"), [
    ('a: "\\uD800"\n', "（解析器提示：双引号文字中的 \\u 或 \\U 转义不是有效的字符）"),
    ('a: "\\xZZ"\n', "（解析器提示：双引号文字中 \\x、\\u、\\U 的后面应是十六进制数字）"),
    ("a: [b, c\n", "（解析器提示：方括号中没有找到应有的英文逗号或右方括号“]”）"),
    ("a: @b\n", "（解析器提示：这个字符不能作为一项内容的开头）"),
])
def test_the_parsers_hint_is_said_in_chinese(text: str, hint: str) -> None:
    """“（解析器提示：found invalid Unicode character escape code）” closed a Chinese message."""
    [finding] = load_text(text, "x.yaml", None).findings
    assert finding.code == "E-YAML-SYNTAX"
    assert finding.message.endswith(hint), finding.message


def test_a_parser_problem_not_known_gets_no_hint_rather_than_english() -> None:
    import yaml

    from validators.yaml.loading import _syntax_finding

    exc = yaml.MarkedYAMLError(problem="found something libyaml never said before")
    finding = _syntax_finding(exc, "x.yaml", "a: b\n")
    assert finding.message == "YAML 语法错误：请检查这一行附近的缩进、冒号和引号。"
