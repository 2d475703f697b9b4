"""Claim ids that never vanish (issue 24): a claim id an automatic update retires, because a
later article joins two claims, still resolves, to the claim now holding its reports, in the
library, the CLI, the API and the pages; on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import armstrack
from armstrack import query
from armstrack.cli import cli
from webutil import in_process

# three reports of one deal: the first two more than 730 days apart (two claims), the third
# between them (one claim; the later claim's id is retired)
EARLY = "date: 2020-01-10\n\nRussia has delivered Su-35 fighter jets to Iran, the Iranian defence ministry said on Friday.\n"
LATE = "date: 2023-03-01\n\nRussia delivered more Su-35 fighter jets to Iran, the Iranian defence ministry said on Monday.\n"
BRIDGE = ("date: 2021-08-01\n\nRussia delivered a second batch of Su-35 fighter jets to Iran, the Iranian defence "
          "ministry said.\n")


@pytest.fixture
def db_path(db_url):
    return db_url


def write(folder, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def remerged(db_path, tmp_path) -> tuple[str, str, str]:
    """A store where the bridging article merged two claims: (store, retired id, successor)."""
    with armstrack.open_store(db_path) as store:
        armstrack.ingest([write(tmp_path, "early.txt", EARLY), write(tmp_path, "late.txt", LATE)], store)
        before = {c.first_reported: c.id for c in query.list_claims(store).items}
        assert len(before) == 2
        armstrack.ingest([write(tmp_path, "bridge.txt", BRIDGE)], store)
        [merged] = query.list_claims(store).items
    assert len(merged.reports) == 3
    retired = before["2023-03-01"]
    assert merged.id == before["2020-01-10"] and retired != merged.id
    return db_path, retired, merged.id


def test_an_automatically_retired_id_resolves_in_the_library(remerged):
    db, retired, successor = remerged
    with armstrack.open_store(db) as store:
        view = query.get_claim(store, retired)
        assert (view.id, view.redirected_from) == (successor, retired)
        # a rebuild keeps the same ids, and the redirect stays
        armstrack.claims.rebuild(store)
        assert query.get_claim(store, retired).id == successor


def test_the_cli_says_the_old_id_was_merged(remerged):
    db, retired, successor = remerged
    for flags in ((), ("--explain",)):
        out = CliRunner().invoke(cli, ["claim", retired, "--db", db, *flags])
        assert out.exit_code == 0, out.output
        assert out.output.splitlines()[0].startswith(f"{retired} was merged into {successor}")


def test_the_api_and_the_page_follow_it(remerged, backend):
    if backend != "sqlite":
        pytest.skip("the web app is tested on SQLite here; the library test above runs on both")
    from armstrack.web import create_app

    db, retired, successor = remerged
    client = in_process(create_app(db), follow_redirects=False)
    api = client.get(f"/api/claims/{retired}")
    assert api.status_code == 200 and api.headers["content-location"] == f"/api/claims/{successor}"
    assert (api.json()["id"], api.json()["redirected_from"]) == (successor, retired)
    page = client.get(f"/claims/{retired}")
    assert page.status_code == 307 and page.headers["location"] == f"/claims/{successor}?from={retired}"
    shown = client.get(page.headers["location"]).text
    assert 'id="moved-notice"' in shown and f"{retired}</span> was merged into" in shown
    # a `from` that is no retired id of this claim shows no notice
    assert 'id="moved-notice"' not in client.get(f"/claims/{successor}?from=cl-000000000000").text
