"""Run a parsed query: match words in the index and notes, filter, rank, cut snippets.

Ranking is BM25 per field with field boosts (title > entity > note > body),
summed over the query's words. Every word must match in some field (AND); the
word being typed matches as a prefix. Phrases are checked against the text of
the best-ranked candidates only, until enough hits are found, so a phrase
search reads a few bodies rather than all of them.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from tui.models import Note, ReadingState, SearchHit
from tui.search.article_meta import ArticleMeta
from tui.search.note_index import NoteIndex
from tui.search.query import Query
from tui.search.search_index import SearchIndex, idf
from tui.search.snippets import lead, snippet
from tui.search.tokenizer import fold, fold_same_length, fold_text, phrase_pattern, word_pattern

FIELD_SLOTS = ("title", "entity", "note", "body")
BOOSTS = {"title": 3.0, "entity": 2.0, "note": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
PREFIX_EXPANSIONS = (8, 24, 64)
"""Words tried for the word being typed, by its length (1, 2, 3+ letters): the most
frequent ones. One letter could otherwise mean thousands of words, and the next
keystroke narrows it anyway."""
SORT_ALL = 4
"""Candidates beyond SORT_ALL x limit are not all sorted: only those scoring in the top band."""

_Row = list[float]  # score per FIELD_SLOTS


class Searcher:
    """One search over a consistent view: index, notes, reading states and article texts."""

    def __init__(
        self,
        index: SearchIndex,
        notes: NoteIndex,
        states: Mapping[str, ReadingState],
        text_of: Callable[[str], str | None],
    ) -> None:
        self.index = index
        self.notes = notes
        self.states = states
        self.text_of = text_of
        self._folded: dict[str, str] = {}

    def search(self, query: Query, limit: int = 50) -> list[SearchHit]:
        if limit <= 0:
            return []
        if not query.has_text:
            return self._listing(query, limit)
        rows: dict[str, _Row] | None = None
        for tokens in sorted(self._groups(query), key=self._cost):
            found = self._score(tokens, rows)
            rows = found if rows is None else {a: _add(rows[a], row) for a, row in found.items()}
            if not rows:
                return []
        assert rows is not None
        scores = {article_id: sum(row) for article_id, row in rows.items()}
        kept = self._filtered(scores, query)
        pattern = _pattern(query)
        phrases = [
            phrase_pattern(phrase, query.phrase_is_prefix(number))
            for number, phrase in enumerate(query.phrases)
        ]
        hits: list[SearchHit] = []
        for article_id in self._ranked(kept, scores, limit):
            if phrases and not self._phrases_hold(article_id, phrases):
                continue
            hit = self._hit(article_id, rows[article_id], pattern)
            if hit is not None:
                hits.append(hit)
            if len(hits) == limit:
                break
        return hits

    def _ranked(
        self, article_ids: list[str], scores: dict[str, float], limit: int
    ) -> Iterator[str]:
        """Best first; ties newest first.

        Sorting thousands of candidates for 50 hits is waste: first come those
        scoring at least the limit-th best, sorted, then the rest if needed
        (phrases may turn candidates down).
        """
        if len(article_ids) <= SORT_ALL * limit:
            ranked = list(article_ids)
            _newest_first(ranked, self.index)
            ranked.sort(key=scores.__getitem__, reverse=True)  # stable: ties stay newest first
            yield from ranked
            return
        bar = heapq.nlargest(limit, (scores[a] for a in article_ids))[-1]
        top = [a for a in article_ids if scores[a] >= bar]
        yield from self._ranked(top, scores, len(top))
        rest = [a for a in article_ids if scores[a] < bar]
        yield from self._ranked(rest, scores, len(rest))

    # -- matching ---------------------------------------------------------------

    def _groups(self, query: Query) -> list[list[str]]:
        """Alternatives for each required word: one word, or the expansions of a prefix."""
        groups = [[word] for word in query.words]
        if query.prefix is not None:
            groups.append(self._expand(query.prefix))
        for number, phrase in enumerate(query.phrases):
            groups.extend([word] for word in phrase[:-1])
            last = phrase[-1]
            groups.append(self._expand(last) if query.phrase_is_prefix(number) else [last])
        return groups

    def _expand(self, prefix: str) -> list[str]:
        limit = PREFIX_EXPANSIONS[min(len(prefix), len(PREFIX_EXPANSIONS)) - 1]
        words = dict.fromkeys(self.index.expand(prefix, limit))
        words.update(dict.fromkeys(self.notes.expand(prefix, limit)))
        return list(words)

    def _cost(self, tokens: list[str]) -> int:
        return sum(self.index.document_frequency(token) for token in tokens)

    def _score(
        self, tokens: Sequence[str], allowed: Mapping[str, object] | None
    ) -> dict[str, _Row]:
        """BM25 per field of the best-matching alternative, for each article with one."""
        rows: dict[str, _Row] = {}
        for slot, field in enumerate(FIELD_SLOTS):
            docs, mean = self.notes.stats() if field == "note" else self.index.field_stats(field)
            if not docs:
                continue
            steep = K1 * B / mean if mean else 0.0
            flat = K1 * (1 - B)
            for token in tokens:
                if field == "note":
                    entries = [(a, n, length) for a, _, n, length in self.notes.postings(token)]
                else:
                    entries = list(self.index.postings(field, token))
                if not entries:
                    continue
                weight = BOOSTS[field] * idf(docs, len(entries)) * (K1 + 1)
                for article_id, count, length in entries:
                    if allowed is not None and article_id not in allowed:
                        continue
                    score = weight * count / (count + flat + steep * length)
                    row = rows.get(article_id)
                    if row is None:
                        row = rows[article_id] = [0.0] * len(FIELD_SLOTS)
                    if score > row[slot]:
                        row[slot] = score
        return rows

    def _phrases_hold(self, article_id: str, patterns: list[re.Pattern[str]]) -> bool:
        """Every phrase occurs, word after word, in the title, a note or the text."""
        meta = self.index.meta(article_id)
        sources: list[str] = [meta.title if meta else ""]
        sources += [note.body for note in self.notes.by_article.get(article_id, ())]
        short = fold_text("\n".join(sources))
        for pattern in patterns:
            if pattern.search(short) is None and pattern.search(self._text(article_id)) is None:
                return False
        return True

    def _text(self, article_id: str) -> str:
        """An article's folded text, read once per search."""
        folded = self._folded.get(article_id)
        if folded is None:
            folded = self._folded[article_id] = fold_text(self.text_of(article_id) or "")
        return folded

    # -- filters ----------------------------------------------------------------

    def _filtered(self, article_ids: Iterable[str], query: Query) -> list[str]:
        if not query.has_filters:
            return list(article_ids)
        entity_sets = [self.index.entity_articles(name) for name in query.entities]
        kept = []
        for article_id in article_ids:
            meta = self.index.meta(article_id)
            if meta is None or any(article_id not in found for found in entity_sets):
                continue
            if self._passes(meta, query):
                kept.append(article_id)
        return kept

    def _passes(self, meta: ArticleMeta, query: Query) -> bool:
        state = self.states.get(meta.article_id)
        if query.sources and fold(meta.source or "") not in query.sources:
            return False
        if query.after or query.before:
            day = _day(meta.date)
            if day is None or any(day < after for after in query.after):
                return False
            if any(day >= before for before in query.before):
                return False
        for flag in query.states:
            read = state is not None and state.read
            starred = state is not None and state.starred
            if (flag == "read" and not read) or (flag == "unread" and read):
                return False
            if flag == "starred" and not starred:
                return False
        if "notes" in query.has and meta.article_id not in self.notes.by_article:
            return False
        if query.tags:
            tags = {fold(tag) for tag in meta.tags}
            if state is not None:
                tags.update(fold(tag) for tag in state.tags)
            tags |= self.notes.tags_by_article.get(meta.article_id, set())
            if any(tag not in tags for tag in query.tags):
                return False
        return True

    def _listing(self, query: Query, limit: int) -> list[SearchHit]:
        """Filters alone: every matching article, newest first, as `gloss list` orders them."""
        listed = self._filtered(self._all_ids(), query)
        _newest_first(listed, self.index)
        hits = []
        for article_id in listed[:limit]:
            meta = self.index.meta(article_id)
            assert meta is not None
            text, spans = lead(self.text_of(article_id) or "")
            hits.append(_make_hit(meta, 0.0, text, spans, "body"))
        return hits

    def _all_ids(self) -> list[str]:
        return [meta.article_id for meta in self.index.metas()]

    # -- hits -------------------------------------------------------------------

    def _hit(self, article_id: str, row: _Row, pattern: re.Pattern[str] | None) -> SearchHit | None:
        meta = self.index.meta(article_id)
        if meta is None:  # only notes of an article no longer indexed
            return None
        matched_in = FIELD_SLOTS[max(range(len(row)), key=row.__getitem__)]
        note = self._best_note(article_id, pattern) if matched_in == "note" else None
        if note is not None:
            text, spans = snippet(note.body, pattern)
        else:
            text, spans = snippet(self.text_of(article_id) or "", pattern)
        return _make_hit(meta, round(sum(row), 4), text, spans, matched_in)

    def _best_note(self, article_id: str, pattern: re.Pattern[str] | None) -> Note | None:
        best: Note | None = None
        best_count = 0
        for note in self.notes.by_article.get(article_id, ()):
            found = pattern.findall(fold_same_length(note.body)) if pattern else []
            if len(set(found)) > best_count:
                best, best_count = note, len(set(found))
        return best


