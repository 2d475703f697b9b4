"""Bytes -> text: byte-order marks, a named encoding, and the checks that tell text from binary."""
from __future__ import annotations

import codecs

from ..errors import IngestError

# Longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
BLANK = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
        "\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"


def sniff(head: bytes, encoding: str | None) -> str:
    """The codec to read bytes starting with `head`: the one named, else the byte-order mark's,
    else UTF-8."""
    if encoding:
        try:
            return codecs.lookup(encoding).name
        except LookupError:
            raise IngestError("", f"unknown encoding {encoding!r}") from None
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    return "utf-8"


_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}


def label(codec: str) -> str:
    """A codec's name as people write it."""
    return _NAMES.get(codec, codec)


def wide(codec: str) -> bool:
    """Whether a codec's text holds NUL bytes by design (UTF-16 and UTF-32)."""
    return codec.replace("-", "").replace("_", "").startswith(("utf16", "utf32"))


def decode(data: bytes, source: str, encoding: str | None) -> str:
    """The text of a whole file, or an IngestError saying why it is not text."""
    try:
        codec = sniff(data[:4], encoding)
    except IngestError as exc:
        raise IngestError(source, exc.reason) from None
    if not wide(codec) and b"\x00" in data[:8192]:
        raise IngestError(source, "binary file (contains NUL bytes), not text; if it is UTF-16 "
                                  "or UTF-32 without a byte-order mark, pass --encoding")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(source, f"invalid {encoding or label(codec)} (byte 0x{data[exc.start]:02x} at "
                                  f"offset {exc.start}); re-encode it or pass --encoding") from None
    except (LookupError, ValueError) as exc:
        raise IngestError(source, f"cannot decode as {encoding or label(codec)}: {exc}") from None
    text = text.lstrip("\ufeff")
    if not text.strip(BLANK):
        raise IngestError(source, "empty file")
    check_text(text, source)
    return text


def check_text(text: str, source: str) -> None:
    """Refuse decoded text that is mostly control characters (a binary file in disguise)."""
    head = text[:8192]
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.05 * len(head):
        raise IngestError(source, "binary file (mostly control characters), not text")
