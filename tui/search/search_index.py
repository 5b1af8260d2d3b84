"""The library's inverted index: for each word, the articles and fields it occurs in.

Kept on disk in the library folder so a search never reads article bodies to
find matches (only the few it shows, for their snippets). The file holds
compact binary postings that are decoded only when a query asks for them, so
opening a 100k-article index costs one read, not a parse of every list (and the
store maps the file rather than reading it: only the postings asked for are
ever in memory).

Changes are incremental: an article's old postings stay in place but its entry
is marked dead (a tombstone), and new postings are appended. Articles have two
entries, one for the body (changed only with the text) and one for title,
entities and filter fields (changed when entities are set), so setting
entities never re-reads a text.

On disk there are two parts, like a log-structured store: a main part written
now and then (dead entries squeezed out), and a small delta holding what
changed since, written after each import batch. A delta names the main part
it extends (`generation`), so a delta left over from an older main part is
ignored rather than misread.

Why one long module: the file format, the incremental updates and the
look-ups share the posting layout; each reads the bytes the others write.
"""

from __future__ import annotations

import contextlib
import math
import mmap
import sys
import uuid
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import orjson

from tui.search.article_meta import ArticleMeta
from tui.search.errors import IndexFormatError
from tui.search.tokenizer import fold, tokenize

TEXT_FIELDS = ("title", "entity", "body")
ENTITY_KEYS = "entity_key"  # whole entity names and aliases, for entity: filters
TAG_KEYS = "tag_key"  # import tags, for tag: filters
FIELDS = (*TEXT_FIELDS, ENTITY_KEYS, TAG_KEYS)
_META_FIELDS = ("title", "entity", ENTITY_KEYS, TAG_KEYS)

MAGIC = b"GLOSSIX\x04"  # 3: words folded after NFKD (styled letters); 4: words over 64 letters
FORMAT = 2
COMPACT_AT = 0.25
"""Share of dead entries (per kind) above which the main part is rewritten without them."""
DELTA_AT = 0.10
"""Share of entries changed since the main part above which a save rewrites the main part."""

MAX_TF = 255
_ORD = next(code for code in "IL" if array(code).itemsize == 4)
_HEAD = len(MAGIC) + 4

PostingList = tuple["array[int]", bytearray]
Data = bytes | mmap.mmap
"""A saved part: its bytes, or the file mapped into memory."""
_CHUNK = 1 << 20
"""Bytes checksummed at a time (a multiple of every page size)."""


def entity_key(name: str) -> str:
    """How entity: and tag: filters compare names: folded, spaces normalised."""
    return fold(" ".join(name.split()))


