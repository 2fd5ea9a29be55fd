"""The online submission form: one page, its static scripts, and the JSON data they read.

The page holds no submitted data at all: schemas, societies and published reports are JSON files
beside the scripts, parsed by the browser with `JSON.parse` and put into the page only as text
(`textContent`, `value`). Nothing is sent anywhere; the form works from static files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.contact import browser_contact
from site_builder.form_labels import guide_data, labels_data
from site_builder.mkdocs_config import read_config
from site_builder.name_order import name_key
from validators.association.browser_cross import CROSS_FOLDER, SPLIT_KINDS, cross_files, shared_file
from validators.association.browser_privacy import browser_privacy_rule
from validators.association.browser_yaml import browser_yaml
from validators.association.objection_items import CONTESTED, named_entries
from validators.association.reviews import (
    CLAIM_FIELDS,
    Standing,
    finalized,
    review_entries,
    review_years,
)
from validators.evaluation.results import results_path
from validators.repository import ReportDoc, Repository
from validators.schema import json_schema
from validators.template import schema_line
from validators.xlsx.layout import layout as workbook_layout
from validators.xlsx.read import NOT_XLSX_WORDS, ODS_WORDS
from validators.xlsx.write import workbook_bytes
from validators.yaml.policy import policy
from validators.year.cycle import Phase, today
from validators.year.guideline import available_years, guideline

# The page is the index of the form's own folder: its scripts and data sit beside it, at "./",
# with or without directory URLs and for MkDocs and Zensical alike.
PAGE = "form/index.md"
ASSETS = "form"
ASSET_SOURCE = Path(__file__).with_name("form")
MKDOCS_YML = Path(__file__).resolve().parents[1] / "mkdocs.yml"
# The check's personal-data rule as the workbench applies it: the form publishes the same script
# beside its own, so that both pages refuse what `check` refuses with one copy of the steps.
PRIVACY_SCRIPT = Path(__file__).with_name("review") / "review-privacy.js"
# Script order matters: the libraries, then the form's modules, then the entry point.
SCRIPTS = ("vendor/js-yaml.min.js", "vendor/ajv2020.min.js", "form-util.js", "form-yaml.js",
           "form-criteria.js", "form-urls.js", PRIVACY_SCRIPT.name, "form-privacy.js", "form-check.js",
           "form-warnings.js", "form-findings.js", "form-cross.js", "form-xlsx.js", "form-render.js", "form-drafts.js",
           "form-start.js", "form-import.js", "form-output.js", "form-verified.js", "form.js")


# Where the downloads page publishes the JSON Schemas, under the site's root.
PUBLISHED_SCHEMAS = "downloads/schema/"


@dataclass(frozen=True, slots=True)
class SiteSettings:
    repo_url: str | None = None
    branch: str = "main"
    directory_urls: bool = True
    site_url: str | None = None
    # Who publishes the site and issues the annual reports (mkdocs.yml, extra.issuer).
    issuer: str = ""

    @property
    def schema_base(self) -> str | None:
        """The published schemas' absolute URL, for files that leave the repository."""
        return f"{self.site_url}{PUBLISHED_SCHEMAS}" if self.site_url else None


def site_settings(mkdocs_yml: Path = MKDOCS_YML) -> SiteSettings:
    """`repo_url`, the branch of `edit_uri`, `use_directory_urls`, `site_url` and `extra.issuer`
    from mkdocs.yml."""
    if not mkdocs_yml.is_file():
        return SiteSettings()
    config = read_config(mkdocs_yml)
    repo_url = config.get("repo_url")
    repo_url = repo_url.rstrip("/") if isinstance(repo_url, str) and repo_url.startswith("https://") else None
    edit_uri = config.get("edit_uri")
    parts = edit_uri.strip("/").split("/") if isinstance(edit_uri, str) else []
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
    site_url = config.get("site_url")
    site_url = (site_url.rstrip("/") + "/"
                if isinstance(site_url, str) and site_url.startswith(("https://", "http://")) else None)
    extra = config.get("extra")
    issuer = extra.get("issuer") if isinstance(extra, dict) else None
    return SiteSettings(repo_url, branch, bool(config.get("use_directory_urls", True)), site_url,
                        issuer if isinstance(issuer, str) else "")


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _write_if_changed(path: Path, content: bytes) -> Path:
    """Unchanged files keep their time stamp, so `mkdocs serve` reloads only what moved."""
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return path


