"""The loader's fast path (yaml-rs) against the located loader (libyaml with source marks).

For every document of the YAML test suite, the hostile corpus, the samples, the test trees, a
generated benchmark tree and Hypothesis-generated documents, `load_bytes` gives the same data
(types included), the same strings in the same order and the same findings with or without the
fast path; where the fast path read the file, every mark the located loader records (values and
keys, and the nearest enclosing value of a path that is not there) is found again on demand,
both from the event stream (a first question) and from the composed tree (later ones).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from tests.test_yaml_test_suite import CASES
from validators.yaml import loading
from validators.yaml.fast_path import fast_load
from validators.yaml.loading import Loaded, load_bytes
from validators.yaml.policy import policy

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted([*(ROOT / "tests" / "data").rglob("*.yaml"), *(ROOT / "submissions").rglob("*.yaml"),
                 *(ROOT / "reviews").rglob("*.yaml")])


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (1 is not True, nor 1.0), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _marks_agree(fast: Loaded, located: Loaded) -> None:
    text = fast.source.text
    assert text is not None
    asked = [*located.source.values, *((*p, "not-there") for p in located.source.values),
             *((*p, 10**6) for p in located.source.values)]
    for path in asked:
        # a first question reads events, a later one the composed tree: both are asked
        assert loading._events_along(text, path) == (located.source.value(path), located.source.key(path)), path
        assert fast.source.value(path) == located.source.value(path), path
        assert fast.source.key(path) == located.source.key(path), path


def _agree(data: bytes, name: str = "in.yaml") -> bool:
    """Asserts that both ways agree; True when the fast path read the file."""
    limits = policy().yaml.limits
    fast = load_bytes(data, name, limits)
    located = load_bytes(data, name, limits, fast=False)
    assert fast.findings == located.findings
    assert _same(fast.data, located.data)
    assert len(fast.strings) == len(located.strings)
    assert all(p == q and _same(s, t) for (p, s), (q, t) in zip(fast.strings, located.strings, strict=True))
    if fast.source.text is None:
        return False
    assert located.ok
    _marks_agree(fast, located)
    return True


@pytest.mark.skipif(not CASES, reason="the YAML test suite is not beside the repository (../shared)")
def test_the_yaml_test_suite_reads_the_same_either_way() -> None:
    fast = sum(_agree((case / "in.yaml").read_bytes()) for case in CASES)
    assert 20 < fast < len(CASES)  # the plain ones; most cases test what a report never holds


def test_the_corpus_reads_the_same_either_way() -> None:
    read_fast = [path for path in CORPUS if _agree(path.read_bytes(), path.name)]
    assert any("hostile" in p.parts for p in CORPUS)
    samples = [p for p in CORPUS if p.is_relative_to(ROOT / "submissions")]
    assert sum(p in read_fast for p in samples) >= len(samples) // 2


def test_a_generated_tree_reads_fast_and_the_same(tmp_path: Path) -> None:
    generate(4, 3, seed=2017, out=tmp_path)
    files = sorted((tmp_path / "submissions").rglob("*.yaml"))
    assert files
    assert all(_agree(path.read_bytes(), path.name) for path in files)


# Scalars where the two parsers' typing differs, or could: numbers in every notation, dates,
# quoted look-alikes, YAML 1.1 booleans, special floats, text with indicators.
_TRICKY = ["0123", "007", "-0", "+0", "+12", "+2.5", "+.5", "+1e3", "1_000", "0b101", "0o17", "0x1F",
           "0x10", "0X10", "0O17", "-0x10", "+0x1F", "-0o7", "0x", "0xG", "0o8", "1e3",
           "1E+3", "12.", ".5", "-.5", ".inf", "-.Inf", "+.INF", ".NaN", ".nan", "nan", "inf",
           "2017-01-05", "2017-02-30", "2017-1-5", "2017-01-05 10:00", "2017-01-05T10:00:00",
           "20170105", "yes", "no", "on", "off", "True", "TRUE", "true", "False", "null", "Null",
           "~", "", "1:20", "12:30:00", "a: b", "a #b", "#x", "- x", "[x]", "{x}", "x,y", "@x",
           "`x", "%x", "&x", "*x", "!x", "|", ">", "?", "? x", "-", "---", "...", " x", "x ",
           "成都市科协", "学会 2017年", "12人", "0.5万元", "\\u202e", "a\\tb", "'", '"', "é"]
# What reports hold: the common case the fast path must read, and read the same.
_PLAIN = ["12", "0", "-3", "2.5", "true", "false", "null", "2017-01-05", "2018-12-31", "成都市科协",
          "学会 2017年", "12人", "https://www.cdast.org.cn/a?b=1", "svc-cloud-consult", "a: b 之后"]
_KEYS = ["title", "id", "date", "count", "organizer", "标题", "a b", "1", "true", "null",
         "2017-01-05", "0123", "~", "? x"]


def _scalar(draw: Any) -> str:
    text = draw(st.one_of(st.sampled_from(_PLAIN), st.integers(-10**20, 10**20).map(str),
                          st.floats(allow_nan=False).map(repr), st.dates().map(str),
                          st.sampled_from(_TRICKY),
                          st.text(st.sampled_from("0123456789-+._:eExXoO ab#'\"成都\\"), max_size=8)))
    style = draw(st.sampled_from(["plain"] * 6 + ["single", "double", "literal", "folded", "strip"]))
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(text, ensure_ascii=False)
    indicator = {"literal": "|", "folded": ">", "strip": "|-"}[style]
    return indicator + "\n" + "\n".join("  " + line if line else "" for line in text.split("\n"))


# Only what a plain report holds: plain scalars (no trick, no quote, no block), no flow list.
_PLAIN_VALUES = [v for v in _PLAIN if ": " not in v]


@st.composite
def _documents(draw: Any, depth: int = 0, plain: bool = False) -> str:
    """A document of every form, or (`plain`) only of the forms a plain report holds."""
    lines = []
    keys = st.sampled_from(_KEYS[:6]) | (st.nothing() if plain else st.sampled_from(_KEYS))
    shapes = ["scalar", "scalar", "list", "map"] + ([] if plain else ["flow"])
    for key in draw(st.lists(keys, min_size=1, max_size=4, unique=True)):
        shape = draw(st.sampled_from(shapes if depth < 3 else ["scalar"]))
        if shape == "scalar":
            value = draw(st.sampled_from(_PLAIN_VALUES)) if plain else _scalar(draw)
            if value[:1] in "|>":
                head, _, body = value.partition("\n")
                lines.append(f"{key}: {head}")
                lines += ["  " * depth + line for line in body.split("\n")]
                continue
            lines.append(f"{key}: {value}")
        elif shape == "flow":
            items = [draw(st.sampled_from(_TRICKY + _PLAIN)) for _ in range(draw(st.integers(0, 3)))]
            lines.append(f"{key}: [{', '.join(items)}]")
        elif shape == "list":
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(1, 3))):
                inner = draw(_documents(depth + 1, plain)).split("\n")
                lines.append("  - " + inner[0])
                lines += ["    " + line for line in inner[1:]]
        else:
            lines.append(f"{key}:")
            lines += ["  " + line for line in draw(_documents(depth + 1, plain)).split("\n")]
    return "\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents(), st.sampled_from(["\n", "\n", "", "\n\n"]), st.sampled_from(["\n", "\n", "\r\n", "\r"]))
def test_generated_documents_read_the_same_either_way(text: str, end: str, line_break: str) -> None:
    """With or without a final line break, with LF, CRLF or (old Mac) CR line breaks."""
    _agree((text + end).replace("\n", line_break).encode("utf-8"))


@pytest.mark.parametrize("text", [
    "a: |\n  x",  # a block scalar that ends the file: yaml-rs adds a line break
    "a: |\n", "a: >\n", "a: |+\n", "b: 1\na: >1\n", "title: |\r\n\r\n", "a: b \r\nc: d\r\n",
    "a: [?]\n", "a: [|]\n", "a: [>]\n", "a: [:x]\n", "a: [x, :y]\n", "a: [a:]\n", "a: [a :]\n",
    "a: b\rc: d\r",
])
def test_what_the_parsers_read_otherwise_goes_to_the_located_loader(text: str) -> None:
    assert fast_load(text) is None
    assert not _agree(text.encode("utf-8"))


def test_lone_carriage_returns_do_not_escape_the_depth_limit() -> None:
    """Lines broken by CR alone are lines too: the depth guard counts them, before any parser
    recurses (yaml-rs crashed on 20,000 levels, libyaml's composer overflowed Python's stack)."""
    for text in ("k:\r  " + "- " * 20000 + "x\r", "k:\r" + "".join("  " * i + "- a:\r" for i in range(40))):
        loaded = load_bytes(text.encode(), "deep.yaml", policy().yaml.limits)
        assert [f.code for f in loaded.findings] == ["E-YAML-TOO-DEEP"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents(plain=True), st.sampled_from(["\n", "\r\n"]))
def test_plain_documents_all_read_fast_and_the_same(text: str, line_break: str) -> None:
    """The property above reaches the fast path in about one document of ten: every plain one
    must, or a gate grown too wide would send every report to the slow loader unnoticed."""
    assert _agree((text + "\n").replace("\n", line_break).encode("utf-8"))


@pytest.mark.parametrize("written", ["0x10", "0o17", "0X10", "-0x10", "+12", "+0", "+2.5", "+.5", "+1e3",
                                     "017", "0b101"])
def test_numbers_in_another_base_or_with_a_plus_sign_stay_text_either_way(written: str) -> None:
    """`senior_experts_registered: 0x10` was scored 16 and `0o17` 15, silently, by both loaders:
    a number is what the page shows, so only plain decimals are numbers; the model refuses the
    text where a number belongs."""
    for text in (f"count: {written}\n", f"title: x\ncounts:\n  - {written}\n", f"counts: [{written}]\n"):
        limits = policy().yaml.limits
        for fast in (True, False):
            loaded = load_bytes(text.encode(), "in.yaml", limits, fast=fast)
            values = loaded.data.get("counts") or [loaded.data["count"]]
            assert values == [written], (text, fast)
        assert fast_load(text) is None  # yaml-rs would say a number: the located loader reads it


def test_generated_documents_do_reach_the_fast_path() -> None:
    """The property above is not vacuous: plain documents of the same shape are read fast."""
    assert fast_load("title: 成都市科协\ncount: 12\ndate: 2017-01-05\nitems:\n  - id: a\n    ok: true\n")
    assert fast_load("code: 0123\n") is None  # a leading zero: the located loader keeps it text
    assert fast_load("date: '2017-01-05'\n") is None  # quoted: text there, a date to yaml-rs
