"""`evaluate`: the ranking table of a year, or one society's breakdown."""

from __future__ import annotations

import argparse

from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("evaluate", help="计算评估结果（排名或单个学会的明细）")
    cmd.add_argument("--year", type=int, help="只评估这一年度")
    cmd.add_argument("--society", help="只输出这个学会的逐项明细")
    cmd.add_argument("--format", choices=["text", "json", "csv"], default="text")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.association.reviews import UnusableRecords
    from validators.check import check_tree
    from validators.evaluation import reports as evaluation_report
    from validators.evaluation.evaluate import evaluate_repository
    from validators.evaluation.results import load_frozen, published
    from validators.year.cycle import today
    from validators.year.files import available_years
    from validators.year.guideline import guideline
    from validators.year.unscored import unscored_years

    _, repo = check_tree(args.root)
    if args.year is not None and args.year not in repo.years():
        written = available_years(args.root)
        if args.year not in written:  # a year that is none: a mistyped command
            known = sorted(set(repo.years()) | set(written))
            err(f"没有 {args.year} 年度的指南，也没有它的报告。已有年度：{'、'.join(map(str, known))}")
            return EXIT_USAGE
        # A year the association has written but no society has reported yet: nothing to score.
        err(f"{args.year} 年度还没有学会提交报告，没有可以评估的内容。")
    # A year whose files are unreadable or disagree with each other (E-YEAR-FILE) is not
    # scored: its scores would be computed by numbers its own text does not state.
    held: dict[int, str] = {}
    for year, problems in unscored_years(args.root).items():
        more = f"（另有 {len(problems) - 1} 处）" if len(problems) > 1 else ""
        held[year] = f"{year} 年度的指南或细则文件有误，该年度未评估：{str(problems[0]).rstrip('。')}{more}"
    # A year whose review or objection records cannot be used: scored without them, every item
    # of the society would count as unverified (a society's total dropping to 0 in silence).
    # A final year is shown as frozen, which no record read now changes: it is only told.
    frozen, broken = load_frozen(args.root)
    for year, findings in repo.unusable_records.items():
        if findings and year in frozen:
            if args.year in (None, year):
                err(f"{year} 年度已定稿，显示的是定稿时的结果，不受这份记录影响：{str(UnusableRecords(findings)).rstrip('。')}。"
                    "请改正它（运行 python -m validators check 查看）。")
        elif findings:
            held.setdefault(year, f"{year} 年度未评估：{str(UnusableRecords(findings)).rstrip('。')}")
    # A year not asked for is not evaluated: its broken files are not this run's failure.
    asked = [args.year] if args.year is not None else repo.years()
    for year in asked:
        if year not in held:
            continue
        err(f"{held[year]}。运行 python -m validators check 查看全部问题，改正后再评估。")
        if args.year == year:
            return EXIT_ERRORS
    skipped = any(year in held for year in asked)
    evaluations = published(evaluate_repository(repo, args.year), frozen)
    for f in broken:
        err(f"{f.file}：{f.message}（该年度按当前数据计算）")
    evaluations = [e for e in evaluations if e.year not in held]
    if args.year is not None:
        evaluations = [e for e in evaluations if e.year == args.year]
    if args.society:
        evaluations = [e for e in evaluations if e.society == args.society]
        if not evaluations:
            err(f"没有学会“{args.society}”的报告。")
            return EXIT_USAGE
    if args.format == "json":
        text = evaluation_report.as_json(evaluations, repo)
    elif args.format == "csv":
        text = evaluation_report.as_csv(evaluations, repo, args.society)
    else:
        # Each year's numbers say what they are: the frozen results, or the phase they count by.
        day = today()
        finalized = set(frozen)
        headings = {year: evaluation_report.year_heading(year, frozen[year] if year in finalized else None,
                                                         day, args.root)
                    for year in {e.year for e in evaluations}}
        # Advice is for later years once a year takes no new item: finalized, or its submission closed.
        later = finalized | {e.year for e in evaluations
                             if (rules := guideline(e.year, args.root)) and rules.calendar and rules.calendar.is_closed(day)}
        text = evaluation_report.as_text(evaluations, repo, args.society, headings, later)
    out(text)
    return EXIT_ERRORS if skipped else EXIT_OK
