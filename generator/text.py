"""Small pure helpers on strings shared by several stages."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80


def normalized_text(raw: str) -> str:
    """Text with the BOM dropped, newlines as LF and Unicode in NFC form."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decoded_text(data: bytes, path: str = "") -> str:
    """UTF-8 (with or without BOM); a few stray Latin-1 bytes are read as Windows-1252."""
    try:
        return normalized_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        return normalized_text(data.decode("cp1252", errors="replace"))


def slug(text: str) -> str:
    """A readable, filesystem- and URL-safe slug; never empty, never a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = _NON_SLUG.sub("-", ascii_text.casefold()).strip("-")
    if len(out) > MAX_SLUG:
        out = out[:MAX_SLUG].rsplit("-", 1)[0] or out[:MAX_SLUG]
    if not out:
        out = "x-" + hashlib.sha1(text.encode()).hexdigest()[:8]
    return out


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
