"""A year's guideline text (`guidelines/<year>.txt`), read into areas and clauses.

The text is the source of every clause's words: the clause texts the site, the template and
the messages quote come from it, never from a second copy. A year without a text of its own
uses the text of the year it carries forward.

Areas (`一、…`) are headings; each numbered requirement (`1.`) is clause `<area>.<n>`; an area's
opening paragraph is clause `<area>` (the guideline's clauses 1, 4 and 6 are such openings).
Lines broken in the middle of a sentence are joined; no word is changed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from validators.console import read_failure
from validators.yaml.loading import control_character, not_regular, read_limited
from validators.year.files import (
    YearFileError,
    YearProblem,
    read_year_file,
    relative,
    tree_root,
    year_file,
)

__all__ = [
    "NUMERALS",
    "AreaText",
    "GuidelineText",
    "Paragraph",
    "area_clauses",
    "area_numeral",
    "cited_clauses_only",
    "clause_ranges_of_year",
    "guideline_text",
    "parse",
    "renumbered",
    "text_year",
]

NUMERALS = "一二三四五六七八九十"


def area_numeral(area_id: str) -> str:
    """An area's number as the guideline writes it (1 → 一); an id that is no small number, as is."""
    return NUMERALS[int(area_id) - 1] if area_id.isdigit() and 0 < int(area_id) <= len(NUMERALS) else area_id
