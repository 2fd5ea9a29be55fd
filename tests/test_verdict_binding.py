"""What binds a verdict to content, found running a whole cycle: the order of a list of plain
values is no change; a verdict recording no content is warned of in a year still open
(W-REVIEW-UNBOUND); `finalize` names the items whose verdict went stale; and a finalized year
never asks for verification again (check, progress, status page)."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tests.test_results import AFTER_2017_FINAL, _content, _run, finalize_refused_until_accepted
from tests.test_results import tree as tree
from tests.trees import ROOT, base_tree, write_tree
from validators.association.item_content import content_digest
from validators.association.progress import ProgressState, unfinished_reviews, year_progress
from validators.association.reviews import current_contents
from validators.check import check_tree
from validators.year.guideline import guideline
from validators.year.rubric import rubric

SOCIETY, YEAR = "cd-computer", 2018
REPORT = f"submissions/{SOCIETY}/{YEAR}.yaml"
REVIEW = f"reviews/{YEAR}/{SOCIETY}.yaml"
EVENT = "evt-cs-annual-2018"


# --- the order of a list of plain values ---------------------------------------------------------

def test_reordering_a_list_of_plain_values_keeps_the_digest_and_reordering_items_does_not(tmp_path: Path) -> None:
    """Swapping two evidence links made the verdict stale (W-REVIEW-ITEM-CHANGED, item pending)."""
    _, repo = check_tree(base_tree(tmp_path / "tree"))
    report = repo.reports[(SOCIETY, YEAR)].report
    event = report.academic_events[1]
    assert len(event.speaker_provinces) > 2
    two = event.model_copy(update={"evidence": ["https://example.org/a", "https://example.org/b"],
                                   "countries": ["美国", "日本"]})
    swapped = two.model_copy(update={"evidence": ["https://example.org/b", "https://example.org/a"],
                                     "countries": ["日本", "美国"],
                                     "speaker_provinces": list(reversed(event.speaker_provinces))})
    assert content_digest(event.id, swapped) == content_digest(event.id, two)
    # Still any change of what the lists hold is a change.
    fewer = two.model_copy(update={"evidence": ["https://example.org/a"]})
    assert content_digest(event.id, fewer) != content_digest(event.id, two)
    consortium = report.consortia[0]
    assert len(consortium.members) == 2
    members = consortium.model_copy(update={"members": list(reversed(consortium.members))})
    assert content_digest(consortium.id, members) == content_digest(consortium.id, consortium)
    # A list of items keeps its order: which achievement comes first may decide a cap.
    study = report.research[0]
    first = study.achievements[0]
    other = first.model_copy(update={"type": next(t for t in type(first.type) if t is not first.type)})
    ab = study.model_copy(update={"achievements": [first, other]})
    ba = study.model_copy(update={"achievements": [other, first]})
    assert content_digest(study.id, ab) != content_digest(study.id, ba)


def test_a_report_with_its_evidence_swapped_keeps_its_verdict(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    report = root / REPORT
    two = "      - https://example.org/cast-sample/cd-computer/2018/annual\n"
    text = report.read_text("utf-8").replace(two, two + "      - https://example.org/cast-sample/cd-computer/2018/annual-b\n", 1)
    report.write_text(text, "utf-8")
    _, repo = check_tree(root)
    digest = current_contents(repo.reports[(SOCIETY, YEAR)].report)[EVENT]
    (root / REVIEW).write_text(
        f"society: {SOCIETY}\nyear: {YEAR}\nsample: true\nitems:\n"
        f"  - {{item: {EVENT}, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, content: {digest}}}\n", "utf-8")
    report.write_text(text.replace("2018/annual\n      - https://example.org/cast-sample/cd-computer/2018/annual-b\n",
                                   "2018/annual-b\n      - https://example.org/cast-sample/cd-computer/2018/annual\n"), "utf-8")
    assert report.read_text("utf-8") != text
    result, repo = check_tree(root, [root / REVIEW])
    assert not [f for f in result.findings if f.code == "W-REVIEW-ITEM-CHANGED"]


def _plain_lists(model: type[BaseModel], seen: set[type]) -> set[str]:
    """The fields of `model` (and the models it holds) that are lists of plain values."""
    found: set[str] = set()
    if model in seen:
        return found
    seen.add(model)
    for name, info in model.model_fields.items():
        for annotation in _flat(info.annotation):
            inner = typing.get_args(annotation)
            if typing.get_origin(annotation) is list and inner:
                args = _flat(inner[0])
                nested = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
                if not nested:
                    found.add(name)
                for m in nested:
                    found |= _plain_lists(m, seen)
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found |= _plain_lists(annotation, seen)
    return found


def _flat(annotation: Any) -> list[Any]:
    """`annotation` without Annotated and Optional/Union around it."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, __import__("types").UnionType):
        return [x for a in typing.get_args(annotation) for x in _flat(a)]
    return [annotation]


