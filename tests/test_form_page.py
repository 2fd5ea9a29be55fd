"""The form page's files: the year schema with its criteria, data kept as JSON, no data in HTML."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from pathlib import Path

import pytest

from site_builder.form_labels import FIELD_TITLES, guide_data
from site_builder.form_page import (
    ASSET_SOURCE,
    PAGE,
    SiteSettings,
    form_files,
    page_markdown,
    site_settings,
    society_files,
    write_form,
)
from site_builder.phase import CONTESTED
from tests.trees import ROOT, base_tree, profile, write_tree
from tests.year_trees import renumbered_year_tree
from validators.association.objection_items import named_entries
from validators.check import check_tree
from validators.repository import Repository
from validators.schema import json_schema
from validators.year.guideline import available_years, guideline

SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & {: onclick="x"} javascript:alert(3)'


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    tree = write_tree(tmp_path / "repo", {
        "submissions/cd-hostile/society.yaml": profile("cd-hostile"),
        "submissions/cd-hostile/2017.yaml": f"""
            society: cd-hostile
            year: 2017
            major_work:
              - id: mw-a
                kind: 党建
                title: '{HOSTILE}'
                date: 2017-07-01
                description: 党建工作
            """,
    })
    _, repo = check_tree(tree)
    return repo


@pytest.fixture
def written(tmp_path: Path, repo: Repository) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    write_form(docs, repo, settings=SETTINGS)
    return docs


def _carries_its_criteria(written: Path, root: Path | None = None) -> None:
    """Each year's schema says each category's province count as that year's file sets it."""
    for year in available_years(root):
        rules = guideline(year, root)
        assert rules is not None
        schema = json.loads((written / "form" / f"schema-{year}.json").read_text(encoding="utf-8"))
        assert schema == json_schema("submission", year, root)
        conditions = schema["$defs"]["AcademicEvent"]["allOf"]
        descriptions = json.dumps(conditions, ensure_ascii=False)
        counts = {c.criteria.min_provinces for c in rules.kinds.event_categories if c.criteria.min_provinces}
        assert counts, year
        for count in counts:
            assert f"须有 {count} 个及以上外省（区、市）的科技人员作报告" in descriptions, (year, count)
        assert schema["properties"]["year"]["const"] == year


def test_year_schemas_carry_the_category_criteria(written: Path) -> None:
    _carries_its_criteria(written)


def test_an_added_year_s_schema_carries_its_own_criteria(tmp_path: Path) -> None:
    """A 2019 that raises 5.2 to 8 provinces: its schema says 8, 2017's and 2018's say 6."""
    root = renumbered_year_tree(tmp_path / "tree")
    _, repo = check_tree(root)
    docs = tmp_path / "docs"
    docs.mkdir()
    write_form(docs, repo, settings=SETTINGS)
    _carries_its_criteria(docs, root)
    said = (docs / "form" / "schema-2019.json").read_text(encoding="utf-8")
    assert "须有 8 个及以上外省（区、市）的科技人员作报告" in said
    assert "须有 6 个及以上外省" not in said


def test_reports_are_json_and_the_page_holds_no_data(written: Path) -> None:
    data = json.loads((written / "form" / "reports" / "cd-hostile.json").read_text(encoding="utf-8"))
    assert data["reports"]["2017"]["major_work"][0]["title"] == HOSTILE
    raw = (written / "form" / "reports" / "cd-hostile.json").read_text(encoding="utf-8")
    assert "&lt;" not in raw
    assert "&amp;" not in raw
    page = (written / PAGE).read_text(encoding="utf-8")
    assert "cd-hostile" not in page
    assert "alert" not in page
    assert '<div id="report-form"' in page
    config = json.loads((written / "form" / "config.json").read_text(encoding="utf-8"))
    assert config["repo_url"] == "https://github.com/example/registry"
    assert config["societies"] == [{"id": "cd-hostile", "name": "成都市cd-hostile学会（示例）", "years": [2017],
                                    "filed": [2017], "heads": [],
                                    "corrections": {}, "verified": {}}]
    # No site_url: the downloaded files name the schema as a file inside a clone would.
    assert config["modelines"]["submission"] == "yaml-language-server: $schema=../../schema/submission.schema.json"


