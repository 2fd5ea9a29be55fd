"""The plain MkDocs project of the site benchmark builds the same pages as our generator writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.generate import generate as generate_tree
from benchmarks.site_baseline import write_plain_project
from site_builder.form_page import site_settings
from site_builder.generate import generate as generate_site
from site_builder.mkdocs_config import read_config
from tests.site_support import BUILD_DATE
from tests.trees import ROOT


def _page_url(md: str) -> str:
    """The HTML file MkDocs writes for a page, with directory URLs."""
    stem = md.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


@pytest.mark.slow
def test_plain_project_builds_the_same_pages(tmp_path: Path) -> None:
    generate_tree(3, 1, 5, tmp_path / "tree")
    docs = tmp_path / "site" / "docs"
    generate_site(tmp_path / "tree", docs, settings=site_settings(), date=BUILD_DATE)
    plain = write_plain_project(docs, tmp_path / "plain")

    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = read_config(ROOT / "mkdocs.yml")
    assert config["markdown_extensions"] == ours["markdown_extensions"]
    assert config["nav"] == ours["nav"]
    assert config["plugins"] == ["search"]
    assert config["theme"] == {"name": "material", "language": "zh"}
    assert not {"hooks", "extra_css", "extra_javascript"} & set(config)

    # --strict: a page the plain project could not render alike (a broken link) fails here.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-f", str(plain / "mkdocs.yml")], capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert len(pages) >= 15  # home, hand-written, societies, areas, rankings
    built = sorted(p.relative_to(plain / "site").as_posix() for p in (plain / "site").rglob("*.html"))
    assert [b for b in built if b != "404.html"] == sorted(_page_url(p) for p in pages)
    # The static files were copied as they are.
    for path in docs.rglob("*"):
        if path.is_file():
            assert (plain / "docs" / path.relative_to(docs)).read_bytes() == path.read_bytes()
