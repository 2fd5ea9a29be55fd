"""Messages say what to write instead: the field or list item at fault, the listed name that was
probably meant, and no more findings than a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from validators.check import check_file
from validators.findings import Finding
from validators.rules.suggest import likely
from validators.schema_findings import MAX_FINDINGS

HEAD = "society: cd-a\nyear: 2017\n"


def _check(tmp_path: Path, body: str) -> list[Finding]:
    path = tmp_path / "cd-a" / "2017.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body, encoding="utf-8")
    return check_file(path, tmp_path).findings


EVENT = """academic_events:
  - id: evt-a
    title: 研讨会
    category: {category}
    role: 主办
    date: 2017-06-01
    participants: 200
    speaker_provinces: {provinces}
"""


def test_a_list_item_is_named_by_its_list_and_position(tmp_path: Path) -> None:
    [finding] = _check(tmp_path, EVENT.format(category="其他", provinces="[北京, 110000]"))
    assert finding.code == "E-SCHEMA-TYPE"
    assert finding.message.startswith("“作学术报告的科技人员来自的省（区、市）”（speaker_provinces）的第 2 项应为文字")


def test_a_quoted_date_is_told_to_drop_its_quotes(tmp_path: Path) -> None:
    body = "major_work:\n  - {id: a, kind: 党建, title: t, date: '2017-07-01', description: d}\n"
    [finding] = _check(tmp_path, body)
    assert finding.code == "E-SCHEMA-DATE"
    assert "引号" in finding.message
    assert "date: 2017-07-01" in finding.message


def test_an_impossible_date_is_called_so(tmp_path: Path) -> None:
    body = "major_work:\n  - {id: a, kind: 党建, title: t, date: 2017-02-29, description: d}\n"
    [finding] = _check(tmp_path, body)
    assert finding.code == "E-SCHEMA-DATE"
    assert "不存在" in finding.message


@pytest.mark.parametrize("written", ["2017-07", "2017年7月", "2017/7"])
def test_a_date_known_only_to_its_month_is_told_to_be_written_to_the_day_from_the_evidence(tmp_path: Path,
                                                                                          written: str) -> None:
    """Never read as a day of that month (which day counts is the association's rule); the
    workbook's cell (tests/test_xlsx.py) and the form say the same words."""
    body = f"major_work:\n  - {{id: a, kind: 党建, title: t, date: '{written}', description: d}}\n"
    [finding] = _check(tmp_path, body)
    assert finding.code == "E-SCHEMA-DATE"
    assert finding.message.endswith(f"“{written}”只写到月份：日期要写到日，请按证明材料上的日期填写，如 2017-07-12。")


def test_a_misspelt_required_key_is_one_finding_that_names_the_right_one(tmp_path: Path) -> None:
    body = "major_work:\n  - {id: a, kind: 党建, titel: t, date: 2017-07-01, description: d}\n"
    [finding] = _check(tmp_path, body)
    assert finding.code == "E-SCHEMA-UNKNOWN-KEY"
    assert "你是不是想写“title”" in finding.message


def test_a_missing_key_without_a_near_miss_is_still_reported(tmp_path: Path) -> None:
    body = "major_work:\n  - {id: a, kind: 党建, note: t, date: 2017-07-01, description: d}\n"
    assert sorted(f.code for f in _check(tmp_path, body)) == ["E-SCHEMA-MISSING", "E-SCHEMA-UNKNOWN-KEY"]


def test_schema_findings_are_capped_and_the_last_says_how_many_more(tmp_path: Path) -> None:
    extra = MAX_FINDINGS + 100
    findings = _check(tmp_path, "".join(f"key{i}: 1\n" for i in range(extra)))
    assert len(findings) == MAX_FINDINGS + 1
    assert all(f.code == "E-SCHEMA-UNKNOWN-KEY" for f in findings)
    assert f"另有 {extra - MAX_FINDINGS - 1} 处问题" in findings[-1].message


def test_exactly_one_past_the_cap_is_listed_in_full(tmp_path: Path) -> None:
    findings = _check(tmp_path, "".join(f"key{i}: 1\n" for i in range(MAX_FINDINGS + 1)))
    assert len(findings) == MAX_FINDINGS + 1
    assert "另有" not in findings[-1].message


@pytest.mark.parametrize(("written", "meant"), [
    ("北京市", "北京"), ("内蒙古自治区", "内蒙古"), ("成都市武侯区", "武侯区"), ("高新区", "成都高新区"),
    ("医药", "医药健康"), ("新经济产业", "新经济")])
def test_likely_finds_the_one_listed_name(written: str, meant: str) -> None:
    options = ["北京", "内蒙古", "四川", "武侯区", "成都高新区", "天府新区成都直管区", "医药健康",
               "新经济", "会展经济"]
    assert likely(written, options) == meant


@pytest.mark.parametrize("written", ["成都", "经济", "绵阳市", " "])
def test_likely_stays_silent_when_unsure(written: str) -> None:
    assert likely(written, ["武侯区", "成都高新区", "天府新区成都直管区", "会展经济", "新经济"]) is None


def test_rule_messages_suggest_the_listed_name(tmp_path: Path) -> None:
    body = EVENT.format(category="全国性学术交流", provinces="[内蒙, 上海, 广东, 湖北, 陕西, 辽宁]")
    body += """consortia:
  - {id: c-a, name: 联合体, role: 牵头, form: 专业相近, direction: 横向, industry: 医药,
     established: 2017-05-01}
innovation:
  services:
    - {id: svc-a, kind: 科技咨询, title: t, enterprise: e, district: 成都市武侯区, date: 2017-05-01,
       outcome: o}
"""
    messages = {f.code: f.message for f in _check(tmp_path, body)}
    assert "你是不是想写“内蒙古”" in messages["E-PROVINCE-UNKNOWN"]
    assert "你是不是想写“医药健康”" in messages["E-INDUSTRY-UNKNOWN"]
    assert "你是不是想写“武侯区”" in messages["E-DISTRICT-UNKNOWN"]


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 4
UTF16_TEXT = HEAD + "# 学会年度报告：一档\nmajor_work: []\n" + "# 说明\n" * 20


def _check_bytes(tmp_path: Path, data: bytes) -> list[Finding]:
    path = tmp_path / "cd-a" / "2017.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return check_file(path, tmp_path).findings


@pytest.mark.parametrize("data", [
    MP4,
    b"\x00\x00\x00\x18ftypmp42",
    b"\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01" + bytes(300),  # MPEG program stream
    b"\x00\x01\x00\x00\x00\x0f\x00\x80\x00\x03\x00\x70",  # TrueType font
    b"\x00" + HEAD.encode(),
], ids=["mp4", "mp4-header-only", "mpeg", "ttf", "nul-then-text"])
def test_a_binary_file_starting_with_nul_is_called_binary_not_utf16(tmp_path: Path,
                                                                     data: bytes) -> None:
    [finding] = _check_bytes(tmp_path, data)
    assert (finding.code, finding.line, finding.column) == ("E-YAML-ENCODING", 1, 1)
    assert "二进制" in finding.message
    assert "UTF-16" not in finding.message


@pytest.mark.parametrize("data", [
    UTF16_TEXT.encode("utf-16"),
    UTF16_TEXT.encode("utf-16-le"),
    UTF16_TEXT.encode("utf-16-be"),
    ("一档：" + UTF16_TEXT).encode("utf-16-le"),  # 一 is U+4E00: a NUL on the other side
    HEAD.encode("utf-16-le"),  # shorter than the prefix looked at
], ids=["bom", "le", "be", "le-chinese-first", "le-short"])
def test_utf16_text_is_still_called_utf16(tmp_path: Path, data: bytes) -> None:
    [finding] = _check_bytes(tmp_path, data)
    assert (finding.code, finding.line, finding.column) == ("E-YAML-ENCODING", 1, 1)
    assert "UTF-16" in finding.message


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_text_is_called_utf32(tmp_path: Path, codec: str) -> None:
    data = UTF16_TEXT.encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    [finding] = _check_bytes(tmp_path, data)
    assert (finding.code, finding.line, finding.column) == ("E-YAML-ENCODING", 1, 1)
    assert "UTF-32" in finding.message


BLANK_EVENT = """academic_events:
  - id: evt-a
    title: {title}
    category: {category}
    role: 主办
    date: {date}
    participants: {participants}
    countries: [{country}]
"""
FILLED = {"title": "研讨会", "category": "其他", "date": "2017-06-01", "participants": "200",
          "country": "中国"}


@pytest.mark.parametrize(("field", "title", "code", "line", "expected"), [
    ("title", "活动名称", "E-SCHEMA-TYPE", 5, "填写文字"),
    ("category", "申报类别", "E-SCHEMA-ENUM", 6, "可选值之一"),
    ("date", "活动日期", "E-SCHEMA-DATE", 8, "日期，如 2017-05-12"),
    ("participants", "参与人数", "E-SCHEMA-TYPE", 9, "整数"),
])
def test_a_blank_field_is_called_empty_not_told_to_add_quotes(
        tmp_path: Path, field: str, title: str, code: str, line: int, expected: str) -> None:
    body = BLANK_EVENT.format(**{**FILLED, field: ""}).replace(f"{field}: \n", f"{field}:\n")
    [finding] = _check(tmp_path, body)
    assert (finding.code, finding.line) == (code, line)
    assert finding.message.startswith(f"字段“{title}”（{field}）不能为空：请在“{field}:”后面填写")
    assert expected in finding.message
    assert "引号" not in finding.message


def test_a_blank_list_item_is_called_empty(tmp_path: Path) -> None:
    body = BLANK_EVENT.format(**FILLED).replace("countries: [中国]", "countries:\n      -\n      - 中国")
    [finding] = _check(tmp_path, body)
    assert (finding.code, finding.line) == ("E-SCHEMA-TYPE", 11)
    assert finding.message == "“参加的科技人员来自的国家或地区”（countries）的第 1 项是空的：请填写内容，或删除这一项。"


def test_a_number_where_text_belongs_is_still_told_to_add_quotes(tmp_path: Path) -> None:
    [finding] = _check(tmp_path, BLANK_EVENT.format(**{**FILLED, "title": "2017"}))
    assert finding.code == "E-SCHEMA-TYPE"
    assert "引号" in finding.message


def test_a_review_files_marks_and_names_are_said_in_chinese_with_their_own_examples(tmp_path: Path) -> None:
    """A mark of 5.3 was said in pydantic's English ("Input should be a multiple of 0.5"); a
    reviewer's name was told to look like an item id (annual-meeting-2017) though it is a GitHub
    user name, and so was an expert's number (expert-a)."""
    from tests.trees import base_tree
    from validators.check import check_tree

    root = base_tree(tmp_path / "tree")
    path = root / "reviews" / "2018" / "cd-mech-eng.yaml"
    path.write_text("society: cd-mech-eng\nyear: 2018\n"
                    "rest: {status: 已核实, reviewer: Zhang_San, date: 2026-11-12}\n"
                    "marks:\n  - {criterion: event-quality, expert: 张三, mark: 5.3, date: 2026-11-20}\n",
                    encoding="utf-8")
    result, _ = check_tree(root, [path])
    said = {(f.code, f.line): f.message for f in result.findings if f.file.endswith("cd-mech-eng.yaml")}
    assert said[("E-SCHEMA-TYPE", 5)] == "“分数”（mark）须是 0.5 的整数倍。"  # the code it always had
    assert "GitHub 用户名" in said[("E-SCHEMA-PATTERN", 3)]
    assert "cast-staff" in said[("E-SCHEMA-PATTERN", 3)]
    assert said[("E-SCHEMA-PATTERN", 5)].endswith("如 expert-a。")
    assert all("Input should" not in m for m in said.values())


# JSON Schema keyword → the pydantic error a value that breaks it gives.
_ERROR_OF_KEYWORD = {"minimum": "greater_than_equal", "exclusiveMinimum": "greater_than",
                     "maximum": "less_than_equal", "exclusiveMaximum": "less_than",
                     "multipleOf": "multiple_of", "minLength": "string_too_short",
                     "maxLength": "string_too_long", "pattern": "string_pattern_mismatch",
                     "minItems": "too_short", "maxItems": "too_long"}


def _keywords(node: object) -> set[str]:
    if isinstance(node, dict):
        return {k for k in node if k in _ERROR_OF_KEYWORD} | {k for v in node.values() for k in _keywords(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keywords(v)}
    return set()


def test_every_constraint_of_every_file_kind_has_a_chinese_message() -> None:
    """A constraint without its own message fell through to pydantic's English text; each one any
    model uses (every year's report, the profile, review and objections files) is said in Chinese."""
    from validators.check import year_report_model
    from validators.models.review import ObjectionsFile, ReviewFile
    from validators.models.society import SocietyProfile
    from validators.schema_findings import _SIMPLE
    from validators.year.guideline import available_years

    models = [year_report_model(y, None) for y in available_years(None)]
    models += [SocietyProfile, ReviewFile, ObjectionsFile]
    used = set().union(*(_keywords(m.model_json_schema()) for m in models))
    assert {"multipleOf", "pattern", "maximum"} <= used  # the walk finds them
    assert {_ERROR_OF_KEYWORD[k] for k in used} <= set(_SIMPLE)


def test_a_missing_field_is_named_by_the_forms_word_and_its_key(tmp_path: Path) -> None:
    """A secretary who filled the form reads the pull request's comment: the field is named as
    the form and the workbook name it (参与人数), with the key the file writes."""
    body = BLANK_EVENT.format(**FILLED).replace("    participants: 200\n", "")
    [finding] = _check(tmp_path, body)
    assert finding.code == "E-SCHEMA-MISSING"
    assert finding.message == "缺少必填字段“参与人数”（participants）：请补上 participants: 一行。"


def test_a_function_not_new_is_told_in_the_fields_words_not_its_key(tmp_path: Path) -> None:
    """“请把 new 改为 false” reached a secretary in the form, which shows 本年度新增 and 是/否."""
    found = _check(tmp_path, "government_functions:\n  functions:\n    - id: fn-a\n      title: 科普宣传\n"
                             "      commissioner: 成都市科学技术局\n      method: 委托\n      new: true\n"
                             "      amount_wan: 5\n      start: 2016-03-01\n      end: 2017-06-30\n")
    said = next(f.message for f in found if f.code == "E-FUNCTION-NOT-NEW")
    assert said.endswith("请把“本年度新增”改为“否”。"), said


def test_no_rule_tells_a_secretary_to_set_a_field_key_to_true_or_false() -> None:
    """The messages are the form's too: a key and a YAML value (new 改为 false, pilot 改为 true,
    改为 参与 after a dropped `role:`) mean nothing there; the field's title and 是/否 do."""
    import re

    rules = Path(__file__).resolve().parents[1] / "validators"
    written = re.compile(r"[A-Za-z_]+ 改为 (?:true|false)|改为 (?:true|false)|改为 参与")
    found = [f"{p.name}: {m.group(0)}" for p in sorted(rules.rglob("*.py")) for m in written.finditer(p.read_text("utf-8"))]
    assert found == []
