"""The published JSON Schemas (schemas/, scripts/build_schemas.py) are current and true.

Current: each file is what the code generates today. True: every registered result type's
document (:func:`govshare.render.json.to_json`) validates against its published schema. The
samples are the real results of the command lines in tests/cli/test_json_output.py (each
registered type met there, at top level or nested), or a factory in ``EXTRA_SAMPLES`` for a
type no command prints.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, TypeAdapter

import govshare.render.json as json_module
from govshare.profiles import load_profile
from govshare.render.json import JsonType, json_schema, json_types, to_json, to_json_bytes

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cli_json = _load("govshare_cli_json_output", ROOT / "tests" / "cli" / "test_json_output.py")
build_schemas = cli_json.build_schemas


def _records() -> object:
    """A record set (the audit's input format; no command prints one)."""
    import datetime as dt  # noqa: PLC0415

    from govshare.features.audit import Record, RecordSet  # noqa: PLC0415

    submitted = dt.datetime(2025, 9, 1, 10, 0)
    rec = Record(
        record_id="R1",
        requester="省民政厅",
        provider="省公安厅",
        level="provincial",
        share_type="conditional",
        submitted=submitted,
        replied=submitted + dt.timedelta(days=2),
        reply="agree",
    )
    return RecordSet(records=(rec,))


def _layered_rule() -> object:
    from govshare.profiles import provisions  # noqa: PLC0415

    key = "share.conditional.provider_reply"
    return provisions(load_profile("hubei"), key, as_of="2026-10-01", level="provincial")


def _workday_batch() -> object:
    import datetime as dt  # noqa: PLC0415

    from govshare.render.calendar import WorkingDayBatch  # noqa: PLC0415

    return WorkingDayBatch(region=None, dates=(dt.date(2026, 10, 13),), uncertain=(0,))


#: schema name (``govshare-<name>/<version>``) -> a sample result, for a registered type
#: that no command in tests/cli/test_json_output.py prints (the HTTP service's answers).
EXTRA_SAMPLES: dict[str, Callable[[], object]] = {
    "govshare-records/1": _records,
    "govshare-layered-rule/1": _layered_rule,
    "govshare-workday-batch/1": _workday_batch,
}

TYPES = json_types()
SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.json"))


def test_committed_schemas_current() -> None:
    """schemas/ holds what the code generates (run scripts/build_schemas.py otherwise)."""
    assert build_schemas.problems() == []


def test_profile_schema_published() -> None:
    """The profile format's schema is among the published files."""
    assert (SCHEMAS / "profile-1.schema.json").is_file()


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_file(path: Path) -> None:
    """Each file is a valid 2020-12 schema whose ``schema`` const matches its file name."""
    schema = json.loads(path.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    schema_id = schema["properties"]["schema"]["const"]
    assert build_schemas.file_name(schema_id) == path.name


# -- samples --------------------------------------------------------------------------------


class _Recorder:
    """A TypeAdapter stand-in that remembers what it dumps."""

    def __init__(self, adapter: TypeAdapter[Any], seen: list[object]) -> None:
        self._adapter = adapter
        self._seen = seen

    def dump_python(self, value: object, **kwargs: Any) -> Any:
        self._seen.append(value)
        return self._adapter.dump_python(value, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._adapter, name)


def _parts(obj: object, depth: int = 0) -> Iterator[object]:
    """``obj`` and every value inside it (dataclass and model fields, containers)."""
    yield obj
    if depth > 12:
        return
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        children: Any = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    elif isinstance(obj, BaseModel):
        children = [getattr(obj, name) for name in type(obj).model_fields]
    elif isinstance(obj, Mapping):
        children = obj.values()
    elif isinstance(obj, list | tuple | set | frozenset):
        children = obj
    else:
        return
    for child in children:
        yield from _parts(child, depth + 1)


@pytest.fixture(scope="session")
def samples(shared_dir: Path) -> dict[type, object]:
    """One real instance of each registered type the JSON commands produce."""
    seen: list[object] = []
    with pytest.MonkeyPatch.context() as mp:
        for cls, jt in TYPES.items():
            recorder = _Recorder(jt.adapter, seen)
            mp.setitem(json_module._TYPES, cls, dataclasses.replace(jt, adapter=recorder))
        for command in cli_json.COMMANDS:
            with contextlib.suppress(AssertionError, ValueError):
                cli_json.run(command)
    found: dict[type, object] = {}
    for obj in seen:
        for part in _parts(obj):
            for cls in TYPES:
                if isinstance(part, cls):
                    found.setdefault(cls, part)
    return found


def _sample(cls: type, jt: JsonType, samples: dict[type, object]) -> object:
    if cls in samples:
        return samples[cls]
    if jt.schema_id in EXTRA_SAMPLES:
        return EXTRA_SAMPLES[jt.schema_id]()
    pytest.fail(
        f"no sample of {jt.schema_id}: add its command to tests/cli/test_json_output.py "
        "or a factory to EXTRA_SAMPLES"
    )


@pytest.mark.parametrize("cls", list(TYPES), ids=[jt.schema_id for jt in TYPES.values()])
def test_registered_type_validates(cls: type, samples: dict[type, object]) -> None:
    """A real result's document validates against the published schema it names."""
    jt = TYPES[cls]
    document = to_json(_sample(cls, jt, samples))
    assert document["schema"] == jt.schema_id
    cli_json.validate(document)


@pytest.mark.parametrize("cls", list(TYPES), ids=[jt.schema_id for jt in TYPES.values()])
def test_bytes_are_the_document(cls: type, samples: dict[type, object]) -> None:
    """to_json_bytes (the HTTP service's one-pass encoding) gives the to_json document."""
    sample = _sample(cls, TYPES[cls], samples)
    assert json.loads(to_json_bytes(sample)) == to_json(sample)


def test_schema_and_document_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machinery itself, on a type registered for this test only: a deadline (nested
    rule, citations with their computed ``short``, dates, datetimes, a value union)."""
    from govshare.profiles._profile import Deadline  # noqa: PLC0415 - the test's own type

    monkeypatch.setitem(
        json_module._TYPES, Deadline, JsonType("test-deadline", 1, TypeAdapter(Deadline))
    )
    hubei = load_profile("hubei")
    deadline = hubei.deadline("share.conditional.provider_reply", "2026-09-30", level="provincial")
    document = to_json(deadline)
    assert document["schema"] == "govshare-test-deadline/1"
    # 国庆 2026-10-01..07 off, 10-10 (Saturday) worked: 10-8, 10-9, 10-10, 10-12, 10-13
    assert document["due"] == "2026-10-13"
    schema = json_schema(Deadline)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(document)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**document, "due": "13 October"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({k: v for k, v in document.items() if k != "schema"})
