"""How long the verification workbench takes to open the largest report of a built site, beside
the same society's published report page, both in headless Chromium, in one run."""

from __future__ import annotations

import functools
import http.server
import json
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Opened:
    items: int
    workbench: float  # seconds to the last item and the computed total
    report_page: float  # seconds to the same report's published page, loaded


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(site: Path, repeat: int = 3) -> Opened:
    cases = sorted((site / "review" / "cases").glob("*/*.json"), key=lambda p: p.stat().st_size)
    largest = cases[-1]
    year, society = largest.parent.name, largest.stem
    data = json.loads(largest.read_text("utf-8"))
    items = sum(len(a["items"]) for a in data["areas"])
    bench, page_times = [], []
    handler: Any = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            start = time.perf_counter()
            page.goto(f"{base}review/#{year}/{society}")
            page.wait_for_function(f"document.querySelectorAll('.rv-item').length === {items} "
                                   "&& !!document.getElementById('rv-total')", timeout=120_000)
            bench.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.goto(f"{base}societies/{society}/{year}/", wait_until="load")
            page_times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    server.shutdown()
    server.server_close()
    return Opened(items, statistics.median(bench), statistics.median(page_times))