def test_every_list_of_plain_values_in_a_report_is_a_set(tmp_path: Path) -> None:
    """The decision, from the models: each list of plain values a report holds says which things,
    never in what order. A new one must be looked at before the digest ignores its order."""
    _, repo = check_tree(base_tree(tmp_path / "tree"))
    model = type(repo.reports[(SOCIETY, YEAR)].report)
    assert _plain_lists(model, set()) == {"evidence", "members", "speaker_provinces", "countries"}


# --- verdicts that record no content ---------------------------------------------------------------

def _review(root: Path, items: str = "", rest: str = "", year: int = YEAR) -> Path:
    text = f"society: {SOCIETY}\nyear: {year}\nsample: true\n"
    text += f"items:\n{textwrap.indent(textwrap.dedent(items), '  ')}" if items else ""
    text += rest
    path = root / REVIEW
    path.write_text(text, "utf-8")
    return path


def test_check_warns_of_verdicts_bound_to_no_content_in_an_open_year(tmp_path: Path) -> None:
    """A draft kept before digests restored silently and wrote rest without contents: later items
    scored during the notice with no warning. check now says so in every year still open."""
    root = base_tree(tmp_path / "tree")
    _, repo = check_tree(root)
    contents = current_contents(repo.reports[(SOCIETY, YEAR)].report)
    path = _review(root, items=f"""\
        - {{item: {EVENT}, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12}}
        - {{item: mw-talent-base, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, content: {contents['mw-talent-base']}}}
        """, rest="rest: {status: 已核实, reviewer: cast-reviewer, date: 2026-11-12}\n")
    result, _ = check_tree(root, [path])
    warned = sorted((f.line, f.message) for f in result.findings if f.code == "W-REVIEW-UNBOUND")
    assert [line for line, _ in warned] == [5, 7]
    assert all(f.severity == "warning" for f in result.findings if f.code == "W-REVIEW-UNBOUND")
    assert "2018年成都计算机学术年会" in warned[0][1]
    assert "没有记下核查时的内容" in warned[0][1]
    assert "“其余全部核实”（2026-11-12）没有记下当时看到的内容" in warned[1][1]
    # Recording the contents silences it.
    _review(root, items=f"- {{item: {EVENT}, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, "
                        f"content: {contents[EVENT]}}}\n",
            rest=f"rest: {{status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, contents: [{', '.join(contents.values())}]}}\n")
    result, _ = check_tree(root, [path])
    assert not [f for f in result.findings if f.code == "W-REVIEW-UNBOUND"]
    # A finalized year is not verified again: nothing to warn of.
    _review(root, rest="rest: {status: 已核实, reviewer: cast-reviewer, date: 2026-11-12}\n")
    assert [f.code for f in check_tree(root, [path])[0].findings if f.code == "W-REVIEW-UNBOUND"] == ["W-REVIEW-UNBOUND"]
    write_tree(root, {f"results/{YEAR}.json": "{}"})
    assert not [f for f in check_tree(root, [path])[0].findings if f.code == "W-REVIEW-UNBOUND"]



