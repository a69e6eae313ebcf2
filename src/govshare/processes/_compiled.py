"""What a replay needs of a process definition, worked out once; who is still waiting.

- :func:`compiled` indexes a :class:`ProcessDef` once (bounded cache): the transitions by
  (event, state) and the known event types, so a replay step does not scan every
  transition. The rules in force per (level, adopted documents) are compiled by the
  profile itself (``profiles/_compiled.py``).
- :class:`Waiting` keeps the reviewers of a joint review who have not yet answered, in
  the order they were named, so that each answer costs O(1) amortized (not a pass over
  every reviewer): a 10,000-reviewer case replays in linear time and memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from threading import Lock

from govshare._kernel.messages import Notice
from govshare.profiles._process_model import ProcessDef, TransitionDef

__all__ = ["SHOWN", "CompiledProcess", "Waiting", "compiled", "waiting_note"]

#: How many processes stay compiled (a profile defines a handful).
MAX_PROCESSES = 256
#: A waiting note names every reviewer still waiting up to this many; beyond, the first
#: few and how many others.
SHOWN = 5


@dataclass(frozen=True)
class CompiledProcess:
    """A process definition indexed for replay."""

    proc: ProcessDef
    known: tuple[str, ...]
    known_set: frozenset[str]
    by_event_state: dict[tuple[str, str], tuple[TransitionDef, ...]]


_cache: OrderedDict[int, CompiledProcess] = OrderedDict()
_lock = Lock()


def compiled(proc: ProcessDef) -> CompiledProcess:
    """The compiled form of ``proc`` (cached by identity; the cache holds ``proc``, so its
    id cannot be reused while cached)."""
    found = _cache.get(id(proc))
    if found is not None and found.proc is proc:
        return found
    index: dict[tuple[str, str], list[TransitionDef]] = {}
    for t in proc.transitions:
        for state in t.from_:
            index.setdefault((t.event, state), []).append(t)
    known = tuple(sorted({t.event for t in proc.transitions}))
    out = CompiledProcess(
        proc=proc,
        known=known,
        known_set=frozenset(known),
        by_event_state={k: tuple(v) for k, v in index.items()},
    )
    with _lock:
        _cache[id(proc)] = out
        while len(_cache) > MAX_PROCESSES:
            _cache.popitem(last=False)
    return out


class Waiting:
    """The parties not yet done, in their given order; ``done`` and ``first`` are O(1)
    amortized (a union-find of "the next party not done", with path compression)."""

    __slots__ = ("_index", "_next", "left", "parties")

    def __init__(self, parties: Sequence[str], index: dict[str, int]) -> None:
        self.parties = parties
        self._index = index
        self._next = list(range(len(parties) + 1))
        self.left = len(parties)

    def done(self, party: str) -> None:
        """Mark ``party`` as no longer waiting (unknown or already done: nothing)."""
        i = self._index.get(party)
        if i is not None and self._next[i] == i:
            self._next[i] = i + 1
            self.left -= 1

    def _find(self, i: int) -> int:
        nxt = self._next
        root = i
        while nxt[root] != root:
            root = nxt[root]
        while nxt[i] != root:
            nxt[i], i = root, nxt[i]
        return root

    def first(self, k: int) -> list[str]:
        """The first ``k`` parties still waiting, in order."""
        out: list[str] = []
        i = self._find(0)
        while i < len(self.parties) and len(out) < k:
            out.append(self.parties[i])
            i = self._find(i + 1)
        return out


def waiting_note(party: str, waiting: Waiting) -> Notice:
    """Who a joint step still waits for: every name up to SHOWN, else the first few and
    how many others (so a step's note does not grow with the number of reviewers)."""
    if waiting.left <= SHOWN:
        names = waiting.first(SHOWN)
        return Notice(
            code="process.waiting_for_reviewers",
            zh=f"{party}已办理；等待{'、'.join(names)}",
            en=f"{party} done; waiting for {', '.join(names)}",
        )
    names = waiting.first(3)
    others = waiting.left - len(names)
    return Notice(
        code="process.waiting_for_reviewers",
        zh=f"{party}已办理；等待{'、'.join(names)}等{waiting.left}个审核方",
        en=f"{party} done; waiting for {', '.join(names)} and {others} others "
        f"({waiting.left} reviewers)",
    )
