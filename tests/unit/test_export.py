"""`gloss export` (Markdown, W3C JSON-LD) and restoring a W3C export with `gloss import`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_run import run
from tests.data_paths import WIKINEWS, data_file
from tui.annotations.notes import new_note
from tui.annotations.w3c_import import annotations_in, import_annotations
from tui.models import Note
from tui.store import Library

FACEBOOK = data_file(
    WIKINEWS / "2019-04-08-540-million-private-facebook-records-found-on-public-internet.md"
)
TESCO = WIKINEWS / (
    "2020-06-21-british-supermarket-chain-tesco-to-sell-its-polish-branch-to-salling-g.md"
)
FACEBOOK_URL = (
    "https://en.wikinews.org/wiki/540_million_private_Facebook_records_found_on_public_Internet"
)
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def import_files(capsys: pytest.CaptureFixture[str], library: Path, *paths: Path) -> str:
    code, out, err = run(capsys, "import", *map(str, paths), "--library", str(library))
    assert code == 0, err
    return out


def article_id(library: Path, title_word: str) -> str:
    with Library(library) as lib:
        return next(a.id for a in lib.list_articles() if title_word in a.title)


def add_notes(library: Path) -> list[Note]:
    """Highlights, notes with tags, an article-level note and an orphan, on two articles."""
    fb, tesco = article_id(library, "Facebook"), article_id(library, "Tesco")
    with Library(library) as lib:
        facebook, tesco_article = lib.get_article(fb), lib.get_article(tesco)
        made = [
            new_note(facebook, "The cause, not the #leak", "misconfigured to allow public access"),
            new_note(facebook, "", "Cultura Colectiva", occurrence=2, color="pink"),
            replace(
                new_note(
                    facebook, "Ask *UpGuard*\n\nfor the report", tags=["follow-up", "privacy"]
                ),
                entity="UpGuard",
            ),
            new_note(facebook, "Context", "Cambridge Analytica", color="blue", tags=["history"]),
            new_note(tesco_article, "Who?", "Tesco's CEO for Central Europe"),
        ]
        stored = [lib.add_note(note) for note in made]
        # An orphan: its quote is gone from the text, but it must travel with the rest.
        orphan = stored[3]
        assert orphan.selector is not None
        gone = replace(orphan.selector, exact="Analytica Cambridge", text_hash="0" * 64)
        lib.update_note(replace(orphan, selector=gone, orphaned=True))
        return lib.notes()


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "lib"
    import_files(capsys, folder, FACEBOOK, TESCO)
    add_notes(folder)
    return folder


def front_matter(document: str) -> tuple[dict[str, Any], str]:
    assert document.startswith("---\n")
    head, _, rest = document[4:].partition("\n---\n")
    fields: dict[str, Any] = yaml.safe_load(head)
    return fields, rest


def test_markdown_has_front_matter_then_each_quote_and_its_note(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = article_id(library, "Facebook")
    code, out, _ = run(capsys, "export", "--article", fb, "--library", str(library))
    assert code == 0
    fields, body = front_matter(out)
    assert fields["title"] == "540 million private Facebook records found on public Internet"
    assert fields["date"] == "2019-04-08"
    assert fields["source"] == "Wikinews"
    assert fields["url"] == FACEBOOK_URL
    assert fields["gloss_id"] == fb
    assert set(fields["tags"]) == {"leak", "follow-up", "privacy", "history"}
    assert "# 540 million private Facebook records" in body
    # Article-level notes first, then the passages in reading order, quote before note.
    assert "About **UpGuard**\n\nAsk *UpGuard*\n\nfor the report\n\n#follow-up #privacy" in body
    assert "> misconfigured to allow public access\n\nThe cause, not the #leak" in body
    assert "> Cultura Colectiva\n\n" in body
    assert body.index("Ask *UpGuard*") < body.index("> misconfigured") < body.index("> Cultura")
    orphan = "> Analytica Cambridge\n\n*Orphaned: this passage is no longer in the article's text.*"
    assert orphan + "\n\nContext\n\n#history" in body


def test_markdown_to_a_folder_writes_one_slugged_file_per_article(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "vault" / "news"
    code, out, _ = run(capsys, "export", "--out", str(out_dir), "--library", str(library))
    assert code == 0 and "2 articles exported" in out
    names = sorted(path.name for path in out_dir.iterdir())
    assert names == [
        "2019-04-08-540-million-private-facebook-records-found-on-public.md",
        "2020-06-21-british-supermarket-chain-tesco-to-sell-its-polish-branch.md",
    ]
    tesco_fields, tesco_body = front_matter((out_dir / names[1]).read_text(encoding="utf-8"))
    assert tesco_fields["gloss_id"] == article_id(library, "Tesco")
    assert "> Tesco’s CEO for Central Europe\n\nWho?" in tesco_body
    # Exporting again overwrites; a file where the folder should be is a clear error.
    code, _, _ = run(capsys, "export", "--out", str(out_dir), "--library", str(library))
    assert code == 0 and len(list(out_dir.iterdir())) == 2
    code, _, err = run(
        capsys, "export", "--out", str(out_dir / names[0]), "--library", str(library)
    )
    assert code == 1 and err.count("\n") == 1 and names[0] in err and "folder" in err


def test_w3c_export_is_a_web_annotation_collection(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "export", "--format", "w3c", "--library", str(library))
    assert code == 0
    collection = json.loads(out)
    assert collection["@context"] == CONTEXT
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 5
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    items = {item["id"]: item for item in page["items"]}
    with Library(library) as lib:
        notes = {note.id: note for note in lib.notes()}
    assert set(items) == {f"urn:gloss:note:{note_id}" for note_id in notes}
    for note_id, note in notes.items():
        item = items[f"urn:gloss:note:{note_id}"]
        assert item["type"] == "Annotation"
        assert (item["created"], item["modified"]) == (note.created, note.updated)
        assert item["gloss"]["articleId"] == note.article_id
        assert item["gloss"]["entity"] == note.entity
        assert item["gloss"]["color"] == note.color
        assert item["gloss"]["orphaned"] == note.orphaned
        bodies = item.get("body", [])
        comments = [b for b in bodies if b["purpose"] == "commenting"]
        tags = [b["value"] for b in bodies if b["purpose"] == "tagging"]
        assert tags == list(note.tags)
        assert all(b["type"] == "TextualBody" for b in bodies)
        if note.body:
            assert comments == [
                {
                    "type": "TextualBody",
                    "value": note.body,
                    "format": "text/markdown",
                    "purpose": "commenting",
                }
            ]
        target = item["target"]
        assert target["source"].startswith("https://en.wikinews.org/wiki/")
        if note.selector is None:
            assert "selector" not in target
            continue
        quote, position = target["selector"]
        assert quote == {
            "type": "TextQuoteSelector",
            "exact": note.selector.exact,
            "prefix": note.selector.prefix,
            "suffix": note.selector.suffix,
        }
        assert position == {
            "type": "TextPositionSelector",
            "start": note.selector.start,
            "end": note.selector.end,
        }
        if note.color:
            assert target["styleClass"] == note.color
            assert item["stylesheet"]["type"] == "CssStylesheet"


def export_w3c(capsys: pytest.CaptureFixture[str], library: Path, out: Path) -> None:
    code, printed, err = run(
        capsys, "export", "--format", "w3c", "--out", str(out), "--library", str(library)
    )
    assert code == 0, err
    assert "5 annotations exported" in printed


def test_w3c_round_trip_into_a_new_library_gives_identical_notes(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "notes.jsonld"
    export_w3c(capsys, library, export)
    with Library(library) as lib:
        original = lib.notes()
    fresh = tmp_path / "fresh"
    out = import_files(capsys, fresh, FACEBOOK, TESCO, export)
    assert "annotations: 4 restored, 1 orphaned, 0 already present, 0 failed" in out
    with Library(fresh) as lib:
        restored = lib.notes()
    assert restored == original  # ids, bodies, tags, colours, selectors, timestamps, orphans


def test_w3c_round_trip_after_wiping_the_notes_and_twice(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "notes.jsonld"
    export_w3c(capsys, library, export)
    with Library(library) as lib:
        original = lib.notes()
        for note in original:
            lib.delete_note(note.id)
        assert lib.notes() == []
    import_files(capsys, library, export)
    code, out, _ = run(capsys, "import", str(export), "--json", "--library", str(library))
    assert code == 0
    assert json.loads(out)["annotations"] == {
        "restored": 0,
        "orphaned": 0,
        "already_present": 5,
        "failed": [],
    }
    with Library(library) as lib:
        assert lib.notes() == original


def test_w3c_import_re_anchors_on_the_current_text(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "notes.jsonld"
    export_w3c(capsys, library, export)
    edited = tmp_path / "facebook.md"
    raw = FACEBOOK.read_text(encoding="utf-8")
    edited.write_text(
        raw.replace("According to", "Update: the databases are offline.\n\nAccording to")
        .replace("Mexican company Cultura Colectiva", "Mexican firm"),
        encoding="utf-8",
    )  # fmt: skip
    fresh = tmp_path / "fresh"
    import_files(capsys, fresh, edited, TESCO)
    code, out, err = run(capsys, "import", str(export), "--library", str(fresh))
    assert code == 0, err
    # The first "Cultura Colectiva" is gone, but the pink highlight was on the second one.
    assert "annotations: 4 restored, 1 orphaned" in out
    with Library(fresh) as lib:
        fb = article_id(fresh, "Facebook")
        text = lib.get_article(fb).text
        placed = {n.body or n.color: n for n in lib.notes(fb)}
    passage = placed["The cause, not the #leak"].selector
    assert passage is not None
    assert text[passage.start : passage.end] == "misconfigured to allow public access"
    pink = placed["pink"].selector
    assert pink is not None and text[pink.start : pink.end] == "Cultura Colectiva"
    assert passage.text_hash == pink.text_hash == lib_text_hash(fresh, fb)
    assert placed["Context"].orphaned


def lib_text_hash(library: Path, an_id: str) -> str:
    with Library(library) as lib:
        return lib.get_article(an_id).text_hash


def test_annotations_for_missing_articles_fail_by_name_and_exit_1(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "notes.jsonld"
    export_w3c(capsys, library, export)
    only_tesco = tmp_path / "tesco-only"
    import_files(capsys, only_tesco, TESCO)
    code, out, err = run(capsys, "import", str(export), "--library", str(only_tesco))
    assert code == 1
    assert "annotations: 1 restored, 0 orphaned, 0 already present, 4 failed" in out
    failures = err.strip().split("\n")
    assert len(failures) == 4
    fb = article_id(library, "Facebook")
    for line in failures:
        assert line.startswith(f"failed    {export}: annotation urn:gloss:note:")
        assert f"its article {fb} ({FACEBOOK_URL}) is not in the library" in line
    assert "Traceback" not in err


def test_foreign_annotations_are_found_by_url_and_quote(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export from another tool: no Gloss extension, no positions, one malformed entry."""
    document = [
        {
            "@context": CONTEXT,
            "id": "https://hypothes.is/a/abc123",
            "type": "Annotation",
            "bodyValue": "Interesting \x1b[31mdetail",
            "target": {
                "source": FACEBOOK_URL,
                "selector": {"type": "TextQuoteSelector", "exact": "Bloomberg contacted Facebook"},
            },
        },
        {"@context": CONTEXT, "type": "Annotation", "target": {"source": FACEBOOK_URL,
         "selector": {"type": "TextPositionSelector", "start": 10, "end": 2}}},
        {"type": "Annotation", "target": "https://example.org/not-here"},
    ]  # fmt: skip
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--library", str(library))
    assert code == 1
    assert "annotations: 1 restored, 0 orphaned, 0 already present, 2 failed" in out
    assert "empty (10..2)" in err and "https://example.org/not-here" in err
    fb = article_id(library, "Facebook")
    with Library(library) as lib:
        [note] = [n for n in lib.notes(fb) if n.body.startswith("Interesting")]
        text = lib.get_article(fb).text
    assert note.body == "Interesting [31mdetail", "no escape sequence reaches the store"
    assert note.selector is not None
    assert text[note.selector.start : note.selector.end] == "Bloomberg contacted Facebook"
    # The same file again: the foreign id maps to the same note id, so nothing is duplicated.
    with Library(library) as lib:
        report = import_annotations(lib, document)
    assert len(report.skipped) == 1 and not report.restored


def test_an_export_with_no_notes_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty"
    import_files(capsys, folder, TESCO)
    code, out, _ = run(capsys, "export", "--format", "w3c", "--library", str(folder))
    assert code == 0
    assert json.loads(out)["total"] == 0
    code, out, err = run(capsys, "export", "--library", str(folder))
    assert code == 0 and out == "" and "No notes" in err


def test_annotations_are_read_from_every_w3c_container() -> None:
    one = {"type": "Annotation", "id": "a"}
    two = {"type": ["Annotation"], "id": "b"}
    page = {
        "type": "AnnotationPage",
        "items": [one],
        "next": {"type": "AnnotationPage", "items": [two]},
    }
    assert annotations_in(one) == [one]
    assert annotations_in([one, two]) == [one, two]
    assert annotations_in(page) == [one, two]
    assert annotations_in({"@context": CONTEXT, "type": "AnnotationCollection", "first": page}) == [
        one,
        two,
    ]
    assert annotations_in([page]) == [one, two]
    with pytest.raises(ValueError, match="links"):
        annotations_in({"type": "AnnotationCollection", "first": "https://example.org/page1"})
    with pytest.raises(ValueError, match="not an Annotation"):
        annotations_in({"type": "Article"})
