"""MkDocs hook for `serve` only: the pages brought up to date before each rebuild, and the
search index kept whole across MkDocs' dirty rebuilds (which rebuild only changed pages).

Generation itself needs no hook (see generate.py). MkDocs loads this file afresh for every
rebuild, so the state lives in `site_builder.serve`.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.site_builder")
_built: list[str] = []


def on_pre_build(config: Any, **_: Any) -> None:
    from site_builder.serve import current

    _built.clear()
    preview = current()
    update = preview.update() if preview else None
    if update:
        log.info("页面已更新：改写 %d 个文件，用时 %.2f 秒%s", update.written, update.seconds,
                 "（全部重新生成）" if update.whole else "；下载文件在后台更新")


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    _built.append(page.url)
    return context


# Before the search plugin writes its index. In a dirty rebuild it merges the previous index
# itself, dropping every entry under the first rebuilt page's path: the home page's path is ""
# and drops them all. So the merge is done here: the previous entries of every page not
# rebuilt, then the rebuilt pages' own. Then the downloads, which the quick update left, are
# settled in the background.
@event_priority(100)
def on_post_build(config: Any, **_: Any) -> None:
    from site_builder.serve import current

    search = config.plugins.get("material/search")
    index, previous = getattr(search, "search_index", None), getattr(search, "search_index_prev", None)
    if index is not None and previous is not None:
        rebuilt = set(_built)
        index.entries = [e for e in previous.entries if e["location"].split("#", 1)[0] not in rebuilt] + index.entries
        search.search_index_prev = None  # merged: the plugin must not merge again
    preview = current()
    if preview:
        preview.settle()
