"""Names a user types: one typed error, with "did you mean", whichever command sees them.

Every lookup of a profile name, rule key, process id or level that fails raises
:class:`~govshare.errors.UnknownNameError` from here (regions raise its subclass
:class:`~govshare.errors.UnknownRegionError` from the calendar), so a typo gets the same
message from ``show``, ``deadline``, ``diagram`` and the Python API. The suggestions
themselves come from :func:`govshare.errors.close_matches`.

:func:`resolve_level` is the one rule for a level nobody gave: when one set of documents
covers all the profile's levels the answer cannot depend on the level, and the profile's
highest level is used; otherwise :class:`~govshare.errors.LevelNeededError` names the levels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from govshare._kernel.model import LEVELS
from govshare.errors import InputError, LevelNeededError, UnknownNameError

if TYPE_CHECKING:
    from govshare.profiles._profile import JurisdictionProfile

__all__ = [
    "check_level",
    "check_process",
    "check_rule_key",
    "resolve_level",
    "unknown_profile",
]


def unknown_profile(name: str, known: Sequence[str], names: dict[str, str]) -> UnknownNameError:
    """The error for a profile name that matches nothing; ``names`` maps each profile's
    Chinese and English names to its id, so that "湖北" may suggest ``hubei``."""
    from govshare.errors import close_matches  # noqa: PLC0415

    found = [*close_matches(name, known), *(names[n] for n in close_matches(name, list(names)))]
    return UnknownNameError(
        "profile",
        name,
        known,
        f"a profile name ({', '.join(known)}) or a path",
        suggestions=tuple(dict.fromkeys(found)),
    )


def check_rule_key(key: str, profile: str | None = None) -> str:
    """``key`` when it is a rule key of the inventory, else :class:`UnknownNameError`."""
    from govshare.profiles._keys import RULE_KEYS  # noqa: PLC0415

    if key in RULE_KEYS:
        return key
    where = f"govshare show {profile}" if profile else "govshare show PROFILE"
    raise UnknownNameError("key", key, list(RULE_KEYS), f"a rule key ('{where}' lists them)")


def check_process(profile: JurisdictionProfile, process: str) -> str:
    """``process`` when the profile defines it, else :class:`UnknownNameError`."""
    known = list(profile.model.processes)
    if process in known:
        return process
    listing = ", ".join(known) or "none"
    raise UnknownNameError("process", process, known, f"a process of {profile.id}: {listing}")


def check_level(level: str) -> str:
    """``level`` when it is an administrative level, else :class:`UnknownNameError`."""
    if level in LEVELS:
        return level
    raise UnknownNameError("level", level, LEVELS, f"one of {', '.join(LEVELS)}")


def _documents_at(
    profile: JurisdictionProfile, level: str, adopted: Sequence[str]
) -> frozenset[str]:
    return frozenset(
        d.id
        for d in profile.model.documents
        if level in d.levels or (d.id in adopted and level in d.adoptable_by)
    )


def _upper_applies(profile: JurisdictionProfile, level: str) -> bool:
    """A layer the profile sits under (the national regulation) has a document at
    ``level``: the case is not answered from nothing there."""
    from govshare.profiles._layers import chain  # noqa: PLC0415 - cycle

    return any(_documents_at(upper, level, ()) for upper in chain(profile)[1:])


def resolve_level(
    profile: JurisdictionProfile,
    level: str | None,
    *,
    adopted: Iterable[str] = (),
    layered: bool = False,
) -> str:
    """The level to answer at, by one rule for every command and the API.

    ``level`` given: it must be a level at which some document of the profile applies
    (counting ``adopted`` documents), so that nothing is drawn or listed from no rules.
    ``level`` not given: the profile's highest level when one set of documents covers all
    its levels (the answer cannot depend on the level), else an error naming the levels.
    ``layered``: the answer combines the layers the profile sits under (a rule or deadline),
    so a level where only an upper layer's documents apply is accepted too.

    Raises:
        UnknownNameError: ``level`` is not an administrative level.
        LevelNeededError: no level was given and the documents differ between the
            profile's levels.
        InputError: no document of the profile applies at ``level``.
    """
    docs = tuple(adopted)
    levels = profile.levels
    if level is None:
        if not levels:
            return LEVELS[0]
        if len({_documents_at(profile, lv, docs) for lv in levels}) == 1:
            return levels[0]
        raise LevelNeededError(profile.id, levels)
    check_level(level)
    if not levels or _documents_at(profile, level, docs):
        return level
    if layered and _upper_applies(profile, level):
        return level
    choices = " or ".join(f"level={lv!r}" for lv in levels)
    adoptable = [d.id for d in profile.model.documents if level in d.adoptable_by]
    hint = "".join(
        f" ({d} applies at {level} level only where adopted: pass adopted=[{d!r}])"
        for d in adoptable
    )
    raise InputError(
        "level",
        level,
        f"a level at which a document of {profile.id} applies: pass {choices}{hint}",
    )
