"""Screenshots for the README from the sample site: a society's page and a year's report at a
desktop (1366×900) and a phone (390×844) width, and the first page of the printed report.

    python scripts/screenshots.py [--out docs/_screenshots] [--builder zensical --out /tmp/shots]

Builds the sample site into a temporary folder, serves it on a local port and drives the
machine's Chromium (/usr/bin/chromium) with Playwright; the printed report is Chromium's own
PDF, turned into a PNG by pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.build import build  # noqa: E402
from validators.check import check_tree  # noqa: E402
from validators.console import say_usage_in_chinese  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def largest_report() -> tuple[str, int]:
    """The sample report with the most content: the society and year the README shows."""
    _, repo = check_tree(ROOT)
    (society, year), _ = max(repo.reports.items(), key=lambda kv: (len(kv[1].report.model_dump_json()), kv[0]))
    return society, year


def shoot(out: Path, builder: str = "mkdocs") -> list[Path]:
    from playwright.sync_api import sync_playwright

    society, year = largest_report()
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        site = build(ROOT, Path(work) / "site", builder=builder).site
        with _served(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, path in (("society", f"societies/{society}/"), ("report", f"societies/{society}/{year}/")):
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    made.append(out / f"{name}-{size}.png")
                    page.screenshot(path=str(made[-1]))
                context.close()
            page = browser.new_page()
            page.goto(f"{base}societies/{society}/{year}/")
            page.wait_for_load_state("networkidle")
            pdf = Path(work) / "report.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            browser.close()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(out / "report-print")], check=True)
        made.append(out / "report-print.png")
    return made


def main() -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "_screenshots")
    # The README's pictures are of the published (MkDocs) site; zensical shows the same pages there.
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in shoot(args.out, args.builder):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