def test_check_reads_the_review_rules_on_the_day_it_is_given(tmp_path: Path) -> None:
    """check_tree(day=...) reached the rules across files only: a site built with --date before
    the final day, generated after it, left out W-REVIEW-UNBOUND that held on its build date, and
    a record dated after the build date was not warned of (W-DATE-FUTURE: measured from today)."""
    root = base_tree(tmp_path / "tree")
    final = _final_day(root)
    path = _review(root, rest="rest: {status: 已核实, reviewer: cast-reviewer, date: 2026-11-12}\n")

    def codes(day: dt.date, *files: Path) -> list[str]:
        return [f.code for f in check_tree(root, list(files), day=day)[0].findings
                if f.code in ("W-REVIEW-UNBOUND", "W-DATE-FUTURE")]

    assert codes(final - dt.timedelta(days=1), path) == ["W-REVIEW-UNBOUND"]
    assert codes(final, path) == []
    assert codes(dt.date(2026, 11, 11), path) == ["W-REVIEW-UNBOUND", "W-DATE-FUTURE"]
    objections = root / "reviews" / str(YEAR) / "objections.yaml"  # filed 2026-11-20
    assert codes(dt.date(2026, 11, 19), objections) == ["W-DATE-FUTURE"]
    assert codes(dt.date(2026, 11, 20), objections) == []


def _final_day(root: Path) -> dt.date:
    calendar = guideline(YEAR, root).calendar
    assert calendar is not None
    return calendar.final

# --- finalize names what went stale ----------------------------------------------------------------

