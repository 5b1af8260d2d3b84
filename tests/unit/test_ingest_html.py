"""Web pages: readability corpus cases, CJK pages, mislabelled encodings, hostile markup."""

from __future__ import annotations

import json
from functools import cache

import pytest

from tests.data_paths import READABILITY, data_file
from tui.ingest import read_bytes, read_path
from tui.ingest.html_page import extract_page
from tui.models import Article

PAGES = data_file(READABILITY)


@cache
def page(case: str) -> Article:
    [article] = read_path(PAGES / case / "source.html")
    return article


def expected(case: str) -> dict[str, object]:
    metadata: dict[str, object] = json.loads(
        (PAGES / case / "expected-metadata.json").read_text("utf-8")
    )
    return metadata


# case, a sentence of the article body, boilerplate that must be gone
CASES = [
    (
        "bbc-1",
        "President Barack Obama has admitted that his failure to pass",
        "Skip to content",
    ),
    (
        "guardian-1",
        "Whale whisperer Hori Parata was just seven years old when he attended",
        "Most popular",
    ),
    (
        "nytimes-1",
        "After nearly 20 years of hostile relations, the American government",
        "Sign up with Facebook",
    ),
    (
        "ars-1",
        "Pakistan-based developer Ammar Askar wrote in a blog post",
        "Advertise with Ars",
    ),
    (
        "lemonde-1",
        "Les députés ont, sans surprise, adopté à une large majorité",
        "Abonnez-vous",
    ),
    (
        "heise",
        "Das in der iOS-Version bereits enthaltene TOTP-Feature",
        "Kommentare lesen",
    ),
    ("qq", "在2014年收购的人工智能公司DeepMind", "Copyright © 1998 - 2016 Tencent"),
    ("pixnet", "一波波接續性低溫寒流報到", "新竹‧玩時尚芙洛麗大飯店迷戀客房"),
]


@pytest.mark.parametrize(("case", "sentence", "boilerplate"), CASES, ids=[c[0] for c in CASES])
def test_readability_case(case: str, sentence: str, boilerplate: str) -> None:
    article = page(case)
    assert article.title == expected(case)["title"]
    assert sentence in article.text
    assert boilerplate not in article.text


def test_page_metadata() -> None:
    ars = page("ars-1")
    assert ars.author == "Dan Goodin"
    assert ars.source == "Ars Technica"
    assert ars.language == "en-us"
    assert ars.date == "2015-04-16"
    assert ars.url == (
        "https://arstechnica.com/information-technology/2015/04/"
        "just-released-minecraft-exploit-makes-it-easy-to-crash-game-servers/"
    )
    folha = page("folha")
    assert (folha.source, folha.language, folha.date) == ("Folha de S.Paulo", "pt-BR", "2018-12-21")


def test_headings_and_paragraphs_are_blocks() -> None:
    wiki = page("wikipedia-2")
    headings = [wiki.block_text(b) for b in wiki.blocks if b.kind == "heading"]
    assert "Etymology" in headings
    assert "History" in headings
    assert all("\n\n" not in wiki.block_text(b) for b in wiki.blocks)
    assert not any(h == "New Zealand" for h in headings[:1])  # the title is not repeated


def test_page_that_declares_gb2312_but_is_utf8() -> None:
    head = (PAGES / "qq" / "source.html").read_bytes()[:2000]
    assert b"gb2312" in head.lower()
    assert "人工智能" in page("qq").title


def test_traditional_chinese_page() -> None:
    article = page("pixnet")
    assert article.language == "zh-TW"
    assert "美樹" in article.text


def test_malformed_attributes_page_still_reads() -> None:
    article = page("invalid-attributes")
    assert article.title == "Lorem Ipsum"
    assert "Lorem ipsum dolor sit amet" in article.text


def test_description_is_available_for_the_benchmark() -> None:
    html = (PAGES / "heise" / "source.html").read_text("utf-8")
    assert extract_page(html).meta.description == expected("heise")["excerpt"]


CHINESE = (
    "北京市今天发布了新的交通管理规定，要求所有车辆在高峰时段遵守限行措施。"
    "市民对此表示支持，认为这将有助于缓解城市拥堵问题。专家指出，公共交通的发展同样重要。"
)


