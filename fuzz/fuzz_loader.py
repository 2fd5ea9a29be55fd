"""Coverage-guided fuzzing of the strict loader and the report model with atheris (libFuzzer).

Every input must come out of `load_bytes` as data or as findings at line and column >= 1; data
that loads goes through `YearReport` and the mapping of its validation errors to findings. Any
exception is a crash, which libFuzzer saves as `crash-<sha1>` in the working folder.

    .venv/bin/pip install atheris==3.0.0
    mkdir -p /tmp/fuzz-corpus
    .venv/bin/python fuzz/fuzz_loader.py /tmp/fuzz-corpus submissions tests/data/hostile \
        -max_total_time=600 -rss_limit_mb=2048

The first folder receives the inputs libFuzzer finds interesting (never give `submissions/`
first: it would write into it); the others are read as seeds. See fuzz/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris
import pydantic
import yaml  # noqa: F401 (imported before instrumentation: only the project's code is traced)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, not installed

with atheris.instrument_imports(include=["validators"]):
    from validators.models.report import YearReport
    from validators.schema_findings import findings_from
    from validators.yaml.loading import load_bytes
    from validators.yaml.policy import policy

LIMITS = policy().yaml.limits


def test_one_input(data: bytes) -> None:
    loaded = load_bytes(data, "fuzz.yaml", LIMITS)
    findings = list(loaded.findings)
    if loaded.ok:
        try:
            YearReport.model_validate(loaded.data)
        except pydantic.ValidationError as exc:
            findings += findings_from(exc, YearReport, "fuzz.yaml", loaded.source)
    elif not findings:
        raise AssertionError("neither data nor findings")
    for f in findings:
        if f.line < 1 or f.column < 1:
            raise AssertionError(f"finding outside the file: {f}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
