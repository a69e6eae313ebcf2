"""The vocabulary: the Chinese and English label of every id a result carries.

Results carry ids (``provincial``, ``deemed_consent``, ``provider``); renderers ask
:func:`label` for the words in the language they print. The labels live in one data file,
``govshare/data/vocabulary.yaml``, kept in step with the project's glossary, so a label is
written once and a new term needs no Python change.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Literal, get_args

from pydantic import RootModel

from govshare._kernel.model import Label
from govshare._kernel.yamlio import parse_yaml, validate_model

__all__ = ["KINDS", "Kind", "Lang", "label", "labels", "term"]

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
]
KINDS: tuple[Kind, ...] = get_args(Kind)


class _Vocabulary(RootModel[dict[Kind, dict[str, Label]]]):
    pass


@functools.cache
def _data() -> dict[Kind, dict[str, Label]]:
    ref = resources.files("govshare").joinpath("data").joinpath("vocabulary.yaml")
    loaded = parse_yaml(ref.read_text("utf-8"), "govshare/data/vocabulary.yaml")
    return dict(validate_model(_Vocabulary, loaded).root)


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
