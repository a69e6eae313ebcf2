"""The strict model base every data format shares, the administrative levels and labels."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["LEVELS", "STRICT", "Label", "Level", "NonEmpty", "StrictModel"]

#: Unknown fields are errors, models are immutable, fields may be given by name or alias.
STRICT = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

#: A string that must not be empty.
NonEmpty = Annotated[str, Field(min_length=1)]

#: The administrative levels the documents speak of (省级, 市（州）级, 县级).
Level = Literal["provincial", "prefectural", "county"]
LEVELS: tuple[Level, ...] = ("provincial", "prefectural", "county")


class StrictModel(BaseModel):
    """Base of every validated data format: unknown fields are errors; values are frozen."""

    model_config = STRICT


class Label(StrictModel):
    """A name in Chinese and English."""

    zh: NonEmpty
    en: NonEmpty

    def pick(self, lang: str) -> str:
        """The label in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh
