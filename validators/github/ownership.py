"""Who may change what: a pull request touches only folders its author maintains.

The rules, judged against the base branch (never against what the pull request says):

- `submissions/<id>/...` may be changed by a maintainer of `<id>` (its `society.yaml` on the
  base branch) or by an association admin (`.github/admins.yaml`);
- a new society folder (no `society.yaml` on the base branch) must bring its `society.yaml`,
  whose `maintainers` must name the author; it is also flagged for an admin to confirm;
- anything outside a society folder may be changed by admins only, except that the reviewers
  (`reviewers:` in the same file: the association's staff and experts) may add and change the
  review and objection files of a year whose `reviews/<year>/` folder the base branch has, the
  files the verification workbench writes (not remove or move them, nor anything else);
- a symbolic link, a submodule (gitlink) and a path with `.`, `..` or hidden characters are
  refused from everyone;
- a new society whose name or website is an existing society's needs an admin (impersonation);
- a rename or copy must stay inside one society folder, unless an admin makes it.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from validators.association.admin_list import ADMINS_FILE, read_admin_list
from validators.association.results_files import RESULTS
from validators.association.reviews import REVIEWS, finalized, record_year_folder, review_years
from validators.findings import Finding, error, warning
from validators.github.changed_files import ChangedFile, society_of
from validators.models.common import SLUG_PATTERN
from validators.models.society import SocietyProfile
from validators.repository import PROFILE_FILE, SUBMISSIONS
from validators.submission_paths import PathKind, classify, path_problem
from validators.yaml.hidden_characters import visible
from validators.yaml.loading import load_path
from validators.yaml.policy import hidden_characters, policy

# A pull request can add only so many societies at once; each profile costs one API call.
MAX_NEW_SOCIETIES = 20


@dataclass(slots=True)
class Maintainers:
    """Logins per society folder, from the base branch; None when its profile is unreadable."""

    societies: dict[str, frozenset[str] | None] = field(default_factory=dict)
    admins: frozenset[str] = frozenset()
    findings: list[Finding] = field(default_factory=list)
    # The staff and experts who may change the review files, and the year folders of `reviews/`
    # on the base branch (the years under verification) whose files they may change.
    reviewers: frozenset[str] = frozenset()
    review_years: frozenset[str] = frozenset()
    # Of those, the years finalize froze (results/<year>.json): verified again by admins only.
    final_years: frozenset[str] = frozenset()
    # Who each society says it is (folded name, folded website), for a new folder to differ from.
    identities: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def _fold_name(name: str) -> str:
    """A name as a reader compares it: full-width or half-width, spaces and case aside."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def _fold_website(url: str | None) -> str | None:
    """`https://WWW.Example.org/` and `http://example.org` name the same site."""
    if not url:
        return None
    rest = url.strip().split("://", 1)[-1].casefold().rstrip("/")
    return rest.removeprefix("www.")


def identity(profile: SocietyProfile) -> tuple[str, str | None]:
    return _fold_name(profile.name), _fold_website(profile.website)


def _fold(logins: Iterable[str]) -> frozenset[str]:
    return frozenset(login.casefold() for login in logins)


def read_profile(path: Path, file: str) -> SocietyProfile | None:
    loaded = load_path(path, file, policy().yaml.limits)
    if not loaded.ok:
        return None
    try:
        return SocietyProfile.model_validate(loaded.data)
    except ValidationError:
        return None


def read_maintainers(root: Path) -> Maintainers:
    """Every society folder of the base tree with its maintainers, and the admins."""
    result = Maintainers()
    base = root / SUBMISSIONS
    if base.is_dir():
        for folder in sorted(base.iterdir()):
            if not folder.is_dir() or folder.is_symlink():
                continue
            profile_path = folder / PROFILE_FILE
            profile = None
            if profile_path.is_file() and not profile_path.is_symlink():
                profile = read_profile(profile_path, f"{SUBMISSIONS}/{folder.name}/{PROFILE_FILE}")
            result.societies[folder.name] = _fold(profile.maintainers) if profile else None
            if profile:
                result.identities[folder.name] = identity(profile)
    if not (root / REVIEWS).is_symlink():
        years = review_years(root)  # the folders the full check reads as years
        result.review_years = frozenset(map(str, years))
        result.final_years = frozenset(str(y) for y in years if finalized(root, y))
    listed = read_admin_list(root)
    if listed is None:
        result.findings.append(error(
            ADMINS_FILE, 1, 1, "E-OWNER-ADMINS-INVALID",
            f"管理员名单 {ADMINS_FILE} 无法读取：应为“admins:”（和可选的“reviewers:”）下列出 GitHub 用户名。"
            "在修好之前，任何人都不按管理员或核查人员对待。"))
    else:
        result.admins = _fold(listed.admins)
        result.reviewers = _fold(listed.reviewers)
    return result


