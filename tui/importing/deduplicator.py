"""Decide, article by article, whether an import would store a text the library already has."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.importing.duplicate_article import DuplicateArticle, Sameness
from tui.models import Article

MIN_WORDS = 20
"""Shorter texts are not compared: two feed items whose only text is "Comments" are no copies."""


class Deduplicator:
    """Remembers what one import run kept, and checks the rest against the library's texts.

    Ids come from the URL (else from the text), so the same URL already meets
    the stored article and becomes "updated" or "unchanged". What is left to
    catch here: the same text under another URL or none (a feed item and the
    saved page, a copy without its URL), and anything met twice in one run,
    where the first one read is kept. Texts under MIN_WORDS words are too
    short to tell one article from another, so they only meet by id.

    `stored` is Library.ids_by_text_hash() read once when the run starts
    (re-reading a catalog that every batch rewrites costs seconds): an import
    running at the same time in another process is not seen, and both keep
    their copy.
    """

    def __init__(self, stored: Mapping[str, Sequence[str]]) -> None:
        self._stored = stored
        self._kept_ids: dict[str, str] = {}  # id this run stored (or left) -> its text hash
        self._kept_texts: dict[str, str] = {}  # text hash met in this run -> id kept for it

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
            if duplicate is None:
                self._kept_ids[article.id] = digest
                keep.append(article)
            else:
                skipped.append(duplicate)
            if digest in comparable:
                kept = article.id if duplicate is None else duplicate.duplicate_of
                self._kept_texts.setdefault(digest, kept)
        return keep, skipped

    def _met(self, article: Article, digest: str) -> DuplicateArticle | None:
        """The duplicate record when this run already kept this id, or this text under another."""
        kept_digest = self._kept_ids.get(article.id)
        if kept_digest is not None:
            same: Sameness = "same text" if kept_digest == digest else "same URL"
            return DuplicateArticle(article, article.id, same)
        kept = self._kept_texts.get(digest)
        if kept is not None and kept != article.id:  # not the stored article itself
            return DuplicateArticle(article, kept, "same text")
        return None
