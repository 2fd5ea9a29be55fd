"""The form reads a workbook's cell as `xlsx import` does: form-xlsx.js's `readCell`, run under
Node on values Hypothesis draws (dates in the usual Chinese forms, serial numbers, full-width
digits, numbers as text, stray spaces, yes/no words, lists), gives the value, the error and the
conversion note that validators/xlsx/cells.py gives, for every kind of column; and its
`workbookToReport` turns the rows of every sample's workbook into that sample's data."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_form_criteria import _node
from tests.test_xlsx import (
    CAPITAL_IDS,
    COVER_NAMES,
    COVER_YEARS,
    EARLY_OR_TIMED,
    NO_DATES,
    NO_SOCIETIES,
    NO_TOTALS,
    NO_YEARS,
    TOTALS,
    WITH_UNIT,
    WORDED,
    _cli,
)
from tests.trees import ROOT
from validators.check import check_tree
from validators.xlsx.cells import read_cell
from validators.xlsx.layout import Column, Layout, layout
from validators.year.guideline import guideline

openpyxl = pytest.importorskip("openpyxl")

SCRIPT = ROOT / "site_builder" / "form" / "form-xlsx.js"
HARNESS = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cells.map((c) => RF.readCell(c.value, c.column, input.layout));
const reports = input.books.map((b) => RF.workbookToReport(RF.withHidden(RF.inOrder(b.sheets, b.order), b.hidden || {}),
  input.layout));
process.stdout.write(JSON.stringify({cells: out, reports: reports}));
"""
KINDS = ("text", "int", "number", "bool", "date", "list")
LAYOUT = layout(guideline(2018)).as_json()  # type: ignore[arg-type]


def _js(cells: list[dict[str, Any]], books: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)],
                          input=json.dumps({"cells": cells, "books": [_ordered(b) for b in books or []], "layout": LAYOUT},
                                           ensure_ascii=False),
                          capture_output=True, text=True, check=True, timeout=60)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _ordered(book: dict[str, Any], hidden: dict[str, Any] | None = None) -> dict[str, Any]:
    """A workbook's rows by sheet, with the sheets' order as the form's reader keeps it (JSON's
    object would list a sheet named 2018 first), and what each sheet hides, as it keeps that."""
    return {"order": list(book), "sheets": book, "hidden": hidden or {}}


def _as_js(value: object) -> object:
    """A cell as the form's reader hands it over: a date cell as {date}, with its time of day
    when it has one ({date, time}, written as Python writes a time)."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return {"date": value.date().isoformat(), "time": value.time().isoformat()}
        return {"date": value.date().isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


PIECES = ["2018", "5", "12", "-", "/", ".", "年", "月", "日", " ", "\u3000", "\t", "１", "２", "０", "1", "0", "+",
          "是", "否", "TRUE", "false", "yes", "N", "；", ";", "\n", ",", "，", "、", "13", "45", "a", "一百", "\u00a0", "e5",
          # A number's words (policy.yaml's workbook.numbers): units, own or not, and approximations.
          "万", "万元", "元", "人", "人次", "名", "约", "大约", "余", "多", "左右", "以上", "千元", "年度"]
# A column's key: any, or the cover's year (read as a year, in a year's words).
KEYS = ["x", "year"]
# A column's own units: none, an amount's, a count of people's (policy.yaml's workbook.numbers.columns).
UNITS = [(), ("万元", "万"), ("人", "名")]
CELL = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=7).map("".join),
    # Numbers a sheet holds; below 1e-4 Python and JavaScript spell a float differently (e-08, e-8).
    st.integers(-5, 3_000_000),
    st.floats(-1e6, 1e7, allow_nan=False, allow_infinity=False).filter(lambda x: x == 0 or abs(x) >= 1e-4),
    st.booleans(), st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)), st.none(),
    # Date cells before 1900 (-5 in one), and with a time of day (43232.75).
    st.dates(dt.date(1, 1, 1), dt.date(1899, 12, 31)),
    st.datetimes(dt.datetime(1890, 1, 1), dt.datetime(2100, 12, 31)).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)),
    st.sampled_from([43232.75, 43232.5 + 1 / 86_400_000, 59.5, 2958465.999999995, 1.25]),
    st.sampled_from(["2018-05-12", "2018年5月12日", "2018/5/12", "2018.5.12", "２０１８-０５-１２", " 2018-5-12 ",
                     "2017年13月45日", "2016年5月", "2018/6", "2018-06", " 2018年 6 月份", "２０１８年６月", "2018年13月",
                     "１２０", "120 ", "1,200", "是", "否", "√", "×", "甲；乙;丙\n丁", " 年会 ", "2018年", "2018 年度",
                     "２０１８年度", "年", "去年"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(CELL, st.sampled_from(KINDS), st.sampled_from(UNITS), st.sampled_from(KEYS)), min_size=30,
                max_size=30))
def test_the_form_reads_every_cell_as_import_does(cells: list[tuple[object, str, tuple[str, ...], str]]) -> None:
    _node()
    found = _js([{"value": _as_js(v), "column": {"kind": k, "title": "x", "key": key, "choices": [], "units": list(u)}}
                 for v, k, u, key in cells])
    for (value, kind, units, key), js in zip(cells, found["cells"], strict=True):
        python = read_cell(value, Column(key, "x", kind, units=units))
        assert js.get("error") == python.error, (value, kind, units, key)
        assert js.get("said") == python.said, (value, kind, units, key)
        assert js.get("unit") == python.unit, (value, kind, units, key)
        got, want = js.get("value"), _plain(python.value)
        if isinstance(want, float) or isinstance(got, float):
            assert got == pytest.approx(want), (value, kind, units, key)
        else:
            assert got == want, (value, kind, units, key)


def _rows(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    return {name: [[_as_js(v) for v in row] for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def test_the_form_turns_every_2018_sample_workbook_into_its_data(tmp_path: Path) -> None:
    from validators.xlsx.write import workbook_bytes

    _node()
    docs = [d for (_, year), d in sorted(check_tree(ROOT)[1].reports.items()) if year == 2018]
    books = []
    for n, doc in enumerate(docs):
        path = tmp_path / f"{n}.xlsx"
        path.write_bytes(workbook_bytes(layout(guideline(2018)), doc.report.model_dump(mode="python", exclude_none=True)))  # type: ignore[arg-type]
        books.append(_rows(path))
    found = _js([], books)["reports"]
    for doc, js in zip(docs, found, strict=True):
        assert js["issues"] == []
        again = type(doc.report).model_validate({**js["data"], **_dates(js["data"], doc.report)})
        assert again.model_dump(mode="json") == doc.report.model_dump(mode="json")


def _dates(data: Any, report: Any) -> dict[str, Any]:
    """The form keeps dates as ISO text; the model (strict, as YAML reads them) takes dates."""
    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (dt.date.fromisoformat(v) if isinstance(v, str) and k in ("date", "start", "end", "established")
                        else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node
    out: dict[str, Any] = walk(data)
    return out


def _sample_workbook(tmp: Path) -> tuple[Layout, Path]:
    """The 2018 layout and the mechanical engineering society's 2018 report written into it."""
    from validators.xlsx.write import workbook_bytes

    doc = dict(check_tree(ROOT)[1].reports)[("cd-mech-eng", 2018)]
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    path = tmp / "r.xlsx"
    path.write_bytes(workbook_bytes(shape, doc.report.model_dump(mode="python", exclude_none=True)))
    return shape, path


