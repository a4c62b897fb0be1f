"""Template filters and small text helpers of the render stage: flags, dates, safe values."""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

from generator import lexicon
from generator.site.markdown import md, tag

_MONTH_NAMES = tuple(lexicon.word_groups("dates", "months"))
_MONTHS = {
    form.casefold(): number
    for number, (name, short) in enumerate(lexicon.word_groups("dates", "months").items(), 1)
    for form in (name, *short)
}
_DAY_MONTH = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\s*$")


def flag(code: str) -> str:
    """The flag emoji of an ISO 3166-1 alpha-2 code, in a span that shows the code instead where
    the system cannot draw flags ("" for historic codes)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    if code.upper() in {"YU", "SU", "CS", "DD", "XK"}:
        return ""
    emoji = "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code.upper())
    return f'<span class="flag" data-code="{code.upper()}" aria-hidden="true">{emoji}</span>'


def tag_list(values: Iterable[str]) -> str:
    """The search tags of a page's front matter as a YAML flow list, each value escaped for the
    HTML Material makes of it (`tag`) and quoted safely as a string."""
    items = [tag(v) for v in values]
    return yaml.safe_dump(items, default_flow_style=True, allow_unicode=True, width=1 << 20).strip()


def safe_url(url: str) -> str:
    """The URL when it is a plain http(s) address (never javascript: or data:), else ""."""
    url = url.strip()
    if re.match(r"(?i)^https?://[^\s<>\"']+$", url):
        return url
    return ""


def month_label(year_month: str) -> str:
    """'2024-08' -> 'August 2024'."""
    year, month = year_month.split("-")
    return f"{_MONTH_NAMES[int(month) - 1]} {year}"


def secondary_source(source: str, cue: str) -> str:
    """The source a quote was carried by, without the cue the extraction sometimes repeats in it
    ("told" + "told Russia's Sputnik news agency" -> "Russia's Sputnik news agency")."""
    source = source.strip()
    if cue and source.casefold().startswith(cue.casefold()):
        source = source[len(cue) :].strip(" ,")
    return source


def long_date(iso: str) -> str:
    """'2024-08-07' -> '7 August 2024'; anything else is returned escaped as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return md(iso)
    year, month, day = match.groups()
    return f"{int(day)} {_MONTH_NAMES[int(month) - 1]} {year}"


def iso_date(text: str, published: str) -> str:
    """A quote's date ("Aug. 6", "July 31, 2024") as ISO, the year taken from the article when
    the text has none (the latest such date not after publication); "" when it is no such date."""
    match = _DAY_MONTH.match(text)
    pub = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match or match.group(1).casefold() not in _MONTHS:
        return ""
    month, day = _MONTHS[match.group(1).casefold()], int(match.group(2))
    if not 1 <= day <= 31:
        return ""
    if match.group(3):
        year = int(match.group(3))
    elif pub:
        year = int(pub.group(1))
        if (month, day) > (int(pub.group(2)), int(pub.group(3))):
            year -= 1
    else:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"
