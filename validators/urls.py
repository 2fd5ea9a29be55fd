"""The one test of "is this a web address we may publish": http/https with a plain ASCII host
that the public can open (not this computer's, not a private network's), a port a browser
accepts, nothing that draws like a slash or a dot without being one, and why not when it is not."""

from __future__ import annotations

import ipaddress
import re
from functools import cache, lru_cache

import idna

from validators.yaml.hidden_characters import compile_ranges
from validators.yaml.policy import policy

__all__ = ["NOT_A_URL", "URL_UNSAFE", "URL_WORDS", "is_web_url", "url_problem", "website_refusal"]

# A host's name and its port, if it has one (a port is not part of a name IDNA encodes).
_PORT = re.compile(r"(.*?)(:[0-9]{1,5})?")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$")


@cache
def _web_url() -> re.Pattern[str]:
    schemes = "|".join(re.escape(s) for s in policy().evidence.url_schemes)
    # scheme://host[:port][/path?query#fragment], no whitespace or control characters anywhere,
    # no user-info (a host hidden behind "user@" misleads readers).
    return re.compile(rf"(?:{schemes})://([^\s\x00-\x1f\x7f/?#@\\]+)(?:[/?#][^\s\x00-\x1f\x7f]*)?",
                      re.IGNORECASE)


@cache
def _web_scheme() -> re.Pattern[str]:
    """The beginning of an address in an allowed scheme ("https:"), any letter case."""
    return re.compile(rf"(?:{'|'.join(re.escape(s) for s in policy().evidence.url_schemes)}):", re.IGNORECASE)


@cache
def _misleading() -> re.Pattern[str]:
    """Look-alike and hidden characters, in one class: one pass over each address."""
    rules = policy()
    return compile_ranges((*rules.evidence.url_lookalikes, *rules.yaml.hidden_characters))


# Characters no address holds unencoded (RFC 3986) that end an HTML attribute or tag around it:
# pasted with the address (https://x.org/a">), they are no part of it.
URL_UNSAFE = '"<>`'
_UNSAFE_WORDS = f"网址中不能有引号、尖括号或反引号（{' '.join(URL_UNSAFE)}）：请只复制网址本身"

NOT_A_URL = "应写成 http:// 或 https:// 开头的完整网址，不含空格，域名前不能有“用户名@”"

# What the checks say of an evidence entry or a society's website refused on its text alone
# (rules/evidence.py, check.py); the online form says the same words (form_labels.url_data).
# "{year}" is the report's year, in the example of a file's path (a 2017 report's is 2017's).
URL_WORDS: dict[str, str] = {
    "evidence_host": "证明材料链接：{problem}。",
    "evidence_web": "证明材料链接不是完整的网址：应写成 https://域名/路径，不含空格，域名前不能有“用户名@”。",
    "evidence_scheme": "证明材料链接只能是 http:// 或 https:// 开头的完整网址（现为“{scheme}:”开头）。",
    "evidence_absolute": "证明材料路径应相对于本学会文件夹，用“/”分隔，如 evidence/{year}-年会.pdf，不能是绝对路径。",
    "evidence_parent": "证明材料路径不能含“..”：文件必须放在本学会自己的文件夹里。",
    # Chinese words with no "/" and no "." (见附件): no address, and no file the staff could open.
    "evidence_words": "证明材料“{ref}”是一段文字，不是网址，也不是文件名：这一栏写网址（https:// 开头），"
                      "或放进本学会文件夹的文件的路径（如 evidence/{year}-年会.pdf），不写说明；"
                      "附件请放进本学会文件夹，在这里写它的路径。",
    "website_scheme": "网址只能以 http:// 或 https:// 开头，如 https://www.example.org。",
    "website_web": "学会网站不是完整的网址：应写成 https://域名，不含空格，域名前不能有“用户名@”。",
    "website_host": "学会网站：{problem}。",
}


# Every rule that reads an address asks about it (text, evidence, website): each is read once.
@lru_cache(maxsize=8192)
def url_problem(text: str) -> str | None:
    """Why `text` is no web address we may publish (Chinese), or None when it is one: NOT_A_URL,
    or a reason about what the address would show a reader (a look-alike host or character)."""
    unsafe = any(c in URL_UNSAFE for c in text)
    match = _web_url().fullmatch(text)
    if match is None:
        # https://x.org/'><svg onload=…> fails the pattern on its space: what is wrong is the tag
        # pasted with it (what an address in another scheme is, the scheme's words say).
        return _UNSAFE_WORDS if unsafe and _web_scheme().match(text) else NOT_A_URL
    if unsafe:
        return _UNSAFE_WORDS
    # The pattern above already refused ASCII control characters; the rest are not ASCII.
    if not text.isascii() and _misleading().search(text):
        return "网址中有看起来像“/”“.”“:”却不是的字符或不可见字符，会让人误认网站"
    host = match.group(1)
    if not _HOST.fullmatch(host):
        if host.isascii():
            return "网址的域名写法不对：只能由英文字母、数字、“-”和“.”组成，且不以“-”或“.”开头或结尾"
        name, port = _PORT.fullmatch(host).groups()  # type: ignore[union-attr]  # matches any text
        try:
            # As browsers read it (UTS #46, IDNA 2008): Python's own "idna" codec is IDNA 2003,
            # which turns straße.de into strasse.de, another domain.
            ascii_form = idna.encode(name, uts46=True, std3_rules=True).decode("ascii")
        except UnicodeError:
            return "网址的域名含有非 ASCII 字符：请改写成普通的英文域名"
        return (f"网址的域名含有非 ASCII 字符（有的与英文字母看起来一样）：请改写成 punycode 形式 "
                f"{ascii_form}{port or ''}")
    return _host_problem(host)


