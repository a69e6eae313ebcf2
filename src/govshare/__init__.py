"""govshare: rules as code for Chinese government data-sharing regulations (政务数据共享).

The public surface is small: :func:`load_profile` and :func:`list_profiles` for the
jurisdictions' rules, :func:`get_calendar` for official working days, :func:`replay` for
where a case stands (``govshare.processes``), :func:`decide_access` for which path a request
takes (``govshare.access``), and the errors.
"""

from __future__ import annotations

from govshare.access import decide_access
from govshare.calendar import get_calendar
from govshare.errors import (
    CalendarRangeError,
    DataFileError,
    GovshareError,
    InputError,
    UnknownRegionError,
)
from govshare.processes import EventLogError, replay
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
    "EventLogError",
    "GovshareError",
    "InputError",
    "JurisdictionProfile",
    "NoRuleInForceError",
    "NotADeadlineError",
    "UnknownRegionError",
    "__version__",
    "decide_access",
    "get_calendar",
    "list_profiles",
    "load_profile",
    "replay",
]
