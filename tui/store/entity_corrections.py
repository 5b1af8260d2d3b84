"""The user's entity corrections: corrections.json in the library folder.

They are the user's own data, kept apart from the extracted entities (which
an import or `gloss reindex` replaces), so they travel with the folder and
outlive any re-extraction. EntityCorrector applies them at every read.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tui.models import (
    CORRECTION_ACTIONS,
    ENTITY_TYPES,
    CorrectionAction,
    Entity,
    EntityCorrection,
)
from tui.store import record_checks
from tui.store.data_file import DataFile, find_key, next_doc_id
from tui.store.entity_corrector import EntityCorrector
from tui.store.errors import EntityCorrectionError, LibraryReadOnlyError
from tui.store.record_rules import Report

CORRECTIONS_FILE = "corrections.json"
_TABLE = "corrections"


class EntityCorrections:
    """Lists, adds and forgets corrections; hands out the corrector of the current ones."""

    def __init__(
        self, folder: Path, read_only: LibraryReadOnlyError | None, report: Report
    ) -> None:
        self._file = DataFile(folder / CORRECTIONS_FILE, read_only=read_only)
        self._report = report
        self._source: object = None
        self._corrector = EntityCorrector(())
        self._version = ""

    def close(self) -> None:
        self._file.close()

    def corrector(self) -> EntityCorrector:
        """The corrections as they are on disk now (kept while the file is unchanged)."""
        tables = self._file.read() if self._file.exists() else None
        if tables is not self._source:
            docs = (tables or {}).get(_TABLE, {})
            ordered = dict(sorted(docs.items(), key=lambda item: int(item[0])))
            checked = record_checks.checked_records(
                ordered, record_checks.checked_correction, self._file.path, self._report
            )
            corrections = [
                EntityCorrection(
                    id=doc["id"],
                    action=doc["action"],
                    name=doc["name"],
                    value=doc.get("value", ""),
                    article_id=doc.get("article_id"),
                    created=doc.get("created", ""),
                )
                for doc in checked
                if doc["action"] in CORRECTION_ACTIONS
            ]
            self._corrector = EntityCorrector(corrections)
            ids = "\n".join(c.id for c in corrections)
            self._version = hashlib.blake2b(ids.encode(), digest_size=8).hexdigest() if ids else ""
            self._source = tables
        return self._corrector

    def version(self) -> str:
        """Changes whenever the corrections do; empty when there are none."""
        self.corrector()
        return self._version

    def all(self) -> list[EntityCorrection]:
        """Every correction, oldest first (the order they are applied in)."""
        return list(self.corrector().corrections)

    def make(
        self,
        action: CorrectionAction,
        name: str,
        value: str,
        article_id: str | None,
        found: Sequence[Entity],
        into: Sequence[Entity],
        now: str,
    ) -> EntityCorrection:
        """Check and store a new correction of `found`, the entities named `name` in its scope
        (`into`: those named `value`, for a merge); EntityCorrectionError says what is wrong."""
        where = f"article {article_id}" if article_id else "library"
        folder = self._file.path.parent
        if action not in CORRECTION_ACTIONS:
            raise EntityCorrectionError(
                f"{action!r} is not a correction: {', '.join(CORRECTION_ACTIONS)}"
            )
        if not found:
            raise EntityCorrectionError(f"no entity named {name!r} in {where} {folder}")
        if action == "hide" and value:
            raise EntityCorrectionError("hiding an entity takes no value")
        if action != "hide" and not value:
            raise EntityCorrectionError(f"{action} {name!r} needs a value")
        if action == "retype" and value not in ENTITY_TYPES:
            raise EntityCorrectionError(f"{value!r} is not a type: {', '.join(ENTITY_TYPES)}")
        if action == "rename" and all(entity.name == value for entity in found):
            raise EntityCorrectionError(f"the entity is already named {value!r}")
        if action == "merge" and value.casefold() == name.casefold():
            raise EntityCorrectionError(f"cannot merge {name!r} into itself")
        if action == "merge" and not into:
            raise EntityCorrectionError(
                f"no entity named {value!r} to merge into in {where} {folder}"
            )
        if action == "split" and not any(_goes_by(entity, value) for entity in found):
            raise EntityCorrectionError(f"{value!r} is not another name of {name!r}")
        made = EntityCorrection("", action, name, value, article_id, now)
        return self.add(made)

    def add(self, correction: EntityCorrection) -> EntityCorrection:
        """Store a correction (a new id when it has none); it applies from the next read on."""
        stored = correction if correction.id else _with_new_id(correction)
        with self._file.edit() as tables:
            docs = tables.setdefault(_TABLE, {})
            key = find_key(docs, "id", stored.id) or str(next_doc_id(docs))
            docs[key] = {
                "id": stored.id,
                "action": stored.action,
                "name": stored.name,
                "value": stored.value,
                "article_id": stored.article_id,
                "created": stored.created,
            }
        return stored

    def resolve_id(self, id_or_prefix: str) -> str:
        wanted = id_or_prefix.strip().casefold()
        ids = [c.id for c in self.all()]
        matches = [i for i in ids if i == wanted] or [
            i for i in ids if wanted and i.startswith(wanted)
        ]
        if len(matches) != 1:
            why = "matches several corrections" if matches else "is no correction"
            raise EntityCorrectionError(
                f"{id_or_prefix!r} {why} in library {self._file.path.parent}: "
                "`gloss entity corrections` lists them"
            )
        return matches[0]

    def remove(self, correction_id: str) -> EntityCorrection:
        """Forget a correction (undo it) and return it, so it can be added again."""
        full_id = self.resolve_id(correction_id)
        gone = next(c for c in self.all() if c.id == full_id)
        with self._file.edit() as tables:
            docs = tables.get(_TABLE, {})
            key = find_key(docs, "id", full_id)
            if key is not None:
                del docs[key]
        return gone


def _goes_by(entity: Entity, alias: str) -> bool:
    """Is `alias` another name of the entity (an alias, or a mention written so)?"""
    key = alias.casefold()
    if key == entity.name.casefold():
        return False
    return key in {a.casefold() for a in entity.aliases} or any(
        m.text.casefold() == key for m in entity.mentions
    )


def _with_new_id(correction: EntityCorrection) -> EntityCorrection:
    return replace(correction, id=uuid.uuid4().hex[:12])
