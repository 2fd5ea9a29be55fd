"""Checks the links of a built site as a browser follows them, whichever program built it.

A builder checks the links it rewrites; this reads what it wrote. Zensical 0.0.73's strict mode,
for one, does not look at links in raw HTML (every table of this site), at links that start at
the server's root or at pages that no link leads to. Here, in every HTML page of the site:

- a relative `href` or `src` must name a file of the site (a folder: its index.html), and a
  `#fragment` of a page an `id` in that page;
- no link may start with `/`: the site is published under a path (`site_url`), where such a link
  leaves it. Only the 404 page may, with that path: it is served at any depth, so MkDocs writes
  its links from `site_url`;
- every page must be reached from the home page by following links (the menu, the trails and the
  tables), also the pages that are left out of the navigation on purpose.

Links to other hosts are not fetched (the build machine has no network).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# The attributes that make a browser load or go to an address.
_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
               "iframe": "src", "source": "src", "audio": "src", "video": "src"}
NOT_FOUND = "404.html"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    page: str  # the page's path in the site
    target: str  # the address as written, or the page nothing leads to
    reason: str  # in Chinese, for the command line

    def __str__(self) -> str:
        return f"{self.page}：{self.target}（{self.reason}）"


@dataclass(slots=True)
class _Page:
    ids: set[str] = field(default_factory=set)
    addresses: list[tuple[str, str]] = field(default_factory=list)  # (tag, address)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.page.ids.add(str(values["name"]))
        key = _ATTRIBUTES.get(tag)
        if key and values.get(key) is not None:
            self.page.addresses.append((tag, str(values[key]).strip()))


def _read(path: Path) -> _Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8", errors="replace"))
    reader.close()
    return reader.page


class _Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        self._pages: dict[str, _Page] = {}

    def page(self, rel: str) -> _Page:
        if rel not in self._pages:
            self._pages[rel] = _read(self.root / rel)
        return self._pages[rel]

    def file_of(self, path: str) -> str | None:
        """The file a path inside the site names: itself, or a folder's index.html."""
        path = path.strip("/")
        if path in ("", "."):
            return "index.html" if "index.html" in self.files else None
        if path in self.files:
            return path
        index = f"{path}/index.html"
        return index if index in self.files else None


def _resolve(page: str, address: str, base_path: str) -> tuple[str | None, str, str | None]:
    """(path in the site or None for another host, fragment, problem)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None, "", None
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        return page, fragment, None
    if path.startswith("/"):
        if page == NOT_FOUND and path.startswith(base_path):
            return path[len(base_path):] or ".", fragment, None
        return None, fragment, "以 / 开头的链接在网站的发布路径下会失效"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None, fragment, "指向网站以外"
    return joined, fragment, None


def _links(site: _Site, page: str, base_path: str) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(tag, address, file it names, problem) for each address of `page`."""
    for tag, address in site.page(page).addresses:
        target, fragment, problem = _resolve(page, address, base_path)
        if problem is not None or target is None:
            if problem is not None:
                yield tag, address, None, problem
            continue
        found = site.file_of(target)
        if found is None:
            yield tag, address, None, "没有这个文件"
        elif fragment and found.endswith(".html") and fragment not in site.page(found).ids:
            yield tag, address, found, "页面中没有这个锚点"
        else:
            yield tag, address, found, None


def check_site(root: Path, *, base_path: str = "/") -> list[Problem]:
    """Every problem of the site in `root`; `base_path` is the path of `site_url`
    (`/society-registry/`), from which the 404 page's links start."""
    site = _Site(root)
    pages = sorted(f for f in site.files if f.endswith(".html"))
    problems: list[Problem] = []
    reached: set[str] = {"index.html"} & site.files
    followed: dict[str, list[str]] = {}
    for page in pages:
        followed[page] = []
        for tag, address, found, problem in _links(site, page, base_path):
            if problem is not None:
                problems.append(Problem(page, address, problem))
            elif found is not None and tag in ("a", "area"):
                followed[page].append(found)
    todo = sorted(reached)
    while todo:
        for found in followed.get(todo.pop(), []):
            if found not in reached:
                reached.add(found)
                todo.append(found)
    problems += [Problem(page, page, "从首页出发沿链接到达不了这一页")
                 for page in pages if page not in reached and page != NOT_FOUND]
    if "index.html" not in site.files:
        problems.append(Problem("index.html", "index.html", "没有首页"))
    return sorted(problems)


def base_path_of(site_url: str | None) -> str:
    """`https://cdast.github.io/society-registry/` → `/society-registry/`."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"


def report(problems: Iterable[Problem], limit: int = 50) -> str:
    found = list(problems)
    lines = [str(p) for p in found[:limit]]
    if len(found) > limit:
        lines.append(f"……另有 {len(found) - limit} 处")
    return "\n".join(lines)
