"""The server's settings: command-line options, environment variables and their defaults.

Every setting has one name in three places: the ``govshare serve`` option (``--max-events``),
the environment variable (``GOVSHARE_MAX_EVENTS``) and the :class:`Settings` field
(``max_events``). An option given on the command line wins over the environment; the
environment wins over the default. docs/server.md lists them all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from govshare.errors import InputError

__all__ = ["ENV_PREFIX", "Settings"]

#: Every environment variable of the server starts with this.
ENV_PREFIX = "GOVSHARE_"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What ``govshare serve`` runs with (docs/server.md, "Settings").

    Attributes:
        host: the address to listen on (loopback by default: put a reverse proxy in front).
        port: the TCP port.
        workers: uvicorn worker processes (the server is stateless: add workers or instances).
        profiles_dir: a directory of profile files (``*.yaml``) served beside the bundled and
            installed ones, by file name; chosen at start-up, never by a request.
        calendar_files: official arrangements (YAML) loaded at start-up.
        decision_log: append one JSON line per answer to this file (request, answer, hashes).
        max_body_bytes: a request body larger than this is refused (413).
        max_events: an event log with more events is refused (422).
        max_array: a batch with more dates (or counts) is refused (422).
        max_items: a request naming more profiles, logs or scenario files is refused (422).
        request_timeout: seconds one answer may take; past it the answer is 503.
        cors_origins: origins allowed to call from a browser (CORS); empty = CORS off.
        access_log: write one JSON line per request to standard error.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    profiles_dir: Path | None = None
    calendar_files: tuple[Path, ...] = ()
    decision_log: Path | None = None
    max_body_bytes: int = 4 * 1024 * 1024
    max_events: int = 1000
    max_array: int = 100_000
    max_items: int = 50
    request_timeout: float = 10.0
    cors_origins: tuple[str, ...] = ()
    access_log: bool = True

    def __post_init__(self) -> None:
        for name in ("port", "workers", "max_body_bytes", "max_events", "max_array", "max_items"):
            if getattr(self, name) < (0 if name == "port" else 1):
                raise InputError(name, getattr(self, name), "a positive whole number")
        if not self.request_timeout > 0:
            raise InputError("request_timeout", self.request_timeout, "a number of seconds > 0")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``GOVSHARE_*`` variables, then ``overrides`` (those not None)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(_env_name(f.name))
            if raw is not None and raw.strip() != "":
                values[f.name] = _parse(f.name, raw.strip())
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The ``GOVSHARE_*`` variables that give these settings (handed to the workers)."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, tuple):
                sep = os.pathsep if f.name == "calendar_files" else ","
                text = sep.join(str(v) for v in value)
            elif isinstance(value, bool):
                text = "1" if value else "0"
            else:
                text = str(value)
            out[_env_name(f.name)] = text
        return out


#: Settings whose variable is not the field's name in capitals (one file per path).
_ENV_NAMES = {"calendar_files": "CALENDAR_FILE"}


def _env_name(name: str) -> str:
    """The environment variable of a setting: ``GOVSHARE_MAX_EVENTS``."""
    return ENV_PREFIX + _ENV_NAMES.get(name, name.upper())


_INTS = frozenset({"port", "workers", "max_body_bytes", "max_events", "max_array", "max_items"})


def _parse(name: str, raw: str) -> object:  # noqa: PLR0911 - one return per type
    """An environment variable's text as the setting's type."""
    var = _env_name(name)
    if name in _INTS:
        try:
            return int(raw)
        except ValueError:
            raise InputError(var, raw, "a whole number") from None
    if name == "request_timeout":
        try:
            return float(raw)
        except ValueError:
            raise InputError(var, raw, "a number of seconds") from None
    if name == "access_log":
        if raw.lower() not in ("1", "0", "true", "false", "on", "off", "yes", "no"):
            raise InputError(var, raw, "1 or 0 (on or off)")
        return raw.lower() in ("1", "true", "on", "yes")
    if name in ("profiles_dir", "decision_log"):
        return Path(raw)
    if name == "calendar_files":
        return tuple(Path(p) for p in raw.split(os.pathsep) if p)
    if name == "cors_origins":
        return tuple(o.strip() for o in raw.split(",") if o.strip())
    return raw
