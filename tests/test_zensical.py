"""The sample site built with the pinned Zensical: the pages the MkDocs build writes, their links
leading where MkDocs' lead, every link resolved; and the faults Zensical's strict mode lets
through, found by the site's own link check. (In Chromium: tests/browser/test_zensical_site.py.)"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from site_builder import zensical_build
from site_builder.build import MKDOCS_YML
from site_builder.form_page import site_settings
from site_builder.generate import generate
from site_builder.link_check import base_path_of, check_site
from tests.clients import missing
from tests.site_support import BUILD_DATE, built_site, html_pages, not_found_page
from tests.trees import ROOT

pytestmark = pytest.mark.slow

BASE = base_path_of(site_settings().site_url)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')


@pytest.fixture(scope="module")
def zensical_site() -> Path:
    return built_site(builder="zensical")


def test_every_link_anchor_and_page_is_reached(zensical_site: Path) -> None:
    assert check_site(zensical_site, base_path=BASE) == []


def test_zensical_uses_the_site_s_404_page(zensical_site: Path) -> None:
    """The theme override (site_builder/theme/404.html) is Zensical's too: the same words and link."""
    assert not_found_page(zensical_site) == not_found_page(built_site())


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in html_pages(site)}


# What each builder adds of its own: its theme's files, its search index and the sitemap.
_THEMES_OWN = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search/", "search.json", "sitemap")


def _our_files(site: Path) -> dict[str, bytes]:
    """The files of the generated folder as the builder copied them: downloads, the form's
    scripts and data, our stylesheets and scripts."""
    return {rel: p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix != ".html"
            and not (rel := p.relative_to(site).as_posix()).startswith(_THEMES_OWN)}


def test_zensical_writes_the_pages_and_files_mkdocs_writes(zensical_site: Path) -> None:
    pages = _pages(built_site())
    assert len(pages) > 40
    assert _pages(zensical_site) == pages
    files = _our_files(built_site())
    assert {"downloads/tables.xlsx", "form/form.js", "form/config.json", "assets/site.css"} <= set(files)
    assert _our_files(zensical_site) == files


def _targets(site: Path, page: str) -> Counter[tuple[str, str]]:
    """Where the links of a page's content lead: (file in the site, fragment), or (address, "")
    for another host; links within the page itself are left out."""
    found = _ARTICLE.search((site / page).read_text(encoding="utf-8"))
    out: Counter[tuple[str, str]] = Counter()
    for href in _HREF.findall(found.group(0) if found else ""):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.scheme or parts.netloc:
            out[href, ""] += 1
        elif parts.path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
            if (site / target).is_dir():
                target = posixpath.normpath(f"{target}/index.html")
            out[target, parts.fragment] += 1
    return out


def test_content_links_lead_where_the_mkdocs_build_s_lead(zensical_site: Path) -> None:
    """The raw-HTML links of the tables, the trails' Markdown links, the form's scripts: the two
    builders write them differently but to the same files and anchors."""
    mkdocs_site = built_site()
    compared = 0
    for page in sorted(_pages(mkdocs_site) - {"404.html"}):
        expected = _targets(mkdocs_site, page)
        assert _targets(zensical_site, page) == expected, page
        compared += sum(expected.values())
    assert compared > 1000


def test_the_search_index_is_as_lean_as_mkdocs_and_holds_what_reports_say(zensical_site: Path) -> None:
    """Zensical honours data-search-exclude: no table is indexed, at most a page and its title's
    section per society page and year's report, and the latest year's event titles once."""
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    entries = [i for i in index["items"] if i["location"].startswith("societies/cd-")]
    assert {i["location"].partition("#")[2] for i in entries} <= {"", "top", "_1"}
    societies = zensical_site / "societies"
    pages = [*societies.glob("*/index.html"), *societies.glob("*/*/index.html")]
    assert len(entries) <= 2 * len(pages)
    by_page: dict[str, str] = {}
    for i in entries:
        page = i["location"].partition("#")[0]
        by_page[page] = by_page.get(page, "") + i["text"]
    reports = {(p.parent.name, int(p.stem)): yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in sorted((ROOT / "submissions").glob("*/[0-9][0-9][0-9][0-9].yaml"))}
    latest = max(y for _, y in reports)
    checked = 0
    for (society, year), report in reports.items():
        text = by_page.get(f"societies/{society}/{year}/", "")
        for event in report.get("academic_events") or []:
            assert text.count(event["title"]) == (1 if year == latest else 0), (society, year, event["title"])
            checked += 1
    assert checked


