"""HTTP service benchmark: ``govshare serve`` on loopback under a bounded load.

Run from the repository root (about a minute; it starts and stops its own server):

    python bench/bench_server.py [--requests 2000] [--concurrency 8] [--workers 1]

It starts ``govshare serve`` on a free loopback port and, for each kind of request, sends a
fixed number of requests at a fixed concurrency (it stops by itself), then prints requests/s
and the p50/p99 latency, beside the in-process call rate of the same work (the library
called directly), so the HTTP overhead shows as a ratio:

- ``deadline``: ``GET /v1/profiles/hubei/deadlines/share.conditional.provider_reply``;
  also at a fixed rate of 200 requests/s (open loop: each request's latency counts from
  the moment it was due, so a slow answer delays nothing unseen);
- ``batch``: ``POST /v1/workdays/add-batch`` with 100,000 dates and counts (one request at a
  time), reported as working-day answers per second of request time;
- ``replay``: ``POST /v1/profiles/hubei/replay`` with docs/examples/no-reply.log.yaml;
- ``decide``: ``POST /v1/profiles/hubei/decide`` with docs/examples/dedicated.request.yaml.

Goals (docs/performance.md): p99 under 20 ms for a single deadline at 200 requests/s, and
the batch endpoint at least 1,000,000 answers per second of request time. It prints PASS or
FAIL for each and exits 1 when one fails (``--smoke``: tiny counts, goals not enforced).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
KEY = "share.conditional.provider_reply"
DEADLINE = f"/v1/profiles/hubei/deadlines/{KEY}?start=2026-09-30&level=provincial"
GOAL_P99_MS = 20.0
GOAL_RATE = 200.0
GOAL_BATCH = 1_000_000.0


def _example(name: str) -> Any:
    data = yaml.safe_load((ROOT / "docs" / "examples" / name).read_text("utf-8"))
    return json.loads(json.dumps(data, default=str))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(workers: int) -> Iterator[str]:
    """``govshare serve`` on a free loopback port, without the access log; its base URL."""
    port = _free_port()
    code = "import sys; from govshare.cli import main; sys.exit(main())"
    argv = [sys.executable, "-c", code, "serve", "--port", str(port), "--no-access-log"]
    argv += ["--workers", str(workers)]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        until = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/readyz", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > until:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise SystemExit(f"govshare serve did not start:\n{err}") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@dataclass(frozen=True)
class Run:
    """What one load run measured."""

    name: str
    requests: int
    seconds: float
    latencies_ms: np.ndarray

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        return float(np.percentile(self.latencies_ms, q))


@dataclass(frozen=True)
class Request:
    """One request, encoded once (the load generator must cost little beside the server)."""

    raw: bytes

    @classmethod
    def get(cls, path: str) -> Request:
        return cls(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())

    @classmethod
    def post(cls, path: str, body: Any) -> Request:
        data = json.dumps(body).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        )
        return cls(head.encode() + data)


class Connection:
    """A keep-alive HTTP/1.1 connection: send a request, read the whole answer."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, url: str) -> Connection:
        host, port = url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port), limit=2**24)
        return cls(reader, writer)

    async def send(self, request: Request) -> tuple[int, bytes]:
        self.writer.write(request.raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def _checked(conn: Connection, name: str, request: Request) -> None:
    status, body = await conn.send(request)
    if status != 200:
        raise SystemExit(f"{name}: {status} {body[:300]!r}")


async def closed_loop(url: str, name: str, request: Request, n: int, concurrency: int) -> Run:
    """``n`` requests by ``concurrency`` clients, each sending its next when answered."""
    latencies: list[float] = []
    todo = iter(range(n))
    conns = [await Connection.open(url) for _ in range(concurrency)]
    for conn in conns:  # warm-up: connection and first-call costs
        await _checked(conn, name, request)

    async def worker(conn: Connection) -> None:
        for _ in todo:
            t0 = time.perf_counter()
            await _checked(conn, name, request)
            latencies.append((time.perf_counter() - t0) * 1000)

    start = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in conns))
    seconds = time.perf_counter() - start
    for conn in conns:
        conn.close()
    return Run(name, n, seconds, np.asarray(latencies))


async def open_loop(url: str, name: str, request: Request, n: int, rate: float) -> Run:
    """``n`` requests at a fixed ``rate`` on a pool of connections; each request's latency
    counts from when it was due (a late start counts against the server)."""
    latencies: list[float] = []
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(16):
        conn = await Connection.open(url)
        for _ in range(5):
            await _checked(conn, name, request)
        pool.put_nowait(conn)
    start = time.perf_counter()

    async def one(k: int) -> None:
        due = start + k / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        conn = await pool.get()
        await _checked(conn, name, request)
        latencies.append((time.perf_counter() - due) * 1000)
        pool.put_nowait(conn)

    await asyncio.gather(*(one(k) for k in range(n)))
    seconds = time.perf_counter() - start
    while not pool.empty():
        pool.get_nowait().close()
    return Run(name, n, seconds, np.asarray(latencies))


def in_process(fn: Callable[[], object], seconds: float = 1.0) -> float:
    """Calls per second of ``fn`` in this process."""
    fn()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        count += 1
    return count / (time.perf_counter() - start)


