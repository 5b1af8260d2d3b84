"""A catalog made again from what the other library files keep, for a damaged or lost one.

Every body shard keeps each article's catalog entry beside its text (schema 3
on), and the entities shards keep the version of the extractor that found each
article's entities: together they are everything catalog.json holds. Bodies
written before they kept entries get theirs from catalog.json.bak. An entry is
listed only with its text: the reader can always show what the list offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.models import text_hash
from tui.store import codec
from tui.store.data_file import DataFile
from tui.store.errors import LibraryError
from tui.store.migrations import upgrade
from tui.store.schema import Tables

"""Catalog field: the extractor version of the article's stored entities (absent: none)."""


@dataclass(frozen=True)
class RebuiltCatalog:
    """The catalog's tables, how many articles came from where, and the shards lost on the way."""

    tables: Tables
    from_shards: int
    from_backup: int
    lost: tuple[str, ...]  # shards that could not be read (moved aside as damaged)

    @property
    def count(self) -> int:
        return self.from_shards + self.from_backup

    def told(self, done: str, backup: Path) -> str:
        """How it was rebuilt, for the end of the one line that tells the user."""
        places = ["the body shards"] if self.from_shards or not self.from_backup else []
        if self.from_backup:
            places.append(backup.name)
        said = f"{done} {self.count} article{'s' if self.count != 1 else ''} from "
        said += " and ".join(places)
        if self.lost:
            said += f" ({', '.join(self.lost)} unreadable: moved aside)"
        return said

    @classmethod
    def build(
        cls,
        path: Path,
        bodies: Sequence[DataFile],
        entities: Sequence[DataFile],
        backup: Tables | None,
    ) -> RebuiltCatalog:
        """The catalog at `path` made from these body and entities shards and its backup."""
        lost: list[str] = []
        found, bare = _entries(bodies, lost)
        from_shards = len(found)
        backup = backup or {}
        for doc in backup.get("articles", {}).values():
            article_id = doc.get("id")
            missing = article_id in bare and article_id not in found
            if missing and bare[article_id] == doc.get("text_hash"):
                found[article_id] = doc
        versions = _versions(entities, lost)
        docs = [
            {**doc, codec.ENTITIES_VERSION: versions[article_id]} if article_id in versions else doc
            for article_id, doc in found.items()
        ]
        tables: Tables = {**backup, "articles": {str(n): doc for n, doc in enumerate(docs, 1)}}
        upgrade(tables, path)
        return cls(tables, from_shards, len(found) - from_shards, tuple(lost))


def _tables(data_file: DataFile, lost: list[str]) -> Tables:
    """A shard's tables; a damaged one (moved aside by the read) is added to `lost`, as empty."""
    try:
        return data_file.read(keep=False)
    except LibraryError:
        lost.append(f"{data_file.path.parent.name}/{data_file.path.name}")
        return {}


def _entries(
    bodies: Sequence[DataFile], lost: list[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Catalog docs by id from the entries kept with their texts, and the text hashes of
    bodies without an entry."""
    found: dict[str, dict[str, Any]] = {}
    bare: dict[str, str] = {}
    for data_file in bodies:
        for record in _tables(data_file, lost).get("bodies", {}).values():
            article_id, text, entry = record.get("id"), record.get("text"), record.get("article")
            if not isinstance(article_id, str) or not isinstance(text, str):
                continue
            digest = text_hash(text)
            if isinstance(entry, dict) and entry.get("text_hash") == digest:
                found[article_id] = codec.catalog_doc(entry)
            else:
                bare[article_id] = digest
    return found, bare


def _versions(entities: Sequence[DataFile], lost: list[str]) -> dict[str, str]:
    """The extractor version of each article's stored entities (none: `gloss reindex` redoes)."""
    versions: dict[str, str] = {}
    for data_file in entities:
        for doc in _tables(data_file, lost).get("entities", {}).values():
            version = doc.get("extractor_version")
            if isinstance(version, str) and isinstance(doc.get("article_id"), str):
                versions[doc["article_id"]] = version
    return versions
