"""The real site of the sample submissions, built once with MkDocs: links, anchors, every item,
the lean search index and the navigation."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from site_builder.form_page import site_settings
from site_builder.link_check import base_path_of, check_site
from site_builder.mkdocs_config import read_config
from tests.site_support import built_site, html_pages, not_found_page, parse
from tests.trees import NEW_YEAR, ROOT
from validators.year.guideline import available_years, guideline
from validators.year.text import guideline_text

pytestmark = pytest.mark.slow

LISTS = (("innovation", "services"), ("government_functions", "functions"), ("service_stations",),
         ("consortia",), ("academic_events",), ("research",), ("major_work",))


def _reports() -> dict[tuple[str, int], dict]:
    """The sample reports read straight from YAML, independently of the validators."""
    out = {}
    for path in sorted((ROOT / "submissions").glob("*/[0-9][0-9][0-9][0-9].yaml")):
        out[(path.parent.name, int(path.stem))] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


def _item_ids(report: dict) -> list[tuple[str, str]]:
    found = []
    for keys in LISTS:
        value: object = report
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        found += [(keys[-1], item["id"]) for item in value or []]
    return found


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def test_every_link_anchor_and_page_is_reached(site: Path) -> None:
    """The site's own link check (also run on the Zensical build, in test_zensical.py)."""
    assert check_site(site, base_path=base_path_of(site_settings().site_url)) == []


def test_society_pages_link_clauses_to_their_year_s_guideline_anchors(site: Path) -> None:
    pages = sorted((site / "societies").glob("*/[0-9]*/index.html"))
    assert pages
    for page in pages:
        year = page.parent.name
        guideline = parse(site / "guideline" / year / "index.html").ids
        clauses = [h for h in parse(page).links if "#clause-" in h]
        assert clauses, page
        assert {h.split("#", 1)[0] for h in clauses} == {f"../../../guideline/{year}/"}, page
        missing = {h for h in clauses if h.split("#", 1)[1] not in guideline}
        assert not missing, (page, missing)


def test_every_item_of_every_submission_appears(site: Path) -> None:
    reports = _reports()
    assert reports
    expected = sum(len(_item_ids(r)) for r in reports.values())
    shown_on_society_pages = 0
    for (society, year), report in sorted(reports.items()):
        page = parse(site / "societies" / society / str(year) / "index.html")
        shown = Counter(page.items)
        assert shown == Counter(i for _, i in _item_ids(report)), (society, year)
        shown_on_society_pages += sum(shown.values())
    assert shown_on_society_pages == expected
    on_area_pages = sum(len(parse(p).items) for p in (site / "areas").glob("*/*/index.html"))
    assert on_area_pages == expected


def test_area_pages_list_each_year_s_items(site: Path) -> None:
    reports = _reports()
    for year in sorted({y for _, y in reports}):
        events = [i for (_, y), r in reports.items() if y == year for k, i in _item_ids(r) if k == "academic_events"]
        page = parse(site / "areas" / str(year) / "academic_events" / "index.html")
        assert sorted(page.items) == sorted(events)


def test_yaml_line_links_use_the_repository_of_mkdocs_yml(site: Path) -> None:
    repo_url = site_settings().repo_url
    assert repo_url
    first = sorted(p.name for p in (site / "societies").iterdir() if p.is_dir())[0]
    page = parse(next((site / "societies" / first).glob("[0-9]*/index.html")))
    lines = [h for h in page.links if "/blob/" in h and "#L" in h]
    assert lines
    # A final year's score lines cite the file as it was frozen: at its results' recorded commit.
    frozen = {json.loads(f.read_text("utf-8"))["code_commit"] for f in (ROOT / "results").glob("*.json")}
    assert all(any(h.startswith(f"{repo_url}/blob/{ref}/submissions/") for ref in {"main", *frozen}) for h in lines)


def test_society_pages_stay_out_of_the_navigation(site: Path) -> None:
    # The guideline page links to no society in its content: any such link would be the sidebar's.
    links = parse(site / "guideline" / "index.html").links
    assert "../societies/" in links
    assert not [h for h in links if h.startswith("../societies/cd-")]


