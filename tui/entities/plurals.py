"""A name and its plural are one thing: "Space Shuttle(s)", "Indian Railway(s)", "Houthi(s)".

Merging joins the two forms when the model found both; spreading looks for
the other form when it found one (`number_variants`).
"""

from __future__ import annotations

from tui.entities.draft import Draft


def merge_plurals(groups: list[Draft]) -> list[Draft]:
    """A multi-word name and its plural are one thing: "Space Shuttle", "Space Shuttles".

    The form with more mentions names it (the first seen on a tie). A "person"
    the article also speaks of in the plural is a kind of thing, a vehicle or
    a product ("the Space Shuttles"): typed other. Two persons are left alone:
    "James Williams" is not "James William".
    """
    by_name = {g.name: g for g in groups if _pluralizable(g)}
    gone: set[int] = set()
    for group in groups:
        other = by_name.get(group.name + "s")
        if other is None or other is group or not _pluralizable(group):
            continue
        if id(other) in gone or id(group) in gone:
            continue
        people = [g.type == "person" for g in (group, other)]
        if all(people):
            continue
        if len(group.name.split()) == 1 and (group.type != other.type or any(people)):
            continue  # "Houthi", "Houthis" of one type; "Jone" is no "Jones"
        owner, joined = (group, other)
        if len(other.spans) > len(group.spans) or (
            len(other.spans) == len(group.spans) and min(other.spans) < min(group.spans)
        ):
            owner, joined = other, group
        owner.absorb(joined)
        owner.votes.update(joined.votes)
        if any(people):
            owner.type = "other"
        gone.add(id(joined))
    return [g for g in groups if id(g) not in gone]


def _pluralizable(draft: Draft) -> bool:
    """A name ending in a capitalised word of letters: "Space Shuttle", "Houthi"."""
    words = draft.name.split()
    return (
        draft.type not in ("date", "money")
        and len(words) >= 1
        and words[-1][:1].isupper()
        and words[-1].isalpha()
        and not words[-1].isupper()
    )


def number_variants(draft: Draft) -> set[str]:
    """The plural or singular of a multi-word name: "Indian Railways" -> "Indian Railway"."""
    if draft.type == "person" or not _pluralizable(draft) or " " not in draft.name:
        return set()  # one word alone is not looked for in the plural: "Jone" in "Jones"
    name = draft.name
    if name.endswith("s") and not name.endswith("ss") and len(name.split()[-1]) > 3:
        return {name[:-1]}
    if not name.endswith("s"):
        return {name + "s"}
    return set()
