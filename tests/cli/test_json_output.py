"""Every ``--json`` command's output is a document valid against its published schema.

A document names its schema in its ``schema`` field (``govshare-<name>/<version>``); the
schema is ``schemas/<name>-<version>.schema.json`` (scripts/build_schemas.py). Commands
whose output is not a registered type yet are marked xfail (strict): when the type is
registered the row passes, the xfail turns into a failure, and the mark is removed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest

from govshare.calendar import reset
from govshare.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "docs" / "examples"
_spec = importlib.util.spec_from_file_location(
    "govshare_build_schemas", ROOT / "scripts" / "build_schemas.py"
)
assert _spec is not None
assert _spec.loader is not None
build_schemas = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_schemas)


class Command(NamedTuple):
    """A command line that prints JSON, and the exit code it ends with."""

    id: str
    argv: tuple[str, ...]
    code: int = 0


_LOG = str(EXAMPLES / "no-reply.log.yaml")
_DEPARTMENT = str(EXAMPLES / "department.yaml")
_KEY = "share.conditional.provider_reply"

#: Every command with machine-readable output. The department example lacks evidence for
#: some items, so ``check`` exits 1 (its report is still printed).
COMMANDS = (
    Command("workday-add", ("workday", "add", "2026-09-30", "5", "--json")),
    Command("workday-is", ("workday", "is", "2026-10-01", "--json")),
    Command("workday-count", ("workday", "count", "2026-09-30", "2026-10-13", "--json")),
    Command(
        "deadline",
        ("deadline", "hubei", _KEY, "--start", "2026-09-30", "--level", "provincial", "--json"),
    ),
    Command("profiles", ("profiles", "--json")),
    Command("show-key", ("show", "hubei", _KEY, "--json")),
    Command("replay", ("replay", "hubei", _LOG, "--json")),
    Command("decide", ("decide", "hubei", str(EXAMPLES / "dedicated.request.yaml"), "--json")),
    Command(
        "compare", ("compare", "hubei", "xinzhou", "--as-of", "2026-11-23", "--format", "json")
    ),
    Command(
        "compare-scenario", ("compare", "hubei", "xinzhou", "--scenario", _LOG, "--format", "json")
    ),
    Command(
        "obligations", ("obligations", "hubei", "--year", "2026", "--level", "provincial", "--json")
    ),
    Command("check", ("check", "shanxi_std", _DEPARTMENT, "--format", "json"), code=1),
    Command(
        "check-serves",
        ("check", "shanxi_std", _DEPARTMENT, "--serves", "xinzhou", "--format", "json"),
        code=1,
    ),
    Command(
        "timeline",
        ("timeline", "hubei", "liuzhou", "--key", _KEY, "--start", "2026-09-30", "--json"),
    ),
    Command("test", ("test", str(ROOT / "tests" / "scenarios" / "_runner"), "--json")),
    Command(
        "audit",
        (
            "audit",
            "run",
            str(EXAMPLES / "audit-records.csv"),
            "--mapping",
            str(EXAMPLES / "audit-mapping.yaml"),
            "--profile",
            "hubei",
            "--as-of",
            "2025-12-31",
            "-o",
            str(Path(tempfile.gettempdir()) / "govshare-test-audit-json"),
            "--json",
        ),
    ),
)

#: Rows whose output is not a registered JSON type yet (issue 11). Remove an id when its
#: command's type is registered and its schema published: the row then passes.
NOT_YET_REGISTERED: frozenset[str] = frozenset()


def _rows() -> list[Any]:
    mark = pytest.mark.xfail(strict=True, reason="not yet registered", raises=AssertionError)
    return [
        pytest.param(c, id=c.id, marks=[mark] if c.id in NOT_YET_REGISTERED else [])
        for c in COMMANDS
    ]


def schema_for(document: object) -> dict[str, Any]:
    """The published schema a document names in its ``schema`` field."""
    assert isinstance(document, dict), f"a JSON object, not {type(document).__name__}"
    schema_id = document.get("schema")
    assert isinstance(schema_id, str), "no 'schema' field"
    path = SCHEMAS / build_schemas.file_name(schema_id)  # ValueError: not a govshare id
    assert path.is_file(), f"{schema_id}: {path.relative_to(ROOT)} is not published"
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema


def validate(document: object) -> None:
    """``document`` is valid against the schema it names (formats such as dates checked)."""
    schema = schema_for(document)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert errors == [], "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def run(command: Command) -> object:
    """Run ``command`` in-process; check its exit code; return the JSON it printed."""
    reset()
    with (
        contextlib.redirect_stdout(io.StringIO()) as out,
        contextlib.redirect_stderr(io.StringIO()) as err,
    ):
        code = main(list(command.argv))
    assert code == command.code, err.getvalue()
    return json.loads(out.getvalue())


@pytest.mark.usefixtures("shared_dir")
@pytest.mark.parametrize("command", COMMANDS, ids=[c.id for c in COMMANDS])
def test_json_output_is_json(command: Command) -> None:
    """Each command exits as expected and prints one JSON document (registered or not)."""
    assert isinstance(run(command), dict | list)


@pytest.mark.usefixtures("shared_dir")
@pytest.mark.parametrize("command", _rows())
def test_json_output_matches_its_schema(command: Command) -> None:
    """The command prints one JSON document, valid against the schema it names."""
    validate(run(command))


def test_table_covers_each_command_once() -> None:
    """Row ids are unique and every not-yet-registered id is a row (no stale entries)."""
    ids = [c.id for c in COMMANDS]
    assert len(ids) == len(set(ids))
    assert set(NOT_YET_REGISTERED) <= set(ids)
