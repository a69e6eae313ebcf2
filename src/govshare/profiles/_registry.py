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
    """The names of every profile found: bundled and registered by installed packages."""
    return sorted({*_bundled(), *_entry_points()})


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

    A path that exists wins over a profile of the same name (``x.yaml`` in the current
    directory is that file, whatever a plugin calls itself).

    Raises:
        InputError: no profile of that name, and no such file.
        ProfilePluginError: an installed plugin of that name fails to load.
        DataFileError: the file is invalid (naming file, line and field).
    """
    key = str(name_or_path)
    if isinstance(name_or_path, Path) or _existing_file(key):
        loaded = load_yaml(name_or_path)
        # Files may change between calls: not cached.
        return JurisdictionProfile(validate_model(Profile, loaded), loaded)
    with _lock:  # one load per name, even when threads ask at once
        if key not in _cache:
            _cache[key] = _by_name(key)
        return _cache[key]


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
        raise InputError("profile", key, f"a profile name ({', '.join(list_profiles())}) or a path")
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
