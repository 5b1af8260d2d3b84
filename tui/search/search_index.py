"""The library's inverted index: for each word, the articles and fields it occurs in.

Kept in one file in the library folder so a search never reads article bodies
to find matches (only the few it shows, for their snippets). The file holds
compact binary postings that are decoded only when a query asks for them, so
opening a 10k-article index costs one read, not a parse of every list.

Changes are incremental: an article's old postings are left in place but its
entry is marked dead (a tombstone), and new postings are appended. Dead entries
are squeezed out when they pass COMPACT_AT of the whole, at the next save.
Articles have two entries, one for the body (changes only with the text) and
one for title, entities and filter fields (changes when entities are set), so
setting entities never re-reads a text.
"""

from __future__ import annotations

import math
import sys
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import orjson

from tui.search.article_meta import ArticleMeta
from tui.search.index_format_error import IndexFormatError
from tui.search.tokenizer import fold, tokenize

TEXT_FIELDS = ("title", "entity", "body")
ENTITY_KEYS = "entity_key"  # whole entity names and aliases, for entity: filters
FIELDS = (*TEXT_FIELDS, ENTITY_KEYS)
_META_FIELDS = frozenset(("title", "entity", ENTITY_KEYS))

MAGIC = b"GLOSSIX\x01"
FORMAT = 1
COMPACT_AT = 0.25
"""Share of dead entries (per kind) above which a save rewrites the postings without them."""

MAX_TF = 255
_ORD = next(code for code in "IL" if array(code).itemsize == 4)
_HEAD = len(MAGIC) + 4

PostingList = tuple["array[int]", bytearray]
_Body = tuple[str, str, int]  # article id, text hash, words
_Meta = tuple[ArticleMeta, int, int]  # meta, title words, entity words


def entity_key(name: str) -> str:
    """How entity: filters compare names: folded, spaces normalised."""
    return fold(" ".join(name.split()))


