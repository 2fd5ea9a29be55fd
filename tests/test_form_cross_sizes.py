"""What one report's check in the online form fetches of the published reports does not grow with
the registry: on generated repositories of 20 and of 200 societies (three years each), the largest
file under across/ and the largest set of files one report's check asks for (`RF.crossNeeds`, as
form-cross.js computes it, run under Node) stay about the same size, while all of them together
grow tenfold. Before, across.json held every report's consortia, stations, functions and
achievements, and every form downloaded it whole."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from site_builder.form_labels import labels_data
from tests.test_form_criteria import _node
from tests.test_form_cross_node import SCRIPTS
from validators.association.browser_cross import cross_files
from validators.check import check_tree
from validators.repository import Repository

pytestmark = pytest.mark.slow

# Each report of the tree: the files its check asks for (the page's own rule, under Node).
NEEDS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const listed = (id) => input.names.includes(input.across.folder + "/society/" + id + ".json");
process.stdout.write(JSON.stringify(input.reports.map((r) => RF.crossNeeds(r, input.across, input.labels, listed))));
"""


def _sizes(tmp: Path, societies: int) -> tuple[dict[str, int], list[list[str]]]:
    """Each file's size in bytes, and what each report's check fetches, of a generated tree."""
    root = tmp / str(societies)
    generate(societies, 3, 2017, root)
    _, repo = check_tree(root)
    files = cross_files(repo)
    sizes = {name: len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()) + 1
             for name, data in files.items()}
    payload = json.dumps({"across": files["across.json"], "names": sorted(files), "labels": labels_data(),
                          "reports": _reports(repo)}, ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", NEEDS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    needs = json.loads(done.stdout)
    assert all(name in files for fetched in needs for name in fetched)
    return sizes, needs


def _reports(repo: Repository) -> list[dict[str, Any]]:
    return [doc.report.model_dump(mode="json", exclude_none=True) for doc in repo.reports.values()]


def test_what_one_report_fetches_does_not_grow_with_the_societies(tmp_path: Path) -> None:
    small, small_needs = _sizes(tmp_path, 20)
    large, large_needs = _sizes(tmp_path, 200)
    assert sum(large.values()) > 6 * sum(small.values())  # the registry did grow

    def fetched(sizes: dict[str, int], needs: list[list[str]]) -> int:
        return max(sizes["across.json"] + sum(sizes[n] for n in names) for names in needs)

    assert max(large.values()) < 2 * max(small.values()), (max(small.values()), max(large.values()))
    assert fetched(large, large_needs) < 2 * fetched(small, small_needs)
    assert all(any("/society/" in n for n in names) for names in large_needs)  # each its society's
