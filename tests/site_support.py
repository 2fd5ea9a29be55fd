"""Shared by the site tests: real builds (once per test process), HTML parsing, a local server,
and Chromium (a failure in CI when it is missing, a skip elsewhere)."""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from site_builder import zensical_build
from tests.clients import missing
from tests.trees import ROOT

# Debian's chromium, or the browser the machine names (.ci/run and validate.yml set it).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BUILD_DATE = "2000-01-01"


def run_builder(*args: str, root: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True, check=check, timeout=600)


@functools.cache
def built_site(root: Path = ROOT, builder: str = "mkdocs") -> Path:
    """`python -m site_builder build` of `root` into a temporary folder, once per process; with
    `builder="zensical"`, built by Zensical (a failure in CI when it is missing, a skip elsewhere)."""
    if builder == "zensical" and not zensical_build.available():
        missing("Zensical is not installed (it is pinned in requirements.lock)")
    work = Path(tempfile.mkdtemp(prefix=f"site-test-{builder}-"))
    atexit.register(shutil.rmtree, work, True)
    result = run_builder("build", "--site-dir", str(work / "site"), "--date", BUILD_DATE,
                         "--builder", builder, root=root, check=False)
    if result.returncode != 0:
        raise AssertionError(f"site build failed:\n{result.stdout}\n{result.stderr}")
    return work / "site"