# Each fault: the page it goes into (created when missing), what is appended, whether Zensical's
# --strict stops at it. The site's own check must find every one in the site Zensical writes.
FAULTS = {
    "Markdown link to a missing page": ("guideline/index.md", "\n[缺页](../missing/index.md)\n", True),
    "Markdown link to a missing anchor": ("index.md", "\n[条款](guideline/index.md#clause-9-9)\n", True),
    "Markdown link from the server's root": ("index.md", "\n[指南](/guideline/)\n", False),
    "a page no link leads to": ("orphan/index.md", "# 孤页\n", False),
    "raw-HTML link to a missing page": ("societies/index.md", '\n<div><a href="../missing/">缺页</a></div>\n', False),
    "raw-HTML link to a missing anchor": ("rubric/index.md",
                                          '\n<div><a href="../guideline/#clause-9-9">9.9</a></div>\n', False),
}


@pytest.fixture(scope="module")
def sample_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not zensical_build.available():
        missing("Zensical is not installed (it is pinned in requirements.lock)")
    docs = tmp_path_factory.mktemp("zensical-faults") / "docs"
    generate(ROOT, docs, settings=site_settings(), date=BUILD_DATE)
    return docs


@pytest.mark.parametrize("fault", FAULTS)
def test_the_link_check_finds_what_zensical_s_strict_mode_lets_through(
        sample_docs: Path, tmp_path: Path, fault: str) -> None:
    page, appended, strict_stops = FAULTS[fault]
    docs = zensical_build.write_project(tmp_path, MKDOCS_YML, BUILD_DATE)
    shutil.copytree(sample_docs, docs)
    path = docs / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + appended, encoding="utf-8")

    try:
        zensical_build.run(tmp_path, strict=True)
        stopped = False
    except zensical_build.ZensicalError:
        stopped = True
    assert stopped == strict_stops  # when this changes with a new Zensical, update the README
    site = zensical_build.run(tmp_path, strict=False)
    problems = check_site(site, base_path=BASE)
    assert len(problems) == 1, problems
    assert problems[0].page == page.replace(".md", ".html")


def test_the_benchmark_times_a_build_of_a_generated_folder(sample_docs: Path, tmp_path: Path) -> None:
    from benchmarks.zensical_build import measure

    seconds = measure(sample_docs, tmp_path / "project", repeat=1)
    assert seconds > 0
    assert check_site(tmp_path / "project" / zensical_build.SITE, base_path=BASE) == []
    # Without a build date the footer shows none (MkDocs' build_date_utc is not Zensical's).
    assert "sb-published" not in (tmp_path / "project" / "site" / "index.html").read_text("utf-8")


def test_zensical_builds_with_the_theme_s_plain_chinese() -> None:
    """The site's `language: custom` (Material's Chinese with the search box's hint) left Zensical's
    search dialog finding nothing (tests/browser/test_zensical_site.py); its child config says zh."""
    assert yaml.safe_load(MKDOCS_YML.read_text("utf-8"))["theme"]["language"] == "custom"
    child = yaml.safe_load(zensical_build.child_config(MKDOCS_YML, BUILD_DATE))
    assert child["theme"]["language"] == "zh"
    assert child["theme"]["custom_dir"].endswith("site_builder/theme")
