"""A service's kind chosen in the form shows the clause it is paid under, in the guideline's words:
科技金融 and 融资服务 stood side by side with no word on which is which; both are of the clause
that pays 引智、引才、融资 (2017's 1.5), which pays otherwise than consulting and training (1.4)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from site_builder.form_labels import guide_data
from tests.browser.test_form import box, settled
from tests.browser.test_form_warnings import _open
from tests.site_support import built_site, served, sync_playwright
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018
REPORT = """society: cd-agri
year: 2018
innovation:
  services:
    - {id: svc-a, kind: 科技咨询, title: 技术咨询, enterprise: 成都示例企业, district: 锦江区, date: 2018-05-12,
       outcome: 解决技术难题 3 项, evidence: ["https://example.org/a"]}
"""
FIELD = "/innovation/services/0/kind"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def test_a_service_kind_shows_the_clause_that_pays_it(page, base: str) -> None:
    rules = guideline(YEAR)
    assert rules is not None
    clauses = guide_data(rules)["clauses"]
    _open(page, base, REPORT, YEAR)
    shown = box(page, FIELD).locator(".rf-enum-clause")
    said = {}
    for clause, labels in rules.clause_service_kinds.items():
        for label in labels:
            box(page, FIELD).locator("select").select_option(label)
            settled(page)
            said[label] = shown.inner_text()
            assert said[label] == f"条款 {clause}：{clauses[clause]}", label
    assert said["科技金融"] == said["融资服务"] != said["科技咨询"]
    # A kind of no listed clause (paid as another service of 一) shows none.
    unlisted = [k.label for k in rules.vocabulary("service_kinds")
                if not any(k.label in labels for labels in rules.clause_service_kinds.values())]
    assert unlisted
    box(page, FIELD).locator("select").select_option(unlisted[0])
    settled(page)
    assert shown.inner_text() == ""
    assert not page.problems, page.problems
