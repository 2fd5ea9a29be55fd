"""The cover's 学会 id as secretaries write it: a registered society's name in its cell is read as
that society's id (said at the cell), and a cell that is neither an id nor such a name says where a
society finds its id. An id written in capitals (CD-AGRI) is read in lower case, said at the cell. The online form reads the cell so too (form-xlsx.js, `RF.coverSociety`;
tests/test_form_xlsx.py holds the two together)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from validators.models.common import SLUG_MAX_LENGTH, SLUG_PATTERN
from validators.rules.cross_file_common import same_text

__all__ = ["IDS_WHERE", "SAMPLE_MARK", "id_in_capitals", "lowered_id", "name_read_as_id", "not_an_id",
           "society_named", "template_year_read"]

# A sample society's registered name ends in this mark (NFKC form; the site shows it as a badge):
# its name written without the mark names it too.
SAMPLE_MARK = "(示例)"
# Where a society finds its id: the site's 学会 page lists every society with its id.
IDS_WHERE = "各学会的 id 见网站“学会”页面：下载其中的学会名录（CSV），看“学会 id”一列"


def _keys(name: str) -> set[str]:
    """A registered name as `same_text` reads it, and, for a sample society's, without its mark."""
    keys = {same_text(name)}
    normal = unicodedata.normalize("NFKC", name).strip()
    if normal.endswith(SAMPLE_MARK):
        keys.add(same_text(normal[:-len(SAMPLE_MARK)]))
    return keys - {""}


def society_named(written: str, societies: Iterable[tuple[str, str]]) -> str | None:
    """The id of the one registered society (id, name) whose name `written` is, compared as the
    rules across files compare names (`same_text`), or None (no such society, or several)."""
    key = same_text(written)
    found = {society for society, name in societies if key and key in _keys(name)}
    return found.pop() if len(found) == 1 else None


def lowered_id(written: str) -> str | None:
    """The id `written` is in capital or mixed-case letters (CD-AGRI, Cd-Agri): the lower-case id,
    when that is a valid id; None otherwise (an id as it stands, or no id in any case). Only ASCII
    is lowered: a look-alike letter (the Kelvin sign, whose lower case is k) names no id."""
    if not written.isascii():
        return None
    lowered = written.lower()
    if lowered == written or len(lowered) > SLUG_MAX_LENGTH or re.fullmatch(SLUG_PATTERN, lowered) is None:
        return None
    return lowered


def id_in_capitals(written: str, society: str) -> str:
    """The warning at a cover cell whose id in capitals was read as the lower-case id."""
    return f"学会 id“{written}”按小写的 {society} 读入，请核对；学会 id 只用小写英文字母、数字和连字符。"


def name_read_as_id(written: str, society: str) -> str:
    """The warning at a cover cell whose society name was read as the society's id."""
    return f"学会名称“{written}”按它的学会 id {society} 读入，请核对；这一格应填学会 id，{IDS_WHERE}。"


def not_an_id(cover: str, written: str) -> str:
    """The error at a cover cell that holds neither a society id nor a registered name."""
    return (f"“{cover}”中的学会 id“{written[:64]}”无效：只能用小写英文字母、数字和连字符，如 cd-mech-eng。"
            f"学会 id 是学会在本站登记的英文代号，{IDS_WHERE}；新学会自拟一个。")


def template_year_read(year: int) -> str:
    """The warning at a blank 年度 cell read as the year of the workbook's template (the title the
    template is written with names it): the form says it in the same words (`RF.coverYear`)."""
    return f"年度没有填写，已按这个工作簿模板的年度 {year} 读入，请核对，并在这一格填写年度。"
