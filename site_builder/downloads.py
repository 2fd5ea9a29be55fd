"""Downloads: every submission and evaluation as JSON and as CSV that opens in Excel, and the
JSON Schemas. Files are built in memory so the page can state their sizes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from site_builder import items, phase
from site_builder.breadcrumbs import trail
from site_builder.context import SiteData
from site_builder.form_labels import FIELD_TITLES
from site_builder.form_page import ASSETS as FORM_ASSETS
from site_builder.form_page import PUBLISHED_SCHEMAS
from site_builder.markup import Cell, Column, cell, front_matter, link, text
from site_builder.remarks import phase_words, remark
from site_builder.tables import table
from site_builder.workbook import Sheet, workbook
from validators.csv_export import to_csv
from validators.evaluation.reports import (
    LINE_HEADER,
    area_columns,
    findings_note,
    line_rows,
    name_of,
    ranked,
    ranking_header,
    ranking_rows,
)
from validators.evaluation.scoring import Evaluation
from validators.models.labelled import LabelledEnum
from validators.schema import json_schema_text

PAGE = "downloads/index.md"
FOLDER = "downloads"
WORKBOOK = "tables.xlsx"
SCHEMAS = PUBLISHED_SCHEMAS.removeprefix(f"{FOLDER}/")  # what the downloaded files' modelines name


def _json(data: Any) -> str:
    """Compact: with an indent, `json` falls back to its pure-Python encoder (several times slower)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _evaluations(site: SiteData) -> str:
    """The data of `evaluate --format json`, written compactly, and of each evaluation the 备注
    and the year's phase the ranking table gives it, and how many of its `warnings` the 备注 leaves
    out, null where its results file recorded no such count (keys added to those records, none
    changed)."""
    return _json({"evaluations": [{**e.to_dict(), "name": name_of(site.repo, e.society),
                                   REMARK_KEY: remark(site, e.year, e.society, findings_note(e)),
                                   PHASE_KEY: phase_words(site, e.year),
                                   ASSOCIATION_WARNINGS_KEY: _left_out(site, e)}
                                  for e in ranked(site.evaluations)]})


# The item tables' last column (an addition: columns are a contract, added at the end, never
# renamed), and the key submissions.json gives each report beside `has_errors`.
CHANGED_AFTER_FINAL = "定稿后改动过"
CHANGED_AFTER_FINAL_KEY = "changed_after_final"
# A final year's results file written before finalize recorded each report's sha256.
NOT_RECORDED = "不详"


def _changed_cells(site: SiteData) -> dict[str, str]:
    """The item tables' last cell for each report file: 是／否 in a final year (不详 where its
    results file recorded no digests), empty in an open one. Read once for every table."""
    cells: dict[str, str] = {}
    for doc in site.repo.reports.values():
        changed = site.changed_after_final(doc)
        final = doc.report.year in site.frozen
        cells[doc.file] = "" if not final else NOT_RECORDED if changed is None else "是" if changed else "否"
    return cells


def _submissions(site: SiteData) -> str:
    profiles = [{"file": doc.file, "profile": doc.profile.model_dump(mode="json", exclude_none=True)}
                for _, doc in sorted(site.repo.profiles.items())]
    reports = [{"file": doc.file, "has_errors": doc.has_errors,
                CHANGED_AFTER_FINAL_KEY: site.changed_after_final(doc),
                "report": doc.report.model_dump(mode="json", exclude_none=True)}
               for _, doc in sorted(site.repo.reports.items())]
    return _json({"societies": profiles, "reports": reports})


def _flat(value: Any) -> object:
    """A cell: numbers stay numbers; lists, models, dates, enumerations become their text."""
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return " ".join(str(_flat(getattr(value, k))) for k in type(value).model_fields if getattr(value, k))
    if isinstance(value, list):
        return "；".join(str(_flat(v)) for v in value)
    return "" if value is None else str(value)


def _title(model: type[BaseModel], key: str) -> str:
    return FIELD_TITLES.get(f"{model.__name__}.{key}") or FIELD_TITLES.get(key) or key


@dataclass(frozen=True, slots=True)
class Table:
    """One table of the downloads: a CSV file and a sheet of the workbook."""

    file: str
    sheet: str
    description: str
    header: list[str]
    rows: list[list[object]]


