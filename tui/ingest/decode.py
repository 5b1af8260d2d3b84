"""Bytes to text: byte-order marks, declared charsets and detection, with binary refused.

Declarations lie. Pages say UTF-8 and are GB2312, or say gb2312 and are UTF-8,
so the bytes have the last word:

1. a byte-order mark is believed;
2. bytes that are valid UTF-8 are UTF-8 (random legacy-encoded text almost
   never is), whatever the page declares; so are bytes that are mostly valid
   UTF-8 with a few stray bytes (those become U+FFFD);
3. otherwise the declared charset (XML declaration or HTML <meta>) is used if
   it decodes the bytes and charset-normalizer does not find a clearly better
   reading (a "latin-1" label decodes anything, even Shift_JIS);
4. otherwise charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import CharsetMatch, from_bytes
from charset_normalizer.md import mess_ratio

from tui.ingest.errors import IngestError

_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECLARATION = re.compile(
    rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
# Magic numbers of files people drop on a reader by mistake, for a clearer message.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.02
# Valid multi-byte characters needed, and how many per invalid byte, to call bytes UTF-8.
_MIN_UTF8_EVIDENCE = 8
_UTF8_ODDS = 20
# How much messier than the best guess a declared charset may read before the guess wins.
_MESS_MARGIN = 0.1
# charset-normalizer often finds several encodings that read short texts equally
# cleanly ("Inovação" is fine in cp1250 and cp1252; a Japanese headline decodes as
# Korean); among near-equals the one the web uses most wins.
_NEAR_CHAOS = 0.05
_NEAR_COHERENCE = 0.1
_WEB_PREFERENCE = (
    "cp1252", "gb18030", "cp932", "cp1251", "euc_jp", "cp949", "big5",
    "iso8859_2", "cp1250", "iso8859_15", "cp1254", "cp1256", "cp1253", "cp1255",
    "koi8_r", "cp874", "cp1257", "cp1258",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    declared: str | None


def _codec(name: str | bytes | None) -> str | None:
    """The Python codec for a charset label, or None for unknown or unsafe labels."""
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        codec = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    # A page cannot be "UTF-16" once we have sniffed ASCII markup out of it.
    if codec.startswith(("utf-16", "utf-32")) or codec in {"base64", "hex", "rot-13"}:
        return None
    # WHATWG: a latin-1 label means windows-1252, which is what browsers decode.
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def declared_charset(data: bytes) -> str | None:
    """The charset the file declares (XML declaration or HTML meta), if any."""
    head = data[:_SNIFF_BYTES]
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    return _codec(match.group(1)) if match else None


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:_SNIFF_BYTES]:
        return "binary data"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows up as every other byte being NUL."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    controls = sum(1 for char in sample if _is_control(char))
    return controls / len(sample)


def _is_control(char: str) -> bool:
    code = ord(char)
    return (code < 32 and char not in "\t\n\r\f\x1b") or 0x7F <= code <= 0x9F


def _same_codec(first: str, second: str | None) -> bool:
    return second is not None and _codec(first) == _codec(second)


def _decode_declared(data: bytes, codec: str) -> str | None:
    # windows-1252 leaves five bytes undefined; a page labelled latin-1 may use them.
    for candidate in (codec, "latin-1") if codec == "cp1252" else (codec,):
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def decode(data: bytes, source: str) -> Decoded:
    """The text of a file, or IngestError when it is binary or no encoding reads it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), codec, None)
            except UnicodeDecodeError:
                raise IngestError(
                    source, f"starts like {codec} text but is not valid {codec}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return Decoded(data.decode(utf16), utf16, None)
        except UnicodeDecodeError:
            pass
    kind = _binary_kind(data)
    if kind is not None:
        raise IngestError(source, f"{kind}, not an article")
    declared = declared_charset(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", declared)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return Decoded(mostly, "utf-8", declared)
    text = _decode_declared(data, declared) if declared and declared != "utf-8" else None
    best = _best_guess(data)
    if text is not None and declared and _control_share(text) <= _MAX_CONTROL_SHARE:
        if best is None or _same_codec(best.encoding, declared):
            return Decoded(text, declared, declared)
        guess = str(best)
        if (
            mess_ratio(text[:_SNIFF_BYTES], 1.0)
            <= mess_ratio(guess[:_SNIFF_BYTES], 1.0) + _MESS_MARGIN
        ):
            return Decoded(text, declared, declared)
        return _checked(guess, best.encoding, declared, source)
    if best is None:
        raise IngestError(source, "binary data or an unknown text encoding, not an article")
    return _checked(str(best), best.encoding, declared, source)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a bad byte pasted into a page) is still UTF-8.

    Legacy encodings almost never form valid multi-byte UTF-8 sequences, so many
    valid ones and a handful of invalid bytes mean UTF-8; the bad bytes become U+FFFD.
    """
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid >= _MIN_UTF8_EVIDENCE and invalid * _UTF8_ODDS <= valid:
        return text
    return None


def _best_guess(data: bytes) -> CharsetMatch | None:
    """charset-normalizer's reading, with near-ties settled by how common an encoding is."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    near = [
        match
        for match in matches
        if match.chaos <= best.chaos + _NEAR_CHAOS
        and match.coherence >= best.coherence - _NEAR_COHERENCE
    ]

    def rank(match: CharsetMatch) -> int:
        names = {_codec(name) for name in match.could_be_from_charset} | {_codec(match.encoding)}
        ranks = [index for index, name in enumerate(_WEB_PREFERENCE) if _codec(name) in names]
        return min(ranks, default=len(_WEB_PREFERENCE))

    return min(near, key=rank)


def _checked(text: str, encoding: str, declared: str | None, source: str) -> Decoded:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(source, "binary data, not an article")
    return Decoded(text, encoding, declared)