class SearchIndex:
    """Postings per field and word over two kinds of entries (bodies, metadata).

    `stamp` is opaque here: the store records which version of the catalog the
    index reflects, and saves it with the index.
    """

    def __init__(self) -> None:
        self.stamp: Any = None
        self.generation = ""  # id of the main part this index extends ("" before the first)
        self._body_ids: list[str | None] = []
        self._body_hashes: list[str] = []
        self._body_lengths: list[int] = []
        self._body_of: dict[str, int] = {}
        self._metas: list[ArticleMeta | None] = []
        self._meta_ids: list[str | None] = []
        self._title_lengths: list[int] = []
        self._entity_lengths: list[int] = []
        self._meta_of: dict[str, int] = {}
        self._blob = memoryview(b"")
        self._stored: dict[str, dict[str, list[int]]] = {f: {} for f in FIELDS}
        self._lists: dict[str, dict[str, PostingList]] = {f: {} for f in FIELDS}
        self._totals = dict.fromkeys(TEXT_FIELDS, 0)
        self._base = {"body": 0, "meta": 0}  # entries in the main part
        self._dead_base: dict[str, set[int]] = {"body": set(), "meta": set()}
        self._vocab: list[str] | None = None
        self._norms: dict[tuple[str, float, float], list[float]] = {}
        self._order: tuple[list[str], list[str]] | None = None

    # -- what is indexed --------------------------------------------------------

    def __len__(self) -> int:
        return len(self._meta_of)

    def article_ids(self) -> set[str]:
        return set(self._body_of) | set(self._meta_of)

    def body_hash(self, article_id: str) -> str | None:
        ordinal = self._body_of.get(article_id)
        return None if ordinal is None else self._body_hashes[ordinal]

    def meta(self, article_id: str) -> ArticleMeta | None:
        ordinal = self._meta_of.get(article_id)
        return None if ordinal is None else self._metas[ordinal]

    def metas(self) -> Iterator[ArticleMeta]:
        return (meta for meta in self._metas if meta is not None)

    # -- changes ----------------------------------------------------------------

    def set_body(self, article_id: str, text_hash: str, text: str) -> None:
        """Index an article's text (replacing what was indexed for it)."""
        self._drop_body(article_id)
        words = tokenize(text)
        ordinal = len(self._body_ids)
        self._body_ids.append(article_id)
        self._body_hashes.append(text_hash)
        self._body_lengths.append(len(words))
        self._body_of[article_id] = ordinal
        self._totals["body"] += len(words)
        self._add("body", ordinal, Counter(words))
        self._changed("body")

    def set_meta(self, meta: ArticleMeta, entity_names: Iterable[str]) -> None:
        """Index title, entity names (and aliases) and filter fields of an article."""
        self._drop_meta(meta.article_id)
        names = [name for name in entity_names if name.strip()]
        title_words = tokenize(meta.title)
        entity_words = tokenize("\n".join(names))
        ordinal = len(self._metas)
        self._metas.append(meta)
        self._meta_ids.append(meta.article_id)
        self._title_lengths.append(len(title_words))
        self._entity_lengths.append(len(entity_words))
        self._meta_of[meta.article_id] = ordinal
        self._totals["title"] += len(title_words)
        self._totals["entity"] += len(entity_words)
        self._add("title", ordinal, Counter(title_words))
        self._add("entity", ordinal, Counter(entity_words))
        self._add(ENTITY_KEYS, ordinal, Counter({entity_key(n) for n in names}))
        self._add(TAG_KEYS, ordinal, Counter({entity_key(t) for t in meta.tags if t.strip()}))
        self._changed("meta")

    def remove(self, article_id: str) -> None:
        self._drop_body(article_id)
        self._drop_meta(article_id)

    def _drop_body(self, article_id: str) -> None:
        ordinal = self._body_of.pop(article_id, None)
        if ordinal is not None:
            self._totals["body"] -= self._body_lengths[ordinal]
            self._body_ids[ordinal] = None
            if ordinal < self._base["body"]:
                self._dead_base["body"].add(ordinal)
            self._changed("body")

    def _drop_meta(self, article_id: str) -> None:
        ordinal = self._meta_of.pop(article_id, None)
        if ordinal is not None:
            self._totals["title"] -= self._title_lengths[ordinal]
            self._totals["entity"] -= self._entity_lengths[ordinal]
            self._metas[ordinal] = None
            self._meta_ids[ordinal] = None
            if ordinal < self._base["meta"]:
                self._dead_base["meta"].add(ordinal)
            self._changed("meta")

    def _changed(self, kind: str) -> None:
        self._norms.clear()
        if kind == "meta":
            self._order = None

    def _add(self, field: str, ordinal: int, counts: Counter[str]) -> None:
        lists = self._lists[field]
        for token, count in counts.items():
            postings = lists.get(token)
            if postings is None:
                postings = lists[token] = self._decode(field, token, mutable=True)
                if not postings[0] and field in TEXT_FIELDS:
                    self._vocab = None  # a new word
            postings[0].append(ordinal)
            postings[1].append(min(count, MAX_TF))

    def _decode(self, field: str, token: str, mutable: bool = False) -> PostingList:
        """A stored posting list (empty if none); `mutable` moves it out of the blob."""
        stored = self._stored[field]
        location = stored.pop(token, None) if mutable else stored.get(token)
        ordinals: array[int] = array(_ORD)
        if location is None:
            return ordinals, bytearray()
        offset, count = location
        ordinals.frombytes(self._blob[offset : offset + 4 * count])
        return ordinals, bytearray(self._blob[offset + 4 * count : offset + 5 * count])

    # -- queries ----------------------------------------------------------------

    def raw(self, field: str, token: str) -> PostingList | None:
        """A word's postings in a field: entry ordinals and occurrence counts (dead included).

        See `columns` for what an ordinal stands for. Do not modify.
        """
        found = self._lists[field].get(token)
        if token in self._stored[field]:
            stored = self._decode(field, token)
            if found is not None:  # a delta's postings, after the main part's (see _apply_delta)
                stored[0].extend(found[0])
                stored[1].extend(found[1])
            found = stored
        return found

    def columns(self, field: str) -> tuple[list[str | None], list[int]]:
        """For each entry ordinal of a field: its article id (None if dead) and length in words."""
        if field == "body":
            return self._body_ids, self._body_lengths
        return self._meta_ids, (self._entity_lengths if field == "entity" else self._title_lengths)

    def ordinals(self, field: str) -> dict[str, int]:
        """The live entry ordinal of each article in a field's postings (do not modify)."""
        return self._body_of if field == "body" else self._meta_of

    def norms(self, field: str, k1: float, b: float) -> list[float]:
        """BM25's length normalisation k1 * (1 - b + b * length / mean) for each entry."""
        key = (field, k1, b)
        found = self._norms.get(key)
        if found is None:
            _, mean = self.field_stats(field)
            _, lengths = self.columns(field)
            flat, steep = k1 * (1 - b), (k1 * b / mean if mean else 0.0)
            found = self._norms[key] = [flat + steep * length for length in lengths]
        return found

    def postings(self, field: str, token: str) -> Iterator[tuple[str, int, int]]:
        """(article id, occurrences, words in the field) for each live article with `token`."""
        found = self.raw(field, token)
        if found is None:
            return
        ids, lengths = self.columns(field)
        for ordinal, count in zip(found[0], found[1], strict=True):
            article_id = ids[ordinal]
            if article_id is not None:
                yield article_id, count, lengths[ordinal]

    def entity_articles(self, name: str) -> set[str]:
        """Articles with an entity (or alias) of this name, compared as entity_key does."""
        return self._keyed(ENTITY_KEYS, entity_key(name))

    def tag_articles(self, tag: str) -> set[str]:
        """Articles with this import tag (any case)."""
        return self._keyed(TAG_KEYS, entity_key(tag))

    def _keyed(self, field: str, key: str) -> set[str]:
        found = self.raw(field, key)
        if found is None:
            return set()
        ids = self._meta_ids
        return {a for a in (ids[ordinal] for ordinal in found[0]) if a is not None}

    def field_stats(self, field: str) -> tuple[int, float]:
        """How many articles have the field, and its mean length in words (for BM25)."""
        docs = len(self._body_of) if field == "body" else len(self._meta_of)
        return docs, (self._totals[field] / docs if docs else 0.0)

    def document_frequency(self, token: str) -> int:
        """Entries (live or dead) with the word in any text field: a cheap popularity."""
        total = 0
        for field in TEXT_FIELDS:
            found = self._lists[field].get(token)
            location = self._stored[field].get(token)
            total += (0 if found is None else len(found[0])) + (
                0 if location is None else location[1]
            )
        return total

    def expand(self, prefix: str, limit: int) -> list[str]:
        """Indexed words starting with `prefix`: the `limit` most frequent ones."""
        vocab = self._vocabulary()
        found: list[str] = []
        for position in range(bisect_left(vocab, prefix), len(vocab)):
            word = vocab[position]
            if not word.startswith(prefix):
                break
            found.append(word)
        if len(found) > limit:
            found.sort(key=self.document_frequency, reverse=True)
            found = found[:limit]
        return found

    def _vocabulary(self) -> list[str]:
        if self._vocab is None:
            words: set[str] = set()
            for field in TEXT_FIELDS:
                words.update(self._stored[field])
                words.update(word for word, found in self._lists[field].items() if found[0])
            self._vocab = sorted(words)
        return self._vocab

    def newest_first(self) -> tuple[list[str], list[str]]:
        """Every article id as `gloss list` orders them (newest first, undated last, by title),
        and each one's date ("" if none) to find a date range by bisection. Do not modify."""
        if self._order is None:
            metas = [meta for meta in self._metas if meta is not None]
            metas.sort(key=lambda m: (m.title.casefold(), m.article_id))
            metas.sort(key=lambda m: m.date or "", reverse=True)
            self._order = ([m.article_id for m in metas], [m.date or "" for m in metas])
        return self._order

    # -- the files ----------------------------------------------------------------

    def delta_share(self) -> float:
        """How much changed since the main part, as a share of it (0 when nothing did)."""
        base = self._base["body"] + self._base["meta"]
        added = len(self._body_ids) - self._base["body"] + len(self._metas) - self._base["meta"]
        dead = len(self._dead_base["body"]) + len(self._dead_base["meta"])
        if not base:
            return math.inf if added or dead else 0.0
        return (added + dead) / base

    def needs_main(self) -> bool:
        """True when the next save should rewrite the main part rather than add a delta."""
        return not self.generation or self.delta_share() > DELTA_AT

    def to_bytes(self) -> bytes:
        """The whole index as a new main part; afterwards the index reads from these bytes."""
        self._compact()
        self.generation = uuid.uuid4().hex
        directory: dict[str, dict[str, list[int]]] = {}
        pieces: list[bytes | memoryview] = []
        offset = 0
        for field in FIELDS:
            entries: dict[str, list[int]] = {}
            lists = self._lists[field]
            for token, (start, count) in self._stored[field].items():
                added = lists.get(token)
                if added is None or not added[0]:
                    pieces.append(self._blob[start : start + 5 * count])
                else:  # the main part's postings, then those added after it
                    middle = start + 4 * count
                    pieces += (self._blob[start:middle], added[0].tobytes())
                    pieces += (self._blob[middle : middle + count], bytes(added[1]))
                    count += len(added[0])
                entries[token] = [offset, count]
                offset += 5 * count
            for token, (ordinals, counts) in lists.items():
                if ordinals and token not in self._stored[field]:
                    pieces += (ordinals.tobytes(), bytes(counts))
                    entries[token] = [offset, len(ordinals)]
                    offset += 5 * len(ordinals)
            directory[field] = entries
        units = {"bodies": self._body_rows(0), "metas": self._meta_rows(0)}
        data = _pack("main", self.generation, self.stamp, units, directory, pieces)
        self._blob = memoryview(data)[len(data) - offset :]
        self._stored = directory
        self._lists = {f: {} for f in FIELDS}
        self._base = {"body": len(self._body_ids), "meta": len(self._metas)}
        self._dead_base = {"body": set(), "meta": set()}
        return data

    def delta_bytes(self) -> bytes:
        """What changed since the main part (`generation`), to save next to it."""
        if not self.generation:
            raise ValueError("no main part to extend: save to_bytes() first")
        directory: dict[str, dict[str, list[int]]] = {}
        pieces: list[bytes] = []
        offset = 0
        for field in FIELDS:
            base = self._base["body" if field == "body" else "meta"]
            entries: dict[str, list[int]] = {}
            for token, (ordinals, counts) in self._lists[field].items():
                start = bisect_left(ordinals, base)
                count = len(ordinals) - start
                if count:
                    pieces += (ordinals[start:].tobytes(), bytes(counts[start:]))
                    entries[token] = [offset, count]
                    offset += 5 * count
            directory[field] = entries
        units = {
            "bodies": self._body_rows(self._base["body"]),
            "metas": self._meta_rows(self._base["meta"]),
            "dead_bodies": sorted(self._dead_base["body"]),
            "dead_metas": sorted(self._dead_base["meta"]),
            "base": self._base,
        }
        return _pack("delta", self.generation, self.stamp, units, directory, pieces)

    def _body_rows(self, start: int) -> list[Any]:
        return [
            None if article_id is None else [article_id, text_hash, length]
            for article_id, text_hash, length in zip(
                self._body_ids[start:],
                self._body_hashes[start:],
                self._body_lengths[start:],
                strict=True,
            )
        ]

    def _meta_rows(self, start: int) -> list[Any]:
        rows: list[Any] = []
        for ordinal in range(start, len(self._metas)):
            meta = self._metas[ordinal]
            if meta is None:
                rows.append(None)
                continue
            rows.append(
                [
                    meta.article_id,
                    meta.signature,
                    meta.title,
                    meta.date,
                    meta.source,
                    list(meta.tags),
                    self._title_lengths[ordinal],
                    self._entity_lengths[ordinal],
                ]
            )
        return rows

    @staticmethod
    def head_size(first_bytes: bytes) -> int:
        """How many bytes of a file `read_head` needs, from its first 12."""
        if len(first_bytes) < _HEAD or first_bytes[: len(MAGIC)] != MAGIC:
            raise IndexFormatError("not a Gloss search index of this version")
        return _HEAD + int.from_bytes(first_bytes[len(MAGIC) : _HEAD], "little")

    @staticmethod
    def read_head(data: bytes) -> dict[str, Any]:
        """A file's header: "kind" (main or delta), "generation", "stamp"..."""
        return _read_head(data)[0]

    @classmethod
    def from_bytes(cls, data: Data, delta: bytes | None = None) -> SearchIndex:
        """Read a main part, and the delta saved after it if it extends this very main part.

        `data` may be the file mapped into memory (see SearchIndexFile.load): the
        postings are then read from the file as queries ask for them, never all
        held in memory (24 MB at 10k articles).

        IndexFormatError if the main part is damaged; a damaged or foreign delta
        is left out (the index is then older, which the store notices by its stamp).
        """
        head, units, directory, blob = _unpack(data, "main")
        index = cls()
        try:
            index.stamp = head["stamp"]
            index.generation = str(head["generation"])
            index._load_units(units["bodies"], units["metas"])
            index._load_listing(directory, blob)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise IndexFormatError(f"search index is damaged: {exc}") from exc
        index._base = {"body": len(index._body_ids), "meta": len(index._metas)}
        if delta:
            try:
                index._apply_delta(delta)
            except (IndexFormatError, ValueError, TypeError, KeyError, IndexError):
                return cls.from_bytes(data)  # half-applied: start again without it
        return index

    def _apply_delta(self, data: bytes) -> None:
        head, units, directory, blob = _unpack(data, "delta")
        if head["generation"] != self.generation or units["base"] != self._base:
            return
        for ordinal in units["dead_bodies"]:
            article_id = self._body_ids[ordinal]
            if article_id is not None:
                self._drop_body(article_id)
        for ordinal in units["dead_metas"]:
            article_id = self._meta_ids[ordinal]
            if article_id is not None:
                self._drop_meta(article_id)
        self._load_units(units["bodies"], units["metas"])
        for field in FIELDS:
            for token, (offset, count) in directory[field].items():
                if offset < 0 or count < 0 or offset + 5 * count > len(blob):
                    raise IndexFormatError("search index delta posting outside the file")
                # Added after the main part's postings, which stay in the blob: raw() joins
                # them, so a delta of common words does not copy their long lists out.
                ordinals, counts = self._lists[field].get(token) or (array(_ORD), bytearray())
                ordinals.frombytes(blob[offset : offset + 4 * count])
                counts.extend(blob[offset + 4 * count : offset + 5 * count])
                self._lists[field][token] = (ordinals, counts)
        self.stamp = head["stamp"]
        self._vocab = None
        self._changed("meta")

    def _load_units(self, bodies: list[Any], metas: list[Any]) -> None:
        for row in bodies:
            ordinal = len(self._body_ids)
            if row is None:
                self._body_ids.append(None)
                self._body_hashes.append("")
                self._body_lengths.append(0)
                continue
            article_id, text_hash, words = row
            self._body_ids.append(str(article_id))
            self._body_hashes.append(str(text_hash))
            self._body_lengths.append(int(words))
            self._body_of[article_id] = ordinal
            self._totals["body"] += int(words)
        for row in metas:
            ordinal = len(self._metas)
            if row is None:
                self._metas.append(None)
                self._meta_ids.append(None)
                self._title_lengths.append(0)
                self._entity_lengths.append(0)
                continue
            article_id, signature, title, date, source, tags, title_words, entity_words = row
            self._metas.append(ArticleMeta(article_id, title, date, source, tuple(tags), signature))
            self._meta_ids.append(article_id)
            self._title_lengths.append(int(title_words))
            self._entity_lengths.append(int(entity_words))
            self._meta_of[article_id] = ordinal
            self._totals["title"] += int(title_words)
            self._totals["entity"] += int(entity_words)

    def _load_listing(self, listing: dict[str, dict[str, list[int]]], blob: memoryview) -> None:
        for field in FIELDS:
            entries = listing[field]
            for offset, count in entries.values():
                if offset < 0 or count < 0 or offset + 5 * count > len(blob):
                    raise IndexFormatError("search index posting outside the file")
            self._stored[field] = entries
        self._blob = blob

    def _compact(self) -> None:
        """Drop dead entries' postings and renumber, when enough of them piled up."""
        for kind, ids in (("body", self._body_ids), ("meta", self._meta_ids)):
            dead = sum(1 for article_id in ids if article_id is None)
            if not ids or dead <= COMPACT_AT * len(ids):
                continue
            renumber = array("l", [-1]) * len(ids)
            live = [ordinal for ordinal, article_id in enumerate(ids) if article_id is not None]
            for new, old in enumerate(live):
                renumber[old] = new
            fields = ("body",) if kind == "body" else _META_FIELDS
            for field in fields:
                self._lists[field] = _renumbered(self._all_lists(field), renumber)
                self._stored[field] = {}
            if kind == "body":
                self._body_ids = [self._body_ids[o] for o in live]
                self._body_hashes = [self._body_hashes[o] for o in live]
                self._body_lengths = [self._body_lengths[o] for o in live]
                self._body_of = {a: n for n, a in enumerate(self._body_ids) if a is not None}
            else:
                self._metas = [self._metas[o] for o in live]
                self._meta_ids = [self._meta_ids[o] for o in live]
                self._title_lengths = [self._title_lengths[o] for o in live]
                self._entity_lengths = [self._entity_lengths[o] for o in live]
                self._meta_of = {a: n for n, a in enumerate(self._meta_ids) if a is not None}
            self._changed(kind)
        self._vocab = None

    def _all_lists(self, field: str) -> Iterator[tuple[str, PostingList]]:
        for token in list(self._stored[field]):
            found = self.raw(field, token)
            assert found is not None
            yield token, found
        lists = self._lists[field]
        yield from ((t, p) for t, p in lists.items() if t not in self._stored[field])