def test_finalize_names_the_items_whose_verdict_went_stale(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    _, repo = check_tree(root)
    contents = current_contents(repo.reports[(SOCIETY, YEAR)].report)
    saw = ", ".join(v for k, v in contents.items() if k != EVENT)
    _review(root, items=f"- {{item: {EVENT}, status: 已核实, reviewer: cast-reviewer, date: 2026-11-12, "
                        f"content: {contents[EVENT]}}}\n",
            rest=f"rest: {{status: 已核实, reviewer: cast-reviewer, date: 2026-11-13, contents: [{saw}]}}\n")
    report = root / REPORT
    report.write_text(report.read_text("utf-8").replace("participants: 300", "participants: 500", 1)
                      .replace("对接海外高层次人才项目 5 个", "对接海外高层次人才项目 9 个"), "utf-8")
    _, repo = check_tree(root)
    points = rubric(YEAR, root)
    assert points is not None
    [line] = [x for x in unfinished_reviews(repo, YEAR, points) if f"（{SOCIETY}）" in x]
    assert "核查之后改动过、须重新核查 2 项" in line
    assert f"“2018年成都计算机学术年会”（{EVENT}，在 2026-11-12 的核查结论之后改动过）" in line
    assert "（mw-talent-base，“其余全部核实”（2026-11-13）之后新增或改动）" in line
    assert "参与中国科协（成都）海外人才离岸创新创业基地建设" in line
    assert "没有结论" not in line


def _verified_on(tree: Path, digest: str) -> None:
    """cd-case 2017's party-building item verified on the content `digest` (`_content`: as the
    report says it now)."""
    write_tree(tree, {"reviews/2017/cd-case.yaml": f"""
        society: cd-case
        year: 2017
        items:
          - {{item: mw-party-2017, status: 已核实, reviewer: cast-staff, date: 2018-01-02, content: {digest}}}
        """})


# --- a finalized year ------------------------------------------------------------------------------

def test_a_finalized_year_never_asks_to_verify_again(tree: Path, tmp_path: Path) -> None:
    """After finalize an edited report made check say 请在核查工作台…, the status page 部分核查 and
    逐项核查在核查工作台: the frozen result stands, and that is what every place says."""
    from site_builder import status, workbench
    from site_builder.context import load
    from site_builder.form_page import SiteSettings

    _verified_on(tree, _content(tree))
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("description: 党建", "description: 党建工作"), "utf-8")
    result, repo = check_tree(tree)
    [warned] = [f for f in result.findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert "报告在定稿之后改动过" in warned.message
    assert "公布的是定稿时冻结的结果" in warned.message
    assert "已定稿的年度不再核查" in warned.message
    assert "请在核查工作台" not in warned.message
    # The way to verify it again, named as the workbench's button names it.
    assert "“重新核查本年度”" in warned.message
    assert "finalize 2017 --replace" in warned.message
    assert "重新核查本年度" in (ROOT / "site_builder" / "review" / "review.js").read_text("utf-8")
    assert not [f for f in result.findings if f.code == "W-REVIEW-UNBOUND"]
    # The progress of a finalized year: the verdict stands as recorded, the change is said.
    [final] = year_progress(repo, 2017, final=True)
    assert final.state is ProgressState.DONE
    assert final.label == "核查完毕（定稿后报告有改动，定稿结果不变）"
    # (finalize --replace still sees it as waiting.)
    [open_] = year_progress(repo, 2017)
    assert open_.state is ProgressState.PARTLY
    site = load(tree, SiteSettings(repo_url="https://github.com/example/r"), AFTER_2017_FINAL)
    page = status.render(site, 2017)
    assert "核查完毕（定稿后报告有改动，定稿结果不变）" in page
    assert "<td>部分核查" not in page
    assert "逐项核查在" not in page
    assert "2017 年度已经定稿，核查已结束，公布的是定稿时冻结的结果；1 份报告在定稿后有改动，定稿结果不变，不再核查。" in page
    config = workbench._year_config(site, 2017, year_progress(site.repo, 2017, final=True))
    assert [s["state"] for s in config["societies"]] == ["核查完毕（定稿后报告有改动，定稿结果不变）"]
    assert config["bind_verdicts"] is False


def test_a_verdict_gone_stale_before_finalize_is_not_said_to_have_changed_after_it(tree: Path) -> None:
    """finalize --accept-pending froze a year whose item had changed after its verdict: check said
    “报告在定稿之后改动过”, which was false. The report's sha256 recorded at finalize tells the
    two apart; the warning says what finalize did with the item (unverified, 0 points)."""
    _verified_on(tree, _content(tree))
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("description: 党建", "description: 党建工作"), "utf-8")
    finalize_refused_until_accepted(tree)
    results = tree / "results" / "2017.json"
    [frozen] = json.loads(results.read_text("utf-8"))["evaluations"]
    assert frozen["total"] == 0  # what finalize did with the stale verdict: the item was unverified
    [warned] = [f for f in check_tree(tree)[0].findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert "在核查结论“已核实”（2018-01-02）之后、定稿之前改动过" in warned.message
    assert "定稿之后没有改动" in warned.message
    assert "报告在定稿之后改动过" not in warned.message
    assert "这一项按待核实计算，不计分（评估明细写明“待核实：本项在市科协 2018-01-02 核查之后内容有改动，须重新核实，不计分”）" in warned.message
    assert "这一结果不变，已定稿的年度不再核查" in warned.message
    assert "请在核查工作台" not in warned.message
    # The progress, the status page and the workbench say what finalize did: the item was
    # unverified (they said 核查完毕（定稿后报告有改动…）).
    from site_builder import status, workbench
    from site_builder.context import load
    from site_builder.form_page import SiteSettings

    _, repo = check_tree(tree)
    [final] = year_progress(repo, 2017, final=True)
    assert final.state is ProgressState.PARTLY
    assert final.label == "部分核查（1 项在核查结论之后、定稿之前改动过，定稿时待核实、不计分，定稿结果不变）"
    site = load(tree, SiteSettings(repo_url="https://github.com/example/r"), AFTER_2017_FINAL)
    page = status.render(site, 2017)
    assert "；1 份报告有项目在核查结论之后、定稿之前改动过，定稿时待核实、不计分，定稿结果不变，不再核查。" in page
    assert "定稿后有改动" not in page
    assert workbench.case_data(site, site.repo.reports[("cd-case", 2017)])["final"]["report_unchanged"] is True
    # A results file that recorded no sha256 (written before finalize recorded them): true either way.
    data = json.loads(results.read_text("utf-8"))
    del data["report_sha256"]
    results.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    [warned] = [f for f in check_tree(tree)[0].findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert "无从判断改动在定稿之前还是之后" in warned.message
    [unknown] = year_progress(check_tree(tree)[1], 2017, final=True)
    assert unknown.label == "核查完毕（报告在核查结论之后改动过，定稿结果不变）"
    assert "定稿之后改动过" not in warned.message
    assert "定稿之前改动过" not in warned.message
    assert "公布的是定稿时冻结的结果" in warned.message
    # And a change after finalize keeps its words.
    data["report_sha256"] = {"submissions/cd-case/2017.yaml": "0" * 64}
    results.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    [warned] = [f for f in check_tree(tree)[0].findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert "报告在定稿之后改动过" in warned.message
    assert "定稿之前" not in warned.message


def test_an_item_added_after_rest_and_before_finalize_is_said_so(tree: Path) -> None:
    """The same for an item 其余全部核实 never saw, added before finalize."""
    _, repo = check_tree(tree)
    old = current_contents(repo.reports[("cd-case", 2017)].report)["mw-party-2017"]
    write_tree(tree, {"reviews/2017/cd-case.yaml": f"""
        society: cd-case
        year: 2017
        rest: {{status: 已核实, reviewer: cast-staff, date: 2018-01-02, contents: [{old}]}}
        """})
    report = tree / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("description: 党建", "description: 党建工作"), "utf-8")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL, "--accept-pending").returncode == 0
    [warned] = [f for f in check_tree(tree)[0].findings if f.code == "W-REVIEW-ITEM-CHANGED"]
    assert "是“其余全部核实”（2018-01-02）之后、定稿之前新增或改动的" in warned.message
    assert "按待核实计算，不计分" in warned.message
    assert "报告在定稿之后改动过" not in warned.message


# --- finalize names the verdicts bound to no content -----------------------------------------------

def test_finalize_names_the_verdicts_recording_no_content_and_freezes_them_only_when_told(tree: Path) -> None:
    """A verdict recording no digest (W-REVIEW-UNBOUND) counts whatever the item says, however it
    changed since: finalize froze it in silence. It is listed per society (title, id, verdict,
    date, and re-confirm in the workbench), and finalize needs --accept-pending."""
    write_tree(tree, {"reviews/2017/cd-case.yaml": """
        society: cd-case
        year: 2017
        items:
          - {item: mw-party-2017, status: 已核实, reviewer: cast-staff, date: 2018-01-02}
        rest: {status: 已核实, reviewer: cast-staff, date: 2018-01-03}
        """})
    refused, done = finalize_refused_until_accepted(tree)
    assert "2017 年度有核查结论没有记下核查时的内容（check 警告 W-REVIEW-UNBOUND）" in refused
    assert ("（cd-case）：没有记下核查时内容的结论 1 项：“党支部建设”（mw-party-2017，已核实，2018-01-02）；"
            "“其余全部核实”（2018-01-03）没有记下当时看到的内容。请在核查工作台核对") in refused
    assert "核查还没有完成" not in refused
    assert "请先在核查工作台重新确认没有记下内容的结论再定稿" in refused
    assert "以下结论没有记下核查时的内容，按项目定稿时写的内容计分" in done
    assert "mw-party-2017，已核实，2018-01-02" in done


def test_the_sample_reviews_of_the_open_year_record_their_contents() -> None:
    """The sample 2018 (in its notice) would finalize without this list; the sample 2017, final
    before digests were recorded, would be listed by finalize --replace."""
    from tests.trees import ROOT
    from validators.association.progress import unbound_verdicts

    _, repo = check_tree(ROOT)
    points = rubric(YEAR, ROOT)
    assert points is not None
    assert unbound_verdicts(repo, YEAR, points) == []
    earlier = rubric(2017, ROOT)
    assert earlier is not None
    assert unbound_verdicts(repo, 2017, earlier)
