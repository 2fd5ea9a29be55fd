"""What a year's guideline page says its text changed since the year before: the section
“与上一年度相比改动的条款”, computed from the two years' parsed texts (validators/year/text.py),
never written by hand.

Clauses are paired by their number (1.2 with 1.2): a clause only one year has is 新增 or 删去,
one whose words differ is 改动. Each is quoted as its year's text writes it (a numbered clause
without its own number, an area's opening whole), word for word; the words that changed are
marked in both quotes (<del> in the earlier year's, <ins> in this year's) and said once more in
plain words before them (“100”改为“150”), which a printout and a screen reader keep.

Chinese has no spaces, so the comparison is by runs: a number (150, 0.6) or a Latin word is
one run, every other character one. A run of one or two characters that only happens to be
the same between two changes (a 的, a 、) is taken into the change, so that a rewritten phrase
reads as one change and not as a scatter of single characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from site_builder.markup import attr, clause_anchor, text
from validators.year.text import GuidelineText

__all__ = ["ANCHOR", "HEADING", "ClauseChange", "Segment", "clause_changes", "said_in_note", "section", "segments",
           "wordings"]

HEADING = "与上一年度相比改动的条款"
ANCHOR = "clause-changes"
CHANGED, ADDED, REMOVED = "改动", "新增", "删去"
_CLASS = {ADDED: "added", REMOVED: "removed", CHANGED: "changed"}

# A number (with its decimal point and a per cent sign: “50%”改为“60%”, not “50”改为“60”), a
# Latin word, a run of spaces, or any one other character.
_RUN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)*[%％]?|[A-Za-z]+|\s+|.", re.DOTALL)
# An unchanged run this short between two changes is a coincidence, not a shared word.
_COINCIDENCE = 2
# Past this many changed characters or separate changes, the plain-words summary would repeat the
# quotes: the marks in them say it.
_SUMMARY_CHARS, _SUMMARY_EDITS = 40, 3


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the two wordings: the same in both (`old == new`), or changed."""

    old: str
    new: str

    @property
    def same(self) -> bool:
        return self.old == self.new


@dataclass(frozen=True, slots=True)
class ClauseChange:
    clause: str
    old: str | None  # the earlier year's wording; None: the clause is new
    new: str | None  # this year's; None: the clause is gone

    @property
    def kind(self) -> str:
        return ADDED if self.old is None else REMOVED if self.new is None else CHANGED


def wordings(doc: GuidelineText) -> dict[str, str]:
    """Each clause's words as the text writes them: a numbered clause without its own number
    (which a renumbering changes, not a wording), an area's opening whole (its lead-in too)."""
    return {p.clause: (p.words if "." in p.clause else p.text)
            for area in doc.areas for p in area.paragraphs if p.clause}


def _clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in clause.split("."))


def clause_changes(old: GuidelineText, new: GuidelineText) -> list[ClauseChange]:
    """The clauses added, removed or reworded from `old` to `new`, in clause order."""
    before, after = wordings(old), wordings(new)
    return [ClauseChange(c, before.get(c), after.get(c))
            for c in sorted(before.keys() | after.keys(), key=_clause_key)
            if before.get(c) != after.get(c)]


def segments(old: str, new: str) -> list[Segment]:
    """`old` and `new` as stretches the same in both and stretches changed, in order; joined,
    the olds give `old` and the news `new`, character for character."""
    a, b = _RUN.findall(old), _RUN.findall(new)
    found: list[Segment] = []
    for _, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        found.append(Segment("".join(a[i1:i2]), "".join(b[j1:j2])))
    return _merged(found)


def _merged(found: list[Segment]) -> list[Segment]:
    """Changes separated only by a coincidence taken as one change."""
    out: list[Segment] = []
    for i, part in enumerate(found):
        coincidence = (part.same and len(part.old) <= _COINCIDENCE and 0 < i < len(found) - 1
                       and not found[i - 1].same and not found[i + 1].same)
        if (coincidence or not part.same) and out and not out[-1].same:
            last = out.pop()
            out.append(Segment(last.old + part.old, last.new + part.new))
        else:
            out.append(part)
    return out


