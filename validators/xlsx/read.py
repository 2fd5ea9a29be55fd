"""A filled workbook read back into a report: every cell as its column's kind (cells.py), each
finding at its sheet and cell, and where each value came from, so the check's findings on the
report it becomes can be said at the cell too."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import io
import posixpath
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from validators.findings import Finding, error, warning
from validators.xlsx.cells import read_cell
from validators.xlsx.cover import template_year_read
from validators.xlsx.layout import (
    COVER,
    GUIDE,
    OPTIONS,
    PARENT,
    PROFILE,
    SPACES,
    Column,
    Layout,
    Sheet,
    template_year,
)
from validators.yaml.policy import TotalsPolicy, policy

__all__ = ["NOT_XLSX_WORDS", "ODS_WORDS", "Cell", "Imported", "cell_name", "read_workbook"]

_XML_SPACE = " \t\r\n"  # what may separate XML attributes

Path_ = tuple[str | int, ...]
# A merged range: its ref (G1:H1), first column, first row, last column, last row.
_Merge = tuple[str, int, int, int, int]
# What is said of a file that is no .xlsx workbook (the form says the same).
NOT_XLSX_WORDS = "这不是 .xlsx 工作簿（Excel、WPS 表格保存的 .xlsx 文件）：旧的 .xls、.et 或 .csv 文件请先“另存为” .xlsx。"
ODS_WORDS = "这是 .ods 表格（LibreOffice 或 WPS 的开放文档格式），不是 .xlsx 工作簿：请“另存为” Excel 工作簿（.xlsx）后再导入。"
# The column whose cells are web addresses or file names: a hyperlink there is read as its address.
EVIDENCE = "evidence"
# Rows searched for a header that is not in row 1 (rows inserted above it).
_HEADER_SEARCH = 10


@dataclass(frozen=True, slots=True)
class Cell:
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    col: int  # 1-based

    @property
    def name(self) -> str:
        return cell_name(self.sheet, self.row, self.col)


def column_letter(col: int) -> str:
    """5 → E, 27 → AA."""
    letters, n = "", col
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, row: int, col: int) -> str:
    """学术交流活动!E7"""
    return f"{sheet}!{column_letter(col)}{row}"


@dataclass(slots=True)
class Imported:
    data: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    # The cell each value of `data` came from, by its place in the report.
    cells: dict[Path_, Cell] = field(default_factory=dict)
    # (sheet, key) of the required columns a sheet lacks: said once at its header row, so the
    # check's "missing" on each of its rows is not said again.
    absent: set[tuple[str, str]] = field(default_factory=set)
    # The cells said to be unreadable, listed or not (past max_findings): the check's "missing"
    # there is not said.
    unread: set[Cell] = field(default_factory=set)
    # The cell each finding is at (none for the workbook as a whole), and the workbook's sheets in
    # its own order: the findings are listed sheet by sheet as the secretary sees them.
    where: dict[Finding, Cell] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    # The line that says how many problems were not listed, when some were not.
    unlisted: Finding | None = None
    # What the 学会资料 sheet holds (a new society's profile, without its id), None when it holds
    # nothing or is not there; the cell of each of its fields.
    profile: dict[str, Any] | None = None
    profile_cells: dict[str, Cell] = field(default_factory=dict)

    def cell_of(self, path: Path_ | None) -> Cell | None:
        """The cell of the deepest place of `path` that came from a cell."""
        path = tuple(path or ())
        while path:
            if path in self.cells:
                return self.cells[path]
            path = path[:-1]
        return None


@dataclass(frozen=True, slots=True)
class _Unread:
    """A formula cell with nothing to read: its result is an error value (#VALUE!, #REF!, #N/A…),
    or it was never calculated (a file written by a program, not saved by Excel or WPS)."""

    error: str | None  # the error value; None: no result at all

    def __str__(self) -> str:
        return self.error or ""

    @property
    def message(self) -> str:
        if self.error:
            return f"公式的结果是错误值 {self.error}：请在 Excel 或 WPS 中改正公式，或直接填写数值。"
        return "公式没有计算结果：请在 Excel 或 WPS 中打开并保存一次，或直接填写数值。"


@dataclass(frozen=True, slots=True)
class _Serial:
    """A number in a cell formatted as a date that is no date (1e+20, or past 9999-12-31): openpyxl
    reads it as the error value #VALUE! (with an English warning of its own, never shown)."""

    text: str  # the number as the file holds it

    def __str__(self) -> str:
        return self.text

    @property
    def message(self) -> str:
        number = f"其中的数 {self.text} " if self.text else "其中的数"  # a file may hold no <v> text
        return f"这一格设为日期格式，但{number}超出了日期的范围（公元 1 年至 9999 年）：请写成 2018-05-12 这样的日期。"


@dataclass(slots=True)
class _Page:
    """One sheet's rows (each as wide as the columns read) and the first cell found past them."""

    rows: list[tuple[object, ...]]
    beyond: tuple[int, int] | None = None  # (row, column)
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column): a hyperlink's address
    # (row, column): the file a formula reads from (a link to another workbook)
    external: dict[tuple[int, int], str] = field(default_factory=dict)
    # The rows and columns hidden in the sheet (row numbers up to the rows read; columns up to
    # the columns read).
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    # By row, then column: the cells whose formula sums their own column above them (=SUM(F2:F4)
    # in F5), as written ("" for a shared formula's other cells, written once at its first).
    sums: dict[int, dict[int, str]] = field(default_factory=dict)
    # (row, column, code, message) of the content the reader could not place: a row numbered past
    # any sheet's rows, out of order or twice, a cell whose reference names another row, a row past
    # the rows read. Each is an error (its content would be lost without a word); the first few.
    lost: list[tuple[int, int, str, str]] = field(default_factory=list)


