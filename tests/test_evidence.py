"""Evidence references: each refusal, the per-item limit, letter case as Git sees it, and the
society folder read once per report rather than once per path."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.trees import profile
from validators.check import check_file
from validators.findings import Finding
from validators.rules import evidence
from validators.yaml.policy import EvidenceKind, policy

HEAD = ("society: cd-a\nyear: 2017\nmajor_work:\n  - id: mw-a\n    kind: 党建\n    title: 党建\n"
        "    date: 2017-07-01\n    description: 活动\n    evidence:\n")
FIRST_LINE = HEAD.count("\n") + 1  # the line of the first evidence entry
MAX_PER_ITEM = policy().evidence.max_per_item


def _check(tmp_path: Path, refs: list[str], make: Callable[[Path], None] = lambda f: None) -> list[Finding]:
    folder = tmp_path / "cd-a"
    (folder / "evidence").mkdir(parents=True)
    make(folder)
    body = "".join(f"      - '{ref}'\n" for ref in refs)
    (folder / "2017.yaml").write_text(HEAD + body, encoding="utf-8")
    return check_file(folder / "2017.yaml", tmp_path).findings


def _pdf(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"%PDF-1.4\n")
    return make


def _big(folder: Path) -> None:
    with (folder / "evidence/video.mp4").open("wb") as handle:  # sparse: nothing on disk
        handle.truncate(policy().evidence.max_file_bytes + 1)


@pytest.mark.parametrize(("ref", "make", "code"), [
    ("evidence/a.pdf", _pdf("evidence/a.pdf"), None),
    ("./evidence//a.pdf", _pdf("evidence/a.pdf"), None),
    ("evidence/photos/a.pdf", _pdf("evidence/photos/a.pdf"), None),
    ("https://example.org/a.pdf", lambda f: None, None),
    ("evidence/missing.pdf", lambda f: None, "E-EVIDENCE-MISSING"),
    ("evidence", lambda f: None, "E-EVIDENCE-MISSING"),                   # a directory
    ("evidence/a.pdf/x", _pdf("evidence/a.pdf"), "E-EVIDENCE-MISSING"),   # under a file
    ("evidence/pipe", lambda f: os.mkfifo(f / "evidence/pipe"), "E-EVIDENCE-MISSING"),
    ("evidence/video.mp4", _big, "E-EVIDENCE-TOO-LARGE"),
    ("../cd-b/a.pdf", lambda f: None, "E-EVIDENCE-OUTSIDE"),
    ("evidence/../../cd-b/a.pdf", lambda f: None, "E-EVIDENCE-OUTSIDE"),
    ("/etc/passwd", lambda f: None, "E-EVIDENCE-OUTSIDE"),
    ("evidence\\a.pdf", _pdf("evidence/a.pdf"), "E-EVIDENCE-OUTSIDE"),
    ("C:/a.pdf", lambda f: None, "E-EVIDENCE-OUTSIDE"),
    ("evidence/passwd", lambda f: (f / "evidence/passwd").symlink_to("/etc/passwd"), "E-EVIDENCE-OUTSIDE"),
    ("evidence/b.pdf", lambda f: (_pdf("evidence/a.pdf")(f), (f / "evidence/b.pdf").symlink_to("a.pdf")),
     "E-EVIDENCE-OUTSIDE"),
    ("evidence/etc/passwd", lambda f: (f / "evidence/etc").symlink_to("/etc"), "E-EVIDENCE-OUTSIDE"),
    ("evidence/loop", lambda f: (f / "evidence/loop").symlink_to("loop"), "E-EVIDENCE-MISSING"),
    ("javascript:alert(1)", lambda f: None, "E-EVIDENCE-URL-SCHEME"),
    ("https:/example.org/a", lambda f: None, "E-EVIDENCE-URL-SCHEME"),
])
def test_each_reference_gets_its_finding(tmp_path: Path, ref: str, make: Callable[[Path], None],
                                         code: str | None) -> None:
    findings = _check(tmp_path, [ref], make)
    assert [(f.code, f.line) for f in findings] == ([(code, FIRST_LINE)] if code else [])


def test_an_overlong_list_is_one_finding_and_only_its_head_is_checked(tmp_path: Path) -> None:
    refs = ["evidence/a.pdf"] * (MAX_PER_ITEM - 1) + ["evidence/gone-1.pdf"] + ["evidence/gone-2.pdf"] * 50
    findings = _check(tmp_path, refs, _pdf("evidence/a.pdf"))
    assert [(f.code, f.line) for f in findings] == [
        ("E-EVIDENCE-MISSING", FIRST_LINE + MAX_PER_ITEM - 1),
        ("E-EVIDENCE-TOO-MANY", FIRST_LINE + MAX_PER_ITEM),  # at the first entry left unchecked
    ]
    assert str(len(refs)) in findings[1].message
    assert str(MAX_PER_ITEM) in findings[1].message


def _file(name: str, content: bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return make


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip holding `entries`, made with zipfile in memory (written under tmp_path by `_file`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": TYPES, "_rels/.rels": b"<Relationships/>",
             "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": TYPES, "xl/workbook.xml": b"<workbook/>"})
PLAIN_ZIP = _zip({"report.txt": "会议纪要".encode()})
# Word for the web names the main part word/document2.xml; [Content_Types].xml says which it is.
DOCX_ELSEWHERE = _zip({"[Content_Types].xml": TYPES.replace(b"/>", b'><Override PartName="/word/document2.xml" '
                       b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                       b'document.main+xml"/></Types>'), "word/document2.xml": b"<w:document/>"})


@pytest.mark.parametrize(("name", "content", "refused"), [
    ("evidence/纪要.PDF", b"%PDF-1.7\n", None),                      # letter case of the extension
    ("evidence/a.pdf", b"\xef\xbb\xbf\r\n%PDF-1.4\n", None),          # readers skip a few stray bytes
    ("evidence/a.jpg", PNG, None),                                   # a phone's PNG saved as .jpg
    ("evidence/a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", None),
    ("evidence/a.docx", DOCX, None),
    ("evidence/a.DOCX", DOCX_ELSEWHERE, None),
    ("evidence/a.doc", DOCX, None),                                  # Word opens a .docx renamed .doc
    ("evidence/a.xlsx", XLSX, None),
    ("evidence/a.ofd", _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"}), None),
    ("evidence/a.docx", PLAIN_ZIP, "内容却是普通 zip 压缩包，不是 Word 文档：压缩包无法在网站上打开核查，请把其中的材料解压后逐个提交"),
    ("evidence/a.docx", _zip({"[Content_Types].xml": TYPES, "word/styles.xml": b"<w:styles/>"}),
     "内容却是普通 zip 压缩包，不是 Word 文档"),
    ("evidence/a.docx", _zip({"word/document.xml": b"<w:document/>"}), "内容却是普通 zip 压缩包"),
    ("evidence/a.ofd", PLAIN_ZIP, "内容却是普通 zip 压缩包，不是 OFD 版式文件"),
    ("evidence/a.docx", XLSX, "内容却是 Excel 表格，不是 Word 文档：若材料本就是 Excel 表格，请把文件的扩展名改为 .xlsx"),
    ("evidence/a.pdf", DOCX, "内容却是 Word 文档，不是 PDF 文件"),
    ("evidence/a.pdf", PLAIN_ZIP, "内容却是普通 zip 压缩包，不是 PDF 文件"),
    ("evidence/a.pdf", PNG, "内容却是图片，不是 PDF 文件：若材料本就是图片，请把文件的扩展名改为 .png，"),
    ("evidence/a.pdf", b"GIF89a\x01\x00", "请把文件的扩展名改为 .gif，"),      # each beginning its own
    ("evidence/a.pdf", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "请把文件的扩展名改为 .webp，"),
    ("evidence/a.pdf", b"\xff\xd8\xff\xe0", "请把文件的扩展名改为 .jpg，"),
    ("evidence/a.pdf", b"\x00\x00\x00\x14ftypqt  ", "内容却是视频，不是 PDF 文件：若材料本就是视频，请把文件的扩展名改为 .mov，"),
    ("evidence/a.pdf", b"\x00\x00\x00\x18ftypisom", "请把文件的扩展名改为 .mp4，"),
    ("evidence/a.docx", b"PK\x03\x04\x14\x00", "内容却是已损坏或不完整的压缩文件"),
    ("evidence/a.xlsx", DOCX[:len(DOCX) // 2], "内容却是已损坏或不完整的压缩文件"),   # cut short
    ("evidence/a.pptx", b"PK\x03\x04" + bytes(range(256)) * 4 + b"PK\x05\x06", "已损坏或不完整"),
    ("evidence/a.txt", b"<!DOCTYPE html><html><body>x</body></html>", "内容却是网页或脚本（HTML），不是文字文件"),
    ("evidence/a.txt", "\ufeff \r\n\t<HTML lang=zh>纪要".encode(), "网页或脚本"),
    ("evidence/a.md", b"<Script>alert(1)</script>", "网页或脚本"),
    ("evidence/a.txt", b"<?xml version='1.0'?>\n<!-- x -->\n<svg onload='alert(1)'/>", "网页或脚本"),
    ("evidence/a.csv", "<svg/>".encode("utf-16"), "网页或脚本"),
    ("evidence/a.txt", "会议纪要：网页上写着 <html> 和 <script>。\n".encode(), None),   # markup further on
    ("evidence/a.csv", b"<headcount,1\n", None),                       # a tag's name ends at a boundary
    ("evidence/a.txt", b"<header>,<bodyguard>\n", None),
    ("evidence/a.txt", b"<!DOCTYPE htmlx>", None),
    ("evidence/a.csv", b"<head>count,year\n", "网页或脚本"),
    ("evidence/a.txt", b"<head", "网页或脚本"),                          # or at the end of what was read
    ("evidence/a.txt", b"<body\tonload=x>", "网页或脚本"),
    ("evidence/a.txt", b"<?php echo 1;", "网页或脚本"),
    ("evidence/a.txt", b"<!doctype html>", "网页或脚本"),
    ("evidence/a.xls", b"<html><body><table><tr><td>1</td></tr></table>",   # an OA system's export
     "内容却是网页或脚本（HTML），不是 Office 或 WPS 文档：办公系统导出的 .xls 文件常是网页，"
     "请用 Excel 或 WPS 打开它，另存为 Excel 表格（.xlsx）后提交。"),
    ("evidence/a.DOC", b"\xef\xbb\xbf<html xmlns:w='urn:schemas-microsoft-com:office:word'>",
     "办公系统导出的 .doc 文件常是网页，请用 Word 或 WPS 打开它，另存为 Word 文档（.docx）后提交"),
    ("evidence/a.txt", b"<?xml version='1.0'?><minutes/>", None),
    ("evidence/a.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", None),
    ("evidence/a.mp4", b"\x00\x00\x00\x18ftypmp42", None),
    ("evidence/纪要.txt", "会议纪要\n".encode(), None),
    ("evidence/名单.csv", "\ufeff名单\n".encode("utf-16"), None),         # Excel's "Unicode text"
    ("evidence/a.exe", b"MZ\x90\x00", "是 .exe 文件"),
    ("evidence/a.html", b"<html>", "是 .html 文件"),
    ("evidence/a.zip", b"PK\x03\x04", "是 .zip 文件"),                # an archive hides what it holds
    ("evidence/minutes", b"text", "没有扩展名"),
    ("evidence/.pdf", b"%PDF-1.4", "没有扩展名"),
    ("evidence/a.pdf", b"<html><script>alert(1)</script>", "内容却是网页或脚本（HTML），不是 PDF 文件"),
    ("evidence/a.pdf", b"\x00" * 1100 + b"%PDF-1.4", "内容却不是 PDF 文件"),  # not near the start
    ("evidence/a.png", b"\x00" + PNG, "内容却不是图片"),                # an image's mark is at the start
    ("evidence/a.pdf", b"", "内容却不是 PDF 文件"),
    ("evidence/a.txt", b"MZ\x90\x00\x03\x00", "内容却是程序或脚本，不是文字文件"),
    ("evidence/a.txt", b"\x00\x01\x02\x03", "内容却不是文字文件：可能改错了扩展名"),
])
def test_an_evidence_file_is_of_a_kind_the_staff_can_open(tmp_path: Path, name: str, content: bytes,
                                                          refused: str | None) -> None:
    """By its extension (policy.yaml's `file_kinds`) and its first bytes: a program renamed .pdf,
    a web page or an archive cannot be verified and is not linked from the public site."""
    findings = _check(tmp_path, [name], _file(name, content))
    assert [(f.code, f.line) for f in findings] == ([("E-EVIDENCE-FILE-TYPE", FIRST_LINE)] if refused else [])
    if refused:
        assert f"证明材料“{name}”" in findings[0].message
        assert refused in findings[0].message


def _beginning(kind: EvidenceKind, extension: str, begins: str) -> bytes:
    """A file that begins `begins`; for a zip of a kind with packages, the package the extension names."""
    package = kind.package_of(extension)
    if begins == "504B0304" and package is not None:
        return _zip(dict.fromkeys([*package.holds, package.main], b"<x/>"))
    return bytes.fromhex(begins.replace("..", "20")) + b"\n"


def test_every_kind_the_policy_lists_is_accepted_by_each_of_its_beginnings(tmp_path: Path) -> None:
    """The kinds are data: each extension with each beginning it lists (any byte for "..")."""
    kinds = policy().evidence.file_kinds
    for k, kind in enumerate(kinds):
        files = {f"evidence/{n}.{extension}": _beginning(kind, extension, begins)
                 for extension in kind.extensions for n, begins in enumerate(kind.begins or ["E4B8AD"])}

        def make(folder: Path, files: dict[str, bytes] = files) -> None:
            for name, content in files.items():
                _file(name, content)(folder)
        assert _check(tmp_path / str(k), list(files), make) == [], kind.name
    assert sum(len(kind.extensions) for kind in kinds) > 15


def test_a_list_at_the_limit_is_accepted(tmp_path: Path) -> None:
    assert _check(tmp_path, ["evidence/a.pdf"] * MAX_PER_ITEM, _pdf("evidence/a.pdf")) == []


@pytest.mark.parametrize(("ref", "on_disk", "actual"), [
    ("evidence/a.pdf", "evidence/A.PDF", "evidence/A.PDF"),
    ("Evidence/2017/纪要.PDF", "evidence/2017/纪要.pdf", "evidence/2017/纪要.pdf"),
])
def test_a_name_differing_only_in_case_is_named(tmp_path: Path, ref: str, on_disk: str, actual: str) -> None:
    [finding] = _check(tmp_path, [ref], _pdf(on_disk))
    assert finding.code == "E-EVIDENCE-MISSING"
    assert f"大小写不一致：仓库中是“{actual}”" in finding.message


def test_case_differences_are_not_matched_and_not_guessed_through_links(tmp_path: Path) -> None:
    def make(folder: Path) -> None:
        _pdf("evidence/B.pdf")(folder)
        (folder / "evidence/C.pdf").symlink_to("B.pdf")
    found = _check(tmp_path, ["evidence/b.pdf", "evidence/c.pdf", "evidence/d.pdf"], make)
    assert [f.code for f in found] == ["E-EVIDENCE-MISSING"] * 3
    assert "大小写不一致" in found[0].message
    assert "大小写不一致" not in found[1].message  # a link is no file to point at
    assert "大小写不一致" not in found[2].message


def test_the_folder_is_read_once_per_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_scandir = os.scandir

    def counting(path: str | os.PathLike[str]) -> object:
        # evidence.os is the os module itself: a cold guideline cache lists its own folder too
        if os.fspath(path).startswith(os.fspath(tmp_path)):
            calls.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(evidence.os, "scandir", counting)
    refs = [f"evidence/{n}.pdf" for n in range(40)] + [f"evidence/photos/{n}.pdf" for n in range(40)]

    def make(folder: Path) -> None:
        for ref in refs[::2]:
            _pdf(ref)(folder)
    findings = _check(tmp_path, refs, make)
    assert len(findings) == 40
    assert len(calls) == len(set(calls)) == 3  # the folder, evidence/, evidence/photos/


class _Spy(evidence.FolderListing):
    """Records the paths the check looks up."""

    looked: list[tuple[str, ...]]

    def find(self, parts: tuple[str, ...]) -> os.DirEntry[str] | None:
        self.looked.append(parts)
        return super().find(parts)


REFERENCE_PIECES = ["c:", "C:/", "d:\\", " ", "\t", "/", "./", "../", "..", "http", "https:", "://",
                    "javascript:", "evidence", "x.pdf", "a b", "\u3000", "\x00", "?", "#", "//"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(REFERENCE_PIECES), min_size=1, max_size=6).map("".join))
def test_the_gate_reads_a_reference_where_the_check_looks(tmp_path_factory: pytest.TempPathFactory,
                                                          ref: str) -> None:
    """`cited_path` (what the gate holds as cited) is exactly the path the check looks up."""
    listing = _Spy(tmp_path_factory.mktemp("society"))
    listing.looked = []
    evidence.check_reference(ref, listing, 1024, 2018)
    cited = evidence.cited_path(ref)
    assert listing.looked[:1] == ([cited] if cited else [])


def test_a_reference_with_a_leading_space_and_a_drive_is_a_path_to_both() -> None:
    assert evidence.cited_path(" c:/x.txt") == (" c:", "x.txt")
    assert evidence.cited_path("c:/x.txt") is None  # refused as an absolute path
    assert evidence.cited_path("https://example.org/a") is None


def test_an_item_whose_evidence_is_of_no_kind_earns_nothing(tmp_path: Path) -> None:
    """E-EVIDENCE-FILE-TYPE is an error at the item: the item scores nothing, as for a missing
    file, and the same item with a PDF scores."""
    from validators.check import check_tree
    from validators.evaluation.evaluate import evaluate_repository

    def points(name: str, content: bytes) -> float:
        root = tmp_path / name.replace(".", "-")
        folder = root / "submissions" / "cd-a"
        (folder / "evidence").mkdir(parents=True)
        (folder / "evidence" / name).write_bytes(content)
        (folder / "society.yaml").write_text(profile("cd-a"), encoding="utf-8")
        (folder / "2017.yaml").write_text(HEAD + f"      - evidence/{name}\n", encoding="utf-8")
        result, repo = check_tree(root)
        codes = {f.code for f in result.findings if f.severity == "error"}
        assert codes == ({"E-EVIDENCE-FILE-TYPE"} if name.endswith(".exe") else set()), result.findings
        [evaluation] = evaluate_repository(repo)
        return sum(x.points for x in evaluation.lines if x.item_id == "mw-a")

    assert points("a.pdf", b"%PDF-1.4\n") > 0
    assert points("a.exe", b"MZ\x90\x00") == 0


def test_the_whole_check_names_every_evidence_file_a_pull_request_would_refuse(tmp_path: Path) -> None:
    """Evidence is never read as a report, but a name with a hidden character or a line break
    is refused by the pull request's checks: the whole check says so too, at each such file,
    however deep, and not at the reports it read (named once, as themselves)."""
    from validators.check import check_tree

    folder = tmp_path / "submissions" / "cd-x"
    (folder / "evidence" / "2018" / "会议").mkdir(parents=True)
    (folder / "society.yaml").write_text(profile("cd-x"), encoding="utf-8")
    bad = ["evidence/a\u200bb.pdf", "evidence/2018/会议/纪要\n.pdf", "evidence/2018/c\\d.pdf"]
    for name in [*bad, "evidence/2018/会议/签到表.pdf"]:
        (folder / name).write_bytes(b"%PDF-1.4\n")
    result, _ = check_tree(tmp_path)
    unsafe = sorted(f.file for f in result.findings if f.code == "E-PATH-UNSAFE")
    # The hidden character spelled out (the reporters escape the line break as they print it).
    assert unsafe == sorted(["submissions/cd-x/evidence/a<U+200B>b.pdf", "submissions/cd-x/evidence/2018/c\\d.pdf",
                             "submissions/cd-x/evidence/2018/会议/纪要\n.pdf"]), unsafe


def test_words_for_evidence_keep_an_item_from_being_the_copy_that_scores_in_advice_too(tmp_path: Path) -> None:
    """见附件 is refused on the text alone, before the repeats: the first of two copies of an item
    is not the one that scores. The what-if advice (`repeat_findings`) drops the folder's
    findings, which come after the repeats; it kept this one too while it was filed under a
    folder's code (E-EVIDENCE-MISSING), and then took the first copy to be the scoring one."""
    from validators.check import repeat_findings
    from validators.year.guideline import guideline

    folder = tmp_path / "cd-a"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "a.pdf").write_bytes(b"%PDF-1.4\n")
    item = ("  - {{id: {id}, kind: 党建, title: 支部标准化建设, date: 2017-07-01, description: 支部活动,"
            " evidence: [{ref}]}}\n")
    (folder / "2017.yaml").write_text("society: cd-a\nyear: 2017\nmajor_work:\n"
                                      + item.format(id="mw-a", ref="见附件") + item.format(id="mw-b", ref="evidence/a.pdf"),
                                      encoding="utf-8")
    result = check_file(folder / "2017.yaml", tmp_path)
    assert result.report is not None
    said = sorted((f.code, f.line) for f in result.findings if f.severity == "error")
    assert ("E-EVIDENCE-WORDS", 4) in said
    repeated = [(f.code, f.line) for f in result.findings if f.code == "E-ITEM-REPEATED"]
    rules = guideline(2017)
    assert rules is not None
    others = [f for f in result.findings if f.code != "E-ITEM-REPEATED"]
    again = repeat_findings(result.report, result.report.report, rules, others)
    assert [(f.code, f.line) for f in again] == repeated


