"""An event of 5.4 held in an occasion outside the year's list whose organizer is the society
itself (an auditor's case: 「本学会开放日」 organized by 本学会 earned 5.4's points with no word to
the staff): W-OCCASION-OWN, by the words of policy.yaml's `text.self_words` (the in-file rule) or
by the society's registered name (the rules across files), compared as `same_text` compares. A
warning: the event still scores, the staff decide by the evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.year.guideline import guideline

CODE = "W-OCCASION-OWN"
EVENT = """academic_events:
  - id: evt-a
    title: 学会开放日科普展
    category: 大型社会活动
    role: 主办
    date: 2017-06-01
    participants: 300
    occasion: {occasion}
    occasion_name: 本学会开放日
    occasion_organizer: '{organizer}'
    evidence: ['https://example.org/a']
"""
OPEN = guideline(2017).open_occasion  # type: ignore[union-attr]


def _tree(tmp_path: Path, organizer: str, occasion: str = OPEN) -> Path:
    return write_tree(tmp_path, {
        "submissions/cd-zz/society.yaml": profile("cd-zz"),
        "submissions/cd-zz/2017.yaml": "society: cd-zz\nyear: 2017\n"
                                       + EVENT.format(occasion=occasion, organizer=organizer)})


@pytest.mark.parametrize(("organizer", "said"), [
    ("本学会", True), ("我会", True), ("本会", True), (" 本 学会。", True), ("本协会", True),
    # the society's registered name (tests.trees.profile), as written and as `same_text` reads it
    ("成都市cd-zz学会（示例）", True), ("成都市 cd-zz 学会(示例)", True), ("成都市ＣＤ-ZZ学会（示例）", True),
    # another body, the society with another body, or another society
    ("成都市科学技术协会", False), ("本学会、成都市科学技术协会", False), ("成都市cd-yy学会（示例）", False),
    ("成都市cd-zz学会", False)])
def test_an_open_occasion_organized_by_the_society_itself_is_said_once_for_the_staff(
        tmp_path: Path, organizer: str, said: bool) -> None:
    root = _tree(tmp_path, organizer)
    result, _ = check_tree(root)
    found = [f for f in result.findings if f.code == CODE]
    assert [(f.severity, f.path, f.clause) for f in found] == (
        [("warning", ("academic_events", 0, "occasion_organizer"), "5.4")] if said else [])
    if said:
        message = found[0].message
        assert f"写的是“{organizer.strip()}”，即本学会自己" in message
        assert "「科普月、科技周、科普日等全国性、全市性科普活动中举办的活动」" in message
        assert "这一项仍按条款 5.4 计分" in message
        assert "请改报为“其他”" in message
        assert "occasion" not in message  # no field key: the form shows it to a secretary
        # Checked alone, as a pull request's one report is, it is said too (with the profile read).
        alone, _ = check_tree(root, [root / "submissions" / "cd-zz" / "2017.yaml"])
        assert [f.code for f in alone.findings if f.code == CODE] == [CODE]


def test_an_occasion_of_the_year_s_list_may_name_the_society_as_its_event_s_organizer(tmp_path: Path) -> None:
    """科普日 is a national occasion: the society wrote itself as the organizer of its own part."""
    result, _ = check_tree(_tree(tmp_path, "本学会", occasion="全国科普日"))
    assert CODE not in {f.code for f in result.findings}


def test_the_event_still_scores_as_before(tmp_path: Path) -> None:
    """A warning: the event earns 5.4's points as an event organized by another body does."""
    def points(root: Path) -> list[tuple[str | None, float]]:
        result, repo = check_tree(root)
        assert [f.code for f in result.findings if f.severity == "error"] == []
        [evaluation] = evaluate_repository(repo, 2017)
        return [(x.clause, x.points) for x in evaluation.lines if x.item_id == "evt-a"]

    own, other = points(_tree(tmp_path / "own", "本学会")), points(_tree(tmp_path / "other", "成都市科学技术协会"))
    assert own == other
    assert sum(p for _, p in own) > 0


# --- the online form says it at the field, in the check's words ---------------------------------

HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(RF.warningIssues(input.report, {}, input.guide, input.labels, input.own)
  .filter((i) => i.code === "W-OCCASION-OWN").map((i) => [i.path.join("/"), i.message])));
"""
# Organizers, occasions and names: self words spelled otherwise, the registered name, other bodies,
# an occasion of the list, a major event of 七 as the occasion's name, the open choice spelled with
# spaces, a title with a slot's braces in it.
ORGANIZERS = ["本学会", " 我会。", "本　会", "成都市cd-zz学会（示例）", "成都市 CD-ZZ 学会(示例)", "成都市科学技术协会",
              "本学会、成都市科学技术协会", "{organizer}", "成都市cd-zz学会"]


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_form_says_what_the_check_says_of_each_organizer(tmp_path: Path, year: int) -> None:
    import datetime as dt
    import json
    import subprocess

    import yaml

    from site_builder.form_labels import guide_data, labels_data
    from tests.test_form_criteria import _node
    from tests.test_form_findings_node import SCRIPTS

    rules = guideline(year)
    assert rules is not None
    cases = [(OPEN, "本学会开放日", o) for o in ORGANIZERS] + [
        ("全国科普日", "", "本学会"), (f" {OPEN} ", "本学会开放日", "本学会"), (OPEN, "全国科技工作者日", "本学会"),
        (OPEN, "本学会{title}日", "我会")]
    events = [{"id": f"evt-{i}", "title": f"科普展{{title}}{i}", "category": "大型社会活动", "role": "主办",
               "date": dt.date(year, 6, 1), "participants": 300, "occasion": occasion,
               **({"occasion_name": name} if name else {}), "occasion_organizer": organizer,
               "evidence": ["https://example.org/a"]} for i, (occasion, name, organizer) in enumerate(cases)]
    report = {"society": "cd-zz", "year": year, "academic_events": events}
    root = write_tree(tmp_path, {"submissions/cd-zz/society.yaml": profile("cd-zz"),
                                 f"submissions/cd-zz/{year}.yaml": yaml.safe_dump(report, allow_unicode=True)})
    result, _ = check_tree(root)
    by_check = sorted(("/".join(map(str, f.path or ())), f.message) for f in result.findings if f.code == CODE)
    payload = json.dumps({"report": report, "guide": guide_data(rules), "labels": labels_data(),
                          "own": "成都市cd-zz学会（示例）"}, ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    assert sorted(tuple(x) for x in json.loads(done.stdout)) == by_check
    assert len(by_check) == 7  # five organizers above, the open choice with spaces, the name with braces