def new_society_profiles(changes: list[ChangedFile], root: Path) -> list[str]:
    """The `society.yaml` files a pull request adds in folders the base tree lacks: the
    workflow fetches these (and only these) from the head commit as data."""
    found: list[str] = []
    for change in changes:
        kind = classify(change.filename)
        society = kind.society
        if (change.status != "removed" and society and re.fullmatch(SLUG_PATTERN, society)
                and kind.kind is PathKind.PROFILE and not (root / SUBMISSIONS / society).exists()):
            found.append(change.filename)
    return sorted(set(found))[:MAX_NEW_SOCIETIES]


def _new_society_profile(society: str, head_root: Path | None) -> SocietyProfile | None:
    if head_root is None or not re.fullmatch(SLUG_PATTERN, society):
        return None
    path = head_root / SUBMISSIONS / society / PROFILE_FILE
    if not path.is_file() or path.is_symlink():
        return None
    profile = read_profile(path, f"{SUBMISSIONS}/{society}/{PROFILE_FILE}")
    return profile if profile and profile.id == society else None


def check_ownership(author: str, changes: list[ChangedFile], maintainers: Maintainers,
                    head_root: Path | None = None,
                    expected_count: int | None = None) -> list[Finding]:
    """Findings for every changed path the author may not change; none when all is theirs."""
    me = author.casefold()
    is_admin = me in maintainers.admins
    findings = list(maintainers.findings)
    if expected_count is not None and expected_count != len(changes):
        findings.append(error(
            "(拉取请求)", 1, 1, "E-OWNER-INCOMPLETE",
            f"拉取请求改动了 {expected_count} 个文件，但只读到 {len(changes)} 个的清单，无法逐一核对："
            "请把改动拆成更小的拉取请求。"))
    new_folders: dict[str, SocietyProfile | None] = {}
    for change in changes:
        unsafe = _unsafe(change)
        findings += unsafe
        if unsafe:
            continue
        findings += _rename(change, me, is_admin)
        for path in change.paths:
            finding = _owner(path, author, me, is_admin, maintainers, new_folders, head_root)
            if finding is None and not is_admin and society_of(path) is None:
                finding = _review_file(path, change, author, me, maintainers)
            if finding:
                findings.append(finding)
    for society in sorted(new_folders):
        file = f"{SUBMISSIONS}/{society}/{PROFILE_FILE}"
        findings.append(warning(
            file, 1, 1, "W-OWNER-NEW-SOCIETY",
            f"新学会文件夹“{society}”：合并前请市科协管理员核实这个学会的身份和维护人名单。"))
        profile = new_folders[society]
        if profile is not None and not is_admin:
            findings += _impersonation(file, profile, maintainers)
    return _unique(findings)


def _impersonation(file: str, profile: SocietyProfile, maintainers: Maintainers) -> list[Finding]:
    name, website = identity(profile)
    for other, (other_name, other_website) in sorted(maintainers.identities.items()):
        same = "名称" if name == other_name else "网站" if website and website == other_website else None
        if same:
            return [error(file, 1, 1, "E-OWNER-IMPERSONATION",
                          f"新学会的{same}与已有学会 {other} 的{same}相同：一个学会只能有一个文件夹。"
                          f"如果这是同一个学会，请在 {SUBMISSIONS}/{other}/ 中修改；如果确是另一个学会，"
                          "请市科协管理员核实后由管理员提交。")]
    return []


