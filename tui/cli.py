"""The `gloss` command: open the reader, or script the library from a shell."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from tui import __version__
from tui.commands import open_reader
from tui.commands.argument_parser import ArgumentParser
from tui.commands.output import library_option
from tui.commands.user_error import UserError
from tui.ingest import IngestError
from tui.ingest.clean import escaped
from tui.paths import LIBRARY_ENV, bundled_content_dir, library_dir
from tui.store import Library, LibraryError

EPILOG = f"""\
The library is a folder: --library DIR, else ${LIBRARY_ENV}, else the platform's
user data folder. An empty library is filled with the bundled articles.
Run `gloss COMMAND --help` for a command's options."""

COMMANDS = {
    "open": "open_reader",
    "import": "import_files",
    "list": "list_articles",
    "show": "show_article",
    "search": "search_command",
    "entities": "entities_command",
    "entity": "entity_command",
    "reindex": "reindex_command",
    "note": "note_command",
    "notes": "notes_command",
    "export": "export_command",
    "delete": "delete_command",
    "trash": "trash_command",
    "restore": "restore_command",
    "feed": "feed_command",
}
"""Each subcommand's name -> its module in tui.commands, imported only when it may be run."""
HELP_FLAGS = ("-h", "--help")


def commands_named(argv: Sequence[str]) -> list[str]:
    """The subcommands whose modules `argv` needs: the ones it names; none for plain
    `gloss [--library DIR]` (the reader starts without importing the others); every one
    for `--help` or a word that names none (argparse's error lists the choices)."""
    words: list[str] = []
    after_library = False
    for arg in argv:
        if not after_library and not arg.startswith("-"):
            words.append(arg)
        after_library = arg == "--library"
    named = [name for name in COMMANDS if name in words]
    if named or not (words or any(arg in HELP_FLAGS for arg in argv)):
        return named
    return list(COMMANDS)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (every command's, if None)."""
    parser = ArgumentParser(
        prog="gloss",
        description="A keyboard-driven terminal reader for news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gloss {__version__}")
    library_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in list(COMMANDS) if argv is None else commands_named(argv):
        import_module(f"tui.commands.{COMMANDS[name]}").register(commands)
    parser.set_defaults(func=open_reader.run)
    return parser


def open_library(folder: Path) -> Library:
    """Open the library, filling it with the bundled articles the first time.

    A read-only library is shown as it is: filling it could only fail. What
    the Library repairs by itself (a damaged catalog) waits in it to be told.
    """
    library = Library(folder)
    if library.is_empty() and not library.read_only:
        from tui.importing.importer import import_paths

        import_paths(library, [bundled_content_dir()])
    return library


def say_notices(library: Library) -> None:
    """What the Library did by itself (a repair, a wrong field), one line each on stderr."""
    for line in library.take_notices():
        print(f"gloss: {escaped(line)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = build_parser(argv).parse_args(argv)
        with open_library(library_dir(getattr(args, "library", None))) as library:
            try:
                code: int = args.func(args, library)
                sys.stdout.flush()  # a closed pipe shows here, not at exit
            finally:
                say_notices(library)  # the reader showed its own; these came after
            return code
    except (LibraryError, IngestError, UserError) as error:
        print(f"gloss: {escaped(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """The output's reader stopped early (`gloss list | head -1`): a normal end, not an error.

    Standard output is pointed at /dev/null so that the interpreter's last flush
    of what is still buffered cannot fail again on the closed pipe.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (an in-process capture)
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
