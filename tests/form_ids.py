"""The online form's numbering of new items (form-render.js `freshId`), run under Node with no
DOM, for tests that hold it beside Python's `new_id` and `xlsx import`."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from site_builder.form_labels import labels_data
from tests.test_form_criteria import _node
from tests.trees import ROOT

SCRIPT = ROOT / "site_builder" / "form" / "form-render.js"
# Loads form-render.js (it only defines functions at load) and, for each case
# [list, society, year, ids the file holds, how many], asks freshId that many times, each new id
# then held too, with the site's published consortia.
HARNESS = """
globalThis.window = { ReportForm: { el: function () {} } };
require(process.argv[1]);
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cases.map(([prop, society, year, held, count]) => {
  const made = [];
  RF.walk = (data, schema, root, path, visit) => held.concat(made).forEach((id) => visit(["id"], id));
  const self = { ctx: { state: { data: { society: society, year: year } }, root: {},
                        consortia: input.consortia, labels: input.labels } };
  for (let i = 0; i < count; i++) made.push(RF.Renderer.prototype.freshId.call(self, prop));
  return made;
});
process.stdout.write(JSON.stringify(out));
"""


def fresh_ids(cases: list[tuple[str, str, int, list[str], int]],
              consortia: list[dict[str, Any]] | None = None) -> list[list[str]]:
    """The ids the form gives, case by case."""
    payload = json.dumps({"labels": labels_data(), "consortia": consortia or [], "cases": cases},
                         ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[list[str]] = json.loads(done.stdout)
    return result
