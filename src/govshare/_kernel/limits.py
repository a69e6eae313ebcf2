"""The documented limits on input: one place, each enforced with a typed error.

Every input govshare reads may come from a third party, so each kind of size has a ceiling
well above any real document (see docs/reliability.md). Going over one is an error naming
the file, line and field (or the argument), never a silent truncation of data; only display
output (a table cell) is shortened, and then it says so.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LIMITS", "Limits"]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The ceilings on input sizes (read them from :data:`LIMITS`)."""

    #: First and last year a calendar can cover: an arrangement's ``year``, and every date
    #: of a regional overlay, must lie in this range (an arrangement's days may spill one
    #: year either side of its own year, e.g. a New Year make-up day in late December).
    calendar_first_year: int = 1949
    calendar_last_year: int = 2200
    #: Entries in one list of a calendar file (``rest_days``, ``makeup_working_days``, an
    #: overlay's ``entries``); a real notice has a dozen or two.
    calendar_entries: int = 2000
    #: Reviewers named on a joint review's first event.
    reviewers: int = 1000
    #: Events in one event log.
    events: int = 10_000
    #: Characters in one free-text field of an event log or request (names, reasons, notes).
    string_chars: int = 10_000
    #: Characters of one cell in a text, Markdown or CSV table; longer text is cut there,
    #: with a marker saying how much was left out (the JSON output keeps it whole).
    cell_chars: int = 2000


#: The limits in force.
LIMITS = Limits()
