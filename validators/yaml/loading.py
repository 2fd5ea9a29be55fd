"""Bytes to data with source marks: the one strict YAML loader every part of the project uses.

The order of the checks matters: everything that could make libyaml or the validator crash or
blow up (size, encoding, nesting depth, aliases) is refused before the expensive steps run.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]  # libyaml's parser; stubs omit it

from validators.console import read_failure
from validators.findings import Finding, error
from validators.yaml.fast_path import fast_load
from validators.yaml.hidden_characters import describe, first_of
from validators.yaml.scalars import YamlPath, resolve_plain

_PLAIN = "tag:local,2024:plain"
_CORE = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
_ALLOWED_EXPLICIT = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}

# Characters YAML forbids in a stream (tab, LF and CR are allowed), and three it allows but we
# refuse: NEL, U+2028 and U+2029 are line breaks to libyaml (YAML 1.1) and text to editors, so
# they split a value silently and shift every line number after them. Bidirectional overrides
# make a value display other than it reads (CVE-2021-42574). A lone surrogate (only possible in
# text handed to load_text directly) cannot be encoded for libyaml at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class YamlLimits:
    max_file_bytes: int
    max_depth: int
    # Characters refused in any value or key, however written (policy.yaml).
    hidden: re.Pattern[str] | None = None


@dataclass(slots=True, eq=False)
class SourceMap:
    """Where each value (and the key that names it) starts in the file, 1-based.

    A text read by the fast path keeps its text instead (`text`): its first question reads
    libyaml's events only as far as the answer (a check asks one, for a finding, or none), and a
    second one finds all its marks at once (a report's score lines ask dozens)."""

    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    text: str | None = None
    _asked: bool = False
    _found: bool = False

    def __eq__(self, other: object) -> bool:
        """The same text has the same marks, found yet or not (what the preview's memo compares)."""
        if not isinstance(other, SourceMap):
            return NotImplemented
        if self.text is not None or other.text is not None:
            return self.text == other.text
        return self.values == other.values and self.keys == other.keys

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def find_all(self) -> None:
        """Every mark at once, now (where they will all be asked, on the checking process)."""
        if self.text is not None and not self._found:
            _find_all(self.text, self.values, self.keys)
            self._found = True

    def _first(self, path: YamlPath) -> _Marks | None:
        """The marks from the events when this is the text's first question; else None, with
        every mark found into the dicts."""
        if self.text is None or self._found:
            return None
        if not self._asked:
            self._asked = True
            return _events_along(self.text, path)
        self.find_all()
        return None

    def value(self, path: YamlPath) -> tuple[int, int]:
        """The value at `path`, or the nearest enclosing one that exists."""
        if self.text is not None and (first := self._first(path)) is not None:
            return first[0]
        for n in range(len(path), -1, -1):
            mark = self.values.get(path[:n])
            if mark is not None:
                return mark
        return (1, 1)

    def key(self, path: YamlPath) -> tuple[int, int]:
        """The key naming `path`; for a missing key, the mapping that lacks it."""
        if self.text is not None and (first := self._first(path)) is not None:
            return first[1]
        mark = self.keys.get(path)
        return mark if mark is not None else self.value(path)


@dataclass(slots=True)
class Loaded:
    file: str
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    findings: list[Finding] = field(default_factory=list)
    # Every text value with its path, in document order: the rules over all text read this
    # instead of walking the data again.
    strings: list[tuple[YamlPath, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings and self.data is not None


class _Resolver:
    """Leaves plain scalars unresolved so that `_Builder` applies the strict core schema."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, parent: object, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Composer(CParser, _Resolver):
    pass


_Marks = tuple[tuple[int, int], tuple[int, int]]


def _find_all(text: str, values: dict[YamlPath, tuple[int, int]],
              keys: dict[YamlPath, tuple[int, int]]) -> None:
    """Every mark of a text the fast path read (so it composes), as the located loader records
    them: each value's, and each key's under the path it names (the first of equal keys)."""
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    finally:
        composer.dispose()
    stack: list[tuple[yaml.Node, YamlPath]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        mark = node.start_mark
        values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                key = resolve_plain(key_node.value) if key_node.tag == _PLAIN else key_node.value
                child = (*path, key)
                mark = key_node.start_mark
                keys[child] = (mark.line + 1, mark.column + 1)  # reversed: the first one stays
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, (*path, i)) for i, item in enumerate(node.value)]


def _marks(value: Any, key: Any) -> _Marks:
    at = (value.line + 1, value.column + 1)
    return at, (key.line + 1, key.column + 1) if key is not None else at


def _skip(get: Any, event: yaml.Event) -> None:
    """Reads past the node `event` starts."""
    depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
    while depth:
        event = get()
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _events_along(text: str, path: YamlPath) -> _Marks:
    """The marks of the value at `path` (or of the deepest value on the way that exists) and of
    the key naming it (the value's mark where no key names it), as SourceMap's dicts give them,
    from libyaml's events, read only as far as the answer (a finding near the top of a file
    reads only the top)."""
    parser = CParser(text)
    try:
        get: Callable[[], Any] = parser.get_event
        get(), get()  # the stream and the document start
        node, key_mark = get(), None
        for step in path:
            key_mark, found = None, False
            if isinstance(node, yaml.MappingStartEvent):
                while not isinstance(event := get(), yaml.MappingEndEvent):
                    key: Any = None
                    if isinstance(event, yaml.ScalarEvent):
                        key = resolve_plain(event.value) if event.implicit[0] else event.value
                    else:
                        _skip(get, event)
                    value = get()
                    if key == step and key.__class__ is step.__class__:
                        node, key_mark, found = value, event.start_mark, True
                        break
                    _skip(get, value)
            elif isinstance(node, yaml.SequenceStartEvent) and step.__class__ is int:
                index = 0
                while not isinstance(event := get(), yaml.SequenceEndEvent):
                    if index == step:
                        node, found = event, True
                        break
                    _skip(get, event)
                    index += 1
            if not found:
                break
        return _marks(node.start_mark, key_mark)
    finally:
        parser.dispose()


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def control_character(text: str) -> tuple[int, int, str] | None:
    """The first character of `text` no file of the project may hold (a control character, a
    line break only libyaml knows, a bidirectional override): its line, its column and what to
    say of it; None when there is none. Every text file read says it in these words."""
    bad = _CONTROL.search(text)
    if bad is None:
        return None
    line, col = _line_col(text, bad.start())
    return line, col, f"第 {line} 行含有不可见的控制字符 U+{ord(bad.group()):04X}，请删除。"


# Files that are neither regular files nor folders: opening a named pipe blocks until someone
# writes to it, and a device such as /dev/zero never ends, so they are reported unopened.
SPECIAL_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"),
                 (stat.S_ISBLK, "块设备"), (stat.S_ISSOCK, "套接字"))


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, said in Chinese, when it is no regular file; else None."""
    if stat.S_ISDIR(mode):
        return "文件夹"
    return next((name for is_kind, name in SPECIAL_KINDS if is_kind(mode)),
                None if stat.S_ISREG(mode) else "特殊文件")


def unopened_words(name: str, kind: str, instead: str = "提交普通的 YAML 文本文件") -> str:
    """What a file that is no regular file is told: it was not opened, and what to put there."""
    return f"“{name}”是{kind}，不是普通文件，检查时不会打开它：请删除它，改为{instead}。"


def not_regular(path: Path, instead: str = "提交普通的 YAML 文本文件") -> str | None:
    """What to say of `path` (its symlinks followed) when it is no regular file, asked before it
    is opened: a named pipe blocks whoever opens it, and a device never ends. None for a regular
    file, and for one that cannot be asked (opening it says why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    kind = kind_of(mode)
    return unopened_words(path.name, kind, instead) if kind is not None else None


_BINARY = "这不是文本文件（含有二进制内容）。请提交 UTF-8 编码的 YAML 文本文件。"
# Bytes enough (128 code units) to tell UTF-16 text from a binary header that starts with NULs.
_UTF16_PREFIX = 256


def _looks_utf16(data: bytes) -> bool:
    """A BOM, or most code units of the prefix ASCII with their NUL on one consistent side.

    YAML keys and indentation are ASCII, so UTF-16 text without a BOM has a NUL in at least half
    of its code units, always on the same side; a NUL pair (U+0000) never occurs in text, while
    binary headers (MP4, PNG, ...) are full of them."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    prefix = data[:_UTF16_PREFIX]
    if b"\x00" not in prefix:
        return False
    units = [prefix[i:i + 2] for i in range(0, len(prefix) - 1, 2)]
    if b"\x00\x00" in units:
        return False
    low_nul = sum(1 for u in units if u[1] == 0)  # "a\x00": little-endian ASCII
    high_nul = sum(1 for u in units if u[0] == 0)  # "\x00a": big-endian ASCII
    ascii_units, other_side = max(low_nul, high_nul), min(low_nul, high_nul)
    return ascii_units * 2 >= len(units) and other_side * 4 <= ascii_units


def _decode(data: bytes, file: str) -> tuple[str | None, list[Finding]]:
    # Before UTF-16: the UTF-32 little-endian BOM begins with the UTF-16 one.
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, [error(file, 1, 1, "E-YAML-ENCODING",
                            "文件是 UTF-32 编码。请在编辑器中选择“另存为”，编码选 UTF-8 后重新提交。")]
    if _looks_utf16(data):
        return None, [error(file, 1, 1, "E-YAML-ENCODING",
                            "文件是 UTF-16 编码。请在编辑器中选择“另存为”，编码选 UTF-8 后重新提交。")]
    if b"\x00" in data[:2]:  # no text file starts with NUL: a binary header (MP4, ...)
        return None, [error(file, 1, 1, "E-YAML-ENCODING", _BINARY)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(before, len(before))
        if b"\x00" in data:
            msg = _BINARY
        else:
            try:
                data.decode("gb18030")
                msg = ("文件不是 UTF-8 编码，看起来是 GBK/GB2312 编码（Windows 记事本和 WPS 的常见默认）。"
                       "请用编辑器“另存为”UTF-8 编码后重新提交。")
            except UnicodeDecodeError:
                msg = "文件不是 UTF-8 编码的文本。请用编辑器“另存为”UTF-8 编码后重新提交。"
        return None, [error(file, line, col, "E-YAML-ENCODING", msg)]


# A backslash in double quotes that starts no escape libyaml knows.
_ESCAPE_HINT = "双引号文字中的反斜杠 \\ 需写成 \\\\，或改用单引号。"
_YAML_HINTS = (
    ("found character '\\t'", "不能用 Tab 键缩进，请改用空格。"),
    ("mapping values are not allowed", "冒号后面要有空格，文字中含有“: ”时请给整段文字加引号。"),
    ("found undefined alias", "不允许使用别名（*名称）。"),
    ("could not find expected ':'", "这一行缺少“键: 值”中的冒号，或上一行的引号没有闭合。"),
    ("did not find expected key", "缩进不一致：同一层的键要对齐，列表项以“- ”开头。"),
    ("did not find expected '-' indicator", "列表缩进不一致：同一列表的各项要对齐。"),
    ("found unexpected end of stream", "文件在引号或括号闭合前结束了。"),
    ("found unknown escape character", _ESCAPE_HINT),
    ("found invalid Unicode character escape code", _ESCAPE_HINT),
    ("did not find expected hexdecimal number", _ESCAPE_HINT),
    ("control characters are not allowed", "文件中含有不可见的控制字符，请删除。"),
)
# libyaml's own words for what it stumbled on, in Chinese: the first entry whose English the
# parser's problem contains. A problem not listed here adds no parser hint at all, never the
# parser's English to a Chinese message (tests/test_yaml_test_suite.py reads every refusal of the
# YAML test suite). A tab found in the indentation is said as `found character '\t' (…)`.
_PARSER_WORDS = (
    ("found a tab character where an indentation space is expected", "该用空格缩进的地方用了 Tab 字符"),
    ("found a tab character that violate", "Tab 字符打乱了缩进"),
    ("found character '\\t'", "缩进中有 Tab 字符"),
    ("found character that cannot start any token", "这个字符不能作为一项内容的开头"),
    ("mapping values are not allowed", "这里不能有“键: 值”"),
    ("mapping keys are not allowed", "这里不能有键"),
    ("block sequence entries are not allowed", "这里不能有列表项“- ”"),
    ("did not find expected key", "没有找到应有的键"),
    ("did not find expected '-' indicator", "没有找到应有的列表项“- ”"),
    ("did not find expected ',' or ']'", "方括号中没有找到应有的英文逗号或右方括号“]”"),
    ("did not find expected ',' or '}'", "花括号中没有找到应有的英文逗号或右花括号“}”"),
    ("could not find expected ':'", "没有找到应有的冒号“:”"),
    ("did not find expected <document start>", "没有找到文档的开头“---”"),
    ("did not find expected node content", "没有找到应有的内容"),
    ("did not find expected comment or line break", "这里应是注释或换行"),
    ("did not find expected whitespace or line break", "这里应是空格或换行"),
    ("did not find expected alphabetic or numeric character", "& 或 * 后面应是字母或数字"),
    ("found unexpected end of stream", "文件意外结束"),
    ("found unexpected document indicator", "文字中间出现了文档分隔标记“---”或“...”"),
    ("found a document indicator", "文字中间出现了文档分隔标记“---”或“...”"),
    ("found unexpected ':'", "这里不能有冒号“:”"),
    ("found unknown escape character", "双引号文字中有不认识的转义字符"),
    ("found invalid Unicode character escape code", "双引号文字中的 \\u 或 \\U 转义不是有效的字符"),
    ("did not find expected hexdecimal number", "双引号文字中 \\x、\\u、\\U 的后面应是十六进制数字"),
    ("found an indentation indicator equal to 0", "| 或 > 后面的缩进数字不能是 0"),
    ("directive", "以 % 开头的指令写错了"),
    ("found incompatible YAML document", "不支持 %YAML 指令所写的版本"),
    ("tag handle", "标签（!）写错了"),
    ("tag URI", "标签（!）写错了"),
    ("URI escaped octet", "标签（!）写错了"),
    ("control characters are not allowed", "含有不可见的控制字符"),
    ("found undefined alias", "使用了别名（*名称）"),
)


def _parser_words(problem: str) -> str:
    """The parser's problem as the message's closing hint, in Chinese; "" for one not known."""
    said = next((words for english, words in _PARSER_WORDS if english in problem), None)
    return f"（解析器提示：{said}）" if said else ""



# The commonest slips of a Chinese keyboard: a full-width colon ending a key, a full-width comma
# between the entries of a flow list or mapping. YAML reads either as part of the text, and the
# parser stumbles a line or more later; the finding is said where the slip is.
FULL_WIDTH_COLON, _FULL_WIDTH_COMMA = "：", "，"
_NOT_IN_KEY = frozenset(" \t:#'\"[]{},&*!|>%@`" + FULL_WIDTH_COLON)
_FLOW_OPEN, _FLOW_CLOSE = "[{", "]}"
# The header of a block scalar at a line's end: `key: |`, `- >-`, `text: |2+`.
_BLOCK_HEADER = re.compile(r"(?:^|[\s:-])[|>][-+0-9]*$")


def _full_width_key(line: str) -> int | None:
    """Where a full-width colon ends the key a line starts with (after its indentation and list
    dashes), as in `category：综合性学术年会`; None when the line starts no such key."""
    rest = line.lstrip(" \t")
    while rest[:1] == "-" and rest[1:2] in (" ", "\t"):
        rest = rest[1:].lstrip(" \t")
    colon = rest.find(FULL_WIDTH_COLON)
    if colon <= 0 or any(ch in _NOT_IN_KEY for ch in rest[:colon]):
        return None
    return len(line) - len(rest) + colon


def full_width_key_slip(text: str) -> tuple[int, str] | None:
    """A text that starts with a key written with a full-width colon (`rate： 0.6`, which YAML
    reads as one string where a mapping was meant): the colon's offset and what to say of it,
    as the syntax error says it."""
    colon = _full_width_key(text.split("\n", 1)[0])
    return None if colon is None else (colon, _colon_words(text, colon).removeprefix("YAML 语法错误："))


def _full_width_comma(line: str, end: int) -> tuple[int | None, int]:
    """The last full-width comma inside a flow list or mapping (`[北京，上海]`) before `end`, and
    how many of the line's brackets are still open there."""
    depth, found, quote = 0, None, ""
    for at, ch in enumerate(line[:end]):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"" and depth:
            quote = ch
        elif ch in _FLOW_OPEN:
            depth += 1
        elif ch in _FLOW_CLOSE:
            depth = max(0, depth - 1)
        elif ch == _FULL_WIDTH_COMMA and depth:
            found = at
        elif ch == "#" and not depth and (at == 0 or line[at - 1] in " \t"):
            break  # a comment
    return found, depth


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _full_width_slip(lines: list[str], line: int, col: int) -> tuple[int, int, str] | None:
    """(line, column, words) of a full-width colon or comma that explains a syntax error found at
    `line`, `col` (from 1): on that line, or above it on the lines it continues (more indented
    than it) and the line that holds them."""
    at = lines[line - 1] if 0 < line <= len(lines) else ""
    comma, _ = _full_width_comma(at, col)
    colon = _full_width_key(at)
    if colon is not None:
        return line, colon + 1, _colon_words(at, colon)
    if comma is not None:
        return line, comma + 1, _COMMA_WORDS
    deepest = _indent(at) if at.strip() else 0
    for number in range(min(line, len(lines) + 1) - 1, 0, -1):
        above = lines[number - 1]
        if not above.strip() or above.lstrip(" ").startswith("#"):
            continue
        colon = _full_width_key(above)
        if colon is not None:
            # Text of a block scalar (`说明: |` and the lines under it) may hold any colon.
            return None if _in_block_scalar(lines, number) else (number, colon + 1, _colon_words(above, colon))
        comma, open_brackets = _full_width_comma(above, len(above))
        if comma is not None and open_brackets and number == line - 1:
            return number, comma + 1, _COMMA_WORDS
        if _indent(above) <= deepest:
            break
    return None


def _in_block_scalar(lines: list[str], number: int) -> bool:
    """Whether line `number` (from 1) is text of a block scalar: the nearest line above it that
    is less indented ends in `|` or `>` (with their chomping and indentation marks)."""
    own = _indent(lines[number - 1])
    for above in reversed(lines[:number - 1]):
        if above.strip() and _indent(above) < own:
            return _BLOCK_HEADER.search(above.split(" #", 1)[0].rstrip()) is not None
    return False


def _shown(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most] + "…"


def _colon_words(line: str, colon: int) -> str:
    key = _shown(line[:colon].lstrip(" \t-"))
    value = _shown(line[colon + 1:].strip())
    return ("YAML 语法错误：这里用了中文冒号“：”：键和值之间要用英文冒号加一个空格，如 category: 综合性学术年会"
            f"（这一行应写作“{key}:{' ' + value if value else ''}”）。")


_COMMA_WORDS = ("YAML 语法错误：这里用了中文逗号“，”：方括号、花括号中的各项之间要用英文逗号加一个空格，"
                "如 [北京, 上海]、{min_participants: 150, min_provinces: 5}。")


def _syntax_finding(exc: yaml.YAMLError, file: str, text: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(getattr(exc, "problem", "") or exc)
    # libyaml names no character where a tab indents a line; the line itself shows it.
    lines = text.split("\n", line)
    at = lines[line - 1] if 0 < line <= len(lines) else ""
    if at[:len(at) - len(at.lstrip(" \t"))].count("\t"):
        problem = f"found character '\\t' ({problem})"
    if "expected a single document" in f"{getattr(exc, 'context', '')} {problem}":
        return error(file, line, col, "E-YAML-MULTI-DOC",
                     "一个文件只能有一个 YAML 文档：请删除“---”分隔的第二部分，或拆成单独的文件。")
    # Inside an open quote or a flow collection the parser's own words are the right ones (an
    # unclosed `[` or `"` swallows the lines after it, colons and all); a comma slip is a flow's.
    context = str(getattr(exc, "context", "") or "")
    within = "quoted scalar" in context or "flow" in context or "end of stream" in problem
    slip = (_full_width_slip(lines[:line], line, col)
            if FULL_WIDTH_COLON in text or _FULL_WIDTH_COMMA in text else None)
    if slip is not None and within and slip[2] != _COMMA_WORDS:
        slip = None
    if slip is not None and "\\t" not in problem:
        return error(file, slip[0], slip[1], "E-YAML-SYNTAX", slip[2])
    hint = next((h for key, h in _YAML_HINTS if key in problem), "请检查这一行附近的缩进、冒号和引号。")
    if "mapping values are not allowed" in problem and (deeper := _indented_under_a_value(lines[:line])):
        hint = deeper
    return error(file, line, col, "E-YAML-SYNTAX", f"YAML 语法错误：{hint}{_parser_words(problem)}")


def _indented_under_a_value(lines: list[str]) -> str | None:
    """The last line, a key indented under a line whose `key: value` is already written whole
    (`discipline: 计算机` then `  kind2: x`): YAML reads it as more of that value, and stumbles on
    its colon. What to say of it, or None when the line is no such key."""
    if len(lines) < 2:
        return None
    last = lines[-1]
    above = next((a for a in reversed(lines[:-1]) if a.strip() and not a.lstrip().startswith("#")), None)
    if above is None:
        return None
    # The key's column: after the line's indentation and any list dashes (`  - id: x`'s key is at 4).
    written, column = above.strip(), _indent(above)
    while written.startswith("- "):
        rest = written[2:].lstrip(" ")
        column += len(written) - len(rest)
        written = rest
    if _indent(last) <= column:
        return None
    key, colon, value = written.partition(": ")
    value = value.strip()
    if not colon or not key or key[0] in "'\"#[{" or not value or value[0] in "|>#[{&*!":
        return None
    return (f"这一行比上一行的键多缩进了 {_indent(last) - column} 个空格：上一行的“{_shown(key)}: {_shown(value)}”已经写完，"
            "YAML 把这一行当作上一行的文字接着读。这一行的键要与上一行的键对齐；若这一行确是上一行文字的续行，"
            "文字中含有“: ”时请给整段文字加引号。")


@functools.lru_cache(maxsize=64)
def _prefix_longer_than(length: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A line's indentation plus compact indicators (`- - key:`) bounds the block nesting it
    opens: such a prefix at the start, after an LF, after a CR (a lone CR breaks lines too).
    Three patterns, each led by what it starts with: the engine skips ahead to a literal line
    break, where an alternation is tried at every character."""
    prefix = rf"[ \-?:]{{{length + 1}}}"
    return re.compile(prefix), re.compile(rf"\n{prefix}"), re.compile(rf"\r{prefix}")


def _may_nest_deeper(text: str, max_depth: int) -> bool:
    """Whether the text could nest deeper than `max_depth`: every flow bracket, plus the
    longest block prefix, plus two, bounds the depth from above."""
    budget = max_depth - 2 - text.count("[") - text.count("{")
    if budget < 0:
        return True
    first, after_lf, after_cr = _prefix_longer_than(budget)
    return (first.match(text) is not None or after_lf.search(text) is not None
            or ("\r" in text and after_cr.search(text) is not None))


def _stream_finding(text: str, file: str, max_depth: int, may_nest_deeper: bool) -> Finding | None:
    """Nesting depth and aliases from the event stream, before composing: the event parser
    uses no C recursion (the composer does) and an alias bomb costs it nothing (the validator
    would expand it). Only files that could hold either are scanned."""
    if not may_nest_deeper and "&" not in text and "*" not in text:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        m = event.start_mark
        assert m is not None  # libyaml marks every event
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return error(file, m.line + 1, m.column + 1, "E-YAML-ALIAS",
                         "不允许使用锚点和别名（& 与 *）：请把内容完整写出。")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                return error(file, m.line + 1, m.column + 1, "E-YAML-TOO-DEEP",
                             f"嵌套超过 {max_depth} 层。学会报告最多嵌套五层，请检查括号和缩进。")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


class _Builder:
    """Turns a composed node tree into plain data and a SourceMap, refusing what YAML allows
    but a report must not contain: aliases, non-core tags, duplicate or non-text keys.

    Anchors and aliases are refused from the event stream before composing whenever the text
    holds an `&` or `*`; `track_aliases` re-checks shared nodes for texts that were not scanned.
    """

    def __init__(self, file: str, track_aliases: bool,
                 hidden: re.Pattern[str] | None = None) -> None:
        self.file = file
        self.source = SourceMap()
        self.findings: list[Finding] = []
        self.strings: list[tuple[YamlPath, str]] = []
        self._seen: set[int] | None = set() if track_aliases else None
        # Set only when the text has a backslash: an escape is the one way a value gets a
        # character the text itself does not hold (the text was searched already).
        self._hidden = hidden

    def _fail(self, node: yaml.Node, code: str, message: str) -> None:
        m = node.start_mark
        self.findings.append(error(self.file, m.line + 1, m.column + 1, code, message))

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        if self._seen is not None:
            if id(node) in self._seen:
                self._fail(node, "E-YAML-ALIAS", "不允许使用锚点和别名（& 与 *）：请把内容完整写出。")
                return None
            self._seen.add(id(node))
        mark = node.start_mark
        self.source.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _PLAIN:
                value = resolve_plain(node.value)
            else:
                if self._hidden is not None:
                    self._refuse_hidden(node)
                value = node.value if tag == _STR else self._tagged(node)
            if value.__class__ is str:
                self.strings.append((path, value))
            return value
        if tag not in (_SEQ, _MAP) and tag not in _ALLOWED_EXPLICIT:
            self._fail(node, "E-YAML-TAG",
                       f"不允许使用 YAML 标签 {tag.replace(_CORE, '!!')}：请删除标签，直接写值。")
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path)

    def _refuse_hidden(self, node: yaml.ScalarNode) -> None:
        assert self._hidden is not None
        found = self._hidden.search(node.value)
        if found:
            self._fail(node, "E-YAML-HIDDEN-CHAR",
                       "这里的转义（如 \\u202E、\\x03、\\e、\\0）写出了不可见字符 "
                       f"{describe(found.group())}：它会隐藏或改变文字的显示，请删除这个转义。")

    def _tagged(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        kinds: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool,
                                                     "null": type(None)}
        expected = kinds.get(tag.removeprefix(_CORE))
        if tag not in _ALLOWED_EXPLICIT or expected is None:
            self._fail(node, "E-YAML-TAG",
                       f"不允许使用 YAML 标签 {tag.replace(_CORE, '!!')}：请删除标签，直接写值。")
            return None
        resolved = resolve_plain(node.value)
        if not isinstance(resolved, expected):
            self._fail(node, "E-YAML-TAG", f"标签 {tag.replace(_CORE, '!!')} 与值不符：请删除标签。")
            return None
        return resolved

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen_keys: dict[object, int] = {}
        keys, build = self.source.keys, self.build
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or (
                    self._seen is not None and id(key_node) in self._seen):
                self._fail(key_node, "E-YAML-KEY", "键必须是简单的文字（如 title），不能是列表、映射或别名。")
                continue
            text = key_node.value
            if self._hidden is not None and key_node.tag != _PLAIN:
                self._refuse_hidden(key_node)
            key = resolve_plain(text) if key_node.tag == _PLAIN else text
            mark = key_node.start_mark
            if key in seen_keys:  # `1` and `true` collide here, as they do in Python
                self._fail(key_node, "E-YAML-DUPLICATE-KEY",
                           f"键“{text}”重复（第 {seen_keys[key]} 行已出现）：请删除或合并其中一个。")
                continue
            seen_keys[key] = mark.line + 1
            if key.__class__ is not str:
                self._fail(key_node, "E-YAML-KEY",
                           f"键“{text}”不是文字：字段名应为英文小写字母和下划线，如 title；"
                           f"要以数字或日期为名称，请加上引号，如 \"{text}\":。")
                continue
            child = (*path, key)
            keys[child] = (mark.line + 1, mark.column + 1)
            out[key] = build(value_node, child)
        return out


def load_text(text: str, file: str, max_depth: int | None,
              hidden: re.Pattern[str] | None = None, *, fast: bool = True) -> Loaded:
    """`hidden`: characters refused in the text and, written as escapes, in any value or key;
    `fast=False` reads with the located loader alone (the differential test compares them)."""
    result = Loaded(file)
    control = control_character(text)
    if control:
        line, col, words = control
        result.findings.append(error(file, line, col, "E-YAML-CONTROL-CHAR", words))
        return result
    bad = first_of(text, hidden) if hidden is not None else None
    if bad:
        line, col = _line_col(text, bad.start())
        result.findings.append(error(file, line, col, "E-YAML-HIDDEN-CHAR",
                                     f"第 {line} 行第 {col} 列含有不可见字符 {describe(bad.group())}："
                                     "它会隐藏或改变文字的显示（读者看到的与实际内容不同），请删除。"))
        return result
    deeper = max_depth is not None and _may_nest_deeper(text, max_depth)
    if fast and max_depth is not None and not deeper:
        read = fast_load(text)
        if read is not None:
            result.data, result.strings = read
            result.source = SourceMap(text=text)
            return result
    try:
        if max_depth is not None:
            refused = _stream_finding(text, file, max_depth, deeper)
            if refused:
                result.findings.append(refused)
                return result
        composer = _Composer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.YAMLError as exc:
        result.findings.append(_syntax_finding(exc, file, text))
        return result
    if root is None or (root.tag == _PLAIN and root.value == ""):  # nothing, or a bare `---`
        result.findings.append(error(file, 1, 1, "E-YAML-EMPTY", "文件是空的：请按模板填写内容。"))
        return result
    builder = _Builder(file, track_aliases=max_depth is None,
                       hidden=hidden if hidden is not None and "\\" in text else None)
    data = builder.build(root, ())
    result.source, result.findings, result.strings = builder.source, builder.findings, builder.strings
    if not isinstance(data, dict):
        if not result.findings:
            m = root.start_mark
            first = text.split("\n", m.line + 1)[m.line] if FULL_WIDTH_COLON in text else ""
            colon = _full_width_key(first)
            # Every key written with a full-width colon reads as one long text, not a mapping.
            result.findings.append(error(
                file, m.line + 1, m.column + 1 if colon is None else colon + 1, "E-YAML-ROOT",
                "文件顶层应是“键: 值”的映射（如 society: …、year: …），而不是列表或单个值。"
                + ("" if colon is None else _colon_words(first, colon).removeprefix("YAML 语法错误："))))
        return result
    result.data = data
    return result


def _too_large(file: str, size: int, limit: int) -> Finding:
    return error(file, 1, 1, "E-YAML-TOO-LARGE",
                 f"文件有 {size:,} 字节，超过上限 {limit:,} 字节。"
                 "请删除多余内容，证明材料请用链接或单独文件。")


def load_bytes(data: bytes, file: str, limits: YamlLimits | None, *, fast: bool = True) -> Loaded:
    """`limits` is None only for the repository's own trusted data files."""
    if limits is not None and len(data) > limits.max_file_bytes:
        return Loaded(file, findings=[_too_large(file, len(data), limits.max_file_bytes)])
    if not data.strip():
        return Loaded(file, findings=[error(file, 1, 1, "E-YAML-EMPTY", "文件是空的：请按模板填写内容。")])
    text, findings = _decode(data, file)
    if text is None:
        return Loaded(file, findings=findings)
    if limits is None:
        return load_text(text, file, None)
    return load_text(text, file, limits.max_depth, limits.hidden, fast=fast)


def read_limited(path: Path, limit: int) -> bytes:
    """Reads at most limit + 1 bytes, so an oversized file is refused without reading it all.
    A buffer of the file's own size is asked for first, not of the limit (megabytes allocated
    for every report of a few kilobytes); the rest is read only if the file has more."""
    with path.open("rb") as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
        except OSError:
            size = limit
        data = handle.read(min(size, limit) + 1)
        if size < len(data) <= limit:  # more than its size said (growing, or a pipe or device)
            data += handle.read(limit + 1 - len(data))
        return data


def load_path(path: Path, file: str, limits: YamlLimits | None) -> Loaded:
    unopened = not_regular(path)
    if unopened is not None:
        return Loaded(file, findings=[error(file, 1, 1, "E-FILE-UNREADABLE", unopened)])
    try:
        data = read_limited(path, limits.max_file_bytes) if limits else path.read_bytes()
    except OSError as exc:
        return Loaded(file, findings=[error(file, 1, 1, "E-FILE-UNREADABLE", f"无法读取文件：{read_failure(exc)}。")])
    if limits is not None and len(data) > limits.max_file_bytes:
        return Loaded(file, findings=[_too_large(file, path.stat().st_size, limits.max_file_bytes)])
    return load_bytes(data, file, limits)


def load_trusted(path: Path) -> Any:
    """Loads one of the repository's own data files (guidelines, rubrics, policy)."""
    loaded = load_path(path, str(path), None)
    if not loaded.ok:
        raise ValueError("; ".join(f"{f.file}:{f.line}:{f.column} {f.message}" for f in loaded.findings))
    return loaded.data

