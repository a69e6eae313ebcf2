"""One case in every jurisdiction: an event log replayed under each profile, side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import computed_field

from govshare._kernel.dates import DateLike
from govshare._kernel.messages import Notice, join_notices
from govshare._kernel.model import Label
from govshare.errors import GovshareError, InputError
from govshare.features.compare._patch import PatchedProfile
from govshare.features.compare._rules import load_all
from govshare.processes import (
    DutyRecord,
    EventLog,
    EventLogError,
    ProcessStatus,
    Violation,
    replay,
)
from govshare.processes._log import read_event_log
from govshare.profiles import JurisdictionProfile, NoRuleInForceError

__all__ = ["Divergence", "ScenarioColumn", "ScenarioComparison", "compare_scenario"]

Outcome = Literal["deemed_consent", "overdue", "final", "open", "error"]


@dataclass(frozen=True, kw_only=True)
class ScenarioColumn:
    """The case replayed under one profile (or what-if), or why it could not be.

    ``level`` is the level the case ran at; ``wanted_level`` the one asked for (the log's
    or the caller's): they differ when the profile has no document at the level wanted.
    ``ignored`` lists adopted documents the profile does not have.
    """

    id: str
    profile: str
    name: Label
    level: str
    wanted_level: str
    adopted: tuple[str, ...]
    ignored: tuple[str, ...] = ()
    what_if: Label | None
    status: ProcessStatus | None
    error: str | None
    #: ``error`` in both languages, when the library can say it in Chinese.
    error_notice: Notice | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def outcome(self) -> Outcome:
        """``deemed_consent``, ``overdue`` (a duty still running past its day), ``final``,
        ``open`` or ``error`` (the case could not be replayed)."""
        st = self.status
        if st is None:
            return "error"
        if st.deemed_consent:
            return "deemed_consent"
        if self.overdue_violation is not None:
            return "overdue"
        return "final" if st.terminal else "open"

    @property
    def deemed_at(self) -> dt.datetime | None:
        """When the law deemed the reviewer to consent, if it did."""
        if self.status is None:
            return None
        return next((f.at for f in self.status.fired if f.kind == "deemed_consent"), None)

    @property
    def overdue_violation(self) -> Violation | None:
        """The first duty still running past its due day at ``as_of``, if any."""
        if self.status is None:
            return None
        return next((v for v in self.status.violations if v.kind == "overdue" and v.ongoing), None)


@dataclass(frozen=True, kw_only=True)
class Divergence:
    """Where the columns part: their ``outcome``s differ, or a ``duty`` (``actor``,
    ``rule``) exists only in the ``columns`` named."""

    kind: Literal["outcome", "duty"]
    columns: tuple[str, ...]
    actor: str | None = None
    rule: str | None = None


@dataclass(frozen=True, kw_only=True)
class ScenarioComparison:
    """The same log replayed in each column.

    Render it with :func:`govshare.render.registry.render` (``table``, ``md``, ``csv``,
    ``html``, ``json``).
    """

    process: str
    process_name: Label | None
    as_of: str
    columns: tuple[ScenarioColumn, ...]
    divergences: tuple[Divergence, ...] = ()


DutyKey = tuple[str, str, str | None]


def duty_keys(cols: Sequence[ScenarioColumn]) -> list[DutyKey]:
    """Each duty (actor, rule, party) of any column, once, in the order they first appear."""
    keys: list[DutyKey] = []
    for c in cols:
        for d in c.status.duties if c.status else ():
            key = (d.actor, d.rule, d.party)
            if key not in keys:
                keys.append(key)
    return keys


def duties_of(c: ScenarioColumn, key: DutyKey) -> list[DutyRecord]:
    """The duties of column ``c`` with that (actor, rule, party)."""
    if c.status is None:
        return []
    return [d for d in c.status.duties if (d.actor, d.rule, d.party) == key]


def _replay_column(
    cid: str,
    profile: JurisdictionProfile,
    log: EventLog,
    *,
    as_of: DateLike,
    level: str,
    forced: bool,
    adopted: Sequence[str],
    what_if: Label | None,
) -> ScenarioColumn:
    lv = level if forced else profile.level_for(level)[0]
    known = tuple(a for a in adopted if a in profile.documents)
    ignored = tuple(a for a in adopted if a not in profile.documents)
    st: ProcessStatus | None = None
    error: str | None = None
    notice: Notice | None = None
    try:
        st = replay(profile, log.process, log.events, as_of=as_of, level=lv, adopted=known)
    except GovshareError as exc:
        error = str(exc)
        notice = _error_notice(profile, log.process, exc)
    return ScenarioColumn(
        id=cid,
        profile=profile.id,
        name=profile.model.name,
        level=lv,
        wanted_level=level,
        adopted=known,
        ignored=ignored,
        what_if=what_if,
        status=st,
        error=error,
        error_notice=notice,
    )


def _error_notice(profile: JurisdictionProfile, process: str, exc: GovshareError) -> Notice | None:
    """Why a column could not be replayed, in both languages (None: only the English)."""
    if isinstance(exc, NoRuleInForceError):
        why = join_notices(exc.notices)
        return Notice(
            code="compare.no_rule", zh=f"无适用规则：{why.zh if why else ''}", en=str(exc)
        )
    if process not in profile.model.processes:
        return Notice(code="compare.no_process", zh=f"{profile.name}没有该流程", en=str(exc))
    return None


def _divergences(cols: Sequence[ScenarioColumn]) -> list[Divergence]:
    out = []
    if len({c.outcome for c in cols}) > 1:
        out.append(Divergence(kind="outcome", columns=tuple(c.id for c in cols)))
    for key in duty_keys(cols):
        having = tuple(c.id for c in cols if duties_of(c, key))
        if len(having) < len(cols):
            actor, rule, _ = key
            out.append(Divergence(kind="duty", columns=having, actor=actor, rule=rule))
    return out


def compare_scenario(
    log: EventLog | str | Path,
    profiles: Sequence[str | JurisdictionProfile] = (),
    *,
    as_of: DateLike | None = None,
    level: str | None = None,
    adopted: Mapping[str, Sequence[str]] | None = None,
    patches: Sequence[PatchedProfile] = (),
) -> ScenarioComparison:
    """Replay one event log under each profile and put the results side by side.

    Args:
        log: an :class:`~govshare.processes.EventLog` or the path of a log file.
        profiles: names, paths or loaded profiles (default: every bundled jurisdiction).
        as_of: when to report (default: the log's ``as_of``).
        level: force this level in every profile; by default the log's level, or a
            profile's own level when it has no document at the log's (the column's
            ``wanted_level`` then differs from its ``level``).
        adopted: per profile id, documents adopted; default the log's ``adopted`` where the
            profile has them.
        patches: what-if patches; each adds a column after its baseline.

    Raises:
        DataFileError: the log file is invalid (file, line, field).
        InputError: no as_of anywhere, a bad level.
    """
    file: str | None = None
    if not isinstance(log, EventLog):
        log, loaded = read_event_log(log)
        file = loaded.file
    when = as_of if as_of is not None else log.as_of
    if when is None:
        raise InputError("as_of", None, "an as_of (argument or the log's as_of line)")
    wanted = level or log.level
    loaded_profiles = load_all(profiles)
    for pp in patches:
        if all(p.id != pp.baseline.id for p in loaded_profiles):
            loaded_profiles.append(pp.baseline)
    cols: list[ScenarioColumn] = []
    for prof in loaded_profiles:
        mine = list(adopted[prof.id]) if adopted and prof.id in adopted else list(log.adopted)
        variants: list[tuple[str, JurisdictionProfile, list[str], Label | None]] = [
            (prof.id, prof, mine, None)
        ]
        for n, pp in enumerate(p for p in patches if p.baseline.id == prof.id):
            tag = f"{prof.id}+whatif{n + 1 if n else ''}"
            variants.append((tag, pp.profile, [*mine, *pp.patch.adopt], pp.patch.name))
        for cid, p, adopt, what_if in variants:
            try:
                col = _replay_column(
                    cid,
                    p,
                    log,
                    as_of=when,
                    level=wanted,
                    forced=level is not None,
                    adopted=adopt,
                    what_if=what_if,
                )
            except EventLogError as exc:  # pragma: no cover - replay errors are caught above
                raise exc if file is None else exc.located(file, None) from None
            cols.append(col)
    as_of_text = when.isoformat() if hasattr(when, "isoformat") else str(when)
    defs = (p.model.processes.get(log.process) for p in loaded_profiles)
    name = next((d.label for d in defs if d is not None), None)
    return ScenarioComparison(
        process=log.process,
        process_name=name,
        as_of=as_of_text,
        columns=tuple(cols),
        divergences=tuple(_divergences(cols)),
    )
