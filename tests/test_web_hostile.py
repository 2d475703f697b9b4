"""Hostile input to the web app (issue 21): parameters out of range, NUL characters, FTS syntax,
formula cells in CSV exports, a flood of ingest posts, cross-site writes and password guessing.

Parameters run on SQLite and on PostgreSQL, in process (Starlette's TestClient over the real app
and a real store); every answer must be a one-line 4xx, never a 5xx.
"""
from __future__ import annotations

import csv
import io
import sqlite3
import threading
import time

import pytest

from armstrack.web import create_app
from conftest import copy_store
from webutil import in_process

LONG_Q = "x" * 600            # over the 500 characters a search takes, under the URL limit
HUGE_Q = "x" * 60_000         # the issue's: SQLite's "LIKE or GLOB pattern too complex"
BIG_PAGE = "9223372036854775807"


@pytest.fixture(scope="module")
def hostile(examples_db, backend, _pg_url, tmp_path_factory):
    """An app over a copy of the examples on `backend`, with the full claim count."""
    url = copy_store(examples_db, backend, tmp_path_factory.mktemp("hostile"))
    client = in_process(create_app(url), raise_server_exceptions=False)
    return client, client.get("/api/claims").json()["total"]


DATED = ("/api/claims", "/api/events", "/api/articles", "/api/network", "/timeline", "/claims.csv",
         "/claims.jsonl", "/network.graphml", "/network", "/claims", "/articles")


