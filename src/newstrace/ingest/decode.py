"""Bytes to text: BOM, then a declared charset, then UTF-8, then detection.

A file is refused as binary (not decoded) when it is mostly control
characters, or has NUL bytes that are neither UTF-16/32 text nor a few stray
NULs in otherwise clean text; any other file is decoded, recording the
encoding used and how many characters became U+FFFD.  NUL characters are
removed from every decoded text and counted (PostgreSQL cannot store them and
no story contains them); a BOM wins over a charset the document declares, and
the contradiction is noted.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_CHARSET = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]+)""", re.I)


_CONTROLS = bytes(b for b in range(32) if b < 9 or b > 13)


class CapExceeded(Exception):
    """More (decompressed) bytes than the configured cap."""


class NotText(ValueError):
    """The bytes are not text (binary data)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int
    nuls: int = 0  # NUL characters removed from the text
    overridden: str | None = None  # a declared charset the BOM contradicted

    @property
    def notes(self) -> list[str]:
        """What a reader should know about this decoding (for ``Article.notes``)."""
        out = []
        if self.nuls:
            out.append(f"removed {self.nuls} NUL character(s) from the text")
        if self.overridden:
            out.append(f"byte-order mark ({self.encoding}) used, not the declared charset "
                       f"{self.overridden}")
        return out


def _bom(data: bytes) -> str | None:
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc
    return None


def _stray_nuls(data: bytes) -> bool:
    """A few NULs (at most 1% of the bytes, or 16) in text that is otherwise free of control
    bytes: a damaged text file, cleaned rather than refused.  Binary data has far more
    NULs, or about 10% other control bytes."""
    if data.count(0) > max(len(data) // 100, 16):
        return False
    head = data[:65536].replace(b"\x00", b"")
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls <= len(head) // 100


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control characters, in the first 8 KiB."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls / len(head) > 0.10


def _bomless_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NULs fill every other byte (UTF-16 text saved without BOM)."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """Charset named by an HTML ``<meta>`` or XML declaration in the first 4 KiB."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; raises :class:`NotText` for binary content."""
    dec = _decode(data, declared)
    nuls = dec.text.count("\x00")
    if nuls:
        dec = replace(dec, text=dec.text.replace("\x00", ""), nuls=nuls)
    return dec


def _decode(data: bytes, declared: str | None) -> Decoded:
    bom = _bom(data)
    if bom:
        text = data.decode(bom, errors="replace")
        return Decoded(text.lstrip("\ufeff"), bom, text.count("\ufffd"),
                       overridden=_contradicted(bom, declared or declared_charset(data)))
    if looks_binary(data):
        wide = _bomless_utf16(data)
        if wide is not None:
            text = data.decode(wide, errors="replace")
            return Decoded(text, wide, text.count("\ufffd"))
        if not _stray_nuls(data):
            raise NotText("binary content (NUL or control bytes)")
    for enc in (declared, declared_charset(data), "utf-8"):
        if not enc:
            continue
        try:
            return Decoded(data.decode(enc), codecs.lookup(enc).name, 0)
        except (UnicodeDecodeError, LookupError):
            continue
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    if bad <= max(1, len(loose) // 1000):
        # UTF-8 with a stray bad byte or two: keep the good characters; guessing
        # another charset would garble every multi-byte character instead.
        return Decoded(loose, "utf-8", bad)
    return _detect(data)


def _contradicted(bom: str, declared: str | None) -> str | None:
    """The declared charset when it is not the BOM's Unicode encoding (else None)."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return declared
    family = bom.removesuffix("-sig")
    return None if name.replace("_", "-").startswith(family) else name


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", text.count("\ufffd"))
    text = data.decode(best.encoding, errors="replace")
    return Decoded(text, best.encoding, text.count("\ufffd"))
