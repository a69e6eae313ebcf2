"""The kernel gives the reference path's row for every record (hypothesis).

Records are drawn around the dates that matter: the rules' entry into force (2021-10-19),
the national regulation's (2025-08-01), rest days and the make-up working days of the 2025
arrangement (Sun 1/26, Sat 2/8, Sun 4/27, Sun 9/28, Sat 10/11), Guangxi's 三月三, with or
without a reply,
replies late by up to six weeks, extensions, provision before and after its due day, and
receipts after the audit date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pl = pytest.importorskip("polars")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from govshare.features.audit import RESULT_COLUMNS, read_records  # noqa: E402
from govshare.features.audit._kernel import Kernel  # noqa: E402
from govshare.features.audit._reference import JudgeError, judge  # noqa: E402
from govshare.processes import as_of_instant  # noqa: E402
from govshare.profiles import load_profile  # noqa: E402

PROFILES = {name: load_profile(name) for name in ("hubei", "liuzhou")}
KERNELS = {name: Kernel(p) for name, p in PROFILES.items()}
MAKE_UP = [dt.date(2025, 1, 26), dt.date(2025, 2, 8), dt.date(2025, 4, 27)]
MAKE_UP += [dt.date(2025, 9, 28), dt.date(2025, 10, 11)]
#: 壮族三月三 rest days of the Guangxi overlay (Liuzhou): the national 10 and 20 working days
#: are counted on the place's calendar, so they skip them too
SANYUESAN = [dt.date(2025, 3, 31), dt.date(2025, 4, 1), dt.date(2026, 4, 17), dt.date(2026, 4, 20)]
EDGES = [dt.date(2021, 10, 19), dt.date(2025, 8, 1), dt.date(2025, 7, 25), *MAKE_UP, *SANYUESAN]

days = st.one_of(
    st.dates(dt.date(2021, 9, 1), dt.date(2021, 12, 31)),
    st.dates(dt.date(2025, 1, 1), dt.date(2026, 10, 31)),
    st.sampled_from(EDGES).flatmap(
        lambda d: st.integers(-12, 12).map(lambda k: d + dt.timedelta(k))
    ),
)
times = st.sampled_from([dt.time(0, 0), dt.time(9, 30), dt.time(17, 59), dt.time(23, 59)])


@st.composite
def records(draw: Any, i: int) -> dict[str, Any]:
    submitted = dt.datetime.combine(draw(days), draw(times))
    forwarded = None
    if draw(st.booleans()):
        forwarded = submitted + dt.timedelta(hours=draw(st.integers(0, 96)))
    receipt = forwarded or submitted
    reply = draw(st.sampled_from([None, "agree", "agree", "refuse", "missing_materials"]))
    replied = None
    if reply is not None:
        replied = receipt + dt.timedelta(hours=draw(st.integers(0, 24 * 42)))
    provided = None
    if draw(st.booleans()):
        provided = (replied or receipt) + dt.timedelta(hours=draw(st.integers(0, 24 * 45)))
    text = lambda v: None if v is None else v.isoformat()  # noqa: E731
    return {
        "record_id": f"r{i}",
        "requester": "需求部门",
        "provider": draw(st.sampled_from(["甲", "乙"])),
        "level": draw(st.sampled_from(["provincial", "prefectural", "county"])),
        "share_type": draw(st.sampled_from(["conditional"] * 9 + ["unconditional"])),
        "submitted": text(submitted),
        "forwarded": text(forwarded),
        "replied": text(replied),
        "reply": reply,
        "extension_approved": str(draw(st.booleans())).lower(),
        "data_provided": text(provided),
        "reasons": draw(st.sampled_from([None, "不符合条件"])),
    }


@st.composite
def batches(draw: Any) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 12))
    return [draw(records(i)) for i in range(n)]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=batches(),
    name=st.sampled_from(["hubei", "hubei", "liuzhou"]),
    as_of=st.sampled_from(["2021-12-31", "2025-08-15", "2025-12-31", "2026-10-31"]),
)
def test_kernel_equals_replay(rows: list[dict[str, Any]], name: str, as_of: str) -> None:
    profile = PROFILES[name]
    until = as_of_instant(as_of)
    frame = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
    valid = read_records(frame).records
    done, left = KERNELS[name].run(valid, until)
    assert done.height + left.height == valid.height
    assert set(done["row"]).isdisjoint(set(left["row"]))
    by_row = {r["row"]: r for r in valid.iter_rows(named=True)}
    for got in done.iter_rows(named=True):
        try:
            want = judge(profile, by_row[got["row"]], until=until)
        except JudgeError as exc:  # pragma: no cover - the kernel must leave these alone
            pytest.fail(f"the kernel judged a record the reference refuses: {exc}")
        want = {k: want.get(k) for k in RESULT_COLUMNS}
        if want["path"] == "replay":
            want["path"] = "kernel"
        assert got == want
    if name == "hubei":  # the kernel expresses every Hubei case the reference can judge
        for rec in left.iter_rows(named=True):
            receipt = rec["forwarded"] or rec["submitted"]
            if receipt <= until.replace(tzinfo=None):
                with pytest.raises(JudgeError):
                    judge(profile, rec, until=until)


def test_liuzhou_provision_counts_the_guangxi_working_days() -> None:
    """Liuzhou, consent Mon 2026-03-23, nothing provided by 2026-10-31. Liuzhou's rules are
    silent on provision, so the national 20 working days (第二十二条) answer alone, counted on
    the place's calendar: 3-24 1, 3-25 2, 3-26 3, 3-27 4, 3-30 5, 3-31 6, 4-01 7, 4-02 8,
    4-03 9 (清明 4-04..4-06 off), 4-07 10, 4-08 11, 4-09 12, 4-10 13, 4-13 14, 4-14 15,
    4-15 16, 4-16 17 (三月三 4-17 and 4-20 off in Guangxi), 4-21 18, 4-22 19, 4-23 20.
    On the national calendar it would be 4-21. The reference (and the kernel, where it
    judges the record) gives 2026-04-23."""
    row = {
        "record_id": "lz1",
        "requester": "需求部门",
        "provider": "甲",
        "level": "prefectural",
        "share_type": "conditional",
        "submitted": "2026-03-20T09:30:00",
        "replied": "2026-03-23T09:30:00",
        "reply": "agree",
    }
    frame = pl.DataFrame([row], schema=dict.fromkeys(row, pl.String))
    valid = read_records(frame).records
    until = as_of_instant("2026-10-31")
    want = judge(PROFILES["liuzhou"], next(valid.iter_rows(named=True)), until=until)
    assert want["provision_due"] == dt.date(2026, 4, 23)
    done, _ = KERNELS["liuzhou"].run(valid, until)
    for got in done.iter_rows(named=True):  # where the kernel judges it, the same day
        assert got["provision_due"] == want["provision_due"]
