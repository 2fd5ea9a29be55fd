"""Edit → page updated: how long a society secretary waits under `make serve`.

A real `python -m site_builder serve` runs over a copy of a benchmark tree; one report's first
title is changed on disk, and its year page is fetched over HTTP until the new title shows.
Once the downloads hold the last edit too (the pages are whole), `serve` is stopped and started
again over the same copy: the warm start. Then the copy is built (`site_builder build`) and
served once more: the start after a build.

    python -m benchmarks.preview TREE [--edits 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.kept_pages import RECORD
from validators.console import say_usage_in_chinese

ROOT = Path(__file__).resolve().parents[1]
_TITLE = re.compile(r"^(\s*(?:- )?title: ).*$", re.MULTILINE)
_POLL = 0.1


@dataclass(frozen=True, slots=True)
class Preview:
    first_page: float  # from starting `serve` to the year page being served
    updates: list[float]  # from each saved edit to the page showing it
    warm_first_page: float | None = None  # the same, serving the same tree again
    after_build_first_page: float | None = None  # the same, serving it after building it

    @property
    def update(self) -> float:
        return statistics.median(self.updates)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, marker: str | None, deadline: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until `url` answers (holding `marker`, when given)."""
    started = time.perf_counter()
    while time.perf_counter() - started < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"serve stopped with exit code {server.returncode}")
        body = _fetch(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter() - started
        time.sleep(_POLL)
    raise TimeoutError(f"{url} did not show {marker!r} within {deadline:.0f} s")


def _until(done: Callable[[], bool], deadline: float) -> None:
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > deadline:
            raise TimeoutError(f"{done} still false after {deadline:.0f} s")
        time.sleep(_POLL)


def _report(tree: Path) -> Path:
    """The middle report of the tree that has a title to edit."""
    reports = sorted(p for p in (tree / "submissions").glob("*/[0-9][0-9][0-9][0-9].yaml")
                     if _TITLE.search(p.read_text("utf-8")))
    if not reports:
        raise ValueError(f"no report with a title under {tree}")
    return reports[len(reports) // 2]


@dataclass(frozen=True, slots=True)
class Serving:
    """A running `serve` over a copy of a tree, and the report whose page is watched."""

    base: str  # http://127.0.0.1:<port>/
    report: Path  # inside the copy
    server: subprocess.Popen[bytes]

    @property
    def page(self) -> str:
        return f"{self.base}societies/{self.report.parent.name}/{self.report.stem}/"

    def wait_for(self, marker: str | None, deadline: float = 900.0, url: str | None = None) -> float:
        return _wait_for(url or self.page, marker, deadline, self.server)

    def fetch(self, url: str) -> str:
        body = _fetch(url)
        if body is None:
            raise RuntimeError(f"{url} did not answer")
        return body

    def edit_title(self, marker: str) -> None:
        """Saves the report with `marker` as its first title."""
        text = self.report.read_text("utf-8")
        self.report.write_text(_TITLE.sub(lambda m: m.group(1) + marker, text, count=1), "utf-8")


@contextmanager
def copied(tree: Path) -> Iterator[Path]:
    """A scratch copy of `tree` (without what a build or a preview left in it)."""
    with tempfile.TemporaryDirectory(prefix="preview-") as scratch:
        copy = Path(scratch) / "tree"
        shutil.copytree(tree, copy, ignore=shutil.ignore_patterns(".git", "site", "generated", ".venv*",
                                                                  "node_modules", ".bench"))
        yield copy


@contextmanager
def serving_in(copy: Path, report: str | None = None) -> Iterator[Serving]:
    """`serve` over `copy` itself, which keeps what the preview leaves there."""
    port = _free_port()
    with (copy.parent / "serve.log").open("ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "--root", str(copy), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield Serving(f"http://127.0.0.1:{port}/", copy / report if report else _report(copy), server)
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


@contextmanager
def serving(tree: Path, report: str | None = None) -> Iterator[Serving]:
    """`report`: the watched report, relative to the tree (by default, the middle one)."""
    with copied(tree) as copy, serving_in(copy, report) as serve:
        yield serve


def measure(tree: Path, edits: int = 3, deadline: float = 900.0, build: bool = True) -> Preview:
    with copied(tree) as copy:
        started = time.perf_counter()
        with serving_in(copy) as serve:
            serve.wait_for(None, deadline)
            first = time.perf_counter() - started
            updates = []
            marker = "预览计时标记"
            for n in range(edits):
                marker = f"预览计时标记{n}号"
                serve.edit_title(marker)
                updates.append(serve.wait_for(marker, deadline))
            serve.wait_for(marker, deadline, url=f"{serve.base}downloads/submissions.json")
            _until((copy / "generated" / RECORD).is_file, deadline)  # the pages are whole again
            report = serve.report.relative_to(copy).as_posix()
        started = time.perf_counter()
        with serving_in(copy, report) as serve:
            serve.wait_for(marker, deadline)
            warm = time.perf_counter() - started
        after_build = None
        if build:  # as after a fresh clone: nothing left by a preview, only by the build
            shutil.rmtree(copy / "generated")
            subprocess.run([sys.executable, "-m", "site_builder", "--root", str(copy), "build"],
                           cwd=ROOT, check=True, capture_output=True)
            log = copy.parent / "serve.log"
            before = log.stat().st_size
            started = time.perf_counter()
            with serving_in(copy, report) as serve:
                serve.wait_for(marker, deadline)
                after_build = time.perf_counter() - started
            with log.open("rb") as said:
                said.seek(before)
                if "文件与上次构建时相同".encode() not in said.read():
                    raise RuntimeError("the preview did not start from the build's pages")
        return Preview(first, updates, warm, after_build)


def main(argv: list[str] | None = None) -> None:
    say_usage_in_chinese()
    parser = argparse.ArgumentParser(description="编辑一份报告后，预览页面多久更新")
    parser.add_argument("tree", type=Path, help="仓库目录（含 submissions/），会复制后使用，不会改动")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="不测构建之后的启动")
    args = parser.parse_args(argv)
    result = measure(args.tree, args.edits, build=not args.no_build)
    after = f"；构建之后启动可访问 {result.after_build_first_page:.1f} 秒" if result.after_build_first_page else ""
    print(f"首次可访问 {result.first_page:.1f} 秒；编辑→页面更新 {result.update:.2f} 秒"
          f"（{'、'.join(f'{u:.2f}' for u in result.updates)}）；再次启动后可访问 {result.warm_first_page:.1f} 秒{after}")


if __name__ == "__main__":
    main()
