"""Some of the check's findings as the online form says them at the field, in the check's words:
a pilot-district service whose 服务成效 says nothing earns nothing under 1.3 (W-OUTCOME-NOTHING,
validators/rules/innovation.py), and, in a year the staff verify (its `reviews/<year>/` folder
exists), an item with no evidence (W-EVIDENCE-NONE, validators/rules/evidence.py); a research
report whose topic needs a focus it lacks, or has one its topic does not use (E-RESEARCH-FOCUS,
W-RESEARCH-FOCUS-UNUSED, validators/rules/research.py). The form reads
these from a year's guide (guide-<year>.json) and the words that say nothing from labels.json
(policy.yaml's `text.nothing_words`), so that it says what `check` says without a second copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from validators.models.innovation import Innovation, Service
from validators.models.report import YearReport
from validators.rules import evidence, innovation, research
from validators.rules.rule_context import RuleContext
from validators.yaml.loading import SourceMap
from validators.yaml.policy import policy
from validators.year.guideline import Guideline

__all__ = ["OUTCOME_SLOT", "TOPIC_SLOT", "browser_evidence_kinds", "browser_nothing_words", "browser_warnings"]

# Where the form puts a service's outcome (trimmed, as the check quotes it) in the check's words.
OUTCOME_SLOT = "{outcome}"
# Where it puts a research report's topic.
TOPIC_SLOT = "{topic}"


def browser_evidence_kinds() -> dict[str, Any]:
    """The extensions of the files the staff can open as evidence (policy.yaml's
    `evidence.file_kinds`), and E-EVIDENCE-FILE-TYPE's words for a file of none, asked of the rule
    itself (`evidence.kind_refusal`), with "{ref}" and "{extension}" where the form puts them."""
    named = evidence.kind_refusal("{ref}", "a.{extension}")
    unnamed = evidence.kind_refusal("{ref}", "a")
    assert named, "kind_refusal no longer refuses an unknown extension"
    assert unnamed, "kind_refusal no longer refuses a name without an extension"
    return {"kinds": [e for kind in policy().evidence.file_kinds for e in kind.extensions],
            "evidence_kind": named[1], "evidence_no_kind": unnamed[1]}


def browser_nothing_words() -> dict[str, Any]:
    """What tells a text that says nothing (无, 暂无, -, N/A) from one that says something, as
    `TextPolicy.says_nothing` reads it: the words and the end marks trimmed before comparing."""
    text = policy().text
    return {"words": list(text.nothing_words), "trailing": text.nothing_trailing}


def _outcome_words(rules: Guideline) -> str | None:
    """The check's W-OUTCOME-NOTHING for the year, asked of the rule itself, with OUTCOME_SLOT where
    it quotes the service's outcome; None in a year that names no pilot district."""
    if not rules.pilot_districts:
        return None
    word = policy().text.nothing_words[0]
    service = Service.model_construct(district=rules.pilot_districts[0], outcome=word,
                                      date=rules.evaluation_window.deadline)
    area = Innovation.model_construct(senior_experts_total=0, senior_experts_registered=0, services=[service])
    ctx = RuleContext("", Path(), SourceMap(), rules, policy())
    innovation.check(YearReport.model_construct(innovation=area), ctx)
    [said] = [f.message for f in ctx.findings if f.code == "W-OUTCOME-NOTHING"]
    quoted = f"“{word.strip()}”"
    assert said.count(quoted) == 1, said  # the rule's wording changed: say where it quotes the outcome
    return said.replace(quoted, f"“{OUTCOME_SLOT}”")


def browser_warnings(rules: Guideline, reviewed: bool) -> dict[str, Any]:
    """For a year's guide: its pilot districts and the check's words for a service there whose
    outcome says nothing; whether the staff verify the year (`reviewed`), and the check's words
    for an item with no evidence, which it gives only then."""
    return {"pilot_districts": list(rules.pilot_districts), "reviewed": reviewed,
            "words": {"W-OUTCOME-NOTHING": _outcome_words(rules), "W-EVIDENCE-NONE": evidence.NO_EVIDENCE_MESSAGE,
                      "E-RESEARCH-FOCUS": research.focus_missing(TOPIC_SLOT, rules),
                      "W-RESEARCH-FOCUS-UNUSED": research.focus_unused(TOPIC_SLOT, rules)}}
