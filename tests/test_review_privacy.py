"""The workbench refuses personal data as `check` refuses it: review-privacy.js, run under Node
with the rule validators/association/browser_privacy.py exports into the workbench's settings, gives for every text
the same E-PRIVACY codes and words as `personal_data`, and as `check` gives for that text written
as a reason in a review file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.review_reasons import in_workbench, reason_findings
from validators.association.browser_privacy import browser_privacy_rule
from validators.rules.text_fields import personal_data
from validators.yaml.policy import policy

DOMAINS = frozenset(d.lower() for d in policy().privacy.personal_email_domains)
# What a user review found the page let through, and the forms the check's own tests name.
TEXTS = [
    "13800138000", "联系人：张老师13812345678。", "+86 138 1234 5678", "+8613812345678", "86-138-1234-5678",
    "0086 15912345678", "(+86)19912345678", "138-1234-5678", "１３８１２３４５６７８", "Contact 13812345678.",
    "evidence/张老师13812345678.pdf", "办公电话 028-85123456", "12345678901", "项目编号 2017138123456789",
    "经费 13812345678.50 元", "版本 2.13812345678", "https://www.cdast.org.cn/news/2017/0512/13812345678.html",
    "https://example.org/a?id=11010519491231002X", "报道见https://example.org/p/11010519491231002X，欢迎转发",
    "官网 www.example.org/13812345678。", "HTTP://EXAMPLE.ORG/13812345678",
    "11010519491231002X", "身份证号：11010519491231002x", "身份证 110105 19491231 002X", "身份证 110105-19491231-002X",
    "身份证 １１０１０５１９４９１２３１００２Ｘ", "编号 110105194912310021", "流水号 1101051949123100211",
    "流水号 A11010519491231002X", "统一社会信用代码 91510100MA61234567", "51010419901301123X",
    "zhang@qq.com", "联系 12345678@qq.com", "zhang.san@163.com", "Zhang@QQ.COM", "x@vip.163.com", "zhang＠qq.com",
    "mailto:li_si+cast@126.com", "a@qq.com b@163.com", "office@cdast.org.cn", "user@notqq.com", "user@qq.company.cn",
    "证明材料中没有企业出具的服务确认。",
    # Arabic-Indic digits: Python's \\d takes them (an identity number), JavaScript's needs \\p{Nd}.
    "\u0661\u0663\u0668\u0660\u0660\u0661\u0663\u0668\u0660\u0660\u0660",
    "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661\u0660\u0660\u0662X",
]
PIECES = ["138", "1380013", "8000", "+86", "86-", "110105", "19491231", "002X", "002x", "１３８", "@", "＠", "qq.com",
          "163.com", "cdast.org.cn", "https://", "www.", "example.org/", ".", "-", " ", "，", "张", "x", "X", "0", "1"]
_PIECES = st.lists(st.sampled_from(PIECES) | st.text("0123456789 -+.@x", max_size=4), max_size=12).map("".join)


def _by_check(texts: list[str], tmp: Path) -> list[list[list[str]]]:
    """Each text as the reason of one record of a review file, through the check."""
    said: list[list[list[str]]] = [[] for _ in texts]
    for f in reason_findings(texts, tmp):
        if f.code.startswith("E-PRIVACY") and f.path and f.path[0] == "items":
            assert f.path[2] == "reason", f.path
            said[int(f.path[1])].append([f.code, f.message])
    return said


def _check_all(drawn: list[str], tmp: Path) -> None:
    texts = [t or "理由" for t in drawn]  # a reason is never empty (the model refuses it before any rule)
    python = [[[c, m] for c, m in personal_data(t, DOMAINS)] for t in texts]
    # The check reports a kind once per value; `personal_data` names each personal address.
    assert _by_check(texts, tmp) == python
    page = in_workbench("personalData", browser_privacy_rule(), texts, "r.map((f) => [f.code, f.message])")
    for text, mine, theirs in zip(texts, page, python, strict=True):
        assert mine == theirs, text


def test_the_page_refuses_what_check_refuses_in_the_same_words(tmp_path: Path) -> None:
    _check_all(TEXTS, tmp_path)
    assert any(personal_data(t, DOMAINS) for t in TEXTS)
    assert not all(personal_data(t, DOMAINS) for t in TEXTS)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, min_size=20, max_size=40))
def test_on_drawn_texts_the_page_and_the_check_agree(tmp_path: Path, texts: list[str]) -> None:
    _check_all(texts, tmp_path)
