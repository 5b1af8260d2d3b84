"""Where `gloss export --out` writes: `-` is stdout, `x.md` one file, a folder one file per
article; nothing existing is replaced without --force, and never a link, a pipe or a folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli_run import run
from tui.annotations.notes import new_note
from tui.ingest import read_bytes
from tui.store import Library

HARBOUR = (
    "---\ntitle: Harbour report\ndate: 2024-05-01\nurl: https://news.example/harbour\n---\n"
    "The harbour master said the new quay would open in June after two years of work.\n"
)
RAIN = (
    "---\ntitle: Rain in Jakarta\ndate: 2024-05-02\nurl: https://news.example/rain\n---\n"
    "Heavy rain flooded parts of Jakarta on Tuesday as rivers burst their banks.\n"
)
FILES = ["2024-05-01-harbour-report.md", "2024-05-02-rain-in-jakarta.md"]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Two articles with a note each; the working folder is an empty tmp folder."""
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        articles = [
            article
            for index, text in enumerate((HARBOUR, RAIN))
            for article in read_bytes(text.encode(), f"{index}.md", ".md")
        ]
        lib.add_articles(articles)
        lib.add_note(new_note(articles[0], "Opens in June", "the new quay"))
        lib.add_note(new_note(articles[1], "Which rivers?", "rivers burst their banks"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return str(folder)


def export(capsys: pytest.CaptureFixture[str], library: str, *args: str) -> tuple[int, str, str]:
    return run(capsys, "export", *args, "--library", library)


def add_note(library: str, body: str) -> None:
    """An article note on the harbour report (the first file of a folder export)."""
    with Library(Path(library)) as lib:
        [harbour] = [s.id for s in lib.list_articles() if s.title == "Harbour report"]
        lib.add_note(new_note(lib.get_article(harbour), body))


def without_time(w3c: str) -> str:
    return re.sub(r'"generated": "[^"]*"', "", w3c)


@pytest.mark.parametrize("fmt", ["markdown", "w3c"])
def test_dash_means_standard_output(
    library: str, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, to_stdout, err = export(capsys, library, "--format", fmt)
    assert (code, err) == (0, "")
    code, out, err = export(capsys, library, "--format", fmt, "--out", "-")
    assert (code, err) == (0, "")
    assert without_time(out) == without_time(to_stdout) and "Opens in June" in out
    assert list(Path.cwd().iterdir()) == []  # no file named "-"
    code, _, _ = export(capsys, library, "--format", fmt, "--out", "./-")  # a path, as given
    written = Path("-") if fmt == "w3c" else Path("-") / FILES[0]  # a file, or a folder
    assert code == 0 and "Opens in June" in written.read_text(encoding="utf-8")


def test_a_path_ending_in_md_is_one_file_with_every_article(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, to_stdout, _ = export(capsys, library)
    code, out, err = export(capsys, library, "--out", "notes.md")
    assert (code, err) == (0, "")
    assert out == "2 articles exported to notes.md\n"
    assert Path("notes.md").is_file()
    assert Path("notes.md").read_text(encoding="utf-8") == to_stdout
    assert "# Harbour report" in to_stdout and "# Rain in Jakarta" in to_stdout


def test_a_folder_gets_one_file_per_article(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = export(capsys, library, "--out", "vault")
    assert (code, err) == (0, "")
    assert out == "2 articles exported to vault\n"
    assert sorted(path.name for path in Path("vault").iterdir()) == FILES


@pytest.mark.parametrize("out", ["notes.md", "vault", "notes.jsonld"])
def test_an_existing_file_is_replaced_only_with_force(
    library: str, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    fmt = ["--format", "w3c"] if out.endswith(".jsonld") else []
    assert export(capsys, library, *fmt, "--out", out)[0] == 0
    written = Path(out) / FILES[0] if out == "vault" else Path(out)
    before = written.read_bytes()
    old_copy = Path("old-copy")
    os.link(written, old_copy)  # an atomic replace leaves the old file whole, not rewritten
    add_note(library, "A second thought")
    code, stdout, err = export(capsys, library, *fmt, "--out", out)
    assert (code, stdout) == (1, "")
    if out == "vault":
        assert re.fullmatch(
            r"gloss: vault/\S+\.md: already exists \(and 1 more\); "
            r"--force replaces it\n",
            err,
        )
    else:
        assert err == f"gloss: {written}: already exists; --force replaces it\n"
    assert written.read_bytes() == before
    code, _, err = export(capsys, library, *fmt, "--out", out, "--force")
    assert (code, err) == (0, "")
    assert "A second thought" in written.read_text(encoding="utf-8")
    assert old_copy.read_bytes() == before
    assert not [p for p in written.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("out", ["notes.md", "vault", "notes.jsonld"])
def test_a_link_is_never_replaced_even_with_force(
    library: str, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    fmt = ["--format", "w3c"] if out.endswith(".jsonld") else []
    target = Path("kept.txt")
    target.write_text("the user's own file\n")
    if out == "vault":
        Path("vault").mkdir()
        link = Path("vault") / FILES[1]
    else:
        link = Path(out)
    link.symlink_to(target.resolve())
    code, stdout, err = export(capsys, library, *fmt, "--out", out, "--force")
    assert (code, stdout) == (1, "")
    assert err == (
        f"gloss: {link}: is a symbolic link; an export never replaces it (remove it first)\n"
    )
    assert link.is_symlink() and target.read_text() == "the user's own file\n"
    if out == "vault":
        assert list(Path("vault").iterdir()) == [link]  # refused before writing any file


@pytest.mark.parametrize("out", ["notes.md", "notes.jsonld"])
def test_a_named_pipe_is_never_replaced(
    library: str, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    fmt = ["--format", "w3c"] if out.endswith(".jsonld") else []
    os.mkfifo(out)
    code, _, err = export(capsys, library, *fmt, "--out", out, "--force")
    assert code == 1
    assert err == f"gloss: {out}: is a named pipe; an export never replaces it (remove it first)\n"
    assert Path(out).is_fifo()


@pytest.mark.parametrize("out", ["missing/notes.md", "missing/vault", "missing/notes.jsonld"])
def test_a_missing_parent_folder_is_an_error_not_created(
    library: str, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    fmt = ["--format", "w3c"] if out.endswith(".jsonld") else []
    code, stdout, err = export(capsys, library, *fmt, "--out", out)
    assert (code, stdout) == (1, "")
    assert err == f"gloss: {out}: the folder missing does not exist\n"
    assert list(Path.cwd().iterdir()) == []


def test_a_folder_named_like_a_file_is_an_error(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("notes.md").mkdir()
    code, _, err = export(capsys, library, "--out", "notes.md")
    assert code == 1
    assert err == (
        "gloss: notes.md: is a folder; a path ending in .md is one file "
        "(give a folder name without .md for one file per article)\n"
    )
    assert list(Path("notes.md").iterdir()) == []
