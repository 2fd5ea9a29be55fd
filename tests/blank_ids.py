"""The workbook with blank 编号 that the form (tests/browser/test_form_mirrors.py) and
`xlsx import` (tests/test_xlsx.py) both import: cd-mech-eng's 2018 report with the 编号 of two
services, a station and a consortium cleared, a wholly blank row left between two services, and
the ids both give them."""

from __future__ import annotations

from pathlib import Path

from tests.trees import ROOT
from validators.check import check_tree
from validators.models.report import new_id
from validators.xlsx.layout import layout
from validators.xlsx.write import workbook_bytes
from validators.year.guideline import guideline

SOCIETY = "cd-mech-eng"
YEAR = 2018
# (sheet, row) of each 编号 cleared.
BLANKED = (("为企业提供的服务", 2), ("为企业提供的服务", 4), ("学会服务站建设", 3), ("学会联合体建设", 2))
# The 4 services' ids, the second station's and the first consortium's, once filled.
SERVICES = [new_id("services", YEAR, 1), "svc-finance-match", new_id("services", YEAR, 2), "svc-lean-training"]
STATION = new_id("service_stations", YEAR)
CONSORTIUM = new_id("consortia", YEAR, 1, SOCIETY)
# The form's numbering as its README example shows it (new_id is what both call: a change of its
# format must fail here, not pass in both).
assert (SERVICES[0], STATION, CONSORTIUM) == ("svc-2018-01", "station-2018-01", "consortium-cd-mech-eng-2018-01"), (
    SERVICES, STATION, CONSORTIUM)
# What the form and the command both say of them.
NOTE = f"4 项没有填写编号，已按在表单中添加时的方式自动编号（如 {SERVICES[0]}）"


def blank_id_workbook(path: Path) -> Path:
    """The workbook, written at `path`: the 编号 of BLANKED cleared, and a row with nothing in it
    (its 编号 blank too) inserted after the first service, which stays no item."""
    import openpyxl

    doc = check_tree(ROOT)[1].reports[(SOCIETY, YEAR)]
    rules = guideline(YEAR)
    assert rules is not None
    path.write_bytes(workbook_bytes(layout(rules), doc.report.model_dump(mode="python", exclude_none=True)))
    book = openpyxl.load_workbook(path)
    for sheet, row in BLANKED:
        ws = book[sheet]
        column = [str(c.value).rstrip(" *") for c in ws[1]].index("编号") + 1
        assert ws.cell(row, column).value
        ws.cell(row, column).value = None
    book["为企业提供的服务"].insert_rows(3)
    book.save(path)
    return path
