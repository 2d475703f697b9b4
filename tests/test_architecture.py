"""The house's plumbing (issue 22): no import cycle anywhere in the package, the layers of
pyproject.toml kept (import-linter, also run by `make test`)."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp

from conftest import ROOT

PACKAGE = ROOT / "src" / "armstrack"


def cycles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index, low, on, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_anywhere_in_the_package():
    graph = grimp.build_graph("armstrack", exclude_type_checking_imports=True)  # hints run nothing
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")
    (package / "c.py").write_text("from . import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles(grimp.build_graph("loop")) == [["loop.a", "loop.b"]]


def test_the_layers_are_kept():
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 kept, 0 broken" in done.stdout


# ---- one door to the database (issue 22) ------------------------------------------------
# SQL the code runs, anywhere but store/: a string that starts like a statement or a clause
# (upper case, as armstrack writes all its SQL), a call of execute/executemany/executescript, or
# a reach into a store's connection (`store.db`, `getattr(store, "db")`). The layers above call
# the functions of the store's table modules with `store.connection(store)`.
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|PRAGMA|WHERE|FROM|JOIN"
                       r"|ORDER BY|GROUP BY|LIMIT|VALUES|ON CONFLICT)\b")
EXECUTE = {"execute", "executemany", "executescript"}


def sql_outside_store(package: Path) -> list[str]:
    """Every place outside `package`/store/ that holds SQL or runs it, as 'path:line what'."""
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            where = f"{relative.as_posix()}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_START.match(node.value):
                found.append(f"{where} SQL {node.value.strip()[:50]!r}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in EXECUTE:
                found.append(f"{where} .{node.func.attr}()")
            elif isinstance(node, ast.Attribute) and node.attr == "db":
                found.append(f"{where} .db")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                  and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "db"):
                found.append(f"{where} getattr(, 'db')")
    return found


def test_no_sql_outside_the_store():
    """All SQL lives in store/, one module per table family (docs/architecture.md)."""
    assert sql_outside_store(PACKAGE) == []


def test_the_sql_finder_finds_sql(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "claims.py").write_text('def ids(db):\n    return db.execute("SELECT id FROM claims")\n')
    (tmp_path / "claims.py").write_text(
        'def ids(store, column):\n'
        '    db = getattr(store, "db", None)\n'
        '    sql = f"SELECT {column} FROM claims" + " WHERE review IS NULL"\n'
        '    return store.db.execute(sql)\n'
        'HELP = "read them with psql: SELECT * FROM claims"  # words to a user, not SQL run\n')
    assert sorted(sql_outside_store(tmp_path)) == [
        "claims.py:2 getattr(, 'db')", "claims.py:3 SQL 'FROM claims'", "claims.py:3 SQL 'SELECT'",
        "claims.py:3 SQL 'WHERE review IS NULL'", "claims.py:4 .db", "claims.py:4 .execute()"]


def long_functions(root: Path, limit: int) -> list[str]:
    """Functions (and methods) of more than `limit` lines under `root`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    found.append(f"{path.relative_to(root).as_posix()}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_under_extract_is_over_120_lines():
    """A construction is a unit (issue 22): the reader was one 448-line chain of ifs."""
    assert long_functions(PACKAGE / "extract", 120) == []


def test_the_length_finder_counts_lines(tmp_path):
    (tmp_path / "a.py").write_text("def short():\n    return 1\n\n\nclass C:\n    def long(self):\n"
                                   + "        x = 1\n" * 5)
    assert long_functions(tmp_path, 5) == ["a.py:6 long (6 lines)"]
