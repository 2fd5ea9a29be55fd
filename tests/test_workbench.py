"""The workbench's data and the progress it reports: a report's state from its review file (as
scoring reads it), the board and the status page, 待补充材料 on the report page, and each case
file's items with Chinese fields, web-only evidence links and the item's own findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder import report_page, status, workbench
from site_builder.context import SiteData, load
from site_builder.form_page import SiteSettings
from tests.trees import base_tree
from validators.association.progress import ProgressState, year_progress
from validators.check import check_tree

SOCIETY, YEAR = "cd-mech-eng", 2018
SETTINGS = SiteSettings(repo_url="https://github.com/example/registry")


def _review(tree: Path, body: str) -> None:
    path = tree / "reviews" / str(YEAR) / f"{SOCIETY}.yaml"
    path.write_text(f"society: {SOCIETY}\nyear: {YEAR}\n{body}", encoding="utf-8")


def _state(tree: Path) -> tuple[ProgressState, int, list[str]]:
    _, repo = check_tree(tree)
    [found] = [p for p in year_progress(repo, YEAR) if p.society == SOCIETY]
    return found.state, found.decided, [r.item for r in found.requested]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return base_tree(tmp_path / "tree")


def test_the_state_of_a_report_follows_its_review_file(tree: Path) -> None:
    _review(tree, "")
    assert _state(tree)[0] is ProgressState.NOT_STARTED
    _review(tree, "rest: {status: 已核实, reviewer: cast-staff, date: 2026-11-20}\n")
    assert _state(tree)[0] is ProgressState.DONE
    _review(tree, "items:\n  - {item: svc-motor-rd, status: 不予认定, reason: 无证明, reviewer: cast-staff, date: 2026-11-20}\n")
    state, decided, _ = _state(tree)
    assert (state, decided) == (ProgressState.PARTLY, 1)
    # 待补充材料 leaves the report open even when the rest is verified.
    _review(tree, "items:\n  - {item: svc-motor-rd, status: 待补充材料, reason: 请补充服务确认函, reviewer: cast-staff, "
            "date: 2026-11-20}\nrest: {status: 已核实, reviewer: cast-staff, date: 2026-11-20}\n")
    state, _, requested = _state(tree)
    assert (state, requested) == (ProgressState.PARTLY, ["svc-motor-rd"])
    # A record the check condemns (an item the report lacks) decides nothing.
    _review(tree, "items:\n  - {item: svc-no-such, status: 已核实, reviewer: cast-staff, date: 2026-11-20}\n")
    assert _state(tree)[0] is ProgressState.NOT_STARTED


def _site(tree: Path) -> SiteData:
    return load(tree, SETTINGS, "2026-12-04")


def test_the_board_the_status_page_and_the_report_page_say_what_waits(tree: Path) -> None:
    _review(tree, "items:\n  - {item: svc-motor-rd, status: 待补充材料, reason: 请补充企业出具的服务确认函, "
            "reviewer: cast-staff, date: 2026-11-20}\n")
    site = _site(tree)
    files = workbench.workbench_files(site)
    page = files[workbench.PAGE].decode()
    board = year_progress(site.repo, YEAR)
    partly = sum(p.state is ProgressState.PARTLY for p in board)
    waiting = sum(len(p.requested) for p in board)
    assert partly >= 1
    assert f"部分核查 <strong>{partly}</strong> 个" in page
    assert f"待补充材料 <strong>{waiting}</strong> 项" in page
    config = json.loads(files[f"{workbench.ASSETS}/config.json"])
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    [row] = [s for s in year["societies"] if s["id"] == SOCIETY]
    assert (row["state"], row["requested"]) == ("部分核查", 1)
    assert not year["final"]
    assert next(y for y in config["years"] if y["year"] == 2017)["final"]
    assert "部分核查，待补充材料 1 项" in status.render(site, YEAR)
    doc = site.repo.reports[(SOCIETY, YEAR)]
    shown = report_page.render(site, doc)
    assert "待补充材料：1 项" in shown
    assert "请补充企业出具的服务确认函" in shown
    title = next(x.title for x in doc.report.innovation.services if x.id == "svc-motor-rd")  # type: ignore[union-attr]
    assert f"**{title}**" in shown  # named by its title, not its id
    # A claim waits under the rubric's own label for the line it earns.
    _review(tree, "items:\n  - {item: enterprise_platform_registered, status: 待补充材料, reason: 请补充注册截图, "
            "reviewer: cast-staff, date: 2026-11-20}\n")
    again = _site(tree)
    label = again.rubric(YEAR).innovation.platform_registered.label  # type: ignore[union-attr]
    assert f"**{label}**" in report_page.render(again, again.repo.reports[(SOCIETY, YEAR)])
    other = site.repo.reports[("cd-tcm", YEAR)]
    assert "待补充材料" not in report_page.render(site, other).split("评估明细")[0]


def test_a_case_names_each_field_in_chinese_and_links_only_to_the_web(tree: Path) -> None:
    site = _site(tree)
    case = workbench.case_data(site, site.repo.reports[(SOCIETY, YEAR)])
    items = {i["id"]: i for a in case["areas"] for i in a["items"]}
    assert set(items) >= {"enterprise_platform_registered", "senior_experts_registered", "pilot", "svc-motor-rd"}
    fields = dict(items["svc-motor-rd"]["fields"])
    assert fields["服务类型"] == "研发指导"
    assert fields["服务日期"] == "2018-04-12"
    assert all(e["href"] is None or e["href"].startswith(("https://", "http://"))
               for i in items.values() for e in i["evidence"])
    assert case["review_file"] == f"reviews/{YEAR}/{SOCIETY}.yaml"
    assert case["review"] is not None
    # The plan scores what the published evaluation scores when everything is verified.
    evaluation = site.evaluation(SOCIETY, YEAR)
    assert evaluation is not None
    paid = sum(u["points"] for u in case["plan"]["units"])
    assert paid >= evaluation.total


def test_an_items_findings_travel_with_it(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    path = tree / "submissions" / SOCIETY / f"{YEAR}.yaml"
    # A service dated after the evaluation window: an error of that item alone.
    path.write_text(path.read_text("utf-8").replace("date: 2018-04-12", "date: 2019-04-12", 1), "utf-8")
    site = _site(tree)
    case = workbench.case_data(site, site.repo.reports[(SOCIETY, YEAR)])
    items = {i["id"]: i for a in case["areas"] for i in a["items"]}
    assert any(f["severity"] == "error" for f in items["svc-motor-rd"]["findings"])
    assert not items["svc-finance-match"]["findings"]


def test_an_items_findings_name_the_field_they_are_at(tmp_path: Path) -> None:
    """The same warning on two fields of one item says which field each is: without it the
    workbench listed one sentence twice."""
    tree = base_tree(tmp_path / "tree")
    path = tree / "submissions" / SOCIETY / f"{YEAR}.yaml"
    text = path.read_text("utf-8").replace("title: 伺服电机控制算法研发指导", "title: <b>伺服电机</b>控制算法研发指导", 1)
    path.write_text(text.replace("outcome: 组织控制理论专家驻厂指导", "outcome: <i>组织</i>控制理论专家驻厂指导", 1), "utf-8")
    site = _site(tree)
    case = workbench.case_data(site, site.repo.reports[(SOCIETY, YEAR)])
    [item] = [i for a in case["areas"] for i in a["items"] if i["id"] == "svc-motor-rd"]
    marked = [f for f in item["findings"] if "HTML 或 Markdown 标记" in f["message"]]
    assert sorted(f["field"] for f in marked) == ["服务名称", "服务成效"]
    assert {f["field"] for f in case["findings"]} <= {None}  # the report's own findings are at no item's field


def test_a_final_years_case_carries_its_frozen_result_not_todays_rubric(tree: Path) -> None:
    """A rubric changed after 2017 was finalized moved the read-only workbench's total (44.5)
    away from results/2017.json and the society page (42.5): the case now carries the frozen
    evaluation, which the page shows instead of scoring the plan again."""
    society = "cd-computer"
    rubric = tree / "validators" / "rubrics" / "2017.yaml"
    text = rubric.read_text("utf-8")
    old = 'platform_registered: {clause: "1.1", points: 3,'
    assert old in text
    rubric.write_text(text.replace(old, 'platform_registered: {clause: "1.1", points: 5,'), "utf-8")
    site = _site(tree)
    frozen = next(e for e in site.frozen[2017].evaluations if e.society == society)
    case = workbench.case_data(site, site.repo.reports[(society, 2017)])
    final = case["final"]
    assert final is not None
    assert (final["total"], final["tier"]) == (frozen.total, frozen.tier)
    assert final["subtotals"] == frozen.subtotals
    assert final["items"]["enterprise_platform_registered"] == 3  # as frozen, not today's 5
    assert final["finalized_on"] == site.frozen[2017].finalized_on.isoformat()
    # Today's plan pays the changed points: what the page showed before.
    [unit] = [u for u in case["plan"]["units"] if u["id"] == "enterprise_platform_registered"]
    assert unit["points"] == 5
    # An open year has no frozen result: the page scores its verdicts.
    assert workbench.case_data(site, site.repo.reports[(SOCIETY, YEAR)])["final"] is None


def test_evidence_the_check_refuses_on_its_text_is_shown_not_linked(tmp_path: Path) -> None:
    """`javascript:alert(4)` was linked to github.com/.../submissions/<society>/javascript%3Aalert%284%29:
    only web addresses and files of the society's folder open; the rest is text (check refuses it)."""
    tree = base_tree(tmp_path / "tree")
    path = tree / "submissions" / SOCIETY / f"{YEAR}.yaml"
    refs = ["javascript:alert(4)", "data:text/html,<b>x</b>", "/etc/passwd", "../cd-tcm/a.pdf", "evidence/setup.exe",
            "evidence/motor.pdf", "./evidence/motor.pdf"]
    listed = "".join(f"\n        - \"{r}\"" for r in refs)
    text = path.read_text("utf-8")
    web = "        - https://example.org/cast-sample/cd-mech-eng/2018/svc-motor"
    assert web in text
    path.write_text(text.replace(web, web + listed, 1), "utf-8")
    site = _site(tree)
    doc = site.repo.reports[(SOCIETY, YEAR)]
    case = workbench.case_data(site, doc)
    [item] = [i for a in case["areas"] for i in a["items"] if i["id"] == "svc-motor-rd"]
    href = {e["text"]: e["href"] for e in item["evidence"]}
    assert href["https://example.org/cast-sample/cd-mech-eng/2018/svc-motor"].startswith("https://example.org/")
    for bad in refs[:5]:  # an .exe, of no kind the staff may open (E-EVIDENCE-FILE-TYPE), is not linked
        assert href[bad] is None, bad
    base = f"{SETTINGS.repo_url}/blob/"
    assert href["evidence/motor.pdf"].startswith(base)
    assert href["evidence/motor.pdf"].endswith(f"/submissions/{SOCIETY}/evidence/motor.pdf")
    assert href["./evidence/motor.pdf"] == href["evidence/motor.pdf"]
    # The report page reads the references the same way.
    page = report_page.render(site, doc)
    links = [part.split('"')[0] for part in page.split('href="')[1:]]
    assert not [link for link in links if "alert" in link or "data%3A" in link or "passwd" in link
                or "setup.exe" in link], links
    assert "javascript&#58;alert&#40;4&#41;" in page  # shown as text


