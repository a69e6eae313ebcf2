"""Scenario files (``govshare-scenario/1``): what a profile must give, written by anyone.

Layers: :mod:`._format` (the file format's models and the strict loader, errors with
file:line), :mod:`._match` (comparing a result with what a scenario expects: typed
mismatches) and :mod:`._run` (running scenarios against the library: typed results).
The words of a report are the renderers' (:mod:`govshare.render.scenarios`: text, JUnit
XML, JSON).

- :func:`load_scenarios` reads a file strictly into runnable :class:`Scenario` objects,
  one per scenario and profile;
- :func:`run_scenario` runs one, giving a :class:`ScenarioResult` with, for each
  expectation that does not hold, a :class:`Mismatch` (path, expected, actual and the
  citation involved), or a :class:`ScenarioProblem` when it cannot run;
- :func:`run_paths` finds the files under paths and runs them all (the ``govshare test``
  command; the pytest plugin, :mod:`govshare.pytest_plugin`, runs the same scenarios as
  pytest items); :class:`ScenarioResults` holds such a run.
"""

from govshare.features.scenarios._format import (
    DEFAULT_PATTERN,
    Scenario,
    find_scenario_files,
    load_scenarios,
)
from govshare.features.scenarios._match import NO_ERROR, NO_ITEM, Mismatch, MismatchKind
from govshare.features.scenarios._run import (
    Outcome,
    ProblemKind,
    ScenarioProblem,
    ScenarioResult,
    ScenarioResults,
    file_problem,
    run_file,
    run_paths,
    run_scenario,
)

__all__ = [
    "DEFAULT_PATTERN",
    "NO_ERROR",
    "NO_ITEM",
    "Mismatch",
    "MismatchKind",
    "Outcome",
    "ProblemKind",
    "Scenario",
    "ScenarioProblem",
    "ScenarioResult",
    "ScenarioResults",
    "file_problem",
    "find_scenario_files",
    "load_scenarios",
    "run_file",
    "run_paths",
    "run_scenario",
]
