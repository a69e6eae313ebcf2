"""``/v1`` endpoints on cases: replay, access decisions, compare, obligations, self-check and
scenario files. Everything a case needs is in the request body (an event log, a request, a
department, scenario texts); profiles are named, never paths.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from govshare.access import AccessRequest
from govshare.errors import InputError
from govshare.processes import EventLog, ProcessStatus
from govshare.profiles import JurisdictionProfile
from govshare.server._answer import Answerer
from govshare.server._models import (
    CompareScenarioRequest,
    ObligationsRequest,
    ScenarioRunRequest,
    SelfCheckRequest,
)
from govshare.server._openapi import media_answer, result_answer
from govshare.server._problems import Where
from govshare.server._rules import Adopt, AsOf, NameParam, _today

__all__ = ["cases_router"]

Level = Literal["provincial", "prefectural", "county"]
Lang = Annotated[Literal["zh", "en"], Query(description="language of the document's words")]
Profiles = Annotated[
    list[Annotated[str, Query(min_length=1, max_length=200)]],
    Query(
        default_factory=list,
        description="a profile's name; repeat for several (default: every jurisdiction)",
    ),
]
Year = Annotated[int, Query(ge=1, le=9999, description="the calendar year, e.g. 2026")]

_LOG_WHERE = Where(
    params={"profile": "name"},
    body={"as_of": "/as_of", "level": "/level", "adopted": "/adopted", "process": "/process"},
    events="/events",
)


def _replay(ans: Answerer, prof: JurisdictionProfile, log: EventLog, at: str) -> ProcessStatus:
    from govshare.processes import replay  # noqa: PLC0415

    ans.limit("events", len(log.events), "max_events", at=f"{at}/events")
    if log.as_of is None:
        raise InputError("as_of", None, "the instant to report at (the log's as_of)")
    return replay(
        prof, log.process, log.events, as_of=log.as_of, level=log.level, adopted=log.adopted
    )


@dataclass(frozen=True, kw_only=True)
class CompareQuery:
    """Which profiles to compare, at which date and level, with which documents adopted."""

    profile: tuple[str, ...]
    as_of: str | None
    level: Level | None
    adopt: tuple[str, ...]
    only_diff: bool


def compare_query(
    profile: Profiles,
    adopt: Adopt,
    as_of: AsOf = None,
    level: Annotated[Level | None, Query(description="one level for every profile")] = None,
    only_diff: Annotated[bool, Query(description="keep only rows that differ")] = False,
) -> CompareQuery:
    """The query parameters of a comparison."""
    return CompareQuery(
        profile=tuple(profile), as_of=as_of, level=level, adopt=tuple(adopt), only_diff=only_diff
    )


def year_query(year: Year, adopt: Adopt, level: Level = "provincial") -> ObligationsRequest:
    """The query parameters of a year's obligations (no cases)."""
    return ObligationsRequest(year=year, level=level, adopted=list(adopt))


def cases_router(ans: Answerer) -> APIRouter:
    """The router of the case endpoints."""
    r = APIRouter(prefix="/v1")
    cat = ans.catalog

    @r.post(
        "/profiles/{name}/replay",
        summary="Replay an event log: state, deadlines, violations",
        tags=["cases"],
        responses=result_answer("replay-1", profile=True, body=True),
    )
    async def replay(request: Request, name: NameParam, log: EventLog) -> Response:
        """Replay the event log (``govshare-log/1``, docs/processes.md) under the profile: the
        state the case is in, open duties and their due days, timers that fired (deemed
        consent), violations and findings, and the trace with a citation per step. The log's
        ``as_of`` is the instant reported at (``govshare replay --json``)."""
        from govshare.render.process import Replay  # noqa: PLC0415

        def compute() -> Replay:
            prof = cat.get(name)
            st = _replay(ans, prof, log, "")
            proc = prof.model.processes[st.process]
            return Replay(
                status=st,
                profile_name=prof.model.name,
                process_label=proc.label,
                state_labels={sid: s.label for sid, s in proc.states.items()},
            )

        return await ans.json(request, compute, profiles=[name], where=_LOG_WHERE)

    @r.post(
        "/profiles/{name}/decide",
        summary="Which access path a request takes, and who reviews it",
        tags=["cases"],
        responses=result_answer("decision-1", profile=True, body=True),
    )
    async def decide(request: Request, name: NameParam, body: AccessRequest) -> Response:
        """The path a request for a resource takes (``govshare-request/1``, docs/access.md):
        refused, unconditional, or reviewed, by whom, with each step's latest due date and
        the texts that say so (``govshare decide --json``)."""
        from govshare.access import decide_access  # noqa: PLC0415
        from govshare.render.process import Decision  # noqa: PLC0415

        def compute() -> Decision:
            d = decide_access(
                cat.get(name),
                body.resource,
                body.requester,
                as_of=body.as_of,
                level=body.level,
                adopted=body.adopted,
            )
            return Decision(decision=d)

        where = Where(
            params={"profile": "name"},
            body={
                "resource": "/resource",
                "requester": "/requester",
                "as_of": "/as_of",
                "level": "/level",
                "adopted": "/adopted",
            },
        )
        return await ans.json(request, compute, profiles=[name], where=where)

    _compare(r, ans)
    _obligations(r, ans)

    _checks(r, ans)
    return r