def test_a_published_report_keeps_what_its_file_wrote_and_only_that(tmp_path: Path) -> None:
    """The form opens a published report from its JSON: an explicit `false` stays (the pages say
    “否” of it and “未填报” of a field never written), and nothing the file did not write is added."""
    tree = write_tree(tmp_path / "repo", {
        "submissions/cd-plain/society.yaml": profile("cd-plain"),
        "submissions/cd-plain/2018.yaml": """
            society: cd-plain
            year: 2018
            government_functions:
              pilot: false
              functions:
                - {id: fn-a, title: 科技成果评价, commissioner: 成都市科学技术局, method: 委托,
                   start: 2018-05-01, end: 2018-10-01, amount_wan: 18.0, new: false}
            academic_events:
              - {id: evt-a, title: 学术沙龙, category: 其他学术交流, role: 主办, date: 2018-06-01, participants: 40}
            """,
    })
    _, repo = check_tree(tree)
    report = json.loads(form_files(repo, settings=SETTINGS)["form/reports/cd-plain.json"])["reports"]["2018"]
    assert report["government_functions"]["pilot"] is False
    assert report["government_functions"]["functions"][0]["new"] is False
    assert set(report["academic_events"][0]) == {"id", "title", "category", "role", "date", "participants"}


def test_a_report_file_that_does_not_load_still_counts_as_filed(tmp_path: Path) -> None:
    """The form tells a society with no report of a closed year that a new one is refused, as the
    pull request's gate does; the gate asks whether the file exists, read or not: a broken
    published report may still be corrected, so the society is not told its report is new."""
    tree = write_tree(tmp_path / "repo", {
        "submissions/cd-broken/society.yaml": profile("cd-broken"),
        "submissions/cd-broken/2018.yaml": "society: cd-broken\nyear: 2018\nmajor_work: [\n",
    })
    _, repo = check_tree(tree)
    assert ("cd-broken", 2018) in repo.broken
    config = json.loads(form_files(repo, settings=SETTINGS)["form/config.json"])
    [entry] = config["societies"]
    assert (entry["years"], entry["filed"]) == ([], [2018])


def test_downloaded_files_name_the_published_schema(tmp_path: Path, repo: Repository) -> None:
    published = SiteSettings(site_url="https://cast.example.org/registry/")
    config = json.loads(form_files(repo, settings=published)["form/config.json"])
    assert config["modelines"] == {
        "submission": "yaml-language-server: $schema=https://cast.example.org/registry/downloads/schema/submission.schema.json",
        "society": "yaml-language-server: $schema=https://cast.example.org/registry/downloads/schema/society.schema.json"}


def test_assets_and_guide_files_are_written(written: Path) -> None:
    for name in ("form.js", "form.css", "vendor/ajv2020.min.js", "vendor/js-yaml.min.js",
                 "vendor/ajv.LICENSE", "vendor/js-yaml.LICENSE", "labels.json", "schema-society.json"):
        assert (written / "form" / name).is_file(), name
    guide = json.loads((written / "form" / "guide-2017.json").read_text(encoding="utf-8"))
    rules = guideline(2017)
    assert guide == guide_data(rules)
    assert guide["clauses"]["5.2"] == rules.clauses["5.2"]


def _properties(schema: dict) -> list[str]:
    keys = [f"YearReport.{p}" for p in schema["properties"]]
    for name, definition in schema.get("$defs", {}).items():
        keys += [f"{name}.{p}" for p in definition.get("properties", {})]
    return keys


@pytest.mark.parametrize("year", available_years())
def test_every_field_has_a_chinese_name(year: int) -> None:
    """Each field of the year's form has its name: the site's, or (for an area the year adds)
    the one its guide file carries; an area itself is named by its year's words."""
    rules = guideline(year)
    assert rules is not None
    areas = {a.key for a in rules.areas}
    named = {**FIELD_TITLES, **guide_data(rules)["labels"]["fields"]}
    submission = _properties(json_schema("submission", year))
    society = [f"SocietyProfile.{p}" for p in json_schema("society")["properties"]]
    unnamed = [k for k in submission + society
               if k not in named and not (k.startswith("YearReport.") and k.split(".")[1] in areas)]
    assert not unnamed, f"name these fields in site_builder/form_labels.py: {unnamed}"
    assert all(re.search(r"[\u4e00-\u9fff]", named[k]) for k in submission if k in named)


