"""MkDocs hook for `serve` only: the pages brought up to date before each rebuild, and the
served site and its search index kept whole across MkDocs' dirty rebuilds (which rebuild only
changed pages, and never remove one).

Generation itself needs no hook (see generate.py). What lasts from one rebuild to the next
lives in `site_builder.serve`; this module's lists are emptied at each rebuild.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from site_builder.progress import Bar
from site_builder.search_worker import SearchWorkerChanged, mend_search_worker

log = logging.getLogger("mkdocs.site_builder")
_built: list[str] = []
_pages: set[str] = set()
# Builds of more pages than this show a progress bar (a first start); an edit's do not.
_BAR_FROM = 200
_bar: list[Bar] = []


def on_pre_build(config: Any, **_: Any) -> None:
    from site_builder.serve import current

    _built.clear()
    preview = current()
    if preview is None:
        return
    failed = preview.check_settling()
    if failed:
        log.warning("%s", failed)
    update = preview.update()
    if update:
        log.info("页面已更新：改写 %d 个文件，用时 %.2f 秒%s", update.written, update.seconds,
                 "（全部重新生成）" if update.whole else "；下载文件在后台更新")


def _page_url(file: Any) -> str:
    """A page file's URL as its page and its search entries give it: the home page's file says
    "./", its page and entries "" (a merge by the file's URL dropped the home page's entries
    from every rebuild that did not rebuild it)."""
    return "" if file.url in (".", "./") else str(file.url)


def on_files(files: Any, config: Any, **_: Any) -> Any:
    """A page whose source is gone leaves the served site too: a dirty rebuild keeps its HTML.
    So does the folder of a split of the form's shared files no longer written (the number of
    shared files changed): a dirty rebuild never removes a file either."""
    from site_builder.form_page import stale_splits
    from site_builder.serve import current

    for folder in stale_splits(Path(config["site_dir"]), {Path(f.abs_dest_path) for f in files}):
        shutil.rmtree(folder, ignore_errors=True)

    _pages.clear()
    _pages.update(_page_url(f) for f in files.documentation_pages())
    _bar.clear()
    to_build = sum(1 for f in files.documentation_pages() if f.is_modified())
    if to_build > _BAR_FROM:
        _bar.append(Bar("预览：MkDocs 构建页面", to_build))
    preview = current()
    if preview is not None:
        site = Path(config["site_dir"])
        for url in preview.served - _pages:
            (site / url / "index.html").unlink(missing_ok=True)
        preview.served = set(_pages)
        if preview.kept_site:  # the first build over a kept site: what was deleted meanwhile goes
            from site_builder.serve import stale_files

            preview.kept_site = False
            for path in stale_files(site, {Path(f.abs_dest_path) for f in files}):
                path.unlink(missing_ok=True)
    return files


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    _built.append(page.url)
    for bar in _bar:
        bar.advance()
    return context


def _kept_entries(site: Path) -> list[dict[str, Any]] | None:
    """The index a previous preview left in the kept site (the plugin only remembers the
    previous build of its own process): the entries of the pages this build did not rebuild."""
    try:
        docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return docs if isinstance(docs, list) else None


# Before the search plugin writes its index. In a dirty rebuild it merges the previous index
# itself, dropping every entry under the first rebuilt page's path: the home page's path is ""
# and drops them all. So the merge is done here: the previous entries of every page that is
# still there and was not rebuilt, then the rebuilt pages' own. Then the downloads, which the
# quick update left, are settled in the background.
@event_priority(100)
def on_post_build(config: Any, **_: Any) -> None:
    from site_builder.serve import current

    search = config.plugins.get("material/search")
    index, previous = getattr(search, "search_index", None), getattr(search, "search_index_prev", None)
    entries = previous.entries if previous is not None else _kept_entries(Path(config["site_dir"]))
    if index is not None and entries is not None:
        rebuilt = set(_built)
        index.entries = [e for e in entries
                         if (page := e["location"].split("#", 1)[0]) not in rebuilt and page in _pages] + index.entries
        search.search_index_prev = None  # merged: the plugin must not merge again
    try:
        mend_search_worker(Path(config["site_dir"]))
    except SearchWorkerChanged as exc:  # the preview still serves; its search cuts as Material does
        log.warning(str(exc))
    preview = current()
    if preview:
        preview.settle()
