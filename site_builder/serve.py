"""`serve`: generate into generated/docs, then `mkdocs serve` with a hook that regenerates the
pages when the submissions, the year files or the hand-written pages change."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.build import MKDOCS_YML, log_to_stderr
from site_builder.generate import HAND_WRITTEN, PROJECT, generate
from validators.guideline import GUIDELINES_DIR

HOOK = Path(__file__).with_name("serve_hook.py")
_state: dict[str, object] = {}


def watched(root: Path) -> list[Path]:
    return [root / "submissions", GUIDELINES_DIR, GUIDELINES_DIR.with_name("rubrics"), HAND_WRITTEN]


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    marks = []
    for folder in watched(root):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                marks.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


def regenerate_if_changed(docs: Path) -> None:
    root = _state.get("root")
    if not isinstance(root, Path):
        return
    now = _fingerprint(root)
    if now != _state.get("fingerprint"):
        _state["fingerprint"] = now
        generate(root, docs)


def serve(root: Path, dev_addr: str | None = None) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    dev_addr = dev_addr or "127.0.0.1:8000"
    log_to_stderr(verbose=False, serving=True)
    root = root.resolve()
    # mkdocs.yml's paths (docs_dir, the search dictionary) are relative to the project.
    os.chdir(PROJECT)
    _state["root"] = root
    _state["fingerprint"] = _fingerprint(root)
    generate(root, PROJECT / "generated" / "docs")
    folders = [str(p) for p in watched(root) if p.exists()]
    # site_url's path would move the preview under /society-registry/; serve it from the root.
    mkdocs_serve(config_file=str(MKDOCS_YML), livereload=True, watch=folders,
                 dev_addr=dev_addr, site_url=f"http://{dev_addr}/", hooks=[str(HOOK)])
