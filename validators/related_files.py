"""Which other files a check of a few changed files must read for the rules across files.

A changed report meets other files only through its own society's other years, through the
ids and names of consortia it belongs to (any year) and the societies it lists as their
members, through the consortia that list its society as a member (the same year), through the titles of its events, research reports and government functions
(the same year), and through the names of its service stations (any year: a station another
society reported by that name in an earlier year is a warning). The profiles of the societies
whose reports are read come too: messages name societies by their names. Searching the other files' bytes for those
strings is far cheaper than parsing the tree. The rules compare such texts in NFKC form
(`same_text`), so a file that does not hold a needle as written is searched again in that form.
`same_text` also drops white space and some marks: a file may hold a name with a space or a mark
inserted, so the text around either half of a name is read in that form too.
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
from validators.rules.cross_file_common import same_text, squeezed
from validators.submission_paths import PROFILE_FILE
from validators.yaml.policy import policy

# YAML folds long scalars only at spaces and escapes only inside double quotes, so a run
# without whitespace, quotes or backslashes appears verbatim in any file holding the title.
_SEGMENT = re.compile(r"[^\s\"'\\]+")
# A name is also looked for by its halves: a space or a mark inserted (中德 智能, 建议。) breaks
# one half at most, so a file holding the name that way still holds the other half as written.
# More parts would find names with more insertions, but their short pieces are in most files
# (thirds made the search for context files of the 150-society tree 3-8 times slower); a name written
# with two or more insertions is found by the whole-tree check, which reads every file.
_PARTS = 2
Needles = set[tuple[bytes, bytes | None]]  # (as written, as same_text reads it; None for an id)


def _needle(text: str) -> tuple[bytes, bytes] | None:
    """What a file holding `text` holds as written (its longest run without white space or
    quotes, in NFKC form), and the name as `same_text` reads it."""
    key = same_text(text)
    longest = max(_SEGMENT.findall(" ".join(unicodedata.normalize("NFKC", text).split())), key=len, default="")
    return (longest.encode("utf-8"), key.encode("utf-8")) if longest and key else None


def needles(reports: Iterable[YearReport]) -> tuple[Needles, dict[str, Needles]]:
    """Consortium ids and names and station names (any year), and titles by the year they were
    reported in."""
    ids: Needles = set()
    titles: dict[str, Needles] = defaultdict(set)
    for report in reports:
        ids.update((c.id.encode("utf-8"), None) for c in report.consortia)
        ids.update(n for c in report.consortia if (n := _needle(c.name)))
        ids.update(n for st in report.service_stations if (n := _needle(st.name)))
        gov = report.government_functions
        texts = ([e.title for e in report.academic_events] + [r.title for r in report.research]
                 + [f.title for f in (gov.functions if gov else [])])
        titles[f"{report.year}.yaml"].update(n for t in texts if (n := _needle(t)))
        # A lead that lists this society as a member of a consortium its report omits.
        titles[f"{report.year}.yaml"].add((report.society.encode("utf-8"), None))
    return ids, titles


# A run of CJK ideographs: NFKC leaves them as they are, so a file that holds a name in another
# form (full-width digits, letters or punctuation, spaces or marks added) holds them as written.
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")
_PLAIN = re.compile("[0-9a-z]+")  # a key's ASCII letters are lower case


@functools.cache
def _ideographs(key: bytes) -> tuple[bytes, ...]:
    """Each ideograph of `key` once: a text that lacks one cannot hold `key` in any form."""
    return tuple({c.encode("utf-8"): None for run in _IDEOGRAPHS.findall(key.decode("utf-8")) for c in run})


@functools.cache
def _gates(key: bytes) -> tuple[tuple[bytes, bool], ...] | None:
    """What each half of `key` holds as written: its longest run of ideographs, or else of
    ASCII letters and digits (looked for case-blind: True); None when a half holds neither (a
    file may then hold it in a form only NFKC shows)."""
    text = key.decode("utf-8")
    size = -(-len(text) // _PARTS)
    gates: list[tuple[bytes, bool]] = []
    for part in (text[i:i + size] for i in range(0, len(text), size)):
        run = max(_IDEOGRAPHS.findall(part), key=len, default="")
        plain = max(_PLAIN.findall(part), key=len, default="")
        if not run and not plain:
            return None
        # Ideographs when there are any: NFKC leaves them as they are, not a full-width １２.
        gates.append((run.encode("utf-8"), False) if run else (plain.encode("ascii"), True))
    return tuple(gates)


def _holds(data: bytes, wanted: Needles) -> bool:
    """Whether `data` holds a needle, as written or as `same_text` reads it (NFKC, without white
    space and the ignored marks); the ids (no `same_text` form) only as written."""
    if any(needle in data for needle, _ in wanted):
        return True
    read: bytes | None = None  # the whole file as same_text reads it, once
    lower: bytes | None = None
    for _, key in wanted:
        if key is None:  # an id: as written only
            continue
        gates = _gates(key)
        if gates is None:  # nothing to look for as written: the whole file as the rules read it
            read = _read(data) if read is None else read
            if key in read:
                return True
            continue
        # Reading every file of the tree in that form was most of a one-file check's time: only
        # the text around a half of the name, as written, can hold the name (a name written
        # in full-width letters takes three bytes each; YAML may fold it across lines).
        reach = 3 * len(key) + 64
        for gate, blind in gates:
            text = (lower := data.lower() if lower is None else lower) if blind else data
            at = text.find(gate)
            while at != -1:
                window = data[max(0, at - reach):at + len(gate) + reach]
                if all(c in window for c in _ideographs(key)) and key in _read(window):
                    return True
                at = text.find(gate, at + 1)
    return False


def _read(data: bytes) -> bytes:
    """`data` as `same_text` reads a name (a cut character at either end reads as U+FFFD)."""
    text = data.decode("utf-8", "replace")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return squeezed(text).encode("utf-8")


def related(tree: list[Path], targets: set[Path], societies: set[str], reports: list[YearReport],
            ) -> list[Path]:
    """Files of `tree` (other than the targets) that the cross-file rules need."""
    ids, titles = needles(reports)
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
        if _holds(data, keys):
            chosen.append(path)
    # The profiles of the societies whose reports are read: a message names a society by its
    # registered name (`society_name`), as the whole check names it.
    named = {p.parent for p in chosen} - {p.parent for p in targets}
    chosen += [p for p in tree if p.name == PROFILE_FILE and p.parent in named and p not in chosen]
    return chosen
