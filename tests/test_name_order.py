"""Societies are listed as a Chinese list is read, by their names' pinyin: in id order (cd-agri,
cd-civil-arch, cd-computer) the society list, the status pages, the workbench and the form's
society picker opened in an order no reader knows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_builder import societies, status
from site_builder.context import load
from site_builder.form_page import SiteSettings, form_files
from site_builder.name_order import name_key
from tests.trees import base_tree

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")


def test_names_sort_by_pinyin_then_tone_character_by_character() -> None:
    names = ["成都市中医药学会", "成都市农学会", "成都市计算机学会", "成都高新区园区科协",
             "成都市电子学会（示例）", "成都市电子学会", "成都市重庆商会"]
    assert sorted(names, key=name_key) == [
        "成都高新区园区科协",  # gao before shi
        "成都市重庆商会",  # chong (a heteronym, read in its phrase), before dian
        "成都市电子学会",  # a name before its longer form
        "成都市电子学会（示例）",
        "成都市计算机学会",
        "成都市农学会",
        "成都市中医药学会",
    ]


def test_characters_without_pinyin_come_in_the_browsers_groups() -> None:
    """Intl.Collator's pinyin order, which a clicked column uses: punctuation, digits, Han, letters."""
    names = ["成都市IT学会", "成都市3D打印学会", "成都市（老）学会", "成都市电子学会"]
    assert sorted(names, key=name_key) == ["成都市（老）学会", "成都市3D打印学会", "成都市电子学会", "成都市IT学会"]
    assert name_key("成都市it学会") < name_key("成都市IT学会（示例）")  # letters regardless of case


def _names(html: str) -> list[str]:
    return re.findall(r'class="sb-society">([^<]+)<', html)


def test_the_site_lists_societies_by_pinyin(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    site = load(tree, SETTINGS, "2026-12-04")
    names = [site.name(s) for s in site.societies]
    assert len(names) >= 5
    assert names == sorted(names, key=name_key)
    assert site.societies != sorted(site.societies)  # the ids' order would be another
    assert _names(societies.render(site)) == names
    # The status page: the societies that have not submitted, then those that have, each by name.
    shown = _names(status.render(site, 2018))
    submitted = {d.report.society for d in site.reports_in(2018)}
    missing = [site.name(s) for s in site.societies if s in site.repo.profiles and s not in submitted]
    assert shown == missing + [site.name(s) for s in site.societies if s in submitted and s in site.repo.profiles]
    assert [d.report.society for d in site.reports_in(2018)] == [s for s in site.societies if s in submitted]


def test_the_forms_society_picker_lists_by_pinyin(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    site = load(tree, SETTINGS, "2026-12-04")
    files = form_files(site.repo, site.years, SETTINGS)
    listing = next(json.loads(data) for rel, data in files.items() if rel.endswith("/config.json"))["societies"]
    names = [s["name"] for s in listing]
    assert names == sorted(names, key=name_key)
    assert [s["id"] for s in listing] != sorted(s["id"] for s in listing)
