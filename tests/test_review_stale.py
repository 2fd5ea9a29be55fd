"""A review file starts from main's (E-REVIEW-STALE): a member of staff and an expert open the same
society from the same published site; the first one's file is merged; the second one's file,
made from the record the site showed before, would wipe the first one's verdict without a word
(`check` finds nothing wrong in it). Each is tried as a real pull request in a scratch Git
repository: `check-changed` as validate.yml runs it, the comment's verdict, and ownership."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pytest

from tests.git_trees import git, sample_repository
from tests.pr_payloads import artifact, record_from_git
from validators.cli import main
from validators.findings import error, warning
from validators.github.changed_files import ChangedFile, git_changes, reported, to_json
from validators.github.ownership import check_ownership, read_maintainers
from validators.github.pr_comment import Links
from validators.github.pr_verdict import Verdict, decide
from validators.github.review_base import files_of, stale_reviews

SOCIETY, YEAR = "cd-mech-eng", 2018
FILE = f"reviews/{YEAR}/{SOCIETY}.yaml"
STAFF, EXPERT, ADMIN = "cast-staff", "expert-wang", "cast-admin"
# Content digests of two of the report's items (validators/association/item_content.py).
REFUSED, ASKED = ("svc-motor-rd", "800675a2b21a4f83"), ("svc-finance-match", "bc3bffe5b02e7b17")


def sha256(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()

def refused_as_stale(repo: Path, capsys: pytest.CaptureFixture[str], file: str, site: str,
                     ) -> tuple[str, list[dict]]:
    """`check-changed` on the checked-out pull request fails with one E-REVIEW-STALE, at the
    `based_on` line (the site's file `site` named by its digest) of `file`: its message, and
    every finding said."""
    code, findings = check_changed(repo, capsys)
    assert code == 1
    [found] = stale(findings)
    assert found["file"] == file
    assert found["line"] == (repo / file).read_text(encoding="utf-8").splitlines().index(
        f"based_on: {sha256(site)}") + 1
    return str(found["message"]), findings


def comment_verdict(repo: Path, branch: str, tmp_path: Path) -> Verdict:
    """The pull-request comment's verdict on `branch` (checked out), made by main's code from the
    API records of the pull request, as the comment job makes it; main is checked out after."""
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "main")
    records = record_from_git(repo, "main", branch, tmp_path / "pull-request")
    return decide(repo, records, artifact(tmp_path / "artifact", head=head),
                  Links.build("example-org/society-registry", head, None, 42))


def shown_text(comment: str) -> str:
    """A comment's text as read: entities decoded, the word joiners that keep paths from linking
    left out."""
    return html.unescape(comment).replace("\u2060", "")


def verdict(item: tuple[str, str], status: str, reason: str, reviewer: str) -> str:
    return (f"  - item: {item[0]}\n    status: {status}\n    reason: {reason}\n"
            f"    reviewer: {reviewer}\n    date: 2026-11-12\n    content: {item[1]}\n")


def workbench_file(loaded: str | None, verdicts: str) -> str:
    """What the workbench gives out: the record it loaded with the verdicts given on top, and
    the record it loaded named by its sha256 (`none` when there was none)."""
    start = loaded if loaded is not None else f"society: {SOCIETY}\nyear: {YEAR}\nsample: true\n"
    kept = "".join(line for line in start.splitlines(keepends=True) if not line.startswith("based_on:"))
    if "items:\n" in kept:
        body = kept.replace("items:\n", "items:\n" + verdicts, 1)
    else:
        body = kept.replace("sample: true\n", "sample: true\nitems:\n" + verdicts, 1)
    return (body + "\n# 核查工作台载入的仓库记录（sha256）：\n"
            f"based_on: {sha256(loaded) if loaded is not None else 'none'}\n")


A_VERDICT = verdict(REFUSED, "不予认定", "证明材料中没有企业出具的服务确认。", STAFF)
B_VERDICT = verdict(ASKED, "待补充材料", "请补充对接协议。", EXPERT)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the sample data, an admin, and the staff member and the expert as reviewers."""
    return sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])


def published(repo: Path) -> str:
    """The review file as main (and so the site built from it) holds it."""
    return git(repo, "show", f"main:{FILE}")


