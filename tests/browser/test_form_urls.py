"""The form reads evidence links and the society website as `check` does: each case goes through
the checker's own functions and through the form in Chromium, and the form says an error, in the
checker's words, exactly where the checker refuses the text on its own (a path to a file is only
a reminder: the browser cannot see the society's folder)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_form import passes
from tests.site_support import built_site, served, sync_playwright
from validators.check import check_file
from validators.rules import evidence

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY = "cd-form-urls"
CASES = [
    "https://example.org/a.pdf",
    "http://example.org/a.pdf",
    "ftp://example.org/p.pdf",
    "javascript:alert(1)",
    " java\tscript:x",
    "www.x.org/a.pdf",
    "../x.pdf",
    "/abs.pdf",
    "C:\\x.pdf",
    "evidence/a.pdf",
    "evidence/setup.exe",
    "https://user@example.org/a.pdf",
    "https://例子.中国/a.pdf",
    "https://сdast.gov.cn/a.pdf",  # a Cyrillic "с"
    "https://example.org\u2044evil.example/a.pdf",  # a fraction slash, drawn like "/"
    "www.cd-materials.org",
    # IDNA as browsers read it (Python's own codec made straße.de into strasse.de), ports kept
    # out of the name, ASCII hosts with characters no host holds, and "$&" kept as text.
    "https://straße.de/a.pdf",
    "https://Bücher.COM/a.pdf",
    "https://例子.中国:8080/a.pdf",
    "https://exa_mple.com/a.pdf",
    "https://a|b.com/a.pdf",
    "https://a%41b.com/a.pdf",
    "https://-1xz.com/a.pdf",
    "https://例$&子.com/a.pdf",
    # Ports out of range, hosts the public cannot open (IPv4 as browsers read it), a tag pasted.
    "https://127.0.0.1:99999/",
    "https://[::1]/a.pdf",
    "http://0x7f.1/a.pdf",
    "https://db.localhost/a.pdf",
    "https://example.1/a.pdf",
    "https://8.8.8.8/a.pdf",
    "https://example.org/'><svg onload=alert(5)>",
]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _evidence_refusal(ref: str, empty: Path) -> tuple[str, str] | None:
    """What the checker says of `ref` on its text alone; None for a link it accepts or a path
    it would look up in the folder."""
    if evidence.cited_path(ref) is not None:
        return None
    return evidence.check_reference(ref, evidence.FolderListing(empty), 1, 2018)


def _website_refusal(url: str, root: Path) -> tuple[str, str] | None:
    folder = root / "submissions" / SOCIETY
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "society.yaml").write_text(
        f"id: {SOCIETY}\nname: 成都市网址测试学会\nkind: 学会\ndiscipline: 测试\nmaintainers: [someone]\n"
        f"website: {json.dumps(url, ensure_ascii=False)}\n", encoding="utf-8")
    found = [(f.code, f.message) for f in check_file(folder / "society.yaml", root).findings
             if f.code.startswith("E-URL")]
    assert len(found) <= 1, found
    return found[0] if found else None


def _said(page, pointer: str) -> tuple[str, str] | None:
    """The severity and text of the one message the form shows at a field, if any."""
    line = page.locator(f'[data-pointer="{pointer}"] > .rf-msg p').first
    if not line.count():
        return None
    return line.get_attribute("class").removeprefix("rf-"), line.inner_text()


def test_evidence_and_website_say_what_the_checker_says(page, base: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    entries = "".join(f"      - {json.dumps(ref, ensure_ascii=False)}\n" for ref in CASES)
    report = (f"society: {SOCIETY}\nyear: 2018\nmajor_work:\n  - id: mw-1\n    kind: 党建\n    title: 党建\n"
              f"    date: 2018-07-01\n    description: 活动\n    evidence:\n{entries}")
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml",
                                              "buffer": report.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    page.wait_for_timeout(400)

    for i, ref in enumerate(CASES):
        refused = _evidence_refusal(ref, tmp_path / "empty")
        said = _said(page, f"/major_work/0/evidence/{i}")
        if refused:
            assert said == ("error", refused[1]), (ref, refused, said)
        else:
            assert said is None or said[0] != "error", (ref, said)
    # A path names a file the form cannot see: a reminder, and "https://" for a web address.
    assert _said(page, f"/major_work/0/evidence/{CASES.index('evidence/a.pdf')}")[0] == "warning"
    # A file of no kind the staff can open: the checker's words, as a warning (the folder decides).
    refused = evidence.kind_refusal("evidence/setup.exe", "setup.exe")
    assert refused
    assert _said(page, f"/major_work/0/evidence/{CASES.index('evidence/setup.exe')}") == ("warning", refused[1])
    domain = _said(page, f"/major_work/0/evidence/{CASES.index('www.x.org/a.pdf')}")
    assert domain[0] == "todo"
    assert "https://www.x.org/a.pdf" in domain[1]

    website = page.locator('[data-pointer="/website"] input')
    for url in CASES:
        refused = _website_refusal(url, tmp_path)
        website.fill(url)
        website.blur()
        page.wait_for_timeout(300)
        said = _said(page, "/website")
        if refused:
            assert said == ("error", refused[1]), (url, refused, said)
        else:
            assert said is None or said[0] != "error", (url, said)
    assert not passes(page.inner_text(".rf-summary-head"))
    assert not page.problems, page.problems


def test_a_long_address_in_a_message_does_not_widen_a_phone_page(page, base: str) -> None:
    """The reminder quotes the whole address: unwrapped, it made the page 463 px wide at 390 and
    cut the issue panel off. A file path is a reminder, not an error: no red border either."""
    long = "www.cd-materials.org/" + "x" * 90 + ".pdf"
    report = (f"society: {SOCIETY}\nyear: 2018\nmajor_work:\n  - id: mw-1\n    kind: 党建\n    title: 党建\n"
              f"    date: 2018-07-01\n    description: 活动\n    evidence:\n      - {long}\n      - evidence/a.pdf\n")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml",
                                              "buffer": report.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    page.locator(".rf-summary .rf-summary-list > summary").click()
    page.wait_for_timeout(400)
    assert _said(page, "/major_work/0/evidence/0")[0] == "todo"
    wide, shown = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert wide <= shown, (wide, shown)
    path_box = page.locator('[data-pointer="/major_work/0/evidence/1"]')
    assert _said(page, "/major_work/0/evidence/1")[0] == "warning"
    assert "rf-has-error" not in (path_box.get_attribute("class") or "")
