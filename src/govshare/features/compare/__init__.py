"""Compare jurisdictions: rules side by side, one case replayed in each, and what-ifs.

- :func:`compare_rules`: every inventory key as a row, each profile a column, each cell the
  value in force with its citation (a :class:`RuleMatrix`).
- :func:`compare_scenario`: one event log replayed under each profile, each duty's due day
  and the outcome side by side, with where the outcomes diverge (a
  :class:`ScenarioComparison`).
- :func:`load_patches`: what-if patches (``govshare-patch/1``) that add a column showing a
  profile as the patch supposes it (a changed period, an adopted document).

The results carry ids, labels and citations only; :mod:`govshare.render.compare` draws them
as a terminal table, Markdown, CSV or a self-contained HTML page, and
:mod:`govshare.render.json` gives their JSON (``govshare-compare/1``,
``govshare-compare-scenario/1``).
"""

from govshare.features.compare._patch import Patch, PatchedProfile, apply_patch, load_patch, patched
from govshare.features.compare._rules import (
    CellLayer,
    Column,
    MatrixCell,
    MatrixRow,
    RuleMatrix,
    adopted_by_profile,
    compare_rules,
    jurisdictions,
)
from govshare.features.compare._scenario import (
    Divergence,
    DutyKey,
    ScenarioColumn,
    ScenarioComparison,
    compare_scenario,
    duties_of,
    duty_keys,
)

__all__ = [
    "CellLayer",
    "Column",
    "Divergence",
    "DutyKey",
    "MatrixCell",
    "MatrixRow",
    "Patch",
    "PatchedProfile",
    "RuleMatrix",
    "ScenarioColumn",
    "ScenarioComparison",
    "adopted_by_profile",
    "apply_patch",
    "compare_rules",
    "compare_scenario",
    "duties_of",
    "duty_keys",
    "jurisdictions",
    "load_patch",
    "load_patches",
]

load_patches = patched
