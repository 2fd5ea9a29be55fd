"""A new guideline year is data the association's staff write: each of fourteen ordinary changes
to the 2017 guideline, made in a 2019 year file (and text and rubric) in a scratch tree, works
in check, evaluate, the year's schema, the form's files and the built pages; and no 2017 or 2018
figure moves."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from site_builder import rubric_page
from site_builder.context import load
from site_builder.form_page import SiteSettings, form_files
from site_builder.generate import generate
from tests.trees import ROOT, base_tree, profile
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import as_json
from validators.evaluation.results import as_published
from validators.schema import json_schema
from validators.year.files import GUIDELINES_DIR, available_years, year_file
from validators.year.guideline import guideline, reread_guidelines
from validators.year.rubric import reread_rubrics
from validators.year.scaffold import guideline_file
from validators.year.text import text_year

TEXT_2017 = (GUIDELINES_DIR / "2017.txt").read_text("utf-8")
PROFILE = profile("cd-new")
WINDOW = """
evaluation_window:
  start: 2018-11-30
  deadline: 2019-11-30
  note: 测试用的 2019 年度评估期。
calendar:
  submission_opens: 2019-01-01
  submission_closes: 2019-12-15
  verification_ends: 2020-01-05
  notice_starts: 2020-01-08
  notice_ends: 2020-01-19
  final: 2020-01-26
  note: 测试用的日历。
