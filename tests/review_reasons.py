"""Texts written as the reasons of a review file, decided twice: by the workbench's
review-privacy.js under Node, and by `check` on the file. The markup and privacy tests compare the
two through these helpers."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.association.reviews import check_review
from validators.findings import Finding

SCRIPT = ROOT / "site_builder" / "review" / "review-privacy.js"
# The page's function named by argv[2], given the rule and each text; argv[3] is the JavaScript
# expression (of `r`, the function's result) that is printed for a text.
HARNESS = """
const RV = require(process.argv[1]);
const decide = RV[process.argv[2]];
const shown = new Function("r", "return " + process.argv[3]);
const got = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(got.texts.map((t) => shown(decide(got.rule, t)))));
"""
_PLAIN = re.compile(r"[\x20-\x7e\u00a1-\ud7ff\ue000-\ufffd]")


def in_workbench(function: str, rule: dict[str, Any], texts: list[str], shown: str = "r") -> list[Any]:
    """What review-privacy.js's `function` gives for each text, as `shown` writes it out."""
    payload = json.dumps({"rule": rule, "texts": texts}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT), function, shown], input=payload,
                          capture_output=True, text=True, check=True, timeout=60)
    result: list[Any] = json.loads(done.stdout)
    return result


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character not plainly printable escaped."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif _PLAIN.fullmatch(c) and c not in "\u2028\u2029\ufeff":
            out.append(c)
        else:
            out.append(f"\\U{ord(c):08x}" if ord(c) > 0xFFFF else f"\\u{ord(c):04x}")
    return '"' + "".join(out) + '"'


def reason_findings(texts: list[str], tmp: Path) -> list[Finding]:
    """The check's findings on a review file of cd-tcm's 2017 whose record i has texts[i] as reason."""
    records = "".join(f"  - {{item: it-{i}, status: 不予认定, reason: {quoted(t)}, "
                      "reviewer: cast-staff, date: 2018-01-05}\n" for i, t in enumerate(texts))
    path = tmp / "reviews" / "2017" / "cd-tcm.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"society: cd-tcm\nyear: 2017\nitems:\n{records}", encoding="utf-8")
    findings, _ = check_review(path, "reviews/2017/cd-tcm.yaml", ROOT, {})
    return list(findings)
