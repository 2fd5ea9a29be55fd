"""Evidence: http/https URLs, or files inside the society's own folder under the size limit."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from validators.models.report import YearReport, list_items
from validators.rules import file_content
from validators.rules.rule_context import RuleContext
from validators.urls import NOT_A_URL, URL_WORDS, url_problem
from validators.yaml.policy import policy
from validators.yaml.scalars import YamlPath
from validators.year.measures import has_han

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEME = re.compile(r"^https?:", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")
_DRIVE_PATH = re.compile(r"^[A-Za-z]:[\\/]")
# What a browser ignores when it reads a link: leading and trailing spaces and control
# characters, and tabs and line breaks anywhere (WHATWG URL), so " java\tscript:" is javascript:.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))

Refusal = tuple[str, str]

# Said of an item that lists no evidence at all. The workbook's import runs this check and says
# the same; the online form shows this sentence too (validators/association/browser_warnings.py).
NO_EVIDENCE_MESSAGE = ("这一项没有证明材料：市科协核查需要材料（网址，或放在本学会文件夹中的文件）。"
                       "公示开始后只计已核实的项目，没有材料的项目可能因无法核实而不计分。"
                       "请在“证明材料”中至少列出一份。")


@dataclass(slots=True)
class FolderListing:
    """The society folder as Git sees it, each directory read at most once.

    Names match exactly, so `a.pdf` does not find `A.pdf` even on a case-insensitive disk
    (CI and the site would not), and links are never followed, so nothing outside is reached.
    """

    folder: Path
    _dirs: dict[tuple[str, ...], dict[str, os.DirEntry[str]] | None] = field(default_factory=dict)
    _folded: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)

    def entries(self, parts: tuple[str, ...]) -> dict[str, os.DirEntry[str]] | None:
        """The directory at `parts` (names already read from the listing), or None if unreadable."""
        if parts not in self._dirs:
            try:
                with os.scandir(self.folder.joinpath(*parts)) as listing:
                    self._dirs[parts] = {e.name: e for e in listing}
            except OSError:
                self._dirs[parts] = None
        return self._dirs[parts]

    def find(self, parts: tuple[str, ...]) -> os.DirEntry[str] | None:
        """The entry at `parts`, descending only through real directories; a link ends the walk."""
        for depth, name in enumerate(parts):
            listing = self.entries(parts[:depth])
            entry = listing.get(name) if listing else None
            if entry is None or entry.is_symlink() or depth == len(parts) - 1:
                return entry
            if not entry.is_dir(follow_symlinks=False):
                return None
        return None

    def same_but_case(self, parts: tuple[str, ...]) -> str | None:
        """The path of a regular file whose name differs from `parts` only in letter case."""
        actual: list[str] = []
        entry: os.DirEntry[str] | None = None
        for name in parts:
            here = tuple(actual)
            listing = self.entries(here)
            if listing is None:
                return None
            if name not in listing:
                if here not in self._folded:  # the first of several case variants, in sorted order
                    self._folded[here] = {}
                    for real in sorted(listing):
                        self._folded[here].setdefault(real.casefold(), real)
                name = self._folded[here].get(name.casefold(), name)
            actual.append(name)
            entry = listing.get(name)
            if entry is None or entry.is_symlink():
                return None
        return "/".join(actual) if entry is not None and entry.is_file(follow_symlinks=False) else None


def _refuse_url(ref: str, as_browser_reads: str) -> Refusal | None:
    """For a reference with a scheme: None when it is a web address we may publish."""
    problem = url_problem(ref)
    if problem is None:
        return None
    if problem != NOT_A_URL:
        return "E-URL-HOST", URL_WORDS["evidence_host"].format(problem=problem)
    if _WEB_SCHEME.match(as_browser_reads):
        return "E-EVIDENCE-URL-SCHEME", URL_WORDS["evidence_web"]
    scheme = as_browser_reads.split(":", 1)[0]
    return "E-EVIDENCE-URL-SCHEME", URL_WORDS["evidence_scheme"].format(scheme=scheme)


def _missing(ref: str) -> Refusal:
    return ("E-EVIDENCE-MISSING",
            f"找不到证明材料文件“{ref}”：请把文件放进本学会文件夹并一起提交，或改用 https 链接。")


@dataclass(frozen=True, slots=True)
class _Reading:
    """How the check reads a reference: a web address, refused on its text, or a path to look up."""

    address: str | None = None  # as a browser reads it
    refusal: Refusal | None = None
    parts: tuple[str, ...] = ()


def _read(ref: str, year: int | None = None) -> _Reading:
    """`year`: the report's, in the example a refusal on the text gives (none needed for the path)."""
    def words(key: str) -> str:
        return URL_WORDS[key].replace("{year}", str(year))

    as_browser_reads = _URL_IGNORED.sub("", ref).strip(_C0_AND_SPACE)
    if _SCHEME.match(as_browser_reads) and not _DRIVE_PATH.match(as_browser_reads):
        return _Reading(address=as_browser_reads)
    if "\\" in ref or ref.startswith("/") or _DRIVE.match(ref):
        return _Reading(refusal=("E-EVIDENCE-OUTSIDE", words("evidence_absolute")))
    parts = PurePosixPath(ref).parts
    if ".." in parts:
        return _Reading(refusal=("E-EVIDENCE-OUTSIDE", URL_WORDS["evidence_parent"]))
    if is_words(ref):
        return _Reading(refusal=("E-EVIDENCE-WORDS", words("evidence_words").replace("{ref}", ref)))
    return _Reading(parts=parts)


