"""The baseline of the site build: the same pages in a plain MkDocs Material project.

`write_plain_project(docs, out)` copies our generated docs folder (pages and static files, as
they are) into `out/docs` and writes beside it a minimal `mkdocs.yml`: Material in Chinese, the
search plugin with its defaults (no jieba user dictionary), no theme overrides, no hooks, no
extra CSS or JavaScript. `mkdocs build` of it takes what MkDocs itself needs for that many pages
of that size; our build's time over it is what our configuration adds.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from site_builder.build import MKDOCS_YML
from site_builder.mkdocs_config import ConfigDumper, read_config

# Copied from our mkdocs.yml:
# - markdown_extensions, so that the pages render alike (same HTML, same cost per page);
# - use_directory_urls, which the raw HTML links of the generated tables were written for;
# - nav and not_in_nav. MkDocs' automatic nav would list every society, area and ranking page in
#   the sidebar of every page, so the plain build would write pages that grow with the site and
#   be slower than ours for a reason that is no part of the comparison.
COPIED = ("markdown_extensions", "use_directory_urls", "nav", "not_in_nav")


class _Dumper(ConfigDumper):
    """Multi-line strings (not_in_nav) as literal blocks, as a person would write them."""


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)


def plain_config(config: Path = MKDOCS_YML) -> dict[str, Any]:
    ours = read_config(config)
    plain: dict[str, Any] = {
        "site_name": "同页数纯 MkDocs 基线",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "zh"},
        "plugins": ["search"],
    }
    plain.update({key: ours[key] for key in COPIED if key in ours})
    return plain


def write_plain_project(docs: Path, out: Path, *, config: Path = MKDOCS_YML) -> Path:
    """Writes the plain project at `out` over the pages in `docs`; returns the folder of its mkdocs.yml."""
    if not (docs / "index.md").is_file():
        raise FileNotFoundError(f"{docs} holds no generated site (no index.md)")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out / "docs")
    header = "# 基准测试用：与生成的网站同样的页面，纯 MkDocs Material 配置（自动生成，勿改）。\n"
    text = yaml.dump(plain_config(config), Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    (out / "mkdocs.yml").write_text(header + text, encoding="utf-8")
    return out
