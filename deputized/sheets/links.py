"""Cleaning the MOA and ADDENDUM hyperlink targets ICE's staff pasted into the workbooks."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader; they never change the document a link points to.
_TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|mc_[ce]id|_hs.*|mkt_tok)$", re.IGNORECASE)
_EMBEDDED_URL = re.compile(r"https?:/{1,2}[^/].*$", re.IGNORECASE)
# ICE's own hosts, which serve only HTTPS.
ICE_HOSTS = frozenset({"www.ice.gov", "ice.gov"})


_SCHEME_SLASHES = re.compile(r"^(https?):/+(?=[^/])", re.IGNORECASE)
# A URL clean_url returns as it is: https, a lower-case host, a path of characters quote() keeps
# (no %, no space), no query, no fragment. Most of ICE's MOA links; they skip the parsing.
_PLAIN_URL = re.compile(r"https://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?:/[A-Za-z0-9/:@!$&'()*+,;=._~-]*)?")


def _fix_slashes(url: str) -> str:
    match = _SCHEME_SLASHES.match(url)
    if match is None or match.end() == len(match.group(1)) + 3:  # none, or already `https://`
        return url
    return f"{match.group(1)}://{url[match.end() :]}"


def _is_safelinks(host: str) -> bool:
    return host.endswith("safelinks.protection.outlook.com")


# SafeLinks parameters that identify the mailbox the link passed through (an ICE staff address,
# its tenant and a signature); nothing of them may be stored or shown.
_MAILBOX_PARAMS = {"data", "sdata", "reserved"}
_URL_IGNORED = str.maketrans("", "", "\t\r\n")


# ICE republishes the same links in file after file; both functions are pure, so they are cached.
@functools.lru_cache(maxsize=16384)
def redact_mailbox(target: str) -> str:
    """A hyperlink target as stored, minus what identifies a mailbox: the raw layer keeps the
    SafeLinks wrapper (so one can see ICE's link went through Outlook) but never the mailbox."""
    # urlsplit drops tabs and newlines, so the host is found in the text only without them.
    if "safelinks" not in target.lower().translate(_URL_IGNORED):
        return target
    parts = urlsplit(_fix_slashes(target.strip()))
    if not _is_safelinks(parts.netloc.lower()):
        return target
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _MAILBOX_PARAMS
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))


def _unwrap(url: str) -> str:
    """Peel Outlook SafeLinks (whose `data=` names a staff mailbox) and browser-viewer prefixes."""
    for _ in range(5):  # wrappers can nest; five is more than ICE has ever used
        # Repair `https:/host` first: a one-slash SafeLinks wrapper would otherwise go unrecognized.
        url = _fix_slashes(url)
        parts = urlsplit(url)
        if _is_safelinks(parts.netloc.lower()):
            target = dict(parse_qsl(parts.query)).get("url")
            if not target:
                return ""
            url = target.strip()
            continue
        if parts.scheme.lower() not in {"http", "https"}:
            # chrome-extension://<id>/https:/www.ice.gov/... (a PDF viewer's address)
            embedded = _EMBEDDED_URL.search(url[len(parts.scheme) + 3 :]) if parts.scheme else None
            if embedded:
                url = embedded.group(0)
                continue
        break
    return url


@functools.lru_cache(maxsize=16384)
def clean_url(value: str | None) -> str | None:
    """A hyperlink target -> the plain URL of the document, or None when nothing usable is left.

    Repairs only what is unambiguous: `https:/www` (one slash), spaces, `http` for ICE's own host
    (which serves only HTTPS), and drops tracking parameters and fragments.
    """
    if value is None:
        return None
    url = value.strip()
    if not url:
        return None
    if _PLAIN_URL.fullmatch(url) and "safelinks" not in url:
        return url
    return _clean_parsed_url(url)


def _clean_parsed_url(url: str) -> str | None:
    url = _unwrap(url)
    url = _fix_slashes(url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    scheme = parts.scheme.lower()
    host = parts.netloc.strip().lower()  # `https:// www.ice.gov/…`: a pasted space
    if not host or any(ch.isspace() for ch in host):
        return None
    if scheme == "http" and host in ICE_HOSTS:
        scheme = "https"
    # Re-quote the path so that a pasted space and an encoded %20 come out the same.
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~")
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        ]
    )
    return urlunsplit((scheme, host, path, query, ""))


def is_ice_https(url: str | None) -> bool:
    """An https URL on one of ICE's hosts (standard port, no user part): the only links the site
    may call ICE's, whatever a workbook or a page says."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and parts.netloc.lower() in ICE_HOSTS | {f"{h}:443" for h in ICE_HOSTS}
        and port in (None, 443)
    )


def looks_like_url(text: str | None) -> bool:
    return bool(text) and bool(re.match(r"^(https?:/|www\.)", text.strip(), re.IGNORECASE))


def is_link_pending(text: str | None) -> bool:
    # `Link Pending`, `link pending `, `link\xa0pending`: any case, any run of whitespace.
    return bool(text) and " ".join(text.split()).casefold() == "link pending"
