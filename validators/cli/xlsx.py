"""`xlsx template|export|import`: a report as an Excel/WPS workbook and back, as strict as `check`."""

from __future__ import annotations

import argparse
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validators.cli.arguments import not_a_file
from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from validators.findings import CheckResult, Finding

if TYPE_CHECKING:
    from pydantic import BaseModel

    from validators.xlsx.layout import Layout
    from validators.xlsx.read import Imported
    from validators.year.guideline import Guideline

# The formats of the import's findings (validators.reporters.FORMATS but its markdown).
_FORMATS = ("github", "json", "text")
# The id a workbook whose cover holds none (or no valid one) is checked under: its findings about
# the id itself are the cover's, said once.
_STAND_IN = "society"



def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("xlsx", help="年度报告与 Excel/WPS 工作簿互相转换")
    actions = cmd.add_subparsers(dest="action", required=True, parser_class=type(cmd))
    template = actions.add_parser("template", help="生成一个学会某年度的空白工作簿")
    template.add_argument("society", help="学会 id，如 cd-mech-eng")
    template.add_argument("year", type=int, help="年度，如 2018")
    template.add_argument("-o", "--output", type=Path, required=True, help="写入的 .xlsx 文件")
    template.add_argument("--replace", action="store_true", help="覆盖已有的文件")
    template.set_defaults(run=run_template)
    export = actions.add_parser("export", help="把一份年度报告（YAML）写成工作簿")
    export.add_argument("report", type=Path, help="年度报告，如 submissions/cd-mech-eng/2018.yaml")
    export.add_argument("-o", "--output", type=Path, required=True, help="写入的 .xlsx 文件")
    export.add_argument("--replace", action="store_true", help="覆盖已有的文件")
    export.set_defaults(run=run_export)
    read = actions.add_parser("import", help="把填好的工作簿变成年度报告（YAML），并按 check 检查")
    read.add_argument("workbook", type=Path, help="填好的 .xlsx 文件")
    where = read.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, help="写入的年度报告 .yaml 文件")
    where.add_argument("--society", help="代学会导入：写入 submissions/<学会id>/<年度>.yaml")
    read.add_argument("--replace", action="store_true", help="覆盖已有的年度报告")
    read.add_argument("--format", choices=_FORMATS, default="text", help="问题的输出格式")
    read.set_defaults(run=run_import)


def _refused(path: Path, replace: bool) -> int | None:
    """The exit code when `path` is not written: a folder, link, pipe or device is never written
    over (a usage error); a file only with --replace. None when it may be written."""
    why = not_a_file(path)
    if why is not None:
        err(f"{why}：请换一个文件名或位置。")
        return EXIT_USAGE
    if path.exists() and not replace:
        err(f"{path} 已经存在，没有覆盖：要覆盖请加 --replace。")
        return EXIT_ERRORS
    return None


