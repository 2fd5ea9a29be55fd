"""The form reads links as `check` does, on addresses Hypothesis makes: form-urls.js, run under
Node, refuses exactly the evidence entries and websites the checker refuses on their text alone,
in the same words (schemes in any case, spaces and control characters where a browser drops
them, look-alike characters, internationalised and malformed hosts, IP addresses in the forms
browsers read, hosts only this computer or a private network opens, ports, user names)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.form_labels import labels_data
from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.rules import evidence
from validators.urls import website_refusal

SCRIPT = ROOT / "site_builder" / "form" / "form-urls.js"
# Reads {urls, refs} on stdin, writes each entry's evidence issue and website issues on stdout.
HARNESS = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.refs.map((r) => {
  const issue = RF.evidenceIssue(r, input.urls, input.year);
  const site = RF.websiteIssues({ website: r }, input.urls);
  return [issue && issue.severity === "error" ? issue.message : null, site.length ? site[0].message : null];
});
process.stdout.write(JSON.stringify(out));
"""

_SCHEMES = ["https://", "http://", "HTTPS://", "ftp://", "javascript:", " java\tscript:", "mailto:", "C:\\", "/", "../", ""]
_HOSTS = ["example.org", "www.x.org", "straße.de", "Bücher.COM", "例子.中国", "exa_mple.com", "a|b.com", "-1xz.com",
          "сdast.gov.cn", "user@example.org", "[::1]", "[zz]", "a%41b.com", "例$&子.com", "xn--bcher-kva.com", "a..b",
          "é" + "a" * 64, "evidence", "127.0.0.1", "0x7f.1", "2130706433", "0177.0.0.1", "8.8.8.8", "10.0.0.1",
          "0.0.0.0", "169.254.1.1", "example.1", "1.2.3.4.5", "4294967296", "localhost", "db.LOCALHOST", "x.local",
          "metadata.google.internal", "mylocal.org", "[fe80::1]", "[fd12::1]", "[::]", "[2001:db8::1]",
          "[::ffff:10.0.0.1]", "[1:::2]", "172.16.0.0", "172.15.255.255", "0x", "1.0x100", "[febf::1]", "[fec0::1]",
          # a reviewer's gaps: shared address space, multicast, broadcast, IPv4-compatible, IPv6 multicast
          "100.64.0.1", "100.128.0.1", "224.0.0.1", "255.255.255.255", "[::127.0.0.1]", "[ff02::1]", "[::2:1]"]
_PORTS = ["", ":8080", ":99999", ":", ":0", ":65535", ":65536", ":00443"]
_PATHS = ["", "/", "/a.pdf", "/年会.pdf", "/a b.pdf", "/a\u2044b", "?q=1#x", "/\u200bx", "\\x.pdf", "/../x",
          '/a">x', "/<b>", "?q=`x`", "/'><svg onload=alert(5)>"]
_AROUND = ["", " ", "\t", "\n"]

_ADDRESS = st.builds(lambda a, s, h, p, path, b: a + s + h + p + path + b,
                     st.sampled_from(_AROUND), st.sampled_from(_SCHEMES), st.sampled_from(_HOSTS),
                     st.sampled_from(_PORTS), st.sampled_from(_PATHS), st.sampled_from(_AROUND))


def _in_python(ref: str, empty: Path, year: int = 2018) -> tuple[str | None, str | None]:
    refused = None if evidence.cited_path(ref) is not None else evidence.check_reference(
        ref, evidence.FolderListing(empty), 1, year)
    site = website_refusal(ref)
    return (refused[1] if refused else None), (site[1] if site else None)


