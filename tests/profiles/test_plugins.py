"""Profile plugins (entry points): a broken one is reported, not fatal; a path that exists
wins over a plugin of the same name (issue 14, item 9)."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from govshare.cli.app import main
from govshare.profiles import (
    ENTRY_POINT_GROUP,
    ProfilePluginError,
    _registry,
    installed_profiles,
    load_profile,
)

ROOT = Path(__file__).resolve().parents[2]


def _plugin_profile(tmp_path: Path, pid: str) -> Path:
    data = yaml.safe_load((ROOT / "profiles" / "xinzhou.yaml").read_text("utf-8"))
    data["id"] = pid
    path = tmp_path / f"{pid}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    good = _plugin_profile(tmp_path, "pluginland")
    (tmp_path / "govshare_test_plugin.py").write_text(
        f"PATH = {str(good)!r}\nNUMBER = 5\n", "utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = {
        "pluginland": metadata.EntryPoint("pluginland", "govshare_test_plugin:PATH", "g"),
        "broken": metadata.EntryPoint("broken", "govshare_no_such_module:PATH", "g"),
        "notapath": metadata.EntryPoint("notapath", "govshare_test_plugin:NUMBER", "g"),
        "x.yaml": metadata.EntryPoint("x.yaml", "govshare_test_plugin:PATH", "g"),
    }
    monkeypatch.setattr(_registry, "_entry_points", lambda: eps)
    monkeypatch.setattr(_registry, "_cache", {})
    monkeypatch.delitem(sys.modules, "govshare_test_plugin", raising=False)
    return tmp_path


def test_entry_point_group_name() -> None:
    assert ENTRY_POINT_GROUP == "govshare.profiles"


def test_a_broken_plugin_is_a_typed_error_naming_it(plugins: Path) -> None:
    with pytest.raises(ProfilePluginError) as info:
        load_profile("broken")
    assert "govshare_no_such_module:PATH" in str(info.value)
    assert "ModuleNotFoundError" in str(info.value)
    with pytest.raises(ProfilePluginError, match="not a path"):
        load_profile("notapath")


def test_installed_profiles_keeps_the_others(plugins: Path) -> None:
    found, broken = installed_profiles()
    assert "pluginland" in found
    assert "hubei" in found
    assert sorted(e.value for e in broken) == ["broken", "notapath"]


def test_profiles_command_reports_and_lists(
    plugins: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profiles"]) == 0
    out, err = capsys.readouterr()
    assert "pluginland" in out
    assert "hubei" in out
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("warning: profile: got '") for line in lines)


def test_compare_reports_and_compares_the_others(
    plugins: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", "--as-of", "2026-11-23", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    header = out.splitlines()[0]
    assert "pluginland" in header
    assert "hubei" in header
    assert "broken" in err


def test_an_existing_file_wins_over_a_plugin_of_its_name(
    plugins: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    _plugin_profile(here, "localland").rename(here / "x.yaml")
    monkeypatch.chdir(here)
    assert load_profile("x.yaml").id == "localland"
    monkeypatch.chdir(tmp_path)
    assert load_profile("x.yaml").id == "pluginland"  # no such file here: the plugin
