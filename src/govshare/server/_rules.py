"""``/v1`` endpoints on profiles, rules, deadlines and working days (all ``GET`` but the batch).

Each endpoint calls the library as the command line does and answers the same registered
result (``govshare profiles``, ``show``, ``deadline``, ``workday is|add|count`` with ``--json``),
plus the layered provisions (:func:`govshare.profiles.provisions`; a deadline carries every
layer's due day) and the batch form of ``workday add``
(:meth:`govshare.calendar.WorkCalendar.add_working_days_array`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from starlette.requests import Request
from starlette.responses import Response

from govshare.server._answer import Answerer
from govshare.server._models import WorkdayBatchRequest
from govshare.server._openapi import result_answer
from govshare.server._problems import Where

__all__ = ["rules_router"]

Level = Literal["provincial", "prefectural", "county"]

NameParam = Annotated[
    str,
    Path(
        description="a profile's name (GET /v1/profiles lists them)",
        examples=["national"],
        max_length=200,
    ),
]
KeyParam = Annotated[
    str,
    Path(
        description="a rule key, e.g. share.conditional.provider_reply",
        examples=["share.conditional.provider_reply"],
        max_length=200,
    ),
]
AsOf = Annotated[
    str | None,
    Query(
        description="ISO date deciding which documents are in force (default: today, "
        "Asia/Shanghai; for a deadline: the start date)",
        max_length=64,
    ),
]
LevelQ = Annotated[Level, Query(description="the administrative level whose documents apply")]
Adopt = Annotated[
    list[Annotated[str, Query(min_length=1, max_length=200)]],
    Query(
        default_factory=list,
        description="a document adopted at the level (参照执行); repeat for several",
    ),
]
Region = Annotated[
    str | None,
    Query(
        description="a regional calendar on top of the national one (default: national)",
        max_length=64,
    ),
]
DateQ = Annotated[str, Query(description="ISO date, e.g. 2026-10-10", max_length=64)]

_RULE_WHERE = Where(
    params={
        "profile": "name",
        "key": "key",
        "as_of": "as_of",
        "level": "level",
        "adopted": "adopt",
        "start": "start",
    }
)


@dataclass(frozen=True, kw_only=True)
class RuleQuery:
    """A question about a profile's rule: which key, at which level, date and adoption."""

    name: str
    key: str
    level: str
    as_of: str | None
    adopt: tuple[str, ...]

    @property
    def when(self) -> str:
        """The date deciding which documents are in force (default: today)."""
        return self.as_of or _today()


def rule_query(
    name: NameParam,
    key: KeyParam,
    adopt: Adopt,
    level: LevelQ = "provincial",
    as_of: AsOf = None,
) -> RuleQuery:
    """The query parameters of a rule question."""
    return RuleQuery(name=name, key=key, level=level, as_of=as_of, adopt=tuple(adopt))


@dataclass(frozen=True, kw_only=True)
class DeadlineQuery(RuleQuery):
    """A rule question with the event's date: when does the period end?"""

    start: str


def deadline_query(
    q: Annotated[RuleQuery, Depends(rule_query)],
    start: Annotated[
        str,
        Query(
            description="the event's ISO date or datetime (naive = Asia/Shanghai)",
            examples=["2026-09-30"],
            max_length=64,
        ),
    ],
) -> DeadlineQuery:
    """The query parameters of a deadline question."""
    return DeadlineQuery(**{**q.__dict__, "start": start})


def _today() -> str:
    import datetime as dt  # noqa: PLC0415

    from govshare._kernel.dates import SHANGHAI  # noqa: PLC0415

    return dt.datetime.now(SHANGHAI).date().isoformat()


