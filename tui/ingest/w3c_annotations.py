"""Recognise W3C Web Annotation exports so they are never imported as articles.

Importing them (as notes) belongs to the annotation layer; this module only
tells them apart and raises AnnotationExportError, which carries the parsed
document to whoever imports notes.
"""

from __future__ import annotations

from tui.ingest.errors import AnnotationExportError

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _has_annotation_context(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    context = value.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return any(
        isinstance(item, str) and item.strip().rstrip("/") == ANNOTATION_CONTEXT
        for item in contexts
    )


def is_annotation_export(document: object) -> bool:
    """A W3C annotation, collection or page, or a list/stream of annotations."""
    if isinstance(document, list):
        return bool(document) and _has_annotation_context(document[0])
    return _has_annotation_context(document)


def refuse_annotation_export(document: object, source: str) -> None:
    """Raise AnnotationExportError when the document is an annotation export."""
    if is_annotation_export(document):
        raise AnnotationExportError(source, document)
