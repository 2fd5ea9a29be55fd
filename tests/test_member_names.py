"""Written variants of one consortium member count once (4.3's tiers count members)."""

from __future__ import annotations

from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.year.measures import distinct_members, member_key

CASE = ROOT / "tests" / "data" / "fidelity" / "consortium-member-written-variants"


def test_inner_whitespace_and_full_width_forms_are_one_member() -> None:
    assert distinct_members(["某某学会", "某 某学会", "某\u3000某学会", " 某某学会 "]) == ["某某学会"]
    assert member_key("ＡＢ学会") == member_key("AB学会")
    # A name without Chinese keeps one space between its words.
    assert member_key("Sichuan  Society") == "Sichuan Society" != member_key("SichuanSociety")
    # Traditional and simplified forms are not folded (no converter in the requirements).
    assert len(distinct_members(["某某学会", "某某學會"])) == 2


def test_the_tier_line_shows_the_count_it_used() -> None:
    _, repo = check_tree(CASE)
    (e,) = evaluate_repository(repo)
    tier = [line for line in e.lines if line.item_id == "c-variants" and line.rule == "tier"]
    assert tier, [line.note for line in e.lines]
    assert "成员 3 个" in tier[0].note, tier[0].note