def _host_problem(host: str) -> str | None:
    """Why a host that `_HOST` accepts ("name:port" or "[IPv6]:port") is none a reader can open:
    a port out of range, an IP address a browser refuses, or a host that is not public."""
    bracketed = host.startswith("[")
    address, _, port = host[1:].partition("]") if bracketed else host.partition(":")
    port = port.removeprefix(":")
    if port and not 1 <= int(port) <= 65535:
        return f"网址的端口号 {port} 不对：只能是 1 到 65535 之间的整数"
    shown = f"[{address}]" if bracketed else address
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address
    if bracketed:
        try:
            ip = ipaddress.IPv6Address(address)
        except ValueError:
            return _BAD_IP.format(host=shown)
        ip = ip.ipv4_mapped or ip  # ::ffff:10.0.0.1 is 10.0.0.1
    else:
        name = address.lower()  # as browsers read an ASCII host
        if _ends_in_a_number(name):
            number = _ipv4(name)
            if number is None:
                return _BAD_IP.format(host=shown)
            ip = ipaddress.IPv4Address(number)
        else:
            bare = name.removesuffix(".")
            # A name of one label (https://intranet/) is resolved on the local network only.
            if "." not in bare or any(bare == n or bare.endswith("." + n) for n in policy().evidence.url_private_names):
                return _NOT_PUBLIC.format(host=shown)
            return None
    if any(ip in network for network in policy().evidence.private_networks):
        if ip.version == 4 and str(ip) != address.lower().removesuffix("."):
            shown += f"（即 {ip}）"  # 0x7f.1 and [::ffff:7f00:1] are 127.0.0.1 to a browser
        return _NOT_PUBLIC.format(host=shown)
    return None


_BAD_IP = "网址的主机 {host} 不是有效的 IP 地址（以数字结尾的主机名和方括号中的地址都按 IP 地址读），浏览器打不开"
_NOT_PUBLIC = ("网址的主机 {host} 是本机或内部网络的地址，不是公开的网址：学会以外的人（包括核实材料的工作人员）"
               "都打不开，无法核实，请改用公开的网址")


# IPv4 hosts as browsers read them (WHATWG URL Standard, "host parsing"): a host whose last label
# is a number is an IPv4 address, in one to four parts, each decimal, octal (a leading 0) or hex
# (0x); the last part fills the bytes the others leave. So 0x7f.1, 0177.0.0.1 and 2130706433 are
# all 127.0.0.1, and a host such as example.1 or 1.2.3.4.5 is no address at all (browsers refuse
# the URL). Python's ipaddress reads only the dotted-decimal form.
_RADIX_DIGITS = "0123456789abcdef"


def _ipv4_number(part: str) -> int | None:
    """The WHATWG "IPv4 number parser" on a lower-case part; None for its failure."""
    if part == "":
        return None
    radix = 10
    if len(part) >= 2 and part.startswith("0x"):
        part, radix = part[2:], 16
    elif len(part) >= 2 and part.startswith("0"):
        part, radix = part[1:], 8
    if part == "":
        return 0  # "0x" is 0
    if any(c not in _RADIX_DIGITS[:radix] for c in part):
        return None
    return int(part, radix)


def _ends_in_a_number(name: str) -> bool:
    """The WHATWG "ends in a number checker": whether the host is to be read as IPv4."""
    parts = name.split(".")
    if parts[-1] == "":
        if len(parts) == 1:
            return False
        parts.pop()
    last = parts[-1]
    return (last != "" and all(c in _RADIX_DIGITS[:10] for c in last)) or _ipv4_number(last) is not None


def _ipv4(name: str) -> int | None:
    """The WHATWG "IPv4 parser": the address as a number, or None where browsers refuse the URL."""
    parts = name.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()  # one final "." is allowed
    if len(parts) > 4:
        return None
    numbers = [_ipv4_number(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    *first, last = [n for n in numbers if n is not None]
    if any(n > 255 for n in first) or last >= 1 << 8 * (5 - len(numbers)):  # 256 ** (5 - parts)
        return None
    return last + sum(n << 8 * (3 - i) for i, n in enumerate(first))


def website_refusal(text: str) -> tuple[str, str] | None:
    """The code and words of a society's website refused on its text alone, or None."""
    problem = url_problem(text)
    if problem is None:
        return None
    if problem != NOT_A_URL:
        return "E-URL-HOST", URL_WORDS["website_host"].format(problem=problem)
    # An address in an allowed scheme is refused for what it holds, not for its beginning.
    return "E-URL-SCHEME", URL_WORDS["website_web" if _web_scheme().match(text) else "website_scheme"]


def is_web_url(text: str) -> bool:
    return url_problem(text) is None