@pytest.mark.parametrize("path", DATED)
def test_the_last_representable_day_is_a_date_not_an_overflow(hostile, path):
    client, total = hostile
    for query in ("until=9999-12-31", "since=9999-12-31", "until=9999", "since=0001-01-01"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (query, response.text[:200])
    if path == "/api/claims":
        assert client.get(path, params={"until": "9999-12-31"}).json()["total"] == total
        assert client.get(path, params={"since": "9999-12-31"}).json()["total"] == 0


@pytest.mark.parametrize("url, status, says", [
    (f"/api/claims?page={BIG_PAGE}", 422, "page"),
    (f"/claims?page={BIG_PAGE}", 400, "page"),
    (f"/claims?page=100001", 400, "100,000"),
    (f"/claims?per_page={BIG_PAGE}", 400, "per_page"),
    (f"/api/events?page={BIG_PAGE}", 422, "page"),
    (f"/timeline?page={BIG_PAGE}", 422, "page"),
    ("/api/articles?q=%00", 400, "NUL"),
    ("/articles?q=a%00b", 400, "NUL"),
    ("/search?q=%00", 400, "NUL"),
    ("/api/claims?q=%00", 400, "NUL"),
    ("/api/articles?outlet=%00", 400, "NUL"),
    ("/api/articles/%00", 400, "NUL"),
    ("/claims/cl-%00", 400, "NUL"),
    (f"/api/claims?q={LONG_Q}", 400, "at most 500"),
    (f"/claims?q={LONG_Q}", 400, "at most 500"),
    (f"/articles?q={LONG_Q}", 400, "at most 500"),
    (f"/claims?supplier={LONG_Q}", 400, "at most 200"),
    (f"/api/claims?q={HUGE_Q}", 414, "limit"),
    (f"/search?q={HUGE_Q}", 414, "limit"),
    ("/api/claims?since=99999y", 400, "too far back"),
    ("/api/claims?until=0000-01-01", 400, "no such date"),
])
def test_hostile_parameters_get_a_one_line_4xx(hostile, url, status, says):
    client, _ = hostile
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == status, response.text[:300]
    message = response.json()["error"]["message"]
    assert says in message and "\n" not in message


@pytest.mark.parametrize("q", ['"', "'", "NEAR(", "*", "a AND", "OR", "title:x", "x)", "^", "-Iran", "%_\\"])
def test_full_text_syntax_in_a_search_is_words(hostile, q):
    client, _ = hostile
    for path in ("/api/articles", "/articles", "/search", "/api/claims"):
        response = client.get(path, params={"q": q})
        assert response.status_code == 200, (path, q, response.text[:200])


def test_review_bodies_with_a_nul_are_refused_not_stored(hostile):
    client, _ = hostile
    claim = client.get("/api/claims").json()["items"][0]["id"]
    for body in ({"action": "accept", "target": claim, "by": "a\x00", "why": "x"},
                 {"action": "accept", "target": claim + "\x00", "by": "a", "why": "x"}):
        response = client.post("/api/review", json=body)
        assert response.status_code == 422 and "NUL" in response.json()["error"]["message"]
    assert client.get("/api/reviews").json()["total"] == 0


# ---- exports and ingest jobs (SQLite only: they do not depend on the engine) ---------------
@pytest.fixture
def writable(examples_db, tmp_path) -> str:
    return copy_store(examples_db, "sqlite", tmp_path)


def wait_for(client, job_id: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/ingest/{job_id}").json()
        if job["state"] in ("finished", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job['state']} after {seconds} s")


def test_csv_cells_that_would_be_formulas_are_text(writable):
    client = in_process(create_app(writable))
    title, outlet = "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1+1)"
    text = ("ANKARA, Nov 3 (Example Wire) - Turkey has delivered six Bayraktar TB2 drones to Kenya, "
            "the Kenyan defence ministry said on Monday.")
    job = client.post("/api/ingest", json={"text": text, "title": title, "outlet": outlet, "published": "2025-11-03"})
    assert wait_for(client, job.json()["id"])["added"] == 1
    reports = list(csv.DictReader(io.StringIO(client.get("/claims.csv", params={"what": "reports", "supplier": "TUR"}).text)))
    assert [(r["title"], r["outlet"]) for r in reports] == [("'" + title, "'" + outlet)]
    raw = client.get("/claims.csv", params={"what": "reports"}).text
    cells = [cell for row in csv.reader(io.StringIO(raw)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    from armstrack.export.tabular import safe_cell

    assert [safe_cell(v) for v in ("-2+3", "+1", "\tx", "\rx", "a=b", -1.5, 3, None)] == \
        ["'-2+3", "'+1", "'\tx", "'\rx", "a=b", -1.5, 3, None]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def threads_of_our_own() -> int:
    """Threads but the server's pool (anyio keeps and adds worker threads for sync endpoints as
    it likes, more on a loaded machine): what a post could have started itself."""
    return sum(1 for t in threading.enumerate() if not t.name.startswith("AnyIO worker thread"))


def test_ingest_posts_wait_in_a_bounded_queue_with_one_worker(writable):
    """A writer holding the store keeps the first job running; two more wait, the rest are
    refused with 503 and Retry-After, and no post starts a thread of its own."""
    client = in_process(create_app(writable, ingest_queue=2))
    before = threads_of_our_own()
    workers = sum(t.name == "armstrack-ingest" for t in threading.enumerate())   # other apps' idle ones
    holder = sqlite3.connect(writable, timeout=30, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")        # the store's write lock, held by another writer
    try:
        texts = [f"Russia delivered {n + 2} Shahed drones to Iran, officials said on day {n}." for n in range(10)]
        first = client.post("/api/ingest", json={"text": texts[0]})
        assert first.status_code == 202
        for _ in range(200):
            if client.get(f"/api/ingest/{first.json()['id']}").json()["state"] == "running":
                break
            time.sleep(0.02)
        answers = [client.post("/api/ingest", json={"text": t}) for t in texts[1:]]
        assert [a.status_code for a in answers] == [202, 202] + [503] * 7
        refused = answers[-1]
        assert refused.headers["retry-after"] == "30" and "try again" in refused.json()["error"]["message"]
        assert threads_of_our_own() <= before + 1
        assert sum(t.name == "armstrack-ingest" for t in threading.enumerate()) == workers + 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    done = [wait_for(client, r.json()["id"]) for r in [first, *answers[:2]]]
    assert [j["state"] for j in done] == ["finished"] * 3
    assert client.post("/api/ingest", json={"text": texts[-1]}).status_code == 202   # room again


# ---- writes from elsewhere, and guessing the token -----------------------------------------
TOKEN = "correct-horse-battery-staple"


def browser(origin: str, site: str = "same-origin") -> dict:
    """The headers a browser adds to a form post from a page at `origin`."""
    return {"Origin": origin, "Sec-Fetch-Site": site, "Accept": "text/html"}


def test_cookie_tossing_from_another_port_of_the_host_is_refused(writable):
    """A page on another port of 127.0.0.1 is same-site: the analyst's SameSite=Strict sign-in
    cookie goes along with its form, and it can set the CSRF cookie to the value its form sends.
    Over real HTTP to uvicorn; before issue 21 the review was written as the attacker."""
    import httpx

    from armstrack.web.security import LOOPBACK_NAMES
    from webutil import Served

    with Served(create_app(writable, token=TOKEN, allowed_hosts=LOOPBACK_NAMES)) as server:
        here, evil = server.url, "http://127.0.0.1:9"
        with httpx.Client(base_url=here) as analyst:
            analyst.get("/login")
            signed_in = analyst.post("/login", data={"token": TOKEN, "csrf": analyst.cookies["armstrack_csrf"]},
                                     headers=browser(here))
            assert signed_in.status_code == 303 and analyst.cookies["armstrack_token"] == TOKEN
            claim = analyst.get("/api/claims").json()["items"][0]["id"]

            def attack(csrf: str, headers: dict) -> int:
                form = {"action": "reject", "target": claim, "by": "attacker", "why": "tossed", "csrf": csrf}
                cookies = {"armstrack_token": TOKEN, "armstrack_csrf": csrf}   # the browser sends both
                return httpx.post(here + "/review", data=form, cookies=cookies, headers=headers).status_code

            assert attack("chosen-by-the-attacker", browser(evil, "same-site")) == 403
            assert attack("chosen-by-the-attacker", {"Origin": evil}) == 403            # no Sec-Fetch-Site
            assert attack("chosen-by-the-attacker", {"Sec-Fetch-Site": "same-site"}) == 403
            assert attack("chosen-by-the-attacker", {}) == 403                          # neither header
            # a CSRF value this server really minted, for a visitor who is not signed in: bound to
            # no session, so it stands for no one even with this site's own headers
            anonymous = httpx.get(here + "/claims").cookies["armstrack_csrf"]
            assert attack(anonymous, browser(here)) == 403
            assert analyst.get("/api/reviews").json()["total"] == 0
            # the analyst's own page, with the value it was given after signing in, still writes
            analyst.get(f"/claims/{claim}")
            form = {"action": "accept", "target": claim, "by": "ana", "why": "checked", "csrf": analyst.cookies["armstrack_csrf"]}
            done = analyst.post("/review", data=form, headers=browser(here))
            assert done.status_code == 303, done.text[:200]
            assert [r["by"] for r in analyst.get("/api/reviews").json()["items"]] == ["ana"]


def test_json_writes_from_another_origin_are_refused_programs_send_the_bearer(writable):
    claim_body = lambda who: {"action": "accept", "target": claim, "by": who, "why": "checked"}  # noqa: E731
    open_app = in_process(create_app(writable))
    claim = open_app.get("/api/claims").json()["items"][0]["id"]
    assert open_app.post("/api/review", json=claim_body("curl")).status_code == 200       # no browser headers
    assert open_app.post("/api/review", json=claim_body("page"), headers=browser("http://testserver")).status_code == 200
    for headers in (browser("http://127.0.0.1:9", "same-site"), {"Origin": "null"}, {"Origin": "http://testserver.evil"},
                    {"Sec-Fetch-Site": "cross-site"}):
        refused = open_app.post("/api/review", json=claim_body("evil"), headers=headers)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "cross_site", headers
    # behind a proxy that keeps the public name in X-Forwarded-Host
    proxied = {"Origin": "https://armstrack.example.org", "X-Forwarded-Host": "armstrack.example.org"}
    assert open_app.post("/api/review", json=claim_body("proxied"), headers=proxied).status_code == 200
    guarded = in_process(create_app(writable, token=TOKEN))
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.post("/api/review", json=claim_body("bot"), headers=bearer).status_code == 200
    assert guarded.post("/api/review", json=claim_body("evil"),
                        headers={**bearer, **browser("http://127.0.0.1:9", "same-site")}).status_code == 403
    assert [r["by"] for r in open_app.get("/api/reviews").json()["items"]] == ["curl", "page", "proxied", "bot"]


def test_wrong_tokens_lock_the_client_out_for_longer_each_time(writable):
    client = in_process(create_app(writable, token=TOKEN), follow_redirects=False)
    client.get("/login")

    def login(token: str):
        return client.post("/login", data={"token": token, "csrf": client.cookies["armstrack_csrf"]},
                           headers=browser("http://testserver"))

    assert [login(f"guess-{n}").status_code for n in range(5)] == [401] * 5
    locked = login(TOKEN)                                     # even the right one waits
    assert locked.status_code == 429 and locked.headers["retry-after"] == "1"
    body = {"action": "accept", "target": "cl-0", "by": "a", "why": "b"}
    assert client.post("/api/review", json=body, headers={"Authorization": "Bearer guess"}).status_code == 429
    time.sleep(1.05)
    assert login("guess-again").status_code == 401            # the 6th wrong one: locked twice as long
    assert login(TOKEN).headers["retry-after"] == "2"
    started = time.monotonic()
    answers = [login(f"guess-{n}").status_code for n in range(300)]
    took = time.monotonic() - started
    # compared only as each lockout ends, 2 s, 4 s, 8 s ... apart: a handful in `took` s, not 300
    assert answers[0] == 429 and answers.count(401) <= int(took).bit_length(), (took, answers.count(401))
    time.sleep(int(login(TOKEN).headers.get("retry-after", "0")) + 0.05)
    assert login(TOKEN).status_code == 303                    # the right token, once free, clears the count
    client.cookies.clear()
    client.get("/login")
    assert [login(f"later-{n}").status_code for n in range(6)] == [401] * 5 + [429]


def test_uploads_of_a_postgresql_store_go_to_the_data_folder_not_a_folder_named_by_its_url(tmp_path, monkeypatch):
    from armstrack.web.jobs import uploads_folder

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = "postgresql://ana:s3cret-password@db.example/armstrack"
    folder = uploads_folder(url)
    assert folder.startswith(str(tmp_path / "data" / "armstrack" / "uploads")) and "s3cret" not in folder
    assert uploads_folder(url) == folder != uploads_folder(url + "2")
    assert uploads_folder(str(tmp_path / "a.db")) == str(tmp_path / "a.db") + ".uploads"
    assert uploads_folder(f"sqlite:///{tmp_path}/a.db") == str(tmp_path / "a.db") + ".uploads"
