"""Property-based fuzzing with a bounded number of examples (longer runs: fuzz/README.md).

Anything at all goes into the loader and comes out as data or as findings, never as an
exception; data written by a YAML dumper reads back the same; report-shaped documents built from
the models validate or give findings; text made inert or put in a code span cannot become markup.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import string
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.trees import ROOT
from validators.check import check_file
from validators.findings import Finding
from validators.markdown_text import code_span, inert, inert_block
from validators.models.common import SLUG_PATTERN
from validators.models.for_year import report_model
from validators.models.labelled import LabelledEnum
from validators.models.society import SocietyProfile
from validators.yaml.loading import Loaded, load_bytes, load_text
from validators.yaml.policy import hidden_characters, policy
from validators.year.guideline import guideline

# FUZZ_EXAMPLES=20000 runs longer; the suite's bound keeps `make test` quick.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIMITS = policy().yaml.limits
SAMPLE = (ROOT / "submissions" / "cd-agri" / "2017.yaml").read_bytes()
FINDING_CODE = re.compile(r"^[EW]-[A-Z0-9]+(?:-[A-Z0-9]+)*$")
# What YAML is made of, so that random text reaches deep into the parser.
YAML_ALPHABET = st.sampled_from([*"-:?[]{},#&*!|>'\"%@` \n\t\\.0123456789abcxyz~",
                                 "---", "...", "  ", "- ", ": ", "&a ", "*a", "!!str ", "\ufeff",
                                 "中", "\x85", "\u2028", "\x00", "\x1b"])


def assert_well_formed(loaded: Loaded) -> None:
    assert loaded.ok or loaded.findings
    for f in loaded.findings:
        assert_finding(f)


def assert_finding(f: Finding) -> None:
    assert f.line >= 1, f
    assert f.column >= 1, f
    assert FINDING_CODE.match(f.code), f
    assert f.severity == ("error" if f.code.startswith("E-") else "warning"), f
    assert re.search(r"[\u4e00-\u9fff]", f.message), f


# --- the loader never raises ----------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes_load_to_data_or_findings(data: bytes) -> None:
    assert_well_formed(load_bytes(data, "fuzz.yaml", LIMITS))


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, 8), st.binary(max_size=8)),
                min_size=1, max_size=6))
def test_a_damaged_sample_loads_to_data_or_findings(edits: list[tuple[int, int, bytes]]) -> None:
    data = bytearray(SAMPLE)
    for at, cut, insert in edits:
        data[at:at + cut] = insert
    assert_well_formed(load_bytes(bytes(data), "fuzz.yaml", LIMITS))


@FUZZ
@given(st.text(max_size=2000))
def test_any_text_loads_to_data_or_findings(text: str) -> None:
    assert_well_formed(load_text(text, "fuzz.yaml", LIMITS.max_depth))


@FUZZ
@given(st.lists(YAML_ALPHABET, max_size=300).map("".join))
def test_yaml_like_text_loads_to_data_or_findings(text: str) -> None:
    assert_well_formed(load_text(text, "fuzz.yaml", LIMITS.max_depth))


@FUZZ
@given(st.text(alphabet=st.characters(categories=["Cs"]), min_size=1, max_size=3),
       st.text(max_size=20))
def test_lone_surrogates_are_findings(surrogates: str, text: str) -> None:
    loaded = load_text(f"a: {text}{surrogates}\n", "fuzz.yaml", LIMITS.max_depth)
    assert [f.code for f in loaded.findings] == ["E-YAML-CONTROL-CHAR"]


# --- round trip ---------------------------------------------------------------------------------

class Yaml12Dumper(yaml.SafeDumper):
    """PyYAML's dumper speaks YAML 1.1, whose resolver leaves `1e3`, `0o17` and `+.5` plain; the
    loader reads YAML 1.2, where they are numbers. These resolvers make the dumper quote them."""


Yaml12Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), list("-+.0123456789"))
Yaml12Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^0o[0-7]+$"), ["0"])


def dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=Yaml12Dumper, allow_unicode=True, sort_keys=False).encode()


# Characters the loader refuses even inside quotes (a dumper writes them raw or as escapes).
REFUSED = "\x85\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HIDDEN = hidden_characters()
TEXT = st.text(st.characters(codec="utf-8", exclude_characters=REFUSED).filter(
    lambda c: HIDDEN.match(c) is None), max_size=40)
SCALARS = (st.none() | st.booleans() | st.integers(-(10 ** 30), 10 ** 30)
           | st.floats(allow_nan=False) | TEXT | st.dates())
DOCUMENTS = st.dictionaries(TEXT, st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20), min_size=1, max_size=6)


@FUZZ
@given(DOCUMENTS)
def test_dumped_documents_read_back_the_same(document: dict[str, Any]) -> None:
    loaded = load_bytes(dump(document), "fuzz.yaml", LIMITS)
    assert loaded.findings == []
    assert loaded.data == document


# --- report-shaped documents through check ------------------------------------------------------

_RULES = guideline(2017)
assert _RULES is not None
PLAUSIBLE_TEXT = st.sampled_from([
    *_RULES.districts, *_RULES.industries, *_RULES.province_names, *_RULES.occasion_names,
    "美国", "日本", "其他", "cd-agri", "成都市示例企业", "https://example.org/a", "evidence/a.pdf",
    "javascript:alert(1)", "../cd-agri/2017.yaml", "<b>x</b>", "联系 13812345678", "a@qq.com",
    "11010519491231002X", "",
])
JUNK = st.none() | st.booleans() | st.integers(-5, 10 ** 12) | st.floats() | TEXT | st.dates() \
    | st.lists(TEXT, max_size=2) | st.dictionaries(TEXT, TEXT, max_size=2)


def _for(annotation: Any) -> st.SearchStrategy[Any]:
    """A strategy for one field: mostly plausible values of its type, sometimes anything."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _for(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return st.one_of([_for(a) for a in typing.get_args(annotation)])
    if origin is list:
        return st.lists(_for(typing.get_args(annotation)[0]), max_size=3)
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, LabelledEnum):
        known = [key for m in annotation for key in (m.value, m.label)]
        return st.sampled_from(known) | TEXT if known else TEXT  # a kind the year lacks, too
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_dict(annotation)
    plausible = {bool: st.booleans(), int: st.integers(-2, 300), float: st.floats(-1, 500),
                 str: PLAUSIBLE_TEXT | st.from_regex(SLUG_PATTERN, fullmatch=True) | TEXT,
                 dt.date: st.dates(dt.date(2016, 10, 1), dt.date(2018, 1, 31))}
    return plausible.get(annotation, JUNK)


