"""The workbench's merge of a draft begun on an older record (site_builder/review/review-draft.js),
run under Node: it adds only what the draft changed since the record it began on (never a
verdict, 其余全部核实 or mark the repository deleted since), carries every row of one expert's
marks on one criterion and counts them alike, and lets the record's 其余全部核实 stand against
a draft's refusal of an item it covers."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from tests.test_form_criteria import _node
from tests.trees import ROOT

SCRIPT = ROOT / "site_builder" / "review" / "review-draft.js"
# Reads [record, draft, start, reviewer] on stdin; writes {apart, merged}.
HARNESS = """
const RV = require(process.argv[1]);
const [record, draft, start, reviewer] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const apart = RV.recordsApart(record, draft, start, reviewer);
const merged = RV.mergeDraft(record, draft, start, reviewer);
process.stdout.write(JSON.stringify({ apart: apart, merged: merged }));
"""

EMPTY: dict[str, Any] = {"items": {}, "rest": None, "marks": [], "sample": False}


def _run(record: dict[str, Any], draft: dict[str, Any], start: dict[str, Any] | None,
         reviewer: str = "") -> dict[str, Any]:
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], capture_output=True, text=True, check=True,
                          input=json.dumps([record, draft, start, reviewer]), timeout=60)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def state(items: dict[str, Any] | None = None, rest: dict[str, Any] | None = None,
          marks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"items": items or {}, "rest": rest, "marks": marks or [], "sample": False}


def item(status: str, reviewer: str, date: str = "2026-11-12", reason: str = "", content: str = "c1") -> dict[str, Any]:
    return {"status": status, "reason": reason, "reviewer": reviewer, "date": date, "content": content}


def mark(expert: str, value: float | None, date: str = "2026-11-12", criterion: str = "event-quality") -> dict[str, Any]:
    return {"criterion": criterion, "expert": expert, "mark": value, "date": date}


BOBS_X = item("not_recognised", "bob", reason="没有服务确认。")
REST = {"reviewer": "cast-staff", "date": "2026-11-10", "contents": None}


def test_what_main_deleted_since_the_draft_began_is_not_brought_back() -> None:
    """The draft began on a record with bob's verdict on X, his mark and 其余全部核实; an admin
    has since taken all three back. The draft's own verdict on Y is added, nothing else."""
    start = state({"x": BOBS_X}, REST, [mark("bob", 4)])
    draft = state({"x": BOBS_X, "y": item("verified", "carol", "2026-11-20")}, REST, [mark("bob", 4)])
    found = _run(EMPTY, draft, start)
    assert sorted(found["merged"]["items"]) == ["y"]
    assert found["merged"]["rest"] is None
    assert found["merged"]["marks"] == []
    assert [(e["kind"], e["id"]) for e in found["apart"]["added"]] == [("item", "y")]
    assert [(e["kind"], e["id"]) for e in found["apart"]["revived"]] == [
        ("item", "x"), ("rest", None), ("mark", "event-quality")]


def test_what_the_draft_changed_on_a_start_record_is_its_own() -> None:
    """A verdict of the start the draft changed (material arrived) is the draft's: added where
    the record has none; one the draft deleted is kept as the record holds it, and said."""
    start = state({"x": item("material_requested", "bob", reason="请补充。"), "z": item("verified", "bob")})
    draft = state({"x": item("verified", "carol", "2026-11-20")})
    record = state({"z": item("verified", "bob")})
    found = _run(record, draft, start)
    assert found["merged"]["items"] == {"x": item("verified", "carol", "2026-11-20"), "z": item("verified", "bob")}
    assert [e["id"] for e in found["apart"]["withdrawn"]] == ["z"]
    assert [e["id"] for e in found["apart"]["lost"]] == ["z"]


def test_an_old_draft_adds_only_the_reviewer_on_the_pages_own() -> None:
    """A draft kept before drafts kept their start: only the verdicts given by the reviewer now
    named on the page are taken as its own; the rest (bob's, and every mark) is listed, not added."""
    draft = state({"x": BOBS_X, "y": item("verified", "carol", "2026-11-20")}, None, [mark("bob", 4)])
    found = _run(EMPTY, draft, None, "carol")
    assert sorted(found["merged"]["items"]) == ["y"]
    assert found["merged"]["marks"] == []
    assert [(e["kind"], e["id"]) for e in found["apart"]["unsure"]] == [("item", "x"), ("mark", "event-quality")]
    assert _run(EMPTY, draft, None, "")["merged"]["items"] == {}


def test_every_row_of_one_experts_marks_is_counted_and_merged() -> None:
    """Two rows of expert-c on one criterion (the second the correction): both are listed and
    both merged, so the page says the expert marked it twice; none is dropped unseen."""
    rows = [mark("expert-c", 3, "2026-11-20"), mark("expert-c", 4, "2026-11-21")]
    draft = state(marks=[*rows, mark("expert-d", 5), {"criterion": "event-quality", "expert": "", "mark": None,
                                                      "date": "2026-11-21"}])
    found = _run(state(marks=[mark("expert-a", 4.5)]), draft, EMPTY)
    added = [e["value"] for e in found["apart"]["added"]]
    assert added == [*rows, mark("expert-d", 5)]
    assert [m for m in found["merged"]["marks"] if m["expert"] or m["mark"] is not None] == [
        mark("expert-a", 4.5), *added]
    assert len(found["merged"]["marks"]) == 5  # the row not filled in yet is kept too


def test_the_records_rest_stands_against_the_drafts_refusal_of_an_item_it_covers() -> None:
    """The record's 其余全部核实 counts Z as verified: the draft's 不予认定 on Z changes its
    verdict, so it is a difference (the record's stands), not an addition."""
    refusal = item("not_recognised", "carol", "2026-11-20", "没有服务确认。")
    draft = state({"z": refusal, "w": item("verified", "carol", "2026-11-20")})
    found = _run(state(rest=REST), draft, EMPTY)
    assert "z" not in found["merged"]["items"]
    assert [e["id"] for e in found["apart"]["added"]] == ["w"]
    [differ] = found["apart"]["differ"]
    assert differ["record"] == {"kind": "rest", "id": "z", "value": REST}
    assert [e["value"] for e in differ["draft"]] == [refusal]
    assert differ["own"] is True
    # A rest given on other contents does not cover the item as the draft saw it: added.
    other = {**REST, "contents": ["c9"]}
    assert "z" in _run(state(rest=other), draft, EMPTY)["merged"]["items"]
