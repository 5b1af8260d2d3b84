"""The user's key remapping: a TOML file mapping binding ids to keys.

    "reader.next_article" = "full_stop,right_square_bracket"
    "article.down" = ["j", "ctrl+n"]

    [library]          # a table is the same as its dotted prefix
    star = "asterisk"

Reading it never raises: whatever is wrong comes back as one-line problems that
name the file, and every entry that is right still applies. A key given to a
binding that another binding in the same place already has is said too (`clashes`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class LoadedKeymap:
    """Binding id -> comma-separated keys, and what was wrong with the file."""

    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _keys_of(value: object) -> list[str] | None:
    """The keys a value names ("n,right_square_bracket" or a list), or None if malformed."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = [str(part) for part in value]
    else:
        return None
    keys = [part.strip() for part in parts]
    if not keys or any(not key or any(c.isspace() for c in key) for key in keys):
        return None
    return keys


def parse_keymap(text: str, source: str, known_ids: Collection[str]) -> LoadedKeymap:
    """Parse a keys.toml text; `source` names the file in the problems."""
    import tomllib  # only when there is a keys.toml: not at every start

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return LoadedKeymap(problems=[f"{source}: not valid TOML: {error}; no key was remapped"])
    keymap: dict[str, str] = {}
    unknown: list[str] = []
    malformed: list[str] = []
    for binding_id, value in _flatten(table).items():
        if binding_id not in known_ids:
            unknown.append(binding_id)
            continue
        keys = _keys_of(value)
        if keys is None:
            malformed.append(binding_id)
            continue
        keymap[binding_id] = ",".join(keys)
    problems = []
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        plural = "s" if len(unknown) > 1 else ""
        problems.append(f"{source}: unknown binding id{plural} {names} (ignored)")
    if malformed:
        names = ", ".join(f"“{name}”" for name in malformed)
        example = '"full_stop,right_square_bracket"'
        problems.append(f"{source}: {names} must be keys like {example} (ignored)")
    return LoadedKeymap(keymap, problems)


def load_keymap(path: Path, known_ids: Collection[str]) -> LoadedKeymap:
    """Read the keymap file; a missing file is an empty keymap, never a problem."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return LoadedKeymap()
    except UnicodeDecodeError:
        return LoadedKeymap(problems=[f"{path}: not UTF-8 text; no key was remapped"])
    except OSError as error:
        reason = error.strerror or str(error)
        return LoadedKeymap(problems=[f"{path}: cannot be read ({reason}); no key was remapped"])
    return parse_keymap(text, str(path), known_ids)


def clashes(
    in_force: Mapping[str, Sequence[str]],
    defaults: Mapping[str, Sequence[str]],
    together: Sequence[Sequence[str]],
    source: str,
) -> str | None:
    """One line naming every key that keys.toml gave a binding which another binding in
    the same place already has (one of them would shadow the other), or None.

    `in_force` and `defaults` map binding ids to keys after and before remapping;
    `together` lists the id prefixes whose bindings apply at once (a pane, its screen,
    the app). Keys a binding had by default are never reported: those are deliberate.
    """
    found: dict[str, set[str]] = {}
    for prefixes in together:
        holders: dict[str, list[str]] = {}
        for binding_id, keys in in_force.items():
            if binding_id.split(".")[0] in prefixes:
                for key in keys:
                    holders.setdefault(key, []).append(binding_id)
        for key, ids in holders.items():
            gained = [i for i in ids if key not in defaults.get(i, ())]
            if len(ids) > 1 and gained:
                found.setdefault(key, set()).update(ids)
    if not found:
        return None
    said = "; ".join(
        f"“{key}” is both {' and '.join(sorted(ids))}" for key, ids in sorted(found.items())
    )
    return f"{source}: keys that clash, one hides the other: {said}"
