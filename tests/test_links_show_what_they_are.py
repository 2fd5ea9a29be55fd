"""Links show what they are: no look-alike host or slash is published as a link, and no text
of a submission opens in Excel as a formula."""

from __future__ import annotations

import pytest

from site_builder.markup import web_link
from validators.csv_export import excel_cell
from validators.urls import is_web_url, url_problem

LOOKALIKES = [
    "https://сdast.gov.cn/notice",  # Cyrillic с
    "https://cdast.gov.cn⁄notice.evil.example/a",  # U+2044 fraction slash
    "https://cdast.gov.cn∕evil.example",  # U+2215 division slash
    "https://cdast.gov.cn／evil.example",  # full-width solidus
    "https://cdast。gov。cn/a",  # ideographic full stop
    "https://成都科协.中国/a",
    "https://cdast.gov.cn\u200b.evil.example/a",
]


@pytest.mark.parametrize("url", LOOKALIKES)
def test_a_lookalike_address_is_refused_and_shown_as_text(url: str) -> None:
    assert not is_web_url(url)
    assert url_problem(url)
    assert "<a " not in web_link(url)


def test_a_chinese_host_is_answered_with_its_punycode_form() -> None:
    assert "xn--ykr365ai2r6fv.xn--fiqs8s" in str(url_problem("https://成都科协.中国/a"))


@pytest.mark.parametrize("url", ["https://cdast.gov.cn/notice", "http://example.org:8080/a?b=1#c",
                                 "https://example.org/新闻/2017年会.html", "http://[::1]:8000/"])
def test_a_plain_address_is_a_link(url: str) -> None:
    assert is_web_url(url)
    assert web_link(url).startswith("<a href=")


@pytest.mark.parametrize("text", ["-inf", "-nan", "+inf", "-1_0", "+١٢٣", "-１２", "=1+1", "@SUM(A1)",
                                  "-2e", "+.e1", "-0x10"])
def test_text_that_float_reads_as_a_number_is_still_neutralised(text: str) -> None:
    assert excel_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-12", "+3.5", "-.5", "1e3", "-2.5E-3", "0", "12.", "中文", "a-b"])
def test_plain_numbers_and_ordinary_text_stay_as_they_are(text: str) -> None:
    assert excel_cell(text) == text


def test_an_address_pasted_with_its_quote_or_tag_is_refused() -> None:
    """https://example.org/"><script>… was accepted (escaped on the site, but no address)."""
    for url in ('https://example.org/"><script>x</script>', "https://example.org/a>", "https://example.org/`x`"):
        assert url_problem(url) == "网址中不能有引号、尖括号或反引号（\" < > `）：请只复制网址本身"
    assert url_problem("https://example.org/a?q=%22x%22") is None  # encoded, as an address holds them
