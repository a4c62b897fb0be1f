"""Characters that change how text looks without being seen themselves (core; pure).

A right-to-left override (U+202E) shows "Anna Berg" as "greB annA"; a zero-width joiner inside
"Anna Berg" makes a name that looks the same and is another. Names lose such characters before
they are compared, keyed or shown (`plain_name`: resolve, the curation file), so that one person
has one profile. Everything else from an article keeps them, and the site shows each as a marker
such as ⟨U+202E⟩ (`shown`, applied by generator.site.markdown) instead of letting it act.
"""

from __future__ import annotations

import re

# Bidirectional formatting: the Arabic letter mark, the left-to-right and right-to-left marks,
# embeddings, overrides and their end (U+202A-U+202E), isolates (U+2066-U+2069).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Drawn as nothing: the Mongolian vowel separator, zero-width space, non-joiner and joiner, the
# word joiner and invisible operators, the zero-width no-break space (BOM), tag characters.
ZERO_WIDTH = "\u180e\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f"
# Not seen either, but with a use in running text (a hyphenation point, a grapheme joiner,
# emoji and CJK variation selectors): names lose them, article text keeps them as they are.
IN_NAMES_ONLY = "\u00ad\u034f\ufe00-\ufe0f"
# Drawn as a blank: Hangul fillers. In a name they are a space.
BLANKS = "\u115f\u1160\u3164\uffa0"

_ACTING = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")
_NOT_IN_NAMES = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}{IN_NAMES_ONLY}]")
_BLANK = re.compile(f"[{BLANKS}]")


def plain_name(name: str) -> str:
    """A name without the characters that are not seen (and with a blank as a space), so that
    it is the name it looks like; a name without any comes back as it is."""
    if not (_NOT_IN_NAMES.search(name) or _BLANK.search(name)):
        return name
    return " ".join(_BLANK.sub(" ", _NOT_IN_NAMES.sub("", name)).split())


def shown(text: str) -> str:
    """Text with every bidirectional control and zero-width character as a visible marker
    (⟨U+202E⟩), so that none of them acts on the text around it."""
    if not _ACTING.search(text):
        return text
    return _ACTING.sub(_marker, text)


def _marker(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"
