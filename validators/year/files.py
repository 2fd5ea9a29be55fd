"""A year's data files: where they are, and what a year that carries another forward holds.

`validators/guidelines/<year>.yaml` and `validators/rubrics/<year>.yaml` (a tree may carry its
own, which then stand for the shipped ones). With `carried_forward_from: Y` a year starts from
Y's data and states only what changes, to any depth:

- a key with a value replaces Y's value (a mapping is merged key by key);
- a key written `null` (or `~`) drops Y's value;
- a list is replaced whole, or edited with a mapping of `add:` (new entries), `edit:` (changes
  to entries named by their `key`, `code`, `id`, `name` or `tier`), and `remove:` (names).

Every mistake is said in Chinese with the file, the line and the key.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from validators.schema_findings import meant_hint
from validators.yaml.loading import FULL_WIDTH_COLON, Loaded, SourceMap, load_path
from validators.yaml.policy import policy

__all__ = ["GUIDELINES_DIR", "PACKAGE_DIR", "RUBRICS_DIR", "YearFileError", "YearProblem",
           "available_years", "emptied", "entry_names", "own_folder", "read_year_file", "relative", "tree_root", "written_at",
           "written_entry", "year_data", "year_file",
           "year_file_chain", "year_files"]

PACKAGE_DIR = Path(__file__).resolve().parent.parent
GUIDELINES_DIR = PACKAGE_DIR / "guidelines"
RUBRICS_DIR = PACKAGE_DIR / "rubrics"
_YEAR_FILE = re.compile(r"^([0-9]{4})\.yaml$")
# A year file as a repository path: the guideline's data and text, the rubric.
_YEAR_FILE_PATH = re.compile(r"validators/(?:guidelines/([0-9]{4})\.(?:yaml|txt)|rubrics/([0-9]{4})\.yaml)")
# The field that names an entry of a list, in the order they are looked for.
NAME_FIELDS = ("key", "code", "id", "name", "tier", "old")
_EDITS = frozenset({"add", "edit", "remove"})
# A calendar names one year's days: a carried-forward year sets its own or has none.
NOT_CARRIED = ("calendar",)


@dataclass(frozen=True, slots=True)
class YearProblem:
    file: str
    line: int
    column: int
    message: str
    # A warning's own code (year_warnings); the disagreements are all E-YEAR-FILE.
    code: str = "E-YEAR-FILE"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}：年度文件有误：{self.message}"


class YearFileError(Exception):
    """A year file the association wrote that cannot be used: what is wrong, in Chinese."""

    def __init__(self, problems: list[YearProblem]) -> None:
        super().__init__(str(problems[0]) + (f"（另有 {len(problems) - 1} 处）" if len(problems) > 1 else ""))
        self.problems = problems


def year_of_path(path: str) -> int | None:
    """The year of a guideline (data or text) or rubric file named by its repository path
    (`validators/guidelines/2019.txt`); None for any other path."""
    match = _YEAR_FILE_PATH.fullmatch(path)
    return int(match.group(1) or match.group(2)) if match else None


def own_folder(kind: str, root: Path | None) -> Path | None:
    """A tree's own year files, laid out like this package inside the repository."""
    return root / "validators" / kind if root is not None else None


def year_file(kind: str, year: int, root: Path | None = None, suffix: str = ".yaml") -> Path | None:
    """The file of `kind` (guidelines or rubrics) for `year`: the tree's own first (a test or
    benchmark tree carries its own years), then the shipped one."""
    own = own_folder(kind, root)
    # Whatever stands at the name is the year's file, a folder or a pipe too: reading it says
    # what is wrong with it (another year's file, or none, standing in for it would not).
    if own is not None and os.path.lexists(own / f"{year}{suffix}"):
        return own / f"{year}{suffix}"
    if year > _own_newest(root) or (suffix == ".txt" and _writes_own(year, root)):
        return None
    shipped = PACKAGE_DIR / kind / f"{year}{suffix}"
    return shipped if os.path.lexists(shipped) else None


