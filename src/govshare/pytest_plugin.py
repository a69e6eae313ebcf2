"""pytest plugin (entry point ``pytest11``): runs govshare scenario files as tests.

Installed with govshare, it lets any project's plain ``pytest`` run its scenario files
(``*.govshare.yaml``, see docs/scenarios.md) with no Python code: one test item per scenario
(one per profile for a scenario comparing profiles). A failure lists each field with what
the scenario expects, what the rules give, and the citation of the rule involved; an
invalid file is a collection error naming file and line, without a traceback.

ini options (``pytest.ini``, ``[tool.pytest.ini_options]``, ...):

- ``govshare_patterns``: file-name patterns of scenario files, space separated
  (default ``*.govshare.yaml``);
- ``govshare_lang``: ``zh`` (default) or ``en``, the labels of failure reports.

Scenario items carry the ``govshare`` marker (``pytest -m govshare`` runs only them, ``-m
"not govshare"`` skips them); ``-p no:govshare`` turns the plugin off.

The plugin imports nothing of govshare until a scenario file is collected, so it costs
other test runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from govshare.features.scenarios import Scenario, ScenarioResult

__all__ = [
    "DEFAULT_PATTERNS",
    "ScenarioFailedError",
    "ScenarioFile",
    "ScenarioItem",
    "pytest_addoption",
    "pytest_collect_file",
    "pytest_configure",
]

#: The default of the ``govshare_patterns`` ini option.
DEFAULT_PATTERNS = ("*.govshare.yaml",)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ini options ``govshare_patterns`` and ``govshare_lang``."""
    parser.addini(
        "govshare_patterns",
        type="args",
        default=list(DEFAULT_PATTERNS),
        help="glob patterns of govshare scenario files (default: *.govshare.yaml)",
    )
    parser.addini(
        "govshare_lang",
        default="zh",
        help="language of govshare scenario failure reports: zh (default) or en",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``govshare`` marker (so ``--strict-markers`` accepts it)."""
    config.addinivalue_line("markers", "govshare: a govshare scenario (from a scenario file)")


def _matches(path: Path, patterns: list[str]) -> bool:
    posix = path.as_posix()
    for pattern in patterns:
        if "/" in pattern:
            if fnmatch(posix, pattern if pattern.startswith("/") else f"*/{pattern}"):
                return True
        elif fnmatch(path.name, pattern):
            return True
    return False


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect scenario files: names matching ``govshare_patterns``, or YAML files named on
    the command line."""
    patterns: list[str] = parent.config.getini("govshare_patterns")
    if _matches(file_path, patterns) or (
        file_path.suffix in (".yaml", ".yml") and parent.session.isinitpath(file_path)
    ):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFailedError(Exception):
    """Raised by a scenario item whose scenario did not pass."""

    def __init__(self, result: ScenarioResult) -> None:
        self.result = result
        super().__init__(f"{result.scenario}: {result.outcome}")


class ScenarioFile(pytest.File):
    """A scenario file: one item per scenario (and per profile when it compares some)."""

    def collect(self) -> Iterator[pytest.Item]:
        """Load the file strictly; an invalid file is a collection error."""
        from govshare.features.scenarios import load_scenarios  # noqa: PLC0415 - only when needed

        for scenario in load_scenarios(self.path):
            yield ScenarioItem.from_parent(self, name=scenario.id, scenario=scenario)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """An invalid file: its problems with file and line, no traceback."""
        from govshare.errors import DataFileError  # noqa: PLC0415

        if isinstance(excinfo.value, DataFileError):
            return f"invalid govshare scenario file:\n{excinfo.value.details()}"
        return super().repr_failure(excinfo)


class ScenarioItem(pytest.Item):
    """One scenario, for one profile."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.add_marker("govshare")

    def runtest(self) -> None:
        """Run the scenario; raise :class:`ScenarioFailedError` unless it passes."""
        from govshare.features.scenarios import run_scenario  # noqa: PLC0415

        result = run_scenario(self.scenario)
        if not result.passed:
            raise ScenarioFailedError(result)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> Any:
        """Expected versus actual and the citation, or why the scenario could not run."""
        if isinstance(excinfo.value, ScenarioFailedError):
            result = excinfo.value.result
            lang = str(self.config.getini("govshare_lang"))
            zh = lang == "zh"
            if result.outcome == "error":
                head = "场景无法运行" if zh else "scenario could not run"
            else:
                head = "场景不符" if zh else "scenario failed"
            return f"{head}: {self.scenario.where} {result.scenario}\n{result.report(lang)}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the scenario is, for pytest's report headers."""
        line = None if self.scenario.line is None else self.scenario.line - 1
        return self.path, line, f"govshare scenario: {self.scenario.id}"