def test_a_report_with_a_refused_item_is_finished_not_all_verified(tree: Path) -> None:
    """2017 成都高新区园区科协 has an item 不予认定 and was labelled 全部核实 on the board and in the
    list: the state means every item has a verdict, and says so."""
    _review(tree, "items:\n  - {item: svc-motor-rd, status: 不予认定, reason: 无证明, reviewer: cast-staff, date: 2026-11-20}\n"
            "rest: {status: 已核实, reviewer: cast-staff, date: 2026-11-20}\n")
    assert _state(tree)[0] is ProgressState.DONE
    assert ProgressState.DONE.label == "核查完毕"
    assert not [s.label for s in ProgressState if "核实" in s.label]
    site = _site(tree)
    config = json.loads(workbench.workbench_files(site)[f"{workbench.ASSETS}/config.json"])
    [year] = [y for y in config["years"] if y["year"] == 2017]
    assert next(s for s in year["societies"] if s["id"] == "cd-hitech-park")["state"] == "核查完毕"
    assert "核查完毕" in status.render(site, 2017)


def test_the_workbench_says_a_wrong_expert_number_and_reviewer_in_the_checks_words(tree: Path) -> None:
    """The words the workbench puts under an expert number or a reviewer that is not one are the
    check's own sentences for them, with the field's own example (expert-a, cast-staff)."""
    from validators.association.browser_review import browser_review_words

    _review(tree, "rest: {status: 已核实, reviewer: 张三, date: 2026-11-20}\n"
            "marks:\n  - {criterion: event-quality, expert: Expert-C, mark: 3, date: 2026-11-20}\n")
    result, _ = check_tree(tree)
    said = {f.message for f in result.findings if f.code == "E-SCHEMA-PATTERN"}
    words = browser_review_words()
    assert "“专家编号”（expert）" + words["expert_pattern"] in said
    assert "“核查人”（reviewer）" + words["reviewer_pattern"] in said
    assert words["expert_pattern"] == "应由小写英文字母、数字和单个连字符组成，如 expert-a。"
    config = json.loads(workbench.workbench_files(_site(tree))[f"{workbench.ASSETS}/config.json"])
    assert config["words"] == words


