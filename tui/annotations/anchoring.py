"""W3C text selectors for notes, and finding a note's passage again after the text changes.

A note remembers the quote it was made on (`exact`), the 32 characters either
side of it (`prefix`/`suffix`), its code-point offsets and the hash of the whole
text. When an article is re-imported its text may differ, so `reanchor` looks for
the passage again in the DESIGN's order:

1. the stored position still holds the quote in unchanged surroundings -> KEPT;
2. every exact occurrence of the quote, ranked by how well its context matches
   and by nearness to the old position -> MOVED (or KEPT if the old position wins);
3. a reworded quote, located by pieces of the old passage and its context that
   survive verbatim, then aligned word by word -> FUZZY;
4. otherwise ORPHANED, so the user sees the note and can re-attach it.

An exact quote whose given prefix and suffix stand verbatim around it in one
place only is placed there whatever their length (another tool's selector may
give only a few characters of context).

The rule throughout: never guess. A short quote ("the") only moves where its
context agrees, never into the middle of a longer word, and never away from its
"home" (where its context still stands, with the quote deleted from between);
a fuzzy match has to resemble the quote.

Offsets are code points (Python `str` indices), never bytes or screen cells.

Why one long module: it is one algorithm. The ladder's steps share their
thresholds and their context and word-boundary helpers; split, each part
would import the others' private pieces.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import StrEnum

from tui.ingest.clean import defused
from tui.models import Selector, text_hash

CONTEXT_CHARS = 32
"""Characters of prefix/suffix a selector keeps (fewer only at the text's edges)."""

MIN_CONTEXT = 0.5
"""Context score an exact occurrence needs to be accepted on its context.

Measured on the Wikinews corpus: for a word's *other* occurrences, the best
context score is below 0.27 in 95% of cases and below 0.52 in 99%; a true
occurrence with one side fully intact (the other side edited right next to the
quote) scores at least 0.5, and so does one with its nearest 16 characters
intact on both sides. Below this bar only a long, unique quote is trusted.
"""

DISTINCTIVE_CHARS = 32
"""A quote this long that occurs once is trusted without context (a moved paragraph)."""

FUZZY_MIN_SIMILARITY = 0.75
"""Similarity (difflib ratio) a reworded quote needs to its new wording."""

FUZZY_RELAXED_SIMILARITY = 0.6
FUZZY_STRONG_CONTEXT = 0.8
"""A long quote (DISTINCTIVE_CHARS+) between intact context may be reworded more heavily."""

FUZZY_MIN_CONTEXT = MIN_CONTEXT
"""Context a fuzzy match of a short quote needs: its own few words prove nothing.

(0.25 let 5% of deleted words reappear on another occurrence in the corpus.)
"""

NEARNESS_WEIGHT = 0.1
"""How much nearness to the old position counts next to context (0..1 each)."""

_HOME_CHARS = 16  # context beside the quote that marks its home...
_HOME_SLACK = 8  # ...looked for this far from the quote
_MAX_HOME_HITS = 8
_RANKED_OCCURRENCES = 16  # occurrences scored with difflib, after a cheap adjacency ranking
_ANCHOR_CHARS = 12  # shortest verbatim piece used to locate a reworded passage
_MAX_ANCHORS = 48
_MAX_ANCHOR_HITS = 4  # a piece found more often than this says nothing about where
_CLUSTER_GAP = 32
_FUZZY_CLUSTERS = 3
_TOKEN_LEVEL_CHARS = 1000  # longer quotes are compared word by word (char difflib is quadratic)


class AnchorStatus(StrEnum):
    KEPT = "kept"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class Anchoring:
    """The outcome of re-anchoring one selector.

    `selector` is over the new text (None when orphaned: the caller keeps the
    old one so the user can re-attach the note). `score` is the evidence, 0..1:
    1 when kept in place, the context score when found elsewhere, the quote's
    similarity to its new wording for FUZZY, 0 for ORPHANED.
    """

    status: AnchorStatus
    selector: Selector | None
    score: float = 0.0


def make_selector(text: str, start: int, end: int) -> Selector:
    """Selector for text[start:end], with its context and the text's hash."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is empty or outside the text (0..{len(text)})")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        text_hash=text_hash(text),
    )


def quote_starts(text: str, quote: str) -> list[int]:
    """Start of every occurrence of quote in text, overlapping ones included."""
    starts: list[int] = []
    if not quote:
        return starts
    i = text.find(quote)
    while i != -1:
        starts.append(i)
        i = text.find(quote, i + 1)
    return starts


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Span of the n-th (1-based) exact occurrence of quote; the message is for users."""
    if not quote:
        raise ValueError("the quote is empty")
    starts = quote_starts(text, quote)
    if not starts:
        raise ValueError(f"quote {_show(quote)} not found in the article")
    count = len(starts)
    if not 1 <= occurrence <= count:
        times = "time" if count == 1 else "times"
        raise ValueError(
            f"quote {_show(quote)} occurs {count} {times} in the article; "
            f"use --occurrence 1..{count}"
        )
    start = starts[occurrence - 1]
    return start, start + len(quote)


def reanchor(selector: Selector, new_text: str) -> Anchoring:
    """Find the selector's passage in new_text; never raises for any text."""
    exact = selector.exact
    if not exact or not new_text:
        return Anchoring(AnchorStatus.ORPHANED, None)
    start = selector.start
    end = start + len(exact)  # the quote decides the span, not a stored end that may disagree
    if _same_words(selector, new_text, start) and (
        text_hash(new_text) == selector.text_hash
        or _adjacency_score(selector, new_text, start, end) == 1.0
    ):
        # The quote is where it was, in the same context: nothing can beat that.
        return Anchoring(AnchorStatus.KEPT, make_selector(new_text, start, end), 1.0)
    # Otherwise the old position is just one candidate among the quote's occurrences.

    homes = _homes(selector, new_text)
    best = _best_occurrence(selector, new_text, homes)
    if best is not None:
        return _found(selector, new_text, best[0], best[0] + len(exact), best[1])

    fuzzy = _fuzzy_match(selector, new_text, homes)
    if fuzzy is not None:
        return _found(selector, new_text, *fuzzy)
    return Anchoring(AnchorStatus.ORPHANED, None)


def _found(selector: Selector, text: str, start: int, end: int, score: float) -> Anchoring:
    if text[start:end] != selector.exact:
        status = AnchorStatus.FUZZY
    elif start == selector.start:
        status = AnchorStatus.KEPT
    else:
        status = AnchorStatus.MOVED
    return Anchoring(status, make_selector(text, start, end), score)


# -- context ---------------------------------------------------------------


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _sides(selector: Selector, text: str, start: int, end: int) -> tuple[str, str]:
    """The new text's context around a span, as long as the stored one (32 at least).

    Taking 32 characters even when the stored prefix is shorter (the quote was at
    the text's start) makes "no longer at the start" count against a candidate.
    """
    before = max(len(selector.prefix), CONTEXT_CHARS)
    after = max(len(selector.suffix), CONTEXT_CHARS)
    return text[max(0, start - before) : start], text[end : end + after]


def _adjacency(stored: str, actual: str, common: int) -> float:
    longest = max(len(stored), len(actual))
    return common / longest if longest else 1.0


def _adjacency_score(selector: Selector, text: str, start: int, end: int) -> float:
    """Cheap context score: how many characters right next to the span are unchanged."""
    prefix, suffix = _sides(selector, text, start, end)
    left = _adjacency(selector.prefix, prefix, _common_suffix_len(selector.prefix, prefix))
    right = _adjacency(selector.suffix, suffix, _common_prefix_len(selector.suffix, suffix))
    return (left + right) / 2


def _side_score(stored: str, actual: str, common: int) -> float:
    """Half adjacency (unchanged right next to the quote), half difflib ratio.

    Adjacency tells a quote's own place from other occurrences; the ratio
    forgives a small edit next to the quote ("Facebook," -> "Facebook;").
    """
    ratio = SequenceMatcher(None, stored, actual, autojunk=False).ratio()
    return (_adjacency(stored, actual, common) + ratio) / 2


def _context_score(selector: Selector, text: str, start: int, end: int) -> float:
    """0..1: how well the text around a span matches the stored prefix and suffix."""
    prefix, suffix = _sides(selector, text, start, end)
    left = _side_score(selector.prefix, prefix, _common_suffix_len(selector.prefix, prefix))
    right = _side_score(selector.suffix, suffix, _common_prefix_len(selector.suffix, suffix))
    return (left + right) / 2


# -- words -----------------------------------------------------------------


def _word_char(char: str) -> bool:
    return (char.isalnum() or char == "_") and not _is_cjk(char)


def _cuts_word(text: str, i: int) -> bool:
    """Does position i fall inside a word?"""
    return 0 < i < len(text) and _word_char(text[i - 1]) and _word_char(text[i])


def _same_words(selector: Selector, text: str, start: int) -> bool:
    """Is the exact quote at start, cutting words no more than the original did?

    Stops a deleted "is" from moving into "this", or "in" into "chain".
    """
    exact = selector.exact
    end = start + len(exact)
    if not (start >= 0 and end <= len(text) and text[start:end] == exact):
        return False
    cut_before = _cuts_word(selector.prefix[-1:] + exact[:1], 1)
    cut_after = _cuts_word(exact[-1:] + selector.suffix[:1], 1)
    return (cut_before or not _cuts_word(text, start)) and (cut_after or not _cuts_word(text, end))


# -- home: where the context next to the quote still is --------------------


@dataclass(frozen=True, slots=True)
class _Home:
    """A slot where the quote's context still stands together, and how much of it."""

    start: int
    end: int
    matched: int  # characters of the stored context found around the slot


def _context_chars(prefix: str, suffix: str, text: str, start: int, end: int) -> int:
    """How many characters of prefix and suffix stand unchanged right around text[start:end]."""
    before = _common_suffix_len(prefix, text[max(0, start - len(prefix)) : start])
    return before + _common_prefix_len(suffix, text[end : end + len(suffix)])


def _edge_hits(text: str, stored: str, before: bool) -> list[int]:
    """Where the context beside the quote is now: the quote's side of each hit.

    The piece looked for stops _HOME_SLACK characters short of the quote, so a
    small edit right at the quote's edge (a deleted space, a comma) does not
    hide its home. Only a few hits count (more says nothing). Context shorter
    than CONTEXT_CHARS was cut by the text's edge, so it only counts there.
    """
    if len(stored) < CONTEXT_CHARS:
        if before:
            piece = stored[: max(0, len(stored) - _HOME_SLACK)]
            return [len(piece)] if text.startswith(piece) else []
        piece = stored[_HOME_SLACK:]
        return [len(text) - len(piece)] if text.endswith(piece) else []
    if before:
        piece = stored[-_HOME_CHARS - _HOME_SLACK : -_HOME_SLACK]
    else:
        piece = stored[_HOME_SLACK : _HOME_SLACK + _HOME_CHARS]
    hits = _find_some(text, piece, _MAX_HOME_HITS + 1)
    if len(hits) > _MAX_HOME_HITS:
        return []
    return [hit + len(piece) for hit in hits] if before else hits


def _homes(selector: Selector, text: str) -> list[_Home]:
    """Slots where the context on both sides of the quote still stands together.

    Such a slot (the quote plus up to _HOME_SLACK characters either side) is
    where the passage lives now, whatever it says: if it was deleted the slot
    holds only what was around it, and a copy of the quote elsewhere is another
    occurrence that must not take the note. No slot (the context near the quote
    was edited too) means no evidence either way.
    """
    prefix, suffix = selector.prefix, selector.suffix
    split = max(0, len(prefix) - _HOME_SLACK)
    outer_prefix, slack_before = prefix[:split], prefix[split:]
    slack_after, outer_suffix = suffix[:_HOME_SLACK], suffix[_HOME_SLACK:]

    def matched(start: int, end: int) -> int:
        outer = _context_chars(outer_prefix, outer_suffix, text, start, end)
        inner_before = _common_prefix_len(slack_before, text[start:end])
        inner_after = _common_suffix_len(slack_after, text[start:end])
        return outer + inner_before + inner_after

    longest_gap = 2 * len(selector.exact) + CONTEXT_CHARS + 2 * _HOME_SLACK
    return [
        _Home(start, end, matched(start, end))
        for start in _edge_hits(text, prefix, before=True)
        for end in _edge_hits(text, suffix, before=False)
        if 0 <= end - start <= longest_gap
    ]


def _at_home(homes: list[_Home], selector: Selector, text: str, start: int, end: int) -> bool:
    """May text[start:end] take the note, given where its context says home is?

    A candidate away from every home is vetoed by a home that keeps more of the
    context than the candidate does (so a chance home in repetitive text does
    not veto the real passage).
    """
    if any(start <= home.end and end >= home.start for home in homes):
        return True
    own = _context_chars(selector.prefix, selector.suffix, text, start, end)
    return all(home.matched <= own for home in homes)


# -- exact search ----------------------------------------------------------


def _best_occurrence(selector: Selector, text: str, homes: list[_Home]) -> tuple[int, float] | None:
    """The exact occurrence with the best context (nearness breaks ties), if trustworthy."""
    exact = selector.exact
    starts = [
        s
        for s in quote_starts(text, exact)
        if _same_words(selector, text, s) and _at_home(homes, selector, text, s, s + len(exact))
    ]
    if not starts:
        return None

    def distance(start: int) -> int:
        return abs(start - selector.start)

    # Score every occurrence cheaply; run difflib only on the most promising.
    starts.sort(key=lambda s: (-_adjacency_score(selector, text, s, s + len(exact)), distance(s)))
    best: tuple[float, int, int, float] | None = None
    for start in starts[:_RANKED_OCCURRENCES]:
        context = _context_score(selector, text, start, start + len(exact))
        nearness = 1 - distance(start) / len(text)
        candidate = (context + NEARNESS_WEIGHT * nearness, -distance(start), start, context)
        if best is None or candidate > best:
            best = candidate
    assert best is not None
    _, _, start, context = best
    distinctive = len(starts) == 1 and len(exact) >= DISTINCTIVE_CHARS
    if context >= MIN_CONTEXT or distinctive:
        return start, context
    return _only_intact(selector, text, starts)


def _context_intact(selector: Selector, text: str, start: int, end: int) -> bool:
    """Do the given prefix and suffix (at least one of them) stand unchanged around the span?"""
    prefix, suffix = selector.prefix, selector.suffix
    return bool(prefix or suffix) and (
        text.endswith(prefix, 0, start) and text.startswith(suffix, end)
    )


def _only_intact(selector: Selector, text: str, starts: list[int]) -> tuple[int, float] | None:
    """The one occurrence whose given context stands intact around it, however short.

    Another tool's selector may give a few characters of context ("this is an "),
    which score low against 32 characters of text, yet quote and context found
    verbatim in one place only is as certain as a placement gets. Several such
    places (and none at the given position) would be a guess.
    """
    exact = selector.exact
    intact = [s for s in starts if _context_intact(selector, text, s, s + len(exact))]
    if len(intact) > 1:
        intact = [s for s in intact if s == selector.start]
    if len(intact) != 1:
        return None
    start = intact[0]
    return start, _context_score(selector, text, start, start + len(exact))


# -- fuzzy search ----------------------------------------------------------

Span = tuple[int, int]


def _is_cjk(char: str) -> bool:
    """Wide letters of scripts written without spaces: each one is a word of its own."""
    if not char.isalnum() or unicodedata.east_asian_width(char) not in ("W", "F"):
        return False
    hangul = "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff"
    return not (hangul or "\u3130" <= char <= "\u318f")


def _attaches(char: str) -> bool:
    """Combining marks, variation selectors and emoji modifiers belong to the previous char."""
    return not char.isascii() and (
        unicodedata.category(char).startswith("M")
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or "\U000e0020" <= char <= "\U000e007f"
    )


def _tokens(text: str) -> list[Span]:
    """Words and single punctuation/symbol/CJK characters, as (start, end) spans.

    Token edges are the word boundaries a fuzzy match snaps to, so a match never
    cuts a word, a combining accent or an emoji sequence in two.
    """
    spans: list[Span] = []
    start = -1
    in_word = False
    joined = False  # the previous char was a zero-width joiner
    for i, char in enumerate(text):
        glued = (joined and not char.isspace()) or _attaches(char) or char == "\u200d"
        if start >= 0 and glued:
            joined = char == "\u200d"
            continue
        joined = False
        word = (char.isalnum() or char == "_") and not _is_cjk(char)
        if start >= 0 and in_word and word:
            continue
        if start >= 0:
            spans.append((start, i))
            start = -1
        if not char.isspace():
            start, in_word = i, word
            joined = char == "\u200d"
    if start >= 0:
        spans.append((start, len(text)))
    return spans


def _similarity(a: str, b: str) -> float:
    """difflib ratio by character; by word for long passages, where chars would be slow."""
    if max(len(a), len(b)) <= _TOKEN_LEVEL_CHARS:
        return SequenceMatcher(None, a, b, autojunk=False).ratio()
    words_a = [a[s:e] for s, e in _tokens(a)]
    words_b = [b[s:e] for s, e in _tokens(b)]
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _find_some(text: str, piece: str, limit: int) -> list[int]:
    hits: list[int] = []
    i = text.find(piece)
    while i != -1 and len(hits) < limit:
        hits.append(i)
        i = text.find(piece, i + 1)
    return hits


def _anchor_clusters(window: str, text: str, expected: int) -> list[Span]:
    """Where the old window (prefix + quote + suffix) probably starts in text.

    Pieces of the window that survive verbatim and are rare in the text each
    vote for a start; nearby votes form a cluster; the best-supported clusters
    come first (nearness to the expected start breaks ties). Each is (lo, hi):
    the range of the estimates. Linear in the text per piece, not quadratic.
    """
    tokens = _tokens(window)
    step = max(1, math.ceil(len(tokens) / _MAX_ANCHORS))
    votes: list[tuple[int, int]] = []  # (estimated window start, piece number)
    for number, i in enumerate(range(0, len(tokens), step)):
        j = i
        while j < len(tokens) and tokens[j][1] - tokens[i][0] < _ANCHOR_CHARS:
            j += 1
        if j == len(tokens):
            break
        piece = window[tokens[i][0] : tokens[j][1]]
        hits = _find_some(text, piece, _MAX_ANCHOR_HITS + 1)
        if len(hits) <= _MAX_ANCHOR_HITS:
            votes.extend((hit - tokens[i][0], number) for hit in hits)
    votes.sort()

    clusters: list[tuple[int, int, int]] = []  # (-pieces, distance, lo) for sorting
    spans: dict[int, Span] = {}
    k = 0
    while k < len(votes):
        m = k
        while m + 1 < len(votes) and votes[m + 1][0] - votes[m][0] <= _CLUSTER_GAP:
            m += 1
        lo, hi = votes[k][0], votes[m][0]
        pieces = len({number for _, number in votes[k : m + 1]})
        clusters.append((-pieces, abs(lo - expected), lo))
        spans[lo] = (lo, hi)
        k = m + 1
    clusters.sort()
    return [spans[lo] for _, _, lo in clusters[:_FUZZY_CLUSTERS]]


Opcode = tuple[str, int, int, int, int]


def _map_start(opcodes: Sequence[Opcode], a: int) -> tuple[int, bool]:
    """Where old token a lands in the new tokens, and whether that is certain.

    An insertion just before the quote is not the quote's. Only a replaced block
    that straddles the quote's edge leaves the edge uncertain.
    """
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= a < i2:
            if tag == "equal":
                return j1 + (a - i1), True
            if tag == "replace":
                return j1 + (a - i1) * (j2 - j1) // (i2 - i1), a == i1
            return j1, True  # deleted: the quote starts with what follows
    return 0, True


def _map_end(opcodes: Sequence[Opcode], b: int) -> tuple[int, bool]:
    """Where the end of old token b-1 lands, and whether that is certain."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 < b <= i2:
            if tag == "equal":
                return j1 + (b - i1), True
            if tag == "replace":
                return j1 - (i1 - b) * (j2 - j1) // (i2 - i1), b == i2  # ceiling
            return j1, True
    return 0, True


def _align(selector: Selector, window: str, piece: str) -> Span | None:
    """The span of piece that the quote inside window aligns with, on word boundaries.

    Word-level difflib between the old window and a slice of the new text maps
    the quote's first and last words across. An edge inside a replaced block
    is nudged by up to two words to best match the quote; other edges stay, so
    a reworded first or last word still belongs to the passage.
    """
    old_tokens = _tokens(window)
    new_tokens = _tokens(piece)
    q0 = len(selector.prefix)
    q1 = q0 + len(selector.exact)
    inside = [i for i, (s, e) in enumerate(old_tokens) if e > q0 and s < q1]
    if not inside or not new_tokens:
        return None
    old_words = [window[s:e] for s, e in old_tokens]
    new_words = [piece[s:e] for s, e in new_tokens]
    opcodes = SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
    first, first_certain = _map_start(opcodes, inside[0])
    last, last_certain = _map_end(opcodes, inside[-1] + 1)
    if last <= first:
        return None  # the quote's words were deleted

    def similarity(i: int, j: int) -> float:
        return _similarity(selector.exact, piece[new_tokens[i][0] : new_tokens[j - 1][1]])

    if not first_certain:
        starts = range(max(0, first - 2), min(last, first + 3))
        first = max(sorted(starts, key=lambda i: abs(i - first)), key=lambda i: similarity(i, last))
    if not last_certain:
        ends = range(max(first + 1, last - 2), min(len(new_tokens), last + 2) + 1)
        last = max(sorted(ends, key=lambda j: abs(j - last)), key=lambda j: similarity(first, j))
    return new_tokens[first][0], new_tokens[last - 1][1]


def _fuzzy_match(
    selector: Selector, text: str, homes: list[_Home]
) -> tuple[int, int, float] | None:
    """The best acceptable reworded (or weakly placed) match: (start, end, similarity).

    Candidates are ranked by similarity to the quote plus half their context score.
    """
    window = selector.prefix + selector.exact + selector.suffix
    expected = selector.start - len(selector.prefix)
    margin = CONTEXT_CHARS + len(window) // 4
    # The old place is always worth a look: tiny texts have no verbatim pieces to vote.
    regions = [*_anchor_clusters(window, text, expected), (expected, expected)]

    whole_words = _whole_word_context(selector)
    best: tuple[float, int, int, int, float] | None = None
    seen: set[Span] = set()
    for lo, hi in regions:
        offset = max(0, lo - margin)
        piece = text[offset : max(offset, hi + len(window) + margin)]
        aligned = _align(selector, window, piece)
        if aligned is None:
            continue
        start, end = offset + aligned[0], offset + aligned[1]
        if (start, end) in seen or not _at_home(homes, whole_words, text, start, end):
            continue
        seen.add((start, end))
        similarity = _similarity(selector.exact, text[start:end])
        context = _context_score(whole_words, text, start, end)
        if not _acceptable(selector, similarity, context):
            continue
        candidate = (similarity + context / 2, -abs(start - selector.start), start, end, similarity)
        if best is None or candidate > best:
            best = candidate
    if best is None:
        return None
    return best[2], best[3], best[4]


def _whole_word_context(selector: Selector) -> Selector:
    """The selector with the bits of words it cut off moved out of its context.

    A fuzzy match snaps to whole words, so its context starts after them.
    """
    prefix, exact, suffix = selector.prefix, selector.exact, selector.suffix
    if _cuts_word(prefix[-1:] + exact[:1], 1):
        while prefix and _word_char(prefix[-1]):
            prefix = prefix[:-1]
    if _cuts_word(exact[-1:] + suffix[:1], 1):
        while suffix and _word_char(suffix[0]):
            suffix = suffix[1:]
    return replace(selector, prefix=prefix, suffix=suffix)


def _acceptable(selector: Selector, similarity: float, context: float) -> bool:
    """Is a fuzzy match close enough to the quote, with enough context for a short one?"""
    long_quote = len(selector.exact) >= DISTINCTIVE_CHARS
    relaxed = long_quote and context >= FUZZY_STRONG_CONTEXT
    if similarity < (FUZZY_RELAXED_SIMILARITY if relaxed else FUZZY_MIN_SIMILARITY):
        return False
    return long_quote or context >= FUZZY_MIN_CONTEXT


def _show(quote: str) -> str:
    """A quote fit for an error message: one line, printable, at most 40 characters."""
    flat = " ".join(defused(quote, one_line=True).split())
    if len(flat) > 40:
        flat = flat[:39] + "…"
    return f"'{flat}'"
