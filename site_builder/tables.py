"""Tables that fit the screen: key columns first and marked, a scroll cue, cards on phones.

Every generated table goes through `table()`. The columns a reader needs (name, score, tier)
come first and carry `sb-key`; the first stays in view while a wide table scrolls sideways,
and `tables.js` shows a cue when a table is wider than the page. Tables made with `cards=True`
(the items of a report, the evaluation's lines) become one card per row on narrow screens:
every cell repeats its column's name in `data-label`, which the stylesheet shows before it.
The scrolling box is a labelled, focusable region, so it can be scrolled from the keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from site_builder.markup import Cell, Column, attr

_TAGS = re.compile(r"<[^>]+>")
# The column of small links to the YAML file: left out of the printed report.
SOURCE = "原文"


def plain(header_html: str) -> str:
    """A header's text without its markup: `<abbr title="…">一</abbr>` → `一`."""
    return _TAGS.sub("", header_html)


def table(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], *, label: str,
          key: Sequence[int] = (0,), caption: bool = False, sortable: bool = True,
          cards: bool = False) -> str:
    """A raw-HTML table left out of the search index; `label` (plain text) names it for
    assistive technology and, with `caption`, as its visible caption."""
    number = ' data-sort-method="number"'
    heads = []
    for i, c in enumerate(columns):
        classes = ["sb-key"] * (i in key) + ["sb-src-col"] * (c.header == SOURCE)
        klass = f' class="{" ".join(classes)}"' if classes else ""
        heads.append(f"<th{klass}{number if c.numeric else ''}>{c.header}</th>")
    names = [attr(plain(c.header)) for c in columns]
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            extra = f' data-label="{names[i]}"' if cards and i < len(names) else ""
            extra += f' data-sort="{attr(value.sort)}"' if value.sort is not None else ""
            cells.append(f"<td{extra}>{value.html}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    # A class of our own: the theme wraps and styles only tables without one.
    flags = ' class="sb-grid"' + (" data-sortable" if sortable else "")
    box = "sb-table sb-table--cards" if cards else "sb-table"
    cap = f"<caption>{attr(label)}</caption>" if caption else ""
    return (f'<div class="{box}" data-search-exclude="1" role="region" tabindex="0" '
            f'aria-label="{attr(label)}"><table{flags}>{cap}<thead><tr>{"".join(heads)}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")
