"""A later year's pages and messages speak in that year's words, never in 2017's.

The fixture (tests/data/year_words) is a 2019 as the association's staff would write it: areas
一 and 七 renamed, 大型社会活动 renamed 大型科普活动, clause 7.2 ended, clauses 2.3, 4.3 and 6
reworded, one report. Everything the site and the messages say of 2019 in the guideline's
words (a quotation in 「…」, an area's or category's name) must come from 2019's files.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from site_builder import clause_changes
from site_builder.form_labels import year_help
from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from tests.trees import ROOT, base_tree
from validators.check import check_tree
from validators.schema import json_schema
from validators.template import report_template
from validators.year.guideline import guideline
from validators.year.quotes import growth_named, quoted, said

FIXTURE = ROOT / "tests" / "data" / "year_words"
YEAR = 2019
QUOTE = re.compile(r"「([^」]*)」")
YEAR_NAMED = re.compile(r"[^、／（]+（[0-9、]+ 年度）")
# 2017's wording that 2019's text rewords (2.3, 4.3, 6): no 2019 sentence may say it.
REWORDED = ("有较大提升", "一次性分类补助", "成果形成日期以当年评估截止日期为准", "重大工作类别")
# A value the report itself wrote, echoed back to it (and said to be an earlier year's name):
# the society's words, not the guideline's.
ECHOED = re.compile(r"“[^”]*”不是 \d+ 年度的|“[^”]*”是 \d+ 年度的[^，：。；]*")
# The rubric page's list of changes names 2018's value before each arrow (“A” → “B”), and a
# rule 2019 ends by 2018's words: said of 2018, so left out here.
EARLIER_SIDE = re.compile(r"[^\s：，]+ → ")
ENDED = re.compile(r"^- 取消：.*$", re.MULTILINE)


def _words(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = base_tree(tmp_path_factory.mktemp("year_words") / "tree")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def old_words(tree: Path) -> set[str]:
    """The names 2018 gave that 2019 no longer gives (areas and event categories), and the
    phrases 2019's text rewords."""
    before, after = guideline(YEAR - 1, tree), guideline(YEAR, tree)
    assert before is not None
    assert after is not None
    names = {a.title for a in before.areas} - {a.title for a in after.areas}
    names |= ({k.label for k in before.kinds.event_categories}
              - {k.label for k in after.kinds.event_categories})
    assert {"创新驱动助力工程", "参与市科协重大工作", "大型社会活动"} <= names  # the fixture's renames
    text = _words((tree / "validators" / "guidelines" / f"{YEAR}.txt").read_text("utf-8"))
    assert not any(w in text for w in (*names, *REWORDED))
    return names | set(REWORDED)


@pytest.fixture(scope="module")
def year_text(tree: Path) -> str:
    return _words((tree / "validators" / "guidelines" / f"{YEAR}.txt").read_text("utf-8"))