class _Reader:
    def __init__(self, file: str, layout: Layout) -> None:
        self.file, self.layout = file, layout
        self.out = Imported({})
        self.limit = policy().workbook.max_findings
        self.unsaid = {"error": 0, "warning": 0}
        # Kept apart, each at most `limit`: the errors are listed first, so a blocking error is
        # never lost behind 200 warnings about dates read.
        self.kept: dict[str, list[Finding]] = {"error": [], "warning": []}

    def say(self, at: Cell | None, message: str, code: str, severity: str = "error") -> None:
        kept = self.kept[severity]
        if len(kept) >= self.limit:  # a hostile workbook's thousands: counted, not listed
            self.unsaid[severity] += 1
            return
        make = error if severity == "error" else warning
        finding = make(self.file, at.row if at else 1, at.col if at else 1, code, f"{at.name}：{message}" if at else message)
        kept.append(finding)
        if at is not None:
            self.out.where[finding] = at

    def finish(self) -> None:
        """The errors, then as many warnings as there is room for; one line for the problems past
        the listed ones (an error when any of them is)."""
        errors, warnings = self.kept["error"], self.kept["warning"]
        room = max(0, self.limit - len(errors))
        self.unsaid["warning"] += max(0, len(warnings) - room)
        for dropped in warnings[room:]:
            self.out.where.pop(dropped, None)
        self.out.findings = errors + warnings[:room]
        more = sum(self.unsaid.values())
        if more:
            make = error if self.unsaid["error"] else warning
            self.out.unlisted = make(self.file, 1, 1, "E-XLSX-TOO-MANY" if self.unsaid["error"] else "W-XLSX-TOO-MANY",
                                     f"还有 {more} 个问题没有列出（只列出前 {self.limit} 个）：请先按上面的提示改正，再导入一次。")
            self.out.findings.append(self.out.unlisted)

    def lost(self, name: str, page: _Page) -> None:
        """The content of a sheet the reader could not place, each an error at its sheet and row."""
        for row, col, code, message in page.lost:
            at = Cell(name, row, col)
            self.say(at, message, code)
            self.out.unread.add(at)

    def outside(self, name: str, page: _Page, titled: set[int], first_row: int = 2) -> set[int]:
        """Cells under no header (past the table's columns, or past the columns read at all):
        said once a sheet, at the first; the rows that hold nothing else (a note, a total written
        beside the table) are returned, so they are not read as empty items."""
        first: tuple[int, int] | None = None
        only: set[int] = set()
        for r, row in enumerate(page.rows[first_row - 1:], start=first_row):
            stray = [n for n, v in enumerate(row, start=1) if n not in titled and not _blank(v)]
            if not stray:
                continue
            if first is None:
                first = (r, stray[0])
            if all(_blank(v) for n, v in enumerate(row, start=1) if n in titled):
                only.add(r)
        # Past the columns read: the row reads as blank there, and is skipped as one.
        if page.beyond is not None and page.beyond[0] >= first_row and (first is None or page.beyond < first):
            first = page.beyond
        if first is not None:
            last = max(titled, default=1)
            end = column_letter(last)
            self.say(Cell(name, *first), f"这一格在表格之外（表格到 {end} 列为止），没有读入；这张表中表格以外的内容都不读入："
                     "要填写的内容请写在表格的列中，备注可以删去。", "W-XLSX-OUTSIDE", "warning")
        return only

    def value(self, raw: object, column: Column, at: Cell, link: str | None = None, book: str | None = None) -> Any:
        if isinstance(raw, (_Unread, _Serial)):
            self.say(at, raw.message, "E-XLSX-VALUE")
            self.out.unread.add(at)
            return None
        if book is not None and not _blank(raw):
            self.say(at, f"这一格的公式引用了另一个工作簿“{book}”，读入的是它保存时的结果“{_title(raw)}”：那个文件不随报告提交，"
                     "改动后这里也不会更新。请核对，并把公式换成数值（复制后“选择性粘贴”为数值）。", "W-XLSX-EXTERNAL-LINK", "warning")
        if link is not None and not _blank(raw) and link != _title(raw):
            if column.key == EVIDENCE:  # Ctrl+K on 年会通知: the address is the evidence
                self.say(at, f"超链接“{_title(raw)}”按链接地址 {link} 读入，请核对。", "W-XLSX-CONVERTED", "warning")
                raw = link
            else:
                self.say(at, f"这个单元格带有超链接（{link}），只读入了显示的文字：链接地址请写在“证明材料”一列。",
                         "W-XLSX-LINK", "warning")
        read = read_cell(raw, column)
        if read.error:
            self.say(at, read.error, "E-XLSX-VALUE")
            self.out.unread.add(at)
            return None
        if read.said:
            self.say(at, read.said + "，请核对。", "W-XLSX-UNIT" if read.unit else "W-XLSX-CONVERTED", "warning")
        return read.value

    def _fields(self, name: str, page: _Page, titles: list[str], where: str,
                orphans: bool = False) -> Iterator[tuple[int, tuple[object, ...], str]]:
        """The rows of a sheet of one field per row (its title in A, its value in B): each known
        title's first row, as (row number, row, title); an unknown or repeated title is said at
        its cell, and with `orphans` so is a value whose row has no title (it would be lost)."""
        seen: dict[str, int] = {}
        for r, row in enumerate(page.rows[1:], start=2):
            title = _title(row[0] if row else None)
            if not title:
                if orphans and len(row) > 1 and not _blank(row[1]):
                    self.say(Cell(name, r, 2), "这一格左边没有写项目，没有读入：请把内容写在对应项目的右边。", "E-XLSX-HEADER")
                    self.out.unread.add(Cell(name, r, 2))
                continue
            if title not in titles:
                self._unknown(Cell(name, r, 1), title, titles, "项目", "这一行")
                continue
            if title in seen:
                self.say(Cell(name, r, 1), f"“{title}”在{where}出现了两次（第 {seen[title]} 行和第 {r} 行）："
                         "只读入了第一行，请删去一行。", "E-XLSX-HEADER")
                continue
            seen[title] = r
            yield r, row, title

    def _field(self, name: str, page: _Page, r: int, row: tuple[object, ...], column: Column) -> tuple[Cell, Any]:
        """A field row's value cell (B) and its value read as `column` says."""
        at = Cell(name, r, 2)
        return at, self.value(row[1] if len(row) > 1 else None, column, at, page.links.get((r, 2)),
                              page.external.get((r, 2)))

    def profile(self, page: _Page) -> None:
        """The 学会资料 sheet, read as the cover is; the profile is kept when any of its cells
        holds something."""
        self.outside(PROFILE, page, {1, 2})  # 项目, 内容
        by_title = {c.title: c for c in self.layout.profile}
        found: dict[str, Any] = {}
        for r, row, title in self._fields(PROFILE, page, list(by_title), f"“{PROFILE}”中", orphans=True):
            column = by_title[title]
            at, value = self._field(PROFILE, page, r, row, column)
            self.out.profile_cells[column.key] = at
            if value is not None:
                found[column.key] = value
        if found or any(c in self.out.unread for c in self.out.profile_cells.values()):
            self.out.profile = found

    def cover(self, page: _Page) -> None:
        self.outside(COVER, page, {1, 2, 3})  # 项目, 填写, 说明
        by_title = {c.title: (p, c) for p, c in self.layout.cover}
        data = self.out.data
        assert data is not None
        for r, row, title in self._fields(COVER, page, list(by_title), "封面上"):
            path, column = by_title[title]
            self.out.cells[path] = Cell(COVER, r, 2)
            at, value = self._field(COVER, page, r, row, column)
            if value is None:
                continue
            node = data
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = value
            self.out.cells[path] = at

    def by_template(self, year: int) -> None:
        """The cover's blank 年度 cell read as `year`, its template's (`_template_year`), and said."""
        assert self.out.data is not None
        self.out.data["year"] = year
        at = self.out.cells[("year",)]
        self.say(at, template_year_read(year), "W-XLSX-CONVERTED", "warning")

    def _absorbed(self, name: str, rows: list[tuple[object, ...]], columns: list[Column], header: tuple[object, ...],
                  first: dict[str, int], merges: tuple[_Merge, ...]) -> tuple[set[int], set[str]]:
        """The columns whose header cell a merge took into the one before it (G1:H1 over 服务成效
        and 证明材料: H has no title), and the template's titles named for them. Content in their
        rows is data with no column to go to: an error at its first cell, once a column, naming
        the header to write back (the template's at that place, when it is not elsewhere)."""
        absorbed: set[int] = set()
        named: set[str] = set()
        for ref, low_col, low_row, high_col, _ in merges:
            if low_row != 1:
                continue
            for n in range(low_col + 1, high_col + 1):
                if n - 1 < len(header) and _title(header[n - 1]):
                    continue
                absorbed.add(n)
                filled = next((r for r, row in enumerate(rows[1:], start=2) if n - 1 < len(row) and not _blank(row[n - 1])),
                              None)
                if filled is None:
                    continue
                letter = column_letter(n)
                meant = columns[n - 1] if n - 1 < len(columns) and columns[n - 1].title not in first else None
                if meant is not None:
                    named.add(meant.title)
                fix = f"在 {letter}1 写回标题“{meant.header or meant.title}”" if meant is not None else \
                    f"在 {letter}1 写回这一列的标题（各表的标题列在“{GUIDE}”工作表中）"
                self.say(Cell(name, filled, n), f"{letter} 列的内容在合并的标题 {ref} 之下（{letter}1 没有标题），没有读入："
                         f"请取消合并，{fix}。", "E-XLSX-HEADER")
        return absorbed, named

    def _no_header(self, sheet: Sheet, rows: list[tuple[object, ...]], by_title: dict[str, Column]) -> None:
        """Row 1 holds none of the sheet's titles: the header is lower (rows inserted above it),
        or gone (the row deleted, and row 1 is data). One finding, not one per cell."""
        at = Cell(sheet.name, 1, 1)
        lower = next((r for r, row in enumerate(rows[1:_HEADER_SEARCH], start=2)
                      if sum(_title(v) in by_title for v in row) >= 2), None)
        if lower is not None:
            self.say(at, f"标题行在第 {lower} 行：请删去上方的 {lower - 1} 行，标题必须在第 1 行（不要在标题上方插入行）。这张表没有读入。",
                     "E-XLSX-HEADER")
            return
        shown = "”“".join(t for t in (_title(v) for v in rows[0]) if t)[:60]
        self.say(at, "第 1 行不是这张表的标题行" + (f"，而像是一行内容（“{shown}”）" if shown else "")
                 + "：标题行可能被删除了。请从网站重新下载空白工作簿，把其中这张表的第 1 行（标题行）复制过来，插入到第 1 行上方"
                 f"（各表的标题也列在“{GUIDE}”工作表中）；不要改动标题。这张表没有读入。", "E-XLSX-HEADER")

    def _unknown(self, at: Cell, title: str, known: list[str], what: str, where: str = "这一列") -> None:
        close = difflib.get_close_matches(title, known, n=1, cutoff=0.5)
        hint = f"是不是“{close[0]}”？" if close else f"可用的{what}见“{GUIDE}”工作表。"
        self.say(at, f"不认识的{what}“{title}”：{hint}{where}没有读入。", "E-XLSX-HEADER")

    def sheet(self, sheet: Sheet, page: _Page, parents: dict[str, Path_],
              merges: tuple[_Merge, ...] = ()) -> dict[str, Path_]:
        """Reads the rows of `sheet` into the report; the places of its items by id. `merges`:
        the sheet's merged ranges (a header cell merged into the one before it has no title)."""
        rows = page.rows
        columns = ([Column(PARENT, PARENT, "text")] if sheet.parent else []) + list(sheet.columns)
        by_title = {c.title: c for c in columns}
        header = rows[0] if rows else ()
        if rows and not any(_title(raw) in by_title for raw in header) and any(not _blank(v) for row in rows for v in row):
            self._no_header(sheet, rows, by_title)
            return {}
        placed: dict[int, Column] = {}
        first: dict[str, int] = {}
        unknown: dict[int, str] = {}
        for n, raw in enumerate(header, start=1):
            title = _title(raw)
            if not title:
                continue
            if title not in by_title:
                unknown[n] = title  # said below, with the column it most likely was
                continue
            if title in first:
                self.say(Cell(sheet.name, 1, n), f"标题“{title}”出现了两次（{cell_name(sheet.name, 1, first[title])[len(sheet.name) + 1:]} "
                         "和这里）：只读入了第一列，请删去一列。", "E-XLSX-HEADER")
                continue
            first[title] = n
            placed[n] = by_title[title]
        absorbed, named = self._absorbed(sheet.name, rows, columns, header, first, merges)
        for column in columns:
            if column.title in first or not rows:
                continue
            if column.title in named:  # said at its content, with the header to write back
                if column.required and column.key != PARENT:
                    self.out.absent.add((sheet.name, column.key))
                continue
            if not column.required or column.key == PARENT:
                self.say(Cell(sheet.name, 1, 1), f"这张表没有“{column.title}”一列：这一列的内容按没有填写处理。",
                         "W-XLSX-COLUMN", "warning")
                continue
            # A required column gone (renamed, deleted): said once, on the header row, not as a
            # missing value on every row's first cell.
            near = next((n for n, t in unknown.items() if difflib.get_close_matches(t, [column.title], 1, 0.5)), None)
            self.out.absent.add((sheet.name, column.key))
            if near is not None:
                self.say(Cell(sheet.name, 1, near), f"不认识的标题“{unknown.pop(near)}”：是不是“{column.title}”？请改回原来的标题。"
                         f"“{column.title}”是必填的一列，改回之前每一行的“{column.title}”都按没有填写处理。", "E-XLSX-HEADER")
                continue
            self.say(Cell(sheet.name, 1, 1), f"这张表没有“{column.title}”一列（必填）：每一行的“{column.title}”都按没有填写处理。"
                     f"请补上标题为“{column.header}”的一列（可从重新下载的空白工作簿复制标题行，各表的标题也列在“{GUIDE}”工作表中）。",
                     "E-XLSX-HEADER")
        for n, title in unknown.items():
            self._unknown(Cell(sheet.name, 1, n), title, list(by_title), "标题")
        only_outside = self.outside(sheet.name, page, {n for n, raw in enumerate(header, start=1) if _title(raw)} | absorbed)
        data = self.out.data
        assert data is not None
        ids: dict[str, Path_] = {}
        limit = policy().yaml.max_list_items
        for r, row in enumerate(rows[1:], start=2):
            if r in only_outside or all(_blank(v) for v in row):
                continue
            total = _total(row, placed, page.sums.get(r, {}))
            if total is not None:
                self.say(Cell(sheet.name, r, total[0]), f"第 {r} 行像是合计行（“{total[1]}”），没有读入：工作簿中不需要合计，"
                         "系统会自己统计；请删去这一行。", "W-XLSX-TOTAL", "warning")
                continue
            item: dict[str, Any] = {}
            cells: dict[str, Cell] = {}
            unread: set[str] = set()  # cells already said to be unreadable: said once
            for n, column in placed.items():
                at = Cell(sheet.name, r, n)
                cells[column.key] = at
                value = self.value(row[n - 1] if n - 1 < len(row) else None, column, at, page.links.get((r, n)),
                                   page.external.get((r, n)))
                if value is not None:
                    item[column.key] = value
                elif at in self.out.unread:
                    unread.add(column.key)
            owner: Any = data
            where: Path_
            if sheet.parent:
                parent_id = item.pop(PARENT, None)
                at = cells.pop(PARENT, Cell(sheet.name, r, 1))
                if parent_id not in parents:
                    if PARENT not in unread:
                        self.say(at, "没有填写所属项目编号：请填写上一张表中这项成果所属报告的编号。" if parent_id is None
                                 else f"找不到编号为“{parent_id}”的所属项目：请填写上一张表中某一行的编号。",
                                 "E-XLSX-PARENT")
                    continue
                base = parents[str(parent_id)]
                for key in base:
                    owner = owner[key]
                items = owner.setdefault(sheet.parent, [])
                where = (*base, sheet.parent, len(items))
            else:
                for key in sheet.path[:-1]:
                    owner = owner.setdefault(key, {})
                items = owner.setdefault(sheet.path[-1], [])
                where = (*sheet.path, len(items))
            if len(items) >= limit:
                self.say(Cell(sheet.name, r, 1), f"一张表最多 {limit} 行，其余的行没有读入。", "E-XLSX-TOO-MANY")
                break
            items.append(item)
            self.out.cells[where] = Cell(sheet.name, r, 1)
            for key, at in cells.items():
                self.out.cells[(*where, key)] = at
            if isinstance(item.get("id"), str):
                ids[item["id"]] = where
        return ids