def test_site_settings_read_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nrepo_url: https://github.com/cast/registry/\nedit_uri: edit/trunk/docs/\n"
        "use_directory_urls: false\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  token: !ENV [TOKEN, none]\n", encoding="utf-8")
    settings = site_settings(config)
    assert settings == SiteSettings("https://github.com/cast/registry", "trunk", directory_urls=False)
    assert settings.schema_base is None
    assert site_settings(tmp_path / "missing.yml") == SiteSettings()
    config.write_text("site_name: x\nsite_url: https://cast.example.org/registry\n", encoding="utf-8")
    assert site_settings(config).schema_base == "https://cast.example.org/registry/downloads/schema/"
    assert 'src="./form.js"' in page_markdown()


def test_a_second_run_rewrites_nothing_and_drops_stale_files(written: Path, repo: Repository) -> None:
    stale = written / "form" / "reports" / "cd-gone.json"
    stale.write_text("{}", encoding="utf-8")
    stamps = {p: p.stat().st_mtime_ns for p in written.rglob("*") if p.is_file() and p != stale}
    paths = write_form(written, repo, settings=SETTINGS)
    assert not stale.exists()
    assert all(p.stat().st_mtime_ns == stamps[p] for p in paths)


def test_vendored_files_match_their_recorded_checksums() -> None:
    vendor = ASSET_SOURCE / "vendor"
    notes = (vendor / "VENDORED.md").read_text(encoding="utf-8").splitlines()
    recorded = {line.split()[1]: line.split()[0] for line in notes
                if line.startswith("    ") and len(line.split()) == 2}
    assert set(recorded) == {p.name for p in vendor.glob("*.js")}
    for name, digest in recorded.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("year", available_years())
def test_the_form_says_each_day_s_phase_as_the_calendar_does(year: int) -> None:
    rules = guideline(year)
    assert rules is not None
    assert rules.calendar is not None
    spans = guide_data(rules)["phases"]
    assert [s["phase"] for s in spans] == ["not_open", "submission", "verification", "notice", "verification", "final"]
    for span in spans:
        for edge in (span["from"], span["to"]):
            if edge is not None:
                assert rules.calendar.phase(dt.date.fromisoformat(edge)).value == span["phase"], edge
        assert str(year) in span["sentence"]
    # Days follow each other: every day is in exactly one span.
    for before, after in itertools.pairwise(spans):
        assert dt.date.fromisoformat(before["to"]) + dt.timedelta(days=1) == dt.date.fromisoformat(after["from"])
    assert [s["phase"] for s in guide_data(rules, frozen=True)["phases"]] == ["final"]


def test_the_how_to_page_points_at_its_own_steps() -> None:
    """「从第 4 步“看检查结果”接着看」: every step the page names is the heading it says."""
    page = (ROOT / "docs" / "submit.md").read_text(encoding="utf-8")
    named = re.findall(r"第 (\d) 步“([^”]+)”", page)
    assert named
    for number, title in named:
        assert f"## 第 {number} 步：{title}" in page, (number, title)
    assert page.index("第 1 步") < page.index("打开[在线填报]")  # the account comes first


def test_phase_sentences_space_their_dates() -> None:
    """“至 2027 年 12 月 31 日”, as every other sentence spaces a date from the words before it."""
    for year in available_years():
        rules = guideline(year)
        assert rules is not None
        said = " ".join(p["sentence"] for p in guide_data(rules)["phases"])
        assert not re.search(r"[至于][0-9]", said), said


