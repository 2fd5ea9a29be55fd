"""The official YAML test suite through the strict loader and the command line.

Every `in.yaml` of the suite (kept beside the repository, never copied into it) must come out
of `load_bytes` as data or as loader findings with a line and column ≥ 1, never as an
exception; invalid streams must be refused (save the few libyaml is known to accept), and valid
streams the loader accepts must give the suite's own JSON. The command line reads all of them in
one run and must neither crash nor print a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.guarded import run_check
from validators.rules.text_fields import iter_strings
from validators.yaml.loading import load_bytes
from validators.yaml.policy import policy

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "yaml-test-suite"
CASES = sorted(p.parent for p in SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
pytestmark = pytest.mark.skipif(not CASES, reason=f"the YAML test suite is not at {SUITE}")

# libyaml (a YAML 1.1 parser) accepts these invalid streams; the test fails when that changes,
# so the list stays true.
LIBYAML_ACCEPTS = {
    "9C9N": "a flow sequence continued below its key's indentation",
    "DK95/01": "a tab that looks like indentation inside a double-quoted scalar",
    "QB6E": "a multi-line double-quoted scalar continued below its key's indentation",
    "S98Z": "a block scalar whose leading empty lines are more indented than its content",
    "SU5Z": "a comment with no space after a double-quoted scalar",
    "X4QW": "a comment with no space after a block scalar indicator",
}
# ... and reads these valid streams otherwise than the suite does.
LIBYAML_READS_OTHERWISE = {
    "652Z": "`?foo` in a flow mapping is read as an explicit key",
    "L24T/01": "a trailing line of spaces in a literal block scalar loses its line break",
}
LOADER_CODE = re.compile(r"^E-YAML-[A-Z-]+$")


def case_id(case: Path) -> str:
    return case.relative_to(SUITE).as_posix()


def _documents(text: str) -> list[Any]:
    """The JSON values of an `in.json`, which holds one per YAML document."""
    decoder, values, at = json.JSONDecoder(), [], 0
    text = text.strip()
    while at < len(text):
        value, at = decoder.raw_decode(text, at)
        values.append(value)
        while at < len(text) and text[at].isspace():
            at += 1
    return values


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_loader_gives_data_or_findings(case: Path) -> None:
    loaded = load_bytes((case / "in.yaml").read_bytes(), "in.yaml", policy().yaml.limits)
    assert loaded.ok or loaded.findings
    for f in loaded.findings:
        assert f.line >= 1, f
        assert f.column >= 1, f
        assert LOADER_CODE.match(f.code), f
        assert f.severity == "error", f

    invalid = (case / "error").exists()
    if invalid:
        assert bool(loaded.findings) != (case_id(case) in LIBYAML_ACCEPTS), loaded.findings
        return
    expected = case / "in.json"
    if loaded.ok and expected.exists() and case_id(case) not in LIBYAML_READS_OTHERWISE:
        documents = _documents(expected.read_text("utf-8"))
        assert len(documents) == 1
        assert json.loads(json.dumps(loaded.data, default=str)) == documents[0]


# The parser's hint closing a syntax error's message, when it has one.
PARSER_HINT = re.compile(r"（解析器提示：([^）]*)）$")
ENGLISH = re.compile(r"[a-z]+ [a-z]+")  # two words of the parser's English (a Chinese hint may name Tab or YAML)


def test_no_refusal_of_the_suite_closes_its_chinese_message_with_the_parsers_english() -> None:
    """“（解析器提示：found invalid Unicode character escape code）”: libyaml's English closed a
    Chinese message. Every hint the suite's refusals get is said in Chinese; the hints seen are
    many (a table of libyaml's words), so a hint not translated shows here."""
    hints = set()
    for case in CASES:
        for f in load_bytes((case / "in.yaml").read_bytes(), "in.yaml", policy().yaml.limits).findings:
            found = PARSER_HINT.search(f.message)
            if found:
                hints.add(found.group(1))
                assert not ENGLISH.search(found.group(1)), (case_id(case), f.message)
    assert len(hints) >= 15, hints


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_loader_lists_every_text_value_in_document_order(case: Path) -> None:
    """The rules over all text read `strings` instead of walking the data: it must hold exactly
    what a walk of the data finds, path for path."""
    loaded = load_bytes((case / "in.yaml").read_bytes(), "in.yaml", policy().yaml.limits)
    if loaded.ok:
        assert loaded.strings == iter_strings(loaded.data)


def test_check_reads_the_whole_suite_in_one_run(tmp_path: Path) -> None:
    """Each case as `<slug>/2017.yaml`, so that only the content can be at fault."""
    for case in CASES:
        slug = "suite-" + re.sub(r"[^a-z0-9]+", "-", case_id(case).lower())
        (tmp_path / slug).mkdir()
        shutil.copyfile(case / "in.yaml", tmp_path / slug / "2017.yaml")
    proc = run_check(tmp_path)
    assert b"Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == b""
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    assert result["files"] == len(CASES)
    assert {f["file"].rsplit("/", 2)[-2] for f in result["findings"]} == {
        p.name for p in tmp_path.iterdir()}, "a case gave no finding"
    for f in result["findings"]:
        assert f["file"].endswith("/2017.yaml"), f
        assert f["line"] >= 1, f
        assert f["column"] >= 1, f
