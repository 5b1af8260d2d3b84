"""Recognise Gloss's own Markdown exports, so they are never imported as articles.

`gloss export` marks each file in its front matter (EXPORT_KEY, with the Gloss
version) and ends it with that article's notes as a W3C AnnotationCollection
inside an HTML comment, which Markdown viewers (Obsidian too) do not show.
Importing such a file restores those notes, as a W3C export does; its quotes
and bodies never become an article's text. An export made before the mark
(front matter with `gloss_id`, no note data) is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from tui.ingest.errors import AnnotationExportError, IngestError

EXPORT_KEY = "gloss_export"
"""Front matter key of an export; its value is the Gloss version that wrote it."""
ARTICLE_KEY = "gloss_id"
"""Front matter key every export (older ones too) carries: the article's Gloss id."""
_COMMENT = "gloss-notes"
_NOTES = re.compile(rf"^<!-- {_COMMENT}\b[^\n]*\n(?P<json>[^\n]*)\n-->[ \t]*$", re.MULTILINE)
_UNSAFE_IN_COMMENT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def notes_comment(collection: Mapping[str, Any]) -> str:
    """The collection as the hidden comment that ends an export.

    ASCII JSON on one line, with < > & escaped, so that no note can end the
    comment early and no text cleaning on import can change a quote.
    """
    data = json.dumps(collection, ensure_ascii=True, separators=(",", ":"))
    for char, escaped in _UNSAFE_IN_COMMENT.items():
        data = data.replace(char, escaped)
    return f"<!-- {_COMMENT}: these notes as W3C Web Annotations, for `gloss import`\n{data}\n-->"


def refuse_markdown_export(meta: Mapping[str, Any], body: str, source: str) -> None:
    """Raise when the front matter says this is a Gloss export: notes, never an article.

    AnnotationExportError carries the notes to restore; IngestError says why
    there are none.
    """
    if EXPORT_KEY not in meta and ARTICLE_KEY not in meta:
        return
    found = [match.group("json") for match in _NOTES.finditer(body)]
    if not found:
        if EXPORT_KEY in meta:
            why = "its notes (the gloss-notes comment at its end) are missing"
        else:
            why = "made by an older Gloss, it does not hold its notes' data"
        raise IngestError(
            source,
            f"a Gloss Markdown export, not an article: {why}; nothing was imported "
            "(restore notes from `gloss export --format w3c`)",
        )
    try:
        documents = [json.loads(data) for data in found]
    except ValueError as error:
        raise IngestError(
            source, f"a Gloss Markdown export whose notes are damaged ({error}); nothing imported"
        ) from None
    raise AnnotationExportError(
        source,
        documents[0] if len(documents) == 1 else documents,
        "Gloss Markdown exports are imported as notes, not as articles",
    )
