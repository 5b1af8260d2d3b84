"""Notes out of Gloss: Markdown for Obsidian and other note apps, W3C Web Annotations.

Markdown: one document per article, YAML front matter (title, date, source,
url, author, the Gloss id, the `gloss_export` mark and the notes' tags), then
each highlight or note as a `>` quote of its passage followed by the note's
body, and last the notes as W3C annotations in a hidden comment, so that
`gloss import` restores them instead of taking the file for an article
(see tui.ingest.markdown_export). W3C: one
AnnotationCollection (JSON-LD) that `gloss import` turns back into the same
notes (see tui.annotations.w3c for the mapping).

No Textual here: the command line and the app both call it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import yaml

from tui import __version__
from tui.annotations.tags import merge_tags, tags_in
from tui.annotations.w3c import ANNOTATION_CONTEXT, article_source, note_to_annotation
from tui.ingest.clean import defused
from tui.ingest.markdown_export import ARTICLE_KEY, EXPORT_KEY, notes_comment
from tui.models import ArticleSummary, Note
from tui.store import Library

MAX_SLUG = 60
ORPHAN_LINE = "*Orphaned: this passage is no longer in the article's text.*"


def notes_by_article(
    library: Library, article_id: str | None = None
) -> list[tuple[ArticleSummary, list[Note]]]:
    """Articles with their notes in library order; one article (even without notes) if given."""
    summaries = library.list_articles()
    if article_id is not None:
        wanted = library.resolve_id(article_id)
        summaries = [summary for summary in summaries if summary.id == wanted]
        return [(summary, library.notes(summary.id)) for summary in summaries]
    grouped: dict[str, list[Note]] = {}
    for note in library.notes():
        grouped.setdefault(note.article_id, []).append(note)
    known = {summary.id for summary in summaries}
    # A note whose article vanished between the two reads still gets exported.
    strays = [ArticleSummary(id=i, title=i) for i in grouped if i not in known]
    return [(s, grouped[s.id]) for s in [*summaries, *strays] if s.id in grouped]


# -- Markdown ------------------------------------------------------------------


def _front_matter(article: ArticleSummary, notes: Sequence[Note]) -> str:
    fields: dict[str, Any] = {"title": article.title}
    for key in ("date", "source", "url", "author"):
        value = getattr(article, key)
        if value:
            fields[key] = value
    fields[ARTICLE_KEY] = article.id
    fields[EXPORT_KEY] = __version__
    tags = merge_tags(*(note.tags for note in notes))
    if tags:
        fields["tags"] = list(tags)
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{dumped}---\n"


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def _note_markdown(note: Note) -> str:
    parts: list[str] = []
    if note.entity:
        parts.append(f"About **{note.entity}**")
    if note.selector is not None:
        parts.append(_blockquote(note.selector.exact))
        if note.orphaned:
            parts.append(ORPHAN_LINE)
    if note.body:
        parts.append(note.body)
    # Tags not already written as #tags in the body, so Obsidian sees every one.
    in_body = {tag.casefold() for tag in tags_in(note.body)}
    extra = [f"#{tag}" for tag in merge_tags(note.tags) if tag.casefold() not in in_body]
    if extra:
        parts.append(" ".join(extra))
    return "\n\n".join(parts)


def markdown_document(article: ArticleSummary, notes: Sequence[Note]) -> str:
    """One article's notes as a Markdown file: front matter, title, quote + note each, data.

    Stored text may come from another program: no control character it holds
    reaches the file, where a `cat` would send it to a terminal.
    """
    sections = [_front_matter(article, notes).rstrip("\n"), f"# {article.title}"]
    sections.extend(_note_markdown(note) for note in notes)
    source = article_source(article.id, article.url)
    sections.append(notes_comment(_collection([note_to_annotation(n, source) for n in notes])))
    return defused("\n\n".join(section for section in sections if section) + "\n")


def slugify(title: str) -> str:
    """A file name stem from a title: ASCII letters and digits joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def markdown_files(library: Library, article_id: str | None = None) -> list[tuple[str, str]]:
    """(file name, Markdown) per article with notes: "2019-04-08-some-title.md".

    Names are unique: a clash (or a title with no letters) adds the article id.
    """
    files: list[tuple[str, str]] = []
    used: set[str] = set()
    for article, notes in notes_by_article(library, article_id):
        stem = "-".join(part for part in (article.date, slugify(article.title)) if part)
        if not slugify(article.title) or stem.casefold() in used:
            stem = f"{stem}-{article.id[:8]}" if stem else article.id
        used.add(stem.casefold())
        files.append((f"{stem}.md", markdown_document(article, notes)))
    return files


# -- W3C Web Annotation ------------------------------------------------------


def w3c_collection(library: Library, article_id: str | None = None) -> dict[str, Any]:
    """Every note (or one article's) as a W3C AnnotationCollection with one embedded page."""
    items = [
        note_to_annotation(note, article_source(article.id, article.url))
        for article, notes in notes_by_article(library, article_id)
        for note in notes
    ]
    return _collection(items)


def _collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Annotations as a W3C AnnotationCollection with one embedded page."""
    collection: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "type": "AnnotationCollection",
        "label": "Gloss notes and highlights",
        "generator": {"type": "Software", "name": f"Gloss {__version__}"},
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "total": len(items),
    }
    if items:
        collection["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
    return collection
