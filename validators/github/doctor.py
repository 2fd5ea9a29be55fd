"""`doctor`: what the repository itself says about its GitHub set-up, and the one-time settings
that only an administrator can make on GitHub's pages (listed with the names taken from the
workflows and mkdocs.yml, so the list never names a check or a label the code does not use)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from validators.association.admin_list import ADMINS_FILE, checked_admin_list
from validators.github.pr_comment import LABEL_NEEDS_CHANGES

WORKFLOWS = ".github/workflows"
# The workflows by role; their `name:` is what GitHub shows, their jobs' names the checks.
VALIDATE, COMMENT, OWNERSHIP, PUBLISH = "validate.yml", "comment.yml", "ownership.yml", "publish.yml"
REQUIRED = (VALIDATE, OWNERSHIP)  # the workflows whose jobs must pass before a merge
_GITHUB_REPO = re.compile(r"^https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)/?$")
# What `git remote get-url origin` says of a GitHub repository: https, ssh's scp form or ssh URL.
_GITHUB_REMOTE = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")


@dataclass(slots=True)
class Diagnosis:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)


class _AnyTagLoader(yaml.CSafeLoader):
    """Reads mkdocs.yml and workflows as data: a `!!python/name:` tag is kept as its text."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_data(path: Path) -> dict[str, Any] | None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506 (safe)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) else None


def job_names(workflow: dict[str, Any]) -> list[str]:
    jobs = workflow.get("jobs")
    if not isinstance(jobs, dict):
        return []
    return [str(job.get("name") or key) for key, job in jobs.items() if isinstance(job, dict)]


def _workflows(root: Path, d: Diagnosis) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name in (VALIDATE, COMMENT, OWNERSHIP, PUBLISH):
        data = read_data(root / WORKFLOWS / name)
        if data is None:
            d.failed.append(f"缺少或无法读取工作流 {WORKFLOWS}/{name}：请从主仓库恢复它。")
        else:
            found[name] = data
    if len(found) == 4:
        d.passed.append("工作流齐全：" + "、".join(f"{n}（{w.get('name', n)}）" for n, w in found.items()))
    label = (found.get(COMMENT, {}).get("jobs", {}).get("comment", {}) or {}).get("env", {}).get("LABEL")
    if COMMENT in found and label != LABEL_NEEDS_CHANGES:
        d.failed.append(f"{WORKFLOWS}/{COMMENT} 的标签（{label}）与程序使用的“{LABEL_NEEDS_CHANGES}”不一致。")
    return found


def _mkdocs(root: Path, d: Diagnosis) -> tuple[str | None, str | None]:
    config = read_data(root / "mkdocs.yml")
    if config is None:
        d.failed.append("缺少或无法读取 mkdocs.yml。")
        return None, None
    repo_url, site_url = config.get("repo_url"), config.get("site_url")
    repo = _GITHUB_REPO.match(repo_url) if isinstance(repo_url, str) else None
    origin = _origin(root)
    if repo and origin and (repo.group(1).lower(), repo.group(2).lower()) != (origin[0].lower(), origin[1].lower()):
        d.failed.append(f"mkdocs.yml 的 repo_url（{repo_url}）不是本仓库：Git 的远程仓库 origin 是 "
                        f"{origin[0]}/{origin[1]}，请把 repo_url 改为 https://github.com/{origin[0]}/{origin[1]}"
                        "（网站的“在 GitHub 上修改”、在线填报和核查工作台的链接都用它）。")
        repo = None
    elif repo:
        d.passed.append(f"mkdocs.yml 的 repo_url：{repo_url}")
    else:
        d.failed.append("mkdocs.yml 的 repo_url 应为本仓库的地址，如 https://github.com/机构/仓库名。")
    if isinstance(site_url, str) and site_url.startswith("https://"):
        d.passed.append(f"mkdocs.yml 的 site_url：{site_url}")
    else:
        d.failed.append("mkdocs.yml 的 site_url 应为网站的 https 地址，如 https://机构.github.io/仓库名/。")
        site_url = None
    if repo and site_url:
        pages = f"https://{repo.group(1).lower()}.github.io/{repo.group(2)}/"
        if site_url.rstrip("/").lower() != pages.rstrip("/").lower():
            d.notes.append(f"site_url 不是 GitHub Pages 的默认地址 {pages}：使用自定义域名时，"
                           "请在 Settings → Pages → Custom domain 中填写同一个域名。")
    return (repo_url if repo else None), site_url