def _items_table(site: SiteData, spec: items.ItemList, titles: dict[str, str], changed: dict[str, str]) -> Table:
    """One area's items of every year, as the reports are now; the last column marks a final
    year's rows whose report changed after its results were frozen (`changed`, by report file).
    An area a year renames (七) is named as the rankings name it, every year's title
    (“参与市科协重大工作／参与市科协中心工作（2019 年起）”); its sheet, by the newest year's."""
    first = site.first_area_title(spec.area)
    captions = {spec.caption(site.area_titles(y).get(spec.area, ""), first) for y in site.years}
    title = titles.get(spec.area, spec.title) if spec.named_by_area or captions - {spec.title} else spec.title
    sheet = spec.caption(site.area_titles(site.years[-1]).get(spec.area, ""), first) if site.years else spec.title
    model: type[BaseModel] | None = None
    rows: list[list[object]] = []
    for (society, year), doc in sorted(site.repo.reports.items()):
        for item in spec.items(doc.report):
            model = type(item)
            rows.append([year, society, name_of(site.repo, society),
                         *(_flat(getattr(item, k)) for k in model.model_fields), changed[doc.file]])
    fields = list(model.model_fields) if model else ["id"]
    header = ["年度", "学会 id", "学会名称", *(_title(model, k) if model else k for k in fields), CHANGED_AFTER_FINAL]
    return Table(f"items-{spec.key}.csv", sheet, f"{title}：全部学会、全部年度（CSV）", header, rows)


# How the downloads page names the tables a long table on another page points to.
SOCIETIES_LABEL = "学会名录（CSV）"
RANKINGS_LABEL = "各年度排名和各领域得分（CSV）"
LINES_LABEL = "逐项得分明细，每行注明条款和 YAML 行号（CSV）"


def _societies_table(site: SiteData) -> Table:
    rows: list[list[object]] = []
    for society in site.societies:
        p = site.profile(society)
        rows.append([society, site.name(society), p.kind.label if p else "", p.discipline if p else "",
                     (p.website or "") if p else "", "；".join(p.maintainers) if p else "",
                     ("是" if p.sample else "否") if p else ""])
    return Table("societies.csv", "学会名录", SOCIETIES_LABEL,
                 ["学会 id", "学会名称", "类型", "学科", "网站", "维护人", "示例数据"], rows)


def _score_lines_table(site: SiteData) -> Table:
    rows = [[e.society, name_of(site.repo, e.society), *line] for e in site.evaluations for line in line_rows(e, site.repo.root)]
    return Table("score-lines.csv", "逐项得分明细", LINES_LABEL,
                 ["学会 id", "学会名称", *LINE_HEADER], rows)


# The ranking table's last column (an addition: columns are a contract, added at the end, never
# renamed), and the key evaluations.json gives each evaluation beside its 备注 (`REMARK_KEY`).
PHASE = "阶段"
PHASE_KEY = "phase"
REMARK_KEY = "remark"
# Of an evaluation's `warnings`, those that wait on the association or another society, which its
# 备注 does not count (`Evaluation.association_warnings`; no record of `evaluate` holds it).
ASSOCIATION_WARNINGS_KEY = "association_warnings"
# The ranking table's column of that count, after PHASE (an addition, as PHASE).
ASSOCIATION_WARNINGS = "备注不计入的警告数"
RANKINGS_SHEET = "排名和各领域得分"


def _unrecorded_years(site: SiteData) -> list[int]:
    """The frozen years whose results file recorded no count of the warnings the 备注 leaves out
    (finalized before the rule, as 2017's was until a `finalize --replace`): their 备注 counts
    every warning."""
    return sorted(year for year, frozen in site.frozen.items() if frozen.association_warnings is None)


def _left_out(site: SiteData, e: Evaluation) -> int | None:
    """How many of `e`'s warnings its 备注 leaves out; None where its year's results file recorded
    no such count (a 0 there read as a real zero once filtered or summed)."""
    frozen = site.frozen.get(e.year)
    return None if frozen is not None and frozen.association_warnings is None else e.association_warnings


