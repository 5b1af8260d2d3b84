"""Every article gets a language at import: the page's own tag, unless its text is surely
another language; the detected one when the page declares none."""

from __future__ import annotations

from tests.data_paths import READABILITY, SEED, data_file
from tui.ingest import read_bytes, read_path
from tui.ingest.language import article_language, primary_language

PAGES = data_file(READABILITY)


def test_a_french_page_is_french() -> None:
    [article] = read_path(PAGES / "lemonde-1" / "source.html")
    assert article.language == "fr"


def test_a_page_that_claims_english_but_is_french_is_stored_as_french() -> None:
    data = (PAGES / "lemonde-1" / "source.html").read_bytes().replace(b'lang="fr"', b'lang="en"')
    [article] = read_bytes(data, "lemonde.html")
    assert article.language == "fr"


def test_a_declared_tag_the_text_agrees_with_is_kept_whole() -> None:
    [article] = read_path(PAGES / "folha" / "source.html")
    assert article.language == "pt-BR"
    assert primary_language(article.language) == "pt"


def test_a_text_without_a_declared_language_gets_the_detected_one() -> None:
    [seed] = read_path(data_file(SEED))
    assert seed.language == "en"
    [czech] = read_path(PAGES / "aktualne" / "source.html")
    assert primary_language(czech.language) == "cs"


def test_too_little_text_keeps_what_was_declared_and_guesses_nothing() -> None:
    assert article_language("Oui.", "fr-FR") == "fr-FR"
    assert article_language("Oui.", None) is None
    assert article_language("Oui.", "not a tag!") is None
