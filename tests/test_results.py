"""Frozen results: `finalize` writes a final year once; later changes of the rubric leave it alone."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT, profile, write_tree

AFTER_2017_FINAL = "2018-02-01"  # 2017 is final (from 2018-01-26); 2018 is open for submission


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=180, cwd=root,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def finalize_refused_until_accepted(tree: Path) -> tuple[str, str]:
    """finalize 2017 refused for what is pending (exit 2, nothing written), then done with
    --accept-pending: the refusal's stderr and the forced run's stdout."""
    refused = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert refused.returncode == 2, refused.stderr
    assert "--accept-pending" in refused.stderr
    assert not (tree / "results").exists()
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL, "--accept-pending")
    assert done.returncode == 0, done.stderr
    return refused.stderr, done.stdout


def _report(year: int) -> str:
    return f"""
        # 示例数据（虚构）
        society: cd-case
        year: {year}
        major_work:
          - {{id: mw-party-{year}, kind: 党建, title: 党支部建设, date: {year}-07-01, description: 党建}}
        """


def case_tree(tmp_path: Path) -> Path:
    """cd-case's 2017 and 2018 reports over a copy of the shipped 2017 rubric: the tree the
    frozen-results tests finalize and then change."""
    root = write_tree(tmp_path / "tree", {
        "submissions/cd-case/society.yaml": profile("cd-case"),
        "submissions/cd-case/2017.yaml": _report(2017),
        "submissions/cd-case/2018.yaml": _report(2018),
    })
    rubric = root / "validators/rubrics/2017.yaml"
    rubric.parent.mkdir(parents=True)
    rubric.write_bytes((ROOT / "validators/rubrics/2017.yaml").read_bytes())
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return case_tree(tmp_path)


def _content(root: Path, item: str = "mw-party-2017") -> str:
    """The content digest of an item of cd-case's report as the tree holds it: what the workbench
    records beside a verdict (finalize lists verdicts recording none)."""
    from validators.association.reviews import current_contents
    from validators.check import check_tree

    _, repo = check_tree(root)
    return current_contents(repo.reports[("cd-case", int(item[-4:]))].report)[item]


def _totals(root: Path) -> dict[int, float]:
    done = _run(root, "evaluate", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {e["year"]: e["total"] for e in json.loads(done.stdout)["evaluations"]}


def test_finalize_refuses_a_year_that_is_not_final(tree: Path) -> None:
    done = _run(tree, "finalize", "2018", "--date", AFTER_2017_FINAL)
    assert done.returncode == 2
    assert "填报中" in done.stderr
    assert "2018 年度在 2018-02-01" in done.stderr
    assert not (tree / "results").exists()


def test_a_rubric_change_moves_the_open_year_and_not_the_final_one(tree: Path) -> None:
    assert _totals(tree) == {2017: 2, 2018: 2}
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert done.returncode == 0, done.stderr
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    assert frozen["rubric_id"] == "default-2017"
    assert frozen["code_commit"] is None  # not a Git work tree
    assert frozen["sample"] is True  # every society of the tree is sample data
    assert [e["total"] for e in frozen["evaluations"]] == [2]
    rubric = tree / "validators" / "rubrics" / "2017.yaml"
    text = rubric.read_text("utf-8")
    assert "党建: {clause: \"7.3\", points: 2," in text
    rubric.write_text(text.replace("党建: {clause: \"7.3\", points: 2,", "党建: {clause: \"7.3\", points: 3,"), "utf-8")
    # 2018 carries 2017's rubric forward: it follows the change; 2017 is frozen.
    assert _totals(tree) == {2017: 2, 2018: 3}
    again = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert again.returncode == 2
    assert "--replace" in again.stderr
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL, "--replace").returncode == 0
    assert _totals(tree) == {2017: 3, 2018: 3}


def test_the_site_shows_the_frozen_numbers_and_what_produced_them(tree: Path, tmp_path: Path) -> None:
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    rubric = tree / "validators" / "rubrics" / "2017.yaml"
    rubric.write_text(rubric.read_text("utf-8").replace(
        "党建: {clause: \"7.3\", points: 2,", "党建: {clause: \"7.3\", points: 4,"), "utf-8")
    docs = tmp_path / "docs"
    generate(tree, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    ranking = (docs / "rankings" / "2017" / "index.md").read_text("utf-8")
    assert "2018-02-01 定稿的结果（<a href=" in ranking
    assert "results/2017.json" in ranking  # the frozen file, linked
    assert "代码提交未记录" in ranking
    # The rubric that produced the frozen numbers, in words; its identifier is for machines.
    # Named exactly as its file titles it, linked to where its statement says what 默认 means.
    assert '《<a href="../../rubric/#rubric-2017">2017年度学会重点工作评估细则（默认）</a>》' in ranking
    assert "default" not in ranking.replace("（默认）", "")
    evaluations = json.loads((docs / "downloads" / "evaluations.json").read_text("utf-8"))["evaluations"]
    assert {e["year"]: e["total"] for e in evaluations} == {2017: 2, 2018: 4}


def _git(tree: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(tree), *args], capture_output=True, text=True, check=True,
                          env={"PATH": "/usr/bin:/bin", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "HOME": str(tree)}).stdout.strip()


def test_finalize_records_the_commit_and_refuses_uncommitted_changes(tree: Path) -> None:
    def git(*args: str) -> str:
        return _git(tree, *args)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "data")
    (tree / "submissions" / "cd-case" / "2017.yaml").write_text(_report(2017) + "# changed\n", "utf-8")
    refused = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert refused.returncode == 2
    assert "未提交的改动" in refused.stderr
    git("checkout", "--", ".")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    assert frozen["code_commit"] == git("rev-parse", "HEAD")


def test_finalize_refuses_while_the_years_reviews_have_errors(tree: Path) -> None:
    write_tree(tree, {"reviews/2017/cd-case.yaml": """
        society: cd-case
        year: 2017
        items:
          - {item: mw-party-2017, status: 不予认定, reviewer: cast-staff, date: 2018-01-02}
        """})
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert done.returncode == 1
    assert "E-REVIEW-REASON-REQUIRED" in done.stderr
    assert not (tree / "results").exists()


@pytest.mark.parametrize("content", ['{"year": 2017,\n "evaluations": [}\n', "[]", '{"year": 2018}'])
def test_a_broken_results_file_is_a_finding_and_the_year_is_computed(tree: Path, content: str) -> None:
    (tree / "results").mkdir()
    (tree / "results" / "2017.json").write_text(content, "utf-8")
    (tree / "results" / "notes.txt").write_text("x", "utf-8")
    check = _run(tree, "check", "--format", "json")
    assert check.returncode == 1
    folder = _run(tree, "check", "results", "--format", "json")
    assert {f["file"] for f in json.loads(folder.stdout)["findings"]} == {"results/2017.json", "results/notes.txt"}
    found = {(f["file"], f["code"]) for f in json.loads(check.stdout)["findings"]}
    assert found == {("results/2017.json", "E-RESULTS-INVALID"), ("results/notes.txt", "E-RESULTS-INVALID")}
    lines = {f["line"] for f in json.loads(check.stdout)["findings"] if f["file"] == "results/2017.json"}
    assert lines == ({2} if content.startswith('{"year": 2017,') else {1})
    done = _run(tree, "evaluate", "--format", "json")
    assert done.returncode == 0
    assert "results/2017.json" in done.stderr
    assert "Traceback" not in done.stderr
    assert {e["year"] for e in json.loads(done.stdout)["evaluations"]} == {2017, 2018}


def test_finalize_refuses_a_date_after_today(tree: Path) -> None:
    """`--date` set ahead froze a year still on notice: the pages then said 公示中 beside the
    frozen results. A finalize date is today or a day gone by."""
    import datetime as dt

    from validators.year.cycle import today

    ahead = (today() + dt.timedelta(days=1)).isoformat()
    done = _run(tree, "finalize", "2017", "--date", ahead)
    assert done.returncode == 2
    assert f"定稿日期 {ahead} 晚于今天" in done.stderr
    assert not (tree / "results").exists()


def test_finalize_lists_what_the_verification_left_and_freezes_it_only_when_told(tree: Path) -> None:
    """An item still 待补充材料 and a society nobody reviewed were frozen at 0 with only
    "N 份评估写入" said: they are listed per society, and finalize needs --accept-pending."""
    write_tree(tree, {
        "submissions/cd-other/society.yaml": profile("cd-other"),
        "submissions/cd-other/2017.yaml": _report(2017).replace("cd-case", "cd-other"),
        "reviews/2017/cd-case.yaml": """
            society: cd-case
            year: 2017
            items:
              - {item: mw-party-2017, status: 待补充材料, reason: 请补充会议记录, reviewer: cast-staff, date: 2018-01-02}
            """})
    refused, done = finalize_refused_until_accepted(tree)
    assert "2017 年度的核查还没有完成" in refused
    assert "（cd-case）：待补充材料 1 项：“党支部建设”（mw-party-2017，2018-01-02：请补充会议记录）" in refused
    assert "（cd-other）：未开始核查，1 项没有任何结论" in refused
    assert "以下项目记 0 分" in done
    assert "（cd-other）：未开始核查" in done
    assert {e["society"]: e["total"] for e in json.loads(
        (tree / "results" / "2017.json").read_text("utf-8"))["evaluations"]} == {"cd-case": 0, "cd-other": 0}


def test_finalize_lists_the_objections_still_open_and_freezes_only_when_told(tree: Path) -> None:
    """An objection still 受理中 in reviews/<year>/objections.yaml was frozen past in silence: it
    is listed (society, objection id, subject) with the unfinished verification, and finalize
    needs --accept-pending; an answered one is not listed."""
    write_tree(tree, {
        "reviews/2017/cd-case.yaml": f"""
            society: cd-case
            year: 2017
            items:
              - {{item: mw-party-2017, status: 已核实, reviewer: cast-staff, date: 2018-01-02, content: {_content(tree)}}}
            """,
        "reviews/2017/objections.yaml": """
            year: 2017
            objections:
              - {id: obj-2017-01, society: cd-case, filed: 2018-01-10, subject: 党建活动的日期有误, status: 受理中}
              - {id: obj-2017-02, society: cd-case, filed: 2018-01-11, subject: 已答复的一条, status: 已答复,
                 answer: 已核实无误, answered: 2018-01-15}
            """})
    refused, done = finalize_refused_until_accepted(tree)
    assert "2017 年度还有 1 条异议仍是“受理中”" in refused
    assert "（cd-case）：异议 obj-2017-01（受理中）：党建活动的日期有误" in refused
    assert "obj-2017-02" not in refused
    assert "核查还没有完成" not in refused
    assert "请先答复异议再定稿" in refused
    assert "以下异议定稿时仍在受理中" in done
    assert "obj-2017-01" in done


def test_a_report_changed_after_finalize_is_said_on_its_page_and_its_errors_cost_nothing(
        tree: Path, tmp_path: Path) -> None:
    """After finalize an admin edited a report (participants 230 → 30): its page showed the new
    figure, its error and "有错误的项目不计分" beside the frozen line of 230. Finalize records each
    report's sha256; the page of a changed one says so on top and leaves the frozen score alone."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    assert frozen["report_sha256"] == {"submissions/cd-case/2017.yaml": hashlib.sha256(report.read_bytes()).hexdigest()}
    page = tmp_path / "docs" / "societies" / "cd-case" / "2017" / "index.md"
    settings = SiteSettings(repo_url="https://github.com/example/r")
    generate(tree, tmp_path / "docs", settings=settings, date=AFTER_2017_FINAL)
    assert "定稿后改动过" not in page.read_text("utf-8")
    report.write_text(_report(2017).replace("date: 2017-07-01", "date: 2019-07-01"), "utf-8")  # now an error
    generate(tree, tmp_path / "docs", settings=settings, date=AFTER_2017_FINAL)
    text = page.read_text("utf-8")
    notice = text.index('!!! danger "本报告在定稿后改动过"')
    assert notice < text.index('class="sb-score"')  # on top, before the score
    assert "仍是定稿时冻结的结果" in text
    assert "其中的错误不影响定稿的得分" in text
    assert "本报告有错误" not in text  # the current error costs the frozen score nothing
    assert "审核提示（当前文件）" in text
    assert "总分 <strong>2</strong> 分" in text
    # A results file from before the digests (results/2017.json of the repository) says nothing.
    assert "report_sha256" not in (ROOT / "results" / "2017.json").read_text("utf-8")
    # With such a file whether the report changed is not known, but the banner does not say its
    # errors score 0 beside a frozen score (a staff reviewer's case on the sample's 2017).
    del frozen["report_sha256"]
    (tree / "results" / "2017.json").write_text(json.dumps(frozen, ensure_ascii=False), "utf-8")
    generate(tree, tmp_path / "docs", settings=settings, date=AFTER_2017_FINAL)
    text = page.read_text("utf-8")
    assert "定稿后改动过" not in text
    assert "本报告有错误" in text
    assert "有错误的项目不计分" not in text
    assert "定稿：下面的总分、档次和评估明细是定稿时冻结的结果" in text
    assert "总分 <strong>2</strong> 分" in text