@pytest.fixture(scope="module")
def site(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("year_words_site") / "docs"
    generate(tree, out, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    return out


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, str]:
    out = site
    # Pages, and the JSON the review workbench reads (review/cases/<year>/<society>.json).
    files = sorted(p for p in out.rglob("*") if p.suffix in (".md", ".json"))
    return {p.relative_to(out).as_posix(): html.unescape(p.read_text("utf-8")) for p in files}


def _year_parts(pages: dict[str, str]) -> dict[str, str]:
    """What the site says of 2019: its own pages, and the rubric page's table of readings
    (read from the latest year) with its 2019 section."""
    parts = {name: text for name, text in pages.items() if f"/{YEAR}/" in f"/{name}"}
    rubric = pages["rubric/index.md"]
    start, own = rubric.index("{#interpretations}"), rubric.index(f"{{#rubric-{YEAR}}}")
    # The earlier years' own readings, listed between them, are theirs and keep their words.
    parts["rubric/index.md"] = (rubric[start:rubric.index("{#interpretations-earlier}")]
                                + EARLIER_SIDE.sub("", ENDED.sub("", rubric[own:rubric.index(f"{{#rubric-{YEAR - 1}}}")])))
    # The guideline page's list of changed clauses quotes the year before as that year's words.
    guide = f"guideline/{YEAR}/index.md"
    text = parts[guide]
    at = text.index(f"{{#{clause_changes.ANCHOR}}}")
    start, end = text.rindex("\n## ", 0, at), text.find("\n## ", at)
    parts[guide] = text[:start] + (text[end:] if end != -1 else "")
    return parts


def test_messages_use_the_years_words(tree: Path, old_words: set[str], year_text: str) -> None:
    findings = [f for f in check_tree(tree)[0].findings if f.file.endswith(f"/{YEAR}.yaml")]
    codes = {f.code for f in findings}
    assert {"E-FUNCTION-NOT-GOVERNMENT", "E-CRITERIA-ROLE", "W-ACHIEVEMENT-OUTSIDE-WINDOW"} <= codes
    said = [ECHOED.sub("", f.message) for f in findings]
    assert [m for m in said if any(w in m for w in old_words)] == []
    assert [q for m in said for q in QUOTE.findall(m) if _words(q) not in year_text] == []
    assert any("创新驱动发展工程" in m for m in said)
    assert any("大型科普活动" in m for m in said)


def test_pages_use_the_years_words(pages: dict[str, str], old_words: set[str], year_text: str) -> None:
    parts = _year_parts(pages)
    assert any(name.startswith("societies/") for name in parts)
    # A society's own cell may still say the category it wrote (大型社会活动): only the
    # guideline's sentences are held here, so the society's written values are taken out.
    written = ("“大型社会活动”不是", "“大型社会活动”是 2018 年度的名称", "“科技扶贫”是 2018 年度的重大工作类别",
               ">大型社会活动<", '"大型社会活动"')
    rendered = {}
    for name, text in parts.items():
        for value in written:
            text = text.replace(value, "")
        rendered[name] = text
    assert {name: [w for w in old_words if w in text] for name, text in rendered.items()
            if any(w in text for w in old_words)} == {}
    assert {name: q for name, text in parts.items()
            if (q := [q for q in QUOTE.findall(text) if _words(q) not in year_text])} == {}
    assert "参与市科协中心工作（" in parts[f"areas/{YEAR}/major_work/index.md"]


def test_the_template_uses_the_years_words(tree: Path, old_words: set[str]) -> None:
    rules = guideline(YEAR, tree)
    assert rules is not None
    template = report_template("cd-fintech", YEAR, rules)
    assert [w for w in old_words if w in template] == []
    assert "参与市科协中心工作，每项一段" in template
    assert "（条款 7.1–7.5）" not in template  # 7.2 ended
    assert "（条款 7.1、7.3–7.5）" in template


def test_a_phrase_is_quoted_only_as_the_year_says_it() -> None:
    assert quoted("有较大提升", "3.支持承能（委托工作）有较大\n提升的学会。") == "「有较大提升」"
    assert quoted("有较大提升", "3.支持承能（委托工作）显著增长的学会。") is None
    assert said("有较大提升", "显著增长") == "有较大提升"
    assert growth_named({"2.3": "支持承能（委托工作）显著增长的学会。"}, "2.3") == "条款 2.3 所说的增长"
    # The clause the year's rubric cites for `growth`, as the year numbers it.
    assert growth_named({"2.4": "支持承能（委托工作）有较大提升的学会。"}, "2.4") == "「有较大提升」"


def _texts(node: object) -> list[str]:
    """Every title and description of a JSON Schema but its kinds' (the schema of no particular
    year lists every year's, an earlier year's name said to be that year's)."""
    if isinstance(node, dict) and "const" in node:
        return []
    if isinstance(node, dict):
        return [*(v for k, v in node.items() if k in ("title", "description") and isinstance(v, str)),
                *(t for v in node.values() for t in _texts(v))]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def test_field_help_says_the_years_words(tree: Path, year_text: str) -> None:
    """The help the models give each field (JSON Schemas, editor, template, form) quotes no words
    of the earlier years' text that the year's text no longer holds (重大工作, 以当年评估截止日期为准)."""
    rules, before = guideline(YEAR, tree), guideline(YEAR - 1, tree)
    assert rules is not None
    assert before is not None
    earlier = _words("".join(before.clauses.values()) + "".join(a.title for a in before.areas))
    # The year's schema, and the schema of no particular year that every report's first line
    # names for editors (a 2019 report is edited against it too).
    help_texts = [*_texts(json_schema(year=YEAR, root=tree)), *_texts(json_schema(root=tree)),
                  *year_help(rules).values(),
                  *(line.partition("#")[2] for line in report_template("cd-fintech", YEAR, rules).splitlines())]
    # An area's name that differs between years, in the schema of no particular year, is said
    # with its years (“创新驱动助力工程（2017、2018 年度）”): an earlier year's name said as that year's.
    help_texts = [YEAR_NAMED.sub("", t) for t in help_texts]
    # Four characters running (“重大工作”) of the earlier text, not of this year's.
    stale = {w for t in help_texts for i in range(len(t) - 3)
             if (w := t[i:i + 4]) in earlier and w not in year_text and not w.isascii()}
    assert stale == set()
    described = {t for t in _texts(json_schema(year=YEAR, root=tree)) if "参与市科协中心工作" in t}
    assert "本年度“参与市科协中心工作”的类别之一（条款 7.1、7.3–7.5）" in described
    # The year before still says its own words.
    assert "本年度的重大工作类别之一（条款 7.1–7.5）" in _texts(json_schema(year=YEAR - 1, root=tree))


def test_an_area_download_is_named_as_each_year_names_it(site: Path, pages: dict[str, str]) -> None:
    """七's table of every year: its file says both years' titles (as the rankings do), its
    sheet in the workbook the newest year's."""
    downloads = pages["downloads/index.md"]
    row = downloads[downloads.index("items-major_work.csv"):]
    assert "参与市科协重大工作／参与市科协中心工作（2019 年起）：全部学会、全部年度（CSV）" in row[:row.index("</tr>")]
    sheets = openpyxl.load_workbook(site / "downloads" / "tables.xlsx", read_only=True).sheetnames
    assert "参与市科协中心工作" in sheets
    assert "参与市科协重大工作" not in sheets
