"""Run a parsed query: match words in the index and notes, filter, rank, cut snippets.

Ranking is BM25 per field with field boosts (title > entity > note > body),
summed over the query's words. Every word must match in some field (AND); the
word being typed matches as a prefix. Phrases are checked against the text of
the best-ranked candidates only, until enough hits are found, so a phrase
search reads a few bodies rather than all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from tui.models import Note, ReadingState, SearchHit
from tui.search.article_meta import ArticleMeta
from tui.search.note_index import NoteIndex
from tui.search.query import Phrase, Query
from tui.search.search_index import SearchIndex, idf
from tui.search.snippets import lead, snippet
from tui.search.tokenizer import fold, tokenize

FIELD_SLOTS = ("title", "entity", "note", "body")
BOOSTS = {"title": 3.0, "entity": 2.0, "note": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
PREFIX_EXPANSIONS = 64
"""Words tried for the word being typed; one letter could otherwise mean thousands."""

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
        self._words: dict[str, list[str]] = {}

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
        kept = self._filtered(rows, query)
        _newest_first(kept, self.index)
        kept.sort(key=lambda a: sum(rows[a]), reverse=True)  # stable: ties stay newest first
        hits: list[SearchHit] = []
        for article_id in kept:
            if query.phrases and not self._phrases_hold(article_id, query):
                continue
            hits.append(self._hit(article_id, rows[article_id], query))
            if len(hits) == limit:
                break
        return hits

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
        words = dict.fromkeys(self.index.expand(prefix, PREFIX_EXPANSIONS))
        words.update(dict.fromkeys(self.notes.expand(prefix, PREFIX_EXPANSIONS)))
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

    def _phrases_hold(self, article_id: str, query: Query) -> bool:
        """Every phrase occurs, word after word, in the title, a note or the text."""
        meta = self.index.meta(article_id)
        for number, phrase in enumerate(query.phrases):
            prefix = query.phrase_is_prefix(number)
            sources: list[str] = [meta.title if meta else ""]
            sources += [note.body for note in self.notes.by_article.get(article_id, ())]
            if any(_has_phrase(tokenize(source), phrase, prefix) for source in sources):
                continue
            if not _has_phrase(self._text_words(article_id), phrase, prefix):
                return False
        return True

    def _text_words(self, article_id: str) -> list[str]:
        words = self._words.get(article_id)
        if words is None:
            words = self._words[article_id] = tokenize(self.text_of(article_id) or "")
        return words

    # -- filters ----------------------------------------------------------------

    def _filtered(self, article_ids: Iterable[str], query: Query) -> list[str]:
        if not query.has_filters:
            return [a for a in article_ids if self.index.meta(a) is not None]
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

    def _hit(self, article_id: str, row: _Row, query: Query) -> SearchHit:
        meta = self.index.meta(article_id)
        assert meta is not None
        matched_in = FIELD_SLOTS[max(range(len(row)), key=row.__getitem__)]
        matches = _matcher(query)
        note = self._best_note(article_id, matches) if matched_in == "note" else None
        if note is not None:
            text, spans = snippet(note.body, matches)
        else:
            text, spans = snippet(self.text_of(article_id) or "", matches)
        return _make_hit(meta, round(sum(row), 4), text, spans, matched_in)

    def _best_note(self, article_id: str, matches: Callable[[str], bool]) -> Note | None:
        best: Note | None = None
        best_count = 0
        for note in self.notes.by_article.get(article_id, ()):
            count = len({word for word in tokenize(note.body) if matches(word)})
            if count > best_count:
                best, best_count = note, count
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


def _matcher(query: Query) -> Callable[[str], bool]:
    """Does a folded word count as a match (for highlights)?"""
    exact = set(query.words)
    prefixes = [query.prefix] if query.prefix else []
    for number, phrase in enumerate(query.phrases):
        if query.phrase_is_prefix(number):
            exact.update(phrase[:-1])
            prefixes.append(phrase[-1])
        else:
            exact.update(phrase)
    starts = tuple(prefixes)
    return lambda word: word in exact or (bool(starts) and word.startswith(starts))


def _has_phrase(words: Sequence[str], phrase: Phrase, prefix: bool) -> bool:
    size = len(phrase)
    head, last = phrase[0], phrase[-1]
    for start in range(len(words) - size + 1):
        if words[start] != head and not (size == 1 and prefix and words[start].startswith(last)):
            continue
        window = words[start : start + size]
        if list(window[:-1]) == list(phrase[:-1]) and (
            window[-1] == last or (prefix and window[-1].startswith(last))
        ):
            return True
    return False


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
