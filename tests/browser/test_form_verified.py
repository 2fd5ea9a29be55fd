"""A verified item changed in the form, in headless Chromium. During verification and the notice, a
secretary who edited an item the association had verified was told only at the top, in general,
that a change sends an item back to 待核实: now the item itself (or a claim, at its field) says so
once it differs from the published report's, and says nothing again once it is restored. An item not verified (待补充材料)
says nothing. What differs is what `check` reads as another content: its evidence in another order is none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from site_builder.form_labels import verified_changed
from tests.browser.test_form import add, box, fill, settled
from tests.browser.test_form_phase import copy_published
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT, base_tree
from validators.association.reviews import current_contents
from validators.check import check_tree
from validators.models.for_year import report_model
from validators.year.cycle import CALENDAR_ZONE, Phase
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018
SOCIETY = "cd-computer"  # its 2018 review: svc-cloud-consult 待补充材料, the rest 已核实
VERIFIED = "/innovation/services/1"  # svc-ai-talent
REQUESTED = "/innovation/services/0"  # svc-cloud-consult
EVENT = "/academic_events/0"  # evt-cs-annual-2018, verified, with its criteria panel
# The sample's 2018 rubric (carried from 2017's) counts a waiting item before the notice.
VERIFIED_CHANGED = verified_changed(provisional=True, phase=Phase.NOTICE)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


# svc-ai-talent's evidence, and a second entry the tree of `two_evidence` gives it.
AI_EVIDENCE = "https://example.org/cast-sample/cd-computer/2018/svc-ai-talent"
AI_EVIDENCE_MORE = AI_EVIDENCE + "-contract"


def _contents(root: Path) -> dict[str, str]:
    _, repo = check_tree(root)
    return current_contents(repo.reports[(SOCIETY, YEAR)].report)


@pytest.fixture(scope="module")
def two_evidence(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample with a second entry of evidence at the verified svc-ai-talent, its verdict
    recording the content with both (as the workbench would have)."""
    sync_playwright()
    root = base_tree(tmp_path_factory.mktemp("verified") / "tree")
    saw = _contents(root)
    report = root / "submissions" / SOCIETY / f"{YEAR}.yaml"
    entry = f"        - {AI_EVIDENCE}\n"
    assert report.read_text("utf-8").count(entry) == 1
    report.write_text(report.read_text("utf-8").replace(entry, entry + f"        - {AI_EVIDENCE_MORE}\n"), "utf-8")
    now = _contents(root)
    review = root / "reviews" / str(YEAR) / f"{SOCIETY}.yaml"
    assert review.read_text("utf-8").count(saw["svc-ai-talent"]) == 1
    review.write_text(review.read_text("utf-8").replace(saw["svc-ai-talent"], now["svc-ai-talent"]), "utf-8")
    with served(built_site(root)) as url:
        yield url + "form/"


def _day(phase: str) -> dt.date:
    rules = guideline(YEAR)
    assert rules is not None
    assert rules.calendar is not None
    calendar = rules.calendar
    return {"verification": calendar.submission_closes + dt.timedelta(days=3),
            "notice": calendar.notice_starts + dt.timedelta(days=1),
            "submission": calendar.submission_closes - dt.timedelta(days=3)}[phase]


def _open_published(page, base: str, phase: str) -> None:  # type: ignore[no-untyped-def]
    """The society's published 2018 report opened as the draft, on a day of `phase`."""
    page.clock.install(time=dt.datetime.combine(_day(phase), dt.time(12), CALENDAR_ZONE))
    copy_published(page, base, SOCIETY, YEAR)


def _note(page, pointer: str):  # type: ignore[no-untyped-def]
    return box(page, pointer).locator(":scope > .rf-item-note")


def _title(page, pointer: str) -> str:
    return str(box(page, pointer + "/title").locator("input, textarea").first.input_value())


@pytest.mark.parametrize("phase", ["verification", "notice"])
def test_a_changed_verified_item_says_so_and_restored_says_nothing(page, base: str, phase: str) -> None:
    _open_published(page, base, phase)
    assert page.locator(".rf-item-note:visible").count() == 0  # as published: nothing changed
    title = _title(page, VERIFIED)
    fill(page, VERIFIED + "/title", title + "（修订）")
    settled(page)
    note = _note(page, VERIFIED)
    assert note.is_visible()
    # What a waiting item earns now: before the notice as reported (the rubric's provisional),
    # on notice nothing until verified again.
    assert note.inner_text() == verified_changed(provisional=True, phase=Phase(phase))
    assert ("公示开始前暂按报告计分" in note.inner_text()) is (phase == "verification")
    assert page.locator(".rf-item-note:visible").count() == 1  # at that item only
    fill(page, VERIFIED + "/title", title)  # put back as it was
    settled(page)
    assert not note.is_visible()
    assert page.locator(".rf-item-note:visible").count() == 0
    assert not page.problems, page.problems


