"""`finalize YEAR`: freeze a final year's evaluations into results/<year>.json (admins)."""

from __future__ import annotations

import argparse

from validators.cli.arguments import not_a_file, parse_day
from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("finalize", help="把最终结果阶段的年度评估结果冻结到 results/<年度>.json（管理员）")
    cmd.add_argument("year", type=int, help="年度")
    cmd.add_argument("--date", type=parse_day,
                     help="定稿日期，按这一天判断所处阶段（默认今天，北京时间；不能晚于今天）")
    cmd.add_argument("--replace", action="store_true", help="已定稿的年度重新定稿（例如答复异议后更正）")
    cmd.add_argument("--accept-pending", action="store_true",
                     help="确认按现状定稿：还有待补充材料或未核查的项目时，它们记 0 分；没有记下核查时内容的结论按项目现在的内容计分"
                          "（不加则拒绝并列出这些项目）")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.association.progress import (
        open_objections,
        unbound_verdicts,
        unfinished_reviews,
    )
    from validators.association.reviews import REVIEWS
    from validators.check import check_tree
    from validators.evaluation.evaluate import evaluate_repository
    from validators.evaluation.results import (
        FrozenYear,
        association_counts,
        code_commit,
        data_sha256,
        report_digests,
        results_path,
        review_digests,
        rubric_file_digests,
        write_frozen,
    )
    from validators.submission_paths import SUBMISSIONS
    from validators.year.cycle import Phase, full_date, today
    from validators.year.files import relative, year_file
    from validators.year.guideline import available_years, guideline
    from validators.year.rubric import rubric

    year, now = args.year, today()
    day = args.date or now
    if day > now:
        err(f"定稿日期 {day} 晚于今天（{now}，北京时间）：不能提前写上将来的日子定稿。"
            "--date 只能补记今天或已经过去的某一天；结果要到日历的最终结果日才能定稿。")
        return EXIT_USAGE
    rules, points = guideline(year, args.root), rubric(year, args.root)
    if rules is None or points is None:
        err(f"{year} 年没有工作指南或评估细则：可选年度为 {'、'.join(map(str, available_years(args.root)))}。")
        return EXIT_USAGE
    if rules.calendar is None:
        err(f"{year} 年度的指南文件没有评估日历（calendar），无法判断是否已到最终结果阶段。")
        return EXIT_USAGE
    if rules.calendar.phase(day) is not Phase.FINAL:
        err(f"{year} 年度在 {day} 处于“{rules.calendar.label(day, finalized=False)}”，最终结果日为 "
            f"{full_date(rules.calendar.final)}：到那天才能定稿。确需提前定稿，请经审核的拉取请求改动"
            f"该年度日历的 final（validators/guidelines/{year}.yaml），改动和理由都留在 Git 历史中。")
        return EXIT_USAGE
    target = results_path(args.root, year)
    if (why := not_a_file(target)) is not None:
        err(f"{why}：结果文件只能是普通文件，请先删去或移走它，再定稿。")
        return EXIT_USAGE
    if target.exists() and not args.replace:
        err(f"{year} 年度已经定稿（{target.relative_to(args.root).as_posix()}）。确需重新定稿"
            "（例如答复异议后更正了报告或核查记录），请加 --replace，并在提交说明中写明原因。")
        return EXIT_USAGE
    commit, dirty = code_commit(args.root)
    if dirty:
        err("validators/、submissions/ 或 reviews/ 中有未提交的改动：结果文件记录的提交必须就是计算它的代码和数据。"
            "请先提交或撤销这些改动，再定稿。")
        return EXIT_USAGE
    result, repo = check_tree(args.root, day=day)  # the day the results are frozen of, for rules and scores
    if not any(report_year == year for _, report_year in repo.reports):
        unreadable = sorted(society for society, report_year in repo.broken if report_year == year)
        why = (f"{len(unreadable)} 份报告无法读取（{'、'.join(unreadable)}：运行 python -m validators check 查看错误），"
               "没有一份能够评估" if unreadable else f"{SUBMISSIONS}/ 中还没有任何学会的报告")
        # The year's own files only: a year that carries an earlier year's text forward has no
        # text of its own, and that earlier text must stay.
        own = [relative(path, args.root) for kind, suffix in (("guidelines", ".yaml"), ("guidelines", ".txt"),
                                                             ("rubrics", ".yaml"))
               if (path := year_file(kind, year, args.root, suffix)) is not None and path.stem == str(year)]
        err(f"{year} 年度{why}：定稿会写下 0 份评估，并且从此冻结这一年度（它的指南、细则和报告都不能再改动），"
            "学会再也不能提交。请等学会提交了报告（或改正了无法读取的报告）再定稿；"
            + (f"如果 {year} 年度的文件是误建的，请删除它们（{'、'.join(own)}），不必定稿。" if own else ""))
        return EXIT_USAGE
    broken = [f for f in result.findings if f.severity == "error" and f.file.startswith(f"{REVIEWS}/{year}/")]
    if broken:
        err(f"{year} 年度的核查记录有 {len(broken)} 个错误（如 {broken[0].file}:{broken[0].line} "
            f"{broken[0].code}）：有错误的记录不算数，请先改正再定稿。")
        return EXIT_ERRORS
    unfinished = unfinished_reviews(repo, year, points)
    unbound = unbound_verdicts(repo, year, points)
    still_open = open_objections(repo, year)
    unanswered = (f"{year} 年度还有 {len(still_open)} 条异议仍是“受理中”（reviews/{year}/objections.yaml），"
                  "定稿后不能再因答复它们而改变结果：\n" + "\n".join(still_open)) if still_open else ""
    unbound_said = (f"{year} 年度有核查结论没有记下核查时的内容（check 警告 W-REVIEW-UNBOUND）：项目在结论之后"
                    "怎样改动过，定稿都按它现在写的内容计分：\n" + "\n".join(unbound))
    if (unfinished or unbound or still_open) and not args.accept_pending:
        pending = []
        if unfinished:
            pending.append(f"{year} 年度的核查还没有完成，定稿后这些项目不计分（公示开始后只计已核实的项目）：\n"
                           + "\n".join(unfinished))
        if unbound:
            pending.append(unbound_said)
        if unanswered:
            pending.append(unanswered)
        err("\n".join(pending) + "\n请先" + "、".join(
            (["完成核查"] if unfinished else []) + (["在核查工作台重新确认没有记下内容的结论"] if unbound else [])
            + (["答复异议"] if still_open else []))
            + "再定稿；确需按现状定稿，请加 --accept-pending，并在提交说明中写明原因。")
        return EXIT_USAGE
    evaluations = evaluate_repository(repo, year, as_of=day, finalizing=True)
    sample = bool(evaluations) and all(
        (doc := repo.profiles.get(e.society)) is not None and doc.profile.sample for e in evaluations)
    frozen = FrozenYear(year=year, finalized_on=day, code_commit=commit,
                        guideline_sha256=data_sha256(rules), rubric_id=points.id,
                        rubric_sha256=data_sha256(points), sample=sample,
                        report_sha256=report_digests(repo, year), review_sha256=review_digests(repo, year),
                        rubric_file_sha256=rubric_file_digests(args.root, year),
                        association_warnings=association_counts(evaluations), evaluations=evaluations)
    path = write_frozen(args.root, frozen)
    where = f"代码提交 {commit[:12]}" if commit else "不在 Git 仓库中，未记录代码提交"
    if unfinished:
        out("已确认（--accept-pending）按现状定稿，以下项目记 0 分：\n" + "\n".join(unfinished))
    if unbound:
        out("已确认（--accept-pending）按现状定稿，以下结论没有记下核查时的内容，按项目定稿时写的内容计分：\n"
            + "\n".join(unbound))
    if still_open:
        out("已确认（--accept-pending）按现状定稿，以下异议定稿时仍在受理中：\n" + "\n".join(still_open))
    out(f"已定稿 {year} 年度：{len(evaluations)} 份评估写入 {path.relative_to(args.root).as_posix()}"
        f"（{where}，评估细则 {points.id}）。请检查后提交这个文件。")
    return EXIT_OK
