"""The sticky comment: Chinese, linked, bounded, and built only from an artifact that passes its models."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.trees import ROOT
from validators.check import check_tree
from validators.cli import main
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import as_json
from validators.github.pr_comment import (
    COMMENT_LIMIT,
    MARKER,
    MAX_ARTIFACT_BYTES,
    ArtifactError,
    CheckIn,
    EvaluationsIn,
    Links,
    build_comment,
    read_artifact,
    units,
)

SHA = "0123456789abcdef0123456789abcdef01234567"
LINKS = Links.build("example-org/society-registry", SHA, None, 42)
FILE = "submissions/cd-mech-eng/2017.yaml"


def finding(**overrides: Any) -> dict[str, Any]:
    base = {"file": FILE, "line": 12, "column": 5, "code": "E-THRESHOLD-PROVINCES",
            "severity": "error", "message": "全国性学术交流须有 6 个及以上外省的科技人员作报告，现为 2 个。",
            "clause": "5.2"}
    return {**base, **overrides}


def evaluation(society: str = "cd-mech-eng", total: float = 40.0, tier: str = "二档",
               **overrides: Any) -> dict[str, Any]:
    base = {"society": society, "year": 2017, "guideline_year": 2017, "rubric": "2017",
            "total": total, "tier": tier,
            "subtotals": {"academic_events": 8.0, "innovation": 12.0},
            "lines": [{"area": "innovation", "clause": "1.1", "item_id": "enterprise_platform_registered",
                       "rule": "platform_registered", "points": 3.0, "note": "已注册", "file": FILE,
                       "line": 6}],
            "advice": [{"clause": "5.2", "message": "再邀请 4 个外省的专家作报告", "gain": 6.0}]}
    return {**base, **overrides}


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def comment_for(tmp_path: Path, check: dict[str, Any], head: dict | None = None,
                base: dict | None = None) -> str:
    result = read_artifact(write(tmp_path, "result.json", check), CheckIn, "检查结果")
    head_in = read_artifact(write(tmp_path, "head.json", head), EvaluationsIn, "评估") if head else None
    base_in = read_artifact(write(tmp_path, "base.json", base), EvaluationsIn, "评估") if base else None
    return build_comment(result, LINKS, head_in, base_in)


def test_chinese_comment_with_line_and_clause_links(tmp_path: Path) -> None:
    text = comment_for(tmp_path, {"files": 1, "findings": [
        finding(), finding(severity="warning", code="W-EXPERTS-RATE", clause="1.2", line=8,
                           message="专家库注册率 20% 未达到 50%")]})
    assert text.startswith(MARKER + "\n")
    assert "需要修改" in text
    assert "1 个错误，1 个警告" in text
    assert (f"(https://github.com/example-org/society-registry/blob/{SHA}/{FILE}#L12)") in text
    assert "[5.2](https://example-org.github.io/society-registry/guideline/2017/#clause-5-2)" in text
    assert "[1.2](https://example-org.github.io/society-registry/guideline/2017/#clause-1-2)" in text
    assert "https://github.com/example-org/society-registry/actions/runs/42" in text
    assert text.index("❌ 错误") < text.index("⚠️ 警告")


def test_a_clause_links_to_the_guideline_of_its_report_s_year(tmp_path: Path) -> None:
    """A report's findings cite its own year's words; a file of no year, the guideline's landing
    page (which lists the years), never another year's clause."""
    site = "https://example-org.github.io/society-registry/guideline/"
    text = comment_for(tmp_path, {"files": 4, "findings": [
        finding(file="submissions/cd-mech-eng/2017.yaml", clause="5.1"),
        finding(file="submissions/cd-mech-eng/2019.yaml", clause="5.2"),
        finding(file="submissions/cd-mech-eng/society.yaml", clause="1.1"),
        finding(file="submissions/cd-mech-eng/evidence/2018/海报.pdf", clause="5.4"),
        finding(file="submissions/cd-mech-eng/2018.YAML", clause="5.3")]})
    links = dict(re.findall(r"\[(\d\.\d)\]\(([^)]*)\)", text))
    assert links == {"5.1": f"{site}2017/#clause-5-1", "5.2": f"{site}2019/#clause-5-2",
                     "1.1": site, "5.4": site, "5.3": site}


