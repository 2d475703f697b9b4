"""Ingest jobs the web form starts: queued, run one at a time by one worker thread, with
progress a page can poll. The queue holds at most `max_queued` jobs; past that a post is refused
with 503 and Retry-After rather than given a thread of its own (300 posts made 220 threads,
issue 21).

Uploads and pasted text are kept beside the store, in `<store>.uploads/<hash>/<name>` (for
PostgreSQL, under the user's data folder: `uploads_folder`): the
article's source then names a file that exists, the same content gets the same path, and the
name is armstrack's (the client's file name lends only its letters, digits, dashes and a
suffix armstrack reads), so nothing a client sends can name a path.
"""
from __future__ import annotations

import hashlib
import os
import queue
import re
import secrets
import threading
from dataclasses import dataclass, field

from ..errors import ArmstrackError
from ..settings import Settings
from ..store import is_postgres, open_store

KEEP_JOBS = 200
MAX_QUEUED = 20          # jobs waiting for the worker; one more is refused
WORKER_IDLE = 10.0       # seconds the worker waits for a job before it ends (the next job starts one)


class QueueFull(ArmstrackError):
    """The ingest queue is full: the client should try again later."""

    status = 503
    retry_after = 30
SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson")


@dataclass
class Job:
    id: str
    total: int
    done: int = 0
    state: str = "queued"          # queued | running | finished | failed
    added: int = 0
    duplicates: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    summary: str = ""
    articles: list[str] = field(default_factory=list)    # ids of the articles stored (new or known)
    claims: list[str] = field(default_factory=list)      # the claims their transfers are reports of

    def to_dict(self) -> dict:
        return {"id": self.id, "total": self.total, "done": self.done, "state": self.state,
                "added": self.added, "duplicates": self.duplicates, "events": self.events,
                "errors": list(self.errors), "summary": self.summary,
                "articles": list(self.articles), "claims": list(self.claims)}


def safe_name(filename: str | None) -> str:
    """A file name for an upload: its letters, digits and dashes only, and a suffix armstrack
    reads (the client's if it is one, else .txt); never a path."""
    stem, suffix = os.path.splitext(os.path.basename((filename or "").replace("\\", "/")))
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_")[:60] or "pasted"
    suffix = suffix.lower() if suffix.lower() in SUFFIXES else ".txt"
    return f"{stem}{suffix}"


def uploads_folder(store_path: str) -> str:
    """Where a store's uploads are kept: beside an SQLite file (`<store>.uploads`); a PostgreSQL
    store (or :memory:) has no folder, so under the user's data folder, named by a hash of its
    URL. The URL itself, which may hold a password, made a folder of that name under the
    server's working directory before (issue 21)."""
    if is_postgres(store_path) or store_path == ":memory:":
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
        return os.path.join(base, "armstrack", "uploads", hashlib.sha256(store_path.encode()).hexdigest()[:16])
    return os.path.abspath(store_path.removeprefix("sqlite:///")) + ".uploads"


class Jobs:
    """The ingest jobs of one app, by id; one worker thread runs them in turn (they share the
    store, `settings.store_url`), started with the first job. Each job ingests with `settings`."""

    def __init__(self, settings: Settings, *, max_queued: int = MAX_QUEUED, uploads: str | None = None):
        self.settings = settings
        self.uploads = os.path.abspath(uploads) if uploads else uploads_folder(settings.store_url)
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue = queue.Queue(maxsize=max_queued)
        self.lock = threading.Lock()          # taking a place in the queue; starting the worker
        self.worker: threading.Thread | None = None

    def start(self, files: list[tuple[str, bytes]], urls: list[str] = ()) -> Job:
        """Keep `files` (client file name, content) beside the store and queue their ingest,
        with `urls` fetched by the job (private addresses refused unless the server allows
        them); QueueFull when `max_queued` jobs already wait."""
        with self.lock:
            if self.queue.full():
                raise QueueFull(f"{self.queue.qsize()} ingest jobs are already waiting; try again when "
                                "they have run (GET /api/ingest/JOB_ID shows their progress)")
            return self._queue(files, list(urls))

    def _queue(self, files: list[tuple[str, bytes]], urls: list[str]) -> Job:
        folder = self.uploads
        paths = []
        for filename, content in files:
            path = os.path.join(folder, hashlib.sha256(content).hexdigest()[:12], safe_name(filename))
            if not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as handle:
                    handle.write(content)
            paths.append(path)
        paths.extend(urls)
        job = Job(secrets.token_hex(8), total=len(paths))
        self.jobs[job.id] = job
        for old in list(self.jobs)[:-KEEP_JOBS]:   # a long-running server keeps the latest only
            if self.jobs[old].state in ("finished", "failed"):
                del self.jobs[old]
        self.queue.put_nowait((job, paths, folder))   # under self.lock, after the check: never Full
        if self.worker is None:
            self.worker = threading.Thread(target=self._work, daemon=True, name="armstrack-ingest")
            self.worker.start()
        return job

    def _work(self) -> None:
        while True:
            try:
                job, paths, folder = self.queue.get(timeout=WORKER_IDLE)
            except queue.Empty:
                with self.lock:       # start() queues and checks for a worker under this lock
                    if self.queue.empty():
                        self.worker = None
                        return
                continue
            try:
                self._run(job, paths, folder)
            finally:
                self.queue.task_done()

    def _run(self, job: Job, paths: list[str], folder: str) -> None:
        job.state = "running"
        try:
            with open_store(self.settings.store_url) as store:
                from .. import pipeline  # the parser loads with the first job, not with the app

                report = pipeline.ingest(paths, store, settings=self.settings,
                                         progress=lambda n: setattr(job, "done", job.done + n),
                                         on_error=lambda line: job.errors.append(
                                             line.replace(folder + os.sep, "")),
                                         on_stored=lambda article, stored_id: job.articles.append(stored_id))
                job.claims = changed_claims(store, job.articles)
            job.added, job.duplicates, job.events = report.added, report.duplicates, report.events
            job.summary = report.summary()
            job.state = "finished"
        except Exception as exc:  # noqa: BLE001 - the job page shows it; the server goes on
            job.errors.append(f"ingest stopped: {exc}")
            job.state = "failed"
        finally:
            job.done = job.total if job.state == "finished" else job.done

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)


def changed_claims(store, article_ids: list[str]) -> list[str]:
    """The claims the TRANSFER events of these articles are reports of, each once, in order."""
    from .. import claims, query

    found: dict[str, None] = {}
    for article_id in dict.fromkeys(article_ids):
        for view in query.get_article(store, article_id).events:
            if view.event.type == "TRANSFER":
                claim = claims.claim_for_event(store, view.id)
                if claim is not None:
                    found.setdefault(claim.id)
    return list(found)
