"""Property tests: edits away from a note never lose or misplace it; no edit makes it raise."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from tui.annotations.anchoring import (
    CONTEXT_CHARS,
    AnchorStatus,
    make_selector,
    quote_starts,
    reanchor,
)
from tui.models import text_hash

# Few letters so texts repeat themselves (the hard case), plus spaces, a newline,
# CJK, an accent, an emoji and a curly quote so offsets are code points.
ALPHABET = "abcdeéfghij  \n.東京😀’"
SETTINGS = settings(max_examples=200, deadline=None)

snippets = st.text(alphabet=ALPHABET, max_size=40)
long_texts = st.text(alphabet=ALPHABET, max_size=150)


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `insert`: an insertion, deletion or replacement."""

    start: int
    end: int
    insert: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.insert + text[self.end :]


@st.composite
def edits_of(draw: st.DrawFn, text: str) -> Edit:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 30)))
    return Edit(start, end, draw(snippets))


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """text after one to three random edits anywhere in it."""
    for _ in range(draw(st.integers(1, 3))):
        text = draw(edits_of(text)).apply(text)
    return text


@dataclass(frozen=True)
class Passage:
    """A text cut in five: far_left, near_left, quote, near_right, far_right.

    The near parts are the `keep` characters either side of the quote that edits
    leave alone. One is shorter only at the text's edge, and then its far part
    is empty and stays so: the edge is context too.
    """

    keep: int
    far_left: str
    near_left: str
    quote: str
    near_right: str
    far_right: str

    @property
    def text(self) -> str:
        return self.far_left + self.near_left + self.quote + self.near_right + self.far_right

    @property
    def start(self) -> int:
        return len(self.far_left) + len(self.near_left)

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


@st.composite
def passages(draw: st.DrawFn, keep: int, far: st.SearchStrategy[str] = long_texts) -> Passage:
    near = st.one_of(st.text(alphabet=ALPHABET, min_size=keep, max_size=keep), snippets)
    near_left = draw(near)[-keep:] if keep else ""
    quote = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
    near_right = draw(near)[:keep]
    far_left = draw(far) if len(near_left) == keep else ""
    far_right = draw(far) if len(near_right) == keep else ""
    return Passage(keep, far_left, near_left, quote, near_right, far_right)


@st.composite
def edited_far(draw: st.DrawFn, passage: Passage) -> Passage:
    """The passage after one to three edits in its far parts (where there is room)."""
    far_left, far_right = passage.far_left, passage.far_right
    room_left = len(passage.near_left) == passage.keep
    room_right = len(passage.near_right) == passage.keep
    for _ in range(draw(st.integers(1, 3))):
        if room_left and (not room_right or draw(st.booleans())):
            far_left = draw(edits_of(far_left)).apply(far_left)
        elif room_right:
            far_right = draw(edits_of(far_right)).apply(far_right)
    return Passage(
        passage.keep, far_left, passage.near_left, passage.quote, passage.near_right, far_right
    )


@SETTINGS
@given(st.data())
def test_edits_away_from_a_unique_passage_keep_or_move_it_exactly(data: st.DataObject) -> None:
    """Edits more than half the context away: the same words, found where they went."""
    old = data.draw(passages(keep=CONTEXT_CHARS // 2))
    new = data.draw(edited_far(old))
    assume(len(quote_starts(new.text, old.quote)) == 1)
    selector = make_selector(old.text, old.start, old.end)

    result = reanchor(selector, new.text)
    event(f"{result.status.value}, text {'edited' if new.text != old.text else 'unchanged'}")

    assert result.selector is not None
    assert result.selector.start == new.start
    assert result.selector.exact == old.quote
    assert result.status is (AnchorStatus.KEPT if new.start == old.start else AnchorStatus.MOVED)


@SETTINGS
@given(st.data())
def test_a_repeated_quote_is_told_apart_by_its_nearest_context(data: st.DataObject) -> None:
    """Edits beyond the stored context, other copies of the quote around: the right copy.

    The only assumption is that the quote with its 8 nearest characters either
    side occurs once, so the context does say which copy the note is on.
    """
    quote = data.draw(st.text(alphabet=ALPHABET, min_size=1, max_size=12))
    with_copies = st.lists(long_texts, min_size=1, max_size=4).map(quote.join)
    old = data.draw(passages(keep=CONTEXT_CHARS, far=with_copies))
    old = Passage(old.keep, old.far_left, old.near_left, quote, old.near_right, old.far_right)
    new = data.draw(edited_far(old))
    selector = make_selector(old.text, old.start, old.end)
    core = selector.prefix[-8:] + quote + selector.suffix[:8]
    assume(len(quote_starts(new.text, core)) == 1)

    result = reanchor(selector, new.text)
    copies = len(quote_starts(new.text, quote))
    event(f"{result.status.value}, {'one copy' if copies == 1 else 'several copies'}")

    assert result.selector is not None
    assert result.selector.start == new.start
    assert result.selector.exact == quote
    assert result.status is (AnchorStatus.KEPT if new.start == old.start else AnchorStatus.MOVED)


@SETTINGS
@given(st.data())
def test_any_edit_never_raises_and_never_returns_a_broken_selector(data: st.DataObject) -> None:
    """Whatever happened to the text: a valid selector over it, or an orphan."""
    old = data.draw(passages(keep=data.draw(st.integers(0, 40))))
    selector = make_selector(old.text, old.start, old.end)
    new_text = data.draw(edited(old.text))

    result = reanchor(selector, new_text)
    event(result.status.value)

    if result.status is AnchorStatus.ORPHANED:
        assert result.selector is None
        return
    found = result.selector
    assert found is not None
    assert 0 <= found.start < found.end <= len(new_text)
    assert found == make_selector(new_text, found.start, found.end)
    assert found.text_hash == text_hash(new_text)
    if result.status is AnchorStatus.FUZZY:
        assert found.exact != old.quote
        assert found.exact == found.exact.strip()  # whole words, no stray spaces
    else:
        assert found.exact == old.quote
    if result.status is AnchorStatus.KEPT:
        assert (found.start, found.end) == (old.start, old.end)
    # Re-anchoring where it landed is stable.
    assert reanchor(found, new_text).status is AnchorStatus.KEPT


@SETTINGS
@given(passages(keep=CONTEXT_CHARS))
def test_the_unchanged_text_keeps_every_note(passage: Passage) -> None:
    selector = make_selector(passage.text, passage.start, passage.end)
    result = reanchor(selector, passage.text)
    assert result.status is AnchorStatus.KEPT
    assert result.selector == selector
