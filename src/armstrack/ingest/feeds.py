"""feeds: read RSS, Atom, JSON Feed and sitemaps into their item URLs (`parse_feed`).

The watcher that polls feeds into the store is `armstrack.pipeline.watch`; the feed state it
keeps is `armstrack.store.feeds`.
"""
from __future__ import annotations

import json
import re
import xml.sax
from dataclasses import dataclass

from ..errors import IngestError

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "application/json", "text/html", "text/plain")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Item:
    url: str
    title: str | None = None
    nested: bool = False      # a sitemap named by a sitemap index: polled as a feed itself


def _sitemap(body: bytes, url: str) -> list[Item] | None:
    """The URLs of a sitemap (urlset) or sitemap index, or None when the body is neither.
    Parsed without entities, DTDs or network access, so a hostile sitemap cannot expand."""
    head = body[:4096].lower()
    if b"<urlset" not in head and b"<sitemapindex" not in head:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(url, f"malformed XML ({exc})") from None
    name = etree.QName(root).localname
    kind = {"urlset": "url", "sitemapindex": "sitemap"}.get(name)
    if kind is None:
        raise IngestError(url, f"not a sitemap (root element <{name}>)")
    out = []
    for entry in root:
        if not isinstance(entry.tag, str) or etree.QName(entry).localname != kind:
            continue
        loc = next((c.text for c in entry if isinstance(c.tag, str) and etree.QName(c).localname == "loc"), None)
        if loc and loc.strip():
            out.append(Item(loc.strip(), nested=kind == "sitemap"))
    return out


def _json_feed(body: bytes, url: str) -> list[Item] | None:
    if not body.lstrip()[:1] == b"{":
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise IngestError(url, f"malformed JSON feed ({str(exc)[:120]})") from None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise IngestError(url, "not a feed (JSON without a jsonfeed.org version)")
    items = data.get("items") if isinstance(data.get("items"), list) else []
    out = []
    for entry in items:
        if isinstance(entry, dict):
            link = entry.get("url") or entry.get("external_url")
            if isinstance(link, str) and link.strip():
                title = entry.get("title") if isinstance(entry.get("title"), str) else None
                out.append(Item(link.strip(), title))
    return out


_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def parse_feed(body: bytes, url: str) -> list[Item]:
    """The items of an RSS, Atom or JSON Feed document or a sitemap, in document order.
    Raises IngestError (one line) for malformed XML or a body that is no feed."""
    for reader in (_sitemap, _json_feed):
        found = reader(body, url)
        if found is not None:
            return found
    if _HTML_START.match(body[:512]):
        raise IngestError(url, "not a feed: an HTML page (give the site's RSS or Atom feed, or its sitemap; "
                               "armstrack ingest reads a page)")
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        raise IngestError(url, f"malformed XML ({str(problem)[:160]})")
    if not parsed.get("version"):
        raise IngestError(url, "not a feed (no RSS, Atom, JSON Feed or sitemap found)")
    out = []
    for entry in parsed.entries:
        link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        if link:
            out.append(Item(link.strip(), entry.get("title")))
    return out
