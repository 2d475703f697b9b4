"""The armstrack command line: every command is a thin wrapper over a library call. One module
a command group, each giving its `COMMANDS`; the shared options are `options.py`. Commands that
parse import the pipeline inside themselves, so `--help`, `--version` and every read answer
without loading spaCy (tests/test_startup.py)."""
from __future__ import annotations

import click

from . import claims, ingest, kb, live, query, store, web
from . import eval as evaluation


@click.group()
@click.version_option(package_name="armstrack")
def cli():
    """Read news, keep a sourced record of arms transfers."""


for _module in (ingest, evaluation, kb, claims, query, web, live, store):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli()
