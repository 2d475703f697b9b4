"""Search as analysts type it (issue 24): OR, "phrases" and prefixes in article search, passed to
FTS5 safely; plurals in claim search and category filters."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from armstrack.cli import cli
from armstrack.resolve.filters import FilterError, check_category
from armstrack.store.search import fts_query


def found(db: str, *words: str) -> int:
    result = CliRunner().invoke(cli, ["articles", "search", *words, "--db", db])
    assert result.exit_code == 0, result.output
    return 0 if result.output.startswith("(no articles)") else result.output.count("event(s)")


@pytest.mark.parametrize("typed, query", [
    ("Shahed OR Geran", '"Shahed" OR "Geran"'),
    ('"IRIS-T SLM" delivered', '"IRIS-T SLM" "delivered"'),
    ("Sha*", '"Sha" *'),
    ("drones NOT Shahed", '"drones" NOT "Shahed"'),
    ("OR drones AND", '"drones"'),                      # an operator with no term on a side is dropped
    ('a - b : c "open', '"a" "-" "b" ":" "c" "open"'),  # punctuation and a stray quote are words
    ("NOT", ""),
])
def test_the_fts_query_keeps_the_syntax_people_type_and_quotes_the_rest(typed, query):
    assert fts_query(typed) == query


def test_article_search_takes_or_phrases_and_prefixes(examples_db):
    shahed, iris = found(examples_db, "Shahed"), found(examples_db, "IRIS-T")
    assert shahed >= 1 and iris >= 1
    assert found(examples_db, "Shahed OR IRIS-T") == shahed + iris   # no example names both
    assert found(examples_db, "Shahed IRIS-T") == 0                   # every word, as before
    assert found(examples_db, "Sha*") >= shahed
    assert found(examples_db, '"IRIS-T SLM"') == iris
    for hostile in ("(", "*", '""', "NOT"):     # nothing to look for: no results, no error
        assert found(examples_db, hostile) == 0
    assert found(examples_db, "near(") == found(examples_db, "near") > 0   # FTS5's NEAR is a word here
    found(examples_db, "a:b")                    # a column filter's syntax is a word, not an error


def test_a_plural_finds_claims_and_names_categories(examples_db):
    result = CliRunner().invoke(cli, ["claims", "--q", "drones", "--db", examples_db, "--json"])
    assert result.exit_code == 0 and "shahed-136" in result.output.lower()
    assert check_category("drones") == "drone"
    assert check_category("anti-ship missiles") == "anti-ship missile"
    assert check_category("missiles") == "missiles" and check_category("missile") == "missiles" or \
        check_category("missile") == "missile"
    with pytest.raises(FilterError):
        check_category("bananas")


def test_claims_filter_by_year_and_grade_on_the_command_line(examples_db):
    """The web took year= and grade= (the facets' links); the CLI now does too."""
    import json

    def ids(*args):
        result = CliRunner().invoke(cli, ["claims", "--db", examples_db, "--json", *args])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    every = ids()
    for claim in every:
        assert claim["id"] in [c["id"] for c in ids("--grade", claim["grade"])]
        assert all(c["grade"].startswith(claim["grade"][0]) for c in ids("--grade", claim["grade"][0]))
    assert sum(len(ids("--grade", letter)) for letter in "ABCDEF") == len(every)
    bad = CliRunner().invoke(cli, ["claims", "--db", examples_db, "--year", "22"])
    assert bad.exit_code == 1 and "a year, as 2024" in bad.output
