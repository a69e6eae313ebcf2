"""Strict, position-aware YAML loading for data files that may come from third parties.

- Parsed by libyaml (PyYAML's C parser) where PyYAML was built with it, else by PyYAML's
  pure-Python parser: the document is built here from the parser's events either way, so
  both give the same data and the same lines (tests/_kernel/test_yamlio.py checks it).
- No Python tags, no arbitrary objects: only the standard tags are accepted, and a tag
  that would construct anything else is refused with file:line.
- YAML 1.2 scalars: only ``true``/``false`` are booleans (``no``, ``on``, ``off`` and ``y``
  stay strings), dates stay strings (pydantic parses them, strictly ISO), no sexagesimal
  or octal-looking surprises.
- Duplicate keys, anchors and aliases, merge keys, non-string keys, raw control
  characters, over-large files, over-deep nesting and over-long integers are refused
  (the bounds are :data:`govshare._kernel.limits.LIMITS`).
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

from govshare._kernel.limits import LIMITS
from govshare.errors import DataFileError, DataIssue

__all__ = ["MAX_BYTES", "LoadedYaml", "load_yaml", "parse_yaml", "validate_model"]

#: Data files larger than this are refused (profiles and calendars are a few dozen KiB).
MAX_BYTES = LIMITS.max_file_bytes

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

#: The parsers: libyaml when PyYAML has it (about 20x faster), else the pure-Python one.
#: Both only produce events here; nothing is constructed by PyYAML.
PARSERS: dict[str, type[Any]] = {"python": yaml.SafeLoader}
if getattr(yaml, "__with_libyaml__", False):  # pragma: no branch - PyYAML wheels have it
    PARSERS = {"libyaml": yaml.CSafeLoader, **PARSERS}
_PARSER: type[Any] = next(iter(PARSERS.values()))

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
#: C0 and C1 controls except tab, LF and CR; DEL; lone surrogates; the two non-characters
#: YAML forbids: refused anywhere in the text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: In values: a lone surrogate (an escape such as "\ud800" in double quotes) cannot be
#: written as UTF-8, so it is refused; escaped controls ("\e") are text, escaped on output.
_SURROGATE = re.compile("[\ud800-\udfff]")
_STD = "tag:yaml.org,2002:"
_STR = _STD + "str"
_STR_TAG, _SEQ_TAG, _MAP_TAG = (frozenset({_STD + t}) for t in ("str", "seq", "map"))
#: Standard tags a plain scalar may carry explicitly (the value is still read by the rules
#: above: ``!!bool yes`` is the string "yes"); any other tag is refused.
_SCALAR_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_RESOLVER = yaml.resolver.Resolver()


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


def _error(file: str, line: int | None, fld: str, message: str) -> DataFileError:
    return DataFileError([DataIssue(file, line, fld, message)])


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _SyntaxError(Exception):
    """A problem the old composer reported before any conversion problem (the parser's
    errors, anchors and aliases, a second document, over-deep nesting)."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message


