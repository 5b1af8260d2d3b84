"""What the index keeps of an article besides its words: enough to filter and list hits."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """An article's title, date, source and import tags, and a signature of its indexed fields.

    The signature also covers the entity names, which the index keeps only as
    postings: comparing signatures is how a stale entry is found without
    re-reading anything.
    """

    article_id: str
    title: str
    date: str | None
    source: str | None
    tags: tuple[str, ...]
    signature: str

    @classmethod
    def of(
        cls,
        article_id: str,
        title: str,
        date: str | None,
        source: str | None,
        tags: Sequence[str],
        entity_names: Sequence[str],
    ) -> ArticleMeta:
        parts = [title, date or "", source or "", "\x1e".join(tags), "\x1e".join(entity_names)]
        digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=12)
        return cls(article_id, title, date, source, tuple(tags), digest.hexdigest())