def test_the_form_says_what_a_workbook_changed_in_shape_lost(tmp_path: Path) -> None:
    """The shapes `xlsx import` refuses or warns about (tests/test_xlsx.py), said by the form
    too, at the same sheets and cells: nothing is dropped without a word."""
    from validators.xlsx.read import read_workbook

    _node()
    shape, path = _sample_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["学会联合体建设"].title = "联合体"
    del book["学术交流活动"]
    services = book["为企业提供的服务"]
    header = [str(c.value).rstrip(" *") for c in services[1]]
    services.cell(row=1, column=header.index("服务成效") + 1).value = None
    stations = book["学会服务站建设"]
    stations.insert_rows(1)
    stations["A1"].value = "2018 年学会服务站"
    book["封面"]["A20"].value = "constructor"  # a title that is also a JavaScript object's property
    book.create_sheet("merged")["A1"].value = "一张名叫 merged 的表"  # the name the form once kept merged cells under
    book.save(tmp_path / "s.xlsx")
    python = read_workbook(tmp_path / "s.xlsx", "s.xlsx", shape).findings
    [js] = _js([], [_rows(tmp_path / "s.xlsx")])["reports"]
    where = {(i["severity"], i["message"].split("：")[0]) for i in js["issues"]}
    assert ("error", "联合体!A1") in where  # renamed: its rows are not read, and it says so
    assert ("error", "学会服务站建设!A1") in where  # a row above the header
    assert any(s == "warning" and "学术交流活动" in w for s, w in where)  # deleted
    assert any("这张表没有“服务成效”一列" in i["message"] for i in js["issues"])
    assert any(i["message"].startswith("封面!A20：不认识的项目“constructor”") for i in js["issues"])
    assert not any("出现了两次" in i["message"] for i in js["issues"])
    assert any(i["message"].startswith("merged!A1：不认识的工作表“merged”") and i["severity"] == "warning"
               for i in js["issues"])  # nothing like a missing sheet's name: a warning, as import says
    # The same places as the command line's findings, error for error.
    errors_py = {f.message.split("：")[0] for f in python if f.severity == "error"}
    errors_js = {i["message"].split("：")[0] for i in js["issues"] if i["severity"] == "error"}
    assert errors_js == errors_py


BOMB = """
const RF = require(process.argv[1]);
const Real = globalThis.DecompressionStream;
globalThis.unpacked = 0;
globalThis.DecompressionStream = function (format) {  // counts what is unpacked, chunk by chunk
  const real = new Real(format);
  const counter = new TransformStream({ transform(chunk, c) { globalThis.unpacked += chunk.length; c.enqueue(chunk); } });
  real.readable.pipeTo(counter.writable).catch(() => {});
  return { writable: real.writable, readable: counter.readable };
};
const bytes = require("fs").readFileSync(0);
RF.unzip(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), 100 * 1000 * 1000).then(
  () => process.stdout.write(JSON.stringify({ ok: true, unpacked: globalThis.unpacked })),
  (e) => process.stdout.write(JSON.stringify({ error: e.message, unpacked: globalThis.unpacked })));
"""


def test_the_form_stops_unpacking_an_entry_past_its_stated_size() -> None:
    """A zip entry that states 100 bytes and unpacks to 50 MB: refused after a chunk or two,
    not after unpacking it all (a bigger one would take the browser tab down)."""
    import struct
    import zlib

    _node()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = b"".join(packer.compress(b"\0" * 1_000_000) for _ in range(50)) + packer.flush()
    name = b"xl/worksheets/sheet1.xml"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(packed), 100, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(packed), 100, len(name),
                          0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(packed), 0)
    done = subprocess.run([_node(), "-e", BOMB, str(SCRIPT)], input=local + packed + central + end,
                          capture_output=True, check=True, timeout=120)
    result = json.loads(done.stdout)
    assert result["error"] == "size"
    assert result["unpacked"] < 1_000_000, result


CAPPED = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(RF.workbookToReport(RF.withMerged(RF.withHidden(RF.inOrder(input.book.sheets,
  input.book.order), input.book.hidden || {}), input.book.merged || {}), input.layout, input.limits).issues));
