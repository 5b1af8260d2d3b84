"""Run a parsed query: match words in the index and notes, filter, rank, cut snippets.

Ranking is BM25 per field with field boosts (title > entity > note > body),
summed over the query's words. Every word must match in some field (AND); the
word being typed matches as a prefix. Phrases are checked against the text of
the best-ranked candidates only, until enough hits are found, so a phrase
search reads a few bodies rather than all of them.

Why one long module: matching, filtering, phrase checks and ranking are
steps of one query's run over the same candidate set.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from tui.models import Note, ReadingState, SearchHit
from tui.search.article_meta import ArticleMeta
from tui.search.note_index import NoteIndex
from tui.search.query import Query
from tui.search.search_index import SearchIndex, idf
from tui.search.snippets import lead, snippet
from tui.search.tokenizer import (
    fold,
    fold_same_length,
    fold_text,
    phrase_pattern,
    tokenize,
    word_pattern,
)

FIELD_SLOTS = ("title", "entity", "note", "body")
BOOSTS = {"title": 3.0, "entity": 2.0, "note": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
MIN_PREFIX = 2
"""A word being typed is searched as a prefix from its second letter: one letter would match
nearly every article. A single letter is matched as a whole word instead ("x" in "point x")."""
PREFIX_EXPANSIONS = (24, 64)
"""Words tried for the word being typed (2, 3+ letters): the most frequent ones..."""
PREFIX_POSTINGS = 250_000
"""...until their postings add up to this: "th" need not read every article five times."""
PROBE_AT = 8
"""A posting list this many times longer than the candidates is probed, not read through."""
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
        feeds: Mapping[str, set[str]] | None = None,
    ) -> None:
        self.index = index
        self.feeds = feeds or {}
        self.notes = notes
        self.states = states
        self.text_of = text_of
        self._texts: dict[str, str] = {}

    def search(self, query: Query, limit: int = 50) -> list[SearchHit]:
        if limit <= 0:
            return []
        query = _settled(query)
        if not query.has_text:
            return self._listing(query, limit)
        rows: dict[str, _Row] | None = None
        for tokens in sorted(self._groups(query), key=self._cost):
            found = self._score(tokens, rows)
            if rows is not None:
                for article_id, row in found.items():
                    row[:] = [a + b for a, b in zip(row, rows[article_id], strict=True)]
            rows = found
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
            ranked = _newest_first(article_ids, self.index)
            ranked.sort(key=scores.__getitem__, reverse=True)  # stable: ties stay newest first
            yield from ranked
            return
        bar = heapq.nlargest(limit, (scores[a] for a in article_ids))[-1]
        top = [a for a in article_ids if scores[a] >= bar]
        yield from self._ranked(top, scores, len(top))
        rest = sorted((a for a in article_ids if scores[a] < bar), key=scores.__getitem__)
        while rest:  # best first, each run of equal scores newest first
            run = [rest.pop()]
            while rest and scores[rest[-1]] == scores[run[0]]:
                run.append(rest.pop())
            yield from run if len(run) == 1 else _newest_first(run, self.index)

    # -- matching ---------------------------------------------------------------

    def _groups(self, query: Query) -> list[list[str]]:
        """Alternatives for each required word: one word, or the expansions of a prefix."""
        groups = [[word] for word in query.words]
        for prefix in (*([query.prefix] if query.prefix is not None else []), *query.starred):
            groups.append(self._expand(prefix))
        for number, phrase in enumerate(query.phrases):
            groups.extend([word] for word in phrase[:-1])
            last = phrase[-1]
            groups.append(self._expand(last) if query.phrase_is_prefix(number) else [last])
        return groups

    def _expand(self, prefix: str) -> list[str]:
        limit = PREFIX_EXPANSIONS[min(len(prefix) - MIN_PREFIX, len(PREFIX_EXPANSIONS) - 1)]
        words: dict[str, None] = {}
        postings = 0
        for word in self.index.expand(prefix, limit):  # most frequent first
            if words and postings > PREFIX_POSTINGS:
                break
            words[word] = None
            postings += self.index.document_frequency(word)
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
            if field == "note":
                self._score_notes(tokens, allowed, slot, rows)
                continue
            docs, _ = self.index.field_stats(field)
            if not docs:
                continue
            ids, _ = self.index.columns(field)
            norms = self.index.norms(field, K1, B)
            for token in tokens:
                found = self.index.raw(field, token)
                if found is None:
                    continue
                ordinals, counts = found
                weight = BOOSTS[field] * idf(docs, len(ordinals)) * (K1 + 1)
                pairs: Iterable[tuple[int, int]]
                if allowed is not None and len(ordinals) > PROBE_AT * len(allowed):
                    pairs = self._probe(field, ordinals, counts, allowed)
                else:
                    pairs = zip(ordinals, counts, strict=True)
                # the hot loop of every search: kept flat on purpose
                for ordinal, count in pairs:
                    article_id = ids[ordinal]
                    if article_id is None or (allowed is not None and article_id not in allowed):
                        continue
                    score = weight * count / (count + norms[ordinal])
                    row = rows.get(article_id)
                    if row is None:
                        rows[article_id] = row = [0.0, 0.0, 0.0, 0.0]
                    if score > row[slot]:
                        row[slot] = score
        return rows

    def _probe(
        self,
        field: str,
        ordinals: Sequence[int],
        counts: Sequence[int],
        allowed: Iterable[str],
    ) -> list[tuple[int, int]]:
        """The (ordinal, count) postings of the allowed articles, by binary search.

        A common word's list is long and the candidates left by rarer words
        are few: looking each of them up beats reading the whole list.
        """
        ordinal_of = self.index.ordinals(field)
        size = len(ordinals)
        pairs = []
        for article_id in allowed:
            ordinal = ordinal_of.get(article_id)
            if ordinal is not None:
                at = bisect_left(ordinals, ordinal)
                if at < size and ordinals[at] == ordinal:
                    pairs.append((ordinal, counts[at]))
        return pairs

    def _score_notes(
        self,
        tokens: Sequence[str],
        allowed: Mapping[str, object] | None,
        slot: int,
        rows: dict[str, _Row],
    ) -> None:
        docs, mean = self.notes.stats()
        if not docs:
            return
        flat, steep = K1 * (1 - B), (K1 * B / mean if mean else 0.0)
        for token in tokens:
            entries = list(self.notes.postings(token))
            if not entries:
                continue
            weight = BOOSTS["note"] * idf(docs, len(entries)) * (K1 + 1)
            for article_id, _, count, length in entries:
                if allowed is not None and article_id not in allowed:
                    continue
                score = weight * count / (count + flat + steep * length)
                row = rows.setdefault(article_id, [0.0, 0.0, 0.0, 0.0])
                row[slot] = max(row[slot], score)

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
        folded = self._texts.get(article_id)
        if folded is None:
            folded = self._texts[article_id] = fold_text(self.text_of(article_id) or "")
        return folded

    # -- filters ----------------------------------------------------------------

    def filtered(self, article_ids: Iterable[str], query: Query) -> list[str]:
        """The articles that pass the query's filters (its words are not looked at)."""
        return self._filtered(article_ids, query)

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
        if query.sources and not _from_source(meta.source, query.sources):
            return False
        if query.feeds and not any(meta.article_id in self.feeds.get(f, ()) for f in query.feeds):
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
        if query.colors and not any(
            note_color(note) in query.colors
            for note in self.notes.by_article.get(meta.article_id, ())
        ):
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
        seeds = self._seeds(query)
        if seeds is not None:
            listed = self._filtered(_newest_first(seeds, self.index), query)[:limit]
        else:  # no narrow filter: walk the library (the dates asked for) until enough pass
            order, dates = self.index.newest_first()
            start, end = 0, len(order)
            if query.before:
                start = _first_older(dates, min(query.before))
            if query.after:
                end = _first_older(dates, max(query.after))
            listed = []
            for article_id in order[start:end]:
                meta = self.index.meta(article_id)
                if meta is not None and (not query.has_filters or self._passes(meta, query)):
                    listed.append(article_id)
                    if len(listed) == limit:
                        break
        hits = []
        for article_id in listed:
            meta = self.index.meta(article_id)
            assert meta is not None
            text, spans = lead(self.text_of(article_id) or "")
            hits.append(_make_hit(meta, 0.0, text, spans, "body"))
        return hits

    def _seeds(self, query: Query) -> list[str] | None:
        """A small set holding every possible match, from the narrow filters; None if none is."""
        sets: list[set[str]] = [self.index.entity_articles(name) for name in query.entities]
        for tag in query.tags:
            tagged = self.index.tag_articles(tag)
            tagged.update(a for a, s in self.states.items() if tag in {fold(t) for t in s.tags})
            tagged.update(a for a, tags in self.notes.tags_by_article.items() if tag in tags)
            sets.append(tagged)
        if query.feeds:
            sets.append(set().union(*(self.feeds.get(name, set()) for name in query.feeds)))
        if "notes" in query.has:
            sets.append(set(self.notes.by_article))
        for flag in query.states:
            if flag == "starred":
                sets.append({a for a, s in self.states.items() if s.starred})
            elif flag == "read":
                sets.append({a for a, s in self.states.items() if s.read})
        if not sets:
            return None
        return list(set.intersection(*sets))

    # -- hits -------------------------------------------------------------------

    def _hit(self, article_id: str, row: _Row, pattern: re.Pattern[str] | None) -> SearchHit | None:
        meta = self.index.meta(article_id)
        if meta is None:  # only notes of an article no longer indexed
            return None
        matched_in = FIELD_SLOTS[max(range(len(row)), key=row.__getitem__)]
        in_title = _spans(meta.title, pattern)
        if in_title and row[FIELD_SLOTS.index("title")] > 0:
            matched_in = "title"  # the words are there to see, whatever else scored more
        note = self._best_note(article_id, pattern) if matched_in == "note" else None
        if note is not None:
            text, spans = snippet(note.body, pattern)
        else:
            text, spans = snippet(self.text_of(article_id) or "", pattern)
        return _make_hit(meta, round(sum(row), 4), text, spans, matched_in, in_title)

    def _best_note(self, article_id: str, pattern: re.Pattern[str] | None) -> Note | None:
        best: Note | None = None
        best_count = 0
        for note in self.notes.by_article.get(article_id, ()):
            found = set(pattern.findall(fold_same_length(note.body))) if pattern else set()
            if len(found) > best_count:
                best, best_count = note, len(found)
        return best


