"""Finding profiles: by bundled name, by path, and through the govshare.profiles entry point."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govshare.errors import InputError
from govshare.profiles import ENTRY_POINT_GROUP, list_profiles, load_profile
from govshare.profiles import _registry as registry

ROOT = Path(__file__).resolve().parents[2]


def test_load_by_path(tmp_path: Path) -> None:
    """A profile file given by path loads (and validates) like a bundled one."""
    copy = tmp_path / "mycity.yaml"
    shutil.copy(ROOT / "profiles" / "xinzhou.yaml", copy)
    assert load_profile(copy).id == "xinzhou"
    assert load_profile(str(copy)).file == str(copy)


def test_unknown_name_lists_the_known_ones() -> None:
    """An unknown name is an InputError listing the profiles found."""
    with pytest.raises(InputError, match="hubei"):
        load_profile("atlantis")


class _FakeEntryPoint:
    """What importlib.metadata gives for an installed package's entry point."""

    def __init__(self, name: str, target: Path) -> None:
        self.name = name
        self._target = target

    def load(self) -> str:
        return str(self._target)


def test_entry_point_profiles_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package registering a profile path under govshare.profiles makes it loadable by name."""
    copy = tmp_path / "thirdparty.yaml"
    shutil.copy(ROOT / "profiles" / "liuzhou.yaml", copy)
    fake = _FakeEntryPoint("thirdparty", copy)

    def fake_entry_points(*, group: str) -> list[_FakeEntryPoint]:
        return [fake] if group == ENTRY_POINT_GROUP else []

    monkeypatch.setattr(registry.metadata, "entry_points", fake_entry_points)
    monkeypatch.setattr(registry, "_cache", {})
    assert "thirdparty" in list_profiles()
    assert load_profile("thirdparty").id == "liuzhou"
