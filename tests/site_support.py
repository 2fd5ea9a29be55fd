"""Shared by the site tests: real builds (once per test process), HTML parsing, a local server,
and Chromium (a failure in CI when it is missing, a skip elsewhere)."""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.trees import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BUILD_DATE = "2000-01-01"


def run_builder(*args: str, root: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True, check=check, timeout=600)


@functools.cache
def built_site(root: Path = ROOT) -> Path:
    """`python -m site_builder build` of `root` into a temporary folder, once per process."""
    work = Path(tempfile.mkdtemp(prefix="site-test-"))
    atexit.register(shutil.rmtree, work, True)
    result = run_builder("build", "--site-dir", str(work / "site"), "--date", BUILD_DATE, root=root,
                         check=False)
    if result.returncode != 0:
        raise AssertionError(f"site build failed:\n{result.stdout}\n{result.stderr}")
    return work / "site"


@dataclass
class Page:
    """What the tests read from one built page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (class, text)
    text: list[str] = field(default_factory=list)
    rows: int = 0


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._code: list[str] | None = None
        self._code_class = ""
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.page.elements.append((tag, found))
        if found.get("id"):
            self.page.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.page.links.append(str(found["href"]))
        if tag == "code":
            self._code, self._code_class = [], str(found.get("class") or "")
        if tag == "tr":
            self.page.rows += 1
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self._code is not None:
            self.page.codes.append((self._code_class, "".join(self._code)))
            self._code = None
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site over http (search needs it), on a free local port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
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