def _rankings_table(site: SiteData) -> Table:
    """Every year's ranking: the 备注 as the rankings page says it (`remarks.remark`, unlinked),
    then the year's phase, so that a year still on notice is not read as final, then how many
    warnings the 备注 leaves out (evaluations.json's `association_warnings`), 不详 where its
    results file recorded none, as the item tables' last column says it."""
    rows: list[list[object]] = []
    left_out = {(e.year, e.society): _left_out(site, e) for e in site.evaluations}
    for row in ranking_rows(site.evaluations, site.repo):
        year, society, note = int(str(row[0])), str(row[2]), str(row[-1])
        count = left_out[year, society]
        rows.append([*row[:-1], remark(site, year, society, note), phase_words(site, year),
                     NOT_RECORDED if count is None else count])
    return Table("evaluations.csv", RANKINGS_SHEET, RANKINGS_LABEL,
                 [*ranking_header(site.evaluations, site.repo.root), PHASE, ASSOCIATION_WARNINGS], rows)


def tables(site: SiteData) -> list[Table]:
    """Every table, in the order of the downloads page and of the workbook's sheets."""
    titles = dict(area_columns(site.evaluations, site.repo.root))
    changed = _changed_cells(site)
    return [_societies_table(site),
            _rankings_table(site),
            _score_lines_table(site),
            *(_items_table(site, spec, titles, changed) for spec in items.item_lists(
                [(a.key, a.title) for y in site.years for a in site.guideline(y).added_areas]))]


def _exact(value: object) -> object:
    """A float with all its digits (the CSV writer's own format keeps six)."""
    return format(value, ".15g") if isinstance(value, float) else value


def files(site: SiteData) -> list[tuple[str, str, str | bytes]]:
    """(path under downloads/, description, content) of every download."""
    listed = tables(site)
    out: list[tuple[str, str, str | bytes]] = [
        ("submissions.json", "全部提交：学会资料和各年度报告（JSON）", _submissions(site)),
        ("evaluations.json", "全部评估结果，含逐项得分和改进建议（JSON）", _evaluations(site)),
        (WORKBOOK, "下列全部 CSV 表格，一个表格一页（Excel 工作簿：表头冻结，数字可直接计算）",
         workbook([Sheet(t.sheet, t.header, t.rows) for t in listed]))]
    out += [(t.file, t.description, to_csv(t.header, [[_exact(v) for v in row] for row in t.rows]))
            for t in listed]
    out += [(f"{SCHEMAS}society.schema.json", "学会资料的 JSON Schema", json_schema_text("society")),
            (f"{SCHEMAS}submission.schema.json", "年度报告的 JSON Schema（不分年度）", json_schema_text("submission"))]
    out += [(f"{SCHEMAS}submission-{y}.schema.json", f"{y} 年度报告的 JSON Schema（含活动类别标准）",
             json_schema_text("submission", y, site.repo.root)) for y in phase.rubric_years(site)]
    return out


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _size_cell(content: str | bytes) -> Cell:
    """The size people read (73.1 KB), the exact bytes in its tooltip, sorted by the bytes."""
    size = len(_bytes(content))
    shown = f"{size / 1024:.1f}&nbsp;KB" if size >= 1024 else f"{size}&nbsp;B"
    return cell(f'<span title="{size} 字节">{shown}</span>', size)


def _blank_workbooks(site: SiteData) -> str:
    """Each year's blank workbook (written with the form, which reads it back): a secretary who
    works in Excel or WPS looks for it here and on 《如何提交》, not under the form's import box."""
    links = "、".join(link(site.urls.rel(PAGE, f"{FORM_ASSETS}/{y}-blank.xlsx"), f"{y} 年度报告工作簿")
                     for y in reversed(site.guideline_years))
    return ("## 填报用的空白工作簿 {#workbooks}\n\n"
            f"习惯用 Excel 或 WPS 的学会，可以下载空白工作簿填写年度报告：{links}（.xlsx）。"
            "每类工作一张表，表头有填写说明，可选的值有下拉列表。填好后把工作簿拖进"
            f"{link(site.urls.rel(PAGE, 'form/index.md'), '在线填报')}页面，表单逐格检查、指出有问题的单元格，"
            "改好后按表单的步骤提交（新学会在工作簿的“学会资料”表中填写学会资料，也可以在表单里补填）。\n\n")


