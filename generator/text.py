"""Small pure helpers on strings shared by several stages."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from generator import lexicon

_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80
# C0/C1 control characters other than tab and newline, and the Unicode non-characters: never
# meaningful in an article, and some (STX/ETX) are Python-Markdown's own placeholder markers.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# Letters without a decomposition that NFKD cannot fold to ASCII on its own.
_FOLD = str.maketrans(dict(lexicon.word_table("letters", "ascii_folds")))
BINARY_CONTROL_SHARE = 0.01
# Abbreviations after which a full stop does not end a sentence: titles, "Inc", months' short forms.
ABBREVIATIONS = lexicon.word_list("sentences", "abbreviations") + tuple(
    short for forms in lexicon.word_groups("dates", "months").values() for short in forms
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and the encoding it turned out to be in."""

    text: str
    encoding: str  # "utf-8" or "cp1252" (the fallback for stray Latin-1 bytes)


def normalized_text(raw: str) -> str:
    """Text with the BOM and control characters dropped, newlines as LF, Unicode in NFC form."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", CONTROL_CHARACTERS.sub("", text))


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM); otherwise Windows-1252, Latin-1 for its five unused bytes."""
    try:
        return Decoded(normalized_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors=_LATIN1_FALLBACK)
        return Decoded(normalized_text(text), "cp1252")


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


_LATIN1_FALLBACK = "dossier-latin1"
codecs.register_error(_LATIN1_FALLBACK, _as_latin1)


def decoded_text(data: bytes, path: str = "") -> str:
    """The text of `data` as `decode` reads it."""
    return decode(data).text


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: a NUL byte, or more than 1% control characters."""
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x0b")
    return controls > BINARY_CONTROL_SHARE * max(len(head), 1)


def slug(text: str) -> str:
    """A readable, filesystem- and URL-safe slug; never empty, never a path.

    Deterministic, and the same for the same name whatever its case or Unicode form. Names that
    would lose letters on the way to ASCII (other scripts) or be cut to MAX_SLUG characters keep
    a short hash of the whole name, so that different names never share a slug that way.
    """
    name = " ".join(nfkc_casefold(text).split())
    folded = _decomposed(name)
    ascii_text = folded.encode("ascii", "ignore").decode()
    lost = any(unicodedata.category(ch)[0] in "LN" for ch in folded if not ch.isascii()) or not any(
        ch.isalnum() for ch in ascii_text
    )
    out = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(out) > MAX_SLUG - 9:
        out = out[: MAX_SLUG - 9].rsplit("-", 1)[0] or out[: MAX_SLUG - 9]
        lost = True
    if lost:
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        out = f"{out}-{digest}" if out else f"x-{digest}"
    return out


def without_accents(text: str) -> str:
    """`text` with the accents of its letters taken off ("Erdoğan" -> "Erdogan"), in its case;
    letters of other scripts are kept."""
    if text.isascii():
        return text  # nothing to take off (most names): no Unicode normalisation
    bare = "".join(ch for ch in _decomposed(text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


def _decomposed(text: str) -> str:
    """`text` with its letters split into base letter and accents (NFKD), and the letters NFKD
    leaves whole ("ł", "ø") folded by the data file."""
    return unicodedata.normalize("NFKD", text.translate(_FOLD))


def nfkc_casefold(text: str) -> str:
    """`text` with case and Unicode form folded away (Unicode's NFKC_Casefold, near enough)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def not_after_abbreviation(stop: str = "") -> str:
    """Regex lookbehinds that fail right after an abbreviation and then `stop` (a regex, such as
    a full stop): where a sentence break may not be."""
    return "".join(rf"(?<!\b{re.escape(word)}{stop})" for word in ABBREVIATIONS)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_Trie = dict[str, "_Trie"]
_END = ""  # the key that marks the end of a word in a trie


def literal_trie_pattern(words: Iterable[str]) -> str:
    """A regex group matching any of `words` literally, the longest first, as `alternation`
    does, but shaped as a trie: matching costs the length of a word at each position, not the
    number of words (thousands of names in one hostile article)."""
    trie: _Trie = {}
    for word in words:
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[_END] = {}
    return f"(?:{_trie_pattern(trie)})" if trie else "(?!)"


def _trie_pattern(node: _Trie) -> str:
    """The pattern of a trie's node; a word that ends here is tried after every longer one
    (a greedy optional group), so the longest match wins."""
    branches = []
    for char, child in sorted(node.items()):
        if char == _END:
            continue
        chain = char
        while len(child) == 1 and _END not in child:  # a run without choices: plain literal
            (next_char, child), *_ = child.items()
            chain += next_char
        branches.append(re.escape(chain) + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


# Up to this many words, finding each with str.find costs less than compiling their pattern,
# which an article's names needed once per organisation (a tenth of the analysis, profiled).
FEW_WORDS = 32


def literal_spans(
    text: str, words: Iterable[str], hyphen_after: bool = True
) -> list[tuple[int, int]]:
    """The (start, end) of each match of `words` in `text` as `re.finditer` finds them with
    `(?<![\\w-])` + literal_trie_pattern(words) + `(?![\\w-])` (`(?![\\w])` when not
    `hyphen_after`): whole words, the longest at each place, none overlapping the one before."""
    unique = [w for w in dict.fromkeys(words) if w]
    if len(unique) > FEW_WORDS:
        after = r"[\w-]" if hyphen_after else r"\w"
        pattern = re.compile(rf"(?<![\w-]){literal_trie_pattern(unique)}(?!{after})")
        return [m.span() for m in pattern.finditer(text)]
    ends: dict[int, int] = {}
    for word in unique:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if end > ends.get(at, at) and _stands_alone(text, at, end, hyphen_after):
                ends[at] = end
            at = text.find(word, at + 1)
    spans = []
    last = 0
    for start in sorted(ends):
        if start >= last:
            last = ends[start]
            spans.append((start, last))
    return spans


def _stands_alone(text: str, start: int, end: int, hyphen_after: bool) -> bool:
    """No word character (`\\w`: alphanumeric or underscore) or hyphen just before `start`, no
    word character (or hyphen) at `end`."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or before in "_-":
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after == "_" or (hyphen_after and after == "-"):
            return False
    return True
