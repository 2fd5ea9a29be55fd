"""The privacy guard: mainland mobile numbers, resident identity numbers and personal e-mail
addresses are refused wherever they appear in text; look-alikes are not. And the markup test
that warns about, but never refuses, HTML and Markdown."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validators.check import check_file
from validators.rules import nfkc_forms
from validators.rules.text_fields import AT_SIGNS, has_markup, is_identity_number, personal_data
from validators.yaml.policy import policy

PERSONAL_DOMAINS = frozenset(policy().privacy.personal_email_domains)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_digit(first17: str) -> str:
    """Computed here from GB 11643 independently of the code under test."""
    remainder = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11
    return first17 + "10X98765432"[remainder]


def codes(text: str) -> list[str]:
    return [code for code, _ in personal_data(text, PERSONAL_DOMAINS)]


# --- identity numbers ------------------------------------------------------------------------

def test_published_examples_are_identity_numbers() -> None:
    assert is_identity_number("11010519491231002X")  # the example of GB 11643-1999
    assert is_identity_number("440524188001010014")


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A[1-6][0-9]{5}(19[0-9]{2}|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}\Z"))
def test_exactly_one_check_character_is_valid(first17: str) -> None:
    valid = with_check_digit(first17)
    assert is_identity_number(valid)
    for wrong in set("0123456789X") - {valid[-1]}:
        assert not is_identity_number(first17 + wrong)


def test_an_impossible_birth_date_is_not_an_identity_number() -> None:
    assert not is_identity_number(with_check_digit("51010419901301123"))  # month 13
    assert not is_identity_number(with_check_digit("51010419900100123"))  # day 0


@pytest.mark.parametrize("text", [
    "身份证 11010519491231002X",
    "身份证号：11010519491231002x",       # lower-case check character
    "身份证 110105 19491231 002X",          # written in groups
    "身份证 110105-19491231-002X",
    "身份证 １１０１０５１９４９１２３１００２Ｘ",  # full-width
    "申请人(11010519491231002X)",
])
def test_identity_numbers_are_refused(text: str) -> None:
    assert codes(text) == ["E-PRIVACY-ID-NUMBER"]


@pytest.mark.parametrize("text", [
    "编号 110105194912310021",              # the check digit is wrong
    "订单号 201705120000000001",             # 18 digits, not a valid number
    "流水号 1101051949123100211",            # 19 digits holding a valid 18-digit run
    "流水号 A11010519491231002X",            # glued to a letter
    "统一社会信用代码 91510100MA61234567",    # an organisation's code, public by law
])
def test_identity_look_alikes_pass(text: str) -> None:
    assert "E-PRIVACY-ID-NUMBER" not in codes(text)


# --- mobile numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "联系人 13812345678",
    "联系人：张老师13812345678。",
    "+86 138 1234 5678",
    "+8613812345678",
    "86-138-1234-5678",
    "0086 15912345678",
    "(+86)19912345678",
    "138-1234-5678",
    "１３８１２３４５６７８",                 # full-width
    "Contact 13812345678.",                  # a sentence ending right after the number
    "evidence/张老师13812345678.pdf",
])
def test_mobile_numbers_are_refused(text: str) -> None:
    assert codes(text) == ["E-PRIVACY-PHONE"]


@pytest.mark.parametrize("text", [
    "办公电话 028-85123456",                 # a Chengdu landline
    "(028) 8512 3456",
    "服务热线 4008-123-456",
    "12345678901",                           # no mobile prefix starts with 12
    "项目编号 2017138123456789",              # a mobile-like run inside a longer number
    "经费 13812345678.50 元",
    "版本 2.13812345678",
    "https://www.cdast.org.cn/news/2017/0512/13812345678.html",
    "https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650012345&idx=1",
    "https://example.org/p/1494567890123",   # a millisecond timestamp
    "2017-05-12",
])
def test_mobile_look_alikes_pass(text: str) -> None:
    assert "E-PRIVACY-PHONE" not in codes(text)


# --- numbers inside web links -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "https://example.org/news/13812345678",
    "https://example.org/news/13812345678.html",
    "https://example.org/a?id=13812345678&from=timeline",
    "HTTP://EXAMPLE.ORG/13812345678",
    "www.example.org/u/13812345678",
    "https://example.org/a?id=11010519491231002X",
    "https://example.org/doc/110105-19491231-002X/",
    "报道见 https://example.org/p/13812345678 。",
    "报道见https://example.org/p/11010519491231002X，欢迎转发",
    "官网 www.example.org/13812345678。",
])
def test_digits_inside_a_link_are_not_personal_data(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(("text", "code"), [
    ("报道见 https://example.org/a 联系人 13812345678", "E-PRIVACY-PHONE"),
    ("报道见 https://example.org/a，13812345678", "E-PRIVACY-PHONE"),      # a full-width comma
    ("https://example.org/a,13812345678", "E-PRIVACY-PHONE"),
    ("https://example.org/a 13812345678", "E-PRIVACY-PHONE"),
    ("13812345678https://example.org/a", "E-PRIVACY-PHONE"),
    ("张老师13812345678www.example.org", "E-PRIVACY-PHONE"),
    ("官网www.example.org电话13812345678", "E-PRIVACY-PHONE"),
    ("https://example.org/13912345678 联系 13812345678", "E-PRIVACY-PHONE"),
    ("https://example.org/a 身份证 11010519491231002X", "E-PRIVACY-ID-NUMBER"),
    ("https://example.org/a １３８１２３４５６７８", "E-PRIVACY-PHONE"),   # full-width digits
])
def test_personal_data_next_to_a_link_is_refused(text: str, code: str) -> None:
    assert codes(text) == [code]


def _check_report(tmp_path: Path, description: str, evidence: list[str]) -> list[tuple[str, int]]:
    folder = tmp_path / "cd-a"
    (folder / "evidence").mkdir(parents=True)
    for ref in evidence:
        if not ref.startswith("https://"):
            (folder / ref).write_bytes(b"%PDF-1.4\n")
    refs = "".join(f"      - '{ref}'\n" for ref in evidence)
    (folder / "2017.yaml").write_text(
        "society: cd-a\nyear: 2017\nmajor_work:\n  - id: mw-a\n    kind: 党建\n    title: 党建\n"
        f"    date: 2017-07-01\n    description: '{description}'\n    evidence:\n{refs}", encoding="utf-8")
    return [(f.code, f.line) for f in check_file(folder / "2017.yaml", tmp_path).findings]


def test_evidence_links_are_not_read_for_personal_data(tmp_path: Path) -> None:
    evidence = ["https://example.org/news/13812345678", "https://example.org/a?id=11010519491231002X",
                "https://example.org/13812345678/a@qq.com"]
    assert _check_report(tmp_path, "支部活动，报道见 https://example.org/news/13812345678", evidence) == []


def test_personal_data_in_text_beside_links_and_in_file_names_is_still_refused(tmp_path: Path) -> None:
    found = _check_report(tmp_path, "报道见 https://example.org/news/1 联系人 13812345678",
                          ["https://example.org/news/13812345678", "evidence/张老师13812345678-简历.pdf"])
    assert found == [("E-PRIVACY-PHONE", 8), ("E-PRIVACY-PHONE", 11)]


def test_a_website_is_not_read_for_personal_data(tmp_path: Path) -> None:
    folder = tmp_path / "cd-a"
    folder.mkdir()
    (folder / "society.yaml").write_text(
        "id: cd-a\nname: 成都市测试学会\nkind: 学会\ndiscipline: 测试\nmaintainers: [cd-a-admin]\n"
        "website: https://example.org/site/13812345678\n", encoding="utf-8")
    assert check_file(folder / "society.yaml", tmp_path).findings == []


# --- e-mail addresses -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "联系 12345678@qq.com",
    "zhang.san@163.com",
    "Zhang@QQ.COM",
    "x@vip.163.com",
    "x@foxmail.com",
    "zhang＠qq.com",                         # full-width at sign
    "mailto:li_si+cast@126.com",
])
def test_personal_addresses_are_refused(text: str) -> None:
    assert codes(text) == ["E-PRIVACY-EMAIL"]


def test_the_at_signs_are_every_character_nfkc_writes_as_an_at_sign() -> None:
    """`check` skips the e-mail search when none of AT_SIGNS is in a report: the list must be whole."""
    assert sorted(AT_SIGNS) == sorted(chr(cp) for cp in range(sys.maxunicode + 1)
                                      if "@" in unicodedata.normalize("NFKC", chr(cp)))


@pytest.mark.parametrize("sign", AT_SIGNS)
def test_each_at_sign_is_found_in_a_whole_report(tmp_path: Path, sign: str) -> None:
    assert _check_report(tmp_path, f"联系 zhang{sign}qq.com", ["https://example.org/a"]) == [("E-PRIVACY-EMAIL", 8)]


@pytest.mark.parametrize("text", [
    "office@cdast.org.cn",                   # an institutional address
    "info@scu.edu.cn",
    "user@notqq.com",
    "user@qq.company.cn",
    "请关注 qq.com 公众号",
])
def test_institutional_addresses_pass(text: str) -> None:
    assert codes(text) == []


def test_every_message_says_why() -> None:
    found = personal_data("13812345678 11010519491231002X a@qq.com", PERSONAL_DOMAINS)
    assert [code for code, _ in found] == ["E-PRIVACY-PHONE", "E-PRIVACY-ID-NUMBER", "E-PRIVACY-EMAIL"]
    for _, message in found:
        assert "公开" in message
        assert "删除" in message


# --- markup (a warning) -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- x -->", "[点此](https://x)",
    "![](https://x/p.gif)", "**重点**", "__重点__", "`code`", "# 标题", "> 引用", "| a | b |",
    "&lt;b&gt;", "&#60;", "{: .cls}", "java\tscript:alert(1)", "JAVASCRIPT:x", "vbscript:x",
    "data:text/html;base64,PHN2Zz4=", "正文\n[a]: https://evil.example",
])
def test_markup_is_noticed(text: str) -> None:
    assert has_markup(text)


# The one pattern `has_markup` was before it became several led by their first characters.
_MARKUP_AS_ONE = re.compile(
    r"<[A-Za-z!/?]|^[ \t]{0,3}\[[^\]\n]+\]:|\{:|\*\*|__|`|^\s{0,3}(?:#{1,6}\s|>|\|)|&#?\w+;"
    r"|j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t\s*:"
    r"|\bdata:[\w.+-]+/[\w.+-]+[;,]", re.IGNORECASE | re.MULTILINE)
_MARKUP_PIECES = ["<", ">", "!", "/", "?", "a", "[", "]", ":", "\n", " ", "\t", "\r", "\x0c", "\u2028",
                  "{", "*", "_", "`", "#", "|", "&", ";", "x", "中", "=", "(", ")", ".", "+", "-",
                  "java", "JaVa", "\u212a", "<ı", "s c r i p t", " :", "v\tb", "vb", "script", "ſcrİpt", "ScRıPt", "data", "DATA", "text/html", "1"]


@given(st.lists(st.sampled_from(_MARKUP_PIECES), max_size=14).map("".join))
@settings(max_examples=3000, deadline=None)
def test_the_led_patterns_find_what_the_one_pattern_found(text: str) -> None:
    opened = text.find("](")
    linked = opened >= 0 and text.find(")", opened + 2) >= 0
    assert has_markup(text) == (linked or _MARKUP_AS_ONE.search(text) is not None)


@pytest.mark.parametrize("text", [
    "2017 年 C# 与 C++ 培训", "参与人数 < 100 人", "若 a < b 且 b > c", "5 * 3 = 15", "snake_case",
    "第 1) 项", "办公电话 028-85123456", "https://example.org/a_b", "big data: 大数据",
])
def test_plain_text_is_not_markup(text: str) -> None:
    assert not has_markup(text)


# --- reading numbers without normalizing a whole report ---------------------------------------

def test_every_character_nfkc_may_turn_into_what_the_patterns_read_is_listed() -> None:
    """The list is the union over the supported Pythons' Unicode versions: on this one, no
    character it misses may change under NFKC into a digit, an ASCII letter or a separator."""
    listed = nfkc_forms.compile_ranges(nfkc_forms.RANGES)
    missing = [f"U+{cp:04X}" for cp in range(0x80, sys.maxunicode + 1)
               if not 0xD800 <= cp <= 0xDFFF and nfkc_forms.changes(chr(cp)) and not listed.match(chr(cp))]
    assert missing == []
    assert nfkc_forms.may_change("电话１３８")
    assert nfkc_forms.may_change("x\u0307")
    assert nfkc_forms.may_change("\u3000")
    assert not nfkc_forms.may_change("（电话：138，邮箱）")


def test_the_list_is_printed_as_it_is_written() -> None:
    """`python -m validators.rules.nfkc_forms` writes the list back in its own form: a list
    written out of order, split or overlapping, would come back merged."""
    points = [p for item in nfkc_forms.RANGES for low, _, high in [item.partition("-")]
              for p in range(int(low, 16), int(high or low, 16) + 1)]
    assert nfkc_forms._as_ranges(points) == list(nfkc_forms.RANGES)
    assert nfkc_forms._as_ranges([0x31, 0x30, 0x33, 0x32, 0x35]) == ["0030-0033", "0035"]


# Characters NFKC changes into characters the patterns do not read (full-width punctuation,
# compatibility ideographs, units without digits or Latin letters), beside what they read.
_UNREAD_CHANGES = [chr(cp) for cp in range(0x80, 0x10000)
                   if unicodedata.normalize("NFKC", chr(cp)) != chr(cp) and not nfkc_forms.changes(chr(cp))][::97]
_NUMBER_PIECES = ["138", "1", "3", "8", "0", "5", "1234", "5678", "-", " ", ".", "+86", "X", "x", "a", "中",
                  "110105", "19491231", "002", "11010519491231002X",
                  "，", "：", "（", "）", *_UNREAD_CHANGES[:60]]


def _numbers_found(numbers: str) -> tuple[bool, list[str]]:
    from validators.rules.text_fields import _ID_CARD, _ID_SEPARATORS, _MOBILE

    return (_MOBILE.search(numbers) is not None,
            [m.group() for m in _ID_CARD.finditer(numbers) if is_identity_number(_ID_SEPARATORS.sub("", m.group()))])


@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=24).map("".join))
@settings(max_examples=3000, deadline=None)
def test_a_text_without_listed_characters_finds_the_same_normalized_or_not(text: str) -> None:
    assert not nfkc_forms.may_change(text)
    assert _numbers_found(text) == _numbers_found(unicodedata.normalize("NFKC", text))


def test_a_full_width_number_in_a_report_is_still_found(tmp_path: Path) -> None:
    """The whole report is read without normalizing only where nothing could change."""
    for number in ("１３８１２３４５６７８", "138\u30001234\u30005678"):  # full-width digits; ideographic spaces
        found = _check_report(tmp_path / number, f"办公电话：{number}（王）", ["https://example.org/a"])
        assert found == [("E-PRIVACY-PHONE", 8)]
