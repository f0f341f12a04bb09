"""ASGI guard in front of the app: body size limit, stalled bodies, Host check, security headers.

Plain ASGI, no dependency on the web framework, so its rules can be tested on their own.
"""
import asyncio
from typing import Any

MAX_BODY = 2 * 1024 * 1024
BODY_TIMEOUT = 15.0  # seconds a client may take to send its body; a stalled upload gets 408
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def _host_name(value: bytes) -> str:
    """`Host` header value without its port, lowercased (`[::1]:8000` -> `[::1]`)."""
    host = value.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_hosts(bind: str) -> frozenset[str] | None:
    """Host names a server bound to `bind` answers to (a DNS-rebinding page names its own host);
    None (any) when bound to every interface, where the names are not known."""
    if bind in ("0.0.0.0", "::", ""):
        return None
    local = {"localhost", "127.0.0.1", "[::1]"}
    return frozenset(local | {bind.lower() if ":" not in bind else f"[{bind.lower()}]"})




class Guard:
    """Rejects bodies over `max_body` bytes with 413 (declared or streamed), a body that stalls
    with 408, a Host header not in `hosts` with 400, and adds security headers."""

    def __init__(self, app: Any, max_body: int = MAX_BODY, hosts: frozenset[str] | None = None,
                 body_timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts
        self.body_timeout = body_timeout

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers") or [])
        if self.hosts is not None and _host_name(headers.get(b"host", b"")) not in self.hosts:
            await _reply(send_with_headers, 400, b'{"detail":"Host header not allowed (serve with --host NAME)"}')
            return
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _reply(send_with_headers, 400, b'{"detail":"invalid Content-Length"}')
                return
            if int(declared) > self.max_body:
                await _reply(send_with_headers, 413, b'{"detail":"request body too large"}')
                return
        # buffer the body (it is small by construction) so an oversized stream is refused before use
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except asyncio.TimeoutError:
                await _reply(send_with_headers, 408, b'{"detail":"request body not received in time"}')
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _reply(send_with_headers, 413, b'{"detail":"request body too large"}')
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


async def _reply(send: Any, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