def test_a_changed_item_is_said_to_lose_its_verification_like_a_new_one() -> None:
    """A secretary correcting a verified item during the notice read “新提交的项目…不计分” as not
    about her: a changed item's content no longer matches its verdict (content_digest), so it
    waits for the association again, and the sentence says so."""
    from site_builder.form_labels import phase_sentences
    from validators.association.item_content import content_digest
    from validators.models.academic_events import AcademicEvent

    rules = guideline(2018)
    assert rules is not None
    by_phase = {p["phase"]: p["sentence"] for p in phase_sentences(rules, frozen=False)}
    for phase in ("verification", "notice"):
        assert "新提交或改动的项目待核实：" in by_phase[phase], phase
    assert "新提交或改动的项目待核实：市科协重新核实之前不计分" in by_phase["notice"]
    # During verification a waiting item counts as reported when the year's rubric says so (2018's
    # does: phase.py's words on the pages), and not when it does not.
    assert "待核实：公示开始前暂按报告计分，公示起市科协重新核实之前不计分" in by_phase["verification"]
    strict = {p["phase"]: p["sentence"] for p in phase_sentences(rules, frozen=False, provisional=False)}
    assert "待核实：市科协重新核实之前不计分" in strict["verification"]
    event = {"id": "evt-a", "title": "学术沙龙", "category": "其他学术交流", "role": "主办",
             "date": dt.date(2018, 6, 1), "participants": 40}
    assert (content_digest("evt-a", AcademicEvent.model_validate(event))
            != content_digest("evt-a", AcademicEvent.model_validate({**event, "participants": 30})))


def test_a_year_past_its_final_day_but_not_finalized_is_not_said_to_be() -> None:
    """The form said "已定稿：评估结果不再改变" from the calendar's final day on, while the site said
    the year was not yet finalized (no results file): only a results file makes it so."""
    from site_builder.form_labels import phase_sentences

    rules = guideline(2018)
    assert rules is not None
    by_phase = {p["phase"]: p["sentence"] for p in phase_sentences(rules, frozen=False)}
    assert "已定稿" not in by_phase["final"]
    assert "由市科协定稿后" in by_phase["final"]
    [frozen] = phase_sentences(rules, frozen=True)
    assert "已定稿" in frozen["sentence"]


@pytest.mark.parametrize("year", available_years())
def test_a_renamed_district_is_hinted_as_check_hints_it(tmp_path: Path, year: int) -> None:
    """The guide file carries, for each district name a rename explains, the hint `check` gives
    (郫县: write 郫都区), so that the form says it instead of the list of every district."""
    rules = guideline(year)
    assert rules is not None
    renamed = guide_data(rules)["renamed"]["districts"]
    assert renamed
    assert not set(renamed) & set(rules.districts)
    services = "".join(f"""
                - id: svc-{i}
                  kind: 科技咨询
                  title: 咨询
                  enterprise: 示例企业
                  district: {name}
                  date: {rules.evaluation_window.deadline.isoformat()}
                  outcome: 成效
            """ for i, name in enumerate(renamed))
    tree = write_tree(tmp_path, {"submissions/cd-x/society.yaml": profile("cd-x"), f"submissions/cd-x/{year}.yaml": f"""
            society: cd-x
            year: {year}
            innovation:
              senior_experts_total: 10
              senior_experts_registered: 8
              services:{services}"""})
    result, _ = check_tree(tree)
    said = {f.path[2]: f.message for f in result.findings if f.code == "E-DISTRICT-UNKNOWN" and f.path}
    assert len(said) == len(renamed)
    for i, (name, hint) in enumerate(renamed.items()):
        assert said[i] == f"“{name}”不是 {year} 年成都市的区（市）县。{hint}"


def _verified(root: Path, day: dt.date) -> dict[str, dict[str, list[str]]]:
    """config.json's `verified` of each society, as the site built on `day` writes it."""
    _, repo = check_tree(root)
    config = json.loads(society_files(repo, [], SETTINGS, day)["form/config.json"])
    return {s["id"]: s["verified"] for s in config["societies"]}


# cd-computer's 2018 items and claims but svc-cloud-consult, which the staff asked material for
# (待补充材料), as the review names them (the claims at the head of their areas).
COMPUTER_2018 = ["enterprise_platform_registered", "senior_experts_registered", "svc-ai-talent", "pilot",
                 "fn-egov-evaluation", "station-pidu-software", "consortium-smart-manufacturing",
                 "evt-cs-annual-2018", "evt-blockchain-national", "rpt-fintech-hub", "mw-talent-base"]


