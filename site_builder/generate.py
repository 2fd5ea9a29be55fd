"""Generation: the submissions tree in, a folder of Markdown pages and assets out.

Plain Python, no MkDocs plugin: any static site generator that reads Markdown with attribute
lists can build the result. The tree is checked once and evaluated once; every page module
receives the same data. Output is deterministic (sorted everywhere, one build-date line), and
files whose content did not change are not rewritten, so `mkdocs serve` reloads only what moved.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_builder import (
    areas,
    contact,
    downloads,
    guideline_page,
    home,
    rankings,
    report_page,
    rubric_page,
    search_dict,
    societies,
    society_page,
    status,
)
from site_builder.context import SiteData, load
from site_builder.form_page import SiteSettings, form_files, site_settings
from site_builder.workbench import workbench_files
from validators.association.reviews import UnusableRecords
from validators.forking import can_fork
from validators.year.cycle import calendar_day, today
from validators.year.files import YearFileError
from validators.year.unscored import unscored_years

PROJECT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = PROJECT / "docs"
ASSETS = Path(__file__).with_name("assets")
DEFAULT_OUT = Path("generated") / "docs"

PageSource = Callable[[SiteData], Iterable[tuple[str, str | bytes]]]
_PAGE_MODULES: tuple[PageSource, ...] = (
    guideline_page.pages, rubric_page.pages, societies.pages, society_page.pages, report_page.pages,
    areas.pages,
    rankings.pages, status.pages, downloads.pages)


@dataclass(frozen=True, slots=True)
class Generated:
    docs: Path
    files: int
    written: int


def build_date() -> str:
    """Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds): in Beijing time,
    like the calendar's phases and the association's dates, whatever the server's zone (the
    publishing runner's is UTC). The footer, the home page and every phase read this one date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return calendar_day(dt.datetime.fromtimestamp(int(epoch), dt.UTC)).isoformat()
    return today().isoformat()


def hand_written(folder: Path = HAND_WRITTEN) -> Iterator[tuple[str, bytes]]:
    """The pages written by hand; folders starting with `_` (drafts) stay out of the site."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(("_", ".")) for part in rel.parts):
            yield rel.as_posix(), path.read_bytes()


def _assets() -> Iterator[tuple[str, bytes]]:
    for path in sorted(ASSETS.rglob("*")):
        # Notes about the assets (VENDORED.md) are for maintainers, not pages of the site.
        if path.is_file() and path.suffix != ".md" and "__pycache__" not in path.parts:
            yield f"assets/{path.relative_to(ASSETS).as_posix()}", path.read_bytes()


def _write_if_changed(path: Path, content: bytes) -> bool:
    try:
        if path.read_bytes() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # Whole or not at all: under `serve`, MkDocs may read the page while it is being written,
    # and a generation stopped half-way (a newer edit came) must leave no half page behind.
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)
    return True


def _remove_stale(out: Path, keep: set[Path]) -> None:
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


# With many reports the pages are rendered by two processes: a forked worker takes the
# downloads and the area pages (about half the work at a hundred societies), this process the
# rest. Each writes its own files as it goes, so no process holds the whole site in memory.
PARALLEL_MIN_REPORTS = 200
_SECOND_HALF: tuple[PageSource, ...] = (downloads.pages, areas.pages)
_forked: list[SiteData] = []

Written = tuple[list[str], int]  # the paths of the files, and how many of them changed


def write(out: Path, files: Iterable[tuple[str, bytes]]) -> Written:
    paths, changed = [], 0
    for rel, data in files:
        paths.append(rel)
        changed += _write_if_changed(out / rel, data)
    return paths, changed


def encoded(files: Iterable[tuple[str, str | bytes]]) -> Iterator[tuple[str, bytes]]:
    for path, content in files:
        yield path, content if isinstance(content, bytes) else content.encode("utf-8")


def _render(site: SiteData, sources: Iterable[PageSource]) -> Iterator[tuple[str, bytes]]:
    for source in sources:
        yield from encoded(source(site))


def _render_in_worker(indexes: tuple[int, ...], out: Path) -> Written:
    return write(out, _render(_forked[0], [_PAGE_MODULES[i] for i in indexes]))


def _pages(site: SiteData, out: Path) -> list[Written]:
    # The worker must be forked (it inherits the data); never from a process with other threads
    # (the preview's server), where a lock another thread holds would stay held in the child.
    if len(site.repo.reports) < PARALLEL_MIN_REPORTS or not can_fork():
        return [write(out, _render(site, _PAGE_MODULES))]
    second = tuple(i for i, source in enumerate(_PAGE_MODULES) if source in _SECOND_HALF)
    _forked[:] = [site]  # the worker inherits it: the data is never pickled
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            later = pool.submit(_render_in_worker, second, out)
            first = write(out, _render(site, [s for s in _PAGE_MODULES if s not in _SECOND_HALF]))
            return [first, later.result()]
    finally:
        _forked.clear()


def home_page(site: SiteData) -> tuple[str, bytes]:
    """The home page: the hand-written introduction with the figures of the data."""
    source = HAND_WRITTEN / home.PAGE
    intro = source.read_text("utf-8") if source.is_file() else "# 首页\n"
    return home.PAGE, home.render(site, intro).encode("utf-8")


def _fixed_files(site: SiteData) -> Iterator[tuple[str, bytes]]:
    """The hand-written pages (the home page with its figures, the page on submitting with the
    association's contact), the assets and the form."""
    files = dict(hand_written())
    files[home.PAGE] = home_page(site)[1]
    if contact.PAGE in files:
        page = contact.render(files[contact.PAGE].decode("utf-8"), contact.read_contact(site.root))
        files[contact.PAGE] = page.encode("utf-8")
    yield from files.items()
    yield from _assets()
    yield from form_files(site.repo, settings=site.settings, day=dt.date.fromisoformat(site.build_date)).items()
    yield from workbench_files(site).items()


def generate(root: Path, out: Path = DEFAULT_OUT, *, settings: SiteSettings | None = None,
             date: str | None = None) -> Generated:
    """Writes the docs folder `out`, and the search dictionary beside it."""
    settings = settings or site_settings()
    # A year whose files disagree (E-YEAR-FILE) would publish scores its own text does not
    # support: nothing is written, as for an unreadable year file (the CLI says where).
    problems = [p for year in unscored_years(root).values() for p in year]
    if problems:
        raise YearFileError(problems)
    return write_site(load(root, settings, date or build_date()), out)


def write_site(site: SiteData, out: Path) -> Generated:
    """Every page and file of `site` into `out` (only those that changed are rewritten), and
    nothing else: files no page is written to are removed."""
    # Review or objection files that could not be used: every item of the society would be
    # published as unverified (its total 0 in the public notice). Nothing is written. A final
    # year's pages show its frozen results, which no record read now changes.
    unusable = [f for year, findings in site.repo.unusable_records.items() if year not in site.frozen
                for f in findings]
    if unusable:
        raise UnusableRecords(unusable)
    out.mkdir(parents=True, exist_ok=True)
    parts = [write(out, _fixed_files(site)), *_pages(site, out)]
    paths = [p for part, _ in parts for p in part]
    if len(set(paths)) != len(paths):
        twice = sorted(p for p in set(paths) if paths.count(p) > 1)
        raise ValueError(f"two sources for {twice}")
    _remove_stale(out, {out / p for p in paths})
    _write_if_changed(out.parent / search_dict.FILE, search_dict.dictionary(site).encode("utf-8"))
    return Generated(out, len(paths), sum(changed for _, changed in parts))
