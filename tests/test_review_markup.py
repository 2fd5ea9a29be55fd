"""The workbench warns of markup as `check` warns of it: review-privacy.js, run under Node with the
rule validators/association/browser_markup.py exports into the workbench's settings (the check's
own literals and patterns, rewritten for JavaScript), decides for every text as `has_markup`
does, and as `check` warns (W-TEXT-MARKUP) of that text written as a reason in a review file."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.review_reasons import in_workbench, reason_findings
from validators.association.browser_markup import browser_markup_rule, js_regex
from validators.rules.text_fields import MARKUP_MESSAGE, has_markup
from validators.yaml.policy import policy

# What a user review typed, and each form the check's patterns name, beside near misses where
# JavaScript's own \\w, \\s, "." and "^" would decide otherwise than Python's.
TEXTS = [
    "‹签到表> & *勿*", "<签到表> & *勿*", "<b>x</b>", "a < b", "<!-- x -->", "</p>", "<?php", "<İ", "<\u212a>",
    "&amp;", "& amp;", "&#39;", "&中文;", "&\u0663;", "&x\u00b2;", "&;", "a ** b", "__init__", "`code`", "{: .x }",
    "[a](b)", "[a] (b)", "](", "[x]: https://example.org", "   [x]: y", "    [x]: y", "a\n[x]: y", "a\r[x]: y",
    "# 标题", "###### six", "####### seven", "#标题", "   # x", "    # x", "a\n# x", "a\r# x", "a\u2028# x",
    "\u3000# x", "\x1c# x", "\x85# x", "\ufeff# x", "#\x1cx", "#\ufeffx", "#\u3000x",
    "> 引用", "x > y", "a\n> q", "| a | b |", "a | b", "data:text/html,x", "DaTa:image/png;base64", "metadata:a/b,",
    "中data:text/html,x", "\u0663data:a/b;", " data:a/b;", "data:a/b", "javascript:alert(1)", "java\nscript:x",
    "JAVA SCRIPT:x", "javaſcript:", "JAVAScrİpt:", "vbscript:x", "v b s c r i p t :", "java\x1cscript:", "java\ufeffscript:",
    "证明材料中没有企业出具的服务确认。", "理由：签到表缺失 & 照片不清。",
]
PIECES = ["<", ">", "b", "/", "!", "&", "#", ";", "amp", "x", "中", "\u0663", "](", ")", "[", "]", "]:", "\n", "\r", " ", "\t",
          "\u3000", "\x1c", "\x85", "\u2028", "\ufeff", "**", "*", "__", "_", "`", "{:", "{", "|", "data", "DATA", ":", "text/html",
          ",", "java", "script", "vb", "ſ", "İ", "ı", "\u212a", "K"]
# Any character Python's Unicode data has assigned (a character assigned later may be a letter to
# the browser's \\p{L} and to nothing in Python's), and no lone surrogate.
_CHARS = st.characters(exclude_categories=["Cs", "Cn"]).filter(lambda c: unicodedata.category(c) not in ("Cn", "Cs"))
_TEXTS = st.lists(st.sampled_from(PIECES) | st.text(_CHARS, max_size=3), max_size=12).map("".join)


def _by_check(texts: list[str], tmp: Path) -> list[bool]:
    """Whether the check warns of markup in each text, written as the reason of one record."""
    said = [False] * len(texts)
    for f in reason_findings(texts, tmp):
        if f.code == "W-TEXT-MARKUP":
            assert f.path is not None, f
            assert f.path[0] == "items", f.path
            assert f.path[2] == "reason", f.path
            assert f.message == MARKUP_MESSAGE
            said[int(f.path[1])] = True
    return said


def _check_all(drawn: list[str], tmp: Path) -> None:
    texts = [t if t.strip() else "理由" for t in drawn]  # a reason is never empty (the model refuses it first)
    python = [has_markup(t) for t in texts]
    # The check reads a file with no hidden character (E-YAML-HIDDEN-CHAR refuses it whole).
    readable = [i for i, t in enumerate(texts) if policy().yaml.hidden.search(t) is None]
    assert _by_check([texts[i] for i in readable], tmp) == [python[i] for i in readable]
    for text, mine, theirs in zip(texts, in_workbench("hasMarkup", browser_markup_rule(), texts), python, strict=True):
        assert mine == theirs, text


def test_the_page_warns_of_markup_where_check_warns_in_the_same_words(tmp_path: Path) -> None:
    _check_all(TEXTS, tmp_path)
    assert sum(policy().yaml.hidden.search(t) is None for t in TEXTS) > 50
    assert has_markup("<b>x</b>")
    assert not has_markup("‹签到表> & *勿*")  # no tag, entity or emphasis: published as typed without a warning
    assert browser_markup_rule()["message"] == MARKUP_MESSAGE


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_TEXTS, min_size=20, max_size=40))
def test_on_drawn_texts_the_page_and_the_check_agree(tmp_path: Path, texts: list[str]) -> None:
    _check_all(texts, tmp_path)


# Each passed through before: a syntax error in `new RegExp(source, "u")`, or (a repeated
# look-around, a possessive repeat, "{,3}") a pattern Python and JavaScript read apart.
@pytest.mark.parametrize("source", [
    r"\bx", "x$", r"\Ax", r"\Z", "[]a]", "[^]a]", "a{", "a}", "x]", "a{,3}", "(?P<n>x)", "(?P<n>x)(?P=n)",
    "(?#note)x", "(?>x)", "(?i:x)", "x*+", "x++", "x?+", "x{1,2}+", "(?=x)*", "(?<=x)+", "(?!x){2}"])
def test_a_construct_not_rewritten_for_javascript_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match="JavaScript"):
        js_regex(re.compile(source))