class SearchIndex:
    """Postings per field and word over two kinds of entries (bodies, metadata).

    `stamp` is opaque here: the store records which version of the catalog the
    index reflects, and saves it with the index.
    """

    def __init__(self) -> None:
        self.stamp: Any = None
        self._bodies: list[_Body | None] = []
        self._body_of: dict[str, int] = {}
        self._metas: list[_Meta | None] = []
        self._meta_of: dict[str, int] = {}
        self._blob = memoryview(b"")
        self._stored: dict[str, dict[str, list[int]]] = {f: {} for f in FIELDS}
        self._lists: dict[str, dict[str, PostingList]] = {f: {} for f in FIELDS}
        self._totals = dict.fromkeys(TEXT_FIELDS, 0)
        self._vocab: list[str] | None = None

    # -- what is indexed --------------------------------------------------------

    def __len__(self) -> int:
        return len(self._meta_of)

    def article_ids(self) -> set[str]:
        return set(self._body_of) | set(self._meta_of)

    def body_hash(self, article_id: str) -> str | None:
        ordinal = self._body_of.get(article_id)
        entry = None if ordinal is None else self._bodies[ordinal]
        return None if entry is None else entry[1]

    def meta(self, article_id: str) -> ArticleMeta | None:
        ordinal = self._meta_of.get(article_id)
        entry = None if ordinal is None else self._metas[ordinal]
        return None if entry is None else entry[0]

    def metas(self) -> Iterator[ArticleMeta]:
        for entry in self._metas:
            if entry is not None:
                yield entry[0]

    # -- changes ----------------------------------------------------------------

    def set_body(self, article_id: str, text_hash: str, text: str) -> None:
        """Index an article's text (replacing what was indexed for it)."""
        self._drop_body(article_id)
        words = tokenize(text)
        ordinal = len(self._bodies)
        self._bodies.append((article_id, text_hash, len(words)))
        self._body_of[article_id] = ordinal
        self._totals["body"] += len(words)
        self._add("body", ordinal, Counter(words))

    def set_meta(self, meta: ArticleMeta, entity_names: Iterable[str]) -> None:
        """Index title, entity names (and aliases) and filter fields of an article."""
        self._drop_meta(meta.article_id)
        names = list(entity_names)
        title_words = tokenize(meta.title)
        entity_words = tokenize("\n".join(names))
        ordinal = len(self._metas)
        self._metas.append((meta, len(title_words), len(entity_words)))
        self._meta_of[meta.article_id] = ordinal
        self._totals["title"] += len(title_words)
        self._totals["entity"] += len(entity_words)
        self._add("title", ordinal, Counter(title_words))
        self._add("entity", ordinal, Counter(entity_words))
        self._add(ENTITY_KEYS, ordinal, Counter({entity_key(n) for n in names if n.strip()}))

    def remove(self, article_id: str) -> None:
        self._drop_body(article_id)
        self._drop_meta(article_id)

    def _drop_body(self, article_id: str) -> None:
        ordinal = self._body_of.pop(article_id, None)
        if ordinal is not None:
            entry = self._bodies[ordinal]
            assert entry is not None
            self._totals["body"] -= entry[2]
            self._bodies[ordinal] = None

    def _drop_meta(self, article_id: str) -> None:
        ordinal = self._meta_of.pop(article_id, None)
        if ordinal is not None:
            entry = self._metas[ordinal]
            assert entry is not None
            self._totals["title"] -= entry[1]
            self._totals["entity"] -= entry[2]
            self._metas[ordinal] = None

    def _add(self, field: str, ordinal: int, counts: Counter[str]) -> None:
        lists = self._lists[field]
        for token, count in counts.items():
            postings = lists.get(token)
            if postings is None:
                postings = lists[token] = self._decode(field, token, mutable=True)
                if not postings[0] and field != ENTITY_KEYS:
                    self._vocab = None  # a new word
            postings[0].append(ordinal)
            postings[1].append(min(count, MAX_TF))

    def _decode(self, field: str, token: str, mutable: bool = False) -> PostingList:
        """A stored posting list (empty if none); `mutable` moves it out of the blob."""
        location = self._stored[field].pop(token, None) if mutable else None
        if location is None and not mutable:
            location = self._stored[field].get(token)
        ordinals: array[int] = array(_ORD)
        if location is None:
            return ordinals, bytearray()
        offset, count = location
        ordinals.frombytes(self._blob[offset : offset + 4 * count])
        return ordinals, bytearray(self._blob[offset + 4 * count : offset + 5 * count])

    def _postings(self, field: str, token: str) -> PostingList | None:
        found = self._lists[field].get(token)
        if found is None and token in self._stored[field]:
            found = self._decode(field, token)
        return found

    # -- queries ----------------------------------------------------------------

    def postings(self, field: str, token: str) -> Iterator[tuple[str, int, int]]:
        """(article id, occurrences, words in the field) for each live article with `token`."""
        found = self._postings(field, token)
        if found is None:
            return
        ordinals, counts = found
        if field == "body":
            bodies = self._bodies
            for ordinal, count in zip(ordinals, counts, strict=True):
                body = bodies[ordinal]
                if body is not None:
                    yield body[0], count, body[2]
        else:
            metas = self._metas
            entity = field == "entity"
            for ordinal, count in zip(ordinals, counts, strict=True):
                meta = metas[ordinal]
                if meta is not None:
                    yield meta[0].article_id, count, meta[2] if entity else meta[1]

    def entity_articles(self, name: str) -> set[str]:
        """Articles with an entity (or alias) of this name, compared as entity_key does."""
        return {article_id for article_id, _, _ in self.postings(ENTITY_KEYS, entity_key(name))}

    def field_stats(self, field: str) -> tuple[int, float]:
        """How many articles have the field, and its mean length in words (for BM25)."""
        docs = len(self._body_of) if field == "body" else len(self._meta_of)
        return docs, (self._totals[field] / docs if docs else 0.0)

    def document_frequency(self, token: str) -> int:
        """Entries (live or dead) with the word in any text field: a cheap popularity."""
        total = 0
        for field in TEXT_FIELDS:
            found = self._lists[field].get(token)
            if found is not None:
                total += len(found[0])
            else:
                location = self._stored[field].get(token)
                total += 0 if location is None else location[1]
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

    # -- the file ---------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole index as one file; afterwards the index reads from these bytes."""
        self._compact()
        directory: dict[str, dict[str, list[int]]] = {}
        pieces: list[bytes | memoryview] = []
        offset = 0
        for field in FIELDS:
            entries: dict[str, list[int]] = {}
            for token, (start, count) in self._stored[field].items():
                pieces.append(self._blob[start : start + 5 * count])
                entries[token] = [offset, count]
                offset += 5 * count
            for token, (ordinals, counts) in self._lists[field].items():
                if not ordinals:
                    continue
                pieces.append(ordinals.tobytes())
                pieces.append(bytes(counts))
                entries[token] = [offset, len(ordinals)]
                offset += 5 * len(ordinals)
            directory[field] = entries
        blob = b"".join(pieces)
        units = orjson.dumps(
            {
                "bodies": self._bodies,
                "metas": [None if m is None else _meta_row(*m) for m in self._metas],
            }
        )
        listing = orjson.dumps(directory)
        crc = zlib.crc32(blob, zlib.crc32(listing, zlib.crc32(units)))
        head = orjson.dumps(
            {
                "format": FORMAT,
                "stamp": self.stamp,
                "byteorder": sys.byteorder,
                "sizes": [len(units), len(listing), len(blob)],
                "crc": crc,
            }
        )
        data = b"".join((MAGIC, len(head).to_bytes(4, "little"), head, units, listing, blob))
        self._blob = memoryview(data)[len(data) - len(blob) :]
        self._stored = directory
        self._lists = {f: {} for f in FIELDS}
        return data

    @staticmethod
    def read_stamp(data: bytes) -> Any:
        """The stamp saved in a file's first bytes (`head_size` of them are enough)."""
        return _read_head(data)[0]["stamp"]

    @staticmethod
    def head_size(first_bytes: bytes) -> int:
        """How many bytes of the file `read_stamp` needs, from its first 12."""
        if len(first_bytes) < _HEAD or first_bytes[: len(MAGIC)] != MAGIC:
            raise IndexFormatError("not a Gloss search index")
        return _HEAD + int.from_bytes(first_bytes[len(MAGIC) : _HEAD], "little")

    @classmethod
    def from_bytes(cls, data: bytes) -> SearchIndex:
        """Read a file written by to_bytes; IndexFormatError if it is damaged in any way."""
        head, start = _read_head(data)
        try:
            sizes = [int(size) for size in head["sizes"]]
            if head["format"] != FORMAT or head["byteorder"] != sys.byteorder:
                raise IndexFormatError("search index from another format or machine")
            if len(sizes) != 3 or start + sum(sizes) != len(data):
                raise IndexFormatError("search index has the wrong length")
            view = memoryview(data)
            units = view[start : start + sizes[0]]
            listing = view[start + sizes[0] : start + sizes[0] + sizes[1]]
            blob = view[start + sizes[0] + sizes[1] :]
            if zlib.crc32(blob, zlib.crc32(listing, zlib.crc32(units))) != head["crc"]:
                raise IndexFormatError("search index checksum mismatch")
            index = cls()
            index.stamp = head["stamp"]
            index._load_units(orjson.loads(units))
            index._load_listing(orjson.loads(listing), len(blob))
            index._blob = blob
        except IndexFormatError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise IndexFormatError(f"search index is damaged: {exc}") from exc
        return index

    def _load_units(self, units: dict[str, Any]) -> None:
        for ordinal, row in enumerate(units["bodies"]):
            if row is None:
                self._bodies.append(None)
                continue
            article_id, text_hash, words = row
            self._bodies.append((str(article_id), str(text_hash), int(words)))
            self._body_of[article_id] = ordinal
            self._totals["body"] += int(words)
        for ordinal, row in enumerate(units["metas"]):
            if row is None:
                self._metas.append(None)
                continue
            article_id, signature, title, date, source, tags, title_words, entity_words = row
            meta = ArticleMeta(article_id, title, date, source, tuple(tags), signature)
            self._metas.append((meta, int(title_words), int(entity_words)))
            self._meta_of[article_id] = ordinal
            self._totals["title"] += int(title_words)
            self._totals["entity"] += int(entity_words)

    def _load_listing(self, listing: dict[str, dict[str, list[int]]], blob_size: int) -> None:
        for field in FIELDS:
            entries = listing[field]
            for offset, count in entries.values():
                if offset < 0 or count < 0 or offset + 5 * count > blob_size:
                    raise IndexFormatError("search index posting outside the file")
            self._stored[field] = entries

    def _compact(self) -> None:
        """Drop dead entries' postings and renumber, when enough of them piled up."""
        for kind, units in (("body", self._bodies), ("meta", self._metas)):
            dead = sum(1 for unit in units if unit is None)
            if not units or dead <= COMPACT_AT * len(units):
                continue
            renumber = array("l", [-1]) * len(units)
            live = 0
            for ordinal, unit in enumerate(units):
                if unit is not None:
                    renumber[ordinal] = live
                    live += 1
            fields = ("body",) if kind == "body" else tuple(f for f in FIELDS if f in _META_FIELDS)
            for field in fields:
                self._lists[field] = _renumbered(self._all_lists(field), renumber)
                self._stored[field] = {}
            if kind == "body":
                self._bodies = [unit for unit in self._bodies if unit is not None]
                self._body_of = {unit[0]: n for n, unit in enumerate(self._bodies) if unit}
            else:
                self._metas = [unit for unit in self._metas if unit is not None]
                self._meta_of = {
                    unit[0].article_id: n for n, unit in enumerate(self._metas) if unit
                }
        self._vocab = None

    def _all_lists(self, field: str) -> Iterator[tuple[str, PostingList]]:
        for token in list(self._stored[field]):
            yield token, self._decode(field, token)
        yield from self._lists[field].items()


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


def _meta_row(meta: ArticleMeta, title_words: int, entity_words: int) -> list[Any]:
    return [
        meta.article_id,
        meta.signature,
        meta.title,
        meta.date,
        meta.source,
        list(meta.tags),
        title_words,
        entity_words,
    ]


def _read_head(data: bytes) -> tuple[dict[str, Any], int]:
    end = SearchIndex.head_size(bytes(data[:_HEAD]))
    if len(data) < end:
        raise IndexFormatError("search index is truncated")
    try:
        head = orjson.loads(data[_HEAD:end])
    except orjson.JSONDecodeError as exc:
        raise IndexFormatError(f"search index header is damaged: {exc}") from exc
    if not isinstance(head, dict) or "stamp" not in head:
        raise IndexFormatError("search index header is damaged")
    return head, end


def idf(docs: int, with_word: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log(1.0 + (docs - with_word + 0.5) / (with_word + 0.5))