def note_color(note: Note) -> str:
    """A note's colour as `color:` names it: "none" for a plain note."""
    return note.color or "none"


def _make_hit(
    meta: ArticleMeta,
    score: float,
    text: str,
    spans: tuple[tuple[int, int], ...],
    matched_in: str,
    title_spans: tuple[tuple[int, int], ...] = (),
) -> SearchHit:
    return SearchHit(
        article_id=meta.article_id,
        title=meta.title,
        score=score,
        snippet=text,
        highlights=spans,
        matched_in=matched_in,
        title_highlights=title_spans,
        date=meta.date,
        source=meta.source,
    )


def _newest_first(article_ids: Iterable[str], index: SearchIndex) -> list[str]:
    """Sorted as `gloss list` does: newest first (undated last), then by title."""
    metas = [meta for meta in map(index.meta, article_ids) if meta is not None]
    metas.sort(key=lambda m: (m.title.casefold(), m.article_id))
    metas.sort(key=lambda m: m.date or "", reverse=True)
    return [meta.article_id for meta in metas]


def _spans(title: str, pattern: re.Pattern[str] | None) -> tuple[tuple[int, int], ...]:
    """Where the query's words are in a title (folding keeps the offsets)."""
    if pattern is None:
        return ()
    return tuple(match.span() for match in pattern.finditer(fold_same_length(title)))