def test_material_requested_says_how_it_reaches_the_association_in_the_years_phase(tree: Path) -> None:
    """The report page said only 「补充前这些项目按核查规则计分（公示起不计分）」: after the deadline
    the society's own pull request adding the material is refused (E-CYCLE-CLOSED) unless an admin
    makes it, or, on notice, an open objection allows a correction. The page and the workbench now
    say the way the pull-request gate leaves, in the year's phase, with the calendar's dates."""
    import datetime as dt

    from site_builder import phase
    from validators.year.cycle import full_date

    _review(tree, "items:\n  - {item: svc-motor-rd, status: 待补充材料, reason: 请补充企业出具的服务确认函, "
            "reviewer: cast-staff, date: 2026-11-20}\n")
    site = _site(tree)
    calendar = site.guideline(YEAR).calendar
    assert calendar is not None
    on_notice = phase.material_route(site, YEAR, calendar.notice_starts)
    assert "不计分" in on_notice
    assert "允许该学会更正的异议" in on_notice
    assert "由市科协管理员提交" in on_notice
    assert full_date(calendar.notice_ends) in on_notice
    verifying = phase.material_route(site, YEAR, calendar.submission_closes + dt.timedelta(days=1))
    assert "期限检查拒绝" in verifying
    assert "由市科协管理员提交" in verifying
    assert f"{full_date(calendar.notice_starts)}公示起不计分" in verifying
    filing = phase.material_route(site, YEAR, calendar.submission_closes)
    assert full_date(calendar.submission_closes) in filing
    assert "学会负责人批准" in filing
    assert "管理员" not in filing
    after = phase.material_route(site, YEAR, calendar.notice_ends + dt.timedelta(days=1))
    assert "公示已于" in after
    assert "不计分" in after
    # The report page says the build day's words (the site is built on notice) and carries the
    # later days' for the reader's day.
    shown = report_page.render(site, site.repo.reports[(SOCIETY, YEAR)])
    # A society's own page says which way is its own: this one has no objection allowing a correction.
    own = phase.material_route(site, YEAR, calendar.notice_starts, SOCIETY)
    assert "本学会没有允许更正报告的异议（受理中）：请把证明材料交给市科协，由市科协管理员提交" in own
    assert "只有市科协记录了" not in own
    assert own in shown
    assert "按核查规则计分" not in shown
    assert phase.DATA_ATTRIBUTE in shown.split("待补充材料：1 项")[1].split("请补充企业出具的服务确认函")[0]
    # The workbench has the same words for the same days.
    config = json.loads(workbench.workbench_files(site)[f"{workbench.ASSETS}/config.json"])
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    assert year["material"]["turns"][0] == ["2026-12-04", on_notice]
    assert [after] == [words for _, words in year["material"]["turns"][1:2]]


