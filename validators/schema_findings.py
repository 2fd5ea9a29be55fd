"""Pydantic validation errors as findings: at the value (or key) at fault, in Chinese, saying
what to write instead."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from validators.findings import Finding, PlacedError, error
from validators.models.review import BASED_ON_PATTERN
from validators.models.society import GITHUB_LOGIN_PATTERN
from validators.yaml.loading import SourceMap, full_width_key_slip
from validators.yaml.policy import policy

_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# A date known only to its month: 2016-05, 2016年5月, 2018/6, 2018.6 (ASCII digits and plain
# spaces: the form's readers, form-xlsx.js and form-check.js, read the same).
_MONTH = re.compile(r"^([0-9]{4})[ ]*(?:[-/.][ ]*([0-9]{1,2})|年[ ]*([0-9]{1,2})[ ]*月(?:份)?)$")
# Past this many, a file is not a draft with mistakes but the wrong file (or an attack): the
# first ones are listed and one more finding says how many were left out.
MAX_FINDINGS = policy().yaml.max_schema_findings_per_file


def _model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the last segment of `loc`, for listing its fields."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if typing.get_origin(model) is dict:  # a key of a mapping: on to its values' model
            model = _unwrap(typing.get_args(model)[1])
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = _unwrap(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _field_list(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model else []


def _named(root: type[BaseModel] | None, loc: tuple[str | int, ...], key: str) -> str:
    """A field as users read it: its title (the form's and the workbook's word) and the key
    the YAML writes, “参与人数”（participants）; the key alone where the model gives no title."""
    model = _model_at(root, loc) if root is not None else None
    info = model.model_fields.get(key) if model is not None else None
    title = info.title if info is not None else None
    return f"“{title}”（{key}）" if title and title != key else f"“{key}”"


def _subject(loc: tuple[str | int, ...], root: type[BaseModel] | None = None) -> str:
    """The field at fault as users read it: “活动名称”（title）, or “维护人（GitHub 用户名）”（maintainers）的第 2 项
    for a list item."""
    if not loc:
        return "文件"
    if isinstance(loc[-1], int):
        at = next((i for i in range(len(loc) - 1, -1, -1) if isinstance(loc[i], str)), None)
        if at is None:
            return f"“列表”的第 {loc[-1] + 1} 项"
        return f"{_named(root, loc[:at], str(loc[at]))}的第 {loc[-1] + 1} 项"
    return _named(root, loc[:-1], str(loc[-1]))


def _is_iso_date(value: object) -> bool:
    try:
        return isinstance(value, str) and len(value) == 10 and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _meant(name: str, allowed: list[str], cutoff: float = 0.6) -> str | None:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=cutoff)
    return close[0] if close else None


def meant_hint(name: str, allowed: list[str], cutoff: float = 0.6) -> str:
    """“你是不是想写……？” after a name that is none of `allowed` (a key, or a name a year file's
    `edit`/`remove` gives an entry), or nothing when none is close."""
    close = _meant(name, allowed, cutoff)
    return f"你是不是想写“{close}”？" if close else ""


def _one_level_deeper(model: type[BaseModel] | None, value: object) -> str | None:
    """The one field of `model` under which an unknown key written with `value` would be read,
    a table of rules (`kind: {党建: {...}}`) whose rule's fields `value` writes: the key was
    indented one level too little."""
    if model is None or not isinstance(value, dict) or not value:
        return None
    fits = []
    for field, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        if typing.get_origin(annotation) is not dict:
            continue
        inner = _unwrap(typing.get_args(annotation)[1])
        if isinstance(inner, type) and issubclass(inner, BaseModel) and set(map(str, value)) <= set(inner.model_fields):
            fits.append(field)
    return fits[0] if len(fits) == 1 else None


def _misspelt(errors: list[Any], root: type[BaseModel]) -> set[tuple[str | int, ...]]:
    """Required fields present under a misspelt key: the unknown-key finding names them, so a
    second finding saying they are missing would only repeat it."""
    found: set[tuple[str | int, ...]] = set()
    for err in errors[:MAX_FINDINGS]:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            meant = _meant(str(loc[-1]), _field_list(_model_at(root, loc[:-1])))
            if meant:
                found.add((*loc[:-1], meant))
    return found


# What a blank field should hold, by the error pydantic gives for its null.
_EXPECTED_CONTENT = {
    "string_type": "文字", "int_type": "整数，如 120", "float_type": "数字，如 35.5",
    "bool_type": "true 或 false", "list_type": "列表（每一项单独一行，以“- ”开头）",
    "date_type": "日期，如 2017-05-12", "model_type": "下一级的字段（缩进两个空格）",
    "dict_type": "下一级的字段（缩进两个空格）", "model_attributes_type": "下一级的字段（缩进两个空格）",
}


def _example(root: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """The field's own example (its `examples`), else a report item's id."""
    model = _model_at(root, loc[:-1]) if loc else None
    info = model.model_fields.get(str(loc[-1])) if model is not None else None
    examples = info.examples if info is not None else None
    return str(examples[0]) if examples else "annual-meeting-2017"


def _blank(kind: str, loc: tuple[str | int, ...], ctx: dict[str, Any], root: type[BaseModel]) -> str:
    """`title:` with nothing after it (or a bare `-`) loads as null: the field is empty, and
    telling the user to add quotes (as for a number where text belongs) would mislead."""
    if isinstance(loc[-1], int):
        return f"{_subject(loc, root)}是空的：请填写内容，或删除这一项。"
    name = str(loc[-1])
    expected = (f"可选值之一：{ctx['expected']}" if kind == "enum" and ctx.get("expected")
                else _EXPECTED_CONTENT.get(kind, "内容"))
    return f"字段{_subject(loc, root)}不能为空：请在“{name}:”后面填写{expected}。"


# How an integer is written: a number in another notation (017, 0x10, 0o17, +12) is text to the
# loader, refused here in these words.
_INTEGER = ("{subject}应为整数，如 120：只写阿拉伯数字，不加引号、正号、小数点或单位，不以 0 开头，"
            "也不写成 0x10、0o17 这样的十六进制、八进制。")
_NUMBER = "{subject}应为数字，如 35.5（不加引号、正号和单位）。"


def type_words() -> dict[str, str]:
    """What a number or an integer of another type is told, without the field's name (the
    browser's form says it at the field), by JSON Schema's type name."""
    return {"integer": _INTEGER.format(subject=""), "number": _NUMBER.format(subject="")}


# Pydantic error kind → (code, message); {subject} is the field as users read it.
_SIMPLE: dict[str, tuple[str, str]] = {
    "bool_type": ("E-SCHEMA-TYPE", "{subject}应写 true 或 false（不要写 yes/no、是/否，也不要加引号）。"),
    "int_type": ("E-SCHEMA-TYPE", _INTEGER),
    "int_parsing": ("E-SCHEMA-TYPE", _INTEGER),
    "int_from_float": ("E-SCHEMA-TYPE", _INTEGER),
    "float_type": ("E-SCHEMA-TYPE", _NUMBER),
    "float_parsing": ("E-SCHEMA-TYPE", _NUMBER),
    "finite_number": ("E-SCHEMA-TYPE", "{subject}应为有限的数字，不能是 .inf 或 .nan。"),
    "string_type": ("E-SCHEMA-TYPE",
                    "{subject}应为文字。若要把数字、日期或 true/false 当作文字，请给它加上引号。"),
    "enum": ("E-SCHEMA-ENUM", "{subject}的值不在可选范围内。可选：{expected}。"),
    "string_pattern_mismatch": ("E-SCHEMA-PATTERN",
                                "{subject}应由小写英文字母、数字和单个连字符组成，如 {example}。"),
    # E-SCHEMA-TYPE, as pydantic's English fallback was coded before it had words of its own.
    "multiple_of": ("E-SCHEMA-TYPE", "{subject}须是 {multiple_of} 的整数倍。"),
    "string_too_short": ("E-SCHEMA-RANGE", "{subject}不能为空。"),
    "string_too_long": ("E-SCHEMA-RANGE", "{subject}过长：上限 {max_length} 个字符，请精简。"),
    "too_long": ("E-SCHEMA-RANGE", "{subject}的项数过多：上限 {max_length} 项。"),
    "too_short": ("E-SCHEMA-RANGE", "{subject}至少需要 {min_length} 项。"),
    "greater_than_equal": ("E-SCHEMA-RANGE", "{subject}不能小于 {bound_low}。"),
    "greater_than": ("E-SCHEMA-RANGE", "{subject}不能小于 {bound_low}。"),
    "less_than_equal": ("E-SCHEMA-RANGE", "{subject}不能大于 {bound_high}：请核对数字。"),
    "less_than": ("E-SCHEMA-RANGE", "{subject}不能大于 {bound_high}：请核对数字。"),
    "list_type": ("E-SCHEMA-TYPE", "{subject}应为列表：每一项单独一行，以“- ”开头。"),
    "model_type": ("E-SCHEMA-TYPE", "{subject}应为“键: 值”的映射，下面的字段缩进两个空格。"),
    "dict_type": ("E-SCHEMA-TYPE", "{subject}应为“键: 值”的映射，下面的字段缩进两个空格。"),
    "model_attributes_type": ("E-SCHEMA-TYPE", "{subject}应为“键: 值”的映射，下面的字段缩进两个空格。"),
}


def pattern_message(root: type[BaseModel], loc: tuple[str | int, ...], pattern: str,
                    subject: str | None = None, example: str | None = None) -> str:
    """What the check says of a value at `loc` that does not match `pattern`: a GitHub user name
    is said as one, any other pattern with the field's own example, or `example` when the caller
    knows a better one (`xlsx import`: an id of the sheet's own kind and year). `subject` (the field
    as users read it, “expert” by default) begins the sentence; the workbench passes its own."""
    subject = _subject(loc, root) if subject is None else subject
    if pattern == GITHUB_LOGIN_PATTERN:
        return (f"{subject}应为 GitHub 用户名：英文字母、数字和单个连字符，"
                "不以连字符开头或结尾，前面不加 @，如 cast-staff（不写姓名）。")
    if pattern == BASED_ON_PATTERN:
        return (f"{subject}应为核查工作台写下的 sha256（64 位小写十六进制）或 none，不要手改："
                "在 GitHub 上手工修改核查记录时，请删去这一行。")
    return _SIMPLE["string_pattern_mismatch"][1].format(subject=subject, example=example or _example(root, loc))


def month_only(written: str, normal: str | None = None) -> str | None:
    """What is said of a date written to its month only (`normal`: as read, NFKC and stripped;
    else `written`), None for any other text. Never read as a day of that month: which day counts
    is the association's rule, so the day is the evidence's. `xlsx import` says it of a cell, the
    check of a YAML value, the form (form-xlsx.js `RF.monthOnly`, form-check.js) of both."""
    found = _MONTH.match(written if normal is None else normal)
    month = int(found.group(2) or found.group(3)) if found else 0
    if not found or not 1 <= month <= 12:
        return None
    return f"“{written}”只写到月份：日期要写到日，请按证明材料上的日期填写，如 {found.group(1)}-{month:02d}-12。"


def _date_message(value: Any, name: str, subject: str) -> str:
    if _is_iso_date(value):
        return f"日期 {value} 加了引号，成了文字：请去掉引号，写成 {name}: {value}。"
    if isinstance(value, str) and (said := month_only(value)):
        return said
    if isinstance(value, str) and _DATE_LIKE.match(value):
        return f"日期 {value} 不存在或格式不对：请写成 2017-05-12 这样的有效日期。"
    return f"{subject}应为日期，写成 2017-05-12（年-月-日，不加引号）。"


def _message(err: ErrorDetails, root: type[BaseModel]) -> tuple[str, str]:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    ctx = err.get("ctx") or {}
    name = str(loc[-1]) if loc else "文件"
    subject = _subject(loc, root)
    if kind == "missing":
        return "E-SCHEMA-MISSING", f"缺少必填字段{subject}：请补上 {name}: 一行。"
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        allowed = _field_list(model)
        hint = meant_hint(name, allowed)
        if not hint and (deeper := _one_level_deeper(model, value)):
            hint = f"是不是应写在 {deeper} 下面（多缩进两个空格）？"
        listing = f"这里可用的字段有：{'、'.join(allowed)}。" if allowed else ""
        return "E-SCHEMA-UNKNOWN-KEY", f"未知字段“{name}”。{hint}{listing}"
    if value is None and loc:
        code = ("E-SCHEMA-DATE" if kind.startswith("date") else
                "E-SCHEMA-ENUM" if kind == "enum" else "E-SCHEMA-TYPE")
        return code, _blank(kind, loc, ctx, root)
    if kind.startswith("date"):
        return "E-SCHEMA-DATE", _date_message(value, name, subject)
    if kind == "string_pattern_mismatch":
        return "E-SCHEMA-PATTERN", pattern_message(root, loc, str(ctx.get("pattern", "")), subject)
    if kind in _MAPPING_KINDS and isinstance(value, str) and (slip := full_width_key_slip(value)):
        return "E-SCHEMA-TYPE", f"{subject}应为“键: 值”的映射：{slip[1]}"
    if kind in _SIMPLE:
        code, template = _SIMPLE[kind]
        limits = {key: ctx.get(key) for key in ("max_length", "min_length", "multiple_of")}
        bound = {"bound_low": ctx.get("ge", ctx.get("gt")), "bound_high": ctx.get("le", ctx.get("lt"))}
        return code, template.format(subject=subject, expected=ctx.get("expected", ""),
                                     example=_example(root, loc), **limits, **bound)
    said = str(err.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return "E-SCHEMA-TYPE", f"{subject}的值不符合要求：{said}。"


# A key's only child written with a full-width colon (`thresholds:` / `  rate： 0.6`) is
# valid YAML: one string where a mapping was meant, said as the colon it is.
_MAPPING_KINDS = frozenset({"model_type", "dict_type", "model_attributes_type"})


def _colon_slip(err: ErrorDetails) -> int | None:
    value = err.get("input")
    if err["type"] not in _MAPPING_KINDS or not isinstance(value, str):
        return None
    slip = full_width_key_slip(value)
    return None if slip is None else slip[0]


def _joined_item(value: object, source: SourceMap, line: int) -> bool:
    """`- a` then `   - b` one column deeper: YAML reads the second line as more of the first
    item (“a - b”, a value no id or login can be). True when the value read holds “ - ” and
    runs past its own line of the file (one written so on one line is no indentation slip)."""
    if not isinstance(value, str) or " - " not in value or source.text is None:
        return False
    lines = source.text.split("\n", line)
    return 0 < line <= len(lines) and value not in lines[line - 1]


def findings_from(exc: ValidationError, root: type[BaseModel], file: str, source: SourceMap,
                  written_at: Callable[[tuple[str | int, ...]], tuple[str | int, ...]] | None = None) -> list[Finding]:
    """Each validation error in Chinese at its place in `file`. `written_at`: where the file
    writes a value of the validated data, when the two differ (a year file carried forward)."""
    out: list[Finding] = []
    errors = exc.errors(include_url=False)
    misspelt = _misspelt(errors, root)
    errors = [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt)]
    for n, err in enumerate(errors):
        loc = tuple(err["loc"])
        placed = (err.get("ctx") or {}).get("error")
        if isinstance(placed, PlacedError):
            loc = (*loc, *placed.at)
            code, message = "E-SCHEMA-TYPE", f"{placed}。"
        else:
            code, message = _message(err, root)
        at = written_at or (lambda path: path)
        if code == "E-SCHEMA-MISSING":
            line, col = source.value(at(loc[:-1]))
        elif code == "E-SCHEMA-UNKNOWN-KEY":
            line, col = source.key(at(loc))
        else:
            line, col = source.value(at(loc))
        slip = _colon_slip(err)
        if slip is not None and code == "E-SCHEMA-TYPE" and placed is None:
            col += slip  # at the colon itself, as a syntax error's hint is
        if code == "E-SCHEMA-PATTERN" and _joined_item(err.get("input"), source, line):
            message += (f"这里读到的是“{str(err['input'])[:80]}”：下一行的“- ”多缩进了，被接在这一项的后面；"
                        "同一列表的各项要与第一项的“- ”对齐。")
        rest = len(errors) - n - 1
        if n == MAX_FINDINGS and rest:
            out.append(error(file, line, col, code, f"{message}（本文件另有 {rest} 处问题未逐一列出："
                                                    "请先修正已列出的问题，再重新检查。）", path=loc))
            break
        out.append(error(file, line, col, code, message, path=loc))
    return out
