"""Enumerations that accept either their English code or their exact Chinese label."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

__all__ = ["LabelledEnum", "OpenKind", "Quoting", "UnknownTerm", "Vocabulary"]


class LabelledEnum(str, Enum):  # noqa: UP042 (members carry a label and a clause)
    """A member is `(code, label[, clause])`; the label is what users type and the site shows."""

    label: str
    clause: str | None

    def __new__(cls, code: str, label: str, clause: str | None = None) -> LabelledEnum:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        member.clause = clause
        return member

    def __str__(self) -> str:
        return self.label

    @classmethod
    def lookup(cls) -> dict[str, LabelledEnum]:
        """Code, label and alias to member; built once per enumeration."""
        table = cls.__dict__.get("_lookup_table")
        if table is None:
            table = {key: m for m in cls for key in (m.value, m.label)}
            table.update(cls.__dict__.get("_alias_table", {}))
            type.__setattr__(cls, "_lookup_table", table)
        return table

    @classmethod
    def accept_aliases(cls, aliases: dict[str, LabelledEnum]) -> None:
        """Other ways of writing members, such as the guideline's own words: accepted as input,
        never shown (the label is)."""
        type.__setattr__(cls, "_alias_table", {**cls.__dict__.get("_alias_table", {}), **aliases})
        type.__setattr__(cls, "_lookup_table", None)

    @classmethod
    def from_text(cls, value: Any) -> LabelledEnum | UnknownTerm:
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            member = cls.lookup().get(value.strip())
            if member is not None:
                return member
            if cls.__dict__.get("_open") and value.strip():
                # A year's kinds are data: a kind the year does not know is the item's own
                # error (rules/kinds.py), not a reason to refuse the whole report.
                return UnknownTerm(value)
        raise PydanticCustomError(
            "enum", "不是可选值之一：{expected}", {"expected": "、".join(m.label for m in cls)})

    @classmethod
    def of_year(cls, name: str, entries: list[tuple[str, str, str | None, list[str]]]) -> type[LabelledEnum]:
        """An open enumeration of one year's kinds: `(code, label, clause, aliases)` each. A value
        it does not know becomes an UnknownTerm instead of failing validation."""
        # Enum's functional form: the checker reads the call as a member lookup.
        functional: Any = cls
        made: type[LabelledEnum] = functional(name, [(code.upper(), (code, label, clause))
                                                     for code, label, clause, _ in entries])
        type.__setattr__(made, "_open", True)
        by_code = {m.value: m for m in made}
        made.accept_aliases({alias: by_code[code] for code, _, _, aliases in entries for alias in aliases})
        return made

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.from_text,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda m: m.value),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        """One `const` per accepted spelling, each titled with the member's label: standard
        keywords only (strict ajv refuses `x-` ones), and editors complete and describe the
        Chinese labels. A code's entry is the one whose `const` differs from its `title`."""
        labels = [m.label for m in cls]
        return {
            "type": "string",
            "oneOf": [{"const": m.label, "title": m.label, **_clause(m)} for m in cls]
            + [{"const": m.value, "title": m.label, "description": f"“{m.label}”的英文代码"}
               for m in cls]
            + [{"const": alias, "title": m.label, "description": f"“{m.label}”的另一种写法"}
               for alias, m in cls.__dict__.get("_alias_table", {}).items()],
            "description": "可选：" + "、".join(labels),
        }


def _clause(member: LabelledEnum) -> dict[str, str]:
    return {"description": f"条款 {member.clause}"} if member.clause else {}


class UnknownTerm(str):
    """A kind the year does not list, kept as written: it shows as typed and scores nothing."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)

    @property
    def label(self) -> str:
        return str(self)

    clause: str | None = None


class OpenKind(LabelledEnum):
    """A kind field before a year is applied: every value is unknown (models/for_year.py puts
    the year's own kinds in its place)."""


type.__setattr__(OpenKind, "_open", True)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Marks a field whose allowed values are one of the year's kinds (`kinds.<name>` in the
    year file); the year's model puts that year's kinds in the field's place."""

    name: str


@dataclass(frozen=True, slots=True)
class Quoting:
    """Marks a field whose description says `phrase`, the guideline's words in the year the
    models were written for (2017). A year whose text does not hold the phrase is described as
    `otherwise` instead: plain words, or the year's own, `{<area key>}` standing for that area's
    title in the year (models/for_year.py)."""

    phrase: str
    otherwise: str