def _origin(root: Path) -> tuple[str, str] | None:
    """(owner, name) of the GitHub repository the Git remote `origin` of `root` names; None when
    `root` is no Git work tree, has no such remote, or it is not on GitHub (nothing to compare)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                              capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    found = _GITHUB_REMOTE.match(done.stdout.strip()) if done.returncode == 0 else None
    return (found.group(1), found.group(2)) if found else None


def _admins(root: Path, d: Diagnosis) -> None:
    path = root / ADMINS_FILE
    if not path.is_file():
        d.failed.append(f"缺少 {ADMINS_FILE}：请建立它，写上 admins: [市科协管理员的 GitHub 用户名]。")
        return
    listed, problems = checked_admin_list(root)
    if listed is None or problems:
        first = (f"第 {problems[0].line} 行：{problems[0].message}" if problems
                 else "应为“admins:”（和可选的“reviewers:”）下列出 GitHub 用户名。")
        d.failed.append(f"{ADMINS_FILE} 无效：{first.rstrip('。')}。格式为 admins: 下一行一个用户名"
                        "（如 - cast-admin，可另加 reviewers:）；python -m validators check 列出全部问题。")
        return
    admins = listed.admins
    if not admins:
        d.failed.append(f"{ADMINS_FILE} 中还没有管理员：此时只有各学会的维护人能改各自的文件夹，"
                        "程序、规则和网站的改动无人能通过“文件夹权限”检查。请在 admins: 下至少写一位管理员的"
                        "GitHub 用户名（一行一个，如 - cast-admin）。")
        return
    d.passed.append(f"{ADMINS_FILE} 有效：{len(admins)} 位管理员，{len(listed.reviewers)} 位核查人员")


def _by_hand(workflows: dict[str, dict[str, Any]], site_url: str | None) -> list[str]:
    checks = "；".join(f"“{workflows[w].get('name', w)}”的" + "、".join(f"“{j}”" for j in job_names(workflows[w]))
                      for w in REQUIRED if w in workflows)
    return [
        "Pages：Settings → Pages → Build and deployment → Source 选择“GitHub Actions”"
        "（不改时发布网站的工作流会失败）。",
        "变量 SITE_URL：Settings → Secrets and variables → Actions → Variables → New repository variable，"
        f"名称 SITE_URL，值 {site_url or '网站地址（与 mkdocs.yml 的 site_url 相同）'}"
        "（拉取请求评论中的条款链接用它）。",
        f"标签：Issues → Labels → New label，名称“{LABEL_NEEDS_CHANGES}”（有错误的拉取请求会被加上它）。",
        "分支保护：Settings → Branches → Add branch protection rule（或 Rules → Rulesets），分支 main："
        "合并前必须发起拉取请求；必须通过以下检查（在搜索框中输入作业名）：" + (checks or "（未找到工作流）") +
        "；不允许强制推送和删除分支。",
        "Actions：Settings → Actions → General → Workflow permissions 选择“Read repository contents "
        "and packages permissions”；Approval for running fork pull request workflows 选择“Require approval "
        "for all external contributors”（fork 能改写自己的工作流，批准前管理员先看它改了什么；见 README）。",
    ]


def diagnose(root: Path) -> Diagnosis:
    d = Diagnosis()
    workflows = _workflows(root, d)
    _, site_url = _mkdocs(root, d)
    _admins(root, d)
    d.by_hand = _by_hand(workflows, site_url)
    return d


def as_text(d: Diagnosis) -> str:
    lines = ["仓库中能检查的设置："]
    lines += [f"  ✓ {x}" for x in d.passed] + [f"  ✗ {x}" for x in d.failed] + [f"  ! {x}" for x in d.notes]
    lines += ["", "以下设置只能由仓库管理员在 GitHub 网页上完成（每个仓库一次，程序无法检查）："]
    lines += [f"  {n}. {x}" for n, x in enumerate(d.by_hand, start=1)]
    lines += ["", "详见 README 的“管理员首次设置”。"]
    return "\n".join(lines)