def _counted_all(site: SiteData) -> str:
    """The frozen years whose results file recorded no count of the warnings the 备注 leaves out,
    named as the rankings page says of each (rankings._not_counted): their 备注 counts every
    warning and the column says 不详. Empty when every frozen year recorded it."""
    years = _unrecorded_years(site)
    if not years:
        return ""
    return (f"定稿时没有记录这一个数的年度（{'、'.join(f'{year} 年度' for year in years)}），"
            f"备注计入全部警告，此列写“{NOT_RECORDED}”。")


def _columns(site: SiteData) -> str:
    """How to read the columns the tables add at their end, one item each, in readers' words: the
    field names of the JSON files are for programmers (`_json_fields`)."""
    return (f"排名表（<code>evaluations.csv</code>，<code>{WORKBOOK}</code> 的“{RANKINGS_SHEET}”页）的最后三列：\n\n"
            "- **备注**：与各年度排名页的备注相同。\n"
            f"- **{PHASE}**：该年度在网站生成当天所处的阶段。公示中、核查中的年度尚未定稿，得分仍可能改变。\n"
            f"- **{ASSOCIATION_WARNINGS}**：备注中的警告数不计等待市科协或其他学会的提示，此列是这类提示的个数。"
            f"{_counted_all(site)}\n\n"
            f"各类项目的表格（<code>items-*.csv</code>，<code>{WORKBOOK}</code> 中对应的各页）列出报告现在的内容，最后一列：\n\n"
            f"- **{CHANGED_AFTER_FINAL}**：已定稿的年度写“是”或“否”。“是”表示这份报告在定稿后改动过（或定稿后才加入），"
            "这一行与定稿时冻结的得分、逐项得分明细（<code>score-lines.csv</code>）可能不一致，公布的结果以定稿时的为准；"
            f"“否”即与定稿时相同；“{NOT_RECORDED}”是定稿时没有记录报告文件的年度。未定稿的年度此列为空。\n\n")


def _json_fields() -> str:
    """The JSON files' field names for the same columns, apart from the readers' list."""
    return ("### 给程序员：JSON 文件的字段 {#json-fields}\n\n"
            f"<code>evaluations.json</code> 中每条评估的 <code>{REMARK_KEY}</code>、<code>{PHASE_KEY}</code>、"
            f"<code>{ASSOCIATION_WARNINGS_KEY}</code> 依次与排名表的“备注”“{PHASE}”“{ASSOCIATION_WARNINGS}”相同"
            f"（“{NOT_RECORDED}”时为 null；检查给出的警告总数是 <code>warnings</code>）。"
            f"<code>submissions.json</code> 中每份报告的 <code>{CHANGED_AFTER_FINAL_KEY}</code> 与“{CHANGED_AFTER_FINAL}”相同"
            f"（未定稿或{NOT_RECORDED}时为 null）。JSON Schema 可用于编辑器的自动补全和校验。\n\n")


def pages(site: SiteData) -> Iterator[tuple[str, str | bytes]]:
    listed = files(site)
    rows = [[cell(link(site.urls.rel(PAGE, f"{FOLDER}/{path}"), f"<code>{text(path)}</code>"), path),
             cell(text(description)), _size_cell(content)]
            for path, description, content in listed]
    yield PAGE, (front_matter("下载") + trail(PAGE, [], "下载") + "# 下载\n\n"
                 + _blank_workbooks(site) + "## 数据文件\n\n"
                 "全部数据随网站一起发布，可自由下载。CSV 文件为 UTF-8 编码（带 BOM），可直接用 Excel 打开；"
                 "以 =、+、-、@ 开头的文字前加了单引号，不会被当作公式执行。"
                 f"{WORKBOOK} 把全部表格放在一个 Excel 工作簿中，每个表格一页：表头冻结，数字可直接计算，"
                 "文字原样保存（不加单引号，也不会被当作公式），用 Excel、WPS 或 LibreOffice 打开都不会乱码。\n\n"
                 + _columns(site)
                 + table([Column("文件"), Column("内容"), Column("大小", numeric=True)], rows,
                         label="下载文件", key=(0, 1), cards=True) + "\n\n"
                 + _json_fields())
    for path, _description, content in listed:
        yield f"{FOLDER}/{path}", content