"""


@dataclass
class Change:
    """One ordinary change: what the staff write, a 2019 report that uses it, what must follow."""

    guideline: str = ""
    rubric: str = ""
    text: Callable[[str], str] | None = None  # 2019.txt from 2017's, when the words change
    report: str = ""
    findings: set[str] = field(default_factory=set)  # codes the 2019 report must get (and only)
    points: dict[str, float | None] = field(default_factory=dict)  # item id (or rule) → points (None: no line)
    schema: list[str] = field(default_factory=list)  # words the 2019 schema must hold
    form: list[str] = field(default_factory=list)  # words the form's 2019 files must hold
    pages: list[str] = field(default_factory=list)  # words the 2019 report page must hold
    then_2018: str = ""  # the same item in a 2018 report…
    findings_2018: set[str] = field(default_factory=set)  # …and what 2018 says of it


def _event(category: str, **extra: object) -> str:
    fields = {"id": "evt-a", "title": "学会学术交流活动", "category": category, "role": "主办",
              "date": "2019-06-01", "participants": 120,
              "evidence": ["https://example.org/cast-sample/cd-new/evt-a"], **extra}
    written = {k: v if k == "date" else json.dumps(v, ensure_ascii=False) for k, v in fields.items()}
    return "academic_events:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in written.items()) + "\n"


CHANGES: dict[str, Change] = {
    "a moved window": Change(
        guideline=WINDOW.replace("deadline: 2019-11-30", "deadline: 2019-12-31").replace(
            "submission_closes: 2019-12-15", "submission_closes: 2019-12-31"),
        report=_event("其他", date="2019-12-20"), points={"evt-a": 1},
        form=["2019-12-31"]),
    "a raised threshold (5.1 alone)": Change(
        text=lambda t: t.replace("参与规模不少于100人，并制作会议资料", "参与规模不少于150人，并制作会议资料"),
        guideline="""
            kinds:
              event_categories:
                edit:
                  annual_conference: {criteria: {min_participants: 150}}
            """,
        report=_event("综合性学术年会", main_forum=True, sub_forums=2, materials=True),
        findings={"E-THRESHOLD-PARTICIPANTS"}, points={"evt-a": 0}, schema=['"minimum": 150'],
        pages=["150"],
        then_2018=_event("综合性学术年会", main_forum=True, sub_forums=2, materials=True,
                         date="2018-06-01"), findings_2018=set()),
    "a new occasion": Change(
        guideline="""
            popularisation_occasions:
              add:
                - {name: 科技活动月, aliases: [科技月]}
            """,
        report=_event("大型社会活动", occasion="科技月"), points={"evt-a": 3}, schema=["科技活动月"],
        form=["科技活动月"],
        then_2018=_event("大型社会活动", occasion="科技月", date="2018-06-01"),
        findings_2018={"E-CRITERIA-OCCASION"}),
    "new points": Change(
        rubric="""
            innovation:
              platform_registered: {points: 4}
            """,
        report="innovation:\n  enterprise_platform_registered: true\n",
        points={"enterprise_platform_registered": 4}),
    "a new kind of event (online, its own threshold)": Change(
        text=lambda t: t.replace("5.其他学术交流活动，指专题论坛、科技沙龙等活动。",
                                 "5.其他学术交流活动，指专题论坛、科技沙龙等活动。\n"
                                 "6.线上学术交流活动，指通过网络举办、在线参与不少于300人的学术活动。"),
        guideline="""
            kinds:
              event_categories:
                add:
                  - {code: online_exchange, label: 线上学术交流, clause: "5.6", criteria: {min_participants: 300}}
            """,
        rubric="""
            academic_events:
              category:
                线上学术交流: {clause: "5.6", points: 2, max_count: 3, label: 线上学术交流活动（每项）}
            """,
        # The area's clause range is the year's own: 5.6 joins it in the schema and the form's help.
        report=_event("线上学术交流", participants=350), points={"evt-a": 2},
        schema=["线上学术交流", "须符合所申报类别的标准（条款 5.1–5.6）"],
        form=["线上学术交流", "须符合所申报类别的标准（条款 5.1–5.6）"], pages=["线上学术交流"],
        then_2018=_event("线上学术交流", participants=350, date="2018-06-01"),
        findings_2018={"E-KIND-UNKNOWN"}),
    "a new kind of major work": Change(
        text=lambda t: t.replace("等重大活动。", "等重大活动。\n6.支持学会参与数字化改革工作。"),
        guideline="""
            kinds:
              major_work_kinds:
                add:
                  - {code: digital_reform, label: 数字化改革, clause: "7.6"}
            """,
        rubric="""
            major_work:
              kind:
                数字化改革: {clause: "7.6", points: 2, max_count: 1, label: 参与数字化改革}
            """,
        report="major_work:\n  - id: mw-a\n    kind: 数字化改革\n    title: 学会数字化改革\n"
               "    date: 2019-05-01\n    description: 建成会员服务平台\n",
        points={"mw-a": 2}, schema=["数字化改革", "每项一项（条款 7.1–7.6）", "重大工作类别之一（条款 7.1–7.6）"],
        form=["每项一项（条款 7.1–7.6）", "重大工作类别之一（条款 7.1–7.6）"], pages=["数字化改革"],
        then_2018="major_work:\n  - id: mw-a\n    kind: 数字化改革\n    title: 学会数字化改革\n"
                  "    date: 2018-05-01\n    description: 建成会员服务平台\n"
                  "    evidence: [https://example.org/cast-sample/cd-new/mw-a]\n",
        findings_2018={"E-KIND-UNKNOWN"}),
    "a renamed kind (party building)": Change(
        guideline="""
            kinds:
              major_work_kinds:
                edit:
                  党建: {label: 学会党建}
            """,
        rubric="""
            major_work:
              kind:
                党建: null
                学会党建: {clause: "7.3", points: 2, max_count: 1, label: 学会党建工作}
            """,
        report="major_work:\n  - id: mw-a\n    kind: 学会党建\n    title: 主题党日活动\n"
               "    date: 2019-05-01\n    description: 开展主题党日活动\n",
        points={"mw-a": 2}, schema=["学会党建"], form=["学会党建"], pages=["学会党建"],
        then_2018="major_work:\n  - id: mw-a\n    kind: 学会党建\n    title: 主题党日活动\n"
                  "    date: 2018-05-01\n    description: 开展主题党日活动\n"
                  "    evidence: [https://example.org/cast-sample/cd-new/mw-a]\n",
        findings_2018={"E-KIND-UNKNOWN"}),
    "a reworded area": Change(
        guideline="""
            areas:
              edit:
                innovation: {title: 创新驱动发展工程}
            """,
        text=lambda t: t.replace("一、创新驱动助力工程", "一、创新驱动发展工程"),
        report="innovation:\n  enterprise_platform_registered: true\n",
        points={"enterprise_platform_registered": 3}, schema=["一、创新驱动发展工程"],
        form=["创新驱动发展工程"], pages=["创新驱动发展工程"]),
    "a new industry": Change(
        guideline="""
            industries:
              add: [数字经济]
            """,
        report="consortia:\n  - id: consortium-digital\n    name: 数字经济学会联合体\n    role: 牵头\n"
               "    form: 专业相近\n    direction: 横向\n    industry: 数字经济\n"
               "    members: [某单位, 另一单位]\n    established: 2019-03-01\n",
        points={"consortium-digital": 4 + 2 + 2}, form=["数字经济"]),
    "a new area": Change(
        text=lambda t: t + "\n八、数字化服务\n学会数字化服务，指学会利用数字技术为会员和企业提供的服务。\n"
                           "1.建设学会数字化服务平台。\n",
        guideline="""
            areas:
              add:
                - id: "8"
                  key: digital_services
                  title: 数字化服务
                  kinds:
                    - {code: platform, label: 数字化平台建设, clause: "8.1"}
            """,
        rubric="""
            digital_services:
              cap: 10
              kind:
                数字化平台建设: {clause: "8.1", points: 2, label: 数字化平台建设（每项）}
            """,
        report="digital_services:\n  - id: dig-a\n    kind: 数字化平台建设\n    title: 会员服务平台\n"
               "    date: 2019-05-01\n    description: 平台上线\n",
        # Described as 七's items are, with the area's own clauses.
        points={"dig-a": 2}, schema=["八、数字化服务", "DigitalServicesItem",
                                     "本学会在“数字化服务”方面的工作，每项工作写一项（条款 8.1）",
                                     "本年度“数字化服务”的类别之一（条款 8.1）"],
        form=["数字化服务", '"DigitalServicesItem.title":"工作名称"', '"DigitalServicesItem.date":"inside"'],
        pages=["数字化服务"],
        then_2018="digital_services:\n  - id: dig-a\n    kind: 数字化平台建设\n    title: 会员服务平台\n"
                  "    date: 2018-05-01\n    description: 平台上线\n",
        findings_2018={"E-SCHEMA-UNKNOWN-KEY"}),
    "an ended clause (2.1)": Change(
        text=lambda t: "\n".join(line for line in t.splitlines()
                                 if not line.startswith("1.支持首批承能试点学会")),
        guideline="""
            pilot_societies: [cd-new]
            """,
        rubric="""
            government_functions:
              pilot: null
              pilot_new_function: null
            """,
        # The clause is gone from the year's text and its rules from the rubric: no line at all.
        report="government_functions:\n  pilot: true\n", points={"pilot": None}),
    "a new pilot district": Change(
        guideline="""
            pilot_districts:
              add: [新都区]
            """,
        report="innovation:\n  services:\n    - id: svc-a\n      kind: 科技咨询\n      title: 工艺咨询\n"
               "      enterprise: 成都某公司\n      district: 新都区\n      date: 2019-04-01\n"
               "      outcome: 合格率提高\n",
        points={"svc-a": 2 + 1}),
    "a new service kind (1.4)": Change(
        text=lambda t: t.replace("科技类咨询、培训等服务", "科技类咨询、培训、技术成果转化等服务"),
        guideline="""
            kinds:
              service_kinds:
                add:
                  - {code: tech_transfer, label: 技术成果转化}
            clause_service_kinds:
              "1.4": {add: [技术成果转化]}
            """,
        report="innovation:\n  services:\n    - id: svc-a\n      kind: 技术成果转化\n      title: 专利成果转化\n"
               "      enterprise: 成都某公司\n      district: 武侯区\n      date: 2019-04-01\n"
               "      outcome: 成果投产\n",
        # Paid as 1.4's (1 point), not as 一's other services (0.5).
        points={"svc-a": 1}, form=["技术成果转化"]),
    "provinces that now count (Hong Kong)": Change(
        guideline="""
            provinces:
              edit:
                香港特别行政区: {counts: true, why: null}
            """,
        report=_event("全国性学术交流", speaker_provinces=["北京", "上海", "广东", "浙江", "江苏", "香港"]),
        points={"evt-a": 5},
        then_2018=_event("全国性学术交流", speaker_provinces=["北京", "上海", "广东", "浙江", "江苏", "香港"],
                         date="2018-06-01"),
        findings_2018={"E-THRESHOLD-PROVINCES", "W-PROVINCE-NOT-COUNTED"}),
}


def _tree(tmp: Path, change: Change) -> Path:
    root = base_tree(tmp / "tree")
    own = root / "validators"
    (own / "guidelines" / "2019.yaml").write_text(
        "year: 2019\ncarried_forward_from: 2018\ntitle: 2019年度评估（测试）\n"
        + ("" if change.text is None else "source: 成都市科协《2019年学会重点工作指南》（测试）\n")
        + ("" if "evaluation_window" in change.guideline else WINDOW.lstrip())
        + textwrap.dedent(change.guideline), encoding="utf-8")
    (own / "rubrics" / "2019.yaml").write_text(
        "id: default-2019\nyear: 2019\ncarried_forward_from: 2018\ntitle: 2019年度细则（测试）\n"
        + textwrap.dedent(change.rubric), encoding="utf-8")
    if change.text is not None:
        (own / "guidelines" / "2019.txt").write_text(change.text(TEXT_2017), encoding="utf-8")
    folder = root / "submissions" / "cd-new"
    folder.mkdir()
    (folder / "society.yaml").write_text(textwrap.dedent(PROFILE).lstrip(), encoding="utf-8")
    (folder / "2019.yaml").write_text(f"society: cd-new\nyear: 2019\n{change.report}", encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    return root


def _evaluations(root: Path, years: tuple[int, ...]) -> str:
    _, repo = check_tree(root)
    evaluations, _, _ = as_published(repo)
    return as_json([e for e in evaluations if e.year in years], repo)


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> str:
    """2017 and 2018 as published without any 2019."""
    reread_guidelines()
    reread_rubrics()
    return _evaluations(base_tree(tmp_path_factory.mktemp("before")), (2017, 2018))


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_made_in_data_alone(name: str, tmp_path: Path, before: str) -> None:
    change = CHANGES[name]
    root = _tree(tmp_path, change)
    result, repo = check_tree(root)
    own = [f for f in result.findings if f.file == "submissions/cd-new/2019.yaml"]
    assert {f.code for f in own if f.severity == "error" or change.findings} == change.findings, own
    assert not [f for f in result.findings if f.code == "E-YEAR-FILE"], result.findings
    [evaluation] = [e for e in evaluate_repository(repo, 2019) if e.society == "cd-new"]
    earned = {}
    for line in evaluation.lines:
        key = line.item_id or line.rule
        earned[key] = earned.get(key, 0) + line.points
    assert {k: earned.get(k) for k in change.points} == change.points, evaluation.lines
    schema = json.dumps(json_schema("submission", 2019, root), ensure_ascii=False)
    assert all(word in schema for word in change.schema), change.schema
    files = form_files(repo, [2017, 2018, 2019], settings=SiteSettings(repo_url="https://github.com/example/r"))
    form = "".join(v.decode("utf-8") for k, v in files.items() if "2019" in k and not k.endswith(".xlsx"))
    assert all(word in form for word in change.form), change.form
    # No 2017 or 2018 figure moves: the frozen 2017 results and the live 2018 scores.
    assert _evaluations(root, (2017, 2018)) == before


@pytest.mark.parametrize("name", [n for n, c in CHANGES.items() if c.then_2018])
def test_a_2019_change_never_touches_2018(name: str, tmp_path: Path) -> None:
    change = CHANGES[name]
    root = _tree(tmp_path, change)
    report = root / "submissions" / "cd-new" / "2018.yaml"
    report.write_text(f"society: cd-new\nyear: 2018\n{change.then_2018}", encoding="utf-8")
    result, _ = check_tree(root, [report])
    assert {f.code for f in result.findings} == change.findings_2018, result.findings


@pytest.mark.slow
@pytest.mark.parametrize("name", CHANGES)
def test_the_built_pages_show_the_change(name: str, tmp_path: Path) -> None:
    change = CHANGES[name]
    root = _tree(tmp_path, change)
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    page = (docs / "societies" / "cd-new" / "2019" / "index.md").read_text("utf-8")
    assert all(word in page for word in change.pages), change.pages
    baseline = tmp_path / "baseline"
    generate(_baseline(tmp_path), baseline, settings=SiteSettings(repo_url="https://github.com/example/r"),
             date="2001-02-03")
    for year in (2017, 2018):
        for old in sorted(baseline.glob(f"societies/*/{year}/index.md")):
            assert _unindexed(docs / old.relative_to(baseline)) == _unindexed(old), old


def _unindexed(page: Path) -> str:
    """A report page as it reads: only the newest year's reports put their terms in the search
    index, so 2018's pages leave it once 2019 has reports; nothing else of them may change."""
    return page.read_text("utf-8").replace('<details class="sb-terms" data-search-exclude>',
                                           '<details class="sb-terms">')


