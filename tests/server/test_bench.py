"""bench/bench_server.py runs (tiny counts, goals not enforced): it starts its own server,
drives every kind of request and stops by itself."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys

from tests.server.conftest import ROOT


def test_bench_server_smoke() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_server", ROOT / "bench" / "bench_server.py"
    )
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert bench.main(["--smoke"]) == 0
    text = out.getvalue()
    for name in ("deadline @200/s", "deadline", "replay", "decide", "batch"):
        assert f"\n{name} " in text
    assert "deadline p99 at 200 req/s" in text
    assert "answers per second of request time" in text
