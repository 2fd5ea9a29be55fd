"""A workbook's blank 编号 filled by `xlsx import` pass over the ids of the consortia the
repository's reports lead, as the online form passes over the published ones (`RF.freshId` in
site_builder/form/form-render.js, given the site's consortia.json): a new consortium whose id
another report's consortium already has takes the next number, under a valid cover id and under
none alike; with no such consortium the ids are the ones `new_id` gives first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.form_page import _consortia
from tests import blank_ids
from tests.form_ids import fresh_ids
from tests.trees import ROOT, base_tree
from validators.check import check_tree, read_tree, year_report_model
from validators.models.report import new_id
from validators.xlsx.ids import fill_ids
from validators.xlsx.layout import layout
from validators.xlsx.read import read_workbook
from validators.year.guideline import guideline

pytest.importorskip("openpyxl")

# A consortium cd-tcm leads, renamed in every file to the id cd-mech-eng's first new consortium
# of 2018 would take, and one cd-hitech-park leads, to the id a workbook with no valid cover id
# would give its first new consortium.
TAKEN = {"consortium-green-health": new_id("consortia", blank_ids.YEAR, 1, blank_ids.SOCIETY),
         "consortium-hitech-innovation": new_id("consortia", blank_ids.YEAR, 1)}


def _tree(base: Path, taken: bool) -> Path:
    tree = base_tree(base)
    if taken:
        for report in (tree / "submissions").glob("*/*.yaml"):
            text = report.read_text("utf-8")
            for old, new in TAKEN.items():
                text = text.replace(old, new)
            report.write_text(text, "utf-8")
    return tree


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "xlsx", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("taken", [False, True], ids=["free", "taken"])
def test_import_gives_a_new_consortium_no_id_another_report_has(tmp_path: Path, taken: bool) -> None:
    tree = _tree(tmp_path / "tree", taken)
    assert (TAKEN[next(iter(TAKEN))] in {c["id"] for c in _consortia(check_tree(tree)[1])}) is taken
    path = blank_ids.blank_id_workbook(tmp_path / "b.xlsx")
    done = _cli(tree, "import", str(path), "--society", blank_ids.SOCIETY, "--replace")
    assert done.returncode == 0, done.stdout + done.stderr
    wanted = new_id("consortia", blank_ids.YEAR, 2 if taken else 1, blank_ids.SOCIETY)
    assert f"学会联合体建设!A2 {wanted}。" in done.stdout, done.stdout
    data = yaml.safe_load((tree / "submissions" / blank_ids.SOCIETY / f"{blank_ids.YEAR}.yaml").read_text("utf-8"))
    assert data["consortia"][0]["id"] == wanted
    # The other lists' ids are not consortia's: the same as in any tree.
    assert [s["id"] for s in data["innovation"]["services"]] == blank_ids.SERVICES
    assert data["service_stations"][1]["id"] == blank_ids.STATION


@pytest.mark.parametrize("taken", [False, True], ids=["free", "taken"])
@pytest.mark.parametrize("society", [blank_ids.SOCIETY, ""], ids=["cover-id", "no-cover-id"])
def test_the_ids_filled_are_the_forms_given_the_sites_consortia(tmp_path: Path, taken: bool, society: str) -> None:
    """The import's numbering beside the form's, given the consortia.json the site publishes
    from the same tree: a cover with no valid id names no society in either."""
    tree = _tree(tmp_path / "tree", taken)
    rules = guideline(blank_ids.YEAR)
    assert rules is not None
    imported = read_workbook(blank_ids.blank_id_workbook(tmp_path / "b.xlsx"), "b.xlsx", layout(rules))
    data = imported.data
    assert data is not None
    held = [c["id"] for c in data["consortia"] if c.get("id")]
    fill_ids(data, year_report_model(blank_ids.YEAR, tree), blank_ids.YEAR, society, lambda: read_tree(tree).led_consortia())
    made = data["consortia"][0]["id"]
    assert made == new_id("consortia", blank_ids.YEAR, 2 if taken else 1, society)
    assert fresh_ids([("consortia", society, blank_ids.YEAR, held, 1)], _consortia(check_tree(tree)[1])) == [[made]]
