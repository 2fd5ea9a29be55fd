"""The form reads a YAML file's plain values as the validator does: form-yaml.js, run under Node,
types each value (number, boolean, null or text) as validators/yaml/scalars.py does, so a count
written 0x10, 0o17, 017, +12 or 1_000 stays text in the form (and is refused there) instead of
becoming 16, 15, 17, 12 or 1000 in the form and in the file it writes."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fast_path import _TRICKY
from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.yaml.loading import load_text

FORM = ROOT / "site_builder" / "form"
# The form's YAML reader under Node (argv[1]: the form's folder).
LOADED = """
globalThis.window = globalThis;
const dir = process.argv[1];
window.jsyaml = require(dir + "/vendor/js-yaml.min.js");
require(dir + "/form-util.js");
require(dir + "/form-yaml.js");
"""
# Reads a list of values on stdin; writes, for each `a: <value>` document, what the form reads.
HARNESS = LOADED + """const values = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = values.map((v) => {
  const parsed = window.ReportForm.parseYaml("a: " + v + "\\n");
  if (parsed.error) return ["error"];
  const x = parsed.data.a;
  if (typeof x === "number") return ["number", Number.isFinite(x) ? x : String(x)];
  if (typeof x === "string") return ["text", x];
  if (x === null) return ["null"];
  if (typeof x === "boolean") return ["boolean", x];
  return ["other"];
});
process.stdout.write(JSON.stringify(out));
"""


def _in_js(values: list[str]) -> list[list[Any]]:
    done = subprocess.run([_node(), "-e", HARNESS, str(FORM)], input=json.dumps(values), capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[list[Any]] = json.loads(done.stdout)
    return result


def _in_python(value: str) -> list[Any] | None:
    """What the validator reads, as the harness says it; None where the document is no
    `a: <scalar>` mapping to the validator (the form's own syntax errors are another matter)."""
    loaded = load_text(f"a: {value}\n", "x.yaml", None)
    if not loaded.ok or not isinstance(loaded.data, dict) or list(loaded.data) != ["a"]:
        return None
    x = loaded.data["a"]
    if isinstance(x, bool):
        return ["boolean", x]
    if isinstance(x, (int, float)):
        return ["number", x if math.isfinite(x) else "NaN" if math.isnan(x) else
                ("Infinity" if x > 0 else "-Infinity")]
    if isinstance(x, (str, dt.date)):
        return ["text", str(x)]
    return ["null"] if x is None else None


def _agree(values: list[str]) -> None:
    for value, js in zip(values, _in_js(values), strict=True):
        python = _in_python(value)
        if python is not None and js != ["error"]:
            assert js == python, value


_NUMBERS = ["0x10", "0o17", "017", "+12", "1_000", "0b101", "+2.5", "-0x10", "12", "-3", "0", "-0", "2.5",
            "1e3", ".5", "12.", ".inf", "-.inf", "-.Inf", ".NaN", "null", "~", "true", "False", "yes",
            "2017-01-05", "2017-02-30"]


def test_counts_in_another_notation_stay_text_in_the_form() -> None:
    assert _in_js(["0x10", "0o17", "017", "+12", "1_000"]) == [
        ["text", "0x10"], ["text", "0o17"], ["text", "017"], ["text", "+12"], ["text", "1_000"]]
    _agree(_NUMBERS + [v for v in _TRICKY if "\n" not in v])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.sampled_from("0123456789-+._eExXoObBnaulfis~"), min_size=1, max_size=8),
                min_size=20, max_size=40))
def test_the_form_types_plain_values_as_the_validator_does(values: list[str]) -> None:
    _agree(values)


# Reads a list of documents on stdin; writes, for each, where the form refuses it before reading
# it (an alias, too deep a nesting) with config.json's `yaml`, any other error, or null.
REFUSALS = LOADED + """const checker = JSON.parse(process.argv[2]);
const docs = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(docs.map((d) => {
  const e = window.ReportForm.parseYaml(d, checker).error;
  return e ? [e.line, e.column, e.message] : null;
})));
"""


def _deep(depth: int, inner: str = "") -> str:
    return "[" * depth + inner + "]" * depth


def _block(depth: int) -> str:
    """Mappings nested `depth` deep by indentation, the last holding a value."""
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(depth - 1)) + f"{'  ' * (depth - 1)}v: 1\n"


_REFUSED = {
    "E-YAML-TOO-DEEP": ["[" * 2000, _deep(33), _deep(32), f"a: {_deep(32, '{}')}", f"a: {_deep(31, '{}')}",
                        _block(32), _block(33), "a:\n" + "".join(f"{'  ' * i}- - x{i}:\n" for i in range(20)),
                        "a: " + "{b: " * 33 + "1" + "}" * 33, "- " * 40 + "x\n", f"a:\n  - {_deep(31)}\n"],
    "E-YAML-ALIAS": ["society: x\nyear: 2018\na: &x 1\nb: *x\n", "a: 1\nb: *x\n", "a: !!str &x 1\n",
                     "a: &x\n  b: 1\n", "a:\n  - &x [1]\n  - *x\n", "a: [1, &x 2]\n", "a: {b: *x}\n"],
}


def test_the_form_refuses_aliases_and_deep_nesting_where_check_does() -> None:
    """An alias, and a collection nested deeper than policy.yaml's yaml.max_depth, are refused
    by the form at the line and column check gives (E-YAML-ALIAS, E-YAML-TOO-DEEP), in check's
    words; a file check reads is read."""
    from validators.association.browser_yaml import browser_yaml
    from validators.yaml.loading import load_bytes
    from validators.yaml.policy import policy

    checker = browser_yaml()
    words = {"E-YAML-TOO-DEEP": checker["words"]["too_deep"], "E-YAML-ALIAS": checker["words"]["alias"]}  # type: ignore[index]
    docs = [d for ds in _REFUSED.values() for d in ds]
    done = subprocess.run([_node(), "-e", REFUSALS, str(FORM), json.dumps(checker)], input=json.dumps(docs),
                          capture_output=True, text=True, check=True, timeout=60)
    refused = 0
    for doc, js in zip(docs, json.loads(done.stdout), strict=True):
        found = [f for f in load_bytes(doc.encode(), "x.yaml", policy().yaml.limits).findings if f.code in words]
        if found:
            refused += 1
            line, column = found[0].line, found[0].column
            assert js == [line, column, f"第 {line} 行，第 {column} 列：{words[found[0].code]}"], doc[:80]
        else:
            assert js is None or not any(w in js[2] for w in words.values()), doc[:80]
    assert refused >= 10
