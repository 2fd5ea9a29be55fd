"""One thing claimed twice across files: a consortium described by a member otherwise than by its
lead, a station or consortium made new again under another id, a function or station copied
between societies. The fidelity cases hold the scoring; these hold the messages and the edges."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from tests.test_fidelity import FIDELITY
from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.findings import Finding
from validators.rules.cross_file_claims import NAMED, _overlapping
from validators.rules.cross_file_common import same_text
from validators.yaml.policy import policy


def _found(root: Path, *codes: str, day: dt.date | None = None) -> list[Finding]:
    result, _ = check_tree(root, day=day)
    return [f for f in result.findings if f.code in codes]


def _tree(tmp_path: Path, reports: dict[str, str]) -> Path:
    files = {f"submissions/{rel}": f"society: {rel.split('/')[0]}\nyear: {rel[-9:-5]}\n{body}"
             for rel, body in reports.items()}
    files.update({f"submissions/{s}/society.yaml": profile(s) for s in {r.split("/")[0] for r in reports}})
    return write_tree(tmp_path, files)


def test_same_text_is_nfkc_without_spaces_or_the_marks_policy_lists() -> None:
    """A copy with a space or a 。 added named a new piece of work and was paid again."""
    assert same_text("  第１届\u3000成都  论坛 ") == "第1届成都论坛"
    assert same_text("郫都站") == same_text("郫都 站")
    assert same_text("《关于A、B的建议》（草案）。") == same_text("关于AB的建议草案")
    ignored = policy().text.same_text_ignored
    assert same_text(f"论坛{ignored}") == "论坛"
    assert same_text("ChatGPT 应用论坛") == same_text("chatgpt应用论坛")  # ASCII letters case-blind
    # A mark between two digits is part of a number.
    assert len({same_text(t) for t in ("版本1.5", "版本15", "第1/2期", "第12期", "第1-2期", "第1:2期")}) == 6
    assert same_text("2017年度。") == same_text("2017年度")  # a mark after a digit, not between two
    # Letters, digits and signs still tell two works apart.
    assert len({same_text(t) for t in ("第1期沙龙", "第2期沙龙", "沙龙+", "沙龙%", "Salon", "沙龙")}) == 6


# --- a member says what its lead says ----------------------------------------------------------

def test_a_member_that_differs_from_its_lead_is_told_the_lead_s_words() -> None:
    found = sorted(_found(FIDELITY / "consortium-member-follows-lead", "E-CONSORTIUM-DIFFERS"),
                   key=lambda f: f.line)
    assert [(f.file, f.line, f.column, f.clause, f.severity) for f in found] == [
        ("submissions/cd-member/2017.yaml", 8, 11, "4", "error"),
        ("submissions/cd-member/2017.yaml", 9, 16, "4", "error"),
        ("submissions/cd-member/2017.yaml", 10, 15, "4.1", "error")]
    assert found[2].message == (
        "联合体“示例面向社会联合体”（cons-x）的服务产业写的是“电子信息”，牵头学会成都市cd-lead验收学会（示例）在它的报告中"
        "写的是“其他”：联合体的服务产业以牵头学会的报告为准，请改为“其他”（若牵头学会写错了，请它更正）。")
    assert "联合形式写的是“专业相近”" in found[0].message
    assert "请改为“单一学会面向社会”" in found[0].message


CONSORTIUM = """consortia:
  - id: cons-x
    name: 示例联合体
    role: {role}
    form: {form}
    direction: 横向
    industry: {industry}
    members: [{members}]
    established: 2017-05-01
"""


def test_a_member_compares_kinds_by_meaning_and_industries_in_normal_form(tmp_path: Path) -> None:
    """The lead writes the form's label, the member its code; a full-width space is a space."""
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": CONSORTIUM.format(role="牵头", form="专业相近", industry="电子信息", members="cd-b"),
        "cd-b/2017.yaml": CONSORTIUM.format(role="参与", form="similar_discipline", industry="' 电子信息\u3000'",
                                            members="cd-a"),
    })
    result, _ = check_tree(root)
    assert "E-CONSORTIUM-DIFFERS" not in {f.code for f in result.findings}


def test_without_one_lead_in_the_repository_no_member_is_held_to_one(tmp_path: Path) -> None:
    """The lead outside the repository, or two leads (an error of its own): nothing to compare."""
    root = _tree(tmp_path, {
        "cd-b/2017.yaml": CONSORTIUM.format(role="参与", form="专业相近", industry="电子信息", members="外部单位甲"),
        "cd-c/2017.yaml": CONSORTIUM.format(role="参与", form="服务属性相近", industry="其他", members="外部单位甲"),
    })
    assert _found(root, "E-CONSORTIUM-DIFFERS") == []
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": CONSORTIUM.format(role="牵头", form="专业相近", industry="电子信息", members="cd-b"),
        "cd-b/2017.yaml": CONSORTIUM.format(role="牵头", form="服务属性相近", industry="其他", members="cd-a"),
    })
    assert _found(root, "E-CONSORTIUM-DIFFERS") == []


