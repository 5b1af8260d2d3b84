"""Library files that are valid JSON but hold a field of the wrong type.

Library files may come from elsewhere (synced, shared, edited by hand). A record
with `title: null` once broke `gloss list` with a traceback, an integer `date`
broke `gloss search`. Each wrong field is said in one line naming the file, the
record and the field (and whether the record was skipped or the field read as
a default), and the rest of the library goes on working.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_run import run
from tests.data_paths import SEED
from tui.cli import main
from tui.store import Library

HARBOUR = "Harbour report\n\nThe harbour opened on time and every ship was counted twice.\n"
TREATY = "Treaty notes\n\nArticle 4 of the treaty names the harbour and the bank.\n"


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three imported articles (entities by the real model), notes, a star and a saved search."""
    folder = tmp_path_factory.mktemp("wrong-types") / "lib"
    texts = folder.parent / "texts"
    texts.mkdir()
    (texts / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (texts / "treaty.txt").write_text(TREATY, encoding="utf-8")
    assert main(["import", str(SEED), str(texts), "--library", str(folder)]) == 0
    with Library(folder) as library:
        ids = {summary.title.split()[0]: summary.id for summary in library.list_articles()}
    for name, quote, body in (
        ("The", "world’s first digital bank", "bank #fintech"),
        ("Harbour", "every ship", "ships"),
        ("Treaty", "the harbour", "which harbour?"),
    ):
        note = ["note", "add", ids[name], "--quote", quote, "--body", body, "--tag", "later"]
        assert main([*note, "--library", str(folder)]) == 0
    assert (
        main(["note", "add", ids["Harbour"], "--body", "whole article", "--library", str(folder)])
        == 0
    )
    with Library(folder) as library:
        library.set_starred(ids["Harbour"], True)
        library.save_search("banks", "bank")
    return folder


@pytest.fixture
def library(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "lib"))


def set_catalog_field(folder: Path, title_word: str, field: str, value: object) -> str:
    """Change one field of one catalog record (found by a word of its title); its id."""
    data = _load(folder / "catalog.json")
    for record in data["articles"].values():
        if title_word in record["title"]:
            record[field] = value
            _save(folder / "catalog.json", data)
            return str(record["id"])
    raise AssertionError(f"no article titled {title_word!r}")


@pytest.mark.parametrize(
    ("field", "value", "said", "command"),
    [
        ("title", None, 'is null, not text; read as ""', "list"),  # once: AttributeError
        ("date", 20240101, "is the number 20240101, not text or null; read as null", "search"),
    ],
)
def test_a_wrong_field_is_one_line_and_the_command_goes_on(
    library: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: object,
    said: str,
    command: str,
) -> None:
    bad = set_catalog_field(library, "Treaty", field, value)
    args = ["list", "--json"] if command == "list" else ["search", "--json", "harbour"]
    code, out, err = run(capsys, *args, "--library", str(library))
    assert code == 0
    treaty = [item for item in json.loads(out) if item.get("article_id", item.get("id")) == bad]
    assert treaty and treaty[0][field] == json.loads(said.rsplit("read as ", 1)[1])
    others = {"list": 3, "search": 2}[command]  # every article; both that name the harbour
    assert len(json.loads(out)) == others
    key = next(
        k for k, doc in _load(library / "catalog.json")["articles"].items() if doc["id"] == bad
    )
    place = f"{library / 'catalog.json'}: record {key} (article {bad})"
    assert err == f'gloss: {place}: "{field}" {said}\n'


def test_a_record_without_a_usable_id_is_skipped_and_said(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_catalog_field(library, "Treaty", "id", ["not", "an", "id"])
    code, out, err = run(capsys, "list", "--library", str(library))
    assert code == 0 and len(out.splitlines()) == 2
    [line] = err.splitlines()
    assert '"id"' in line and "skipped" in line and "catalog.json: record" in line


def test_a_null_entity_is_skipped_and_search_still_answers(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A null in an article's entity list (found by the fuzz): once a search traceback."""
    for shard in (library / "entities").glob("*.json"):
        data = _load(shard)
        for record in data.get("entities", {}).values():
            record["entities"] = [None, *record["entities"]]
        _save(shard, data)
    shutil.rmtree(library / "search", ignore_errors=True)
    code, out, err = run(capsys, "search", "harbour", "--library", str(library))
    assert code == 0 and "Harbour" in out
    assert err and all(
        "is null, not an object; the entity is skipped" in line for line in err.splitlines()
    )


# -- the fuzz: any field of any record, any JSON value ---------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
MISSING = object()
values = json_values | st.just(MISSING)


Field = tuple[Path, str, tuple[str | int, ...]]
"""A stored value: its file, its table and the keys down to it (the record's first)."""


def _fields(folder: Path) -> dict[str, list[Field]]:
    """Every stored value below a record, nested ones included, by kind of file."""
    found: dict[str, list[Field]] = {}

    def walk(path: Path, table: str, value: object, trail: tuple[str | int, ...]) -> None:
        if len(trail) > 1:
            kind = path.parent.name if path.parent != folder else path.name
            found.setdefault(kind, []).append((path, table, trail))
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(path, table, inner, (*trail, key))
        elif isinstance(value, list) and len(trail) < 6:
            for number, inner in enumerate(value[:3]):
                walk(path, table, inner, (*trail, number))

    files = [folder / "catalog.json", folder / "user.json"]
    for kind in ("bodies", "entities", "notes"):
        files += sorted((folder / kind).glob("*.json"))
    for path in files:
        for table, docs in _load(path).items():
            if table == "meta":
                continue
            for key, doc in docs.items():
                walk(path, table, doc, (key,))
    return found


def _set(where: Field, value: object) -> None:
    path, table, trail = where
    data = _load(path)
    holder: Any = data[table]
    for step in trail[:-1]:
        holder = holder[step]
    last = trail[-1]
    if value is MISSING:
        if isinstance(holder, dict):
            del holder[last]
        else:
            holder.pop(last)
    else:
        holder[last] = value
    _save(path, data)


@pytest.fixture
def copies(template: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="gloss-fuzz-") as scratch:
        yield Path(scratch)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_wrong_field_is_one_line_and_never_a_traceback(
    template: Path, copies: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    folder = copies / f"lib{len(list(copies.iterdir()))}"
    shutil.copytree(template, folder)
    fields = _fields(folder)
    kinds = data.draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=3))
    changed = [data.draw(st.sampled_from(fields[kind])) for kind in kinds]
    for where in changed:
        try:
            _set(where, data.draw(values))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced what held it
    catalog = _load(template / "catalog.json")["articles"]
    ids = sorted(doc["id"] for doc in catalog.values())
    for args in (
        ["list"],
        ["list", "--json"],
        *(["show", article_id] for article_id in ids),
        ["show", ids[0], "--json"],
        ["search", "harbour"],
        ["search", "--json", "bank", "tag:later"],
        ["search", "is:starred"],
        ["notes"],
        ["notes", "--json"],
        *(["notes", article_id] for article_id in ids),
    ):
        code, out, err = run(capsys, *args, "--library", str(folder))
        assert code in (0, 1), (args, code, err)
        for line in err.splitlines():
            assert line.startswith("gloss: "), (args, line)
    code, out, _ = run(capsys, "list", "--json", "--library", str(folder))
    listed = {article["id"] for article in json.loads(out)}
    changed_records = {trail[0] for path, _, trail in changed if path.name == "catalog.json"}
    assert listed >= {doc["id"] for key, doc in catalog.items() if key not in changed_records}
