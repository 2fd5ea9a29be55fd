"""What a score line is about, in the report page's 项目 column: a piece of work, never a form's
question (“其中在专家库注册的人数” named the 1.2 line)."""

from __future__ import annotations

from site_builder import names
from site_builder.items import name_of
from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.year.rubric import Rule, rubric


def test_a_line_about_the_reports_own_figures_is_named_by_its_rubric_rule() -> None:
    _, repo = check_tree(ROOT)
    named: dict[str, tuple[str, str]] = {}  # rule → (the page's name, the rubric's name)
    for e in evaluate_repository(repo):
        doc, rules = repo.reports[(e.society, e.year)], rubric(e.guideline_year, ROOT)
        assert rules is not None
        for line in e.lines:
            if line.item_id is None or name_of(doc.report, line.area, line.item_id) is not None:
                continue
            rule, criterion = getattr(rules.area(line.area), line.rule, None), rules.criterion(line.item_id)
            label = rule.label if isinstance(rule, Rule) else criterion.label if criterion else ""
            named[line.rule] = (names.line_subject(doc.report, line, rules), label)
    assert {"expert_rate", "platform_registered", "expert_mark"} <= set(named)
    assert all(shown == label for shown, label in named.values()), named
    assert "其中在专家库注册的人数" not in {shown for shown, _ in named.values()}