def merge(repo: Path, branch: str, text: str | None) -> None:
    """A pull request from `branch` whose file is `text` (None: removed), merged into main."""
    open_pull_request(repo, branch, text)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", branch)


def open_pull_request(repo: Path, branch: str, text: str | None, path: str = FILE) -> None:
    """The branch made on GitHub from main as it is now, with the file replaced (checked out)."""
    git(repo, "checkout", "-q", "-b", branch, "main")
    if text is None:
        (repo / path).unlink()
    else:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", branch)


def check_changed(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict]]:
    """validate.yml's step, on the pull request's checkout."""
    changed = repo.parent / "changed.json"
    changed.write_text(to_json(git_changes(repo, "main", "HEAD")), encoding="utf-8")
    out = repo.parent / "result.json"
    capsys.readouterr()
    code = main(["--root", str(repo), "check-changed", str(changed), "--base", "main", "--format", "text",
                 "--json-out", str(out), *extra])
    capsys.readouterr()
    return code, json.loads(out.read_text(encoding="utf-8"))["findings"]


def stale(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["code"] == "E-REVIEW-STALE"]


def test_the_second_file_from_the_same_site_is_refused_and_names_what_it_would_wipe(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = published(repo)  # both open the workbench on the site built from this
    merge(repo, "staff", workbench_file(site, A_VERDICT))
    open_pull_request(repo, "expert", workbench_file(site, B_VERDICT))

    message, findings = refused_as_stale(repo, capsys, FILE, site)
    assert "别人的核查记录已经保存进主分支" in message
    assert f"项目 {REFUSED[0]} 的结论“不予认定”（{STAFF}，2026-11-12）" in message
    assert ASKED[0] not in message  # the expert's own verdict is not what the base holds
    assert "重新打开这个学会" in message
    assert "重新填一遍" in message
    # The workbench's merge keeps main's records and adds the draft's new ones; a verdict the two
    # give differently is given again (it does not keep both, nor spare the refilling).
    assert "选“合并”保留仓库中的记录，加上草稿中新给出的，两处对同一项目或同一评分项记的不同的，须重新给出" in message
    assert "保留双方" not in message
    assert [f["code"] for f in findings if f["severity"] == "error"] == ["E-REVIEW-STALE"]  # `check` itself is clean

    # The comment's verdict, made by main's code from the API records, refuses it as well.
    result = comment_verdict(repo, "expert", tmp_path)
    assert result.needs_changes
    assert "E-REVIEW-STALE" in result.comment
    assert "以外的文件" not in result.comment  # a review file is checked, not refused unread
    # The expert is a reviewer: ownership lets the file through; the staleness is what stops it.
    assert check_ownership(EXPERT, git_changes(repo, "main", "expert"), read_maintainers(repo)) == []


def test_a_file_made_after_the_site_updated_passes(repo: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    merge(repo, "staff", workbench_file(published(repo), A_VERDICT))
    again = published(repo)  # the expert reloads the workbench from the rebuilt site
    open_pull_request(repo, "expert", workbench_file(again, B_VERDICT))
    assert A_VERDICT in (repo / FILE).read_text(encoding="utf-8")

    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])
    # A review file makes the whole tree be checked: the notes of the society it reviews are
    # listed, the other societies' (untouched by this pull request) are not (errors would be).
    assert findings
    assert [f["file"] for f in findings if not f["file"].startswith((f"submissions/{SOCIETY}/", FILE))] == []

    result = comment_verdict(repo, "expert", tmp_path)
    assert not result.needs_changes, result.comment
    assert "提交检查通过" in result.comment
    assert "submissions/cd-computer/" not in result.comment  # another society's sample notes


