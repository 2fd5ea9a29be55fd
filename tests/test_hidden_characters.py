"""Characters that hide, reorder or fake text: refused in every value, shown wherever they reach."""

from __future__ import annotations

import html
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.markup import front_matter, text
from validators.check import check_file
from validators.github.pr_comment import Links
from validators.markdown_text import code_span, inert, inert_on_github
from validators.yaml.hidden_characters import first_of
from validators.yaml.policy import hidden_characters, policy

HIDDEN = hidden_characters()
# The ones the review found passing through, one of each kind.
SAMPLES = ["\u061c", "\ufeff", "\u00ad", "\u200b", "\u202e", "\u2066", "\U000e0041", "\U000e007f",
           "\u3164", "\uffff", "\x08", "\x1b", "\u2060"]


def _must_hide(cp: int) -> bool:
    category = unicodedata.category(chr(cp))
    return (category in ("Cf", "Cs", "Zl", "Zp") or (category == "Cc" and chr(cp) not in "\t\n\r")
            or (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF)


def test_the_policy_list_covers_every_format_control_and_noncharacter_of_unicode() -> None:
    missing = [f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
               if _must_hide(cp) and not HIDDEN.match(chr(cp))]
    assert missing == []


def test_the_compiled_class_is_exactly_the_listed_ranges() -> None:
    """The class is compiled in two parts (up to U+FFFF, and beyond) for speed: it must still
    match exactly the code points the policy lists, no more and no fewer."""
    listed: set[int] = set()
    for item in policy().yaml.hidden_characters:
        low, _, high = item.partition("-")
        listed.update(range(int(low, 16), int(high or low, 16) + 1))
    wrong = [f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
             if (HIDDEN.fullmatch(chr(cp)) is not None) != (cp in listed)]
    assert wrong == []
    # Found in the middle of text, on either side of U+FFFF.
    assert [m.group() for m in HIDDEN.finditer("a\u200b中\U000e0041b\U0002a6a5")] == ["\u200b", "\U000e0041"]


_ALPHABET = "a中\n" + "".join(SAMPLES) + "\U0002a6a5\U0001f600\ud800"


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=400, deadline=None)
def test_the_whole_file_search_finds_what_the_pattern_finds(text: str) -> None:
    """`first_of` (a file's first hidden character, searched in two classes) is the
    pattern's own search, whichever side of U+FFFF the characters are."""
    found, expected = first_of(text, HIDDEN), HIDDEN.search(text)
    assert (found and (found.start(), found.group())) == (expected and (expected.start(), expected.group()))


@pytest.mark.parametrize("char", ["\t", "\n", "中", "，", "\u3000", " ", "é", "\ufe0f", "\U0002a6a5"])
def test_ordinary_text_is_not_hidden(char: str) -> None:
    assert HIDDEN.match(char) is None


@pytest.mark.parametrize("char", SAMPLES, ids=lambda c: f"U+{ord(c):04X}")
def test_every_reporter_shows_a_hidden_character_by_its_code_point(char: str) -> None:
    name = f"U+{ord(char):04X}"
    value = f"成都{char}学会"
    assert html.unescape(inert(value)) == f"成都<{name}>学会"
    assert html.unescape(inert_on_github(value)) == f"成都<{name}>学会"
    assert code_span(value) == f"`成都<{name}>学会`"
    assert html.unescape(text(value)) == f"成都<{name}>学会"
    assert char not in inert(value) + code_span(value) + inert_on_github(value)


def test_a_name_of_a_noncharacter_and_a_backspace_is_refused_and_keeps_the_front_matter(
        tmp_path: Path) -> None:
    profile = tmp_path / "cd-case" / "society.yaml"
    profile.parent.mkdir()
    profile.write_text('id: cd-case\nname: "\\uFFFF\\u0008"\nkind: 学会\ndiscipline: 机械\n'
                       "maintainers: [alice]\n", encoding="utf-8")
    findings = check_file(profile, tmp_path).findings
    assert [(f.code, f.line, f.column, f.severity) for f in findings] == [
        ("E-YAML-HIDDEN-CHAR", 2, 7, "error")]
    assert "U+FFFF" in findings[0].message
    page = front_matter(text("\uffff\x08"))
    assert page.startswith('---\ntitle: "&#60;U&#43;FFFF&#62;&#60;U&#43;0008&#62;"\n---\n')


def test_a_file_name_with_a_hidden_character_is_shown_and_linked_percent_encoded() -> None:
    name = "submissions/cd-a/2017\u202eLMTH.yaml"
    assert Links.build("example-org/registry", "0" * 40).line(name, 1) == (
        "https://github.com/example-org/registry/blob/" + "0" * 40
        + "/submissions/cd-a/2017%E2%80%AELMTH.yaml#L1")
    assert code_span(name) == "`submissions/cd-a/2017<U+202E>LMTH.yaml`"