def test_a_lead_of_another_year_does_not_speak_for_this_one(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": CONSORTIUM.format(role="牵头", form="专业相近", industry="其他", members="cd-b"),
        "cd-b/2018.yaml": CONSORTIUM.format(role="参与", form="专业相近", industry="电子信息", members="cd-a"),
    })
    assert _found(root, "E-CONSORTIUM-DIFFERS") == []


# --- new once, whatever the id -----------------------------------------------------------------

def test_a_station_made_new_again_under_another_id_names_the_earlier_one() -> None:
    [f] = _found(FIDELITY / "station-new-once-by-name", "E-ESTABLISHED-TWICE")
    assert (f.file, f.line, f.column, f.clause) == ("submissions/cd-zz/2018.yaml", 8, 18, "3.2")
    assert f.message == (
        "服务站“郫都站”已列在本学会 2017 年度报告中（编号“st1”，建站日期 2017-05-01），"
        "不是 2018 年新建的：同一服务站只能在建站当年计为新建一次。请沿用编号“st1”和建站日期 2017-05-01。")


def test_a_consortium_made_new_again_under_another_id_names_the_earlier_one() -> None:
    [f] = _found(FIDELITY / "consortium-new-once-by-name", "E-ESTABLISHED-TWICE")
    assert (f.file, f.line, f.clause) == ("submissions/cd-zz/2018.yaml", 12, "4.3")
    assert f.message.startswith("联合体“郫都智能制造联合体”已列在本学会 2017 年度报告中"
                                "（编号“cons-mine”，成立日期 2017-05-01），不是 2018 年新建的")


STATION = """service_stations:
  - id: {sid}
    name: {name}
    level: 市级
    established: {established}
    industry: 电子信息
    partner: {partner}
    activities: 3
"""


@pytest.mark.parametrize(("later", "errors"), [
    (("st2", "郫都站", "2018-05-01"), 1),    # another id, new again
    (("st2", "郫都\u3000站", "2018-05-01"), 1),  # the same name with a space added: new again
    (("st2", "郫都站。", "2018-05-01"), 1),     # or with a mark added
    (("st2", "郫都站", "2017-05-01"), 0),    # another id, but not new: no one-off to pay twice
    (("st1", "郫都站", "2017-05-01"), 0),    # carried forward
    (("st2", "新都站", "2018-05-01"), 0),    # another station
])
def test_only_a_station_new_again_under_another_id_is_an_error(
        tmp_path: Path, later: tuple[str, str, str], errors: int) -> None:
    sid, name, established = later
    root = _tree(tmp_path, {
        "cd-zz/2017.yaml": STATION.format(sid="st1", name="郫都站", established="2017-05-01", partner="示例产业园"),
        "cd-zz/2018.yaml": STATION.format(sid=sid, name=name, established=established, partner="新都示例园区"),
    })
    assert len(_found(root, "E-ESTABLISHED-TWICE")) == errors


@pytest.mark.parametrize(("later", "errors"), [
    ("st2, 郫都区示例服务站, 2018-05-01, 市级, 电子信息, 示例产业园", 1),  # renamed, re-numbered, new again
    ("st2, 郫都区示例服务站, 2018-05-01, 市级, 电子信息, '示例 产业园。'", 1),  # the partner as `same_text` reads it
    ("st2, 郫都区示例服务站, 2018-05-01, 省级, 电子信息, 示例产业园", 0),  # another level: another station
    ("st2, 郫都区示例服务站, 2018-05-01, 市级, 医药健康, 示例产业园", 0),  # another industry
    ("st2, 郫都区示例服务站, 2018-05-01, 市级, 电子信息, 新都示例园区", 0),  # another partner
    ("st2, 郫都区示例服务站, 2017-05-01, 市级, 电子信息, 示例产业园", 0),  # not new: no one-off to pay twice
])
def test_a_station_renamed_and_renumbered_is_said_for_the_staff(tmp_path: Path, later: str, errors: int) -> None:
    """A word dropped from the station's name, a new id and this year's date: the one-off of 3.2
    was paid again (a reviewer's case). What it serves, its level and industry say it may be the
    station of the year before, which this report no longer lists; a park may host a new station
    in place of a closed one, so the staff hear of it and the points stand (a reviewer's false
    positive: as an error it zeroed a new station)."""
    sid, name, established, level, industry, partner = (v.strip() for v in later.split(","))
    station = STATION.replace("level: 市级", f"level: {level}").replace("industry: 电子信息", f"industry: {industry}")
    root = _tree(tmp_path, {
        "cd-zz/2017.yaml": STATION.format(sid="st1", name="郫都区示例学会服务站", established="2017-05-01",
                                          partner="示例产业园"),
        "cd-zz/2018.yaml": station.format(sid=sid, name=name, established=established, partner=partner),
    })
    assert _found(root, "E-ESTABLISHED-TWICE") == []
    found = _found(root, "W-STATION-RENAMED")
    assert len(found) == errors
    if errors:
        assert found[0].severity == "warning"
        assert found[0].message == (
            "服务站“郫都区示例服务站”报为 2018 年新建，但它服务的企业或园区、级别和产业都与本学会 2017 年度报告"
            "中的服务站“郫都区示例学会服务站”（编号“st1”，建站日期 2017-05-01）相同，本报告又没有列出“st1”：若是同一个服务站改了名称，"
            "它不是新建的，请沿用编号“st1”和建站日期 2017-05-01（一次性补助只计一次）；若确是新建的另一个服务站，"
            "请在证明材料中附上建站的文件，由市科协核查。")


