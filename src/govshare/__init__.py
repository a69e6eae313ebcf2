"""govshare: rules as code for Chinese government data-sharing regulations (政务数据共享).

The public surface is small: :func:`load_profile` and :func:`list_profiles` for the
jurisdictions' rules, :func:`get_calendar` for official working days, :func:`replay` for
where a case stands (``govshare.processes``), :func:`decide_access` for which path a request
takes (``govshare.access``), and the errors.

The names are imported on first use (module ``__getattr__``), so ``import govshare`` (and the
command line's ``--help``) does not load the profiles, the calendar data or pydantic.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time

__version__ = "0.1.0"

#: Where each public name is defined (imported when first asked for).
_EXPORTS: dict[str, str] = {
    "CalendarRangeError": "govshare.errors",
    "DataFileError": "govshare.errors",
    "EventLogError": "govshare.processes",
    "GovshareError": "govshare.errors",
    "InputError": "govshare.errors",
    "JurisdictionProfile": "govshare.profiles",
    "NoRuleInForceError": "govshare.profiles",
    "NotADeadlineError": "govshare.profiles",
    "UnknownRegionError": "govshare.errors",
    "decide_access": "govshare.access",
    "get_calendar": "govshare.calendar",
    "list_profiles": "govshare.profiles",
    "load_profile": "govshare.profiles",
    "replay": "govshare.processes",
}

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

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from typing import Any

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


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, then keep it here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govshare' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
