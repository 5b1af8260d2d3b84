"""The body shards and texts read last, kept parsed for the next read; the others let go.

A parsed body shard takes about 0.5 MB at 10k articles (10 MB at 100k), and a
search's snippets visit a shard per hit: keeping every shard read held 90 MB
after a few searches in a 10k library. So only the last few shards are kept
(a scan in shard order, as `LibraryReader.in_read_order` gives, parses each
once), and, one by one, the texts read last (a search's hits, read again as
the query is typed on, cost no shard then). Anything kept is used only while
its file's stamp is the one it was read at.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from tui.store.data_file import DataFile
from tui.store.schema import Tables

SHARDS_KEPT = 4
TEXTS_KEPT = 400
_Stamp = tuple[int, int, int]


class RecentBodies:
    """A small LRU of parsed body shards, and one of texts by article id."""

    def __init__(self, shards_kept: int = SHARDS_KEPT, texts_kept: int = TEXTS_KEPT) -> None:
        self._shards_kept = shards_kept
        self._texts_kept = texts_kept
        self._shards: OrderedDict[Path, tuple[_Stamp, Tables, dict[str, object]]] = OrderedDict()
        self._texts: OrderedDict[str, tuple[Path, _Stamp, object]] = OrderedDict()

    def tables(self, data_file: DataFile) -> Tables:
        """A body shard's tables (shared: do not modify)."""
        return self._shard(data_file, data_file.storage.stamp())[0]

    def text(self, data_file: DataFile, article_id: str) -> object:
        """What the shard holds as an article's text (None when it has no record of it)."""
        stamp = data_file.storage.stamp()
        kept = self._texts.get(article_id)
        if stamp is not None and kept is not None and kept[:2] == (data_file.path, stamp):
            self._texts.move_to_end(article_id)
            return kept[2]
        text = self._shard(data_file, stamp)[1].get(article_id)
        if stamp is not None:
            self._texts[article_id] = (data_file.path, stamp, text)
            self._texts.move_to_end(article_id)
            while len(self._texts) > self._texts_kept:
                self._texts.popitem(last=False)
        return text

    def _shard(self, data_file: DataFile, stamp: _Stamp | None) -> tuple[Tables, dict[str, object]]:
        """The shard's tables and texts by id; parsed again only when its stamp changed.

        A stamp of None (a file written this very second, or missing) is never trusted.
        """
        path = data_file.path
        kept = self._shards.get(path)
        if stamp is not None and kept is not None and kept[0] == stamp:
            self._shards.move_to_end(path)
            return kept[1], kept[2]
        tables = data_file.read(keep=False)
        docs = tables.get("bodies", {}).values()
        texts = {d["id"]: d.get("text") for d in docs if isinstance(d.get("id"), str)}
        if stamp is None:
            self._shards.pop(path, None)
        else:
            self._shards[path] = (stamp, tables, texts)
            self._shards.move_to_end(path)
            while len(self._shards) > self._shards_kept:
                self._shards.popitem(last=False)
        return tables, texts