def test_a_station_closed_years_before_may_be_followed_by_a_new_one(tmp_path: Path) -> None:
    """A park can host a new station years after its old one closed: only the report of the year
    before is read for a renamed station (a reviewer's case)."""
    from validators.cli import main

    old = STATION.format(sid="st1", name="郫都区示例学会服务站", established="2017-05-01", partner="示例产业园")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": old})
    assert main(["--root", str(root), "new-year", "2019"]) == 0  # a third year, as the staff write it
    new = STATION.format(sid="st2", name="郫都区示例新站", established="2019-05-01", partner="示例产业园")
    write_tree(root, {"submissions/cd-zz/2019.yaml": "society: cd-zz\nyear: 2019\n" + new})
    assert _found(root, "W-STATION-RENAMED") == []
    result, _ = check_tree(root)
    assert not result.has_errors, result.findings  # the 2019 report is read, and right
    # The year before (2018) listing it: maybe the same station again.
    write_tree(root, {"submissions/cd-zz/2018.yaml": "society: cd-zz\nyear: 2018\n" + old})
    assert len(_found(root, "W-STATION-RENAMED")) == 1


def test_a_station_new_again_under_a_name_used_before_is_its_error_alone(tmp_path: Path) -> None:
    """2016's 郫都站, 2017's 新都站 at the same park, 2018's 郫都站 again as new: the error that
    the name was used before (E-ESTABLISHED-TWICE) is said, not also the warning that it may be
    2017's renamed (a reviewer's case: both on one field)."""
    from validators.cli import main

    first = STATION.format(sid="st1", name="郫都站", established="2017-05-01", partner="示例产业园")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": first})
    assert main(["--root", str(root), "new-year", "2019"]) == 0
    write_tree(root, {
        "submissions/cd-zz/2018.yaml": "society: cd-zz\nyear: 2018\n" + STATION.format(
            sid="st2", name="新都站", established="2018-05-01", partner="示例产业园"),
        "submissions/cd-zz/2019.yaml": "society: cd-zz\nyear: 2019\n" + STATION.format(
            sid="st3", name="郫都站", established="2019-05-01", partner="示例产业园")})
    found = [(f.file, f.code) for f in check_tree(root)[0].findings if f.code in ("E-ESTABLISHED-TWICE", "W-STATION-RENAMED")]
    assert ("submissions/cd-zz/2019.yaml", "E-ESTABLISHED-TWICE") in found
    assert ("submissions/cd-zz/2019.yaml", "W-STATION-RENAMED") not in found


def test_a_second_station_beside_the_first_is_another_station(tmp_path: Path) -> None:
    """The station of the year before is still listed: the new one beside it is another station."""
    first = STATION.format(sid="st1", name="郫都区示例学会服务站", established="2017-05-01", partner="示例产业园")
    second = STATION.format(sid="st2", name="郫都区示例二站", established="2018-05-01", partner="示例产业园")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": first,
                            "cd-zz/2018.yaml": first + second.removeprefix("service_stations:\n")})
    assert _found(root, "E-ESTABLISHED-TWICE", "W-STATION-RENAMED") == []


def test_another_society_s_station_of_the_same_name_is_its_own(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": STATION.format(sid="st1", name="郫都站", established="2017-05-01", partner="示例产业园"),
        "cd-b/2018.yaml": STATION.format(sid="st2", name="郫都站", established="2018-05-01", partner="示例产业园"),
    })
    assert _found(root, "E-ESTABLISHED-TWICE") == []


LED = """consortia:
  - id: {cid}
    name: 示例联合体
    role: {role}
    form: 专业相近
    direction: 横向
    industry: 其他
    members: [{members}]
    established: {established}
"""


def test_a_name_another_society_used_is_no_proof_of_the_same_consortium(tmp_path: Path) -> None:
    """Only the society's own earlier lead counts: a consortium of the same name that another
    society led, or joined, in an earlier year refused a new society's own new consortium and
    told it to take the other's id (a reviewer's case: cd-tcm's new health consortium, named as
    one cd-agri had joined). A lead that renames its own consortium's id stays refused
    (tests/data/fidelity/consortium-new-once-by-name)."""
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": LED.format(cid="cons-a", role="牵头", members="外部单位甲", established="2017-05-01"),
        "cd-d/2017.yaml": LED.format(cid="cons-d", role="参与", members="外部单位乙", established="2017-05-01"),
        "cd-b/2018.yaml": LED.format(cid="cons-b", role="牵头", members="cd-c", established="2018-05-01"),
        "cd-c/2018.yaml": LED.format(cid="cons-b", role="参与", members="cd-b", established="2018-05-01"),
    })
    assert _found(root, "E-ESTABLISHED-TWICE") == []


# --- copied between societies ------------------------------------------------------------------

