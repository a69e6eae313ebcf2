"""What the server answers from: the profiles it serves, by name, and the calendar data.

Everything is loaded once at start-up (the server is read-only): the bundled profiles, those
installed packages register (``govshare.profiles`` entry points) and those of the
``--profiles-dir`` directory (one profile per ``NAME.yaml``). A request names a profile by
name only; it never names a file on the server. Each profile's content hash is the SHA-256
of its file's bytes, so ``sha256sum profiles/hubei.yaml`` gives the same value; the calendar
data's version is the SHA-256 of the arrangements and overlays in use (canonical JSON).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from govshare.calendar import (
    Arrangement,
    bundled_arrangements,
    bundled_overlays,
    get_calendar,
    load_arrangement,
)
from govshare.errors import DataFileError, DataIssue, GovshareError
from govshare.profiles import JurisdictionProfile, bundled_profile_dir, list_profiles, load_profile

__all__ = ["CalendarInfo", "Catalog", "Entry", "UnknownProfileError"]

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")

Origin = Literal["bundled", "entry_point", "directory"]


class UnknownProfileError(GovshareError, LookupError):
    """A request named a profile the server does not serve (404)."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"no profile named {name!r}; served: {', '.join(self.known)}")


@dataclass(frozen=True, kw_only=True)
class Entry:
    """A profile the server serves: its name, the loaded profile, its hash and origin."""

    name: str
    profile: JurisdictionProfile
    sha256: str
    origin: Origin


@dataclass(frozen=True, kw_only=True)
class CalendarInfo:
    """The calendar data in use: its version (a content hash) and the years it covers."""

    version: str
    first_year: int
    last_year: int


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Catalog:
    """The profiles and calendar data of one server process (immutable after start-up)."""

    def __init__(
        self, *, profiles_dir: Path | None = None, calendar_files: Iterable[Path] = ()
    ) -> None:
        loaded: list[Arrangement] = [load_arrangement(Path(p)) for p in calendar_files]
        self.calendar = _calendar_info(loaded)
        self.entries: dict[str, Entry] = {}
        bundled_root = bundled_profile_dir()
        for name in list_profiles():
            prof = load_profile(name)
            bundled = bundled_root.joinpath(f"{name}.yaml")
            origin: Origin
            if bundled.is_file():
                data, origin = bundled.read_bytes(), "bundled"
            else:
                data, origin = Path(prof.file).read_bytes(), "entry_point"
            self._add(Entry(name=name, profile=prof, sha256=_sha256(data), origin=origin))
        if profiles_dir is not None:
            self._load_dir(Path(profiles_dir))

    def _add(self, entry: Entry) -> None:
        self.entries[entry.name] = entry

    def _load_dir(self, root: Path) -> None:
        if not root.is_dir():
            raise DataFileError([DataIssue(str(root), None, "profiles_dir", "not a directory")])
        for path in sorted(root.glob("*.yaml")):
            name = path.stem
            if not _NAME.match(name):
                issue = "a profile file name must be lower-case letters, digits, _ or -"
                raise DataFileError([DataIssue(str(path), None, "profiles_dir", issue)])
            if name in self.entries:
                issue = f"the profile name {name!r} is already served ({self.entries[name].origin})"
                raise DataFileError([DataIssue(str(path), None, "profiles_dir", issue)])
            prof = load_profile(path)
            self._add(
                Entry(
                    name=name, profile=prof, sha256=_sha256(path.read_bytes()), origin="directory"
                )
            )

    @property
    def names(self) -> list[str]:
        """Every profile name served, sorted."""
        return sorted(self.entries)

    def get(self, name: str) -> JurisdictionProfile:
        """The profile served as ``name``; :class:`UnknownProfileError` when there is none."""
        entry = self.entries.get(name)
        if entry is None:
            raise UnknownProfileError(name, self.names)
        return entry.profile

    def chain(self, name: str) -> list[Entry]:
        """The profile served as ``name`` and those it is layered under (``layer_under``
        names a profile file beside it, or a bundled or installed profile: either way a name
        served here), nearest first; empty for a name not served."""
        out: list[Entry] = []
        entry = self.entries.get(name)
        while entry is not None and entry not in out:
            out.append(entry)
            upper = getattr(entry.profile.model, "layer_under", None)
            entry = self.entries.get(upper) if upper else None
        return out

    def hashes(self, names: Iterable[str]) -> dict[str, str]:
        """The content hash of each profile (by id) and of the layers under it."""
        out: dict[str, str] = {}
        for name in names:
            for entry in self.chain(name):
                out.setdefault(entry.profile.id, entry.sha256)
        return out


def _calendar_info(loaded: Sequence[Arrangement]) -> CalendarInfo:
    data = [a.model_dump(mode="json", by_alias=True) for a in (*bundled_arrangements(), *loaded)]
    overlays = [o.model_dump(mode="json", by_alias=True) for o in bundled_overlays().values()]
    text = json.dumps({"arrangements": data, "overlays": overlays}, sort_keys=True)
    cal = get_calendar()
    return CalendarInfo(
        version=_sha256(text.encode("utf-8")), first_year=cal.first_year, last_year=cal.last_year
    )