def _write(path: Path, content: bytes) -> int | None:
    """`path` written whole (through a .partial file beside it), or a usage error said in Chinese
    and nothing left behind: a parent that is a file, no permission, a full disk."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not_a_file(temporary) is not None:
            err(f"{temporary}（写入时用的临时文件）已经存在，而且不是普通文件：请删去它，或换一个文件名。")
            return EXIT_USAGE
        temporary.write_bytes(content)
        temporary.replace(path)
    except OSError as exc:
        if not_a_file(temporary) is None:
            temporary.unlink(missing_ok=True)
        err(f"无法写入 {path}：{_os_words(exc)}请换一个文件名或位置。")
        return EXIT_USAGE
    return None


def _os_words(exc: OSError) -> str:
    """What the system refused, in Chinese (never its English text)."""
    import errno

    words = {errno.EACCES: "没有写入的权限。", errno.EPERM: "没有写入的权限。", errno.ENOSPC: "磁盘空间不足。",
             errno.EROFS: "所在的磁盘是只读的。", errno.ENOTDIR: "路径中有一段不是文件夹。", errno.EISDIR: "这是一个文件夹。",
             errno.EEXIST: "路径中有一段已经是文件，不是文件夹。", errno.ENAMETOOLONG: "文件名太长。"}
    return words.get(exc.errno or 0, "系统拒绝了写入。")


def run_template(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.xlsx.layout import layout
    from validators.xlsx.write import workbook_bytes
    from validators.year.guideline import available_years, guideline

    if not _valid_id(args.society):
        err(f"学会 id“{args.society}”无效：只能用小写英文字母、数字和连字符，如 cd-mech-eng。")
        return EXIT_USAGE
    rules = guideline(args.year, args.root)
    if rules is None:
        err(f"{args.year} 年没有工作指南：可选年度为 {'、'.join(map(str, available_years(args.root)))}。")
        return EXIT_USAGE
    refused = _refused(args.output, args.replace)
    if refused is not None:
        return refused
    failed = _write(args.output, workbook_bytes(layout(rules), {"society": args.society, "year": args.year}, _form_url(args.root),
                                                profile={}))
    if failed is not None:
        return failed
    out(f"已写入 {args.output}：{args.society} {args.year} 年度的空白工作簿。")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from validators.check import check_file
    from validators.reporters import text
    from validators.xlsx.layout import layout
    from validators.xlsx.write import workbook_bytes
    from validators.year.guideline import guideline

    root = Path(args.root)
    result = check_file(args.report.resolve(), root.resolve())
    if result.report is None:
        out(text(CheckResult(1, result.findings)))
        err("报告无法读取，没有写出工作簿：请先按上面的提示改正。")
        return EXIT_ERRORS
    report = result.report.report
    rules = guideline(report.year, root)
    if rules is None:
        err(f"{report.year} 年没有工作指南。")
        return EXIT_USAGE
    refused = _refused(args.output, args.replace)
    if refused is not None:
        return refused
    data = report.model_dump(mode="python", exclude_unset=True)  # what the report says, no defaults added
    failed = _write(args.output, workbook_bytes(layout(rules), data, _form_url(root)))
    if failed is not None:
        return failed
    out(f"已写入 {args.output}：{report.society} {report.year} 年度报告的工作簿。")
    return EXIT_OK


def _year_of(imported: Imported) -> int | None:
    year = (imported.data or {}).get("year")
    return year if isinstance(year, int) else None


def read_any_year(path: Path, file: str, root: Path) -> Imported:
    """The workbook read with the layout of the year its cover names (the newest by default)."""
    from validators.xlsx.layout import layout
    from validators.xlsx.read import read_workbook
    from validators.year.guideline import available_years, guideline

    years = available_years(root)
    newest = guideline(years[-1], root)
    assert newest is not None

    def layout_of(year: int) -> Layout | None:
        rules = guideline(year, root)
        return layout(rules) if rules is not None else None

    return read_workbook(path, file, layout(newest), layout_of)


def _in_words(message: str, keys: dict[str, str]) -> str:
    """A check message about a field, said with the column's title instead of its YAML key."""
    for key in sorted(keys, key=len, reverse=True):
        title = keys[key]
        message = (message.replace(f"”（{key}）", "”")  # the check's “标题”（key）: the column says it
                   .replace(f"：请补上 {key}: 一行", "：请在这个单元格填写")
                   .replace(f"请在“{key}:”后面填写", "请在这个单元格填写")
                   .replace(f"“{key}”", f"“{title}”"))
    return message


@dataclass(frozen=True, slots=True)
class _Sheets:
    """How the check's findings are said on a year's sheets: each sheet's keys by their titles
    ("title" is 活动名称 on one sheet and 工作名称 on another), and its id example."""

    model: type[BaseModel]  # the year's report model
    keys: dict[str, dict[str, str]]
    examples: dict[str, str]

    @classmethod
    def of(cls, shape: Layout, rules: Guideline) -> _Sheets:
        from validators.models.for_year import report_model
        from validators.xlsx.layout import COVER, PROFILE

        keys = {s.name: {c.key: c.title for c in s.columns} for s in shape.sheets}
        keys[COVER] = {c.key: c.title for _, c in shape.cover}
        keys[PROFILE] = {c.key: c.title for c in shape.profile}
        return cls(report_model(rules), keys, {s.name: s.id_example for s in shape.sheets})


def _at_cells(findings: list[Finding], report_file: str, imported: Imported, workbook: str,
              sheets: _Sheets) -> list[Finding]:
    """The check's findings on the imported report, said at the cell each value came from (and
    recorded there, so that they are listed sheet by sheet with the workbook's own)."""
    from validators.models.common import SLUG_PATTERN
    from validators.schema_findings import pattern_message

    placed = []
    # A cell the workbook could not read (listed or past the listed ones), or a required column it
    # lacks (said once at its header), is said already: the check's "missing" there would say it
    # again, wrongly ("请在这个单元格填写").
    unread = {(c.row, c.col, c.sheet) for f, c in imported.where.items() if f.severity == "error"}
    unread |= {(c.row, c.col, c.sheet) for c in imported.unread}
    for f in findings:
        cell = imported.cell_of(f.path) if f.file == report_file else None
        if cell is None:
            placed.append(f)
            continue
        key = str((f.path or ("",))[-1])
        if f.code == "E-SCHEMA-MISSING" and ((cell.row, cell.col, cell.sheet) in unread or (cell.sheet, key) in imported.absent):
            continue
        message = f.message
        if f.code == "E-SCHEMA-PATTERN" and key == "id" and sheets.examples.get(cell.sheet) and f.path:
            # The check knows only the report (its example is an event's, of 2017): said again
            # with an id of the sheet's own kind and year, the one its 编号 header shows.
            message = pattern_message(sheets.model, tuple(f.path), SLUG_PATTERN, example=sheets.examples[cell.sheet])
        message = _in_words(message, sheets.keys.get(cell.sheet, {}))
        said = Finding(workbook, cell.row, cell.col, f.code, f.severity, f"{cell.name}：{message}", f.clause, f.path)
        imported.where[said] = cell
        placed.append(said)
    return placed


def _form_url(root: Path | str) -> str:
    """The online form's address (mkdocs.yml's site_url), or "" when the site has none."""
    from validators.github.doctor import read_data

    config = read_data(Path(root) / "mkdocs.yml") or {}
    site = config.get("site_url")
    return f"{site.rstrip('/')}/form/" if isinstance(site, str) and site.startswith("https://") else ""


def _new_society(findings: list[Finding], society: str, root: Path, imported: Imported) -> list[Finding]:
    """The check's "the folder has no society.yaml", said for a workbook: it holds no profile; the
    online form asks for one (or the staff start the folder with `new`)."""
    from validators.xlsx.layout import FORM_PAGE, PROFILE

    url = _form_url(root)
    where = f"{FORM_PAGE}（{url}）" if url else FORM_PAGE
    # A workbook made before the sheet existed (or by `export`) has none to point to.
    sheet = (f"工作簿的“{PROFILE}”工作表也没有填写：请在其中填写学会资料（名称、类型、维护人）后再导入"
             if PROFILE in imported.sheets else f"这个工作簿没有“{PROFILE}”工作表：请用本站的空白工作簿或 `xlsx template` 重新生成的工作簿填写学会资料后再导入")
    words = (f"学会“{society}”还没有在本站登记（没有学会资料 society.yaml），{sheet}，或把这个工作簿拖入{where}，表单会请你填写学会资料，再下载文件包一并提交。代学会导入时，也可先用 "
             f"`python -m validators new {society} <年度> --name <学会名称> --maintainer <GitHub用户名>` 建立学会资料，再导入。")
    said = []
    for f in findings:
        if f.code == "E-SOCIETY-PROFILE-MISSING":
            cell = f.message.partition("：")[0]
            at = imported.where.pop(f, None)
            f = Finding(f.file, f.line, f.column, f.code, f.severity, f"{cell}：{words}" if "!" in cell else words,
                        f.clause, f.path)
            if at is not None:
                imported.where[f] = at
        said.append(f)
    return said


# The check's finding on a report whose society has no profile: a workbook that brings one has it.
_NO_PROFILE = "E-SOCIETY-PROFILE-MISSING"


@dataclass(slots=True)
class _Profile:
    """A workbook's 学会资料 sheet as the society.yaml `xlsx import` writes beside the report:
    written only when the sheet holds something, into a society's folder that has none yet."""

    text: str
    data: dict[str, Any]
    path: Path
    shown: str
    root: Path
    said: str = ""  # what the import says of it after 已写入

    @classmethod
    def of(cls, imported: Imported, society: str, source: str, path: Path, root: Path) -> _Profile | None:
        from validators.check import display_path
        from validators.xlsx.report import profile_yaml

        if imported.profile is None:
            return None
        data = {"id": society, **imported.profile}
        shown = display_path(path, root) if path.is_relative_to(root) else str(path)
        return cls(profile_yaml(data, source), data, path, shown, root)

    def findings(self, imported: Imported, workbook: str, sheets: _Sheets) -> list[Finding]:
        """`check` on the profile (in a scratch folder named by its id), at the sheet's cells."""
        from validators.check import check_file
        from validators.submission_paths import PROFILE_FILE
        from validators.xlsx.layout import PROFILE

        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / str(self.data["id"]) / PROFILE_FILE
            copy.parent.mkdir()
            copy.write_text(self.text, encoding="utf-8")
            found = check_file(copy, self.root).findings
        said = []
        for f in found:
            key = str((f.path or ("",))[0])
            cell = imported.profile_cells.get(key)
            if key == "id" or (cell is not None and f.code == "E-SCHEMA-MISSING" and cell in imported.unread):
                continue  # the id is the cover's, said there; an unread cell is said already
            if cell is None:
                said.append(Finding(self.shown, f.line, f.column, f.code, f.severity, f.message, f.clause, f.path))
                continue
            message = _in_words(f.message, sheets.keys.get(PROFILE, {}))
            placed = Finding(workbook, cell.row, cell.col, f.code, f.severity, f"{cell.name}：{message}", f.clause, f.path)
            imported.where[placed] = cell
            said.append(placed)
        return said

    def refused(self) -> int | None:
        """As the report's file (`_refused`), for a folder that has no society.yaml yet (the only
        one the sheet is written into: run_import)."""
        why = not_a_file(self.path)
        if why is not None:
            err(f"{why}：请换一个文件名或位置。")
            return EXIT_USAGE
        self.said = f"、{self.shown}（学会资料）"
        return None

    def write(self) -> int | None:
        return _write(self.path, self.text.encode("utf-8"))


def _valid_id(society: str) -> bool:
    from validators.models.common import SLUG_PATTERN

    return re.fullmatch(SLUG_PATTERN, society) is not None and len(society) <= 64


