"""A ranking row's 备注: what the check, the association's verification and the year's objections
say of a society's score, in one place for the rankings, the society pages and the downloads,
and the year's phase as the downloads say it beside it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from site_builder import items, phase
from site_builder.context import SiteData
from validators.association.progress import report_progress
from validators.association.reviews import item_ids
from validators.evaluation.pending_warnings import NOT_COUNTED as NOT_COUNTED
from validators.evaluation.pending_warnings import left_out
from validators.findings import Finding
from validators.models.review import FINAL_REQUESTED, ReviewStatus

# NOT_COUNTED: said after each warning the public 备注 leaves out of its count (`uncounted`); a
# message that says so itself (cross_file_consortia.MEMBER_NO_REPORT) is not told twice.


def uncounted(site: SiteData, year: int, society: str, found: list[Finding]) -> list[Finding]:
    """The warnings of a society's report of `year` (`found`, as its page shows them) that the
    year's 备注 leaves out of its count. An open year: by today's reading of the policy and the
    guideline (pending_warnings.left_out), which counts them. A frozen year: by what its results
    file recorded, which is how many, not which: none where it recorded no such count (2017's: its
    备注 counts every warning, as it was published), else, of the warnings today's reading leaves
    out or whose message says it is not counted, at most as many as recorded (a policy changed
    since finalize neither adds marks the frozen 备注 never had nor makes a recorded one vanish
    without a word: the report page says when fewer are found)."""
    frozen = site.frozen.get(year)
    if frozen is None:
        return left_out(found, site.guideline(year))
    if frozen.association_warnings is None:
        return []
    e = site.evaluation(society, year)
    recorded = e.association_warnings if e is not None else 0
    # Those whose message says it first: they say so whatever is marked.
    own = [f for f in found if f.severity == "warning" and NOT_COUNTED in items.finding_message(site, year, f)]
    return (own + [f for f in left_out(found, site.guideline(year)) if all(f is not g for g in own)])[:recorded]


def held(site: SiteData, year: int, society: str, *, objections: Callable[[str], str] | None = str) -> list[str]:
    """What the association's verification and the year's objections hold of a society's score:
    the items waiting for material and those not recognised, counted as the report's page and the
    status page count them, and its objections still open, written by `objections` (the rankings
    page links them to its list below the table; None leaves them out, for a page that links
    them elsewhere). A frozen year's, as finalized: its frozen lines' items 不予认定 or 待补充材料
    (as the report page's box and 得分 cells read them), whatever the reviews say now. The words
    are the site's own (no text of a report), the same in HTML and in a file."""
    held_back = (ReviewStatus.MATERIAL_REQUESTED, ReviewStatus.NOT_RECOGNISED)
    if year in site.frozen:
        e = site.evaluation(society, year)
        why = Counter(items.zero_reasons(e, final=True).values()) if e is not None else Counter()
        said = [FINAL_REQUESTED, ReviewStatus.NOT_RECOGNISED.label]
        return [f"{word} {why[word]} 项" for word in said if why[word]]
    said = []
    doc = site.repo.reports.get((society, year))
    if doc is not None and year in site.repo.reviewed_years:
        progress = report_progress(site.repo, society, year, item_ids(doc.report))
        for status, found in ((held_back[0], progress.requested), (held_back[1], progress.not_recognised)):
            if found:
                said.append(f"{status.label} {len(found)} 项")
    still_open, _ = phase.objection_counts(site, year, society)
    if still_open and objections is not None:
        said.append(objections(phase.open_objections(still_open)))
    return said


def remark(site: SiteData, year: int, society: str, note: str, *, shown: Callable[[str], str] = str,
           objections: Callable[[str], str] = str) -> str:
    """A ranking row's 备注 (the rankings page under the society's name, the downloads' last
    column but the phase): `note`, the check's findings in a few words (`findings_note`), written
    by `shown` (the page escapes it), then what `held` says, the open objections by `objections`."""
    return "；".join([shown(note), *held(site, year, society, objections=objections)])


def phase_words(site: SiteData, year: int) -> str:
    """The year's phase as the rankings and the home page say it (“公示中：至 12 月 10 日”,
    “最终结果”), for a file that cannot change its words on a later day as the pages do: with the
    build's day they are true on (“（截至 2026-12-07）”), but a frozen year's, which stay. Empty
    for a year without a calendar."""
    said = phase.label(site, year)
    if said is None:
        return ""
    return said if year in site.frozen else f"{said}（截至 {site.build_date}）"
