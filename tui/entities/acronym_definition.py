"""One in-article acronym definition: "Asia Digital Bank (ADB)"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """The short form in the parentheses and the long form just before them (or the other
    way round: "HPC (High Performance Computing)")."""

    short: str
    long: str
    short_start: int
    long_start: int
    method: str  # "initials", "schwartz-hearst" or "reversed": which matcher found it

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)

    @property
    def long_end(self) -> int:
        return self.long_start + len(self.long)