def run_import(args: argparse.Namespace) -> int:
    from validators.check import check_tree, display_path, read_tree
    from validators.submission_paths import PROFILE_FILE, SUBMISSIONS
    from validators.xlsx.ids import fill_ids
    from validators.xlsx.layout import PROFILE, layout
    from validators.xlsx.report import report_yaml
    from validators.year.guideline import guideline

    if args.society is not None and not _valid_id(args.society):
        err(f"学会 id“{args.society}”无效：只能用小写英文字母、数字和连字符，如 cd-mech-eng。")
        return EXIT_USAGE
    if args.output is not None and (why := not_a_file(args.output)) is not None:
        err(f"{why}：请换一个文件名或位置。")
        return EXIT_USAGE
    root = Path(args.root).resolve()
    source = args.workbook.resolve()
    workbook = display_path(source, root) if source.is_relative_to(root) else str(args.workbook)
    imported = read_any_year(args.workbook, workbook, root)
    findings = list(imported.findings)
    data = imported.data
    year, society = _year_of(imported), (data or {}).get("society")
    if data is not None:
        society, named = _named_society(imported, workbook, society, root)
        findings += named + _cover_problems(imported, workbook, year, society, args.society, root)
    rules = guideline(year, root) if year is not None else None
    if data is None or rules is None:
        _print(args, CheckResult(1, findings), imported, workbook)
        err("工作簿无法导入，没有写出年度报告：请按上面的提示改正工作簿后再试。")
        return EXIT_ERRORS
    assert year is not None
    sheets = _Sheets.of(layout(rules), rules)
    # A row whose 编号 was left blank takes the id the form gives an item added in it (nor one a
    # consortium of the repository has, as the form reads them from the site).
    filled = fill_ids(data, sheets.model, year, society if isinstance(society, str) and _valid_id(society) else "",
                      lambda: read_tree(root).led_consortia())
    # The cover's id names a folder below: a cell that is no id never becomes a path. The rest of
    # the workbook is still checked (under a stand-in id), so that every problem is said at once.
    if not isinstance(society, str) or not _valid_id(society):
        target = args.output.resolve() if args.output else root / SUBMISSIONS / args.society / f"{year}.yaml"
        shown = display_path(target, root) if target.is_relative_to(root) else str(target)
        rest, report_file = _check_copy(report_yaml({**data, "society": _STAND_IN}, rules, args.workbook.name),
                                        root, _STAND_IN, year, target.parent)
        rest = [_renamed(f, report_file, shown) for f in rest if tuple(f.path or ())[:1] != ("society",)]
        _print(args, CheckResult(1, findings + _at_cells(rest, shown, imported, workbook, sheets)), imported, workbook)
        err("工作簿无法导入，没有写出年度报告：请按上面的提示改正工作簿后再试。")
        return EXIT_ERRORS
    text_ = report_yaml(data, rules, args.workbook.name)
    target = (root / SUBMISSIONS / args.society / f"{year}.yaml") if args.society else args.output.resolve()
    shown = display_path(target, root) if target.is_relative_to(root) else str(target)
    # The 学会资料 sheet, when it holds something: society.yaml beside the report, checked as
    # `check` checks one, its findings said at the sheet's cells.
    profile = _Profile.of(imported, str(society), args.workbook.name, target.parent / PROFILE_FILE, root)
    # Only a new society's folder takes it, as the form reads the sheet: a registered society's
    # society.yaml (its maintainers, its heads who approve changes) is never rewritten from a
    # sheet, and a draft written with -o gets no society.yaml beside it.
    ignored = ""
    if profile is not None and args.society and (root / SUBMISSIONS / str(society) / PROFILE_FILE).exists():
        ignored = (f"（工作簿“{PROFILE}”工作表中填写的内容没有使用：学会“{society}”已有学会资料，以仓库中的 "
                   "society.yaml 为准；要修改学会资料，请直接修改该文件）")
        profile = None
    elif profile is not None and not args.society:
        ignored = f"（工作簿“{PROFILE}”工作表已检查，没有写出：只在用 --society 导入新学会的报告时写出 society.yaml）"
    unread = any(f.severity == "error" for f in findings)
    if profile is not None:  # its check's errors, as the report's, do not keep it from being written
        findings += profile.findings(imported, workbook, sheets)
    checked: list[Finding] = []
    if unread or not args.society:
        # Checked where the check expects a report, its evidence looked up in the society's
        # folder: every problem at once, even when cells could not be read (then nothing is written).
        folder = root / SUBMISSIONS / society
        checked, report_file = _check_copy(text_, root, society, year, folder if folder.is_dir() else target.parent)
        checked = [_renamed(f, report_file, shown) for f in checked if not (profile and f.code == _NO_PROFILE)]
        if unread:
            findings += _at_cells(checked, shown, imported, workbook, sheets)
            _print(args, CheckResult(1, findings), imported, workbook)
            err("工作簿中有没有读入的内容（单元格、列、行或整张表，见上面的错误），没有写出年度报告：请按上面指明的位置改正后再导入。")
            return EXIT_ERRORS
    refused = _refused(target, args.replace)
    writes_profile = profile is not None and bool(args.society)
    if refused is None and profile is not None and writes_profile:
        refused = profile.refused()
    if refused is not None:
        return refused
    # The report first: a profile is not left written for a report that could not be.
    failed = _write(target, text_.encode("utf-8"))
    failed = failed if failed is not None or profile is None or not writes_profile else profile.write()
    if failed is not None:
        return failed
    if args.society:
        # The folder's society.yaml is checked with the report: one this import wrote is said at
        # the sheet's cells already; one it left as it was (the sheet not used) is said as a file,
        # or its errors would go unsaid once the import no longer writes it.
        there = target.parent / PROFILE_FILE
        checked = [f for f in check_tree(root, [target, *([there] if there.is_file() else [])])[0].findings
                   if not writes_profile or profile is None or f.file != profile.shown]
    findings += _new_society(_at_cells(checked, shown, imported, workbook, sheets), str(society), root, imported)
    _print(args, CheckResult(1, findings), imported, workbook)
    errors = sum(f.severity == "error" for f in findings)
    if filled:
        (out if args.format == "text" else err)(_filled_note(filled, data, imported))
    said = f"已写入 {shown}" + (profile.said if profile is not None and writes_profile else ignored) + (f"：有 {errors} 个错误，请按上面的提示改正（改工作簿后加 --replace 重新导入，或直接修改该文件）。"
                              if errors else "。")
    (out if args.format == "text" else err)(said)  # json and github output stay parseable
    return EXIT_ERRORS if errors else EXIT_OK


