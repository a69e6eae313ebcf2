"""What-if patches: a small YAML file that changes a profile (a period, a document's status).

A patched profile is validated exactly like a profile file; errors name the patch file and
the line of the change that made the profile invalid.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from govshare._kernel.model import Label, Level
from govshare._kernel.yamlio import LoadedYaml, load_yaml, parse_yaml, validate_model
from govshare.errors import DataFileError, DataIssue
from govshare.profiles import JurisdictionProfile, load_profile
from govshare.profiles._model import Profile

__all__ = ["Patch", "PatchedProfile", "apply_patch", "load_patch"]

_CFG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
_Text = Annotated[str, Field(min_length=1)]


class DocumentChange(BaseModel):
    """New validity for a document: e.g. a draft that becomes binding on a date."""

    model_config = _CFG

    status: Literal["in_force", "trial", "draft", "expired"] | None = None
    in_force_from: dt.date | None = None
    in_force_until: dt.date | Literal["not_specified"] | None = None
    levels: list[Level] | None = None
    adoptable_by: list[Level] | None = None


class RuleChange(BaseModel):
    """A new value for one document's rule on a key.

    A ``value`` of the same kind changes only the fields it gives (``{n: 3}``); a value of
    another kind replaces the old one. The entry keeps its article and quote unless the
    patch gives new ones; an entry the document did not have (or had as ``not_specified``)
    needs ``article`` and ``quote``, as in a profile.
    """

    model_config = _CFG

    doc: _Text
    value: dict[str, Any] | None = None
    not_specified: bool | None = None
    article: str | None = None
    clause: str | None = None
    quote: str | None = None
    levels: list[Level] | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _value_given(self) -> RuleChange:
        if "value" in self.model_fields_set and self.value is None:
            raise ValueError(
                "value is null: give the new value as a mapping (e.g. {n: 3}), "
                "or not_specified: true"
            )
        return self


class Patch(BaseModel):
    """A what-if patch file (``schema: govshare-patch/1``)."""

    model_config = _CFG

    schema_: Literal["govshare-patch/1"] = Field(alias="schema")
    profile: _Text = Field(description="the profile the patch applies to (name or path)")
    name: Label = Field(description="what the patch supposes, in Chinese and English")
    adopt: list[_Text] = Field(
        default_factory=list, description="documents supposed adopted at the level compared"
    )
    documents: dict[str, DocumentChange] = Field(default_factory=dict)
    rules: dict[str, list[RuleChange]] = Field(default_factory=dict)


class PatchedProfile:
    """A profile with a patch applied, ready to compare against its baseline.

    Attributes:
        baseline: the profile as published.
        profile: the patched profile (same id).
        patch: the patch.
        file: the patch file's name.
        changed: the rule keys whose entries the patch changed.
    """

    def __init__(
        self, baseline: JurisdictionProfile, profile: JurisdictionProfile, patch: Patch, file: str
    ) -> None:
        self.baseline = baseline
        self.profile = profile
        self.patch = patch
        self.file = file
        self.changed = frozenset(patch.rules)


def load_patch(source: str | Path, *, text: str | None = None) -> tuple[Patch, LoadedYaml]:
    """Read and validate a patch file (or ``text``, named ``source``).

    Raises:
        DataFileError: the file is not a valid patch (file, line, field).
    """
    loaded = load_yaml(source) if text is None else parse_yaml(text, str(source))
    return validate_model(Patch, loaded), loaded


def _fail(loaded: LoadedYaml, loc: tuple[str | int, ...], message: str) -> DataFileError:
    dotted = ".".join(str(p) for p in loc)
    return DataFileError([DataIssue(loaded.file, loaded.line_of(loc), dotted, message)])


def _apply_rules(
    data: dict[str, Any], patch: Patch, loaded: LoadedYaml, lines: dict[tuple[str | int, ...], int]
) -> None:
    rules: dict[str, list[dict[str, Any]]] = data.setdefault("rules", {})
    for key, changes in patch.rules.items():
        entries = rules.get(key)
        if entries is None:
            raise _fail(loaded, ("rules", key), f"the profile has no rule {key!r}")
        for i, change in enumerate(changes):
            where = ("rules", key, i)
            if change.doc not in {d["id"] for d in data["documents"]}:
                raise _fail(loaded, (*where, "doc"), f"no document {change.doc!r} in the profile")
            idx = next((j for j, e in enumerate(entries) if e["doc"] == change.doc), None)
            if idx is None:
                entries.append({"doc": change.doc})
                idx = len(entries) - 1
            entry = entries[idx]
            given = change.model_dump(exclude_unset=True, exclude={"doc"})
            if "value" in given:
                entry.pop("not_specified", None)
                old = entry.get("value")
                if isinstance(old, dict) and given["value"].get("kind", old["kind"]) == old["kind"]:
                    # Same kind: the patch changes only the fields it gives (e.g. n).
                    given["value"] = {**old, **given["value"]}
            if given.get("not_specified"):
                for k in ("value", "quote", "article", "clause", "paragraph", "extra_quotes"):
                    entry.pop(k, None)
            entry.update(given)
            # Validation errors inside this entry point at the change in the patch file.
            for loc, line in loaded.lines.items():
                if loc[: len(where)] == where:
                    lines[("rules", key, idx) + tuple(loc[len(where) :])] = line


def apply_patch(patch: Patch, loaded: LoadedYaml) -> PatchedProfile:
    """Apply ``patch`` to its profile and validate the result like a profile file.

    Raises:
        DataFileError: the patch names what the profile does not have, or the patched
            profile is invalid; both name the patch file and line.
        InputError: the patch's profile cannot be found.
    """
    base_dir = Path(loaded.file).parent
    target: str | Path = patch.profile
    if patch.profile.endswith((".yaml", ".yml")):
        target = base_dir / patch.profile
    baseline = load_profile(target)
    data = copy.deepcopy(baseline.model.model_dump(by_alias=True, exclude_unset=True))
    lines: dict[tuple[str | int, ...], int] = {(): loaded.line_of(()) or 1}
    docs = {d["id"]: (i, d) for i, d in enumerate(data["documents"])}
    for doc_id, change in patch.documents.items():
        if doc_id not in docs:
            raise _fail(loaded, ("documents", doc_id), f"no document {doc_id!r} in the profile")
        i, doc = docs[doc_id]
        doc.update(change.model_dump(exclude_unset=True))
        for loc, line in loaded.lines.items():
            if loc[:2] == ("documents", doc_id):
                lines[("documents", i) + tuple(loc[2:])] = line
    _apply_rules(data, patch, loaded, lines)
    for doc_id in patch.adopt:
        if doc_id not in docs:
            raise _fail(loaded, ("adopt",), f"no document {doc_id!r} in the profile")
    patched_yaml = LoadedYaml(data, loaded.file, lines)
    model = validate_model(Profile, patched_yaml)
    return PatchedProfile(baseline, JurisdictionProfile(model, patched_yaml), patch, loaded.file)


def patched(sources: Iterable[str | Path]) -> list[PatchedProfile]:
    """Load and apply each patch file."""
    out = []
    for src in sources:
        patch, loaded = load_patch(src)
        out.append(apply_patch(patch, loaded))
    return out
