"""The reporters over one CheckResult: text for people, JSON for tools, GitHub annotations and a
Markdown summary for pull requests. Messages, files and codes are treated as untrusted: they
quote what a pull request wrote."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.trees import ROOT, profile, write_tree
from validators import reporters
from validators.findings import CheckResult, Finding, error, warning

HOSTILE_VALUES = [
    "普通的说明文字",
    "含有 `反引号` 的文字",
    "``两个``和```三个```反引号",
    "`以反引号开头和结尾`",
    "竖线 | 分隔 || 表格",
    "反斜杠与竖线 \\| 和 \\\\|",
    "换行\n| 伪造 | 的 | 表格 | 行 | x |\n::error::伪造的注释",
    "<script>alert(1)</script> [链接](javascript:alert(1)) ![图](https://evil.example/p.png)",
    "@some-org/team 请注意 #1",
]


def _result() -> CheckResult:
    findings = [
        warning("b/2017.yaml", 3, 5, "W-TEXT-MARKUP", "警告在前面的文件", None),
        error("b/2017.yaml", 3, 5, "E-SCHEMA-TYPE", "同一位置的错误", None),
        error("a/2017.yaml", 10, 2, "E-THRESHOLD-PROVINCES", "全国性学术交流须有 6 个外省", "5.2"),
        error("a/2017.yaml", 2, 7, "E-YEAR-MISMATCH", "year 应与文件名一致", None),
        warning("a/2017.yaml", 2, 1, "W-EXPERTS-RATE", "注册率未达到 50%", "1.2"),
    ]
    return CheckResult(files=3, findings=findings)


def _hostile_result() -> CheckResult:
    return CheckResult(files=1, findings=[
        error(f"cd-a/{i}|`x`.yaml", i + 1, 1, "E-SCHEMA-TYPE", value, "5.2")
        for i, value in enumerate(HOSTILE_VALUES)])


# --- text ----------------------------------------------------------------------------------------

def test_text_lists_each_finding_in_file_order_then_counts() -> None:
    lines = reporters.text(_result()).splitlines()
    assert lines == [
        "a/2017.yaml:2:1: 警告 W-EXPERTS-RATE（条款 1.2） 注册率未达到 50%",
        "a/2017.yaml:2:7: 错误 E-YEAR-MISMATCH year 应与文件名一致",
        "a/2017.yaml:10:2: 错误 E-THRESHOLD-PROVINCES（条款 5.2） 全国性学术交流须有 6 个外省",
        "b/2017.yaml:3:5: 错误 E-SCHEMA-TYPE 同一位置的错误",
        "b/2017.yaml:3:5: 警告 W-TEXT-MARKUP 警告在前面的文件",
        "检查了 3 个文件：3 个错误，2 个警告。",
    ]


def test_text_without_findings_says_so() -> None:
    assert reporters.text(CheckResult(files=4)) == "检查了 4 个文件：0 个错误，0 个警告。"



LINE_BREAKING_VALUES = [
    "第一行\n第二行",
    "回车\r覆盖",
    "行分隔符\u2028段分隔符\u2029下一行\x85",
    "垂直制表\x0b换页\x0c文件分隔\x1c组分隔\x1d记录分隔\x1e",
    "伪造\na/2017.yaml:1:1: 错误 E-YEAR-MISMATCH 假的问题",
    "终端控制 \x1b[31m红色\x1b[0m 与 \x00 和 \x7f",
    "双向文字 \u202egnp.exe 与零宽\u200b字符\ufeff",
]


@pytest.mark.parametrize("value", LINE_BREAKING_VALUES)
def test_text_keeps_each_finding_one_inert_line(value: str) -> None:
    finding = error(f"cd-a/{value}.yaml", 1, 1, "E-SCHEMA-TYPE", f"值“{value}”不对", "5.2")
    lines = reporters.text(CheckResult(files=1, findings=[finding])).split("\n")
    assert len(lines) == 2
    assert lines[0].splitlines() == [lines[0]]  # no separator str.splitlines knows of
    assert not [ch for ch in lines[0] if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"}]
    assert lines[0].startswith("cd-a/")
    assert lines[0].endswith("不对")


def test_text_shows_line_breaks_and_control_characters_as_escapes() -> None:
    finding = error("a.yaml", 1, 1, "E-SCHEMA-TYPE", "甲\n乙\r丙\t丁\u2028戊\x85己\x1b庚\u202e辛", None)
    assert reporters.text(CheckResult(files=1, findings=[finding])).splitlines()[0] == (
        "a.yaml:1:1: 错误 E-SCHEMA-TYPE 甲\\n乙\\r丙\\t丁\\u2028戊\\x85己\\x1b庚\\u202e辛")


def test_text_of_the_hostile_corpus_has_one_line_per_finding() -> None:
    result = _hostile_result()
    assert len(reporters.text(result).splitlines()) == len(result.findings) + 1

# --- json ----------------------------------------------------------------------------------------

def test_json_is_one_object_with_files_and_sorted_findings() -> None:
    result = _result()
    data = json.loads(reporters.json_report(result))
    assert set(data) == {"files", "findings"}
    assert data["files"] == 3
    keys = {"file", "line", "column", "code", "severity", "message", "clause"}
    assert all(set(f) == keys for f in data["findings"])
    order = [(f["file"], f["line"], f["column"], f["severity"] != "error", f["code"])
             for f in data["findings"]]
    assert order == sorted(order)
    assert [f["code"] for f in data["findings"]] == [
        "W-EXPERTS-RATE", "E-YEAR-MISMATCH", "E-THRESHOLD-PROVINCES", "E-SCHEMA-TYPE",
        "W-TEXT-MARKUP"]
    assert data["findings"][0]["clause"] == "1.2"
    assert data["findings"][1]["clause"] is None


def test_json_keeps_chinese_readable_and_round_trips_any_text() -> None:
    text = reporters.json_report(_hostile_result())
    assert "普通的说明文字" in text  # not \\u escapes
    data = json.loads(text)
    assert sorted(f["message"] for f in data["findings"]) == sorted(HOSTILE_VALUES)
    assert json.loads(reporters.json_report(CheckResult(files=0))) == {"files": 0, "findings": []}


# --- markdown ------------------------------------------------------------------------------------

def _cells(row: str) -> list[str]:
    """The cells of a GFM table row: split at pipes that are not escaped."""
    assert row.startswith("| ")
    assert row.endswith(" |")
    return [c.strip() for c in re.split(r"(?<!\\)\|", row[1:-1])]


def _code_span(cell: str) -> str:
    """The literal content of a cell that is exactly one CommonMark code span."""
    fence = re.match(r"`+", cell)
    assert fence, cell
    n = len(fence.group())
    assert cell.endswith("`" * n)
    assert not cell.endswith("`" * (n + 1))
    inner = cell[n:-n]
    assert not re.search(rf"(?<!`)`{{{n}}}(?!`)", inner), f"the fence closes early in {cell!r}"
    if len(inner) > 1 and inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner.replace("\\|", "|")


def _rows(markdown: str) -> list[list[str]]:
    lines = markdown.splitlines()
    start = lines.index("| 级别 | 位置 | 代码 | 条款 | 说明 |")
    assert lines[start + 1] == "| --- | --- | --- | --- | --- |"
    return [_cells(line) for line in lines[start + 2:]]


def test_markdown_without_findings_is_one_line() -> None:
    assert reporters.markdown(CheckResult(files=2)) == "**检查了 2 个文件，没有发现问题。**"


def test_markdown_lists_errors_first_in_a_table() -> None:
    text = reporters.markdown(_result())
    assert text.startswith("**检查了 3 个文件：3 个错误，2 个警告。**")
    rows = _rows(text)
    assert [r[0] for r in rows] == ["错误", "错误", "错误", "警告", "警告"]
    assert [_code_span(r[2]) for r in rows] == [
        "E-YEAR-MISMATCH", "E-THRESHOLD-PROVINCES", "E-SCHEMA-TYPE", "W-EXPERTS-RATE", "W-TEXT-MARKUP"]
    assert _code_span(rows[0][1]) == "a/2017.yaml:2:7"
    assert rows[1][3] == "5.2"


def _inert(cell: str) -> str:
    """What an inert cell reads as: its entities decoded, GitHub's word joiners dropped."""
    for markup in "<`|":
        assert markup not in cell, cell
    return html.unescape(cell).replace("\u2060", "")


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_markdown_keeps_untrusted_text_inert(value: str) -> None:
    """The location a code span, the message inert text (a sentence in a code span read as code
    on the pull request), neither able to start a row, a column, a link or a mention."""
    finding = error(f"cd-a/{value}.yaml", 1, 1, "E-PATH-NAME", value, None)
    text = reporters.markdown(CheckResult(files=1, findings=[finding]))
    lines = text.splitlines()
    [row] = _rows(text)  # a newline in the value starts no new row
    assert len(row) == 5  # a pipe in the value adds no column
    one_line = value.replace("\n", " ")
    assert _code_span(row[1]) == f"cd-a/{one_line}.yaml:1:1"
    assert _inert(row[4]) == one_line
    assert not any(line.startswith("::") for line in lines)
    assert "\n\n| 级别 |" in text  # a blank line above the table, or GitHub shows no table


