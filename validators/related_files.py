"""Which other files a check of a few changed files must read for the rules across files.

A changed report meets other files only through its own society's other years, through the
ids and names of consortia it belongs to (any year) and the societies it lists as their
members, through the consortia that list its society as a member (the same year), through the titles of its events, research reports and government functions
(the same year), and through the names of its service stations (any year: a station another
society reported by that name in an earlier year is a warning). Searching the other files' bytes for those
strings is far cheaper than parsing the tree. The rules compare such texts in NFKC form
(`same_text`), so a file that does not hold a needle as written is searched again in that form.
"""

from __future__ import annotations

import functools
import re
import stat
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from validators.models.report import YearReport
from validators.rules.cross_file_common import same_text
from validators.yaml.policy import policy

# YAML folds long scalars only at spaces and escapes only inside double quotes, so a run
# without whitespace, quotes or backslashes appears verbatim in any file holding the title.
_SEGMENT = re.compile(r"[^\s\"'\\]+")


def _longest_segment(text: str) -> bytes | None:
    longest = max(_SEGMENT.findall(same_text(text)), key=len, default="")
    return longest.encode("utf-8") if longest else None


def needles(reports: Iterable[YearReport]) -> tuple[set[bytes], dict[str, set[bytes]]]:
    """Consortium ids and names and station names (any year), and titles by the year they were
    reported in."""
    ids: set[bytes] = set()
    titles: dict[str, set[bytes]] = defaultdict(set)
    for report in reports:
        ids.update(c.id.encode("utf-8") for c in report.consortia)
        ids.update(n for c in report.consortia if (n := _longest_segment(c.name)))
        ids.update(n for st in report.service_stations if (n := _longest_segment(st.name)))
        gov = report.government_functions
        texts = ([e.title for e in report.academic_events] + [r.title for r in report.research]
                 + [f.title for f in (gov.functions if gov else [])])
        titles[f"{report.year}.yaml"].update(n for t in texts if (n := _longest_segment(t)))
        # A lead that lists this society as a member of a consortium its report omits.
        titles[f"{report.year}.yaml"].add(report.society.encode("utf-8"))
    return ids, titles


# A needle's longest run of CJK ideographs: NFKC leaves them as they are, so a file that holds a
# needle in another form (full-width digits, letters or punctuation) holds this run as written.
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")


@functools.cache
def _core(key: bytes) -> bytes | None:
    runs = _IDEOGRAPHS.findall(key.decode("utf-8"))
    return max(runs, key=len).encode("utf-8") if runs else None


def _holds(data: bytes, wanted: set[bytes], exact: set[bytes]) -> bool:
    """Whether `data` holds a needle, as written or in NFKC form; the `exact` ones (ids, which
    the rules compare as written) only as written."""
    if any(key in data for key in wanted):
        return True
    if data.isascii():
        return False  # NFKC leaves ASCII as it is
    # Normalising every file of the tree was most of a one-file check's time: only a file that
    # holds a needle's ideographs as written can hold the needle in another form.
    named = wanted - exact
    if all((core := _core(key)) is not None and core not in data for key in named):
        return False
    text = data.decode("utf-8", "replace")
    if unicodedata.is_normalized("NFKC", text):
        return False
    normal = unicodedata.normalize("NFKC", text).encode("utf-8")
    return any(key in normal for key in named)


def related(tree: list[Path], targets: set[Path], societies: set[str], reports: list[YearReport],
            ) -> list[Path]:
    """Files of `tree` (other than the targets) that the cross-file rules need."""
    ids, titles = needles(reports)
    exact = {c.id.encode("utf-8") for r in reports for c in r.consortia} | {r.society.encode("utf-8") for r in reports}
    wanted = {name: ids | keys for name, keys in titles.items()}
    # Members must list the consortium too: their folders are read whole.
    societies = societies | {m for r in reports for c in r.consortia for m in c.members}
    chosen: list[Path] = []
    max_bytes = policy().yaml.max_file_bytes
    for path in tree:
        if path in targets:
            continue
        if path.parent.name in societies:
            chosen.append(path)
            continue
        keys = wanted.get(path.name, ids)
        if not keys:
            continue
        try:
            # A named pipe would block and a device never end: only regular files are read
            # (check_file reports the others); a symlink is not followed. An oversized file is
            # refused by check_file in any case, so it is never read whole here either.
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if _holds(data, keys, exact):
            chosen.append(path)
    return chosen