def _baseline(tmp: Path) -> Path:
    root = base_tree(tmp / "baseline-tree")
    reread_guidelines()
    reread_rubrics()
    return root


def test_new_year_scaffolds_a_year_that_checks_clean(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, root / folder)
    last = available_years()[-1]  # the tree's years: whatever the repository ships
    new = str(last + 1)
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "new-year", new],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    # The next steps name the schema the editors read: a pull request without it is refused.
    assert "python -m validators schema --write" in done.stdout
    # Its calendar, the first year's moved to it, is long past today: the staff hear it.
    assert "推算的日历中，最终结果日" in done.stderr
    assert "请在 validators/guidelines/" in done.stderr
    own = root / "validators" / "guidelines"
    carried = year_file("guidelines", text_year(last) or 0, suffix=".txt")
    assert carried is not None
    assert (own / f"{new}.txt").read_text("utf-8") == carried.read_text("utf-8")
    # The new cycle keeps the first year's distances from the deadline (not a demo's dates).
    first, made = guideline(available_years()[0]), guideline(int(new), root)
    assert first is not None
    assert first.calendar is not None
    assert made is not None
    assert made.calendar is not None
    for day in ("submission_opens", "submission_closes", "verification_ends", "notice_starts", "notice_ends", "final"):
        assert (getattr(made.calendar, day) - made.evaluation_window.deadline
                == getattr(first.calendar, day) - first.evaluation_window.deadline), day
    for command in (["check"], ["new", "cd-new", new], ["check"], ["evaluate", "--year", new]):
        done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *command],
                              capture_output=True, text=True, check=False, cwd=ROOT)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr)
    again = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "new-year", new],
                           capture_output=True, text=True, check=False, cwd=ROOT)
    assert again.returncode == 2  # the new year exists now: only the one after it may follow
    assert str(last + 2) in again.stderr
    # …and its files are said to be left as they were.
    assert again.stderr.strip().endswith(
        f"不能是 {new}：{new} 年度已有的文件（validators/guidelines/{new}.yaml、validators/rubrics/{new}.yaml、"
        f"validators/guidelines/{new}.txt）都没有改动。"), again.stderr
    ahead = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "new-year", str(last + 3)],
                           capture_output=True, text=True, check=False, cwd=ROOT)
    assert ahead.returncode == 2
    assert ahead.stderr.strip().endswith(f"不能是 {last + 3}：没有写出任何文件。"), ahead.stderr