def test_a_copied_function_and_station_are_told_to_both_sides() -> None:
    found = sorted(_found(FIDELITY / "claimed-by-two-societies", "W-FUNCTION-CLAIMED-TWICE",
                          "W-STATION-CLAIMED-TWICE"), key=lambda f: (f.file, f.line))
    assert [(f.file, f.code, f.line, f.column, f.clause, f.severity) for f in found] == [
        ("submissions/cd-a/2017.yaml", "W-FUNCTION-CLAIMED-TWICE", 7, 14, "2.2", "warning"),
        ("submissions/cd-a/2017.yaml", "W-STATION-CLAIMED-TWICE", 22, 11, "3.2", "warning"),
        ("submissions/cd-b/2017.yaml", "W-FUNCTION-CLAIMED-TWICE", 7, 14, "2.2", "warning"),
        ("submissions/cd-b/2017.yaml", "W-STATION-CLAIMED-TWICE", 22, 11, "3.2", "warning")]
    assert found[0].message == (
        "职能“行业标准编制”（成都市示例局，2017-03-01 至 2017-10-01）也由成都市cd-b验收学会（示例）在同一年度申报，承接期有重叠："
        "若是共同承接，请在证明材料中写明本学会承担的部分；市科协核查时会对照双方的材料。")
    assert found[1].message == (
        "服务站“郫都站”也由成都市cd-b验收学会（示例）在同一年度申报：若是共建，请在证明材料中写明本学会的分工；"
        "若不是同一个服务站，请改用能区分的名称。市科协核查时会对照双方的材料。")


def test_a_station_copied_by_many_names_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    root = _tree(tmp_path, {f"cd-s{k}/2017.yaml": STATION.format(sid="st", name="郫都站", established="2016-05-01", partner="示例产业园")
                            for k in range(8)})
    found = _found(root, "W-STATION-CLAIMED-TWICE")
    assert len(found) == 8
    assert "也由" + "、".join(f"成都市cd-s{k}学会（示例）" for k in range(1, 6)) + "等 7 个学会在同一年度申报" in found[0].message


def test_titles_match_in_normal_form(tmp_path: Path) -> None:
    """A full-width digit or a doubled space does not make another event, report or function."""
    event = """academic_events:
  - id: evt-a
    title: {title}
    category: 其他
    role: 主办
    date: 2017-06-01
    participants: 80
government_functions:
  functions:
    - {{id: fn-a, title: '{title}', commissioner: 成都市示例局, method: 委托, start: 2017-03-01, end: 2017-10-01}}
"""
    root = _tree(tmp_path, {"cd-a/2017.yaml": event.format(title="第１届  成都论坛"),
                            "cd-b/2017.yaml": event.format(title="第1届 成都论坛")})
    codes = sorted(f.code for f in _found(root, "W-EVENT-CLAIMED-TWICE", "W-FUNCTION-CLAIMED-TWICE"))
    assert codes == ["W-EVENT-CLAIMED-TWICE"] * 2 + ["W-FUNCTION-CLAIMED-TWICE"] * 2


def test_overlap_agrees_with_comparing_every_pair() -> None:
    rnd = random.Random(7)
    day = dt.date(2017, 1, 1)
    for _ in range(500):
        entries = []
        for _ in range(rnd.randint(1, 25)):
            start = day + dt.timedelta(rnd.randint(0, 60))
            entries.append((f"s{rnd.randint(0, 10)}", start, start + dt.timedelta(rnd.randint(-5, 30))))
        for (society, start, end), (named, more) in zip(entries, _overlapping(entries), strict=True):
            truth = sorted({s for s, a, b in entries if s != society and a <= end and start <= b})
            if len(truth) <= NAMED:
                assert named == truth
                assert not more or len(truth) == NAMED
            else:
                assert len(named) == NAMED
                assert set(named) <= set(truth)
                assert more


def test_every_code_across_files_has_a_test() -> None:
    """A new code of the rules across files fails here until a test or an acceptance case names it."""
    from tests.test_invalid_examples import _codes_in
    from tests.trees import ROOT

    codes = _codes_in(sorted((ROOT / "validators" / "rules").glob("cross_file*.py")))
    tested = "".join(p.read_text("utf-8") for p in [*ROOT.glob("tests/test_cross_*.py"),
                                                     *FIDELITY.glob("*/expected.yaml")])
    assert {"E-CONSORTIUM-DIFFERS", "E-ESTABLISHED-TWICE", "W-FUNCTION-CLAIMED-TWICE"} <= codes
    assert {c for c in codes if c not in tested} == set()


# --- one achievement paid in two years ----------------------------------------------------------

def test_an_achievement_claimed_again_next_year_names_the_year_that_counted_it(tmp_path: Path) -> None:
    """The same report (same title, another id) with the same type of achievement under a new
    date a year later is the achievement already paid: the later one is the error."""
    found = _found(FIDELITY / "achievement-counted-again-next-year", "E-ACHIEVEMENT-COUNTED-TWICE")
    assert [(f.file, f.line) for f in found] == [("submissions/cd-a/2018.yaml", 10)]
    assert "已在本学会 2017 年度报告中计分" in found[0].message
    assert "2017-06-01" in found[0].message
    # Another type of achievement of the same report is a new achievement.
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": "research:\n  - {id: r1, title: 两年成果, form: 调研报告, topic: 四个服务,\n"
                          "     achievements: [{type: 领导签批, date: 2017-06-01}]}\n",
        "cd-a/2018.yaml": "research:\n  - {id: r1, title: 两年成果, form: 调研报告, topic: 四个服务,\n"
                          "     achievements: [{type: 采纳或形成政策, date: 2018-01-05}]}\n",
    })
    assert _found(root, "E-ACHIEVEMENT-COUNTED-TWICE") == []


