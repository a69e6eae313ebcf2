"""The layer rule (docs/architecture.md) holds: the import-linter contracts in pyproject.toml.

CI runs ``lint-imports`` too; this test makes a plain local ``pytest`` catch a layer break.
"""

from __future__ import annotations

import pkgutil
import re
import sys
from pathlib import Path

import pytest

import govshare

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"


def _config() -> dict[str, object]:
    with PYPROJECT.open("rb") as f:
        config: dict[str, object] = tomllib.load(f)["tool"]["importlinter"]
    return config


def test_import_contracts_kept(capsys: pytest.CaptureFixture[str]) -> None:
    """Every contract in ``[tool.importlinter]`` is kept (same check as ``lint-imports``)."""
    cli = pytest.importorskip("importlinter.cli", reason='install "govshare[lint]"')
    code = cli.lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out


def test_every_top_level_module_has_a_layer() -> None:
    """A new package under govshare/ cannot slip past the rule: each one is in a layer."""
    contracts = _config()["contracts"]
    assert isinstance(contracts, list)
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    named = {
        name.strip("() ")
        for layer in layers
        for name in re.split(r"[|:]", layer)  # `a | b` and `a : b` are siblings
    }
    present = {m.name for m in pkgutil.iter_modules(govshare.__path__)}
    assert present - named == set(), "add the new module to the layers contract"
    assert {"cli", "pytest_plugin", "render", "features", "_kernel", "errors"} <= present