def test_a_new_file_is_based_on_none(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = f"reviews/{YEAR}/cd-computer-two.yaml"
    assert not (repo / new).exists()
    text = workbench_file(None, "").replace("items:\n", "").replace(SOCIETY, "cd-computer-two")
    open_pull_request(repo, "new", text, new)
    changed = git_changes(repo, "main", "HEAD")
    assert stale_reviews(changed, files_of(repo), lambda path: None) == []
    # The same file when someone else's record for that society was merged meanwhile.
    (found,) = stale_reviews(changed, files_of(repo), lambda path: b"society: cd-computer-two\nyear: 2018\n")
    assert "仓库中还没有这个文件" in found.message


def test_a_hand_edit_without_based_on_is_not_held_to_anything(repo: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    merge(repo, "staff", workbench_file(published(repo), A_VERDICT))
    by_hand = published(repo).replace("证明材料中没有企业出具的服务确认。", "证明材料中没有企业出具的服务确认函。")

    # Kept, the line names the file before the workbench's save: refused, with how to go on.
    open_pull_request(repo, "admin-edit", by_hand)
    code, findings = check_changed(repo, capsys)
    assert code == 1
    assert "删去 based_on 这一行" in stale(findings)[0]["message"]

    git(repo, "checkout", "-q", "main")
    without = "".join(line for line in by_hand.splitlines(keepends=True) if not line.startswith("based_on:"))
    open_pull_request(repo, "admin-edit-2", without)
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])


def test_a_base_that_is_not_a_revision_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = repo.parent / "changed.json"
    changed.write_text("[]", encoding="utf-8")
    assert main(["--root", str(repo), "check-changed", str(changed), "--base", "no-such-branch"]) == 2
    assert "无法从 git 读取基准" in capsys.readouterr().err


def test_full_check_on_main_does_not_compare(repo: Path) -> None:
    """On main a merged file names the one before it: `check` has nothing to say about that."""
    merge(repo, "staff", workbench_file(published(repo), A_VERDICT))
    merge(repo, "staff-2", workbench_file(published(repo), B_VERDICT))
    from validators.check import check_tree

    result, _ = check_tree(repo)
    assert not result.has_errors, [f for f in result.findings if f.severity == "error"]
    assert "based_on:" in published(repo)


def test_a_based_on_that_is_no_digest_is_said_as_one(repo: Path) -> None:
    """`check` refuses it (the pull-request check then leaves it alone) in words for that line."""
    from validators.check import check_tree

    (repo / FILE).write_text(published(repo) + "based_on: 上一版\n", encoding="utf-8")
    result, _ = check_tree(repo, [repo / FILE])
    [found] = [f for f in result.findings if f.file == FILE]
    assert found.code == "E-SCHEMA-PATTERN"
    assert "应为核查工作台写下的 sha256（64 位小写十六进制）或 none" in found.message
    assert "删去这一行" in found.message
    changes = [ChangedFile(filename=FILE, status="modified")]
    assert stale_reviews(changes, files_of(repo), lambda path: b"x: 1\n") == []


