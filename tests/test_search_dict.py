"""The search dictionary makes the index and a query agree on the indexed reports' names.

The browser cuts a Chinese query greedily into words the index holds and searches each as a
prefix (中* is every word that begins with 中); the index is cut by jieba with the generated user
dictionary. A name jieba leaves in single characters (中 / 德 in 中德智能机器人技术研讨会) or cuts
into words of the pages' titles (成都示例云计算有限公司: 成都 / 示例 / 云 / 计算, 计算机 in a
society's title) sent the reader to unrelated pages first (tests/browser/test_site.py searches
the built site)."""

from __future__ import annotations

import itertools
import logging

import pytest

from site_builder import context, phase, search_dict, societies
from site_builder.form_page import site_settings
from site_builder.report_page import ORGANISATIONS, terms
from tests.trees import ROOT

# The reviewer's two searches, as the sample reports hold them.
EVENT = "中德智能机器人技术研讨会"
COMPANY = "成都示例云计算有限公司"


@pytest.fixture(scope="module")
def site() -> context.SiteData:
    return context.load(ROOT, site_settings(), "2026-12-07")


@pytest.fixture(scope="module")
def words(site: context.SiteData) -> list[str]:
    return search_dict.dictionary(site).splitlines()


def _cutter(words: list[str]):  # type: ignore[no-untyped-def]
    """jieba as Material's search cuts the pages: its own dictionary and the generated words."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cutter = jieba.Tokenizer()
    cutter.initialize()
    for word in words:
        cutter.add_word(word)
    return cutter


def _indexed(site: context.SiteData, keys: tuple[str, ...] | None = None) -> list[str]:
    docs = [doc for y in sorted(phase.indexed_years(site)) for doc in site.reports_in(y)]
    return [t for doc in docs for t in (terms(doc, keys) if keys else terms(doc))]


def test_the_sample_holds_the_names_searched() -> None:
    assert EVENT in (ROOT / "submissions" / "cd-mech-eng" / "2018.yaml").read_text(encoding="utf-8")
    assert COMPANY in (ROOT / "submissions" / "cd-computer" / "2018.yaml").read_text(encoding="utf-8")


def test_runs_of_single_characters_in_an_indexed_title_become_one_word(words: list[str]) -> None:
    assert search_dict.joined_runs(["机械工程"], ["中德智能机器人技术研讨会", "2018年成都市机械工程学术年会"]) == ["中德"]
    assert "中德" in words


def test_no_indexed_name_is_cut_into_two_single_characters_in_a_row(site: context.SiteData, words: list[str]) -> None:
    """Two single characters in a row are two prefixes that each find every word they begin."""
    cutter = _cutter(words)
    for name in _indexed(site):
        tokens = list(cutter.cut(name))
        pairs = [(a, b) for a, b in itertools.pairwise(tokens)
                 if len(a) == len(b) == 1 and search_dict._HAN.fullmatch(a + b)]
        assert not pairs, (name, tokens)


def test_an_indexed_organisation_is_one_word_of_the_index(site: context.SiteData, words: list[str]) -> None:
    """Searched whole, an organisation's name is one word: the query finds the reports naming it
    and no page whose title shares a word with it."""
    assert COMPANY in words
    cutter = _cutter(words)
    organisations = _indexed(site, ORGANISATIONS)
    assert COMPANY in organisations
    for name in organisations:
        if search_dict._HAN.fullmatch(name):
            assert list(cutter.cut(name)) == [name]


def test_only_the_indexed_years_organisations_are_words(site: context.SiteData, words: list[str]) -> None:
    """The dictionary grows with the index, not with the years: a 2017 report's enterprise that
    no indexed report names is not a word (2017 is not indexed)."""
    assert 2017 not in phase.indexed_years(site)
    indexed = set(_indexed(site, ORGANISATIONS))
    earlier = {t for doc in site.reports_in(2017) for t in terms(doc, ORGANISATIONS)} - indexed
    assert earlier
    assert not earlier & set(words)


def test_the_societies_page_says_what_search_covers(site: context.SiteData) -> None:
    """A reviewer found the 2017 reports' contents unsearchable, by design (only the latest and
    the open years are indexed): the page listing the societies says so, and how to reach them."""
    page = societies.render(site)
    help_ = page[page.index('<p class="sb-search-help"'):]
    help_ = help_[:help_.index("</p>")]
    assert "data-search-exclude" in help_  # the help itself is not a search result for 企业
    assert "按内容找 2018 年度的报告" in help_
    assert "服务的企业、委托单位" in help_
    assert "2017 年度的报告不能按内容搜索：请点击下表中的学会名称，在学会页面中打开该年度的报告。" in help_


def test_a_society_named_as_an_organisation_stays_cut_at_its_parts(site: context.SiteData,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A station's partner may be a society: its name, a word whole, would be cut whole in its
    own pages' titles too, and 机械工程 would no longer find them."""
    named = "成都市机械工程学会"

    def with_society(doc, keys=None):  # type: ignore[no-untyped-def]
        return [*(terms(doc, keys) if keys else terms(doc)), named]

    monkeypatch.setattr(search_dict, "terms", with_society)
    found = search_dict.dictionary(site).splitlines()
    assert COMPANY in found
    assert named not in found
    assert list(_cutter(found).cut(named)) == ["成都市", "机械工程", "学会"]
