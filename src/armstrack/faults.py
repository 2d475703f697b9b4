"""Marked points where a test kills the process, to prove a kill there loses nothing.

`ARMSTRACK_CRASH_AT=after-article` (say) makes the process SIGKILL itself when it reaches that
point; unset, each point costs one dictionary lookup. Points: `after-article` (an article and
its events are committed, its claims not yet updated), `in-migration` (a migration's statements
ran, its transaction is not committed), `in-rebuild` (a claims rebuild wrote its first batch),
`in-batch` (a worker process, of `--workers` or a Dask cluster, was given a batch; its `about`
is the batch's sources, one a line). With `ARMSTRACK_CRASH_IF=TEXT` too, only a point whose
`about` holds TEXT kills (issue 21: a batch that kills every worker it is given).
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable


def point(name: str, *, about: Callable[[], str] | None = None) -> None:
    if os.environ.get("ARMSTRACK_CRASH_AT") == name:
        only = os.environ.get("ARMSTRACK_CRASH_IF")
        if only and (about is None or only not in about()):
            return
        os.kill(os.getpid(), signal.SIGKILL)
