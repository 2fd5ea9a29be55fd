"""The trail at the top of generated pages: 首页 › 学会 › 某学会 › 2018 年度.

Written as Markdown links to `.md` sources, which MkDocs and Zensical both resolve; the last
step is the page itself, as text. Every page thus reaches the top sections at any width, also
where the theme's menu is folded away. The trail stays out of the search index.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

HOME = "index.md"


def md_link(from_src: str, to_src: str, label: str, anchor: str = "") -> str:
    """A Markdown link from page `from_src` to page `to_src`; `label` is already inert."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"[{label}]({target}{'#' + anchor if anchor else ''})"


def trail(page: str, steps: Sequence[tuple[str, str]], here: str) -> str:
    """`steps` are (source, inert label) pairs after the home page; `here` names this page."""
    links = [md_link(page, HOME, "首页"), *(md_link(page, src, label) for src, label in steps)]
    return f"{' › '.join(links)} › {here}\n{{: .sb-trail data-search-exclude }}\n\n"
