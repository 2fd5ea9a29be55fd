"""Every pattern that runs over submitted text costs time linear in the text.

A backtracking engine spends the square of the text's length on a pattern whose unbounded
repeat is scanned again from each start (`\\]\\([^)]*\\)` over "](" × 1000 took minutes). Time is
no proof on a shared machine, so the engine's work is counted: callgrind counts the machine
instructions of one process running every pattern over its known worst input, at three lengths.
A linear pattern adds the same work for each doubling (ratio 2); one quadratic pattern among
them makes the ratio head for 4. The inventory below names every compiled pattern of the
project, so that a new one has to say which kind it is.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import site_builder
import validators
from site_builder import (
    clause_changes,
    form_labels,
    markup,
    rankings,
    search_dict,
    tables,
    typography,
    zensical_build,
)
from validators import (
    console,
    csv_export,
    markdown_text,
    related_files,
    reporters,
    schema_findings,
    submission_paths,
    urls,
)
from validators.association import admin_list, browser_markup, objection_items, reviews
from validators.evaluation import results
from validators.github import doctor, pr_comment, review_base
from validators.models.common import SLUG_PATTERN
from validators.rules import cross_file_common, evidence, nfkc_forms, text_fields, year_mentions
from validators.xlsx import cells as xlsx_cells
from validators.yaml import fast_path, loading, scalars
from validators.yaml.hidden_characters import _PARTS, compile_ranges
from validators.yaml.policy import hidden_characters as hidden_class
from validators.year import consistency as year_consistency
from validators.year import files as year_files
from validators.year import text as year_text

# What each pattern is applied with, and the pieces that make it work hardest: each piece is
# repeated into a block, the blocks follow one another. A `search` stops at its first match, so
# its pieces match nowhere, alone or side by side.
Hostile = tuple[re.Pattern[str], str, tuple[str, ...], str]  # pattern, call, pieces, prefix

SLUG = re.compile(SLUG_PATTERN)
_NFKC = compile_ranges(nfkc_forms.RANGES)
SUBMITTED: dict[str, Hostile] = {
    "text_fields._MARKUP[0]": (text_fields._MARKUP[0], "search", ("<", "< "), ""),
    "text_fields._MARKUP[1]": (text_fields._MARKUP[1], "search", ("&a", "&#", "&"), ""),
    "text_fields._MARKUP[2]": (text_fields._MARKUP[2], "search", ("\n[a", "[a", "\n   [", "["), ""),
    "text_fields._MARKUP[3]": (text_fields._MARKUP[3], "search", ("\n#######", " #", "#"), ""),
    "text_fields._MARKUP[4]": (text_fields._MARKUP[4], "search", (" >", ">"), ""),
    "text_fields._MARKUP[5]": (text_fields._MARKUP[5], "search", (" |", "|"), ""),
    "text_fields._MARKUP[6]": (text_fields._MARKUP[6], "search", ("data:a", "data:a/", ":", "adata:"), ""),
    "text_fields._SCRIPT_REVERSED": (text_fields._SCRIPT_REVERSED, "search",
                                     (":t", ": t p i r c s", ":tpircs a", ":tpircsb"), ""),
    "text_fields._MOBILE": (text_fields._MOBILE, "finditer", ("138 ", "13", "+86-1", "1.3"), ""),
    "text_fields._ID_CARD": (text_fields._ID_CARD, "finditer", ("1", "1-", "11111111 "), ""),
    "text_fields._MOBILE_CORE": (text_fields._MOBILE_CORE, "search", ("138 ", "13", "1"), ""),
    "text_fields._ID_CARD_CORE": (text_fields._ID_CARD_CORE, "search", ("1", "1-", "11111111 "), ""),
    # The association's contact in .github/admins.yaml, which a pull request may rewrite.
    "admin_list._EMAIL": (admin_list._EMAIL, "fullmatch", ("a", "a@a-", "a@a.", "@a.", "a-a."), ""),
    "admin_list._PHONE": (admin_list._PHONE, "fullmatch", ("1", "+1", "( ", "1转a"), ""),
    "admin_list._PHONE_DIGITS": (admin_list._PHONE_DIGITS, "findall", ("1", "a"), ""),
    "text_fields._ID_SEPARATORS": (text_fields._ID_SEPARATORS, "sub", ("- ",), ""),
    "text_fields._EMAIL": (text_fields._EMAIL, "finditer", ("a", "a@a-", "a@a.", "@a."), ""),
    "nfkc_forms ranges[0]": (_PARTS[_NFKC][0], "search", ("a", "\u4e2d", "\U0001d7ce"), ""),
    "nfkc_forms ranges[1]": (typing.cast(re.Pattern[str], _PARTS[_NFKC][1]), "search",
                             ("a", "\u4e2d", "\U0001f600"), ""),
    "text_fields._WWW": (text_fields._WWW, "search", ("ww.", "a.", "."), ""),
    "text_fields._URL_IN_TEXT": (text_fields._URL_IN_TEXT, "sub", ("http://", "www.", "ww", "wwwa."), ""),
    "year_mentions._YEAR": (year_mentions._YEAR, "finditer", ("2017 ", "2017", "20", "1999\t"), ""),
    "markdown_text._BREAKS": (markdown_text._BREAKS, "sub", ("\r\n", "a"), ""),
    "markdown_text._GITHUB_TRIGGERS": (markdown_text._GITHUB_TRIGGERS, "sub", ("gh-", "www.", "@#"), ""),
    "markdown_text._BACKTICKS": (markdown_text._BACKTICKS, "findall", ("`", "a`"), ""),
    "files._YEAR_FILE_PATH": (year_files._YEAR_FILE_PATH, "fullmatch", ("2017", "/", ".yaml"),
                              "validators/guidelines/"),
    "loading._BLOCK_HEADER": (loading._BLOCK_HEADER, "search", (" |", "-", "0", "|>"), ""),
    "review_base._BASED_ON": (review_base._BASED_ON, "fullmatch", ("a", "0", "non"), ""),
    "urls._HOST": (urls._HOST, "fullmatch", ("a-", "a.", "[:"), "a"),
    "urls._PORT": (urls._PORT, "fullmatch", (":1", "\u4f8b:", ":12345a"), ""),
    "urls._web_url()": (urls._web_url(), "fullmatch", ("a", "a/", "a?#"), "http://"),
    "urls._misleading()": (urls._misleading(), "search", ("a", "\u4e2d"), ""),
    "urls._web_scheme()": (urls._web_scheme(), "match", ("a", "h"), ""),
    "policy.hidden_characters()": (hidden_class(), "search", ("a", "\u4e2d", "\U0001f600"), ""),
    # The two classes `first_of` searches a whole file with instead.
    "hidden_characters._PARTS[0]": (_PARTS[hidden_class()][0], "search", ("a", "\u4e2d", "\U0001f600"), ""),
    "hidden_characters._PARTS[1]": (typing.cast(re.Pattern[str], _PARTS[hidden_class()][1]), "search",
                                    ("a", "\u4e2d", "\U0001f600"), ""),
    "scalars._INT": (scalars._INT, "fullmatch", ("1", "0"), "1"),
    "scalars._FLOAT": (scalars._FLOAT, "fullmatch", ("1", "1."), "1"),
    "scalars.DATE": (scalars.DATE, "fullmatch", ("1",), ""),
    "loading._CONTROL": (loading._CONTROL, "search", ("a", "\u4e2d"), ""),
    # Built for the depth limit left after the brackets; the largest the policy allows here.
    "loading._prefix_longer_than(29)[0]": (loading._prefix_longer_than(29)[0], "match", ("- ", ":?"), ""),
    "loading._prefix_longer_than(29)[1]": (loading._prefix_longer_than(29)[1], "search",
                                           ("- ", "\n- ", ":?"), ""),
    "loading._prefix_longer_than(29)[2]": (loading._prefix_longer_than(29)[2], "search",
                                           ("- ", "\r- ", ":?"), ""),
    # The fast path's gates, over every file a check reads.
    "fast_path._GATES[0]": (fast_path._GATES[0], "search", ("a0", "-0a", "10"), ""),
    "fast_path._GATES[1]": (fast_path._GATES[1], "search", ("a_", "_a"), ""),
    "fast_path._GATES[2]": (fast_path._GATES[2], "search", (".in", ".na", ".infa"), ""),
    "fast_path._GATES[3]": (fast_path._GATES[3], "search", ('"a',), ""),
    "fast_path._GATES[4]": (fast_path._GATES[4], "search", ("'a",), ""),
    "fast_path._GATES[5]": (fast_path._GATES[5], "search", ("|-+9  a", "|a"), ""),
    "fast_path._GATES[6]": (fast_path._GATES[6], "search", (">-+9  a", ">a"), ""),
    "fast_path._GATES[7]": (fast_path._GATES[7], "search", ("[]", "]"), ""),
    "fast_path._GATES[8]": (fast_path._GATES[8], "search", ("\r\n",), ""),
    "fast_path._GATES[9]": (fast_path._GATES[9], "search", ("\n--", "\n..a"), ""),
    "fast_path._GATES[10]": (fast_path._GATES[10], "search", ("a?", "?a"), ""),
    "fast_path._GATES[11]": (fast_path._GATES[11], "search", (" a", "\na"), ""),
    "fast_path._GATES[12]": (fast_path._GATES[12], "search", ("a+", "+a", " +a"), ""),
    "evidence._SCHEME": (evidence._SCHEME, "match", ("a", "a+"), "a"),
    "evidence._WEB_SCHEME": (evidence._WEB_SCHEME, "match", ("h",), ""),
    "evidence._DRIVE": (evidence._DRIVE, "match", ("a",), ""),
    "evidence._DRIVE_PATH": (evidence._DRIVE_PATH, "match", ("a",), ""),
    "evidence._URL_IGNORED": (evidence._URL_IGNORED, "sub", ("\t", "a"), ""),
    "related_files._SEGMENT": (related_files._SEGMENT, "findall", ("a", "a ", '"'), ""),
    "related_files._PLAIN": (related_files._PLAIN, "findall", ("a", "a学"), ""),
    "cross_file_common._BETWEEN_DIGITS": (cross_file_common._BETWEEN_DIGITS, "finditer", ("1.", "1.1", "..1"), ""),
    "related_files._IDEOGRAPHS": (related_files._IDEOGRAPHS, "findall", ("学", "学a"), ""),
    "reporters._UNPRINTABLE": (reporters._UNPRINTABLE, "sub", ("a\x00", "a"), ""),
    "schema_findings._DATE_LIKE": (schema_findings._DATE_LIKE, "match", ("1",), ""),
    "schema_findings._MONTH": (schema_findings._MONTH, "match", ("1", " ", "2018年 ", "2018- "), "2018"),
    "csv_export._NUMBER": (csv_export._NUMBER, "fullmatch", ("1", "1."), "1"),
    "submission_paths._REPORT_NAME": (submission_paths._REPORT_NAME, "fullmatch", ("1",), ""),
    "submission_paths._YEAR_LIKE": (submission_paths._YEAR_LIKE, "fullmatch", ("1",), ""),
    "submission_paths._SURROGATE": (submission_paths._SURROGATE, "search", ("a",), ""),
    "console._SURROGATES": (console._SURROGATES, "search", ("a",), ""),
    "pr_comment._CONTROL": (pr_comment._CONTROL, "search", ("a",), ""),
    "pr_comment._REPO": (pr_comment._REPO, "fullmatch", ("a", "a-"), "a/"),
    "pr_comment._SHA": (pr_comment._SHA, "fullmatch", ("a",), ""),
    "pr_comment._SITE": (pr_comment._SITE, "fullmatch", ("a.", "/a"), "https://"),
    "common.SLUG_PATTERN": (SLUG, "fullmatch", ("a", "a-"), ""),
    "typography._GAP": (typography._GAP, "sub", ("\u4e2d ", " ", "\u4e2d\t"), ""),
    # A table cell's markup with a submission's text in it (escaped): tags, entities, long runs.
    "tables._RUN": (tables._RUN, "sub", ("<", "<a", "<time>", "<time>a", "&a", "&#", "&amp;", "a", "\u4e2d"), ""),
    "search_dict._HAN": (search_dict._HAN, "findall", ("\u4e2da", "\u4e2d"), ""),
    # An objection's subject (the association records a member of the public's words): openers
    # never closed are the worst.
    "objection_items.QUOTED": (objection_items.QUOTED, "finditer", ("“a", "“", "\u300ca", "《a", "a”"), ""),
    "objection_items.SENTENCE_END": (objection_items.SENTENCE_END, "split", ("a", "。", ";\n"), ""),
    # A workbook's cells (xlsx import): a whole cell is matched, spaces inside are the worst.
    "xlsx_cells._DATE": (xlsx_cells._DATE, "match", ("1", " ", "2018年 ", "2018- "), "2018"),
    "xlsx_cells._INTEGER": (xlsx_cells._INTEGER, "match", ("1",), "+"),
    "xlsx_cells._NUMBER": (xlsx_cells._NUMBER, "match", ("1", "1."), ""),
    "xlsx_cells._DIGITS": (xlsx_cells._DIGITS, "match", ("1", "1."), ""),
}

# Patterns over text the association or the project itself writes, never a submission's.
TRUSTED: dict[str, tuple[re.Pattern[str], str]] = {
    "nfkc_forms._READ": (nfkc_forms._READ, "one character's NFKC form, when the list is made or tested"),
    "rankings._COUNT_SPACE": (rankings._COUNT_SPACE, "the rankings' own remark words (counts and states)"),
    "browser_markup._COUNTED": (browser_markup._COUNTED, "the project's own markup patterns, rewritten for JavaScript"),
    "files._YEAR_FILE": (year_files._YEAR_FILE, "year file names in validators/guidelines/"),
    "clause_changes._RUN": (clause_changes._RUN, "the guideline text the staff publish"),
    "text._CLAUSE": (year_text._CLAUSE, "the guideline text the staff publish"),
    "text._LEAD_IN": (year_text._LEAD_IN, "the guideline text the staff publish"),
    "text._AREA": (year_text._AREA, "the guideline text the staff publish"),
    "text._CLAUSE_LIKE": (year_text._CLAUSE_LIKE, "the guideline text the staff publish"),
    "consistency._YEAR_NAMED": (year_consistency._YEAR_NAMED, "the year files' titles and statements"),
    "consistency._NUMBER_SAID": (year_consistency._NUMBER_SAID, "the guideline text the staff publish"),
    "text._CLAUSE_MENTION": (year_text._CLAUSE_MENTION, "the project's own help texts"),
    "text._CLAUSE_RANGE": (year_text._CLAUSE_RANGE, "the project's own help texts"),
    "text._CLAUSES_CITED": (year_text._CLAUSES_CITED, "the project's own help texts"),
    "tables._TAGS": (tables._TAGS, "column headers the site's code writes"),
    "markup._ISO_DAY": (markup._ISO_DAY, "the year files' sentences (an evaluation window and its note)"),
    "form_labels._ID_EXAMPLE": (form_labels._ID_EXAMPLE, "the models' own field descriptions"),
    "zensical_build._ANSI": (zensical_build._ANSI, "Zensical's own console output"),
    "reviews._YEAR_FOLDER": (reviews._YEAR_FOLDER, "folder names under reviews/ (admins only)"),
    "results._RESULT_FILE": (results._RESULT_FILE, "file names under results/ (admins only)"),
    "results._COMMIT": (results._COMMIT, "git's own output"),
    "doctor._GITHUB_REPO": (doctor._GITHUB_REPO, "repo_url in mkdocs.yml (admins only)"),
    "doctor._GITHUB_REMOTE": (doctor._GITHUB_REMOTE, "git's own output (the address of the remote origin)"),
}

# A pattern's block holds this many characters at the smallest of the three lengths.
BLOCK = 2000
# Linear work grows 2.00× per doubling here; the one quadratic pattern of the control test, among
# all the others, makes it about 2.8×.
GROWTH_LIMIT = 2.3


def _module_patterns() -> dict[int, str]:
    """Every compiled pattern the project's modules hold, and every one their argument-less
    cached factories return, by identity."""
    found: dict[int, str] = {}
    for package in (validators, site_builder):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found.setdefault(id(value), f"{info.name}.{name}")
                elif isinstance(value, tuple) and value and all(isinstance(v, re.Pattern) for v in value):
                    for index, pattern in enumerate(value):
                        found.setdefault(id(pattern), f"{info.name}.{name}[{index}]")
                elif inspect.isfunction(getattr(value, "__wrapped__", None)) and value.__module__ == info.name:
                    hints = typing.get_type_hints(value.__wrapped__)
                    if typing.get_origin(hints.get("return")) is re.Pattern and not inspect.signature(value).parameters:
                        found.setdefault(id(value()), f"{info.name}.{name}()")
    return found


def test_every_pattern_says_whose_text_it_reads() -> None:
    known = {id(p) for p, *_ in SUBMITTED.values()} | {id(p) for p, _ in TRUSTED.values()}
    unlisted = sorted(name for ident, name in _module_patterns().items() if ident not in known)
    assert unlisted == [], f"add these to SUBMITTED (with their worst pieces) or TRUSTED: {unlisted}"


def test_no_pattern_is_written_inline() -> None:
    """A pattern literal passed straight to re.match & co. would escape the inventory."""
    calls = re.compile(r"\bre\.(?:match|search|fullmatch|sub|subn|finditer|findall|split)\(\s*r?[\"']")
    for package in (validators, site_builder):
        for path in Path(package.__path__[0]).rglob("*.py"):
            assert not calls.search(path.read_text(encoding="utf-8")), path


def _hostile(pieces: tuple[str, ...], prefix: str, scale: int) -> str:
    return prefix + "".join(piece * (BLOCK * scale // len(piece)) for piece in pieces)


RUNNER = """
import json, re, sys
for pattern, flags, call, text in json.load(open(sys.argv[1], encoding="utf-8")):
    compiled = re.compile(pattern, flags)
    if call == "sub":
        compiled.sub(" ", text)
    elif call in ("finditer", "findall"):
        list(compiled.finditer(text))
    else:
        getattr(compiled, call)(text)