def test_passing_comment(tmp_path: Path) -> None:
    text = comment_for(tmp_path, {"files": 3, "findings": []})
    assert "✅ 提交检查通过" in text
    assert "检查了 3 个文件" in text
    assert "| 级别 |" not in text
    # It passes the files' contents only: the other two checks (ownership.yml's jobs, by the
    # names the pull request shows) may still fail, and the comment says so.
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "ownership.yml").read_text("utf-8"))["jobs"]
    for job in jobs.values():
        assert f"“{job['name']}”" in text
    assert "等待市科协工作人员审核合并" in text.split("填报期限与负责人批准")[1]


def test_score_tier_and_change_against_main(tmp_path: Path) -> None:
    head = {"evaluations": [
        evaluation(total=52.5, tier="一档", subtotals={"academic_events": 20.5, "innovation": 12.0},
                   name="成都市机械工程学会（示例）"),
        evaluation(society="cd-new", total=10.0, tier="三档")]}
    base = {"evaluations": [evaluation(), evaluation(society="cd-untouched", total=30.0)]}
    text = comment_for(tmp_path, {"files": 1, "findings": [finding()]}, head, base)
    row = next(line for line in text.splitlines() if "`cd-mech-eng`" in line and "| 2017 |" in line)
    assert "52.5" in row
    assert "一档" in row
    assert "+12.5 分" in row
    assert "二档 → 一档" in row
    assert "学术交流活动 8 → 20.5" in row
    assert "成都市机械工程学会（示例）" in row
    new_row = next(line for line in text.splitlines() if "`cd-new`" in line and "| 2017 |" in line)
    assert "新增" in new_row
    removed = next(line for line in text.splitlines() if "`cd-untouched`" in line and "| 2017 |" in line)
    assert "已删除" in removed
    assert "再邀请 4 个外省的专家作报告（可加 6 分）" in text


def test_unchanged_scores_are_said_so(tmp_path: Path) -> None:
    same = {"evaluations": [evaluation(society="cd-other")]}
    text = comment_for(tmp_path, {"files": 0, "findings": []}, same, same)
    assert "没有改变任何学会的得分" in text


def test_real_evaluate_output_is_accepted() -> None:
    _, repo = check_tree(ROOT)
    data = EvaluationsIn.model_validate_json(as_json(evaluate_repository(repo), repo))
    assert data.evaluations
    assert all(e.tier for e in data.evaluations)


def test_comment_is_bounded_with_a_truncation_note(tmp_path: Path) -> None:
    findings = [finding(line=i, message="很长的说明😀" * 20) for i in range(1, 3001)]
    head = {"evaluations": [evaluation(society=f"cd-s{i}", total=float(i)) for i in range(1000)]}
    text = comment_for(tmp_path, {"files": 300, "findings": findings}, head, {"evaluations": []})
    assert len(text) <= COMMENT_LIMIT
    assert units(text) <= COMMENT_LIMIT  # also when counted in UTF-16 code units
    assert units(text) > COMMENT_LIMIT - 5_000  # the room is used, not wasted
    assert "条问题没有列出（评论长度有上限）" in text
    assert "未列出" in text  # the score table is bounded too
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.endswith(" |"), line  # rows are cut whole, never in the middle


HOSTILE_MESSAGE = ("</td><script>alert(1)</script> ``` [点我](javascript:alert(1)) @everyone #1 "
                   "| --- | ![x](https://evil.example/x.png) <!-- society-registry-bot -->")