# --- a station name another society used in an earlier year ----------------------------------------

def test_a_new_station_under_a_name_another_society_used_before_is_warned(tmp_path: Path) -> None:
    found = _found(FIDELITY / "station-name-reused-by-another-society", "W-STATION-NAME-REUSED")
    assert [(f.file, f.line, f.severity) for f in found] == [("submissions/cd-b/2018.yaml", 6, "warning")]
    assert "成都市cd-a验收学会（示例）在 2017 年度的报告中已申报" in found[0].message
    assert "st-pidu" in found[0].message
    # A station that is not new this year, or the society's own name of an earlier year, is not warned.
    station = ("service_stations:\n  - {{id: {id}, name: 郫都站, level: 市级, established: {day}, industry: 电子信息,\n"
               "     partner: 示例产业园, enterprises_served: 5, experts_engaged: 3, activities: 4}}\n")
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": station.format(id="st-a", day="2017-05-01"),
        "cd-b/2018.yaml": station.format(id="st-b", day="2016-05-01"),
    })
    assert _found(root, "W-STATION-NAME-REUSED") == []


@pytest.mark.parametrize(("member", "said"), [("成都市cd-zz学会（示例）", True), ("成都市 cd-zz 学会（示例）", True),
                                              ("成都市ｃｄ-zz学会（示例）", True), ("成都市另一学会", False)])
def test_the_society_s_own_name_among_a_lead_s_members_is_said_for_the_staff(tmp_path: Path, member: str,
                                                                              said: bool) -> None:
    """Its id is refused as a member; its registered name was counted, lifting the tier of 4.3 (a
    reviewer's case). Leads often list themselves among the bodies, so the staff hear of it (a
    warning) and count the tier's members; an error took the consortium's 8 points (a reviewer's
    false positive)."""
    body = LED.format(cid="cons-a", role="牵头", members=f"cd-other, '{member}'", established="2017-05-01")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": body})
    found = _found(root, "W-CONSORTIUM-SELF-NAMED", "E-CONSORTIUM-SELF-MEMBER")
    assert [(f.code, f.severity, f.path) for f in found] == (
        [("W-CONSORTIUM-SELF-NAMED", "warning", ("consortia", 0, "members", 1))] if said else [])
    if said:
        assert found[0].message.startswith(f"成员“{member}”是本学会自己的名称")
        # Checked alone, as a pull request's one report is, it is said too.
        result, _ = check_tree(root, [root / "submissions" / "cd-zz" / "2017.yaml"])
        assert "W-CONSORTIUM-SELF-NAMED" in {f.code for f in result.findings}
    # A member that copies its lead's list, its own name in it, counts nothing by it: not told.
    member_body = LED.format(cid="cons-a", role="参与", members=f"cd-other, '{member}'", established="2017-05-01")
    assert _found(_tree(tmp_path / "member", {"cd-zz/2017.yaml": member_body}), "W-CONSORTIUM-SELF-NAMED") == []


@pytest.mark.parametrize("own", [True, False])
def test_the_society_s_own_name_among_a_lead_s_members_lifts_no_tier(tmp_path: Path, own: bool) -> None:
    """Four members and the lead's own registered name: 4.3 counts four (二档, 2 points), not five
    (一档, 3 points), and the tier's line says why; a fifth real member does reach 一档."""
    fifth = "'成都市cd-zz学会（示例）'" if own else "成都市另一学会"
    body = LED.format(cid="cons-a", role="牵头", members=f"甲学会, 乙学会, 丙学会, 丁学会, {fifth}",
                      established="2016-05-01").replace("    established:", "    activities: 9\n    established:")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": body})
    result, repo = check_tree(root)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    [evaluation] = evaluate_repository(repo, 2017)
    [tier] = [t for t in evaluation.item_tiers if t.item_id == "cons-a"]
    [line] = [x for x in evaluation.lines if x.item_id == "cons-a" and x.rule == "tier"]
    assert (tier.tier, line.points) == (("二档", 2.0) if own else ("一档", 3.0))
    assert ("成员 4 个（不计本学会自己的名称）" in line.note) is own


# --- a consortium led again under another name or by another society -----------------------------

