"""Every path Gloss reads or writes, in one place."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "gloss"
LIBRARY_ENV = "GLOSS_LIBRARY"


def default_library_dir() -> Path:
    """The user's library folder: $GLOSS_LIBRARY, else the platform's data dir."""
    override = os.environ.get(LIBRARY_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def library_dir(option: str | Path | None = None) -> Path:
    """`--library DIR` wins over the environment and the default."""
    if option:
        return Path(option).expanduser()
    return default_library_dir()


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def keys_file() -> Path:
    """The user's key remapping: binding ids to keys, in TOML."""
    return config_dir() / "keys.toml"


def shown(path: Path) -> str:
    """A path as a user reads it: inside the home folder it starts with ~."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def state_dir() -> Path:
    """Where Gloss keeps what it remembers between runs that is not library data."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def ui_state_file() -> Path:
    """The chosen theme and other small settings the app remembers, as JSON."""
    return state_dir() / "ui.json"


def bundled_content_dir() -> Path:
    """The articles shipped with Gloss: inside the wheel, or `content/` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_content"
    if installed.is_dir():
        return installed
    return package.parent / "content"
