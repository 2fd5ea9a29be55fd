"""Everything the pages show, read and evaluated once: the pages themselves never load YAML."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.form_page import SiteSettings
from site_builder.markup import Urls, attr, clause_anchor, link, num, repo_path_url, text
from site_builder.name_order import name_key
from site_builder.progress import Bar
from site_builder.tables import SOURCE
from validators.check import FileCache, check_tree
from validators.evaluation.evaluate import EvaluationMemo, evaluate_repository
from validators.evaluation.results import (
    FrozenYear,
    changed_since_frozen,
    check_frozen,
    published,
    rubric_files_changed,
)
from validators.evaluation.scoring import Evaluation
from validators.findings import CheckResult, Finding
from validators.models.society import SocietyProfile
from validators.repository import BrokenReport, ReportDoc, Repository
from validators.year.guideline import Guideline, available_years, guideline
from validators.year.rubric import Rubric, rubric
from validators.year.text import area_numeral

# Every generated page is the index.md of a folder of its own, named as its URL: the folder of
# its source is the folder of its URL (with use_directory_urls as without), so a relative link in
# the raw HTML of a table means the same to MkDocs, which leaves raw HTML as written, and to
# Zensical, which resolves it from the source file's folder.
# The guideline's landing page: the years, each with its own page (guideline_year_page).
GUIDELINE_PAGE = "guideline/index.md"
RUBRIC_PAGE = "rubric/index.md"
SOCIETIES_PAGE = "societies/index.md"


def guideline_year_page(year: int) -> str:
    """The guideline a year is judged by, word for word: its clauses' anchors are cited by that
    year's pages only, so a later year's text never changes what an earlier report links to."""
    return f"guideline/{year}/index.md"


def society_page(society: str) -> str:
    return f"societies/{society}/index.md"


def society_year_page(society: str, year: int) -> str:
    """A society's report of one year with its evaluation: the printable annual report."""
    return f"societies/{society}/{year}/index.md"


# A year's area page lists the items of this many societies (in id order); the others follow on
# numbered pages, so that no page grows with the number of societies.
AREA_PAGE_SOCIETIES = 50


def area_page(year: int, area: str, part: int = 1) -> str:
    """Part 1 of an area's year is its page; parts 2, 3 ... are numbered pages below it."""
    return f"areas/{year}/{area}/index.md" if part == 1 else f"areas/{year}/{area}/{part}/index.md"


def rubric_anchor(year: int, area: str) -> str:
    """An area's section of the rubric page: its rules and its cap."""
    return f"rubric-{year}-{area}"


def ranking_page(year: int) -> str:
    return f"rankings/{year}/index.md"


def status_page(year: int) -> str:
    """A year's “提交情况”: who has submitted, who has not, the deadline."""
    return f"status/{year}/index.md"


def source_name(about: str, line: int | None) -> str:
    """The accessible name of a “原文” link: “原文：<about>，第 N 行” (no line: the file)."""
    if not about:
        return f"{SOURCE}：第 {line} 行" if line else ""
    return f"{SOURCE}：{about}" + (f"，第 {line} 行" if line else "")


# Where a printed “2018.yaml:41” may break, in a wide table's narrow 原文 column: after the colon.
SOURCE_BREAK = "\u200b"


def source_at(file: str, line: int | None, own: bool = False) -> str:
    """Where a “原文” link points, short enough for a printed table's cell (paper has no links):
    `own`, a line of the report the page prints, its number alone, `41 行` (the report's widest
    tables have no room for more); a line of another file (a review file's expert mark) the
    file's name too, `cd-mech-eng.yaml:41`, which may break after its colon."""
    if own and line:
        return f"{line}\u00a0行"  # never “101” above “行” in a narrow column
    name = file.rsplit("/", 1)[-1]
    return f"{name}:{SOURCE_BREAK}{line}" if line else name


