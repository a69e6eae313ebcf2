"""The department file format, ``govshare-department/1``: a department's facts, never verdicts.

The structure is fixed (organizations, people, procedures and measure sections); the words
(roles, duties, procedure kinds, aspects, measures) are the standard's, from its profile's
``selfcheck:`` section, so :func:`load_department` with a ``standard`` checks every word, and
a second standard brings its own words with no code change.

A measure is a yes/no fact or the name of the document that shows it. A yes/no fact is
written ``true``/``false`` (or 是/否); ``no``, ``off``, ``yes`` and the like are errors
(file:line), never taken as a document name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model, field_validator

from govshare._kernel.model import STRICT, Label, Level, NonEmpty
from govshare._kernel.yamlio import LoadedYaml, load_yaml, parse_yaml, validate_model
from govshare.errors import InputError
from govshare.profiles import RULE_KEYS, JurisdictionProfile
from govshare.profiles._model import SelfCheckVocabulary

__all__ = [
    "Department",
    "Evidence",
    "Fact",
    "Organization",
    "Person",
    "Procedure",
    "Step",
    "YesNo",
    "department_model",
    "department_schema",
    "load_department",
    "vocabulary_of",
]

_YES_NO = {"是": True, "否": False}
#: Words that look like a yes/no answer but are not ``true``/``false``/是/否: refused, so that
#: ``no`` is never read as the name of a document (and so as evidence).
_AMBIGUOUS = frozenset(
    {"yes", "no", "y", "n", "on", "off", "true", "false", "t", "f", "none", "null", "n/a", "na"}
    | {"有", "无", "没有", "对", "错", "不", "非", "未", "已", "具备", "不具备", "√", "×", "✓", "✗"}
    | {"0", "1", "-", "x"}
)


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip() in _YES_NO:
        return _YES_NO[value.strip()]
    raise ValueError(f"a yes/no fact is true or false (or 是/否); got {value!r}")


def _fact(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(
            f"a measure is true, false (or 是/否) or the name of the document that shows it; "
            f"got {value!r}"
        )
    text = value.strip()
    if text in _YES_NO:
        return _YES_NO[text]
    if text.lower() in _AMBIGUOUS:
        raise ValueError(
            f"{value!r} is not a yes/no value: write true or false (or 是/否), or name the "
            "document that shows the measure"
        )
    return text


#: A yes/no fact: ``true``/``false``, or 是/否.
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
#: The name of the document or record that shows a measure (evidence).
Evidence = Annotated[str, Field(min_length=1)]
#: A measure: in place (``true``), not in place (``false``), or in place as the named
#: document shows (evidence).
Fact = Annotated[bool | Evidence, BeforeValidator(_fact)]

_Word = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
_OPEN = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class Organization(BaseModel):
    """A body inside the department, its role and duties."""

    model_config = STRICT

    name: NonEmpty
    role: _Word
    duties: list[_Word] | None = Field(
        default=None, description="its duties; leave out when not described (no evidence)"
    )
    established_by: NonEmpty | None = Field(
        default=None, description="the document setting it up (evidence)"
    )


class Person(BaseModel):
    """A named person with a sharing role."""

    model_config = STRICT

    name: NonEmpty
    role: _Word
    organization: NonEmpty | None = None
    registered_with_platform_authority: YesNo | None = Field(
        default=None, description="filed (备案) with the same-level platform authority"
    )
    registration: NonEmpty | None = Field(default=None, description="the filing record (evidence)")


class Step(BaseModel):
    """One step of a procedure, with its time limit in working days."""

    model_config = STRICT

    name: NonEmpty
    actor: NonEmpty | None = None
    working_days: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="the step's time limit; leave out when none is set"
    )


class Procedure(BaseModel):
    """A written procedure: its kind, steps and, if any, the external rule it serves."""

    model_config = STRICT

    kind: _Word
    name: NonEmpty
    document: NonEmpty | None = Field(default=None, description="where it is written (evidence)")
    steps: Annotated[list[Step], Field(min_length=1)] | None = Field(
        default=None, description="in order; leave out when not described (no evidence)"
    )
    defines: list[_Word] | None = Field(
        default=None, description="aspects the procedure defines besides its steps"
    )
    serves: NonEmpty | None = Field(
        default=None,
        description="the external rule key whose deadline it must fit, e.g. "
        "share.conditional.provider_reply (the procedure starts on that rule's event)",
    )
    notes: str | None = None

    @field_validator("serves")
    @classmethod
    def _known_key(cls, key: str | None) -> str | None:
        if key is not None and key not in RULE_KEYS:
            raise ValueError(f"unknown rule key {key!r} (govshare show PROFILE lists them)")
        return key

    @property
    def time_limit(self) -> int | None:
        """The total in working days, or None when a step (or the step list) has no limit."""
        if not self.steps or any(s.working_days is None for s in self.steps):
            return None
        return sum(s.working_days or 0 for s in self.steps)


class Department(BaseModel):
    """A department's description of its internal sharing set-up (``govshare-department/1``).

    Measure sections (``quality:``, ...) are the other top-level keys, each a mapping of
    measures (:data:`Fact`); which sections and measures exist is the standard's word
    (:func:`department_model`).
    """

    model_config = _OPEN
    __pydantic_extra__: dict[str, dict[_Word, Fact]] = Field(init=False)

    schema_: Literal["govshare-department/1"] = Field(alias="schema")
    department: NonEmpty = Field(description="the department's name")
    level: Level = Field(description="its government level; decides the external rules")
    region: str | None = None
    as_of: dt.date | None = Field(default=None, description="the date the description holds")
    organizations: list[Organization] | None = None
    people: list[Person] | None = None
    procedures: list[Procedure] | None = None
    notes: str | None = None

    def section(self, name: str) -> Mapping[str, bool | str] | None:
        """The measures of one section, or None when the file leaves the section out."""
        return (self.__pydantic_extra__ or {}).get(name)


def vocabulary_of(standard: JurisdictionProfile) -> SelfCheckVocabulary:
    """The standard's self-check words; an :class:`InputError` for a profile without them."""
    vocab = standard.model.selfcheck
    if vocab is None:
        raise InputError(
            "standard", standard.id, "a profile with a checklist and a selfcheck vocabulary"
        )
    return vocab


