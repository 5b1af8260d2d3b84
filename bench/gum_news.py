"""GUM's Wikinews documents as Gloss articles with gold name mentions (bench/public_ner.py).

GUM (bench/ner_corpus/gum/, CC BY 4.0 annotations on CC BY 2.5 Wikinews text) marks
every mention of every entity, named or not ("the agency", "it", "NASA"), with one of
its own types, in CoNLL-U's `Entity` column next to a dependency parse. A name mention
for Gloss is taken from it by these rules, written from GUM's scheme and Gloss's gold
guidelines (bench/gold/README.md) before any system was scored on the corpus:

- The type maps: person -> person, organization -> organization, place -> place,
  event -> event, time -> date. GUM's abstract, object, substance, plant, animal and
  quantity are dropped (they mix names with common nouns, and GUM has no money or
  product type to map to Gloss's money and other).
- A mention is a name when its syntactic head (the one word whose parent is outside
  the mention) is a proper noun (PROPN); for time, a proper noun (a month, a weekday)
  or a year ("2011", "1970s"), or a day number with a month ("April 13, 2011");
  a plural proper noun is no person's name ("Texans", "Muslims": groups). "The
  agency", "it" and "the last four years" are not names.
- The name is the head and the words joined to it by flat, fixed or goeswith, and
  except for persons also by compound, when they are proper nouns or numbers, or by a
  capitalised amod ("New York", "United States"); except
  for persons, an "of" phrase with a proper noun joins too ("Museum of Flight"), so a
  title or a modifier outside the name stays out ("NASA Administrator Charles Bolden"
  -> "Charles Bolden"). A date is its whole mention ("April 13, 2011", "last October").
  A leading determiner or preposition and trailing punctuation are trimmed.
- No nesting: a name inside another kept name is dropped ("2011" in "April 13, 2011").

The text is rebuilt from the word forms (SpaceAfter=No honoured, sentences joined by a
space, GUM's paragraphs as blocks) and read by Gloss's own `assemble`; a document whose
canonical text is not that text, or whose mention text disagrees, is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.data_paths import data_file, data_files
from tui.ingest.assemble import assemble
from tui.models import Article, EntityType

ROOT = Path(__file__).resolve().parent.parent
GUM = ROOT / "bench" / "ner_corpus" / "gum"
NEWS = GUM / "news"

GUM_TYPES: dict[str, EntityType] = {
    "person": "person",
    "organization": "organization",
    "place": "place",
    "event": "event",
    "time": "date",
}
SCORED_TYPES: tuple[EntityType, ...] = tuple(GUM_TYPES.values())

_NAME_RELATIONS = {"flat", "fixed", "goeswith"}
_YEAR = re.compile(r"^\d{4}s?$")
_ENTITY_PART = re.compile(r"\((\d+)-([a-z]+)-[^()]*(\))?|(\d+)\)")
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Word:
    """One syntactic word of a sentence, with its offsets in the rebuilt text."""

    id: int
    form: str
    upos: str
    xpos: str
    head: int
    relation: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A name mention: code-point offsets into the article's canonical text."""

    start: int
    end: int
    type: EntityType
    text: str


@dataclass(frozen=True, slots=True)
class GumDocument:
    name: str
    article: Article
    mentions: tuple[GoldMention, ...]


@dataclass
class _Mention:
    eid: str
    gum_type: str
    sentence: int
    words: list[int]


def news_files() -> list[Path]:
    """The copied GUM news documents; missing data is an error, never fewer documents."""
    data_file(GUM / "LICENSE.txt")
    return data_files(NEWS, "GUM_news_*.conllu")


def read_documents(paths: list[Path] | None = None) -> list[GumDocument]:
    return [read_document(path) for path in (news_files() if paths is None else paths)]


