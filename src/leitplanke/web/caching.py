"""HTTP caching for every response: a strong ETag from the body's hash, Cache-Control, and 304.

The middleware buffers each GET response (everything served is rendered in memory anyway),
hashes the body into a strong ETag and answers a matching If-None-Match with 304 Not Modified.
Routes choose Cache-Control; a response without one gets `SHORT` (success) or `no-cache`.
"""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SHORT = "public, max-age=300"
VERSIONED = "public, max-age=86400"
ERROR = "no-cache"

# Headers a 304 repeats from the 200 it stands for (RFC 9110, 15.4.5).
_KEPT_ON_304 = ("cache-control", "content-location", "date", "etag", "expires", "vary")


def strong_etag(body: bytes) -> str:
    """A strong entity tag: the first 128 bits of the body's SHA-256, quoted."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks)."""
    candidates = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in candidates or etag in (tag.removeprefix("W/") for tag in candidates)


class CachingMiddleware:
    """Adds ETag and Cache-Control to GET responses and turns matching requests into 304."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._respond(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, capture)

    async def _respond(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        status = start["status"]
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        etag = strong_etag(body)
        headers["etag"] = etag
        if "cache-control" not in headers:
            headers["cache-control"] = SHORT if 200 <= status < 300 else ERROR
        if_none_match = Headers(scope=scope).get("if-none-match")
        if status == 200 and if_none_match and etag_matches(if_none_match, etag):
            kept = [(k, v) for k, v in headers.raw if k.decode("latin-1") in _KEPT_ON_304]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