def _choice(words: Mapping[str, Label]) -> Any:
    """A type accepting exactly these ids (a JSON Schema enum)."""
    return cast(Any, Literal).__getitem__(tuple(words)) if words else _Word


def _list_of(item: Any) -> Any:
    """``list[item] | None`` for a type built at run time."""
    return cast(Any, list)[item] | None


_MODELS: dict[int, tuple[SelfCheckVocabulary, type[BaseModel]]] = {}


def department_model(vocab: SelfCheckVocabulary) -> type[BaseModel]:
    """The department format with a standard's words: unknown roles, duties, kinds, aspects,
    sections and measures are errors. Used to validate and for the JSON Schema."""
    cached = _MODELS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    org = create_model(
        "Organization",
        __base__=Organization,
        role=(_choice(vocab.organization_roles), ...),
        duties=(_list_of(_choice(vocab.duties)), Organization.model_fields["duties"]),
    )
    person = create_model("Person", __base__=Person, role=(_choice(vocab.person_roles), ...))
    proc = create_model(
        "Procedure",
        __base__=Procedure,
        kind=(_choice(vocab.procedure_kinds), ...),
        defines=(_list_of(_choice(vocab.aspects)), Procedure.model_fields["defines"]),
    )
    fields: dict[str, Any] = {
        "schema_": (Literal["govshare-department/1"], Field(alias="schema")),
        "department": (NonEmpty, Department.model_fields["department"]),
        "level": (Level, Department.model_fields["level"]),
        "region": (str | None, None),
        "as_of": (dt.date | None, Department.model_fields["as_of"]),
        "organizations": (_list_of(org), None),
        "people": (_list_of(person), None),
        "procedures": (_list_of(proc), None),
        "notes": (str | None, None),
    }
    for name, sec in vocab.measures.items():
        facts: dict[str, Any] = {
            fact: (Fact | None, Field(default=None, description=words.zh))
            for fact, words in sec.facts.items()
        }
        model = create_model(f"Measures_{name}", __config__=STRICT, __doc__=sec.label.en, **facts)
        fields[name] = (model | None, Field(default=None, description=sec.label.zh))
    strict: type[BaseModel] = create_model(
        "Department", __config__=STRICT, __doc__=Department.__doc__, **fields
    )
    _MODELS[id(vocab)] = (vocab, strict)
    return strict


def check_words(dept: Department, vocab: SelfCheckVocabulary, file: str) -> None:
    """Validate an already-read department against a standard's words (no line numbers)."""
    data = dept.model_dump(by_alias=True, exclude_none=True, mode="json")
    validate_model(department_model(vocab), LoadedYaml(data=data, file=file))


def load_department(
    source: str | Path,
    *,
    text: str | None = None,
    standard: JurisdictionProfile | None = None,
) -> Department:
    """Read and validate a department file.

    Args:
        source: the file's path (or, with ``text``, the name to report in errors).
        text: the YAML text, when it does not come from a file.
        standard: the standard whose words the file must use (roles, duties, procedure
            kinds, aspects, measure sections and measures); without it only the structure
            is checked.

    Returns:
        The validated department description.

    Raises:
        DataFileError: invalid YAML, an unknown or missing field, a wrong value (e.g. a
            yes/no fact written ``no``), a word the standard does not have; each issue
            names the file, line and field.
        InputError: a ``standard`` without a self-check vocabulary.
    """
    loaded = load_yaml(source) if text is None else parse_yaml(text, str(source))
    if standard is not None:
        validate_model(department_model(vocabulary_of(standard)), loaded)
    return validate_model(Department, loaded)


def department_schema(standard: JurisdictionProfile | None = None) -> str:
    """The JSON Schema of the department format (with a standard's words, if given)."""
    model = Department if standard is None else department_model(vocabulary_of(standard))
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "govshare department"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
