"""What an evidence file's bytes are, read bounded: whether they are of the kind its extension
names (policy.yaml's `file_kinds`), and, when not, what they are instead, in the words of a message.

A zip is opened with `zipfile` but never extracted: its entry count and the size of its central
directory are read from its end records first, and at most one entry's first bytes are
decompressed. A zip that cannot be read is a broken file, never an exception.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass

from validators.yaml.policy import EvidenceKind, EvidencePackage, policy

ZIP = b"PK\x03\x04"
_END_RECORD = b"PK\x05\x06"
_END_SIZE = 22  # the end of central directory record without its comment
_COMMENT_MAX = 0xFFFF
# ZIP64: the locator just before the end record, and the record it points to just before it
# (zipfile reads it there, without "extensible data", whatever offset the locator gives).
_END64_LOCATOR = b"PK\x06\x07"
_LOCATOR_SIZE = 20
_END64_RECORD = b"PK\x06\x06"
_END64_SIZE = 56
_DEFERS_COUNT, _DEFERS_SIZE = 0xFFFF, 0xFFFF_FFFF  # an end record's "see the ZIP64 record"
_MAX_ENTRIES = 10_000  # a report's .docx or .xlsx holds tens to hundreds
# zipfile reads the whole central directory, by the size the end record gives, and builds an entry
# for every header in it, whatever count the record gives: the count can be forged (a 9.3 MB file
# of 110,000 entries said it held 5, and took 1.1 s and 60 MB to list). A header is at least 46
# bytes, so a directory of this size builds at most 27,826 entries (about a quarter of a second)
# before their number is checked again. A real package of `_MAX_ENTRIES` parts fits in it: 128
# bytes an entry is the 46-byte header and 82 for a part name (xl/worksheets/_rels/sheet12.xml.rels
# is 36) and the extra fields Office and WPS write (ZIP64 sizes and offset: at most 28).
_MAX_DIRECTORY_BYTES = _MAX_ENTRIES * 128
_CONTENT_TYPES = "[Content_Types].xml"
_DECLARED_READ = 64 * 1024
# Read of a file's beginning: as much as Git reads to call a file binary, and more than any
# kind's `reach`.
HEAD_BYTES = 8000
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# A text file that begins with one of these (letter case ignored) is a web page or a script,
# which a browser may run: not text the staff read.
_MARKUP = ("<!doctype html", "<html", "<head", "<body", "<script", "<svg", "<iframe", "<?php")
_TAG_ENDS = ">/"  # or white space, or the end of what was read: <head> but not <headcount
_WEB_PAGE = "网页或脚本（HTML）"
_WEB_PAGE_ADVICE = ("网页可能带有会在浏览器中运行的脚本，不能作为证明材料，请在浏览器中把网页打印为 PDF 后提交，"
                    "或改用该网页的 https 链接")
# Many OA systems export a web page named .xls or .doc: the program opens it and saves it as it is.
_SAVED_AS_OFFICE = "办公系统导出的 .{extension} 文件常是网页，请用 {program} 打开它，另存为{name}（.{real}）后提交"
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
               NotImplementedError, ValueError, KeyError, zlib.error, lzma.LZMAError)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A file whose bytes are not of its kind: what it should be and, when known, what it is."""

    expected: str  # 图片, Word 文档
    actual: str | None = None  # 网页（HTML）, 普通 zip 压缩包; None when nothing is recognised
    advice: str = ""  # what to do, when more can be said than to export it again
    rename_to: tuple[str, ...] = ()  # the accepted extensions the bytes may be of


def _markup(head: bytes) -> bool:
    """Whether text begins, after a BOM, spaces, an XML declaration and comments, with a tag of
    a web page or a script."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", errors="ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="ignore")
    text = text.lstrip().lower()
    while text.startswith(("<?xml", "<!--")):
        close = "?>" if text.startswith("<?xml") else "-->"
        end = text.find(close)
        if end < 0:
            return False
        text = text[end + len(close):].lstrip()
    return any(text.startswith(tag) and _ends_tag(text[len(tag):len(tag) + 1]) for tag in _MARKUP)


def _ends_tag(after: str) -> bool:
    """Whether the character after a tag's name ("" at the end of what was read) ends it."""
    return not after or after.isspace() or after in _TAG_ENDS


@dataclass(frozen=True, slots=True)
class _Zip:
    names: frozenset[str] = frozenset()  # case-folded
    declared: bytes = b""
    broken: bool = False
    unsupported: bool = False  # its end record defers to a ZIP64 record that is not there
    crowded: bool = False  # more than _MAX_ENTRIES entries
    sprawling: bool = False  # a central directory larger than _MAX_DIRECTORY_BYTES


def _directory(path: str, size: int) -> tuple[int, int] | _Zip:
    """The entry count and the central directory's size that zipfile will read the zip by, from
    its last bytes: its end record's, or its ZIP64 record's when a locator stands before the end
    record (as zipfile reads them); or what the zip is when they cannot be read."""
    reach = min(size, _END_SIZE + _COMMENT_MAX)
    with open(path, "rb") as file:
        file.seek(size - reach)
        tail = file.read(reach)
        at = tail.rfind(_END_RECORD)
        if at < 0 or at + _END_SIZE > len(tail):
            return _Zip(broken=True)
        count, directory = struct.unpack_from("<HI", tail, at + 10)
        end = size - reach + at
        record = b""
        if end >= _END64_SIZE + _LOCATOR_SIZE:
            file.seek(end - _END64_SIZE - _LOCATOR_SIZE)
            record = file.read(_END64_SIZE + _LOCATOR_SIZE)
    if record[_END64_SIZE:].startswith(_END64_LOCATOR) and record.startswith(_END64_RECORD):
        count64: int
        directory64: int
        count64, directory64 = struct.unpack_from("<QQ", record, 32)
        return count64, directory64
    if count == _DEFERS_COUNT or directory == _DEFERS_SIZE:
        return _Zip(unsupported=True)
    return count, directory


