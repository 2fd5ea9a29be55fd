"""MkDocs hook for `serve` only: the pages brought up to date before each rebuild, and the
search index kept whole across MkDocs' dirty rebuilds.

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


# Before the search plugin writes its index: in a dirty rebuild it keeps the previous entries
# and drops only those of the first rebuilt page, so the others would be listed twice.
@event_priority(100)
def on_post_build(config: Any, **_: Any) -> None:
    search = config.plugins.get("material/search")
    previous = getattr(search, "search_index_prev", None)
    if previous is None or not _built:
        return
    rebuilt = set(_built)
    previous.entries = [e for e in previous.entries if e["location"].split("#", 1)[0] not in rebuilt]