def _in_js(refs: list[str], year: int = 2018) -> list[list[Any]]:
    payload = json.dumps({"urls": labels_data()["urls"], "refs": refs, "year": year}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[list[Any]] = json.loads(done.stdout)
    return result


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ADDRESS, min_size=20, max_size=60))
def test_the_form_refuses_what_the_checker_refuses_in_its_words(tmp_path: Path, refs: list[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    for ref, said in zip(refs, _in_js(refs), strict=True):
        assert tuple(said) == _in_python(ref, empty), ref


def test_every_host_in_a_plain_address_is_refused_in_the_checkers_words(tmp_path: Path) -> None:
    """Each host above once, in a plain address with and without a port: random draws may miss a
    private address written another way (0x7f.1), whose words name it as browsers read it."""
    refs = [f"https://{host}{port}/a.pdf" for host in _HOSTS for port in ("", ":8080")]
    for ref, said in zip(refs, _in_js(refs), strict=True):
        assert tuple(said) == _in_python(ref, tmp_path), ref


# Reads {urls, refs}, writes each entry's file-kind message (or null).
KIND_HARNESS = """
const RF = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.refs.map((r) => {
  const issue = RF.evidenceIssue(r, input.urls, 2018);
  return issue && issue.code === "E-EVIDENCE-FILE-TYPE" ? issue.message : null;
});
process.stdout.write(JSON.stringify(out));
"""

_STEMS = ["evidence/", "./evidence//", "", "evidence/photos/", "会议/"]
_NAMES = ["纪要", "a", ".", "a.b", ".hidden", "setup", "年会通知", "a.", ".."]
_EXTENSIONS = ["", ".pdf", ".PDF", ".Jpg", ".exe", ".html", ".zip", ".tar.gz", ".", ".ｐｄｆ", ".docx", ".txt",
               ".pdf ", ".md"]
_TAILS = ["", "/", "/.", " "]
_FILE = st.builds(lambda stem, name, ext, tail: stem + name + ext + tail, st.sampled_from(_STEMS),
                  st.sampled_from(_NAMES), st.sampled_from(_EXTENSIONS), st.sampled_from(_TAILS))


@settings(max_examples=30, deadline=None)
@given(st.lists(_FILE, min_size=20, max_size=60))
def test_the_form_names_a_file_of_no_kind_as_the_checker_does(refs: list[str]) -> None:
    """A path the checker would look up: the form says the checker's E-EVIDENCE-FILE-TYPE words
    exactly where the name alone refuses the file (the extension, as `kind_refusal` reads it)."""
    payload = json.dumps({"urls": labels_data()["urls"], "refs": refs}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", KIND_HARNESS, str(SCRIPT)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    for ref, said in zip(refs, json.loads(done.stdout), strict=True):
        parts = evidence.cited_path(ref)
        if parts is None:  # refused on its text, or a web address: not a file's name
            assert said is None, ref
            continue
        refused = evidence.kind_refusal(ref, parts[-1])
        assert said == (refused[1] if refused else None), ref


def test_words_in_an_evidence_cell_are_told_the_cell_takes_an_address_or_a_file_name(tmp_path: Path) -> None:
    """A secretary who writes 见附件 where a reference goes hears that the cell takes a web address
    or a file's path, not a description: from the checker (E-EVIDENCE-WORDS, on the text alone,
    before any look at the folder) and from the form, in the same words. Words with a "/" or a "."
    are still read as a path; ASCII words as a file of no extension."""
    words = ["见附件", " 见附件", "详见会议纪要（附件2）", "附件：年会通知"]
    paths = ["会议/纪要", "纪要.pdf", "evidence", "见附件.docx"]
    refs = words + paths
    for ref, said in zip(refs, _in_js(refs), strict=True):
        assert tuple(said) == _in_python(ref, tmp_path), ref
    for ref in words:
        assert evidence.cited_path(ref) is None, ref
        code, message = evidence.check_reference(ref, evidence.FolderListing(tmp_path), 1, 2018) or ("", "")
        assert code == "E-EVIDENCE-WORDS"
        assert message.startswith(f"证明材料“{ref}”是一段文字，不是网址，也不是文件名："), message
        assert "evidence/2018-年会.pdf" in message
        assert "找不到" not in message
    for ref in paths:
        assert evidence.cited_path(ref) is not None, ref


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_example_of_a_files_path_is_the_reports_years(tmp_path: Path, year: int) -> None:
    """A 2017 report's words in an evidence cell were told to write evidence/2018-年会.pdf (and an
    absolute path, evidence/2017-年会.pdf in any year): the example is the report's year's, from the
    checker and the form alike."""
    refs = ["见附件", "C:\\年会.pdf"]
    other = 2018 if year == 2017 else 2017
    for ref, said in zip(refs, _in_js(refs, year), strict=True):
        assert tuple(said) == _in_python(ref, tmp_path, year), ref
        assert f"evidence/{year}-年会.pdf" in said[0], said
        assert f"evidence/{other}-" not in said[0], said


def test_a_2017_reports_evidence_words_give_a_2017_example(tmp_path: Path) -> None:
    """Through `check`: the year the example gives is the report's."""
    from validators.check import check_file

    path = tmp_path / "cd-a" / "2017.yaml"
    path.parent.mkdir()
    path.write_text("society: cd-a\nyear: 2017\nmajor_work:\n  - {id: a, kind: 党建, title: t, date: 2017-07-01,"
                    " description: d, evidence: [见附件]}\n", encoding="utf-8")
    said = [f.message for f in check_file(path, tmp_path).findings if f.code == "E-EVIDENCE-WORDS"]
    assert len(said) == 1, said
    assert "evidence/2017-年会.pdf" in said[0]
