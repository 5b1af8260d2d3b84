"""Three real Wikinews articles naming Carrie Lam, imported with the real model."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.data_paths import WIKINEWS, data_file
from tui.importing.importer import import_paths
from tui.store import Library

HONG_KONG = (
    "2019-06-23-hong-kong-protesters-surround-downtown-police-complex.md",
    "2019-09-06-hong-kong-leader-announces-withdrawal-of-extradition-bill.md",
    "2019-10-16-hong-kong-s-carrie-lam-delivers-speech-on-video-after-protests-in-legi.md",
)


def build_hong_kong_library(folder: Path) -> Path:
    with Library(folder) as library:
        report = import_paths(library, [data_file(WIKINEWS / name) for name in HONG_KONG])
        assert report.ok, report.failed
    return folder


def copy_of(template: Path, folder: Path) -> Path:
    shutil.copytree(template, folder)
    return folder