def _refusal(tmp_path: Path, name: str, content: bytes) -> evidence.Refusal | None:
    (tmp_path / "evidence").mkdir(exist_ok=True)
    (tmp_path / "evidence" / name).write_bytes(content)
    return evidence.check_reference(f"evidence/{name}", evidence.FolderListing(tmp_path),
                                    policy().evidence.max_file_bytes, 2018)


def test_a_broken_zip_is_a_finding_at_every_length_never_an_exception(tmp_path: Path) -> None:
    """A .docx cut short anywhere, or with a byte of its content changed (the CRC no longer
    holds), is refused as a broken file: zipfile's exceptions never reach the check."""
    for cut in range(4, len(DOCX), 7):
        refused = _refusal(tmp_path, f"cut-{cut}.docx", DOCX[:cut])
        assert refused is not None, cut
        assert refused[0] == "E-EVIDENCE-FILE-TYPE"
    stored = _zip({"[Content_Types].xml": TYPES, "word/document.xml": b"<w:document/>"}, zipfile.ZIP_STORED)
    at = stored.index(b"<Types")
    refused = _refusal(tmp_path, "crc.docx", stored[:at] + b"<Typex" + stored[at + 6:])
    assert refused is not None
    assert "已损坏或不完整的压缩文件" in refused[1]
    assert _refusal(tmp_path, "whole.docx", stored) is None