def _total(row: tuple[object, ...], placed: dict[int, Column], sums: dict[int, str]) -> tuple[int, str] | None:
    """(column, words) of a totals row: a cell that says 合计 (or 总计, 小计…), alone or followed by
    a count (合计：2 项), on a row whose 编号 is blank or is that cell (合计 typed in column A); or a
    row whose only content is formulas that sum their own column above them (`sums`: =SUM(F2:F4)
    in F5, calculated or not), said by its first formula."""
    if any(c.key == "id" and n - 1 < len(row) and not _blank(row[n - 1]) and not _totals(row[n - 1])
           for n, c in placed.items()):
        return None
    for n, value in enumerate(row, start=1):
        if _totals(value):
            return n, str(value).strip(SPACES)
    filled = [n for n, value in enumerate(row, start=1) if not _blank(value)]
    if filled and all(n in sums for n in filled):
        return filled[0], next((f"={sums[n]}" for n in filled if sums[n]), "=SUM(…)")
    return None


def column_sum(formula: str, row: int, column: int) -> bool:
    """A formula that sums the cells of its own column above its own row: SUM(F2:F4) in F5, with
    or without $ and spaces (the functions are policy.yaml's workbook.totals.formulas). The form's
    reader (form-xlsx.js, `columnSum`) reads it the same way."""
    text = "".join(c for c in formula.upper() if c not in " $=")
    for name in policy().workbook.totals.formulas:
        if not (text.startswith(name + "(") and text.endswith(")")):
            continue
        ends = [_reference(part) for part in text[len(name) + 1:-1].split(":")]
        if len(ends) == 2 and ends[0] is not None and ends[1] is not None and ends[0][0] == ends[1][0] == column \
                and ends[0][1] <= ends[1][1] < row:
            return True
    return False