def read_document(path: Path) -> GumDocument:
    """One CoNLL-U document as a Gloss article and its gold name mentions."""
    name = path.stem
    paragraphs: list[list[str]] = []  # the pieces of each paragraph's text
    kinds: list[str] = []
    sentences: list[list[Word]] = []
    mentions: list[_Mention] = []
    offset = 0  # where the current paragraph starts in the whole text
    for comments, rows in _sentences(path):
        for comment in comments:
            if comment == "# newpar" or comment.startswith("# newpar "):
                if paragraphs:
                    finished = "".join(paragraphs[-1]).rstrip(" ")
                    paragraphs[-1] = [finished]
                    offset += len(finished) + len(_SEPARATOR)
                paragraphs.append([])
                kinds.append("heading" if not kinds else "paragraph")
            elif comment.startswith("# newdoc id = "):
                name = comment.removeprefix("# newdoc id = ")
        if not paragraphs:
            raise ValueError(f"{path}: a sentence before the first paragraph")
        pieces = paragraphs[-1]
        position = offset + len("".join(pieces))
        words, opened = _sentence_words(rows, position, pieces, len(sentences), path)
        sentences.append(words)
        mentions.extend(opened)
    text_blocks = ["".join(p).rstrip(" ") for p in paragraphs]
    text = _SEPARATOR.join(text_blocks)
    article = assemble(
        [(kind, block) for kind, block in zip(kinds, text_blocks, strict=True)],  # type: ignore[misc]
        title=text_blocks[0],
        source="Wikinews (GUM)",
        language="en",
        origin=path.name,
    )
    if article.text != text:
        raise ValueError(f"{path}: Gloss's canonical text differs from the document's words")
    gold = _names(mentions, sentences, text)
    for mention in gold:
        if article.text[mention.start : mention.end] != mention.text:
            raise ValueError(f"{path}: mention {mention} does not match the text")
    return GumDocument(name=name, article=article, mentions=tuple(gold))


def _sentences(path: Path) -> Iterator[tuple[list[str], list[list[str]]]]:
    comments: list[str] = []
    rows: list[list[str]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            columns = line.split("\t")
            if len(columns) != 10:
                raise ValueError(f"{path}: not a CoNLL-U row: {line[:60]!r}")
            rows.append(columns)
        elif rows:
            yield comments, rows
            comments, rows = [], []
    if rows:
        yield comments, rows


def _misc(columns: list[str]) -> dict[str, str]:
    fields = columns[9].split("|") if columns[9] != "_" else []
    return dict(f.split("=", 1) for f in fields if "=" in f)


def _sentence_words(
    rows: list[list[str]], position: int, pieces: list[str], sentence: int, path: Path
) -> tuple[list[Word], list[_Mention]]:
    """The sentence's words (appending its text to `pieces`) and its entity mentions."""
    words: list[Word] = []
    done: list[_Mention] = []
    open_mentions: dict[str, list[_Mention]] = {}
    surface_end = 0  # the last word id covered by a multiword token's surface
    surface_start = surface_stop = 0
    for columns in rows:
        ident = columns[0]
        if "." in ident:  # an empty node: no text
            continue
        misc = _misc(columns)
        space = "" if misc.get("SpaceAfter") == "No" else " "
        if "-" in ident:  # "Trump's": the surface; its words follow
            last = int(ident.split("-")[1])
            surface_start, surface_stop, surface_end = position, position + len(columns[1]), last
            pieces.append(columns[1] + space)
            position += len(columns[1]) + len(space)
            word_position = surface_start
            continue
        number = int(ident)
        if number <= surface_end:
            form = columns[1]
            inside = surface_start <= word_position and word_position + len(form) <= surface_stop
            start, end = (
                (word_position, word_position + len(form))
                if inside
                else (surface_start, surface_stop)
            )
            word_position = end
        else:
            start, end = position, position + len(columns[1])
            pieces.append(columns[1] + space)
            position += len(columns[1]) + len(space)
        words.append(
            Word(
                number, columns[1], columns[3], columns[4], int(columns[6]), columns[7], start, end
            )
        )
        closing_here: list[str] = []
        for match in _ENTITY_PART.finditer(misc.get("Entity", "")):
            eid, gum_type, closes_itself, closing = match.groups()
            if eid is None:
                closing_here.append(closing)
            elif closes_itself:
                done.append(_Mention(eid, gum_type, sentence, [number]))
            else:
                open_mentions.setdefault(eid, []).append(_Mention(eid, gum_type, sentence, []))
        for stack in open_mentions.values():
            for mention in stack:
                mention.words.append(number)
        for eid in closing_here:
            if not open_mentions.get(eid):
                raise ValueError(f"{path}: entity {eid} closes but is not open")
            done.append(open_mentions[eid].pop())
    if any(open_mentions.values()):
        raise ValueError(f"{path}: a mention crosses a sentence boundary")
    return words, done


def _names(mentions: list[_Mention], sentences: list[list[Word]], text: str) -> list[GoldMention]:
    found: list[GoldMention] = []
    for mention in mentions:
        kind = GUM_TYPES.get(mention.gum_type)
        if kind is None:
            continue
        span = _name_span(mention, sentences[mention.sentence], kind)
        if span is not None:
            start, end = span
            found.append(GoldMention(start, end, kind, text[start:end]))
    unique = sorted(set(found), key=lambda m: (m.start, -m.end))
    return [
        m
        for m in unique
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and (o.start, o.end) != (m.start, m.end)
            for o in unique
        )
    ]