def _as_zip64(data: bytes, says: tuple[int, int] = (0xFFFF, 0xFFFF_FFFF)) -> bytes:
    """`data` (a zip without a comment) with ZIP64 end records, which its end record defers to
    (its count and directory size `says`; any others are read from the ZIP64 record all the same)."""
    end = len(data) - 22
    entries, size, offset = struct.unpack_from("<HII", data, end + 10)
    record = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    deferring = struct.pack("<HHII", says[0], says[0], says[1], 0xFFFF_FFFF)
    return data[:end] + record + locator + data[end:end + 8] + deferring + data[end + 20:]


def _forged_count(data: bytes, count: int) -> bytes:
    """`data` (a zip without a comment) with its end record's entry counts changed to `count`."""
    end = len(data) - 22
    return data[:end + 8] + struct.pack("<HH", count, count) + data[end + 12:]


def test_a_zip64_package_is_read_by_its_zip64_end_record(tmp_path: Path) -> None:
    """An end record that defers to the ZIP64 one (entry count 0xFFFF) is read through it: a small
    ZIP64 .docx is accepted, not called a zip of more than 10,000 files; one whose ZIP64 record is
    missing is said to be broken or unsupported."""
    zip64 = _as_zip64(DOCX)
    with zipfile.ZipFile(io.BytesIO(zip64)) as archive:  # zipfile reads it
        assert archive.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    assert _refusal(tmp_path, "zip64.docx", zip64) is None
    assert _refusal(tmp_path, "zip64.xlsx", zip64) is not None  # and as closely as any other
    end = len(DOCX) - 22
    lost = DOCX[:end + 8] + struct.pack("<HH", 0xFFFF, 0xFFFF) + DOCX[end + 12:]
    refused = _refusal(tmp_path, "lost.docx", lost)
    assert refused is not None
    assert "已损坏或格式不受支持的压缩文件" in refused[1]
    assert "10,000" not in refused[1]