def model_dict(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    fields = {name: _for(info.annotation) | JUNK for name, info in model.model_fields.items()}
    required = {n: s for n, s in fields.items() if model.model_fields[n].is_required()}
    optional = {n: s for n, s in fields.items() if n not in required}
    return st.fixed_dictionaries(required, optional=optional)


REPORTS = model_dict(report_model(_RULES)).map(
    lambda d: {**d, "society": "cd-fuzz", "year": 2017})


def _check(document: dict[str, Any], name: str) -> list[Finding]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cd-fuzz" / name
        path.parent.mkdir()
        path.write_bytes(dump(document))
        return check_file(path, Path(tmp)).findings


@FUZZ
@given(REPORTS)
def test_report_shaped_documents_validate_or_give_findings(report: dict[str, Any]) -> None:
    for f in _check(report, "2017.yaml"):
        assert_finding(f)


@FUZZ
@given(model_dict(SocietyProfile))
def test_profile_shaped_documents_validate_or_give_findings(profile: dict[str, Any]) -> None:
    for f in _check(profile, "society.yaml"):
        assert_finding(f)


# --- inert text and code spans ------------------------------------------------------------------

UNTRUSTED = st.text(max_size=80) | st.lists(
    st.sampled_from(["<", ">", "&", "`", "``", "*", "_", "[", "](", ")", "|", "\\", "#", "\n", "\r",
                     " ", "\u2028", "\u202e", "javascript:", "<script>", "a", "中", "\u061c",
                     "\ufeff", "\u00ad", "\U000e0041", "\u3164", "\uffff", "\x08", "\u200b"]),
    max_size=30).map("".join)
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def shown(text: str) -> str:
    """What a reader should see of `text` on one line: the same characters, breaks as spaces,
    and each hidden or format character named as <U+XXXX>."""
    return re.sub(HIDDEN, lambda m: f"<U+{ord(m.group()):04X}>", _BREAKS.sub(" ", text))


@FUZZ
@given(UNTRUSTED)
def test_inert_text_holds_no_markup_and_shows_the_same_characters(text: str) -> None:
    out = inert(text)
    assert not set(re.sub(r"&#\d+;", "", out)) & set(string.punctuation)
    assert not _BREAKS.search(out)
    assert html.unescape(out) == shown(text)


@FUZZ
@given(UNTRUSTED)
def test_inert_block_keeps_lines_apart_and_nothing_else(text: str) -> None:
    out = inert_block(text)
    assert "\n" not in out
    assert not set(re.sub(r"&#\d+;|<br>", "", out)) & set(string.punctuation)


def code_span_content(span: str) -> str:
    """What CommonMark shows of a code span (spec 0.31, section 6.1)."""
    fence = re.match(r"`+", span)
    assert fence is not None
    n = len(fence.group())
    assert span.endswith("`" * n)
    assert len(span) > 2 * n
    inner = span[n:-n]
    assert not re.search(rf"(?<!`)`{{{n}}}(?!`)", inner), "the span would close early"
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
        inner = inner[1:-1]
    return inner


@FUZZ
@given(UNTRUSTED, st.booleans())
def test_code_span_shows_exactly_the_text(text: str, in_table: bool) -> None:
    span = code_span(text, in_table=in_table)
    assert not _BREAKS.search(span)
    content = code_span_content(span)
    if in_table:
        assert not re.search(r"(?<!\\)\|", span), "an unescaped pipe ends the table cell"
        content = content.replace("\\|", "|")
    expected = shown(text)
    assume(expected.strip(" "))  # an empty span cannot exist; blank text shows blank
    assert content == expected
