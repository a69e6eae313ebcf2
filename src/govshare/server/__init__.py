"""``govshare serve``: the rules as an HTTP policy-decision service (FastAPI on uvicorn).

An adapter, like the command line: it calls the same feature functions and answers the same
registered JSON documents (:func:`govshare.render.json.to_json`), wrapped with a trace
(decision id, version, profile and calendar hashes). Needs the ``server`` extra
(``pip install "govshare[server]"``); docs/server.md describes the endpoints, settings,
errors, traceability and an offline install.

>>> from govshare.server import Settings, create_app   # doctest: +SKIP
>>> app = create_app(Settings(profiles_dir=None))        # doctest: +SKIP
"""

from govshare.server._app import API_DESCRIPTION, app_from_env, create_app, openapi_document
from govshare.server._catalog import Catalog, UnknownProfileError
from govshare.server._settings import ENV_PREFIX, Settings

__all__ = [
    "API_DESCRIPTION",
    "ENV_PREFIX",
    "Catalog",
    "Settings",
    "UnknownProfileError",
    "app_from_env",
    "create_app",
    "openapi_document",
]