"""


def test_the_form_lists_as_many_problems_as_import_and_counts_the_rest() -> None:
    """policy.yaml's workbook.max_findings holds for the form too (a hostile workbook listed 29,893)."""
    from validators.yaml.policy import policy

    _node()
    limits = policy().workbook.model_dump()
    most = limits["max_findings"]
    sheet = next(s for s in LAYOUT["sheets"] if s["name"] == "学术交流活动")
    header = [c["header"] for c in sheet["columns"]]
    col = [c["title"] for c in sheet["columns"]].index("参与人数")
    rows = [header] + [[f"evt-{n}"] + [None] * (col - 1) + ["很多"] for n in range(most + 50)]
    book = {"封面": [["项目", "填写"], ["学会 id *", "cd-mech-eng"], ["年度 *", 2018]], "学术交流活动": rows}
    done = subprocess.run([_node(), "-e", CAPPED, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=60,
                          input=json.dumps({"book": _ordered(book), "layout": LAYOUT, "limits": limits}, ensure_ascii=False))
    issues = json.loads(done.stdout)
    assert len(issues) == most + 1
    assert issues[-1]["severity"] == "error"
    assert f"只列出前 {most} 个" in issues[-1]["message"]


def test_the_form_says_a_spoiled_header_a_totals_row_and_a_worded_number_as_import_does(tmp_path: Path) -> None:
    """The messages of item by item spoiled workbooks, the form's and `xlsx import`'s, word for word."""
    from validators.xlsx.read import read_workbook

    _node()
    shape, path = _sample_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["为企业提供的服务"].delete_rows(1)  # the header row deleted: row 1 is data
    functions = book["承接的政府转移职能（委托工作）"]
    next(c for c in functions[1] if str(c.value).startswith("开始日期")).value = "日期"  # a required header renamed
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    events.cell(row=2, column=header.index("参与人数") + 1).value = "约400"
    total = events.max_row + 1
    events.cell(row=total, column=2).value = "合计"
    events["Z20"].value = "备注"
    stations = book["学会服务站建设"]
    stations.insert_rows(1)
    stations["A1"].value = "2018 年学会服务站"
    book.save(tmp_path / "s.xlsx")
    python = [(f.severity, f.message) for f in read_workbook(tmp_path / "s.xlsx", "s.xlsx", shape).findings]
    [js] = _js([], [_rows(tmp_path / "s.xlsx")])["reports"]
    assert sorted((i["severity"], i["message"]) for i in js["issues"]) == sorted(python)
    assert len(python) == 6, python


def _capped(book: dict[str, Any], hidden: dict[str, Any] | None = None,
            merged: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """The form's issues on a workbook's rows, with policy.yaml's workbook limits (and each
    sheet's merged ranges, as the form's reader keeps them)."""
    from validators.yaml.policy import policy

    done = subprocess.run([_node(), "-e", CAPPED, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=120,
                          input=json.dumps({"book": {**_ordered(book, hidden), "merged": merged or {}}, "layout": LAYOUT,
                                            "limits": policy().workbook.model_dump()},
                                           ensure_ascii=False, default=str))
    issues: list[dict[str, Any]] = json.loads(done.stdout)
    return issues


def _hidden_of(path: Path) -> dict[str, Any]:
    """What each sheet of the workbook at `path` hides, as the form's reader keeps it: the sheet
    itself, its rows, its columns (read here by openpyxl, the form reads the sheet's XML)."""
    from openpyxl.utils import column_index_from_string

    book = openpyxl.load_workbook(path)
    return {sheet.title: {"sheet": sheet.sheet_state != "visible",
                          "rows": [r for r, d in sheet.row_dimensions.items() if d.hidden],
                          "columns": [c for d in sheet.column_dimensions.values() if d.hidden
                                      for c in range(d.min or column_index_from_string(d.index), (d.max or d.min) + 1)]}
            for sheet in book.worksheets}


def _same_as_import(path: Path, rows: dict[str, list[list[object]]] | None = None) -> list[dict[str, Any]]:
    """The form's issues on the workbook at `path` (on `rows` when given: its rows as the form's
    reader hands them over), which are `xlsx import`'s, message for message."""
    from validators.xlsx.read import read_workbook

    python = [(f.severity, f.message) for f in read_workbook(path, path.name, layout(guideline(2018))).findings]  # type: ignore[arg-type]
    issues = _capped(rows or _rows(path), _hidden_of(path))
    assert [(i["severity"], i["message"]) for i in issues] == python
    return issues


def test_the_form_too_lists_an_error_before_the_warnings_past_its_limit(tmp_path: Path) -> None:
    from tests.test_xlsx import _blank_book, _services
    from validators.yaml.policy import policy

    most = policy().workbook.max_findings
    book = _blank_book(tmp_path)
    _services(book, most + 50, lambda n: "2018年13月5日" if n == most + 39 else "2018.5.6")
    book.save(tmp_path / "w.xlsx")
    _node()
    issues = _same_as_import(tmp_path / "w.xlsx")
    assert issues[0]["message"].startswith(f"为企业提供的服务!F{most + 41}：日期“2018年13月5日”无法识别")
    assert issues[-1]["severity"] == "warning"
    assert "还有 50 个问题没有列出" in issues[-1]["message"]


@pytest.mark.parametrize(("column", "words"), TOTALS)
def test_the_form_knows_a_totals_row_as_import_does(tmp_path: Path, column: int, words: str) -> None:
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    events = book["学术交流活动"]
    events.append(["evt-a", "2018年成都市农学会学术年会", "综合性学术年会", "主办", dt.date(2018, 10, 20), 300])
    events.append(["evt-b", "小计算机应用论坛", "其他", "主办", dt.date(2018, 9, 20), 120])
    total: list[object] = [None] * 6
    total[column - 1], total[5] = words, 420
    events.append(total)
    book.save(tmp_path / "t.xlsx")
    _node()
    [issue] = _same_as_import(tmp_path / "t.xlsx")
    assert "像是合计行" in issue["message"]
    [js] = _js([], [_rows(tmp_path / "t.xlsx")])["reports"]
    assert [e["id"] for e in js["data"]["academic_events"]] == ["evt-a", "evt-b"]


@pytest.mark.parametrize("words", NO_TOTALS)
def test_the_form_reads_a_row_that_only_begins_with_a_totals_word_as_import_does(tmp_path: Path, words: str) -> None:
    """共计 10 家企业… in a row with a blank 编号 is an item, in the form as in `xlsx import`."""
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    events = book["学术交流活动"]
    events.append(["evt-a", "2018年成都市农学会学术年会", "综合性学术年会", "主办", dt.date(2018, 10, 20), 300])
    events.append([None, words, "其他", "主办", dt.date(2018, 9, 20), 120])
    book.save(tmp_path / "t.xlsx")
    _node()
    assert _same_as_import(tmp_path / "t.xlsx") == []
    [js] = _js([], [_rows(tmp_path / "t.xlsx")])["reports"]
    assert [e["title"] for e in js["data"]["academic_events"]] == ["2018年成都市农学会学术年会", words]


def test_the_form_says_a_thousand_unknown_sheets_in_one_line_as_import_does(tmp_path: Path) -> None:
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    for n in range(1000):
        book.create_sheet(f"Sheet{n + 1}")["A1"].value = n
    book.save(tmp_path / "k.xlsx")
    _node()
    [issue] = _same_as_import(tmp_path / "k.xlsx")
    assert issue["message"].startswith("Sheet1!A1：工作簿中有 1000 张不认识的工作表")


@pytest.mark.parametrize("extra", [["Sheet1", "2018"], ["2018"], ["Sheet1", "2018", "10", "草稿"]])
def test_the_form_names_unknown_sheets_in_the_workbooks_order_as_import_does(tmp_path: Path, extra: list[str]) -> None:
    """A JavaScript object lists a name like “2018” before the others: the form named “2018” first,
    at another cell than `xlsx import`."""
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    for name in extra:
        book.create_sheet(name)["A1"].value = "草稿"
    book.save(tmp_path / "k.xlsx")
    _node()
    [issue] = _same_as_import(tmp_path / "k.xlsx")
    assert issue["cell"] == f"{extra[0]}!A1"


def test_the_form_reads_a_number_with_its_columns_own_unit_as_import_does(tmp_path: Path) -> None:
    """15万 under 金额（万元）, 160人 under 参与人数: the form reads the number into its field and warns
    at the cell, word for word as `xlsx import`; 约160人, 160人次, 150000元… stay unread in both."""
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    for n, (sheet, title, value, *_) in enumerate(WITH_UNIT + WORDED):
        rows = book[sheet]
        header = [str(c.value).rstrip(" *") for c in rows[1]]
        rows.cell(row=n + 2, column=header.index(title) + 1).value = value
        rows.cell(row=n + 2, column=1).value = f"item-{n}"
    book.save(tmp_path / "n.xlsx")
    _node()
    issues = _same_as_import(tmp_path / "n.xlsx")
    said = [(i["severity"], i["message"]) for i in issues]
    for n, (sheet, title, _, _, message) in enumerate(WITH_UNIT):
        assert ("warning", f"{sheet}!{_column_of(book, sheet, title)}{n + 2}：{message}") in said
    for n, (sheet, title, _, message) in enumerate(WORDED, start=len(WITH_UNIT)):
        assert ("error", f"{sheet}!{_column_of(book, sheet, title)}{n + 2}：{message}") in said
    [js] = _js([], [_rows(tmp_path / "n.xlsx")])["reports"]
    read = {(i["id"]): i for items in (js["data"]["academic_events"], js["data"]["government_functions"]["functions"]) for i in items}
    assert [read[f"item-{n}"].get("participants", read[f"item-{n}"].get("amount_wan")) for n in range(len(WITH_UNIT))] \
        == [number for *_, number, _ in WITH_UNIT]


def _column_of(book: Any, sheet: str, title: str) -> str:
    from openpyxl.utils import get_column_letter

    header = [str(c.value).rstrip(" *") for c in book[sheet][1]]
    return str(get_column_letter(header.index(title) + 1))


@pytest.mark.filterwarnings("ignore:Cell F3 is marked as a date")  # this test's own reading of the file
@pytest.mark.parametrize(("number", "written"), NO_DATES)
def test_the_form_says_a_date_cell_past_the_dates_there_are_as_import_does(tmp_path: Path, number: float,
                                                                           written: str) -> None:
    """A date cell holding 1e+20 or 2958466: the form's reader hands it over as {serial} (what the
    file holds; tests/browser/test_form_workbook.py reads the file itself), and the form says what
    `xlsx import` says, at the same cell."""
    from tests.test_xlsx import _blank_book, _services

    book = _blank_book(tmp_path)
    _services(book, 3)
    book["为企业提供的服务"]["F3"].value = number
    book["为企业提供的服务"]["F3"].number_format = "yyyy-mm-dd"  # a date cell, as Excel keeps one typed in the column
    book.save(tmp_path / "d.xlsx")
    rows = _rows(tmp_path / "d.xlsx")
    rows["为企业提供的服务"][2][5] = {"serial": written}
    _node()
    issues = _same_as_import(tmp_path / "d.xlsx", rows)
    assert [(i["cell"], i["severity"], i["lost"]) for i in issues if "日期的范围" in i["message"]] == [
        ("为企业提供的服务!F3", "error", "cell")]


@pytest.mark.parametrize(("number", "code", "said"), EARLY_OR_TIMED)
def test_the_form_says_a_date_cell_before_1900_or_with_a_time_as_import_does(tmp_path: Path, number: float,
                                                                             code: str, said: str) -> None:
    """-5 and 43232.75 in a date cell: the form refuses the one and reads the other as its day,
    saying the time it dropped, as `xlsx import` does (tests/browser/test_form_workbook.py reads
    the file itself)."""
    from tests.test_xlsx import _blank_book, _services

    book = _blank_book(tmp_path)
    _services(book, 3)
    book["为企业提供的服务"]["F3"].value = number
    book["为企业提供的服务"]["F3"].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "d.xlsx")
    _node()
    issues = _same_as_import(tmp_path / "d.xlsx")
    assert [(i["cell"], i["severity"]) for i in issues if i["message"].startswith("为企业提供的服务!F3：" + said)] == [
        ("为企业提供的服务!F3", "error" if code.startswith("E") else "warning")]


def test_the_form_says_hidden_sheets_rows_and_columns_as_import_does(tmp_path: Path) -> None:
    from tests.test_xlsx import HIDDEN, _hide

    _, path = _sample_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    _hide(book)
    book.save(tmp_path / "h.xlsx")
    _node()
    issues = _same_as_import(tmp_path / "h.xlsx")
    assert [(i["cell"], i["severity"]) for i in issues] == [(at, "warning") for at, _ in HIDDEN]
    [js] = _js([], [_rows(tmp_path / "h.xlsx")])["reports"]
    assert len(js["data"]["innovation"]["services"]) == 4  # the hidden sheet's rows, read as ever


def test_the_form_says_content_under_a_merged_away_header_as_import_does(tmp_path: Path) -> None:
    """G1:H1 merged over 服务成效 and 证明材料: the same error at H2, with the same fix, and the
    form counts it as a column not read (README: 工作簿中没有读入的内容)."""
    from tests.test_xlsx import _merged_header
    from validators.xlsx.read import read_workbook

    path = _merged_header(tmp_path)
    python = sorted((f.severity, f.message) for f in read_workbook(path, path.name, layout(guideline(2018))).findings)  # type: ignore[arg-type]
    _node()
    issues = _capped(_rows(path), merged={"为企业提供的服务": ["G1:H1"]})
    assert sorted((i["severity"], i["message"]) for i in issues) == python
    [error] = [i for i in issues if i["severity"] == "error"]
    assert (error["cell"], error["lost"]) == ("为企业提供的服务!H2", "column")
    assert "在 H1 写回标题“证明材料”" in error["message"]


def test_a_number_no_spreadsheet_shows_is_said_as_the_command_line_says_it() -> None:
    """1e999999 in a cell is Infinity to the form's reader (and "NaN" is NaN): it said "现在是
    Infinity" (and took the number); the form now says what `xlsx import` says, for every kind."""
    harness = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const values = [Infinity, -Infinity, NaN];
process.stdout.write(JSON.stringify(input.kinds.map((k) => values.map((v) => RF.readCell(v, {key: "x", title: "x", kind: k},
  input.layout)))));
"""
    done = subprocess.run([_node(), "-e", harness, str(SCRIPT)], input=json.dumps({"kinds": KINDS, "layout": LAYOUT}),
                          capture_output=True, text=True, check=True, timeout=60)
    said = json.loads(done.stdout)
    for kind, cells in zip(KINDS, said, strict=True):
        for value, cell in zip((float("inf"), float("-inf"), float("nan")), cells, strict=True):
            assert cell == {"error": read_cell(value, Column("x", "x", kind)).error}, (kind, value)  # type: ignore[arg-type]


YEAR_NOTE = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const sheets = RF.withTitle(RF.inOrder(input.book.sheets, input.book.order), input.title);
const read = RF.workbookToReport(sheets, input.layout);
process.stdout.write(JSON.stringify({data: read.data, yearAt: read.yearAt, issues: read.issues,
  other: RF.workbookOtherYearNote(read.yearAt, 2030, 2018),
  cover: RF.coverYear(read.yearAt, read.issues, sheets, input.years, input.layout)}));
"""


def _year_note(book: dict[str, Any], title: str | None = None) -> dict[str, Any]:
    done = subprocess.run([_node(), "-e", YEAR_NOTE, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=60,
                          input=json.dumps({"book": _ordered(book), "layout": LAYOUT, "title": title, "years": [2017, 2018]},
                                           ensure_ascii=False, default=str))
    found: dict[str, Any] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize(("written", "year"), [*COVER_YEARS, ("2018", 2018), (2018, 2018)])
def test_the_form_reads_a_cover_year_with_its_word_as_import_does(tmp_path: Path, written: object, year: int) -> None:
    """B3 = 2018年: the form's report had no year (its file undefined.yaml) and the cell said “如 15”."""
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book["封面"]["B3"].value = written
    book.save(tmp_path / "y.xlsx")
    _node()
    issues = _same_as_import(tmp_path / "y.xlsx")
    assert [i["message"] for i in issues] == ([] if isinstance(written, int) else
                                              [f"封面!B3：文字“{written}”按年度 {year} 读入，请核对。"])
    [js] = _js([], [_rows(tmp_path / "y.xlsx")])["reports"]
    assert js["data"]["year"] == year


@pytest.mark.parametrize(("written", "message"), NO_YEARS)
def test_the_form_says_a_cover_year_that_is_no_year_as_import_does(tmp_path: Path, written: object, message: str) -> None:
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book["封面"]["B3"].value = written
    book.save(tmp_path / "n.xlsx")
    _node()
    assert [i["message"] for i in _same_as_import(tmp_path / "n.xlsx")] == [f"封面!B3：{message}"]


def _blank_year_book(tmp_path: Path, year: int, title: str | None) -> Path:
    """A `year` template whose cover 年度 cell was emptied; its title replaced by `title` (None: none)."""
    from validators.xlsx.write import workbook_bytes

    path = tmp_path / f"{year}.xlsx"
    path.write_bytes(workbook_bytes(layout(guideline(year)), {"society": "cd-agri", "year": year}))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    book["封面"]["B3"].value = None
    if title != f"{year} 年度学会重点工作报告":
        book.properties.title = title
    book.save(path)
    return path


def _form_cover_year(path: Path) -> dict[str, Any]:
    """What the form makes of the workbook's cover year, its title read as its reader reads it."""
    title = openpyxl.load_workbook(path, read_only=True).properties.title
    found = _year_note(_rows(path), title)
    cover: dict[str, Any] = found["cover"]
    return cover


@pytest.mark.parametrize("year", [2017, 2018])
def test_a_blank_cover_year_is_the_templates_in_the_form_as_in_import(tmp_path: Path, year: int) -> None:
    """B3 emptied in a 2017 workbook: the form took the year chosen under 填报年度 (2018, never
    touched), and every row then failed “不在 2018 年度评估期内”, while `xlsx import` refused the
    file. Both read the year the workbook's template was written for, said at the cell."""
    from validators.cli.xlsx import read_any_year

    path = _blank_year_book(tmp_path, year, f"{year} 年度学会重点工作报告")
    imported = read_any_year(path, path.name, ROOT)
    assert imported.data is not None
    assert imported.data["year"] == year
    said = [(f.code, f.severity, f.message) for f in imported.findings if f.message.startswith("封面!B3")]
    message = f"封面!B3：年度没有填写，已按这个工作簿模板的年度 {year} 读入，请核对，并在这一格填写年度。"
    assert said == [("W-XLSX-CONVERTED", "warning", message)]
    _node()
    cover = _form_cover_year(path)
    assert cover["year"] == year
    assert cover["cell"] == {"cell": "封面!B3", "sheet": "封面", "severity": "warning", "path": ["year"], "message": message}
    assert "表单中选择" not in json.dumps(cover, ensure_ascii=False)


@pytest.mark.parametrize("title", [None, "", "2030 年度学会重点工作报告", "2017年度学会重点工作报告", "2017 年度学会重点工作报告（副本）",
                                   "２０１７ 年度学会重点工作报告"], ids=["none", "empty", "no-guideline", "no-space", "more", "wide"])
def test_a_blank_cover_year_without_a_template_year_is_refused_alike(tmp_path: Path, title: str | None) -> None:
    """No title naming a year the site has: `xlsx import` refuses the workbook (E-XLSX-COVER), and
    the form refuses it in the same words, never taking the year chosen under 填报年度."""
    path = _blank_year_book(tmp_path, 2017, title)
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 1
    assert not (tmp_path / "out.yaml").exists()
    words = "封面!B3：“封面”中没有填写年度：请填写年度，如 2018（可选年度为 2017、2018）。"
    assert f"{path} 封面!B3: 错误 E-XLSX-COVER {words.split('：', 1)[1]}" in done.stdout
    _node()
    cover = _form_cover_year(path)
    assert "year" not in cover
    assert [(i["severity"], i["message"]) for i in cover["refused"]] == [("error", words)]


@pytest.mark.parametrize(("cover", "said"), [
    ([["年度 *", "去年"]], "封面!B3：“去年”不是年度：只写年度的阿拉伯数字，如 2018。"),
    ([["年度 *", None]], "封面!B3：“封面”中没有填写年度：请填写年度，如 2018（可选年度为 2017、2018）。"),
    ([], "“封面”中没有填写年度：请填写年度，如 2018（可选年度为 2017、2018）。"),
], ids=["no-year", "blank", "no-row"])
def test_the_form_refuses_a_cover_without_a_year_it_can_read(cover: list[list[object]], said: str) -> None:
    """去年, a blank cell in a workbook without a template title, or no 年度 row: refused, what the cell
    holds said as it was read (as `xlsx import` says it), even with a template title beside a year
    that is written (a title only stands in for a blank cell)."""
    _node()
    for title in (None, "2017 年度学会重点工作报告"):
        found = _year_note({"封面": [["项目", "填写"], ["学会 id *", "cd-agri"], *cover]}, title)
        assert "year" not in found["data"]
        if title and cover and cover[0][1] is None:
            assert found["cover"]["year"] == 2017
            continue
        assert [i["message"] for i in found["cover"]["refused"]] == [said], title


def test_the_form_takes_no_year_from_its_own_choice_for_a_workbook() -> None:
    """The workbook's year never comes from 填报年度 (the dropdown that starts a blank report)."""
    source = (ROOT / "site_builder" / "form" / "form-import.js").read_text("utf-8")
    body = source[source.index("P.importWorkbook"):]
    assert "yearForUnnamed" not in body
    assert "rf-new-year" not in body


def test_the_form_names_the_cover_cell_of_a_year_without_a_guideline() -> None:
    _node()
    found = _year_note({"封面": [["项目", "填写"], ["学会 id *", "cd-agri"], ["年度 *", 2030]]})
    assert found["data"]["year"] == 2030
    assert found["other"] == "封面 B3 的年度（2030）没有对应的指南，暂按 2018 年度检查。"


def test_the_form_does_not_say_a_renamed_sheet_is_missing_as_import_does_not(tmp_path: Path) -> None:
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book["参与市科协重大工作"].title = "市科协重大工作"
    del book["学术交流活动"]
    book.save(tmp_path / "r.xlsx")
    _node()
    messages = [i["message"] for i in _same_as_import(tmp_path / "r.xlsx")]
    assert "市科协重大工作!A1：不认识的工作表“市科协重大工作”：是不是“参与市科协重大工作”？请改回原名，这张表没有读入。" in messages
    assert "工作簿中没有“学术交流活动”工作表：这类工作按没有填写处理。" in messages
    assert not any("没有“参与市科协重大工作”工作表" in m for m in messages)


COVER_SOCIETY = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const read = RF.workbookToReport(RF.inOrder(input.book.sheets, input.book.order), input.layout);
const issue = RF.coverSociety(read.data, read.societyAt, input.societies, input.labels, input.layout.cover_sheet);
process.stdout.write(JSON.stringify({society: read.data.society, issue: issue}));
"""
COVER_SCRIPTS = [ROOT / "site_builder" / "form" / name for name in ("form-util.js", "form-urls.js", "form-warnings.js",
                                                                     "form-findings.js", "form-xlsx.js")]


def _cover_society(path: Path) -> dict[str, Any]:
    """The form's reading of the workbook's cover 学会 id, with the societies its list has."""
    from site_builder.form_labels import labels_data

    societies = [{"id": key, "name": doc.profile.name} for key, doc in sorted(check_tree(ROOT)[1].profiles.items())]
    done = subprocess.run([_node(), "-e", COVER_SOCIETY, *map(str, COVER_SCRIPTS)], capture_output=True, text=True,
                          check=True, timeout=60,
                          input=json.dumps({"book": _ordered(_rows(path)), "layout": LAYOUT, "labels": labels_data(),
                                            "societies": societies}, ensure_ascii=False, default=str))
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _import_says(tmp_path: Path, path: Path) -> list[str]:
    from tests.test_xlsx import _lines

    return [line for line in _lines(tmp_path, path) if line.startswith("封面!B2")]


@pytest.mark.parametrize("written", COVER_NAMES)
def test_the_form_reads_a_registered_societys_name_on_the_cover_as_import_does(tmp_path: Path, written: str) -> None:
    """B2 = 成都市农学会: the form left the cell out of its list of cells to check, opened the new
    society's profile with three 必填 errors, and said the id's pattern twice; it reads cd-agri, and
    says so at the cell in `xlsx import`'s words."""
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book["封面"]["B2"].value = written
    book.save(tmp_path / "n.xlsx")
    _node()
    found = _cover_society(tmp_path / "n.xlsx")
    assert found["society"] == "cd-agri"
    assert found["issue"]["severity"] == "warning"
    assert found["issue"]["cell"] == "封面!B2"
    assert found["issue"]["path"] == ["society"]
    assert [found["issue"]["message"]] == _import_says(tmp_path, tmp_path / "n.xlsx")


@pytest.mark.parametrize("written", CAPITAL_IDS)
def test_the_form_reads_a_cover_id_in_capitals_in_lower_case_as_import_does(tmp_path: Path, written: str) -> None:
    """B2 = CD-AGRI was refused by the form as by `xlsx import`: both read cd-agri and say so at the cell."""
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book["封面"]["B2"].value = written
    book.save(tmp_path / "c.xlsx")
    _node()
    found = _cover_society(tmp_path / "c.xlsx")
    assert found["society"] == "cd-agri"
    assert found["issue"]["severity"] == "warning"
    assert found["issue"]["cell"] == "封面!B2"
    assert found["issue"]["path"] == ["society"]
    assert [found["issue"]["message"]] == _import_says(tmp_path, tmp_path / "c.xlsx")


@pytest.mark.parametrize("written", NO_SOCIETIES)
def test_the_form_lists_a_cover_society_that_is_neither_an_id_nor_a_name_as_import_does(tmp_path: Path,
                                                                                          written: str) -> None:
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book["封面"]["B2"].value = written
    book.save(tmp_path / "x.xlsx")
    _node()
    found = _cover_society(tmp_path / "x.xlsx")
    assert found["society"] == written
    assert found["issue"]["severity"] == "error"
    assert found["issue"]["lost"] == "cell"  # it takes the society field's place, said once
    assert found["issue"]["path"] == ["society"]
    assert [found["issue"]["message"]] == _import_says(tmp_path, tmp_path / "x.xlsx")
    assert "学会名录" in found["issue"]["message"]


def test_the_form_leaves_a_cover_society_id_as_it_is(tmp_path: Path) -> None:
    from tests.test_xlsx import _blank_book

    book = _blank_book(tmp_path)
    book.save(tmp_path / "i.xlsx")
    _node()
    assert _cover_society(tmp_path / "i.xlsx") == {"society": "cd-agri", "issue": None}


CORE_TITLE = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.map((b) => RF.coreTitle(b === null ? undefined : Buffer.from(b, "base64")))));
"""
TEMPLATE_TITLE = "2017 年度学会重点工作报告"
_CORE_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CORE_ROOT = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:x="urn:x">')
_CORE_END = "</cp:coreProperties>"
# Raw docProps/core.xml parts (None: the workbook has none), and the title openpyxl reads from each
# (`xlsx import` loads the workbook with it): "refused" when it refuses the whole workbook.
CORE_PARTS: dict[str, tuple[bytes | None, str | None]] = {
    "two-titles-last": ((_CORE_HEAD + _CORE_ROOT + f"<dc:title>{TEMPLATE_TITLE}</dc:title><dc:title>副本</dc:title>"
                         + _CORE_END).encode(), "副本"),
    "two-titles-first": ((_CORE_HEAD + _CORE_ROOT + f"<dc:title>副本</dc:title><dc:title>{TEMPLATE_TITLE}</dc:title>"
                          + _CORE_END).encode(), TEMPLATE_TITLE),
    "nested": ((_CORE_HEAD + _CORE_ROOT + f"<x:g><dc:title>{TEMPLATE_TITLE}</dc:title></x:g>" + _CORE_END).encode(), None),
    "child-element": ((_CORE_HEAD + _CORE_ROOT + f"<dc:title>{TEMPLATE_TITLE}<x:b>（副本）</x:b></dc:title>"
                       + _CORE_END).encode(), TEMPLATE_TITLE),
    "comment-and-cdata": ((_CORE_HEAD + _CORE_ROOT + "<dc:title>2017 <!-- c -->年度<![CDATA[学会]]>重点工作&#25253;告</dc:title>"
                           + _CORE_END).encode(), TEMPLATE_TITLE),
    "doctype-entity": (('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY y "2017">]>' + _CORE_ROOT
                        + "<dc:title>&y; 年度学会重点工作报告</dc:title>" + _CORE_END).encode(), "refused"),
    "doctype-plain": (('<?xml version="1.0"?><!DOCTYPE r>' + _CORE_ROOT + f"<dc:title>{TEMPLATE_TITLE}</dc:title>"
                       + _CORE_END).encode(), TEMPLATE_TITLE),
    "utf-16": (("\ufeff" + _CORE_HEAD.replace("UTF-8", "UTF-16") + _CORE_ROOT + f"<dc:title>{TEMPLATE_TITLE}</dc:title>"
                + _CORE_END).encode("utf-16-le"), TEMPLATE_TITLE),
    "malformed": ((_CORE_HEAD + _CORE_ROOT + f"<dc:title>{TEMPLATE_TITLE}" + _CORE_END).encode(), "refused"),
    "missing": (None, None),
}


def _with_core(path: Path, core: bytes | None) -> None:
    """The workbook at `path` with its docProps/core.xml replaced by `core` (None: removed)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(i, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, content in parts:
            if info.filename == "docProps/core.xml":
                if core is None:
                    continue
                content = core
            out.writestr(info, content)


def _core_titles(parts: list[bytes | None]) -> list[str | None]:
    import base64

    done = subprocess.run([_node(), "-e", CORE_TITLE, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=60,
                          input=json.dumps([None if p is None else base64.b64encode(p).decode() for p in parts]))
    found: list[str | None] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("case", list(CORE_PARTS))
def test_the_form_reads_the_workbooks_title_as_import_does(tmp_path: Path, case: str) -> None:
    """The form took the first element named title at any depth, with all its text: a second title,
    one nested deeper or one holding an element gave a year `xlsx import` (openpyxl) never read.
    Fed the same core.xml bytes, the form reads the title openpyxl reads, and decides the blank
    cover year as `xlsx import` decides it; a part openpyxl cannot read is no title to the form
    (the workbook is refused for its year, not as unreadable)."""
    import zipfile

    from validators.cli.xlsx import read_any_year

    core, expected = CORE_PARTS[case]
    path = _blank_year_book(tmp_path, 2017, TEMPLATE_TITLE)
    rows = _rows(path)
    _with_core(path, core)
    with zipfile.ZipFile(path) as package:
        raw = package.read("docProps/core.xml") if "docProps/core.xml" in package.namelist() else None
    _node()
    [title] = _core_titles([raw])
    imported = read_any_year(path, path.name, ROOT)
    if expected == "refused":
        assert imported.data is None
        assert title is None
    else:
        assert openpyxl.load_workbook(path, read_only=True).properties.title == expected
        assert title == expected
        assert (imported.data or {}).get("year") == (2017 if expected == TEMPLATE_TITLE else None)
    cover = _year_note(rows, title)["cover"]
    assert cover.get("year") == (2017 if expected == TEMPLATE_TITLE else None)
    if expected != TEMPLATE_TITLE:
        done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"))
        assert done.returncode == 1
        assert not (tmp_path / "out.yaml").exists()


TITLE_READ = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
let calls = 0;
const sheets = RF.withTitle(RF.inOrder(input.book.sheets, input.book.order), () => { calls += 1; return input.title; });
const read = RF.workbookToReport(sheets, input.layout);
const cover = RF.coverYear(read.yearAt, read.issues, sheets, input.years, input.layout);
process.stdout.write(JSON.stringify({calls: calls, cover: cover,
  issues: cover.refused ? RF.refusedIssues(cover.refused, read.issues) : read.issues}));
"""


def _title_read(book: dict[str, Any], title: str | None) -> dict[str, Any]:
    done = subprocess.run([_node(), "-e", TITLE_READ, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=60,
                          input=json.dumps({"book": _ordered(book), "layout": LAYOUT, "title": title, "years": [2017, 2018]},
                                           ensure_ascii=False, default=str))
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_the_form_reads_the_title_only_for_a_blank_cover_year() -> None:
    """A core.xml the form could not parse refused the whole workbook, its year written or not: the
    title is read only when the 年度 cell is blank, and a part that cannot be read is no title."""
    _node()
    cover = [["项目", "填写"], ["学会 id *", "cd-agri"]]
    assert _title_read({"封面": [*cover, ["年度 *", 2018]]}, TEMPLATE_TITLE)["calls"] == 0
    blank = _title_read({"封面": [*cover, ["年度 *", None]]}, TEMPLATE_TITLE)
    assert blank["calls"] == 1
    assert blank["cover"]["year"] == 2017
    assert _core_titles([b"<cp:coreProperties><dc:title>2017", b"\xff\xfe\x00\xd8", b"", b"PK\x03\x04"]) == [None] * 4


def test_a_workbook_refused_for_its_year_keeps_its_other_problems(tmp_path: Path) -> None:
    """Refused for its cover year, the form listed only that, while `xlsx import` lists every
    finding with E-XLSX-COVER: the refusal first, then the others, as import says them."""
    from validators.cli.xlsx import read_any_year

    path = _blank_year_book(tmp_path, 2017, None)
    book = openpyxl.load_workbook(path)
    sheet = book["学术交流活动"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=1).value = "evt-1"
    sheet.cell(row=2, column=header.index(next(h for h in header if h and "参与人数" in str(h))) + 1).value = "很多"
    book.save(path)
    imported = read_any_year(path, path.name, ROOT)
    python = [f.message for f in imported.findings]
    assert any("很多" in m for m in python)
    _node()
    found = _title_read(_rows(path), None)
    words = "封面!B3：“封面”中没有填写年度：请填写年度，如 2018（可选年度为 2017、2018）。"
    messages = [i["message"] for i in found["issues"]]
    assert messages[0] == words
    assert any("很多" in m for m in messages)
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert "E-XLSX-COVER" in done.stdout
    for message in messages[1:]:
        assert message.split("：", 1)[1] in done.stdout, message