def _unsafe(change: ChangedFile) -> list[Finding]:
    """Refused from everyone, admins included: names that are not plain paths, links, submodules."""
    for path in change.paths:
        problem = path_problem(path)
        if problem:
            return [error(visible(path, hidden_characters()), 1, 1,
                          "E-OWNER-UNSAFE-PATH",
                          f"{problem}，仓库不接受这样的路径：请改用普通的文件名和文件夹名。")]
    if change.is_symlink:
        return [error(change.filename, 1, 1, "E-OWNER-SYMLINK",
                      f"“{change.filename}”是符号链接（symlink）。仓库不接受符号链接：请改为提交普通文件。")]
    if change.is_gitlink:
        return [error(change.filename, 1, 1, "E-OWNER-GITLINK",
                      f"“{change.filename}”是子模块（submodule），不是文件。仓库不接受子模块：请改为提交普通文件。")]
    return []


def _rename(change: ChangedFile, me: str, is_admin: bool) -> list[Finding]:
    old = change.previous_filename
    if old is None or is_admin:
        return []
    before, after = society_of(old), society_of(change.filename)
    if before is not None and before == after:
        return []
    verb = "改名或移动" if change.status == "renamed" else "复制"
    return [error(change.filename, 1, 1, "E-OWNER-RENAME",
                  f"“{old}”被{verb}为“{change.filename}”，跨出了一个学会的文件夹。"
                  "不能在学会文件夹之间（或从文件夹外）移动文件：请在自己的文件夹里新建文件，"
                  "不要移动别人的文件。")]


def _owner(path: str, author: str, me: str, is_admin: bool, maintainers: Maintainers,
           new_folders: dict[str, SocietyProfile | None], head_root: Path | None) -> Finding | None:
    if is_admin:
        return None
    society = society_of(path)
    if society is None:
        if _under_reviews(path):
            return None  # said by _review_file, in words for the staff and experts
        also = (f"核查人员（{ADMINS_FILE} 的 reviewers）只能改动 {REVIEWS}/<年度>/ 中的核查和异议记录。"
                if me in maintainers.reviewers else "")
        return error(path, 1, 1, "E-OWNER-OUTSIDE",
                     f"本拉取请求改动了学会文件夹以外的“{path}”。学会只能改动自己的 "
                     f"{SUBMISSIONS}/<学会id>/ 文件夹；网站、程序和规则的改动由市科协管理员"
                     f"（名单见 {ADMINS_FILE}）提交。{also}请把这个文件的改动从拉取请求中撤掉。")
    if society in maintainers.societies:
        logins = maintainers.societies[society]
        if logins is None:
            return error(path, 1, 1, "E-OWNER-UNKNOWN",
                         f"主分支上 {SUBMISSIONS}/{society}/{PROFILE_FILE} 无法读取，不知道谁是维护人："
                         "这个文件夹暂时只能由市科协管理员改动。")
        if me in logins:
            return None
        return error(path, 1, 1, "E-OWNER-FOREIGN",
                     f"“{path}”属于学会 {society}，它的维护人名单（主分支上 society.yaml 的 "
                     f"maintainers）里没有 GitHub 用户 {author}。只能改动本学会的文件夹；如果你是"
                     "这个学会的新维护人，请现有维护人或市科协管理员先把你的用户名加入 maintainers。")
    if society not in new_folders:
        new_folders[society] = _new_society_profile(society, head_root)
    profile = new_folders[society]
    if profile is None:
        return error(path, 1, 1, "E-OWNER-NEW-PROFILE",
                     f"“{society}”是新的学会文件夹，但拉取请求里没有可读的 "
                     f"{SUBMISSIONS}/{society}/{PROFILE_FILE}：新学会须同时提交学会资料，"
                     "其中 id 与文件夹名相同，maintainers 写上你的 GitHub 用户名。")
    if me not in _fold(profile.maintainers):
        return error(path, 1, 1, "E-OWNER-NEW-SOCIETY",
                     f"新学会“{society}”的 society.yaml 中 maintainers 没有写你的 GitHub 用户名 "
                     f"{author}：请把它加入 maintainers，否则以后无法修改这个文件夹。")
    return None


