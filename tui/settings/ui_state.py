"""Small settings the app remembers between runs (the theme), in one JSON file.

Reading never fails: a missing or damaged file is an empty state. Writing goes
through the library's atomic writer, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.store.durable_write import replace_file


def read_ui_state(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_ui_state(path: Path, **changes: object) -> None:
    """Merge these values into the file; raises OSError when it cannot be written."""
    state = read_ui_state(path)
    state.update(changes)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, (json.dumps(state, indent=2, sort_keys=True) + "\n").encode("utf-8"))