def test_a_verified_claim_says_so_at_its_field(page, base: str) -> None:
    """1.2's claim covers both counts: changing the total says so at the registered experts, the
    claim's own field; put back, nothing."""
    _open_published(page, base, "notice")
    total = "/innovation/senior_experts_total"
    before = str(box(page, total).locator("input").first.input_value())
    fill(page, total, str(int(before) + 10))
    settled(page)
    note = _note(page, "/innovation/senior_experts_registered")
    assert note.inner_text() == VERIFIED_CHANGED
    assert page.locator(".rf-item-note:visible").count() == 1
    fill(page, total, before)
    settled(page)
    assert page.locator(".rf-item-note:visible").count() == 0
    assert not page.problems, page.problems


def test_the_published_file_imported_is_compared_alike(page, base: str) -> None:
    """The report's file brought in (not opened from the site's copy): the published report is
    fetched for the comparison, and the same change says the same."""
    page.clock.install(time=dt.datetime.combine(_day("notice"), dt.time(12), CALENDAR_ZONE))
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    text = (ROOT / "submissions" / SOCIETY / f"{YEAR}.yaml").read_bytes()
    page.set_input_files("#rf-file", files=[{"name": f"{YEAR}.yaml", "mimeType": "text/yaml", "buffer": text}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    assert page.locator(".rf-item-note:visible").count() == 0
    title = _title(page, VERIFIED)
    fill(page, VERIFIED + "/title", title + "（修订）")
    settled(page)
    assert _note(page, VERIFIED).inner_text() == VERIFIED_CHANGED
    fill(page, VERIFIED + "/title", title)
    settled(page)
    assert page.locator(".rf-item-note:visible").count() == 0
    assert not page.problems, page.problems


def test_a_verified_items_evidence_reordered_says_nothing(page, two_evidence: str) -> None:
    """Its two entries of evidence swapped: the same content as `check` reads it (the digest its
    verdict recorded), so no note; a third entry is a change, and says so."""
    _open_published(page, two_evidence, "notice")
    assert page.locator(".rf-item-note:visible").count() == 0
    fill(page, VERIFIED + "/evidence/0", AI_EVIDENCE_MORE)
    fill(page, VERIFIED + "/evidence/1", AI_EVIDENCE)
    settled(page)
    swapped = [box(page, f"{VERIFIED}/evidence/{i}").locator("input").input_value() for i in (0, 1)]
    assert swapped == [AI_EVIDENCE_MORE, AI_EVIDENCE]
    assert page.locator(".rf-item-note:visible").count() == 0
    add(page, VERIFIED + "/evidence")
    fill(page, VERIFIED + "/evidence/2", AI_EVIDENCE + "-receipt")
    settled(page)
    assert _note(page, VERIFIED).inner_text() == VERIFIED_CHANGED
    assert not page.problems, page.problems


def test_an_item_not_verified_says_nothing_when_changed(page, base: str) -> None:
    _open_published(page, base, "notice")
    fill(page, REQUESTED + "/title", _title(page, REQUESTED) + "（补充材料后）")
    settled(page)
    assert not _note(page, REQUESTED).is_visible()
    assert page.locator(".rf-item-note:visible").count() == 0
    assert not page.problems, page.problems


def test_before_verification_a_changed_item_says_nothing(page, base: str) -> None:
    """While the year takes reports nothing is verified yet (a day the form is read on, whatever
    the build's): no note."""
    _open_published(page, base, "submission")
    fill(page, VERIFIED + "/title", _title(page, VERIFIED) + "（修订）")
    settled(page)
    assert page.locator(".rf-item-note:visible").count() == 0
    assert not page.problems, page.problems


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
def test_the_note_fits_the_item_on_a_phone_and_a_desktop(browser, base: str, width: int, height: int,
                                                          tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        _open_published(page, base, "notice")
        fill(page, EVENT + "/participants", "321")
        settled(page)
        card = box(page, EVENT)
        note = _note(page, EVENT)
        assert note.inner_text() == VERIFIED_CHANGED
        said, held = note.bounding_box(), card.bounding_box()
        assert said is not None
        assert held is not None
        assert said["x"] >= held["x"]
        assert said["x"] + said["width"] <= held["x"] + held["width"] + 0.5
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        note.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / f"verified-note-{width}.png"))
    finally:
        context.close()


# evt-blockchain-national (verified by 其余全部核实), its regions as the sample writes them and as a
# secretary may: 北京 by its full name, 上海 with a space before it, 重庆 a second time by its full
# name. `check` reads each as its region (Guideline.province), and its digest as written.
REGIONS_EVENT = "/academic_events/1"
REGIONS_SAMPLE = "    speaker_provinces:\n      - 北京\n      - 上海\n"
REGIONS_WRITTEN = '    speaker_provinces:\n      - 北京市\n      - " 上海"\n'
REGIONS_AGAIN = ("      - 重庆\n    evidence:\n      - https://example.org/cast-sample/cd-computer/2018/blockchain\n")


def _regions_report(text: str) -> str:
    assert text.count(REGIONS_SAMPLE) == 1
    assert text.count(REGIONS_AGAIN) == 1
    text = text.replace(REGIONS_SAMPLE, REGIONS_WRITTEN)
    return text.replace(REGIONS_AGAIN, REGIONS_AGAIN.replace("      - 重庆\n", "      - 重庆\n      - 重庆市\n"))


@pytest.fixture(scope="module")
def full_names(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample with evt-blockchain-national's regions written otherwise (REGIONS_WRITTEN), its
    rest's verdict recording that content (as the workbench would have)."""
    sync_playwright()
    root = base_tree(tmp_path_factory.mktemp("verified-names") / "tree")
    saw = _contents(root)["evt-blockchain-national"]
    report = root / "submissions" / SOCIETY / f"{YEAR}.yaml"
    report.write_text(_regions_report(report.read_text("utf-8")), "utf-8")
    now = _contents(root)["evt-blockchain-national"]
    assert now != saw
    review = root / "reviews" / str(YEAR) / f"{SOCIETY}.yaml"
    assert review.read_text("utf-8").count(saw) == 1
    review.write_text(review.read_text("utf-8").replace(saw, now), "utf-8")
    with served(built_site(root)) as url:
        yield url + "form/"


def _region(page, name: str):  # type: ignore[no-untyped-def]
    return box(page, REGIONS_EVENT + "/speaker_provinces").locator(f'.rf-grid input[value="{name}"]')


def test_regions_written_by_full_name_opened_as_published_say_nothing(page, full_names: str) -> None:
    """北京市 ticks 北京's box and “ 上海” 上海's, and the repeated 重庆市 is shown as written: the
    form keeps the report's words (it wrote 北京 over 北京市 when it opened the report, and the item
    said it had changed though nobody had touched it). Another verified item changed says so
    there alone."""
    _open_published(page, full_names, "notice")
    assert page.locator(".rf-item-note:visible").count() == 0
    title = _title(page, VERIFIED)
    fill(page, VERIFIED + "/title", title + "（修订）")
    settled(page)
    assert _note(page, VERIFIED).inner_text() == VERIFIED_CHANGED
    assert not _note(page, REGIONS_EVENT).is_visible()
    assert page.locator(".rf-item-note:visible").count() == 1
    assert _region(page, "北京").is_checked()
    assert _region(page, "上海").is_checked()
    provinces = box(page, REGIONS_EVENT + "/speaker_provinces")
    assert provinces.locator(".rf-chip").all_inner_texts() == ["重庆市"]
    assert provinces.locator(".rf-count").inner_text().startswith("已选 7 个")
    assert "不在本年度指南的名单中" not in provinces.inner_text()  # “ 上海” is 上海, as to `check`
    fill(page, VERIFIED + "/title", title)
    settled(page)
    assert page.locator(".rf-item-note:visible").count() == 0
    assert not page.problems, page.problems


def test_a_region_ticked_at_a_full_named_event_says_so(page, full_names: str) -> None:
    """A region ticked is a change, and unticked again none: the other entries keep their words.
    北京 unticked and ticked again holds “北京” where the report wrote 北京市, which `check` reads
    as another content (the verdict's digest no longer matches): the note says so, as `check`
    will."""
    _open_published(page, full_names, "notice")
    _region(page, "云南").check()
    settled(page)
    assert _note(page, REGIONS_EVENT).inner_text() == VERIFIED_CHANGED
    _region(page, "云南").uncheck()
    settled(page)
    assert page.locator(".rf-item-note:visible").count() == 0
    _region(page, "北京").uncheck()
    settled(page)
    _region(page, "北京").check()
    settled(page)
    assert _note(page, REGIONS_EVENT).inner_text() == VERIFIED_CHANGED
    written = _regions_report((ROOT / "submissions" / SOCIETY / f"{YEAR}.yaml").read_text("utf-8"))
    rules = guideline(YEAR)
    assert rules is not None
    model = report_model(rules)
    digests = [current_contents(model.model_validate(yaml.safe_load(text)))["evt-blockchain-national"]
               for text in (written, written.replace("      - 北京市\n", "      - 北京\n"))]
    assert digests[0] != digests[1]
    assert not page.problems, page.problems