def _by_society(repo: Repository) -> dict[str, list[ReportDoc]]:
    """Each society's reports in year order, grouped in one pass (not one scan per society)."""
    grouped: dict[str, list[ReportDoc]] = {society: [] for society in repo.profiles}
    for (society, _), doc in sorted(repo.reports.items()):
        grouped.setdefault(society, []).append(doc)
    return grouped


def _verifying_years(repo: Repository, day: dt.date) -> set[int]:
    """The years the association verifies (reviews/<year>/) that are not finalized and whose
    calendar has not reached its final day on `day`: where a changed item goes back to 待核实.
    Years still before their verification are kept too: the page may be read on a later day (the
    form says the note only while its own day is in 核查 or 公示)."""
    root = repo.root
    kept = set()
    for year in repo.reviewed_years:
        rules = guideline(year, root)
        if rules is not None and rules.calendar is not None and not finalized(root, year) \
                and rules.calendar.phase(day) is not Phase.FINAL:
            kept.add(year)
    return kept


def _verified(repo: Repository, society: str, docs: list[ReportDoc], years: set[int]) -> dict[str, list[str]]:
    """Of each of the `years`, the ids of the report's list items and claims (CLAIM_FIELDS) the
    evaluation counts as 已核实 by a verdict bound to their content (`Standing.verified_as_is`): the
    form says at such an item, once changed, that the change takes its points away until it is
    verified again."""
    out = {}
    for doc in docs:
        year = doc.report.year
        if year not in years:
            continue
        standing = Standing.of(repo.reviews.get((society, year)), strict=True)
        ids = [e.id for e in review_entries(doc.report) if standing.verified_as_is(e.id)]
        if ids:
            out[str(year)] = ids
    return out


def _noticed_years(repo: Repository, day: dt.date) -> set[int]:
    """The years with objections whose notice has not ended on `day`: on notice, or not yet (the
    page may be read on a later day; the form says a correction only while its own day is on
    notice). A year past its notice lets no society correct its report, and is left out."""
    root = repo.root
    kept = set()
    for year in repo.objections:
        rules = guideline(year, root)
        if rules is not None and rules.calendar is not None and day <= rules.calendar.notice_ends:
            kept.add(year)
    return kept


def _corrections(repo: Repository, society: str, docs: list[ReportDoc], years: set[int]) -> dict[str, list[dict[str, Any]]]:
    """Of each of the `years`, the society's open objections that let it correct its report on
    notice, which the gate asks a correction to name (W-CYCLE-OBJECTION; without one it refuses
    it, E-CYCLE-CLOSED): each with its subject (事由) and the ids of the items it names, read as
    the report page reads them (`named_entries`), for the form to mark them."""
    reports = {doc.report.year: doc.report for doc in docs}
    out = {}
    for year in sorted(years):
        allowed = repo.objections[year].allowing_correction(society)
        if allowed:
            report = reports.get(year)
            out[str(year)] = [{"id": o.id, "subject": o.subject,
                               "items": [item for _, item, _ in named_entries(report, o.subject)] if report else []}
                              for o in allowed]
    return out


def _societies(repo: Repository, grouped: dict[str, list[ReportDoc]], day: dt.date) -> list[dict[str, Any]]:
    out = []
    verifying = _verifying_years(repo, day)
    noticed = _noticed_years(repo, day)
    for society in sorted(grouped):
        doc = repo.profiles.get(society)
        years = [d.report.year for d in grouped[society]]
        # The years with a report file on main, read or not: the pull request's gate refuses a new
        # report after the deadline by whether the file exists (the form's phaseNow).
        filed = sorted(set(years) | {y for (s, y) in repo.broken if s == society})
        # Its heads on main: the gate asks one of them to approve a change (E-CYCLE-APPROVAL).
        heads = list(doc.profile.heads) if doc else []
        out.append({"id": society, "name": doc.profile.name if doc else society, "years": years, "filed": filed,
                    "heads": heads, "corrections": _corrections(repo, society, grouped[society], noticed),
                    "verified": _verified(repo, society, grouped[society], verifying)})
    return sorted(out, key=lambda s: (name_key(s["name"]), s["id"]))  # as a Chinese list is read


def _reports(society: str, docs: list[ReportDoc]) -> dict[str, Any]:
    """Every published year of a society, as the validator read it (codes; the form shows labels):
    what the file wrote, an explicit `false` too (the pages say 未填报 of a field never written,
    so a report opened in the form and sent again must not lose its answers)."""
    return {"society": society,
            "reports": {str(doc.report.year): doc.report.model_dump(mode="json", exclude_none=True,
                                                                    exclude_unset=True)
                        for doc in docs}}


