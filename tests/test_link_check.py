"""The site's own link check on small hand-made sites: each fault it is there to find, found once,
and nothing found where a browser would get there."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.form_page import site_settings
from site_builder.link_check import Problem, base_path_of, check_site

# The path the site is published under (mkdocs.yml's site_url), as the 404 page's links start.
BASE = base_path_of(site_settings().site_url)

MENU = '<nav><a href="./">首页</a> <a href="guideline/">指南</a> <a href="societies/">学会</a></nav>'


def _site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def _clean(root: Path) -> Path:
    return _site(root, {
        "index.html": MENU + '<script src="assets/site.js"></script>',
        # the guideline's landing page and each year's text, with the clauses it has
        "guideline/index.html": '<a href="../">首页</a><a href="2017/">2017</a><a href="2019/">2019</a>'
                                '<a href="https://example.org/x">外站</a>',
        "guideline/2017/index.html": '<p id="clause-1-2">1.2</p><p id="clause-2-1">2.1</p>'
                                     '<a href="#clause-1-2">本条</a><a href="../2019/">2019</a>',
        "guideline/2019/index.html": '<p id="clause-1-2">1.2</p><a href="../2017/">2017</a>',
        "societies/index.html": '<table><tr><td><a href="cd-a/">甲</a></td></tr></table>',
        "societies/cd-a/index.html": '<a href="../../guideline/">指南</a>'
                                     '<a href="2017/">2017</a><a href="2019/">2019</a><a href="../../downloads/a.csv">CSV</a>',
        "societies/cd-a/2017/index.html": '<a href="../../../guideline/2017/#clause-2-1">2.1</a>'
                                          '<a name="old-anchor"></a><a href="#old-anchor">本页</a>',
        "societies/cd-a/2019/index.html": '<a href="../../../guideline/2019/#clause-1-2">1.2</a>',
        "404.html": f'<a href="{BASE}">首页</a><link rel="stylesheet" href="{BASE}assets/site.css">',
    })


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = _clean(tmp_path / "site")
    for rel in ("assets/site.js", "assets/site.css", "downloads/a.csv"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    return root


def test_a_site_whose_links_all_resolve_has_no_problem(site: Path) -> None:
    assert check_site(site, base_path=BASE) == []


@pytest.mark.parametrize(("page", "body", "target", "reason"), [
    # a link to a page that is not there (written for another URL layout)
    ("societies/cd-a/2017/index.html", '<a href="../../guideline/">指南</a>', "../../guideline/", "没有这个文件"),
    # a clause anchor that the guideline page does not have
    ("societies/cd-a/index.html", '<a href="../../guideline/2017/#clause-9-9">9.9</a>',
     "../../guideline/2017/#clause-9-9", "页面中没有这个锚点"),
    # a clause the year's text lacks, though an earlier year's has it: 2019 dropped 2.1
    ("societies/cd-a/2019/index.html", '<a href="../../../guideline/2019/#clause-2-1">2.1</a>',
     "../../../guideline/2019/#clause-2-1", "页面中没有这个锚点"),
    # the landing page lists the years; it holds no clause
    ("societies/cd-a/index.html", '<a href="../../guideline/#clause-1-2">1.2</a>',
     "../../guideline/#clause-1-2", "页面中没有这个锚点"),
    # a link from the server's root, which leaves a site published under a path
    ("societies/index.html", '<a href="/guideline/">指南</a>', "/guideline/", "以 / 开头的链接在网站的发布路径下会失效"),
    # one "../" too many: in a browser it stops at the server's root, outside the site's path
    ("guideline/index.html", '<a href="../../societies/">学会</a>', "../../societies/", "指向网站以外"),
    # a script of the page that is not there (the form's scripts, once)
    ("index.html", '<script src="form/form.js"></script>', "form/form.js", "没有这个文件"),
])
def test_each_fault_is_found_at_its_page(site: Path, page: str, body: str, target: str, reason: str) -> None:
    path = site / page
    path.write_text(path.read_text(encoding="utf-8").replace("</body>", body + "</body>"), encoding="utf-8")
    assert check_site(site, base_path=BASE) == [Problem(page, target, reason)]


def test_a_page_no_link_leads_to_is_found(site: Path) -> None:
    """A page left out of the menu must still be reached, here from its society's page."""
    _site(site, {"societies/cd-a/2018/index.html": "<p>2018</p>"})
    assert check_site(site, base_path=BASE) == [
        Problem("societies/cd-a/2018/index.html", "societies/cd-a/2018/index.html", "从首页出发沿链接到达不了这一页")]
    page = site / "societies" / "cd-a" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", '<a href="2018/">2018</a></body>'),
                    encoding="utf-8")
    assert check_site(site, base_path=BASE) == []


def test_a_script_or_stylesheet_does_not_make_a_page_reached(site: Path) -> None:
    _site(site, {"extra/index.html": "<p>x</p>"})
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</body>", '<link rel="prefetch" href="extra/"></body>'), encoding="utf-8")
    assert [p.reason for p in check_site(site, base_path=BASE)] == ["从首页出发沿链接到达不了这一页"]


def test_the_404_page_links_from_the_published_path_only(site: Path) -> None:
    assert {p.target for p in check_site(site, base_path="/other/")} == {BASE, f"{BASE}assets/site.css"}


def test_the_published_path_comes_from_site_url() -> None:
    assert base_path_of("https://cdast.github.io/society-registry/") == "/society-registry/"
    assert base_path_of("https://cdast.github.io/society-registry") == "/society-registry/"
    assert base_path_of("https://example.org") == "/"
    assert base_path_of(None) == "/"


def test_the_command_exits_1_and_lists_each_problem(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-links", "--site-dir", str(site)]) == 0
    (site / "downloads" / "a.csv").unlink()
    assert main(["check-links", "--site-dir", str(site)]) == 1
    out = capsys.readouterr()
    assert "societies/cd-a/index.html：../../downloads/a.csv（没有这个文件）" in out.err
