"""Plain text (the seed article) and Markdown, with and without front matter."""

from __future__ import annotations

import re

import pytest

from tests.data_paths import SEED, WIKINEWS, manifest, wikinews_files
from tui.ingest import IngestError, read_bytes, read_path
from tui.ingest.detect import detect_format
from tui.models import Article


def _wikinews() -> list[dict[str, object]]:
    articles: list[dict[str, object]] = manifest(WIKINEWS)["articles"]
    return articles


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="module")
def seed() -> Article:
    [article] = read_path(SEED)
    return article


def test_seed_dateline_gives_place_date_and_source(seed: Article) -> None:
    assert seed.place == "Beijing"
    assert seed.date == "2022-02-24"
    assert seed.source == "TDI"


def test_seed_headings_are_exactly_the_three_section_lines(seed: Article) -> None:
    headings = [seed.block_text(block) for block in seed.blocks if block.kind == "heading"]
    assert headings == [
        "China’s Vission to consolidate Digital Leadership",
        "China Mobile Communication Association Metaverse Committee",
        "Cooperation with Asia Digital Bank",
    ]


def test_seed_keeps_every_word_including_the_typo(seed: Article, seed_text: str) -> None:
    assert "Vission" in seed.text
    assert seed.text.split() == seed_text.split()


def test_seed_title_is_the_first_sentence(seed: Article) -> None:
    assert seed.title == (
        "The China Mobile Communication Association Metaverse Committee (CMCAMC) has signed "
        "a strategic partnership with the Asia Digital Bank (ADB)"
    )


def test_seed_blocks_tile_the_canonical_text(seed: Article) -> None:
    assert "\n\n".join(seed.block_text(block) for block in seed.blocks) == seed.text
    assert seed.origin == str(SEED)


@pytest.mark.parametrize("entry", _wikinews(), ids=lambda entry: str(entry["file"])[:40])
def test_wikinews_front_matter_round_trips(entry: dict[str, object]) -> None:
    path = WIKINEWS / str(entry["file"])
    [article] = read_path(path)
    assert article.title == entry["title"]
    assert article.date == entry["date"]
    assert article.url == entry["url"]
    assert article.source == "Wikinews"
    assert article.author == "Wikinews contributors"
    assert len([b for b in article.blocks if b.kind == "paragraph"]) == entry["paragraphs"]
    assert not article.text.startswith("---")


def test_all_36_wikinews_files_are_imported() -> None:
    files = wikinews_files()
    assert len(files) == 36 == len(_wikinews())
    titles = {read_path(path)[0].title for path in files}
    assert titles == {entry["title"] for entry in _wikinews()}


def test_front_matter_tags_list_and_comma_string() -> None:
    listed = b"---\ntitle: T\ntags: [metaverse, '#digital bank', metaverse]\n---\nBody text here.\n"
    [article] = read_bytes(listed, "a.md", ".md")
    assert article.tags == ("metaverse", "digital bank")
    comma = b"---\ntitle: T\ntags: China, BRI\n---\nBody.\n"
    assert read_bytes(comma, "b.md", ".md")[0].tags == ("China", "BRI")


def test_front_matter_without_md_suffix_is_detected() -> None:
    data = b"---\ntitle: Hello\ndate: 2020-01-02\nplace: Kuala Lumpur\n---\nSome words.\n"
    [article] = read_bytes(data, "notes.txt", ".txt")
    assert (article.title, article.date, article.place) == ("Hello", "2020-01-02", "Kuala Lumpur")


def test_markdown_without_front_matter_detected_from_atx_headings() -> None:
    data = (
        b"# The headline\n\nFirst paragraph with **bold** and a [link](http://x.org).\n\n"
        b"## Part two\n\nMore.\n"
    )
    assert detect_format(data.decode(), "") == "markdown"
    [article] = read_bytes(data, "untitled", "")
    assert article.title == "The headline"
    assert [(b.kind, article.block_text(b)) for b in article.blocks] == [
        ("paragraph", "First paragraph with bold and a link."),
        ("heading", "Part two"),
        ("paragraph", "More."),
    ]


def test_md_suffix_reads_markdown_even_without_syntax() -> None:
    [article] = read_bytes(b"Just a line of prose.\n\nAnother one.", "x.md", ".md")
    assert article.title == "Just a line of prose"


def test_plain_text_with_a_hash_is_not_markdown() -> None:
    text = "We are #1 in the region.\n\nThe #2 spot went elsewhere."
    assert detect_format(text, ".txt") == "text"


def test_text_that_starts_like_json_but_is_prose() -> None:
    [article] = read_bytes(b"[Update] Officials confirmed the deal on Friday.", "u.txt", ".txt")
    assert article.text == "[Update] Officials confirmed the deal on Friday."


def test_bad_front_matter_is_a_clear_error() -> None:
    with pytest.raises(IngestError, match=r"front matter is not valid YAML"):
        read_bytes(b"---\ntitle: [unclosed\n---\nBody\n", "bad.md", ".md")
    with pytest.raises(IngestError, match="not a YAML mapping"):
        read_bytes(b"---\n- a\n- b\n---\nBody\n", "list.md", ".md")


def test_front_matter_fields_that_are_not_scalars_are_ignored() -> None:
    data = b"---\ntitle: {nested: map}\nauthor: [a, b]\n---\nFirst sentence here. Second.\n"
    [article] = read_bytes(data, "n.md", ".md")
    assert article.title == "First sentence here"
    assert article.author is None


def test_error_message_is_one_line() -> None:
    with pytest.raises(IngestError) as caught:
        read_bytes(b"   \n\n  ", "weird\nname.txt", ".txt")
    assert "\n" not in str(caught.value)
    assert re.fullmatch(r"weird name\.txt: file is empty", str(caught.value))
