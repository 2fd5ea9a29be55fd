"""What a preview leaves for the next one: the pages it generated and the inputs they came from.

A preview whose inputs (every file the pages are made from, the code that makes them, the date
and the site's settings) are the same, by content, as the last whole generation's, and whose
pages no one has touched since, serves those pages as they are: the check, the evaluation and
the generation are not run again before the first page shows. The record is dropped before
anything rewrites the pages and written again once they are whole.

A build hands its generated pages over too (generated/built/): the next preview of the same
inputs takes them, with a copy of the built site, instead of generating and building again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from site_builder.form_page import MKDOCS_YML, SiteSettings
from site_builder.generate import HAND_WRITTEN
from site_builder.search_dict import FILE as WORD_LIST
from validators.repository import SUBMISSIONS
from validators.year.files import PACKAGE_DIR
from validators.year.guideline import GUIDELINES_DIR

CODE = (PACKAGE_DIR, Path(__file__).parent)  # validators/ and site_builder/
# The pinned versions of everything installed (pydantic's output, the downloads' writers).
LOCK = PACKAGE_DIR.parent / "requirements.lock"
RECORD = "preview-kept.json"
HANDED_OVER = "built"  # generated/built/: a build's pages, for the next preview
_SKIPPED = {"__pycache__"}
# Besides the configs and the theme's files, what every built page depends on.
_BUILT_WITH = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jieba")


def watched(root: Path) -> list[Path]:
    """Every folder whose files the pages are made from."""
    folders = [root / SUBMISSIONS, root / "reviews", root / "results", root / "validators" / "guidelines",
               root / "validators" / "rubrics", GUIDELINES_DIR, GUIDELINES_DIR.with_name("rubrics"),
               HAND_WRITTEN, root / ".github"]  # .github/admins.yaml: the workbench's submitters, the contact
    return list(dict.fromkeys(Path(p).resolve() for p in folders))


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


def _write_record(folder: Path, record: dict[str, str]) -> None:
    temporary = folder / f".{RECORD}.tmp"
    temporary.write_text(json.dumps(record), "utf-8")
    os.replace(temporary, folder / RECORD)


def remember(generated: Path, docs: Path, inputs: str) -> None:
    _write_record(generated, {"inputs": inputs, "pages": listing_digest(docs)})


def swap(new: Path, target: Path) -> None:
    """Puts `new` where `target` is; the old one is removed only once the new one is in place,
    and is put back if the new one cannot be."""
    old = new.with_name(new.name + ".previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def forget(generated: Path) -> None:
    (generated / RECORD).unlink(missing_ok=True)


def site_stamp(config: bytes, theme_dirs: Sequence[str]) -> str:
    """What every built page depends on beyond its own source: the preview's config, the
    project's, the theme's files (ours and the theme's own: names, sizes, times) and the
    versions of MkDocs, the theme, the Markdown extensions and the search's word splitter."""
    digest = hashlib.blake2b(config, digest_size=20)
    digest.update(MKDOCS_YML.read_bytes())
    for folder in theme_dirs:
        digest.update(listing_digest(Path(folder)).encode())
    for package in _BUILT_WITH:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def hand_over(generated: Path, docs: Path, site: Path, inputs: str, stamp: str) -> None:
    """Leaves a build's generated pages and the search's word list beside them (moved: the
    build is done with them) and the place and listing of its site, for the next preview of the
    same inputs built with the same stamp."""
    new, folder = generated / f".{HANDED_OVER}.tmp", generated / HANDED_OVER
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    shutil.move(docs, new / "docs")
    if (docs.parent / WORD_LIST).is_file():
        shutil.move(docs.parent / WORD_LIST, new / WORD_LIST)
    swap(new, folder)
    # Written last, with the listing where the pages now are: no record, nothing to take.
    _write_record(folder, {"inputs": inputs, "stamp": stamp, "site": str(site), "listing": listing_digest(site),
                           "pages": listing_digest(folder / "docs")})


def discard_handover(generated: Path) -> None:
    shutil.rmtree(generated / HANDED_OVER, ignore_errors=True)


def take_over(generated: Path, docs: Path, site: Path, inputs: str, stamp: str) -> bool:
    """Puts the pages a build handed over in `docs` and a copy of its site in `site`, when they
    were made from `inputs` with `stamp` and neither was touched since; else leaves all as is.
    The site is copied, not linked: the preview rewrites pages in place, and the built site
    is the one to publish."""
    folder = generated / HANDED_OVER
    try:
        record = json.loads((folder / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or (record.get("inputs"), record.get("stamp")) != (inputs, stamp):
        return False
    built, pages = Path(str(record.get("site"))), folder / "docs"
    if not (pages.is_dir() and built.is_dir() and record.get("pages") == listing_digest(pages)
            and record.get("listing") == listing_digest(built)):
        return False
    copy = site.with_name(f".{site.name}.tmp")
    shutil.rmtree(copy, ignore_errors=True)
    try:
        shutil.copytree(built, copy)
    except OSError:  # nothing of this preview's is touched before the copy is whole
        shutil.rmtree(copy, ignore_errors=True)
        raise
    swap(pages, docs)
    swap(copy, site)
    if (folder / WORD_LIST).is_file():  # the search reads it from beside the pages
        os.replace(folder / WORD_LIST, docs.parent / WORD_LIST)
    shutil.rmtree(folder, ignore_errors=True)
    return True
