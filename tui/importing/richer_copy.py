"""Two copies of one text: which one's metadata the library keeps.

A page saved whole and its reader-view fragment have the same text, but only
the page knows its URL, its date and its headline. Whichever is read first,
the library ends with the richer copy's metadata, and a field the richer copy
lacks is filled from the other. The stored article keeps its id, so its notes
and links stay.
"""

from __future__ import annotations

from dataclasses import replace

from tui.models import Article

_FILLABLE = ("url", "source", "author", "language", "place")


def richness(article: Article) -> tuple[bool, bool, int]:
    """What the copy knows, most telling first: a URL, a date from metadata, other fields."""
    dated = article.date is not None and not article.date_guessed
    others = sum(getattr(article, name) is not None for name in _FILLABLE[1:])
    return article.url is not None, dated, others


def completed(base: Article, filler: Article, article_id: str) -> Article:
    """`base` under `article_id`, each field it lacks taken from `filler`."""
    filled = {name: getattr(base, name) or getattr(filler, name) for name in _FILLABLE}
    date, guessed = base.date, base.date_guessed
    if filler.date and (date is None or (guessed and not filler.date_guessed)):
        date, guessed = filler.date, filler.date_guessed
    return replace(
        base,
        id=article_id,
        date=date,
        date_guessed=guessed,
        tags=tuple(dict.fromkeys((*base.tags, *filler.tags))),
        **filled,
    )


def kept_copy(stored: Article, arriving: Article) -> Article | None:
    """The stored copy as it should be now that `arriving` (same text, another id) was met,
    or None when `arriving` adds nothing."""
    if richness(arriving) > richness(stored):
        kept = completed(arriving, stored, stored.id)
    else:
        kept = completed(stored, arriving, stored.id)
    same = replace(kept, imported_at=stored.imported_at, origin=stored.origin) == stored
    return None if same else kept


def reimported(stored: Article, arriving: Article) -> Article:
    """What to store when an article comes again under its own id with the same text: the
    new copy, unless it knows less (no URL, a guessed date) than what is stored."""
    if richness(arriving)[:2] < richness(stored)[:2]:
        return completed(stored, arriving, stored.id)
    return arriving
