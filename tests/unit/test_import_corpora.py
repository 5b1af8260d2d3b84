"""`gloss import` on whole folders: the feed corpus, Wikinews, and a folder of hostile files."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from tests.cli_run import run, run_json
from tests.data_paths import BROKEN_INPUTS, data_file
from tui.entities import EXTRACTOR_VERSION
from tui.ingest import MAX_FILE_BYTES, read_path
from tui.ingest.housekeeping_files import is_housekeeping_file
from tui.store import Library


def has_control(value: str, allowed: str = "") -> bool:
    """C0/C1 controls (ESC included) and lone surrogates, except the ones allowed."""
    return any(unicodedata.category(char) in {"Cc", "Cs"} and char not in allowed for char in value)


def test_every_feed_imports_its_entries(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = corpora / "feeds"
    manifest = json.loads((feeds / "manifest.json").read_text(encoding="utf-8"))["feeds"]
    library = str(tmp_path / "lib")
    code, report = run_json(capsys, "import", str(feeds), "--library", library)
    assert code == 0, report["failed"]
    assert report["failed"] == [] and report["duplicates"] == []
    skipped = {item["file"]: item["reason"] for item in report["skipped"]}
    sidecars = [feeds / "manifest.json", *(feeds / "licenses").iterdir()]
    assert set(skipped) == {str(path) for path in sidecars}
    assert all(reason.startswith("not an article") for reason in skipped.values())

    with Library(Path(library)) as opened:
        origins = [opened.get_article(article_id).origin for article_id in report["added"]]
        for feed in manifest:
            assert origins.count(str(feeds / feed["file"])) == feed["item_count"], feed["file"]
        for article_id in report["added"]:
            assert opened.extractor_version(article_id) == EXTRACTOR_VERSION

    code, again = run_json(capsys, "import", str(feeds), "--library", library)
    assert (again["added"], again["updated"], again["duplicates"]) == ([], [], [])
    assert sorted(again["unchanged"]) == sorted(report["added"])


def test_wikinews_folder_imports_whole_with_front_matter(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpora / "wikinews"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    library = str(tmp_path / "lib")
    code, out, err = run(capsys, "import", str(folder), "--library", library)
    assert code == 0
    assert out.splitlines()[-1] == (
        "36 added, 0 updated, 0 unchanged, 0 skipped as duplicate, 0 failed, 1 skipped"
    )
    assert (
        f"skipped   {folder / 'manifest.json'}: not an article (JSON without an article's "
        "text, body or content field)" in out.splitlines()
    )
    assert err == ""
    with Library(Path(library)) as opened:
        stored = {summary.url: summary for summary in opened.list_articles()}
    for expected in manifest["articles"]:
        summary = stored[expected["url"]]
        assert (summary.title, summary.date, summary.source) == (
            expected["title"],
            expected["date"],
            "Wikinews",
        )


def test_the_corpora_folder_imports_cleanly_and_skips_what_is_not_an_article(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Licences, notices, readmes and data sidecars are said and skipped, never stored; a fault
    kept as a test case lives in tests/broken_inputs, so importing the corpora exits 0."""
    library = str(tmp_path / "lib")
    code, report = run_json(capsys, "import", str(corpora), "--library", library)
    assert code == 0, report["failed"]
    assert report["failed"] == []
    skipped = {Path(i["file"]).relative_to(corpora): i["reason"] for i in report["skipped"]}
    readability = sorted(path.name for path in (corpora / "readability").iterdir() if path.is_dir())
    assert set(skipped) == {
        Path("README.md"),
        Path("feeds/manifest.json"),
        *(Path("feeds/licenses") / name for name in os.listdir(corpora / "feeds" / "licenses")),
        Path("readability/LICENSE"),
        Path("readability/NOTICE"),
        *(Path("readability") / case / "expected-metadata.json" for case in readability),
        Path("wikinews/manifest.json"),
    }
    assert all(reason.startswith("not an article") for reason in skipped.values())
    with Library(Path(library)) as opened:
        titles = [summary.title for summary in opened.list_articles()]
        articles = [opened.get_article(article_id) for article_id in opened.article_ids()]
    assert not any("License" in title or "Copyright" in title for title in titles), titles
    for case in ("guardian-1", "wikipedia-2", "bbc-1", "yahoo-4"):  # one article, the page's
        [page] = read_path(corpora / "readability" / case / "source.html")
        [stored] = [a for a in articles if f"/readability/{case}/" in (a.origin or "")]
        assert (stored.title, stored.date, stored.url) == (page.title, page.date, page.url)


