"""What re-anchoring an article's notes on its new text did, for the import summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.models import Note


@dataclass
class ReanchorReport:
    """Counts (and the notes behind them) of one or more articles' re-anchoring.

    `moved` includes reworded (fuzzy) passages and orphans that found their
    passage again; `orphaned` counts only notes that lost it in this run, so a
    note is reported once, when it happens. Orphans keep their old selector.
    """

    kept: int = 0
    moved_notes: list[Note] = field(default_factory=list)
    orphaned_notes: list[Note] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return len(self.moved_notes)

    @property
    def orphaned(self) -> int:
        return len(self.orphaned_notes)

    @property
    def total(self) -> int:
        return self.kept + self.moved + self.orphaned

    def add(self, other: ReanchorReport) -> None:
        """Fold another article's report into this one."""
        self.kept += other.kept
        self.moved_notes.extend(other.moved_notes)
        self.orphaned_notes.extend(other.orphaned_notes)
