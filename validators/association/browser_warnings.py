"""Some of the check's findings as the online form says them at the field, in the check's words:
a pilot-district service whose 服务成效 says nothing earns nothing under 1.3 (W-OUTCOME-NOTHING,
validators/rules/innovation.py), and, in a year the staff verify (its `reviews/<year>/` folder
exists), an item with no evidence (W-EVIDENCE-NONE, validators/rules/evidence.py); a research
report whose topic needs a focus it lacks, or has one its topic does not use (E-RESEARCH-FOCUS,
W-RESEARCH-FOCUS-UNUSED, validators/rules/research.py); in a year whose file has
`government_markers`, a service whose enterprise's name ends in one (W-SERVICE-NOT-ENTERPRISE,
validators/rules/innovation.py, `measures.government_ending`); an event of 5.4 in an occasion
outside the year's list whose organizer is the society itself, by a word of policy.yaml's
`text.self_words` or by its registered name as the form's list of societies has it
(W-OCCASION-OWN, validators/rules/academic_events.py); a society that says it is a pilot society
while the year's pilot list is not published or does not name it, or that the published list
names and does not say it (W-PILOT-NOT-CONFIRMED, W-PILOT-NOT-CLAIMED,
validators/rules/government_functions.py); an expert registration rate below the year's
`thresholds.expert_registration_rate` (W-EXPERTS-RATE, validators/rules/innovation.py). The form reads
these from a year's guide (guide-<year>.json) and the words that say nothing from labels.json
(policy.yaml's `text.nothing_words`), so that it says what `check` says without a second copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from validators.models.academic_events import AcademicEvent
from validators.models.government_functions import GovernmentFunctions
from validators.models.innovation import Innovation, Service
from validators.models.report import YearReport
from validators.rules import academic_events, evidence, government_functions, innovation, research
from validators.rules.rule_context import RuleContext
from validators.yaml.loading import SourceMap
from validators.yaml.policy import policy
from validators.year import measures
from validators.year.guideline import Guideline

__all__ = ["ENDING_SLOT", "ENTERPRISE_SLOT", "OUTCOME_SLOT", "TOPIC_SLOT", "browser_evidence_kinds", "browser_nothing_words", "browser_warnings"]

# Where the form puts a service's outcome (trimmed, as the check quotes it) in the check's words.
OUTCOME_SLOT = "{outcome}"
# Where it puts a research report's topic.
TOPIC_SLOT = "{topic}"
# Where it puts a service's enterprise (trimmed, as the check quotes it), and the ending it names.
ENTERPRISE_SLOT = "{enterprise}"
ENDING_SLOT = "{ending}"


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
    service = Service.model_construct(district=rules.pilot_districts[0], outcome=word, enterprise="示例企业",
                                      date=rules.evaluation_window.deadline)
    area = Innovation.model_construct(senior_experts_total=0, senior_experts_registered=0, services=[service])
    ctx = RuleContext("", Path(), SourceMap(), rules, policy())
    innovation.check(YearReport.model_construct(innovation=area), ctx)
    [said] = [f.message for f in ctx.findings if f.code == "W-OUTCOME-NOTHING"]
    quoted = f"“{word.strip()}”"
    assert said.count(quoted) == 1, said  # the rule's wording changed: say where it quotes the outcome
    return said.replace(quoted, f"“{OUTCOME_SLOT}”")


def _enterprise(rules: Guideline) -> dict[str, Any] | None:
    """What the form needs to say W-SERVICE-NOT-ENTERPRISE as the check says it: the year's
    government markers, the endings that are a business's all the same, the company markers that
    make a name a company's, the brackets whose parts are read apart (`measures.government_ending`),
    and the check's sentence asked of the rule itself, with ENTERPRISE_SLOT and ENDING_SLOT, and
    its two ways of naming the ending ("{marker}", "{part}"). None in a year without markers."""
    if not rules.government_markers:
        return None
    marker = max(rules.government_markers, key=len)
    name = f"示例{marker}"
    ctx = RuleContext("", Path(), SourceMap(), rules, policy())
    said = innovation.not_enterprise(name, ctx)
    assert said is not None, name  # the rule no longer reads the year's longest marker
    ending = innovation.ENDING_WHOLE.format(marker=marker)
    for quoted, slot in ((f"“{name}”", f"“{ENTERPRISE_SLOT}”"), (ending, ENDING_SLOT)):
        assert said.count(quoted) == 1, said  # the rule's wording changed: say where it quotes
        said = said.replace(quoted, slot)
    return {"markers": list(rules.government_markers), "exceptions": list(rules.government_marker_exceptions),
            "company": list(rules.company_markers),
            "brackets": "".join(sorted(measures.BRACKET_MARKS)),
            "words": said, "whole": innovation.ENDING_WHOLE, "part": innovation.ENDING_PART}


def _own_occasion(rules: Guideline) -> dict[str, Any] | None:
    """What the form needs to say W-OCCASION-OWN as the check says it: the words by which a society
    names itself, and for each category held in occasions (by its code) the check's sentence asked
    of the rule itself, with "{title}", "{name}" and "{organizer}" where it quotes the event's
    title, occasion name and organizer. None in a year with no such category."""
    words: dict[str, str] = {}
    for category in rules.kinds.event_categories:
        if not category.criteria.occasion:
            continue
        event = AcademicEvent.model_construct(title="{title}", category=category.code, occasion=rules.open_occasion,
                                              occasion_name="{name}", occasion_organizer="{organizer}")
        said = academic_events.own_occasion(event, rules)
        for slot in ("{title}", "{name}", "{organizer}"):
            assert said.count(f"“{slot}”") == 1, said  # the rule's wording changed: say where it quotes
        words[category.code] = said
    return {"self_words": list(policy().text.self_words), "words": words} if words else None


def _expert_rate(rules: Guideline, root: Path | None) -> dict[str, Any]:
    """What the form needs to say W-EXPERTS-RATE as the check says it: the year's rate to reach,
    as a number (the form compares and formats the report's rate as `measures.percent` does) and
    as the check writes it, and the check's sentence asked of the rule itself, with "{rate}",
    "{registered}" and "{total}" where it quotes the report's rate and numbers; the clause as the
    year's rubric in `root` cites it (a year may renumber 1.2)."""
    needed = rules.thresholds.expert_registration_rate
    total = 999_999_937  # a prime: its digits, the count's and the rate's are no other words of the sentence
    registered = int(total * needed * 0.7)
    area = Innovation.model_construct(senior_experts_total=total, senior_experts_registered=registered, services=[])
    ctx = RuleContext("", Path(), SourceMap(), rules, policy(), root=root)
    innovation.check(YearReport.model_construct(innovation=area), ctx)
    [said] = [f.message for f in ctx.findings if f.code == "W-EXPERTS-RATE"]
    for value, slot in ((measures.percent(registered / total, needed), "{rate}"), (str(registered), "{registered}"),
                        (str(total), "{total}")):
        assert said.count(value) == 1, said  # the rule's wording changed: say where it quotes
        said = said.replace(value, slot)
    return {"needed": needed, "shown": measures.percent(needed, needed), "words": said}


def _pilot_words(rules: Guideline, society: str, claimed: bool) -> dict[str, str]:
    """What the check says at the pilot field of a report of `society` that says pilot or not
    (`claimed`), asked of the rule itself: {code: sentence}."""
    area = GovernmentFunctions.model_construct(pilot=claimed, functions=[])
    ctx = RuleContext("", Path(), SourceMap(), rules, policy())
    government_functions.check(YearReport.model_construct(society=society, government_functions=area), ctx)
    return {f.code: f.message for f in ctx.findings if f.path == ("government_functions", "pilot")}


def _pilot(rules: Guideline) -> dict[str, Any] | None:
    """What the form needs to say W-PILOT-NOT-CONFIRMED and W-PILOT-NOT-CLAIMED as the check says
    them: the year's published pilot list (empty while it is not out) and the check's sentence, asked
    of the rule itself, for a society that says pilot and is not on it (`claimed`) and one on it
    that does not say pilot (`unclaimed`, only with a published list). None in a year whose rubric
    has ended the pilot clause (the check says nothing of the field then)."""
    listed = list(rules.pilot_societies)
    outside = "-".join(["not", *listed]) or "cd-any"  # a slug no list holds: longer than any on it
    claimed = _pilot_words(rules, outside, True)
    unclaimed = _pilot_words(rules, listed[0], False) if listed else {}
    if not claimed:
        return None
    assert list(claimed) == ["W-PILOT-NOT-CONFIRMED"], claimed  # the rule changed: say what the form says
    assert list(unclaimed) in ([], ["W-PILOT-NOT-CLAIMED"]), unclaimed
    return {"societies": listed, "claimed": claimed["W-PILOT-NOT-CONFIRMED"],
            "unclaimed": unclaimed.get("W-PILOT-NOT-CLAIMED")}


def browser_warnings(rules: Guideline, reviewed: bool, root: Path | None = None) -> dict[str, Any]:
    """For a year's guide: its pilot districts and the check's words for a service there whose
    outcome says nothing; whether the staff verify the year (`reviewed`), and the check's words
    for an item with no evidence, which it gives only then; the year's pilot list and the check's
    words at the pilot field; the year's expert registration rate and the check's words for one
    below it."""
    return {"pilot_districts": list(rules.pilot_districts), "reviewed": reviewed, "enterprise": _enterprise(rules),
            "own_occasion": _own_occasion(rules), "pilot": _pilot(rules), "expert_rate": _expert_rate(rules, root),
            "words": {"W-OUTCOME-NOTHING": _outcome_words(rules), "W-EVIDENCE-NONE": evidence.NO_EVIDENCE_MESSAGE,
                      "E-RESEARCH-FOCUS": research.focus_missing(TOPIC_SLOT, rules),
                      "W-RESEARCH-FOCUS-UNUSED": research.focus_unused(TOPIC_SLOT, rules)}}
