"""The one test of "is this a web address we may publish": http/https with a plain ASCII host,
nothing that draws like a slash or a dot without being one, and why not when it is not."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import idna

from validators.yaml.hidden_characters import compile_ranges
from validators.yaml.policy import policy

__all__ = ["NOT_A_URL", "URL_UNSAFE", "URL_WORDS", "is_web_url", "url_problem"]

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
def _misleading() -> re.Pattern[str]:
    """Look-alike and hidden characters, in one class: one pass over each address."""
    rules = policy()
    return compile_ranges((*rules.evidence.url_lookalikes, *rules.yaml.hidden_characters))


# Characters no address holds unencoded (RFC 3986) that end an HTML attribute or tag around it:
# pasted with the address (https://x.org/a">), they are no part of it.
URL_UNSAFE = '"<>`'

NOT_A_URL = "应写成 http:// 或 https:// 开头的完整网址，不含空格，域名前不能有“用户名@”"

# What the checks say of an evidence entry or a society's website refused on its text alone
# (rules/evidence.py, check.py); the online form says the same words (form_labels.url_data).
URL_WORDS: dict[str, str] = {
    "evidence_host": "证明材料链接：{problem}。",
    "evidence_web": "证明材料链接不是完整的网址：应写成 https://域名/路径，不含空格，域名前不能有“用户名@”。",
    "evidence_scheme": "证明材料链接只能是 http:// 或 https:// 开头的完整网址（现为“{scheme}:”开头）。",
    "evidence_absolute": "证明材料路径应相对于本学会文件夹，用“/”分隔，如 evidence/2017-年会.pdf，不能是绝对路径。",
    "evidence_parent": "证明材料路径不能含“..”：文件必须放在本学会自己的文件夹里。",
    "website_scheme": "网址只能以 http:// 或 https:// 开头，如 https://www.example.org。",
    "website_host": "学会网站：{problem}。",
}


# Every rule that reads an address asks about it (text, evidence, website): each is read once.
@lru_cache(maxsize=8192)
def url_problem(text: str) -> str | None:
    """Why `text` is no web address we may publish (Chinese), or None when it is one: NOT_A_URL,
    or a reason about what the address would show a reader (a look-alike host or character)."""
    match = _web_url().fullmatch(text)
    if match is None:
        return NOT_A_URL
    if any(c in URL_UNSAFE for c in text):
        return f"网址中不能有引号、尖括号或反引号（{' '.join(URL_UNSAFE)}）：请只复制网址本身"
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
    return None


def is_web_url(text: str) -> bool:
    return url_problem(text) is None