def year_file_chain(kind: str, year: int, root: Path | None = None) -> list[Path]:
    """The files a year of `kind` is read from: its own, then each it carries forward from, as far
    as they can be read (a broken chain is said where the year is read)."""
    chain: list[Path] = []
    at: object = year
    while isinstance(at, int) and (path := year_file(kind, at, root)) is not None:
        if path in chain:
            break
        chain.append(path)
        data = read_year_file(path, relative(path, root)).data
        at = data.get("carried_forward_from") if isinstance(data, dict) else None
    return chain


def _writes_own(year: int, root: Path | None) -> bool:
    """A tree that writes its own carried-forward guideline for a year takes that year's words
    from the year it names (or a text of its own), never from the shipped text of the same
    year. A tree that rewrites a year with a text of its own keeps that text."""
    own = own_folder("guidelines", root)
    if own is None or not (path := own / f"{year}.yaml").is_file():
        return False
    if os.path.samefile(own, PACKAGE_DIR / "guidelines"):
        return False
    loaded = read_year_file(path, relative(path, root))
    return isinstance(loaded.data, dict) and loaded.data.get("carried_forward_from") is not None


def _own_newest(root: Path | None) -> float:
    """The newest year a tree writes a guideline for. A tree that writes year N stands on the
    shipped years before N, never on shipped years after it: those were carried forward from
    another N than the tree's own."""
    own = own_folder("guidelines", root)
    years = [int(m.group(1)) for p in own.iterdir() if (m := _YEAR_FILE.match(p.name))] \
        if own is not None and own.is_dir() else []
    return max(years, default=float("inf"))


def year_files(kind: str, root: Path | None = None) -> dict[int, Path]:
    """Every year file of `kind`, the tree's own standing for the shipped one of its year.
    Every file checked asks; the folders are listed again only when one of them changed."""
    folders = (PACKAGE_DIR / kind, own_folder(kind, root), own_folder("guidelines", root))
    stamp = tuple(_folder_stamp(f) for f in folders)
    return dict(_year_files(kind, root, stamp))


def _folder_stamp(folder: Path | None) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns if folder is not None else None
    except OSError:
        return None


@functools.lru_cache(maxsize=32)
def _year_files(kind: str, root: Path | None, _stamp: tuple[int | None, ...]) -> dict[int, Path]:
    found: dict[int, Path] = {}
    newest = _own_newest(root)
    for folder in (PACKAGE_DIR / kind, own_folder(kind, root)):
        if folder is not None and folder.is_dir():
            for path in folder.iterdir():
                if (match := _YEAR_FILE.match(path.name)) and int(match.group(1)) <= newest:
                    found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def available_years(root: Path | None = None) -> list[int]:
    return list(year_files("guidelines", root))


@cache
def tree_root(root: Path | None) -> Path | None:
    """The key under which a tree's years are cached: absolute, and None for the repository
    this package ships in (whose own year files are the shipped ones). Asked once per file
    checked, so remembered."""
    if root is None:
        return None
    absolute = Path(os.path.abspath(root))
    return None if absolute == PACKAGE_DIR.parent else absolute


def relative(path: Path, root: Path | None) -> str:
    """How a year file is named in a message: from the repository's root."""
    for base in (root, PACKAGE_DIR.parent):  # a tree of its own still inherits the shipped years
        if base is not None and not (name := os.path.relpath(path, base)).startswith(".."):
            return name.replace(os.sep, "/")
    return str(path).replace(os.sep, "/")


# Each year file as last read, by path and name, with the version read (modification and change
# times, size, inode: `cp -p` or `touch -r` set a file's modification time back, not its change
# time). A year reads the chain of years it carries forward from: without this, ten years
# carried forward one from the other read 55 files where there are 10. Shared, so never
# changed: merging builds new containers (see `year_data`).
_READ: dict[tuple[Path, str], tuple[tuple[int, int, int, int], Loaded]] = {}


def read_year_file(path: Path, name: str) -> Loaded:
    """A year file as the loader reads it (`name`: how its findings name it), read once per
    version: every reader of the year files asks here. Its data is shared: never change it.
    Read within the limits a report is (size, nesting depth, characters): a year file may be a
    tree's own, written by anyone who can open a pull request, and a file nested thousands
    deep would crash the loader rather than be said."""
    limits = policy().yaml.limits
    try:
        stat = os.stat(path)
    except OSError:  # said by the loader, in Chinese
        return load_path(path, name, limits)
    version = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
    kept = _READ.get((path, name))
    if kept is not None and kept[0] == version:
        return kept[1]
    loaded = load_path(path, name, limits)
    _READ[path, name] = (version, loaded)
    return loaded