def rules_router(ans: Answerer) -> APIRouter:
    """The router of the profile, rule, deadline and working-day endpoints."""
    r = APIRouter(prefix="/v1")
    cat = ans.catalog

    @r.get(
        "/profiles",
        summary="The profiles served",
        tags=["profiles"],
        responses=result_answer("profiles-1"),
    )
    async def profiles(request: Request) -> Response:
        """Every profile served (bundled, installed, and from the server's profile directory),
        with its documents and each document's status (``govshare profiles --json``)."""
        from govshare.render.profiles import (  # noqa: PLC0415
            DocumentStatus,
            ProfileList,
            ProfileSummary,
        )

        def compute() -> ProfileList:
            found = []
            for name in cat.names:
                prof = cat.get(name)
                docs = tuple(DocumentStatus(id=d.id, status=d.status) for d in prof.model.documents)
                found.append(ProfileSummary(id=prof.id, name=prof.model.name, documents=docs))
            return ProfileList(profiles=tuple(found))

        return await ans.json(request, compute, profiles=cat.names)

    @r.get(
        "/profiles/{name}",
        summary="A profile's documents, rules and processes",
        tags=["profiles"],
        responses=result_answer("profile-view-1", profile=True),
    )
    async def profile(request: Request, name: NameParam) -> Response:
        """A profile's documents (title, number, status, dates in force, rank), every rule key's
        entries with their quotes, and its processes (``govshare show NAME --json``)."""
        from govshare.render.profiles import ProfileView  # noqa: PLC0415

        def compute() -> ProfileView:
            prof = cat.get(name)
            return ProfileView(
                id=prof.id,
                name=prof.model.name,
                documents=tuple(prof.model.documents),
                rules={k: tuple(v) for k, v in prof.model.rules.items()},
                processes={pid: p.label for pid, p in prof.model.processes.items()},
                layer_under=prof.model.layer_under,
            )

        return await ans.json(request, compute, profiles=[name], where=_RULE_WHERE)

    @r.get(
        "/profiles/{name}/rules/{key}",
        summary="The rule in force for a key",
        tags=["rules"],
        responses=result_answer("rule-1", profile=True),
    )
    async def rule(request: Request, q: Annotated[RuleQuery, Depends(rule_query)]) -> Response:
        """The rule the profile's own documents set for the key at the date and level: the
        value, its citation and the rules it displaces."""

        def compute() -> object:
            return cat.get(q.name).rule(q.key, as_of=q.when, level=q.level, adopted=q.adopt)

        return await ans.json(request, compute, profiles=[q.name], where=_RULE_WHERE)

    @r.get(
        "/profiles/{name}/provisions/{key}",
        summary="Every layer's provision on a key: binding, ceilings, conflicts",
        tags=["rules"],
        responses=result_answer("layered-rule-1", profile=True),
    )
    async def provisions(
        request: Request, q: Annotated[RuleQuery, Depends(rule_query)]
    ) -> Response:
        """The provision of the profile and of each layer above it (``layer_under``, e.g. the
        national regulation) with its relation (binds, ceiling, yields, alongside, alone,
        silent, not_in_force), the binding rule, the conflicts and the readings applied."""
        from govshare.profiles import provisions as layered  # noqa: PLC0415

        def compute() -> object:
            return layered(cat.get(q.name), q.key, as_of=q.when, level=q.level, adopted=q.adopt)

        return await ans.json(request, compute, profiles=[q.name], where=_RULE_WHERE)

    @r.get(
        "/profiles/{name}/deadlines/{key}",
        summary="The binding deadline for an event, with every layer's beside it",
        tags=["deadlines"],
        responses=result_answer("deadline-1", profile=True),
    )
    async def deadline(
        request: Request, q: Annotated[DeadlineQuery, Depends(deadline_query)]
    ) -> Response:
        """The binding due day (``due``) and the instant the period ends (``end_instant``),
        with its citation, and every layer's own due day beside it (``layers``: the national
        ceiling, or a longer local limit that yields, with an approved extension's latest
        day) and the readings applied (``govshare deadline --json``)."""

        def compute() -> object:
            prof = cat.get(q.name)
            return prof.deadline(q.key, q.start, level=q.level, as_of=q.as_of, adopted=q.adopt)

        return await ans.json(request, compute, profiles=[q.name], where=_RULE_WHERE)

    _workdays(r, ans)
    return r


_DAY_WHERE = Where(
    params={"date": "date", "start": "start", "end": "end", "n": "n", "region": "region"}
)
_BATCH_WHERE = Where(body={"dates": "/dates", "n": "/n", "region": "/region"})


