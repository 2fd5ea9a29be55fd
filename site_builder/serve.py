"""`serve`: generate into generated/docs, then serve with MkDocs' live-reload server in its dirty
mode (only changed pages are rebuilt), with a hook that brings the pages up to date before each
rebuild (see preview.py) and keeps the search index whole.

The built site is kept in generated/site between previews (`mkdocs serve` builds into a new
temporary folder each time): a second start rebuilds only the pages whose source changed, so a
tree previewed before shows its first page within seconds. The kept site is wiped when what
every page is built with (the config, the theme, MkDocs' and the theme's versions) changed.
A tree built before (`build`) starts the same way from the pages and a copy of the site the
build left (kept_pages.py).
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from site_builder.build import MKDOCS_YML, child_config, log_to_stderr
from site_builder.form_page import site_settings
from site_builder.generate import PROJECT, build_date
from site_builder.kept_pages import site_stamp, take_over, watched
from site_builder.preview import Preview

HOOK = Path(__file__).with_name("serve_hook.py")
# What lasts from one rebuild to the next: the preview, with its kept results.
_state: dict[str, Preview] = {}
log = logging.getLogger("mkdocs.site_builder")


def _chosen_dirty(record: logging.LogRecord) -> bool:
    """MkDocs warns, in English, of every dirty build's stale navigation: the preview builds
    dirty by design and its hook keeps removed pages and the search index whole."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


logging.getLogger("mkdocs.commands.build").addFilter(_chosen_dirty)


def current() -> Preview | None:
    return _state.get("preview")


def kept_site(site_dir: Path, stamp_file: Path, stamp: str) -> set[str]:
    """The kept site's page URLs, after wiping it if it was built otherwise (or its last build
    did not finish)."""
    try:
        same = stamp_file.read_text("utf-8") == stamp
    except OSError:
        same = False
    stamp_file.unlink(missing_ok=True)  # written again after each build that finishes
    if not same:
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.mkdir(parents=True)
        return set()
    pages = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    return {"" if url == "." else f"{url}/" for url in pages}


def stale_files(site_dir: Path, built: set[Path]) -> list[Path]:
    """Files of a kept site that this build will not write: those of pages and files deleted
    while no preview ran. The build's own outputs outside its files (the search index, the
    sitemap, the error page) are kept."""
    written_by_build = {"sitemap.xml", "sitemap.xml.gz", "404.html"}
    return [path for path in site_dir.rglob("*")
            if path.is_file() and path not in built
            and path.relative_to(site_dir).parts[0] != "search"
            and path.relative_to(site_dir).as_posix() not in written_by_build]


@contextmanager
def finishing_first() -> Iterator[None]:
    """Runs the block to its end through a first Ctrl+C (said, and raised after it), stopping at
    once only on a second. Outside the main thread, signals cannot be caught: it runs as is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    asked: list[int] = []

    def interrupted(signum: int, frame: FrameType | None) -> None:
        if asked:
            raise KeyboardInterrupt
        asked.append(signum)
        print("预览：正在完成这次构建后退出（下次启动就不必从头构建）；再按一次 Ctrl+C 立即退出。",
              file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if asked:
        raise KeyboardInterrupt


def serve(root: Path, dev_addr: str | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    dev_addr = dev_addr or "127.0.0.1:8000"
    log_to_stderr(verbose=False, serving=True)
    root = root.resolve()
    # The pages go under the served tree's own generated/ (this repository's, for `make serve`),
    # with a config inheriting mkdocs.yml that points there: previewing another tree (a copy, a
    # benchmark) never writes over this repository's pages.
    generated = root / "generated"
    generated.mkdir(exist_ok=True)
    date = build_date()
    config_file = generated / "mkdocs.yml"
    config_file.write_text(child_config(MKDOCS_YML, root, generated / "docs", date), encoding="utf-8")
    # The inherited config's other paths (the theme's overrides) are relative to the project.
    os.chdir(PROJECT)
    site_dir, stamp_file = generated / "site", generated / "site.stamp"
    docs = generated / "docs"
    docs.mkdir(exist_ok=True)  # MkDocs' config wants it, before the first generation
    folders = [str(p) for p in watched(root) if p.exists()]
    # site_url's path would move the preview under /society-registry/; serve it from the root.
    serve_url = f"http://{dev_addr}/"

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), dev_addr=dev_addr,
                             site_url=serve_url, hooks=[str(HOOK)])
        config.watch.extend(folders)
        return config

    config = get_config()
    stamp = site_stamp(config_file.read_bytes(), config.theme.dirs)

    def taken_over(inputs: str) -> bool:
        """A build's pages and site, when they are this preview's as they stand."""
        try:
            if not take_over(generated, docs, site_dir, inputs, stamp):
                return False
        except OSError as exc:  # a copy that failed (a full disk): generated as on a first start
            print(f"预览：没能沿用构建留下的页面（{exc}），改为全部生成。", file=sys.stderr, flush=True)
            return False
        stamp_file.write_text(stamp, "utf-8")
        return True

    preview = Preview(root, docs, site_settings(), date)
    _state["preview"] = preview
    atexit.register(preview.stop_settling)
    print("预览：正在比较文件与上次预览或构建时是否相同…", file=sys.stderr, flush=True)
    preview.start(lambda line: print(f"预览：{line}", file=sys.stderr, flush=True), taken_over)

    def builder(config: MkDocsConfig | None = None) -> None:
        # A build cut short leaves pages without their search entries: with no stamp, the next
        # start builds the whole site again. So a first Ctrl+C lets the build finish (said once
        # that holds: a test sends its Ctrl+C on this line).
        stamp_file.unlink(missing_ok=True)
        with finishing_first():
            log.info("正在构建网站…")
            build(config or get_config(), serve_url=serve_url, dirty=True)
            stamp_file.write_text(stamp, "utf-8")

    preview.served = kept_site(site_dir, stamp_file, stamp)
    preview.kept_site = bool(preview.served)
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(str(generated / "docs"))
        server.watch(str(config_file))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
        finally:
            server.shutdown()
    except KeyboardInterrupt:  # also during the first build, which a first Ctrl+C lets finish
        log.info("预览已停止。")
    finally:
        config.plugins.on_shutdown()
