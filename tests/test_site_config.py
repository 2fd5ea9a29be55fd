"""mkdocs.yml with MkDocs' own tags: read without running anything, inherited with the tags intact."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_builder.build import child_config
from site_builder.mkdocs_config import Tagged, read_config

CONFIG = """\
site_name: 测试
theme:
  name: material
  language: zh
  custom_dir: overrides
plugins:
  - search:
      lang: zh
      jieba_dict_user: generated/jieba-user-dict.txt
      separator: !ENV [SB_TEST_SEARCH_SEPARATOR, '[\\s\\-]+']
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_child_config_of_a_config_with_python_name_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from material.extensions.emoji import twemoji
    from mkdocs.config import load_config
    from pymdownx.superfences import fence_code_format

    project, work = tmp_path / "project", tmp_path / "work"
    (project / "overrides").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    docs = work / "generated" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (work / "generated" / "jieba-user-dict.txt").write_text("学会\n", encoding="utf-8")
    child = work / "mkdocs.yml"
    child.write_text(child_config(project / "mkdocs.yml", work, docs), encoding="utf-8")

    # MkDocs itself resolves the tags, in the parent and in the plugin options the child copies.
    monkeypatch.setenv("SB_TEST_SEARCH_SEPARATOR", "[\\s]+")
    config = load_config(str(child))
    assert config["mdx_configs"]["pymdownx.emoji"]["emoji_index"] is twemoji
    fence = config["mdx_configs"]["pymdownx.superfences"]["custom_fences"][0]
    assert fence["format"] is fence_code_format
    search = config["plugins"]["material/search"].config
    assert search["separator"] == "[\\s]+"
    assert search["jieba_dict_user"] == str(work / "generated" / "jieba-user-dict.txt")
    assert config["theme"].custom_dir == str((project / "overrides").resolve())
    assert config["docs_dir"] == str(docs)


def test_reading_a_config_runs_none_of_its_tags(tmp_path: Path) -> None:
    ran = tmp_path / "ran"
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n  x: !!python/object/apply:os.makedirs ['{ran}']\n"
                      "  y: !!python/name:material.extensions.emoji.twemoji\n  z: !relative $config_dir\n",
                      encoding="utf-8")
    extra = read_config(config)["extra"]
    assert not ran.exists()
    assert extra["x"] == Tagged("tag:yaml.org,2002:python/object/apply:os.makedirs", [str(ran)])
    assert extra["y"] == Tagged("tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji", "")
    assert extra["z"] == Tagged("!relative", "$config_dir")
    (tmp_path / "empty.yml").write_text("", encoding="utf-8")
    assert read_config(tmp_path / "empty.yml") == {}


def test_child_config_of_a_theme_given_by_name(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\ntheme: material\n", encoding="utf-8")
    child = yaml.safe_load(child_config(config, tmp_path / "work", tmp_path / "docs"))
    assert "theme" not in child
    assert child["INHERIT"] == str(config.resolve())


def test_site_settings_read_a_config_with_tags(tmp_path: Path) -> None:
    from site_builder.form_page import site_settings

    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG + "repo_url: https://github.com/o/r/\nedit_uri: blob/trunk/\n", encoding="utf-8")
    settings = site_settings(config)
    assert (settings.repo_url, settings.branch) == ("https://github.com/o/r", "trunk")
