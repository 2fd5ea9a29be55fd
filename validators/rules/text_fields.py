"""Rules over every text value: markup is published as typed (warning), personal data never (error)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from validators.rules import nfkc_forms
from validators.rules.rule_context import RuleContext
from validators.urls import is_web_url
from validators.yaml.scalars import YamlPath

# Every pattern here runs over submitted text and is linear in it (tests/test_linear_patterns.py
# counts the instructions): no unbounded repeat that a later start could scan again.
# Markup: an HTML tag or comment ("a < b" is text to HTML too), an entity, a reference link
# definition on one line, a heading, quote or table at a line's start, an attribute list,
# emphasis or code, a data URL, and a script URL (also split by the spaces, tabs and line breaks
# a browser drops). Each form is its own pattern led by a literal: the engine skips ahead to a
# leading literal with a fast scan, where an alternation, a class or a case-blind letter is tried
# at every character of a whole report. Upper and lower case are spelled out, with the letters
# IGNORECASE also took (ſ for s, İ and ı for i, K for k); a script URL, whose letters may be
# split by any number of spaces, is found from its colon in the reversed text.
_MARKUP_LITERALS = ("{:", "**", "__", "`")
_MARKUP = tuple(re.compile(p, re.MULTILINE) for p in (
    r"<[A-Za-z\u0130\u0131\u017f\u212a!/?]",
    r"&#?\w+;",
    r"\[(?:(?<=^\[)|(?<=^[ \t]\[)|(?<=^[ \t]{2}\[)|(?<=^[ \t]{3}\[))[^\]\n]+\]:",
    *(rf"{re.escape(lead)}(?:(?<=^.)|(?<=^\s.)|(?<=^\s{{2}}.)|(?<=^\s{{3}}.)){rest}"
      for lead, rest in (("#", r"#{0,5}\s"), (">", ""), ("|", ""))),
    r":(?<=[dD][aA][tT][aA]:)(?<!\w.{5})[\w.+-]+/[\w.+-]+[;,]",
))
_SCRIPT_REVERSED = re.compile(
    r":\s*[tT]\s*[pP]\s*[iIİı]\s*[rR]\s*[cC]\s*[sSſ]\s*(?:[aA]\s*[vV]\s*[aA]\s*[jJ]|[bB]\s*[vV])")
# A Markdown link or image is "](" with a ")" anywhere after it. As a pattern (\]\([^)]*\)) it
# rescans to the end from every "](" and costs the square of the text; found with two `find`s.
_LINK_OPEN, _LINK_CLOSE = "](", ")"
# Personal data is matched in NFKC form: full-width digits and ＠ are as readable as ASCII ones.
# A dot next to the number is a decimal point only when a digit is on its other side: a sentence
# or a file name may end right after the number ("…13812345678." or "13812345678.pdf").
_MOBILE = re.compile(r"(?<!\d)(?<!\d\.)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d|\.\d)")
_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{6}[- ]?\d{8}[- ]?\d{3}[\dXx](?![\dA-Za-z])")
# Their cores, without the look-arounds: every match of the two above holds one, and the engine
# skips ahead to a pattern's first literal or tests a first character class fast (`\d\d{5}`: a
# first repeat, like a first look-behind, is tried as a whole at every character). Searched
# first, so that text without any costs little (the mobile pattern alone was a fifth of a check).
_MOBILE_CORE = re.compile(r"1[3-9]\d[- ]?\d{4}[- ]?\d{4}")
_ID_CARD_CORE = re.compile(r"\d\d{5}[- ]?\d{8}[- ]?\d{3}[\dXx]")
_ID_SEPARATORS = re.compile(r"[- ]")
# The local part is one character: only the domain is read, and a longer local part would be
# scanned again from each of its characters when no "@" follows.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# A web link inside text, taken from the text as typed: its digits are page and article ids, not
# phone or identity numbers. ASCII URL characters only, and no comma, so a number typed right
# after a link ("https://x.org/a，13812345678", "…/a,13812345678") is still read as text.
_URL_IN_TEXT = re.compile(r"(?:https?://|(?<![A-Za-z0-9.-])www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+;=%]+",
                          re.IGNORECASE)
# Every link `_URL_IN_TEXT` takes without "://" holds "www." in some case, found from its dot.
_WWW = re.compile(r"\.(?<=[wW]{3}\.)")
# The characters NFKC turns into "@" (a test checks every code point): without one of them, the
# text holds no e-mail address and need not be normalized to look for one.
AT_SIGNS = ("@", "\uff20", "\ufe6b")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# What the check says of each kind (the workbench says the same: validators/association/browser_privacy.py).
PHONE_MESSAGE = "文字中含有手机号码。仓库和网站是公开的，个人电话不得发布：请删除，需要联系方式时写学会办公电话或网址。"
ID_NUMBER_MESSAGE = "文字中含有居民身份证号码。身份证号属于个人敏感信息，公开发布违法且有风险：请删除。"
EMAIL_MESSAGE = "文字中含有个人邮箱（{domain}）。仓库和网站是公开的：请删除，或改用学会的机构邮箱。"
# What the check warns of markup (the workbench says the same: validators/association/browser_markup.py).
MARKUP_MESSAGE = "文字中含有 HTML 或 Markdown 标记：网站会按原样显示这些符号，不会执行或排版。如非有意，请删除。"


def iter_strings(data: Any, path: YamlPath = ()) -> list[tuple[YamlPath, str]]:
    """Every text value with its path, depth first (iterative: reports are walked often)."""
    found: list[tuple[YamlPath, str]] = []
    stack: list[tuple[YamlPath, Any]] = [(path, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            found.append((here, value))
        elif isinstance(value, dict):
            stack.extend(((*here, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*here, i), v) for i, v in reversed(list(enumerate(value))))
    return found


def is_identity_number(candidate: str) -> bool:
    """GB 11643: 17 digits, a plausible birth date, and the ISO 7064 MOD 11-2 check character."""
    birth_month, birth_day = int(candidate[10:12]), int(candidate[12:14])
    if not (1 <= birth_month <= 12 and 1 <= birth_day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(candidate[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == candidate[17].upper()


def _is_personal(domain: str, personal_domains: frozenset[str]) -> bool:
    """qq.com, and any host under it (vip.qq.com, vip.163.com)."""
    labels = domain.lower().split(".")
    return any(".".join(labels[i:]) in personal_domains for i in range(len(labels) - 1))


def without_urls(text: str) -> str:
    """`text` with each web link replaced by a space, so digits on either side stay apart."""
    if "://" not in text and _WWW.search(text) is None:  # no link: a whole report not scanned twice
        return text
    return _URL_IN_TEXT.sub(" ", text)


def personal_data(text: str, personal_domains: frozenset[str]) -> list[tuple[str, str]]:
    """(code, message) for each kind of personal data in `text` that must not be published."""
    plain = unicodedata.normalize("NFKC", text)
    numbers = unicodedata.normalize("NFKC", without_urls(text))
    found: list[tuple[str, str]] = []
    if _MOBILE.search(numbers):
        found.append(("E-PRIVACY-PHONE", PHONE_MESSAGE))
    if any(is_identity_number(_ID_SEPARATORS.sub("", m.group())) for m in _ID_CARD.finditer(numbers)):
        found.append(("E-PRIVACY-ID-NUMBER", ID_NUMBER_MESSAGE))
    for match in _EMAIL.finditer(plain):
        if _is_personal(match.group(1), personal_domains):
            found.append(("E-PRIVACY-EMAIL", EMAIL_MESSAGE.format(domain=match.group(1))))
    return found


def has_markup(text: str) -> bool:
    opened = text.find(_LINK_OPEN)
    return ((opened >= 0 and text.find(_LINK_CLOSE, opened + 2) >= 0) or any(m in text for m in _MARKUP_LITERALS)
            or any(pattern.search(text) for pattern in _MARKUP)
            or (":" in text and _SCRIPT_REVERSED.search(text[::-1]) is not None))


def _is_address_field(path: YamlPath) -> bool:
    return bool(path) and (path[-1] == "website" or (len(path) > 1 and path[-2] == "evidence"))


def check(strings: list[tuple[YamlPath, str]], ctx: RuleContext) -> None:
    # One search over all text at once: most reports hold none of these, and any match in
    # a single value is also a match in the joined text.
    blob = "\n".join(text for _, text in strings)
    # A link given as evidence or website is an address, not text about a person: its digits
    # are ids. An evidence file name is published too, so it is still read. Every web address
    # holds "://": without one, no value is a link.
    if "://" in blob:
        is_link = ["://" in text and _is_address_field(path) and is_web_url(text) for path, text in strings]
        read = "\n".join(text for (_, text), link in zip(strings, is_link, strict=True) if not link)
    else:
        is_link, read = [False] * len(strings), blob
    unlinked = without_urls(read)
    numbers = unicodedata.normalize("NFKC", unlinked) if nfkc_forms.may_change(unlinked) else unlinked
    may_mail = any(sign in blob for sign in AT_SIGNS)
    if not ((_MOBILE_CORE.search(numbers) and _MOBILE.search(numbers))
            or (_ID_CARD_CORE.search(numbers) and _ID_CARD.search(numbers)) or has_markup(blob)
            or (may_mail and _EMAIL.search(unicodedata.normalize("NFKC", blob)))):
        return
    personal_domains = frozenset(d.lower() for d in ctx.policy.privacy.personal_email_domains)
    for (path, text), link in zip(strings, is_link, strict=True):
        if not link:
            for code, message in personal_data(text, personal_domains):
                ctx.error(path, code, message, None)
        if path and not _is_address_field(path) and has_markup(text):
            ctx.warning(path, "W-TEXT-MARKUP", MARKUP_MESSAGE, None)
