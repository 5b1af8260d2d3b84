"""JSON, JSON Lines and JSON Feed articles, and the W3C annotation seam."""

from __future__ import annotations

import json

import pytest

from tui.ingest import AnnotationExportError, IngestError, NotAnArticle, read_bytes
from tui.ingest.w3c_annotations import is_annotation_export


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


FULL = {
    "title": "Committee signs partnership",
    "text": "First paragraph of the story.\n\nSecond paragraph, with more.",
    "date": "2022-02-24T09:30:00Z",
    "url": "https://example.org/story",
    "source": {"name": "TDI"},
    "author": [{"name": "Yu Jianing"}, "Li Wei"],
    "tags": ["metaverse", "BRI", "metaverse"],
    "language": "en",
    "place": "Beijing",
}


def test_every_documented_field() -> None:
    [article] = read_bytes(_dump(FULL), "one.json", ".json")
    assert article.title == "Committee signs partnership"
    assert article.text == "First paragraph of the story.\n\nSecond paragraph, with more."
    assert (article.date, article.url, article.source) == (
        "2022-02-24",
        "https://example.org/story",
        "TDI",
    )
    assert article.author == "Yu Jianing, Li Wei"
    assert article.tags == ("metaverse", "BRI")
    assert (article.language, article.place) == ("en", "Beijing")
    assert article.origin == "one.json"


@pytest.mark.parametrize("key", ["body", "content"])
def test_text_aliases(key: str) -> None:
    [article] = read_bytes(_dump({"title": "T", key: "Words here."}), "a.json", ".json")
    assert article.text == "Words here."


def test_html_body_becomes_blocks() -> None:
    body = "<h2>Section</h2><p>One &amp; two.</p><ul><li>item</li></ul>"
    [article] = read_bytes(_dump({"title": "T", "body": body}), "h.json", ".json")
    assert [(b.kind, article.block_text(b)) for b in article.blocks] == [
        ("heading", "Section"),
        ("paragraph", "One & two."),
        ("paragraph", "• item"),
    ]


def test_list_wrappers_and_json_lines() -> None:
    items = [{"title": f"Story {n}", "text": f"Body {n}."} for n in range(3)]
    assert len(read_bytes(_dump(items), "list.json", ".json")) == 3
    assert len(read_bytes(_dump({"articles": items}), "wrapped.json", ".json")) == 3
    lines = b"\n".join(_dump(item) for item in items) + b"\n"
    articles = read_bytes(lines, "stream.jsonl", ".jsonl")
    assert [a.title for a in articles] == ["Story 0", "Story 1", "Story 2"]
    assert len(read_bytes(lines, "stream", "")) == 3  # detected without the extension


def test_items_without_text_are_skipped_and_none_is_an_error() -> None:
    items = [{"title": "No text"}, {"title": "Has text", "text": "Yes."}, "junk", 5]
    assert [a.title for a in read_bytes(_dump(items), "mixed.json", ".json")] == ["Has text"]
    with pytest.raises(IngestError, match="no articles in this JSON"):
        read_bytes(_dump([{"title": "Empty", "text": " "}]), "empty.json", ".json")


def test_json_without_any_text_field_is_not_an_article() -> None:
    """A manifest or metadata sidecar (titles, dates, counts) is skipped, not failed."""
    with pytest.raises(NotAnArticle, match="not an article"):
        read_bytes(_dump([{"title": "No text", "date": "2020-01-01"}]), "manifest.json", ".json")


def test_dateline_fills_missing_metadata() -> None:
    item = {"text": "Beijing 24 February 2022 (TDI): The committee met. It agreed."}
    [article] = read_bytes(_dump(item), "d.json", ".json")
    assert (article.place, article.date, article.source) == ("Beijing", "2022-02-24", "TDI")


def test_fields_of_the_wrong_type_are_ignored() -> None:
    item = {"title": ["not", "a", "string"], "text": "Body.", "date": 20220224, "url": {"a": 1}}
    [article] = read_bytes(_dump(item), "w.json", ".json")
    assert (article.title, article.date, article.url) == ("Body", None, None)


def test_invalid_json_with_json_suffix_is_an_error_that_says_where() -> None:
    with pytest.raises(IngestError, match=r"not valid JSON \(.*line 1 column"):
        read_bytes(b'{"title": "x", ', "broken.json", ".json")


W3C_EXPORT = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "AnnotationCollection",
    "first": {"type": "AnnotationPage", "items": [{"type": "Annotation", "body": "note"}]},
}


def test_w3c_annotation_export_is_refused_with_the_document() -> None:
    with pytest.raises(AnnotationExportError) as caught:
        read_bytes(_dump(W3C_EXPORT), "notes.json", ".json")
    assert "W3C annotation exports are imported by" in str(caught.value)
    assert caught.value.document == W3C_EXPORT
    assert isinstance(caught.value, IngestError)


def test_w3c_annotation_detection_variants() -> None:
    listed = {"@context": ["http://www.w3.org/ns/anno.jsonld", {"x": "y"}], "type": "Annotation"}
    assert is_annotation_export(listed)
    assert is_annotation_export([listed])
    assert not is_annotation_export({"@context": "https://schema.org", "text": "x"})
    lines = _dump(listed) + b"\n" + _dump(listed)
    with pytest.raises(AnnotationExportError):
        read_bytes(lines, "notes.jsonl", ".jsonl")


def test_json_suffix_with_prose_inside_is_a_json_error() -> None:
    with pytest.raises(IngestError, match="not valid JSON"):
        read_bytes(b"Just some words, not JSON.", "words.json", ".json")