def test_markdown_table_of_many_hostile_findings_keeps_its_shape() -> None:
    rows = _rows(reporters.markdown(_hostile_result()))
    assert len(rows) == len(HOSTILE_VALUES)
    assert all(len(r) == 5 for r in rows)
    assert sorted(_inert(r[4]) for r in rows) == sorted(v.replace("\n", " ") for v in HOSTILE_VALUES)


def test_markdown_links_keep_untrusted_file_names_inert() -> None:
    name = "cd-a/x) ![](https://evil.example/p.png) | y.yaml"
    text = reporters.markdown(CheckResult(files=1, findings=[error(name, 1, 1, "E-PATH-NAME", "文件名不对")]),
                              link_base="https://github.com/o/r/blob/abc")
    [row] = _rows(text)
    assert len(row) == 5
    assert "![" not in row[1].split("](", 1)[1]


@pytest.mark.parametrize("value", [*HOSTILE_VALUES, "a b<c>]d)e#f%g\\h\u2028i"])
def test_markdown_link_target_is_percent_encoded_and_text_stays_a_code_span(value: str) -> None:
    base = "https://github.com/o/r/blob/abc"
    name = f"cd-a/{value}.yaml"
    text = reporters.markdown(CheckResult(files=1, findings=[error(name, 4, 1, "E-PATH-NAME", "文件名不对")]),
                              link_base=base)
    [row] = _rows(text)
    assert len(row) == 5
    match = re.fullmatch(r"\[(.*)\]\(([^()\s<>\[\]|`]*)\)", row[1])
    assert match, row[1]
    one_line = re.sub("[\n\u2028]+", " ", value)
    assert _code_span(match.group(1)) == f"cd-a/{one_line}.yaml:4:1"
    target, fragment = match.group(2).rsplit("#", 1)
    assert fragment == "L4"
    assert unquote(target) == f"{base}/{name}"


