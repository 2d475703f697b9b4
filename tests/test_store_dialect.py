"""The two engines' spellings (issue 22): one `Dialect` each, asked where the SQL is written, and
nothing rewriting a statement on its way to PostgreSQL but its placeholders (`pyformat`)."""
from __future__ import annotations

import ast

import pytest

import armstrack
from armstrack.store.dialect import POSTGRES, SQLITE, Where, condition, dialect_of
from conftest import ROOT

STORE = ROOT / "src" / "armstrack" / "store"


# ---- no regular expression over SQL ----------------------------------------------------
def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports_re(tree) -> bool:
    return any(isinstance(node, ast.Import) and any(a.name == "re" for a in node.names)
               or isinstance(node, ast.ImportFrom) and node.module == "re" for node in ast.walk(tree))


@pytest.mark.parametrize("name", ["postgres.py", "dialect.py"])
def test_the_engines_own_modules_use_no_regular_expression(name):
    tree = _tree(STORE / name)
    assert not _imports_re(tree), f"store/{name} imports re: SQL is spelled by store/dialect.py, not rewritten"
    assert "re.compile" not in (STORE / name).read_text(encoding="utf-8")


# the regular expressions store/ keeps, none of them over SQL
NOT_SQL = {"search.py": "reads the user's search words (fts_query)",
           "urls.py": "hides a URL's password (safe_url)"}


def test_nothing_in_the_store_rewrites_sql_with_a_regular_expression():
    """A `.sub`/`.subn` call (re.sub, or a compiled pattern's) is how SQL was rewritten for
    PostgreSQL; only the modules of NOT_SQL use `re`, for text that is not SQL."""
    found, importers = [], []
    for path in sorted(STORE.glob("*.py")):
        tree = _tree(path)
        if _imports_re(tree):
            importers.append(path.name)
        if path.name not in NOT_SQL:
            found += [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and node.func.attr in ("sub", "subn")]
    assert found == []
    assert set(importers) <= set(NOT_SQL), "store/ modules using re beyond NOT_SQL"


# ---- the placeholder scan --------------------------------------------------------------
@pytest.mark.parametrize("sql, expected", [
    ("SELECT id FROM claims WHERE id = ?", "SELECT id FROM claims WHERE id = %s"),
    ("VALUES (?,?,?)", "VALUES (%s,%s,%s)"),
    # in a string literal a question mark is text, and a percent sign is doubled all the same
    ("SELECT '?' || ?", "SELECT '?' || %s"),
    ("WHERE category LIKE '% drone' AND id = ?", "WHERE category LIKE '%% drone' AND id = %s"),
    ("WHERE n % 2 = ?", "WHERE n %% 2 = %s"),
    # a doubled quote stays inside its literal
    ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', %s"),
    ("SELECT '', ?", "SELECT '', %s"),
    ("SELECT ''''", "SELECT ''''"),
    # quoted names and comments are not code either
    ('SELECT "a?b" FROM t WHERE x = ?', 'SELECT "a?b" FROM t WHERE x = %s'),
    ("SELECT 1 -- why? 100%\nWHERE x = ?", "SELECT 1 -- why? 100%%\nWHERE x = %s"),
    ("SELECT x - ? - 1", "SELECT x - %s - 1"),
    ("ESCAPE '\\' AND y = ?", "ESCAPE '\\' AND y = %s"),
])
def test_pyformat_turns_placeholders_into_psycopgs(sql, expected):
    pytest.importorskip("psycopg")
    from armstrack.store.postgres import pyformat

    assert pyformat(sql) == expected


def test_pyformat_reads_a_statement_once():
    pytest.importorskip("psycopg")
    from armstrack.store.postgres import pyformat

    sql = "SELECT 1 WHERE 2 = ? -- test_pyformat_reads_a_statement_once"
    pyformat(sql)
    hits = pyformat.cache_info().hits
    pyformat(sql)
    assert pyformat.cache_info().hits == hits + 1


