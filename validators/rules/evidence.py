"""Evidence: http/https URLs, or files inside the society's own folder under the size limit."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from validators.loading import Path_
from validators.rules.context import RuleContext
from validators.urls import is_web_url

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEME = re.compile(r"^https?:", re.IGNORECASE)
# What a browser ignores when it reads a link: leading and trailing spaces and control
# characters, and tabs and line breaks anywhere (WHATWG URL), so " java\tscript:" is javascript:.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def check_reference(ref: str, folder: Path, max_bytes: int) -> tuple[str, str] | None:
    """The (code, message) that refuses `ref`, or None when it is acceptable."""
    as_browser_reads = _URL_IGNORED.sub("", ref).strip(_C0_AND_SPACE)
    if _SCHEME.match(as_browser_reads) and not re.match(r"^[A-Za-z]:[\\/]", as_browser_reads):
        if is_web_url(ref):
            return None
        if _WEB_SCHEME.match(as_browser_reads):
            return ("E-EVIDENCE-URL-SCHEME",
                    "证明材料链接不是完整的网址：应写成 https://域名/路径，不含空格，"
                    "域名前不能有“用户名@”。")
        scheme = as_browser_reads.split(":", 1)[0]
        return ("E-EVIDENCE-URL-SCHEME",
                f"证明材料链接只能是 http:// 或 https:// 开头的完整网址（现为“{scheme}:”开头）。")
    if "\\" in ref or ref.startswith("/") or re.match(r"^[A-Za-z]:", ref):
        return ("E-EVIDENCE-OUTSIDE",
                "证明材料路径应相对于本学会文件夹，用“/”分隔，如 evidence/2017-年会.pdf，不能是绝对路径。")
    relative = PurePosixPath(ref)
    if ".." in relative.parts:
        return "E-EVIDENCE-OUTSIDE", "证明材料路径不能含“..”：文件必须放在本学会自己的文件夹里。"
    target = folder / relative
    try:  # a name too long for the file system, a symlink loop: the path names no file
        resolved, home = target.resolve(), folder.resolve()
        if not resolved.is_relative_to(home) or target.is_symlink():
            return "E-EVIDENCE-OUTSIDE", "证明材料不能是指向本学会文件夹以外的链接（symlink）。"
        size = resolved.stat().st_size if resolved.is_file() else None
    except (OSError, RuntimeError):
        size = None
    if size is None:
        return ("E-EVIDENCE-MISSING",
                f"找不到证明材料文件“{ref}”：请把文件放进本学会文件夹并一起提交，或改用 https 链接。")
    if size > max_bytes:
        return ("E-EVIDENCE-TOO-LARGE",
                f"证明材料“{ref}”有 {size:,} 字节，超过上限 {max_bytes:,} 字节：请压缩或改用链接。")
    return None


def check(strings: list[tuple[Path_, str]], ctx: RuleContext) -> None:
    policy = ctx.policy.evidence
    for path, ref in strings:
        if len(path) >= 2 and path[-2] == "evidence":
            refused = check_reference(ref, ctx.folder, policy.max_file_bytes)
            if refused:
                ctx.error(path, refused[0], refused[1], None)