def _reference(text: str) -> tuple[int, int] | None:
    """(column, row) of a cell's reference without $ (F12), None for anything else."""
    letters = len(text) - len(text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    digits = text[letters:]
    if not 1 <= letters <= 3 or not digits.isascii() or not digits.isdigit() or len(digits) > 7:
        return None
    column = 0
    for char in text[:letters]:
        column = column * 26 + ord(char) - 64
    return column, int(digits)


def _totals(value: object) -> bool:
    """A cell that says a totals word and nothing else but a count: 合计, 合计：2 项, 总计 420,
    合计（万元） (policy.yaml's workbook.totals). A word that goes on is an item's text (共计 10 家企业
    完成核心业务系统上云, 小计算机应用论坛): its row is read. The form's `totals` reads it the same way."""
    if not isinstance(value, str):
        return False
    rule = policy().workbook.totals
    text = value.strip(SPACES)
    return any(text.startswith(word) and _count_only(text[len(word):].lstrip(SPACES + rule.followers), rule)
               for word in rule.words)


_DIGITS = "0123456789"


def _count_only(rest: str, rule: TotalsPolicy) -> bool:
    """`rest` is nothing, a number with or without its unit (2 项, 1,200, 15.5（万元）), or a unit
    in brackets ((万元))."""
    end = 0
    while end < len(rest) and (rest[end] in _DIGITS or (end and rest[end] in ".,")):
        end += 1
    unit = rest[end:].lstrip(SPACES)
    if not unit:
        return True
    for pair in rule.brackets:
        if len(unit) > 2 and unit[0] == pair[0] and unit[-1] == pair[1]:
            return unit[1:-1].strip(SPACES) in rule.units
    return end > 0 and unit in rule.units


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _title(raw: object) -> str:
    """A header as written, without the * that marks a required field; a date as 2018-03-12."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip().rstrip("*").strip() if raw is not None else ""


def _unreadable(file: str, message: str) -> Imported:
    return Imported(None, [error(file, 1, 1, "E-XLSX-UNREADABLE", message)])


def read_workbook(path: Path, file: str, layout: Layout,
                  layout_of: Callable[[int], Layout | None] | None = None) -> Imported:
    """The report a workbook holds; a workbook that cannot be read is one finding, never a crash.
    `layout_of`: the layout of the year the cover names, when it is not `layout`'s (the cover is
    read with `layout`, the sheets with the year's, so the workbook is read once). openpyxl's own
    warnings (in English, with a library path: a date cell past 9999-12-31) are never printed:
    what they are about is said at its cell in Chinese."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read(path, file, layout, layout_of)


def _read(path: Path, file: str, layout: Layout, layout_of: Callable[[int], Layout | None] | None) -> Imported:
    limits = policy().workbook
    try:
        found = path.stat()
    except OSError:
        return _unreadable(file, "文件无法打开。")
    if stat.S_ISDIR(found.st_mode):
        return _unreadable(file, "这是一个文件夹，不是工作簿文件：请指定要导入的 .xlsx 文件。")
    if not stat.S_ISREG(found.st_mode):  # a pipe or a device: never read (it may never end)
        return _unreadable(file, "这不是普通文件（是设备或管道等特殊文件）：请指定要导入的 .xlsx 文件。")
    size = found.st_size
    if size > limits.max_bytes:
        return _unreadable(file, f"工作簿有 {size / 1e6:.1f} MB，超过 {limits.max_bytes / 1e6:g} MB 的上限：请删除图片等无关内容。")
    if size == 0:
        return _unreadable(file, "文件是空的：请重新保存工作簿后再试。")
    if not zipfile.is_zipfile(path):
        with path.open("rb") as handle:
            head = handle.read(4)
        return _unreadable(file, "工作簿已损坏（文件不完整），无法打开：请在 Excel 或 WPS 中重新保存。" if head.startswith(b"PK")
                           else NOT_XLSX_WORDS)
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(i.file_size for i in package.infolist())
            parts = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return _unreadable(file, "工作簿已损坏，无法打开：请在 Excel 或 WPS 中重新保存。")
    if unpacked > limits.max_unpacked_bytes:
        return _unreadable(file, f"工作簿解压后超过 {limits.max_unpacked_bytes / 1e6:g} MB：请删除无关的工作表和图片。")
    if "xl/workbook.xml" not in parts:  # a workbook is known by its parts, whatever its name
        return _unreadable(file, ODS_WORDS if "content.xml" in parts and "mimetype" in parts else NOT_XLSX_WORDS)
    try:
        book = _load(path)
    except Exception:  # a third-party parser on any file: one finding, never a traceback
        return _unreadable(file, "工作簿无法读取：请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。")
    reader = _Reader(file, layout)
    archive = None
    try:
        names = list(book.sheetnames)
        if COVER not in names:
            return _unreadable(file, f"工作簿中没有“{COVER}”工作表：请使用 `xlsx template` 或网站提供的工作簿。")
        archive = zipfile.ZipFile(path)
        books = _external_books(archive)
        cover = _page(book, archive, COVER, limits.max_rows, _width(layout), books)
        pages = {COVER: cover}
        reader.cover(cover)
        year = (reader.out.data or {}).get("year")
        # A 年度 cell left blank: the year of the template the workbook was written from, when its
        # title names one the site has (said at the cell); none, and the cover has no year.
        by_template = _template_year(reader, book, layout, layout_of)
        if by_template is not None:
            year = by_template
        if layout_of is not None and isinstance(year, int) and year != layout.year:
            theirs = layout_of(year)
            if theirs is not None:
                layout, reader = theirs, _Reader(file, theirs)
                reader.cover(cover)
        if by_template is not None:
            reader.by_template(by_template)
        reader.lost(COVER, cover)
        reader.out.sheets = names
        if PROFILE in names:
            page = pages[PROFILE] = _page(book, archive, PROFILE, limits.max_rows, _width(layout), books)
            reader.profile(page)
            reader.lost(PROFILE, page)
        ids: dict[str, dict[str, Path_]] = {}
        merges: dict[str, tuple[_Merge, ...]] = {}
        for sheet in layout.sheets:
            if sheet.name not in names:
                continue
            parent = next((s.name for s in layout.sheets if s.path == sheet.path[:-1]), None) if sheet.parent else None
            page = pages[sheet.name] = _page(book, archive, sheet.name, limits.max_rows, _width(layout), books)
            merges[sheet.name] = _merges(archive, book, sheet.name)
            ids[sheet.name] = reader.sheet(sheet, page, ids.get(parent or "", {}), merges[sheet.name])
            reader.lost(sheet.name, page)
        known = {COVER, GUIDE, OPTIONS, PROFILE} | {s.name for s in layout.sheets}
        merges[COVER] = _merges(archive, book, COVER)
        merges[PROFILE] = _merges(archive, book, PROFILE) if PROFILE in names else ()
        _merged(merges, [n for n in names if n in known and n not in (GUIDE, OPTIONS)], reader)
        _hidden(book, [(n, pages[n]) for n in names if n in pages], reader)
        missing = [s.name for s in layout.sheets if s.name not in names]
        renamed = _strays(reader, [n for n in names if n not in known], missing, limits.named_sheets)
        for name in missing:
            if name in renamed:  # said at the sheet taken to be it, renamed: not said to be missing too
                continue
            reader.say(None, f"工作簿中没有“{name}”工作表：这类工作按没有填写处理。", "W-XLSX-SHEET", "warning")
        reader.finish()
    except Exception:  # a damaged part of the file, found only while reading it
        return _unreadable(file, "工作簿的内容无法读取：请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。")
    finally:
        book.close()
        if archive is not None:
            archive.close()
    return reader.out


def _template_year(reader: _Reader, book: Any, layout: Layout,
                   layout_of: Callable[[int], Layout | None] | None) -> int | None:
    """The year of the workbook's template (its title, 2017 年度学会重点工作报告) when the cover's
    年度 cell is there and blank and that year is one the site has a layout of; else None."""
    data = reader.out.data or {}
    at = reader.out.cells.get(("year",))
    if at is None or at in reader.out.unread or data.get("year") is not None:
        return None
    properties = getattr(book, "properties", None)
    year = template_year(getattr(properties, "title", None))
    if year is None or (year != layout.year and (layout_of is None or layout_of(year) is None)):
        return None
    return year


def _strays(reader: _Reader, names: list[str], missing: list[str], named: int) -> set[str]:
    """Sheets the layout has not: one that looks like a missing one was renamed (its rows would be
    lost without a word), each said; the others (a draft, Sheet1) said together, the first few
    by name (a thousand of them were a thousand lines). The missing sheets taken to be renamed
    are returned: they are said at their new names, not said to be missing as well."""
    others = []
    renamed: set[str] = set()
    for name in names:
        close = difflib.get_close_matches(name, missing, n=1, cutoff=0.3)
        if close:
            renamed.add(close[0])
            reader.say(Cell(name, 1, 1), f"不认识的工作表“{name}”：是不是“{close[0]}”？请改回原名，这张表没有读入。",
                       "E-XLSX-SHEET")
        else:
            others.append(name)
    if len(others) == 1:
        reader.say(Cell(others[0], 1, 1), f"不认识的工作表“{others[0]}”，没有读入：各类工作的工作表名称见“{GUIDE}”。",
                   "W-XLSX-SHEET", "warning")
    elif others:
        shown = "”“".join(others[:named]) + ("”等" if len(others) > named else "”")
        reader.say(Cell(others[0], 1, 1), f"工作簿中有 {len(others)} 张不认识的工作表（“{shown}），都没有读入："
                   f"各类工作的工作表名称见“{GUIDE}”，多余的工作表可以删去。", "W-XLSX-SHEET", "warning")
    return renamed


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers: 3, 4, 5, 9 as (3, 5), (9, 9)."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _hidden(book: Any, pages: list[tuple[str, _Page]], reader: _Reader) -> None:
    """Hidden sheets, rows and columns that hold something: read like any other, so the
    secretary is told of content they may never have seen. A hidden sheet is said once (not its
    rows); each run of hidden rows or columns at its first row or column."""
    for name, page in pages:
        rows = page.rows
        if getattr(book[name], "sheet_state", "visible") in ("hidden", "veryHidden"):
            if any(not _blank(v) for row in rows[1:] for v in row):
                reader.say(Cell(name, 1, 1), f"“{name}”是隐藏的工作表，其中的内容照常读入：请在 Excel 或 WPS 中取消隐藏"
                           "（右击工作表标签，选“取消隐藏”），核对后再提交。", "W-XLSX-HIDDEN", "warning")
            continue
        for first, last in _runs(page.hidden_rows):
            if any(not _blank(v) for row in rows[first - 1:last] for v in row):
                span = f"第 {first} 行" if first == last else f"第 {first} 至 {last} 行（共 {last - first + 1} 行）"
                reader.say(Cell(name, first, 1), f"{span}是隐藏的行，其中的内容照常读入：请取消隐藏，核对后再提交；"
                           "不要的行请删去，不要隐藏。", "W-XLSX-HIDDEN", "warning")
        for first, last in _runs(page.hidden_columns):
            if any(not _blank(v) for row in rows for v in row[first - 1:last]):
                letters = column_letter(first) + ("" if first == last else "至" + column_letter(last))
                reader.say(Cell(name, 1, first), f"{letters} 列是隐藏的列，其中的内容照常读入：请取消隐藏，核对后再提交。",
                           "W-XLSX-HIDDEN", "warning")


def _merges(archive: zipfile.ZipFile, book: Any, name: str) -> tuple[_Merge, ...]:
    """A sheet's merged ranges as (ref, first column, first row, last column, last row).
    (openpyxl's read-only sheets do not list merges; the sheet's own XML does.)"""
    from openpyxl.utils.cell import range_boundaries

    part = getattr(book[name], "_worksheet_path", None)
    if not isinstance(part, str) or part not in archive.namelist():
        return ()
    xml = archive.read(part).decode("utf-8", "replace")
    found = []
    for chunk in xml.split('mergeCell ref="')[1:]:
        ref = chunk.split('"', 1)[0]
        try:
            low_col, low_row, high_col, high_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        if low_col is None or low_row is None:
            continue
        found.append((ref, low_col, low_row, high_col if high_col is not None else low_col,
                      high_row if high_row is not None else low_row))
    return tuple(found)


def _merged(merges: dict[str, tuple[_Merge, ...]], names: list[str], reader: _Reader) -> None:
    """Merged cells, said at their first cell: a merge keeps the first cell's value only, so
    the rows below it would read as empty without a word."""
    for name in names:
        for ref, low_col, low_row, _, _ in merges.get(name, ()):
            first = cell_name(name, low_row, low_col).split("!", 1)[1]
            reader.say(Cell(name, low_row, low_col),
                       f"{ref} 是合并的单元格：合并后只有 {first} 有内容，其余按空白读入。请取消合并，每一格填写自己的值。",
                       "W-XLSX-MERGED", "warning")


class _Pieces:
    """A part of the zip read in pieces of policy.yaml's workbook.read_chunk_bytes, whatever
    size the XML parser asks for (ElementTree's iterparse asks for 16 KB): expat scans a token it
    has not finished again with every piece, so a 90 MB comment in 16 KB pieces was quadratic
    (282 s); in pieces this big it is a few passes."""

    def __init__(self, part: Any) -> None:
        self.part, self.size = part, policy().workbook.read_chunk_bytes

    def read(self, _: int = -1) -> bytes:
        data: bytes = self.part.read(self.size)
        return data


def _load(path: Path) -> Any:
    """openpyxl's read-only workbook, its shared strings (parsed at load) read in big pieces too.
    The sheets are parsed later, by `_page`; comments and drawings are never read. (openpyxl is
    imported here, by the workbook commands only: the checks never need it.)"""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.reader.strings import read_string_table
    from openpyxl.xml.constants import SHARED_STRINGS

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                with self.archive.open(found.PartName[1:]) as part:
                    self.shared_strings = read_string_table(_Pieces(part))

    # From its bytes, not its name: openpyxl refuses a name without .xlsx (a workbook mailed as
    # “报告” or saved as .XLSX.bak is still one); at most policy's max_bytes.
    reader = Reader(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _width(layout: Layout) -> int:
    """The columns read on every sheet: the widest sheet (with its parent column) and a margin."""
    widest = max((len(s.columns) + (1 if s.parent else 0) for s in layout.sheets), default=0)
    return max(widest, 3) + policy().workbook.column_margin


def _page(book: Any, archive: zipfile.ZipFile, name: str, limit: int, width: int, books: list[str]) -> _Page:
    """The first `limit` + 1 rows of a sheet, `width` columns each; the first cell past them
    (below the header) is kept to be said, and the cells whose formulas read from one of `books`
    (the workbook's links to other files). openpyxl's own rows are as wide as the widest row: one
    cell in column XFD made every row 16,384 values."""
    sheet = book[name]
    rows: list[tuple[object, ...]] = []
    beyond: tuple[int, int] | None = None
    external: dict[tuple[int, int], str] = {}
    sums: dict[int, dict[int, str]] = {}
    lost: list[tuple[int, int, str, str]] = []
    with archive.open(sheet._worksheet_path) as part:
        parser = _parser()(_Pieces(part), sheet._shared_strings, data_only=True, epoch=book.epoch,
                           date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        parser.books = len(books)
        last = 0  # the last row placed
        for number, cells in parser.parse():
            filled = [cell for cell in cells if not _blank(cell["value"])]
            if number > limit + 1 and number <= _SHEET_ROWS and not any(c["row"] != number for c in filled):
                if filled:  # past the rows read: said, not dropped (a blank row there is nothing)
                    lost.append((number, filled[0]["column"], "E-XLSX-TOO-MANY",
                                 f"一张表最多读入 {limit + 1} 行（含标题行），第 {number} 行及以下的内容没有读入："
                                 "请删去多余的行，或把内容移到上方的空行中。"))
                    break
                continue
            misplaced = _misplaced(number, last, cells)
            if misplaced is not None:
                if filled and len(lost) < _LOST:
                    lost.append((*_place(number, last, filled), "E-XLSX-VALUE", misplaced))
                continue
            last = number
            values: list[object] = [None] * width
            for cell in cells:
                column = cell["column"]
                if column <= width:
                    values[column - 1] = cell["value"]
                    if cell.get("book"):
                        external[(number, column)] = books[cell["book"] - 1]
                    if cell.get("sum") is not None:
                        sums.setdefault(number, {})[column] = cell["sum"]
                elif beyond is None and number >= 2 and not _blank(cell["value"]):
                    beyond = (number, column)
            rows.extend(() for _ in range(len(rows), number - 1))
            rows.append(tuple(values))
    hidden_rows = [int(r) for r, attrs in parser.row_dimensions.items()
                   if _on(attrs.get("hidden")) and r.isdigit() and int(r) <= limit + 1]
    hidden_columns = [c for attrs in parser.column_dimensions.values() if _on(attrs.get("hidden"))
                      for c in range(_number(attrs.get("min")), min(_number(attrs.get("max")), width) + 1) if c >= 1]
    return _Page(rows, beyond, _links(archive, sheet._worksheet_path, limit, width), external, hidden_rows, hidden_columns,
                 sums, lost)


# The rows a sheet can have (Excel's and WPS's limit); the unplaceable rows said on one sheet.
_SHEET_ROWS = 1_048_576
_LOST = 10
_RESAVE = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入（或把这一行的内容重新填写在表格中）。"


def _misplaced(number: int, last: int, cells: list[dict[str, Any]]) -> str | None:
    """Why the row the file numbers `number` (after row `last`) cannot be placed, None when it can:
    a number no sheet has, a row out of order or given twice, a cell naming another row or the
    same column twice (a program wrote the file, or it was edited by hand)."""
    if not 1 <= number <= _SHEET_ROWS:
        return f"文件中这一行的行号 {str(number)[:24]} 超出了工作表的范围（1 至 {_SHEET_ROWS}），这一行没有读入：{_RESAVE}"
    if number <= last:
        return (f"文件中第 {number} 行写在第 {last} 行之后（行的顺序错乱或重复），这一行没有读入：{_RESAVE}")
    other = next((c for c in cells if c["row"] != number), None)
    if other is not None:
        return (f"文件中第 {number} 行里的单元格写的是第 {str(other['row'])[:24]} 行的位置，两者不一致，这一行没有读入：{_RESAVE}")
    columns = [c["column"] for c in cells]
    if len(set(columns)) != len(columns):
        return f"文件中第 {number} 行有两个单元格写在同一位置，这一行没有读入：{_RESAVE}"
    return None


def _place(number: int, last: int, filled: list[dict[str, Any]]) -> tuple[int, int]:
    """Where an unplaceable row is said: the row its first filled cell names, or the row the file
    numbers, when either is a sheet's row; else the row after the last one placed."""
    first = filled[0]
    for row in (first["row"], number):
        if isinstance(row, int) and 1 <= row <= _SHEET_ROWS:
            return row, first["column"] if isinstance(first["column"], int) and first["column"] >= 1 else 1
    return last + 1, 1


def _on(flag: object) -> bool:
    """An XML boolean attribute set: hidden="1" or hidden="true"."""
    return flag in ("1", "true")


def _number(text: object) -> int:
    """A column number as the XML writes it (min="3"); 0 when it is none."""
    return int(text) if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= 5 else 0


@cache
def _parser() -> Any:
    """openpyxl's sheet parser, keeping what its cached values lose: a formula whose result is an
    error value (#VALUE!) or that has no result at all (it read as text, or as empty), and the
    other workbook a formula reads from (`book`: its number, 1 for [1]Sheet1!A1)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            formula = element.find(FORMULA_TAG)
            if cell["data_type"] == "e" and element.get("t", "n") == "n":  # a date cell's number past any date
                cell["value"] = _Serial(element.findtext(VALUE_TAG) or "")
            elif cell["data_type"] == "e":
                cell["value"] = _Unread(str(cell["value"] or "#VALUE!"))
            elif cell["value"] is None and formula is not None:
                cell["value"] = _Unread(None)
            if formula is not None:
                cell["book"] = self._book(formula)
                cell["sum"] = self._sum(formula, cell["row"], cell["column"])
            return cell

        def _sum(self, formula: Any, row: int, column: int) -> str | None:
            """The formula's text when it sums its own column above (`column_sum`), "" for a shared
            formula's other cell when its first one does; None otherwise."""
            shared = self.__dict__.setdefault("shared_sums", {})
            if formula.get("t") == "shared" and not formula.text:
                return "" if shared.get(formula.get("si")) else None
            found = column_sum(formula.text or "", row, column)
            if formula.get("t") == "shared":
                shared[formula.get("si")] = found
            return (formula.text or "").strip() if found else None

        def _book(self, formula: Any) -> int:
            books: int = getattr(self, "books", 0)  # the workbook's links to other files (set by `_page`)
            if not books:
                return 0
            # A shared formula is written once, at its first cell; the others name it by `si`.
            shared = self.__dict__.setdefault("shared_books", {})
            if formula.get("t") == "shared" and not formula.text:
                return int(shared.get(formula.get("si"), 0))
            found = external_book(formula.text or "", books)
            if formula.get("t") == "shared":
                shared[formula.get("si")] = found
            return found

    return Parser


def external_book(formula: str, books: int) -> int:
    """The number (1 to `books`) of the other workbook a formula reads from ([1] in
    [1]Sheet1!$A$1 or '[1]参会 人数'!A1), 0 when none: a [digits] that starts a reference, outside
    quoted text (Table1[2018] is a table's column). The form's reader (form-xlsx.js) reads it the
    same way."""
    quoted, end = False, -1
    for n, char in enumerate(formula):
        if char == '"':
            quoted = not quoted
        elif char == "[" and not quoted and (n == 0 or not (formula[n - 1].isalnum() or formula[n - 1] in "_.]")):
            if end < n:  # the next ], looked for once per ]: linear however many [ there are
                end = formula.find("]", n)
                if end < 0:
                    return 0
            number = formula[n + 1:end] if end - n - 1 <= len(str(books)) else ""  # never a long slice
            if number.isascii() and number.isdigit() and 0 < int(number) <= books:
                return int(number)
    return 0


def _external_books(archive: zipfile.ZipFile) -> list[str]:
    """The file names of the other workbooks this one's formulas read from, by their number ([1]
    is the first): the workbook lists its external links, each part's relationship names the file
    (file:///C:/Users/…/参会人数.xlsx)."""
    parts = set(archive.namelist())
    xml = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    if "externalReference" not in xml:
        return []
    targets = {}
    if "xl/_rels/workbook.xml.rels" in parts:
        for tag in _tags(archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace"), "Relationship"):
            rid, target = _attribute(tag, "Id"), _attribute(tag, "Target")
            if rid and target:
                targets[rid] = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    books = []
    for tag in _tags(xml, "externalReference"):
        part = targets.get(_attribute(tag, "r:id") or "", "")
        folder, _, base = part.rpartition("/")
        rels = f"{folder}/_rels/{base}.rels"
        name = ""
        if rels in parts:
            for link in _tags(archive.read(rels).decode("utf-8", "replace"), "Relationship"):
                target = _attribute(link, "Target")
                if target and _attribute(link, "TargetMode") == "External":
                    name = unquote(html.unescape(target)).replace("\\", "/").rstrip("/").rpartition("/")[2]
        books.append(name or "另一个文件")
    return books


def _attribute(tag: str, name: str) -> str | None:
    """The value of attribute `name` in an element's start tag, the text after its name (as
    written: no entities). Excel and LibreOffice write the attribute first, right after the
    name, so it may start the text or follow any white space."""
    key = f'{name}="'
    found = tag.find(key)
    while found > 0 and tag[found - 1] not in _XML_SPACE:
        found = tag.find(key, found + 1)
    if found < 0:
        return None
    start = found + len(key)
    end = tag.find('"', start)
    return tag[start:end] if end >= 0 else None


def _tags(xml: str, name: str) -> list[str]:
    """The attribute text of each `<name …>` start tag, however the writer spaces it."""
    out = []
    for chunk in xml.split(f"<{name}")[1:]:
        if chunk[:1] in _XML_SPACE:
            out.append(chunk.split(">", 1)[0])
    return out


def _links(archive: zipfile.ZipFile, part: str, limit: int, width: int) -> dict[tuple[int, int], str]:
    """The web addresses of a sheet's hyperlinks (Ctrl+K) by cell: openpyxl's read-only sheets
    do not give them; the sheet's XML names each by an id its relationships part resolves."""
    from openpyxl.utils.cell import range_boundaries

    xml = archive.read(part).decode("utf-8", "replace")
    if "<hyperlink" not in xml:
        return {}
    folder, _, base = part.rpartition("/")
    rels = f"{folder}/_rels/{base}.rels"
    targets: dict[str, str] = {}
    if rels in archive.namelist():
        for tag in _tags(archive.read(rels).decode("utf-8", "replace"), "Relationship"):
            rid, target = _attribute(tag, "Id"), _attribute(tag, "Target")
            if rid and target and _attribute(tag, "TargetMode") == "External":
                targets[rid] = html.unescape(target)
    found: dict[tuple[int, int], str] = {}
    # Cells the links may cover in all: as many as the sheet has (a link to A1:XFD1048576,
    # repeated, wrote millions of entries and took hours).
    budget = (limit + 1) * width
    for tag in _tags(xml, "hyperlink"):
        ref, rid = _attribute(tag, "ref"), _attribute(tag, "r:id")
        if not ref or not rid or rid not in targets:
            continue  # a link inside the workbook (location=), or none
        try:
            low_col, low_row, high_col, high_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        if None in (low_col, low_row, high_col, high_row):
            continue
        budget -= max(0, min(high_row, limit + 1) - low_row + 1) * max(0, min(high_col, width) - low_col + 1)
        if budget < 0:
            break
        for row in range(low_row, min(high_row, limit + 1) + 1):
            for col in range(low_col, min(high_col, width) + 1):
                found[(row, col)] = targets[rid]
    return found
