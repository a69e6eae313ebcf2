"""Write the published JSON Schemas: ``schemas/<name>-<version>.schema.json``.

One file per result type registered in :mod:`govshare.render.json` (``json_types()``,
``json_schema(cls)``) plus the profile format (``govshare schema``), and ``openapi.json``:
the HTTP service's OpenAPI 3.1 document (``govshare serve``, docs/server.md; needs the
``server`` extra). The wheel ships the folder as ``govshare/data/schemas``. A file whose
type is no longer generated (an older version) stays: a published version is a promise
(docs/json.md).

Run: python scripts/build_schemas.py          (write the files that changed)
     python scripts/build_schemas.py --check  (exit 1 if a file is missing or not current)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from govshare.profiles import profile_schema
from govshare.render.json import json_schema, json_types

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "schemas"

#: The ``schema`` value of a document: ``govshare-<name>/<version>``.
SCHEMA_ID = re.compile(r"^govshare-(?P<name>[a-z][a-z0-9-]*)/(?P<version>[1-9][0-9]*)$")


def file_name(schema_id: str) -> str:
    """``govshare-compare/1`` -> ``compare-1.schema.json``."""
    m = SCHEMA_ID.match(schema_id)
    if not m:
        raise ValueError(f"not a govshare schema id: {schema_id!r}")
    return f"{m['name']}-{m['version']}.schema.json"


def _text(schema: dict[str, object]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def generate() -> dict[str, str]:
    """Every schema the code defines today: file name -> file text."""
    profile = profile_schema()
    files = {file_name(json.loads(profile)["properties"]["schema"]["const"]): profile}
    for cls, jt in json_types().items():
        name = file_name(jt.schema_id)
        if name in files:
            raise ValueError(f"{jt.schema_id} is registered twice (again by {cls.__qualname__})")
        files[name] = _text(json_schema(cls))
    files[OPENAPI] = _text(openapi())
    return dict(sorted(files.items()))


#: The HTTP service's OpenAPI document, beside the result schemas it embeds.
OPENAPI = "openapi.json"


def openapi() -> dict[str, object]:
    """The OpenAPI document of ``govshare serve`` (default settings, bundled profiles)."""
    from govshare.server import openapi_document  # noqa: PLC0415 - the server extra

    return openapi_document()


def problems(out: Path = OUT) -> list[str]:
    """What ``--check`` reports: each schema file missing from ``out`` or not current."""
    found = []
    for name, text in generate().items():
        path = out / name
        if not path.is_file():
            found.append(f"{path.relative_to(ROOT)}: missing")
        elif path.read_text("utf-8") != text:
            found.append(f"{path.relative_to(ROOT)}: not current")
    return found


def write(out: Path = OUT) -> list[Path]:
    """Write the files that are missing or changed; return them."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = out / name
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write or check ``schemas/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is stale"
    )
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(f"error: {line}", file=sys.stderr)
        if found:
            print("run: python scripts/build_schemas.py", file=sys.stderr)
            return 1
        print(f"{len(generate())} schema files current")
        return 0
    for path in write():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