def test_a_consortium_led_anew_in_the_place_of_last_year_s_is_warned(tmp_path: Path) -> None:
    """Renamed and renumbered, of the same industry, form and direction as the one the society
    led the year before and no longer lists: 4.3's one-off (new_lead) would be paid again (an
    auditor's case). Another founded beside the old one, or in another field, is not warned."""
    old = LED.format(cid="cons-a", role="牵头", members="成都市甲学会, 成都市乙学会", established="2017-05-01")
    new = LED.format(cid="cons-b", role="牵头", members="成都市甲学会, 成都市乙学会", established="2018-03-01")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": old, "cd-zz/2018.yaml": new.replace("示例联合体", "示例产业联合体")})
    found = _found(root, "W-CONSORTIUM-RENAMED")
    assert [(f.file, f.path, f.severity) for f in found] == [
        ("submissions/cd-zz/2018.yaml", ("consortia", 0, "established"), "warning")]
    assert "与本学会 2017 年度报告中本学会牵头的联合体“示例联合体”（编号“cons-a”" in found[0].message
    # Checked alone, as a pull request's one report is: the society's report of the year before is read.
    alone, _ = check_tree(root, [root / "submissions" / "cd-zz" / "2018.yaml"])
    assert [f for f in alone.findings if f.code == "W-CONSORTIUM-RENAMED"] == found
    # The old one still listed beside it, or another industry: two consortia.
    both = new.replace("示例联合体", "示例产业联合体") + old.removeprefix("consortia:\n")
    assert _found(_tree(tmp_path / "both", {"cd-zz/2017.yaml": old, "cd-zz/2018.yaml": both}), "W-CONSORTIUM-RENAMED") == []
    other = new.replace("示例联合体", "示例产业联合体").replace("industry: 其他", "industry: 电子信息")
    assert _found(_tree(tmp_path / "other", {"cd-zz/2017.yaml": old, "cd-zz/2018.yaml": other}),
                  "W-CONSORTIUM-RENAMED") == []
    # Two new ones in its field: the old one stands in for the first only (a reviewer's case).
    two = (new.replace("示例联合体", "示例产业联合体")
           + new.removeprefix("consortia:\n").replace("cons-b", "cons-c").replace("示例联合体", "示例第二联合体"))
    found = _found(_tree(tmp_path / "two", {"cd-zz/2017.yaml": old, "cd-zz/2018.yaml": two}), "W-CONSORTIUM-RENAMED")
    assert [f.path for f in found] == [("consortia", 0, "established")]


def test_a_consortium_led_anew_under_a_name_another_society_led_is_warned(tmp_path: Path) -> None:
    """Another society's consortium of an earlier year, claimed as new under its name with a new
    id: the one-off would be paid twice (an auditor's case). Not new this year: not warned."""
    led = LED.format(cid="cons-a", role="牵头", members="成都市甲学会, 成都市乙学会", established="2017-05-01")
    again = LED.format(cid="cons-x", role="牵头", members="成都市甲学会, 成都市乙学会", established="{day}")
    root = _tree(tmp_path, {"cd-a/2017.yaml": led, "cd-b/2018.yaml": again.format(day="2018-02-01")})
    found = _found(root, "W-CONSORTIUM-NAME-REUSED")
    assert [(f.file, f.path, f.severity) for f in found] == [
        ("submissions/cd-b/2018.yaml", ("consortia", 0, "name"), "warning")]
    assert "成都市cd-a学会（示例）在 2017 年度的报告中已牵头同名联合体（编号“cons-a”" in found[0].message
    # Checked alone: the other society's file that holds the name is read as context.
    alone, _ = check_tree(root, [root / "submissions" / "cd-b" / "2018.yaml"])
    assert [f for f in alone.findings if f.code == "W-CONSORTIUM-NAME-REUSED"] == found
    root = _tree(tmp_path / "old", {"cd-a/2017.yaml": led, "cd-b/2018.yaml": again.format(day="2016-02-01")})
    assert _found(root, "W-CONSORTIUM-NAME-REUSED") == []


def test_a_lead_that_changes_its_consortium_s_date_is_told_of_its_own_earlier_report(tmp_path: Path) -> None:
    """The earlier year's reports of a member and of the lead say one date; the lead's later
    report says another: it is told of its own earlier report, not of a member's (an auditor's
    case: “与成都市计算机学会（示例）的 2017 年度报告中的 2017-05-20 不一致” told to the lead)."""
    led = LED.format(cid="cons-a", role="{role}", members="cd-a", established="{day}")
    root = _tree(tmp_path, {"cd-a/2017.yaml": led.format(role="参与", day="2017-05-01"),
                            "cd-z/2017.yaml": led.format(role="牵头", day="2017-05-01"),
                            "cd-z/2018.yaml": led.format(role="牵头", day="2018-01-01")})
    [found] = _found(root, "E-ESTABLISHED-CHANGED")
    assert found.file == "submissions/cd-z/2018.yaml"
    assert "与本学会 2017 年度报告中的 2017-05-01 不一致" in found.message
    # The lead's own report is the earliest (a lead sorts first among a year's): named once.
    assert found.message.count("2017 年度报告") == 1


def test_a_member_told_of_its_own_report_hears_whose_date_stands(tmp_path: Path) -> None:
    """A member's own earlier report says the lead's date, its later one another: it is told of
    its own report and, besides, of the lead's, the earliest, whose date stands."""
    led = LED.format(cid="cons-a", role="{role}", members="cd-z", established="{day}")
    root = _tree(tmp_path, {"cd-a/2017.yaml": led.format(role="牵头", day="2017-05-01"),
                            "cd-z/2017.yaml": led.format(role="参与", day="2017-05-01"),
                            "cd-z/2018.yaml": led.format(role="参与", day="2018-01-01")})
    [found] = _found(root, "E-ESTABLISHED-CHANGED")
    assert "与本学会 2017 年度报告中的 2017-05-01 不一致：同一联合体只能在成立当年计为新建一次，" \
           "以最早列出它的成都市cd-a学会（示例）的 2017 年度报告为准。请改为 2017-05-01；" in found.message