# ---- the spellings ---------------------------------------------------------------------
def test_each_engine_spells_its_differences():
    assert (SQLITE.json_text("c.data", "item.category"), POSTGRES.json_text("c.data", "item.category")) == (
        "json_extract(c.data, '$.item.category')", "(c.data::jsonb #>> '{item,category}')")
    assert (SQLITE.json_length("data", "reports"), POSTGRES.json_length("data", "reports")) == (
        "json_array_length(data, '$.reports')", "jsonb_array_length(data::jsonb -> 'reports')")
    assert (SQLITE.group_concat("supplier", distinct=True), POSTGRES.group_concat("supplier", distinct=True)) == (
        "group_concat(DISTINCT supplier)", "string_agg(DISTINCT supplier, ',')")
    assert (SQLITE.like, POSTGRES.like) == ("LIKE", "ILIKE")
    assert (SQLITE.unindexed("e.type"), POSTGRES.unindexed("e.type")) == ("+e.type", "e.type")
    assert (SQLITE.indexed_by("claims", "i"), POSTGRES.indexed_by("claims", "i")) == ("claims INDEXED BY i", "claims")
    assert (SQLITE.nulls_first("d"), POSTGRES.nulls_first("d")) == ("d", "d NULLS FIRST")
    assert (SQLITE.integer, SQLITE.real, POSTGRES.integer, POSTGRES.real) == (
        "INTEGER", "REAL", "BIGINT", "DOUBLE PRECISION")
    assert (SQLITE.serial_key, POSTGRES.serial_key) == (
        "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")


def test_a_condition_is_spelled_for_the_engine_that_runs_it():
    class Pg:
        dialect = POSTGRES

    where = Where(lambda d: f" WHERE category {d.like} ?")
    assert (condition(object(), where), condition(Pg(), where)) == (
        " WHERE category LIKE ?", " WHERE category ILIKE ?")
    assert condition(Pg(), " WHERE id = ?") == " WHERE id = ?"


def test_the_spellings_read_alike_on_both_engines(db_url):
    """What each spelling means, asked of the engine itself: the same answers on both."""
    with armstrack.open_store(db_url) as store:
        db = store.db
        d = dialect_of(db)
        assert d is store.dialect is (POSTGRES if armstrack.store.is_postgres(db_url) else SQLITE)
        doc = '{"a": {"b": "deep"}, "grade": "B2", "reports": [1, 2, 3]}'
        one = ("WITH t(data) AS (SELECT CAST(? AS TEXT)) SELECT"
               f" {d.json_text('data', 'a.b')}, {d.json_text('data', 'grade')}, {d.json_text('data', 'none')},"
               f" {d.json_length('data', 'reports')}, 'Drone' {d.like} 'drONE', {d.unindexed('data')} = ? FROM t")
        # SQLite's true is 1, PostgreSQL's True: equal in Python
        assert tuple(db.execute(one, (doc, doc)).fetchone()) == ("deep", "B2", None, 3, True, True)
        rows = ("WITH t(x) AS (VALUES ('b'), ('a'), ('b'), (NULL))"
                f" SELECT {d.group_concat('x', distinct=True)} FROM t")
        assert sorted(db.execute(rows).fetchone()[0].split(",")) == ["a", "b"]
        order = f"WITH t(x) AS (VALUES ('b'), (NULL), ('a')) SELECT x FROM t ORDER BY {d.nulls_first('x')}"
        assert [r[0] for r in db.execute(order)] == [None, "a", "b"]
        with db:
            db.execute(f"CREATE TABLE dialect_check (id {d.serial_key}, n {d.integer}, x {d.real})")
            db.execute("INSERT INTO dialect_check (n, x) VALUES (?, ?)", (2 ** 40, 0.1))
            db.execute("INSERT INTO dialect_check (n, x) VALUES (?, ?)", (1, 1e300))
        assert [tuple(r) for r in db.execute("SELECT id, n, x FROM dialect_check ORDER BY id")] == [
            (1, 2 ** 40, 0.1), (2, 1, 1e300)]
