"""How long the verification workbench takes to open the largest report of a built site, beside
the same society's published report page, both in headless Chromium, in one run."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from tests.site_support import chromium, served


@dataclass(frozen=True)
class Opened:
    items: int
    workbench: float  # seconds to the last item and the computed total
    report_page: float  # seconds to the same report's published page, loaded


def measure(site: Path, repeat: int = 3) -> Opened:
    cases = sorted((site / "review" / "cases").glob("*/*.json"), key=lambda p: p.stat().st_size)
    largest = cases[-1]
    year, society = largest.parent.name, largest.stem
    data = json.loads(largest.read_text("utf-8"))
    items = sum(len(a["items"]) for a in data["areas"])
    bench, page_times = [], []
    with served(site) as base, chromium() as browser:
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
            start = time.perf_counter()
            page.goto(f"{base}review/#{year}/{society}")
            page.wait_for_function(f"document.querySelectorAll('.rv-item').length === {items} "
                                   "&& !!document.getElementById('rv-total')", timeout=120_000)
            bench.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.goto(f"{base}societies/{society}/{year}/", wait_until="load")
            page_times.append(time.perf_counter() - start)
            page.close()
    return Opened(items, statistics.median(bench), statistics.median(page_times))