def test_check_changed_loads_each_changed_record_file_once_and_says_the_same(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`check-changed` loads each changed file of the reviews folder once: the check loads it and
    `stale_reviews` reads what the check loaded (Repository.records), also for a file the model
    refuses. Its E-REVIEW-STALE findings (codes, lines, columns, sentences) are the ones
    `stale_reviews` gives loading the files itself."""
    from validators.github import review_base
    from validators.github.review_base import git_files
    from validators.yaml import loading

    site = published(repo)
    merge(repo, "staff", workbench_file(site, A_VERDICT))
    open_pull_request(repo, "expert", workbench_file(site, B_VERDICT))
    # The year's objections file, named by a digest of no file main had; and another society's
    # review file the model refuses (a key it does not know), with a digest all the same.
    objections = f"reviews/{YEAR}/objections.yaml"
    (repo / objections).write_text(git(repo, "show", f"main:{objections}") + f"based_on: {sha256('较早的版本')}\n",
                                   encoding="utf-8")
    refused = f"reviews/{YEAR}/cd-tcm.yaml"
    (repo / refused).write_text(git(repo, "show", f"main:{refused}") + f"unknown_key: 1\nbased_on: {sha256('x')}\n",
                                encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "more")
    changed = {FILE, objections, refused}
    assert {c.filename for c in git_changes(repo, "main", "HEAD")} == changed
    heads = {(f, (repo / f).read_bytes()) for f in changed}
    expected = stale_reviews(git_changes(repo, "main", "HEAD"), files_of(repo), git_files(repo, "main"))
    assert sorted(f.file for f in expected) == sorted(changed)

    loads: list[tuple[str, bytes]] = []
    real = loading.load_bytes

    def counted(data: bytes, file: str, *args: object, **kwargs: object) -> loading.Loaded:
        loads.append((file, data))
        return real(data, file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "load_bytes", counted)
    monkeypatch.setattr(review_base, "load_bytes", counted)
    code, findings = check_changed(repo, capsys)
    assert code == 1
    assert {head: loads.count(head) for head in heads} == dict.fromkeys(heads, 1)
    said = [(f["file"], f["line"], f["column"], f["message"]) for f in stale(findings)]
    assert sorted(said) == sorted((f.file, f.line, f.column, f.message) for f in expected)


def test_a_whole_tree_check_tells_a_change_the_notes_it_may_have_caused() -> None:
    """`reported`: errors always; warnings of the societies a change touched (their reports and
    review files); every warning when it touched what any file's notes may follow from."""
    found = [warning("submissions/cd-a/2018.yaml", 1, 1, "W-X", "甲"), warning("submissions/cd-b/2018.yaml", 1, 1, "W-X", "乙"),
             warning("reviews/2018/cd-b.yaml", 1, 1, "W-X", "乙的核查"), error("submissions/cd-c/2017.yaml", 1, 1, "E-X", "丙")]

    def told(*paths: str) -> list[str]:
        changes = [ChangedFile(filename=p, status="removed") for p in paths]
        return [f.message for f in reported(found, changes, whole_tree=True)]

    assert told("submissions/cd-a/2017.yaml") == ["甲", "丙"]  # its society's other report: maybe its doing
    assert told("reviews/2018/cd-b.yaml") == ["乙", "乙的核查", "丙"]
    assert told("validators/guidelines/2019.yaml") == ["甲", "乙", "乙的核查", "丙"]
    assert told("reviews/2018/objections.yaml") == ["甲", "乙", "乙的核查", "丙"]
    assert [f.message for f in reported(found, [], whole_tree=False)] == ["甲", "乙", "乙的核查", "丙"]


def test_a_wiped_expert_mark_is_named_by_its_criterions_label(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The workbench calls a criterion by its rubric label; the message named only its id."""
    site = published(repo)
    mark = ("marks:\n  - criterion: event-quality\n    expert: expert-a\n    mark: 4.5\n"
            "    date: 2026-11-12\n")
    merge(repo, "expert-mark", workbench_file(site, A_VERDICT) + mark)
    open_pull_request(repo, "staff-late", workbench_file(site, B_VERDICT))
    message, _ = refused_as_stale(repo, capsys, FILE, site)
    assert "专家 expert-a 对评分项“综合性学术年会的质量”（event-quality）的评分 4.5 分" in message


def dropped_warnings(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["code"] == "W-REVIEW-RECORDS-DROPPED"]


def test_a_file_based_on_main_that_deletes_its_records_is_warned_naming_them(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The staff's verdicts (one item waiting for material, the rest verified) are merged; an
    expert's draft begun on the older record replaces the newer one in the workbench (“用草稿替换
    仓库中的记录”): its file names main's as its start, so E-REVIEW-STALE lets it through, and
    `check` itself finds nothing wrong in it. The pull request's reviewer is told what it deletes."""
    merge(repo, "staff", workbench_file(published(repo), B_VERDICT))
    main_file = published(repo)
    assert "rest:" in main_file
    expert_only = (f"society: {SOCIETY}\nyear: {YEAR}\nsample: true\nmarks:\n"
                   "  - {criterion: event-quality, expert: expert-c, mark: 4, date: 2026-11-13}\n"
                   f"based_on: {sha256(main_file)}\n")
    open_pull_request(repo, "expert", expert_only)
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])
    [found] = dropped_warnings(findings)
    assert found["severity"] == "warning"
    assert (found["file"], found["line"]) == (FILE, 6)  # the based_on line
    message = str(found["message"])
    assert f"项目 {ASKED[0]} 的结论“待补充材料”（{EXPERT}，2026-11-12）" in message
    assert "“其余全部核实”（cast-reviewer，2026-11-12）" in message
    assert "2 条核查记录" in message
    assert "用草稿替换仓库中的记录" in message


