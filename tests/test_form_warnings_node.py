"""The form reads a service's 服务成效 as `check` reads it for W-OUTCOME-NOTHING: form-warnings.js,
run under Node with the words labels.json carries (policy.yaml's `text.nothing_words`, no copy in
the script), says a text says nothing exactly when `TextPolicy.says_nothing` does, for the words
themselves and for texts Hypothesis writes around them (case, full width, spaces, end marks). The
year's guide carries the check's own sentences and says which years the staff verify."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.form_labels import labels_data
from site_builder.form_page import SCRIPTS, form_files
from tests.test_form_criteria import _node
from tests.trees import ROOT, base_tree
from validators.association.reviews import review_years
from validators.check import check_tree
from validators.rules import evidence
from validators.yaml.policy import policy

SCRIPT = ROOT / "site_builder" / "form" / "form-warnings.js"
URLS = ROOT / "site_builder" / "form" / "form-urls.js"  # its character classes, as on the page
HARNESS = """
require(process.argv[2]);
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.texts.map((t) => RF.saysNothing(t, input.nothing, input.spaces))));
"""
TEXT = policy().text
SPACES = " \t\n\u3000\u00a0\u2028\u0085\u001c\ufeff"  # Python's spaces and JavaScript's differ
WIDE = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def _in_js(texts: list[str]) -> list[bool]:
    labels = labels_data()
    payload = json.dumps({"nothing": labels["nothing"], "spaces": labels["urls"]["spaces"], "texts": texts},
                         ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT), str(URLS)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[bool] = json.loads(done.stdout)
    return result


def _same(texts: list[str]) -> list[bool]:
    python = [TEXT.says_nothing(t) for t in texts]
    assert _in_js(texts) == python, [t for t, a, b in zip(texts, _in_js(texts), python, strict=True) if a != b]
    return python


def test_the_form_carries_the_policys_words_not_its_own() -> None:
    assert labels_data()["nothing"] == {"words": TEXT.nothing_words, "trailing": TEXT.nothing_trailing}
    script = SCRIPT.read_text(encoding="utf-8")
    assert not any(f'"{w}"' in script for w in TEXT.nothing_words if len(w) > 1 or not w.isascii())


def test_every_nothing_word_says_nothing_and_a_real_outcome_says_something() -> None:
    said = _same([*TEXT.nothing_words, "ＮＯＮＥ", "无。", "  —  ", "暂无；", "", "   ", "N/A\u3000",
                  "无明显问题后验收", "完成 0 项改进后达产", "有成效", "帮助企业节约成本 5 万元", "none of it"])
    count = len(TEXT.nothing_words) + 7
    assert said == [True] * count + [False] * 5


_WRITTEN = st.builds(
    lambda word, wide, upper, before, after, marks: (before + (word.upper() if upper else word) + marks + after)
    .translate(WIDE if wide else {}),
    st.sampled_from([*TEXT.nothing_words, "有", "成效", "ss", "ß", "Σ", "ς", "i", "İ"]), st.booleans(), st.booleans(),
    st.text(SPACES, max_size=2), st.text(SPACES, max_size=2), st.text(TEXT.nothing_trailing + "x", max_size=3))


@settings(max_examples=40, deadline=None)
@given(st.lists(_WRITTEN | st.text(max_size=6), min_size=20, max_size=40))
def test_on_drawn_texts_the_form_and_the_check_agree(texts: list[str]) -> None:
    _same(texts)


def test_each_years_guide_says_whether_the_staff_verify_it_with_the_checks_words(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    shutil.rmtree(root / "reviews" / "2018")  # a year the staff do not verify
    _, repo = check_tree(root)
    files = form_files(repo)
    assert review_years(root) == {2017}
    years = json.loads(files["form/config.json"])["years"]
    assert years == [2017, 2018]
    for year in years:
        said = json.loads(files[f"form/guide-{year}.json"])["warnings"]
        assert said["reviewed"] is (year == 2017)
        assert said["words"]["W-EVIDENCE-NONE"] == evidence.NO_EVIDENCE_MESSAGE
        assert said["pilot_districts"] == ["郫都区"]
        assert said["words"]["W-OUTCOME-NOTHING"].startswith("服务成效写的是“{outcome}”")
    page = files["form/index.md"].decode("utf-8")
    assert SCRIPTS.index("form-check.js") < SCRIPTS.index("form-warnings.js") < SCRIPTS.index("form.js")
    assert "form-warnings.js" in page