def _renumbered(
    lists: Iterable[tuple[str, PostingList]], renumber: Sequence[int]
) -> dict[str, PostingList]:
    result: dict[str, PostingList] = {}
    for token, (ordinals, counts) in lists:
        kept_ordinals: array[int] = array(_ORD)
        kept_counts = bytearray()
        for ordinal, count in zip(ordinals, counts, strict=True):
            new = renumber[ordinal]
            if new >= 0:
                kept_ordinals.append(new)
                kept_counts.append(count)
        if kept_ordinals:
            result[token] = (kept_ordinals, kept_counts)
    return result


def _pack(
    kind: str,
    generation: str,
    stamp: Any,
    units: dict[str, Any],
    directory: dict[str, dict[str, list[int]]],
    pieces: Sequence[bytes | memoryview],
) -> bytes:
    """MAGIC, header length, header (JSON), units (JSON), directory (JSON), postings."""
    blob = b"".join(pieces)
    units_json = orjson.dumps(units)
    listing = orjson.dumps(directory)
    crc = zlib.crc32(blob, zlib.crc32(listing, zlib.crc32(units_json)))
    head = orjson.dumps(
        {
            "format": FORMAT,
            "kind": kind,
            "generation": generation,
            "stamp": stamp,
            "byteorder": sys.byteorder,
            "sizes": [len(units_json), len(listing), len(blob)],
            "crc": crc,
        }
    )
    return b"".join((MAGIC, len(head).to_bytes(4, "little"), head, units_json, listing, blob))


