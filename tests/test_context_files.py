"""A partial check reads other societies' files only when they may matter, and never whole when huge."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.trees import ROOT
from validators import related_files as context_files
from validators.check import check_file, check_tree, discover
from validators.models.report import YearReport


def _copy_sample(tmp_path: Path) -> tuple[list[Path], Path]:
    shutil.copytree(ROOT / "submissions", tmp_path / "submissions")
    tree = discover(tmp_path, None)
    target = tmp_path / "submissions" / "cd-mech-eng" / "2017.yaml"
    return tree, target


def _report(path: Path, root: Path) -> YearReport:
    doc = check_file(path, root).report
    assert doc is not None
    return doc.report


def test_a_file_naming_the_same_consortium_is_read_and_an_oversized_one_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree, target = _copy_sample(tmp_path)
    report = _report(target, tmp_path)
    assert report.consortia, "the sample society leads a consortium"
    ids, _ = context_files.needles([report])
    needle = sorted(ids, key=lambda n: n[0])[0][0]  # (as written, as same_text reads it)
    small = tmp_path / "submissions" / "zz-small" / "2017.yaml"
    huge = tmp_path / "submissions" / "zz-huge" / "2017.yaml"
    for path, size in ((small, 100), (huge, 5000)):
        path.parent.mkdir()
        path.write_bytes(b"# " + needle + b"\n" + b"x" * size)
    limit = SimpleNamespace(yaml=SimpleNamespace(max_file_bytes=1000))
    monkeypatch.setattr(context_files, "policy", lambda: limit)
    chosen = context_files.related([*tree, small, huge], {target}, {"cd-mech-eng"}, [report])
    assert small in chosen
    assert huge not in chosen


CLAIMS = ("consortium-member-follows-lead", "station-new-once-by-name", "consortium-new-once-by-name",
          "claimed-by-two-societies")


@pytest.mark.parametrize("case", CLAIMS)
def test_a_file_checked_alone_gets_the_findings_of_the_whole_tree(case: str, tmp_path: Path) -> None:
    """A consortium's lead, a station or consortium of an earlier year, a function or station of
    another society: each is read as context, so one file checked alone hears what it would in
    the whole tree. Another society's earlier year is read only when it names the same thing."""
    root = tmp_path / case
    shutil.copytree(ROOT / "tests" / "data" / "fidelity" / case, root)
    unrelated = root / "submissions" / "cd-unrelated"
    unrelated.mkdir()
    (unrelated / "2017.yaml").write_text("society: cd-unrelated\nyear: 2017\n", "utf-8")
    full, _ = check_tree(root)
    reports = sorted(p for p in (root / "submissions").glob("*/20*.yaml") if p.parent != unrelated)
    assert full.findings
    for path in reports:
        rel = path.relative_to(root).as_posix()
        partial, repo = check_tree(root, [path])
        assert partial.sorted_findings() == [f for f in full.sorted_findings() if f.file == rel], rel
        assert ("cd-unrelated", 2017) not in repo.reports



CASES = sorted(p.name for p in (ROOT / "tests" / "data" / "fidelity").iterdir() if (p / "submissions").is_dir())


@pytest.mark.parametrize("case", ["sample", *CASES])
def test_every_report_checked_alone_hears_what_the_whole_tree_says_of_it(case: str, tmp_path: Path) -> None:
    """The files read as context skip their own rules (check_file's `rules`): what the rules
    across files say of the file checked stays what a check of the whole tree says of it."""
    source = ROOT if case == "sample" else ROOT / "tests" / "data" / "fidelity" / case
    root = tmp_path / case
    for folder in ("submissions", "reviews", "results"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, root / folder)
    full, _ = check_tree(root)
    for path in sorted((root / "submissions").glob("*/20*.yaml")):
        rel = path.relative_to(root).as_posix()
        partial, _ = check_tree(root, [path])  # its review is checked with it: not compared here
        assert ([f for f in partial.sorted_findings() if f.file == rel]
                == [f for f in full.sorted_findings() if f.file == rel]), rel

def _spread(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / "submissions" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"society: {rel.split('/')[0]}\nyear: {rel[-9:-5]}\n{text}", "utf-8")


