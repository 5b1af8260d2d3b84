"""Decide, article by article, whether an import would store a text the library already has."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence

from tui.importing.duplicate_article import DuplicateArticle, Sameness
from tui.models import Article

MIN_WORDS = 20
"""Shorter texts are not compared: two feed items whose only text is "Comments" are no copies."""
SIMILAR = 0.9
"""Share of the shorter text's three-word runs the longer must hold for "nearly the same text"."""
_SAMPLE_EVERY = 16  # runs whose stable hash is 0 modulo this are compared: 1 in 16
_MIN_SAMPLES = 8  # fewer (texts under about 130 words) are too few to tell
COMMON = 64
"""A sampled run kept by more texts of one run than this is boilerplate (a site's footer, a
wire story's standard line): it tells no copy from another and is no longer compared, so
an import of 100,000 articles that all end alike stays linear."""
# Scripts written without spaces (Chinese, Japanese, Korean): each character is a word.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")


def samples(text: str) -> frozenset[int]:
    """A stable sample of a text's three-word runs (case-folded; a CJK character is a word):
    what near copies share."""
    words = [word.casefold() for word in _WORD.findall(text)]
    hashes = (zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2))
    return frozenset(h for h in hashes if h % _SAMPLE_EVERY == 0)


class Deduplicator:
    """Remembers what one import run kept, and checks the rest against the library's texts.

    Ids come from the URL (else from the text), so the same URL already meets
    the stored article and becomes "updated" or "unchanged". What is left to
    catch here: the same text under another URL or none (a feed item and the
    saved page, a copy without its URL), and anything met twice in one run,
    where the first one read is kept. Texts under MIN_WORDS words are too
    short to tell one article from another, so they only meet by id. Within
    one run, nearly the same text (a page and its reader-view fragment: SIMILAR
    of the shorter one's sampled runs) is a duplicate too; `replace` lets the
    importer keep the richer copy instead of the first.

    `stored` is Library.ids_by_text_hash() read once when the run starts
    (re-reading a catalog that every batch rewrites costs seconds): an import
    running at the same time in another process is not seen, and both keep
    their copy.
    """

    def __init__(self, stored: Mapping[str, Sequence[str]]) -> None:
        self._stored = stored
        self._kept_ids: dict[str, str] = {}  # id this run stored (or left) -> its text hash
        self._kept_texts: dict[str, str] = {}  # text hash met in this run -> id kept for it
        self._by_sample: dict[int, list[str]] = {}  # sampled run -> ids kept in this run
        self._sampled: dict[str, int] = {}  # id kept in this run -> how many samples it has
        self._moved: dict[str, str] = {}  # id kept, then replaced by a richer copy -> that copy

    def split(self, articles: Sequence[Article]) -> tuple[list[Article], list[DuplicateArticle]]:
        """The articles to store, and the duplicates to skip (with the id each one repeats)."""
        comparable = {a.text_hash for a in articles if a.word_count >= MIN_WORDS}
        keep: list[Article] = []
        skipped: list[DuplicateArticle] = []
        for article in articles:
            digest = article.text_hash
            duplicate = self._met(article, digest)
            owners = self._stored.get(digest, ()) if digest in comparable else ()
            if duplicate is None and owners and article.id not in owners:
                duplicate = DuplicateArticle(article, owners[0], "same text")
            found = samples(article.text)  # a short text has too few: never "similar"
            if duplicate is None:
                duplicate = self._similar(article, found)
            if duplicate is None:
                self._kept_ids[article.id] = digest
                self._remember(article.id, found)
                keep.append(article)
            else:
                skipped.append(duplicate)
            if digest in comparable:
                kept = article.id if duplicate is None else duplicate.duplicate_of
                self._kept_texts.setdefault(digest, kept)
        return keep, skipped

    def replace(self, kept: str, richer: Article) -> None:
        """`richer` (nearly the same text) is stored instead of the copy kept as `kept`."""
        self._moved[kept] = richer.id
        self._kept_ids[richer.id] = richer.text_hash
        self._kept_texts.setdefault(richer.text_hash, richer.id)
        self._remember(richer.id, samples(richer.text))

    def _current(self, kept: str) -> str:
        while kept in self._moved:
            kept = self._moved[kept]
        return kept

    def _remember(self, article_id: str, found: frozenset[int]) -> None:
        if len(found) < _MIN_SAMPLES:
            return
        self._sampled[article_id] = len(found)
        for sample in found:
            holders = self._by_sample.setdefault(sample, [])
            if len(holders) <= COMMON:
                holders.append(article_id)

    def _similar(self, article: Article, found: frozenset[int]) -> DuplicateArticle | None:
        """Nearly the same text as one kept in this run (not the article itself), judged on
        the sampled runs that are not boilerplate."""
        telling = [sample for sample in found if len(self._by_sample.get(sample, ())) <= COMMON]
        if len(telling) < _MIN_SAMPLES:
            return None
        shared = Counter(
            kept
            for sample in telling
            for kept in self._by_sample.get(sample, ())
            if kept != article.id
        )
        for kept, count in shared.most_common(3):
            if count >= SIMILAR * min(len(telling), self._sampled[kept]):
                return DuplicateArticle(article, self._current(kept), "similar text")
        return None

    def _met(self, article: Article, digest: str) -> DuplicateArticle | None:
        """The duplicate record when this run already kept this id, or this text under another."""
        kept_digest = self._kept_ids.get(article.id)
        if kept_digest is not None:
            same: Sameness = "same text" if kept_digest == digest else "same URL"
            return DuplicateArticle(article, self._current(article.id), same)
        kept = self._kept_texts.get(digest)
        if kept is not None and kept != article.id:  # not the stored article itself
            return DuplicateArticle(article, self._current(kept), "same text")
        return None
