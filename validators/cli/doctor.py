"""`doctor`: check the repository's GitHub set-up and list what is left to do by hand."""

from __future__ import annotations

import argparse
from pathlib import Path

from validators.console import out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("doctor", help="检查仓库的 GitHub 设置，列出需要管理员手工完成的设置")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.github.doctor import as_text, diagnose

    diagnosis = diagnose(Path(args.root))
    out(as_text(diagnosis))
    return EXIT_ERRORS if diagnosis.failed else EXIT_OK
