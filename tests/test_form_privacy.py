"""The form refuses personal data as `check` refuses it: form-privacy.js, run under Node with the
workbench's review-privacy.js and the rule and link words the form's settings carry, finds in a
report and in a society's profile the same E-PRIVACY codes, at the same fields, in the same words
as `check` finds in those files (a web address given as evidence or website is an address, not
text: its digits are ids; a file name is published, and is read)."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.form_labels import labels_data
from site_builder.form_page import PRIVACY_SCRIPT, form_files
from tests.test_form_criteria import _node
from tests.test_review_privacy import _PIECES, TEXTS
from tests.trees import ROOT
from validators.association.browser_privacy import browser_privacy_rule
from validators.check import check_file, check_tree

FORM = ROOT / "site_builder" / "form"
# review-privacy.js, form-urls.js and form-privacy.js, in the page's order; then the form's check.
HARNESS = """
const [privacy, urls, form] = process.argv.slice(1);
require(privacy); require(urls);
const RF = require(form);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.files.map((d) => RF.privacyIssues(d, input.rule, input.urls)
  .map((i) => [i.path, i.severity, i.code, i.message]))));
"""
REPORT = yaml.safe_load((ROOT / "submissions" / "cd-computer" / "2018.yaml").read_text(encoding="utf-8"))
PROFILE = yaml.safe_load((ROOT / "submissions" / "cd-computer" / "society.yaml").read_text(encoding="utf-8"))
Said = list[tuple[str, str, str, str]]


def _files(texts: list[str]) -> list[dict[str, Any]]:
    """A report whose services each say one text (as its outcome, in a title, as an evidence entry
    beside links that hold digits), and for each text a profile with it as discipline and website
    (a profile the model refuses is not read by `check` at all)."""
    report = copy.deepcopy(REPORT)
    model = report["innovation"]["services"][0]
    services = []
    for i, text in enumerate(texts):
        service = copy.deepcopy(model)
        service.update(id=f"svc-{i}", outcome=text, title=f"服务 {text}",
                       evidence=[text, f"https://example.org/a/{text}", "https://example.org/13812345678"])
        services.append(service)
    report["innovation"]["services"] = services
    return [report, *({**PROFILE, "discipline": text, "website": text} for text in texts)]


def _by_check(files: list[dict[str, Any]], tmp: Path) -> list[Said]:
    folder = tmp / "submissions" / "cd-computer"
    folder.mkdir(parents=True, exist_ok=True)
    said: list[Said] = []
    for name, data in zip(["2018.yaml"] + ["society.yaml"] * (len(files) - 1), files, strict=True):
        path = folder / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        found = check_file(path, ROOT).findings
        said.append(sorted((json.dumps(list(f.path or ()), ensure_ascii=False), f.severity, f.code, f.message)
                           for f in found if f.code.startswith("E-PRIVACY")))
    return said


def _in_js(files: list[dict[str, Any]]) -> list[Said]:
    payload = json.dumps({"rule": browser_privacy_rule(), "urls": labels_data()["urls"], "files": files},
                         ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", HARNESS, str(PRIVACY_SCRIPT), str(FORM / "form-urls.js"),
                           str(FORM / "form-privacy.js")], input=payload, capture_output=True, text=True,
                          check=True, timeout=60)
    return [sorted((json.dumps(p, ensure_ascii=False), s, c, m) for p, s, c, m in found)
            for found in json.loads(done.stdout)]


def _same(texts: list[str], tmp: Path) -> list[Said]:
    files = _files([t or "文字" for t in texts])
    python = _by_check(files, tmp)
    assert _in_js(files) == python
    return python


def test_the_form_refuses_what_check_refuses_at_the_same_field_in_the_same_words(tmp_path: Path) -> None:
    said = _same(TEXTS, tmp_path)
    codes = {code for found in said for _, _, code, _ in found}
    assert codes == {"E-PRIVACY-PHONE", "E-PRIVACY-ID-NUMBER", "E-PRIVACY-EMAIL"}
    paths = {path for path, _, _, _ in said[0]}
    assert {json.loads(path)[-1] for path in paths} >= {"outcome", "title", 0}
    first = ["innovation", "services", 0, "evidence"]  # 13800138000, as a file name and in a link
    assert json.dumps([*first, 0]) in paths
    assert json.dumps([*first, 1]) not in paths
    assert not any(json.loads(path)[-1] == 2 for path in paths)
    profiles = {json.loads(path)[0] for found in said[1:] for path, _, _, _ in found}
    assert profiles == {"discipline", "website"}  # a website that is text is read


def test_a_phone_number_an_identity_number_and_a_personal_address_are_each_said(tmp_path: Path) -> None:
    said = _same(["联系人张老师 13912345678", "身份证 11010519491231002X", "邮箱 zhang@qq.com", "办公电话 028-85123456"],
                 tmp_path)[0]
    outcomes = {json.loads(p)[2]: (s, c, m) for p, s, c, m in said if json.loads(p)[-1] == "outcome"}
    words = browser_privacy_rule()["messages"]
    assert outcomes == {0: ("error", "E-PRIVACY-PHONE", words["E-PRIVACY-PHONE"]),
                        1: ("error", "E-PRIVACY-ID-NUMBER", words["E-PRIVACY-ID-NUMBER"]),
                        2: ("error", "E-PRIVACY-EMAIL", words["E-PRIVACY-EMAIL"].replace("{domain}", "qq.com"))}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, min_size=10, max_size=20))
def test_on_drawn_texts_the_form_and_the_check_agree(tmp_path: Path, texts: list[str]) -> None:
    _same(texts, tmp_path)


def test_the_form_carries_the_rule_and_loads_the_script_before_its_own() -> None:
    _, repo = check_tree(ROOT)
    files = form_files(repo)
    assert json.loads(files["form/config.json"])["privacy"] == browser_privacy_rule()
    assert files[f"form/{PRIVACY_SCRIPT.name}"] == PRIVACY_SCRIPT.read_bytes()
    page = files["form/index.md"].decode("utf-8")
    assert page.index(PRIVACY_SCRIPT.name) < page.index("form-privacy.js") < page.index("form.js")
