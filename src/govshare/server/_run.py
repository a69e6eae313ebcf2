"""Running the server under uvicorn (``govshare serve``)."""

from __future__ import annotations

import os
from typing import Any

from govshare.server._settings import Settings

__all__ = ["log_config", "run"]


def log_config() -> dict[str, Any]:
    """uvicorn's logging set-up: its own messages as usual, the access log (one JSON line per
    request, :mod:`govshare.server._middleware`) as it is, both on standard error."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(message)s"},
            "server": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            },
            "server": {
                "class": "logging.StreamHandler",
                "formatter": "server",
                "stream": "ext://sys.stderr",
            },
        },
        "loggers": {
            "govshare.server.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            "govshare.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["server"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
        },
    }


def run(settings: Settings) -> None:
    """Serve ``settings`` until interrupted. The profiles and calendar files are loaded
    first, so a bad file stops the start with its file, line and field."""
    import uvicorn  # noqa: PLC0415

    from govshare.server._app import create_app  # noqa: PLC0415

    app = create_app(settings)
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_config": log_config(),
        "access_log": False,  # the server writes its own, as JSON lines
        "server_header": False,
    }
    if settings.workers == 1:
        uvicorn.run(app, **common)
        return
    os.environ.update(settings.to_env())  # each worker builds its app from these
    uvicorn.run("govshare.server:app_from_env", factory=True, workers=settings.workers, **common)