def test_a_verdict_changed_in_place_or_a_mark_added_is_no_deletion(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Material arrived: the verdict waiting for it becomes 已核实, a mark is added; nothing of
    main's record is deleted, nothing is warned. A stale file is refused, not warned twice."""
    merge(repo, "staff", workbench_file(published(repo), B_VERDICT))
    main_file = published(repo)
    answered = workbench_file(main_file, "").replace(
        "status: 待补充材料\n    reason: 请补充对接协议。\n", "status: 已核实\n")
    assert "已核实\n    reviewer: expert-wang" in answered
    open_pull_request(repo, "material", answered)
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings), dropped_warnings(findings)) == (0, [], [])

    git(repo, "checkout", "-q", "main")
    without_rest = "".join(line for line in main_file.splitlines(keepends=True)
                           if not line.startswith(("rest:", "  status: 已核实", "  reviewer:", "  date:", "  contents:")))
    older = without_rest.replace(f"based_on: {sha256(main_file)}", f"based_on: {sha256('较早的版本')}")
    open_pull_request(repo, "stale", older)
    code, findings = check_changed(repo, capsys)
    assert code == 1
    assert len(stale(findings)) == 1
    assert dropped_warnings(findings) == []


def test_a_verdict_on_an_item_the_report_no_longer_has_is_no_deletion(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The pull request takes the item the staff asked material for out of the report, and the
    workbench's file (based on main's) no longer holds its verdict: the workbench writes only the
    items the head's report has, and the merge could not keep it (`check` would refuse it as
    E-REVIEW-UNKNOWN-ITEM). Nothing is warned; the verdict on an item still there would be."""
    merge(repo, "staff", workbench_file(published(repo), B_VERDICT))
    main_file = published(repo)
    without = workbench_file(main_file, "").replace("items:\n" + B_VERDICT, "", 1)
    assert ASKED[0] not in without
    report = repo / f"submissions/{SOCIETY}/{YEAR}.yaml"
    text = report.read_text(encoding="utf-8")
    start = text.index(f"    - id: {ASKED[0]}\n")
    end = text.index("    - id: ", start + 1)
    git(repo, "checkout", "-q", "-b", "item-withdrawn", "main")
    report.write_text(text[:start] + text[end:], encoding="utf-8")
    (repo / FILE).write_text(without, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "item-withdrawn")
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings), dropped_warnings(findings)) == (0, [], [])
    assert not [f for f in findings if f["code"] == "E-REVIEW-UNKNOWN-ITEM"]

    git(repo, "checkout", "-q", "main")
    open_pull_request(repo, "verdict-dropped", without)  # the item is still in the report
    _, findings = check_changed(repo, capsys)
    [found] = dropped_warnings(findings)
    assert f"项目 {ASKED[0]} 的结论“待补充材料”" in found["message"]
    assert "合并保留仓库中的记录，加上草稿中新给出的" in found["message"]


def commit_file(repo: Path, text: str | None, message: str) -> str:
    """One more commit on the checked-out pull request's branch, with the review file `text`
    (None: deleted); its short id."""
    if text is None:
        (repo / FILE).unlink()
    else:
        (repo / FILE).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "--short=7", "HEAD").strip()


def test_a_file_committed_over_another_in_the_same_pull_request_is_warned_naming_what_it_lost(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The staff member and the expert open the same society from the same site; the admin commits
    the staff's file and then the expert's over it, in one pull request. Both start from main's
    file, so neither E-REVIEW-STALE nor the comparison with main sees anything; the staff's verdict,
    never on main, would go without a word. The earlier commit's file is compared with the head's."""
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    staff_commit = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")

    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])
    [found] = dropped_warnings(findings)
    assert (found["file"], found["severity"]) == (FILE, "warning")
    assert found["line"] == (repo / FILE).read_text(encoding="utf-8").splitlines().index(
        f"based_on: {sha256(site)}") + 1
    message = str(found["message"])
    assert f"本拉取请求较早的提交 {staff_commit} 中的 {FILE} 有 1 条核查记录" in message
    assert f"项目 {REFUSED[0]} 的结论“不予认定”（{STAFF}，2026-11-12）" in message
    assert ASKED[0] not in message  # the expert's own verdict is in the head's file
    assert "两个拉取请求先后提交" in message
    assert "选“合并”保留仓库中的记录，加上草稿中新给出的" in message

    # A later commit that keeps the earlier one's records (the two merged in the workbench) is
    # told nothing; nor is a commit that deleted the file or left it unreadable on the way.
    both = workbench_file(site, A_VERDICT + B_VERDICT)
    commit_file(repo, None, "deleted")
    commit_file(repo, "items: [\n", "unreadable")
    commit_file(repo, both, "merged")
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings), dropped_warnings(findings)) == (0, [], [])


