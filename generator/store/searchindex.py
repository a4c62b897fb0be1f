"""Pagefind's index made reproducible: the same site gives the same bytes.

Pagefind writes each filter's values (kind: person, article...) in the order of a Rust hash map,
which changes from one run to the next; the filter files' names (a digest of their content), the
metadata file that lists them and the entry file that names the metadata change with it. This
module rewrites those files with the values sorted, each named by a digest of its new content:
the index of a site is then byte for byte the same however often it is built.

The files are gzip (without a time in the header) of the signature `pagefind_dcd` followed by
CBOR; the small CBOR subset Pagefind writes (integers, strings, arrays, maps, simple values) is
read and written here, and a file that does not read back to the same bytes is left as it is.

The index chunks (`index/*.pf_index`, the files a query loads, one or more per word and shard)
are stored unpacked: the signature and the CBOR, which Pagefind's script reads as they are
(it unpacks only what does not start with the signature). A query then spends no time in the
script's gzip, which is written in JavaScript: measured on the full-corpus site (13,571 pages),
a five-word quote phrase found its first result in 121-123 ms instead of 158-184 ms warm, a
surname in 91-93 ms instead of 112-122 ms, for 14.9 MB of chunks on disk instead of 6.4 MB.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import struct
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class Unreadable(ValueError):
    """A file that is not in the format this module knows."""


# -- CBOR, the subset Pagefind writes --------------------------------------------------------


def _head(major: int, value: int) -> bytes:
    """The shortest head of a CBOR item (major type and length or value)."""
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size, fmt in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + struct.pack(fmt, value)
    raise Unreadable(f"integer too large for CBOR: {value}")


def encoded(item: Any) -> bytes:
    """`item` as CBOR, every length in its shortest form."""
    if isinstance(item, bool) or item is None:
        return bytes([0xF5 if item is True else 0xF4 if item is False else 0xF6])
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, str):
        data = item.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(encoded(part) for part in item)
    if isinstance(item, dict):
        body = b"".join(encoded(k) + encoded(v) for k, v in item.items())
        return _head(5, len(item)) + body
    raise Unreadable(f"cannot write {type(item).__name__} as CBOR")


def decoded(data: bytes) -> Any:
    """The one CBOR item `data` holds."""
    item, end = _item(data, 0)
    if end != len(data):
        raise Unreadable("trailing bytes after the CBOR item")
    return item


def _item(data: bytes, at: int) -> tuple[Any, int]:
    if at >= len(data):
        raise Unreadable("truncated CBOR")
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise Unreadable(f"unsupported CBOR simple value {info}")
        return simple[info], at
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise Unreadable("indefinite-length CBOR is not supported")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            part, at = _item(data, at)
            items.append(part)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = _item(data, at)
            mapping[key], at = _item(data, at)
        return mapping, at
    raise Unreadable(f"unsupported CBOR major type {major}")


# -- Pagefind's files ------------------------------------------------------------------------


def read_pagefind(path: Path) -> Any:
    """The CBOR content of a Pagefind file, checked to write back to the same bytes."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise Unreadable(f"{path.name} does not start with Pagefind's signature")
    body = raw[len(SIGNATURE) :]
    item = decoded(body)
    if encoded(item) != body:
        raise Unreadable(f"{path.name} does not read back to the same bytes")
    return item


def pagefind_bytes(item: Any) -> bytes:
    """A Pagefind file's bytes: gzip, with no time or name in its header."""
    return gzip.compress(SIGNATURE + encoded(item), compresslevel=6, mtime=0)


def sorted_filter(item: Any) -> Any:
    """A filter file's content, `[name, [[value, [page...]]...]]`, its values in order."""
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
        raise Unreadable("unexpected shape of a filter file")
    return [item[0], sorted(item[1], key=lambda pair: str(pair[0]))]


def sorted_meta(item: Any) -> Any:
    """A metadata file's content, `[version, index chunks, fragments, filters, sorts, ...]`,
    with its filters (`[name, file]` pairs, in hash-map order) and sorts in order."""
    if not (isinstance(item, list) and len(item) >= 5):
        raise Unreadable("unexpected shape of the metadata file")
    return [*item[:3], sorted(item[3], key=str), sorted(item[4], key=str), *item[5:]]


def _renamed(old: Path, item: Any, stem: str, digits: int, prefix: str, suffix: str) -> str:
    """Write `item` as `<prefix><stem><digest><suffix>` beside `old`, in its place; the new
    hash (`<stem><digest>`, as Pagefind names its files) is returned."""
    data = pagefind_bytes(item)
    new_hash = f"{stem}{hashlib.sha256(data).hexdigest()[:digits]}"
    old.unlink()
    (old.parent / f"{prefix}{new_hash}{suffix}").write_bytes(data)
    return new_hash


def _replaced(item: Any, names: dict[str, str]) -> Any:
    """`item` with every string found in `names` replaced by its new name."""
    if isinstance(item, str):
        return names.get(item, item)
    if isinstance(item, list):
        return [_replaced(part, names) for part in item]
    if isinstance(item, dict):
        return {key: _replaced(value, names) for key, value in item.items()}
    return item


def unpack_chunks(bundle: Path) -> int:
    """Store the index chunks of the Pagefind index in `bundle` unpacked (see the module's
    docstring); how many were unpacked. A chunk already unpacked stays as it is; one that is
    not Pagefind's is left as it is, and said in the log. A file is replaced, never written
    through (it may be a link to a previous site's)."""
    unpacked = 0
    for chunk in sorted((bundle / "index").glob("*.pf_index")):
        with chunk.open("rb") as file:
            if file.read(len(SIGNATURE)) == SIGNATURE:
                continue
        try:
            raw = gzip.decompress(chunk.read_bytes())
        except (OSError, EOFError) as exc:
            log.warning("%s is not a Pagefind index chunk (%s), left as it is", chunk, exc)
            continue
        if not raw.startswith(SIGNATURE):
            log.warning("%s is not a Pagefind index chunk, left as it is", chunk)
            continue
        chunk.unlink()
        chunk.write_bytes(raw)
        unpacked += 1
    return unpacked


def make_reproducible(bundle: Path) -> None:
    """Rewrite the filter, metadata and entry files of the Pagefind index in `bundle` so that
    the same site always gives the same bytes (see the module's docstring)."""
    try:
        _canonical_bundle(bundle)
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
        log.warning("the search index of %s may differ between builds (%s)", bundle, exc)


def _canonical_bundle(bundle: Path) -> None:
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = str(language["hash"])
        stem = old_meta.partition("_")[0] + "_"
        names: dict[str, str] = {}
        for found in sorted((bundle / "filter").glob(f"{stem}*.pf_filter")):
            content = sorted_filter(read_pagefind(found))
            old_name = found.name.removesuffix(".pf_filter")
            names[old_name] = _renamed(found, content, stem, 7, "", ".pf_filter")
        meta_path = bundle / f"pagefind.{old_meta}.pf_meta"
        meta = sorted_meta(_replaced(read_pagefind(meta_path), names))
        language["hash"] = _renamed(meta_path, meta, stem, 10, "pagefind.", ".pf_meta")
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    (bundle / ENTRY).write_text(text, encoding="utf-8")
