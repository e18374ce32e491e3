"""The page set of the scanner's tests, served for every host name by one local server.

Requests for the server's own address get the pages of `tests/data/scan/site`; requests that
name another host (in the Host header) get that host's stand-in files from
`tests/data/scan/third-party/<host>/` (an empty answer where there is none) and, for some hosts,
a cookie, as the real platforms set them. The browser tests answer third-party requests through
`forwarding_responder`, so nothing leaves the machine.
"""

import mimetypes
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from leitplanke.scan import StubResponse, ThirdPartyRequest

DATA = Path(__file__).resolve().parents[1] / "data" / "scan"
SITE = DATA / "site"
THIRD_PARTY = DATA / "third-party"
COOKIES = {
    "facebook.com": "datr=test; Domain=.facebook.com; Path=/; Max-Age=63072000; Secure; "
    "SameSite=None",
    "youtube.com": "VISITOR_INFO1_LIVE=test; Domain=.youtube.com; Path=/; Max-Age=15552000; "
    "Secure; SameSite=None",
}
REDIRECTS = {
    "/weiter": "http://169.254.169.254/latest/meta-data/",  # to a link-local address
    "/umleitung": "/plugins/youtube.html",
}
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def _file(root: Path, path: str) -> Path | None:
    target = (root / path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(root.resolve()) or not target.is_file():
        return None
    return target


def _content_type(path: Path) -> str:
    if path.name == "js" or path.suffix == ".js":
        return "text/javascript; charset=utf-8"
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def make_site_app(base_url: str) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """An ASGI app serving the page set for its own address and stand-ins for other hosts."""
    own = urlsplit(base_url).netloc

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        host = headers.get("host", own)
        path = scope["path"]
        answer_headers: list[tuple[bytes, bytes]] = []
        if host == own:
            if path in REDIRECTS:
                status, body = 302, b""
                answer_headers.append((b"location", REDIRECTS[path].encode()))
            else:
                found = _file(SITE, path)
                status, body = (200, found.read_bytes()) if found else (404, b"nicht gefunden")
                content_type = _content_type(found) if found else "text/plain; charset=utf-8"
                answer_headers.append((b"content-type", content_type.encode()))
        else:
            name = host.split(":")[0]
            found = _file(THIRD_PARTY / name, path)
            status, body = 200, found.read_bytes() if found else b""
            content_type = _content_type(found) if found else "text/html; charset=utf-8"
            answer_headers.append((b"content-type", content_type.encode()))
            for domain, cookie in COOKIES.items():
                if name == domain or name.endswith("." + domain):
                    answer_headers.append((b"set-cookie", cookie.encode()))
        # A length lets the server send head and body at once (no 40 ms wait for an ACK).
        answer_headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": answer_headers})
        await send({"type": "http.response.body", "body": body})

    return app


def forwarding_responder(base_url: str) -> Callable[[ThirdPartyRequest], Awaitable[StubResponse]]:
    """A responder that asks the local server, naming the third party in the Host header."""

    async def respond(request: ThirdPartyRequest) -> StubResponse:
        parts = urlsplit(request.url)
        local = (
            base_url.rstrip("/") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        )
        async with httpx.AsyncClient() as client:
            response = await client.get(local, headers={"Host": parts.netloc})
        headers = {"content-type": response.headers.get("content-type", "text/plain")}
        cookies = response.headers.get_list("set-cookie")
        if cookies:
            headers["set-cookie"] = "\n".join(cookies)
        return StubResponse(status=response.status_code, headers=headers, body=response.content)

    return respond