def _batch_body(size: int) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    first = np.datetime64("2005-01-01")
    starts = first + rng.integers(0, (np.datetime64("2026-10-31") - first).astype(int), size)
    return {"dates": starts.astype(str).tolist(), "n": rng.integers(0, 20, size).tolist()}


def _library() -> dict[str, Callable[[], object]]:
    """The same work, called in process."""
    from govshare.access import decide_access  # noqa: PLC0415
    from govshare.calendar import get_calendar  # noqa: PLC0415
    from govshare.processes import replay  # noqa: PLC0415
    from govshare.profiles import load_profile  # noqa: PLC0415

    hubei = load_profile("hubei")
    log = _example("no-reply.log.yaml")
    req = _example("dedicated.request.yaml")
    return {
        "deadline": lambda: hubei.deadline(KEY, "2026-09-30", level="provincial"),
        "replay": lambda: replay(
            hubei, log["process"], log["events"], as_of=log["as_of"], level=log["level"]
        ),
        "decide": lambda: decide_access(
            hubei, req["resource"], req["requester"], as_of=req["as_of"], level=req["level"]
        ),
        "calendar": get_calendar,
    }


def _row(run: Run, local: float | None) -> str:
    ratio = f"{local / run.rate:8.1f}x" if local else " " * 9
    here = f"{local:12,.0f}" if local else " " * 12
    return (
        f"{run.name:<22} {run.requests:>7} {run.rate:>10,.0f} {run.pct(50):>8.2f} "
        f"{run.pct(99):>8.2f} {here} {ratio}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 1 when a goal fails (unless ``--smoke``)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=2000, help="requests per closed-loop run")
    p.add_argument("--concurrency", type=int, default=8, help="clients in the closed loop")
    p.add_argument("--workers", type=int, default=1, help="server worker processes")
    p.add_argument("--batch-size", type=int, default=100_000, help="dates per batch request")
    p.add_argument("--batches", type=int, default=20, help="batch requests")
    p.add_argument("--smoke", action="store_true", help="tiny counts; goals not enforced")
    args = p.parse_args(argv)
    if args.smoke:
        args.requests, args.batches, args.batch_size = 40, 2, 2000
    fixed = 10 if args.smoke else 2000
    log, req = _example("no-reply.log.yaml"), _example("dedicated.request.yaml")
    body = _batch_body(args.batch_size)
    lib = _library()
    cal = lib["calendar"]()
    days = np.array(body["dates"], dtype="datetime64[D]")
    counts = np.array(body["n"])

    def batch_local() -> object:
        return cal.add_working_days_array(days, counts)  # type: ignore[attr-defined]

    deadline = Request.get(DEADLINE)
    batch = Request.post("/v1/workdays/add-batch", body)
    replay = Request.post("/v1/profiles/hubei/replay", log)
    decide = Request.post("/v1/profiles/hubei/decide", req)

    with server(args.workers) as url:
        n, k = args.requests, args.concurrency
        at_rate = asyncio.run(open_loop(url, "deadline @200/s", deadline, fixed, GOAL_RATE))
        runs = [
            (asyncio.run(closed_loop(url, "deadline", deadline, n, k)), lib["deadline"]),
            (asyncio.run(closed_loop(url, "replay", replay, n, k)), lib["replay"]),
            (asyncio.run(closed_loop(url, "decide", decide, n, k)), lib["decide"]),
        ]
        batches = asyncio.run(closed_loop(url, "batch", batch, args.batches, 1))

    print(
        f"govshare {version('govshare')} serve on loopback, {args.workers} worker(s); "
        f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, fastapi {version('fastapi')}, "
        f"uvicorn {version('uvicorn')}; {dt.date.today().isoformat()}"
    )
    print(
        f"{'request':<22} {'count':>7} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'in-process/s':>12} {'ratio':>9}"
    )
    print(_row(at_rate, None))
    for run, fn in runs:
        print(_row(run, in_process(fn)))
    local_batch = in_process(batch_local) * args.batch_size
    answers = args.batches * args.batch_size / (float(batches.latencies_ms.sum()) / 1000)
    print(_row(batches, None))
    print(
        f"batch: {answers:,.0f} working-day answers per second of request time "
        f"({args.batch_size:,} dates a request); in process {local_batch:,.0f}/s "
        f"({local_batch / answers:.1f}x)"
    )
    p99_ok = at_rate.pct(99) < GOAL_P99_MS
    batch_ok = answers >= GOAL_BATCH
    print(
        f"{'PASS' if p99_ok else 'FAIL'}: deadline p99 at {GOAL_RATE:.0f} req/s "
        f"{at_rate.pct(99):.2f} ms (goal < {GOAL_P99_MS:.0f} ms)"
    )
    print(
        f"{'PASS' if batch_ok else 'FAIL'}: batch {answers:,.0f} answers/s "
        f"(goal >= {GOAL_BATCH:,.0f})"
    )
    return 0 if args.smoke or (p99_ok and batch_ok) else 1


if __name__ == "__main__":
    sys.exit(main())
