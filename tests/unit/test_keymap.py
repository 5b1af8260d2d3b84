"""keys.toml: binding ids to keys; whatever is wrong is one line naming the file."""

from __future__ import annotations

from pathlib import Path

from tui.settings.keymap import load_keymap, parse_keymap

KNOWN = {"reader.next_article", "article.down", "library.star", "app.help"}


def test_quoted_ids_and_tables_both_name_bindings() -> None:
    text = """
"reader.next_article" = "n,right_square_bracket"
"article.down" = ["j", "ctrl+n"]

[library]
star = " asterisk "
"""
    loaded = parse_keymap(text, "keys.toml", KNOWN)
    assert loaded.problems == []
    assert loaded.keymap == {
        "reader.next_article": "n,right_square_bracket",
        "article.down": "j,ctrl+n",
        "library.star": "asterisk",
    }


def test_unknown_ids_are_named_and_the_rest_still_applies() -> None:
    text = '"reader.nxt" = "n"\n"app.help" = "f1"\nbogus = "x"\n'
    loaded = parse_keymap(text, "/home/u/.config/gloss/keys.toml", KNOWN)
    assert loaded.keymap == {"app.help": "f1"}
    assert loaded.problems == [
        "/home/u/.config/gloss/keys.toml: unknown binding ids “reader.nxt”, “bogus” (ignored)"
    ]


def test_values_that_are_not_keys_are_refused() -> None:
    text = '"app.help" = 3\n"article.down" = "j,,k"\n"library.star" = "ctrl + s"\n'
    loaded = parse_keymap(text, "keys.toml", KNOWN)
    assert loaded.keymap == {}
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.startswith("keys.toml: “app.help”, “article.down”, “library.star” must be keys")
    assert "\n" not in problem


def test_a_file_that_is_not_toml_remaps_nothing() -> None:
    loaded = parse_keymap('"app.help" = f1\n', "keys.toml", KNOWN)
    assert loaded.keymap == {}
    [problem] = loaded.problems
    assert problem.startswith("keys.toml: not valid TOML: ")
    assert "line 1" in problem
    assert "\n" not in problem


def test_missing_file_is_no_problem(tmp_path: Path) -> None:
    loaded = load_keymap(tmp_path / "keys.toml", KNOWN)
    assert loaded.keymap == {} and loaded.problems == []


def test_unreadable_files_are_problems_not_crashes(tmp_path: Path) -> None:
    binary = tmp_path / "keys.toml"
    binary.write_bytes(b'"app.help" = "\xff"\n')
    [problem] = load_keymap(binary, KNOWN).problems
    assert problem == f"{binary}: not UTF-8 text; no key was remapped"
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    [problem] = load_keymap(folder, KNOWN).problems
    assert problem.startswith(f"{folder}: cannot be read")
