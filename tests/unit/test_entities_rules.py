"""The rule layer on top of spaCy, fed with made-up recogniser output (no model).

Each test is a trap a reader would notice in the entity sidebar: a truncated
long form, a dateline's "(TDI)" taken for an acronym, "BRI" shown as a person,
"Yu" listed apart from Yu Jianing, a headline phrase listed as an entity...
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.entities import extract_entities
from tui.entities.acronyms import find_definitions
from tui.entities.candidate import Candidate
from tui.entities.extractor import entities_of, extract
from tui.entities.recognizer import Recognizer, _chunks
from tui.models import Article, Block, BlockKind, Entity, EntityType

ROOT = Path(__file__).resolve().parents[2]


def make_article(*blocks: str | tuple[BlockKind, str]) -> Article:
    """Blocks joined by a blank line, as the readers build canonical text."""
    spans: list[Block] = []
    parts: list[str] = []
    position = 0
    for block in blocks:
        kind, body = block if isinstance(block, tuple) else ("paragraph", block)
        if parts:
            position += 2
        spans.append(Block(kind, position, position + len(body)))
        parts.append(body)
        position += len(body)
    text = "\n\n".join(parts)
    return Article(id="t", title="t", text=text, blocks=tuple(spans))


def cand(text: str, phrase: str, kind: EntityType, nth: int = 1, label: str = "X") -> Candidate:
    """A recogniser span over the nth occurrence of `phrase`."""
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return Candidate(start, start + len(phrase), kind, label)


def by_name(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert len(matches) == 1, [(e.name, e.type, e.aliases) for e in entities]
    return matches[0]


def names(entities: list[Entity]) -> set[str]:
    return {e.name for e in entities} | {alias for e in entities for alias in e.aliases}


def assert_well_formed(article: Article, entities: list[Entity]) -> None:
    seen: list[tuple[int, int]] = []
    for entity in entities:
        assert entity.mentions, entity
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        for mention in entity.mentions:
            assert article.text[mention.start : mention.end] == mention.text
            assert not any(mention.start < e and s < mention.end for s, e in seen), mention
            seen.append((mention.start, mention.end))
        assert entity.name not in entity.aliases
        assert len({a.casefold() for a in entity.aliases}) == len(entity.aliases)
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)


# --- acronyms ---------------------------------------------------------------------------


def test_initials_keep_the_whole_long_form_where_schwartz_hearst_truncates() -> None:
    text = "The China Mobile Communication Association Metaverse Committee (CMCAMC) has signed."
    [definition] = find_definitions(text)
    assert definition.short == "CMCAMC"
    assert definition.long == "China Mobile Communication Association Metaverse Committee"
    assert definition.method == "initials"


def test_schwartz_hearst_still_finds_what_initials_cannot() -> None:
    text = 'It was named "severe acute respiratory syndrome coronavirus 2" (SARS-CoV-2) today.'
    [definition] = find_definitions(text)
    assert definition.long == "severe acute respiratory syndrome coronavirus 2"
    assert definition.method == "schwartz-hearst"


@pytest.mark.parametrize(
    "sentence",
    [
        "It is part of the 14th Five-Year Plan period (2021-2025).",
        "A court in Berlin (Germany) ruled on Monday.",
        "It fell eight metres (about 25 feet) into the mud.",
        "The Supreme Court of Justice (Oberster Gerichtshof ) of Austria agreed.",
    ],
)
def test_parentheses_that_define_nothing(sentence: str) -> None:
    assert find_definitions(sentence) == []


def test_possessive_before_the_parenthesis_is_not_part_of_the_long_form() -> None:
    text = "The Bank of Japan's (BOJ) board met. BOJ governors disagreed."
    candidates = [cand(text, "The Bank of Japan's", "organization", label="ORG")]
    article = make_article(text)
    entities = entities_of(article, candidates)
    boj = by_name(entities, "Bank of Japan")
    assert boj.aliases == ("BOJ",)
    assert [m.text for m in boj.mentions] == ["Bank of Japan", "BOJ", "BOJ"]


def test_dateline_source_is_metadata_not_an_acronym_or_entity() -> None:
    text = "Beijing 24 February 2022 (TDI): The Asia Digital Bank (ADB) opened in Beijing."
    article = make_article(text)
    candidates = [
        cand(text, "Beijing", "place", label="GPE"),
        cand(text, "24 February 2022", "date", label="DATE"),
        cand(text, "TDI", "organization", label="ORG"),
        cand(text, "The Asia Digital Bank", "organization", label="ORG"),
    ]
    entities = entities_of(article, candidates)
    assert "TDI" not in names(entities)
    assert [d.short for d in find_definitions(text)] == ["ADB"]
    beijing = by_name(entities, "Beijing")
    assert beijing.type == "place" and beijing.mentions[0].start == 0
    assert by_name(entities, "24 February 2022").type == "date"


def test_dateline_parenthesis_is_never_read_as_a_definition() -> None:
    # Read as a definition, "(DM)" would match "Delhi 24 March" letter by letter.
    text = "Delhi 24 March 2022 (DM): Officials met. DM readers were told."
    article = make_article(text)
    entities = entities_of(article, [cand(text, "24 March 2022", "date")])
    assert [(e.name, e.aliases) for e in entities] == [("24 March 2022", ())]


def test_every_bare_short_form_joins_the_long_form_with_its_type() -> None:
    text = (
        "It signed with the Belt & Road Initiative (BRI) partners. BRI members agreed. "
        "Later BRI economies joined."
    )
    article = make_article(text)
    candidates = [
        cand(text, "the Belt & Road Initiative", "organization", label="ORG"),
        cand(text, "BRI", "person", nth=2, label="PERSON"),  # the model's slip
    ]
    entities = entities_of(article, candidates)
    [bri] = entities
    assert bri.name == "Belt & Road Initiative"
    assert bri.type == "event"
    assert bri.aliases == ("BRI",)
    assert len(bri.mentions) == 4  # the long form and all three bare "BRI"


def test_acronym_the_model_missed_entirely_is_still_linked() -> None:
    text = "The Asia Digital Bank (ADB) grew. ADB will cooperate. The ADB is digital."
    entities = entities_of(make_article(text), [])
    [adb] = entities
    assert (adb.name, adb.type, adb.aliases) == ("Asia Digital Bank", "organization", ("ADB",))
    assert len(adb.mentions) == 4


# --- merging and clean-ups ------------------------------------------------------------------


def test_surname_joins_the_full_name() -> None:
    text = "Yu Jianing, executive director, spoke. Yu added that more would come."
    article = make_article(text)
    candidates = [
        cand(text, "Yu Jianing", "person", label="PERSON"),
        cand(text, "Yu", "person", nth=2, label="PERSON"),
    ]
    [yu] = entities_of(article, candidates)
    assert (yu.name, yu.type, yu.aliases) == ("Yu Jianing", "person", ("Yu",))
    assert len(yu.mentions) == 2


def test_surname_the_model_missed_still_joins() -> None:
    text = "NASA Administrator Jim Bridenstine spoke. Bridenstine remarked it went well."
    article = make_article(text)
    candidates = [cand(text, "Jim Bridenstine", "person", label="PERSON")]
    [jim] = [e for e in entities_of(article, candidates) if e.type == "person"]
    assert jim.aliases == ("Bridenstine",)
    assert len(jim.mentions) == 2


def test_surname_shared_by_two_people_stays_apart() -> None:
    text = "Dave Lewis and Michael Lewis met. Lewis said no."
    article = make_article(text)
    candidates = [
        cand(text, "Dave Lewis", "person"),
        cand(text, "Michael Lewis", "person"),
        cand(text, "Lewis", "person", nth=3),
    ]
    entities = entities_of(article, candidates)
    assert by_name(entities, "Dave Lewis").aliases == ()
    assert by_name(entities, "Michael Lewis").aliases == ()


def test_leading_the_and_possessive_are_not_part_of_a_name() -> None:
    text = "The Asia Digital Bank's office opened. The Asia Digital Bank grew."
    article = make_article(text)
    candidates = [
        cand(text, "The Asia Digital Bank's", "organization"),
        cand(text, "The Asia Digital Bank", "organization", nth=2),
    ]
    [bank] = entities_of(article, candidates)
    assert bank.name == "Asia Digital Bank"
    assert [m.text for m in bank.mentions] == ["Asia Digital Bank", "Asia Digital Bank"]


def test_heading_only_phrase_is_dropped_but_a_heading_mention_of_a_real_entity_stays() -> None:
    article = make_article(
        ("heading", "China's Vision to consolidate Digital Leadership"),
        "China paid attention to the Asia Digital Bank.",
        ("heading", "Cooperation with Asia Digital Bank"),
        "It will grow.",
    )
    text = article.text
    candidates = [
        cand(text, "China", "place"),
        cand(text, "Digital Leadership", "organization"),
        cand(text, "China", "place", nth=2),
        cand(text, "the Asia Digital Bank", "organization"),
    ]
    entities = entities_of(article, candidates)
    assert "Digital Leadership" not in names(entities)
    bank = by_name(entities, "Asia Digital Bank")
    assert len(bank.mentions) == 2  # the heading mention is kept once the entity is real


def test_one_word_back_reference_is_dropped() -> None:
    text = (
        "The China Mobile Communication Association Metaverse Committee met. "
        "Yu said the Committee will continue."
    )
    article = make_article(text)
    candidates = [
        cand(
            text, "The China Mobile Communication Association Metaverse Committee", "organization"
        ),
        cand(text, "Committee", "organization", nth=2),
    ]
    entities = entities_of(article, candidates)
    assert "Committee" not in names(entities)
    assert (
        len(
            by_name(entities, "China Mobile Communication Association Metaverse Committee").mentions
        )
        == 1
    )


def test_only_calendar_dates_stay() -> None:
    text = "Yesterday, on Monday, after the last five years and 18 months, it opened in July 2019."
    article = make_article(text)
    candidates = [
        cand(text, "Yesterday", "date"),
        cand(text, "Monday", "date"),
        cand(text, "the last five years", "date"),
        cand(text, "18 months", "date"),
        cand(text, "July 2019", "date"),
    ]
    assert [e.name for e in entities_of(article, candidates)] == ["Monday", "July 2019"]


def test_clock_times_and_adjective_prefixes_are_not_entities() -> None:
    text = "It launched at 1922 UTC to boost intra-Africa trade."
    article = make_article(text)
    candidates = [
        cand(text, "1922", "date"),
        cand(text, "UTC", "organization"),
        cand(text, "intra-Africa", "organization"),
    ]
    assert entities_of(article, candidates) == []


def test_initials_join_the_one_name_they_abbreviate_in_the_article() -> None:
    text = "It flew from the United States. The US flag and a U.S. citizen."
    article = make_article(text)
    candidates = [
        cand(text, "the United States", "place"),
        cand(text, "US", "place"),
        cand(text, "U.S.", "place"),
    ]
    [usa] = entities_of(article, candidates)
    assert usa.name == "United States"
    assert set(usa.aliases) == {"US", "U.S."}


def test_model_number_makes_a_product() -> None:
    text = "A Falcon 9 rocket and the new Boeing 737 Max flew."
    article = make_article(text)
    candidates = [
        cand(text, "Falcon", "organization"),
        cand(text, "Boeing", "organization"),
        cand(text, "Max", "person"),
    ]
    entities = entities_of(article, candidates)
    assert [(e.name, e.type) for e in entities] == [
        ("Falcon 9", "other"),
        ("Boeing 737 Max", "other"),
    ]


def test_number_before_a_person_is_a_product_but_a_year_is_not() -> None:
    text = "A flaw on the 737 Max was found. In 2019 Jo Biden said so."
    article = make_article(text)
    candidates = [cand(text, "Max", "person"), cand(text, "Jo Biden", "person")]
    entities = entities_of(article, candidates)
    assert [(e.name, e.type) for e in entities] == [("737 Max", "other"), ("Jo Biden", "person")]


def test_a_shorter_tail_of_one_longer_name_joins_it() -> None:
    text = "The new Boeing 737 Max flew. The 737 Max had a flaw."
    article = make_article(text)
    candidates = [cand(text, "Boeing", "organization"), cand(text, "737 Max", "other", nth=2)]
    [plane] = entities_of(article, candidates)
    assert (plane.name, plane.aliases) == ("Boeing 737 Max", ("737 Max",))


def test_words_around_a_name_can_say_it_is_a_place() -> None:
    text = "He visited the town of Pandeglang, then reached KSR Bangalore station by Acme Corp."
    article = make_article(text)
    candidates = [
        cand(text, "Pandeglang", "organization"),
        cand(text, "KSR Bangalore", "organization"),
        cand(text, "Acme Corp", "organization"),
    ]
    types = {e.name: e.type for e in entities_of(article, candidates)}
    assert types == {"Pandeglang": "place", "KSR Bangalore": "place", "Acme Corp": "organization"}


def test_corporate_suffix_merge_and_same_spelling_majority_type() -> None:
    text = "Mahan Air was banned. Mahan flies to Syria. Mahan's permit was suspended."
    article = make_article(text)
    candidates = [
        cand(text, "Mahan Air", "organization"),
        cand(text, "Mahan", "person", nth=2),
        cand(text, "Syria", "place"),
    ]
    entities = entities_of(article, candidates)
    mahan = by_name(entities, "Mahan Air")
    assert mahan.aliases == ("Mahan",)
    assert len(mahan.mentions) == 3
    assert_well_formed(article, entities)


# --- without the model ----------------------------------------------------------------------


SEED_LIKE = (
    "Beijing 24 February 2022 (TDI): The China Mobile Communication Association Metaverse "
    "Committee (CMCAMC) has signed with the Asia Digital Bank (ADB). CMCAMC was set up on "
    "October 15, 2021 in Beijing. ADB will cooperate with the CMCAMC. Yu Jianing spoke."
)


def test_missing_model_still_gives_acronyms_and_dates() -> None:
    recognizer = Recognizer("gloss_no_such_model_package", parallel=False)
    assert recognizer.problem == (
        "spaCy model gloss_no_such_model_package is not installed: "
        "only acronyms and dates are extracted"
    )
    article = make_article(SEED_LIKE)
    [entities] = extract([article], recognizer)
    assert_well_formed(article, entities)
    summary = {(e.name, e.type, e.aliases) for e in entities}
    assert (
        "China Mobile Communication Association Metaverse Committee",
        "organization",
        ("CMCAMC",),
    ) in summary
    assert ("Asia Digital Bank", "organization", ("ADB",)) in summary
    assert {e.name for e in entities if e.type == "date"} == {
        "24 February 2022",
        "October 15, 2021",
    }
    assert not any(e.type == "person" for e in entities)  # that needs the model


def test_spacy_not_installed_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # makes `import spacy` fail
    recognizer = Recognizer(parallel=False)
    assert recognizer.problem == "spaCy is not installed: only acronyms and dates are extracted"
    [entities] = extract([make_article(SEED_LIKE)], recognizer)
    assert "Asia Digital Bank" in names(entities)


def test_importing_gloss_entities_does_not_import_spacy() -> None:
    code = "import sys, tui.entities; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_no_articles_no_work() -> None:
    assert extract_entities([]) == []


def test_huge_texts_are_cut_at_blank_lines_with_right_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tui.entities.recognizer.CHUNK_CHARS", 50)
    texts = ["short", "\n\n".join(f"Paragraph number {i} of the long one." for i in range(10))]
    pieces = list(_chunks(texts))
    assert len(pieces) > 3
    for index, text in enumerate(texts):
        rebuilt = "".join(piece for i, _, piece in pieces if i == index)
        assert rebuilt == text
        for i, offset, piece in pieces:
            if i == index:
                assert text[offset : offset + len(piece)] == piece
                assert len(piece) <= 50
