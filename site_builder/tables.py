"""Tables that fit the screen: key columns first and marked, a scroll cue, cards on phones.

Every generated table goes through `table()`. The columns a reader needs (name, score, tier)
come first and carry `sb-key`; the first stays in view while a wide table scrolls sideways,
and `tables.js` shows a cue when a table is wider than the page. Tables made with `cards=True`
(the items of a report, the evaluation's lines) become one card per row on narrow screens:
every cell repeats its column's name in `data-label`, which the stylesheet shows before it.
The scrolling box is a labelled, focusable region, so it can be scrolled from the keyboard.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence

from site_builder.markup import Cell, Column, attr, text

_TAGS = re.compile(r"<[^>]+>")
# A cell's markup, piece by piece: a date day() wrote (kept whole already) or another tag, both
# kept as they are, or a run of text with no space and no CJK character (which breaks anywhere);
# an entity (`&amp;`) is one character of a run. `[^<>]` keeps a stray `<` from being scanned
# again from every later start.
_RUN = re.compile(r"<time[^<>]*>[^<>]*</time>|<[^<>]*>"
                  r"|(?:[^\s<>&\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|&#?\w+;)+")
# A run of text with more than this many characters between places to break (longer than any
# word, number or date) may break anywhere (site.css: .sb-long): a pasted token or a hostile
# 360-letter word no longer makes its table thousands of pixels wide, while every shorter run
# (a score, a year, a date, an id's part) stays whole.
LONG_RUN = 24
# The column of small links to the YAML file: left out of the printed report.
SOURCE = "原文"


def plain(header_html: str) -> str:
    """A header's text without its markup: `<abbr title="…">一</abbr>` → `一`."""
    return _TAGS.sub("", header_html)


# A table of more rows than this (the societies, a year's ranking at the association's size)
# shows these in the page and loads the rest from a JSON file beside it, so that the page does
# not grow with the registry.
INLINE_ROWS = 100
# A report's evaluation lines are long rows (a note, a clause link, a source link): fewer of them.
INLINE_LINES = 60


# Where a line may break inside a run of Latin text, as the browser sees it: after a hyphen, a
# dash or a slash (an id, a path, a date, a range such as 2017–2018).
_DASHES = "\u2010\u2011\u2012\u2013\u2014"
_HYPHENS = str.maketrans(dict.fromkeys("/" + _DASHES, "-"))
# What a run holds when it may break inside: a hyphen, a dash, or an entity (`&#45;`).
_MAY_BREAK = ("-", "&#", *_DASHES)


def _may_break(markup: str) -> bool:
    return any(sign in markup for sign in _MAY_BREAK)


def _numbered(shown: str) -> bool:
    """Whether a run has a hyphen or a dash between two digits: a date, a range, a telephone
    number. (A slash between digits needs nothing: browsers keep 1/5 and 2017/5/12 whole.)"""
    return any(0 < i < len(shown) - 1 and shown[i - 1].isdigit() and shown[i + 1].isdigit()
               for i, c in enumerate(shown.translate(_HYPHENS)) if c == "-")


def _mark(found: re.Match[str]) -> str:
    run = found.group()
    if run[0] == "<" or (len(run) <= LONG_RUN and not _may_break(run)):
        return run
    shown = html.unescape(run)  # an entity (`&#45;`, `&amp;`) is the one character it shows
    if max(map(len, shown.translate(_HYPHENS).split("-"))) > LONG_RUN:
        return f'<span class="sb-long">{run}</span>'
    # A date in a sentence (“建于 2018-05-06”) broke at a hyphen in a narrow column: a run this
    # short with a number's hyphen stays on one line.
    return f'<span class="sb-whole">{run}</span>' if _numbered(shown) else run


def whole(word_html: str) -> str:
    """A short word a narrow column must not break (a tier's name: “未入/档” on a phone)."""
    return f'<span class="sb-whole">{word_html}</span>'


