"""Every quotation of the guideline is verbatim.

The project marks a quotation of the guideline with corner brackets 「…」 and uses them for
nothing else, so each one can be found in the guideline's text (line breaks removed, as the
printed text breaks lines inside sentences). The same holds for each clause text the year
files carry, and for the quotations that reach readers: generated pages and finding messages.
"""

from __future__ import annotations

import ast
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


PLAIN_QUOTE = re.compile(r"“([^“”]+)”")
# Field texts of the data model, the same in every year (the schema, form and workbook): they
# name the site and the topic as the 2017 text does, and are not yet said through the year's words.
MODEL_FIELD_TEXTS = {("validators/models/innovation.py", "企业科协网"),
                     ("validators/models/research.py", "国家中心城市")}


def _plain_quotations(source: str) -> list[str]:
    """The guideline's words (four characters or more, so no mere 其他 or 学会) that the string
    literals of `source` put in ordinary quotes “…” rather than the guideline's 「…」."""
    return [q for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            for q in PLAIN_QUOTE.findall(node.value)
            if len(w := "".join(q.split())) >= 4 and w in ORIGINAL]


def test_plain_quotes_hold_no_guideline_words() -> None:
    """Score lines, advice and messages quote the guideline with 「」 (through
    validators/year/quotes.py, so a year that rewords it is not misquoted), never with “”."""
    # The line this test was written against (clause 2.3's words in a score line):
    assert _plain_quotations('note = f"{n}：未达到“有较大提升”"  # “有较大提升”') == ["有较大提升"]
    sources = sorted([*ROOT.glob("validators/**/*.py"), *ROOT.glob("site_builder/**/*.py")])
    found = [(p.relative_to(ROOT).as_posix(), q) for p in sources for q in _plain_quotations(p.read_text("utf-8"))]
    assert sorted(set(found) - MODEL_FIELD_TEXTS) == []


def test_the_growth_line_quotes_the_guideline(tmp_path: Path) -> None:
    from tests.test_cross_file import _functions, _report
    from tests.trees import profile, write_tree
    from validators.evaluation.evaluate import evaluate_repository

    write_tree(tmp_path, {"submissions/cd-a/society.yaml": profile("cd-a"),
                          "submissions/cd-a/2017.yaml": _report("cd-a", 2017, _functions(2017, [10, 10])),
                          "submissions/cd-a/2018.yaml": _report("cd-a", 2018, _functions(2018, [12, 12]))})
    [evaluation] = evaluate_repository(check_tree(tmp_path)[1], 2018)
    [line] = [x for x in evaluation.lines if x.clause == "2.3"]
    assert line.note.endswith("：未达到「有较大提升」（数量增加 2 项或金额增长 30%）")
