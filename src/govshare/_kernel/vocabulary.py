"""The vocabulary: the Chinese and English label of every id a result carries.

Results carry ids (``provincial``, ``deemed_consent``, ``provider``); renderers ask
:func:`label` for the words in the language they print. The labels live in data files,
``govshare/data/vocabulary/*.yaml`` (one file per area, merged), kept in step with the
project's glossary, so a label is written once and a new term needs no Python change.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Literal, get_args

from pydantic import RootModel

from govshare._kernel.model import Label
from govshare._kernel.yamlio import parse_yaml, validate_model
from govshare.errors import DataFileError, DataIssue

__all__ = ["KINDS", "Kind", "Lang", "label", "labels", "merge", "term"]

Lang = Literal["zh", "en"]

#: The kinds of id the vocabulary names.
Kind = Literal[
    "level",
    "share_type",
    "open_type",
    "actor",
    "event",
    "action",
    "timeout_outcome",
    "duty_outcome",
    "day_kind",
    "word",
    "rule_section",
    "rule_value",
    "list_item",
    "period_unit",
    "month",
    "rank",
    "doc_status",
    "audit",
]
KINDS: tuple[Kind, ...] = get_args(Kind)


class _Vocabulary(RootModel[dict[Kind, dict[str, Label]]]):
    pass


def merge(files: Iterable[tuple[str, str]]) -> dict[Kind, dict[str, Label]]:
    """Vocabulary files (name, text) merged; an id given twice for one kind (in one file or
    across files) is a :class:`DataFileError` naming both places."""
    merged: dict[Kind, dict[str, Label]] = {}
    where: dict[tuple[str, str], str] = {}
    for name, text in files:
        loaded = parse_yaml(text, name)
        for kind, terms in validate_model(_Vocabulary, loaded).root.items():
            for id_, lab in terms.items():
                if (kind, id_) in where:
                    first = where[(kind, id_)]
                    issue = DataIssue(
                        name,
                        loaded.line_of((kind, id_)),
                        f"{kind}.{id_}",
                        f"defined again ({first})",
                    )
                    raise DataFileError([issue])
                where[(kind, id_)] = name
                merged.setdefault(kind, {})[id_] = lab
    return merged


@functools.cache
def _data() -> dict[Kind, dict[str, Label]]:
    folder = resources.files("govshare").joinpath("data").joinpath("vocabulary")
    refs = sorted((r for r in folder.iterdir() if r.name.endswith(".yaml")), key=lambda r: r.name)
    return merge((f"govshare/data/vocabulary/{r.name}", r.read_text("utf-8")) for r in refs)


def term(kind: Kind, id_: str) -> Label | None:
    """The labels of ``id_`` as a ``kind``, or None when the vocabulary has no such term."""
    return _data().get(kind, {}).get(id_)


def label(kind: Kind, id_: str, lang: str = "zh") -> str:
    """The label of ``id_`` in ``lang``; an unknown id is shown as it is (never dropped)."""
    found = term(kind, id_)
    return id_ if found is None else found.pick(lang)


def labels(kind: Kind) -> dict[str, Label]:
    """Every term of one kind."""
    return dict(_data().get(kind, {}))