@dataclass
class Page:
    """What the tests read from one built page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (class, text) of code elements
    items: list[str] = field(default_factory=list)  # the ids in data-item (an item's 原文 link)
    text: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # inline script bodies
    rows: int = 0


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._code: list[str] | None = None
        self._code_class = ""
        self._code_tag = ""
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.page.elements.append((tag, found))
        if found.get("id"):
            self.page.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.page.links.append(str(found["href"]))
        if found.get("data-item"):
            self.page.items.append(str(found["data-item"]))
        if tag == "code":
            self._code, self._code_class, self._code_tag = [], str(found.get("class") or ""), tag
        if tag == "tr":
            self.page.rows += 1
        if tag in ("script", "style"):
            self._skip += 1
            if tag == "script" and not found.get("src"):
                self.page.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._code is not None and tag == self._code_tag:
            self.page.codes.append((self._code_class, "".join(self._code)))
            self._code = None
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)
        if self._skip and self.lasttag == "script" and self.page.scripts:
            self.page.scripts[-1] += data
        if not self._skip:
            self.page.text.append(data)


@functools.cache
def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def not_found_page(site: Path) -> tuple[str, list[tuple[str, str]]]:
    """The 404 page as a reader sees it: its title and text, and its links with their labels
    (MkDocs writes the home page's address as `/path/.`, Zensical as `/path/`: both `/path/` here)."""
    html = (site / "404.html").read_text(encoding="utf-8")
    start, end = html.index("<article"), html.index("</article>")
    parser = _Parser()
    parser.feed(html[start:end])
    parser.close()
    labelled = _LINK.findall(html[start:end])
    links = [(href[:-1] if href.endswith("/.") else href, label.strip()) for href, label in labelled]
    title = html[html.index("<title>") + len("<title>"):html.index("</title>")]
    return title + " | " + " ".join(" ".join(parser.page.text).split()), links


_LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"[^>]*>([^<]*)</a>')


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# A browser drops a connection mid-download when a test moves on (a page left, a download or a
# fetch cancelled): the request's handler then fails with one of these, which say nothing of the site.
CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class SiteServer(http.server.ThreadingHTTPServer):
    """The tests' local server: quiet when a client goes away; any other error printed as ever."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], CLIENT_GONE):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site over http (search needs it), on a free local port."""
    server = SiteServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def sync_playwright():  # type: ignore[no-untyped-def]
    """Playwright's sync API; without Chromium, a failure in CI and a skip elsewhere."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright as factory
    except ImportError:
        factory, reason = None, "playwright is not installed"
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    return factory


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    with sync_playwright()() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Every text field of the hostile society holds these; `window.__xss` records any that runs.
PAYLOADS = (
    '<script>window.__xss="script"</script>',
    '<img src=x onerror="window.__xss=\'img\'">',
    '{: onclick="window.__xss=\'attr\'" }',
    "[点我](javascript:window.__xss='link') javascript:window.__xss='url'",
    "**粗体** <!-- 注释 --> &lt; `代码` | 表格 |",
)
HOSTILE = " ".join(PAYLOADS)
HOSTILE_URLS = ("javascript:window.__xss='evidence'", 'https://example.org/"onmouseover="window.__xss=\'q\'')
XSS_SOCIETY = "cd-xss"
# A word with no place to break (pasted from a system, or hostile): it once made a report's
# services table 4,019 px wide at 1366 px and squeezed an objection's columns to a character.
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 8


def _hostile_tree() -> dict:
    h, evidence = HOSTILE, [HOSTILE, *HOSTILE_URLS]
    profile = {"id": XSS_SOCIETY, "name": f"成都市跨站测试学会{h}", "kind": "学会", "discipline": h,
               "maintainers": ["xss-admin"], "website": "javascript:window.__xss='site'", "sample": True}
    report = {
        "society": XSS_SOCIETY, "year": 2017,
        "innovation": {"enterprise_platform_registered": True, "senior_experts_total": 10,
                       "senior_experts_registered": 6, "services": [{
                           "id": "svc-x", "kind": "科技咨询", "title": h, "enterprise": h, "district": h,
                           "date": "2017-05-01", "outcome": f"{h}\n# 标题\n{h}\n{LONG_WORD}",
                           "evidence": evidence}]},
        "government_functions": {"pilot": True, "functions": [{
            "id": "fn-x", "title": h, "commissioner": h, "method": "委托", "new": True, "amount_wan": 10,
            "start": "2017-01-01", "end": "2017-06-01", "evidence": evidence}]},
        "service_stations": [{"id": "st-x", "name": h, "level": "市级", "established": "2017-03-01",
                              "industry": h, "partner": h, "enterprises_served": 5, "experts_engaged": 3,
                              "activities": 4, "evidence": evidence}],
        "consortia": [{"id": "co-x", "name": h, "role": "牵头", "form": "专业相近", "direction": "横向",
                       "industry": h, "members": [h, "外部单位"], "established": "2017-02-01",
                       "activities": 3, "evidence": evidence}],
        "academic_events": [{"id": "ev-x", "title": f"{h} {LONG_WORD}", "category": "其他", "role": "主办", "date": "2017-04-01",
                             "participants": 50, "speaker_provinces": [h], "countries": [h], "occasion": h,
                             "evidence": evidence}],
        "research": [{"id": "rs-x", "title": h, "form": "建议", "topic": "四个服务",
                      "achievements": [{"type": "公开发表", "date": "2017-05-05", "evidence": evidence}]}],
        "major_work": [{"id": "mw-x", "kind": "党建", "title": h, "date": "2017-07-01", "description": h,
                        "evidence": evidence}],
    }
    return {"society.yaml": profile, "2017.yaml": report}


def _dates(value: object) -> object:
    """ISO strings of date fields as dates, so that YAML writes them unquoted."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: dt.date.fromisoformat(v) if k in ("date", "start", "end", "established") else _dates(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value


# The association's contact (.github/admins.yaml), as hostile as its model lets it be.
HOSTILE_CONTACT = {"office": PAYLOADS[0], "phone": "028-0000 0000", "email": "office@example.org",
                   "url": "https://example.org/contact?a=1&b=2"}


def write_hostile_tree(base: Path) -> Path:
    """A repository whose only society writes a payload into every text field it has, and whose
    admin list (no admin) publishes a contact with one."""
    import yaml

    folder = base / "submissions" / XSS_SOCIETY
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in _hostile_tree().items():
        text = yaml.safe_dump(_dates(data), allow_unicode=True, sort_keys=False, width=1_000_000)
        (folder / name).write_text(text, encoding="utf-8")
    (base / ".github").mkdir(exist_ok=True)
    (base / ".github" / "admins.yaml").write_text(yaml.safe_dump({"admins": [], "contact": HOSTILE_CONTACT},
                                                                 allow_unicode=True), encoding="utf-8")
    return base


@functools.cache
def hostile_site() -> Path:
    base = Path(tempfile.mkdtemp(prefix="site-xss-"))
    atexit.register(shutil.rmtree, base, True)
    return built_site(write_hostile_tree(base / "repo"))


_COLUMN = """([table, index]) => [...document.querySelectorAll('table[data-sortable]')[table].tBodies[0].rows]
    .map(r => parseFloat(r.cells[index].dataset.sort ?? r.cells[index].textContent))"""
_NUMERIC = """() => [...document.querySelectorAll('table[data-sortable]')].flatMap((t, table) =>
    [...t.tHead.rows[0].cells].flatMap((c, index) => c.dataset.sortMethod === 'number' ? [[table, index]] : []))"""


def sorts_a_column_by_value(page: Any) -> bool:
    """On the open page, clicks the header of the first numeric column whose values sort
    differently as text (7 < 14.5 < 20), twice, and asserts both orders are by value. False
    when the page has no such column (text sorting could not show there)."""
    found = [(c, v) for c in page.evaluate(_NUMERIC) if sorted(v := page.evaluate(_COLUMN, c)) != sorted(v, key=str)]
    if not found:
        return False
    (table, index), values = found[0]
    header = page.locator("table[data-sortable]").nth(table).locator("thead th").nth(index)
    header.click()
    first = page.evaluate(_COLUMN, [table, index])
    header.click()
    second = page.evaluate(_COLUMN, [table, index])
    assert {tuple(first), tuple(second)} == {tuple(sorted(values)), tuple(sorted(values, reverse=True))}
    return True