def test_a_final_years_findings_say_they_are_todays_checks_beside_the_frozen_counts(tmp_path: Path) -> None:
    """The sample's 2017 food-science report: a check added after 2017 was frozen warns that an
    event named after 7.5's 重大活动 belongs under 七, beside its frozen point under 5.5 and the
    ranking's 0 warnings. The page says whose findings these are and what was frozen."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate
    from validators.evaluation.results import read_frozen

    frozen, _ = read_frozen(ROOT / "results" / "2017.json", ROOT)
    assert frozen is not None
    [food] = [e for e in frozen.evaluations if e.society == "cd-food-sci"]
    generate(ROOT, tmp_path / "docs", settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    text = (tmp_path / "docs" / "societies" / "cd-food-sci" / "2017" / "index.md").read_text("utf-8")
    findings = text[text.index("## 审核提示"):]
    said = (f"定稿时本报告有 {food.errors} 个错误、{food.warnings} 个警告（排名页的备注即此数）。"
            "下面的提示是现行的检查对仓库中现在的报告文件给出的")
    assert said in findings.split("<table")[0]  # between the heading and the table
    assert "活动名称中的「全国双创活动周」" in findings
    ranking = html.unescape((tmp_path / "docs" / "rankings" / "2017" / "index.md").read_text("utf-8"))
    row = next(r for r in ranking.split("<tr>") if "成都市食品科学技术协会" in r)
    assert f"{food.errors} 个错误，{food.warnings} 个警告" in row.replace("\u00a0", " ")  # count and word kept together


def test_a_final_years_row_whose_report_was_removed_links_to_no_missing_page(tmp_path: Path) -> None:
    """An administrator removed a society after 2017 was frozen: its ranking row stayed, as
    frozen, linking to a report page no longer written (the link check failed the publish)."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate
    from tests.trees import base_tree

    root = base_tree(tmp_path / "tree")
    shutil.rmtree(root / "submissions" / "cd-fintech")
    # The review file left behind is told what happened, not to check that the report was filed.
    from validators.check import check_tree

    result, _ = check_tree(root)
    [left] = [f for f in result.findings if f.file == "reviews/2017/cd-fintech.yaml"]
    assert left.code == "E-REVIEW-NO-REPORT"
    assert left.message.startswith("2017 年度已定稿，学会 cd-fintech 的 2017 年度报告"), left.message
    assert "请一并删除它，或恢复报告" in left.message
    (root / "reviews" / "2017" / "cd-fintech.yaml").unlink()
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    ranking = (docs / "rankings" / "2017" / "index.md").read_text("utf-8")
    assert "cd-fintech（报告已删除）" in html.unescape(ranking)
    assert "societies/cd-fintech/" not in ranking
    assert not (docs / "societies" / "cd-fintech").exists()
    # A report that now names another year has no page either: said so, with its name kept.
    report = root / "submissions" / "cd-tcm" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("year: 2017", "year: 2016", 1), "utf-8")
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    ranking = html.unescape((docs / "rankings" / "2017" / "index.md").read_text("utf-8"))
    assert "成都市中医药学会（示例）（报告文件现在有误）" in ranking
    assert "societies/cd-tcm/2017/" not in ranking
    # And one that no longer reads at all.
    (root / "submissions" / "cd-agri" / "2017.yaml").write_text("society: [cd-agri\n", "utf-8")
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    ranking = html.unescape((docs / "rankings" / "2017" / "index.md").read_text("utf-8"))
    assert "成都市农学会（示例）（报告文件现在有误）" in ranking