def test_a_new_member_is_told_of_the_lead_s_report_by_the_consortium_s_name(tmp_path: Path) -> None:
    """A society that joins in 2018 a consortium another leads, with another date: it is told of
    the lead's 2017 report, whose date the consortium follows, not of a fellow member's that
    sorts first by its file's name (a reviewer's case: 成都市计算机学会 cited for a consortium
    成都市机械工程学会 leads), and the consortium by its name as well as its id."""
    led = LED.format(cid="cons-a", role="{role}", members="cd-a", established="{day}")
    root = _tree(tmp_path, {"cd-a/2017.yaml": led.format(role="参与", day="2017-05-01"),
                            "cd-z/2017.yaml": led.format(role="牵头", day="2017-05-01"),
                            "cd-n/2018.yaml": led.format(role="参与", day="2018-01-10")})
    [found] = _found(root, "E-ESTABLISHED-CHANGED")
    assert found.file == "submissions/cd-n/2018.yaml"
    assert found.message.startswith("联合体“示例联合体”（编号“cons-a”）的成立日期为 2018-01-10，"
                                    "与成都市cd-z学会（示例）的 2017 年度报告中的 2017-05-01 不一致")
    assert found.message.count("2017 年度报告") == 1  # the report told of is the earliest: named once


# --- one work dated across the year's end ----------------------------------------------------------

WORKS = """innovation:
  services:
    - {{id: svc-a, kind: 科技咨询, title: 中小企业上云技术咨询, enterprise: {enterprise}, district: 郫都区, date: {day},
       outcome: 制定上云方案}}
academic_events:
  - {{id: evt-a, title: 成都人工智能学术会议, category: 其他, role: 主办, date: {day}, participants: 80}}
"""


@pytest.mark.parametrize(("society", "day", "enterprise", "warned"), [
    ("cd-a", "2018-01-02", "成都示例云计算有限公司", ["academic_events", "innovation"]),  # 35 days after
    ("cd-b", "2018-01-02", "成都示例云计算有限公司", []),  # another society's: two works of a common title
    ("cd-a", "2018-01-02", "成都另一家有限公司", ["academic_events"]),  # another enterprise served
    ("cd-a", "2018-11-20", "成都示例云计算有限公司", []),  # next year's edition of a yearly event
])
def test_a_work_a_few_days_from_one_of_its_title_the_year_before_is_warned(
        tmp_path: Path, society: str, day: str, enterprise: str, warned: list[str]) -> None:
    """Held on 2017-11-28 and reported in 2017 (its window ends on 11-30), written again as
    2018-01-02 in 2018: paid in both years (an auditor's case). 2018's
    `plausibility.same_work_days` bounds the gap; another society's event of the title is
    not compared (a reviewer's false positive: two salons of a common title)."""
    root = _tree(tmp_path, {"cd-a/2017.yaml": WORKS.format(day="2017-11-28", enterprise="成都示例云计算有限公司"),
                            f"{society}/2018.yaml": WORKS.format(day=day, enterprise=enterprise)})
    found = _found(root, "W-WORK-CLAIMED-AGAIN")
    assert sorted(str(f.path[0]) for f in found) == warned
    # Checked alone, as a pull request's one report is: the society's report of the year before is read.
    alone, _ = check_tree(root, [root / "submissions" / society / "2018.yaml"])
    assert [f for f in alone.findings if f.code == "W-WORK-CLAIMED-AGAIN"] == found
    assert all(f.file == f"submissions/{society}/2018.yaml" and f.severity == "warning" and f.path[-1] == "date"
               for f in found)
    if warned:
        assert ("“成都人工智能学术会议”（2018-01-02）与本学会 2017 年度报告中的“成都人工智能学术会议”"
                "（2017-11-28）名称相同，日期只相隔 35 天") in {f.message.split("：")[0] for f in found}


def test_a_message_names_another_society_s_report_by_its_name_and_year(tmp_path: Path) -> None:
    """Two societies' reports of one year disagree on a consortium's date: each is told of the
    other's report by the society's name and the year, as a secretary knows it, not by a path
    in the repository (which the online form would show too)."""
    led = LED.format(cid="cons-a", role="{role}", members="cd-a", established="{day}")
    root = _tree(tmp_path, {"cd-a/2017.yaml": led.format(role="参与", day="2017-05-01"),
                            "cd-z/2017.yaml": led.format(role="牵头", day="2017-06-01")})
    found = {f.file: f.message for f in _found(root, "E-ESTABLISHED-CHANGED")}
    assert "与成都市cd-a学会（示例）的 2017 年度报告中的 2017-05-01 不一致" in found["submissions/cd-z/2017.yaml"]
    assert "与成都市cd-z学会（示例）的 2017 年度报告中的 2017-06-01 不一致" in found["submissions/cd-a/2017.yaml"]
    assert not any("submissions/" in message for message in found.values())


# --- a lead's member with no report of the year ------------------------------------------------

