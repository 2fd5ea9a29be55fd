"""Coverage-guided fuzzing of one report through all of `check_file`: loader, model and every
in-file rule (evidence paths, privacy, markup, criteria). Usage as for fuzz_loader.py."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris
import pydantic  # noqa: F401 (imported before instrumentation: only the project's code is traced)
import yaml  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, not installed

with atheris.instrument_imports(include=["validators"]):
    from validators.check import check_file

ROOT = Path(tempfile.mkdtemp(prefix="fuzz-check-"))
REPORT = ROOT / "cd-fuzz" / "2017.yaml"
REPORT.parent.mkdir()
(REPORT.parent / "evidence").mkdir()
(REPORT.parent / "evidence" / "a.pdf").write_bytes(b"%PDF-1.4\n")


def test_one_input(data: bytes) -> None:
    REPORT.write_bytes(data)
    for f in check_file(REPORT, ROOT).findings:
        if f.line < 1 or f.column < 1:
            raise AssertionError(f"finding outside the file: {f}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
