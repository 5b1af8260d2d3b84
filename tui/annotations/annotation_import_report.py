"""What importing a W3C annotation export did, annotation by annotation."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.models import Note


@dataclass
class AnnotationImportReport:
    """Every annotation of a file ends in exactly one list, so none is lost silently.

    `restored` notes sit on their passage (or the whole article); `orphaned`
    ones were stored too, but their passage is no longer in the article's
    text. `skipped` holds the ids of notes the library already had; `failed`
    pairs what was not stored ("FILE: annotation ID", or just "FILE" when the
    file itself is not an annotation export) with the reason.
    """

    restored: list[Note] = field(default_factory=list)
    orphaned: list[Note] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.restored) + len(self.orphaned) + len(self.skipped) + len(self.failed)

    @property
    def ok(self) -> bool:
        return not self.failed

    def add(self, other: AnnotationImportReport) -> None:
        """Fold another file's report into this one."""
        self.restored.extend(other.restored)
        self.orphaned.extend(other.orphaned)
        self.skipped.extend(other.skipped)
        self.failed.extend(other.failed)

    def summary(self) -> str:
        return (
            f"annotations: {len(self.restored)} restored, {len(self.orphaned)} orphaned, "
            f"{len(self.skipped)} already present, {len(self.failed)} failed"
        )
