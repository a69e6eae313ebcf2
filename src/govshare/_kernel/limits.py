"""The limits govshare puts on its inputs, in one place, each with the error it gives.

Data files (profiles, calendars, patches, event logs, scenario and department files) may
come from third parties, so the loader bounds the work one file can cause. Every limit
is far above what a real file needs: the bundled profiles are under 100 KiB, nest about
ten levels and hold no integer longer than four digits.

A limit that is exceeded is a :class:`govshare.errors.DataFileError` naming the file and,
where there is one, the line; never a crash, a hang or unbounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LIMITS", "Limits"]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Bounds on what one input file may contain.

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
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_int_digits: int = 30


#: The limits in force (the defaults above).
LIMITS = Limits()