def test_a_file_named_on_the_command_line_that_is_not_an_article_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "LICENSE").write_text("MIT License\n\nPermission is hereby granted, free of charge.")
    (folder / "feedjira-LICENSE").write_text("Copyright (c) 2009 Paul Dix")
    (folder / "sidecar.json").write_text('{"count": 3, "files": ["a.md", "b.md"]}')
    (folder / "story.md").write_text("# A story\n\nThe council met on Tuesday.\n")
    library = str(tmp_path / "lib")
    files = [str(path) for path in sorted(folder.iterdir())]
    code, out, err = run(capsys, "import", *files, "--library", library)
    assert code == 0, err
    assert out.splitlines()[-1].endswith("0 failed, 3 skipped")
    reason = "not an article (a licence, notice or readme file)"
    assert f"skipped   {folder / 'LICENSE'}: {reason}" in out


def test_a_feed_cut_off_after_some_items_imports_them_with_a_warning(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (corpora / "feeds" / "feedjira__RSSWithComments.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"<item>", data.index(b"<item>") + 1) + 60])
    library = str(tmp_path / "lib")
    code, out, err = run(capsys, "import", str(cut), "--library", library)
    assert code == 0
    assert out.splitlines()[-1].startswith("2 added, 0 updated")  # the second one's title
    [warning] = err.splitlines()
    assert warning.startswith(f"warning   {cut}: broken XML (")
    assert "2 items read leniently; some may be missing" in warning


def test_a_feed_cut_off_before_its_first_item_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truncated = data_file(BROKEN_INPUTS / "feed-rs__rss_2.0_invalid_1.xml")
    code, report = run_json(capsys, "import", str(truncated), "--library", str(tmp_path / "lib"))
    assert code == 1
    [failed] = report["failed"]
    assert "“Reuters: Most Read Articles” has no readable items" in failed["reason"]
    assert "broken XML" in failed["reason"]


GOOD = {
    "good.md": "---\ntitle: A good story\nurl: https://good.example/1\n---\nThe council "
    "approved the new library on Tuesday after a long debate about its cost.\n",
    "dateline.txt": "Berlin 3 March 2024 (Reuters): Officials said the airport would reopen "
    "on Friday after the strike ended.\n",
    "markup.md": '---\ntitle: "[bold red]Markup[/bold red] in the title"\n---\n'
    "[link=file:///etc/passwd]click[/link] and [bold]bold[/bold] and [/] stray close tags.\n",
}
HOSTILE_BUT_READABLE = {
    "escapes.txt": b"Escape \x1b[31mred\x1b[0m title\n\nA paragraph with \x1b]8;;http://evil"
    b".example\x07a link\x1b]8;;\x07, a bell\x07, a C1 \xc2\x9b31m and backspaces\x08\x08.\n",
    "broken.html": b"<html><body><div><p>Unclosed <b>tags everywhere <table><tr><td>cell",
    "cp1252.txt": "Café society: the naïve résumé of a Zürich bank.\n".encode("cp1252"),
    "stray-bytes.md": "# Stray bytes\n\nTrains from Malmö to Göteborg, Zürich, Kraków, "
    "Besançon, São Paulo, Århus, Tromsø, Łódź, Düsseldorf, Köln, Genève, Málaga, Ærø, "
    "Valença, Besançon and Liège".encode()
    + b" and one bad \xff byte.\n",  # mostly UTF-8: the bad byte becomes U+FFFD
    "utf16.txt": "A UTF-16 text about Tokyo, with a byte order mark.".encode("utf-16"),
    "[bold]name[/bold] markup.md": b"A file whose name is Rich markup, about Rotterdam.\n",
    "name with \x1b[31m escape\n.txt": b"A file whose name has an escape, about Hamburg.\n",
}
BAD = {
    "binary.txt": "binary data, not an article",
    "empty.md": "file is empty",
    "huge.html": "file is over 20 MB",
    "broken.xml": "has no readable items (broken XML",
    "deep.json": "nested too deeply",
    "escapes-only.json": "no articles in this JSON",
    "pdf.html": "a PDF document, not an article",
    "empty \xff name.txt": "file is empty",
}


def write_hostile_folder(folder: Path) -> None:
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, data in HOSTILE_BUT_READABLE.items():
        (folder / name.replace("/", "∕")).write_bytes(data)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    with (folder / "huge.html").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    (folder / "broken.xml").write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><ti'
    )
    (folder / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (folder / "escapes-only.json").write_bytes(b'{"text": "\\u0000\\u001b[2J"}')
    (folder / "pdf.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / os.fsdecode(b"empty \xff name.txt")).write_bytes(b"")
    (folder / ".hidden.md").write_text("A hidden file is not imported.\n")
    (folder / "zero").symlink_to("/dev/zero")  # leads out of the folder: skipped, not read
    os.mkfifo(folder / "fifo")  # reading it would wait forever: skipped, not read


def test_hostile_folder_fails_file_by_file_and_leaves_a_sound_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hostile"
    write_hostile_folder(folder)
    library = str(tmp_path / "lib")
    code, out, err = run(capsys, "import", str(folder), "--library", library)
    assert code == 1
    assert not has_control(out + err, allowed="\n")
    failures = err.splitlines()
    assert len(failures) == len(BAD)
    for line in failures:
        assert line.startswith(f"failed    {folder}/")
    for name, reason in BAD.items():
        shown = name.replace("\xff", "�")
        assert any(f"/{shown}: " in line and reason in line for line in failures), name
    readable = len(GOOD) + len(HOSTILE_BUT_READABLE)
    assert out.splitlines()[-1] == (
        f"{readable} added, 0 updated, 0 unchanged, 0 skipped as duplicate, {len(BAD)} failed, "
        "2 skipped"  # the pipe and the link to /dev/zero: said, never opened
    )
    assert f"skipped   {folder}/fifo: a named pipe, not a file; not read" in out.splitlines()
    assert f"skipped   {folder}/zero: a link to outside the folder" in out

    code, out, _ = run(capsys, "list", "--json", "--library", library)
    assert code == 0
    listed = {article["title"]: article["id"] for article in json.loads(out)}
    assert len(listed) == readable + 1  # and the seed
    assert "A hidden file is not imported" not in listed
    with Library(Path(library)) as opened:
        for article_id in listed.values():
            article = opened.get_article(article_id)
            assert not has_control(article.text, allowed="\n"), article.origin
            fields = [article.title, article.source, article.author, article.url]
            assert not any(has_control(value) for value in fields if value), article.origin
            assert not has_control(article.origin or "", allowed="\n")  # a file name may have one
        texts = [opened.get_article(article_id).text for article_id in listed.values()]
    assert any("Café society: the naïve résumé of a Zürich bank." in text for text in texts)
    assert any("one bad \ufffd byte." in text for text in texts)

    code, out, _ = run(
        capsys, "show", listed["[bold red]Markup[/bold red] in the title"], "--library", library
    )
    assert code == 0
    assert out.startswith("[bold red]Markup[/bold red] in the title\n")
    assert "[link=file:///etc/passwd]click[/link] and [bold]bold[/bold] and [/]" in out


@pytest.mark.parametrize(
    ("name", "housekeeping"),
    [
        ("LICENSE", True),
        ("license.txt", True),
        ("feedjira-LICENSE", True),
        ("LICENSE-MIT", True),
        ("NOTICE", True),
        ("README.md", True),
        ("Copying", True),
        ("notice-of-closure.html", False),  # a story about a notice
        ("readme-story.md", False),
        ("licensed-taxis.txt", False),
    ],
)
def test_licences_notices_and_readmes_are_told_by_name(name: str, housekeeping: bool) -> None:
    assert is_housekeeping_file(name) is housekeeping
