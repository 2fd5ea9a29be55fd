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


def test_a_rebuild_drops_the_folder_of_a_split_no_longer_written(tmp_path: Path) -> None:
    """A dirty rebuild never removes a file: the folder of the form's old split of its shared
    files (form/across/shared-<n>/, browser_cross.shared_file) stayed in the served site until the
    next whole build. The hook removes it, and only it: what the pages still hold, and in the site
    a folder that merely looks like a split or one outside the form's folder, stay."""
    from mkdocs.commands.build import build

    docs, site = tmp_path / "docs", tmp_path / "site"
    across = docs / "form" / "across"
    for rel in ["index.md", "form/across/shared-1/0.json", "form/across/society/cd-agri.json"]:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# 首页\n" if rel.endswith(".md") else "{}", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: 测试\ndocs_dir: {docs}\n", "utf-8")
    build(_config(tmp_path), serve_url=SERVE_URL, dirty=True)
    assert (site / "form/across/shared-1/0.json").is_file()
    others = ["form/across/shared-notes/a.json", "form/across/shared-01/0.json", "form/across/shared-/0.json",
              "across/shared-4/0.json", "shared-4/0.json", "form/shared-4/0.json"]
    for rel in others:  # not the form's splits: put there by hand, they are not the hook's to remove
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("{}", "utf-8")
    # The number of shared files changed: the generation wrote a split in two and dropped the old.
    os.remove(across / "shared-1" / "0.json")
    os.rmdir(across / "shared-1")
    (across / "shared-2").mkdir()
    for n in (0, 1):
        (across / "shared-2" / f"{n}.json").write_text("{}", "utf-8")
    build(_config(tmp_path), serve_url=SERVE_URL, dirty=True)
    assert not (site / "form/across/shared-1").exists()
    assert sorted(p.name for p in (site / "form/across/shared-2").iterdir()) == ["0.json", "1.json"]
    assert (site / "form/across/society/cd-agri.json").is_file()
    assert [rel for rel in others if not (site / rel).is_file()] == []