def _marked(parts: list[Segment], side: str, tag: str) -> str:
    return "".join(text(getattr(p, side)) if p.same
                   else (f"<{tag}>{text(getattr(p, side))}</{tag}>" if getattr(p, side) else "")
                   for p in parts)


def _summary(parts: list[Segment]) -> str:
    """The changes in plain words (“100”改为“150”；增加“、科技活动月”); many are left to the marks."""
    edits = [p for p in parts if not p.same]
    if len(edits) > _SUMMARY_EDITS or sum(len(p.old) + len(p.new) for p in edits) > _SUMMARY_CHARS:
        return "多处改动，见下面两段原文中标出的字句。"
    said = [f"“{text(p.old)}”改为“{text(p.new)}”" if p.old and p.new
            else f"增加“{text(p.new)}”" if p.new else f"删去“{text(p.old)}”" for p in edits]
    return "；".join(said) + "。"


def _change(change: ClauseChange, before: int, year: int, earlier_page: str) -> str:
    """One clause's block of raw HTML: what happened to it, then the quotes."""
    here = f"#{clause_anchor(change.clause)}"
    where = earlier_page + here if change.new is None else here
    name = f'<a href="{attr(where)}">条款 {text(change.clause)}</a>'
    lines = [f'<div class="sb-change sb-change--{_CLASS[change.kind]}">']
    if change.old is not None and change.new is not None:
        parts = segments(change.old, change.new)
        lines += [f'<p class="sb-change__head">{name}　<strong>{CHANGED}</strong>：{_summary(parts)}</p>',
                  f'<p class="sb-change__old"><span class="sb-change__year">{before} 年度原文：</span>'
                  f"“{_marked(parts, 'old', 'del')}”</p>",
                  f'<p class="sb-change__new"><span class="sb-change__year">{year} 年度原文：</span>'
                  f"“{_marked(parts, 'new', 'ins')}”</p>"]
    elif change.new is not None:
        lines += [f'<p class="sb-change__head">{name}　<strong>{ADDED}</strong>：{before} 年度没有这一条。</p>',
                  f'<p class="sb-change__new"><span class="sb-change__year">{year} 年度原文：</span>'
                  f"“<ins>{text(change.new)}</ins>”</p>"]
    else:
        lines += [f'<p class="sb-change__head">{name}　<strong>{REMOVED}</strong>：{year} 年度没有这一条。</p>',
                  f'<p class="sb-change__old"><span class="sb-change__year">{before} 年度原文：</span>'
                  f"“<del>{text(change.old)}</del>”</p>"]
    return "\n".join([*lines, "</div>"]) + "\n"


def said_in_note(old: GuidelineText, new: GuidelineText, before: int) -> str:
    """What the page's opening note says of the section: how many clauses changed, linked."""
    if old.file == new.file:
        return ""  # the note says already that the year carries the text forward
    count = len(clause_changes(old, new))
    if not count:
        return f"各条款的原文与 {before} 年度相同。"
    return f"与 {before} 年度相比改动了 {count} 条条款，见文末的[{HEADING}](#{ANCHOR})。"


def section(old: GuidelineText, new: GuidelineText, before: int, year: int, earlier_page: str,
            elsewhere: str = "") -> str:
    """The section for `year`'s page, against `before`'s text (`earlier_page`: the relative
    address of `before`'s guideline page, for a removed clause's link); `elsewhere`: a paragraph
    (HTML) on where the year's other changes are said, after the first."""
    head = f"## {HEADING} {{#{ANCHOR}}}\n\n"
    more = f"\n{elsewhere}\n" if elsewhere else ""
    if old.file == new.file:
        return head + f"{year} 年度与 {before} 年度用的是同一份指南原文，没有改动的条款。\n" + more
    changes = clause_changes(old, new)
    compared = f"以下由 {before} 年度和 {year} 年度的指南原文按条款编号逐条比较得出"
    if not changes:
        return head + f"{compared}：各条款的原文都与 {before} 年度相同。\n" + more
    return (head + f"{compared}，共 {len(changes)} 条。引文与两个年度的原文一字不差；"
            "改动的字句在前一年度的原文中标为<del>删除线</del>，"
            "在本年度的原文中标为<ins>下划线</ins>。\n" + more + "\n"
            + "\n".join(_change(c, before, year, earlier_page) for c in changes))
