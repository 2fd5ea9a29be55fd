"""Where the frozen results live: `results/<year>.json`, written by `finalize` and committed by an
admin. The paths, and the digests a results file records of the files it froze: reading the
results is the evaluation's (validators/evaluation/results.py); `check` of a report needs only to
tell them from the files it checks, and `check` of a review whether a report changed before or
after finalize."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

__all__ = ["RESULTS", "Recorded", "discover", "file_sha256", "is_results_path", "recorded", "results_path"]

RESULTS = "results"
# A results file larger than this is not read (the evaluation refuses it too).
MAX_RESULTS_BYTES = 64 * 1024 * 1024
# What a results file records of the files it was computed with: by path, their sha256; None
# when the file recorded none (written before finalize recorded them) or cannot be read.
Recorded = tuple[dict[str, str] | None, dict[str, str] | None]


def results_path(root: Path, year: int) -> Path:
    return root / RESULTS / f"{year}.json"


def is_results_path(path: Path, root: Path) -> bool:
    return Path(path).resolve().is_relative_to((root / RESULTS).resolve())


def discover(root: Path) -> list[Path]:
    base = root / RESULTS
    return sorted(p for p in base.iterdir() if not p.name.startswith(".")) if base.is_dir() else []


def file_sha256(root: Path, file: str) -> str | None:
    """A file's bytes as committed (its comments too: it is the file that was frozen); None when
    it cannot be read."""
    try:
        return hashlib.sha256((root / file).read_bytes()).hexdigest()
    except OSError:
        return None


def recorded(root: Path, year: int) -> Recorded:
    """The sha256 a year's results file records of its report files (`report_sha256`) and review
    files (`review_sha256`), for `check` to tell a change before finalize from one after it. A
    file that cannot be read records nothing here (the evaluation says why)."""
    path = results_path(root, year)
    try:
        stat = path.stat()
    except OSError:
        return None, None
    return _recorded(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _recorded(path: str, mtime: int, size: int) -> Recorded:
    if size > MAX_RESULTS_BYTES:
        return None, None
    try:
        data = json.loads(Path(path).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    return _digests(data.get("report_sha256")), _digests(data.get("review_sha256"))


def _digests(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return None
    return dict(value)
