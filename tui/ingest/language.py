"""An article's language: what the page declares, checked against what its text is.

Entities need it (a French page read by the English model gives "Les" and
"Elle" as organizations), so every article gets one at import. A page's own
`<html lang>` or a feed's `<language>` is kept unless the detector is sure the
text is another language (templates often say "en" on every page). The
detector, py3langid, ships its model in the package: nothing is downloaded.
It is loaded the first time a text is checked (about 0.7 s), never at start-up.
"""

from __future__ import annotations

import re
import threading
from typing import Any

# Fewer letters than this and the detector is guessing: the declared tag (or none) stands.
MIN_LETTERS = 25
# A declared language is overruled only when the detector is this sure of another one.
OVERRULE = 0.99
# The detector reads this much of a long text: a language does not change halfway.
SAMPLE_CHARS = 6000
# The detector's codes for varieties Gloss treats as their macrolanguage.
_MACRO = {"wuu": "zh", "yue": "zh", "nb": "no", "nn": "no"}
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")

# What a reader calls the languages news comes in most; any other is shown by its code.
_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "cs": "Czech", "pl": "Polish", "ru": "Russian",
    "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    "he": "Hebrew", "tr": "Turkish", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "el": "Greek", "hu": "Hungarian", "ro": "Romanian", "hi": "Hindi",
    "id": "Indonesian", "vi": "Vietnamese", "th": "Thai", "la": "Latin",
}  # fmt: skip

_identifier: Any = None
_lock = threading.Lock()


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lower-case ("pt-BR" -> "pt"); None if not one."""
    if not tag:
        return None
    match = _TAG.match(tag)
    if match is None:
        return None
    code = match.group(1).lower()
    return _MACRO.get(code, code)


def language_name(tag: str | None) -> str | None:
    """ "French" for "fr-FR"; the tag itself for a language without a name here."""
    code = primary_language(tag)
    return _NAMES.get(code, tag) if code else tag


def detect_language(text: str) -> tuple[str, float] | None:
    """The detector's language code and its probability; None for too little text."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, probability = _shared_identifier().classify(sample)
    return _MACRO.get(code, code), float(probability)


def article_language(text: str, declared: str | None) -> str | None:
    """The language to store: the declared tag ("pt-BR") unless the text is surely another
    language; else the detected code ("fr"). None when the text is too short to tell and
    nothing (or no language tag) was declared.
    """
    declared_code = primary_language(declared)
    detected = detect_language(text)
    if detected is None:
        return declared if declared_code else None
    code, probability = detected
    if declared_code is None or (code != declared_code and probability >= OVERRULE):
        return code
    return declared


def _shared_identifier() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