def test_a_report_the_frozen_results_do_not_hold_is_said_filed_after_finalize(tmp_path: Path) -> None:
    """The status page listed a report filed after 2017 was frozen as 未开始 (verification not
    started) under a note that nothing is verified any more."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate
    from tests.trees import base_tree

    root = base_tree(tmp_path / "tree")
    frozen = root / "results" / "2017.json"
    data = json.loads(frozen.read_text("utf-8"))
    data["evaluations"] = [e for e in data["evaluations"] if e["society"] != "cd-agri"]
    frozen.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    status = html.unescape((docs / "status" / "2017" / "index.md").read_text("utf-8"))
    row = next(r for r in status.split("<tr>") if "成都市农学会" in r)
    assert "定稿结果中没有这份报告，不参加本年度评估" in row
    assert row.rstrip().endswith('<td data-sort="-1">—</td></tr>'), row  # no verification progress
    assert "未开始" not in row
    other = next(r for r in status.split("<tr>") if "成都市中医药学会" in r)
    assert "定稿结果中没有" not in other
    # Nor is it counted among the reports whose verification has not started.
    counts = next(line for line in status.splitlines() if "核查进度：" in line)
    assert "未开始 <strong>0</strong> 个" in counts, counts
    counted = [int(n) for n in re.findall(r"<strong>(\d+)</strong> 个", counts)]
    assert sum(counted) == len(data["evaluations"]), counts  # the frozen reports, the late one not among them


def test_a_results_file_without_digests_is_read_and_written_as_it_was(tmp_path: Path) -> None:
    from validators.evaluation.results import changed_since_frozen, read_frozen, write_frozen

    shipped = ROOT / "results" / "2017.json"
    frozen, found = read_frozen(shipped, ROOT)
    assert frozen is not None
    assert not found
    assert frozen.report_sha256 is None
    assert frozen.association_warnings is None  # its 备注 counts every warning, as published
    assert not any(e.association_warnings for e in frozen.evaluations)
    assert changed_since_frozen(frozen, ROOT, "submissions/cd-computer/2017.yaml") is None
    assert write_frozen(tmp_path, frozen).read_bytes() == shipped.read_bytes()


# Its printed words (data-at, print.css) may follow its accessible name.
_SOURCE_LINK = re.compile(r'<a href="([^"]+)" class="sb-src" title="([^"]+)" aria-label="原文：[^"]+"[^>]*>原文</a>')


def _lines_links(page: str) -> list[tuple[str, str]]:
    """The “原文” links of a report page's 评估明细 (href, tooltip)."""
    return _SOURCE_LINK.findall(page[page.index("## 评估明细"):])