def test_markup_and_backticks_in_values_are_inert(tmp_path: Path) -> None:
    check = {"files": 1, "findings": [finding(message=HOSTILE_MESSAGE,
                                              file="submissions/cd-x/`x`|y (1).yaml")]}
    head = {"evaluations": [evaluation(name="<img src=x onerror=alert(1)>**粗体**")]}
    text = comment_for(tmp_path, check, head)
    for raw in ("<script", "</td>", "](javascript", "@everyone", "![x]", "<img", "**粗体**"):
        assert raw not in text
    assert text.count(MARKER) == 1
    assert "%60x%60%7Cy%20%281%29.yaml#L12" in text  # the link target is percent-encoded


@pytest.mark.parametrize("bad", [
    {"files": 1},
    {"files": 1, "findings": [finding()], "extra": 1},
    {"files": "1", "findings": []},
    {"files": 1, "findings": [finding(severity="fatal")]},
    {"files": 1, "findings": [finding(line="12")]},
    {"files": 1, "findings": [finding(line=0)]},
    {"files": 1, "findings": [finding(clause="5.2](javascript:alert(1))")]},
    {"files": 1, "findings": [finding(code="<b>E</b>")]},
    {"files": 1, "findings": [{**finding(), "html": "<script>"}]},
    [finding()],
], ids=range(10))
def test_wrong_shape_is_refused(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ArtifactError):
        read_artifact(write(tmp_path, "result.json", bad), CheckIn, "检查结果")


@pytest.mark.parametrize("bad", [
    {"evaluations": [evaluation(society="../etc")]},
    {"evaluations": [evaluation(total=float("1e400"))]},
    {"evaluations": [evaluation(subtotals={"Area<script>": 1.0})]},
    {"evaluations": [{"society": "cd-x"}]},
], ids=range(4))
def test_wrong_evaluation_shape_is_refused(tmp_path: Path, bad: dict) -> None:
    path = tmp_path / "head.json"
    path.write_text(json.dumps(bad).replace("Infinity", "1e400"), encoding="utf-8")
    with pytest.raises(ArtifactError):
        read_artifact(path, EvaluationsIn, "评估结果")


LONE_SURROGATE = (b'{"files": 1, "findings": [{"file": "a.yaml", "line": 1, "column": 1, "code": "E-X",'
                  b' "severity": "error", "message": "\\ud800"}]}')


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000,
                                     LONE_SURROGATE],
                         ids=["empty", "syntax", "encoding", "deep", "surrogate"])
def test_unreadable_json_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(content)
    with pytest.raises(ArtifactError):
        read_artifact(path, CheckIn, "检查结果")


def test_oversize_artifact_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTIFACT_BYTES + 1)
    with pytest.raises(ArtifactError, match="超过"):
        read_artifact(path, CheckIn, "检查结果")


def test_symlinked_artifact_is_refused(tmp_path: Path) -> None:
    target = write(tmp_path, "real.json", {"files": 0, "findings": []})
    link = tmp_path / "result.json"
    link.symlink_to(target)
    with pytest.raises(ArtifactError):
        read_artifact(link, CheckIn, "检查结果")


def _cli(tmp_path: Path, result: Path, *extra: str) -> tuple[int, str]:
    out = tmp_path / "comment.md"
    code = main(["pr-comment", str(result), "--repo", "example-org/society-registry", "--sha", SHA,
                 "--run-id", "7", "--output", str(out), *extra])
    return code, out.read_text(encoding="utf-8") if out.exists() else ""


def test_cli_exit_code_says_whether_changes_are_needed(tmp_path: Path) -> None:
    code, text = _cli(tmp_path, write(tmp_path, "ok.json", {"files": 1, "findings": [
        finding(severity="warning", code="W-X")]}))
    assert code == 0
    assert "通过" in text
    code, text = _cli(tmp_path, write(tmp_path, "bad.json", {"files": 1, "findings": [finding()]}))
    assert code == 1
    assert "需要修改" in text


def test_cli_posts_a_fixed_refusal_for_a_hostile_artifact(tmp_path: Path) -> None:
    hostile = write(tmp_path, "result.json", {"files": 1, "findings": [finding(severity=HOSTILE_MESSAGE)]})
    code, text = _cli(tmp_path, hostile)
    assert code == 1
    assert text.startswith(MARKER)
    assert "无法生成检查结果评论" in text
    assert "script" not in text
    assert "everyone" not in text