def _filled_note(filled: list[tuple[str | int, ...]], data: dict[str, Any], imported: Imported) -> str:
    """How many blank 编号 were filled, in the form's words, then the cell of each with its id."""
    def id_of(path: tuple[str | int, ...]) -> str:
        owner: Any = data
        for key in path:
            owner = owner[key]
        return str(owner["id"])

    cells = "；".join(f"{at.name} {id_of(p)}" if (at := imported.cell_of((*p, "id"))) else id_of(p) for p in filled)
    return (f"工作簿中有 {len(filled)} 项没有填写编号，已按在表单中添加时的方式自动编号（如 {id_of(filled[0])}）：{cells}。")


def _named_society(imported: Imported, workbook: str, society: object, root: Path) -> tuple[object, list[Finding]]:
    """A registered society's name in the cover's id cell (成都市农学会 for cd-agri), or its id in
    capitals (CD-AGRI): read as its id, with a warning at the cell, as the online form reads it
    (validators/xlsx/cover.py)."""
    from validators.check import read_tree
    from validators.xlsx.cover import id_in_capitals, lowered_id, name_read_as_id, society_named

    if not isinstance(society, str) or _valid_id(society) or imported.data is None:
        return society, []
    found = lowered_id(society)
    if found is not None:
        said = id_in_capitals(society, found)
    else:
        profiles = read_tree(root).profiles
        found = society_named(society, ((key, doc.profile.name) for key, doc in sorted(profiles.items())))
        if found is None:
            return society, []
        said = name_read_as_id(society, found)
    at = imported.cells.get(("society",))
    finding = Finding(workbook, at.row if at else 1, at.col if at else 1, "W-XLSX-CONVERTED", "warning",
                      f"{at.name + '：' if at else ''}{said}")
    if at is not None:
        imported.where[finding] = at
    imported.data["society"] = found
    return found, [finding]