def test_the_comment_names_a_record_an_earlier_commit_gave_that_the_head_dropped(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The comment job reads the pull request's commits through the API as data (their listings
    of the review folder and the earlier versions' blobs): the staff's verdict, overwritten by
    the expert's file in the same pull request, is named with its commit as check-changed names it."""
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    staff_commit = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    _, findings = check_changed(repo, capsys)
    [warned] = dropped_warnings(findings)

    result = comment_verdict(repo, "both", tmp_path)
    shown = shown_text(result.comment)
    assert not result.needs_changes
    assert "W-REVIEW-RECORDS-DROPPED" in shown
    assert f"本拉取请求较早的提交 {staff_commit} 中的 {FILE} 有 1 条核查记录" in shown
    assert f"项目 {REFUSED[0]} 的结论“不予认定”" in shown
    assert str(warned["message"])[:60] in shown  # the same words as check-changed's
    assert "比较不完整" not in shown


def test_the_comment_says_so_when_it_read_only_the_newest_commits(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the cap of commits read, the overwritten record cannot be named: the comment says the
    comparison is incomplete, with how many commits it read of how many."""
    monkeypatch.setattr("validators.github.pr_commits.MAX_COMMITS", 1)
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    shown = shown_text(comment_verdict(repo, "both", tmp_path).comment)
    assert "W-REVIEW-RECORDS-DROPPED" not in shown
    assert "核查记录文件与本拉取请求较早提交的比较不完整：只读了最近的 1 个提交（共 2 个）" in shown


def test_the_comment_says_so_when_a_listing_or_the_commits_were_not_read(repo: Path, tmp_path: Path) -> None:
    """A folder listing the API did not give (an error other than 404), or no list of commits at
    all, is said, never taken for a file that did not change."""
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "main")
    records = record_from_git(repo, "main", "both", tmp_path / "pull-request")
    links = Links.build("example-org/society-registry", head, None, 42)
    listings = sorted((records / "earlier").iterdir())
    assert len(listings) == 2  # the commit before the pull request's, and its first
    listings[0].unlink()
    listings[1].unlink()
    comment = shown_text(decide(repo, records, artifact(tmp_path / "artifact", head=head), links).comment)
    assert "比较不完整：有的提交中的文件清单没有读到" in comment
    (records / "commits.jsonl").unlink()
    comment = shown_text(decide(repo, records, artifact(tmp_path / "artifact", head=head), links).comment)
    assert "没有读到本拉取请求的提交清单，核查记录文件没有与较早的提交比较。" in comment


def test_a_record_named_against_main_is_not_named_again_for_an_earlier_commit(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Main's own records an earlier commit also held are W-REVIEW-RECORDS-DROPPED's against
    main, said once; the earlier commit's warning names only what it gave."""
    merge(repo, "staff", workbench_file(published(repo), B_VERDICT))
    main_file = published(repo)
    open_pull_request(repo, "both", workbench_file(main_file, A_VERDICT))
    expert_only = (f"society: {SOCIETY}\nyear: {YEAR}\nsample: true\nmarks:\n"
                   "  - {criterion: event-quality, expert: expert-c, mark: 4, date: 2026-11-13}\n"
                   f"based_on: {sha256(main_file)}\n")
    commit_file(repo, expert_only, "expert")
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])
    against_main, earlier = dropped_warnings(findings)
    assert "本文件删去了主分支上的" in against_main["message"]
    assert ASKED[0] in against_main["message"]
    assert "有 1 条核查记录" in earlier["message"]
    assert REFUSED[0] in earlier["message"]
    assert ASKED[0] not in earlier["message"]