"""


def _instructions(cases: dict[str, Hostile], scale: int, work: Path) -> int:
    """Machine instructions of one process running every case at `scale` (deterministic)."""
    data = work / f"cases-{scale}.json"
    data.write_text(json.dumps([(p.pattern, p.flags, call, _hostile(pieces, prefix, scale))
                                for p, call, pieces, prefix in cases.values()]), encoding="utf-8")
    out = work / f"callgrind-{scale}.out"
    run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                          sys.executable, "-S", "-c", RUNNER, str(data)],
                         capture_output=True, text=True, check=False,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    assert run.returncode == 0, run.stderr[-2000:]
    collected = re.search(r"Collected : (\d+)", run.stderr)
    assert collected, run.stderr[-2000:]
    return int(collected.group(1))


def _growth(cases: dict[str, Hostile], work: Path) -> float:
    """How the work grows when the text doubles: 2 for linear, towards 4 for quadratic."""
    small, middle, large = (_instructions(cases, scale, work) for scale in (1, 2, 4))
    return (large - middle) / (middle - small)


@pytest.fixture(scope="module")
def callgrind() -> None:
    if shutil.which("valgrind") is None:
        if os.environ.get("CI"):
            pytest.fail("valgrind is missing: .ci/run installs it")
        pytest.skip("valgrind is not installed (apt-get install valgrind)")


@pytest.mark.slow
@pytest.mark.usefixtures("callgrind")
def test_every_pattern_over_submitted_text_is_linear(tmp_path: Path) -> None:
    growth = _growth(SUBMITTED, tmp_path)
    if growth > GROWTH_LIMIT:  # name the culprits: measured one by one only when the whole set fails
        slow = {name: round(_growth({name: case}, tmp_path), 2) for name, case in SUBMITTED.items()}
        pytest.fail(f"work grows {growth:.2f}× per doubling; by pattern: {slow}")


@pytest.mark.slow
@pytest.mark.usefixtures("callgrind")
def test_the_count_tells_a_quadratic_pattern(tmp_path: Path) -> None:
    """The measure itself: the pattern the audit found grows as its square among the others."""
    quadratic = {"old markdown link": (re.compile(r"\]\([^)]*\)"), "search", ("](",), "")}
    assert _growth({**SUBMITTED, **quadratic}, tmp_path) > GROWTH_LIMIT
