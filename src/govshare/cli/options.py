"""The command line's common options, each defined once with its help and default.

Every command that takes one of these options gets it from here, so ``--level`` (say) has
the same choices, help and default everywhere. Nothing here imports the profiles, the
calendar data or pydantic until a parser asks for an option that needs them
(``--level`` reads :data:`govshare._kernel.model.LEVELS`; the help of ``--region`` lists the
registered regions when the help is printed).
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time

if TYPE_CHECKING:
    from govshare.calendar import WorkCalendar
    from govshare.profiles import JurisdictionProfile

__all__ = [
    "add_adopt",
    "add_as_of",
    "add_calendar",
    "add_file_case",
    "add_level",
    "add_output",
    "add_profile",
    "calendar_of",
    "non_negative",
    "positive",
    "profile_of",
    "today",
    "width",
]

LANGS = ("zh", "en")


def add_output(p: argparse.ArgumentParser, *, json: bool = True) -> None:
    """``--json`` (machine-readable output) and ``--lang zh|en``."""
    if json:
        p.add_argument(
            "--json",
            action="store_true",
            help="print the result as a JSON document (its 'schema' field names the format)",
        )
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="zh",
        help="language of labels and messages (default: %(default)s)",
    )


def add_profile(p: argparse.ArgumentParser) -> None:
    """The ``profile`` argument: a profile's name or a profile file."""
    p.add_argument(
        "profile",
        help="profile name, in any case or as its Chinese name, see 'govshare "
        "profiles'; or path to a profile file",
    )


#: What happens when ``--level`` is left out of a command that answers for a profile.
LEVEL_RULE = (
    "not needed when one set of documents covers all the profile's levels (a city's own "
    "rules); otherwise required, and the error names the levels"
)


def _level(text: str) -> str:
    """An argparse type: an administrative level, with "did you mean" for a typo."""
    from govshare.errors import InputError  # noqa: PLC0415
    from govshare.profiles import check_level  # noqa: PLC0415

    try:
        return check_level(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_level(p: argparse.ArgumentParser, *, default: str = LEVEL_RULE) -> None:
    """``--level``: the administrative level whose rules apply (``default`` says what
    happens without it)."""
    from govshare._kernel.model import LEVELS  # noqa: PLC0415 - pydantic, only when needed

    p.add_argument(
        "--level",
        type=_level,
        metavar="{" + ",".join(LEVELS) + "}",
        help="the administrative level (省级 provincial, 市级 prefectural, 县级 county) whose "
        "documents apply; a document adoptable at a lower level applies there only with "
        f"--adopt (default: {default})",
    )


def add_as_of(p: argparse.ArgumentParser, *, default: str = "today in Asia/Shanghai") -> None:
    """``--as-of``: the date (or datetime) deciding which rules are in force."""
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help=f"ISO date or datetime deciding which documents are in force (default: {default})",
    )


def today() -> str:
    """Today's date in Asia/Shanghai (ISO), the default of ``--as-of``."""
    import datetime as dt  # noqa: PLC0415

    from govshare._kernel.dates import SHANGHAI  # noqa: PLC0415

    return dt.datetime.now(SHANGHAI).date().isoformat()


def add_adopt(p: argparse.ArgumentParser, *, default: str = "none") -> None:
    """``--adopt DOC[@DATE]`` (repeatable): a document adopted at the level (参照执行)."""
    p.add_argument(
        "--adopt",
        action="append",
        metavar="DOC[@DATE]",
        help="id of a document adopted at this level (参照执行), e.g. a provincial rule a "
        "city follows, from DATE (YYYY-MM-DD) when given, else from the document's own "
        f"start; repeatable (default: {default})",
    )


class _Regions:
    """The registered region names, looked up only when a help text is printed."""

    def __str__(self) -> str:
        from govshare.calendar import regions  # noqa: PLC0415 - reads the calendar data

        return ", ".join(regions()) or "none"


def add_calendar(p: argparse.ArgumentParser, *, region: bool = True) -> None:
    """``--region`` (unless ``region=False``: a profile names its own), ``--provisional``,
    ``--calendar-file``, ``--overlay-file``."""
    if region:
        action = p.add_argument(
            "--region",
            help="regional calendar layered on the national one; registered: %(regions)s "
            "(default: national only)",
        )
        action.regions = _Regions()  # type: ignore[attr-defined] # expanded in the help text
    p.add_argument(
        "--provisional",
        action="store_true",
        help="estimate years with no published arrangement (results say so) instead of "
        "failing; needs the 'sources' extra (default: off)",
    )
    p.add_argument(
        "--calendar-file",
        action="append",
        metavar="NOTICE.yaml",
        help="an official arrangement (YAML, e.g. a new year's holiday notice; see "
        "docs/calendar.md) to load first; repeatable (default: none)",
    )
    p.add_argument(
        "--overlay-file",
        action="append",
        metavar="FILE",
        help="a regional overlay (YAML) to load first; repeatable (default: none)",
    )


def _load_calendar_files(args: argparse.Namespace) -> None:
    """Load the files ``--calendar-file`` and ``--overlay-file`` name (once per run)."""
    from govshare.calendar import load_arrangement, load_overlay  # noqa: PLC0415

    if getattr(args, "_calendar_loaded", False):
        return
    for path in getattr(args, "calendar_file", None) or ():
        load_arrangement(path)
    for path in getattr(args, "overlay_file", None) or ():
        load_overlay(path)
    args._calendar_loaded = True


def calendar_of(args: argparse.Namespace) -> WorkCalendar:
    """The calendar the options ask for, after loading the files they name."""
    from govshare.calendar import get_calendar  # noqa: PLC0415

    _load_calendar_files(args)
    return get_calendar(args.region, provisional=args.provisional)


def profile_of(args: argparse.Namespace, name: str) -> JurisdictionProfile:
    """The profile ``name`` (a name in any case, its Chinese name, or a path), counting on
    the calendar the options ask for (``--provisional``, ``--calendar-file``,
    ``--overlay-file``) in its own region."""
    from govshare.calendar import get_calendar  # noqa: PLC0415
    from govshare.profiles import load_profile  # noqa: PLC0415

    prof = load_profile(name)
    if not (
        getattr(args, "provisional", False)
        or getattr(args, "calendar_file", None)
        or getattr(args, "overlay_file", None)
    ):
        return prof
    _load_calendar_files(args)
    # a copy: the cached profile keeps counting on the official calendar
    return prof.counting_on(get_calendar(prof.model.calendar.region, provisional=args.provisional))


def _whole(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < least:
        raise argparse.ArgumentTypeError(f"expected a whole number >= {least}, got {text!r}")
    return value


def non_negative(text: str) -> int:
    """An argparse type: a whole number >= 0."""
    return _whole(text, 0)


def positive(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    return _whole(text, 1)


def width(text: str) -> int:
    """An argparse type: a terminal width, at least 40 columns (a narrower table would
    print a character per line)."""
    return _whole(text, 40)


def add_file_case(p: argparse.ArgumentParser, source: str) -> None:
    """``--level``, ``--as-of``, ``--adopt`` defaulting to what the input file (``source``,
    e.g. "log" or "request") says, and the calendar options: a command over a case file."""
    add_level(p, default=f"the {source}'s level")
    add_as_of(p, default=f"the {source}'s as_of")
    add_adopt(p, default=f"the {source}'s adopted")
    add_calendar(p, region=False)