def _make_hit(
    meta: ArticleMeta,
    score: float,
    text: str,
    spans: tuple[tuple[int, int], ...],
    matched_in: str,
) -> SearchHit:
    return SearchHit(
        article_id=meta.article_id,
        title=meta.title,
        score=score,
        snippet=text,
        highlights=spans,
        matched_in=matched_in,
        date=meta.date,
        source=meta.source,
    )


def _newest_first(article_ids: list[str], index: SearchIndex) -> None:
    """Sort in place as `gloss list` does: newest first (undated last), then by title."""

    def meta(article_id: str) -> ArticleMeta:
        found = index.meta(article_id)
        assert found is not None
        return found

    article_ids.sort(key=lambda a: (meta(a).title.casefold(), a))
    article_ids.sort(key=lambda a: meta(a).date or "", reverse=True)


def _add(left: _Row, right: _Row) -> _Row:
    return [a + b for a, b in zip(left, right, strict=True)]


def _pattern(query: Query) -> re.Pattern[str] | None:
    """The words to highlight: the query's words and phrases, and its prefixes as prefixes."""
    exact = set(query.words)
    prefixes = [query.prefix] if query.prefix else []
    for number, phrase in enumerate(query.phrases):
        if query.phrase_is_prefix(number):
            exact.update(phrase[:-1])
            prefixes.append(phrase[-1])
        else:
            exact.update(phrase)
    return word_pattern(exact, prefixes)


def _day(value: str | None) -> str | None:
    """An article's date as YYYY-MM-DD for comparisons (YYYY and YYYY-MM count as day 1)."""
    if not value:
        return None
    day = value[:10]
    if len(day) == 4:
        return day + "-01-01"
    if len(day) == 7:
        return day + "-01"
    return day
