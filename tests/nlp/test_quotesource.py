"""The medium, occasion and date of a quotation, read from the words around it.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

from typing import Any

from tests.nlp.inline import pasted, speaker_name


def test_name_after_the_quote_with_cue_source_and_date(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“The harbour will reopen next month,” John Harper said on Tuesday, in remarks carried "
        "by the Northern Gazette.",
    )
    (q,) = a.quotes
    assert (speaker_name(a, q), q.via, q.cue, q.date, q.partial) == (
        "John Harper",
        "name",
        "said",
        "Tuesday",
        False,
    )
    assert q.source == "in remarks carried by the Northern Gazette"
