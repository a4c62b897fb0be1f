"""The exception hierarchy: every content error names its file and line."""

from __future__ import annotations

import pytest

from generator.errors import (
    WARNING,
    ConfigError,
    ContentError,
    ContentErrors,
    DossierError,
    Problem,
)


def test_a_content_error_names_file_line_and_hint() -> None:
    error = ContentError("content/articles/a.md", 12, "no title", "add a '# Title' line")
    assert str(error) == "content/articles/a.md:12: no title (add a '# Title' line)"
    assert error.problem == Problem("content/articles/a.md", 12, "no title", "add a '# Title' line")


def test_a_content_error_without_a_line_names_the_file_only() -> None:
    assert str(ContentError("curation.yml", 0, "not a mapping")) == "curation.yml: not a mapping"


def test_several_problems_show_the_first_and_count_the_rest() -> None:
    problems = [Problem("a.md", 3, "bad date"), Problem("a.md", 9, "bad url")]
    error = ContentErrors(problems)
    assert str(error) == "a.md:3: bad date (and 1 more in this file)"
    assert error.problems == tuple(problems)
    assert str(ContentErrors(problems[:1])) == "a.md:3: bad date"


def test_a_problem_reads_as_where_severity_message_hint() -> None:
    assert str(Problem("a.md", 4, "odd quote", "close it", WARNING)) == (
        "a.md:4: warning: odd quote (close it)"
    )
    assert Problem("a.md", 0, "x").where == "a.md"


@pytest.mark.parametrize("error", [ContentError("a.md", 1, "x"), ConfigError("bad key")])
def test_every_error_the_user_can_fix_is_a_dossier_error(error: Exception) -> None:
    assert isinstance(error, DossierError)
