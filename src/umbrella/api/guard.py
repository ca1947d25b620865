"""What stands in front of the app: the bearer token on every `/api` request (when the server has
one) and the cap on request bodies, as one plain ASGI middleware (it sees every request before
routing, and streams nothing it has not counted).

The dashboard page (`/`) and `/openapi.json` are static and load without the token; the page reads
the token once from its URL fragment (`#token=...`, which browsers never send), keeps it in
sessionStorage and sends `Authorization: Bearer <token>` with every /api request."""
from __future__ import annotations

import hmac
import ipaddress
import json
import re
from typing import Any, Awaitable, Callable, Optional

from umbrella.errors import Problem

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: RFC 6750's b64token: what may follow `Bearer ` in a header, and needs no escaping in a URL fragment
TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
MIN_TOKEN = 16


def token_problem(token: str) -> Optional[str]:
    """None for a usable token, otherwise why it is not one."""
    if not TOKEN.fullmatch(token):
        return "a token is made of A-Z a-z 0-9 - . _ ~ + / (then = padding), no spaces"
    if len(token) < MIN_TOKEN:
        return f"a token has at least {MIN_TOKEN} characters (it is all that guards the server)"
    return None


def is_loopback(host: str) -> bool:
    """Whether `host` only reaches this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


async def _answer(send: Send, status: int, problem: Problem, headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    body = json.dumps({"errors": [str(problem)]}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: 401 for an /api request without the server's token (compared in constant
    time), 413 for a body over `max_body` bytes, counted as it arrives (a Content-Length over the cap
    is refused before a byte is read; a chunked body when it passes the cap)."""

    def __init__(self, app: ASGIApp, token: Optional[str], max_body: int):
        self.app, self.max_body = app, max_body
        self.token = token.encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])     # names are lower-case bytes; a repeated header: the last
        if self.token is not None and scope["path"].startswith("/api") and not self._authorized(headers):
            return await _answer(send, 401, Problem("<request>", 0, "Authorization",
                                                    "this server needs its token: send 'Authorization: Bearer TOKEN' "
                                                    "(the dashboard takes it from the URL it was opened with, "
                                                    "#token=...)"),
                                 ((b"www-authenticate", b'Bearer realm="umbrella"'),))
        too_big = Problem("<request body>", 0, "-", f"the request body is larger than {self.max_body} bytes")
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            return await _answer(send, 413 if length.isdigit() else 400,
                                 too_big if length.isdigit() else
                                 Problem("<request>", 0, "Content-Length", "not a number of bytes"))
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":        # the client went away
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                return await _answer(send, 413, too_big, ((b"connection", b"close"),))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    def _authorized(self, headers: dict[bytes, bytes]) -> bool:
        scheme, _, given = headers.get(b"authorization", b"").partition(b" ")
        return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token or b"")
