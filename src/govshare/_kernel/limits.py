"""The documented limits on input: one place, each enforced with a typed error.

Every input govshare reads (profiles, calendars, patches, event logs, requests, scenario and
department files, the Python API's arguments) may come from a third party, so each kind of
size has a ceiling far above any real document: the bundled profiles are under 100 KiB, nest
about ten levels and hold no integer longer than four digits (see docs/reliability.md).
Going over one is an error naming the file, line and field (or the argument): a
:class:`govshare.errors.DataFileError` or :class:`govshare.errors.InputError`, never a
crash, a hang, unbounded memory or a silent truncation of data; only display output (a
table cell) is shortened, and then it says so.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LIMITS", "Limits"]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The ceilings on input sizes (read them from :data:`LIMITS`).

    Attributes:
        max_file_bytes: the largest data file read, in bytes (UTF-8). A file is read with
            a byte limit (at most this plus one byte), so a device such as ``/dev/zero``
            or a growing file ends with "file is larger than ..." rather than exhausting
            memory. Error: "file is larger than N bytes; refused".
        max_depth: the deepest nesting of mappings and lists (the top-level mapping is
            depth 1). Deeper files are refused at the line where the limit is crossed.
            Error: "nesting deeper than N levels".
        max_int_digits: the most digits a plain integer may have (Python refuses to
            convert integers over 4,300 digits, and nothing in the data needs more than a
            handful). Error: "integer with more than N digits".
        calendar_first_year, calendar_last_year: the years a calendar can cover: an
            arrangement's ``year``, and every date of a regional overlay, must lie in this
            range (an arrangement's days may spill one year either side of its own year,
            e.g. a New Year make-up day in late December).
        calendar_entries: entries in one list of a calendar file (``rest_days``,
            ``makeup_working_days``, an overlay's ``entries``); a real notice has a dozen
            or two.
        reviewers: reviewers named on a joint review's first event.
        events: events in one event log.
        string_chars: characters in one free-text field of an event log or request
            (names, reasons, notes).
        cell_chars: characters of one cell in a text, Markdown or CSV table; longer text
            is cut there, with a marker saying how much was left out (the JSON output
            keeps it whole).
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_int_digits: int = 30
    calendar_first_year: int = 1949
    calendar_last_year: int = 2200
    calendar_entries: int = 2000
    reviewers: int = 1000
    events: int = 10_000
    string_chars: int = 10_000
    cell_chars: int = 2000


#: The limits in force.
LIMITS = Limits()
