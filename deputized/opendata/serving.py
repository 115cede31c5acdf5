"""Serving a download: validators (ETag, Last-Modified), conditional requests (304) and byte
ranges (206), so a client can check a file cheaply and resume one it did not finish.

A full file goes out as a FileResponse, which the server sends with `sendfile` where it can; a
range is streamed from the same open file in blocks. Either way the file stays open for the whole
response, and a rebuild replaces files by renaming new ones into place, so a download in progress
reads the file it started with to the end, never a mix of two builds. The validators come from
that open file too: an ETag made of its size and modification time in nanoseconds (what nginx
does), which a rebuild always changes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

BLOCK = 256 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _etag(stat: os.stat_result) -> str:
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def requested_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte of a single `bytes=` range; None when the whole file is to be sent
    (no header, several ranges, another unit: RFC 9110 lets a server ignore those); False when
    the range lies outside the file (416)."""
    match = _RANGE.match(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return False
    return start, end


def _if_range_holds(request: HttpRequest, etag: str, modified: int) -> bool:
    """If-Range: the range is sent only if the client's copy is the current one (a strong ETag,
    or the exact Last-Modified date); otherwise the whole file."""
    condition = request.headers.get("If-Range")
    if not condition:
        return True
    if condition.startswith('"'):
        return condition == etag
    return parse_http_date_safe(condition) == modified


def _blocks(handle: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        while length > 0:
            block = handle.read(min(BLOCK, length))
            if not block:
                return
            length -= len(block)
            yield block
    finally:
        handle.close()


def file_response(request: HttpRequest, path: Path, content_type: str) -> HttpResponse:
    handle = path.open("rb")
    stat = os.fstat(handle.fileno())
    size, etag, modified = stat.st_size, _etag(stat), int(stat.st_mtime)
    validators = {"ETag": etag, "Last-Modified": http_date(modified), "Accept-Ranges": "bytes"}
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        handle.close()
        return _with(not_modified, validators)
    wanted = requested_range(request.headers.get("Range", ""), size)
    if wanted is False and _if_range_holds(request, etag, modified):
        handle.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return _with(refused, validators)
    if wanted and _if_range_holds(request, etag, modified) and wanted != (0, size - 1):
        first, last = wanted
        partial = StreamingHttpResponse(
            _blocks(handle, first, last - first + 1), status=206, content_type=content_type
        )
        partial["Content-Range"] = f"bytes {first}-{last}/{size}"
        partial["Content-Length"] = str(last - first + 1)
        return _with(partial, validators)
    return _with(FileResponse(handle, content_type=content_type), validators)


def _with(response: HttpResponse, headers: dict[str, str]) -> HttpResponse:
    for name, value in headers.items():
        response[name] = value
    return response
