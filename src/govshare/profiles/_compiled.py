"""Rules resolved once: per (key, level, adopted documents), the dated intervals in force.

Which rule is in force for a key at a level changes only on a few dates: a document's
``in_force_from``, the day after its ``in_force_until``, a precedence's ``from`` (and the
date of an adoption, for an ``adopted`` entry written ``doc@YYYY-MM-DD``). Between two
such dates every date resolves alike. So the first lookup of a (key, level, adopted)
resolves the rule once per interval with the profile's own (uncached) resolution, and
later lookups are a bisect over the interval starts.

The result of an interval is kept as the :class:`RuleResult` of its first day (or the
:class:`NoRuleInForceError` raised there); a lookup returns it with ``as_of`` set to the
date asked for, so results are equal (``==``) to the uncached ones, and immutable: a frozen
dataclass, never shared mutable state. Each profile keeps at most :data:`MAX_ENTRIES`
compiled (key, level, adopted) entries; the key space of a profile is a few hundred.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from contextlib import suppress
from threading import Lock
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govshare.profiles._model import Profile
    from govshare.profiles._profile import NoRuleInForceError, RuleResult

__all__ = ["MAX_ENTRIES", "CompiledRules"]

#: The most (key, level, adopted) entries one profile keeps compiled (oldest dropped first).
MAX_ENTRIES = 4096

Resolve = Callable[[str, dt.date, str, tuple[str, ...]], "RuleResult"]


def _breakpoints(model: Profile, adopted: tuple[str, ...]) -> list[dt.date]:
    """The dates on which the rule in force may change, sorted."""
    found: set[dt.date] = set()
    for doc in model.documents:
        if isinstance(doc.in_force_from, dt.date):
            found.add(doc.in_force_from)
        until = doc.in_force_until
        if isinstance(until, dt.date) and until < dt.date.max:
            found.add(until + dt.timedelta(days=1))
    for p in model.precedence:
        if p.from_ is not None:
            found.add(p.from_)
    for entry in adopted:  # adoption from a date: "doc@YYYY-MM-DD"
        _, at, day = entry.partition("@")
        if at:
            with suppress(ValueError):  # not a date: the resolution itself reports it
                found.add(dt.date.fromisoformat(day))
    found.discard(dt.date.min)
    return sorted(found)


class _Intervals:
    """The outcome of each interval between breakpoints, for one (key, level, adopted)."""

    __slots__ = ("outcomes", "starts")

    def __init__(
        self, starts: list[dt.date], outcomes: list[RuleResult | NoRuleInForceError]
    ) -> None:
        self.starts = starts
        self.outcomes = outcomes


class CompiledRules:
    """The compiled intervals of one profile (see the module's docstring)."""

    def __init__(self, model: Profile, resolve: Resolve) -> None:
        self._model = model
        self._resolve = resolve
        self._entries: dict[tuple[str, str, tuple[str, ...]], _Intervals] = {}
        self._lock = Lock()

    def rule(self, key: str, when: dt.date, level: str, adopted: tuple[str, ...]) -> RuleResult:
        """The rule in force for ``key`` at ``when`` and ``level`` (``adopted`` as given)."""
        found = self._entries.get((key, level, adopted))
        if found is None:
            found = self._compile(key, level, adopted)
        result = found.outcomes[bisect_right(found.starts, when)]
        if isinstance(result, Exception):  # the same error, naming the date asked for
            raise type(result)(result.profile, key, when, level, result.notices)
        if result.as_of == when:
            return result
        # dataclasses.replace, without re-running __init__ (a tenth of the cost)
        copy = object.__new__(type(result))
        object.__setattr__(copy, "__dict__", {**result.__dict__, "as_of": when})
        return copy

    def _compile(self, key: str, level: str, adopted: tuple[str, ...]) -> _Intervals:
        from govshare.profiles._profile import NoRuleInForceError  # noqa: PLC0415 - cycle

        starts = _breakpoints(self._model, adopted)
        outcomes: list[RuleResult | NoRuleInForceError] = []
        for first in [dt.date.min, *starts]:
            try:
                outcomes.append(self._resolve(key, first, level, adopted))
            except NoRuleInForceError as exc:
                outcomes.append(exc)
        compiled = _Intervals(starts, outcomes)
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.pop(next(iter(self._entries)))
            self._entries[(key, level, adopted)] = compiled
        return compiled
