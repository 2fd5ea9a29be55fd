"""Every quotation of the guideline is verbatim.

The project marks a quotation of the guideline with corner brackets 「…」 and uses them for
nothing else, so each one can be found in the guideline's text (line breaks removed, as the
printed text breaks lines inside sentences). The same holds for each clause text the year
files carry, and for the quotations that reach readers: generated pages and finding messages.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from tests.trees import ROOT
from validators.check import check_tree
from validators.year.guideline import GUIDELINES_DIR, available_years, guideline
from validators.year.text import text_year

QUOTE = re.compile(r"「([^」]*)」")
ORIGINAL = "".join((GUIDELINES_DIR / "2017.txt").read_text("utf-8").split())
SOURCES = sorted([*ROOT.glob("validators/**/*.py"), *ROOT.glob("validators/**/*.yaml"),
                  *ROOT.glob("site_builder/**/*.py"), *ROOT.glob("site_builder/**/*.js"),
                  *ROOT.glob("docs/*.md"), ROOT / "README.md",
                  *ROOT.glob("tests/data/fidelity/*/expected.yaml")])


def _unquoted(text: str) -> list[str]:
    """The quotations in `text` that the guideline does not hold word for word."""
    return [q for q in QUOTE.findall(text) if "".join(q.split()) not in ORIGINAL]


def test_the_marker_finds_quotations() -> None:
    assert _unquoted("「在中国科协“面状”试点区域---郫都区开展具有成效性的服务工作」") == []
    assert _unquoted("「根据评估绩效予以分档补助」") == []
    # The misquotation this test was written against: area 六 pays by yearly achievement review.
    assert _unquoted("「根据每年一次的评估绩效予以补助」") == ["根据每年一次的评估绩效予以补助"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_source_quotations_are_verbatim(path: Path) -> None:
    text = path.read_text("utf-8")
    if path.suffix in (".py", ".js"):  # a string literal continued on the next line
        text = re.sub(r"""["']\s*\n\s*[fr]?["']""", "", text)
    assert _unquoted(text) == []


def test_sources_quote_the_guideline() -> None:
    """The marker is in use where the guideline is quoted most: the year files and the rules
    (the rubric page quotes through validators/year/quotes.py, as each shown year's text says)."""
    quoted = {p.name for p in SOURCES if QUOTE.search(p.read_text("utf-8"))}
    assert {"2017.yaml", "rubric.py", "scoring.py"} <= quoted


@pytest.mark.parametrize("year", [y for y in available_years() if text_year(y) == available_years()[0]])
def test_clause_texts_are_verbatim(year: int) -> None:
    """Every year judged by the 2017 text quotes the published guideline (a later year's own
    text is its own source, held to its rules by the year check)."""
    for clause, text in guideline(year).clauses.items():
        assert "".join(text.split()) in ORIGINAL, clause


def test_published_pages_quote_verbatim(tmp_path: Path) -> None:
    generate(ROOT, tmp_path / "docs", settings=SiteSettings(repo_url="https://github.com/example/r"),
             date="2001-02-03")
    pages = sorted((tmp_path / "docs").rglob("*.md"))
    texts = {p.relative_to(tmp_path / "docs").as_posix(): html.unescape(p.read_text("utf-8")) for p in pages}
    assert any(QUOTE.search(t) for t in texts.values())
    assert {name: q for name, t in texts.items() if (q := _unquoted(t))} == {}


def test_finding_messages_quote_verbatim() -> None:
    fidelity = ROOT / "tests" / "data" / "fidelity"
    messages = [f.message for case in sorted(p for p in fidelity.iterdir() if p.is_dir())
                for f in check_tree(case)[0].findings]
    assert any(QUOTE.search(m) for m in messages)
    assert [q for m in messages for q in _unquoted(m)] == []
