"""`build`: generate into a temporary folder, `mkdocs build --strict` there (or, with
`builder="zensical"`, `zensical build --strict`), then swap the result into place. A failing build
leaves the previous site untouched.

The temporary project is a one-file MkDocs config that inherits the real `mkdocs.yml` and points
its paths (docs, theme overrides, search dictionary) into the temporary folder, so builds of
different trees never share a file. mkdocs.yml is read with a safe loader that keeps MkDocs'
tags (`!!python/name:`, `!ENV`, `!relative`) as written: nothing in it is imported or run here,
and the tags reach MkDocs unchanged in the child config.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from site_builder import kept_pages, zensical_build
from site_builder.form_page import site_settings
from site_builder.generate import PROJECT, build_date, generate
from site_builder.mkdocs_config import dump_config, inheriting, read_config
from site_builder.search_worker import SearchWorkerChanged, mend_search_worker

MKDOCS_YML = PROJECT / "mkdocs.yml"
_SEARCH = ("search", "material/search")
# The site is published with MkDocs; Zensical builds the same pages to prove they move unchanged.
BUILDERS = ("mkdocs", "zensical")


class BuildError(Exception):
    """MkDocs refused the generated pages (a warning in strict mode, or an error)."""


@dataclass(frozen=True, slots=True)
class Built:
    site: Path
    pages: int
    generate_seconds: float
    builder_seconds: float  # MkDocs' (or Zensical's) own time
    builder: str = "mkdocs"


def _plugins(plugins: list[Any], work: Path) -> list[Any]:
    """The plugin list with the search dictionary's path moved into `work`."""
    out: list[Any] = []
    for entry in plugins:
        if isinstance(entry, dict) and len(entry) == 1:
            (name, options), = entry.items()
            if name in _SEARCH and isinstance(options, dict) and options.get("jieba_dict_user"):
                options = {**options, "jieba_dict_user": str(work / options["jieba_dict_user"])}
            entry = {name: options}
        out.append(entry)
    return out


def child_config(config: Path, work: Path, docs: Path, date: str | None = None) -> str:
    """A config inheriting `config`, with every path of the generated project inside `work`
    (and the build date that the footer shows)."""
    parent = read_config(config)
    child = {**inheriting(config, parent, date), "docs_dir": str(docs)}
    plugins = parent.get("plugins")
    if plugins:
        child["plugins"] = _plugins(plugins, work)
    return dump_config(child)


def log_to_stderr(verbose: bool, serving: bool = False) -> logging.Handler:
    """MkDocs' warnings (and with `verbose` or `serving`, its progress) on stderr; jieba quiet."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    handler.setLevel(logging.INFO if verbose or serving else logging.WARNING)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        import jieba
    except ImportError:
        pass
    else:
        jieba.setLogLevel(logging.WARNING)
    return handler


def _mkdocs(config_file: Path, site_dir: Path, verbose: bool) -> list[str]:
    """Builds the site; the theme's folders it was built with."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    handler = log_to_stderr(verbose)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
        return list(config.theme.dirs)
    except (Abort, MkDocsException) as exc:
        raise BuildError(str(exc)) from exc
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def build(root: Path, site_dir: Path, *, config: Path = MKDOCS_YML, date: str | None = None,
          verbose: bool = False, builder: str = "mkdocs") -> Built:
    if builder not in BUILDERS:
        raise ValueError(f"unknown builder {builder!r}")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target, so the final rename stays on one file system.
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        started = time.perf_counter()
        date = date or build_date()
        # What `serve` builds, so the next one starts from it (hashed before the pages are read:
        # a file edited during the build is not one they show).
        hand_over = builder == "mkdocs" and config.resolve() == MKDOCS_YML.resolve()
        settings = site_settings(config)
        inputs = kept_pages.inputs_digest(kept_pages.watched(root), date, settings) if hand_over else ""
        if builder == "zensical":
            docs = zensical_build.write_project(work, config, date)
        else:
            docs = work / "generated" / "docs"
        generate(root, docs, settings=settings, date=date)
        pages = sum(1 for _ in docs.rglob("*.md"))
        generated_at = time.perf_counter()
        if builder == "zensical":
            try:
                zensical_build.run(work)
            except zensical_build.ZensicalError as exc:
                raise BuildError(str(exc)) from exc
        else:
            child = work / "mkdocs.yml"
            child.write_text(child_config(config, work, docs, date), encoding="utf-8")
            theme_dirs = _mkdocs(child, work / "site", verbose)
            try:
                mend_search_worker(work / "site")
            except SearchWorkerChanged as exc:
                raise BuildError(str(exc)) from exc
        finished = time.perf_counter()
        kept_pages.swap(work / "site", site_dir)
        if hand_over:
            generated = root.resolve() / "generated"
            serving = child_config(MKDOCS_YML, root.resolve(), generated / "docs", date)
            try:
                kept_pages.hand_over(generated, docs, site_dir, inputs,
                                     kept_pages.site_stamp(serving.encode(), theme_dirs))
            except (OSError, metadata.PackageNotFoundError) as exc:  # the preview generates anew
                print(f"提示：没有为下次预览留下生成的页面（{exc}）。", file=sys.stderr)
        return Built(site_dir, pages, generated_at - started, finished - generated_at, builder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