def test_an_area_of_another_year_is_refused_at_its_key_alone(tmp_path: Path) -> None:
    """2018 knows nothing of 2019's added area: the key is refused where it stands, and the rest
    of the 2018 report is read and scored as ever."""
    root = _tree(tmp_path, CHANGES["a new area"])
    report = root / "submissions" / "cd-new" / "2018.yaml"
    report.write_text("society: cd-new\nyear: 2018\n" + CHANGES["a new area"].then_2018
                      + "innovation:\n  enterprise_platform_registered: true\n", encoding="utf-8")
    result, repo = check_tree(root, [report])
    [finding] = result.findings
    assert (finding.code, finding.line, finding.path) == ("E-SCHEMA-UNKNOWN-KEY", 3, ("digital_services",))
    [evaluation] = [e for e in evaluate_repository(repo, 2018) if e.society == "cd-new"]
    # Read and weighed (2018 awaits the staff's verification, so it earns nothing yet).
    assert not evaluation.unreadable
    assert "enterprise_platform_registered" in {line.item_id for line in evaluation.lines}


def test_an_ended_clause_is_not_spoken_of(tmp_path: Path) -> None:
    """With 2.1 gone from the year's text, neither a finding nor the year's form cites it."""
    root = _tree(tmp_path, CHANGES["an ended clause (2.1)"])
    result, repo = check_tree(root)
    own = [f for f in result.findings if f.file == "submissions/cd-new/2019.yaml"]
    assert not [f for f in own if f.clause == "2.1" or "2.1" in f.message], own
    files = form_files(repo, [2019], settings=SiteSettings(repo_url="https://github.com/example/r"))
    guide = json.loads(files["form/guide-2019.json"])
    assert "2.1" not in json.dumps(guide)
    assert "2.2" in json.dumps(guide)
    schema = files["form/schema-2019.json"].decode("utf-8")
    assert "条款 2.1" not in schema
    assert "2.1–" not in schema
    # The area's range is what is left of it, in the schema and in the form's help alike.
    assert "（条款 2.2–2.3）" in schema
    assert "（条款 2.2–2.3）" in guide["labels"]["help"]["YearReport.government_functions"]