def _read_zip(path: str, size: int) -> _Zip:
    """The entries of the zip at `path` and the beginning of its declared content types."""
    try:
        read = _directory(path, size)
        if isinstance(read, _Zip):
            return read
        count, directory = read
        if count > _MAX_ENTRIES:
            return _Zip(crowded=True)
        if directory > _MAX_DIRECTORY_BYTES:
            return _Zip(sprawling=True)
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_ENTRIES:
                return _Zip(crowded=True)
            by_name = {info.filename.casefold(): info for info in infos}
            declared = b""
            types = by_name.get(_CONTENT_TYPES.casefold())
            if types is not None:
                with archive.open(types) as member:
                    declared = member.read(_DECLARED_READ)
            return _Zip(frozenset(by_name), declared)
    except _ZIP_ERRORS:
        return _Zip(broken=True)


def _package_named(found: _Zip) -> EvidencePackage | None:
    """The package of any kind that a zip is."""
    return next((p for kind in policy().evidence.file_kinds for p in kind.packages
                 if p.is_held_by(found.names, found.declared)), None)


def _zip_mismatch(path: str, size: int, expected: str, package: EvidencePackage | None) -> Mismatch | None:
    """Why a zip is not the package `package` (None: not one of any package of its kind)."""
    found = _read_zip(path, size)
    if found.broken:
        return Mismatch(expected, "已损坏或不完整的压缩文件（读不出其中的内容）")
    if found.unsupported:
        return Mismatch(expected, "已损坏或格式不受支持的压缩文件（读不出其中的文件目录）")
    if found.crowded:
        return Mismatch(expected, f"装有超过 {_MAX_ENTRIES:,} 个文件的压缩包",
                        "请只提交需要核查的材料本身")
    if found.sprawling:
        return Mismatch(expected, f"文件目录超过 {_MAX_DIRECTORY_BYTES // 1024:,} KB 的压缩包（文档的目录远比这小）",
                        "请只提交需要核查的材料本身")
    if package is not None and package.is_held_by(found.names, found.declared):
        return None
    other = _package_named(found)
    if other is not None:
        return Mismatch(expected, other.name, rename_to=(other.extensions[0],))
    spaced = f" {expected}" if expected[0].isascii() else expected
    again = f"，或用原来的程序把文件另存为{spaced}后提交" if package is not None else ""
    return Mismatch(expected, "普通 zip 压缩包",
                    f"压缩包无法在网站上打开核查，请把其中的材料解压后逐个提交{again}")


def _what_else(head: bytes) -> Mismatch | None:
    """What a file's first bytes are, when they are of another kind or a program."""
    if head.startswith(_PROGRAMS):
        return Mismatch("", "程序或脚本", "程序不能作为证明材料，请提交材料本身")
    for kind in policy().evidence.file_kinds:
        beginning = kind.beginning
        if beginning is not None and not kind.packages:
            found = beginning.search(head[:kind.reach])
            if found is not None and found.start() <= kind.within:
                return Mismatch("", kind.name, rename_to=tuple(kind.extensions_of(found)))
    return None


def mismatch(path: str, size: int, extension: str, kind: EvidenceKind, head: bytes) -> Mismatch | None:
    """Why the file at `path` (`size` bytes, beginning `head`) is not of `kind`; None when it is."""
    beginning = kind.beginning
    if beginning is None:  # text; Excel's "Unicode text" is UTF-16, whose NUL bytes are its own
        if _markup(head) or (b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))):
            return _other(kind, extension, head, path, size)
        return None
    found = beginning.search(head[:kind.reach])
    if found is None or found.start() > kind.within:
        return _other(kind, extension, head, path, size)
    package = kind.package_of(extension)
    if package is not None and head[found.start():].startswith(ZIP):
        return _zip_mismatch(path, size, package.name, package)
    return None


def _other(kind: EvidenceKind, extension: str, head: bytes, path: str, size: int) -> Mismatch:
    """What a file not of `kind` (named with `extension`) is instead, as far as its bytes tell."""
    if _markup(head):
        package = kind.package_of(extension)
        if package is not None and package.program:
            return Mismatch(kind.name, _WEB_PAGE, _SAVED_AS_OFFICE.format(
                extension=extension, program=package.program, name=spaced(package.name),
                real=package.extensions[0]))
        return Mismatch(kind.name, _WEB_PAGE, _WEB_PAGE_ADVICE)
    if head.startswith(ZIP):
        return _zip_mismatch(path, size, kind.name, None) or Mismatch(kind.name)
    other = _what_else(head)
    if other is None:
        return Mismatch(kind.name)
    return Mismatch(kind.name, other.actual, other.advice, other.rename_to)


def spaced(name: str) -> str:
    """A kind's name after a Chinese word: 不是 PDF 文件, 不是图片."""
    return f" {name}" if name[0].isascii() else name