def test_a_final_years_lines_link_to_the_files_as_they_were_frozen(tree: Path, tmp_path: Path) -> None:
    """Each 原文 link of a final year's 评估明细 gave the frozen line number on the branch: after a
    comment was added on top of the report, #L5 landed on the line above the item scored. They
    link to the file at the commit the results were frozen from, where that line is the item's."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "data")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    commit = json.loads((tree / "results" / "2017.json").read_text("utf-8"))["code_commit"]
    assert commit == _git(tree, "rev-parse", "HEAD")
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    frozen_text = report.read_text("utf-8")
    report.write_text("# 定稿后加的注释\n" + frozen_text, "utf-8")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "after finalize")
    docs = tmp_path / "docs"
    generate(tree, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    page = (docs / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8")
    (href, hint), = _lines_links(page)
    prefix = f"https://github.com/example/r/blob/{commit}/submissions/cd-case/2017.yaml#L"
    assert href.startswith(prefix), href
    line = int(href[len(prefix):])
    assert "mw-party-2017" in frozen_text.splitlines()[line - 1]  # the item, in the file then
    assert "mw-party-2017" not in report.read_text("utf-8").splitlines()[line - 1]  # today's moved
    assert f"提交 {commit[:12]} 中的文件" in hint
    # The report's own items (the current file) still link to the branch.
    assert f"blob/main/submissions/cd-case/2017.yaml#L{line + 1}" in page


def test_a_final_year_without_a_recorded_commit_links_its_lines_to_the_branch(tree: Path, tmp_path: Path) -> None:
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0  # not a Git tree
    assert json.loads((tree / "results" / "2017.json").read_text("utf-8"))["code_commit"] is None
    docs = tmp_path / "docs"
    generate(tree, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    (href, hint), = _lines_links((docs / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8"))
    assert href.startswith("https://github.com/example/r/blob/main/submissions/cd-case/2017.yaml#L"), href
    assert "提交" not in hint


def _verified(tree: Path) -> str:
    return f"""
    society: cd-case
    year: 2017
    rest: {{status: 已核实, reviewer: cast-staff, date: 2018-01-04, contents: [{_content(tree)}]}}
    """

_REFUSED = """
    society: cd-case
    year: 2017
    items:
      - {item: mw-party-2017, status: 不予认定, reason: 定稿后补记：无法核实, reviewer: cast-staff, date: 2018-01-05}
    rest: {status: 已核实, reviewer: cast-staff, date: 2018-01-04}
    """


def _generated(tree: Path, docs: Path) -> tuple[str, dict[str, object]]:
    """The report page of cd-case 2017 and the read-only workbench's frozen result of it."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    generate(tree, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=AFTER_2017_FINAL)
    page = html.unescape((docs / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8"))
    case = json.loads((docs / "review" / "cases" / "2017" / "cd-case.json").read_text("utf-8"))
    return page, case["final"]


def test_a_verdict_changed_after_finalize_is_said_and_the_frozen_result_stands(tree: Path, tmp_path: Path) -> None:
    """After finalize an admin added 不予认定 for an item to the review file: the report page
    counted the item (frozen, rightly) without a word, and the read-only workbench showed the
    file's 不予认定 beside the frozen points. Finalize records each review file's sha256; both
    pages now say the record changed after finalize and that the frozen result stands."""
    write_tree(tree, {"reviews/2017/cd-case.yaml": _verified(tree)})
    review = tree / "reviews" / "2017" / "cd-case.yaml"
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    assert frozen["review_sha256"] == {"reviews/2017/cd-case.yaml": hashlib.sha256(review.read_bytes()).hexdigest()}
    page, final = _generated(tree, tmp_path / "before")
    assert "核查记录在定稿后改动过" not in page
    assert final["review_notice"] is None
    write_tree(tree, {"reviews/2017/cd-case.yaml": _REFUSED})
    page, final = _generated(tree, tmp_path / "after")
    notice = page.index('!!! danger "核查记录在定稿后改动过"')
    assert notice < page.index('class="sb-score"')  # on top, before the score
    assert "核查记录 <code>reviews/2017/cd-case.yaml</code> 又被改动" in page
    assert "此后给出、改动或撤回的结论（如新的“不予认定”）都不计入" in page
    assert "总分 <strong>2</strong> 分" in page  # the frozen score, the item counted
    assert isinstance(final["review_notice"], str)
    assert "核查记录在定稿后改动过" in final["review_notice"]
    assert "定稿结果不变" in final["review_notice"]
    assert final["total"] == 2


def test_a_review_file_made_after_finalize_is_said_too(tree: Path, tmp_path: Path) -> None:
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    assert json.loads((tree / "results" / "2017.json").read_text("utf-8"))["review_sha256"] == {}
    page, final = _generated(tree, tmp_path / "before")
    assert "核查记录在定稿后改动过" not in page
    write_tree(tree, {"reviews/2017/cd-case.yaml": _REFUSED})
    page, final = _generated(tree, tmp_path / "after")
    assert "核查记录 <code>reviews/2017/cd-case.yaml</code> 是定稿后才新建的" in page
    assert final["review_notice"] is not None


def _pending(tree: Path) -> str:
    """cd-case 2017's review: its one item waits for material, bound to its content now."""
    return f"""
    society: cd-case
    year: 2017
    items:
      - {{item: mw-party-2017, status: 待补充材料, reason: 请补充会议记录, reviewer: cast-staff, date: 2018-01-02,
          content: {_content(tree)}}}
    """


def test_an_item_still_waiting_at_finalize_stays_said_after_the_report_changes(tree: Path, tmp_path: Path) -> None:
    """Finalized with an item still 待补充材料, then the report edited: the report page dropped its
    "定稿时仍待补充材料" note (it counted the request as outgrown, as in an open year), while the
    status page, reading the year as final, still counted it. Both read it as a finalized year."""
    write_tree(tree, {"reviews/2017/cd-case.yaml": _pending(tree)})
    finalize_refused_until_accepted(tree)
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("description: 党建", "description: 党建活动"), "utf-8")
    page, _ = _generated(tree, tmp_path / "docs")
    assert '!!! danger "本报告在定稿后改动过"' in page
    assert '!!! warning "定稿时仍待补充材料：1 项"' in page
    assert "**党支部建设**（市科协 2018-01-02 提出）：请补充会议记录" in page
    status = html.unescape((tmp_path / "docs" / "status" / "2017" / "index.md").read_text("utf-8"))
    assert "部分核查（定稿后报告有改动，定稿结果不变），待补充材料 1 项" in status


def test_a_verdict_given_after_finalize_is_noted_on_the_status_page_and_in_the_workbench(
        tree: Path, tmp_path: Path) -> None:
    """Finalized with an item 待补充材料 (frozen at 0), then the review file changed to 已核实: the
    status page said 核查完毕 under "公布的是定稿时冻结的结果" with no word of it. Like a report
    changed after finalize, the review file is compared with the sha256 finalize recorded, and
    the status page, the workbench's list and the report page say it changed and the result stands."""
    write_tree(tree, {"reviews/2017/cd-case.yaml": _pending(tree)})
    finalize_refused_until_accepted(tree)
    docs = tmp_path / "docs"
    _generated(tree, docs)
    status = docs / "status" / "2017" / "index.md"
    assert "核查记录在定稿后改动过" not in status.read_text("utf-8")
    review = tree / "reviews" / "2017" / "cd-case.yaml"
    review.write_text(review.read_text("utf-8").replace("status: 待补充材料, reason: 请补充会议记录", "status: 已核实"), "utf-8")
    page, final = _generated(tree, docs)
    said = "核查完毕（核查记录在定稿后改动过，定稿结果不变）"
    text = html.unescape(status.read_text("utf-8"))
    assert said in text
    assert "公布的是定稿时冻结的结果；1 份报告的核查记录在定稿后改动过，定稿结果不变，不再核查。" in text
    config = json.loads((docs / "review" / "config.json").read_text("utf-8"))
    [year] = [y for y in config["years"] if y["year"] == 2017]
    assert [s["state"] for s in year["societies"]] == [said]
    assert '!!! danger "核查记录在定稿后改动过"' in page
    assert "核查记录在定稿后改动过" in final["review_notice"]
    assert final["total"] == 0  # the frozen result: the item unverified


def test_results_written_before_review_digests_say_nothing_of_the_reviews(tmp_path: Path) -> None:
    """The shipped results/2017.json has no review_sha256: read and written as it was, and its
    review files are not said to have changed (there is nothing to compare)."""
    from validators.evaluation.results import read_frozen, review_changed_since_frozen, write_frozen

    shipped = ROOT / "results" / "2017.json"
    assert "review_sha256" not in shipped.read_text("utf-8")
    frozen, _ = read_frozen(shipped, ROOT)
    assert frozen is not None
    assert frozen.review_sha256 is None
    assert review_changed_since_frozen(frozen, ROOT, "cd-hitech-park") is None
    assert write_frozen(tmp_path, frozen).read_bytes() == shipped.read_bytes()


def test_a_rubric_file_changed_after_finalize_is_said_on_the_rubric_page(tree: Path, tmp_path: Path) -> None:
    """An admin edited a final year's rubric file past the gate (党建 2 → 9): the rubric page
    showed the new points with no word that the frozen results were computed with others, and
    rubric_sha256 (the rubric as parsed) could not tell, since it moves with the code too.
    finalize records the sha256 of the rubric files' bytes; the page says the file changed and
    links to it at the finalize commit."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "data")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    commit = frozen["code_commit"]
    rubric = tree / "validators" / "rubrics" / "2017.yaml"
    assert frozen["rubric_file_sha256"] == {"validators/rubrics/2017.yaml": hashlib.sha256(rubric.read_bytes()).hexdigest()}
    settings = SiteSettings(repo_url="https://github.com/example/r")
    page = tmp_path / "before" / "rubric" / "index.md"
    generate(tree, tmp_path / "before", settings=settings, date=AFTER_2017_FINAL)
    assert "评估细则文件在定稿后改动过" not in page.read_text("utf-8")
    report_before = html.unescape((tmp_path / "before" / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8"))
    assert "档次：<strong>未入档</strong>（总分低于三档的 35 分" in report_before
    rubric.write_text(rubric.read_text("utf-8").replace(
        "党建: {clause: \"7.3\", points: 2,", "党建: {clause: \"7.3\", points: 9,").replace(
        "{tier: 三档, min_total: 35}", "{tier: 三档, min_total: 1}"), "utf-8")
    page = tmp_path / "after" / "rubric" / "index.md"
    generate(tree, tmp_path / "after", settings=settings, date=AFTER_2017_FINAL)
    # The report page: the frozen tier stands, not explained by the changed file's lines (it
    # said the 2 points were below a 三档 of 1).
    report = html.unescape((tmp_path / "after" / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8"))
    assert '!!! danger "评估细则文件在定稿后改动过"' in report
    assert "档次：<strong>未入档</strong>（定稿时按当时的评估细则评定；" in report
    assert "三档的 1 分" not in report
    text = html.unescape(page.read_text("utf-8"))
    notice = text.index('!!! danger "评估细则文件在定稿后改动过"')
    section = text.index("{#rubric-2017}")
    assert section < notice < text.index("{#rubric-2017-", section)  # in 2017's section, on top
    assert "此后细则文件 <code>validators/rubrics/2017.yaml</code> 又被改动" in text
    assert "仍是按定稿时代码提交中的细则文件计算、冻结的结果" in text
    assert f'<a href="https://github.com/example/r/blob/{commit}/validators/rubrics/2017.yaml">' in text
    assert text.count("评估细则文件在定稿后改动过") == 1  # 2018 carries 2017 forward, but is not final
    assert [e["total"] for e in json.loads((tree / "results" / "2017.json").read_text("utf-8"))["evaluations"]] == [2]


def test_results_written_before_rubric_file_digests_say_nothing_of_the_rubric(tmp_path: Path) -> None:
    """The shipped results/2017.json has no rubric_file_sha256: read and written as it was, and
    its rubric file is not said to have changed (there is nothing to compare)."""
    from validators.evaluation.results import read_frozen, rubric_files_changed, write_frozen

    shipped = ROOT / "results" / "2017.json"
    assert "rubric_file_sha256" not in shipped.read_text("utf-8")
    frozen, _ = read_frozen(shipped, ROOT)
    assert frozen is not None
    assert frozen.rubric_file_sha256 is None
    assert rubric_files_changed(frozen, ROOT) is None
    assert write_frozen(tmp_path, frozen).read_bytes() == shipped.read_bytes()


def test_a_carried_forward_years_rubric_files_are_all_recorded(tree: Path) -> None:
    """2018 carries 2017's rubric forward: both files are what its rubric was read from."""
    from validators.evaluation.results import rubric_file_digests

    digests = rubric_file_digests(tree, 2018)
    assert list(digests) == ["validators/rubrics/2017.yaml", "validators/rubrics/2018.yaml"]
    assert digests["validators/rubrics/2017.yaml"] == hashlib.sha256(
        (tree / "validators" / "rubrics" / "2017.yaml").read_bytes()).hexdigest()
    assert digests["validators/rubrics/2018.yaml"] == hashlib.sha256(
        (ROOT / "validators" / "rubrics" / "2018.yaml").read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [None, "society: [unclosed\n"], ids=["no report", "unreadable report"])
def test_finalize_refuses_a_year_without_a_readable_report(tree: Path, content: str | None) -> None:
    """A year nobody has (readably) reported in is not finalized: 0 evaluations frozen would shut
    the year (its files and every report of it) before anyone submitted."""
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    if content is None:
        report.unlink()
    else:
        report.write_text(content, encoding="utf-8")
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL, "--accept-pending")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "0 份评估" in done.stderr
    assert "冻结" in done.stderr
    assert ("无法读取（cd-case" in done.stderr) == (content is not None)
    assert "Traceback" not in done.stderr
    assert not (tree / "results").exists()


