"""A workbook a secretary prints or reads: the guide first (the sheet it opens at), each data sheet
on A4 landscape as wide as the page with its header row on every page, long texts wrapped in rows
as tall as they need, the 选项 sheet hidden (its dropdowns still offered). The form's workbook
(form-xlsx.js, `RF.workbookParts`, run under Node) is the same as `xlsx export`'s, sheet by sheet
and cell by cell, in what openpyxl reads of it; and LibreOffice prints it so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.test_form_criteria import _node
from tests.test_form_workbook_notes import _forms_workbook as forms_workbook
from tests.trees import ROOT
from validators.check import check_tree
from validators.xlsx.layout import COVER, GUIDE, OPTIONS, layout
from validators.xlsx.read import read_workbook
from validators.xlsx.write import workbook_bytes
from validators.year.guideline import guideline

openpyxl = pytest.importorskip("openpyxl")

EVENTS = "学术交流活动"


def _sample(society: str, year: int) -> Any:
    return check_tree(ROOT)[1].reports[(society, year)]


def _python(path: Path, year: int, data: dict[str, Any], profile: dict[str, Any] | None = None) -> Path:
    path.write_bytes(workbook_bytes(layout(guideline(year)), data, profile=profile))  # type: ignore[arg-type]
    return path


def _look(path: Path) -> dict[str, Any]:
    """What openpyxl reads of how each sheet shows and prints, and of each cell."""
    book = openpyxl.load_workbook(path)
    found: dict[str, Any] = {"order": book.sheetnames, "active": book.active.title}
    for page in book.worksheets:
        setup, margins = page.page_setup, page.page_margins
        found[page.title] = {
            "state": page.sheet_state,
            "setup": (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight,
                      page.sheet_properties.pageSetUpPr.fitToPage if page.sheet_properties.pageSetUpPr else None),
            "margins": (margins.left, margins.right, margins.top, margins.bottom),
            "titles": page.print_title_rows, "frozen": page.freeze_panes,
            "columns": {n: (round(d.width, 4) if d.customWidth else None, d.number_format if d.style_id else None,
                            d.alignment.wrap_text if d.style_id else None, d.alignment.vertical if d.style_id else None)
                        for d in page.column_dimensions.values() for n in range(d.min or 0, (d.max or 0) + 1)},
            "heights": {r: d.height for r, d in page.row_dimensions.items() if d.height},
            "cells": {c.coordinate: (c.value, c.number_format, c.alignment.wrap_text, c.alignment.vertical, c.font.b,
                                     c.fill.fgColor.rgb if c.fill.fill_type else None)
                      for row in page.iter_rows() for c in row if c.value is not None or c.has_style},
        }
    return found


@pytest.mark.parametrize(("society", "year", "profile"), [("cd-tcm", 2018, None), ("cd-mech-eng", 2017, None),
                                                         ("cd-new-materials", 2018, {"name": "成都市新材料学会"})])
def test_the_forms_workbook_shows_and_prints_as_pythons_cell_by_cell(tmp_path: Path, society: str, year: int,
                                                                   profile: dict[str, Any] | None) -> None:
    _node()
    doc = _sample(society, year) if profile is None else None
    data = doc.report.model_dump(mode="python", exclude_unset=True) if doc else {"society": society, "year": year}
    python = _look(_python(tmp_path / "python.xlsx", year, data, profile))
    form = _look(forms_workbook(tmp_path / "form.xlsx", year,
                                doc.report.model_dump(mode="json", exclude_unset=True) if doc else data, profile))
    assert form["order"] == python["order"]
    assert form["active"] == python["active"]
    for name in python["order"]:
        for what, value in python[name].items():
            assert form[name][what] == value, (name, what)


def test_a_printed_workbook_starts_with_its_guide_and_hides_its_lists(tmp_path: Path) -> None:
    doc = _sample("cd-tcm", 2018)
    path = _python(tmp_path / "r.xlsx", 2018, doc.report.model_dump(mode="python", exclude_unset=True))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == [GUIDE, COVER]
    assert book.active.title == GUIDE
    assert book[OPTIONS].sheet_state == "hidden"  # not veryHidden: a secretary can unhide it
    assert [n for n in book.sheetnames if book[n].sheet_state != "visible"] == [OPTIONS]
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    for sheet in [COVER, *(s.name for s in shape.sheets)]:
        page = book[sheet]
        assert page.page_setup.orientation == "landscape", sheet
        assert page.page_setup.paperSize == 9, sheet
        assert page.sheet_properties.pageSetUpPr.fitToPage, sheet
        assert (page.page_setup.fitToWidth, page.page_setup.fitToHeight) == (None, 0), sheet  # one page wide, as many long
        assert page.print_title_rows == "$1:$1", sheet
    # Long texts wrap in rows tall enough for them: an event's name, and the headers.
    from validators.xlsx.layout import PRINTED, text_lines  # the sizes both writers take

    events = book[EVENTS]
    headers = [str(c.value).rstrip(" *") for c in events[1]]
    name = events.cell(2, headers.index("活动名称") + 1)
    assert name.alignment.wrap_text
    assert events.row_dimensions[1].height >= PRINTED["line"] * 2  # 作报告的科技人员来自的省（区、市） in two lines
    # The cover's longest note has the lines it needs (a line of Chinese is 16.5 points, not 15).
    cover = book[COVER]
    for row in range(2, cover.max_row + 1):
        note = str(cover.cell(row, 3).value or "")
        assert cover.row_dimensions[row].height >= PRINTED["line"] * text_lines(note, PRINTED["cover"][2]), row
    # And the workbook still imports to its report.
    imported = read_workbook(path, path.name, shape)
    assert imported.findings == []
    assert type(doc.report).model_validate(imported.data).model_dump(mode="json") == doc.report.model_dump(mode="json")


def test_the_forms_workbook_imports_with_its_guide_first_and_lists_hidden(tmp_path: Path) -> None:
    _node()
    doc = _sample("cd-tcm", 2018)
    path = forms_workbook(tmp_path / "form.xlsx", 2018, doc.report.model_dump(mode="json", exclude_unset=True), None)
    imported = read_workbook(path, path.name, layout(guideline(2018)))  # type: ignore[arg-type]
    assert imported.findings == []
    assert type(doc.report).model_validate(imported.data).model_dump(mode="json") == doc.report.model_dump(mode="json")


@pytest.mark.slow
def test_libreoffice_prints_the_guide_first_landscape_pages_and_keeps_the_dropdowns(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext print the workbook (apt-get install libreoffice-calc-nogui poppler-utils)")
    doc = _sample("cd-tcm", 2018)
    source = _python(tmp_path / "r.xlsx", 2018, doc.report.model_dump(mode="python", exclude_unset=True))
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for target in ("pdf", "xlsx:Calc MS Excel 2007 XML"):
        out = tmp_path / target.split(":")[0]
        done = subprocess.run([office, "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
                              capture_output=True, timeout=240, env=env)
        assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / "r.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].split(" x ") for line in info.splitlines() if line.startswith("Page") and "size" in line]
    assert "年度学会重点工作报告工作簿" in pages[0]  # the guide, first
    assert not any(page.lstrip().startswith("是/否") for page in pages)  # the 选项 sheet (是/否 in A1) is not printed
    events = next(n for n, page in enumerate(pages) if n and "参与人数" in page and "活动名称" in page)  # after the guide
    width, height = (float(v) for v in sizes[events])
    assert width > height  # landscape
    # LibreOffice keeps the dropdowns on the hidden sheet's lists, and keeps it hidden.
    saved = openpyxl.load_workbook(tmp_path / "xlsx" / "r.xlsx")
    assert saved[OPTIONS].sheet_state == "hidden"
    lists = [v for v in saved[EVENTS].data_validations.dataValidation if v.type == "list"]
    assert lists
    assert all(OPTIONS in str(v.formula1) for v in lists)