def _under_reviews(path: str) -> bool:
    return path.startswith(f"{REVIEWS}/")


def _review_file(path: str, change: ChangedFile, author: str, me: str,
                 maintainers: Maintainers) -> Finding | None:
    """A path under `reviews/` changed by someone not an admin: a reviewer's add or edit of a
    record of a year under verification passes; anything else is said in the staff's words."""
    if not _under_reviews(path):
        return None
    if me not in maintainers.reviewers:
        return error(path, 1, 1, "E-OWNER-OUTSIDE",
                     f"“{path}”是市科协的核查或异议记录。{REVIEWS}/ 只能由市科协管理员和核查人员改动，"
                     f"GitHub 用户 {author} 不在 {ADMINS_FILE} 的 admins 或 reviewers 名单中。"
                     "请把核查工作台下载的文件交给市科协管理员提交，或请管理员把你的用户名加入 reviewers 后再发起拉取请求。")
    year = record_year_folder(path)
    if year is None:
        return error(path, 1, 1, "E-OWNER-OUTSIDE",
                     f"核查人员只能改动 {REVIEWS}/<年度>/<学会id>.yaml 和 {REVIEWS}/<年度>/objections.yaml"
                     f"（核查工作台生成的文件），“{path}”不是这样的文件：请把它的改动撤掉，或交给市科协管理员。")
    if year not in maintainers.review_years:
        return error(path, 1, 1, "E-OWNER-OUTSIDE",
                     f"主分支上还没有 {REVIEWS}/{year}/ 文件夹：建立它即开始核查 {year} 年度"
                     "（从公示起只计已核实的项目），须由市科协管理员提交。")
    if year in maintainers.final_years:
        return error(path, 1, 1, "E-OWNER-OUTSIDE",
                     f"{year} 年度已经定稿（主分支上有 {RESULTS}/{year}.json）：定稿后的重新核查和"
                     "finalize --replace 由市科协管理员提交，请把核查工作台下载的文件交给管理员。")
    if change.status == "removed" or change.previous_filename is not None:
        return error(path, 1, 1, "E-OWNER-OUTSIDE",
                     f"核查人员只能新建和修改核查、异议记录，不能删除、改名或复制它们（“{path}”）："
                     "请交给市科协管理员处理。")
    return None


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per path and code: a rename reports each end once."""
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        if (f.file, f.code) not in seen:
            seen.add((f.file, f.code))
            out.append(f)
    return out


def base_snapshot(root: Path, base: str, dest: Path) -> Path:
    """The admin list, every society profile, the (empty) year folders of `reviews/` and the
    (empty) results files of revision `base`, written under `dest` in the repository's layout: maintainers are read from
    the base, never from the working tree."""
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True).stdout

    listing = git("ls-tree", "-z", base, "--", f"{SUBMISSIONS}/", f"{REVIEWS}/", f"{RESULTS}/", ADMINS_FILE)
    for record in filter(None, listing.split(b"\0")):
        meta, _, raw_path = record.partition(b"\t")
        _mode, kind, _ = meta.decode("ascii").split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if path.startswith(f"{RESULTS}/"):
            if kind == "blob":  # only that it exists: the year is finalized
                (dest / path).parent.mkdir(parents=True, exist_ok=True)
                (dest / path).touch()
            continue
        if path.startswith(f"{REVIEWS}/"):
            if kind == "tree":
                (dest / path).mkdir(parents=True, exist_ok=True)
            continue
        if path == ADMINS_FILE and kind == "blob":
            wanted = ADMINS_FILE
        elif kind == "tree" and re.fullmatch(SLUG_PATTERN, path.removeprefix(f"{SUBMISSIONS}/")):
            (dest / path).mkdir(parents=True, exist_ok=True)
            wanted = f"{path}/{PROFILE_FILE}"
            entry = git("ls-tree", base, "--", wanted).split()
            if not entry or entry[1] != b"blob" or entry[0] not in (b"100644", b"100755"):
                continue
        else:
            continue
        target = dest / wanted
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git("show", f"{base}:{wanted}"))
    return dest