def test_evaluate_says_what_each_years_numbers_are(tree: Path) -> None:
    """The text output names, above each year's numbers, the phase they count by or the frozen
    results, with a header row; `--format json` and csv stay as they were."""
    before = _run(tree, "evaluate", "--society", "cd-case", "--year", "2017")
    assert before.returncode == 0, before.stderr
    assert before.stdout.startswith("2017 年度：按 ")
    # Past the final day but not frozen: the site's words, not 「最终结果」 (tests/test_cycle.py).
    assert before.stdout.splitlines()[0].endswith("所处的阶段计算——公示已结束，结果尚未定稿")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    ranking = _run(tree, "evaluate").stdout.splitlines()
    assert ranking[0] == ("2017 年度：定稿结果（2018-02-01 定稿，results/2017.json；"
                          "此后报告、核查记录和细则的改动不改变它）")
    assert ranking[1] == "年度\t名次\t总分\t档次\t学会（id）\t备注"
    assert ranking[2].startswith("2017\t1\t2\t")
    assert ranking[3].startswith("2018 年度：按 ")
    assert ranking[4] == ranking[1]
    after = _run(tree, "evaluate", "--society", "cd-case", "--year", "2017").stdout
    assert after.startswith("2017 年度：定稿结果（2018-02-01 定稿")
    # The machine formats carry no heading: their contract is unchanged.
    assert [e["year"] for e in json.loads(_run(tree, "evaluate", "--format", "json").stdout)["evaluations"]] == [2017, 2018]
    assert _run(tree, "evaluate", "--format", "csv").stdout.lstrip("\ufeff").startswith("年度,名次,")


def test_a_finalized_years_advice_is_for_later_years_in_evaluate_and_on_the_report_page(tmp_path: Path) -> None:
    """The sample's 2017 is finalized, its 2018 is not: 2017's advice no longer says it adds to
    that year, on the command line and on the report page alike. 2018's says so once its
    submission has closed (the report takes no new item then), and adds to it before."""
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate
    from validators.year.cycle import today
    from validators.year.guideline import guideline

    assert (ROOT / "results" / "2017.json").is_file()
    assert not (ROOT / "results" / "2018.json").exists()
    rules = guideline(2018)
    assert rules is not None
    assert rules.calendar is not None
    closed = rules.calendar.is_closed(today())
    done = _run(ROOT, "evaluate", "--society", "cd-computer")
    assert done.returncode == 0, done.stderr
    final, open_year = done.stdout.split("\n2018 年度：", 1)
    assert "\n  以后年度的建议（条款 1.3，按本年度细则可加 3 分）：" in final
    assert "\n  建议（" not in final
    # 2018's 3 points are clause 1.3's 2 and 1.4's 1, named both (2017's frozen advice keeps its record).
    assert ("\n  以后年度的建议（条款 1.3、1.4，按本年度细则可加 2 + 1 = 3 分）：" in open_year) == closed
    assert ("\n  建议（条款 1.3、1.4，可加 2 + 1 = 3 分）：" in open_year) != closed
    docs = tmp_path / "docs"
    generate(ROOT, docs, settings=SiteSettings(repo_url="https://github.com/example/r"))
    page = (docs / "societies" / "cd-computer" / "2017" / "index.md").read_text("utf-8")
    assert "## 以后年度的建议" in page
    assert "定稿，做到这些也不再改变本年度的得分" in page
    assert "按本年度细则可加 3 分" in page
    for day, later in ((rules.calendar.submission_closes, False), (rules.calendar.notice_starts, True)):
        docs = tmp_path / f"docs-{day}"
        generate(ROOT, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date=day.isoformat())
        page = (docs / "societies" / "cd-computer" / "2018" / "index.md").read_text("utf-8")
        assert ("## 以后年度的建议" in page) == later, day
        assert ("## 改进建议" in page) != later, day
        assert ("报告不能再增加项目，做到这些不再改变本年度的得分" in page) == later, day
        assert ("按本年度细则可加" in page) == later, day


