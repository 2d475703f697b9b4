"""Extraction over a Dask cluster: `armstrack ingest --dask tcp://HOST:8786` (a running
scheduler) or `--dask local:N` (a LocalCluster of N worker processes, one thread each).

The work sent is `workers.work`, the function `--workers` runs: a batch of articles through
the gate, the parser and the extractors. A batch the cluster cannot finish (its workers kept
dying: Dask's KilledWorker after `distributed.scheduler.allowed-failures` deaths, 3 by default)
comes back as a `workers.BatchLost` for each of its articles, reported once for the batch; the
other batches go on (issue 21: one such batch used to end the run with a traceback). Each Dask worker loads the spaCy pipeline and the
gate once (`workers.ready`, cached in the worker process) and keeps them for every batch it is
given. The caller reads the sources, skips what the store holds already (so a run that was
cut off resumes where it stopped), keeps at most eight batches per worker thread in flight,
and writes the results into the store in input order: they are the results of one process.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..errors import ConfigError
from ..records import Article
from ..settings import Settings
from .workers import BatchLost, Result, in_order, work

_LOCAL = re.compile(r"local:(\d+)$")


def check_address(address: str) -> str:
    """`address` if it names a cluster (`local:N` with N >= 1, or a scheduler address such as
    tcp://HOST:8786); raises ConfigError saying what to write instead, or that Dask, an
    optional extra, is not installed."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        raise ConfigError(f"--dask {address}: Dask is not installed; it is the dask extra "
                          "(pip install 'armstrack[dask]')")
    local = _LOCAL.match(address)
    if (local and int(local[1]) >= 1) or re.match(r"(tcp|tls|inproc|ws|wss)://\S+$", address):
        return address
    raise ConfigError(f"--dask {address}: give local:N (a cluster of N worker processes on this machine) "
                      "or a scheduler address such as tcp://HOST:8786")


@contextmanager
def connect(address):
    """A dask.distributed Client for `address` (see `check_address`), or the Client given;
    a LocalCluster started here is stopped at the end."""
    from distributed import Client

    if isinstance(address, Client):
        yield address
        return
    local = _LOCAL.match(check_address(address))
    if local:
        from distributed import LocalCluster

        with LocalCluster(n_workers=int(local[1]), threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=30)
    except OSError as exc:
        raise ConfigError(f"--dask {address}: no Dask scheduler answers there ({exc}); start one "
                          "with `dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`") from exc
    with client:
        yield client


def extract_distributed(articles: Iterable[Article], *, settings: Settings,
                        batch_size: int = 32) -> Iterator[Result]:
    """`pipeline.extract_planned` on the Dask cluster at `settings.dask` (an address, or a
    Client), in the order of `articles`."""
    sent = settings.for_workers()
    with connect(settings.dask) as client:
        threads = max(1, sum(client.nthreads().values()))

        def submit(batch: list[Article]):
            # pure=False: two batches that hold the same articles are still two tasks
            future = client.submit(work, batch, sent, batch_size, pure=False)

            def wait() -> list:
                try:
                    return future.result()
                except Exception as exc:  # noqa: BLE001 - KilledWorker and the like: this batch is lost
                    lost = BatchLost(batch, exc)
                    return [(article, lost, False) for article in batch]
            return wait

        yield from in_order(articles, submit, limit=8 * threads, batch_size=batch_size)  # as workers.Pool