def _page(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}">'
        f"<title>{title}</title></head><body>"
        f"<nav><a href='/'>首页</a> <a href='/news'>新闻</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>版权所有 示例网</footer></body></html>"
    )


def test_gb2312_bytes_that_declare_utf8_read_right() -> None:
    html = _page("北京发布新的交通规定", [CHINESE, CHINESE[::-1], CHINESE])
    [article] = read_bytes(html.encode("gb2312"), "mislabelled.html", ".html")
    assert article.title == "北京发布新的交通规定"
    assert CHINESE in article.text
    assert "\ufffd" not in article.text


def test_gb2312_bytes_that_declare_nothing_read_right() -> None:
    html = _page("北京发布新的交通规定", [CHINESE, CHINESE]).replace('<meta charset="utf-8">', "")
    [article] = read_bytes(html.encode("gb2312"), "undeclared.html", ".html")
    assert CHINESE in article.text


def test_latin1_page_labelled_latin1() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        "<title>Förderung für Glasfaser</title></head><body><p>Die Förderung beginnt im April "
        "und gilt für ländliche Gemeinden.</p></body></html>"
    )
    [article] = read_bytes(html.encode("latin-1"), "de.html", ".html")
    assert article.title == "Förderung für Glasfaser"
    assert "ländliche" in article.text


def test_xhtml_with_xml_declaration() -> None:
    html = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Café society</title></head><body><p>Un café à Paris, s'il vous plaît."
        "</p></body></html>"
    )
    [article] = read_bytes(html.encode("latin-1"), "x.xhtml", ".xhtml")
    assert "Un café à Paris" in article.text


def test_rich_markup_stays_literal_and_escapes_are_stripped() -> None:
    html = (
        "<html><head><title>[bold]Breaking[/bold] news</title>"
        '<meta name="author" content="Eve \x1b[2J[link=http://evil]">'
        "</head><body><article><p>Click [link=https://evil.example]here[/link] now, "
        "[red]or[/red] not.\x1b[31m Red\x1b[0m text \x07 with a bell and a \u202eright-to-left "
        "override.</p><p>Second paragraph &lt;script&gt; stays as text.</p></article></body></html>"
    )
    [article] = read_bytes(html.encode(), "rich.html", ".html")
    assert article.title == "[bold]Breaking[/bold] news"
    assert "[link=https://evil.example]here[/link]" in article.text
    assert "[red]or[/red]" in article.text
    for field in (article.text, article.title, article.author or ""):
        assert "\x1b" not in field and "\x07" not in field and "\u202e" not in field
    assert article.author == "Eve [link=http://evil]"
    assert "<script> stays as text" in article.text


def test_scripts_and_styles_never_reach_the_text() -> None:
    html = (
        "<html><body><script>var secret = 1;</script><style>p{color:red}</style>"
        "<p>Only this sentence is the article text that a reader should see.</p></body></html>"
    )
    [article] = read_bytes(html.encode(), "s.html", ".html")
    assert "secret" not in article.text and "color" not in article.text
    assert "Only this sentence" in article.text


def test_broken_html_is_read() -> None:
    html = b"<html><body><p>Unclosed paragraph <b>bold <i>both</p><div><p>Second & third</div"
    [article] = read_bytes(html, "broken.html", ".html")
    assert "Unclosed paragraph bold both" in article.text
    assert "Second & third" in article.text


def test_page_detected_from_content_whatever_the_name() -> None:
    html = b"<!doctype html><html><body><p>This page was saved with a .txt name.</p></body></html>"
    [article] = read_bytes(html, "page.txt", ".txt")
    assert article.text == "This page was saved with a .txt name."


def test_utf8_page_with_a_stray_byte_stays_utf8() -> None:
    html = _page("北京发布新的交通规定", [CHINESE, CHINESE], charset="gb2312").encode("utf-8")
    broken = html.replace("。".encode(), b"\xff", 1)
    [article] = read_bytes(broken, "stray.html", ".html")
    assert article.title == "北京发布新的交通规定"
    assert CHINESE[:20] in article.text
