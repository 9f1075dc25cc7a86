"""What `triage serve` accepts from a browser, as pure functions the server and the tests share.

- **Host**: an HTTP request must name one of the server's own host names (the `--host` address,
  the `--public-url` host, and `localhost` for a loopback server) with its port. A DNS-rebinding
  name (`evil.example` resolving to 127.0.0.1) is refused.
- **Origin**: a websocket must come from a page this server served (`http://HOST:PORT` for one
  of those host names). Any other web page open in the facilitator's browser is refused.
- **Sizes**: a terminal is at most `MAX_COLUMNS` x `MAX_ROWS`; a websocket message at most
  `MAX_MESSAGE_BYTES`, its keystrokes at most `MAX_STDIN_CHARS`.
- **Messages**: `["stdin", TEXT]`, `["resize", {"width": W, "height": H}]`, `["ping", TEXT]`,
  `["focus"]` or `["blur"]`; anything else is malformed.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_COLUMNS = 500
MAX_ROWS = 200
DEFAULT_SIZE = (80, 24)
MAX_MESSAGE_BYTES = 8 * 1024
"""A websocket message larger than this closes the tab (textual.js sends keys one by one)."""
MAX_STDIN_CHARS = 4096
"""Keystrokes (or pasted text) in one message."""
LOOPBACK_NAMES = ("localhost", "ip6-localhost")


class Malformed(ValueError):
    """A websocket message that is not one the page sends; the message says what was wrong."""


@dataclass(frozen=True)
class Message:
    """A checked message from the page: its kind and its data (text, or a clamped size)."""

    kind: str
    text: str = ""
    size: tuple[int, int] | None = None


def host_text(host: str) -> str:
    """A host as it appears in a URL: IPv6 addresses in brackets, names lower-cased."""
    bare = host.strip().strip("[]").rstrip(".").casefold()
    try:
        if ipaddress.ip_address(bare).version == 6:
            return f"[{bare}]"
    except ValueError:
        pass
    return bare


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address or name."""
    bare = host.strip().strip("[]").casefold()
    if bare in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str, port: int, public_url: str | None = None,
                  extra: Iterable[str] = ()) -> frozenset[str]:
    """The `Host` values the server answers: each name with its port (and bare for 80/443)."""
    names = {host_text(n) for n in extra if n}
    if bind not in ("0.0.0.0", "::", ""):
        names.add(host_text(bind))
    if is_loopback(bind) or bind in ("0.0.0.0", "::", ""):
        names |= {"localhost", "127.0.0.1", "[::1]"}
    hostports = {f"{name}:{port}" for name in names}
    if public_url:
        parts = urlsplit(public_url)
        if parts.hostname:
            default = 443 if parts.scheme == "https" else 80
            public_port = parts.port or default
            hostports.add(f"{host_text(parts.hostname)}:{public_port}")
            if public_port == default:
                hostports.add(host_text(parts.hostname))
    if port in (80, 443):
        hostports |= names
    return frozenset(hostports)


def split_host(value: str) -> tuple[str, int | None] | None:
    """`HOST[:PORT]` (IPv6 in brackets) as (host as in a URL, port or None); None if malformed."""
    value = value.strip()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[:end + 1], value[end + 1:]
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest and not (rest.startswith(":") and rest[1:].isdigit() and len(rest) <= 6):
        return None
    return (host_text(name), int(rest[1:]) if rest else None) if name else None


def _known(host: str, port: int | None, allowed: frozenset[str]) -> bool:
    return (f"{host}:{port}" if port is not None else host) in allowed


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a request's `Host` header names this server."""
    found = split_host(header or "")
    return found is not None and _known(*found, allowed)


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    """Whether a websocket's `Origin` is a page of this server (`http(s)://` an allowed host)."""
    if not origin:
        return False
    scheme, _, rest = origin.partition("://")
    if scheme not in ("http", "https") or "/" in rest.rstrip("/") or "@" in rest:
        return False
    found = split_host(rest.rstrip("/"))
    return found is not None and _known(*found, allowed)


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size the server will start a process with: integers within 1..500 x 1..200
    (anything that is not a whole number gives the default 80 x 24)."""
    def number(value: object, default: int) -> int:
        if isinstance(value, bool):
            return default
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 8:
            return int(value)
        return default

    columns = min(MAX_COLUMNS, max(1, number(width, DEFAULT_SIZE[0])))
    rows = min(MAX_ROWS, max(1, number(height, DEFAULT_SIZE[1])))
    return columns, rows


def parse_message(text: str) -> Message:
    """Check one websocket text message; `Malformed` says what is wrong with it."""
    try:
        envelope = json.loads(text)
    except ValueError:
        raise Malformed("not JSON") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise Malformed("expected a list starting with the message type")
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind in ("focus", "blur"):
        return Message(kind)
    if kind in ("stdin", "ping"):
        if not isinstance(data, str):
            raise Malformed(f"{kind}: expected text")
        if len(data) > MAX_STDIN_CHARS:
            raise Malformed(f"{kind}: more than {MAX_STDIN_CHARS} characters")
        return Message(kind, data)
    if kind == "resize":
        if not isinstance(data, dict) or not {"width", "height"} <= set(data):
            raise Malformed("resize: expected {width, height}")
        width, height = data["width"], data["height"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (width, height)):
            raise Malformed("resize: width and height must be whole numbers")
        return Message(kind, size=clamp_size(width, height))
    raise Malformed(f"unknown message type {kind[:20]!r}")