def _bad_char(text: str) -> tuple[int, str] | None:
    """The offset and name (``control character U+001B``) of the first forbidden
    character, if any."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = "control character" if code < 0xA0 else "non-text character"
    return found.start(), f"{kind} U+{code:04X}"


def _check_value(value: str, file: str, loc: Loc, line: int) -> None:
    found = _SURROGATE.search(value)
    if found is not None:
        code = f"U+{ord(found.group()):04X}"
        raise _error(file, line, _dotted(loc), f"lone surrogate {code} in a value (not text)")


def _check_tag(tag: str | None, allowed: frozenset[str], line: int, file: str, loc: Loc) -> None:
    if tag is None or tag == "!" or tag in allowed:
        return
    raise _error(file, line, _dotted(loc), f"tag {tag} not allowed")


def _scalar(event: Any, file: str, loc: Loc, line: int) -> Any:  # noqa: PLR0911 - one return per YAML type
    value: str = event.value
    tag = event.tag
    _check_value(value, file, loc, line)
    if event.style:
        # Quoted or block scalars are always strings.
        _check_tag(tag, _STR_TAG, line, file, loc)
        return value
    _check_tag(tag, _SCALAR_TAGS, line, file, loc)
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        if len(value.lstrip("+-")) > LIMITS.max_int_digits:
            raise _error(
                file, line, _dotted(loc), f"integer with more than {LIMITS.max_int_digits} digits"
            )
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


class _Builder:
    """Builds the document from the parser's events, without recursion.

    Conversion problems (tags, duplicate and merge keys, non-string keys, long integers)
    are kept and raised once the whole stream has parsed, so that a syntax error, an alias
    or a second document anywhere in the file is reported first, as before.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Loc, int] = {}
        # one frame per open collection: [container, loc, pending key or None]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.problem: DataFileError | None = None

    def run(self, parser: Any) -> Any:
        get = parser.get_event
        event = get()  # StreamStart
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            raise _error(self.file, 1, "", "the file is empty; expected a YAML mapping")
        event = get()  # DocumentStart done: the root node's first event
        while True:
            self.step(event)
            if not self.stack:
                break
            event = get()
        get()  # DocumentEnd
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise _SyntaxError(event.start_mark.line + 1, "but found another document")
        if self.problem is not None:
            raise self.problem
        return self.root

    def step(self, event: Any) -> None:
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.attach(self.stack.pop()[0])
            return
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise _SyntaxError(line, "anchors and aliases (&, *) are not allowed in data files")
        if self.problem is not None:
            self.drain(event)
            return
        try:
            self.node(event, line)
        except DataFileError as exc:
            self.problem = exc
            self.drain(event)

    def drain(self, event: Any) -> None:
        """After a conversion problem: keep only the nesting, to reach the stream's end."""
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.push(event, None, ())

    def push(self, event: Any, container: Any, loc: Loc) -> None:
        if len(self.stack) >= LIMITS.max_depth:
            raise _SyntaxError(
                event.start_mark.line + 1, f"nesting deeper than {LIMITS.max_depth} levels"
            )
        self.stack.append([container, loc, None])

    def here(self) -> Loc:
        """The location of the node about to be read."""
        if not self.stack:
            return ()
        container, loc, key = self.stack[-1]
        where: Loc = loc
        return where + (len(container),) if isinstance(container, list) else where + (key,)

    def node(self, event: Any, line: int) -> None:
        file = self.file
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
            self.key(event, frame, line)
            return
        loc = self.here()
        if frame is None:
            self.lines.setdefault((), line)
        elif isinstance(frame[0], list):
            self.lines[loc] = line
        if isinstance(event, yaml.ScalarEvent):
            self.attach(_scalar(event, file, loc, line))
        elif isinstance(event, yaml.SequenceStartEvent):
            _check_tag(event.tag, _SEQ_TAG, line, file, loc)
            self.push(event, [], loc)
        else:
            _check_tag(event.tag, _MAP_TAG, line, file, loc)
            self.push(event, {}, loc)

    def key(self, event: Any, frame: list[Any], line: int) -> None:
        out, loc, _ = frame
        if not isinstance(event, yaml.ScalarEvent):
            raise _error(self.file, line, _dotted(loc), "mapping keys must be plain strings")
        _check_tag(event.tag, _SCALAR_TAGS, line, self.file, loc)
        key: str = event.value
        _check_value(key, self.file, loc, line)
        if key == "<<":
            raise _error(self.file, line, _dotted(loc), "merge keys (<<) are not allowed")
        if key in out:
            first = self.lines.get(loc + (key,))
            raise _error(
                self.file,
                line,
                _dotted(loc + (key,)),
                f"duplicate key {key!r} (first defined on line {first})",
            )
        self.lines[loc + (key,)] = line
        frame[2] = key

    def attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif isinstance(container, dict):
            container[frame[2]] = value
            frame[2] = None
        # a frame kept only for draining (container None) takes nothing


def _parse_with(parser_class: type[Any], text: str, file: str) -> LoadedYaml:
    """Parse with one parser (``PARSERS``); :func:`parse_yaml` uses the fastest."""
    limit = LIMITS.max_file_bytes
    if len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit:
        raise _error(file, None, "", f"file is larger than {limit} bytes; refused")
    bad = _bad_char(text)
    if bad is not None:
        at, char = bad
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        raise _error(file, line, "", f"{char} (column {column}) is not allowed")
    parser = parser_class(text)
    builder = _Builder(file)
    try:
        data = builder.run(parser)
    except _SyntaxError as exc:
        raise _error(file, exc.line, "", f"invalid YAML: {exc.message}") from None
    except yaml.MarkedYAMLError as exc:
        if parser_class is not yaml.SafeLoader:
            # libyaml words its syntax errors differently: report PyYAML's own (same line),
            # so that both parsers give the same message. Only invalid files pay for this.
            _parse_with(yaml.SafeLoader, text, file)
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise _error(file, where, "", f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error above is marked
        raise _error(file, None, "", f"invalid YAML: {exc}") from None
    finally:
        parser.dispose()
    return LoadedYaml(data=data, file=file, lines=builder.lines)


def parse_yaml(text: str, file: str = "<string>") -> LoadedYaml:
    """Parse one YAML document strictly; raise :class:`DataFileError` naming file and line."""
    return _parse_with(_PARSER, text, file)


def load_yaml(path: str | Path) -> LoadedYaml:
    """Read and parse a YAML file strictly (UTF-8, at most ``LIMITS.max_file_bytes``).

    The file is read with a byte limit, so a device or a file that grows while read is
    refused once it passes the limit.
    """
    p = Path(path)
    limit = LIMITS.max_file_bytes
    try:
        with p.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise _error(str(p), None, "", f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise _error(str(p), None, "", f"file is larger than {limit} bytes; refused")
    try:
        # universal newlines, as text-mode reading gives
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
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