def test_advice_names_each_clause_whose_rule_pays_a_share_of_its_gain() -> None:
    """cd-mech-eng's 2018 advice said “条款 1.3，按本年度细则可加 3 分” beside 评估明细's
    “条款 1.3 … 每项 2 分”: the 3 is 1.3's pilot-district 2 and 1.4's service 1. The clauses and
    their shares come from the lines the what-if copy gained; the records keep their fields."""
    from site_builder import context, report_page
    from site_builder.form_page import SiteSettings
    from validators.evaluation.reports import advice_gain

    site = context.load(ROOT, SiteSettings(repo_url="https://github.com/example/r"), "2026-12-07")
    e = site.evaluation("cd-mech-eng", 2018)
    assert e is not None
    [advice] = e.advice
    paying = {x.rule: (x.clause, x.points) for x in e.lines
              if x.rule in ("pilot_district_service", "consulting_training_service") and x.points > 0}
    assert advice.parts == (paying["pilot_district_service"], paying["consulting_training_service"]) == (("1.3", 2), ("1.4", 1))
    assert sum(p for _, p in advice.parts) == advice.gain == 3
    assert advice_gain(advice.gain, True, advice.parts) == "按本年度细则可加 2 + 1 = 3 分"
    assert advice_gain(advice.gain, True) == "按本年度细则可加 3 分"  # a frozen record: no parts
    assert e.to_dict()["advice"] == [{"clause": "1.3", "message": advice.message, "gain": 3}]
    page = html.unescape(re.sub(r"<[^>]+>", "", report_page.render(site, site.repo.reports["cd-mech-eng", 2018])))
    assert "企业服务（条款\xa01.3、条款\xa01.4，按本年度细则可加 2 + 1 = 3 分）" in page


def test_finalize_refusing_an_empty_year_names_only_that_year_s_own_files(tmp_path: Path) -> None:
    """A year made by mistake is deleted, not finalized: the refusal names the files to delete,
    and a year that reads an earlier year's text (carried forward) has none of its own to name;
    the earlier text must stay."""
    root = write_tree(tmp_path / "tree", {"submissions/cd-case/society.yaml": profile("cd-case"),
                                          "submissions/cd-case/2017.yaml": _report(2017)})
    assert _run(root, "new-year", "2019").returncode == 0
    (root / "validators" / "guidelines" / "2019.txt").unlink()  # 2019 now reads 2017's text
    done = _run(root, "finalize", "2019", "--date", "2020-03-01")
    assert done.returncode == 2, done.stdout + done.stderr
    named = done.stderr.split("请删除它们（", 1)[1].split("）", 1)[0]
    assert named == "validators/guidelines/2019.yaml、validators/rubrics/2019.yaml"
    assert not (root / "results").exists()


def test_a_finalized_years_notes_keep_the_words_they_were_frozen_with() -> None:
    """The expert marks' note now says 按 0.5 分四舍五入 where it said 取整: the frozen
    results/2017.json keeps the words it was finalized with, and its evaluation, read back, says
    them unchanged (no later change rewrites a finalized year)."""
    frozen = (ROOT / "results" / "2017.json").read_text("utf-8")
    assert "按 0.5 分取整为" in frozen
    assert "四舍五入" not in frozen
    done = subprocess.run([sys.executable, "-m", "validators", "evaluate", "--year", "2017", "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.count("按 0.5 分取整为") == frozen.count("按 0.5 分取整为")
    assert "四舍五入" not in done.stdout


def test_a_finalized_years_count_note_keeps_its_frozen_words() -> None:
    """The note of an item past a rule's `max_count` now says the order the count was filled in
    (本规则最多计 6 项，按日期先后已计满): the frozen results/2017.json keeps 「已达本规则上限 6 项，
    不再计分」, and evaluate of 2017, read back from it, says those words unchanged."""
    frozen = (ROOT / "results" / "2017.json").read_text("utf-8")
    assert frozen.count("已达本规则上限 6 项，不再计分") == 1
    assert "已计满" not in frozen
    done = subprocess.run([sys.executable, "-m", "validators", "evaluate", "--year", "2017", "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.count("已达本规则上限 6 项，不再计分") == 1
    assert "已计满" not in done.stdout


def test_a_report_filed_after_finalize_is_said_to_be_outside_the_results(tree: Path, tmp_path: Path) -> None:
    """A society's report added to a year already final: the page said 本年度没有评估细则, which is
    false (the year has a rubric); it is outside the frozen results, filed after them."""
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    write_tree(tree, {"submissions/cd-late/society.yaml": profile("cd-late"),
                      "submissions/cd-late/2017.yaml": _report(2017).replace("cd-case", "cd-late")})
    _generated(tree, tmp_path / "docs")
    page = html.unescape((tmp_path / "docs" / "societies" / "cd-late" / "2017" / "index.md").read_text("utf-8"))
    assert "本年度没有评估细则" not in page
    assert f"2017 年度的结果已于 {AFTER_2017_FINAL} 定稿，定稿结果中没有这份报告（定稿之后才提交）" in page


def test_finalize_replace_writes_no_folder_or_link_in_place_of_the_results_file(tree: Path, tmp_path: Path) -> None:
    """--replace wrote through a symbolic link at results/<year>.json (to a file anywhere) and
    failed on a folder there with an internal error; each is refused in Chinese, left as it was."""
    results = tree / "results"
    results.mkdir(exist_ok=True)
    outside = tmp_path / "outside.json"
    outside.write_text("kept", "utf-8")
    (results / "2017.json").symlink_to(outside)
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL, "--replace", "--accept-pending")
    assert done.returncode == 2, done.stderr
    assert "是一个符号链接，不是普通文件" in done.stderr
    assert "Traceback" not in done.stderr
    assert outside.read_text("utf-8") == "kept"
    assert (results / "2017.json").is_symlink()
    (results / "2017.json").unlink()
    (results / "2017.json").mkdir()
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL, "--replace", "--accept-pending")
    assert done.returncode == 2, done.stderr
    assert "是一个文件夹，不是普通文件" in done.stderr
    assert "内部错误" not in done.stderr
    assert (results / "2017.json").is_dir()


def test_a_finalized_years_lines_say_what_an_item_was_at_the_end(tree: Path, tmp_path: Path) -> None:
    """Finalized with one item still 待补充材料 and one never verified: the frozen lines said
    “待补充材料，补充并核实前不计分” and “待核实：市科协尚未核实本项”, words of a year still
    waiting, on a page whose box says nothing can be supplied any more. The results keep the
    end's words, and the page's 得分 cell reads them."""
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8") + (
        "  - {id: mw-forum-2017, kind: 党建, title: 党员学习会, date: 2017-08-01, description: 学习}\n"), "utf-8")
    write_tree(tree, {"reviews/2017/cd-case.yaml": _pending(tree)})
    finalize_refused_until_accepted(tree)
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    [evaluation] = [e for e in frozen["evaluations"] if e["society"] == "cd-case"]
    notes = {x["item_id"]: x["note"] for x in evaluation["lines"] if x["points"] == 0 and x["item_id"]}
    assert notes["mw-party-2017"].startswith("定稿时仍待补充材料，不计分（市科协 2018-01-02 提出）：请补充会议记录")
    assert notes["mw-forum-2017"] == "定稿时未核实：市科协未核实本项，不计分"
    assert not any("补充并核实前" in n or n.startswith("待核实") for n in notes.values())
    page, _ = _generated(tree, tmp_path / "docs")
    assert "0（定稿时未核实）" in re.sub(r"<[^>]+>", "", page)
    assert "0（定稿时仍待补充材料）" in re.sub(r"<[^>]+>", "", page)
    assert "0（待补充材料）" not in re.sub(r"<[^>]+>", "", page)
    rankings = (tmp_path / "docs" / "rankings" / "2017" / "index.md").read_text("utf-8")
    assert "定稿时仍待补充材料 1 项" in rankings.replace("\u00a0", " ")  # kept together on a phone


