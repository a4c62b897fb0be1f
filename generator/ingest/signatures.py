"""The duplicate index's signatures of the articles read before, kept in the cache folder.

Finding repeats needs a signature of every article's text (generator.ingest.duplicates): its
shingles hashed and their MinHash, 8 s for the 2,800 corpus articles, done again by every build
although only new or changed articles have a new text. One JSON file in the cache folder keeps
them by a digest of the blocks' text (all that a signature reads), so that a build makes only the
signatures of new or edited articles. The file also names the code that made them (FORMAT and
the source of generator/ingest/duplicates.py): from other code, it is not read. An unreadable or
foreign file is no signature, logged, never an error; a build that cannot write it goes on.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import logging
from pathlib import Path

from generator.atomic import write_atomically
from generator.digest import value_digest
from generator.ingest import duplicates
from generator.ingest.duplicates import Signature, signature
from generator.model import Article

log = logging.getLogger(__name__)

FILE = "duplicates.json"  # in the cache folder
FORMAT = 1


@functools.cache
def code_digest() -> str:
    """The signatures' maker: FORMAT and the source of the module that makes them."""
    source = Path(duplicates.__file__).read_bytes()
    return hashlib.sha256(f"format={FORMAT}\0".encode() + source).hexdigest()


def text_digest(article: Article) -> str:
    """A digest of what a signature reads: the text of each block, in order."""
    return value_digest(tuple(block.text for block in article.blocks))


class SignatureCache:
    """The signatures of one cache file: `of(article)` finds an article's or makes it; `save()`
    writes those asked for in this run (only them: an article gone takes its own along), when
    any was made or dropped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored = stored_signatures(path)
        self._used: dict[str, Signature] = {}
        self.made = 0

    def of(self, article: Article) -> Signature:
        key = text_digest(article)
        found = self._used.get(key) or self._stored.get(key)
        if found is None:
            found = signature(article)
            self.made += 1
        self._used[key] = found
        return found

    def save(self) -> None:
        if not self.made and self._used.keys() == self._stored.keys():
            return
        try:
            write_atomically(self.path, signatures_text(self._used))
        except OSError as exc:
            log.warning("duplicate signatures: cannot write %s (%s)", self.path, exc)


def signatures_text(signatures: dict[str, Signature]) -> str:
    entries = {
        key: [found.text, base64.b64encode(found.minhash).decode("ascii")]
        for key, found in sorted(signatures.items())
    }
    data = {"format": FORMAT, "code": code_digest(), "signatures": entries}
    return json.dumps(data, separators=(",", ":")) + "\n"


def stored_signatures(path: Path) -> dict[str, Signature]:
    """The signatures in the file at `path`; none when it is absent, unreadable, damaged or
    written by other code (the last two logged)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("duplicate signatures: cannot read %s (%s); making them again", path, exc)
        return {}
    try:
        return parsed_signatures(text)
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        log.warning("duplicate signatures: ignoring damaged %s (%s)", path, exc)
        return {}


def parsed_signatures(text: str) -> dict[str, Signature]:
    """The signatures of a file's text: empty for another format or other code, ValueError (or
    TypeError, KeyError, AttributeError) for a damaged one."""
    data = json.loads(text)
    if data.get("format") != FORMAT or data.get("code") != code_digest():
        return {}
    found = {}
    for key, (text_key, encoded) in data["signatures"].items():
        minhash = base64.b64decode(encoded, validate=True)
        if not isinstance(text_key, str) or len(minhash) != 4 * duplicates.PERMUTATIONS:
            raise ValueError(f"entry {key!r} is not a signature")
        found[key] = Signature(text_key, minhash)
    return found
