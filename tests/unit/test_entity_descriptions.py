"""What the article says a name is: "the retailer Zolvo", "Mira Kell, a lawyer".

Made-up recogniser output (no model); every name and text is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.unit.entity_helpers import cand, make_article
from tui.entities.descriptions import described_type
from tui.entities.extractor import entities_of


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Prices rose at the supermarket Zolvo last week.", "Zolvo", "organization"),
        ("The actress Mira Kell said no.", "Mira Kell", "person"),
        ("A student named Kell said no.", "Kell", "person"),
        ("Mira Kell, a company spokesperson, said no.", "Mira Kell", "person"),
        ("Zolvo, a cybersecurity firm, said no.", "Zolvo", "organization"),
        ("Zolvo, the retailer based in Lisbon, said no.", "Zolvo", "organization"),
        (
            "Mira Kell, the Velland Government commissioner responsible for it, spoke.",
            "Mira Kell",
            "person",
        ),
        ("Mira Kell, a spokesperson for the firm, said no.", "Mira Kell", "person"),
        ("Dr Kell of Zolvo, a chemistry researcher, said no.", "Zolvo", None),
        ("Zolvo, backed by Kell, is the first company to do it.", "Kell", None),
        ("Zolvo said no.", "Zolvo", None),
    ],
)
def test_what_the_words_around_a_name_say_it_is(sentence: str, name: str, kind: str | None) -> None:
    start = sentence.index(name)
    assert described_type(sentence, start, start + len(name)) == kind


def test_a_description_outvotes_the_model_for_every_mention() -> None:
    text = (
        "Shoppers queued at the retailer Zolvo. Zolvo said stock was low. Zolvo's shelves emptied."
    )
    article = make_article(text)
    candidates = [
        cand(text, "Zolvo", "person"),
        cand(text, "Zolvo", "person", nth=2),
        cand(text, "Zolvo", "place", nth=3),
    ]
    [zolvo] = entities_of(article, candidates)
    assert (zolvo.name, zolvo.type, len(zolvo.mentions)) == ("Zolvo", "organization", 3)
