"""The library's errors: one base class, one subclass per failure family.

Every error carries its context as attributes (the date, the field, the file and line) so
that callers can react to it without parsing the message, and every message says what was
expected.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CalendarRangeError",
    "DataFileError",
    "DataIssue",
    "GovshareError",
    "InputError",
    "LevelNeededError",
    "MissingDependencyError",
    "UnknownNameError",
    "UnknownRegionError",
]


class GovshareError(Exception):
    """Base class of every error govshare raises on purpose."""


class InputError(GovshareError, ValueError):
    """A value passed to the API is malformed or out of its domain.

    Attributes:
        field: the parameter or field that was wrong (e.g. ``"n"`` or ``"start"``).
        value: the value received.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: got {value!r}; expected {expected}")


def close_matches(word: str, known: Sequence[str], *, n: int = 3) -> tuple[str, ...]:
    """The names of ``known`` closest to ``word`` (a typo's "did you mean"), best first;
    compared without case. The one implementation of suggestions in govshare."""
    import difflib  # noqa: PLC0415 - only when a name is wrong

    by_lower: dict[str, str] = {}
    for name in known:
        by_lower.setdefault(name.lower(), name)
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=0.6)
    return tuple(by_lower[f] for f in found)


class UnknownNameError(InputError):
    """A name (profile, rule key, process, region, level) that is not known, with the
    closest known names as suggestions ("did you mean ...?").

    Attributes:
        known: every name accepted there.
        suggestions: the known names closest to the one given, best first (may be empty).
    """

    def __init__(
        self,
        field: str,
        value: str,
        known: Sequence[str],
        expected: str,
        *,
        suggestions: Sequence[str] | None = None,
    ) -> None:
        self.known = tuple(known)
        self.suggestions = tuple(
            close_matches(value, self.known) if suggestions is None else suggestions
        )
        if self.suggestions:
            expected += f"; did you mean {' or '.join(self.suggestions)}?"
        super().__init__(field, value, expected)


class LevelNeededError(InputError):
    """The answer depends on the administrative level and none was given.

    Raised when the profile's documents differ between its levels (so that a default
    would silently pick one answer of several).

    Attributes:
        profile: the profile's id.
        levels: the levels the profile's documents apply to, highest first.
    """

    def __init__(self, profile: str, levels: Sequence[str]) -> None:
        self.profile = profile
        self.levels = tuple(levels)
        self.field = "level"
        self.value = None
        self.expected = " or ".join(f"level={lv!r}" for lv in self.levels)
        GovshareError.__init__(
            self,
            f"{profile}: the answer depends on the level, because the profile's documents "
            f"differ between its levels: pass {self.expected}",
        )


class MissingDependencyError(GovshareError, ImportError):
    """An optional feature needs a package that is not installed.

    Attributes:
        module: the module that could not be imported.
        extra: the govshare extra that installs it (``pip install "govshare[EXTRA]"``).
    """

    def __init__(self, module: str, extra: str, *, purpose: str = "") -> None:
        self.module = module
        self.extra = extra
        what = f"{purpose} needs" if purpose else "this needs"
        super().__init__(
            f"{what} the optional package {module.split('.', maxsplit=1)[0]!r}, "
            "which is not installed: "
            f'pip install "govshare[{extra}]"',
            name=module,
        )


class UnknownRegionError(UnknownNameError):
    """A regional calendar was asked for by a name that is not registered."""

    def __init__(self, region: str, known: Sequence[str]) -> None:
        listing = ", ".join(known) or "none"
        super().__init__("region", region, known, f"one of the registered regions: {listing}")


class CalendarRangeError(GovshareError, LookupError):
    """A computation needs the official calendar for a date it has no data for.

    The calendar fails closed: it never guesses whether a date outside the published
    arrangements is a working day. Load the official arrangement for that year
    (:func:`govshare.calendar.load_arrangement`) or ask for a provisional calendar.

    Attributes:
        date: the first date the computation needed and the data does not cover.
        first_year: the first year covered by the calendar's data.
        last_year: the last year covered by the calendar's data.
        missing_years: the years inside the covered span that have no arrangement.
    """

    def __init__(
        self,
        date: _dt.date,
        first_year: int,
        last_year: int,
        *,
        operation: str = "",
        missing_years: Sequence[int] = (),
    ) -> None:
        self.date = date
        self.first_year = first_year
        self.last_year = last_year
        self.missing_years = tuple(missing_years)
        prefix = f"{operation} needs " if operation else "needs "
        gap = ""
        if self.missing_years:
            years = ", ".join(str(y) for y in self.missing_years)
            gap = f" except {years}"
        if date.year in self.missing_years or first_year <= date.year <= last_year:
            hint = f"no official arrangement is loaded for {date.year}"
        elif date.year < first_year:
            hint = f"the data starts in {first_year}"
        else:
            hint = (
                f"the last year covered is {last_year}: the official {date.year} arrangement "
                "is not loaded (load it with govshare.calendar.load_arrangement, or use a "
                "provisional calendar for an estimate: get_calendar(provisional=True))"
            )
        super().__init__(
            f"{prefix}the official working-day calendar for {date.isoformat()}, which it does "
            f"not have: {hint}; covered: {first_year}-{last_year}{gap}"
        )


@dataclass(frozen=True)
class DataIssue:
    """One problem found in a data file: where it is and what was expected."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataFileError(GovshareError):
    """A YAML data file (calendar arrangement, overlay, profile) is invalid.

    Attributes:
        issues: every problem found, each with file, line and field.
    """

    def __init__(self, issues: Sequence[DataIssue]) -> None:
        self.issues = tuple(issues)
        if not self.issues:
            raise ValueError("DataFileError needs at least one issue")
        first = self.issues[0]
        self.file = first.file
        self.line = first.line
        self.field = first.field
        more = f" (and {len(self.issues) - 1} more)" if len(self.issues) > 1 else ""
        super().__init__(f"{first}{more}")

    def details(self) -> str:
        """All issues, one per line."""
        return "\n".join(str(i) for i in self.issues)
