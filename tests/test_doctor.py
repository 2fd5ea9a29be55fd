"""`python -m validators doctor`: the repository's own GitHub set-up, and the list of what an
administrator still has to do by hand, with the names the workflows and mkdocs.yml use."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT
from validators.association.admin_list import admin_list_findings, read_admin_list
from validators.github.doctor import REQUIRED, WORKFLOWS, diagnose, job_names, read_data
from validators.github.pr_comment import LABEL_NEEDS_CHANGES
from validators.urls import NOT_A_URL


def _doctor(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "doctor"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / ".github", tmp_path / ".github")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _required_checks() -> list[str]:
    names = []
    for name in REQUIRED:
        workflow = read_data(ROOT / WORKFLOWS / name)
        assert workflow is not None
        names += [workflow["name"], *job_names(workflow)]
    return names


def _admins(root: Path, *names: str) -> None:
    text = (root / ".github" / "admins.yaml").read_text("utf-8")
    assert "admins: []" in text  # as shipped: nobody yet
    listed = "admins:\n" + "".join(f"  - {name}\n" for name in names)
    (root / ".github" / "admins.yaml").write_text(text.replace("admins: []\n", listed), "utf-8")


def _failed(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stdout.splitlines() if line.startswith("  ✗")]


def test_the_repository_as_shipped_fails_for_its_empty_admin_list(copy: Path) -> None:
    """Step 2 of the README: with nobody in admins, nobody can change the program or the rules."""
    done = _doctor(copy)
    assert done.returncode == 1, done.stdout + done.stderr
    [failed] = _failed(done)
    assert "还没有管理员" in failed
    assert "- cast-admin" in failed
    _admins(copy, "cast-admin")
    done = _doctor(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 位管理员" in done.stdout


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, timeout=30,
                   env={"PATH": "/usr/bin:/bin", "HOME": str(root)})


@pytest.mark.parametrize("origin", ["https://github.com/cdast/society-registry.git",
                                    "git@github.com:CDAST/society-registry.git",
                                    "ssh://git@github.com/cdast/society-registry"])
def test_repo_url_is_the_remote_origin_in_any_of_its_spellings(copy: Path, origin: str) -> None:
    _admins(copy, "cast-admin")
    _git(copy, "init", "-q")
    _git(copy, "remote", "add", "origin", origin)
    done = _doctor(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ mkdocs.yml 的 repo_url：https://github.com/cdast/society-registry" in done.stdout


@pytest.mark.parametrize("origin", ["https://github.com/chengdu-kx/registry.git", "git@github.com:chengdu-kx/registry.git"])
def test_repo_url_still_the_shipped_one_fails_and_says_what_to_write(copy: Path, origin: str) -> None:
    _admins(copy, "cast-admin")
    _git(copy, "init", "-q")
    _git(copy, "remote", "add", "origin", origin)
    done = _doctor(copy)
    assert done.returncode == 1, done.stdout + done.stderr
    [failed] = _failed(done)
    assert "repo_url（https://github.com/cdast/society-registry）不是本仓库" in failed
    assert "请把 repo_url 改为 https://github.com/chengdu-kx/registry" in failed


def test_no_remote_or_one_off_github_is_not_compared(copy: Path) -> None:
    _admins(copy, "cast-admin")
    _git(copy, "init", "-q")
    assert _doctor(copy).returncode == 0  # a Git tree without origin
    _git(copy, "remote", "add", "origin", "/srv/git/registry.git")
    done = _doctor(copy)
    assert done.returncode == 0, done.stdout
    assert "origin" not in done.stdout


def test_the_manual_steps_name_what_the_code_uses() -> None:
    done = _doctor(ROOT)
    site_url = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    assert site_url
    manual = done.stdout.split("程序无法检查）：", 1)[1]
    for needed in ["GitHub Actions", f"SITE_URL，值 {site_url.group(1)}", f"“{LABEL_NEEDS_CHANGES}”",
                   *(f"“{name}”" for name in _required_checks())]:
        assert needed in manual, needed


def test_missing_and_invalid_settings_are_each_reported(copy: Path) -> None:
    (copy / WORKFLOWS / "publish.yml").unlink()
    (copy / ".github" / "admins.yaml").write_text("admins: [not a login!]\n", encoding="utf-8")
    config = copy / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*$", "", config.read_text("utf-8"), flags=re.MULTILINE),
                      encoding="utf-8")
    done = _doctor(copy)
    assert done.returncode == 1
    failed = _failed(done)
    assert len(failed) == 3, done.stdout
    assert any("publish.yml" in line for line in failed)
    assert any("admins.yaml 无效" in line for line in failed)
    assert any("site_url" in line for line in failed)
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00bad", b"[unclosed", b"- a list\n", b"a: !!python/name:os.system x\n"])
def test_garbage_files_are_findings_not_crashes(copy: Path, garbage: bytes) -> None:
    for rel in ("mkdocs.yml", ".github/admins.yaml", f"{WORKFLOWS}/validate.yml"):
        (copy / rel).write_bytes(garbage)
    diagnosis = diagnose(copy)
    assert len(diagnosis.failed) == 3
    done = _doctor(copy)
    assert done.returncode == 1
    assert done.stderr == ""


def test_readme_section_covers_every_manual_step() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## 管理员首次设置", 1)[1].split("\n## ", 1)[0]
    for needed in ["GitHub Actions", "SITE_URL", LABEL_NEEDS_CHANGES, "python -m validators doctor",
                   *_required_checks()]:
        assert needed in section, needed


_NAMED_NOT_A_LOGIN = "admins:\n  - 张三\nreviewers: [cast-reviewer]\n"


def test_a_name_that_is_no_github_login_is_said_in_checks_words(copy: Path) -> None:
    """`- 张三` under admins: doctor says what check says of a GitHub user name, in Chinese, at its line."""
    (copy / ".github" / "admins.yaml").write_text(_NAMED_NOT_A_LOGIN, encoding="utf-8")
    done = _doctor(copy)
    assert done.returncode == 1
    [failed] = _failed(done)
    assert "admins.yaml 无效：第 2 行：“admins”的第 1 项应为 GitHub 用户名" in failed
    assert "前面不加 @" in failed
    assert "String should" not in done.stdout
    # The README's other two examples: a name written with @, and a key written wrong.
    (copy / ".github" / "admins.yaml").write_text("admins:\n  - cast-staff\n  - '@cast-admin'\n", encoding="utf-8")
    [failed] = _failed(_doctor(copy))
    assert "admins.yaml 无效：第 3 行：“admins”的第 2 项应为 GitHub 用户名" in failed
    assert "前面不加 @" in failed
    (copy / ".github" / "admins.yaml").write_text("admins: [cast-admin]\nadmin: [typo]\n", encoding="utf-8")
    [failed] = _failed(_doctor(copy))
    assert "admins.yaml 无效：第 2 行：" in failed
    assert "未知字段“admin”" in failed.split("第 2 行：", 1)[1]


def test_check_refuses_a_malformed_admin_list_and_a_change_to_it_checks_the_whole_tree(copy: Path) -> None:
    """The pull-request checks read the list: merged broken, it would make nobody an admin."""
    from validators.github.changed_files import ChangedFile, files_to_check

    (copy / "submissions").mkdir()
    ok = subprocess.run([sys.executable, "-m", "validators", "--root", str(copy), "check"], cwd=ROOT,
                        capture_output=True, text=True, timeout=60, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr  # the shipped list (empty) is well formed
    (copy / ".github" / "admins.yaml").write_text(_NAMED_NOT_A_LOGIN, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(copy), "check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert ".github/admins.yaml:2:5: 错误 E-SCHEMA-PATTERN “admins”的第 1 项应为 GitHub 用户名" in done.stdout
    (copy / ".github" / "admins.yaml").write_text("admins: [cast-admin]\nadmin: [typo]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(copy), "check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert ".github/admins.yaml:2:1: 错误 E-SCHEMA-UNKNOWN-KEY" in done.stdout  # at the key's line
    change = [ChangedFile(filename=".github/admins.yaml", status="modified")]
    assert files_to_check(change, copy).whole_tree


_BROKEN_CONTACT = """admins: [cast-admin]
contact:
  office: 市科协学会部
  phone: 请拨办公室
  email: office@@example.org
  url: javascript:alert(1)
  fax: 028-0000 0000
