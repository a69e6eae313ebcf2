"""Finding profiles: bundled ones, third-party packages' (entry points), or a path."""

from __future__ import annotations

import json
import sys
import threading
from importlib import metadata, resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover
    from importlib.abc import Traversable

from govshare._kernel.yamlio import load_yaml, parse_yaml, validate_model
from govshare.errors import GovshareError, InputError
from govshare.profiles._model import Profile
from govshare.profiles._profile import JurisdictionProfile
from govshare.profiles._suggest import unknown_profile

__all__ = [
    "ENTRY_POINT_GROUP",
    "ProfilePluginError",
    "bundled_profile_dir",
    "installed_profiles",
    "list_profiles",
    "load_profile",
    "profile_schema",
]

#: Third-party packages register profiles under this entry-point group; each entry point
#: loads to a path (str or Path) of a profile YAML file, or a callable returning one.
ENTRY_POINT_GROUP = "govshare.profiles"

_cache: dict[str, JurisdictionProfile] = {}
_lock = threading.RLock()  # re-entrant: a profile's validation may load the one it layers on
#: profiles loaded from a path, by (resolved path, modification time, size)
_file_cache: dict[tuple[str, int, int], JurisdictionProfile] = {}


def bundled_profile_dir() -> Traversable:
    """Where the bundled profiles are: package data in a wheel, ``profiles/`` in a checkout."""
    data = resources.files("govshare").joinpath("data").joinpath("profiles")
    if data.is_dir():
        return data
    return Path(__file__).resolve().parents[3] / "profiles"


def _bundled() -> dict[str, Traversable]:
    root = bundled_profile_dir()
    if not root.is_dir():
        return {}
    return {
        entry.name.removesuffix(".yaml"): entry
        for entry in root.iterdir()
        if entry.name.endswith(".yaml")
    }


def _entry_points() -> dict[str, metadata.EntryPoint]:
    return {ep.name: ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}


def list_profiles() -> list[str]:
    """The names of every profile found: bundled and registered by installed packages.

    This is the registry order (sorted by name): every command lists profiles in it."""
    return sorted({*_bundled(), *_entry_points()})


def _names() -> dict[str, str]:
    """Each profile's Chinese and English names (``name.zh``, ``name.en``) to its id."""
    out: dict[str, str] = {}
    for pid in list_profiles():
        try:
            prof = load_profile(pid)
        except GovshareError:  # an invalid registered profile has no name to offer
            continue
        out.setdefault(prof.model.name.zh, pid)
        out.setdefault(prof.model.name.en, pid)
    return out


def _alias(typed: str) -> str | None:
    """The profile id a name stands for, without regard to case: the id itself, the
    profile's Chinese or English name, or the start of exactly one Chinese name (湖北 for
    湖北省)."""
    ids = {pid.lower(): pid for pid in list_profiles()}
    want = typed.strip().lower()
    if want in ids:
        return ids[want]
    names = _names()
    exact = {n.lower(): pid for n, pid in names.items()}
    if want in exact:
        return exact[want]
    if len(want) >= 2:
        starts = {pid for n, pid in names.items() if n.lower().startswith(want)}
        if len(starts) == 1:
            return starts.pop()
    return None


def _from_text(text: str, name: str) -> JurisdictionProfile:
    loaded = parse_yaml(text, name)
    return JurisdictionProfile(validate_model(Profile, loaded), loaded)


class ProfilePluginError(InputError):
    """An installed package's profile entry point that cannot be loaded (import error,
    missing file, not a path). Names the entry point and what went wrong."""

    def __init__(self, name: str, target: str, problem: str) -> None:
        super().__init__(
            "profile", name, f"a working profile plugin (entry point {target!r}: {problem})"
        )
        self.target = target
        self.problem = problem


def _from_entry_point(name: str, ep: metadata.EntryPoint) -> JurisdictionProfile:
    try:
        target: Any = ep.load()
        if callable(target):
            target = target()
    except Exception as exc:  # third-party code: any failure is reported
        raise ProfilePluginError(name, ep.value, f"{type(exc).__name__}: {exc}") from None
    if not isinstance(target, str | Path):
        raise ProfilePluginError(name, ep.value, f"gave {type(target).__name__}, not a path")
    loaded = load_yaml(Path(target))
    return JurisdictionProfile(validate_model(Profile, loaded), loaded)


def _existing_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # e.g. a NUL byte or an over-long name
        return False


def load_profile(name_or_path: str | Path) -> JurisdictionProfile:
    """Load a profile by name (bundled or entry point) or from a YAML file path.

    A name is compared without case, and may be the profile's Chinese or English name
    (``load_profile("湖北")`` loads ``hubei``). A path that exists wins over a profile of the
    same name (``x.yaml`` in the current directory is that file, whatever a plugin calls
    itself).

    Raises:
        UnknownNameError: no profile of that name, and no such file (with the closest
            names as suggestions).
        ProfilePluginError: an installed plugin of that name fails to load.
        DataFileError: the file is invalid (naming file, line and field).
    """
    key = str(name_or_path)
    if isinstance(name_or_path, Path) or _existing_file(key):
        return _from_file(Path(name_or_path))
    with _lock:  # one load per name, even when threads ask at once
        if key not in _cache:
            _cache[key] = _by_name(key)
        return _cache[key]


def _from_file(path: Path) -> JurisdictionProfile:
    """A profile file, read again whenever it changes (cached by path, mtime and size: a
    layered lookup reads the layer under a profile on every call)."""
    try:
        info = path.stat()
        stamp: tuple[str, int, int] | None = (
            str(path.resolve()),
            info.st_mtime_ns,
            info.st_size,
        )
    except OSError:
        stamp = None
    if stamp is not None and stamp in _file_cache:
        return _file_cache[stamp]
    loaded = load_yaml(path)
    found = JurisdictionProfile(validate_model(Profile, loaded), loaded)
    if stamp is not None:
        with _lock:
            _file_cache[stamp] = found
    return found


def _by_name(key: str) -> JurisdictionProfile:
    bundled = _bundled()
    plugins = _entry_points()
    if key in bundled:
        entry = bundled[key]
        profile = _from_text(entry.read_text("utf-8"), f"profiles/{entry.name}")
    elif key in plugins:
        profile = _from_entry_point(key, plugins[key])
    elif Path(key).suffix in (".yaml", ".yml"):
        load_yaml(key)  # a missing file: DataFileError naming it
        raise InputError("profile", key, "a readable profile file")  # pragma: no cover
    else:
        alias = _alias(key)
        if alias is None or alias == key:
            raise unknown_profile(key, list_profiles(), _names())
        profile = load_profile(alias)
    return profile


def installed_profiles() -> tuple[dict[str, JurisdictionProfile], list[ProfilePluginError]]:
    """Every profile found, loaded, by name; a plugin that fails to load is returned as its
    error (to report) instead of stopping the others. A bundled profile that fails is a bug
    and raises."""
    found: dict[str, JurisdictionProfile] = {}
    broken: list[ProfilePluginError] = []
    for name in list_profiles():
        try:
            found[name] = load_profile(name)
        except ProfilePluginError as exc:
            broken.append(exc)
        except GovshareError as exc:
            if name in _bundled():
                raise
            ep = _entry_points()[name]
            broken.append(ProfilePluginError(name, ep.value, " ".join(str(exc).split())))
    return found, broken


def profile_schema() -> str:
    """The JSON Schema of the profile format, generated from the models."""
    schema = Profile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "govshare profile"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
