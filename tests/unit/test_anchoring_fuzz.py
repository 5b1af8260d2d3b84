"""Re-anchoring selectors that make_selector never made: imported, hand-edited or damaged.

test_anchoring_properties edits the text under good selectors; notes also arrive from
export files and older libraries, where positions can be past the end, reversed or
negative, the quote missing from the text at its position and the hash anything.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotations.anchoring import AnchorStatus, make_selector, reanchor
from tui.models import Selector, text_hash

ALPHABET = "abcdeé  \n.東😀’"
texts = st.text(alphabet=ALPHABET, max_size=120)
offsets = st.integers(-5, 200)


@st.composite
def hostile_selectors(draw: st.DrawFn, text: str) -> Selector:
    """Fields drawn apart from each other, sometimes borrowed from the text to get close.

    The span is as long as the quote (a test below covers spans that are not).
    """
    start = draw(offsets)
    at = max(0, start)
    exact = draw(
        st.integers(1, 20).map(lambda n: text[at : at + n])
        | st.text(alphabet=ALPHABET, max_size=20)
    )
    prefix = draw(st.just(text[max(0, at - 32) : at]) | st.text(alphabet=ALPHABET, max_size=40))
    suffix = draw(
        st.just(text[at + len(exact) : at + len(exact) + 32])
        | st.text(alphabet=ALPHABET, max_size=40)
    )
    digest = draw(st.sampled_from([text_hash(text), "", "nonsense"]))
    return Selector(exact, prefix, suffix, start, start + len(exact), digest)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_selector_on_any_text_gives_a_valid_anchor_or_an_orphan(data: st.DataObject) -> None:
    text = data.draw(texts)
    selector = data.draw(hostile_selectors(text))
    result = reanchor(selector, text)
    if result.status is AnchorStatus.ORPHANED:
        assert result.selector is None
        return
    found = result.selector
    assert found is not None
    assert 0 <= found.start < found.end <= len(text)
    assert found == make_selector(text, found.start, found.end)
    if result.status is not AnchorStatus.FUZZY:
        assert found.exact == selector.exact


@pytest.mark.parametrize("end", [99, 2], ids=["past the text", "shorter than the quote"])
def test_a_span_longer_or_shorter_than_its_quote_is_placed_by_the_quote(end: int) -> None:
    """An imported selector whose end disagrees with its quote: the quote is right there."""
    selector = Selector("bc", "a", "", 1, end, text_hash("abc"))
    result = reanchor(selector, "abc")
    assert result.selector is not None
    assert (result.selector.start, result.selector.exact) == (1, "bc")