def _name_span(mention: _Mention, words: list[Word], kind: EntityType) -> tuple[int, int] | None:
    by_id = {w.id: w for w in words}
    inside = set(mention.words)
    heads = [by_id[i] for i in mention.words if by_id[i].head not in inside]
    if not heads:
        return None
    head = heads[0]
    if kind == "date":
        day_of_month = head.upos == "NUM" and any(
            w.head == head.id and w.upos == "PROPN" for w in (by_id[i] for i in mention.words)
        )
        if head.upos != "PROPN" and not _YEAR.match(head.form) and not day_of_month:
            return None
        chosen = [by_id[i] for i in mention.words]
    else:
        if head.upos != "PROPN" or (kind == "person" and head.xpos == "NNPS"):
            return None
        chosen = _name_words(head, [by_id[i] for i in mention.words], kind)
    while chosen and chosen[0].upos in ("DET", "ADP", "PUNCT", "CCONJ"):
        chosen = chosen[1:]
    while chosen and chosen[-1].upos in ("PUNCT", "ADP", "CCONJ", "PART"):
        chosen = chosen[:-1]
    if not chosen:
        return None
    return chosen[0].start, chosen[-1].end


def _name_words(head: Word, span: list[Word], kind: EntityType) -> list[Word]:
    """The head and the words that are part of its name, as a run of the mention's words."""
    relations = _NAME_RELATIONS if kind == "person" else _NAME_RELATIONS | {"compound", "amod"}
    kept = {head.id}
    frontier = [head]
    while frontier:
        parent = frontier.pop()
        for child in (w for w in span if w.head == parent.id and w.id not in kept):
            base = child.relation.split(":")[0]
            joins = base in relations and (
                child.upos in ("PROPN", "NUM") or (base == "amod" and child.form[:1].isupper())
            )
            of_phrase = (
                kind != "person"
                and base == "nmod"
                and child.upos == "PROPN"
                and any(
                    w.head == child.id and w.relation == "case" and w.form.lower() == "of"
                    for w in span
                )
            )
            if joins or of_phrase:
                kept.add(child.id)
                frontier.append(child)
                if of_phrase:
                    kept.update(
                        w.id for w in span if w.head == child.id and w.relation in ("case", "det")
                    )
    low, high = min(kept), max(kept)
    return [w for w in span if low <= w.id <= high]