@dataclass(slots=True)
class SiteData:
    root: Path
    repo: Repository
    check: CheckResult
    evaluations: list[Evaluation]
    settings: SiteSettings
    build_date: str
    # Final years' frozen results (results/<year>.json): what produced the numbers shown.
    frozen: dict[int, FrozenYear] = field(default_factory=dict)
    urls: Urls = field(init=False)
    societies: list[str] = field(init=False)
    years: list[int] = field(init=False)
    # Every year with a guideline, reports or not: each has its guideline page.
    guideline_years: list[int] = field(init=False)
    _evaluation: dict[tuple[str, int], Evaluation] = field(init=False)
    _findings: dict[str, list[Finding]] = field(init=False)
    _reports_of: dict[str, list[ReportDoc]] = field(init=False)
    _reports_in: dict[int, list[ReportDoc]] = field(init=False)
    # `changed_after_final` by report file: asked by the area pages, the downloads and the report
    # page, each answer a hash of the file (a new SiteData is loaded for every change).
    _changed_after_final: dict[str, bool | None] = field(init=False)
    # `rubric_changed_after_final` by year: asked for each line of a report's table.
    _rubric_changed: dict[int, bool] = field(init=False)

    def __post_init__(self) -> None:
        self.urls = Urls(self.settings.directory_urls)
        self.societies = sorted(set(self.repo.profiles) | {s for s, _ in self.repo.reports}
                                | {s for s, _ in self.repo.broken}, key=self.name_order)
        self.years = [y for y in self.repo.years() if guideline(y, self.repo.root) is not None
                      and rubric(y, self.repo.root) is not None]
        self.guideline_years = [y for y in available_years(self.repo.root)
                                if guideline(y, self.repo.root) is not None]
        self._evaluation = {(e.society, e.year): e for e in self.evaluations}
        self._changed_after_final = {}
        self._rubric_changed = {}
        findings: dict[str, list[Finding]] = defaultdict(list)
        for f in self.check.sorted_findings():
            findings[f.file].append(f)
        self._findings = dict(findings)
        reports: dict[str, list[ReportDoc]] = defaultdict(list)
        in_year: dict[int, list[ReportDoc]] = defaultdict(list)
        for (society, year), doc in sorted(self.repo.reports.items()):
            reports[society].append(doc)
            in_year[year].append(doc)
        self._reports_of = dict(reports)
        self._reports_in = {y: sorted(docs, key=lambda d: self.name_order(d.report.society))
                            for y, docs in in_year.items()}

    # lookups -------------------------------------------------------------------------------

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def profile(self, society: str) -> SocietyProfile | None:
        doc = self.repo.profiles.get(society)
        return doc.profile if doc else None

    def name(self, society: str) -> str:
        profile = self.profile(society)
        return profile.name if profile else society

    def name_order(self, society: str) -> tuple[object, ...]:
        """Societies are listed by their names' pinyin (the id breaks a tie)."""
        return (name_key(self.name(society)), society)

    def is_sample(self, society: str) -> bool:
        profile = self.profile(society)
        return bool(profile and profile.sample)

    def reports_of(self, society: str) -> list[ReportDoc]:
        return self._reports_of.get(society, [])

    def reports_in(self, year: int) -> list[ReportDoc]:
        """A year's reports, in the societies' order (their names' pinyin)."""
        return self._reports_in.get(year, [])

    def area_parts(self) -> list[list[str]]:
        """The societies of each part of an area page (the same for every year and area)."""
        size = AREA_PAGE_SOCIETIES
        return [self.societies[i:i + size] for i in range(0, len(self.societies), size)] or [[]]

    def area_part(self, society: str) -> int:
        """The part of an area page that lists `society`'s items."""
        return self.societies.index(society) // AREA_PAGE_SOCIETIES + 1 if society in self.societies else 1

    def evaluation(self, society: str, year: int) -> Evaluation | None:
        return self._evaluation.get((society, year))

    def changed_after_final(self, doc: ReportDoc) -> bool | None:
        """Whether a final year's report file differs from the one its frozen results were
        computed with (one added after finalize does too): its items are today's, its score the
        frozen one. None for an open year, or a results file that recorded no report digests."""
        if doc.file in self._changed_after_final:
            return self._changed_after_final[doc.file]
        frozen = self.frozen.get(doc.report.year)
        said: bool | None = None
        if frozen is not None and frozen.report_sha256 is not None:
            changed = changed_since_frozen(frozen, self.root, doc.file)
            said = True if changed is None else changed
        self._changed_after_final[doc.file] = said
        return said

    def rubric_changed_after_final(self, year: int) -> bool:
        """Whether a final year's rubric files differ from those its frozen results were computed
        with (W-RESULTS-RUBRIC-CHANGED): the rubric read now is not the one that set its points.
        False for an open year, or a results file that recorded no rubric file digests (the
        shipped results/2017.json: the shipped rubric is the one it used)."""
        if year not in self._rubric_changed:
            frozen = self.frozen.get(year)
            self._rubric_changed[year] = bool(frozen and rubric_files_changed(frozen, self.root))
        return self._rubric_changed[year]

    def evaluations_in(self, year: int) -> list[Evaluation]:
        return [e for e in self.evaluations if e.year == year]

    def findings(self, file: str) -> list[Finding]:
        return self._findings.get(file, [])

    def guideline(self, year: int) -> Guideline:
        rules = guideline(year, self.repo.root)
        assert rules is not None, year  # years hold only years with a guideline
        return rules

    def has_rubric(self, year: int) -> bool:
        return rubric(year, self.repo.root) is not None

    def rubric(self, year: int) -> Rubric:
        points = rubric(year, self.repo.root)
        assert points is not None, year
        return points

    def area_titles(self, year: int) -> dict[str, str]:
        return {a.key: a.title for a in self.guideline(year).areas}

    def first_area_title(self, area: str) -> str:
        """An area's title in the first year of the guideline (what a list's own caption was
        written for); empty when no year reads, or the first year has no such area."""
        return self.area_titles(self.guideline_years[0]).get(area, "") if self.guideline_years else ""

    def area_numbers(self, year: int) -> dict[str, str]:
        """Area keys to the guideline's numerals: innovation → 一."""
        return {a.key: area_numeral(a.id)
                for a in self.guideline(year).areas}

    def area_headers(self, year: int) -> list[str]:
        """Short column headers for the seven area scores: the numeral, the title on hover (and in
        `area_key` above the table: a finger cannot hover)."""
        titles = self.area_titles(year)
        return [f'<abbr title="{attr(titles[key])}">{n}</abbr>' for key, n in self.area_numbers(year).items()]

    def area_key(self, year: int) -> str:
        """What each area score column's numeral stands for, from the data its header reads, set
        right above the table: on a phone the headers are 一…七 alone, most of them off screen."""
        titles = self.area_titles(year)
        said = "；".join(f'<span class="sb-area-key__item"><strong>{n}</strong>&nbsp;{text(titles[key])}</span>'
                        for key, n in self.area_numbers(year).items())
        return f'<p class="sb-area-key" data-search-exclude>各领域得分列：{said}</p>\n'

    # links ---------------------------------------------------------------------------------

    def clause_link(self, page: str, clause: str | None, year: int | None) -> str:
        """The clause id linked to its anchor on `year`'s guideline page; `—` for none. Without a
        year that has a guideline (a finding in a file of no year), to the guideline's landing page."""
        if not clause:
            return "—"
        if year in self.guideline_years and clause not in self.guideline(year).clauses:
            # A clause the year's text does not have (ended, or mistyped in a year file): said,
            # never linked to an anchor that is not there.
            return f'<span class="sb-clause-ref">条款&nbsp;{text(clause)}</span>'
        if year in self.guideline_years:
            href = self.urls.rel(page, guideline_year_page(year), clause_anchor(clause))
        else:
            href = self.urls.rel(page, GUIDELINE_PAGE)
        return link(href, f"条款&nbsp;{text(clause)}", cls="sb-clause-ref")

    def cap_link(self, page: str, year: int, area: str) -> str:
        """An area's cap, linked to its section of the rubric page: the guideline sets no points,
        so a cap is the rubric's rule, not a clause."""
        cap = self.rubric(year).area(area).cap
        return link(self.urls.rel(page, RUBRIC_PAGE, rubric_anchor(year, area)), f"细则：上限&nbsp;{num(cap)}&nbsp;分",
                    cls="sb-clause-ref")

    def society_link(self, page: str, society: str) -> str:
        return link(self.urls.rel(page, society_page(society)), text(self.name(society)), cls="sb-society")

    def year_link(self, page: str, society: str, year: int, label_html: str) -> str:
        """A link to the society's report page of `year`; where it has none (a final year's
        frozen row whose report was removed or no longer reads), the label and why."""
        if (society, year) not in self.repo.reports:
            # Broken: unreadable, refused by its model, or naming another society or year.
            why = "报告文件现在有误" if (society, year) in self.repo.broken else "报告已删除"
            return f"{label_html}（{why}）"
        return link(self.urls.rel(page, society_year_page(society, year)), label_html)

    def source_url(self, file: str, line: int | None = None, commit: str | None = None) -> str | None:
        """The file on the repository's site, at its line: on the branch, or (`commit`) as it
        was at that commit (a final year's frozen line numbers are the frozen files')."""
        url = repo_path_url(self.settings.repo_url, commit or self.settings.branch, file)
        if url and line:
            url += f"#L{line}"
        return url

    def source_link(self, file: str, line: int | None, label_html: str = SOURCE, commit: str | None = None,
                    about: str = "", report: str = "") -> str:
        """A small “原文” link to the line of the YAML file in the repository; the path and
        line are its tooltip, never text on the page. `commit`: the file as it was then.
        `about` (plain text): what the line is, for the link's accessible name
        (“原文：<about>，第 N 行”): a page has dozens of them, read alike without it.
        `report`: the file of the report the page shows, whose lines print as their number alone."""
        url = self.source_url(file, line, commit)
        hint = f"{file} 第 {line} 行" if line else file
        if commit:
            hint += f"（提交 {commit[:12]} 中的文件）"
        # Printed, a “原文” says where it points (print.css: data-at), as paper has no links.
        at = source_at(file, line, own=file == report) if label_html == SOURCE and line else ""
        if not url:
            data = f' data-at="{attr(at)}"' if at else ""
            return f'<span class="sb-src"{data} title="{attr(hint)}">{label_html}</span>'
        return link(url, label_html, title=hint, cls="sb-src",
                    name=source_name(about, line) if label_html == SOURCE else "", at=at)


