"""ingest: sources (files, folders, stdin, JSON Lines, HTML) -> Article records.

Every reader yields either an `Article` or an `IngestError` naming the source and the reason, and
nothing else: whatever one source holds, the batch goes on. Readers stream: folders are walked
entry by entry and JSON Lines read line by line, so memory stays bounded by one record.
"""
from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import ConfigError, IngestError
from ..records import Article
from .clean import clean_mapped, clean_text, content_id, fold  # noqa: F401 - given out here
from .decode import sniff

from .articles import (ARTICLE_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, MAX_BYTES, META_FIELDS,  # noqa: F401
                       TEXT_SUFFIXES, dateline_date, display, headline, make_article, parse_date,
                       _Chain, read_html, read_jsonl, read_text, split_header)

__all__ = ["MAX_BYTES", "clean_mapped", "headline", "split_header", "clean_text", "content_id", "fold", "make_article", "parse_date",
           "read_html", "read_jsonl", "read_sources", "read_text", "display"]


# ---- sources ------------------------------------------------------------------------------
def _entries(folder: Path) -> Iterator[os.DirEntry] | IngestError:
    try:
        with os.scandir(folder) as scan:
            return iter(sorted(scan, key=lambda e: e.name))
    except OSError as exc:
        return IngestError(display(folder), f"cannot read folder ({exc.strerror or exc})")


def _walk(folder: Path, skipped: dict[str, int] | None = None) -> Iterator[Path | IngestError]:
    """Article files under `folder` in the order of their sorted paths; an unreadable folder is
    an error line. Hidden files and folders, and folders reached through symlinks, are left out;
    files of other kinds are counted by suffix into `skipped`. An explicit stack, so no nesting
    depth is too deep."""
    first = _entries(folder)
    if isinstance(first, IngestError):
        yield first
        return
    stack = [first]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                inner = _entries(Path(entry.path))
                if isinstance(inner, IngestError):
                    yield inner
                else:
                    stack.append(inner)
                continue
        except OSError as exc:
            yield IngestError(display(entry.path), f"cannot read ({exc.strerror or exc})")
            continue
        # inside folders only article files count: READMEs and fact files stay out; a FIFO or
        # device named like an article is passed on, to be refused with its reason
        suffix = Path(entry.name).suffix.lower()
        if suffix in ARTICLE_SUFFIXES:
            yield Path(entry.path)
        elif skipped is not None:   # left out, but said (issue 24: a .pdf went without a word)
            skipped[suffix] = skipped.get(suffix, 0) + 1


# "htp://", "https:/", "ftp://": a scheme, so an address, not a file name ("C:/" is a drive)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")


def expand(paths: Iterable[str | Path], *, skipped: dict[str, int] | None = None) -> Iterator[Path | str | IngestError]:
    """Every source the paths name: files, the article files of folders, "-" for stdin.
    Files of other kinds found in folders are counted by suffix into `skipped`."""
    from .fetch import is_url

    for path in paths:
        if str(path) == "-" or is_url(path):  # an address before Path() folds its "//"
            yield str(path)
            continue
        if isinstance(path, str) and _SCHEME.match(path) and not os.path.exists(path):
            scheme = path.split(":", 1)[0]
            yield IngestError(path, f"looks like a mistyped URL ({scheme}:): only http:// and https:// "
                                    "addresses are fetched; anything else is read as a file path")
            continue
        path = Path(path)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, skipped)
        else:
            yield path


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def _read_capped(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(source, f"input too large (> {max_bytes / 1e6:.1f} MB limit; raise --max-bytes)")
    return data


def _by_content(data: bytes, source: str, suffix: str, encoding: str | None) -> Article:
    if suffix in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        return read_html(data, source, encoding=encoding)
    return read_text(data, source, encoding=encoding)


def _read_one(path: Path | str, *, encoding: str | None, max_bytes: int,
              stdin: BinaryIO | None) -> Iterator[Article | IngestError]:
    if path == "-":
        stream = stdin or sys.stdin.buffer
        head = stream.read(8192)
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if start.startswith(b"{"):
            yield from read_jsonl(io.BufferedReader(_Chain(head, stream)), "<stdin>",
                                  encoding=encoding, max_bytes=max_bytes)
        else:
            data = head + _read_capped(stream, "<stdin>", max(max_bytes - len(head), 0))
            yield _by_content(data, "<stdin>", ".txt", encoding)
        return
    source, suffix = display(path), path.suffix.lower()
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(source, f"not a regular file ({_kind(info.st_mode)}); give a file or a folder")
        if suffix not in JSONL_SUFFIXES and info.st_size > max_bytes:
            raise IngestError(source, f"file too large ({info.st_size / 1e6:.1f} MB > "
                                      f"{max_bytes / 1e6:.1f} MB limit; raise --max-bytes)")
        stream = open(path, "rb")
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or exc})") from None
    with stream:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(stream, source, encoding=encoding, max_bytes=max_bytes)
        else:
            try:
                data = _read_capped(stream, source, max_bytes)
            except OSError as exc:
                raise IngestError(source, f"cannot read ({exc.strerror or exc})") from None
            yield _by_content(data, source, suffix, encoding)


def read_sources(paths: Iterable[str | Path], *, encoding: str | None = None,
                 max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None, fetcher=None,
                 allow_private: bool = False, skipped: dict[str, int] | None = None) -> Iterator[Article | IngestError]:
    """Yield an Article (or the IngestError explaining why not) for every source in `paths`.

    Folders are walked recursively; "-" reads standard input (plain text, or JSON Lines when
    it starts with "{"); http(s) URLs are fetched (`fetch.Fetcher`, one per call unless
    `fetcher` is given; it refuses private, loopback and link-local addresses unless
    `allow_private`). Nothing a source holds makes this raise. Files of other kinds in
    folders (.md, .pdf, .docx) are left out and counted by suffix into `skipped`.
    """
    if max_bytes <= 0:
        raise ConfigError(f"the size limit must be a positive number of bytes, not {max_bytes}")
    if encoding:
        try:
            sniff(b"", encoding)  # the codec lookup every decode makes, once up front
        except IngestError:
            raise ConfigError(f"unknown encoding {encoding!r}; use a Python codec name such as utf-8, "
                              "utf-16, latin-1 or cp1252") from None
    from . import fetch

    shared = fetch.Shared(fetcher, max_bytes=max_bytes, allow_private=allow_private)  # opened at the first URL
    try:
        yield from _read_all(paths, encoding, max_bytes, stdin, shared, skipped)
    finally:
        shared.close()


def _read_all(paths, encoding, max_bytes, stdin, shared, skipped=None) -> Iterator[Article | IngestError]:
    from . import fetch

    for path in expand(paths, skipped=skipped):
        if isinstance(path, IngestError):
            yield path
            continue
        if fetch.is_url(path):
            yield fetch.read_url(path, shared.get(), encoding=encoding)
            continue
        source = "<stdin>" if path == "-" else display(path)
        try:
            yield from _read_one(path, encoding=encoding, max_bytes=max_bytes, stdin=stdin)
        except IngestError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - one source must never cost the batch
            yield IngestError(source, f"cannot read ({type(exc).__name__}: {str(exc)[:200]})")


__all__ += ["expand"]
