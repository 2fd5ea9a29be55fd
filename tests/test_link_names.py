"""A society's year page has dozens of “原文” links and evidence links that show only a host
(example.org): read aloud, each said the same. Every one has an accessible name that says what
it points to, beginning with the words shown (a spoken command still finds it)."""

from __future__ import annotations

import html
import re

from site_builder import context, report_page
from site_builder.form_page import site_settings
from tests.trees import ROOT

_ANCHOR = re.compile(r"<a\s[^>]*>.*?</a>", re.S)
_NAME = re.compile(r'aria-label="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_HOST = re.compile(r'<span class="sb-host">(.*?)</span>')


def test_every_source_and_evidence_link_of_a_report_page_says_what_it_points_to() -> None:
    site = context.load(ROOT, site_settings(), "2026-11-30")
    for doc in site.reports_in(2017):
        page = report_page.render(site, doc)
        sources = [a for a in _ANCHOR.findall(page) if 'class="sb-src"' in a]
        evidence = [a for a in _ANCHOR.findall(page) if "sb-host" in a]
        assert len(sources) >= 15, doc.file
        assert evidence, doc.file
        for anchor in sources:
            [name] = _NAME.findall(anchor)
            assert html.unescape(name).startswith("原文："), anchor
            assert _TAG.sub("", anchor) == "原文"  # the visible text is kept
        for anchor in evidence:
            [name] = _NAME.findall(anchor)
            [host] = _HOST.findall(anchor)
            assert html.unescape(name).startswith(html.unescape(host) + "，"), anchor
            assert html.unescape(name).rstrip(" 0123456789").endswith("的证明材料"), anchor
    mech = next(d for d in site.reports_in(2017) if d.report.society == "cd-mech-eng")
    names = [html.unescape(n) for n in _NAME.findall(report_page.render(site, mech))]
    assert "原文：数控机床主轴精度提升技术咨询，第 47 行" in names
    assert "example.org，数控机床主轴精度提升技术咨询的证明材料 2" in names
    assert "原文：本报告文件" in names
