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

__all__ = [
    "add_adopt",
    "add_as_of",
    "add_calendar",
    "add_level",
    "add_output",
    "add_profile",
    "calendar_of",
    "non_negative",
    "positive",
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
        "profile", help="profile name (see 'govshare profiles') or path to a profile file"
    )


def add_level(
    p: argparse.ArgumentParser, *, default: str | None = "provincial", what: str = ""
) -> None:
    """``--level``: the administrative level whose rules apply."""
    from govshare._kernel.model import LEVELS  # noqa: PLC0415 - pydantic, only when needed

    after = f" (default: {default})" if default else f" (default: {what or 'as the input says'})"
    p.add_argument(
        "--level",
        choices=LEVELS,
        default=default,
        help="the administrative level (省级 provincial, 市级 prefectural, 县级 county) whose "
        "documents apply; a document adoptable at a lower level applies there only with "
        f"--adopt{after}",
    )


def add_as_of(p: argparse.ArgumentParser, *, default: str, required: bool = False) -> None:
    """``--as-of``: the date (or datetime) deciding which rules are in force."""
    tail = " (required)" if required else f" (default: {default})"
    p.add_argument(
        "--as-of",
        metavar="DATE",
        required=required,
        help=f"ISO date or datetime deciding which documents are in force{tail}",
    )


def add_adopt(p: argparse.ArgumentParser, *, default: str = "none") -> None:
    """``--adopt DOC`` (repeatable): a document adopted at the level (参照执行)."""
    p.add_argument(
        "--adopt",
        action="append",
        metavar="DOC",
        help="id of a document adopted at this level (参照执行), e.g. a provincial rule a "
        f"city follows; repeatable (default: {default})",
    )


class _Regions:
    """The registered region names, looked up only when a help text is printed."""

    def __str__(self) -> str:
        from govshare.calendar import regions  # noqa: PLC0415 - reads the calendar data

        return ", ".join(regions()) or "none"


def add_calendar(p: argparse.ArgumentParser) -> None:
    """``--region``, ``--provisional``, ``--calendar-file``, ``--overlay-file``."""
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
        metavar="FILE",
        help="an official arrangement (YAML) to load first; repeatable (default: none)",
    )
    p.add_argument(
        "--overlay-file",
        action="append",
        metavar="FILE",
        help="a regional overlay (YAML) to load first; repeatable (default: none)",
    )


def calendar_of(args: argparse.Namespace) -> WorkCalendar:
    """The calendar the options ask for, after loading the files they name."""
    from govshare.calendar import get_calendar, load_arrangement, load_overlay  # noqa: PLC0415

    for path in args.calendar_file or ():
        load_arrangement(path)
    for path in args.overlay_file or ():
        load_overlay(path)
    return get_calendar(args.region, provisional=args.provisional)


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