_AREA = re.compile(rf"^([{NUMERALS}]+)、")
# Digits written either way: a full-width one (“６．”) is a typo the check names, never a clause “5.６”.
_CLAUSE = re.compile(r"^([0-9０-９]+)\s*[.、．]\s*")
# A line that starts like a clause but whose number is followed by another mark (“6，”, “6:”).
_CLAUSE_LIKE = re.compile(r"^[0-9０-９]{1,2}\s*[,，:：;；]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LEAD_IN = re.compile(r"[^。：]*：$")
MAX_TEXT_BYTES = 1024 * 1024
# How the project's own words cite a clause: “（条款 5.2）”, “（条款 7.1–7.5）”, “条款 2.1：”.
_CLAUSE_MENTION = re.compile(r"（条款 ([0-9.]+)(?:–([0-9.]+))?）|条款 ([0-9.]+)：")
# A range of an area's clauses in the project's own words (“（条款 5.1–5.5）”, “（条款 1、1.3–1.5）”,
# an area's opening first when it is cited): it runs from the first clause it names to the last of
# its area. The models write it as the first year's text numbers it; each year says its own.
_CLAUSE_RANGE = re.compile(r"（条款 (?:(\d+)、)?(\d+)\.(\d+)–\2\.\d+）")
# Any mention of clauses in the project's own words, with what goes when it is left out: its
# brackets (“（条款 1、1.1–1.5）”), the 计入 before it and the colon or space after it
# (“计入条款 4.1”, “条款 1.1：”, “条款 3.1 不限产业”).
_CLAUSES_CITED = re.compile(r"(（)?(计入)?条款 (\d+(?:\.\d+)?(?:[–、]\d+(?:\.\d+)?){0,20})(）|：| )?")


@dataclass(slots=True)
class Paragraph:
    text: str
    clause: str | None = None
    line: int = 0  # where it starts in the text file (1-based), for a message

    @property
    def words(self) -> str:
        """The clause's own words: without the guideline's number in front of a requirement, and
        without the sentence that leads an opening into its list (「具体要求如下：」)."""
        if self.clause and "." in self.clause:
            return _CLAUSE.sub("", self.text, count=1)
        return _LEAD_IN.sub("", self.text)


@dataclass(slots=True)
class AreaText:
    number: str
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class GuidelineText:
    year: int  # the year whose text file this is
    file: str
    preface: list[str]
    title: str
    areas: list[AreaText]
    # Typos in the numbering, by line of the file (1-based), said in Chinese; each one is an
    # error of the year file (a clause must never silently take another's place).
    problems: list[tuple[int, str]] = field(default_factory=list)
    # Areas whose numbering has such a typo, with its first line: a clause of theirs the year
    # files cite may be missing only because of it (year/consistency.py says the typo first).
    miscounted: dict[str, int] = field(default_factory=dict)

    def clauses(self) -> dict[str, str]:
        return {p.clause: p.words for a in self.areas for p in a.paragraphs if p.clause}

    def clause_lines(self) -> dict[str, int]:
        """The line of the file each clause starts at."""
        return {p.clause: p.line for a in self.areas for p in a.paragraphs if p.clause}


def _next_clause_number(lines: list[str], number: int) -> int | None:
    """The number of the next numbered clause after line `number` (1-based) in the same area;
    None at the area's end."""
    for line in lines[number:]:
        if _AREA.match(line):
            return None
        if numbered := _CLAUSE.match(line):
            return int(numbered.group(1).translate(_FULL_WIDTH_DIGITS))
    return None


def parse(raw: str, year: int, file: str, title: str | None = None) -> GuidelineText:
    """Areas, their opening paragraphs and their numbered clauses, in the file's order; a
    numbering typo (a number repeated, out of order, written in full-width digits, followed by
    a comma) is kept in `problems` at its line, and no clause takes another's place."""
    preface: list[str] = []
    areas: list[AreaText] = []
    problems: list[tuple[int, str]] = []
    found_title = title or ""
    headed: dict[str, int] = {}
    numbered_at: dict[str, int] = {}
    miscounted: dict[str, int] = {}
    lines = [line.strip() for line in raw.splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        heading = _AREA.match(line)
        if heading:
            area_id = str(NUMERALS.index(heading.group(1)) + 1) if heading.group(1) in NUMERALS else heading.group(1)
            if area_id in headed:
                problems.append((number, f"领域标题“{heading.group(1)}、”在第 {headed[area_id]} 行已经出现过："
                                         "领域序号写重了，请改正。"))
                miscounted.setdefault(area_id, number)
            headed.setdefault(area_id, number)
            areas.append(AreaText(area_id, line))
            continue
        if not areas:
            if title is None and not found_title and "指南" in line:
                found_title = line
            elif line == found_title:
                pass
            else:
                preface.append(line)
            continue
        area = areas[-1]
        numbered = _CLAUSE.match(line)
        last = area.paragraphs[-1] if area.paragraphs else None
        if numbered:
            written = numbered.group(1)
            digits = written.translate(_FULL_WIDTH_DIGITS)
            if digits != written:
                problems.append((number, f"条款号“{line[:numbered.end()].strip()}”用了全角数字：请改成半角的“{digits}.”。"))
            clause: str | None = f"{area.number}.{int(digits)}"
            earlier = [int(c.partition(".")[2]) for c in numbered_at if c.partition(".")[0] == area.number]
            if clause in numbered_at:
                problems.append((number, f"条款号“{digits}.”在“{area.heading[:12]}”一节第 {numbered_at[clause]} 行"
                                         f"已经用过（条款 {clause}）：序号写重了，请改正；同一条款号只能有一段原文。"))
                clause = None  # said, and never standing for the first one's words
                miscounted.setdefault(area.number, number)
            elif (after := _next_clause_number(lines, number)) is not None and (
                    max(earlier, default=0) < after < int(digits)):
                # The number jumped ahead and the next clause goes back below it: this line is
                # the slip (numbered 1. 2. 5. 4. 5.), not the correct lines after it.
                last_number = max(earlier, default=0)
                fits = [f"“{n}.”" for n in range(last_number + 1, after)]
                expected = (f"此处应为{'或'.join(fits)}" if 0 < len(fits) <= 3 else
                            f"此处应为{fits[0]}至{fits[-1]}中的一个" if fits else
                            # 1. 2. 9. 3.: no number fits between; the line is one too many.
                            f"条款 {area.number}.{after} 紧接条款 {area.number}.{last_number}，这一段不该有条款号："
                            f"若是上一条的续文，请删去“{digits}.”；若是新的一条，请给它和后面各条依次编号")
                before = f"上一条是条款 {area.number}.{last_number}" if earlier else "它是这一节的第一条"
                problems.append((number, f"条款号“{digits}.”跳号了（{before}，下一条是条款 "
                                         f"{area.number}.{after}）：{expected}，请改正。"))
                clause = None  # said, and never standing for a clause it is not
                miscounted.setdefault(area.number, number)
            elif earlier and int(digits) < max(earlier):
                problems.append((number, f"条款号“{digits}.”排在条款 {area.number}.{max(earlier)} 之后："
                                         "序号写错了，请改正（条款按原文的顺序编号）。"))
                miscounted.setdefault(area.number, number)
            if clause is not None:
                numbered_at[clause] = number
            area.paragraphs.append(Paragraph(line, clause, number))
            continue
        if like := _CLAUSE_LIKE.match(line):
            problems.append((number, f"这一行像是条款，但序号后面是“{like.group(0)[-1]}”："
                                     "条款号后面要写“.”或“、”，如“6.”。"))
            miscounted.setdefault(area.number, number)
        if last is not None and last.clause is not None and last.clause != area.number:
            last.text += line  # a clause broken across lines
        else:
            area.paragraphs.append(Paragraph(line, area.number if not area.paragraphs else None, number))
    return GuidelineText(year, file, preface, found_title, areas, problems, miscounted)


def text_year(year: int, root: Path | None = None) -> int | None:
    """The year whose text file holds `year`'s guideline (following `carried_forward_from`)."""
    return _text_year(year, tree_root(root))


@cache  # asked for each clause a help text or the template names (cited.renumbering)
def _text_year(year: int, root: Path | None) -> int | None:
    seen: set[int] = set()
    while year not in seen:
        seen.add(year)
        if year_file("guidelines", year, root, suffix=".txt") is not None:
            return year
        path = year_file("guidelines", year, root)
        if path is None:
            return None
        loaded = read_year_file(path, relative(path, root))
        if not loaded.ok:  # said at the year's file, as its reader says it
            raise YearFileError([YearProblem(f.file, f.line, f.column, f.message) for f in loaded.findings])
        base = loaded.data.get("carried_forward_from") if isinstance(loaded.data, dict) else None
        if not isinstance(base, int):
            return None
        year = base
    return None


def guideline_text(year: int, root: Path | None = None) -> GuidelineText:
    """The text `year` is judged by; a year with no text anywhere is a year-file problem."""
    return _guideline_text(year, tree_root(root))


@cache
def _guideline_text(year: int, root: Path | None) -> GuidelineText:
    source = text_year(year, root)
    path = year_file("guidelines", source, root, suffix=".txt") if source is not None else None
    if source is None or path is None:
        yaml = year_file("guidelines", year, root)
        raise YearFileError([YearProblem(relative(yaml, root) if yaml else f"validators/guidelines/{year}.yaml",
                                         1, 1, f"{year} 年没有指南原文：请放一份 {year}.txt，"
                                         "或用 carried_forward_from 沿用有原文的年度。")])
    file = relative(path, root)
    # A folder, a pipe or a device is said unopened: a pipe would block the reader, a device
    # never end.
    unopened = not_regular(path, "放一份普通的 UTF-8 文本文件")
    if unopened is not None:
        raise YearFileError([YearProblem(file, 1, 1, unopened)])
    try:
        data = read_limited(path, MAX_TEXT_BYTES)[:MAX_TEXT_BYTES]
    except OSError as exc:
        raise YearFileError([YearProblem(file, 1, 1, f"无法读取文件：{read_failure(exc)}。")]) from None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raise YearFileError([YearProblem(file, 1, 1, "指南原文不是 UTF-8 编码：请用“另存为 UTF-8”保存。")]) from None
    # The text is quoted on the site and in every score line: a character no one sees (NUL, a
    # bidirectional override) is refused as a YAML file's is, in the same words.
    control = control_character(raw)
    if control is not None:
        raise YearFileError([YearProblem(file, *control)])
    return parse(raw, source, file)


def reread_texts() -> None:
    _guideline_text.cache_clear()
    _text_year.cache_clear()


def cited_clauses_only(words: str, clauses: Mapping[str, str]) -> str:
    """`words` without their mention of a clause the year's text does not have (an ended one),
    so that no help text sends a reader to a clause that is gone."""
    def keep(match: re.Match[str]) -> str:
        cited = [c for c in match.groups() if c]
        return match.group(0) if all(c in clauses for c in cited) else ""
    return _CLAUSE_MENTION.sub(keep, words)


def clause_ranges_of_year(words: str, clauses: Collection[str]) -> str:
    """`words` with each range of an area's clauses (“（条款 5.1–5.5）”) as the year's text numbers
    them: a clause the year adds (5.6) joins its area's range, one it ended leaves it, a gap is
    said as such (“5.1–5.2、5.4–5.5”); a range none of whose clauses the year has is left out."""
    def ranged(match: re.Match[str]) -> str:
        opening, area, first = match.group(1), match.group(2), int(match.group(3))
        if opening is not None and opening != area:
            return match.group(0)  # not one area's range: said as written
        return area_clauses(area, clauses, first, opening=opening is not None)

    return _CLAUSE_RANGE.sub(ranged, words)


def area_clauses(area: str, clauses: Collection[str], first: int = 1, opening: bool = False) -> str:
    """“（条款 5.1–5.6）”: the clauses of an area the year's text numbers, from its `first`
    (and its opening paragraph first, when `opening`); empty when the text has none of them."""
    numbers: list[int] = []
    for clause in clauses:
        owner, _, number = clause.partition(".")
        if owner == area and number.isdigit() and int(number) >= first:
            numbers.append(int(number))
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [area] if opening and area in clauses else []
    parts += [f"{area}.{run[0]}" + (f"–{area}.{run[-1]}" if len(run) > 1 else "") for run in runs]
    return f"（条款 {'、'.join(parts)}）" if parts else ""


def renumbered(words: str, renumbering: Mapping[str, str]) -> str:
    """`words`, written in the first year's numbering, with each clause they cite as
    `renumbering` (`cited.renumbering`) maps it to the year's: a range (“7.1–7.5”) becomes the
    runs of its clauses' counterparts (“6.1–6.4”). A clause the mapping lacks has no counterpart
    in the year: it is left out of its mention, and a mention left with none goes with its
    brackets, the 计入 before it and the colon or space after it, so no text names a clause
    guessed at."""
    def cited(match: re.Match[str]) -> str:
        opened, lead, listed, after = match.groups()
        said = [_renumbered_item(item, renumbering) for item in listed.split("、")]
        kept = "、".join(s for s in said if s)
        if kept:
            return f"{opened or ''}{lead or ''}条款 {kept}{after or ''}"
        if opened and after != "）":
            return opened  # a bracket the mention does not close is the text's, not the mention's
        return "）" if after == "）" and not opened else ""

    return _CLAUSES_CITED.sub(cited, words)


def _renumbered_item(item: str, renumbering: Mapping[str, str]) -> str:
    """One clause or range of a mention (“1”, “4.1”, “7.1–7.5”) as the year numbers it; empty
    when none of its clauses has a counterpart."""
    first, _, last = item.partition("–")
    if not last:
        return renumbering.get(first, "")
    area, _, start = first.partition(".")
    end_area, _, end = last.partition(".")
    if area != end_area or not start.isdigit() or not end.isdigit():
        return ""  # not one area's range: nothing to say of its clauses one by one
    found = {renumbering[c] for n in range(int(start), int(end) + 1) if (c := f"{area}.{n}") in renumbering}
    runs = [area_clauses(owner, found).removeprefix("（条款 ").removesuffix("）")
            for owner in dict.fromkeys(sorted({c.partition(".")[0] for c in found if "." in c}, key=_clause_key))]
    return "、".join(r for r in runs if r)


def _clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in clause.split("."))