def test_a_forged_entry_count_does_not_let_a_large_directory_be_listed(tmp_path: Path) -> None:
    """zipfile lists a central directory by its size, whatever count the end record gives: a
    directory larger than any real package's is refused before zipfile reads it, whether its end
    record or its ZIP64 record gives it, and whatever count either says."""
    sprawling = _zip({"[Content_Types].xml": TYPES, "word/document.xml": b"<w:document/>"}
                     | {f"{i:02}" * 32_000: b"" for i in range(25)}, zipfile.ZIP_STORED)  # 1.6 MB of names
    for name, content in [("count.docx", _forged_count(sprawling, 5)),
                          ("zip64.docx", _as_zip64(sprawling)),
                          ("both.docx", _forged_count(_as_zip64(sprawling), 5)),
                          ("hidden.docx", _as_zip64(sprawling, (5, 1000)))]:  # as zipfile reads it
        with zipfile.ZipFile(io.BytesIO(content)) as archive:  # zipfile would list every entry
            assert len(archive.infolist()) == 27
        refused = _refusal(tmp_path, name, content)
        assert refused is not None, name
        assert "文件目录超过 1,250 KB 的压缩包" in refused[1], name
    assert _refusal(tmp_path, "few.docx", _forged_count(DOCX, 5)) is None  # a small one is listed


