"""Strict, position-aware YAML loading for data files that may come from third parties.

- PyYAML's safe composer only: no Python tags, no arbitrary objects.
- YAML 1.2 scalars: only ``true``/``false`` are booleans (``no``, ``on``, ``off`` and ``y``
  stay strings), dates stay strings (pydantic parses them, strictly ISO), no sexagesimal
  or octal-looking surprises.
- Duplicate keys, anchors and aliases, non-string keys and over-large files are refused.
- Every value's line is recorded, so a schema error can name file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govshare.errors import DataFileError, DataIssue

__all__ = ["MAX_BYTES", "LoadedYaml", "load_yaml", "parse_yaml", "validate_model"]

#: Data files larger than this are refused (profiles and calendars are a few dozen KiB).
MAX_BYTES = 1024 * 1024

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(frozen=True)
class LoadedYaml:
    """A parsed YAML document with the line (1-based) of every mapping key and item."""

    data: Any
    file: str
    lines: Mapping[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line of the deepest known prefix of ``loc`` (a path of keys and indexes)."""
        path = tuple(loc)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


class _Composer(yaml.SafeLoader):
    """A SafeLoader used only to compose nodes; scalars are resolved by :func:`_scalar`."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise yaml.MarkedYAMLError(
                None, None, "anchors and aliases (&, *) are not allowed in data files", mark
            )
        return super().compose_node(parent, index)


def _error(file: str, line: int | None, fld: str, message: str) -> DataFileError:
    return DataFileError([DataIssue(file, line, fld, message)])


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _scalar(node: ScalarNode, file: str, loc: Loc) -> Any:  # noqa: PLR0911 - one return per YAML type
    value: str = node.value
    tag = node.tag
    if node.style is not None and node.style != "":
        # Quoted or block scalars are always strings.
        if tag not in ("tag:yaml.org,2002:str", "!"):
            raise _error(file, node.start_mark.line + 1, _dotted(loc), f"tag {tag} not allowed")
        return value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag != "?" and not tag.startswith("tag:yaml.org,2002:"):
        raise _error(file, node.start_mark.line + 1, _dotted(loc), f"tag {tag} not allowed")
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


def _convert(node: Node, file: str, loc: Loc, lines: dict[Loc, int]) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, ScalarNode):
        return _scalar(node, file, loc)
    if isinstance(node, SequenceNode):
        out_list = []
        for i, item in enumerate(node.value):
            lines[loc + (i,)] = item.start_mark.line + 1
            out_list.append(_convert(item, file, loc + (i,), lines))
        return out_list
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise _error(file, line, _dotted(loc), "mapping keys must be plain strings")
            key = key_node.value
            if key == "<<":
                raise _error(file, line, _dotted(loc), "merge keys (<<) are not allowed")
            if key in out:
                first = lines.get(loc + (key,))
                raise _error(
                    file,
                    line,
                    _dotted(loc + (key,)),
                    f"duplicate key {key!r} (first defined on line {first})",
                )
            lines[loc + (key,)] = line
            out[key] = _convert(value_node, file, loc + (key,), lines)
        return out
    raise _error(file, node.start_mark.line + 1, _dotted(loc), "unsupported YAML node")


def parse_yaml(text: str, file: str = "<string>") -> LoadedYaml:
    """Parse one YAML document strictly; raise :class:`DataFileError` naming file and line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise _error(file, None, "", f"file is larger than {MAX_BYTES} bytes; refused")
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise _error(file, line, "", f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise _error(file, None, "", f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise _error(file, 1, "", "the file is empty; expected a YAML mapping")
    lines: dict[Loc, int] = {}
    data = _convert(node, file, (), lines)
    return LoadedYaml(data=data, file=file, lines=lines)


def load_yaml(path: str | Path) -> LoadedYaml:
    """Read and parse a YAML file strictly (UTF-8, at most :data:`MAX_BYTES`)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise _error(str(p), None, "", f"file is larger than {MAX_BYTES} bytes; refused")
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise _error(str(p), None, "", f"cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise _error(str(p), None, "", f"not UTF-8 text: {exc.reason}") from None
    return parse_yaml(text, str(p))


def _issues(exc: ValidationError, loaded: LoadedYaml) -> Iterator[DataIssue]:
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
        # pydantic adds the tag of a discriminated union member to loc; drop unknown parts
        # for the line lookup but keep them in the field name.
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not allowed here; check the spelling)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        yield DataIssue(loaded.file, loaded.line_of(loc), _dotted(loc), msg)


def first_error(exc: ValidationError) -> tuple[str, object, str]:
    """The first problem of a validation error: dotted field, value received, message."""
    err = exc.errors(include_url=False)[0]
    return (
        _dotted(tuple(p for p in err["loc"] if isinstance(p, str | int))),
        err.get("input"),
        err["msg"],
    )


def validate_model(model: type[M], loaded: LoadedYaml) -> M:
    """Validate parsed YAML against a pydantic model; errors name file, line and field."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        raise DataFileError(list(_issues(exc, loaded))) from None
