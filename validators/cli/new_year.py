"""`new-year YEAR`: scaffold the next guideline year (its guideline, its rubric, its text)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("new-year", help="生成下一年度的指南参数、评估细则和指南原文（沿用上一年度）")
    cmd.add_argument("year", type=int, help="新的年度，如 2019：须紧接已有的最后一个年度")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.year import cycle
    from validators.year.files import available_years, own_folder, relative, year_file
    from validators.year.guideline import guideline
    from validators.year.rubric import rubric
    from validators.year.scaffold import guideline_file, rubric_file
    from validators.year.text import guideline_text, text_year

    root: Path = args.root
    years = available_years(root)
    last = years[-1]
    if args.year != last + 1:
        # A year that exists is left as it is: said, so that no one looks for what was overwritten.
        kept = [relative(path, root) for kind, suffix in (("guidelines", ".yaml"), ("rubrics", ".yaml"),
                                                           ("guidelines", ".txt"))
                if (path := year_file(kind, args.year, root, suffix)) is not None]
        unchanged = (f"{args.year} 年度已有的文件（{'、'.join(kept)}）都没有改动。" if kept
                     else "没有写出任何文件。")
        err(f"新的年度应是 {last + 1}（已有年度：{'、'.join(map(str, years))}），不能是 {args.year}：{unchanged}")
        return EXIT_USAGE
    rules, points, source = guideline(last, root), rubric(last, root), text_year(last, root)
    if rules is None or points is None or source is None:
        err(f"{last} 年度缺少指南参数、评估细则或指南原文，无法沿用。")
        return EXIT_ERRORS
    guidelines, rubrics = own_folder("guidelines", root), own_folder("rubrics", root)
    assert guidelines is not None
    assert rubrics is not None
    title = guideline_text(last, root).title
    pattern = guideline(years[0], root)
    assert pattern is not None
    targets = {guidelines / f"{args.year}.yaml": guideline_file(args.year, rules, source, title, pattern),
               rubrics / f"{args.year}.yaml": rubric_file(args.year, points.id, last, points.statement, title)}
    text = guidelines / f"{args.year}.txt"
    existing = [p for p in (*targets, text) if p.exists() or p.is_symlink()]
    if existing:
        err(f"{existing[0].relative_to(root)} 已经存在，没有覆盖。")
        return EXIT_ERRORS
    for path, content in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(content)
    source_text = year_file("guidelines", source, root, suffix=".txt")
    assert source_text is not None
    shutil.copyfile(source_text, text)
    for path in (*targets, text):
        out(f"已写出 {path.relative_to(root)}")
    written = guideline(args.year, root)
    calendar = written.calendar if written is not None else None
    if calendar is not None and calendar.final < cycle.today():
        # The pattern's cycle moved to a year long past: written today, the year would open
        # already past its final day, “公示已结束，结果尚未定稿”, on the site and the form.
        err(f"注意：按 {pattern.year} 年度推算的日历中，最终结果日 {calendar.final} 已经过去（今天是 {cycle.today()}）："
            f"这一年度一提交就会显示为公示已结束、结果尚未定稿。请在 {next(iter(targets)).relative_to(root)} 的 calendar "
            "中按当年的实际安排改写各个日期。")
    out(f"下一步：改写 {text.relative_to(root)} 中有变化的条款，在两个 .yaml 文件中写出有变化的参数和分值，"
        "然后运行 python -m validators check，再运行 python -m validators schema --write 更新编辑器用的 JSON Schema"
        "并一起提交（见 README“新年度指南”）。")
    return EXIT_OK