def breakable(cell_html: str) -> str:
    """A cell's markup with every run of text longer than LONG_RUN characters marked as one
    that may break anywhere, so that the table breaks it instead of growing to its length, and
    every shorter run with a hyphen between digits (a date) marked as one that never breaks.
    Tags, entities and the text itself are kept as they are."""
    if len(cell_html) <= LONG_RUN and not _may_break(cell_html):
        return cell_html  # most numbers' cells: nothing to mark
    return _RUN.sub(_mark, cell_html)


def _cells(row: Sequence[Cell], names: list[str], cards: bool) -> str:
    cells = []
    for i, value in enumerate(row):
        extra = f' data-label="{names[i]}"' if cards and i < len(names) else ""
        extra += f' data-sort="{attr(value.sort)}"' if value.sort is not None else ""
        cells.append(f"<td{extra}>{breakable(value.html)}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def rows_json(rows: Sequence[Sequence[Cell]]) -> str:
    """Every row of a long table, each cell as [html, sort key]: the markup is the page's own,
    made (and escaped) by the same code as the rows in the page."""
    return json.dumps({"rows": [[[breakable(c.html), c.sort] for c in row] for row in rows]}, ensure_ascii=False,
                      separators=(",", ":"))


def long_table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, label: str, rows_file: str,
               key: Sequence[int] = (0,), caption: bool = False, cards: bool = False,
               inline: int = INLINE_ROWS, download: str | None = None) -> tuple[str, str | None]:
    """A sortable table whose first `inline` rows are in the page (readable and printable
    without JavaScript), the rest loaded from `rows_file` (beside the page) by tables.js; the
    file's text, or None when every row fits in the page. `download`: the name of the file on
    the downloads page that holds the whole table too, when there is one."""
    if len(rows) <= inline:
        return table(columns, rows, label=label, key=key, caption=caption, cards=cards), None
    html = table(columns, rows[:inline], label=label, key=key, caption=caption, cards=cards,
                 more=(rows_file, len(rows), download))
    return html, rows_json(rows)


def table(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], *, label: str,
          key: Sequence[int] = (0,), caption: bool = False, sortable: bool = True,
          cards: bool = False, more: tuple[str, int, str | None] | None = None) -> str:
    """A raw-HTML table left out of the search index; `label` (plain text) names it for
    assistive technology and, with `caption`, as its visible caption. `more`: the file that
    holds all of its rows, how many, and the download that holds them too (see `long_table`)."""
    number = ' data-sort-method="number"'
    heads = []
    for i, c in enumerate(columns):
        classes = ["sb-key"] * (i in key) + ["sb-src-col"] * (c.header == SOURCE)
        klass = f' class="{" ".join(classes)}"' if classes else ""
        method = number if c.numeric else ' data-sort-method="names"' if c.names else ""
        heads.append(f"<th{klass}{method}>{c.header}</th>")
    names = [attr(plain(c.header)) for c in columns]
    body = [_cells(row, names, cards) for row in rows]
    # A class of our own: the theme wraps and styles only tables without one.
    flags = ' class="sb-grid"' + (" data-sortable" if sortable else "")
    note = ""
    if more is not None:
        file, total, download = more
        flags += f' data-rows="{attr(file)}"'
        also = f"完整的表格也在“下载”页的“{text(download)}”中。" if download else ""
        note = (f'<p class="sb-more" role="status">本表共 {total} 行，这里先列出 {len(body)} 行；'
                f"其余的行在浏览器启用 JavaScript 后自动载入，排序和打印也包括全部的行。{also}</p>")
    box = "sb-table sb-table--cards" if cards else "sb-table"
    cap = f"<caption>{attr(label)}</caption>" if caption else ""
    return (f'<div class="{box}" data-search-exclude="1" role="region" tabindex="0" '
            f'aria-label="{attr(label)}"><table{flags}>{cap}<thead><tr>{"".join(heads)}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{note}")
