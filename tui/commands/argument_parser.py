"""argparse's parser, with error lines that cannot act on a terminal."""

from __future__ import annotations

import argparse
from typing import NoReturn

from tui.ingest.clean import escaped


class ArgumentParser(argparse.ArgumentParser):
    """Its error line shows control characters in the arguments escaped (\\x1b).

    argparse echoes what it could not parse ("unrecognized arguments: ...")
    as typed; subcommand parsers are of this class too (add_subparsers).
    """

    def error(self, message: str) -> NoReturn:
        super().error(escaped(message))
