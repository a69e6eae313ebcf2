"""govshare: rules as code for Chinese government data-sharing regulations (政务数据共享).

Start here:

- :func:`load_profile` / :func:`list_profiles`: a jurisdiction's rules, each cited to the
  article and quoted (``govshare.profiles``); ``profile.deadline(key, start, level=...)``.
- :func:`get_calendar`: official working days from the State Council notices
  (``govshare.calendar``).
- :func:`replay` (``govshare.processes``): where a case stands, its deadlines and
  violations; :func:`decide_access` (``govshare.access``): the path a request takes.
- ``govshare.features.compare``: profiles side by side and what-if patches
  (``compare_rules``, ``compare_scenario``).
- ``govshare.features.obligations``: a year's dated duties (``obligation_calendar``).
- ``govshare.features.timeline``: working days and deadlines as a picture.
- ``govshare.features.selfcheck``: a department's self-assessment against a standard
  (``govshare check``).
- ``govshare.features.scenarios``: scenario files (``*.govshare.yaml``) run by
  ``govshare test`` or pytest; audit trails are to come.

Errors: every error raised on purpose is a ``govshare.GovshareError``; the families
(``InputError``, ``UnknownNameError`` with ``suggestions``, ``LevelNeededError``,
``CalendarRangeError``, ``DataFileError``, ``MissingDependencyError``, and the profiles'
``NoRuleInForceError``) are documented in ``govshare.errors`` (``help(govshare.errors)``).
They are importable from here but not listed, to keep this page short.

The command line is ``govshare --help``; the guides are in docs/ (the site's 使用指南).
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
    "UnknownNameError": "govshare.errors",
    "LevelNeededError": "govshare.errors",
    "MissingDependencyError": "govshare.errors",
    "decide_access": "govshare.access",
    "get_calendar": "govshare.calendar",
    "list_profiles": "govshare.profiles",
    "load_profile": "govshare.profiles",
    "replay": "govshare.processes",
}

#: What ``help(govshare)`` shows: the entry points. The error classes and
#: ``JurisdictionProfile`` are importable from here too (see :data:`_EXPORTS`).
__all__ = [
    "__version__",
    "decide_access",
    "get_calendar",
    "list_profiles",
    "load_profile",
    "replay",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs ("X as X": re-exported)
    from typing import Any

    from govshare.access import decide_access as decide_access
    from govshare.calendar import get_calendar as get_calendar
    from govshare.errors import CalendarRangeError as CalendarRangeError
    from govshare.errors import DataFileError as DataFileError
    from govshare.errors import GovshareError as GovshareError
    from govshare.errors import InputError as InputError
    from govshare.errors import LevelNeededError as LevelNeededError
    from govshare.errors import MissingDependencyError as MissingDependencyError
    from govshare.errors import UnknownNameError as UnknownNameError
    from govshare.errors import UnknownRegionError as UnknownRegionError
    from govshare.processes import EventLogError as EventLogError
    from govshare.processes import replay as replay
    from govshare.profiles import JurisdictionProfile as JurisdictionProfile
    from govshare.profiles import NoRuleInForceError as NoRuleInForceError
    from govshare.profiles import NotADeadlineError as NotADeadlineError
    from govshare.profiles import list_profiles as list_profiles
    from govshare.profiles import load_profile as load_profile


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, then keep it here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govshare' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_EXPORTS})
