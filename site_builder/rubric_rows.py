"""The rubric's rules as rows the site can point at: each rule of a year's rubric page has an
anchor of its own, and each evaluation line names the rule that set its points, linked to that
row and said in words made from the rubric file (“细则：每项 2 分，最多 3 项”). The guideline's
clause says what counts; only the rubric says how much. A line that earned nothing says so after
the rule's points (“细则：2 分（本项未得分）”); a final year's line whose rubric files changed after
finalize links its row without words (the row's points are no longer those that scored it)."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.context import RUBRIC_PAGE, SiteData, rubric_anchor
from site_builder.markup import link, num, text
from validators.evaluation.score_lines import ScoreLine
from validators.year.rubric import COMBINE_WORDS, ItemTier, Rubric, Rule

# The rule name of an expert's mark's line (validators.evaluation.expert_marks), and of a
# station's or consortium's yearly tier's line, whose table is the area's `tiers` (scoring).
EXPERT_MARK = "expert_mark"
TIER_LINE = "tier"
# After a rule's points, on a line that earned none of them: the points are the rule's, not the line's.
UNPAID = "（本项未得分）"
# Between a rule's words in its link: a number never apart from its unit (“最多 6 项”, “一档 4 分”),
# which a narrow 依据 column broke as “最多 6” above “项”.
WORD_SPACE = "\u00a0"


def rule_anchor(year: int, area: str, name: str, code: str | None = None) -> str:
    """A rule's row on the rubric page: `rubric-2018-innovation-pilot_district_service`; a rule
    of a table by kind with its kind's code (`rubric-2018-academic_events-category-other`)."""
    return f"{rubric_anchor(year, area)}-{name}" + (f"-{code}" if code else "")


def tiers_anchor(year: int, area: str) -> str:
    """An area's table of yearly tiers (service stations, consortia)."""
    return f"{rubric_anchor(year, area)}-tiers"


def criterion_anchor(year: int, criterion: str) -> str:
    """An assessed criterion's row (the experts' marks)."""
    return f"rubric-{year}-assessed-{criterion}"


def rule_words(rule: Rule) -> str:
    """A rule's points as the rubric page's row says them: “每项 2 分，最多 3 项”, or “3 分”."""
    if rule.max_count is not None:
        return f"每项 {num(rule.points)} 分，最多 {rule.max_count} 项"
    return f"{num(rule.points)} 分"


def tier_words(tiers: list[ItemTier]) -> str:
    """A table of yearly tiers in words: “年度绩效分档：一档 4 分、二档 2 分”."""
    return "年度绩效分档：" + "、".join(f"{t.tier} {num(t.points)} 分" for t in tiers)


@dataclass(frozen=True, slots=True)
class RuleRef:
    """Where a line's rule is on the rubric page, and its points in words (plain text; empty when
    the row is known but not which of its rules: the area's section then)."""

    anchor: str
    words: str


def _by_label(table: dict[str, Rule], note: str) -> tuple[str, Rule] | None:
    """The one rule of a table by kind whose label opens the line's note (as `award` writes it:
    “<label>：…”); None when none or several do."""
    found = [(code, rule) for code, rule in table.items() if note.startswith(f"{rule.label}：")]
    return found[0] if len(found) == 1 else None


def line_rule(points: Rubric, year: int, line: ScoreLine) -> RuleRef | None:
    """The rubric rule that set a line's points, or None for a line no rule sets (the cap's,
    an error's, a verdict's). A paid line whose points the rule no longer gives (a final year's
    frozen line under a rubric file changed since) is not said in this rule's words."""
    if line.rule == EXPERT_MARK:
        criterion = points.criterion(line.item_id or "")
        if criterion is None:
            return None
        return RuleRef(criterion_anchor(year, criterion.id),
                       f"专家评分 {num(criterion.min)}–{num(criterion.max)} 分，取{COMBINE_WORDS[criterion.combine]}")
    try:
        section = points.area(line.area)
    except KeyError:
        return None
    name = "tiers" if line.rule == TIER_LINE else line.rule
    value = getattr(section, name, None) if name in type(section).model_fields else None
    code: str | None = None
    if isinstance(value, Rule):
        rule = value
    elif isinstance(value, dict):
        found = _by_label(value, line.note)
        if found is None:  # a kind's line that pays nothing says no kind's label: the area's rules
            return RuleRef(rubric_anchor(year, line.area), "")
        code, rule = found
    elif isinstance(value, list) and value and isinstance(value[0], ItemTier):
        if line.points and line.points not in {t.points for t in value}:
            return None
        return RuleRef(tiers_anchor(year, line.area), _unpaid(line, tier_words(value)))
    else:
        return None
    if line.points and line.points != rule.points:
        return None
    return RuleRef(rule_anchor(year, line.area, line.rule, code), _unpaid(line, rule_words(rule)))


def _unpaid(line: ScoreLine, words: str) -> str:
    """A rule's points in words, said to be the rule's beside a line that earned none of them
    (not met, not yet counted, past the rule's cap): “2 分（本项未得分）”, not a bare “2 分” by a 0."""
    return words if line.points else f"{words}{UNPAID}"


def rule_link(site: SiteData, page: str, year: int, line: ScoreLine) -> str:
    """The line's rule linked to its row of the year's rubric: “细则：每项 2 分，最多 3 项”; empty
    when no rule sets the line. A final year whose rubric files changed after finalize: “细则”
    alone, its row's present words (a count's cap, a tier, a mark's range) not being the frozen ones."""
    found = line_rule(site.rubric(year), year, line)
    if found is None:
        return ""
    words = found.words and not site.rubric_changed_after_final(year)
    said = f"细则：{text(found.words.replace(' ', WORD_SPACE))}" if words else "细则"
    return link(site.urls.rel(page, RUBRIC_PAGE, found.anchor), said, cls="sb-rule-ref")
