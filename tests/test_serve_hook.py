"""The preview's hook over real MkDocs dirty rebuilds of a small site (no server, no timing):
the search index keeps every page that a rebuild did not rebuild, the home page included."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_builder.serve import HOOK

SERVE_URL = "http://127.0.0.1:8000/"


def _config(root: Path) -> MkDocsConfig:
    from mkdocs.config import load_config

    return load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"),
                       site_url=SERVE_URL, hooks=[str(HOOK)])


def _indexed(site: Path) -> list[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return sorted(d["location"] for d in docs)


def test_a_rebuild_that_leaves_the_home_page_keeps_its_search_entries(tmp_path: Path) -> None:
    from mkdocs.commands.build import build

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n\n## 概况 {#overview}\n\n首页正文\n", "utf-8")
    (docs / "other.md").write_text("# 其他\n\n其他正文\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: 测试\ndocs_dir: {docs}\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search\nmarkdown_extensions:\n  - attr_list\n",
        "utf-8")
    first = _config(tmp_path)
    search = first.plugins.get("material/search")
    assert search is not None
    # MkDocs keeps plugin instances across configs (and tests): start from no previous index.
    search.search_index_prev = None
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, serve_url=SERVE_URL, dirty=True)
        whole = _indexed(tmp_path / "site")
        assert whole == ["", "#overview", "other/"]  # the home page's entries, then the other page's
        # Only the other page is rebuilt, as after an edit that leaves the home page as it is.
        later = (tmp_path / "site" / "index.html").stat().st_mtime + 10
        os.utime(docs / "other.md", (later, later))
        build(_config(tmp_path), serve_url=SERVE_URL, dirty=True)
        assert _indexed(tmp_path / "site") == whole
    finally:
        first.plugins.on_shutdown()
        search.is_dirty = False
        search.search_index_prev = None