def test_a_society_allowed_to_correct_is_told_its_own_way_for_material(tree: Path) -> None:
    """The box said “只有市科协记录了允许该学会更正的异议……否则请把证明材料交给市科协” to a
    society whose report page also offered the form to correct it (obj-2018-01): it now names
    the objection, in `<code>`, and the way it opens; the workbench's words stay general."""
    from site_builder import phase
    from site_builder.markup import text

    society = "cd-tcm"
    path = tree / "reviews" / str(YEAR) / f"{society}.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "rest:", "items:\n  - {item: station-wenjiang-health, status: 待补充材料, reason: 请补充服务站活动记录。, "
        "reviewer: cast-staff, date: 2026-11-20}\nrest:", 1), "utf-8")
    site = _site(tree)
    calendar = site.guideline(YEAR).calendar
    assert calendar is not None
    own = phase.material_route(site, YEAR, calendar.notice_starts, society)
    assert "允许本学会更正报告的异议 obj-2018-01（受理中）：学会可以在公示期内自己提交补充的证明材料" in own
    assert "否则" not in own
    shown = report_page.render(site, site.repo.reports[(society, YEAR)])
    assert f"允许本学会更正报告的异议 <code>{text('obj-2018-01')}</code>（受理中）" in shown
    general = phase.material_route(site, YEAR, calendar.notice_starts)
    config = json.loads(workbench.workbench_files(site)[f"{workbench.ASSETS}/config.json"])
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    assert year["material"]["turns"][0][1] == general