@pytest.mark.parametrize(("repo", "sha", "site"), [
    ("example-org/society-registry", "not-a-sha", None),
    ("example-org/society-registry)", SHA, None),
    ("example-org/society-registry", SHA, "javascript:alert(1)"),
    ("example-org/society-registry", SHA, "https://example.org/a b"),
])
def test_link_parts_are_validated(repo: str, sha: str, site: str | None) -> None:
    with pytest.raises(ValueError, match="must"):
        Links.build(repo, sha, site)


def test_condemned_items_are_counted_in_the_score_row(tmp_path: Path) -> None:
    condemned = {"area": "academic_events", "clause": "5.2", "item_id": "evt-a", "rule": "error",
                 "points": 0.0, "note": "本项有错误，不计分", "file": FILE, "line": 12,
                 "finding": "E-THRESHOLD-PROVINCES"}
    head = {"evaluations": [evaluation(has_errors=True,
                                       lines=[*evaluation()["lines"], condemned])]}
    text = comment_for(tmp_path, {"files": 1, "findings": [finding()]}, head, None)
    row = next(line for line in text.splitlines() if "`cd-mech-eng`" in line and "| 2017 |" in line)
    assert "1 项有错误，不计分" in row


def test_real_evaluation_of_a_condemned_item_reaches_the_comment(tmp_path: Path) -> None:
    case = ROOT / "tests" / "data" / "fidelity" / "window-edges"
    result, repo = check_tree(case)
    evaluations = json.loads(as_json(evaluate_repository(repo), repo))
    text = comment_for(tmp_path, result.to_dict(), evaluations, None)
    assert "2 项有错误，不计分" in text


@pytest.mark.parametrize("body", [
    b'{"files": 3, "findings": [{"file": "x", "line": 1, "column": 1, "code": "E-X", '
    b'"severity": "error", "message": "m"}], "findings": []}',
    b'{"files": 1, "files": 0, "findings": []}',
    b'{"files": NaN, "findings": []}',
], ids=["findings twice", "files twice", "NaN"])
def test_duplicate_keys_and_non_json_constants_are_refused(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(body)
    with pytest.raises(ArtifactError, match="重复的键"):
        read_artifact(path, CheckIn, "检查结果")


def test_a_year_whose_submission_has_closed_gets_no_advice_to_add_items(tmp_path: Path) -> None:
    """After the deadline the gate refuses new items: “再邀请…（可加 6 分）” would send the
    society after points its report can no longer take. The comment says where later advice is."""
    touched = {"files": 1, "findings": [finding(severity="warning", code="W-EXPERTS-RATE", clause="1.2")]}
    result = read_artifact(write(tmp_path, "result.json", touched), CheckIn, "检查结果")
    head = read_artifact(write(tmp_path, "head.json", {"evaluations": [evaluation(total=52.5)]}), EvaluationsIn, "评估")
    open_year = build_comment(result, LINKS, head, None, None)
    assert "再邀请 4 个外省的专家作报告（可加 6 分）" in open_year
    closed = build_comment(result, LINKS, head, None, None, later={2017})
    assert "**提分建议**" not in closed
    assert "可加 6 分" not in closed
    assert "填报已截止的年度不给提分建议" in closed


def test_later_years_are_those_whose_submission_has_closed_today() -> None:
    from validators.github.pr_comment import later_years
    from validators.year.cycle import today
    from validators.year.guideline import guideline

    closed = set()
    for year in (2017, 2018):
        rules = guideline(year, ROOT)
        assert rules is not None
        assert rules.calendar is not None
        if rules.calendar.is_closed(today()):
            closed.add(year)
    assert later_years([2017, 2018, 2018], ROOT) == closed
    assert later_years([1999], ROOT) == set()  # no guideline: nothing said
