"""govshare: rules as code for Chinese government data-sharing regulations (政务数据共享)."""

from __future__ import annotations

from govshare.errors import (
    CalendarRangeError,
    DataFileError,
    GovshareError,
    InputError,
    UnknownRegionError,
)

__version__ = "0.1.0"

__all__ = [
    "CalendarRangeError",
    "DataFileError",
    "GovshareError",
    "InputError",
    "UnknownRegionError",
    "__version__",
]