@dataclass(slots=True)
class _Reader:
    kind: str
    root: Path | None

    def problem(self, path: Path, source: SourceMap | None, at: tuple[str | int, ...],
                message: str) -> YearProblem:
        line, column = source.key(at) if source is not None and at else (1, 1)
        return YearProblem(relative(path, self.root), line, column, message)

    def data(self, year: int, seen: tuple[int, ...] = ()) -> dict[str, Any] | None:
        path = year_file(self.kind, year, self.root)
        if path is None:
            return None
        loaded = read_year_file(path, relative(path, self.root))
        if not loaded.ok:
            raise YearFileError([YearProblem(f.file, f.line, f.column, f.message) for f in loaded.findings])
        if not isinstance(loaded.data, dict):
            raise YearFileError([self.problem(path, None, (), "年度文件应是“键: 值”的映射。")])
        data: dict[str, Any] = loaded.data
        base_year = data.get("carried_forward_from")
        if base_year is None:
            return data
        if not isinstance(base_year, int) or base_year >= year or base_year in seen:
            raise YearFileError([self.problem(path, loaded.source, ("carried_forward_from",),
                                              f"carried_forward_from 应写更早的年度（现为“{base_year}”）。")])
        base = self.data(base_year, (*seen, year))
        if base is None:
            raise YearFileError([self.problem(path, loaded.source, ("carried_forward_from",),
                                              f"沿用的 {base_year} 年没有{_KIND_WORDS[self.kind]}文件。")])
        base = {k: v for k, v in base.items() if k not in NOT_CARRIED}
        problems: list[YearProblem] = []
        merged: dict[str, Any] = _merge(base, data, (), lambda at, msg: problems.append(
            self.problem(path, loaded.source, at, msg)))
        if problems:
            raise YearFileError(problems)
        return merged


_KIND_WORDS = {"guidelines": "指南参数", "rubrics": "评估细则"}