def test_the_files_the_workbench_writes_keep_the_repository_files_leading_comments(tree: Path) -> None:
    """Given to the page at build time: the comment lines before the first key (without "# "),
    not those further down, and none for a file the repository does not have."""
    objections = tree / "reviews" / str(YEAR) / "objections.yaml"
    lines = objections.read_text("utf-8").splitlines()
    leading = [line.removeprefix("# ") for line in lines[:lines.index(f"year: {YEAR}")]]
    assert leading[0].startswith("示例数据（虚构）")
    _review(tree, "rest: {status: 已核实, reviewer: cast-staff, date: 2026-11-20}\n# 不在开头的注释\n")
    review = tree / "reviews" / str(YEAR) / f"{SOCIETY}.yaml"
    review.write_text("\ufeff# 第一行\n#\n\n#   缩进的说明  \n" + review.read_text("utf-8"), "utf-8")
    files = workbench.workbench_files(_site(tree))
    config = json.loads(files[f"{workbench.ASSETS}/config.json"])
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    assert year["objections_comments"] == leading
    case = json.loads(files[workbench.case_file(SOCIETY, YEAR)])
    assert case["review_comments"] == ["第一行", "", "  缩进的说明"]
    [final] = [y for y in config["years"] if y["year"] == YEAR - 1]
    assert final["objections_comments"] == []  # the year has no objections file


def test_an_objection_id_of_digits_is_coded_once_and_no_date_is_touched(tree: Path) -> None:
    """The material box wrapped every run of an id's characters in `<code>`: with the objection's id
    `1` (a slug), “2027 年 12 月 31 日” became “2027 年 <code>1</code>2 月 3<code>1</code> 日”. The id
    is coded where the words name it, and nowhere else."""
    from site_builder import phase

    objections = tree / "reviews" / str(YEAR) / "objections.yaml"
    objections.write_text(objections.read_text("utf-8").replace("id: obj-2018-01", "id: '1'"), "utf-8")
    site = _site(tree)
    said = phase.material_said(site, YEAR, "cd-tcm")
    assert said.count("<code>") == said.count("允许本学会更正报告的异议 <code>1</code>（受理中）") >= 1


def test_evidence_nested_in_an_item_is_listed_with_the_part_it_proves(tmp_path: Path) -> None:
    """A research report's evidence sits on each achievement (`achievements[].evidence`): the
    workbench showed 「成果认定　认定方式：促成问题解决……」 and no link, while the report page
    linked it. Every reference the item carries is listed, the nested ones with their part, and
    only web addresses and the society's files open."""
    tree = base_tree(tmp_path / "tree")
    path = tree / "submissions" / SOCIETY / f"{YEAR}.yaml"
    web = "          - https://example.org/cast-sample/cd-mech-eng/2018/rpt-hub-policy"
    text = path.read_text("utf-8")
    assert web in text
    path.write_text(text.replace(web, web + '\n          - "javascript:alert(6)"', 1), "utf-8")
    site = _site(tree)
    case = workbench.case_data(site, site.repo.reports[(SOCIETY, YEAR)])
    [item] = [i for a in case["areas"] for i in a["items"] if i["id"] == "rpt-equipment-hub"]
    about = "成果认定（认定方式：采纳或形成政策，成果日期：2018-03-20）"
    assert item["evidence"] == [
        {"text": "https://example.org/cast-sample/cd-mech-eng/2018/rpt-hub-policy",
         "href": "https://example.org/cast-sample/cd-mech-eng/2018/rpt-hub-policy", "about": about},
        {"text": "javascript:alert(6)", "href": None, "about": about}]
    # An item's own evidence names no part; every kind of item in the sample lists what it cites.
    [service] = [i for a in case["areas"] for i in a["items"] if i["id"] == "svc-motor-rd"]
    assert service["evidence"]
    assert all(e["about"] is None for e in service["evidence"])


def _refs(value: object) -> list[str]:
    if isinstance(value, dict):
        return [r for k, v in value.items() for r in (list(v) if k == "evidence" else _refs(v))]
    return [r for v in value for r in _refs(v)] if isinstance(value, list) else []


def test_every_reference_of_every_report_is_on_the_workbench(tree: Path) -> None:
    """Every area's kinds of item, however nested their evidence: the workbench lists each
    reference the report cites, as many as the report file holds."""
    site = _site(tree)
    for doc in site.repo.reports.values():
        case = workbench.case_data(site, doc)
        listed = sorted(e["text"] for a in case["areas"] for i in a["items"] for e in i["evidence"])
        assert listed == sorted(_refs(doc.report.model_dump(mode="json"))), doc.file
