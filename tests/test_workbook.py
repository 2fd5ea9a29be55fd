"""The Excel download: read back with openpyxl (another library than the writer) and compared
with the JSON downloads; opened by LibreOffice's headless conversion where it is installed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from site_builder import downloads
from site_builder.context import SiteData, load
from site_builder.form_page import SiteSettings
from tests.trees import ROOT, profile, write_tree
from validators.template import schema_line

HOSTILE = ['=HYPERLINK("https://example.org","点击")', "+1+1", "-2", "@SUM(A1)", "'引号"]


@pytest.fixture(scope="module")
def site() -> SiteData:
    return load(ROOT, SiteSettings(), "2001-02-03")


def _downloads(site: SiteData) -> dict[str, str | bytes]:
    return {path: content for path, _, content in downloads.files(site)}


@pytest.fixture(scope="module")
def published(site: SiteData) -> dict[str, str | bytes]:
    return _downloads(site)


def _book(files: dict[str, str | bytes]) -> openpyxl.Workbook:
    data = files[downloads.WORKBOOK]
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def _records(sheet) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_sheet_per_table_with_the_header_frozen(site: SiteData, published: dict) -> None:
    book = _book(published)
    tables = downloads.tables(site)
    assert book.sheetnames == [t.sheet for t in tables]
    for table in tables:
        sheet = book[table.sheet]
        assert sheet.freeze_panes == "A2", table.sheet
        assert [c.value for c in sheet[1]] == table.header
        assert sheet.max_row == len(table.rows) + 1, table.sheet
        # The same table is also a CSV download.
        assert table.file in published
    _, page = next(iter(downloads.pages(site)))
    assert isinstance(page, str)
    assert f'href="{downloads.WORKBOOK}"' in page


def test_workbook_agrees_with_the_json_downloads(published: dict) -> None:
    book = _book(published)
    evaluations = json.loads(published["evaluations.json"])["evaluations"]
    ranking = {(r["年度"], r["学会 id"]): r for r in _records(book["排名和各领域得分"])}
    assert len(ranking) == len(evaluations)
    for e in evaluations:
        row = ranking[(e["year"], e["society"])]
        assert row["总分"] == e["total"]
        assert isinstance(row["总分"], int | float)
        assert row["档次"] == e["tier"]

    reports = json.loads(published["submissions.json"])["reports"]
    # Year, society id, society name, then the item's fields from its `id` on.
    events = {row[:2] + row[3:4]: row for row in book["学术交流活动"].iter_rows(min_row=2, values_only=True)}
    expected = {(d["report"]["year"], d["report"]["society"], ev["id"]): ev
                for d in reports for ev in d["report"].get("academic_events", [])}
    assert expected
    assert events.keys() == expected.keys()
    for key, event in expected.items():
        numbers = [v for v in events[key] if isinstance(v, int)]
        assert event["participants"] in numbers, key


def test_text_is_never_a_formula_nor_marked(tmp_path: Path) -> None:
    titles = "".join(f"  - id: mw-{i}\n    kind: 党建\n    title: '{t.replace(chr(39), chr(39) * 2)}'\n"
                     f"    date: 2017-07-01\n    description: 党建工作\n" for i, t in enumerate(HOSTILE))
    tree = write_tree(tmp_path, {"submissions/cd-a/society.yaml": profile("cd-a"),
                                 "submissions/cd-a/2017.yaml": ""})
    (tree / "submissions/cd-a/2017.yaml").write_text(
        f"society: cd-a\nyear: 2017\nmajor_work:\n{titles}", encoding="utf-8")
    book = _book(_downloads(load(tree, SiteSettings(), "2001-02-03")))
    sheet = book["参与市科协重大工作"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    written = {c.value for c in cells if c.data_type == "s"}
    assert set(HOSTILE) <= written


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (optional: apt-get install libreoffice-calc-nogui)")
    return found


@pytest.mark.slow
def test_libreoffice_keeps_the_chinese(published: dict, site: SiteData, tmp_path: Path) -> None:
    soffice = _soffice()
    source = tmp_path / downloads.WORKBOOK
    source.write_bytes(published[downloads.WORKBOOK])
    # CSV export, UTF-8 (76), every sheet (-1): one file per sheet, named after it.
    target = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", target, "--outdir", str(tmp_path / "out"), str(source)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for table in downloads.tables(site)[:3]:
        converted = tmp_path / "out" / f"{source.stem}-{table.sheet}.csv"
        assert converted.is_file(), sorted(p.name for p in (tmp_path / "out").iterdir())
        rows = list(csv.reader(io.StringIO(converted.read_text("utf-8"))))
        assert rows[0] == table.header
        assert [r[1] for r in rows[1:]] == [str(r[1]) for r in table.rows]


def test_the_form_downloads_name_a_published_schema(published: dict) -> None:
    """The absolute modeline of a downloaded file resolves to a file of the downloads page."""
    site_url = "https://cast.example.org/registry/"
    for kind in ("submission", "society"):
        url = schema_line(kind, SiteSettings(site_url=site_url).schema_base).split("$schema=", 1)[1]
        path = url.removeprefix(site_url)
        assert path.startswith(f"{downloads.FOLDER}/")
        assert json.loads(published[path.removeprefix(f"{downloads.FOLDER}/")])["title"]
