"""Building the generated pages with Zensical, the successor of Material for MkDocs.

Publishing stays on MkDocs; this build proves that the same generated folder builds with
Zensical too (see the README). Zensical reads mkdocs.yml itself, so the project is a child config
that inherits ours, as for MkDocs, with what Zensical 0.0.73 needs:

- `docs_dir` and `site_dir` relative, inside the config's folder: it refuses paths outside that
  folder and panics on an absolute `docs_dir`;
- no list in the child: INHERIT merges lists by appending (a second `search` plugin);
- the theme's plain Chinese (`zh`) for our `custom` language, under which its search finds nothing;
- the search plugin's jieba options and MkDocs hooks are ignored by Zensical without a word; its
  own search matches Chinese text without a dictionary.

It runs as its own process (`python -m zensical build --strict`): its Rust core panics rather
than raising, and a separate process keeps that, and its time, apart from ours.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from site_builder.mkdocs_config import dump_config, inheriting, read_config

CONFIG = "mkdocs.yml"
DOCS = "generated/docs"
SITE = "site"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Material's Chinese with the search box's hint (site_builder/theme/partials/languages/custom.html)
# is `language: custom`; under it Zensical 0.0.73's search dialog found nothing, and its dialog
# has a placeholder of its own (Search), so Zensical builds with the theme's plain Chinese.
_CUSTOM, _LANGUAGE = "custom", "zh"


class ZensicalError(Exception):
    """Zensical is not installed, or refused the pages (an issue in strict mode, or a crash)."""


def available() -> bool:
    return importlib.util.find_spec("zensical") is not None


def child_config(config: Path, date: str | None = None) -> str:
    """A config inheriting `config` for a project folder holding `generated/docs`: its paths
    relative (Zensical fails on an absolute docs_dir), no plugin list (Zensical appends an
    inherited list instead of replacing it), and the theme's own language for a custom one."""
    parent = read_config(config)
    child = {**inheriting(config, parent, date), "docs_dir": DOCS, "site_dir": SITE}
    theme = parent.get("theme")
    if isinstance(theme, dict) and theme.get("language") == _CUSTOM:
        child["theme"] = {**child.get("theme", {}), "language": _LANGUAGE}
    return dump_config(child)


def run(project: Path, *, strict: bool = True) -> Path:
    """`zensical build` of the project folder `project` (its mkdocs.yml and generated/docs);
    returns the site folder it wrote."""
    if not available():
        raise ZensicalError("Zensical 未安装（它在 requirements.lock 中：make 会安装它）")
    command = [sys.executable, "-m", "zensical", "build", "-f", str(project / CONFIG)]
    done = subprocess.run(command + ["--strict"] * strict, cwd=project, capture_output=True,
                          text=True, check=False, timeout=3600)
    output = _ANSI.sub("", done.stdout + done.stderr)
    # 0.0.73 reports issues and still exits 0 unless --strict makes them fatal.
    if done.returncode != 0:
        raise ZensicalError(output.strip()[-4000:] or f"zensical exited with {done.returncode}")
    return project / SITE


def write_project(project: Path, config: Path, date: str | None = None) -> Path:
    """Writes the child config into `project`; the pages go to the folder it returns."""
    project.mkdir(parents=True, exist_ok=True)
    (project / CONFIG).write_text(child_config(config, date), encoding="utf-8")
    return project / DOCS
