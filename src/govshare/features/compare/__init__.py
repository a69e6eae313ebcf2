"""Compare jurisdictions: rules side by side, one case replayed in each, and what-ifs.

- :func:`compare_rules`: every inventory key as a row, each profile a column, each cell the
  value in force with its citation; render as a terminal table, Markdown, CSV, JSON or a
  self-contained HTML page.
- :func:`compare_scenario`: one event log replayed under each profile, each duty's due day
  and the outcome side by side, with where the outcomes diverge.
- :func:`load_patches`: what-if patches (``govshare-patch/1``) that add a column showing a
  profile as the patch supposes it (a changed period, an adopted document).
"""

from govshare.features.compare._patch import Patch, PatchedProfile, apply_patch, load_patch, patched
from govshare.features.compare._rules import (
    Column,
    MatrixCell,
    MatrixRow,
    RuleMatrix,
    compare_rules,
)
from govshare.features.compare._scenario import ScenarioColumn, ScenarioComparison, compare_scenario

__all__ = [
    "Column",
    "MatrixCell",
    "MatrixRow",
    "Patch",
    "PatchedProfile",
    "RuleMatrix",
    "ScenarioColumn",
    "ScenarioComparison",
    "apply_patch",
    "compare_rules",
    "compare_scenario",
    "load_patch",
    "load_patches",
]

load_patches = patched