"""


def test_a_broken_contact_is_said_at_its_line_in_checks_words(copy: Path) -> None:
    """The association's contact (`contact`): an address that is none, a phone that is words and
    an unknown key are each a finding at its line, as `check` says the rest of the file."""
    admins = copy / ".github" / "admins.yaml"
    admins.write_text(_BROKEN_CONTACT, encoding="utf-8")
    found = [(f.line, f.code, f.message) for f in admin_list_findings(copy)]
    assert found == [
        (4, "E-SCHEMA-TYPE", "联系方式的“电话”（phone）应为办公电话：只写数字、空格、“-”、括号和“转”，"
                             "至少 5 位数字，如 028-0000 0000 转 1。"),
        (5, "E-SCHEMA-TYPE", "联系方式的“邮箱”（email）应为一个完整的邮箱地址，如 office@example.org"
                             "（不加“mailto:”、姓名和空格）。"),
        (6, "E-SCHEMA-TYPE", f"联系方式的“网址”（url）不能发布：{NOT_A_URL}。"),
        (7, "E-SCHEMA-UNKNOWN-KEY", "未知字段“fax”。这里可用的字段有：office、phone、email、url。"),
    ]
    assert read_admin_list(copy) is None  # as any other broken list: nobody is an admin by it
    # A host no reader can open, and a name too long for the page.
    admins.write_text(f"contact:\n  office: {'部' * 61}\n  url: http://192.168.1.10/\n", encoding="utf-8")
    found = [(f.line, f.code, f.message) for f in admin_list_findings(copy)]
    assert [(line, code) for line, code, _ in found] == [(2, "E-SCHEMA-RANGE"), (3, "E-SCHEMA-TYPE")]
    assert found[0][2] == "“部门”（office）过长：上限 60 个字符，请精简。"
    assert found[1][2].startswith("联系方式的“网址”（url）不能发布：网址的主机 192.168.1.10 是本机或内部网络的地址")
    (copy / "submissions").mkdir()
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(copy), "check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert ".github/admins.yaml:3:8: 错误 E-SCHEMA-TYPE 联系方式的“网址”（url）不能发布" in done.stdout


def test_a_contact_is_optional_and_read_as_written(copy: Path) -> None:
    shipped = read_admin_list(copy)
    assert shipped is not None
    assert shipped.contact is None
    text = (copy / ".github" / "admins.yaml").read_text("utf-8")
    assert "# contact: {office: 市科协学会部" in text  # the commented example the README points to
    (copy / ".github" / "admins.yaml").write_text(
        text + "contact:\n  office: 市科协学会部\n  phone: (028) 0000-0000 转 1\n  email: office@example.org\n"
        "  url: https://example.org/contact\n", encoding="utf-8")
    assert admin_list_findings(copy) == []
    listed = read_admin_list(copy)
    assert listed is not None
    assert listed.contact is not None
    assert listed.contact.phone == "(028) 0000-0000 转 1"
    (copy / ".github" / "admins.yaml").write_text("admins: []\ncontact: {email: office@example.org}\n", "utf-8")
    listed = read_admin_list(copy)
    assert listed is not None
    assert listed.contact is not None
    assert listed.contact.office is None