def _checks(r: APIRouter, ans: Answerer) -> None:
    cat = ans.catalog

    @r.post(
        "/selfcheck",
        summary="Self-assessment of a department against a standard",
        tags=["self-check"],
        responses=result_answer("selfcheck-1", profile=True, body=True),
    )
    async def selfcheck(request: Request, body: SelfCheckRequest) -> Response:
        """Each checklist item of the standard as met, not met or no evidence for the
        department given in the body (``govshare-department/1`` as JSON, docs/check.md); with
        ``serves``, whether its procedures fit the deadlines they serve (``govshare check``)."""
        from govshare.features.selfcheck import check_department, load_department  # noqa: PLC0415

        def compute() -> object:
            std = cat.get(body.standard)
            serves = None if body.serves is None else cat.get(body.serves)
            text = json.dumps(body.department, ensure_ascii=False)
            dept = load_department("department", text=text, standard=std)
            return check_department(
                std, dept, serves=serves, as_of=body.as_of, level=body.level, start=body.start
            )

        where = Where(
            body={
                "standard": "/standard",
                "serves": "/serves",
                "as_of": "/as_of",
                "level": "/level",
                "start": "/start",
            },
            document="/department",
        )
        used = [body.standard, *([body.serves] if body.serves else [])]
        return await ans.json(request, compute, profiles=used, where=where)

    @r.post(
        "/scenarios/run",
        summary="Run scenario files: PASS/FAIL, expected versus actual",
        tags=["scenarios"],
        responses=result_answer("scenario-results-1", profile=True, body=True),
    )
    async def scenarios(request: Request, body: ScenarioRunRequest) -> Response:
        """Run the scenario files (``govshare-scenario/1``, docs/scenarios.md) given as texts:
        one result per scenario and profile (``govshare test --json``). A file that is not
        valid is one ``error`` result; profiles are named, never paths."""
        from govshare.features.scenarios import (  # noqa: PLC0415
            ScenarioResults,
            file_problem,
            load_scenarios,
            run_scenario,
        )

        used: list[str] = []

        def compute() -> ScenarioResults:
            ans.limit("files", len(body.files), "max_items", at="/files")
            results = []
            for k, f in enumerate(body.files):
                try:
                    loaded = load_scenarios(f.name, text=f.text)
                except Exception as exc:  # an invalid file is one error result, as in the CLI
                    results.append(file_problem(f.name, exc))
                    continue
                for s in loaded:
                    if s.profile not in cat.entries:
                        raise InputError(
                            f"files.{k}.text",
                            s.profile,
                            f"the name of a profile served ({', '.join(cat.names)}), never a "
                            f"path (line {s.profile_line or s.line} of {f.name})",
                        )
                    entry = cat.entries[s.profile]
                    used.append(s.profile)
                    run = s
                    if entry.origin == "directory":  # the runner finds it by its path
                        run = dataclasses.replace(s, profile=entry.profile.file)
                    res = run_scenario(run)
                    results.append(dataclasses.replace(res, profile=s.profile))
            return ScenarioResults(results=tuple(results))

        return await ans.json(
            request, compute, profiles=used, where=Where(body={"files": "/files"})
        )


def _compare(r: APIRouter, ans: Answerer) -> None:
    cat = ans.catalog
    where = Where(
        params={"profile": "profile", "as_of": "as_of", "level": "level", "adopted": "adopt"}
    )

    def matrix(q: CompareQuery) -> object:
        from govshare.features.compare import (  # noqa: PLC0415
            adopted_by_profile,
            compare_rules,
            jurisdictions,
        )

        ans.limit("profiles", len(q.profile), "max_items", at="profile")
        loaded = [cat.get(n) for n in (q.profile or jurisdictions())]
        return compare_rules(
            loaded,
            as_of=q.as_of or _today(),
            level=q.level,
            adopted=adopted_by_profile(loaded, q.adopt),
            only_diff=q.only_diff,
        )

    @r.get(
        "/compare",
        summary="Compare profiles rule by rule",
        tags=["compare"],
        responses=result_answer("compare-1", profile=True),
    )
    async def compare(
        request: Request, q: Annotated[CompareQuery, Depends(compare_query)]
    ) -> Response:
        """Rows are the inventory's rule keys, columns the profiles (a column per level by
        default), each cell the value in force with its citation (``govshare compare --json``)."""
        return await ans.json(request, lambda: matrix(q), profiles=list(q.profile), where=where)

    @r.get(
        "/compare/html",
        summary="Compare profiles rule by rule: the HTML page",
        tags=["compare"],
        responses=media_answer("text/html", "a self-contained HTML page", profile=True),
    )
    async def compare_html(
        request: Request, q: Annotated[CompareQuery, Depends(compare_query)], lang: Lang = "zh"
    ) -> Response:
        """The comparison as a self-contained HTML page (``govshare compare --format html``)."""
        from govshare.render.registry import render  # noqa: PLC0415

        def compute() -> str | bytes:
            return render(matrix(q), "html", lang=lang)

        html = "text/html; charset=utf-8"
        return await ans.media(request, compute, html, profiles=list(q.profile), where=where)

    @r.post(
        "/compare/scenario",
        summary="One event log replayed under each profile, side by side",
        tags=["compare"],
        responses=result_answer("compare-scenario-1", profile=True, body=True),
    )
    async def compare_scenario(request: Request, body: CompareScenarioRequest) -> Response:
        """Replay the log under each profile: each duty's due day and the outcome side by
        side, and where they diverge (``govshare compare --scenario LOG --json``)."""
        from govshare.features.compare import compare_scenario as compare  # noqa: PLC0415
        from govshare.features.compare import jurisdictions  # noqa: PLC0415

        def compute() -> object:
            ans.limit("profiles", len(body.profiles), "max_items", at="/profiles")
            ans.limit("events", len(body.log.events), "max_events", at="/log/events")
            loaded = [cat.get(n) for n in (body.profiles or jurisdictions())]
            return compare(
                body.log,
                loaded,
                as_of=body.as_of,
                level=body.level,
                adopted=body.adopted or None,
            )

        w = Where(
            body={
                "as_of": "/as_of",
                "level": "/level",
                "adopted": "/adopted",
                "profile": "/profiles",
            },
            events="/log/events",
        )
        return await ans.json(request, compute, profiles=body.profiles, where=w)


