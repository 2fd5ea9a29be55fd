"""Escaping and small HTML/Markdown helpers every page uses.

Text from a submission only ever reaches a page through `text()` (or `block()`), which makes it
inert for Markdown and HTML alike; a URL only becomes a link when `is_web_url` accepts it;
attribute values go through `attr()`. Tables are written as raw HTML: they need no Markdown
parsing (fast at any size), take `data-sort` values for numeric sorting, and carry
`data-search-exclude` so the search index stays small.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from validators.markdown_text import inert, inert_block
from validators.urls import is_web_url

YES, NO = "是", "否"


def text(value: object) -> str:
    """One line of untrusted text, shown as typed and interpreted as nothing."""
    return inert(value)


def block(value: object) -> str:
    """Untrusted text of several lines, kept as lines."""
    return inert_block(value)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def css_string(value: object) -> str:
    """Untrusted text as one CSS string literal: every character but a letter, a digit or a
    space as a six-digit escape, so that no quote, backslash, line break or `</style>` ends it."""
    kept = (c if c == " " or (c.isalnum() and c.isprintable()) else f"\\{ord(c):06x}" for c in str(value))
    return '"' + "".join(kept) + '"'


def term(label_html: str) -> str:
    """A word of a vocabulary in a table's cell (a category, a kind, a role): print.css keeps
    its column wide enough that it does not break after every two characters."""
    return f'<span class="sb-term">{label_html}</span>'


def num(value: float | int) -> str:
    """A number as people write it: no trailing `.0`, never exponent notation."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(int(value))


def yes_no(value: bool) -> str:
    return YES if value else NO


def clause_anchor(clause: str) -> str:
    """`1.2` → `clause-1-2`; `6` → `clause-6`: the guideline page's anchor of a clause."""
    return "clause-" + clause.replace(".", "-")


def area_anchor(area_id: str) -> str:
    return f"area-{area_id}"


def day(date: dt.date) -> str:
    """A date in its ISO form, kept on one line (a narrow column would break it at a hyphen)."""
    iso = date.isoformat()  # digits and hyphens: nothing to escape
    return f'<time datetime="{iso}">{iso}</time>'


_ISO_DAY = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])")


def dated_text(value: str) -> str:
    """A sentence of the year files (an evaluation window, its note) as `text()` makes it, each
    ISO date in it kept on one line as `day()` keeps it: “2017-11-30” broke at a line's end."""
    parts = _ISO_DAY.split(value)
    return "".join(day(dt.date.fromisoformat(p)) if i % 2 else text(p) for i, p in enumerate(parts))


# A link whose words are no address (a file's name, the objection form): print.css prints its
# address after it, for paper.
PRINT_ADDRESS = "sb-print-address"


def link(href: str, label_html: str, *, external: bool = False, title: str = "", cls: str = "",
         name: str = "", at: str = "") -> str:
    """An anchor; `label_html` must already be safe HTML. `name` (plain text): what assistive
    technology reads instead of the label, when the label alone does not say where the link
    goes (a page's many “原文”); it begins with the visible label, so a spoken command finds it."""
    extra = ' rel="nofollow"' if external else ""
    hint = f' title="{attr(title)}"' if title else ""
    klass = f' class="{attr(cls)}"' if cls else ""
    said = f' aria-label="{attr(name)}"' if name else ""
    # `at` (plain text): where a “原文” link points, which print.css prints in its place.
    said += f' data-at="{attr(at)}"' if at else ""
    return f'<a href="{attr(href)}"{klass}{hint}{said}{extra}>{label_html}</a>'


def web_link(url: str) -> str:
    """A link when `url` is http/https, else the text itself, inert."""
    return link(url, text(url), external=True) if is_web_url(url) else text(url)


def repo_path_url(repo_url: str | None, branch: str, path: str) -> str | None:
    """`<repo_url>/blob/<branch>/<path>` for a path inside the repository, else None."""
    parts = path.split("/")
    if not repo_url or not path or path.startswith("/") or ".." in parts or "\\" in path:
        return None
    return f"{repo_url}/blob/{quote(branch)}/{quote(path)}"


@dataclass(frozen=True, slots=True)
class Urls:
    """Relative URLs between generated pages, given by their Markdown source paths."""

    directory_urls: bool = True

    def page_dir(self, src: str) -> str:
        """The folder a page's URL resolves relative links against."""
        stem = src[:-3] if src.endswith(".md") else src
        if not self.directory_urls:
            return posixpath.dirname(stem)
        if stem == "index" or stem.endswith("/index"):
            return posixpath.dirname(stem)
        return stem

    def target(self, src: str) -> str:
        stem = src[:-3] if src.endswith(".md") else src
        if not self.directory_urls:
            return stem + ".html" if src.endswith(".md") else src
        if not src.endswith(".md"):
            return src
        if stem == "index" or stem.endswith("/index"):
            return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
        return stem + "/"

    def rel(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """The link from page `from_src` to page or file `to_src` (plus `#anchor`)."""
        return _relative(self.page_dir(from_src) or ".", self.target(to_src) or ".") + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative(base: str, target: str) -> str:
    """Pages link to the same few targets thousands of times; relpath is slow."""
    relative = posixpath.relpath(target, base)
    if target.endswith("/") and relative != ".":
        relative += "/"
    return "./" if relative == "." else relative


@dataclass(frozen=True, slots=True)
class Cell:
    html: str
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    numeric: bool = False
    # Sorted as Chinese names are, by their pinyin (tables.js), not by character codes.
    names: bool = False


# The column of societies, sorted by their names (each cell's sort value is the name).
SOCIETY = Column("学会", names=True)


def cell(content_html: str, sort: object = None) -> Cell:
    return Cell(content_html, None if sort is None else str(sort))


def num_cell(value: float | int | None, missing: str = "—") -> Cell:
    """A number that sorts as a number (its text is its value); a missing one sorts below all."""
    if value is None:
        return Cell(missing, "-1")
    return Cell(num(value))


def html_list(items: Iterable[str], cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f"<ul{klass}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def lines(items: Iterable[str]) -> str:
    """Short values of one table cell, one a line: lighter than a list."""
    return "<br>".join(items)


def badge(label: str, kind: str) -> str:
    return f'<span class="sb-badge sb-badge--{attr(kind)}">{label}</span>'


def front_matter(title_html: str, *, hide: Sequence[str] = (), search_exclude: bool = False) -> str:
    """YAML front matter; the title is already inert (entities only), quoted as a JSON string.

    `search_exclude` keeps a page of tables out of the search index altogether: the index
    would hold nothing of it, and the search plugin would still parse all of its HTML."""
    lines = ["---", f'title: "{title_html}"']
    if hide:
        lines.append("hide:")
        lines += [f"  - {h}" for h in hide]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    lines.append("---")
    return "\n".join(lines) + "\n\n"