def _workdays(r: APIRouter, ans: Answerer) -> None:
    from govshare.calendar import get_calendar  # noqa: PLC0415

    @r.get(
        "/workdays/is",
        summary="Is the date a working day?",
        tags=["working days"],
        responses=result_answer("workday-1"),
    )
    async def workday_is(request: Request, date: DateQ, region: Region = None) -> Response:
        """What the date is (working day, weekend, holiday, make-up working day), its name
        and the notice that says so (``govshare workday is --json``)."""
        from govshare.render.calendar import DayStatus  # noqa: PLC0415

        def compute() -> DayStatus:
            cal = get_calendar(region)
            info = cal.day_info(date)
            warnings = cal.warnings_between(info.date, info.date)
            return DayStatus.of(info, region=cal.region, warnings=warnings)

        return await ans.json(request, compute, where=_DAY_WHERE)

    @r.get(
        "/workdays/add",
        summary="The n-th working day after a date",
        tags=["working days"],
        responses=result_answer("workday-add-1"),
    )
    async def workday_add(
        request: Request,
        *,
        start: Annotated[
            str,
            Query(
                description="ISO date or datetime (not counted)",
                examples=["2026-10-09"],
                max_length=64,
            ),
        ],
        n: Annotated[int, Query(ge=0, le=100_000, description="working days to add, >= 0")],
        region: Region = None,
    ) -> Response:
        """The n-th working day after ``start``; the start day is not counted, and n = 0
        gives the start itself when it is a working day (``govshare workday add --json``)."""
        from govshare.render.calendar import WorkingDayResult  # noqa: PLC0415

        def compute() -> WorkingDayResult:
            cal = get_calendar(region)
            due = cal.add_working_days(start, n)
            return WorkingDayResult(
                start=cal.day_info(start).date,
                n=n,
                date=due,
                end_instant=cal.end_instant(due),
                region=cal.region,
                provisional=due.provisional,
                warnings=due.warnings,
            )

        return await ans.json(request, compute, where=_DAY_WHERE)

    @r.get(
        "/workdays/count",
        summary="The working days after a date up to and including another",
        tags=["working days"],
        responses=result_answer("workday-count-1"),
    )
    async def workday_count(
        request: Request,
        *,
        start: Annotated[str, Query(description="ISO date (not counted)", max_length=64)],
        end: Annotated[str, Query(description="ISO date (counted)", max_length=64)],
        region: Region = None,
    ) -> Response:
        """The number of working days in (start, end]; negative when end is before start
        (``govshare workday count --json``)."""
        from govshare._kernel.dates import to_date  # noqa: PLC0415
        from govshare.render.calendar import WorkingDayCount  # noqa: PLC0415

        def compute() -> WorkingDayCount:
            a, b = to_date(start, "start"), to_date(end, "end")
            cal = get_calendar(region)
            return WorkingDayCount(
                start=a,
                end=b,
                working_days=cal.working_days_between(a, b),
                region=cal.region,
                provisional=False,
                warnings=cal.warnings_between(a, b),
            )

        return await ans.json(request, compute, where=_DAY_WHERE)

    @r.post(
        "/workdays/add-batch",
        summary="The n-th working day after each of many dates (arrays)",
        tags=["working days"],
        responses=result_answer("workday-batch-1", body=True),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/WorkdayBatchRequest"}
                    }
                },
            }
        },
    )
    async def workday_batch(request: Request) -> Response:
        """The n-th working day after each date, for arrays of dates and counts (one count
        for all, or one per date), answered by the calendar's array API in one pass.
        ``uncertain`` lists the indexes of answers resting on low-confidence regional data.
        The body (a :class:`WorkdayBatchRequest`) is parsed and validated in one pass."""
        raw = await request.body()
        return await ans.json(request, lambda: _batch(ans, raw), where=_BATCH_WHERE)


def _batch(ans: Answerer, raw: bytes) -> object:
    """The batch answer of a request body (JSON bytes)."""
    import numpy as np  # noqa: PLC0415
    from fastapi.exceptions import RequestValidationError  # noqa: PLC0415
    from pydantic import ValidationError  # noqa: PLC0415

    from govshare.calendar import get_calendar  # noqa: PLC0415
    from govshare.errors import InputError  # noqa: PLC0415
    from govshare.render.calendar import WorkingDayBatch  # noqa: PLC0415

    try:
        body = WorkdayBatchRequest.model_validate_json(raw)
    except ValidationError as exc:  # as FastAPI reports a body it validates itself
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None
    n = body.n
    ans.limit("dates", len(body.dates), "max_array", at="/dates")
    if isinstance(n, list):
        ans.limit("n", len(n), "max_array", at="/n")
        if len(n) != len(body.dates):
            raise InputError("n", len(n), f"one count, or {len(body.dates)} (one per date)")
    try:
        days = np.array(body.dates, dtype="datetime64[D]")
    except ValueError as exc:
        raise InputError("dates", "…", f"real ISO dates ({exc})") from None
    cal = get_calendar(body.region)
    out, uncertain = cal.add_working_days_array(
        days, np.asarray(n, dtype=np.int64), return_uncertain=True
    )
    return WorkingDayBatch(
        region=cal.region,
        dates=tuple(out.tolist()),
        uncertain=tuple(int(i) for i in np.flatnonzero(uncertain)),
    )