def written_at(merged: Any, own: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Where a year's own file writes the value at `loc` of its carried-forward data (`merged`):
    an entry of a list changed by name (`edit: {name: ...}`) or added (`add: [...]`) at its own
    line, not at the list's; an inherited value at the deepest key the file writes on its way."""
    found: list[str | int] = []
    for key in loc:
        if isinstance(merged, list) and isinstance(key, int) and 0 <= key < len(merged):
            entry = merged[key]
            if isinstance(own, list):  # the list written whole: the file's index is the year's
                step: tuple[tuple[str | int, ...], Any] | None = ((key,), own[key]) if key < len(own) else None
            else:
                step = written_entry(own, set(map(str, _names(entry, _name_field(merged)))))
        elif isinstance(merged, dict) and isinstance(own, dict) and key in own and key in merged:
            step = ((key,), own[key])
        else:
            step = None
        if step is None:
            break
        found += step[0]
        merged, own = merged[key], step[1]
    return tuple(found)


def emptied(own: Any, loc: tuple[str | int, ...]) -> bool:
    """Whether a year's own file writes the key at `loc` empty (`kind:` with nothing under it,
    or `null`): the carried value dropped, as `_merge` drops it."""
    for key in loc[:-1]:
        if not isinstance(own, dict) or not isinstance(own.get(key), dict):
            return False
        own = own[key]
    return isinstance(own, dict) and bool(loc) and loc[-1] in own and own[loc[-1]] is None


def entry_names(entry: Any) -> set[str]:
    """Every name a year file may give an entry of a list by (as `edit` and `remove` take them)."""
    if not isinstance(entry, dict):
        return {str(entry)}
    return {str(entry[f]) for f in (*NAME_FIELDS, *_ALSO_NAMED_BY) if f in entry}


def written_entry(own: Any, names: set[str]) -> tuple[tuple[str | int, ...], Any] | None:
    """Where a year's own file adds (`add: [...]`) or changes (`edit: {name: ...}`) the entry of
    a carried-forward list that goes by any of `names`, and what it writes there; None when it
    does neither."""
    if not isinstance(own, dict):
        return None
    if isinstance(added := own.get("add"), list):
        for i, entry in enumerate(added):
            if names & entry_names(entry):
                return ("add", i), entry
    if isinstance(edits := own.get("edit"), dict):
        written = next((k for k in edits if str(k) in names), None)
        if written is not None:
            return ("edit", written), edits[written]
    return None


def year_data(kind: str, year: int, root: Path | None = None) -> dict[str, Any] | None:
    """A year file's data, carried forward from the year it names (see the module's notes).
    Its values are shared with every later read of the file, and with the years that carry it
    forward: read them, never change them."""
    return _Reader(kind, root).data(year)


def _name_field(entries: list[Any]) -> str | None:
    dicts = [e for e in entries if isinstance(e, dict)]
    if not dicts or len(dicts) != len(entries):
        return None
    return next((f for f in NAME_FIELDS if all(f in e for e in dicts)), None)


# Besides its name, what else names an entry to a reader: its Chinese label or title, a
# province's short name, an area's number. `edit` and `remove` accept any of them.
_ALSO_NAMED_BY = ("label", "title", "short", "name", "id")


def _names(entry: Any, field: str | None) -> list[Any]:
    if field is None or not isinstance(entry, dict):
        return [entry]
    return [entry.get(field), *(entry[f] for f in _ALSO_NAMED_BY if f != field and f in entry)]


def _said_names(entries: list[Any], field: str | None) -> str:
    """The names an entry may be given by, for a message: `annual_conference（综合性学术年会）`."""
    shown = []
    for entry in entries[:40]:
        names = [str(n) for n in _names(entry, field) if n is not None]
        shown.append(names[0] + (f"（{'、'.join(names[1:])}）" if len(names) > 1 else ""))
    return "、".join(shown) + ("……" if len(entries) > 40 else "")


def _meant_entry(name: Any, entries: list[Any], field: str | None) -> str:
    """“你是不是想写……？” for a name `edit` or `remove` gives no entry: the nearest of every
    entry's names, its key and its label alike (科技扶平 → 科技扶贫)."""
    names = [str(n) for entry in entries for n in _names(entry, field) if n is not None]
    # Two characters with one mistyped (党健 → 党建) are only half alike; longer names must be
    # closer, or any name sharing a character or two would be offered.
    if len(str(name)) <= 2:
        return meant_hint(str(name), [n for n in names if len(n) <= 2], cutoff=0.5) or meant_hint(str(name), names)
    return meant_hint(str(name), names)


def _nothing_to_drop(key: Any, at: tuple[str | int, ...], base: dict[Any, Any]) -> str:
    where = ".".join(map(str, (*at, key)))
    if isinstance(key, str) and FULL_WIDTH_COLON in key:
        name, _, rest = key.partition(FULL_WIDTH_COLON)
        return (f"{where}：键名里有中文冒号“{FULL_WIDTH_COLON}”，整段被读成一个没有值的键：请改成英文冒号加空格，"
                f"写作 {name}: {rest.strip() or '值'}。")
    listed = "、".join(map(str, list(base)[:30])) or "（无）"
    return (f"{where} 写作空值（null），表示删除上一年度的“{key}”，但上一年度这里没有它：现有 {listed}。"
            "是不是写错了名称？")


def _merge(base: Any, override: Any, at: tuple[str | int, ...], say: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            if value is None:
                if key not in base:  # else a typo (`pilto: null`, `{points：4}`) was dropped unsaid
                    say((*at, key), _nothing_to_drop(key, at, base))
                out.pop(key, None)
            elif key in base:
                out[key] = _merge(base[key], value, (*at, key), say)
            else:
                out[key] = value
        return out
    if isinstance(base, list) and isinstance(override, dict):
        return _edit_list(base, override, at, say)
    return override


def _edit_list(base: list[Any], edits: dict[str, Any], at: tuple[str | int, ...], say: Any) -> list[Any]:
    where = ".".join(map(str, at))
    field = _name_field(base)
    unknown = [key for key in edits if key not in _EDITS]
    empty = [key for key in edits if key in _EDITS and edits[key] in (None, [], {})]
    if unknown and (blank := [key for key in empty if edits[key] is None]):
        # `edit:` with its entries written at its own depth: YAML reads it empty, and each
        # entry as a key of the list's own mapping.
        stray = "、".join(f"“{key}”" for key in unknown)
        verb = next((k for k in reversed(list(edits)[:list(edits).index(unknown[0])]) if k in blank), blank[0])
        say((*at, unknown[0]), f"{where} 的 {verb}: 下面什么也没写（空值），而{stray}与 {verb} 写在同一层，"
                               f"不是 add、edit、remove：{stray}大概应写在 {verb}: 下面，再多缩进两个空格。")
        return base
    if unknown:
        say(at, f"{where} 是列表：要么写出整个新列表（上一年度的各项都被替换），要么用 add（增加）、"
                f"edit（修改）、remove（删除）改动上一年度的列表；不认识“{'、'.join(sorted(map(str, unknown)))}”。")
        return base
    if empty:
        verb = empty[0]
        named = _names(base[0], field)[0] if base else None
        first = str(named) if isinstance(named, str | int) else "名称"  # a mapping's repr is no name
        if verb == "edit" and field is None:  # entries without names cannot be edited (below)
            say((*at, verb), f"{where} 的 edit 什么也不改，而这份列表的每一项没有名称（key、code、id、name 或 tier），"
                             "只能整体替换或用 add、remove 增删：请删去这一行。")
            return base
        example = {"add": "add: [新的一项]", "remove": f"remove: [{first}]", "edit": f"edit: {{{first}: ...}}"}[verb]
        said = ": 下面什么也没写（空值）" if edits[verb] is None else f" 后面是空的 {'{}' if verb == 'edit' else '[]'}"
        write = "在它下面写出要改动的项（多缩进两个空格）" if edits[verb] is None else "在括号里写出要改动的项"
        say((*at, verb), f"{where} 的 {verb}{said}，什么也不改：{write}，如 {example}；不改就删去这一行。")
        return base
    for verb in ("add", "remove"):
        if verb in edits and not isinstance(edits[verb], list):
            say((*at, verb), f"{where} 的 {verb} 后面要写一个列表，如 {verb}: [{edits[verb]}]（只有一项也要写方括号）。")
            return base
    if "edit" in edits and not isinstance(edits["edit"], dict):
        say((*at, "edit"), f"{where} 的 edit 后面写“名称: 改动”，如 edit: {{{_said_names(base[:1], field)}: ...}}；"
                           "要增删整项请用 add、remove。")
        return base
    out = list(base)

    def index_of(name: Any) -> int | None:
        # Compared as text: YAML reads an unquoted 5 as a number, the area's id is "5".
        return next((i for i, e in enumerate(out) if str(name) in map(str, _names(e, field))), None)

    for name in edits.get("remove") or []:
        if isinstance(name, dict | list):  # a whole entry copied in: its repr is no name to show
            say((*at, "remove"), f"{where} 的 remove 只写要删除的项的名称，不写整项：如 remove: "
                                 f"[{_said_names(out[:1], field).partition('（')[0] or '名称'}]。")
            continue
        index = index_of(name)
        if index is None:
            say((*at, "remove"), f"{where} 中没有要删除的“{name}”。{_meant_entry(name, out, field)}"
                                 f"现有 {_said_names(out, field)}。")
            continue
        del out[index]
    for name, change in (edits.get("edit") or {}).items():
        if field is None:
            say((*at, "edit"), f"{where} 的每一项没有名称（key、code、id、name 或 tier），只能整体替换或增删。")
            break
        index = index_of(name)
        if index is None:
            say((*at, "edit", name), f"{where} 中没有要修改的“{name}”。{_meant_entry(name, out, field)}"
                                     f"现有 {_said_names(out, field)}；新增的请写在 add 下。")
            continue
        if not isinstance(change, dict):
            say((*at, "edit", name), f"{where} 中“{name}”的改动要写成“键: 值”，如 {{counts: true}}。")
            continue
        out[index] = _merge(out[index], change, (*at, "edit", name), say)
    for entry in edits.get("add") or []:
        name = entry.get(field) if field and isinstance(entry, dict) else entry
        if index_of(name) is not None:
            say((*at, "add"), f"{where} 中已有“{name}”：修改它请写在 edit 下。")
            continue
        out.append(entry)
    return out