def test_search_index_is_lean_and_holds_what_reports_say(site: Path) -> None:
    """At most the page and its title's section per society page and year's report (no table is
    indexed); the latest year's report names its events and places once, older years' not."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    society_entries = [d for d in index["docs"] if d["location"].startswith("societies/cd-")]
    pages = list((site / "societies").glob("*/index.html")) + list((site / "societies").glob("*/*/index.html"))
    # the page itself and its title's section (the trail sits above the title), nothing else
    sections = {d["location"].partition("#")[2] for d in society_entries}
    assert sections <= {"", "top", "_1"}, sections
    assert len(society_entries) <= 2 * len(pages)
    by_page: dict[str, str] = {}
    for d in society_entries:
        page = d["location"].partition("#")[0]
        by_page[page] = by_page.get(page, "") + d["text"].replace("\u200b", "")
    latest = max(y for _, y in _reports())
    for (society, year), report in _reports().items():
        entry = by_page.get(f"societies/{society}/{year}/", "")
        titles = [e["title"] for e in report.get("academic_events") or []]
        if year != latest:  # only the latest year's terms: the index grows with societies, not years
            assert not [t for t in titles if t in entry], (society, year)
            continue
        for title in titles:
            assert entry.count(title) == 1, (society, year, title)
        for service in (report.get("innovation") or {}).get("services") or []:
            assert service["district"] in entry
    assert index["config"]["lang"] == ["zh"]


def test_search_dictionary_splits_names_at_their_parts() -> None:
    import jieba

    from site_builder.search_dict import words

    found = words(["成都市机械工程学会（示例）", "机械工程", "成都高新区园区科协"])
    assert {"机械工程", "成都市", "学会", "高新区", "园区科协"} <= set(found)
    for word in found:
        jieba.add_word(word)
    assert list(jieba.cut("成都市机械工程学会")) == ["成都市", "机械工程", "学会"]


def test_downloads_are_published(site: Path) -> None:
    downloads = site / "downloads"
    csv = (downloads / "evaluations.csv").read_bytes()
    assert csv.startswith("\ufeff".encode())
    data = json.loads((downloads / "submissions.json").read_text(encoding="utf-8"))
    assert len(data["reports"]) == len(_reports())
    schema = json.loads((downloads / "schema" / "submission-2017.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["year"]["const"] == 2017
    for name in ("items-academic_events.csv", "score-lines.csv", "societies.csv"):
        assert (downloads / name).read_bytes().startswith("\ufeff".encode())
    # The page lists each file once with the size it has, exact in the tooltip, sortable by it.
    page = (downloads / "index.html").read_text(encoding="utf-8")
    sizes = dict(re.findall(r'<td[^>]* data-sort="([^"]+)"><a .*?</td><td[^>]*>.*?</td><td[^>]* data-sort="(\d+)"', page))
    assert sizes["evaluations.csv"] == str(len(csv))
    assert f'<span title="{len(csv)} 字节">' in page
    assert "字节</th>" not in page
    assert '<table class="sb-grid" data-sortable>' in page
    assert "sb-trail" in page


def test_a_secretary_finds_the_blank_workbook_where_she_looks(site: Path) -> None:
    """The workbook was linked only under the form's import box: the downloads page offers each
    year's blank workbook, and 《如何提交》 leads there; every link opens a real workbook."""
    import zipfile

    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    workbooks = re.findall(r'href="\.\./(form/(\d{4})-blank\.xlsx)"', page)
    assert {year for _, year in workbooks} >= {"2017", "2018"}
    for path, _year in workbooks:
        assert zipfile.is_zipfile(site / path)
    guide = (site / "submit" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/#workbooks"' in guide
    assert 'id="workbooks"' in page


def test_json_download_holds_every_item_of_every_submission(site: Path) -> None:
    """Counted from the YAML, independently of the validators: every item, by id, per report."""
    data = json.loads((site / "downloads" / "submissions.json").read_text(encoding="utf-8"))
    downloaded = {(r["report"]["society"], r["report"]["year"]): Counter(_item_ids(r["report"]))
                  for r in data["reports"]}
    expected = {key: Counter(_item_ids(report)) for key, report in _reports().items()}
    assert downloaded == expected
    assert sum(sum(c.values()) for c in expected.values()) > 50
    profiles = {p["profile"]["id"] for p in data["societies"]}
    assert profiles == {path.parent.name for path in (ROOT / "submissions").glob("*/society.yaml")}


def test_how_to_submit_leads_with_the_form(site: Path) -> None:
    """Before its first step, the page sends a secretary to the online form, and the form page
    is there to be reached."""
    page = (site / "submit" / "index.html").read_text(encoding="utf-8")
    content = page[page.index("md-content__inner"):]
    lead = content[:content.index("<h2")]
    assert 'href="../form/"' in lead
    assert "在线填报" in lead
    assert (site / "form" / "index.html").is_file()


def test_the_staff_s_new_year_checklist_is_built_and_in_the_navigation(site: Path) -> None:
    """docs/new-year.md (tests/test_new_year_checklist.py holds its commands to the CLI): a page of
    the built site, its commands kept as code, and reached from the navigation of every page."""
    page = parse(site / "new-year" / "index.html")
    assert "新年度工作清单（市科协工作人员用）" in " ".join(page.text)
    assert any(text.strip() == f"python -m validators new-year {NEW_YEAR}" for _, text in page.codes)
    assert "new-year/" in parse(site / "index.html").links
    assert "../new-year/" in parse(site / "submit" / "index.html").links


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    for page in html_pages(site):
        for tag, attrs in parse(page).elements:
            if attrs.get("rel") == "canonical":
                continue  # names the page's published address, loads nothing
            for key in ("src", "href") if tag in ("script", "link", "img", "iframe") else ():
                value = str(attrs.get(key) or "")
                assert not urlsplit(value).netloc, (page, tag, value)


def test_advice_states_its_gain_once(site: Path) -> None:
    """Each piece of advice says what it adds once (not 「可加 3 分（预计可增加 3 分）」)."""
    import re

    seen = 0
    for page in (site / "societies").glob("*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<ul class="sb-advice">(.*?)</ul>', html, flags=re.S):
            for item in re.findall(r"<li>(.*?)</li>", block, flags=re.S):
                # One gain, its parts by clause added up before it (“可加 2 + 1 = 3 分”).
                assert len(re.findall(r"加\s*(?:[\d.]+\s*(?:\+|&#43;)\s*)*(?:[\d.]+\s*(?:=|&#61;)\s*)?[\d.]+\s*分", item)) == 1, item
                assert len(re.findall(r"[\d.]+\s*分", item)) == 1, item
                seen += 1
    assert seen


def test_status_page_lists_who_has_and_has_not_submitted(site: Path) -> None:
    """Counted from the folders: every registered society once, 已提交 exactly for those with
    that year's file, and the year's filing deadline from its guideline file's calendar."""
    import re

    from validators.year.guideline import guideline

    registered = {p.parent.name for p in (ROOT / "submissions").glob("*/society.yaml")}
    for year in sorted({y for _, y in _reports()}):
        html = (site / "status" / str(year) / "index.html").read_text(encoding="utf-8")
        rows = re.findall(r'<a href="\.\./\.\./societies/([^/"]+)/"[^>]*>.*?</td><td[^>]*>(.*?)</td>', html)
        assert {s for s, _ in rows} == registered
        submitted = {s for s, state in rows if "已提交" in state}
        assert submitted == {s for s, y in _reports() if y == year and s in registered}
        rules = guideline(year)
        assert rules is not None
        assert rules.calendar is not None
        assert f"提交截止日期：<strong><time datetime=\"{rules.calendar.submission_closes.isoformat()}\">" in html


def test_the_404_page_says_so_in_chinese_and_leads_home(site: Path) -> None:
    """The theme's page said “404 - Not found”, in English alone, with no way back but the menu."""
    said, links = not_found_page(site)
    assert "Not found" not in said
    assert said.startswith("找不到页面 - ")
    assert "| 找不到这个页面 " in said
    home = base_path_of(site_settings().site_url)
    assert [href for href, label in links if label == "返回首页"] == [home]


_TITLED = re.compile(r"《([^》]*)》")
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_the_pages_description_names_no_document_that_does_not_exist(site: Path) -> None:
    """Every page's description said 成都市科协《学会重点工作指南》: no document has that title (the
    guideline is 《2017年学会重点工作指南》 and is rewritten yearly). A title in 《》 there must be one
    the site publishes."""
    titles = {t for y in available_years() for t in (guideline_text(y).title, guideline(y).title)}
    said = {m.group(1) for page in html_pages(site) if (m := _DESCRIPTION.search(page.read_text(encoding="utf-8")))}
    assert said == {read_config(ROOT / "mkdocs.yml")["site_description"]}
    quoted = {t for description in said for t in _TITLED.findall(description)}
    assert quoted <= titles, quoted - titles
