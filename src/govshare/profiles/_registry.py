"""Finding profiles: bundled ones, third-party packages' (entry points), or a path."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover
    from importlib.abc import Traversable

from govshare._kernel.yamlio import load_yaml, parse_yaml, validate_model
from govshare.errors import InputError
from govshare.profiles._model import Profile
from govshare.profiles._profile import JurisdictionProfile

__all__ = [
    "ENTRY_POINT_GROUP",
    "bundled_profile_dir",
    "list_profiles",
    "load_profile",
    "profile_schema",
]

#: Third-party packages register profiles under this entry-point group; each entry point
#: loads to a path (str or Path) of a profile YAML file, or a callable returning one.
ENTRY_POINT_GROUP = "govshare.profiles"

_cache: dict[str, JurisdictionProfile] = {}
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
    """The names of every profile found: bundled and registered by installed packages."""
    return sorted({*_bundled(), *_entry_points()})


def _from_text(text: str, name: str) -> JurisdictionProfile:
    loaded = parse_yaml(text, name)
    return JurisdictionProfile(validate_model(Profile, loaded), loaded)


def load_profile(name_or_path: str | Path) -> JurisdictionProfile:
    """Load a profile by name (bundled or entry point) or from a YAML file path.

    Raises:
        InputError: no profile of that name, and no such file.
        DataFileError: the file is invalid (naming file, line and field).
    """
    key = str(name_or_path)
    if key in _cache:
        return _cache[key]
    bundled = _bundled()
    if isinstance(name_or_path, str) and name_or_path in bundled:
        entry = bundled[name_or_path]
        profile = _from_text(entry.read_text("utf-8"), f"profiles/{entry.name}")
    elif isinstance(name_or_path, str) and name_or_path in _entry_points():
        target: Any = _entry_points()[name_or_path].load()
        if isinstance(target, Callable):  # type: ignore[arg-type]
            target = target()
        loaded = load_yaml(Path(target))
        profile = JurisdictionProfile(validate_model(Profile, loaded), loaded)
    elif Path(name_or_path).suffix in (".yaml", ".yml") or Path(name_or_path).is_file():
        # Files may change between calls: cached only while the file is unchanged.
        path = Path(name_or_path)
        try:
            info = path.stat()
            stamp = (str(path.resolve()), info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = None
        if stamp is not None and stamp in _file_cache:
            return _file_cache[stamp]
        loaded = load_yaml(name_or_path)
        found = JurisdictionProfile(validate_model(Profile, loaded), loaded)
        if stamp is not None:
            _file_cache[stamp] = found
        return found
    else:
        raise InputError("profile", key, f"a profile name ({', '.join(list_profiles())}) or a path")
    _cache[key] = profile
    return profile


def profile_schema() -> str:
    """The JSON Schema of the profile format, generated from the models."""
    schema = Profile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "govshare profile"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