def _silent_member_tree(tmp_path: Path) -> Path:
    """cd-zz leads cons-a (founded the year before: tiered) with members cd-silent (a profile, no
    2017 report; listed twice), cd-told (lists it back), cd-broken (a 2017 report that does not
    read), an outside body and an id no society has."""
    lead = LED.format(cid="cons-a", role="牵头", members="cd-silent, cd-told, cd-broken, cd-silent, 成都市甲学会, cd-nobody",
                      established="2016-05-01").replace("    established:", "    activities: 4\n    established:")
    root = _tree(tmp_path, {"cd-zz/2017.yaml": lead,
                            "cd-told/2017.yaml": LED.format(cid="cons-a", role="参与", members="cd-zz",
                                                            established="2016-05-01")})
    return write_tree(root, {"submissions/cd-silent/society.yaml": profile("cd-silent"),
                             "submissions/cd-broken/society.yaml": profile("cd-broken"),
                             "submissions/cd-broken/2017.yaml": "society: cd-broken\nyear: 2017\nconsortia: [\n"})


SILENT_SAID = ("成员成都市cd-silent学会（示例）没有提交 2017 年度报告（填报已于 2017 年 12 月 15 日截止）："
               "无法从它的报告中核对它参与联合体“示例联合体”。指南没有要求成员学会提交报告，"
               "评估照常计入这一成员，由市科协对照证明材料核查。如它已不再是成员：填报截止后本学会不能再自己修改报告，"
               "请联系市科协，由市科协管理员从成员中删去；公示期内也可以按网站上的说明提出异议，市科协允许更正后再由本学会删去。"
               "这条警告不计入排名页的备注中的警告数。")


@pytest.mark.parametrize(("day", "said"), [(dt.date(2017, 12, 15), False), (dt.date(2017, 12, 16), True),
                                           (dt.date(2026, 1, 1), True)])
def test_a_lead_hears_of_a_member_society_without_a_report_once_submission_has_closed(
        tmp_path: Path, day: dt.date, said: bool) -> None:
    """A member society of the repository with no report of the year was counted in 4.3's tier
    without a word (the maintainers' notes). Until the year's last day of submission (2017's
    calendar: 12 月 15 日) it may still report: nothing is said. After it, the lead hears of it at
    the member's first listing; a member whose report does not read has a report, an outside body
    and an unknown id (W-CONSORTIUM-MEMBER-UNKNOWN) are no society without one. The day is the
    check's (`check_tree`'s `day`), not the clock's."""
    root = _silent_member_tree(tmp_path)
    found = _found(root, "W-CONSORTIUM-MEMBER-NO-REPORT", day=day)
    assert [(f.file, f.path, f.severity, f.clause, f.message) for f in found] == (
        [("submissions/cd-zz/2017.yaml", ("consortia", 0, "members", 0), "warning", "4", SILENT_SAID)] if said else [])
    # Checked alone, as the lead's pull request is: the member's folder is read, and it is said alike.
    alone, _ = check_tree(root, [root / "submissions" / "cd-zz" / "2017.yaml"], day=day)
    assert [f for f in alone.findings if f.code == "W-CONSORTIUM-MEMBER-NO-REPORT"] == found


def test_a_member_folder_without_a_profile_or_a_report_is_no_society_the_lead_hears_of(tmp_path: Path) -> None:
    """A member whose folder holds neither a profile nor a report that reads (a society.yaml that
    does not read, a report of another year that does not either) is not one of the societies the
    online form knows (the site lists profiles and reports): the lead is told nothing of it, as
    the whole tree's check tells it nothing, whether its file is checked alone or with the rest."""
    root = write_tree(_silent_member_tree(tmp_path), {"submissions/cd-silent/society.yaml": "name: [\n",
                                                      "submissions/cd-silent/2016.yaml": "society: [\n"})
    day = dt.date(2018, 1, 10)
    assert _found(root, "W-CONSORTIUM-MEMBER-NO-REPORT", day=day) == []
    alone, _ = check_tree(root, [root / "submissions" / "cd-zz" / "2017.yaml"], day=day)
    assert [f for f in alone.findings if f.code == "W-CONSORTIUM-MEMBER-NO-REPORT"] == []


@pytest.mark.parametrize("day", [dt.date(2017, 12, 1), dt.date(2018, 1, 10)])
def test_a_member_without_a_report_counts_in_the_tier_and_the_line_says_so(
        tmp_path: Path, day: dt.date) -> None:
    """The guideline asks no report of a member (4.3: 「以后每年根据评估绩效予以分档补助」; outside
    bodies never send one): the tier counts it as before (5 members, 4 activities: 二档), and once
    submission has closed the line says how many have none (the report page names them)."""
    _, repo = check_tree(_silent_member_tree(tmp_path), day=day)
    [evaluation] = [e for e in evaluate_repository(repo, 2017, as_of=day) if e.society == "cd-zz"]
    [line] = [x for x in evaluation.lines if x.item_id == "cons-a" and x.rule == "tier"]
    assert line.points == 2.0
    closed = day > dt.date(2017, 12, 15)
    assert line.note == ("年度绩效二档（补助牵头学会）：活动 4 次、成员 5 个"
                         + ("（其中 1 个成员学会没有本年度报告，照常计入：指南没有要求成员学会提交报告）" if closed else ""))
