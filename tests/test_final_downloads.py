"""The downloads of a finalized year: the item tables are built from the reports as they are now,
the scores from the frozen results. A report edited after finalize (participants 360 → 36) showed
36 in items-academic_events.csv without a mark, beside score-lines.csv's frozen “（主办，360 人）”.
Every download built from current report content marks such a report's rows; the year's area
pages, which list the current items beside the frozen points, say which reports changed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from site_builder import areas, downloads
from site_builder.context import load
from site_builder.form_page import SiteSettings
from tests.trees import ROOT, profile, write_tree

AFTER_2017_FINAL = "2018-02-01"  # 2017 is final (from 2018-01-26); 2018 is open for submission
EVENTS = "items-academic_events.csv"


def _report(society: str, year: int, participants: int) -> str:
    return f"""
        # 示例数据（虚构）
        society: {society}
        year: {year}
        academic_events:
          - {{id: evt-{society}-{year}, title: 成都{society}学术年会, category: 其他, role: 主办,
             date: {year}-06-01, participants: {participants}}}
        """


def _tree(base: Path) -> Path:
    root = write_tree(base, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-a/2017.yaml": _report("cd-a", 2017, 360),
        "submissions/cd-a/2018.yaml": _report("cd-a", 2018, 200),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-b/2017.yaml": _report("cd-b", 2017, 80),
    })
    rubrics = root / "validators" / "rubrics"
    rubrics.mkdir(parents=True)
    (rubrics / "2017.yaml").write_text((ROOT / "validators/rubrics/2017.yaml").read_text("utf-8"), "utf-8")
    return root


def _finalize(root: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "finalize", "2017",
                           "--date", AFTER_2017_FINAL, "--accept-pending"], capture_output=True, text=True,
                          cwd=root, timeout=180, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr


def _published(root: Path) -> dict[str, str | bytes]:
    site = load(root, SiteSettings(), AFTER_2017_FINAL)
    return {path: content for path, _, content in downloads.files(site)}


def _marks(published: dict[str, str | bytes]) -> tuple[list[str], dict[tuple[str, str], tuple[str, str]]]:
    """The events table's header, and each row's participants and last cell by (year, society)."""
    data = published[EVENTS]
    assert isinstance(data, str)
    header, *rows = list(csv.reader(io.StringIO(data.removeprefix("\ufeff"))))
    participants = header.index("参与人数")
    return header, {(r[0], r[1]): (r[participants], r[-1]) for r in rows}


def test_a_final_years_rows_say_which_report_changed_after_finalize(tmp_path: Path) -> None:
    root = _tree(tmp_path / "tree")
    _finalize(root)
    frozen = json.loads((root / "results" / "2017.json").read_text("utf-8"))
    assert "submissions/cd-a/2017.yaml" in frozen["report_sha256"]
    before = _published(root)
    report = root / "submissions" / "cd-a" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("participants: 360", "participants: 36"), "utf-8")
    after = _published(root)

    header, marks = _marks(after)
    # Added at the end: the columns existing consumers read keep their places.
    assert header[:3] == ["年度", "学会 id", "学会名称"]
    assert header[-1] == "定稿后改动过"
    assert _marks(before)[1] == {("2017", "cd-a"): ("360", "否"), ("2017", "cd-b"): ("80", "否"),
                                 ("2018", "cd-a"): ("200", "")}
    assert marks == {("2017", "cd-a"): ("36", "是"), ("2017", "cd-b"): ("80", "否"), ("2018", "cd-a"): ("200", "")}
    # The frozen lines still say 360: the mark is what tells the two apart.
    lines = after["score-lines.csv"]
    assert isinstance(lines, str)
    assert "360 人" in lines
    assert "36 人" not in lines

    book = after[downloads.WORKBOOK]
    assert isinstance(book, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(book))["学术交流活动"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "定稿后改动过"
    assert {(r[0], r[1]): r[-1] for r in rows[1:]} == {(2017, "cd-a"): "是", (2017, "cd-b"): "否", (2018, "cd-a"): None}

    submissions = after["submissions.json"]
    assert isinstance(submissions, str)
    assert {r["file"]: r["changed_after_final"] for r in json.loads(submissions)["reports"]} == {
        "submissions/cd-a/2017.yaml": True, "submissions/cd-b/2017.yaml": False, "submissions/cd-a/2018.yaml": None}

    site = load(root, SiteSettings(), AFTER_2017_FINAL)
    _, page = next(iter(downloads.pages(site)))
    assert isinstance(page, str)
    assert "- **定稿后改动过**：已定稿的年度写“是”或“否”。" in page
    assert "公布的结果以定稿时的为准" in page


def test_a_results_file_without_report_digests_says_not_recorded(tmp_path: Path) -> None:
    """A results file written before finalize recorded the reports' sha256 (the shipped 2017's):
    whether a report changed is not known, and the rows say so rather than 否."""
    root = _tree(tmp_path / "tree")
    _finalize(root)
    path = root / "results" / "2017.json"
    frozen = json.loads(path.read_text("utf-8"))
    del frozen["report_sha256"]
    path.write_text(json.dumps(frozen, ensure_ascii=False), "utf-8")
    published = _published(root)
    assert {k: v[1] for k, v in _marks(published)[1].items()} == {
        ("2017", "cd-a"): "不详", ("2017", "cd-b"): "不详", ("2018", "cd-a"): ""}
    submissions = published["submissions.json"]
    assert isinstance(submissions, str)
    assert all(r["changed_after_final"] is None for r in json.loads(submissions)["reports"])


def test_a_final_years_area_page_names_the_reports_changed_after_finalize(tmp_path: Path) -> None:
    """The area page of 2017 listed cd-a's event with 36 participants beside its frozen points
    and said nothing: it names the reports changed after finalize, and only those."""
    root = _tree(tmp_path / "tree")
    _finalize(root)
    site = load(root, SiteSettings(), AFTER_2017_FINAL)
    assert "定稿后改动过" not in areas.render(site, 2017, "academic_events")
    report = root / "submissions" / "cd-a" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("participants: 360", "participants: 36"), "utf-8")
    site = load(root, SiteSettings(), AFTER_2017_FINAL)
    page = areas.render(site, 2017, "academic_events")
    notice = page[page.index('!!! danger "部分报告在定稿后改动过"'):].split("\n\n")[0]
    assert "2017 年度的结果已于 2018-02-01 定稿" in notice
    assert 'href="../../../societies/cd-a/2017/"' in notice  # its report page says more
    assert "societies/cd-b" not in notice
    assert "仍是定稿时冻结的结果" in notice
    assert "定稿后改动过" not in areas.render(site, 2018, "academic_events")  # an open year


def test_each_report_file_is_hashed_once_per_build(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The area pages, the downloads and the report page each asked whether a final year's report
    changed after finalize, and each answer hashed the file again (about ten times a report per
    build: 15,000 reads at 1,500 societies). A build asks the file once."""
    from collections import Counter

    from site_builder import context
    from site_builder.generate import generate

    root = _tree(tmp_path / "tree")
    _finalize(root)
    asked: Counter[str] = Counter()
    hashed = context.changed_since_frozen

    def counted(frozen, tree, file):  # type: ignore[no-untyped-def]
        asked[file] += 1
        return hashed(frozen, tree, file)

    monkeypatch.setattr(context, "changed_since_frozen", counted)
    generate(root, tmp_path / "docs", settings=SiteSettings(), date=AFTER_2017_FINAL)
    assert asked
    assert max(asked.values()) == 1, asked
