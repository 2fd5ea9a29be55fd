"""One thing claimed twice across files: a consortium described by a member otherwise than by its
lead, a station or consortium made new again under another id. The fidelity cases hold the scoring; these hold the messages and the edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_fidelity import FIDELITY
from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.findings import Finding
from validators.rules.cross_file import same_text


def _found(root: Path, *codes: str) -> list[Finding]:
    result, _ = check_tree(root)
    return [f for f in result.findings if f.code in codes]


def _tree(tmp_path: Path, reports: dict[str, str]) -> Path:
    files = {f"submissions/{rel}": f"society: {rel.split('/')[0]}\nyear: {rel[-9:-5]}\n{body}"
             for rel, body in reports.items()}
    files.update({f"submissions/{s}/society.yaml": profile(s) for s in {r.split("/")[0] for r in reports}})
    return write_tree(tmp_path, files)


def test_same_text_is_nfkc_without_outer_or_repeated_spaces() -> None:
    assert same_text("  第１届\u3000成都  论坛 ") == "第1届 成都 论坛"
    assert same_text("郫都站") != same_text("郫都 站")


# --- a member says what its lead says ----------------------------------------------------------

def test_a_member_that_differs_from_its_lead_is_told_the_lead_s_words() -> None:
    found = sorted(_found(FIDELITY / "consortium-member-follows-lead", "E-CONSORTIUM-DIFFERS"),
                   key=lambda f: f.line)
    assert [(f.file, f.line, f.column, f.clause, f.severity) for f in found] == [
        ("submissions/cd-member/2017.yaml", 8, 11, "4", "error"),
        ("submissions/cd-member/2017.yaml", 9, 16, "4", "error"),
        ("submissions/cd-member/2017.yaml", 10, 15, "4.1", "error")]
    assert found[2].message == (
        "联合体“cons-x”的服务产业写的是“电子信息”，牵头学会 cd-lead 在 submissions/cd-lead/2017.yaml 中"
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
        "服务站“郫都站”已列在 submissions/cd-zz/2017.yaml 中（编号“st1”，建站日期 2017-05-01），"
        "不是 2018 年新建的：同一服务站只能在建站当年计为新建一次。请沿用编号“st1”和建站日期 2017-05-01。")


def test_a_consortium_made_new_again_under_another_id_names_the_earlier_one() -> None:
    [f] = _found(FIDELITY / "consortium-new-once-by-name", "E-ESTABLISHED-TWICE")
    assert (f.file, f.line, f.clause) == ("submissions/cd-zz/2018.yaml", 12, "4.3")
    assert f.message.startswith("联合体“郫都智能制造联合体”已列在 submissions/cd-zz/2017.yaml 中"
                                "（编号“cons-mine”，成立日期 2017-05-01），不是 2018 年新建的")


STATION = """service_stations:
  - id: {sid}
    name: {name}
    level: 市级
    established: {established}
    industry: 电子信息
    partner: 示例产业园
    activities: 3
"""


@pytest.mark.parametrize(("later", "errors"), [
    (("st2", "郫都站", "2018-05-01"), 1),    # another id, new again
    (("st2", "郫都\u3000站", "2018-05-01"), 0),  # another name: 郫都 站 is not 郫都站
    (("st2", "郫都站", "2017-05-01"), 0),    # another id, but not new: no one-off to pay twice
    (("st1", "郫都站", "2017-05-01"), 0),    # carried forward
    (("st2", "新都站", "2018-05-01"), 0),    # another station
])
def test_only_a_station_new_again_under_another_id_is_an_error(
        tmp_path: Path, later: tuple[str, str, str], errors: int) -> None:
    sid, name, established = later
    root = _tree(tmp_path, {
        "cd-zz/2017.yaml": STATION.format(sid="st1", name="郫都站", established="2017-05-01"),
        "cd-zz/2018.yaml": STATION.format(sid=sid, name=name, established=established),
    })
    assert len(_found(root, "E-ESTABLISHED-TWICE")) == errors


def test_another_society_s_station_of_the_same_name_is_its_own(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": STATION.format(sid="st1", name="郫都站", established="2017-05-01"),
        "cd-b/2018.yaml": STATION.format(sid="st2", name="郫都站", established="2018-05-01"),
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


def test_a_consortium_led_anew_by_another_society_is_not_new(tmp_path: Path) -> None:
    """The one-off goes to the lead; a new lead under a new id does not make the consortium new.
    Its members earn no one-off and hear nothing of it."""
    root = _tree(tmp_path, {
        "cd-a/2017.yaml": LED.format(cid="cons-a", role="牵头", members="外部单位甲", established="2017-05-01"),
        "cd-b/2018.yaml": LED.format(cid="cons-b", role="牵头", members="cd-c", established="2018-05-01"),
        "cd-c/2018.yaml": LED.format(cid="cons-b", role="参与", members="cd-b", established="2018-05-01"),
    })
    found = _found(root, "E-ESTABLISHED-TWICE")
    assert [(f.file, f.line) for f in found] == [("submissions/cd-b/2018.yaml", 11)]
    assert "submissions/cd-a/2017.yaml" in found[0].message


def test_every_code_across_files_has_a_test() -> None:
    """A new code of the rules across files fails here until a test or an acceptance case names it."""
    from tests.test_invalid_examples import _codes_in
    from tests.trees import ROOT

    codes = _codes_in([ROOT / "validators" / "rules" / "cross_file.py"])
    tested = "".join(p.read_text("utf-8") for p in [*ROOT.glob("tests/test_cross_*.py"),
                                                     *FIDELITY.glob("*/expected.yaml")])
    assert {"E-CONSORTIUM-DIFFERS", "E-ESTABLISHED-TWICE"} <= codes
    assert {c for c in codes if c not in tested} == set()
