"""pytest plugin (entry point ``pytest11``): runs govshare scenario files as tests.

Installed with govshare, it lets any project's plain ``pytest`` run its scenario files
(``*.govshare.yaml``, see docs/scenarios.md) with no Python code: one test item per scenario
(one per profile for a scenario comparing profiles). A failure lists each field with what
the scenario expects, what the rules give, and the citation of the rule involved; a file
that cannot be loaded is one item erroring at set-up with its problems (file and line),
without a traceback, and the other files are still collected and run.

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
    "InvalidFileItem",
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
        """Load the file strictly. A file that cannot be loaded is one item erroring with
        its problems (file and line), so collection goes on and the other files run."""
        from govshare.features.scenarios import (  # noqa: PLC0415 - only when needed
            file_problem,
            load_scenarios,
        )

        try:
            scenarios = load_scenarios(self.path)
        except Exception as exc:
            yield InvalidFileItem.from_parent(
                self, name=self.path.name, result=file_problem(self.path, exc)
            )
            return
        for scenario in scenarios:
            yield ScenarioItem.from_parent(self, name=scenario.id, scenario=scenario)


def _lang(config: pytest.Config) -> str:
    return str(config.getini("govshare_lang"))


def _explain(result: ScenarioResult, lang: str) -> str:
    from govshare.render.scenarios import result_heading, result_report  # noqa: PLC0415

    return f"{result_heading(result, lang)}\n{result_report(result, lang)}"


class InvalidFileItem(pytest.Item):
    """A scenario file that cannot be loaded: an error at set-up listing its problems."""

    def __init__(self, *, result: ScenarioResult, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.result = result
        self.add_marker("govshare")

    def setup(self) -> None:
        """Fail at set-up (an error, not a failure) with the file's problems, no traceback."""
        pytest.fail(_explain(self.result, _lang(self.config)), pytrace=False)

    def runtest(self) -> None:
        """Never reached: :meth:`setup` fails."""

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The file and its first bad line."""
        line = None if self.result.line is None else self.result.line - 1
        return self.path, line, f"govshare scenario file: {self.path.name}"


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
            return _explain(excinfo.value.result, _lang(self.config))
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the scenario is, for pytest's report headers."""
        line = None if self.scenario.line is None else self.scenario.line - 1
        return self.path, line, f"govshare scenario: {self.scenario.id}"
