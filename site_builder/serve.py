"""`serve`: generate into generated/docs, then `mkdocs serve` in its dirty mode (only changed
pages are rebuilt), with a hook that brings the pages up to date before each rebuild (see
preview.py) and keeps the search index whole."""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from site_builder.build import MKDOCS_YML, child_config, log_to_stderr
from site_builder.form_page import site_settings
from site_builder.generate import PROJECT, build_date
from site_builder.preview import Preview, watched

HOOK = Path(__file__).with_name("serve_hook.py")
# What lasts from one rebuild to the next: the preview, with its kept results.
_state: dict[str, Preview] = {}


def current() -> Preview | None:
    return _state.get("preview")


def serve(root: Path, dev_addr: str | None = None) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    dev_addr = dev_addr or "127.0.0.1:8000"
    log_to_stderr(verbose=False, serving=True)
    root = root.resolve()
    # The pages go under the served tree's own generated/ (this repository's, for `make serve`),
    # with a config inheriting mkdocs.yml that points there: previewing another tree (a copy, a
    # benchmark) never writes over this repository's pages.
    generated = root / "generated"
    generated.mkdir(exist_ok=True)
    date = build_date()
    config = generated / "mkdocs.yml"
    config.write_text(child_config(MKDOCS_YML, root, generated / "docs", date), encoding="utf-8")
    # The inherited config's other paths (the theme's overrides) are relative to the project.
    os.chdir(PROJECT)
    preview = Preview(root, generated / "docs", site_settings(), date)
    _state["preview"] = preview
    atexit.register(preview.stop_settling)
    print("预览：正在检查提交的文件…", file=sys.stderr, flush=True)
    preview.start(lambda line: print(f"预览：{line}", file=sys.stderr, flush=True))
    folders = [str(p) for p in watched(root) if p.exists()]
    # site_url's path would move the preview under /society-registry/; serve it from the root.
    mkdocs_serve(config_file=str(config), livereload=True, build_type="dirty", watch=folders,
                 dev_addr=dev_addr, site_url=f"http://{dev_addr}/", hooks=[str(HOOK)])