@pytest.mark.parametrize("scope", ["cd-a/2017.yaml", "cd-b/2018.yaml", "cd-c/2017.yaml", "cd-d/2017.yaml",
                                   "cd-e/2017.yaml", "cd-f/2017.yaml"])
def test_names_written_in_another_form_are_still_read_as_context(scope: str, tmp_path: Path) -> None:
    """A consortium of the same name another society led a year before, and a function whose
    title another society writes with full-width digits, or with spaces and marks added or
    dropped (which `same_text` drops): found by name in NFKC form and by parts (the function a
    warning; the consortium no finding: a name another society used proves no renamed id)."""
    led = ("consortia:\n  - {{id: {cid}, name: 示例联合体２０１７, role: 牵头, form: 专业相近, direction: 横向,"
           " industry: 其他, members: [外部单位甲], established: {day}}}\n")
    function = ("government_functions:\n  functions:\n    - {{id: fn-a, title: '{title}', commissioner: 成都市示例局,"
                " method: 委托, start: 2017-03-01, end: 2017-10-01}}\n")
    _spread(tmp_path, {
        "cd-a/2017.yaml": led.format(cid="cons-a", day="2017-05-01"),
        "cd-b/2018.yaml": led.format(cid="cons-b", day="2018-05-01").replace("２０１７", "2017"),
        "cd-c/2017.yaml": function.format(title="第１２期标准 编制"),
        "cd-d/2017.yaml": function.format(title="第12期标准  编制"),
        "cd-e/2017.yaml": function.format(title="第12期标准编制。"),
        "cd-f/2017.yaml": function.format(title="《第12期标准编 制》"),
    })
    for folder in ("cd-a", "cd-b", "cd-c", "cd-d", "cd-e", "cd-f"):
        (tmp_path / "submissions" / folder / "society.yaml").write_text(
            f"id: {folder}\nname: 成都市{folder}学会\nkind: 学会\ndiscipline: 测试\nmaintainers: [{folder}-admin]\n",
            "utf-8")
    full, _ = check_tree(tmp_path)
    codes = {(f.file, f.code) for f in full.findings}
    for folder in ("cd-c", "cd-d", "cd-e", "cd-f"):
        assert (f"submissions/{folder}/2017.yaml", "W-FUNCTION-CLAIMED-TWICE") in codes
    partial, _ = check_tree(tmp_path, [tmp_path / "submissions" / scope])
    assert partial.sorted_findings() == [f for f in full.sorted_findings() if f.file == f"submissions/{scope}"]


@pytest.mark.parametrize(("titles", "scope"), [
    (("人工智能发展研究报告", "“人工智能发展 研究报告”"), 0), (("人工智能发展研究报告", "“人工智能发展 研究报告”"), 1),
    (("长三角联盟", "长三角 联盟"), 0), (("长三角联盟", "长三角 联盟"), 1),
    (("ChatGPT在教育中的应用", "《chatgpt在教育 中的应用》。"), 0), (("ChatGPT在教育中的应用", "《chatgpt在教育 中的应用》。"), 1),
])
def test_a_name_with_spaces_or_marks_inserted_is_read_as_context(titles: tuple[str, str], scope: int,
                                                                  tmp_path: Path) -> None:
    """A name with a space or mark inserted (and any around it): a five-character name had one
    half only, and a half of ASCII letters none, so the one-file check missed the other
    society's function."""
    function = ("government_functions:\n  functions:\n    - {{id: fn-a, title: '{title}', commissioner: 成都市示例局,"
                " method: 委托, start: 2017-03-01, end: 2017-10-01}}\n")
    _spread(tmp_path, {f"cd-{n}/2017.yaml": function.format(title=t) for n, t in zip("gh", titles, strict=True)})
    for folder in ("cd-g", "cd-h"):
        (tmp_path / "submissions" / folder / "society.yaml").write_text(
            f"id: {folder}\nname: 成都市{folder}学会\nkind: 学会\ndiscipline: 测试\nmaintainers: [{folder}-admin]\n",
            "utf-8")
    target = tmp_path / "submissions" / f"cd-{'gh'[scope]}" / "2017.yaml"
    partial, _ = check_tree(tmp_path, [target])
    assert [f.code for f in partial.findings] == ["W-FUNCTION-CLAIMED-TWICE"]
