"""Links show what they are: no look-alike host or slash is published as a link, and no text
of a submission opens in Excel as a formula."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from site_builder.markup import web_link
from validators.csv_export import excel_cell
from validators.rules import evidence
from validators.urls import NOT_A_URL, _ipv4, is_web_url, url_problem, website_refusal

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
                                 "https://example.org/新闻/2017年会.html", "http://[2001:db8::1]:8000/",
                                 "https://8.8.8.8/a", "http://1.0x100/", "https://mylocal.org:65535/"])
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


@pytest.mark.parametrize("url", ["https://127.0.0.1:99999/", "https://example.org:0/", "https://[2001:db8::1]:65536/"])
def test_a_port_out_of_range_is_refused(url: str) -> None:
    """Accepted and published as links: browsers refuse https://127.0.0.1:99999/ as no URL."""
    port = url.rsplit(":", 1)[1].rstrip("/")
    assert url_problem(url) == f"网址的端口号 {port} 不对：只能是 1 到 65535 之间的整数"
    assert "<a " not in web_link(url)


NOT_PUBLIC = ["https://[::1]/", "https://localhost/", "https://10.0.0.1/admin", "http://0x7f.1/",
              "http://2130706433/", "http://0177.0.0.1/", "https://0.0.0.0/", "http://[::]/", "http://0x/",
              "https://172.31.255.255/", "https://192.168.1.1:8080/", "https://169.254.169.254/latest",
              "https://[fe80::1]/", "https://[fd00::1]/", "https://[::ffff:10.0.0.1]/", "https://[::ffff:7f00:1]/",
              "https://LocalHost/", "https://db.localhost/", "https://printer.local/", "https://metadata.google.internal/",
              # a reviewer's gaps: shared address space, multicast, broadcast, old site-local, IPv4-compatible
              "https://100.64.0.1/", "https://224.0.0.1/", "https://255.255.255.255/", "https://[fec0::1]/",
              "https://[::127.0.0.1]/", "https://[ff02::1]/",
              # a name of one label, resolved on the local network only
              "https://intranet/", "https://evidence/a.pdf", "http://files:8080/"]


@pytest.mark.parametrize("url", NOT_PUBLIC)
def test_an_address_only_this_computer_or_a_private_network_opens_is_refused(url: str) -> None:
    """No member of the public, nor the staff who verify a report, can open these: E-URL-HOST."""
    problem = url_problem(url)
    assert problem
    assert "不是公开的网址" in problem, (url, problem)
    assert "<a " not in web_link(url)
    assert website_refusal(url) == ("E-URL-HOST", f"学会网站：{problem}。")


@pytest.mark.parametrize(("url", "shown"), [
    ("http://0x7f.1/", "0x7f.1（即 127.0.0.1）"), ("http://2130706433/", "2130706433（即 127.0.0.1）"),
    ("https://[::ffff:7f00:1]/", "[::ffff:7f00:1]（即 127.0.0.1）"), ("https://10.0.0.1/", "10.0.0.1"),
    ("https://[::1]/", "[::1]"), ("https://LocalHost/", "LocalHost")])
def test_an_address_written_another_way_is_named_as_browsers_read_it(url: str, shown: str) -> None:
    """A secretary who pasted 0x7f.1 is told it is 127.0.0.1, this computer, not left to guess."""
    assert f"网址的主机 {shown} 是本机" in (url_problem(url) or "")


# What browsers make of a host that ends in a number (WHATWG URL host parsing; Node's and
# Chromium's URL give these): the IPv4 address, or None where the URL is invalid.
WHATWG_IPV4 = [("127.0.0.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("2130706433", "127.0.0.1"),
               ("0177.0.0.1", "127.0.0.1"), ("0x7F.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"),
               ("127.0.1", "127.0.0.1"), ("0x", "0.0.0.0"), ("1.0x100", "1.0.1.0"), ("0xffffffff", "255.255.255.255"),
               ("4294967295", "255.255.255.255"), ("192.168.0.1.", "192.168.0.1"), ("4294967296", None),
               ("example.1", None), ("1.2.3.4.5", None), ("09", None), ("1..2", None), ("256.0.0.1", None),
               ("1.2.65536", None), ("0x1g", None), ("08.1", None)]


@pytest.mark.parametrize(("host", "address"), WHATWG_IPV4)
def test_an_ipv4_host_is_read_as_browsers_read_it(host: str, address: str | None) -> None:
    number = _ipv4(host.lower())
    assert (None if number is None else str(ipaddress.IPv4Address(number))) == address


@pytest.mark.parametrize("url", ["https://example.1/", "https://1.2.3.4.5/", "https://[1:::2]/", "https://09/"])
def test_an_ip_address_browsers_refuse_is_refused(url: str) -> None:
    problem = url_problem(url)
    assert problem
    assert "不是有效的 IP 地址" in problem, (url, problem)


def test_a_website_pasted_with_a_tag_is_refused_for_the_tag() -> None:
    """It was refused for not beginning with https://, which it does: its space failed the pattern."""
    unsafe = url_problem('https://example.org/a">')
    assert website_refusal("https://example.org/'><svg onload=alert(5)>") == ("E-URL-HOST", f"学会网站：{unsafe}。")
    assert url_problem("https://example.org/'><svg onload=alert(5)>") == unsafe
    assert website_refusal("https://example.org/a b")[0] == "E-URL-SCHEME"
    assert "开头" not in website_refusal("https://example.org/a b")[1]
    assert url_problem("javascript:'<svg onload=alert(5)>'") == NOT_A_URL  # the scheme is what is wrong


def test_evidence_on_a_private_host_is_an_error(tmp_path: Path) -> None:
    """An item's evidence the staff cannot open cannot be verified: E-URL-HOST, in the checker's words."""
    for url in ("https://10.0.0.1/admin", "https://localhost/a.pdf", "https://127.0.0.1:99999/"):
        refused = evidence.check_reference(url, evidence.FolderListing(tmp_path), 1, 2018)
        assert refused == ("E-URL-HOST", f"证明材料链接：{url_problem(url)}。"), url
    assert evidence.check_reference("https://8.8.8.8/a.pdf", evidence.FolderListing(tmp_path), 1, 2018) is None
