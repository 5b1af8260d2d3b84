"""Notes across the library: Library.find_notes, the query language plus color:."""

from __future__ import annotations

import pytest

from tests.unit.hong_kong_library import added_a_moment_apart, by_date
from tests.unit.hong_kong_library import annotate as annotate_articles
from tui.models import Note
from tui.search import QueryError, parse_query
from tui.store import Library


def annotate(library: Library) -> dict[str, Note]:
    """The shared notes, then one on Carrie Lam written last."""
    notes = annotate_articles(library)
    october = by_date(library)[2]
    about = Note(id="", article_id=october, body="Her speech", entity="Carrie Lam")
    return notes | {"entity": added_a_moment_apart(library, about)}


def found(library: Library, query: str) -> list[str]:
    return [item.note.id for item in library.find_notes(query)]


def test_every_note_newest_first_with_its_article(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    listed = library.find_notes("")
    assert [item.note.id for item in listed] == [
        notes[name].id for name in ("entity", "plain", "pink", "yellow")
    ]
    assert listed[-1].article.date == "2019-06-23"
    assert listed[-1].article.title.startswith("Hong Kong protesters")


def test_color_filters_highlights_and_none_the_plain_notes(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    assert found(library, "color:pink") == [notes["pink"].id]
    assert found(library, "color:yellow color:pink") == [notes["pink"].id, notes["yellow"].id]
    assert found(library, "color:none") == [notes["entity"].id, notes["plain"].id]
    article_hits = [hit.article_id for hit in library.search("color:pink")]
    assert article_hits == [notes["pink"].article_id], "the library search knows color: too"


def test_words_match_the_body_quote_tags_and_title(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    assert found(library, "bill") == [notes["pink"].id], "a word of the Markdown body"
    assert found(library, "principal") == [notes["yellow"].id], "a word of the quote"
    assert found(library, "tag:hk") == [notes["plain"].id]
    assert found(library, "protesters") == [notes["yellow"].id], "a word of the title"
    assert found(library, "spok") == [notes["plain"].id], "the word being typed, as a prefix"
    assert found(library, '"at last"') == [notes["pink"].id]


def test_article_filters_narrow_notes(hong_kong: Library) -> None:
    library = hong_kong
    notes = annotate(library)
    assert found(library, "after:2019-09-01 before:2019-10-01") == [notes["pink"].id]
    assert set(found(library, "entity:Legislative Council")) <= {
        notes["plain"].id,
        notes["entity"].id,
    }
    library.set_starred(notes["yellow"].article_id, True)
    assert found(library, "is:starred") == [notes["yellow"].id]


def test_a_bad_color_names_the_choices() -> None:
    with pytest.raises(QueryError, match=r"color:yellow, color:green.* or color:none"):
        parse_query("color:purple")
    assert parse_query("color:Pink").colors == ("pink",)


def test_a_note_written_by_another_process_is_found_at_once(hong_kong: Library) -> None:
    library = hong_kong
    annotate(library)
    assert found(library, "shell") == []
    with Library(library.folder) as other:
        [october] = [s for s in other.list_articles() if s.date == "2019-10-16"]
        other.add_note(Note(id="", article_id=october.id, body="From the shell"))
    assert "From the shell" in {item.note.body for item in library.find_notes("shell")}