def load(root: Path, settings: SiteSettings, build_date: str, cache: FileCache | None = None,
         memo: EvaluationMemo | None = None, say: Callable[[str], None] | None = None) -> SiteData:
    """Checks the tree and evaluates every report: once, for every page. `cache` and `memo`:
    the files' own results and the evaluations of an earlier load (the preview's), reused
    where nothing they depend on changed. `say`: told each step, for a reader who waits."""
    started = time.perf_counter()
    bar = Bar("预览：检查学会资料和报告", 0) if say else None

    def progress(done: int, total: int) -> None:
        assert bar is not None
        bar.total = total
        bar.show(done)

    day = dt.date.fromisoformat(build_date)  # what the pages are of: the rules and the scores alike
    result, repo = check_tree(root, cache=cache, progress=progress if bar else None, day=day)
    frozen = check_frozen(result, root)  # the frozen results files are checked files too
    if say:
        counts = Counter(f.severity for f in result.findings)
        say(f"检查了 {result.files} 个文件（{time.perf_counter() - started:.1f} 秒）："
            f"{counts['error']} 个错误，{counts['warning']} 个警告；正在计算评估…")
    # A report that names another society or year than its place in the tree is condemned by
    # its own error; its pages are filed by place, so it is shown as its errors, like an
    # unreadable report (two files naming one year must not become one page twice).
    for key, doc in list(repo.reports.items()):
        if key != (doc.report.society, doc.report.year):
            del repo.reports[key]
            repo.broken[key] = BrokenReport(doc.file, *key, doc.findings)
    evaluations = published(evaluate_repository(repo, as_of=day, memo=memo),
                            frozen)
    if say:
        say(f"评估了 {len(evaluations)} 份报告（累计 {time.perf_counter() - started:.1f} 秒）；正在生成页面…")
    return SiteData(root, repo, result, evaluations, settings, build_date, frozen)