def test_a_hostile_zip_is_read_bounded(tmp_path: Path) -> None:
    """Tens of thousands of entries are refused from the end record, before zipfile lists them;
    a content-type list that inflates to hundreds of megabytes is read only as far as needed."""
    crowded = _zip(dict.fromkeys([f"{i}" for i in range(10_001)] + ["[Content_Types].xml", "word/document.xml"],
                                 b""), zipfile.ZIP_STORED)
    refused = _refusal(tmp_path, "crowded.docx", crowded)
    assert refused is not None
    assert "压缩包" in refused[1]
    bomb = _zip({"[Content_Types].xml": b" " * (64 * 1024 * 1024), "word/styles.xml": b"<w:styles/>"})
    assert len(bomb) < policy().evidence.max_file_bytes
    refused = _refusal(tmp_path, "bomb.docx", bomb)
    assert refused is not None
    assert "普通 zip 压缩包" in refused[1]


def test_a_beginnings_extension_is_one_of_the_kinds() -> None:
    """policy.yaml's `begins_as` names a beginning and an extension of its own kind."""
    EvidenceKind(name="图片", extensions=["png"], begins=["89"], begins_as={"89": "png"})
    for begins_as in ({"89": "jpg"}, {"FF": "png"}):
        with pytest.raises(ValueError, match="begins_as"):
            EvidenceKind(name="图片", extensions=["png"], begins=["89"], begins_as=begins_as)
