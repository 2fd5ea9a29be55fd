"""The ids new items take (validators/models/report.py `new_id`, and the form's `freshId` in
site_builder/form/form-render.js, run under Node): always a valid id (a Slug, at most
SLUG_MAX_LENGTH characters), still ending in -<year>-<nn>, and the same in both, for a society
id of any length. A 63-character society's first consortium was 82 characters, refused by check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from tests.form_ids import fresh_ids
from validators.models.common import SLUG_MAX_LENGTH, SLUG_PATTERN, Slug
from validators.models.report import SHARED_ID_LISTS, new_id

SLUG = TypeAdapter(Slug)
SOCIETIES = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(lambda s: len(s) <= SLUG_MAX_LENGTH)
# 63 characters, with a hyphen just where a consortium's id of 2019 cuts it (45 characters kept).
LONG = "cd-" + "x" * 41 + "-" + "y" * 18


def _in_js(cases: list[tuple[str, str, int, int]]) -> list[list[str]]:
    return fresh_ids([(prop, society, year, [], count) for prop, society, year, count in cases])


@settings(max_examples=200, deadline=None)
@given(SOCIETIES | st.just(LONG), st.integers(2000, 2100), st.integers(1, 1000),
       st.sampled_from(["consortia", "service_stations", "research"]))
def test_a_new_id_is_always_a_valid_id_ending_in_its_year_and_number(society: str, year: int, n: int,
                                                                      list_name: str) -> None:
    made = new_id(list_name, year, n, society)
    assert SLUG.validate_python(made) == made
    assert made.endswith(f"-{year}-{n:02d}")
    if list_name in SHARED_ID_LISTS and len(society) <= 20:
        assert made == f"consortium-{society}-{year}-{n:02d}"  # a short society id is kept whole


def test_the_form_makes_the_ids_new_id_makes_for_a_long_society_id() -> None:
    cases = [("consortia", LONG, 2019, 12), ("consortia", LONG[:-1], 2019, 1), ("consortia", "cd-mech-eng", 2019, 2),
             ("consortia", "a" * 64, 2018, 1), ("service_stations", LONG, 2019, 2)]
    for (prop, society, year, count), ids in zip(cases, _in_js(cases), strict=True):
        assert ids == [new_id(prop, year, n, society) for n in range(1, count + 1)], (prop, society)
        assert all(len(i) <= SLUG_MAX_LENGTH and SLUG.validate_python(i) for i in ids)
    assert new_id("consortia", 2019, 1, LONG) == f"consortium-cd-{'x' * 41}-2019-01"  # no "--"
    assert len(new_id("consortia", 2019, 1, "a" * 63)) == SLUG_MAX_LENGTH
