"""`serve`: generate into generated/docs, then `mkdocs serve` in its dirty mode (only changed
pages are rebuilt), with a hook that brings the pages up to date before each rebuild (see
preview.py) and keeps the search index whole."""

from __future__ import annotations

import atexit
import os
from pathlib import Path

from site_builder.build import MKDOCS_YML, log_to_stderr
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
    # mkdocs.yml's paths (docs_dir, the search dictionary) are relative to the project.
    os.chdir(PROJECT)
    preview = Preview(root, PROJECT / "generated" / "docs", site_settings(), build_date())
    _state["preview"] = preview
    atexit.register(preview.stop_settling)
    preview.start()
    folders = [str(p) for p in watched(root) if p.exists()]
    # site_url's path would move the preview under /society-registry/; serve it from the root.
    mkdocs_serve(config_file=str(MKDOCS_YML), livereload=True, build_type="dirty", watch=folders,
                 dev_addr=dev_addr, site_url=f"http://{dev_addr}/", hooks=[str(HOOK)])