def _consortia(repo: Repository) -> list[dict[str, Any]]:
    """Every consortium a report leads, as its lead last reported it: a member picks it from
    this list instead of typing what only the lead knows (its id, form, date)."""
    found = []
    for society, year, item in repo.led_consortia().values():
        profile = repo.profiles.get(society)
        found.append({"id": item.id, "name": item.name, "form": item.form.label,
                      "direction": item.direction.label, "industry": item.industry,
                      "established": item.established.isoformat(), "lead": society,
                      "lead_name": profile.profile.name if profile else society, "year": year})
    return sorted(found, key=lambda c: (name_key(c["name"]), c["id"]))


def page_markdown() -> str:
    """The page: instructions and the mount point; the scripts find their data beside them."""
    base = "./"
    scripts = "\n".join(f'<script src="{base}{name}"></script>' for name in SCRIPTS)
    return f"""---
title: 在线填报
hide:
  - toc
---

# 在线填报

不熟悉 Git 和 YAML 也能提交年度工作报告：在本页逐项填写，表单会按指南边填边检查，最后生成可以直接提交的 YAML 文件。

1. 选择开始方式：新建空白报告、以本学会上一年度的报告为底稿，或导入已有的 YAML 文件或 Excel/WPS 工作簿。
2. 逐项填写。字段旁会立即提示问题；每项学术活动下方列出所申报类别还差哪些标准。
3. 下载或复制生成的文件，或点击按钮在 GitHub 网页上直接新建文件并发起拉取请求。

填写的内容不会发送到任何服务器：它自动保存在本浏览器中，下次打开本页时可以恢复；换了电脑或清除了浏览器数据就没有了，填完请下载文件。

<div id="report-form" class="rf" data-base="{base}" markdown="0">
<noscript>在线填报需要启用浏览器的 JavaScript。也可以按“如何提交”页面的说明手工填写 YAML 文件。</noscript>
</div>

{scripts}
<link rel="stylesheet" href="{base}form.css">
"""


def form_files(repo: Repository, years: Iterable[int] | None = None,
               settings: SiteSettings | None = None, day: dt.date | None = None) -> dict[str, bytes]:
    """Every file of the form, by path under the docs folder, as of `day` (the build's; today)."""
    settings = settings or site_settings()
    root = repo.root
    years = sorted(y for y in (set(years) if years is not None else available_years(root))
                   if guideline(y, root) is not None)
    files = {f"{ASSETS}/{p.relative_to(ASSET_SOURCE).as_posix()}": p.read_bytes()
             for p in sorted(ASSET_SOURCE.rglob("*"))
             if p.is_file() and p.suffix != ".md" and "__pycache__" not in p.parts}
    files[f"{ASSETS}/{PRIVACY_SCRIPT.name}"] = PRIVACY_SCRIPT.read_bytes()
    files[PAGE] = page_markdown().encode("utf-8")
    grouped = _by_society(repo)
    societies = _societies(repo, grouped, day or today())
    files[f"{ASSETS}/config.json"] = _config(years, societies, settings, root)
    files[f"{ASSETS}/labels.json"] = _json(labels_data())
    files[f"{ASSETS}/consortia.json"] = _json(_consortia(repo))
    files.update({f"{ASSETS}/{path}": _json(data) for path, data in cross_files(repo).items()})
    files[f"{ASSETS}/schema-society.json"] = _json(json_schema("society"))
    reviewed = review_years(root)
    for year in years:
        rules = guideline(year, root)
        assert rules is not None  # filtered above
        files[f"{ASSETS}/schema-{year}.json"] = _json(json_schema("submission", year, root))
        files[f"{ASSETS}/guide-{year}.json"] = _json(guide_data(rules, results_path(root, year).is_file(), root,
                                                                 year in reviewed))
        # The year's workbook: its sheets and columns, for a dropped .xlsx and the .xlsx download.
        shape = workbook_layout(rules)
        files[f"{ASSETS}/workbook-{year}.json"] = _json(shape.as_json())
        # A blank workbook of the year, for a secretary who starts in Excel or WPS.
        files[f"{ASSETS}/{year}-blank.xlsx"] = workbook_bytes(shape, {"year": year}, _form_address(settings), profile={})
    for society in societies:
        files[f"{ASSETS}/reports/{society['id']}.json"] = _json(_reports(society["id"], grouped[society["id"]]))
    return files


