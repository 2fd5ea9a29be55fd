"""The form's workbook (form-xlsx.js, `RF.workbookParts`, run under Node) carries what the
published blank one (`workbook_bytes`) carries: the same notes on the same cells (the 说明 sheet
tells the secretary to point at a header to see them), the same dropdowns and date checks with
the same messages, and, for a new society, the same 学会资料 sheet, which the form's reader
(`RF.workbookToReport`) reads back into the profile as `xlsx import` does."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.xlsx.layout import PROFILE, layout
from validators.xlsx.read import read_workbook
from validators.xlsx.write import workbook_bytes
from validators.year.guideline import guideline

openpyxl = pytest.importorskip("openpyxl")

SCRIPT = ROOT / "site_builder" / "form" / "form-xlsx.js"
WRITE = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(RF.workbookParts(input.data, input.layout, input.profile)));
"""
READ = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const read = RF.workbookToReport(Object.assign({"[order]": Object.keys(input.sheets)}, input.sheets), input.layout);
process.stdout.write(JSON.stringify({profile: read.profile, issues: read.issues}));
"""
PROFILE_DATA: dict[str, Any] = {"name": "成都市新材料学会", "kind": "association", "discipline": "新材料",
                                "maintainers": ["alice", "bob-2"], "heads": [], "website": "https://example.org"}


def _run(script: str, payload: dict[str, Any]) -> Any:
    done = subprocess.run([_node(), "-e", script, str(SCRIPT)], input=json.dumps(payload, ensure_ascii=False),
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def _forms_workbook(path: Path, year: int, data: dict[str, Any], profile: dict[str, Any] | None) -> Path:
    shape = layout(guideline(year))  # type: ignore[arg-type]
    parts = _run(WRITE, {"layout": shape.as_json(), "data": data, "profile": profile})
    with zipfile.ZipFile(path, "w") as archive:
        for part in parts:
            archive.writestr(part["name"], part["text"])
    return path


def _checks(path: Path) -> dict[str, Any]:
    """Per sheet: the note on each cell, and each cell range's check as Excel reads it."""
    found = {}
    for page in openpyxl.load_workbook(path).worksheets:
        notes = {c.coordinate: c.comment.text for row in page.iter_rows() for c in row if c.comment}
        checks = sorted((str(v.sqref), v.type, v.operator, v.errorStyle, v.formula1, v.formula2, v.errorTitle, v.error,
                         bool(v.allowBlank), bool(v.showErrorMessage)) for v in page.data_validations.dataValidation)
        found[page.title] = {"notes": notes, "checks": checks}
    return found


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_forms_workbook_has_the_notes_and_checks_of_the_blank_one(tmp_path: Path, year: int) -> None:
    _node()
    shape = layout(guideline(year))  # type: ignore[arg-type]
    blank = tmp_path / "blank.xlsx"
    blank.write_bytes(workbook_bytes(shape, {"year": year}, profile={}))
    form = _forms_workbook(tmp_path / "form.xlsx", year, {"year": year}, {})
    # A registered society's workbook (no profile sheet) first: the notes and checks of every sheet.
    registered = tmp_path / "registered-python.xlsx"
    registered.write_bytes(workbook_bytes(shape, {"society": "cd-mech-eng", "year": year}))
    plain = _checks(_forms_workbook(tmp_path / "registered.xlsx", year, {"society": "cd-mech-eng", "year": year}, None))
    assert PROFILE not in plain
    assert plain == _checks(registered)
    python, js = _checks(blank), _checks(form)
    assert list(js) == list(python)
    assert any(sheet["notes"] for sheet in js.values())
    assert any(c[1] == "date" and c[7] == "请填写日期，如 2018-05-12。" for sheet in js.values() for c in sheet["checks"])
    for name in python:
        assert js[name] == python[name], name


def test_the_forms_profile_sheet_reads_back_in_import_and_in_the_form(tmp_path: Path) -> None:
    _node()
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    form = _forms_workbook(tmp_path / "form.xlsx", 2018, {"society": "cd-new-materials", "year": 2018}, PROFILE_DATA)
    imported = read_workbook(form, form.name, shape)
    assert imported.findings == []
    assert imported.profile == {**{k: v for k, v in PROFILE_DATA.items() if v != []}, "kind": "协会"}
    # The form's reader, on the rows as its unzipping hands them over.
    book = openpyxl.load_workbook(form)
    sheets = {page.title: [list(r) for r in page.iter_rows(values_only=True)] for page in book.worksheets}
    read = _run(READ, {"layout": shape.as_json(), "sheets": sheets})
    assert read["issues"] == []
    assert read["profile"] == imported.profile


def test_the_form_says_a_profile_cell_it_cannot_read_as_import_does(tmp_path: Path) -> None:
    _node()
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    path = tmp_path / "p.xlsx"
    path.write_bytes(workbook_bytes(shape, {"society": "cd-new-materials", "year": 2018}, profile={}))
    book = openpyxl.load_workbook(path)
    page = book[PROFILE]
    page["B2"] = "成都市新材料学会"
    page["A9"] = "学会名称"
    page["B10"] = "孤零零的内容"
    book.save(path)
    imported = read_workbook(path, path.name, shape)
    sheets = {p.title: [list(r) for r in p.iter_rows(values_only=True)] for p in openpyxl.load_workbook(path).worksheets}
    read = _run(READ, {"layout": shape.as_json(), "sheets": sheets})
    assert [i["message"] for i in read["issues"]] == [f.message for f in imported.findings]
    assert read["profile"] == imported.profile == {"name": "成都市新材料学会"}