def test_a_year_words_its_areas_and_clause_ranges_itself(tmp_path: Path) -> None:
    """A 2019 that renames area 一 and adds clause 1.6 says so in its schema, its form's help and
    its model; the 2017 and 2018 schemas and form files stay as they were, byte for byte."""
    settings = SiteSettings(repo_url="https://github.com/example/r")
    baseline = _baseline(tmp_path)
    _, repo = check_tree(baseline)
    before = form_files(repo, [2017, 2018], settings=settings)
    change = Change(
        guideline="""
            areas:
              edit:
                innovation: {title: 创新驱动发展工程}
            """,
        text=lambda t: t.replace("一、创新驱动助力工程", "一、创新驱动发展工程").replace(
            "二、有序承接政府转移职能", "6.为企业提供数字化转型服务。\n二、有序承接政府转移职能"))
    root = _tree(tmp_path, change)
    rules = guideline(2019, root)
    assert rules is not None
    assert "1.6" in rules.clauses
    result, repo = check_tree(root)
    assert not [f for f in result.findings if f.code == "E-YEAR-FILE"], result.findings
    files = form_files(repo, [2017, 2018, 2019], settings=settings)
    schema = json.loads(files["form/schema-2019.json"])
    innovation = schema["properties"]["innovation"]
    assert innovation["title"] == "一、创新驱动发展工程"
    assert innovation["description"].endswith("（条款 1、1.1–1.6）"), innovation
    assert schema["$defs"]["Innovation"]["properties"]["services"]["description"].endswith("（条款 1、1.3–1.6）")
    help_ = json.loads(files["form/guide-2019.json"])["labels"]["help"]
    assert help_["YearReport.innovation"].endswith("（条款 1、1.1–1.6）")
    assert help_["Innovation.services"].endswith("（条款 1、1.3–1.6）")
    for name, content in before.items():
        if "2017" in name or "2018" in name:
            assert files[name] == content, name


