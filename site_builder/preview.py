"""The preview behind `serve`: an edited report shows on its pages within seconds.

The files' own check results are kept between updates, so only edited files are read again;
the rules across files and the evaluation run over the whole tree, as in `build`. Pages are
then rendered only where the data changed: the year pages of the societies whose reports,
findings or scores moved, the area pages of those years, and the small pages that sum up
everything (home, lists, rankings, status), which are cheap. The downloads, which take most of
a whole generation, and anything else an edit changes are settled right after by a whole
generation in a process of its own, which rewrites only the files that differ. An edit outside
`submissions/` (year files, reviews, results, the hand-written pages) regenerates everything.

A start over the same inputs as the last whole generation (kept_pages.py) serves the pages it
left at once and reads the data in the background, for the first edit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from site_builder import (
    areas,
    guideline_page,
    kept_pages,
    rankings,
    report_page,
    rubric_page,
    societies,
    society_page,
    status,
    workbench,
)
from site_builder.context import SiteData, load, society_year_page
from site_builder.form_page import SiteSettings, society_files, stale_splits
from site_builder.generate import PROJECT, encoded, home_page, write, write_site
from site_builder.kept_pages import watched
from validators.check import FileCache
from validators.evaluation.evaluate import EvaluationMemo
from validators.repository import SUBMISSIONS
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

# Each watched file: modification and change times, size (`cp -p` keeps the first, not the second).
Marks = dict[Path, tuple[int, int, int]]


def marks(root: Path) -> Marks:
    out: Marks = {}
    for folder in watched(root):
        for path in folder.rglob("*") if folder.is_dir() else []:
            try:
                stat = path.lstat()
            except OSError:
                continue
            if not path.is_dir():
                out[path] = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
    return out


@dataclass(frozen=True, slots=True)
class Update:
    whole: bool  # everything was regenerated (an edit outside submissions/, or a new society)
    written: int  # files rewritten by this update
    seconds: float


def _society_of(path: Path, submissions: Path) -> str | None:
    """The society folder a changed file is in, or None when it is not inside one."""
    try:
        parts = path.relative_to(submissions).parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


def _signature(site: SiteData, key: tuple[str, int]) -> tuple[object, ...]:
    """What a society's report of one year is shown from; equal signatures, equal pages."""
    doc, broken = site.repo.reports.get(key), site.repo.broken.get(key)
    file = doc.file if doc else broken.file if broken else None
    return (file, doc.report if doc else None, doc.source if doc else None, tuple(doc.findings) if doc else (),
            tuple(broken.findings) if broken else (), site.evaluation(*key),
            tuple(site.findings(file)) if file else ())


def _reshaped(old: SiteData, new: SiteData) -> bool:
    """Changes every page may show: the societies, the years, a profile (names are everywhere)."""
    return (old.societies != new.societies or old.years != new.years
            or any(old.profile(s) != new.profile(s) or old.repo.profile_errors.get(s) != new.repo.profile_errors.get(s)
                   for s in new.societies))


def changed_reports(old: SiteData, new: SiteData) -> set[tuple[str, int]]:
    """The (society, year) reports whose content, findings or evaluation differ."""
    keys = old.repo.reports.keys() | new.repo.reports.keys() | old.repo.broken.keys() | new.repo.broken.keys()
    return {key for key in keys if _signature(old, key) != _signature(new, key)}


def _year_pages(site: SiteData, keys: set[tuple[str, int]]) -> set[str]:
    return {society_year_page(*key) for key in keys if key in site.repo.reports and key[1] in site.years}


def pages_for(site: SiteData, changed: set[tuple[str, int]]) -> Iterator[tuple[str, str | bytes]]:
    """The pages an edit of the `changed` reports can alter, the downloads aside."""
    yield from report_page.pages(site, changed)
    yield from areas.pages(site, {year for _, year in changed})
    for cheap in (guideline_page.pages, rubric_page.pages, societies.pages, society_page.pages,
                  rankings.pages, status.pages):
        yield from cheap(site)
    yield home_page(site)
    yield from society_files(site.repo, {society for society, _ in changed}, site.settings,
                             dt.date.fromisoformat(site.build_date)).items()
    yield from workbench.workbench_files(site, changed).items()


