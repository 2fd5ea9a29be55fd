"""MkDocs hook for `serve` only: regenerate the pages before a rebuild when their sources moved.

Generation itself needs no hook (see generate.py); this only keeps `mkdocs serve` live. MkDocs
loads this file afresh for every rebuild, so the state lives in `site_builder.serve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def on_pre_build(config: Any, **_: Any) -> None:
    from site_builder.serve import regenerate_if_changed

    regenerate_if_changed(Path(config["docs_dir"]))