@pytest.mark.slow
@pytest.mark.parametrize(("change", "read"), [("an ended clause (2.1)", False), ("new points", True)])
def test_the_rubric_page_reads_no_ended_clause(tmp_path: Path, change: str, read: bool) -> None:
    """The default readings are the newest year's: a clause its text ended has none. The earlier
    years keep theirs, listed below it: a new year takes none of theirs off the page."""
    root = _tree(tmp_path, CHANGES[change])
    docs = tmp_path / "docs"
    generate(root, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    page = html.unescape((docs / "rubric" / "index.md").read_text("utf-8"))
    readings = page[page.index("{#interpretations}"):page.index("{#interpretations-earlier}")]
    earlier = page[page.index("{#interpretations-earlier}"):page.index("{#rubric-2019}")]
    assert "（2019 年度的指南和细则）" in readings
    assert ("首批承能试点学会（条款 2.1）" in readings) is read
    assert "「有较大提升」（条款 2.3）" in readings
    # 2017's and 2018's pilot reading, the same in both, is theirs whatever 2019 says.
    pilot = re.compile(r"<td[^>]*>2017、2018</td>\s*<td[^>]*>首批承能试点学会（条款 2.1）</td>")
    assert bool(pilot.search(earlier)) is not read
    for year in (2017, 2018):  # each year's own evaluation window
        assert f"{year} 年度为 " in earlier


def test_a_renamed_kind_keeps_its_clauses_place_on_the_rubric_page(tmp_path: Path) -> None:
    """党建 renamed 学会党建 in 2019: its rule, written anew, comes last in the rubric file; the
    rubric page lists it under 7.3 all the same, between 7.2 and 7.4."""
    root = _tree(tmp_path, CHANGES["a renamed kind (party building)"])
    site = load(root, SiteSettings(repo_url="https://github.com/example/r"), "2001-02-03")
    [(_, page)] = list(rubric_page.pages(site))
    year = page[page.index("{#rubric-2019}"):page.index("{#rubric-2018}")]
    year = year[year.index("### ", year.index("{#rubric-2019-changes}")):]  # the tables, after the changes
    rows = [year.index(label) for label in ("科技扶贫：", "学会党建：", "人才基地：", "重大活动：")]
    assert rows == sorted(rows), rows


def test_the_scaffold_s_leftovers_are_said_once_the_text_is_retitled(tmp_path: Path) -> None:
    """The scaffold's title (“…（沿用2017年学会重点工作指南）”) and the carried statement are
    true of the copied text; once the staff retitle the text, `check` names both, and the
    scaffold's own commented statement settles it."""
    from validators.year.consistency import year_problems

    root = tmp_path / "tree"
    root.mkdir()
    last = available_years()[-1]
    new = last + 1
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "new-year", str(new)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    own_text = root / "validators" / "guidelines" / f"{new}.txt"
    old_title = text_year(last) and (GUIDELINES_DIR / f"{text_year(last)}.txt").read_text("utf-8").splitlines()[1]
    assert old_title
    new_title = f"{new}年学会重点工作指南"
    own_text.write_text(own_text.read_text("utf-8").replace(old_title, new_title, 1), encoding="utf-8")
    guideline_yaml = root / "validators" / "guidelines" / f"{new}.yaml"
    rubric_yaml = root / "validators" / "rubrics" / f"{new}.yaml"
    reread_guidelines()
    reread_rubrics()
    problems = {(p.file, p.line): p.message for p in year_problems(root)}
    title_line = 1 + guideline_yaml.read_text("utf-8").splitlines().index(f"title: {new}年度评估（沿用{old_title}）")
    carried_line = 1 + rubric_yaml.read_text("utf-8").splitlines().index(f"carried_forward_from: {last}")
    assert "提到" in problems.pop((f"validators/guidelines/{new}.yaml", title_line))
    inherited = problems.pop((f"validators/rubrics/{new}.yaml", carried_line))
    assert "statement" in inherited
    # Said at `carried_forward_from`: where to fix it (this year's file), and never in the earlier one.
    assert f"网站把它印在 {new} 年度的细则下" in inherited
    assert f"请在本年度的文件 validators/rubrics/{new}.yaml 中写出改正后的值（列表中的一项用 edit 按名称改写）" in inherited
    assert f"不要改动 {last} 年度的文件" in inherited
    # The source still names the copied text's guideline: said as before.
    assert all("source" in m for m in problems.values()), problems
    # What the scaffold's comments say to write.
    guideline_yaml.write_text(guideline_yaml.read_text("utf-8").replace(
        f"title: {new}年度评估（沿用{old_title}）", f"title: {new_title}\nsource: 《{new_title}》"), encoding="utf-8")
    rubric_yaml.write_text(rubric_yaml.read_text("utf-8").replace("# statement: ", "statement: "), encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    assert year_problems(root) == []


def test_a_new_year_whose_calendar_is_ahead_is_written_without_a_word_on_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The warning on a calendar already past is said only when its final day is past."""
    from validators.cli import main
    from validators.year import cycle

    root = tmp_path / "tree"
    shutil.copytree(ROOT / "submissions", root / "submissions")
    new = available_years()[-1] + 1
    monkeypatch.setattr(cycle, "today", lambda: dt.date(new - 1, 6, 1))
    assert main(["--root", str(root), "new-year", str(new)]) == 0
    assert "最终结果日" not in capsys.readouterr().err


def test_the_scaffold_shows_a_new_service_kind_as_the_tested_change_writes_it() -> None:
    """The staff copy the scaffold's commented example: uncommented, it is the change above that
    scores a new 1.4 kind (both the kind and its clause; the kind alone scored under 一's rule)."""
    last = guideline(available_years()[-1])
    assert last is not None
    lines = guideline_file(2030, last, last.year, "", last).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# 新的服务类型"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("#  ")
               and not lines[i].startswith("# clause_service_kinds") and not lines[i].startswith('#   "'))
    example = "kinds:\n" + "\n".join(line.removeprefix("# ") for line in lines[start + 1:end])
    assert "2030.txt" in lines[start]
    assert yaml.safe_load(example) == yaml.safe_load(textwrap.dedent(CHANGES["a new service kind (1.4)"].guideline))


@pytest.mark.parametrize(("kind", "written", "at", "said"), [
    # The staff's slip: the entry to edit written at the depth of its `edit:`.
    ("guidelines", "kinds:\n  major_work_kinds:\n    edit:\n    党建: {label: 学会党建}\n    remove: [科技扶贫]\n",
     "    党建:", "edit: 下面什么也没写（空值），而“党建”与 edit 写在同一层，不是 add、edit、remove："
                "“党建”大概应写在 edit: 下面，再多缩进两个空格。"),
    ("guidelines", "kinds:\n  major_work_kinds:\n    remove: [科技扶平]\n", "    remove:", "你是不是想写“科技扶贫”？"),
    ("rubrics", 'major_work:\n  学会党建: {clause: "7.3", points: 2, max_count: 1, label: 学会党建工作}\n',
     "  学会党建:", "是不是应写在 kind 下面（多缩进两个空格）？"),
])
def test_a_slip_in_a_new_year_s_edits_is_said_at_its_line(tmp_path: Path, kind: str, written: str, at: str,
                                                          said: str) -> None:
    """What a staff member writes into the year `new-year` scaffolds: the slip is said where it
    stands, with what was most likely meant."""
    root = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, root / folder)
    new = available_years()[-1] + 1
    subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "new-year", str(new)],
                   capture_output=True, text=True, check=True, cwd=ROOT)
    path = root / "validators" / kind / f"{new}.yaml"
    text = path.read_text("utf-8") + written
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(next(t for t in text.split("\n") if t.startswith(at))) + 1
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check", "--format", "json"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    # Errors: the scaffold's placeholder note, left on a year already open, is besides a warning.
    said_of_it = [f for f in json.loads(done.stdout)["findings"]
                  if f["file"] == f"validators/{kind}/{new}.yaml" and f["severity"] == "error"]
    assert said_of_it, done.stdout[-2000:]
    assert {(f["code"], f["severity"], f["line"], f["column"]) for f in said_of_it} == {
        ("E-YEAR-FILE", "error", line, len(at) - len(at.lstrip()) + 1)}
    assert all(said in f["message"] for f in said_of_it), said_of_it