@dataclass
class Preview:
    root: Path
    docs: Path
    settings: SiteSettings
    date: str
    cache: FileCache = field(default_factory=dict)
    memo: EvaluationMemo = field(default_factory=dict)
    site: SiteData | None = None
    seen: Marks = field(default_factory=dict)
    _settler: subprocess.Popen[bytes] | None = None
    _unsettled: bool = False  # a quick update left the downloads to a whole generation
    _log: IO[bytes] | None = None  # what the settling generation says on stderr
    failed: str | None = None  # the end of it, when that generation failed
    served: set[str] = field(default_factory=set)  # the pages' URLs in the served site
    kept_site: bool = False  # the served site was kept from the last preview (serve.py)
    _loading: threading.Thread | None = None  # reads the data of pages kept from the last preview
    # Held while the record of whole pages is forgotten or written: the settling generation's
    # watcher must not write it once an edit has begun to change the pages.
    _record: threading.Lock = field(default_factory=threading.Lock)

    @property
    def generated(self) -> Path:
        return self.docs.parent

    def _inputs(self) -> str:
        return kept_pages.inputs_digest(watched(self.root), self.date, self.settings)

    def start(self, say: Callable[[str], None] | None = None,
              take_over: Callable[[str], bool] | None = None) -> Update:
        """The first generation, or none when the last preview's pages are whole and made from
        the same inputs, or `take_over(inputs)` put a build's pages of the same inputs in their
        place; `say` is told each step (a first start is long at the association's size, and
        should not be silent)."""
        started = time.perf_counter()
        self.seen = marks(self.root)
        inputs = self._inputs()
        kept = kept_pages.kept(self.generated, self.docs, inputs)
        built = not kept and take_over is not None and take_over(inputs)
        if kept:  # what a build left is not needed (the same pages, or older ones)
            kept_pages.discard_handover(self.generated)
        if built:
            kept_pages.remember(self.generated, self.docs, inputs)
        if kept or built:
            if say:
                say(f"文件与上次{'构建' if built else '预览'}时相同：沿用上次生成的页面"
                    f"（{time.perf_counter() - started:.1f} 秒），数据在后台重新读取；MkDocs 只重建有变化的页面…")
            self._loading = threading.Thread(target=self._load_in_background, name="preview-load", daemon=True)
            return Update(False, 0, time.perf_counter() - started)
        kept_pages.forget(self.generated)
        self.site = load(self.root, self.settings, self.date, self.cache, self.memo, say)
        written = write_site(self.site, self.docs).written
        kept_pages.remember(self.generated, self.docs, inputs)
        if say:
            say(f"页面已生成：写入 {written} 个文件（累计 {time.perf_counter() - started:.1f} 秒）；"
                "MkDocs 正在构建网站，完成后会显示网址（之后只重建改动的页面）…")
        return Update(True, written, time.perf_counter() - started)

    def _load_in_background(self) -> None:
        """The data of the kept pages. A file edited since the start is read here already, so
        the kept pages would not show its change as one: then the first update regenerates all."""
        before = marks(self.root)
        try:
            site = load(self.root, self.settings, self.date, self.cache, self.memo)
        except Exception as exc:  # said at the next rebuild; the first edit regenerates everything
            site = None
            self.failed = f"后台读取数据失败（下次改动时将全部重新生成）：{type(exc).__name__}: {exc}"
        self.site = site if before == self.seen else None

    def loaded(self) -> None:
        """Waits for the data of kept pages (starting to read it if no one has yet)."""
        loading, self._loading = self._loading, None
        if loading is not None:
            if not loading.is_alive() and loading.ident is None:
                loading.start()
            loading.join()

    def update(self) -> Update | None:
        """Brings the pages up to date with the files; None when no file changed."""
        now = marks(self.root)
        if now == self.seen:
            return None
        started = time.perf_counter()
        inputs = self._inputs()  # before reading: a later edit must not be recorded as shown
        with self._record:
            self.stop_settling()
            kept_pages.forget(self.generated)
        self.loaded()
        edited = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        submissions = (self.root / SUBMISSIONS).resolve()
        touched = {_society_of(p, submissions) for p in edited}
        outside = any(not p.is_relative_to(submissions) for p in edited)
        if outside:
            reread_guidelines()
            reread_rubrics()
            self.cache.clear()
            self.memo.clear()
        else:
            # A report's findings also depend on its folder's other files (evidence).
            self.cache = {p: kept for p, kept in self.cache.items()
                          if _society_of(p.resolve(), submissions) not in touched}
        old, new = self.site, load(self.root, self.settings, self.date, self.cache, self.memo)
        self.site = new
        if outside or old is None or _reshaped(old, new):
            written = write_site(new, self.docs).written
            kept_pages.remember(self.generated, self.docs, inputs)
            return Update(True, written, time.perf_counter() - started)
        changed = changed_reports(old, new)
        paths, written = write(self.docs, encoded(pages_for(new, changed)))
        # A changed number of shared files is a new split's folder: the old one's goes now, or
        # MkDocs would copy it into the served site again until the settling generation ends.
        for folder in stale_splits(self.docs, {self.docs / p for p in paths}):
            shutil.rmtree(folder)
        for gone in _year_pages(old, changed) - _year_pages(new, changed):
            (self.docs / gone).unlink(missing_ok=True)
        for key in changed - new.repo.reports.keys():  # a report no longer readable: nothing to verify
            (self.docs / workbench.case_file(*key)).unlink(missing_ok=True)
        self._unsettled = True
        return Update(False, written, time.perf_counter() - started)

    def settle(self) -> None:
        """Starts the whole generation a quick update left to do, in a process of its own and
        at a lower priority, so that serving (and the next edit) stays quick. `serve` calls this
        once MkDocs has rebuilt the updated pages; after pages kept from the last preview, it
        starts reading their data instead."""
        if self._loading is not None and self._loading.ident is None:
            self._loading.start()
        if not self._unsettled:
            return
        self._unsettled = False
        inputs = self._inputs()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open while the process runs)
        # A session of its own: the generation forks a worker at scale, and stopping it must
        # stop that worker too.
        self._settler = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "--root", str(self.root), "generate",
             "--out", str(self.docs), "--date", self.date],
            cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=self._log, start_new_session=True)
        if hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it may be done already
                os.setpriority(os.PRIO_PROCESS, self._settler.pid, 10)
        threading.Thread(target=self._remember_when_settled, args=(self._settler, inputs),
                         name="preview-settled", daemon=True).start()

    def _remember_when_settled(self, settler: subprocess.Popen[bytes], inputs: str) -> None:
        """The pages are whole again once the settling generation ends well, unless an edit
        stopped it (update() forgets them first)."""
        code = settler.wait()
        with self._record:
            if code == 0 and self._settler is settler:
                kept_pages.remember(self.generated, self.docs, inputs)

    def settled(self, timeout: float | None = None) -> bool:
        """Waits for the settling generation; True when none is left running. When it failed,
        `failed` holds the end of what it said."""
        if self._settler is None:
            return True
        try:
            code = self._settler.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        self._settler = None
        if code != 0 and self._log is not None:
            self._log.seek(0)
            said = self._log.read().decode("utf-8", "replace").strip().splitlines()
            self.failed = ("后台生成下载文件失败，下载文件可能不是最新的："
                           + ("\n".join(said[-5:]) or f"退出码 {code}"))
        return True

    def check_settling(self) -> str | None:
        """What went wrong in a settling generation that has ended, once; None otherwise."""
        if self._settler is not None and self._settler.poll() is not None:
            self.settled(0)
        failed, self.failed = self.failed, None
        return failed

    def stop_settling(self) -> None:
        if self._settler is not None and self._settler.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._settler.pid, signal.SIGTERM)
            self._settler.wait()
        self._settler = None
