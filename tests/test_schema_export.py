"""`python -m validators schema` against independent validators: check-jsonschema's own
command line, which reads YAML with ruamel.yaml (not our loader) and checks formats, and ajv-cli
5 in strict draft 2020-12 mode with ajv-formats (the pinned npm packages, see tests/clients.py).

It accepts every valid file (sample submissions and tests/data/valid) and rejects every
invalid example that is purely a matter of shape. Two things no JSON Schema can see, because
they are lost when YAML becomes JSON, are left to `check`: a date written in quotes (JSON has
no date type: the schema says "a string in date format", which `'2017-05-12'` is) and YAML
1.1/1.2 traps such as `012` (our loader keeps it as text so that codes keep their zero).
check-jsonschema turns unquoted YAML dates into ISO strings before validating, so dates as
written in the template validate against `format: date`. ajv-cli reads YAML with js-yaml's
YAML 1.1 schema, which turns them into Date objects, so its files are first converted to JSON by
a YAML 1.2 reader (the npm `yaml` package's command line), as the README tells users to do.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clients import npm_tool
from tests.trees import ROOT
from validators.check import check_file
from validators.schema import json_schema
from validators.year.guideline import available_years

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
DATA = Path(__file__).parent / "data"
INVALID = DATA / "invalid"
EXPECT = re.compile(r"^# expect: ([EW]-[A-Z0-9-]+) \d+:\d+$", re.MULTILINE)
# E-KIND-UNKNOWN: the schema of no particular year lists every year's kinds, which for the years
# these files are of are the same.
SHAPE_CODES = {"E-SCHEMA-UNKNOWN-KEY", "E-SCHEMA-TYPE", "E-SCHEMA-MISSING", "E-SCHEMA-ENUM", "E-KIND-UNKNOWN",
               "E-SCHEMA-PATTERN", "E-SCHEMA-RANGE", "E-SCHEMA-DATE"}
# 5.1–5.4 criteria, which the schema of a given year states as conditions (criteria_schema).
CRITERIA_CODES = {"E-CRITERIA-MAIN-FORUM", "E-CRITERIA-SUB-FORUM", "E-CRITERIA-MATERIALS",
                  "E-CRITERIA-ROLE", "E-CRITERIA-OCCASION", "E-THRESHOLD-PARTICIPANTS",
                  "E-THRESHOLD-PROVINCES", "E-THRESHOLD-COUNTRIES"}


def _valid_files() -> list[Path]:
    found = sorted((ROOT / "submissions").glob("*/*.yaml")) + sorted((DATA / "valid").glob("*/*.yaml"))
    return [p for p in found if p.is_file()]


def _reports(paths: list[Path], year: int | None = None) -> list[Path]:
    return [p for p in paths if p.name != "society.yaml" and (year is None or p.stem == str(year))]


def _profiles(paths: list[Path]) -> list[Path]:
    return [p for p in paths if p.name == "society.yaml"]


def _examples(only: set[str]) -> list[Path]:
    """Invalid examples whose every expected finding has one of the `only` codes."""
    chosen = []
    for path in sorted(INVALID.rglob("*.yaml")):
        codes = set(EXPECT.findall(path.read_text("utf-8")))
        if codes and codes <= only:
            chosen.append(path)
    return chosen


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The schemas exactly as the command line prints them."""
    folder = tmp_path_factory.mktemp("schemas")
    written = {}
    kinds = [("submission", []), ("society", ["--kind", "society"])]
    kinds += [(f"submission-{year}", ["--year", str(year)]) for year in available_years()]
    for name, args in kinds:
        done = subprocess.run([sys.executable, "-m", "validators", "schema", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=True)
        written[name] = folder / f"{name}.schema.json"
        written[name].write_text(done.stdout, encoding="utf-8")
    return written


def _validate(schema: Path, files: list[Path]) -> dict:
    assert CHECK_JSONSCHEMA.is_file(), "check-jsonschema is a pinned dev dependency"
    done = subprocess.run([str(CHECK_JSONSCHEMA), "-o", "JSON", "--schemafile", str(schema),
                           *map(str, files)], capture_output=True, text=True, timeout=120, check=False)
    report = {"errors": [], "parse_errors": [], **json.loads(done.stdout)}
    assert report["parse_errors"] == [], report["parse_errors"]
    assert done.returncode == (0 if report["status"] == "ok" else 1)
    return report


def _failing(report: dict) -> set[Path]:
    return {Path(e["filename"]) for e in report["errors"]}


def test_command_line_prints_the_models_schema(schemas: dict[str, Path]) -> None:
    assert json.loads(schemas["submission"].read_text("utf-8")) == json_schema("submission")
    assert json.loads(schemas["society"].read_text("utf-8")) == json_schema("society")
    assert json.loads(schemas["submission-2017"].read_text("utf-8")) == json_schema("submission", 2017)


def test_schemas_are_valid_json_schemas(schemas: dict[str, Path]) -> None:
    done = subprocess.run([str(CHECK_JSONSCHEMA), "--check-metaschema", *map(str, schemas.values())],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_valid_report_validates(schemas: dict[str, Path]) -> None:
    reports = _reports(_valid_files())
    assert reports
    report = _validate(schemas["submission"], reports)
    assert report["errors"] == []


def test_every_valid_report_meets_its_years_criteria(schemas: dict[str, Path]) -> None:
    for year in available_years():
        reports = _reports(_valid_files(), year)
        if not reports:
            continue
        report = _validate(schemas[f"submission-{year}"], reports)
        assert report["errors"] == [], year


def test_every_valid_profile_validates(schemas: dict[str, Path]) -> None:
    profiles = _profiles(_valid_files())
    assert profiles
    report = _validate(schemas["society"], profiles)
    assert report["errors"] == []


def test_sample_submissions_are_covered(schemas: dict[str, Path]) -> None:
    if not any((ROOT / "submissions").glob("*/*.yaml")):
        pytest.skip("no sample data under submissions/ yet")
    samples = [p for p in _valid_files() if p.is_relative_to(ROOT / "submissions")]
    assert _reports(samples)
    assert _profiles(samples)


# Counts written 0x10 and +12: a YAML 1.2 reader (check-jsonschema's, an editor's) hands the
# schema the numbers 16 and 12, so only the project's own typing, in `check` and the form, refuses
# them. A schema cannot see how a number was written.
_WRITTEN_OTHERWISE = {INVALID / "E-SCHEMA-TYPE" / "cd-hex-count" / "2017.yaml"}


def test_every_shape_error_example_is_rejected(schemas: dict[str, Path]) -> None:
    examples = _examples(SHAPE_CODES)
    reports, profiles = _reports(examples), _profiles(examples)
    assert {p.parts[-3] for p in examples} >= SHAPE_CODES - {"E-SCHEMA-RANGE", "E-SCHEMA-DATE"}
    assert profiles
    assert set(reports) >= _WRITTEN_OTHERWISE
    reports = [p for p in reports if p not in _WRITTEN_OTHERWISE]
    assert _failing(_validate(schemas["submission"], reports)) == set(reports)
    assert _failing(_validate(schemas["submission"], sorted(_WRITTEN_OTHERWISE))) == set()
    assert _failing(_validate(schemas["society"], profiles)) == set(profiles)


def test_every_criteria_example_is_rejected_by_the_years_schema(schemas: dict[str, Path]) -> None:
    examples = _reports(_examples(CRITERIA_CODES))
    assert {p.parts[-3] for p in examples} == CRITERIA_CODES
    assert _failing(_validate(schemas["submission-2017"], examples)) == set(examples)
    # Without a year the schema states no criteria: these files are well-formed.
    assert _validate(schemas["submission"], examples)["errors"] == []


def test_dates_as_written_validate_and_impossible_dates_do_not(
        schemas: dict[str, Path], tmp_path: Path) -> None:
    head = "society: cd-a\nyear: 2017\nmajor_work:\n  - id: mw-a\n    kind: 党建\n    title: 党建\n"
    cases = {"2017-05-12": True, "2016-02-29": True, "2017-02-30": False, "2017-5-12": False,
             "20170512": False, "2017-05-12T10:00:00": False}
    paths = {}
    for i, (value, _) in enumerate(cases.items()):
        paths[value] = tmp_path / f"case-{i}.yaml"
        paths[value].write_text(f"{head}    date: {value}\n    description: 活动\n", encoding="utf-8")
    failing = _failing(_validate(schemas["submission"], list(paths.values())))
    assert {v for v, p in paths.items() if p not in failing} == {v for v, ok in cases.items() if ok}


# --- ajv-cli, strict ----------------------------------------------------------------------------

def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_schemas_use_only_standard_keywords(schemas: dict[str, Path]) -> None:
    for name, path in schemas.items():
        schema = json.loads(path.read_text("utf-8"))
        assert not {k for k in _keys(schema) if k.startswith("x-")}, name


def _ajv(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(npm_tool("ajv")), *args, "--spec=draft2020", "--strict=true",
                           "-c", "ajv-formats"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


def test_schemas_compile_under_strict_ajv(schemas: dict[str, Path]) -> None:
    for name, path in schemas.items():
        done = _ajv("compile", "-s", str(path))
        assert done.returncode == 0, (name, done.stdout + done.stderr)
        assert "is valid" in done.stdout, name


def _as_json(files: list[Path], folder: Path) -> dict[Path, Path]:
    """Each YAML file converted by a YAML 1.2 reader (dates stay text), to `folder/<n>.json`:
    one run of the converter over the files as one stream, one document each."""
    stream = "".join(f"---\n{path.read_text('utf-8')}\n" for path in files)
    done = subprocess.run([str(npm_tool("yaml")), "--json", "--strict"], input=stream,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    documents = json.loads(done.stdout)
    assert len(documents) == len(files)
    converted = {}
    for n, (path, document) in enumerate(zip(files, documents, strict=True)):
        converted[path] = folder / f"{n}.json"
        converted[path].write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return converted


def _ajv_failing(schema: Path, files: list[Path], folder: Path) -> set[Path]:
    folder.mkdir()
    converted = _as_json(files, folder)
    done = _ajv("validate", "--all-errors", "--errors=json", "-s", str(schema),
                "-d", str(folder / "*.json"))
    verdicts = dict(line.rsplit(" ", 1) for line in (done.stdout + done.stderr).splitlines()
                    if line.endswith((" valid", " invalid")) and line.startswith(str(folder)))
    assert set(verdicts) == {str(p) for p in converted.values()}, done.stdout + done.stderr
    assert done.returncode == (1 if "invalid" in verdicts.values() else 0)
    return {source for source, json_path in converted.items() if verdicts[str(json_path)] == "invalid"}


def _check_failing(files: list[Path], codes: set[str]) -> set[Path]:
    """The files `check` finds an error in with one of `codes`."""
    return {p for p in files
            if any(f.code in codes for f in check_file(p, p.parents[2]).findings)}


def test_ajv_and_check_jsonschema_agree_with_check_on_shape(
        schemas: dict[str, Path], tmp_path: Path) -> None:
    cases = _valid_files() + _examples(SHAPE_CODES)
    for kind, files in (("submission", _reports(cases)), ("society", _profiles(cases))):
        expected = _check_failing(files, SHAPE_CODES) - _WRITTEN_OTHERWISE
        assert expected, kind
        assert expected != set(files), kind
        assert _ajv_failing(schemas[kind], files, tmp_path / kind) == expected, kind
        assert _failing(_validate(schemas[kind], files)) == expected, kind


def test_ajv_and_check_jsonschema_agree_with_check_on_criteria(
        schemas: dict[str, Path], tmp_path: Path) -> None:
    files = _reports(_valid_files(), 2017) + _reports(_examples(CRITERIA_CODES))
    expected = _check_failing(files, CRITERIA_CODES)
    assert expected == set(_reports(_examples(CRITERIA_CODES)))
    assert _ajv_failing(schemas["submission-2017"], files, tmp_path / "ajv") == expected
    assert _failing(_validate(schemas["submission-2017"], files)) == expected