def _checksum(data: Data, start: int) -> int:
    """CRC-32 of data[start:], read a chunk at a time; the pages of a mapped file are let go
    after each chunk, so checking a 25 MB index never makes all of it resident."""
    view = memoryview(data)
    crc = 0
    for at in range(start, len(view), _CHUNK):
        end = min(at + _CHUNK, len(view))
        crc = zlib.crc32(view[at:end], crc)
        _let_go(data, at, end)
    return crc


def _let_go(data: Data, start: int, end: int) -> None:
    """Drop a mapped file's pages in [start, end) from memory (read again from the file
    if touched later); nothing for bytes, or where the system cannot."""
    if isinstance(data, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED") and end > start:
        first = start - start % mmap.PAGESIZE
        with contextlib.suppress(OSError, ValueError):
            data.madvise(mmap.MADV_DONTNEED, first, end - first)


def _unpack(data: Data, kind: str) -> tuple[dict[str, Any], Any, Any, memoryview]:
    """Check a file whole (length, checksum, kind) and split it into its parts."""
    head, start = _read_head(data)
    try:
        sizes = [int(size) for size in head["sizes"]]
        if head["format"] != FORMAT or head["byteorder"] != sys.byteorder:
            raise IndexFormatError("search index from another format or machine")
        if head["kind"] != kind:
            raise IndexFormatError(f"expected a search index {kind}, found {head['kind']}")
        if len(sizes) != 3 or start + sum(sizes) != len(data):
            raise IndexFormatError("search index has the wrong length")
        view = memoryview(data)
        units = view[start : start + sizes[0]]
        listing = view[start + sizes[0] : start + sizes[0] + sizes[1]]
        blob = view[start + sizes[0] + sizes[1] :]
        if _checksum(data, start) != head["crc"]:
            raise IndexFormatError("search index checksum mismatch")
        parsed = orjson.loads(units), orjson.loads(listing)
        _let_go(data, 0, start + sizes[0] + sizes[1])
        return head, *parsed, blob
    except IndexFormatError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise IndexFormatError(f"search index is damaged: {exc}") from exc


def _read_head(data: Data) -> tuple[dict[str, Any], int]:
    end = SearchIndex.head_size(bytes(data[:_HEAD]))
    if len(data) < end:
        raise IndexFormatError("search index is truncated")
    try:
        head = orjson.loads(data[_HEAD:end])
    except orjson.JSONDecodeError as exc:
        raise IndexFormatError(f"search index header is damaged: {exc}") from exc
    if not isinstance(head, dict) or "stamp" not in head or "generation" not in head:
        raise IndexFormatError("search index header is damaged")
    return head, end


def idf(docs: int, with_word: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log(1.0 + (docs - with_word + 0.5) / (with_word + 0.5))
