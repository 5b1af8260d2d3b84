"""What one refresh did to one feed, and the line that sums up a refresh."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """Counts of one feed's entries this refresh; `failed` says why the feed gave none.

    `not_modified`: the server answered 304 to the conditional request.
    `problems`: entries stored short because their linked page failed, and the like.
    """

    feed_id: str
    url: str
    title: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: str | None = None
    not_modified: bool = False
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return self.title or self.url

    def json(self) -> dict[str, Any]:
        return {
            "id": self.feed_id,
            "url": self.url,
            "title": self.title,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "not_modified": self.not_modified,
            "problems": list(self.problems),
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> FeedOutcome:
        """Read back what `gloss feed refresh --json` printed (the app runs it)."""
        return cls(
            feed_id=str(doc.get("id", "")),
            url=str(doc.get("url", "")),
            title=str(doc.get("title") or ""),
            new=int(doc.get("new", 0)),
            updated=int(doc.get("updated", 0)),
            unchanged=int(doc.get("unchanged", 0)),
            failed=None if doc.get("failed") is None else str(doc["failed"]),
            not_modified=bool(doc.get("not_modified", False)),
            problems=tuple(str(p) for p in doc.get("problems", ())),
        )


def refresh_summary(outcomes: Sequence[FeedOutcome]) -> str:
    """ "12 new in 3 feeds, 1 failed: <its reason>" (the first failure's reason, when any)."""
    new = sum(outcome.new for outcome in outcomes)
    feeds = len(outcomes)
    line = f"{new} new in {feeds} feed{'' if feeds == 1 else 's'}"
    updated = sum(outcome.updated for outcome in outcomes)
    if updated:
        line += f", {updated} updated"
    failed = [outcome for outcome in outcomes if outcome.failed]
    if failed:
        line += f", {len(failed)} failed: {failed[0].name}: {failed[0].failed}"
    return line