def is_words(ref: str) -> bool:
    """Chinese words where a reference goes (见附件, 详见会议纪要): no "/" nor "." (a file the staff
    can open has an extension, a web address a dot), so no file or address at all. Said as such,
    not as a file that is missing or of no kind (the online form says it alike, form-urls.js)."""
    return "/" not in ref and "." not in ref and has_han(ref)


def cited_path(ref: str) -> tuple[str, ...] | None:
    """The path inside the society folder that `check_reference` looks up for `ref`; None for a
    web address or a reference refused on its text alone. One reading serves both, so what the
    gate counts as cited is exactly what the check reads."""
    return _read(ref).parts or None


def check_reference(ref: str, listing: FolderListing, max_bytes: int, year: int) -> Refusal | None:
    """The (code, message) that refuses `ref` in a report of `year`, or None when it is acceptable."""
    reading = _read(ref, year)
    if reading.address is not None:
        return _refuse_url(ref, reading.address)
    if reading.refusal is not None:  # decided on the text alone, before any look at the disk
        return reading.refusal
    parts = reading.parts
    entry = listing.find(parts) if parts else None
    if entry is not None and entry.is_symlink():
        try:
            os.stat(entry.path)  # a link to nothing, or a loop, names no file
        except OSError:
            entry = None
        else:
            return ("E-EVIDENCE-OUTSIDE",
                    "证明材料不能是符号链接（symlink）：链接可能指向本学会文件夹以外，请提交文件本身。")
    if entry is None or not entry.is_file(follow_symlinks=False):
        if parts and (actual := listing.same_but_case(parts)):
            return ("E-EVIDENCE-MISSING",
                    f"找不到证明材料文件“{ref}”，大小写不一致：仓库中是“{actual}”。"
                    "Git 和网站区分大小写（Windows、macOS 电脑上不区分），请照仓库中的写法改正。")
        return _missing(ref)
    try:
        size = entry.stat(follow_symlinks=False).st_size
    except OSError:  # removed while we looked
        return _missing(ref)
    if size > max_bytes:
        return ("E-EVIDENCE-TOO-LARGE",
                f"证明材料“{ref}”有 {size:,} 字节，超过上限 {max_bytes:,} 字节：请压缩或改用链接。")
    return _refuse_kind(ref, entry.path, parts[-1], size)


def kind_refusal(ref: str, name: str) -> Refusal | None:
    """The refusal of a file named `name` (the last part of `ref`) by its name alone: of no kind
    the staff can open. The online form says the same words (site_builder/form_labels.py)."""
    kinds = policy().evidence
    if kinds.kind_of(name) is not None:
        return None
    extension = name.rpartition(".")[2] if kinds.extension_of(name) else ""  # as written, not lowered
    what = f"是 .{extension} 文件" if extension else "没有扩展名"
    return ("E-EVIDENCE-FILE-TYPE",
            f"证明材料“{ref}”{what}，不是市科协能在网站上打开核查的类型："
            f"请转为以下一种再提交（或改用链接）：{kinds.accepted}。")