def test_a_request_answered_after_finalize_keeps_the_frozen_box(tree: Path, tmp_path: Path) -> None:
    """Finalized with an item still 待补充材料, then its verdict changed to 已核实: the page's
    “定稿时仍待补充材料” box vanished (it listed the current record's requests), while the item
    still read 0（待补充材料） and the rankings counted it. The box keeps the frozen lines' items;
    a sentence says what the current record holds, which the results do not follow."""
    write_tree(tree, {"reviews/2017/cd-case.yaml": _pending(tree)})
    finalize_refused_until_accepted(tree)
    review = tree / "reviews" / "2017" / "cd-case.yaml"
    review.write_text(review.read_text("utf-8").replace("status: 待补充材料, reason: 请补充会议记录, ",
                                                        "status: 已核实, "), "utf-8")
    assert "已核实" in review.read_text("utf-8")
    page, _ = _generated(tree, tmp_path / "docs")
    assert '!!! danger "核查记录在定稿后改动过"' in page
    assert '!!! warning "定稿时仍待补充材料：1 项"' in page
    box = page.split('!!! warning "定稿时仍待补充材料：1 项"', 1)[1]
    assert '<span id="why-mw-party-2017"></span>**党支部建设**：定稿时仍待补充材料，不计分（市科协 2018-01-02 提出）：请补充会议记录' in box
    assert "定稿后改动过的当前核查记录中，待补充材料的项目一项也没有；定稿的结果按定稿时的核查记录计算，不因此改变。" in box


def test_a_finalized_year_leaves_out_the_warnings_its_remarks_left_out_before(tmp_path: Path) -> None:
    """The public 备注 leaves out a warning that waits on the association (a 2017 pilot claim while
    the year's pilot list is empty). The count is no field of an evaluation record, so a finalized
    year's frozen 备注 counted it again (“1 个警告”): `finalize` records it beside them
    (`association_warnings`) and the frozen 备注 is the one shown before finalize."""
    from site_builder import context, rankings
    from site_builder.form_page import SiteSettings
    from site_builder.remarks import remark
    from validators.evaluation.reports import findings_note

    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tests/data/fidelity/pilot-list-unpublished/submissions", tree / "submissions")

    def said(final: bool) -> tuple[str, str]:
        site = context.load(tree, SiteSettings(repo_url="https://github.com/example/r"), AFTER_2017_FINAL)
        assert (2017 in site.frozen) == final
        e = site.evaluation("cd-claim", 2017)
        assert e is not None
        return remark(site, 2017, "cd-claim", findings_note(e)), rankings.explanation(site, 2017)

    before, explained = said(final=False)
    assert before == "0 个错误，0 个警告"
    waiting = "（警告只计报告本身的问题，不计等待市科协的提示：市科协尚未公布本年度首批承能试点学会名单）"
    assert waiting in explained
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert done.returncode == 0, done.stderr
    after, explained = said(final=True)
    assert after == before
    assert waiting in explained
    frozen = json.loads((tree / "results" / "2017.json").read_text("utf-8"))
    assert frozen["association_warnings"] == {"cd-claim": 1}
    [record] = frozen["evaluations"]
    assert record["warnings"] == 1  # the check's count, as every results file holds it
    assert "association_warnings" not in record
    text = _run(tree, "evaluate").stdout
    assert "0 个错误，0 个警告" in text
    assert "1 个警告" not in text
    # The report page of the frozen year counts as the 备注 does, and says what it left out.
    from site_builder import report_page

    site = context.load(tree, SiteSettings(repo_url="https://github.com/example/r"), AFTER_2017_FINAL)
    page = report_page.render(site, site.repo.reports[("cd-claim", 2017)])
    assert ("定稿时本报告有 0 个错误、0 个警告（排名页的备注即此数；另有 1 个等待市科协或其他学会的提示，"
            "备注不计入）") in page
    assert "1 个警告" not in page


@pytest.mark.parametrize("counts", [{"cd-nobody": 1}, {"cd-computer": 1, "cd-tcm": 1}])
def test_a_results_file_whose_left_out_warnings_are_not_its_evaluations_is_refused(
        tmp_path: Path, counts: dict[str, int]) -> None:
    """`association_warnings` of a society the file does not evaluate, or more than its warnings
    (cd-tcm has none), loaded silently (the count cut to the warnings): no file `finalize` writes
    says either, and such a file is refused as any other changed by hand."""
    from validators.evaluation.results import read_frozen

    data = json.loads((ROOT / "results" / "2017.json").read_text("utf-8"))
    assert {e["society"]: e["warnings"] for e in data["evaluations"]}.keys() >= {"cd-computer", "cd-tcm"}
    path = tmp_path / "results" / "2017.json"
    path.parent.mkdir()
    path.write_text(json.dumps({**data, "association_warnings": {"cd-computer": 1}}), "utf-8")
    frozen, found = read_frozen(path, tmp_path)
    assert not found  # as many as its warnings: read
    assert frozen is not None
    assert {e.society: e.association_warnings for e in frozen.evaluations}["cd-computer"] == 1
    path.write_text(json.dumps({**data, "association_warnings": counts}), "utf-8")
    frozen, found = read_frozen(path, tmp_path)
    assert frozen is None
    assert [(f.file, f.code) for f in found] == [("results/2017.json", "E-RESULTS-INVALID")]


def _pending_policy(monkeypatch: pytest.MonkeyPatch, dropped: str = "", added: str = "") -> None:
    """policy.yaml's remarks.association_pending as a later policy may hold it: without `dropped`'s
    entry, with one for `added` (said as a waiting on other societies)."""
    from validators.evaluation import pending_warnings
    from validators.yaml.policy import PendingWarning, policy

    shipped = policy()
    entries = [p for p in shipped.remarks.association_pending if p.code != dropped]
    if added:
        entries.append(PendingWarning(code=added, waits_on="其他学会", said="后来加上的一类提示"))
    changed = shipped.model_copy(update={"remarks": shipped.remarks.model_copy(update={"association_pending": entries})})
    monkeypatch.setattr(pending_warnings, "policy", lambda: changed)