def _form_address(settings: SiteSettings) -> str:
    """The form's own address, said in its blank workbooks (where a new society goes next)."""
    if not settings.site_url:
        return ""
    return settings.site_url.rstrip("/") + ("/form/" if settings.directory_urls else "/form/index.html")


def _config(years: list[int], societies: list[dict[str, Any]], settings: SiteSettings, root: Path) -> bytes:
    return _json({
        "repo_url": settings.repo_url, "branch": settings.branch, "url_limit": policy().form.github_url_max_chars,
        "years": years, "societies": societies,
        # The limits, and what is said of a file that is no .xlsx: the words of `xlsx import`.
        "workbook": {**policy().workbook.model_dump(), "not_xlsx": NOT_XLSX_WORDS, "ods": ODS_WORDS},
        "yaml_max_bytes": policy().yaml.max_file_bytes,
        # The mark at an item an objection allowing a correction names (societies[].corrections), the
        # report page's own.
        "contested": CONTESTED,
        # The fields of each claim a review may verify (societies[].verified names claims too).
        "claims": {claim: list(fields) for claim, fields in CLAIM_FIELDS.items()},
        # The nesting depth, and what `check` says of a UTF-16 file, an alias, a deeper nesting.
        "yaml": browser_yaml(),
        # The check's personal-data rule (E-PRIVACY-*), as the workbench's settings carry it.
        "privacy": browser_privacy_rule(),
        # The downloaded files' modelines ("# " is added by the form), absolute once site_url is set.
        "modelines": {kind: schema_line(kind, settings.schema_base)[2:] for kind in ("submission", "society")},
        # The association's contact (.github/admins.yaml), shown where step 3 says 联系市科协.
        "contact": browser_contact(root)})


def society_files(repo: Repository, changed: Iterable[str], settings: SiteSettings,
                  day: dt.date | None = None) -> dict[str, bytes]:
    """The form's files that an edit of the `changed` societies' reports alters: the list of
    societies with their years, those societies' reports, and the files of the comparison with
    the published reports (the preview's update)."""
    root = repo.root
    years = sorted(y for y in available_years(root) if guideline(y, root) is not None)
    grouped = _by_society(repo)
    files = {f"{ASSETS}/config.json": _config(years, _societies(repo, grouped, day or today()), settings, root),
             f"{ASSETS}/consortia.json": _json(_consortia(repo)),
             **{f"{ASSETS}/{path}": _json(data) for path, data in cross_files(repo).items()}}
    for society in sorted(set(changed) & set(grouped)):
        files[f"{ASSETS}/reports/{society}.json"] = _json(_reports(society, grouped[society]))
    return files


def _is_split(folder: Path) -> bool:
    """A folder named as `shared_file` names a split's (shared-<shares> or items-<shares>): the
    form's own."""
    shares = folder.name.rpartition("-")[2]
    return (shares.isascii() and shares.isdigit()
            and any(Path(shared_file(int(shares), 0, kind)).parent == Path(CROSS_FOLDER, folder.name)
                    for kind in SPLIT_KINDS))


def stale_splits(out: Path, kept: Iterable[Path]) -> list[Path]:
    """The folders of a split of the form's shared files (`<form>/across/shared-<shares>/`, and
    `items-<shares>/` of its item files) under
    `out`, a generated docs or a built site folder, that hold none of the `kept` files: a split
    no longer written, since the number of shared files changed. Nothing else is the form's to
    remove there, and nothing else is listed."""
    across = out / ASSETS / CROSS_FOLDER
    if not across.is_dir() or across.is_symlink():
        return []
    held = {path.parent for path in kept}
    return sorted(folder for folder in across.iterdir()
                  if folder.is_dir() and not folder.is_symlink() and _is_split(folder) and folder not in held)


def write_form(out_docs: Path, repo: Repository, years: Iterable[int] | None = None,
               settings: SiteSettings | None = None) -> list[Path]:
    """Write the form page, its assets and its data into the generated docs folder; remove
    what an earlier run left in the form's folder. Returns the paths of the form's files."""
    written = [_write_if_changed(out_docs / rel, data)
               for rel, data in sorted(form_files(repo, years, settings).items())]
    keep = set(written)
    folder = out_docs / ASSETS
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