def test_the_config_lists_the_items_verified_in_a_year_still_verified() -> None:
    """The form says at a verified item that changing it costs its points until it is verified
    again: the site lists, per society, the items the evaluation counts as 已核实 in 2018 (on
    notice), none of finalized 2017, and none once 2018 reaches its final day."""
    rules = guideline(2018)
    assert rules is not None
    assert rules.calendar is not None
    listed = _verified(ROOT, rules.calendar.notice_starts)
    assert listed["cd-computer"] == {"2018": COMPUTER_2018}
    assert all(set(years) <= {"2018"} for years in listed.values()), listed
    assert listed["cd-agri"] == {}  # no 2018 report
    # The site is built before verification and read later: the list is there already.
    assert _verified(ROOT, rules.calendar.submission_opens)["cd-computer"] == {"2018": COMPUTER_2018}
    assert all(not years for years in _verified(ROOT, rules.calendar.final).values())
    # A claim is compared by the fields it covers (1.2's rate: both counts).
    _, repo = check_tree(ROOT)
    config = json.loads(society_files(repo, [], SETTINGS, rules.calendar.notice_starts)["form/config.json"])
    assert config["claims"]["senior_experts_registered"] == ["senior_experts_total", "senior_experts_registered"]


def test_an_item_changed_or_verified_without_its_content_is_not_listed(tmp_path: Path) -> None:
    """An item changed after 其余全部核实 is 待核实 already; one whose verdict records no content
    stays verified however it changes (W-REVIEW-UNBOUND): neither is said to lose its points."""
    root = base_tree(tmp_path / "tree")
    report = root / "submissions" / "cd-computer" / "2018.yaml"
    text = report.read_text(encoding="utf-8")
    assert text.count("人工智能算法工程师引进对接") == 1
    report.write_text(text.replace("人工智能算法工程师引进对接", "人工智能算法工程师引进对接（修订）"), encoding="utf-8")
    review = root / "reviews" / "2018" / "cd-computer.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("items:\n", (
        "items:\n  - item: evt-cs-annual-2018\n    status: 已核实\n    reviewer: cast-reviewer\n"
        "    date: 2026-11-12\n"), 1), encoding="utf-8")
    rules = guideline(2018, root)
    assert rules is not None
    assert rules.calendar is not None
    listed = _verified(root, rules.calendar.notice_starts)["cd-computer"]["2018"]
    assert listed == [i for i in COMPUTER_2018 if i not in ("svc-ai-talent", "evt-cs-annual-2018")]


def _corrections(root: Path, day: dt.date) -> dict[str, dict[str, list[dict[str, object]]]]:
    """config.json's `corrections` of each society, as the site built on `day` writes it."""
    _, repo = check_tree(root)
    config = json.loads(society_files(repo, [], SETTINGS, day)["form/config.json"])
    return {s["id"]: s["corrections"] for s in config["societies"]}


def test_the_config_says_what_an_objection_allowing_a_correction_is_about_and_which_item() -> None:
    """The form named only obj-2018-01: the config carries its subject and the items it names, as
    the report page reads them (its 有异议 mark, the config's `contested`), for a year whose notice
    has not ended; none once it has."""
    rules = guideline(2018)
    assert rules is not None
    assert rules.calendar is not None
    _, repo = check_tree(ROOT)
    objection = next(o for o in repo.objections[2018].allowing_correction("cd-tcm"))
    named = named_entries(repo.reports[("cd-tcm", 2018)].report, objection.subject)
    assert [item for _, item, _ in named] == ["station-wenjiang-health"]  # 温江中医药健康产业学会服务站
    said = {"2018": [{"id": "obj-2018-01", "subject": objection.subject, "items": ["station-wenjiang-health"]}]}
    assert _corrections(ROOT, rules.calendar.notice_starts)["cd-tcm"] == said
    # Built before the notice and read on it: there already.
    assert _corrections(ROOT, rules.calendar.submission_opens)["cd-tcm"] == said
    assert all(not years for years in _corrections(ROOT, rules.calendar.notice_ends + dt.timedelta(days=1)).values())
    config = json.loads(society_files(repo, [], SETTINGS, rules.calendar.notice_starts)["form/config.json"])
    assert config["contested"] == CONTESTED == "有异议"