def _obligations(r: APIRouter, ans: Answerer) -> None:
    cat = ans.catalog
    where = Where(
        params={"profile": "name", "year": "year", "level": "level", "adopted": "adopt"},
        body={"year": "/year", "level": "/level", "adopted": "/adopted", "as_of": "/as_of"},
    )

    def calendar(name: str, body: ObligationsRequest) -> object:
        from govshare.features.obligations import obligation_calendar  # noqa: PLC0415

        ans.limit("logs", len(body.logs), "max_items", at="/logs")
        prof = cat.get(name)
        cases = []
        for k, log in enumerate(body.logs):
            if body.as_of is not None:
                log = log.model_copy(update={"as_of": body.as_of})  # noqa: PLW2901
            cases.append(_replay(ans, prof, log, f"/logs/{k}"))
        return obligation_calendar(
            prof, body.year, level=body.level, adopted=body.adopted, status=cases
        )

    def ics(name: str, body: ObligationsRequest, lang: str) -> str | bytes:
        from govshare.render.registry import render  # noqa: PLC0415

        return render(calendar(name, body), "ics", lang=lang)

    ics_type = "text/calendar; charset=utf-8"

    @r.get(
        "/profiles/{name}/obligations",
        summary="A year's recurring duties, with citations",
        tags=["obligations"],
        responses=result_answer("obligations-1", profile=True),
    )
    async def obligations(
        request: Request, name: NameParam, q: Annotated[ObligationsRequest, Depends(year_query)]
    ) -> Response:
        """A year's recurring duties at the level (annual reports, lists, catalog upkeep),
        each with its due date and the rule's words (``govshare obligations --json``)."""
        return await ans.json(request, lambda: calendar(name, q), profiles=[name], where=where)

    @r.get(
        "/profiles/{name}/obligations.ics",
        summary="A year's recurring duties as iCalendar",
        tags=["obligations"],
        responses=media_answer(ics_type, "an iCalendar file (RFC 5545)", profile=True),
    )
    async def obligations_ics(
        request: Request,
        name: NameParam,
        q: Annotated[ObligationsRequest, Depends(year_query)],
        lang: Lang = "zh",
    ) -> Response:
        """The dated duties as iCalendar events (``govshare obligations --ics``)."""
        file = f"{name}-{q.year}.ics"
        return await ans.media(
            request,
            lambda: ics(name, q, lang),
            ics_type,
            profiles=[name],
            where=where,
            filename=file,
        )

    @r.post(
        "/profiles/{name}/obligations",
        summary="A year's duties and the open duties of the cases given",
        tags=["obligations"],
        responses=result_answer("obligations-1", profile=True, body=True),
    )
    async def obligations_cases(
        request: Request, name: NameParam, body: ObligationsRequest
    ) -> Response:
        """The year's recurring duties and, for each event log given, the case's open duties
        with their due dates (``govshare obligations --log LOG --json``)."""
        return await ans.json(request, lambda: calendar(name, body), profiles=[name], where=where)

    @r.post(
        "/profiles/{name}/obligations.ics",
        summary="A year's duties and the cases' open duties as iCalendar",
        tags=["obligations"],
        responses=media_answer(ics_type, "an iCalendar file (RFC 5545)", profile=True, body=True),
    )
    async def obligations_cases_ics(
        request: Request, name: NameParam, body: ObligationsRequest, lang: Lang = "zh"
    ) -> Response:
        """The dated duties and the cases' open duties as iCalendar events."""
        return await ans.media(
            request,
            lambda: ics(name, body, lang),
            ics_type,
            profiles=[name],
            where=where,
            filename=f"{name}-{body.year}.ics",
        )
