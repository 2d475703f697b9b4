"""Marked points where a test kills the process, to prove a kill there loses nothing.

`ARMSTRACK_CRASH_AT=after-article` (say) makes the process SIGKILL itself when it reaches that
point; unset, each point costs one dictionary lookup. Points: `after-article` (an article and
its events are committed, its claims not yet updated), `in-migration` (a migration's statements
ran, its transaction is not committed), `in-rebuild` (a claims rebuild wrote its first batch).
"""
from __future__ import annotations

import os
import signal


def point(name: str) -> None:
    if os.environ.get("ARMSTRACK_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