def _refuse_kind(ref: str, path: str, name: str, size: int) -> Refusal | None:
    """A file that is not of a kind the staff can open, by its name or by its bytes (the first
    ones; a zip package's list of entries)."""
    kinds = policy().evidence
    kind = kinds.kind_of(name)
    if kind is None:
        return kind_refusal(ref, name)
    try:
        with open(path, "rb") as handle:
            head = handle.read(file_content.HEAD_BYTES)
        wrong = file_content.mismatch(path, size, kinds.extension_of(name), kind, head)
    except OSError:  # removed or unreadable while we looked
        return _missing(ref)
    if wrong is None:
        return None
    extension = name.rpartition(".")[2]
    expected = file_content.spaced(wrong.expected)
    if wrong.actual is None:
        return ("E-EVIDENCE-FILE-TYPE",
                f"证明材料“{ref}”的扩展名是 .{extension}，内容却不是{expected}：可能改错了扩展名，"
                f"或文件已损坏。请用原来的程序重新导出为{expected}后提交。")
    if wrong.rename_to:
        extensions = " 或 ".join(f".{e}" for e in wrong.rename_to)
        advice = (f"若材料本就是{file_content.spaced(wrong.actual)}，请把文件的扩展名改为 {extensions}，"
                  f"并在证明材料中写上新的文件名；否则请用原来的程序重新导出为{expected}后提交")
    else:
        advice = wrong.advice or f"请用原来的程序重新导出为{expected}后提交"
    return ("E-EVIDENCE-FILE-TYPE",
            f"证明材料“{ref}”的扩展名是 .{extension}，内容却是{file_content.spaced(wrong.actual)}，"
            f"不是{expected}：{advice}。")


# What `check(on_disk=True)` says: after the repeats in `check`, so no item is kept from being a
# first copy by them (a symlink's E-EVIDENCE-OUTSIDE too, but that code is also the text's).
ON_DISK_CODES = frozenset({"E-EVIDENCE-MISSING", "E-EVIDENCE-TOO-LARGE", "E-EVIDENCE-FILE-TYPE",
                           "E-EVIDENCE-TOO-MANY"})


def check(strings: list[tuple[YamlPath, str]], ctx: RuleContext, on_disk: bool | None = None) -> None:
    """`on_disk`: False, only the references the text alone refuses (a web address, a path out of
    the folder), which the online form finds too; True, only what the folder decides (a file
    missing, too large, a link) and the count; None, both."""
    policy = ctx.policy.evidence
    listing = FolderListing(ctx.folder)  # one per report: the folder is read once, not per path
    lengths: dict[YamlPath, int] = {}
    decided: dict[str, Refusal | None] = {}  # the same file is often cited by many items
    for path, ref in strings:
        if len(path) < 2 or path[-2] != "evidence" or not isinstance(path[-1], int):
            continue
        lengths[path[:-1]] = lengths.get(path[:-1], 0) + 1
        if path[-1] >= policy.max_per_item:  # a hostile list must not cost a check per entry
            continue
        if on_disk is not None:
            reading = _read(ref)
            if on_disk == (reading.address is not None or reading.refusal is not None):
                continue
        if ref not in decided:
            decided[ref] = check_reference(ref, listing, policy.max_file_bytes, ctx.guideline.year)
        refused = decided[ref]
        if refused:
            ctx.error(path, refused[0], refused[1], None)
    if on_disk is False:
        return
    for items, count in lengths.items():
        if count > policy.max_per_item:
            ctx.error((*items, policy.max_per_item), "E-EVIDENCE-TOO-MANY",
                      f"这一项列了 {count} 份证明材料，超过上限 {policy.max_per_item} 份，"
                      f"只检查了前 {policy.max_per_item} 份：请只列主要材料，或合并成一个文件或链接。", None)


def _unevidenced(item: BaseModel, path: YamlPath) -> list[YamlPath]:
    """The `evidence` of `item` and of the items listed inside it (a report's achievements)
    that list nothing."""
    found: list[YamlPath] = []
    for name in type(item).model_fields:
        value = getattr(item, name)
        if name == "evidence" and isinstance(value, list) and not value:
            found.append((*path, "evidence"))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                if isinstance(inner, BaseModel):
                    found.extend(_unevidenced(inner, (*path, name, i)))
    return found


def check_items(report: YearReport, ctx: RuleContext) -> None:
    """A warning on each item with no evidence, in a year the staff verify (its reviews/<year>/
    folder exists): the design does not require evidence, but the staff verify an item by its
    material, and from the public notice on only verified items count. A year without the
    folder is scored as reported, where the warning's reason would not hold."""
    for _, path, item in list_items(report):
        if isinstance(item, BaseModel):
            for where in _unevidenced(item, path):
                ctx.warning(where, "W-EVIDENCE-NONE", NO_EVIDENCE_MESSAGE, None)