def _finalized_member_tree(tmp_path: Path) -> Path:
    """cd-zz leads a consortium whose member cd-silent (a profile, no 2017 report; listed twice:
    W-LIST-DUPLICATE) has no report: 2017 finalized, its results recording cd-zz's one warning
    that waits on another society (W-CONSORTIUM-MEMBER-NO-REPORT)."""
    from tests.test_cross_claims import LED

    lead = LED.format(cid="cons-a", role="牵头", members="cd-silent, cd-told, cd-silent", established="2016-05-01")
    told = LED.format(cid="cons-a", role="参与", members="cd-zz", established="2016-05-01")
    tree = write_tree(tmp_path / "tree", {
        "submissions/cd-zz/2017.yaml": "society: cd-zz\nyear: 2017\n" + lead.replace("    established:", "    activities: 4\n    established:"),
        "submissions/cd-told/2017.yaml": "society: cd-told\nyear: 2017\n" + told,
        **{f"submissions/{s}/society.yaml": profile(s) for s in ("cd-zz", "cd-told", "cd-silent")}})
    done = _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL)
    assert done.returncode == 0, done.stderr
    assert json.loads((tree / "results" / "2017.json").read_text("utf-8"))["association_warnings"] == {"cd-zz": 1}
    return tree


def _frozen_page(tree: Path, society: str) -> tuple[str, list[str], str]:
    """A frozen 2017 report page: its paragraph on the findings, its findings' rows as text, and
    the rankings page's sentence on what the 备注 leaves out."""
    from site_builder import context, rankings, report_page
    from site_builder.form_page import SiteSettings

    site = context.load(tree, SiteSettings(repo_url="https://github.com/example/r"), AFTER_2017_FINAL)
    page = report_page.render(site, site.repo.reports[(society, 2017)])
    table = page.split('aria-label="审核提示"', 1)[1].split("</table>", 1)[0]
    rows = [re.sub(r"<[^>]+>", "", html.unescape(r)) for r in table.split("<tr>")[2:]]
    paragraph = page.split("定稿时本报告有", 1)[1].split("</p>", 1)[0]
    said = rankings.explanation(site, 2017)
    return paragraph, rows, said[len("备注列出校验发现的错误和警告"):].split("：", 1)[0]


def test_a_frozen_years_report_page_marks_as_many_warnings_not_counted_as_its_results_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A finalized year's report page marked each warning “不计入…” by today's policy while its
    paragraph gave the count recorded at finalize: a policy that later left out another warning
    (here the duplicate member) marked two where the 备注 left out one. The marks are at most the
    recorded count; the member's warning, which says so itself, is the one."""
    from site_builder.report_page import NOT_COUNTED

    tree = _finalized_member_tree(tmp_path)
    _, rows, _ = _frozen_page(tree, "cd-zz")
    assert [r.split("成员", 1)[0] for r in rows if NOT_COUNTED in r] == ["警告"]
    assert any("重复" in r or "相同" in r for r in rows), rows  # the duplicate warning, counted
    _pending_policy(monkeypatch, added="W-LIST-DUPLICATE")
    paragraph, rows, _ = _frozen_page(tree, "cd-zz")
    assert "另有 1 个等待市科协或其他学会的提示，备注不计入" in paragraph
    assert sum(NOT_COUNTED in r for r in rows) == 1, rows
    assert "没有记录是哪几个" not in paragraph


def test_a_frozen_year_that_recorded_no_count_left_out_shows_no_warning_saying_it_is_left_out(
        tmp_path: Path) -> None:
    """A year finalized before the 备注 left any warning out (its results record no such count,
    as 2017's do) counted every warning; its report page showed the member's warning saying
    “这条警告不计入排名页的备注中的警告数”. There the warning is shown without that sentence."""
    from site_builder.report_page import NOT_COUNTED
    from validators.rules.cross_file_consortia import SAYS_NOT_COUNTED

    tree = _finalized_member_tree(tmp_path)
    results = tree / "results" / "2017.json"
    data = json.loads(results.read_text("utf-8"))
    del data["association_warnings"]
    results.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    _, rows, _ = _frozen_page(tree, "cd-zz")
    [member] = [r for r in rows if "没有提交 2017 年度报告" in r]
    assert "没有提交 2017 年度报告" in member
    assert "市科协允许更正后再由本学会删去。" in member
    assert not any(NOT_COUNTED in r for r in rows), rows
    assert SAYS_NOT_COUNTED.endswith("。")


def test_a_frozen_year_whose_waiting_warning_the_policy_dropped_says_the_count_is_the_recorded_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The policy drops an entry after a year was finalized with it: the report page's paragraph
    still gives the recorded count, and says which of the warnings below it can no longer tell
    (none were marked, without a word); the rankings page named another entry's words (the pilot
    list's, of a year whose reports had no pilot claim) or, with none left, said nothing of the
    recorded count: it says the counts are the recorded ones."""
    from site_builder.report_page import NOT_COUNTED

    tree = _finalized_member_tree(tmp_path)
    _pending_policy(monkeypatch, dropped="W-CONSORTIUM-MEMBER-NO-REPORT")
    paragraph, rows, said = _frozen_page(tree, "cd-zz")
    recorded = "（警告只计报告本身的问题，不计定稿时等待市科协或其他学会的提示，个数按定稿时的记录）"
    assert said == recorded
    assert "另有 1 个等待市科协或其他学会的提示，备注不计入" in paragraph
    assert sum(NOT_COUNTED in r for r in rows) == 1, rows  # the member's warning says so itself
    assert "没有记录是哪几个" not in paragraph
    pilot = tmp_path / "pilot"
    shutil.copytree(ROOT / "tests/data/fidelity/pilot-list-unpublished/submissions", pilot / "submissions")
    assert _run(pilot, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    _pending_policy(monkeypatch, dropped="W-PILOT-NOT-CONFIRMED")
    paragraph, rows, said = _frozen_page(pilot, "cd-claim")
    assert said == recorded
    assert not any(NOT_COUNTED in r for r in rows), rows
    assert "定稿时只记录了备注不计入的提示的个数（1 个），没有记录是哪几个；按现行的规定，下面的提示中一个也认不出。" in paragraph


def test_the_downloads_page_names_no_year_that_recorded_its_count_of_warnings_left_out(tmp_path: Path) -> None:
    """The downloads page said of its last column “定稿时没有记录这一个数的年度，如 2017 年度，…此列为
    0”, a year named in the code: false once 2017 is finalized again (`--replace`) with the count
    recorded. It names the years whose results file has none, and says nothing when there is none."""
    from site_builder import context, downloads
    from site_builder.form_page import SiteSettings

    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tests/data/fidelity/pilot-list-unpublished/submissions", tree / "submissions")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    site = context.load(tree, SiteSettings(repo_url="https://github.com/example/r"), AFTER_2017_FINAL)
    assert site.frozen[2017].association_warnings == {"cd-claim": 1}
    page = str(dict(downloads.pages(site))[downloads.PAGE])
    assert f"- **{downloads.ASSOCIATION_WARNINGS}**：备注中的警告数不计等待市科协或其他学会的提示，此列是这类提示的个数。\n" in page
    assert "定稿时没有记录这一个数的年度" not in page
    assert "如 2017 年度" not in page
    # The count recorded, the column and evaluations.json give it: numbers, none 不详 or null.
    tables = {t.file: t for t in downloads.tables(site)}
    column = [row[-1] for row in tables["evaluations.csv"].rows if row[0] == 2017]
    assert 1 in column, column
    assert all(isinstance(count, int) for count in column), column
    said = {path: content for path, _, content in downloads.files(site)}["evaluations.json"]
    records = json.loads(str(said))["evaluations"]
    assert {e["society"]: e[downloads.ASSOCIATION_WARNINGS_KEY] for e in records if e["year"] == 2017}["cd-claim"] == 1
