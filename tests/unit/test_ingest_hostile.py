"""Hostile input: whatever the bytes, read_bytes returns clean articles or raises IngestError."""

from __future__ import annotations

import json
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.ingest import MAX_FILE_BYTES, IngestError, read_bytes, read_path
from tui.models import Article

PREFIXES = ["", "<html>", "<?xml", "{", "---\n", "<rss>", "[", "# "]
SUFFIXES = ["", ".txt", ".md", ".html", ".xml", ".json", ".jsonl"]
# Exceptions that mean a bug in our code, not a broken file, even when wrapped.
OUR_BUGS = (AttributeError, KeyError, IndexError, NameError, TypeError, UnboundLocalError)


def _is_control(char: str) -> bool:
    category = unicodedata.category(char)
    return (category == "Cc" and char != "\n") or category == "Cs"


def assert_clean(article: Article) -> None:
    """The promise every reader keeps: text, no control characters anywhere, valid offsets."""
    assert article.text.strip()
    fields = [article.text, article.title, *article.tags]
    fields += [article.date, article.place, article.source, article.url, article.author]
    for value in fields:
        if value is not None:
            assert not any(_is_control(char) for char in value), repr(value)
            assert unicodedata.is_normalized("NFC", value)
    assert "\n" not in article.title
    assert "\n\n".join(article.block_text(b) for b in article.blocks) == article.text


def check(data: bytes, suffix: str = "") -> list[Article]:
    try:
        articles = read_bytes(data, "hostile" + suffix, suffix)
    except IngestError as error:
        assert "\n" not in str(error)
        assert error.reason
        assert not isinstance(error.__cause__, OUR_BUGS), repr(error.__cause__)
        return []
    assert articles
    for article in articles:
        assert_clean(article)
    return articles


# -- hypothesis: garbage in, IngestError or clean articles out ---------------------------

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2048),
    suffix=st.sampled_from(SUFFIXES),
)
@example(prefix="", body=b"\x00\x01\x02", suffix="")
@example(prefix="{", body=b'"text": "\\ud800 lone surrogate"}', suffix=".json")
@example(prefix="---\n", body=b"title: &a [*a]\n---\nx", suffix=".md")
def test_random_bytes(prefix: str, body: bytes, suffix: str) -> None:
    check(prefix.encode() + body, suffix)


@FUZZ
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.text(max_size=1000),
    suffix=st.sampled_from(SUFFIXES),
    encoding=st.sampled_from(["utf-8", "utf-16", "gb18030", "latin-1"]),
)
@example(prefix="", body="\x1b[2J\x1b]0;owned\x07\u202e\x85\u2028x", suffix="", encoding="utf-8")
@example(
    prefix="{",
    body='"text": "[bold]x[/bold]", "title": "\\u001b[31m"}',
    suffix="",
    encoding="utf-8",
)
def test_random_text(prefix: str, body: str, suffix: str, encoding: str) -> None:
    data = (prefix + body).encode(encoding, errors="replace")
    check(data, suffix)


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200),
        min_size=1,
        max_size=5,
    ),
    markup=st.sampled_from(["p", "li", "h2", "blockquote", "td"]),
)
def test_random_text_inside_html(paragraphs: list[str], markup: str) -> None:
    from html import escape

    body = "".join(f"<{markup}>{escape(p)}</{markup}>" for p in paragraphs)
    check(f"<html><body><article>{body}</article></body></html>".encode(), ".html")


@settings(max_examples=60, deadline=None)
@given(item=st.dictionaries(st.sampled_from(["title", "text", "date", "url", "author", "tags",
                                             "source", "place", "language", "body"]),
                            st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                                         lambda inner: st.lists(inner, max_size=3)
                                         | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                                         max_leaves=10)))  # fmt: skip
def test_random_json_articles(item: dict[str, object]) -> None:
    check(json.dumps(item).encode(), ".json")


# -- named hostile files ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image, not an article"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document, not an article"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (bytes(range(256)) * 64, "binary data"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "program"),
    ],
)
def test_binary_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        read_bytes(data, "thing.bin", ".txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(IngestError, match="file is empty"):
        read_bytes(data, "empty.txt", ".txt")


def test_control_characters_only_is_no_article() -> None:
    with pytest.raises(IngestError, match="no article text found"):
        read_bytes(b"\x1b[2J\x1b[0m\x07\x08", "ctl.txt", ".txt")


def test_file_over_20_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match="over 20 MB"):
            read_path(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024, f"{peak} bytes allocated: the file was read"
    with pytest.raises(IngestError, match="over 20 MB"):
        read_bytes(b"a" * (MAX_FILE_BYTES + 1), "big.txt", ".txt")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="is a folder"):
        read_path(tmp_path)


