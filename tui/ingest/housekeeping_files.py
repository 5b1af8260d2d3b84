"""Files that come with a folder of articles but are none: licences, notices, readmes.

Recognised by name, the way people and tools name them: the whole name
("LICENSE", "readme.md", "Copying.txt") or an upper-case word of it
("feedjira-LICENSE", "LICENSE-MIT", "NOTICE.txt"). A story that merely has the
word in its name ("notice-of-closure.html") is not one.
"""

from __future__ import annotations

import re

NOT_AN_ARTICLE = "a licence, notice or readme file"

_WORDS = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "README")
_UPPER_WORD = re.compile(rf"(?:^|[-_. ])(?:{'|'.join(_WORDS)})(?:$|[-_. ])")


def is_housekeeping_file(name: str) -> bool:
    """Is a file of this name a licence, notice or readme rather than an article?"""
    stem = name.split(".", 1)[0]
    return stem.upper() in _WORDS or _UPPER_WORD.search(name) is not None