# --- github --------------------------------------------------------------------------------------

def test_github_annotations_stay_one_inert_line_each() -> None:
    result = _hostile_result()
    lines = reporters.github(result).splitlines()
    assert len(lines) == len(result.findings)
    for line in lines:
        match = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        assert set(props) == {"file", "line", "col", "title"}


def test_github_escapes_per_the_workflow_command_rules() -> None:
    finding = error("a:b,c%.yaml", 1, 2, "E-SCHEMA-TYPE", "50%\r\n第二行", "5.2")
    assert reporters.annotation(finding) == (
        "::error file=a%3Ab%2Cc%25.yaml,line=1,col=2,title=E-SCHEMA-TYPE 条款 5.2::50%25%0D%0A第二行")


def test_github_shows_the_worst_within_its_limits_and_says_how_many_more() -> None:
    findings = [warning("a.yaml", i, 1, "W-TEXT-MARKUP", "标记") for i in range(1, 31)]
    findings += [error("b.yaml", i, 1, "E-SCHEMA-TYPE", "类型") for i in range(1, 31)]
    lines = reporters.github(CheckResult(files=2, findings=findings)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 10 + ["::warning"] * 10 + ["::notice::另有"]
    assert "40" in lines[-1]


# --- through the command line --------------------------------------------------------------------

@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("tree")
    return write_tree(base, {
        "cd-a/society.yaml": profile("cd-a"),
        "cd-a/2017.yaml": """
            society: cd-a
            year: 2018
            innovation:
              senior_experts_total: 10
              senior_experts_registered: 2
            """,
    })


def _cli(tree: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(tree), "check",
                           "--format", fmt, str(tree / "cd-a")], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)


@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown"])
def test_every_format_through_the_command_line(tree: Path, fmt: str) -> None:
    done = _cli(tree, fmt)
    assert done.returncode == 1
    assert done.stderr == ""
    expected = {("E-YEAR-MISMATCH", 2, 7), ("W-EXPERTS-RATE", 5, 30)}
    if fmt == "json":
        data = json.loads(done.stdout)
        assert data["files"] == 2
        assert {(f["code"], f["line"], f["column"]) for f in data["findings"]} == expected
    elif fmt == "text":
        assert "cd-a/2017.yaml:2:7: 错误 E-YEAR-MISMATCH" in done.stdout
        assert done.stdout.rstrip().endswith("检查了 2 个文件：1 个错误，1 个警告。")
    elif fmt == "github":
        assert done.stdout.splitlines()[0].startswith("::error file=cd-a/2017.yaml,line=2,col=7,")
    else:
        assert [(_code_span(r[2]), _code_span(r[1])) for r in _rows(done.stdout)] == [
            ("E-YEAR-MISMATCH", "cd-a/2017.yaml:2:7"), ("W-EXPERTS-RATE", "cd-a/2017.yaml:5:30")]


def test_unknown_format_is_a_usage_error(tree: Path) -> None:
    done = _cli(tree, "xml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_findings_are_the_unit_every_reporter_renders() -> None:
    published = Finding("f.yaml", 1, 1, "E-X", "error", "错误", None, ("society",)).to_dict()
    assert set(published) == {"file", "line", "column", "code", "severity", "message", "clause"}


def test_the_summary_links_each_clause_to_its_year_s_guideline() -> None:
    findings = [error("submissions/cd-a/2017.yaml", 3, 5, "E-THRESHOLD-PARTICIPANTS", "人数不足", "5.1"),
                error("submissions/cd-a/society.yaml", 2, 1, "E-URL-SCHEME", "网址", "1.1")]
    text = reporters.markdown(CheckResult(files=2, findings=findings), None,
                              "https://example.org/registry/guideline/")
    assert "[5.1](https://example.org/registry/guideline/2017/#clause-5-1)" in text
    assert "[1.1](https://example.org/registry/guideline/)" in text
