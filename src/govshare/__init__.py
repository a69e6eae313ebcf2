"""govshare: rules as code for Chinese government data-sharing regulations (政务数据共享).

The public surface is small: :func:`load_profile` and :func:`list_profiles` for the
jurisdictions' rules, :func:`get_calendar` for official working days, and the errors.
"""

from __future__ import annotations

from govshare.calendar import get_calendar
from govshare.errors import (
    CalendarRangeError,
    DataFileError,
    GovshareError,
    InputError,
    UnknownRegionError,
)
from govshare.profiles import (
    JurisdictionProfile,
    NoRuleInForceError,
    NotADeadlineError,
    list_profiles,
    load_profile,
)

__version__ = "0.1.0"

__all__ = [
    "CalendarRangeError",
    "DataFileError",
    "GovshareError",
    "InputError",
    "JurisdictionProfile",
    "NoRuleInForceError",
    "NotADeadlineError",
    "UnknownRegionError",
    "__version__",
    "get_calendar",
    "list_profiles",
    "load_profile",
]
