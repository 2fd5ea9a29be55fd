"""Repository policy (policy.yaml): technical limits that hold for every guideline year."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    field_validator,
    model_validator,
)

from validators.yaml.hidden_characters import compile_ranges
from validators.yaml.loading import YamlLimits, load_trusted

__all__ = ["NumbersPolicy", "PendingWarning", "Policy", "TotalsPolicy", "hidden_characters", "policy"]

POLICY_FILE = Path(__file__).with_name("policy.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class YamlPolicy(_Strict):
    max_file_bytes: PositiveInt
    max_depth: PositiveInt
    max_text_chars: PositiveInt
    max_list_items: PositiveInt
    max_count: PositiveInt
    max_amount_wan: PositiveInt
    max_schema_findings_per_file: PositiveInt
    hidden_characters: list[Annotated[str, Field(pattern=r"^[0-9A-F]{4,6}(?:-[0-9A-F]{4,6})?$")]]

    @property
    def hidden(self) -> re.Pattern[str]:
        return compile_ranges(tuple(self.hidden_characters))

    @property
    def limits(self) -> YamlLimits:
        return YamlLimits(self.max_file_bytes, self.max_depth, self.hidden)


class EvidencePackage(_Strict):
    """A zip package a file of a kind may be, by its extension (see policy.yaml's `packages`)."""

    name: str
    extensions: list[Annotated[str, Field(pattern=r"^[a-z0-9]+$")]] = Field(min_length=1)
    holds: list[str] = Field(min_length=1)
    main: str
    declares: str = ""
    program: str = ""  # what opens and saves it (Excel 或 WPS): told to a web page saved under its extension

    def is_held_by(self, names: frozenset[str], declared: bytes) -> bool:
        """Whether a zip whose entries are `names` (case-folded, as OPC compares part names) and
        whose declared content types begin `declared` is a package of this kind."""
        if not all(entry.casefold() in names for entry in self.holds):
            return False
        return self.main.casefold() in names or (bool(self.declares) and self.declares.encode() in declared)


class EvidenceKind(_Strict):
    """One kind of file the staff can open as evidence (see policy.yaml's `file_kinds`)."""

    name: str
    extensions: list[Annotated[str, Field(pattern=r"^[a-z0-9]+$")]] = Field(min_length=1)
    begins: list[Annotated[str, Field(pattern=r"^(?:[0-9A-F]{2}|\.\.)+$")]]
    within: NonNegativeInt = 0
    begins_as: dict[str, str] = {}  # a beginning's own extension, told to a file of another kind
    packages: list[EvidencePackage] = []

    @model_validator(mode="after")
    def _packaged(self) -> EvidenceKind:
        for begins, extension in self.begins_as.items():
            if begins not in self.begins or extension not in self.extensions:
                raise ValueError(f"{self.name}: begins_as {begins}: {extension} names a beginning and "
                                 "an extension of the kind")
        if self.packages:
            if "504B0304" not in self.begins:
                raise ValueError(f"{self.name}: packages need the zip beginning 504B0304")
            covered = sorted(e for p in self.packages for e in p.extensions)
            if covered != sorted(self.extensions):
                raise ValueError(f"{self.name}: each extension needs exactly one package, not {covered}")
        return self

    def package_of(self, extension: str) -> EvidencePackage | None:
        """The package a zip with this extension has to be; None when the kind lists none."""
        return next((p for p in self.packages if extension in p.extensions), None)

    @cached_property
    def beginning(self) -> re.Pattern[bytes] | None:
        """The first bytes of a file of this kind; None for text."""
        if not self.begins:
            return None
        ways = [b"".join(b"." if pair == ".." else re.escape(bytes.fromhex(pair))
                         for pair in (hexes[i:i + 2] for i in range(0, len(hexes), 2)))
                for hexes in self.begins]
        # One group a beginning, in their order: a match's `lastindex` says which one it is.
        return re.compile(b"|".join(b"(" + way + b")" for way in ways), re.DOTALL)

    def extensions_of(self, found: re.Match[bytes]) -> list[str]:
        """The extensions a file `beginning` found is may have: the one `begins_as` gives the
        beginning that matched, or else all the kind's."""
        extension = self.begins_as.get(self.begins[(found.lastindex or 1) - 1])
        return [extension] if extension is not None else list(self.extensions)

    @property
    def reach(self) -> int:
        """How many first bytes `beginning` is looked for in."""
        return self.within + max((len(hexes) // 2 for hexes in self.begins), default=0)


class EvidencePolicy(_Strict):
    max_file_bytes: PositiveInt
    max_per_item: PositiveInt
    url_schemes: list[str]
    url_lookalikes: list[Annotated[str, Field(pattern=r"^[0-9A-F]{4,6}$")]]
    url_private_networks: list[str] = Field(min_length=1)
    url_private_names: list[Annotated[str, Field(pattern=r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")]]
    file_kinds: list[EvidenceKind] = Field(min_length=1)

    @field_validator("url_private_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ipaddress.ip_network(network)  # a ValueError (host bits set, no network) refuses the file
        return value

    @cached_property
    def private_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(n) for n in self.url_private_networks)

    @staticmethod
    def extension_of(name: str) -> str:
        """What follows the last dot of a file's name, in lower case; "" with none (".pdf" too)."""
        stem, dot, extension = name.rpartition(".")
        return extension.lower() if dot and stem else ""

    def kind_of(self, name: str) -> EvidenceKind | None:
        """The kind a file of this name may be, by its extension; None when none may be it."""
        extension = self.extension_of(name)
        return next((k for k in self.file_kinds if extension in k.extensions), None) if extension else None

    @property
    def accepted(self) -> str:
        """The kinds with their extensions, as messages list them."""
        return "、".join(f"{k.name}（{' '.join('.' + e for e in k.extensions)}）" for k in self.file_kinds)


class PrivacyPolicy(_Strict):
    personal_email_domains: list[str]


class TextPolicy(_Strict):
    """How a text value that says nothing (无, 暂无, -, N/A) is told from one that says something."""

    nothing_words: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    nothing_trailing: str
    same_text_ignored: str
    # Words by which a society names itself (本学会): an occasion's organizer written so is the
    # society itself (W-OCCASION-OWN).
    self_words: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)

    @property
    def _nothing(self) -> frozenset[str]:
        return _nothing_set(tuple(self.nothing_words))

    def says_nothing(self, text: str) -> bool:
        """Whether the whole of `text` (NFKC, trimmed of spaces and end marks) is a nothing word."""
        plain = unicodedata.normalize("NFKC", text).strip()
        trimmed = plain.rstrip(self.nothing_trailing).strip()
        return plain.casefold() in self._nothing or trimmed.casefold() in self._nothing or not trimmed


@cache
def _nothing_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFKC", w).strip().casefold() for w in words)


class FormPolicy(_Strict):
    github_url_max_chars: PositiveInt
    across_share_bytes: PositiveInt
    across_item_share_bytes: PositiveInt


class TotalsPolicy(_Strict):
    """How a totals row under a table (合计：2 项) is told from an item that begins with such a word
    (共计 10 家企业完成上云): the word, then at most a count and its unit."""

    words: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    # Characters between the word and the count besides spaces (合计：2): no digit, no letter.
    followers: Annotated[str, Field(pattern=r"^[^0-9A-Za-z\s]*$")]
    # A count's unit (2 项, 420 人次), written after it or alone in brackets (合计（万元）).
    units: list[Annotated[str, Field(pattern=r"^[^0-9\s]+$")]]
    # Each pair of brackets a unit may be written in: the opening one, then the closing one.
    brackets: list[Annotated[str, Field(min_length=2, max_length=2)]]
    # The functions of a formula that sums its own column above it (=SUM(F2:F4) in F5): a row of
    # nothing else is a totals row, written without the word.
    formulas: list[Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9.]*$")]]


_Word = Annotated[str, Field(pattern=r"^[^0-9\s]+$")]


class NumbersPolicy(_Strict):
    """A number a cell writes with words around it (15万, 160人, 约400, 200余人): the words are read
    in this order (before, the number, within, a unit, after). A cell that is a number and one
    of its column's own units and nothing else is read as that number and said (W-XLSX-UNIT);
    any other word keeps the cell unread (E-XLSX-VALUE), with how to write it."""

    before: list[_Word]
    within: list[_Word]
    units: list[_Word]
    after: list[_Word]
    # A unit that multiplies (1.5万 is 15000): in a column not counted in it, write the whole number.
    scale: _Word
    # A column's own units by its field's key, the one it is counted in first (金额（万元）: 万元,
    # and 万 for short): 15万 there can mean only 15.
    columns: dict[str, list[_Word]]

    @model_validator(mode="after")
    def _units_are_known(self) -> NumbersPolicy:
        unknown = sorted({u for own in self.columns.values() for u in own} - set(self.units))
        if unknown or not all(self.columns.values()):
            raise ValueError(f"a column's units must be listed in units: {unknown}")
        return self


class WorkbookPolicy(_Strict):
    max_bytes: PositiveInt
    max_unpacked_bytes: PositiveInt
    max_rows: PositiveInt
    column_margin: PositiveInt
    max_findings: PositiveInt
    named_sheets: PositiveInt
    read_chunk_bytes: PositiveInt
    totals: TotalsPolicy
    numbers: NumbersPolicy


class SuggestionPolicy(_Strict):
    max_per_file: PositiveInt
    max_name_chars: PositiveInt
    kind_similarity: Annotated[float, Field(gt=0, le=1)]


class RubricPolicy(_Strict):
    max_points: PositiveInt


class PendingWarning(_Strict):
    """A warning that waits on someone other than the society (`waits_on`: the association, or the
    other societies of a consortium it leads), said as `said` and left out of the public 备注's
    count: always, or, with `until_listed` (a list field of the guideline file), while that list
    of the year is empty."""

    code: Annotated[str, Field(pattern=r"^W-[A-Z0-9]+(?:-[A-Z0-9]+)*$")]
    until_listed: Annotated[str, Field(pattern=r"^[a-z_]+$")] | None = None
    waits_on: Annotated[str, Field(min_length=1)]
    said: Annotated[str, Field(min_length=1)]


class RemarksPolicy(_Strict):
    association_pending: list[PendingWarning]


class Policy(_Strict):
    yaml: YamlPolicy
    evidence: EvidencePolicy
    privacy: PrivacyPolicy
    text: TextPolicy
    form: FormPolicy
    workbook: WorkbookPolicy
    rubric: RubricPolicy
    suggestions: SuggestionPolicy
    remarks: RemarksPolicy


@cache
def policy() -> Policy:
    return Policy.model_validate(load_trusted(POLICY_FILE))


@cache
def hidden_characters() -> re.Pattern[str]:
    """The characters no value may hold, and every reporter shows as <U+XXXX>."""
    return policy().yaml.hidden