@pytest.mark.timeout(120)  # a hang guard, not a speed check: bench/ measures speed
@pytest.mark.parametrize(
    ("name", "data", "suffix", "piece", "count"),
    [
        ("text", b"word " * 1_000_000, ".txt", "word", 1_000_000),
        (
            "html",
            b"<html><body><p>" + b"word " * 1_000_000 + b"</p></body></html>",
            ".html",
            "word",
            1_000_000,
        ),
        ("markdown", b"# Title\n\n" + b"[" * 500_000 + b"**a " * 200_000, ".md", "[", 500_000),
        ("dateline", b"A-" * 200_000 + b" 24 February 2022: x", ".txt", "A-", 200_000),
        ("spaces", b" " * 2_000_000 + b"x", ".txt", "x", 1),
        ("json", b'{"text": "' + b"word " * 1_000_000 + b'"}', ".json", "word", 1_000_000),
        (
            "feed",
            b'<rss version="2.0"><channel><title>t</title><item><description>'
            + b"word " * 1_000_000
            + b"</description></item></channel></rss>",
            ".xml",
            "word",
            1_000_000,
        ),
    ],
)
def test_huge_single_line_is_read_whole(
    name: str, data: bytes, suffix: str, piece: str, count: int
) -> None:
    [article] = check(data, suffix)
    assert article.text.count(piece) == count, name


def test_control_and_escape_characters_are_stripped_everywhere() -> None:
    text = (
        "Title\x1b[1m line\n\nBody \x1b[31mred\x1b[0m, bell\x07, backspace\x08, NUL-free, "
        "C1 \x9b31m, OSC \x1b]8;;http://evil\x07link\x1b]8;;\x07, DEL\x7f, "
        "bidi \u202eevil\u202c and isolate \u2066x\u2069.\n\nSecond."
    )
    [article] = check(text.encode("utf-8"), ".txt")
    assert (
        "Body red, bell, backspace, NUL-free, C1 31m, OSC link, DEL, bidi evil and isolate x."
        in (article.text)
    )
    assert article.title == "Title line"


def test_rich_markup_is_stored_verbatim() -> None:
    text = "Plain [bold]not bold[/bold] and [link=https://evil.example]click[/link] stay literal."
    [article] = check(text.encode(), ".txt")
    assert article.text == text


def test_right_to_left_text_is_kept() -> None:
    arabic = "أعلنت اللجنة اليوم عن شراكة استراتيجية جديدة مع البنك الرقمي."
    hebrew = "הוועדה הודיעה היום על שותפות אסטרטגית חדשה."
    html = (
        f'<html dir="rtl" lang="ar"><head><title>شراكة جديدة</title></head><body><article>'
        f"<p>{arabic}</p><p>\u202b{hebrew}\u202c</p></article></body></html>"
    )
    [article] = check(html.encode(), ".html")
    assert arabic in article.text and hebrew in article.text
    assert article.title == "شراكة جديدة"
    assert article.language == "ar"


def test_deeply_nested_markup_and_json() -> None:
    check(b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000, ".html")
    check(b"[" * 100_000 + b"]" * 100_000, ".json")
    check(b'{"text": "x", "n": ' + b"9" * 10_000 + b"}", ".json")


def test_xml_entity_tricks_neither_expand_nor_read_files() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    for name, ref in zip("bcdefgh", "abcdefg", strict=True):
        bomb += f'<!ENTITY {name} "{("&" + ref + ";") * 10}">'.encode()
    bomb += b']><rss version="2.0"><channel><title>t</title><item><title>x</title>'
    bomb += b"<description>&h;</description></item></channel></rss>"
    articles = check(bomb, ".xml")
    assert all(len(a.text) < 10_000 for a in articles)
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        b"<description>&x;</description></item></channel></rss>"
    )
    assert all("root:" not in a.text for a in check(xxe, ".xml"))


def test_yaml_alias_bomb_in_front_matter() -> None:
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, ref in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + ref] * 9)}]")
    lines += ["title: *i", "tags: *i", "author: *i", "---", "The body."]
    [article] = check("\n".join(lines).encode(), ".md")
    assert article.text == "The body."
    assert article.title == "The body" and article.tags == () and article.author is None


def test_utf16_with_and_without_bom() -> None:
    text = "Ein Artikel über Förderung.\n\nZweiter Absatz."
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        [article] = check(data, ".txt")
        assert article.text == text


def test_invalid_utf8_in_a_utf8_page_does_not_crash() -> None:
    data = b"<html><head><meta charset='utf-8'></head><body><p>Caf\xe9 au lait \xff\xfe ok.</p>"
    [article] = check(data, ".html")
    assert "au lait" in article.text
