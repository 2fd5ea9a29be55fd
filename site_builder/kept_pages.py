"""What a preview leaves for the next one: the pages it generated and the inputs they came from.

A preview whose inputs (every file the pages are made from, the code that makes them, the date
and the site's settings) are the same, by content, as the last whole generation's, and whose
pages no one has touched since, serves those pages as they are: the check, the evaluation and
the generation are not run again before the first page shows. The record is dropped before
anything rewrites the pages and written again once they are whole.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from site_builder.form_page import SiteSettings
from validators.year.files import PACKAGE_DIR

CODE = (PACKAGE_DIR, Path(__file__).parent)  # validators/ and site_builder/
# The pinned versions of everything installed (pydantic's output, the downloads' writers).
LOCK = PACKAGE_DIR.parent / "requirements.lock"
RECORD = "preview-kept.json"
_SKIPPED = {"__pycache__"}


def _files(folders: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        for base, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED)
            found += [Path(base, n) for n in sorted(names)]
    return found


def inputs_digest(folders: Iterable[Path], date: str, settings: SiteSettings) -> str:
    """The content of every file under `folders` and of the code, with the date and settings."""
    digest = hashlib.blake2b(f"{date}\n{settings!r}\n".encode(), digest_size=20)
    for path in [*_files([*folders, *CODE]), LOCK]:
        try:
            data = path.read_bytes()
        except OSError:  # gone since it was listed, or unreadable: part of what changed
            data = b"\x00unreadable"
        digest.update(f"{path}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def listing_digest(folder: Path) -> str:
    """Every file's name, size and modification time under `folder`: the generated pages as
    written last, or a theme's files."""
    digest = hashlib.blake2b(digest_size=20)
    for path in _files([folder]):
        try:
            stat = path.stat()
        except OSError:  # removed while listed: the digest then matches no later listing
            digest.update(f"{path}\ngone\n".encode())
            continue
        digest.update(f"{path}\n{stat.st_size}\n{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def kept(generated: Path, docs: Path, inputs: str) -> bool:
    """Whether the pages in `docs` were generated, whole, from these inputs."""
    try:
        record = json.loads((generated / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(record, dict) and record.get("inputs") == inputs and docs.is_dir()
            and record.get("pages") == listing_digest(docs))


def remember(generated: Path, docs: Path, inputs: str) -> None:
    record = {"inputs": inputs, "pages": listing_digest(docs)}
    temporary = generated / f".{RECORD}.tmp"
    temporary.write_text(json.dumps(record), "utf-8")
    os.replace(temporary, generated / RECORD)


def forget(generated: Path) -> None:
    (generated / RECORD).unlink(missing_ok=True)