def _cover_problems(imported: Imported, workbook: str, year: int | None, society: object, wanted: str | None,
                    root: Path) -> list[Finding]:
    """The cover's year and society, said at their cells (once: a cell already refused is not
    refused again; a cell only warned of, its spaces trimmed or its text read as a year, still is:
    the warning alone let ' cd-tcm ' past --society cd-agri)."""
    from validators.xlsx.cover import not_an_id
    from validators.xlsx.layout import COVER
    from validators.year.guideline import available_years, guideline

    found: list[Finding] = []
    said = {(f.line, f.column) for f in imported.findings if f.severity == "error"}

    def say(path: tuple[str, ...], message: str) -> None:
        at = imported.cells.get(path)
        if at is not None and (at.row, at.col) in said:
            return
        finding = Finding(workbook, at.row if at else 1, at.col if at else 1, "E-XLSX-COVER", "error",
                          f"{at.name + '：' if at else ''}{message}")
        if at is not None:
            imported.where[finding] = at
        found.append(finding)

    listed = available_years(root)
    years = "、".join(map(str, listed))
    if year is None:
        say(("year",), f"“{COVER}”中没有填写年度：请填写年度，如 {listed[-1]}（可选年度为 {years}）。")
    elif guideline(year, root) is None:
        say(("year",), f"“{COVER}”中的年度 {year} 没有工作指南：可选年度为 {years}。")
    if not isinstance(society, str):
        say(("society",), f"“{COVER}”中没有填写学会 id。")
    elif not _valid_id(society):  # it would name a folder: refused, and said why
        say(("society",), not_an_id(COVER, society))
    elif wanted and society != wanted:
        say(("society",), f"“{COVER}”中的学会 id 是“{society}”，与 --society {wanted} 不一致：请核对是哪个学会的工作簿。")
    return found


def _check_copy(text_: str, root: Path, society: str, year: int, evidence: Path) -> tuple[list[Finding], str]:
    """The check's findings on the report in a scratch folder named as the check expects."""
    from validators.check import check_file, display_path
    from validators.models.common import SLUG_PATTERN

    with tempfile.TemporaryDirectory() as scratch:
        name = society if re.fullmatch(SLUG_PATTERN, society) else "society"
        copy = Path(scratch) / name / f"{year}.yaml"
        copy.parent.mkdir()
        copy.write_text(text_, encoding="utf-8")
        return check_file(copy, root, evidence).findings, display_path(copy, root)


def _renamed(f: Finding, old: str, new: str) -> Finding:
    if f.file != old:
        return f
    return Finding(new, f.line, f.column, f.code, f.severity, f.message, f.clause, f.path)


def _print(args: argparse.Namespace, result: CheckResult, imported: Imported, workbook: str) -> None:
    from validators.reporters import FORMATS

    shown: Any = _text(result, imported, workbook) if args.format == "text" else FORMATS[args.format](result)
    if shown:
        out(shown)


def _text(result: CheckResult, imported: Imported, workbook: str) -> str:
    """The findings as a secretary looks for them in the workbook: the errors, then the warnings,
    each sheet by sheet in the workbook's order, then by row and column, every line starting with
    the sheet and cell (学术交流活动!F7), not a file's line and column; the findings on the whole
    workbook after its cells, the written report's own after them, and the count of the problems
    not listed last."""
    from validators.findings import SEVERITY_ORDER
    from validators.reporters import SEVERITY_LABEL, one_line, summary

    order = {name: n for n, name in enumerate(imported.sheets)}

    def key(f: Finding) -> tuple[object, ...]:
        at = imported.where.get(f)
        place = ((0, order.get(at.sheet, len(order)), at.row, at.col) if at is not None
                 else (1 if f.file == workbook else 2, 0, f.line, f.column))
        return (f == imported.unlisted, SEVERITY_ORDER[f.severity], *place, f.code, f.file)

    lines = []
    for f in sorted(result.findings, key=key):
        at = imported.where.get(f)
        words = f"{SEVERITY_LABEL[f.severity]} {f.code}{f'（条款 {f.clause}）' if f.clause else ''}"
        if at is not None:
            lines.append(f"{f.file} {at.name}: {words} {f.message.removeprefix(at.name + '：')}")
        elif f.file == workbook:
            lines.append(f"{f.file}: {words} {f.message}")
        else:
            lines.append(f"{f.file}:{f.line}:{f.column}: {words} {f.message}")
    return "\n".join([*map(one_line, lines), summary(result)])
