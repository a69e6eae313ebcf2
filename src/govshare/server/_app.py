"""The FastAPI application: the ``/v1`` routers, health, the OpenAPI document, the docs page,
the problem handlers and the middleware. :func:`create_app` builds it from
:class:`~govshare.server.Settings`; :func:`app_from_env` is the factory uvicorn's workers
call (the settings travel as ``GOVSHARE_*`` variables).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from govshare import __version__
from govshare.render.json import json_types
from govshare.server._answer import Answerer, problem_response
from govshare.server._cases import cases_router
from govshare.server._catalog import Catalog
from govshare.server._middleware import BodyTooLarge, ServerMiddleware
from govshare.server._openapi import complete
from govshare.server._problems import (
    BodyTooLargeError,
    Problem,
    ProblemItem,
    ProblemResponse,
    json_pointer,
    make_problem,
)
from govshare.server._rules import rules_router
from govshare.server._settings import Settings
from govshare.server._trace import JsonResponse, trace_headers

__all__ = ["API_DESCRIPTION", "app_from_env", "create_app", "openapi_document"]

API_DESCRIPTION = """\
Rules as code for Chinese government data-sharing regulations (政务数据共享), over HTTP: the
rules in force with their citations, deadlines counted on the official working-day calendar
(make-up working days included), working-day questions, replay of an event log, access
decisions, comparisons, obligations and self-checks.

Every JSON answer is `{"trace": ..., "result": ...}`: `result` is the same `govshare-…`
document the command line prints with `--json`; `trace` (also sent as `X-Govshare-*`
headers) names the decision id, the govshare version, each profile's content hash and the
calendar data's version. Errors are RFC 9457 problem details (`application/problem+json`).
Compatibility: within `/v1` changes are additive (new endpoints, parameters and fields).
"""


class Health(BaseModel):
    """The server's state."""

    status: str = Field(description="'ok' (alive) or 'ready' (profiles and calendar loaded)")
    version: str = Field(description="the govshare version")
    profiles: list[str] = Field(default_factory=list, description="the profiles served")
    calendar_last_year: int | None = Field(
        default=None, description="the last year the official calendar data covers"
    )


def _assets() -> Path | None:
    """The Swagger UI and ReDoc assets shipped by the fastapi-offline package."""
    try:
        import fastapi_offline  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the server extra installs it
        return None
    root = Path(fastapi_offline.__file__).parent / "static"
    return root if root.is_dir() else None


def _validation_items(exc: RequestValidationError) -> list[ProblemItem]:
    items = []
    for err in exc.errors():
        loc = [p for p in err.get("loc", ()) if isinstance(p, str | int)]
        where, rest = (loc[0], loc[1:]) if loc else ("body", [])
        msg = str(err.get("msg", "invalid"))
        if where == "body":
            items.append(ProblemItem(detail=msg, pointer=json_pointer(*rest)))
        else:
            name = str(rest[0]) if rest else str(where)
            items.append(ProblemItem(detail=f"{name}: {msg}", parameter=name))
    return items


def _handlers(app: FastAPI, ans: Answerer) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        items = _validation_items(exc)
        first = items[0] if items else ProblemItem(detail="invalid request")
        problem = make_problem(
            "invalid-request",
            "; ".join(i.detail for i in items[:5]) or "invalid request",
            "RequestValidationError",
            errors=items,
            pointer=first.pointer,
            parameter=first.parameter,
        )
        return _send(request, problem, ans)

    @app.exception_handler(HTTPException)
    async def http(request: Request, exc: HTTPException) -> Response:
        if isinstance(exc, BodyTooLarge):
            err = BodyTooLargeError(
                "request body", exc.limit, exc.received, "max_body_bytes", at=""
            )
            return problem_response(err, request, ans.trace())
        # 400 is FastAPI's answer to a body it cannot decode: invalid input, 422 like the rest
        slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "invalid-request")
        problem = make_problem(slug, str(exc.detail), "HTTPException")
        return _send(request, problem, ans, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:  # pragma: no cover
        return problem_response(exc, request, ans.trace())


def _send(
    request: Request, problem: Problem, ans: Answerer, headers: dict[str, str] | None = None
) -> Response:
    trace = ans.trace()
    problem.instance = request.url.path
    problem.decision_id = trace.decision_id
    body = problem.model_dump(mode="json", exclude_none=True)
    return ProblemResponse(
        body, status_code=problem.status, headers={**trace_headers(trace), **(headers or {})}
    )


def _operations(app: FastAPI, ans: Answerer) -> None:
    cat = ans.catalog

    @app.get("/healthz", tags=["operation"], summary="Liveness", response_model=Health)
    async def healthz() -> Health:
        """The process answers (for a liveness probe)."""
        return Health(status="ok", version=__version__)

    @app.get("/readyz", tags=["operation"], summary="Readiness", response_model=Health)
    async def readyz() -> Health:
        """The profiles and the calendar data are loaded and the server answers (for a
        readiness probe and a load balancer)."""
        return Health(
            status="ready",
            version=__version__,
            profiles=cat.names,
            calendar_last_year=cat.calendar.last_year,
        )

    assets = _assets()
    if assets is None:  # pragma: no cover
        return
    app.mount("/docs/static", StaticFiles(directory=assets), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="govshare API",
            swagger_js_url="/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="govshare API",
            redoc_js_url="/docs/static/redoc.standalone.js",
            redoc_favicon_url="/docs/static/favicon.png",
            with_google_fonts=False,
        )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application serving ``settings`` (default: from the ``GOVSHARE_*`` variables).

    Loads every profile and the calendar data first (a bad profile file stops the start
    with its file, line and field), so a started server is ready.
    """
    settings = settings or Settings.from_env()
    catalog = Catalog(profiles_dir=settings.profiles_dir, calendar_files=settings.calendar_files)
    json_types()  # import the renderers now, not on the first request
    ans = Answerer(catalog, settings)
    app = FastAPI(
        title="govshare",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        default_response_class=JsonResponse,
    )
    app.state.settings = settings
    app.state.catalog = catalog
    app.include_router(rules_router(ans))
    app.include_router(cases_router(ans))
    _operations(app, ans)
    _handlers(app, ans)
    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware  # noqa: PLC0415

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            expose_headers=["X-Govshare-Decision-Id", "X-Govshare-Profiles"],
        )
    app.add_middleware(ServerMiddleware, settings=settings)
    document: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not document:
            base = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=_TAGS,
            )
            document.update(complete(base))
        return document

    app.openapi = openapi  # type: ignore[method-assign]
    return app


_TAGS = [
    {"name": "profiles", "description": "the profiles served and their documents"},
    {"name": "rules", "description": "the rule in force; every layer's provision"},
    {"name": "deadlines", "description": "due dates on the official working-day calendar"},
    {"name": "working days", "description": "is, add, count, and the batch form"},
    {"name": "cases", "description": "replay an event log; access decisions"},
    {"name": "compare", "description": "profiles side by side (JSON, HTML)"},
    {"name": "obligations", "description": "a year's duties (JSON, iCalendar)"},
    {"name": "self-check", "description": "a department against a standard"},
    {"name": "scenarios", "description": "run scenario files"},
    {"name": "operation", "description": "health and readiness"},
]


def app_from_env() -> FastAPI:
    """The application from the ``GOVSHARE_*`` variables (uvicorn's factory, per worker)."""
    return create_app(Settings.from_env())


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document (as committed in schemas/openapi.json): the bundled profiles
    only, default settings."""
    return create_app(Settings(access_log=False)).openapi()