def _from_source(source: str | None, wanted: Sequence[str]) -> bool:
    """Does the source's name hold any of the wanted names as whole words, in order?
    `source:google` finds "Google Alert - Slack", as entity names are matched by word."""
    words = tokenize(source or "")
    for name in wanted:
        parts = tokenize(name)
        if parts and any(words[start : start + len(parts)] == parts for start in range(len(words))):
            return True
    return False


def _pattern(query: Query) -> re.Pattern[str] | None:
    """The words to highlight: the query's words and phrases, and its prefixes as prefixes."""
    exact = set(query.words)
    prefixes = [*([query.prefix] if query.prefix else []), *query.starred]
    for number, phrase in enumerate(query.phrases):
        if query.phrase_is_prefix(number):
            exact.update(phrase[:-1])
            prefixes.append(phrase[-1])
        else:
            exact.update(phrase)
    return word_pattern(exact, prefixes)


def _first_older(dates: Sequence[str], day: str) -> int:
    """In dates sorted newest first ("" last), the first position dated before `day`."""
    low, high = 0, len(dates)
    while low < high:
        middle = (low + high) // 2
        if dates[middle] and (_day(dates[middle]) or "") >= day:
            low = middle + 1
        else:
            high = middle
    return low


def _settled(query: Query) -> Query:
    """A word being typed too short to expand (MIN_PREFIX) matched as a whole word instead.

    Leaving it out would widen the search: a one-letter query once listed every article.
    """
    if query.prefix is not None and len(query.prefix) < MIN_PREFIX:
        words = query.words if query.prefix in query.words else (*query.words, query.prefix)
        query = replace(query, words=words, prefix=None)
    short = [word for word in query.starred if len(word) < MIN_PREFIX]
    if short:
        words = (*query.words, *(word for word in short if word not in query.words))
        starred = tuple(word for word in query.starred if word not in short)
        query = replace(query, words=words, starred=starred)
    if query.phrase_prefix and len(query.phrases[-1][-1]) < MIN_PREFIX:
        query = replace(query, phrase_prefix=False)
    return query


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
