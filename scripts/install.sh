#!/bin/sh
# Creates the virtual environment and installs armstrack into it from the hash-pinned lock.
# Prints one line per step; pip's own output goes to a log that is shown only when a step fails.
# usage: scripts/install.sh PYTHON VENV
set -eu
PY=$1
VENV=$2
LOG=$VENV.install.log
: >"$LOG"

step() {
    msg=$1
    shift
    printf '%s ... ' "$msg"
    if "$@" >>"$LOG" 2>&1; then
        echo ok
    else
        echo "failed; the log ($LOG) follows"
        cat "$LOG" >&2
        exit 1
    fi
}

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
step "create $VENV" "$PY" -m venv "$VENV"
# whatever pip the venv starts with, the lock is read by this one: older resolvers misread
# a lock in hash mode once a newer release of a pinned package is published
step "pin the installer (requirements-bootstrap.txt)" \
    "$VENV/bin/python" -m pip install --require-hashes --no-deps -r requirements-bootstrap.txt
# the lock is the whole closure, so nothing is resolved: what is listed is what is installed
step "install the lock (requirements.lock, hash-checked)" \
    "$VENV/bin/python" -m pip install --require-hashes --no-deps -r requirements.lock
step "check the installed set is consistent" "$VENV/bin/python" -m pip check
step "install armstrack (editable)" \
    "$VENV/bin/python" -m pip install --no-deps --no-build-isolation -e .
