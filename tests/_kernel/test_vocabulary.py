"""The vocabulary: every id a bundled profile uses has a Chinese and an English label."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govshare import load_profile
from govshare._kernel.vocabulary import KINDS, Kind, label, labels, merge, term
from govshare.errors import DataFileError
from govshare.profiles import JurisdictionProfile, Value

PROFILES = sorted(Path(__file__).resolve().parents[2].joinpath("profiles").glob("*.yaml"))


def _value_ids(key: str, v: Value, where: str) -> Iterator[tuple[Kind, str, str]]:
    """The ids one rule value uses: event anchors, steps, share types."""
    for anchor in (getattr(v, "from_", None), getattr(v, "before", None)):
        if anchor is not None and anchor not in ("unknown", "ambiguous"):
            yield "event", anchor, where
    if v.kind == "steps":
        for j, step in enumerate(v.steps):
            yield "actor", step.actor, f"{where}.steps[{j}]"
            yield "action", step.action, f"{where}.steps[{j}]"
            if step.deadline not in (None, "not_specified"):
                yield from _value_ids(key, step.deadline, f"{where}.steps[{j}].deadline")
    if key == "share.types" and v.kind == "set":
        for t in v.values:
            yield "share_type", t, where
    scope = getattr(v, "scope", None)
    for t in scope.applies_to if scope is not None else ():
        yield "share_type", t, where


def _ids(prof: JurisdictionProfile) -> Iterator[tuple[Kind, str, str]]:
    """(kind, id, where) for every actor, event anchor, action, level and share type."""
    m = prof.model
    for d in m.documents:
        for lv in (*d.levels, *d.adoptable_by):
            yield "level", lv, f"documents.{d.id}"
    for key, entries in m.rules.items():
        for i, e in enumerate(entries):
            for lv in e.levels or ():
                yield "level", lv, f"rules.{key}[{i}]"
            if e.value is not None:
                yield from _value_ids(key, e.value, f"rules.{key}[{i}]")
    for name, proc in m.processes.items():
        for state, sdef in proc.states.items():
            for duty in sdef.duties:
                yield "actor", duty.actor, f"processes.{name}.states.{state}"
        for i, t in enumerate(proc.transitions):
            yield "actor", t.actor, f"processes.{name}.transitions[{i}]"


#: The kinds an enum value, a set member or a list item may be named as (the renderers look
#: them up in this order).
VALUE_KINDS: dict[str, tuple[Kind, ...]] = {
    "enum": ("rule_value", "actor", "share_type", "open_type"),
    "set": ("share_type", "open_type", "rule_value"),
    "list": ("list_item",),
}


def _value_members(prof: JurisdictionProfile) -> Iterator[tuple[str, str, str]]:
    """(value kind, id, where) for every enum value, set member and list item."""
    for key, entries in prof.model.rules.items():
        for i, e in enumerate(entries):
            v = e.value
            if v is None or v.kind not in VALUE_KINDS:
                continue
            field = {"enum": "value", "set": "values", "list": "items"}[v.kind]
            found = getattr(v, field)
            for id_ in [found] if isinstance(found, str) else found:
                yield v.kind, id_, f"rules.{key}[{i}]"


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_value_id_a_profile_uses_has_both_labels(path: Path) -> None:
    """Enum values, set members and list items (violation lists, application contents)."""
    prof = load_profile(path)
    missing = sorted(
        (kind, id_, where)
        for kind, id_, where in _value_members(prof)
        if not any(term(k, id_) is not None for k in VALUE_KINDS[kind])
    )
    assert not missing, f"{path.name}: values without a vocabulary entry: {missing}"


def test_document_statuses_have_labels() -> None:
    assert label("doc_status", "trial") == "试行"
    assert label("doc_status", "in_force", "en") == "in force"


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_id_a_profile_uses_has_both_labels(path: Path) -> None:
    prof = load_profile(path)
    missing = sorted({(k, i, w) for k, i, w in _ids(prof) if term(k, i) is None})
    assert not missing, f"{path.name}: ids without a vocabulary entry: {missing}"


def test_every_kind_is_in_the_data_and_every_label_is_bilingual() -> None:
    for kind in KINDS:
        terms = labels(kind)
        assert terms, kind
        for id_, words in terms.items():
            assert words.zh.strip(), (kind, id_)
            assert words.en.strip(), (kind, id_)


def test_label_picks_the_language_and_shows_unknown_ids_as_they_are() -> None:
    assert label("actor", "provider") == "提供部门"
    assert label("actor", "provider", "en") == "provider"
    assert label("actor", "no_such_actor", "en") == "no_such_actor"


def test_an_id_defined_twice_across_files_names_both() -> None:
    one = ("a.yaml", "actor:\n  provider: {zh: 提供部门, en: provider}\n")
    two = (
        "b.yaml",
        "level:\n  county: {zh: 县级, en: county}\nactor:\n  provider: {zh: 甲, en: x}\n",
    )
    with pytest.raises(DataFileError) as err:
        merge([one, two])
    assert "b.yaml:4" in str(err.value)
    assert "a.yaml" in str(err.value)
    assert merge([one])["actor"]["provider"].zh == "提供部门"
